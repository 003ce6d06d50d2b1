"""national.xlsx's sheets «План поставок» and «Перераспределение» printed by LibreOffice (issue 22): legible, headers
whole.

The note's national example (tests/refresh/test_supply_plan_refresh.py: regions A and B) is refreshed; each sheet
alone is printed to PDF beside the yardstick of the regional workbooks' print test (one cell of 8 pt at 100 %), as
the table «Регионы» is (tests/refresh/test_national_table_print.py).  Every printed word must be as tall as the
yardstick's, and every column header found whole, its words in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

import xl_addin
from tests.refresh.test_national_table_print import _boxes, _normal, _printed_whole
from tests.refresh.test_supply_plan_refresh import WORKBOOKS
from tests.workbook.filling import fill
from tests.workbook.libreoffice import convert
from tests.workbook.test_print import _pages
from xl_addin.api import region_list
from xl_addin.consolidation.national_plan import HEADER
from xl_addin.consolidation.national_plan_sheets import LEGEND, MOVES_HEADER, MOVES_SHEET, PLAN_SHEET, TABLE_SHEET
from xl_addin.workbook.writer import write_workbook

SHEETS = (PLAN_SHEET, TABLE_SHEET, MOVES_SHEET)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("plan_print")
    received = work / "received"
    received.mkdir()
    chosen = {file: WORKBOOKS[file] for file in ("a.xlsx", "b.xlsx", "c.xlsx")}
    regions = region_list([region for region, _ in chosen.values()])
    for (file, (_, cells)), region in zip(chosen.items(), regions, strict=True):
        write_workbook(work / file, region)
        assert cells is not None
        fill(work / file, received / file, cells)
    xl_addin.refresh(received, out=work / "out", regions=regions, jobs=1)
    yardstick = Workbook()
    yardstick.active["A1"] = "Мерка"
    yardstick.active["A1"].font = Font(size=8)
    yardstick.save(work / "yardstick.xlsx")
    paths = [work / "yardstick.xlsx"]
    for title in SHEETS:
        alone = load_workbook(work / "out" / "national.xlsx")
        for sheet in alone.worksheets:
            if sheet.title != title:
                alone.remove(sheet)
        paths.append(work / f"{SHEETS.index(title)}.xlsx")
        alone.save(paths[-1])
    yardstick_pdf, *pdfs = convert(paths, work, "pdf")
    ((eight_pt, _),) = _pages(yardstick_pdf)[0]
    return {"eight_pt": eight_pt, **dict(zip(SHEETS, pdfs, strict=True))}


@pytest.mark.parametrize("title", SHEETS)
def test_every_printed_word_is_at_least_8_pt(printed: dict[str, Any], title: str) -> None:
    pages = _pages(printed[title])
    too_small = [(number, word, round(height, 1)) for number, page in enumerate(pages, 1) for height, word in page
                 if height < printed["eight_pt"] - 0.05]  # fmt: skip
    assert pages and too_small == [], f"8 pt is {printed['eight_pt']:.1f} high"


@pytest.mark.parametrize(
    ("title", "header"),
    [*((TABLE_SHEET, header) for header in HEADER), *((PLAN_SHEET, meaning) for _, meaning in LEGEND),
     *((MOVES_SHEET, header) for header in MOVES_HEADER)],
)  # fmt: skip
def test_every_header_prints_whole(printed: dict[str, Any], title: str, header: str) -> None:
    boxes: list[Any] = _boxes(Path(printed[title]))
    assert any(_printed_whole(page, _normal(header)) for page in boxes), header


@pytest.mark.parametrize(("title", "word"), [(TABLE_SHEET, "Код"), (PLAN_SHEET, "Запас,")])
def test_every_page_repeats_the_header_or_the_line_labels(printed: dict[str, Any], title: str, word: str) -> None:
    """The table's header row and the matrix's line labels (column D) on every page (pages across included)."""
    pages = _pages(printed[title])
    assert len(pages) >= 2  # 16 columns at 80 %: pages across
    assert [number for number, page in enumerate(pages, 1) if word not in [w for _, w in page]] == []


def _month(code: str, need: int, closing: int, **states: int) -> Any:
    import datetime as dt

    from xl_addin.core.supply_national import NationalMonth

    counts = {"stockout_regions": 0, "below_min_regions": 0, "above_max_regions": 0} | states
    return NationalMonth(code, 60, dt.date(2007, 1, 1), 1, closing, 0, 0, 0, 0, closing, need, None, **counts)


@pytest.mark.parametrize(
    ("month", "colour"),
    [(_month("A01", 0, 0), "E7E6E6"),  # nobody needs it, nobody holds it: grey, not «within limits»
     (_month("A02", 0, 5, above_max_regions=1), "DDEBF7"),  # 5 units nobody needs: above max, blue
     (_month("A03", 7300, 7300), "C6EFCE")],  # 12 months within 3 … 15: green
)  # fmt: skip
def test_the_matrix_colours_a_product_nobody_needs_grey(tmp_path: Path, month: Any, colour: str) -> None:
    from xl_addin.consolidation import national_book, national_plan_sheets
    from xl_addin.core.supply_national import NationalPlan

    path = tmp_path / "national.xlsx"
    plan = NationalPlan(months=[month])
    national_book.write_national_xlsx(
        path, [], sheets=[lambda book: national_plan_sheets.add_plan_sheet(book, plan, {})]
    )
    sheet = load_workbook(path)[PLAN_SHEET]
    row = next(row for row in sheet.iter_rows() if row[0].value == month.code)
    assert row[4].fill.fgColor.rgb[-6:] == colour
