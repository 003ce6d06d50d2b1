"""Input sets typed into generated workbooks: every tier boundary, float traps and bad input.

Shared by the LibreOffice test (native variant) and the ``formulas`` test (add-in variant).
"""

from __future__ import annotations

from typing import Any

from xl_addin.request import model
from xl_addin.request.layout import INPUTS
from xl_addin.workbook.writer import Region

REGION = Region("Иркутская область", "35", 4066)


def _zeros() -> dict[str, Any]:
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
    "vl-examined-too-few": _with(on_art=10, starting_art=5, observed=10, vl_examined=24),
    "vl-examined-exactly": _with(on_art=10, starting_art=5, observed=10, vl_examined=25),
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


def same(found: Any, expected: Any) -> bool:
    """Whether a workbook's value equals the core's: an ErrorValue matches any error or ``#…`` text."""
    if isinstance(expected, model.ErrorValue):
        return isinstance(found, str) and found.startswith("#")
    if isinstance(expected, list):
        return isinstance(found, list) and all(same(f, e) for f, e in zip(found, expected, strict=True))
    return found == expected and found is not None
