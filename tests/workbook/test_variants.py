"""One layout, two variants: the native (.xlsx) and add-in (.xlsm) workbooks differ only in result formulas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.workbook.input_sets import REGION
from xl_addin.catalog import FUNCTIONS
from xl_addin.request.layout import CHECKS, INPUTS, RESULTS
from xl_addin.request.products_layout import INPUT_COLUMNS, ColumnKind
from xl_addin.workbook import addin
from xl_addin.workbook.compare import differences, snapshot
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.texts import SHEETS
from xl_addin.workbook.writer import NATIVE_VARIANT, UDF_VARIANT, write_workbook


@pytest.fixture(scope="module", params=["ru", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def pair(lang: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp(f"variants-{lang}")
    native, udf = folder / "region.xlsx", folder / "region.xlsm"
    write_workbook(native, REGION, lang=lang, variant=NATIVE_VARIANT)
    write_workbook(udf, REGION, lang=lang, variant=UDF_VARIANT)
    return native, udf


def _result_cells(path: Path) -> set[str]:
    book = load_workbook(path)
    return {f"{cell.parent.title}!{cell.coordinate} value" for r in RESULTS for cell in named_cells(book, r.name)}


#: The products sheet's columns computed by an order function (the add-in's call, or its native formula).
ORDER_FUNCTIONS = {
    "out_product_packs": "PACKS_TO_ORDER",
    "out_product_cost": "ORDER_COST",
    "out_product_months_of_stock": "MONTHS_OF_STOCK",
    "out_product_deviation": "CONSUMPTION_DEVIATION",
}


def _product_result_cells(path: Path) -> set[str]:
    book = load_workbook(path)
    return {
        f"{cell.parent.title}!{cell.coordinate} value" for name in ORDER_FUNCTIONS for cell in named_cells(book, name)
    }


def test_same_sheets_names_inputs_validations_and_checks(pair: tuple[Path, Path], lang: str) -> None:
    native, udf = pair
    native_view = snapshot(load_workbook(native))
    udf_view = snapshot(load_workbook(udf, keep_vba=True), skip_sheets=(addin.CONF_SHEET,))
    results = _result_cells(native)
    assert results == _result_cells(udf)
    assert len(results) == sum(r.cells for r in RESULTS) == 37  # 31 + two-cell cascade ranges (3 × 2)
    products = _product_result_cells(native)
    assert products == _product_result_cells(udf) and len(products) == 4 * 60  # four order columns × 60 rows
    compared = results | products
    outside_results = [line for line in differences(native_view, udf_view) if line.split(": ")[0] not in compared]
    # the one other difference: only the add-in variant tells the user to install the add-in (step 5, after «Товары»)
    assert len(outside_results) == 1 and outside_results[0].split(" value: ")[0].endswith("!A8")
    assert "Import Functions" in outside_results[0] and outside_results[0].split(" value: ")[1].startswith("нет ≠ ")
    # and the snapshot really covers what the contract names
    assert {f"name {f.name}" for f in INPUTS} | {f"name {c.name}" for c in CHECKS} <= set(native_view)
    validated = [key.split(" validation ")[0] for key in native_view if " validation " in key]
    # one rule for every input of «Ввод»; on «Товары» one per column of the table but the two free texts (code, name)
    texts = sum(column.kind is ColumnKind.TEXT for column in INPUT_COLUMNS)
    assert validated.count(SHEETS[lang]["inputs"]) == 1 and texts == 2
    assert validated.count(SHEETS[lang]["products"]) == len(INPUT_COLUMNS) - texts == 11


def test_result_formulas_differ_as_designed(pair: tuple[Path, Path]) -> None:
    native, udf = pair
    native_book, udf_book = load_workbook(native), load_workbook(udf, keep_vba=True)
    for result in RESULTS:
        for native_cell, udf_cell in zip(
            named_cells(native_book, result.name), named_cells(udf_book, result.name), strict=True
        ):
            called = set(re.findall(r"\b([A-Z][A-Z0-9_]+)\(", udf_cell.value))
            native_called = set(re.findall(r"\b([A-Z][A-Z0-9_]+)\(", native_cell.value))
            # the add-in variant calls the project's function; the native one never does
            assert result.function in called, udf_cell.value
            assert not native_called & set(FUNCTIONS), native_cell.value
            assert native_cell.value.startswith("=") and native_cell.value != udf_cell.value


def test_product_order_formulas_differ_as_designed(pair: tuple[Path, Path]) -> None:
    native, udf = pair
    native_book, udf_book = load_workbook(native), load_workbook(udf, keep_vba=True)
    for name, function in ORDER_FUNCTIONS.items():
        native_cells, udf_cells = named_cells(native_book, name), named_cells(udf_book, name)
        assert len(native_cells) == len(udf_cells) == 60
        for native_cell, udf_cell in zip(native_cells, udf_cells, strict=True):
            assert f"{function}(" in udf_cell.value, udf_cell.value
            native_called = set(re.findall(r"\b([A-Z][A-Z0-9_]+)\(", native_cell.value))
            assert not native_called & set(FUNCTIONS), native_cell.value


def test_the_add_in_formula_is_the_function_applied_to_the_input_names(pair: tuple[Path, Path]) -> None:
    _, udf = pair
    book = load_workbook(udf, keep_vba=True)
    assert named_cells(book, "out_elisa_volume")[0].value == "=ELISA_VOLUME(in_planned_screenings)"
    assert [c.value for c in named_cells(book, "out_art_need_range")] == [
        "=INDEX(ART_NEED_RANGE(in_registered),1)",
        "=INDEX(ART_NEED_RANGE(in_registered),2)",
    ]
    assert named_cells(book, "out_annual_kits_needed")[0].value == (  # P3: the kits left over the letter reads
        "=IF(COUNTBLANK(in_art_starts_by_month)=12,"
        "ANNUAL_KITS_NEEDED(in_continuing_art,in_starting_art,out_used_reserve_kits_left),"
        "ANNUAL_KITS_BY_PLAN(in_continuing_art,in_art_starts_by_month,out_used_reserve_kits_left))"
    )


#: Functions newer than Excel 2007 → the Excel version that brought them (Microsoft's function reference).
NEWER_THAN_2007 = {"_xlfn.ISFORMULA": 2013}


def _native_functions(native: Path) -> set[str]:
    book = load_workbook(native)
    return {
        function
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
        for function in re.findall(r"(?<![\w.])((?:_xlfn\.)?[A-Z][A-Z0-9.]*)\(", cell.value)
    }


def test_guide_names_the_excel_version_the_formulas_need(pair: tuple[Path, Path]) -> None:
    """docs/user-guide.md names the oldest Excel that computes the native workbook: the newest function's (2013)."""
    needed = max((NEWER_THAN_2007.get(function, 2007) for function in _native_functions(pair[0])), default=2007)
    assert needed == 2013  # ISFORMULA (chk_results_formulas)
    guide = (Path(__file__).parents[2] / "docs" / "user-guide.md").read_text(encoding="utf-8")
    assert re.findall(r"Excel (20\d\d)\+", guide) == [str(needed)]


