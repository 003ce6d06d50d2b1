"""The supply plan's sheets as built (no recalculation): names where the contract says, inputs unlocked and
validated, the calculation hidden, the add-in variant the same as the native one, the year on «Титул»."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl.workbook import Workbook

from xl_addin.request import contract
from xl_addin.request.plan_layout import INPUT_NAMES, MONTH_ROW, RESULTS, SETTINGS, TABLE_COLUMNS
from xl_addin.request.plan_texts import PlanCheck
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.writer import NATIVE_VARIANT, UDF_VARIANT, Region, WorkbookWriter, write_workbook

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
PLAN_SHEETS = {"ru": ("Поставки", "План поставок", "План (расчёт)"),
               "en": ("Deliveries", "Supply plan", "Plan (calculation)")}  # fmt: skip


@pytest.fixture(scope="module", params=["ru", "en"])
def built(request: pytest.FixtureRequest) -> tuple[str, Workbook]:
    return request.param, WorkbookWriter(Region("Тульская область"), lang=request.param, year=2010).build()


@pytest.mark.parametrize(
    ("name", "places"),
    [  # by hand, from the layout's description (plan_layout's docstring and the names)
        ("xl_addin_year", {("Титул", "B12"), ("Title", "B12")}),
        ("in_ship_code", {("Поставки", "A5:A124"), ("Deliveries", "A5:A124")}),
        ("in_ship_expiry", {("Поставки", "E5:E124"), ("Deliveries", "E5:E124")}),
        ("in_lot_units", {("Поставки", "H5:H124"), ("Deliveries", "H5:H124")}),
        ("in_use_units", {("Поставки", "M5:M124"), ("Deliveries", "M5:M124")}),
        ("in_plan_start", {("План поставок", "C2"), ("Supply plan", "C2")}),
        ("in_plan_product", {("План поставок", "C6"), ("Supply plan", "C6")}),
        ("chk_plan_inputs", {("План поставок", "C9"), ("Supply plan", "C9")}),
        ("chk_plan_after_year", {("План поставок", "C21"), ("Supply plan", "C21")}),
        ("out_plan_stockout_months", {("План поставок", "AA61:AA120"), ("Supply plan", "AA61:AA120")}),
        ("out_plan_closing", {("План поставок", "AH61:AH120"), ("Supply plan", "AH61:AH120")}),
    ],
)
def test_the_contract_places_the_plans_names(name: str, places: set[tuple[str, str]]) -> None:
    assert contract.places()[name] == places


def test_version_4s_contract_is_kept_for_carrying_old_workbooks_forward() -> None:
    old = contract.places("4")
    assert "in_product_code" in old and "in_plan_start" not in old and "xl_addin_year" not in old


def test_every_plan_name_is_defined(built: tuple[str, Workbook]) -> None:
    _, book = built
    names = [*INPUT_NAMES, *(column.name for column in RESULTS), *(check.check_name for check in PlanCheck)]
    assert all(name in book.defined_names for name in names)
    assert len(named_cells(book, "in_ship_status")) == 120
    assert len(named_cells(book, "out_plan_unmet")) == 60  # one per «Товары» row


def test_the_request_year_is_on_the_title_sheet(built: tuple[str, Workbook]) -> None:
    _, book = built
    assert [cell.value for cell in named_cells(book, "xl_addin_year")] == [2010]
    assert book.worksheets[0].protection.sheet  # the title sheet, protected


def test_only_the_plans_inputs_are_unlocked(built: tuple[str, Workbook]) -> None:
    lang, book = built
    deliveries, plan, calc = (book[title] for title in PLAN_SHEETS[lang])
    inputs = [cell for name in INPUT_NAMES for cell in named_cells(book, name)]
    assert len(inputs) == 11 * 120 + len(SETTINGS)
    assert all(cell.protection.locked is False for cell in inputs)
    typed = {id(cell) for cell in inputs}
    for sheet in (deliveries, plan):
        assert sheet.protection.sheet
        locked = [cell for row in sheet.iter_rows() for cell in row if id(cell) not in typed and cell.value]
        assert locked and all(cell.protection.locked for cell in locked)
    assert (calc.sheet_state, calc.protection.sheet) == ("hidden", True)


def test_every_input_column_is_validated(built: tuple[str, Workbook]) -> None:
    lang, book = built
    deliveries, plan, _ = (book[title] for title in PLAN_SHEETS[lang])
    ranges = {str(ref) for rule in deliveries.data_validations.dataValidation for ref in rule.sqref.ranges}
    assert {column.cells.replace("$", "") for column in TABLE_COLUMNS} <= ranges
    lists = {rule.formula1 for rule in deliveries.data_validations.dataValidation if rule.type == "list"}
    assert lists == {"xl_addin_plan_codes", "xl_addin_plan_statuses"}
    settings = {str(ref) for rule in plan.data_validations.dataValidation for ref in rule.sqref.ranges}
    assert settings == {setting.cell.replace("$", "") for setting in SETTINGS}
    statuses = [cell.value for cell in named_cells(book, "xl_addin_plan_statuses")]
    assert statuses == (["в пути", "заявка", "другое"] if lang == "ru" else ["in transit", "request", "other"])


def test_the_add_in_variant_has_the_native_plan() -> None:
    """The plan calls no add-in function: its three sheets hold the same cells in both variants."""
    native, udf = (WorkbookWriter(Region("Тульская область"), variant=variant).build()
                   for variant in (NATIVE_VARIANT, UDF_VARIANT))  # fmt: skip
    counted = 0
    for title in PLAN_SHEETS["ru"]:
        cells = [{(c.coordinate, c.value) for row in book[title].iter_rows() for c in row if c.value is not None}
                 for book in (native, udf)]  # fmt: skip
        assert cells[0] == cells[1], title
        counted += len(cells[0])
    assert counted > 10_000


def test_no_plan_formula_formats_a_date_as_text(built: tuple[str, Workbook]) -> None:
    """TEXT's format codes are localised in Russian Excel: a month in a sentence is built from MONTH and YEAR."""
    lang, book = built
    formulas = [str(c.value) for title in PLAN_SHEETS[lang] for row in book[title].iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]  # fmt: skip
    assert len(formulas) > 10_000
    assert not [formula for formula in formulas if re.search(r"\bTEXT\(", formula)]


