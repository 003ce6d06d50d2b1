"""The core's model of a workbook (``model.evaluate``) on inputs a workbook cannot hold but a caller can pass."""

from __future__ import annotations

from xl_addin.request import model
from xl_addin.request.layout import CHECKS, RESULTS
from xl_addin.request.products_layout import USED_NAMES


def test_evaluate_of_no_inputs_at_all_says_not_filled() -> None:
    found = model.evaluate({})
    assert found["chk_all"] == "Не заполнено"
    assert found["chk_inputs"] == "Не заполнено"
    # and the kit totals the letter reads (P3: the drug rows' or the typed ones)
    assert set(found) == {r.name for r in RESULTS} | {c.name for c in CHECKS} | {"chk_all"} | set(USED_NAMES)
    assert model.evaluate({}, lang="en")["chk_all"] == "Not filled in"


def test_one_number_for_the_two_years_of_births_stands_for_each_year() -> None:
    # mypy found it: the trend took list() of whatever was passed, and a bare number raised TypeError;
    # as everywhere else in the model (_argument), one value for a range stands for each of its cells
    trend = model.evaluate({"in_hiv_births_by_year": 120, "in_pregnant_expecting_birth": 130})["chk_pmtct_trend"]
    assert (
        trend
        == model.evaluate({"in_hiv_births_by_year": [120, 120], "in_pregnant_expecting_birth": 130})["chk_pmtct_trend"]
    )
    assert trend == "По тенденции двух лет: 120 беременных; в заявке: 130"
