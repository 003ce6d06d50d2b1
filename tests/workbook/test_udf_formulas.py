"""The add-in variant (.xlsm), evaluated by an independent Excel-formula engine, equals the core.

The ``formulas`` package parses and computes every formula of a filled
workbook; the project's Excel functions are registered in it as the real
``xl_addin.udfs`` functions, with arguments converted the way xlwings passes
them (numbers as floats, blanks as None, a range with ``ndim=1`` as a flat
list).  The workbook must also keep xlwings' VBA project byte for byte and
carry an active ``xlwings.conf`` sheet naming ``xl_addin.udfs``.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from tests.workbook.filling import fill, product_columns, random_inputs
from tests.workbook.input_sets import BAD_SETS, BOUNDARY_SETS, REGION, same
from tests.workbook.test_products_sheet import (
    HAND_BUFFER,
    HAND_CHECKS,
    HAND_EXPECTED,
    HAND_INPUTS,
    HAND_ROWS,
    HAND_TOTALS,
)
from tests.workbook.test_products_sheet import _found_equals as found_equals
from xl_addin import udfs
from xl_addin.catalog import FUNCTIONS
from xl_addin.request import model
from xl_addin.request.products_layout import PRODUCT_ROWS, RESULT_COLUMNS
from xl_addin.request.products_model import FIRST_ROW, evaluate_products
from xl_addin.workbook import addin
from xl_addin.workbook.writer import UDF_VARIANT, write_workbook

formulas = pytest.importorskip("formulas")


def _as_xlwings_passes(value: Any) -> Any:
    if value is formulas.functions.sh.EMPTY or isinstance(value, formulas.tokens.operand.XlError):
        return None if value is formulas.functions.sh.EMPTY else str(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return value


def _registered(function_name: str) -> Any:
    arguments = FUNCTIONS[function_name].arguments

    def call(*values: Any) -> Any:
        passed = []
        for argument, value in zip(arguments, values, strict=False):
            cells = [_as_xlwings_passes(cell) for cell in np.ravel(value)]
            passed.append(cells if argument.kind.is_range else cells[0])
        result = getattr(udfs, function_name)(*passed)
        # xlwings returns a 1-D list to Excel as one row of cells
        return np.asarray([result], object) if isinstance(result, list) else result

    call.__name__ = function_name
    return formulas.functions.wrap_func(call)


def _every_result_cell_is_a_formula(reference: Any) -> Any:
    """``formulas`` has no ISFORMULA (Excel 2013+): these files' result cells are formulas by construction
    (``fill`` types inputs only), so TRUE for each; LibreOffice runs the real ISFORMULA on the native
    variant in test_checks.py, typed-over results included."""
    return np.full(np.shape(reference), True, dtype=object) if np.ndim(reference) else True


@pytest.fixture(scope="module")
def engine_functions() -> None:
    functions = formulas.get_functions()
    for function_name in FUNCTIONS:
        functions[function_name] = _registered(function_name)
    functions["_XLFN.ISFORMULA"] = functions["ISFORMULA"] = formulas.functions.wrap_func(
        _every_result_cell_is_a_formula
    )


def _evaluate(path: Path) -> dict[str, Any]:
    """Every defined ``out_``/``chk_`` name of the workbook at ``path``, as computed by ``formulas``."""
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    by_cell = {}
    for key, value in solution.items():
        if "]" in str(key):  # cells and ranges ("'[file]SHEET'!B2"); defined names are skipped
            by_cell[str(key).split("]", 1)[1].replace("'", "")] = value.value
    book = load_workbook(path)
    found: dict[str, Any] = {}
    for name in book.defined_names:
        if not name.startswith(("out_", "chk_")):
            continue
        ((title, reference),) = list(book.defined_names[name].destinations)
        low_column, low_row, high_column, high_row = range_boundaries(reference.replace("$", ""))
        parts = [
            f"{title.upper()}!{get_column_letter(column)}{row}"
            for row in range(low_row, high_row + 1)  # type: ignore[operator]
            for column in range(low_column, high_column + 1)  # type: ignore[operator]
        ]
        assert all(part in by_cell for part in parts), f"{name}: the engine computed nothing for {reference}"
        values = [by_cell[part][0][0] for part in parts]
        found[name] = values[0] if len(values) == 1 else values
    return {name: _plain(value) for name, value in found.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, formulas.tokens.operand.XlError):
        return str(value)
    if isinstance(value, (np.integer, np.floating)):
        number = value.item()
        return int(number) if float(number).is_integer() else number
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


PRODUCT_RESULTS = {column.name for column in RESULT_COLUMNS}
SETS = {**BOUNDARY_SETS, **BAD_SETS}
SETS.update({f"random-{i:02d}": random_inputs(random.Random(i), largest=6000) for i in range(4)})


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The letter's sheets only: the engine takes minutes over the 60-row products table, so it computes it once,
    in the products test below, not for every input set."""
    path = tmp_path_factory.mktemp("udf") / "template.xlsm"
    write_workbook(path, REGION, variant=UDF_VARIANT, products=False)
    return path


