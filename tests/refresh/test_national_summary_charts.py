"""The chart sheets of national.xlsx (issue 20): each series of each chart (read from xl/charts/chart*.xml) points at
cells holding the hand-worked values (tests/refresh/national_summary_data.py), every axis is written shown, and
LibreOffice draws the three charts behind «Сводка»."""

from __future__ import annotations

import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook

from tests.refresh.national_summary_data import hand_lines, hand_rows, values
from tests.refresh.test_national_summary import _pdftotext, products_table
from tests.workbook.libreoffice import convert
from xl_addin.consolidation.national import RegionRow
from xl_addin.consolidation.national_charts import (
    CASCADE_SHEET,
    COST_SHEET,
    COVERAGE_SHEET,
    add_chart_sheets,
    costs_by_region,
)
from xl_addin.consolidation.national_summary import add_summary_sheet

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_REFERENCE = re.compile(r"^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")


def national_book(path: Path, *, costs: bool = True) -> Path:
    rows = hand_rows()
    book = Workbook(write_only=True)
    products = products_table(rows)
    add_summary_sheet(book, rows, products)
    add_chart_sheets(book, rows, products, costs=costs_by_region(hand_lines(), rows) if costs else None)
    book.save(path)
    return path


def resolved(book: Any, reference: str) -> list[Any]:
    """The values of the cells a chart's formula names, in order (one column or one row)."""
    found = _REFERENCE.match(reference)
    assert found, reference
    sheet, first_column, first_row, last_column, last_row = found.groups()
    cells = book[sheet][f"{first_column}{first_row}:{last_column or first_column}{last_row or first_row}"]
    return [cell.value for line in cells for cell in line]


