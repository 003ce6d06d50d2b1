"""The native Excel formulas of the order's arithmetic, computed by two engines, equal the exact core.

One small workbook: a case per row (inputs in A–F, a blank cell for None, the
builder's formula in G), recalculated by LibreOffice headless; and each formula
compiled by the ``formulas`` package and called with the same inputs.

``formulas`` rounds the binary number it is given (its ROUND(3*1.005; 2) is 3,01:
3 × 1.005 is 3.0149999999999997), unlike Excel and LibreOffice, which look at 15
digits; a plain ROUND(packs*price; 2) passes in LibreOffice and fails there.  The
builders work in whole numbers, so both engines agree with the core, half kopecks
and tenths of a month included.  The values by hand are in tests/core/test_products.py;
here the point is that the workbook gives the same numbers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.workbook.libreoffice import recalculate
from xl_addin.catalog import FUNCTIONS
from xl_addin.catalog.native import NATIVE
from xl_addin.errors import InputError

COLUMNS = "ABCDEF"
#: Binary-awkward prices: halves of a kopeck that a float holds a little below or above.
PRICES = [0.0, 0.1, 0.01, 0.005, 0.004, 0.015, 0.125, 0.145, 0.285, 0.335, 1.005, 2.675, 10.555, 99.995, 1234.565]
PRICES += [1234.56, 1835.619, 0.0001, 99999.9999]


def _expected(name: str, args: tuple[Any, ...]) -> Any:
    """What the core gives, as Excel receives it; a refused input is the engine's error value."""
    try:
        return FUNCTIONS[name].evaluate(*args)
    except InputError:
        return "#DIV/0!" if name == "PACKS_TO_ORDER" else "#N/A"


def _packs_inputs(chance: random.Random) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [
        (need, stock, pipeline, pack, buffer, expiring)
        for need in (0, 1, 11, 12, 13, 1200, 1201)
        for stock, expiring in ((0, None), (50, 0), (50, 30), (50, 2000), (1200, None))  # 2000: expiring > stock
        for pipeline in (0, 7, 1000)
        for pack in (1, 7, 60)
        for buffer in (None, 0, 1, 3, 12)
    ]
    rows.append((1200, 0, 0, 0, None, None))  # a pack size of 0
    for _ in range(150):
        needs = (chance.randrange(10**6), chance.randrange(10**5), chance.randrange(10**5), chance.randrange(1, 500))
        rows.append(
            (*needs, chance.choice([None, chance.randrange(13)]), chance.choice([None, chance.randrange(10**5)]))
        )
    return rows


def _cost_inputs(chance: random.Random) -> list[tuple[Any, ...]]:
    prices = PRICES + [round(chance.uniform(0, 5000), chance.choice([2, 3, 4])) for _ in range(60)]
    return [(packs, price) for packs in (0, 1, 3, 7, 18, 333, 90000) for price in prices]


def _months_inputs(chance: random.Random) -> list[tuple[Any, ...]]:
    rows = [(stock, need) for stock in range(0, 31) for need in (1, 3, 7, 12, 40, 120, 1200, 1000, 999999)]
    rows += [(999, 1000), (5, 0), (0, 0)]
    return rows + [(chance.randrange(10**7), chance.randrange(1, 10**7)) for _ in range(100)]


def _deviation_inputs(chance: random.Random) -> list[tuple[Any, ...]]:
    rows = []
    for consumption in (1, 2, 3, 7, 40, 2000, 4000, 14000, 2000002, 7300001):
        for k in range(0, 12):  # ±(2k + 1) / 2000 of the consumption: exact halves of a thousandth for 2000, 4000 …
            step = (2 * k + 1) * consumption // 2000
            rows += [(consumption + step, consumption), (max(0, consumption - step), consumption)]
        rows += [(chance.randrange(0, 3 * consumption + 2), consumption) for _ in range(10)]
    return [*rows, (5, 0), (0, 0)]


