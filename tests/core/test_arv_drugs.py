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
        (101, (13, 20)),  # 13,13 → 13; 20,2 → 20
        (100, (13, 20)),  # both exact
        (8, (1, 2)),  # 1,04 → 1; 1,6 → 2
        (7, (1, 1)),  # 0,91 → 1; 1,4 → 1
        (4, (1, 1)),  # 0,52 → 1; 0,8 → 1
        (1, (0, 0)),  # 0,13 → 0; 0,2 → 0: planning 0 for 1 registered is allowed
        (50, (7, 10)),  # 6,5 → 7 (a half goes up); 10
        (0, (0, 0)),
    ],
)
def test_art_need_range_rounds_both_ends_half_up(base: int, expected: tuple[int, int]) -> None:
    assert arv_drugs.art_need_range(base) == expected


@pytest.mark.parametrize(
    ("detected", "expected"),
    [
        (1001, (104, 160)),  # 800,8 → 801; 104,13 → 104; 160,2 → 160
        (1000, (104, 160)),  # 800; 104; 160
        (10, (1, 2)),  # 8; 1,04 → 1; 1,6 → 2
        (1, (0, 0)),  # 0,8 → 1; 0,13 → 0; 0,2 → 0
        (0, (0, 0)),
    ],
)
def test_treatment_need_range_is_13_to_20_percent_of_those_under_observation(
    detected: int, expected: tuple[int, int]
) -> None:
    assert arv_drugs.treatment_need_range(detected) == expected


BELOW_100 = "Охват АРТ ниже 13 %: запланировано 100, нужно не менее 130 (не хватает 30)"
ABOVE_250 = "Охват АРТ выше 20 %: запланировано 250, допустимо не более 200 (лишних 50)"


@pytest.mark.parametrize(
    ("planned", "base", "estimate", "expected"),
    [
        (130, 1000, None, "OK"),  # exactly 13 %
        (200, 1000, None, "OK"),  # exactly 20 %
        (129, 1000, None, "Охват АРТ ниже 13 %: запланировано 129, нужно не менее 130 (не хватает 1)"),
        (201, 1000, None, "Охват АРТ выше 20 %: запланировано 201, допустимо не более 200 (лишних 1)"),
        (13, 101, None, "OK"),  # 13,13 → 13
        (12, 101, None, "Охват АРТ ниже 13 %: запланировано 12, нужно не менее 13 (не хватает 1)"),
        (0, 1, None, "OK"),  # 0 … 0
        (1, 1, None, "Охват АРТ выше 20 %: запланировано 1, допустимо не более 0 (лишних 1)"),
        (0, 0, None, "OK"),
        (250, 1000, None, ABOVE_250),
        (250, 1000, 260, "OK"),  # above 20 %, but 250 ≤ 260 (the epidemic started earlier)
        (250, 1000, 250, "OK"),  # equal to the estimate
        (250, 1000, 249, ABOVE_250 + ", расчётная потребность по давности выявления 249"),  # 250 > 249
        (250, 1000, 0, ABOVE_250 + ", расчётная потребность по давности выявления 0"),
        (100, 1000, 500, BELOW_100),  # the estimate only lifts the top, never the bottom
        (150, 1000, 100, "OK"),  # within 13–20 %: the estimate does not lower the top
    ],
)
def test_art_coverage_check(planned: int, base: int, estimate: int | None, expected: str) -> None:
    assert arv_drugs.art_coverage_check(planned, base, estimate) == expected


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
        (1000, 1100, 960, None, "OK"),  # |40| ≤ ⌊1000 × 0,05⌋ = 50; 1100 > 1000
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
        (10, 12, 11, None, "OK"),  # ⌊11 × 0,05⌋ = 0 → at least 1: |1| ≤ 1
        (1, 2, 0, None, "OK"),  # ⌊0,05⌋ = 0 → 1: |1| ≤ 1; 2 > 1
        (19, 21, 17, None, "Компоненты 1 и 3 расходятся на 2 комплектов, допустимо не более 1"),  # ⌊0,95⌋ = 0 → 1
        (40, 41, 38, None, "OK"),  # ⌊40 × 0,05⌋ = 2: |2| ≤ 2
        (100, 101, 98, 0, "Компоненты 1 и 3 расходятся на 2 комплектов, допустимо не более 1"),  # tolerance 0 → 1 kit
        (0, 0, 0, None, "Компонент 2 (0) должен быть больше 0"),
    ],
)
def test_regimen_balance_check(c1: int, c2: int, c3: int, tolerance: float | None, expected: str) -> None:
    assert arv_drugs.regimen_balance_check(c1, c2, c3, tolerance) == expected


