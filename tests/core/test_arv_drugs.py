"""Appendix 2, ARV drugs: hand-worked values and the checks' sentences."""

from __future__ import annotations

import pytest

from xl_addin.core import arv_drugs
from xl_addin.errors import InputError


@pytest.mark.parametrize(
    ("detected", "expected"),
    [(1000, 800), (1001, 801), (1003, 802), (5, 4), (0, 0)],  # 800,8 → 801; 802,4 → 802; 4 exactly
)
def test_dispensary_expected_rounds_people_half_up(detected: int, expected: int) -> None:
    assert arv_drugs.dispensary_expected(detected) == expected


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        (1000, (130, 200)),
        (101, (14, 20)),  # 13,13 → 14; 20,2 → 20
        (100, (13, 20)),  # both exact
        (7, (1, 1)),  # 0,91 → 1; 1,4 → 1
        (1, (1, 0)),  # no whole number lies within 13–20 % of 1
        (0, (0, 0)),
    ],
)
def test_art_need_range(base: int, expected: tuple[int, int]) -> None:
    assert arv_drugs.art_need_range(base) == expected


@pytest.mark.parametrize(
    ("planned", "base", "expected"),
    [
        (130, 1000, "OK"),  # exactly 13 %
        (200, 1000, "OK"),  # exactly 20 %
        (129, 1000, "Охват АРТ ниже 13 %: запланировано 129, нужно не менее 130 (не хватает 1)"),
        (201, 1000, "Охват АРТ выше 20 %: запланировано 201, допустимо не более 200 (лишних 1)"),
        (13, 101, "Охват АРТ ниже 13 %: запланировано 13, нужно не менее 14 (не хватает 1)"),  # 13 < 13,13
        (0, 0, "OK"),
    ],
)
def test_art_coverage_check(planned: int, base: int, expected: str) -> None:
    assert arv_drugs.art_coverage_check(planned, base) == expected


@pytest.mark.parametrize(
    ("to_treat", "first", "reserve"),
    [(100, 60, 40), (101, 61, 40), (5, 3, 2), (1, 1, 0), (2, 1, 1)],  # 60,6 → 61; 3 → 3; 0,6 → 1; 1,2 → 1
)
def test_first_line_and_reserve_add_up(to_treat: int, first: int, reserve: int) -> None:
    assert arv_drugs.first_line_patients(to_treat) == first
    assert arv_drugs.reserve_line_patients(to_treat) == reserve


def test_kits_treatable_min() -> None:
    assert arv_drugs.kits_treatable_min(300, 700) == 1000


@pytest.mark.parametrize(
    ("continuing", "starting", "reserve", "expected"),
    [
        (1000, 300, None, 1150),  # 1000 + 150
        (1000, 301, None, 1151),  # 1000 + 150,5 → 1151
        (1000, 300, 100, 1050),
        (10, 10, 100, 0),  # 15 − 100 < 0 → 0
        (0, 1, 0, 1),  # 0,5 → 1
    ],
)
def test_annual_kits_needed(continuing: int, starting: int, reserve: int | None, expected: int) -> None:
    assert arv_drugs.annual_kits_needed(continuing, starting, reserve) == expected


@pytest.mark.parametrize(
    ("continuing", "plan", "reserve", "expected"),
    [
        (1000, [10] * 12, None, 1060),  # even plan: exactly half of 120
        (1000, [30] * 4, None, 1060),  # even quarters: half of 120
        (0, [12, 0, 0, 0], None, 11),  # Q1 cohort gets 3,5/4: 12 × 0,875 = 10,5 → 11
        (0, [0, 0, 0, 8], None, 1),  # Q4 cohort gets 0,5/4: 8 × 0,125 = 1
        (0, [24] + [0] * 11, None, 23),  # January cohort gets 11,5/12: 24 × 23/24 = 23
        (0, [0] * 11 + [24], None, 1),  # December cohort gets 0,5/12: 24 / 24 = 1
        (100, [0] * 11 + [24], 50, 51),  # 100 + 1 − 50
        (10, [0] * 12, 20, 0),
    ],
)
def test_annual_kits_by_plan(continuing: int, plan: list[int], reserve: int | None, expected: int) -> None:
    assert arv_drugs.annual_kits_by_plan(continuing, plan, reserve) == expected


def test_annual_kits_by_plan_needs_12_months_or_4_quarters() -> None:
    with pytest.raises(InputError) as error:
        arv_drugs.annual_kits_by_plan(0, [1, 2, 3])
    assert str(error.value) == "starts_by_period = «3 знач.»: нужен план на 12 месяцев или 4 квартала"


@pytest.mark.parametrize(
    ("c1", "c2", "c3", "tolerance", "expected"),
    [
        (1000, 1100, 960, None, "OK"),  # |40| ≤ 50; 1100 > 1000
        (1000, 1100, 950, None, "OK"),  # |50| ≤ 50 — the edge
        (1000, 1100, 949, None, "Компоненты 1 и 3 расходятся на 51 комплектов, допустимо не более 50"),
        (1000, 1000, 1000, None, "Компонент 2 (1000) должен быть больше 1000"),  # "несколько больше": strictly
        (
            1000,
            900,
            900,
            None,
            "Компоненты 1 и 3 расходятся на 100 комплектов, допустимо не более 50; компонент 2 (900) должен быть больше 1000",
        ),
        (1000, 1100, 900, 0.1, "OK"),  # a wider tolerance: 100 ≤ 100
        (0, 0, 0, None, "Компонент 2 (0) должен быть больше 0"),
    ],
)
def test_regimen_balance_check(c1: int, c2: int, c3: int, tolerance: float | None, expected: str) -> None:
    assert arv_drugs.regimen_balance_check(c1, c2, c3, tolerance) == expected


@pytest.mark.parametrize(
    ("first", "reserve", "tolerance", "expected"),
    [
        (600, 400, None, "OK"),
        (550, 450, None, "OK"),  # 55 % — the edge
        (650, 350, None, "OK"),  # 65 % — the edge
        (549, 451, None, "Первый ряд: 549 из 1000 комплектов, при доле около 60 % должно быть от 550 до 650"),
        (651, 349, None, "Первый ряд: 651 из 1000 комплектов, при доле около 60 % должно быть от 550 до 650"),
        (500, 500, 0.1, "OK"),  # 50 % within 60 % ± 10
        (1, 0, None, "Первый ряд: 1 из 1 комплектов, при доле около 60 % должно быть от 1 до 0"),
        (0, 0, None, "Не указано ни одного комплекта первого ряда и резерва"),
    ],
)
def test_line_share_check(first: int, reserve: int, tolerance: float | None, expected: str) -> None:
    assert arv_drugs.line_share_check(first, reserve, tolerance) == expected


@pytest.mark.parametrize(
    ("pregnant", "full", "short"),
    [
        (10, 7, 3),  # 7; 2,5 → 3
        (15, 11, 4),  # 10,5 → 11; 3,75 → 4
        (45, 32, 11),  # 31,5 → 32 (a float gives 31.499999999999996 → 31); 11,25 → 11
        (0, 0, 0),
    ],
)
def test_pmtct_courses(pregnant: int, full: int, short: int) -> None:
    assert arv_drugs.pmtct_full_course(pregnant) == full
    assert arv_drugs.pmtct_short_course(pregnant) == short
