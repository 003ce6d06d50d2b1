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
from xl_addin.consolidation.national_plan_sheets import LEGEND, MOVES_HEADER, MOVES_SHEET, PLAN_SHEET
from xl_addin.workbook.writer import write_workbook

SHEETS = (PLAN_SHEET, MOVES_SHEET)


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
        paths.append(work / f"{'plan' if title == PLAN_SHEET else 'moves'}.xlsx")
        alone.save(paths[-1])
    yardstick_pdf, plan_pdf, moves_pdf = convert(paths, work, "pdf")
    ((eight_pt, _),) = _pages(yardstick_pdf)[0]
    return {"eight_pt": eight_pt, PLAN_SHEET: plan_pdf, MOVES_SHEET: moves_pdf}


@pytest.mark.parametrize("title", SHEETS)
def test_every_printed_word_is_at_least_8_pt(printed: dict[str, Any], title: str) -> None:
    pages = _pages(printed[title])
    too_small = [(number, word, round(height, 1)) for number, page in enumerate(pages, 1) for height, word in page
                 if height < printed["eight_pt"] - 0.05]  # fmt: skip
    assert pages and too_small == [], f"8 pt is {printed['eight_pt']:.1f} high"


@pytest.mark.parametrize(
    ("title", "header"),
    [*((PLAN_SHEET, header) for header in HEADER), *((PLAN_SHEET, meaning) for _, meaning in LEGEND),
     *((MOVES_SHEET, header) for header in MOVES_HEADER)],
)  # fmt: skip
def test_every_header_prints_whole(printed: dict[str, Any], title: str, header: str) -> None:
    boxes: list[Any] = _boxes(Path(printed[title]))
    assert any(_printed_whole(page, _normal(header)) for page in boxes), header