def test_native_formulas_use_no_function_that_needs_an_xlfn_prefix(pair: tuple[Path, Path]) -> None:
    native, _ = pair
    allowed = {"IF", "AND", "ISNUMBER", "ISBLANK", "INT", "COUNT", "COUNTBLANK", "COUNTIF", "MIN", "MAX", "SUM",
               "SUMPRODUCT", "ROUND", "ROUNDUP", "ROUNDDOWN", "NA", "INDEX", "AVERAGE", "ABS", "OR", "NOT", "N",
               "COUNTA", "ISLOGICAL", "IFERROR", "ISERROR", "VLOOKUP", "MATCH", "SUMIF",
               "SEARCH",  # P3: «абакавир» in a component-3 drug's name (in every Excel version)
               "ROW",  # a choice's place in its list, by = over the list (no wildcards: issue 21)
               "SUMIFS", "COUNTIFS",  # Excel 2007 (the last three new in it, none needs a prefix)
               # the supply plan (issue 22): months and their parts, texts' first characters, a status word by code;
               # EDATE, an Analysis ToolPak function before, is built into Excel 2007 and needs no prefix
               "DATE", "YEAR", "MONTH", "EDATE", "LEN", "LEFT", "RIGHT", "FIND", "CHOOSE",
               "ISNA",  # a «Товары» row without a plan (#N/A), which the plan's checks do not call OK (P4)
               "MID",  # the plan's assumptions: the parts above 0 joined, the first «; » cut (every Excel version)
               "_xlfn.ISFORMULA"}  # Excel 2013: the one newer function, written with the prefix Excel needs  # fmt: skip
    used = _native_functions(native)
    assert used <= allowed, used - allowed
