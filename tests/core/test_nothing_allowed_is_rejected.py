"""For every base and total from 1 up, some whole number passes each check (docs/interpretation.md, A1, A4, A5).

The candidates are worked out here with whole-number arithmetic only
(⌊n·p/100⌋ and ⌈n·p/100⌉), not by the code under test: the integers nearest to
the letter's share always include one that passes, and every integer lying
exactly within the letter's 13–20 %, 60 % ± 5 and 5 % passes too.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from xl_addin.core import arv_drugs

LARGEST = 2000


def floor_percent(number: int, percent: int) -> int:
    """⌊number × percent / 100⌋ in whole numbers."""
    return number * percent // 100


def ceil_percent(number: int, percent: int) -> int:
    """⌈number × percent / 100⌉ in whole numbers."""
    return -(-number * percent // 100)


def art_coverage_problems(base: int) -> list[str]:
    """Planned numbers around 13–20 % of ``base``: one passes; all exactly within 13–20 % pass."""
    problems = []
    candidates = range(floor_percent(base, 13), ceil_percent(base, 20) + 1)
    if not any(arv_drugs.art_coverage_check(planned, base) == "OK" for planned in candidates):
        problems.append(f"base {base}: none of {list(candidates)} passes")
    for planned in (ceil_percent(base, 13), floor_percent(base, 20)):
        if ceil_percent(base, 13) <= floor_percent(base, 20) and arv_drugs.art_coverage_check(planned, base) != "OK":
            problems.append(f"base {base}: {planned} lies within 13–20 % but is refused")
    return problems


def line_share_problems(kits: int) -> list[str]:
    """Splits of ``kits``: the first-line numbers nearest to 60 % — one passes; 55 % and 65 % exactly pass."""
    problems = []
    nearest = {floor_percent(kits, 60), ceil_percent(kits, 60)}
    if not any(arv_drugs.line_share_check(first, kits - first) == "OK" for first in nearest):
        problems.append(f"{kits} kits: none of {sorted(nearest)} first-line kits passes")
    for first in (ceil_percent(kits, 55), floor_percent(kits, 65)):
        if (
            ceil_percent(kits, 55) <= floor_percent(kits, 65)
            and arv_drugs.line_share_check(first, kits - first) != "OK"
        ):
            problems.append(f"{kits} kits: {first} first-line kits lie within 55–65 % but are refused")
    return problems


def regimen_problems(larger: int) -> list[str]:
    """c1 = larger, c3 one kit less (or 5 % less exactly), c2 = larger + 1: both §3 checks pass."""
    problems = []
    for third in {larger - 1, ceil_percent(larger, 95)}:
        balance = arv_drugs.regimen_balance_check(larger, larger + 1, third)
        excess = arv_drugs.component2_excess_check(larger, larger + 1, third, 0)
        if (balance, excess) != ("OK", "OK"):
            problems.append(f"c1 {larger}, c2 {larger + 1}, c3 {third}: {balance}; {excess}")
    return problems


@pytest.mark.parametrize(
    "problems_of",
    [art_coverage_problems, line_share_problems, regimen_problems],
    ids=["ART_COVERAGE_CHECK", "LINE_SHARE_CHECK", "REGIMEN_BALANCE_CHECK+COMPONENT2_EXCESS_CHECK"],
)
def test_some_whole_number_passes_for_every_base_from_1(problems_of: Callable[[int], list[str]]) -> None:
    problems = [problem for number in range(1, LARGEST + 1) for problem in problems_of(number)]
    assert problems == []


@pytest.mark.parametrize(
    ("base", "planned"),
    [(1, 0), (4, 1), (8, 1), (8, 2), (7, 1)],  # 0,13…0,2 → 0; 0,52…0,8 → 1; 1,04…1,6 → 1…2; 0,91…1,4 → 1
)
def test_small_bases_have_a_nearest_whole_number_of_patients(base: int, planned: int) -> None:
    assert arv_drugs.art_coverage_check(planned, base) == "OK"
