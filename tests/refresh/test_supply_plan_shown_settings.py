"""A wrong setting that only chooses what «План поставок» shows — the product of its 24-month table (C6), the lead
months of «Заказать до» (C5) — is an error row, and the region's plan still enters the national plan: a typo in the
chart's product hid the 151 packs a region held above its maximum (issue 22's review).  A wrong setting that changes
the plan's numbers — its start (C2), its interval (C3) — keeps the region's plan out, as before.

Two regions, the note's national example (§3.6): Тульская область short of zidovudine in 07.2007 (573 units),
Томская область holding 21,900 + 600 of it, 151 packs above its maximum in 07.2007 (the numbers worked out in
``test_supply_plan_refresh.py``); Томская область's settings carry the wrong value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

import xl_addin
from tests.refresh.test_supply_plan_refresh import WORKBOOKS, A, B
from tests.workbook.filling import fill
from xl_addin.api import region_list
from xl_addin.workbook.writer import write_workbook

D = dt.datetime


def _read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    ("setting", "value", "cell", "enters"),
    [
        ("in_plan_product", "A6", "C6", True),  # a code on no «Товары» row: the table shows no product
        ("in_plan_lead_months", 2.5, "C5", True),  # not a whole number of months: no «Заказать до»
        ("in_plan_reorder_months", 2.5, "C3", False),  # the interval: every product's maximum changes
        ("in_plan_start", "май 2007", "C2", False),  # the start: no plan at all
    ],
)
def test_a_setting_of_the_display_alone_keeps_the_plan_in(
    tmp_path: Path, setting: str, value: Any, cell: str, enters: bool
) -> None:
    received = tmp_path / "in"
    received.mkdir()
    regions = region_list([A, B])
    by_name = {region.name: region for region in regions}
    for file in ("a.xlsx", "b.xlsx"):
        region, cells = WORKBOOKS[file]
        assert cells is not None
        write_workbook(tmp_path / f"blank-{file}", by_name[region])
        fill(tmp_path / f"blank-{file}", received / file, cells | ({setting: value} if region == B else {}))
    xl_addin.refresh(received, out=tmp_path / "out", regions=regions, jobs=1)

    problems = _read_csv(tmp_path / "out" / "problems.csv")
    assert [row[6] for row in problems if row[0] == "b.xlsx" and row[3] == setting] == ["ошибка"]
    assert [row[2] for row in problems if row[0] == "b.xlsx" and row[3] == setting] == [cell]
    july = next(row for row in _read_csv(tmp_path / "out" / "national_supply_plan.csv") if row[:4][3:] == ["07.2007"])
    moves = _read_csv(tmp_path / "out" / "national_redistribution.csv")
    if enters:
        # both regions: A short 573, B 18,242 left; Σ 18,242 · 120 / 14,600 = 149.9… → 14.9 months; B 151 packs over
        assert july[4:] == ["2", "18885", "0", "0", "1216", "573", "18242", "14,9", "1", "0", "1"]
        assert [row[5:] for row in moves if row[3] == "07.2007"] == [[A, "573", "", ""], [B, "", "151", "9060"]]
    else:
        # A alone: 35 on hand, 608 needed, 573 unmet, nothing left; N 7,300: 0 months
        assert july[4:] == ["1", "35", "0", "0", "608", "573", "0", "0,0", "1", "0", "0"]
        assert [row[5:] for row in moves if row[3] == "07.2007"] == [
            [A, "573", "", ""],
            ["ни у одного региона запас не выше максимума: передавать нечего", "", "", ""],
        ]
