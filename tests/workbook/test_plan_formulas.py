"""The supply plan computed by a second engine, ``formulas`` (issue 22's proof «through LibreOffice, the formulas
package (where it computes) and the model»): the note's Example 2 workbook (immunoblot D03 with a lot expiring in
February, its control D03B, zidovudine A06 of Example 3, ex4 and ex5) gives the note's hand-worked results, the same
the LibreOffice test (test_plan_sheet_examples.py) reads.  Slow (minutes: ``formulas`` evaluates the plan's 10,000
cells in Python), so one workbook."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.workbook.filling import fill
from tests.workbook.test_plan_sheet_examples import CASES, EXPECTED, REGION
from tests.workbook.test_udf_formulas import _evaluate, engine_functions  # noqa: F401 - a fixture
from xl_addin.request.plan_layout import RESULTS
from xl_addin.workbook.writer import write_workbook

EXCEL_DAY_ZERO = dt.datetime(1899, 12, 30)  # Excel's 1900 date system: 1 is 01.01.1900 (with its 29.02.1900)


@pytest.fixture(scope="module")
def computed(tmp_path_factory: pytest.TempPathFactory, engine_functions: None) -> dict[str, Any]:  # noqa: F811
    work = tmp_path_factory.mktemp("plan-formulas")
    template, filled = work / "template.xlsx", work / "ex2.xlsx"
    write_workbook(template, REGION, lang="ru")
    fill(template, filled, CASES["ex2"])
    return _evaluate(Path(filled))


def _same(found: Any, expected: Any) -> bool:
    if expected is None:
        return found in (None, "", 0) or (isinstance(found, str) and found == "")
    if isinstance(expected, dt.datetime):  # a date cell: the engine gives its serial number
        return bool(found == (expected - EXCEL_DAY_ZERO).days)
    if isinstance(expected, Decimal):
        return isinstance(found, (int, float)) and Decimal(repr(float(found))) == expected
    return bool(found == expected)


@pytest.mark.parametrize("row", list(EXPECTED["ex2"]))
def test_formulas_computes_the_notes_results(computed: dict[str, Any], row: int) -> None:
    found = tuple(computed[column.name][row] for column in RESULTS)
    expected = EXPECTED["ex2"][row]
    assert all(_same(f, e) for f, e in zip(found, expected, strict=True)), (found, expected)


@pytest.mark.parametrize(
    ("check", "sentence"),
    [  # the note's §3.7 Example 2 sentences (the workbook's five rows: D03, D03B, A06, E4, E5)
        ("chk_plan_lots", "OK"),
        ("chk_plan_transit", "OK"),
        ("chk_plan_stockout", "Нехватка до конца года заявки: товаров 1 (первый — A06, с 07.2007, месяцев 3, "
         "не хватит 1790 ед.)"),
        ("chk_plan_expiry", "Списание по сроку годности: товаров 3 (первый — D03, 1800 ед. на 450000,00 руб., "
         "в 03.2007)"),
        ("chk_plan_expiry_not_ordered", "Заказ не учёл списание: товаров 1 (первый — D03, «Из него истекает» 0, по "
         "плану 1800; упаковок нужно 240, а не 150)"),
    ],
)  # fmt: skip
def test_formulas_computes_the_checks(computed: dict[str, Any], check: str, sentence: str) -> None:
    assert computed[check] == sentence
