"""Appendix 1, HIV infection, sections I–IX: numbers of laboratory tests.

Every function validates its arguments (a count is a whole number ≥ 0) and
returns a whole number of tests, rounded **up** (docs/interpretation.md, R1).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from xl_addin.core import coefficients as k
from xl_addin.core.numbers import count, round_down, round_up
from xl_addin.errors import InconsistentInputError


def elisa_volume(planned_screenings: Any) -> int:
    """Section I: ELISA tests, A = B + B × 0,2.

    B — persons planned for HIV screening by ELISA in the request year
    (form N 4, table 1000, row 15, column 4).

    >>> elisa_volume(1000)  # 1000 + 1000 × 0,2 = 1200
    1200
    >>> elisa_volume(7)  # 7 + 1,4 = 8,4 → 9
    9
    """
    screenings = count(planned_screenings, "planned_screenings")
    return round_up(screenings + screenings * k.ELISA_REPEAT.value)


def immunoblot_volume(elisa_positive: Any) -> int:
    """Section II: immunoblot tests, A = B + B × 0,25.

    B — ELISA-positive results sent to immunoblot in the previous year
    (form N 4, table 1000, row 15, column 9).

    >>> immunoblot_volume(10)  # 10 + 2,5 = 12,5 → 13
    13
    """
    positive = count(elisa_positive, "elisa_positive")
    return round_up(positive + positive * k.IMMUNOBLOT_REPEAT.value)


def immune_status_volume(on_art: Any, starting_art: Any, observed: Any) -> int:
    """Section III: immune status tests, A = 4B + 3C + 2,5D + (4B + 3C + 2,5D) × 0,1.

    >>> immune_status_volume(100, 50, 200)  # (400 + 150 + 500) × 1,1 = 1155
    1155
    >>> immune_status_volume(0, 0, 1)  # 2,5 × 1,1 = 2,75 → 3
    3
    """
    base = (
        count(on_art, "on_art") * k.IMMUNE_STATUS_PER_ON_ART.value
        + count(starting_art, "starting_art") * k.IMMUNE_STATUS_PER_STARTING.value
        + count(observed, "observed") * k.IMMUNE_STATUS_PER_OBSERVED.value
    )
    return round_up(base + base * k.IMMUNE_STATUS_REPEAT.value)


def viral_load_repeat_share(examined: Any) -> Fraction:
    """Section IV, E: 0,5 below 1000 examined; 0,3 from 1000 to 5000 inclusive; 0,15 above 5000.

    >>> [float(viral_load_repeat_share(n)) for n in (999, 1000, 5000, 5001)]
    [0.5, 0.3, 0.3, 0.15]
    """
    persons = count(examined, "examined")
    if persons < k.VIRAL_LOAD_SMALL_BELOW.value:
        return k.VIRAL_LOAD_REPEAT_SMALL.value
    if persons <= k.VIRAL_LOAD_LARGE_ABOVE.value:
        return k.VIRAL_LOAD_REPEAT_MEDIUM.value
    return k.VIRAL_LOAD_REPEAT_LARGE.value


def viral_load_volume(on_art: Any, starting_art: Any, observed: Any, examined: Any = None) -> int:
    """Section IV: viral load tests, A = 4B + 3C + 2,5D + (4B + 3C + 1,5D) × E.

    The letter prints 2,5·D in the main term and 1,5·D in the repeat term;
    both are implemented as printed (docs/interpretation.md, H4).  E follows
    ``examined`` (persons examined in the region), by default B + C + D;
    ``examined`` smaller than B + C + D contradicts the other inputs.

    >>> viral_load_volume(100, 50, 200)  # 350 < 1000 → E = 0,5; 1050 + (400+150+300) × 0,5 = 1475
    1475
    """
    persons_on_art = count(on_art, "on_art")
    persons_starting = count(starting_art, "starting_art")
    persons_observed = count(observed, "observed")
    tested = persons_on_art + persons_starting + persons_observed
    if examined is None:
        examined_persons = tested
    else:
        examined_persons = count(examined, "examined")
        if examined_persons < tested:
            raise InconsistentInputError(
                "examined",
                examined,
                f"меньше, чем on_art + starting_art + observed = {tested}",
            )
    main = (
        persons_on_art * k.VIRAL_LOAD_PER_ON_ART.value
        + persons_starting * k.VIRAL_LOAD_PER_STARTING.value
        + persons_observed * k.VIRAL_LOAD_PER_OBSERVED.value
    )
    repeat_base = (
        persons_on_art * k.VIRAL_LOAD_PER_ON_ART.value
        + persons_starting * k.VIRAL_LOAD_PER_STARTING.value
        + persons_observed * k.VIRAL_LOAD_REPEAT_PER_OBSERVED.value
    )
    return round_up(main + repeat_base * viral_load_repeat_share(examined_persons))


def hiv_dna_repeat_share(births: Any) -> Fraction:
    """Section V, E: 0,5 below 160 births; 0,3 from 160 to 500 inclusive; 0,15 above 500.

    >>> [float(hiv_dna_repeat_share(n)) for n in (159, 160, 500, 501)]
    [0.5, 0.3, 0.3, 0.15]
    """
    children = count(births, "births")
    if children < k.HIV_DNA_SMALL_BELOW.value:
        return k.HIV_DNA_REPEAT_SMALL.value
    if children <= k.HIV_DNA_LARGE_ABOVE.value:
        return k.HIV_DNA_REPEAT_MEDIUM.value
    return k.HIV_DNA_REPEAT_LARGE.value


def hiv_dna_volume(pregnant_expecting_birth: Any, births: Any = None) -> int:
    """Section V: HIV DNA tests, A = 2B + 2B × E; E follows ``births`` (by default B).

    >>> hiv_dna_volume(100)  # 100 < 160 → E = 0,5; 200 + 200 × 0,5 = 300
    300
    >>> hiv_dna_volume(100, 600)  # 600 > 500 → E = 0,15; 200 + 30 = 230
    230
    """
    pregnant = count(pregnant_expecting_birth, "pregnant_expecting_birth")
    children = pregnant if births is None else count(births, "births")
    tests = pregnant * k.HIV_DNA_PER_PREGNANT.value
    return round_up(tests + tests * hiv_dna_repeat_share(children))


def express_test_volume(unobserved_pregnant: Any, emergency_transfusions: Any) -> int:
    """Section VI: express tests, A = B + C + (B + C) × 0,05.

    >>> express_test_volume(30, 10)  # 40 + 2 = 42
    42
    >>> express_test_volume(1, 0)  # 1,05 → 2
    2
    """
    persons = count(unobserved_pregnant, "unobserved_pregnant") + count(
        emergency_transfusions, "emergency_transfusions"
    )
    return round_up(persons + persons * k.EXPRESS_TEST_REPEAT.value)


def p24_screen_volume(elisa_positive_to_ib: Any, ib_positive_or_indeterminate: Any) -> int:
    """Section VII: p24 antigen screening, A = (B − C) + (B − C) × 0,25; C > B is an error.

    >>> p24_screen_volume(500, 400)  # 100 + 25 = 125
    125
    """
    sent = count(elisa_positive_to_ib, "elisa_positive_to_ib")
    confirmed = count(ib_positive_or_indeterminate, "ib_positive_or_indeterminate")
    if confirmed > sent:
        raise InconsistentInputError(
            "ib_positive_or_indeterminate",
            ib_positive_or_indeterminate,
            f"больше, чем направлено на ИБ (elisa_positive_to_ib = {sent})",
        )
    unresolved = sent - confirmed
    return round_up(unresolved + unresolved * k.P24_SCREEN_REPEAT.value)


def p24_confirm_volume(p24_positive: Any) -> int:
    """Section VIII: p24 antigen confirmation, A = B + B × 0,25.

    >>> p24_confirm_volume(3)  # 3,75 → 4
    4
    """
    positive = count(p24_positive, "p24_positive")
    return round_up(positive + positive * k.P24_CONFIRM_REPEAT.value)


def resistance_test_limit(on_art: Any) -> int:
    """Section IX: at most 15 % of those on ART may be tested for resistance (a limit: rounded down).

    >>> resistance_test_limit(999)  # 149,85 → 149
    149
    """
    return round_down(count(on_art, "on_art") * k.RESISTANCE_MAX_SHARE.value)
