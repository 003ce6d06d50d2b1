"""Native workbooks recalculated by LibreOffice give exactly the core's results and checks.

60+ input sets (random, every tier boundary, float-noise traps, bad input) are
typed into copies of one generated workbook through its names, recalculated in
a single headless soffice call, and every ``out_`` and ``chk_`` is compared
with ``xl_addin.workbook.model`` (the core).
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill, random_inputs, read_name
from tests.workbook.libreoffice import recalculate
from xl_addin.workbook import model
from xl_addin.workbook.writer import Region, write_workbook

REGION = Region("Иркутская область", "35", 4066)


def _zeros() -> dict[str, Any]:
    from xl_addin.workbook.layout import INPUTS

    return {
        f.name: (None if f.optional else 0) if f.cells == 1 else ([None] * f.cells if f.optional else [0] * f.cells)
        for f in INPUTS
    }


def _with(**changes: Any) -> dict[str, Any]:
    values = _zeros()
    values.update({f"in_{key}": value for key, value in changes.items()})
    return values


BOUNDARY_SETS: dict[str, dict[str, Any]] = {
    "all-zero": _zeros(),
    **{f"vl-examined-{n}": _with(on_art=10, observed=10, vl_examined=n) for n in (999, 1000, 5000, 5001)},
    **{f"vl-default-{n}": _with(on_art=n) for n in (999, 1000, 5000, 5001)},
    **{f"dna-births-{n}": _with(pregnant_expecting_birth=100, births_to_hiv_women=n) for n in (159, 160, 500, 501)},
    **{f"dna-default-{n}": _with(pregnant_expecting_birth=n) for n in (159, 160, 500, 501)},
    "immune-status-float-trap": _with(on_art=25, observed=20),  # 110 and 55 exactly, not 111 and 56
    "pmtct-float-trap": _with(pregnant_expecting_birth=45),  # 31,5 → 32
    "elisa-1000": _with(planned_screenings=1000),  # 1200, not 1201
    "coverage-edges": _with(registered=1000, planned_on_art=130, on_art=100, starting_art=30),
    "coverage-above": _with(registered=1000, planned_on_art=201),
    "regimen-edge": _with(kits_pi=500, kits_nnrti=500, kits_component2=1100, kits_component3=950),
    "line-share-edge": _with(kits_first_line=550, kits_reserve=450),
    "plan-by-month": _with(continuing_art=100, starting_art=24, art_starts_by_month=[24] + [0] * 11, reserve_kits_left=50),
    "plan-even": _with(continuing_art=1000, starting_art=120, art_starts_by_month=[10] * 12),
    "reserve-exceeds": _with(continuing_art=10, starting_art=10, reserve_kits_left=100),
    "p24-equal": _with(elisa_positive_to_ib=10, ib_positive_or_indeterminate=10),
    "p24-contradiction": _with(elisa_positive_to_ib=10, ib_positive_or_indeterminate=11),
    "hepatitis-means": _with(hiv_examined_by_year=[1000, 1000, 1000, 1000, 1001], acute_hepatitis_by_year=[100, 100, 100, 100, 110, 120]),
}  # fmt: skip
BAD_SETS: dict[str, dict[str, Any]] = {
    "negative": _with(planned_screenings=-5, on_art=3),
    "text": _with(on_art="много", planned_screenings=10),
    "fraction": _with(observed=2.5),
    "blank-required": _with(planned_screenings=None, registered=None),
    "blank-year": _with(hiv_examined_by_year=[1000, None, 1000, 1000, 1000]),
    "plan-partly-filled": _with(art_starts_by_month=[5, 5] + [None] * 10),
    "text-in-range": _with(registered_by_years_since_detection=[1, 2, "три", 4, 5, 6, 7, 8, 9, 10]),
}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Any]]:
    work = tmp_path_factory.mktemp("native")
    template = work / "template.xlsx"
    write_workbook(template, REGION)
    rng = random.Random(20071020)
    sets = {**BOUNDARY_SETS, **BAD_SETS}
    sets.update({f"random-{i:02d}": random_inputs(rng) for i in range(30)})
    sets.update({f"small-{i:02d}": random_inputs(rng, largest=12) for i in range(5)})
    assert len(sets) >= 50
    files = []
    for label, inputs in sets.items():
        files.append(work / f"{label}.xlsx")
        fill(template, files[-1], inputs)
    outputs = recalculate(files, work)
    return {
        label: (inputs, load_workbook(path, data_only=True))
        for (label, inputs), path in zip(sets.items(), outputs, strict=True)
    }


def _same(found: Any, expected: Any) -> bool:
    if isinstance(expected, model.ErrorValue):
        return isinstance(found, str) and found.startswith("#")
    if isinstance(expected, list):
        return isinstance(found, list) and all(_same(f, e) for f, e in zip(found, expected, strict=True))
    return found == expected and found is not None


def test_every_result_and_check_equals_the_core(recalculated: dict[str, tuple[dict[str, Any], Any]]) -> None:
    differences = []
    for label, (inputs, book) in recalculated.items():
        for name, expected in model.evaluate(inputs, REGION.published_2006).items():
            found = read_name(book, name)
            if not _same(found, expected):
                differences.append(f"{label}: {name} = {found!r}, core: {expected!r}")
    assert differences == []


@pytest.mark.parametrize("label", list(BAD_SETS))
def test_bad_input_turns_checks_red_and_results_into_errors(
    recalculated: dict[str, tuple[dict[str, Any], Any]], label: str
) -> None:
    _, book = recalculated[label]
    assert read_name(book, "chk_all") != "OK"
    assert str(read_name(book, "chk_results_numeric")).startswith("Не вычислено результатов: ")
    if label not in ("p24-contradiction",):
        assert str(read_name(book, "chk_inputs")).startswith("Не заполнено или неверно полей: ")


def test_hand_worked_values_in_the_recalculated_workbook(recalculated: dict[str, tuple[dict[str, Any], Any]]) -> None:
    # independent of the model: values worked out by hand from the letter
    assert read_name(recalculated["elisa-1000"][1], "out_elisa_volume") == 1200  # 1000 × 1,2
    assert read_name(recalculated["immune-status-float-trap"][1], "out_immune_status_volume") == 165  # (100 + 50) × 1,1
    assert read_name(recalculated["pmtct-float-trap"][1], "out_pmtct_full_course") == 32  # 45 × 0,7 = 31,5 → 32
    assert read_name(recalculated["vl-default-5001"][1], "out_viral_load_volume") == 23005  # 20004 × 1,15 = 23004,6
    assert read_name(recalculated["plan-by-month"][1], "out_annual_kits_needed") == 73  # 100 + 24 × 23/24 − 50
    assert read_name(recalculated["coverage-edges"][1], "chk_art_coverage") == "OK"  # 130 = 13 % of 1000
    assert read_name(recalculated["all-zero"][1], "chk_all") != "OK"  # no kits at all is a problem (line share)