def test_the_chart_draws_months_of_stock_minimum_and_maximum(tmp_path: Path) -> None:
    """A line chart on «План поставок»: three series (months of stock, Min, Max) over the 24 months, straight lines,
    both axes shown (openpyxl writes no <c:delete> unless told: Excel would hide them, issue 13)."""
    path = tmp_path / "plan.xlsx"
    write_workbook(path, Region("Тульская область"))
    with zipfile.ZipFile(path) as archive:
        charts = [ElementTree.fromstring(archive.read(name)) for name in archive.namelist()
                  if re.fullmatch(r"xl/charts/chart\d+\.xml", name)]  # fmt: skip
    (chart,) = [chart for chart in charts if next(chart.iter(f"{C}lineChart"), None) is not None]
    series = list(chart.iter(f"{C}ser"))
    values = [s.find(f"{C}val/{C}numRef/{C}f").text for s in series]  # type: ignore[union-attr]
    # rows 32–34 (months of stock, minimum, maximum: MONTH_ROW), months in C…Z; the titles in column B
    assert values == ["'План поставок'!$C$32:$Z$32", "'План поставок'!$C$33:$Z$33", "'План поставок'!$C$34:$Z$34"]
    assert [MONTH_ROW[key] for key in ("mos", "min", "max")] == [32, 33, 34]
    categories = {s.find(f"{C}cat/{C}numRef/{C}f").text for s in series}  # type: ignore[union-attr]
    assert categories == {"'План поставок'!$C$24:$Z$24"}  # the month row: dates, shown MM.YYYY
    assert [s.find(f"{C}smooth").get("val") for s in series] == ["0", "0", "0"]  # type: ignore[union-attr]
    axes = [axis for name in ("catAx", "valAx", "dateAx") for axis in chart.iter(f"{C}{name}")]
    assert len(axes) == 2 and all(axis.find(f"{C}delete").get("val") == "0" for axis in axes)  # type: ignore[union-attr]