@pytest.fixture(scope="module")
def template_with_products(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("udf-products") / "template.xlsm"
    write_workbook(path, REGION, variant=UDF_VARIANT, plan=False)  # the plan's 13,000 formulas: minutes more
    return path


@pytest.mark.parametrize("label", list(SETS))
def test_every_result_and_check_equals_the_core(
    template: Path, tmp_path: Path, engine_functions: None, label: str
) -> None:
    inputs = SETS[label]
    filled = tmp_path / f"{label}.xlsm"
    fill(template, filled, inputs)
    computed = _evaluate(filled)
    expected = model.evaluate(inputs, REGION.published_2006)
    assert set(computed) == set(expected)
    differences = [
        f"{name} = {computed[name]!r}, core: {value!r}"
        for name, value in expected.items()
        if not same(computed[name], value)
    ]
    assert differences == []


def test_the_products_sheet_through_the_add_in_gives_the_hand_worked_order(
    template_with_products: Path, tmp_path: Path, engine_functions: None
) -> None:
    """The order functions called in the .xlsm (PACKS_TO_ORDER …, the real ``udfs``) give the hand-worked rows.

    The rows, inputs and hand-worked values (arithmetic written there) are those of
    tests/workbook/test_products_sheet.py, which LibreOffice recalculates in the native variant.
    """
    filled = tmp_path / "products.xlsm"
    fill(template_with_products, filled, HAND_INPUTS | product_columns(HAND_ROWS) | {"in_buffer_months": HAND_BUFFER})
    computed = _evaluate(filled)
    for number, expected in HAND_EXPECTED.items():
        found = [computed[column.name][number - FIRST_ROW] for column in RESULT_COLUMNS]
        assert all(found_equals(f, e) for f, e in zip(found, expected, strict=True)), (number, found)
    assert all(found_equals(computed[name], value) for name, value in HAND_TOTALS.items())
    assert {name: computed[name] for name in HAND_CHECKS} == HAND_CHECKS
    # and every row, total and check equals the Python model of the sheet
    values = evaluate_products(HAND_ROWS, model.evaluate(HAND_INPUTS), HAND_INPUTS, buffer=HAND_BUFFER)
    for index, row in enumerate(values.rows):
        expected_row = (row.need, row.packs, row.cost, row.months_of_stock, row.deviation)
        found_row = [computed[column.name][index] for column in RESULT_COLUMNS]
        assert all(found_equals(f, e) for f, e in zip(found_row, expected_row, strict=True)), (index, found_row)
    assert {name: computed[name] for name in values.checks} == values.checks
    assert all(found_equals(computed[name], value) for name, value in values.totals.items())
    # the letter's results in the same workbook still equal the core
    letter = model.evaluate(HAND_INPUTS, REGION.published_2006)
    assert [name for name, value in letter.items() if not same(computed[name], value)] == []
    assert all(computed[name][len(HAND_ROWS) :] == [""] * (PRODUCT_ROWS - len(HAND_ROWS)) for name in PRODUCT_RESULTS)


def test_an_add_in_error_is_a_hash_text_that_the_checks_catch(
    template: Path, tmp_path: Path, engine_functions: None
) -> None:
    filled = tmp_path / "negative.xlsm"
    fill(template, filled, BAD_SETS["negative"])
    computed = _evaluate(filled)
    # the add-in returns the core's message as text, not a number: COUNT skips it, the check counts it
    assert computed["out_elisa_volume"] == "#planned_screenings = -5: отрицательное число недопустимо"
    assert computed["chk_results_numeric"].startswith("Не вычислено результатов: ")
    assert computed["chk_all"] != "OK"


def test_hand_worked_values_through_the_add_in(template: Path, tmp_path: Path, engine_functions: None) -> None:
    filled = tmp_path / "hand.xlsm"
    fill(template, filled, BOUNDARY_SETS["elisa-1000"] | {"in_registered": 1000, "in_on_art": 1000})
    computed = _evaluate(filled)
    assert computed["out_elisa_volume"] == 1200  # 1000 × 1,2
    assert computed["out_art_need_range"] == [130, 200]  # 1000 × 13 % and 1000 × 20 %
    assert computed["out_resistance_test_limit"] == 150  # 1000 × 15 %


def test_the_xlsm_keeps_xlwings_vba_project_and_an_active_config_sheet(template: Path) -> None:
    with zipfile.ZipFile(addin.quickstart_path()) as original, zipfile.ZipFile(template) as made:
        assert made.read("xl/vbaProject.bin") == original.read("xl/vbaProject.bin")
        assert "macroEnabled" in made.read("[Content_Types].xml").decode()
    book = load_workbook(template, keep_vba=True)
    assert book.sheetnames[-1] == addin.CONF_SHEET and "_xlwings.conf" not in book.sheetnames
    settings = {row[0]: row[1] for row in book[addin.CONF_SHEET].iter_rows(max_col=2, values_only=True)}
    assert settings["UDF Modules"] == "xl_addin.udfs"
    assert "Sheet1" not in book.sheetnames