def all_charts(path: Path) -> dict[str, list[list[dict[str, list[Any]]]]]:
    """Sheet → its charts in order, each a list of series {"tx", "cat", "val"} resolved to the cells' values."""
    book = load_workbook(path)
    found: dict[str, list[Any]] = {}
    with zipfile.ZipFile(path) as package:
        names = [part for part in package.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", part)]
        for name in sorted(names, key=lambda part: int(re.sub(r"\D", "", part))):
            root = ElementTree.fromstring(package.read(name))
            series = []
            for ser in root.iter(f"{C}ser"):
                formula = {part: ser.find(f"{C}{part}//{C}f") for part in ("tx", "cat", "val")}
                series.append({part: resolved(book, element.text or "") for part, element in formula.items()
                               if element is not None})  # fmt: skip
            (sheet,) = {re.sub(r"^'|'?!.*$", "", formula.text or "") for formula in root.iter(f"{C}f")}
            found.setdefault(sheet, []).append(series)
    return found


def charts(path: Path) -> dict[str, dict[str, Any]]:
    """Sheet → its one chart: "series" as :func:`all_charts` gives them, and "xml", the chart's XML for its axes."""
    with zipfile.ZipFile(path) as package:
        roots = [ElementTree.fromstring(package.read(part)) for part in sorted(package.namelist())
                 if part.startswith("xl/charts/chart")]  # fmt: skip
    xml = {re.sub(r"^'|'?!.*$", "", next(root.iter(f"{C}f")).text or ""): root for root in roots}
    return {
        sheet: {"series": found[0], "xml": xml[sheet]} for sheet, found in all_charts(path).items() if len(found) == 1
    }


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return national_book(tmp_path_factory.mktemp("charts") / "national.xlsx")


def test_the_sheets_come_in_order(book: Path) -> None:
    assert load_workbook(book).sheetnames == ["Сводка", COVERAGE_SHEET, COST_SHEET, CASCADE_SHEET]


def test_the_coverage_chart_reads_each_region_in_its_bands_series_with_the_band_lines(book: Path) -> None:
    """Sorted from the highest: Тыва 25,0 (above), Свердловская 14,0, Алтай 13,3 (1300 ÷ 9800), Томская 10,0 (below);
    Курганская sent nothing and has no bar."""
    order = ["Республика Тыва", "Свердловская область", "Алтайский край", "Томская область"]
    inside, outside, low, high = charts(book)[COVERAGE_SHEET]["series"]
    assert [series["cat"] for series in (inside, outside, low, high)] == [order] * 4
    assert inside["tx"] == ["Охват АРТ, %: в пределах 13–20 %"] and outside["tx"] == ["Охват АРТ, %: вне 13–20 %"]
    assert inside["val"] == [None, 14.0, 13.3, None]
    assert outside["val"] == [25.0, None, None, 10.0]
    assert (low["val"], high["val"]) == ([13] * 4, [20] * 4)
    scaling = charts(book)[COVERAGE_SHEET]["xml"].find(f".//{C}valAx/{C}scaling")
    assert scaling is not None  # 0 to 30 %: above Тыва's 25 %, on every part
    assert (scaling.find(f"{C}min").get("val"), scaling.find(f"{C}max").get("val")) == ("0", "30")  # type: ignore[union-attr]


def test_the_cost_chart_stacks_each_regions_sections(book: Path) -> None:
    """Алтай: HIV 1 000,00 + ARV 5 000,50 = 6 000,50 on top; Тыва: hepatitis 200,00; Свердловская is not in the totals
    and not in the products table: no bar."""
    series = charts(book)[COST_SHEET]["series"]
    assert [s["tx"][0] for s in series] == ["Диагностика ВИЧ", "Диагностика гепатитов", "АРВ-препараты"]
    assert all(s["cat"] == ["Алтайский край", "Республика Тыва"] for s in series)
    assert [s["val"] for s in series] == [[1000, None], [None, 200], [5000.5, None]]


def test_the_cascade_chart_sums_the_regions_in_the_totals(book: Path) -> None:
    """Detected 12 000 + 1 250 + 2 500; dispensary 9 600 + 1 000 + 2 000; to be treated from 1 248 + 130 + 260 to
    1 920 + 200 + 400; planned 1 300 + 250 + 200 (Свердловская, not in the totals, is not counted)."""
    ((series,),) = [charts(book)[CASCADE_SHEET]["series"]]
    assert series["val"] == [15750, 12600, 1638, 2520, 1750]
    assert [step[:2] for step in series["cat"]] == ["1.", "2.", "3.", "3.", "4."]
    assert series["tx"] == ["Человек"]


@pytest.mark.parametrize("sheet", [COVERAGE_SHEET, COST_SHEET, CASCADE_SHEET])
def test_every_axis_is_written_shown(book: Path, sheet: str) -> None:
    root = charts(book)[sheet]["xml"]
    axes = [*root.iter(f"{C}catAx"), *root.iter(f"{C}valAx")]
    assert len(axes) == 2
    assert [axis.find(f"{C}delete").get("val") for axis in axes] == ["0", "0"]  # type: ignore[union-attr]


def test_without_costs_the_cost_sheet_says_so_and_has_no_chart(tmp_path: Path) -> None:
    path = national_book(tmp_path / "national.xlsx", costs=False)
    assert COST_SHEET not in charts(path)
    values = [cell for row in load_workbook(path)[COST_SHEET].iter_rows(values_only=True) for cell in row if cell]
    assert values[-1] == "нет товаров в сводке: стоимость по регионам не показана"


def test_costs_by_region_takes_the_lines_the_products_table_takes() -> None:
    rows = hand_rows()
    lines = [*hand_lines(), ("k.xlsx", "Томская область", "лист «Товары»: 2 ошибки", hand_lines()[0][3])]
    assert costs_by_region(lines, rows) == {
        "Алтайский край": {"hiv": Decimal("1000.00"), "arv": Decimal("5000.50")},
        "Республика Тыва": {"hepatitis": Decimal("200.00")},
    }


def test_libreoffice_draws_the_three_charts(book: Path, tmp_path: Path) -> None:
    (pdf,) = convert([book], tmp_path, "pdf")
    text = subprocess.run([_pdftotext(), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    titles = ["Охват АРТ по регионам, % зарегистрированных", "Стоимость заявки по регионам и разделам, руб.",
              "Каскад лечения по письму, сумма регионов, вошедших в итог"]  # fmt: skip
    flat = " ".join(text.split())
    assert [title for title in titles if title not in flat] == []
    assert text.split("\f")[0].startswith("Сводная заявка регионов")  # «Сводка» prints first, on its own page


def test_many_regions_are_drawn_on_charts_of_at_most_36_each(tmp_path: Path) -> None:
    """89 regions: three coverage charts of 30, 30 and 29 regions and three cost charts, each series reading its own
    slice of the one table, the slices together every region in the table's order."""
    names = [f"Регион {number:02}" for number in range(1, 90)]
    rows = [RegionRow.of(name, f"{number}.xlsx", "OK", True, values(1000, 100 + number, 1000, 800, [104, 160], 1, 1, 1),
                         None) for number, name in enumerate(names, 1)]  # fmt: skip
    costs = {name: {"arv": Decimal(1000 + number)} for number, name in enumerate(names, 1)}
    book = Workbook(write_only=True)
    add_chart_sheets(book, rows, None, costs=costs)
    book.save(tmp_path / "national.xlsx")
    found = all_charts(tmp_path / "national.xlsx")
    coverage, cost = found[COVERAGE_SHEET], found[COST_SHEET]
    assert [len(chart[0]["cat"]) for chart in coverage] == [30, 30, 29]
    assert [len(chart[0]["cat"]) for chart in cost] == [30, 30, 29]
    by_coverage = names[::-1]  # 100 + n of 1000: the last region has the highest coverage
    assert [name for chart in coverage for name in chart[0]["cat"]] == by_coverage
    assert [name for chart in cost for name in chart[0]["cat"]] == by_coverage  # 1000 + n roubles: the same order
    assert all(series["cat"] == chart[0]["cat"] for chart in (*coverage, *cost) for series in chart)
    assert coverage[1][0]["tx"] == ["Охват АРТ, %: в пределах 13–20 %"]  # the title from the one header row
    assert [value for chart in cost for value in chart[2]["val"]] == [1000 + n for n in range(89, 0, -1)]
