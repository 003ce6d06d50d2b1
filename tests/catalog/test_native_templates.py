"""The native Excel templates of Appendix 2's ranges and checks, recalculated by LibreOffice, equal the core.

A small workbook of its own: the coefficients under their ``k_<key>`` names and
one row per case (inputs in A–D, the template's formula in E), recalculated in
one headless soffice call.  Values by hand are in tests/core/test_arv_drugs.py;
here the point is that the Excel formula gives the very same number or sentence,
including the optional ``estimate`` left out, given, or a blank cell.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from tests.workbook.libreoffice import recalculate
from xl_addin.catalog.native import NATIVE, art_need_bounds, name, treatment_need_bounds
from xl_addin.core import arv_drugs
from xl_addin.core import coefficients as k

COLUMNS = "ABCD"
SMALL = [*range(0, 41), 49, 50, 51, 99, 100, 101, 149, 150, 1000, 1001, 1003, 2005]


def _bound(bounds: Callable[[str], tuple[str, str]], end: int) -> Callable[[str], str]:
    return lambda cell: bounds(cell)[end]


def _cases() -> list[tuple[str, Callable[..., str], tuple[Any, ...], Any]]:
    """(label, template, inputs (None = blank cell), what the core gives)."""
    cases: list[tuple[str, Callable[..., str], tuple[Any, ...], Any]] = []
    for base in SMALL:
        low, high = arv_drugs.art_need_range(base)
        cases.append((f"art-low-{base}", _bound(art_need_bounds, 0), (base,), low))
        cases.append((f"art-high-{base}", _bound(art_need_bounds, 1), (base,), high))
        treat_low, treat_high = arv_drugs.treatment_need_range(base)
        cases.append((f"treat-low-{base}", NATIVE["TREATMENT_NEED_RANGE"], (base,), treat_low))
        cases.append((f"treat-high-{base}", _bound(treatment_need_bounds, 1), (base,), treat_high))
    coverage = [(0, 1), (1, 1), (1, 8), (2, 8), (3, 8), (12, 101), (13, 101), (20, 101), (21, 101)]
    coverage += [(129, 1000), (130, 1000), (200, 1000), (201, 1000), (250, 1000), (100, 1000)]
    for planned, base in coverage:
        cases.append(
            (
                f"cov-{planned}-{base}",
                NATIVE["ART_COVERAGE_CHECK"],
                (planned, base),
                arv_drugs.art_coverage_check(planned, base),
            )
        )
        for estimate in (None, 0, planned - 1 if planned else 0, planned, planned + 5):
            cases.append(
                (
                    f"cov-{planned}-{base}-{estimate}",
                    NATIVE["ART_COVERAGE_CHECK"],
                    (planned, base, estimate),
                    arv_drugs.art_coverage_check(planned, base, estimate),
                )
            )
    for kits in (*range(0, 22), 99, 100, 101, 1000):
        for first in sorted({0, kits, *range(max(0, kits * 6 // 10 - 3), min(kits, kits * 6 // 10 + 3) + 1)}):
            cases.append(
                (
                    f"line-{first}-{kits}",
                    NATIVE["LINE_SHARE_CHECK"],
                    (first, kits - first),
                    arv_drugs.line_share_check(first, kits - first),
                )
            )
    regimens = [
        (1000, 1100, 960),
        (1000, 1100, 949),
        (1000, 900, 900),
        (10, 12, 11),
        (19, 21, 17),
        (0, 0, 0),
        (1, 2, 0),
    ]
    regimens += [(40, 41, 38), (40, 40, 37), (1000, 1000, 1000)]
    for c1, c2, c3 in regimens:
        cases.append(
            (
                f"reg-{c1}-{c2}-{c3}",
                NATIVE["REGIMEN_BALANCE_CHECK"],
                (c1, c2, c3),
                arv_drugs.regimen_balance_check(c1, c2, c3),
            )
        )
    excesses = [(1000, 1110, 980, 60), (1000, 1111, 980, 60), (980, 1300, 1000, 60), (10, 11, 10, 0), (10, 12, 10, 0)]
    excesses += [(0, 1, 0, 0), (0, 6, 0, 4), (1000, 500, 1000, 0), (19, 21, 17, 1)]
    for args in excesses:
        cases.append((f"exc-{args}", NATIVE["COMPONENT2_EXCESS_CHECK"], args, arv_drugs.component2_excess_check(*args)))
    english = {"line": arv_drugs.line_share_check, "reg": arv_drugs.regimen_balance_check}
    english["exc"] = arv_drugs.component2_excess_check
    for label, template, inputs, _ in list(cases):  # the sentences of an English workbook, the same way
        check = english.get(label.split("-")[0])
        if check is not None:
            cases.append((f"en-{label}", functools.partial(template, lang="en"), inputs, check(*inputs, lang="en")))
    for before, last in ((100, 120), (120, 100), (100, 40), (100, 50), (0, 7), (0, 0)):
        cases.append(
            (
                f"pmtct-{before}-{last}",
                NATIVE["PMTCT_PREGNANT_ESTIMATE"],
                (before, last),
                arv_drugs.pmtct_pregnant_estimate(before, last),
            )
        )
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def computed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("templates")
    book = Workbook()
    sheet = book.active
    sheet.title = "t"
    reference = book.create_sheet("k")
    for row, coefficient in enumerate(k.COEFFICIENTS.values(), start=1):
        reference.cell(row, 1, name(coefficient))
        reference.cell(row, 2, float(coefficient.value))
        book.defined_names[name(coefficient)] = DefinedName(name(coefficient), attr_text=f"k!$B${row}")
    for row, (label, template, inputs, _) in enumerate(CASES, start=1):
        for column, value in zip(COLUMNS, inputs, strict=False):
            if value is not None:
                sheet[f"{column}{row}"] = value
        sheet[f"E{row}"] = "=" + template(*(f"{column}{row}" for column in COLUMNS[: len(inputs)]))
        sheet[f"F{row}"] = label
    source = work / "templates.xlsx"
    book.save(source)
    (result,) = recalculate([source], work)
    values = load_workbook(result, data_only=True)["t"]
    return {values[f"F{row}"].value: values[f"E{row}"].value for row in range(1, len(CASES) + 1)}


@pytest.mark.parametrize(("label", "expected"), [(label, expected) for label, _, _, expected in CASES])
def test_native_template_equals_the_core(computed: dict[str, Any], label: str, expected: Any) -> None:
    assert computed[label] == expected


def test_the_templates_read_coefficients_by_name_only() -> None:
    formula = NATIVE["ART_COVERAGE_CHECK"]("P", "B", "E") + treatment_need_bounds("D")[1]
    assert "k_art_need_low" in formula and "k_dispensary_share" in formula
    assert "0.13" not in formula and "0.8" not in formula


def test_without_estimate_the_template_is_the_two_argument_one() -> None:
    assert NATIVE["ART_COVERAGE_CHECK"]("P", "B") == NATIVE["ART_COVERAGE_CHECK"]("P", "B", None)
    assert "ISBLANK(E)" in NATIVE["ART_COVERAGE_CHECK"]("P", "B", "E")