def _cases() -> list[tuple[str, Callable[..., str], tuple[Any, ...], Any]]:
    """(label, template, inputs (None = a blank cell), what the core gives)."""
    chance = random.Random(10)
    inputs = {
        "PACKS_TO_ORDER": _packs_inputs(chance),
        "ORDER_COST": _cost_inputs(chance),
        "MONTHS_OF_STOCK": _months_inputs(chance),
        "CONSUMPTION_DEVIATION": _deviation_inputs(chance),
    }
    cases = [
        (f"{name}-{args}", NATIVE[name], args, _expected(name, args)) for name, rows in inputs.items() for args in rows
    ]
    # the optional arguments left out of the formula: the same as blank cells
    for args in inputs["PACKS_TO_ORDER"][:40]:
        short = args[:4]
        cases.append(
            (f"PACKS_TO_ORDER-short-{short}", NATIVE["PACKS_TO_ORDER"], short, _expected("PACKS_TO_ORDER", short))
        )
    # arguments given as expressions ("0+A1"), not references: the builders bracket them
    for name, rows in inputs.items():
        for args in rows[:: max(1, len(rows) // 10)]:
            cases.append((f"{name}-expression-{args}", _as_expressions(NATIVE[name]), args, _expected(name, args)))
    return cases


def _as_expressions(template: Callable[..., str]) -> Callable[..., str]:
    return lambda *references: template(*(f"0+{reference}" for reference in references))


CASES = _cases()


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "t"
    for row, (label, template, inputs, _) in enumerate(CASES, start=1):
        for column, value in zip(COLUMNS, inputs, strict=False):
            if value is not None:
                sheet[f"{column}{row}"] = value
        sheet[f"G{row}"] = "=" + template(*(f"{column}{row}" for column in COLUMNS[: len(inputs)]))
        sheet[f"H{row}"] = label
    path = tmp_path_factory.mktemp("products") / "products.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def libreoffice(workbook: Path) -> dict[str, Any]:
    (result,) = recalculate([workbook], workbook.parent)
    values = load_workbook(result, data_only=True)["t"]
    return {values[f"H{row}"].value: values[f"G{row}"].value for row in range(1, len(CASES) + 1)}


@pytest.fixture(scope="module")
def formulas_engine() -> dict[str, Any]:
    """Each template compiled once by ``formulas`` (references A1…F1), then called per case; a blank is EMPTY."""
    formulas = pytest.importorskip("formulas")
    compiled: dict[tuple[Callable[..., str], int], Any] = {}
    found = {}
    for label, template, inputs, _ in CASES:
        key = (template, len(inputs))
        if key not in compiled:
            formula = "=" + template(*(f"{column}1" for column in COLUMNS[: len(inputs)]))
            compiled[key] = formulas.Parser().ast(formula)[1].compile()
        function = compiled[key]
        cells = {
            f"{column}1": formulas.functions.sh.EMPTY if value is None else value
            for column, value in zip(COLUMNS, inputs, strict=False)
        }
        value = function(*(cells[reference] for reference in function.inputs)).item()
        found[label] = value if isinstance(value, (int, float)) else str(value)
    return found


def test_the_grid_is_large_and_includes_the_errors() -> None:
    expected = [case[3] for case in CASES]
    assert {"#N/A", "#DIV/0!"} <= set(expected)
    assert len(CASES) > 1500


@pytest.mark.parametrize(("label", "expected"), [(label, expected) for label, _, _, expected in CASES])
def test_libreoffice_equals_the_core(libreoffice: dict[str, Any], label: str, expected: Any) -> None:
    assert libreoffice[label] == expected


def test_the_formulas_package_equals_the_core(formulas_engine: dict[str, Any]) -> None:
    differences = [
        f"{label}: {formulas_engine[label]!r}, core {expected!r}"
        for label, _, _, expected in CASES
        if formulas_engine[label] != expected
    ]
    assert differences == []