def _excess(c2: int, larger: int, allowed: int, courses: int, most: int) -> str:
    return (
        f"Компонент 2 ({c2}) больше, чем компоненты 1/3 ({larger}) с допуском {allowed} "
        f"и курсами химиопрофилактики {courses}: не более {most}"
    )


@pytest.mark.parametrize(
    ("c1", "c2", "c3", "courses", "expected"),
    [
        (1000, 1110, 980, 60, "OK"),  # 1000 + ⌊50⌋ + 60 = 1110 — the edge
        (1000, 1111, 980, 60, _excess(1111, 1000, 50, 60, 1110)),
        (1000, 1300, 980, 60, _excess(1300, 1000, 50, 60, 1110)),
        (980, 1300, 1000, 60, _excess(1300, 1000, 50, 60, 1110)),  # the larger of c1, c3 counts, whichever it is
        (1000, 1050, 1000, 0, "OK"),  # no PMTCT: 1000 + 50
        (1000, 1051, 1000, 0, _excess(1051, 1000, 50, 0, 1050)),
        (10, 11, 10, 0, "OK"),  # ⌊0,5⌋ = 0 → at least 1: 10 + 1
        (10, 12, 10, 0, _excess(12, 10, 1, 0, 11)),
        (0, 1, 0, 0, "OK"),  # 0 + 1 (at least one kit) + 0
        (0, 5, 0, 4, "OK"),  # 0 + 1 + 4
        (0, 6, 0, 4, _excess(6, 0, 1, 4, 5)),
        (1000, 500, 1000, 0, "OK"),  # too small a component 2 is REGIMEN_BALANCE_CHECK's business
    ],
)
def test_component2_excess_check(c1: int, c2: int, c3: int, courses: int, expected: str) -> None:
    assert arv_drugs.component2_excess_check(c1, c2, c3, courses) == expected


@pytest.mark.parametrize(
    ("first", "reserve", "tolerance", "expected"),
    [
        (600, 400, None, "OK"),
        (550, 450, None, "OK"),  # 600 − 50 — the edge
        (650, 350, None, "OK"),  # 600 + 50 — the edge
        (549, 451, None, "Первый ряд: 549 из 1000 комплектов, при доле около 60 % должно быть от 550 до 650"),
        (651, 349, None, "Первый ряд: 651 из 1000 комплектов, при доле около 60 % должно быть от 550 до 650"),
        (54, 46, None, "Первый ряд: 54 из 100 комплектов, при доле около 60 % должно быть от 55 до 65"),  # 60 ± 5
        (500, 500, 0.1, "OK"),  # 600 ± 100
        (1, 0, None, "OK"),  # 0,6 ± 1 → 0 … 1
        (0, 1, None, "OK"),
        (2, 0, None, "OK"),  # 1,2 ± 1 → ⌈0,2⌉ = 1 … ⌊2,2⌋ = 2
        (0, 2, None, "Первый ряд: 0 из 2 комплектов, при доле около 60 % должно быть от 1 до 2"),
        (3, 3, None, "OK"),  # 3,6 ± 1 → ⌈2,6⌉ = 3 … ⌊4,6⌋ = 4
        (5, 1, None, "Первый ряд: 5 из 6 комплектов, при доле около 60 % должно быть от 3 до 4"),
        (12, 8, None, "OK"),  # 12 ± max(1; 1) → 11 … 13
        (14, 6, None, "Первый ряд: 14 из 20 комплектов, при доле около 60 % должно быть от 11 до 13"),
        (61, 39, 0, "OK"),  # tolerance 0 still allows ± 1 kit: 59 … 61
        (62, 38, 0, "Первый ряд: 62 из 100 комплектов, при доле около 60 % должно быть от 59 до 61"),
        (0, 0, None, "Не указано ни одного комплекта первого ряда и резерва"),
    ],
)
def test_line_share_check(first: int, reserve: int, tolerance: float | None, expected: str) -> None:
    assert arv_drugs.line_share_check(first, reserve, tolerance) == expected


@pytest.mark.parametrize(
    ("before", "last", "expected"),
    [
        (100, 120, 140),  # 120 + (120 − 100); = (100 + 120)/2 + 1,5 × 20 = 110 + 30
        (120, 100, 80),  # 100 + (100 − 120)
        (100, 100, 100),  # no change
        (100, 40, 0),  # 40 − 60 < 0 → 0
        (100, 50, 0),  # 50 − 50 = 0
        (0, 7, 14),
        (0, 0, 0),
    ],
)
def test_pmtct_pregnant_estimate_carries_the_trend_one_year_on(before: int, last: int, expected: int) -> None:
    assert arv_drugs.pmtct_pregnant_estimate(before, last) == expected


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
