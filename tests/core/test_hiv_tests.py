"""Appendix 1, HIV, sections I–IX: hand-worked values from the letter's formulas."""

from __future__ import annotations

import pytest

from xl_addin.core import hiv_tests
from xl_addin.errors import InconsistentInputError


@pytest.mark.parametrize(
    ("planned_screenings", "expected"),
    [
        (0, 0),
        (1000, 1200),  # 1000 + 1000 × 0,2 = 1200 (not 1201: no float noise)
        (1, 2),  # 1 + 0,2 = 1,2 → up 2
        (5, 6),  # 5 + 1 = 6 exactly
        (7, 9),  # 7 + 1,4 = 8,4 → 9
        (123_456, 148_148),  # 123456 + 24691,2 = 148147,2 → 148148
    ],
)
def test_elisa_volume(planned_screenings: int, expected: int) -> None:
    assert hiv_tests.elisa_volume(planned_screenings) == expected


@pytest.mark.parametrize(
    ("elisa_positive", "expected"),
    [(0, 0), (4, 5), (10, 13), (1000, 1250), (1001, 1252)],  # 10 → 12,5 → 13; 1001 → 1251,25 → 1252
)
def test_immunoblot_volume(elisa_positive: int, expected: int) -> None:
    assert hiv_tests.immunoblot_volume(elisa_positive) == expected


@pytest.mark.parametrize(
    ("on_art", "starting_art", "observed", "expected"),
    [
        (100, 50, 200, 1155),  # 400 + 150 + 500 = 1050; + 105 = 1155
        (0, 0, 20, 55),  # 2,5 × 20 = 50; 50 × 1,1 = 55 (a float gives 55.000000000000007 → 56)
        (25, 0, 0, 110),  # 4 × 25 = 100; 100 × 1,1 = 110 (float: 110.00000000000001 → 111)
        (0, 0, 1, 3),  # 2,5 × 1,1 = 2,75 → 3
        (0, 1, 0, 4),  # 3 × 1,1 = 3,3 → 4
    ],
)
def test_immune_status_volume(on_art: int, starting_art: int, observed: int, expected: int) -> None:
    assert hiv_tests.immune_status_volume(on_art, starting_art, observed) == expected


@pytest.mark.parametrize(
    ("examined", "expected"),
    [(0, "0.5"), (999, "0.5"), (1000, "0.3"), (3000, "0.3"), (5000, "0.3"), (5001, "0.15"), (10**6, "0.15")],
)
def test_viral_load_repeat_share_tiers(examined: int, expected: str) -> None:
    from fractions import Fraction

    assert hiv_tests.viral_load_repeat_share(examined) == Fraction(expected)


@pytest.mark.parametrize(
    ("on_art", "starting_art", "observed", "examined", "expected"),
    [
        # 350 examined < 1000 → E = 0,5: 400+150+500 = 1050; (400+150+300) × 0,5 = 425 → 1475
        (100, 50, 200, None, 1475),
        # 999 < 1000 → E = 0,5: main 999 × 4 = 3996; repeat 3996 × 0,5 = 1998 → 5994
        (999, 0, 0, None, 5994),
        # 1000 → E = 0,3: 4000 + 4000 × 0,3 = 5200
        (1000, 0, 0, None, 5200),
        # 5000 → E = 0,3: 20000 + 6000 = 26000
        (5000, 0, 0, None, 26000),
        # 5001 → E = 0,15: 20004 + 3000,6 = 23004,6 → 23005
        (5001, 0, 0, None, 23005),
        # D only, 1,5 in the repeat term as printed: 2,5 × 10 + 1,5 × 10 × 0,5 = 25 + 7,5 = 32,5 → 33
        (0, 0, 10, None, 33),
        # examined given: 10 on ART but 6000 examined → E = 0,15: 40 + 40 × 0,15 = 46
        (10, 0, 0, 6000, 46),
        # examined 1000 with 0 + 0 + 400 → E = 0,3: 1000 + 600 × 0,3 = 1180
        (0, 0, 400, 1000, 1180),
    ],
)
def test_viral_load_volume(on_art: int, starting_art: int, observed: int, examined: int | None, expected: int) -> None:
    assert hiv_tests.viral_load_volume(on_art, starting_art, observed, examined) == expected


def test_viral_load_examined_below_those_tested_is_a_contradiction() -> None:
    with pytest.raises(InconsistentInputError) as error:
        hiv_tests.viral_load_volume(100, 50, 200, 300)
    assert str(error.value) == "examined = 300: меньше, чем on_art + starting_art + observed = 350"


@pytest.mark.parametrize(("births", "expected"), [(0, "0.5"), (159, "0.5"), (160, "0.3"), (500, "0.3"), (501, "0.15")])
def test_hiv_dna_repeat_share_tiers(births: int, expected: str) -> None:
    from fractions import Fraction

    assert hiv_tests.hiv_dna_repeat_share(births) == Fraction(expected)


@pytest.mark.parametrize(
    ("pregnant", "births", "expected"),
    [
        (100, None, 300),  # births = B = 100 < 160 → 0,5: 200 + 100 = 300
        (159, None, 477),  # 318 + 159 = 477
        (160, None, 416),  # 160 → 0,3: 320 + 96 = 416
        (500, None, 1300),  # 1000 + 300
        (501, None, 1153),  # 501 → 0,15: 1002 + 150,3 = 1152,3 → 1153
        (100, 600, 230),  # births 600 → 0,15: 200 + 30 = 230
        (3, 200, 8),  # births 200 → 0,3: 6 + 1,8 = 7,8 → 8
    ],
)
def test_hiv_dna_volume(pregnant: int, births: int | None, expected: int) -> None:
    assert hiv_tests.hiv_dna_volume(pregnant, births) == expected


@pytest.mark.parametrize(
    ("unobserved", "transfusions", "expected"),
    [(30, 10, 42), (1, 0, 2), (0, 20, 21), (0, 0, 0), (19, 0, 20)],  # 19 × 1,05 = 19,95 → 20
)
def test_express_test_volume(unobserved: int, transfusions: int, expected: int) -> None:
    assert hiv_tests.express_test_volume(unobserved, transfusions) == expected


@pytest.mark.parametrize(
    ("sent", "confirmed", "expected"),
    [(500, 400, 125), (10, 10, 0), (10, 7, 4), (0, 0, 0)],  # 3 × 1,25 = 3,75 → 4
)
def test_p24_screen_volume(sent: int, confirmed: int, expected: int) -> None:
    assert hiv_tests.p24_screen_volume(sent, confirmed) == expected


def test_p24_screen_more_confirmed_than_sent_is_a_contradiction() -> None:
    with pytest.raises(InconsistentInputError) as error:
        hiv_tests.p24_screen_volume(10, 11)
    assert str(error.value) == (
        "ib_positive_or_indeterminate = 11: больше, чем направлено на ИБ (elisa_positive_to_ib = 10)"
    )


@pytest.mark.parametrize(("positive", "expected"), [(0, 0), (3, 4), (4, 5), (8, 10)])
def test_p24_confirm_volume(positive: int, expected: int) -> None:
    assert hiv_tests.p24_confirm_volume(positive) == expected


@pytest.mark.parametrize(
    ("on_art", "expected"),
    [(0, 0), (6, 0), (7, 1), (20, 3), (999, 149), (1000, 150)],  # 6 × 0,15 = 0,9 → 0; 7 → 1,05 → 1
)
def test_resistance_test_limit_rounds_down(on_art: int, expected: int) -> None:
    assert hiv_tests.resistance_test_limit(on_art) == expected
