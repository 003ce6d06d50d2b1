"""Appendix 2: antiretroviral drugs — patients, annual kits and the checks of a request.

People round **half up**, kits **up**, limits **down** (docs/interpretation.md, R1).
A check returns ``"OK"`` or one Russian sentence that uses whole numbers only,
so that the workbook's formulas can build the very same sentence.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from xl_addin.core import coefficients as k
from xl_addin.core import sentences
from xl_addin.core.numbers import (
    count,
    counts,
    positive_count,
    round_down,
    round_half_up,
    round_half_up_to,
    round_up,
    share,
)
from xl_addin.errors import InputError

OK = "OK"

#: Lengths of a start plan that ANNUAL_KITS_BY_PLAN understands: 12 months or 4 quarters.
PLAN_PERIODS = (12, 4)


def dispensary_expected(detected_cumulative: Any) -> int:
    """Appendix 2, list item 2: HIV-infected under dispensary observation, 80 % of those detected.

    >>> dispensary_expected(1001)  # 800,8 → 801
    801
    """
    return round_half_up(count(detected_cumulative, "detected_cumulative") * k.DISPENSARY_SHARE.value)


def art_need_range(base: Any) -> tuple[int, int]:
    """Appendix 2, §1: the numbers of patients at 13 % and at 20 % of ``base``.

    Both ends are numbers of people and round half up (docs/interpretation.md,
    R1, A1), so the range is never empty: a planned number between them is
    what the letter allows, even for a very small base.

    >>> art_need_range(1000)  # 130 … 200
    (130, 200)
    >>> art_need_range(101)  # 13,13 → 13; 20,2 → 20
    (13, 20)
    >>> art_need_range(8), art_need_range(1)  # 1,04 → 1; 1,6 → 2 / 0,13 → 0; 0,2 → 0
    ((1, 2), (0, 0))
    """
    persons = count(base, "base")
    return (
        round_half_up(persons * k.ART_NEED_LOW.value),
        round_half_up(persons * k.ART_NEED_HIGH.value),
    )


def art_coverage_check(planned_on_art: Any, base: Any, estimate: Any = None) -> str:
    """Appendix 2, §1: is 13 % · base ≤ planned ≤ 20 % · base (ends as in ``art_need_range``)?

    Above 20 % is still "OK" when the region's own estimate by years since
    detection (ART_NEED_ESTIMATE) is given and planned ≤ estimate: "в тех
    районах России, где массовая эпидемия началась раньше … пропорционально
    выше" (docs/interpretation.md, A11).  A blank ``estimate`` keeps the 20 % limit.

    >>> art_coverage_check(150, 1000)
    'OK'
    >>> art_coverage_check(100, 1000)
    'Охват АРТ ниже 13 %: запланировано 100, нужно не менее 130 (не хватает 30)'
    >>> art_coverage_check(250, 1000)
    'Охват АРТ выше 20 %: запланировано 250, допустимо не более 200 (лишних 50)'
    >>> art_coverage_check(250, 1000, 260)  # 250 ≤ 260
    'OK'
    >>> art_coverage_check(250, 1000, 220)
    'Охват АРТ выше 20 %: запланировано 250, допустимо не более 200 (лишних 50), расчётная потребность по давности выявления 220'
    """
    planned = count(planned_on_art, "planned_on_art")
    low, high = art_need_range(base)
    expected = None if estimate is None else count(estimate, "estimate")
    if planned < low:
        return f"Охват АРТ ниже {k.ART_NEED_LOW.percent} %: запланировано {planned}, нужно не менее {low} (не хватает {low - planned})"
    if planned > high and (expected is None or planned > expected):
        sentence = f"Охват АРТ выше {k.ART_NEED_HIGH.percent} %: запланировано {planned}, допустимо не более {high} (лишних {planned - high})"
        if expected is not None:
            sentence += f", расчётная потребность по давности выявления {expected}"
        return sentence
    return OK


def coverage_percent(planned_on_art: Any, registered: Any) -> Decimal:
    """Appendix 2, §1, as the federal centre reads it: planned on ART in % of the registered living with HIV,
    one decimal, half up (docs/interpretation.md, A1 and N3); the band is 13–20 %.

    >>> coverage_percent(150, 1000), coverage_percent(1, 3), coverage_percent(2, 3), coverage_percent(0, 7)
    (Decimal('15.0'), Decimal('33.3'), Decimal('66.7'), Decimal('0.0'))
    >>> coverage_percent(5, 0)
    Traceback (most recent call last):
    xl_addin.errors.InputError: registered = 0: нужно целое число больше 0
    """
    planned = count(planned_on_art, "planned_on_art")
    base = positive_count(registered, "registered")
    return round_half_up_to(Fraction(100 * planned, base), 1)


def coverage_band(planned_on_art: Any, registered: Any) -> str:
    """Where a plan stands against Appendix 2, §1's band, by the same whole numbers as ``art_coverage_check``:
    «ниже 13 %» (planned < 13 % · registered, rounded as ``art_need_range``), «выше 20 %» (planned > 20 % ·
    registered, whatever the estimate by years since detection allows: A11 is the check's, not the band's), else
    «13–20 %».

    >>> coverage_band(129, 1000), coverage_band(130, 1000), coverage_band(200, 1000), coverage_band(201, 1000)
    ('ниже 13 %', '13–20 %', '13–20 %', 'выше 20 %')
    """
    planned = count(planned_on_art, "planned_on_art")
    low, high = art_need_range(registered)
    if planned < low:
        return f"ниже {k.ART_NEED_LOW.percent} %"
    if planned > high:
        return f"выше {k.ART_NEED_HIGH.percent} %"
    return f"{k.ART_NEED_LOW.percent}–{k.ART_NEED_HIGH.percent} %"


def treatment_need_range(detected_cumulative: Any) -> tuple[int, int]:
    """Appendix 2, list item 3: those to treat, 13–20 % of those under dispensary observation.

    Under observation is item 2, 80 % of the detected (``dispensary_expected``);
    both ends round as in ``art_need_range`` (docs/interpretation.md, A10).

    >>> treatment_need_range(1001)  # 801; 104,13 → 104; 160,2 → 160
    (104, 160)
    """
    return art_need_range(dispensary_expected(detected_cumulative))


def first_line_patients(to_treat: Any) -> int:
    """Appendix 2, list item 4: patients on first-line drugs, 60 % of those to treat.

    >>> first_line_patients(101)  # 60,6 → 61
    61
    """
    return round_half_up(count(to_treat, "to_treat") * k.FIRST_LINE_SHARE.value)


def reserve_line_patients(to_treat: Any) -> int:
    """Appendix 2, list item 4: second-line and reserve — the rest, so both add up to ``to_treat``.

    >>> reserve_line_patients(101)  # 101 − 61
    40
    """
    return count(to_treat, "to_treat") - first_line_patients(to_treat)


def kits_treatable_min(pi_kits: Any, nnrti_kits: Any) -> int:
    """Appendix 2, §2: PI + NNRTI annual kits — the fewest patients the request can treat for a year.

    >>> kits_treatable_min(300, 700)
    1000
    """
    return count(pi_kits, "pi_kits") + count(nnrti_kits, "nnrti_kits")


def annual_kits_needed(continuing: Any, starting: Any, reserve_left: Any = None) -> int:
    """Appendix 2, §2: kits = continuing + half of starting − reserve left, never below 0.

    >>> annual_kits_needed(1000, 301)  # 1000 + 150,5 = 1150,5 → 1151
    1151
    >>> annual_kits_needed(10, 10, 100)  # 10 + 5 − 100 < 0 → 0
    0
    """
    reserve = 0 if reserve_left is None else count(reserve_left, "reserve_left")
    needed = count(continuing, "continuing") + count(starting, "starting") * k.STARTING_KITS_SHARE.value - reserve
    return max(0, round_up(needed))


def plan_kits_share(period: int, periods: int) -> Fraction:
    """Share of a year's kit for a patient starting in ``period`` (1-based) of ``periods``.

    Each cohort starts in the middle of its period (docs/interpretation.md, A3):
    (P − k + ½) / P.

    >>> plan_kits_share(1, 12), plan_kits_share(12, 12), plan_kits_share(2, 4)
    (Fraction(23, 24), Fraction(1, 24), Fraction(5, 8))
    """
    return (periods - period + k.STARTING_KITS_SHARE.value) / periods


def annual_kits_by_plan(continuing: Any, starts_by_period: Any, reserve_left: Any = None) -> int:
    """Appendix 2, §2, uneven inclusion: kits by a monthly (12) or quarterly (4) start plan.

    Σ sₖ·(P − k + ½)/P replaces "half of those starting"; an even plan gives
    exactly the half rule.

    >>> annual_kits_by_plan(1000, [10] * 12)  # 1000 + 120/2 = 1060
    1060
    >>> annual_kits_by_plan(0, [12, 0, 0, 0])  # 12 × 3,5/4 = 10,5 → 11
    11
    """
    starts = counts(starts_by_period, "starts_by_period")
    if len(starts) not in PLAN_PERIODS:
        raise InputError(
            "starts_by_period",
            f"{len(starts)} знач.",
            "нужен план на 12 месяцев или 4 квартала",
        )
    periods = len(starts)
    starting_share = sum(
        (started * plan_kits_share(period, periods) for period, started in enumerate(starts, 1)),
        Fraction(0),
    )
    reserve = 0 if reserve_left is None else count(reserve_left, "reserve_left")
    return max(0, round_up(count(continuing, "continuing") + starting_share - reserve))


def regimen_allowed(larger: int, allowed_share: Fraction) -> int:
    """Kits by which components 1 and 3 may differ: ⌊share × larger⌋, but at least one kit.

    "в пределах нескольких процентов" is never less than one whole kit
    (docs/interpretation.md, A4).

    >>> regimen_allowed(1000, k.REGIMEN_TOLERANCE.value), regimen_allowed(19, k.REGIMEN_TOLERANCE.value)
    (50, 1)
    """
    return max(1, round_down(allowed_share * larger))


def regimen_balance_check(
    component1_kits: Any, component2_kits: Any, component3_kits: Any, tolerance: Any = None, *, lang: str = "ru"
) -> str:
    """Appendix 2, §3: components 1 and 3 about equal, component 2 somewhat larger.

    |c1 − c3| ≤ max(1, ⌊tolerance × max(c1, c3)⌋) (default 5 %) and
    c2 > max(c1, c3) (docs/interpretation.md, A4).

    >>> regimen_balance_check(1000, 1100, 960)  # |40| ≤ 50, 1100 > 1000
    'OK'
    >>> regimen_balance_check(10, 12, 11)  # |1| ≤ max(1, ⌊0,55⌋) = 1, 12 > 11
    'OK'
    >>> regimen_balance_check(1000, 900, 900)
    'Компоненты 1 и 3 расходятся на 100 комплектов, допустимо не более 50; компонент 2 (900) должен быть больше 1000'
    """
    first = count(component1_kits, "component1_kits")
    second = count(component2_kits, "component2_kits")
    third = count(component3_kits, "component3_kits")
    allowed_share = k.REGIMEN_TOLERANCE.value if tolerance is None else share(tolerance, "tolerance")
    larger = max(first, third)
    allowed = regimen_allowed(larger, allowed_share)
    apart, small_second = abs(first - third) > allowed, second <= larger
    if not (apart or small_second):
        return OK
    if not apart:
        return sentences.render("regimen_second", lang, second=second, larger=larger)
    sentence = sentences.render("regimen_apart", lang, difference=abs(first - third), allowed=allowed)
    if small_second:
        sentence += "; " + sentences.render("regimen_second_after", lang, second=second, larger=larger)
    return sentence


def component2_excess_check(
    component1_kits: Any, component2_kits: Any, component3_kits: Any, pmtct_courses: Any, *, lang: str = "ru"
) -> str:
    """Appendix 2, §3: component 2 only "несколько больше" — at most max(c1, c3) + allowed + PMTCT courses.

    A warning: the surplus of component 2 is "за счет препаратов, предназначенных
    для профилактики вертикальной передачи ВИЧ", one kit per PMTCT course (full
    and short), plus the tolerance of ``regimen_allowed`` (docs/interpretation.md, A12).

    >>> component2_excess_check(1000, 1110, 980, 60)  # 1000 + 50 + 60 = 1110
    'OK'
    >>> component2_excess_check(1000, 1300, 980, 60)
    'Компонент 2 (1300) больше, чем компоненты 1/3 (1000) с допуском 50 и курсами химиопрофилактики 60: не более 1110'
    """
    first = count(component1_kits, "component1_kits")
    second = count(component2_kits, "component2_kits")
    third = count(component3_kits, "component3_kits")
    courses = count(pmtct_courses, "pmtct_courses")
    larger = max(first, third)
    allowed = regimen_allowed(larger, k.REGIMEN_TOLERANCE.value)
    most = larger + allowed + courses
    if second <= most:
        return OK
    return sentences.render(
        "component2_excess", lang, second=second, larger=larger, allowed=allowed, courses=courses, most=most
    )


def line_share_check(first_line_kits: Any, reserve_kits: Any, tolerance: Any = None, *, lang: str = "ru") -> str:
    """Appendix 2, §4: first-line drugs about 60 % of kits (default ± 5 percentage points, at least ± 1 kit).

    The deviation is max(tolerance × kits, 1); the bounds are
    ⌈0,6 · kits − deviation⌉ (not below 0) and ⌊0,6 · kits + deviation⌋ (not
    above kits), so some whole number of kits always passes (docs/interpretation.md, A5).

    >>> line_share_check(600, 400)
    'OK'
    >>> line_share_check(500, 500)  # 55 % … 65 % of 1000 is 550 … 650
    'Первый ряд: 500 из 1000 комплектов, при доле около 60 % должно быть от 550 до 650'
    >>> line_share_check(5, 1)  # 3,6 ± 1 → 3 … 4
    'Первый ряд: 5 из 6 комплектов, при доле около 60 % должно быть от 3 до 4'
    """
    first = count(first_line_kits, "first_line_kits")
    reserve = count(reserve_kits, "reserve_kits")
    allowed_share = k.LINE_SHARE_TOLERANCE.value if tolerance is None else share(tolerance, "tolerance")
    kits = first + reserve
    if kits == 0:
        return sentences.render("line_share_none", lang)
    centre = kits * k.FIRST_LINE_SHARE.value
    deviation = max(allowed_share * kits, Fraction(1))  # "порядка": never less than one whole kit
    low = max(0, round_up(centre - deviation))
    high = min(kits, round_down(centre + deviation))
    if low <= first <= high:
        return OK
    return sentences.render("line_share", lang, first=first, kits=kits, low=low, high=high)


def pmtct_pregnant_estimate(births_year_before: Any, births_last_year: Any) -> int:
    """Appendix 2, PMTCT item 1: pregnant women who will give birth, by the trend of the last two years.

    The yearly change carried one year on: b_last + (b_last − b_before), that is
    the two-year mean plus 1,5 yearly changes; never below 0
    (docs/interpretation.md, A13).

    >>> pmtct_pregnant_estimate(100, 120), pmtct_pregnant_estimate(120, 100), pmtct_pregnant_estimate(100, 40)
    (140, 80, 0)
    """
    before = count(births_year_before, "births_year_before")
    last = count(births_last_year, "births_last_year")
    return max(0, last + (last - before))


def pmtct_full_course(pregnant_expecting_birth: Any) -> int:
    """Appendix 2, PMTCT item 2: 70 % of HIV-positive pregnant women get the full course.

    >>> pmtct_full_course(15)  # 10,5 → 11
    11
    """
    return round_half_up(count(pregnant_expecting_birth, "pregnant_expecting_birth") * k.PMTCT_FULL_SHARE.value)


def pmtct_short_course(pregnant_expecting_birth: Any) -> int:
    """Appendix 2, PMTCT item 3: 25 % get a course in pregnancy or an emergency course in labour.

    >>> pmtct_short_course(10)  # 2,5 → 3
    3
    """
    return round_half_up(count(pregnant_expecting_birth, "pregnant_expecting_birth") * k.PMTCT_SHORT_SHARE.value)
