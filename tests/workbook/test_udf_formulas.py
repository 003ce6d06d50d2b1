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

from tests.workbook.filling import fill, random_inputs
from tests.workbook.input_sets import BAD_SETS, BOUNDARY_SETS, REGION, same
from xl_addin import udfs
from xl_addin.catalog import FUNCTIONS
from xl_addin.workbook import addin, model
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
        cells = reference.replace("$", "").split(":")
        if len(cells) == 1:
            key = f"{title.upper()}!{cells[0]}"
            assert key in by_cell, f"{name}: the engine computed nothing for {key}"
            found[name] = by_cell[key][0][0]
        else:
            key = f"{title.upper()}!{cells[0]}:{cells[1]}"
            row, first_column = int(cells[0][1:]), cells[0][0]
            parts = [f"{title.upper()}!{chr(ord(first_column) + i)}{row}" for i in range(2)]
            assert all(part in by_cell for part in parts), f"{name}: the engine computed nothing for {key}"
            found[name] = [by_cell[part][0][0] for part in parts]
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


SETS = {**BOUNDARY_SETS, **BAD_SETS}
SETS.update({f"random-{i:02d}": random_inputs(random.Random(i), largest=6000) for i in range(4)})


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("udf") / "template.xlsm"
    write_workbook(path, REGION, variant=UDF_VARIANT)
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
