"""Reading values exactly, and rejecting every kind of bad input with a message that names it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from xl_addin.core import numbers
from xl_addin.errors import InputError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1200.0000000000002, Fraction(1200)),  # what Excel's =1000*1,2 passes: read at 15 digits
        (0.1, Fraction(1, 10)),
        (Decimal("2.5"), Fraction(5, 2)),
        (Fraction(1, 3), Fraction(1, 3)),
        (7, Fraction(7)),
    ],
)
def test_exact_reads_values_at_excel_precision(value: Any, expected: Fraction) -> None:
    assert numbers.exact(value, "x") == expected


def test_a_count_computed_in_excel_with_float_noise_is_still_whole() -> None:
    # =1000*1,2 in a cell arrives as 1200.0000000000002; it is the whole number 1200
    assert numbers.count(1000 * 1.2 + 2.2737367544323206e-13, "planned_screenings") == 1200


# (bad value, how the message shows it, the problem named) — written out by hand
BAD_COUNTS = [
    (-5.0, "-5", "отрицательное число недопустимо"),
    (-0.5, "-0,5", "отрицательное число недопустимо"),
    (2.5, "2,5", "нужно целое число (количество не бывает дробным)"),
    ("abc", "«abc»", "текст, а нужно число"),
    ("12", "«12»", "текст, а нужно число"),
    ("", "«»", "пустое значение; введите число (0, если таких нет)"),
    (True, "ИСТИНА", "логическое значение, а нужно число"),
    (False, "ЛОЖЬ", "логическое значение, а нужно число"),
    (None, "пусто", "пустое значение; введите число (0, если таких нет)"),
    (float("nan"), "nan", "не число (NaN или бесконечность)"),
    (float("inf"), "inf", "не число (NaN или бесконечность)"),
    (Decimal("NaN"), "NaN", "не число (NaN или бесконечность)"),
    ([1, 2], "[1, 2]", "значение не является числом"),
]


@pytest.mark.parametrize(("value", "shown", "problem"), BAD_COUNTS)
def test_count_rejects_bad_values_naming_argument_and_value(value: Any, shown: str, problem: str) -> None:
    with pytest.raises(InputError) as error:
        numbers.count(value, "on_art")
    assert str(error.value) == f"on_art = {shown}: {problem}"
    assert error.value.argument == "on_art"


def test_a_bad_cell_of_a_range_is_named_by_its_position() -> None:
    with pytest.raises(InputError) as error:
        numbers.counts([10.0, 20.0, -3.0, 40.0], "starts_by_period")
    assert str(error.value) == "starts_by_period, ячейка 3 = -3: отрицательное число недопустимо"
    assert error.value.position == 3


def test_an_empty_range_is_refused() -> None:
    with pytest.raises(InputError) as error:
        numbers.counts([], "starts_by_period")
    assert str(error.value) == "starts_by_period = «»: пустой диапазон; нужно хотя бы одно число"


@pytest.mark.parametrize(
    ("values", "expected"),
    [([100, 101, 101], Fraction(302, 3)), (1234.4, Fraction(6172, 5)), ([1234.4], Fraction(6172, 5))],
)
def test_mean_of_counts(values: Any, expected: Fraction) -> None:
    assert numbers.mean_of_counts(values, "x") == expected


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([100, 100.5, 100], "x, ячейка 2 = 100,5: нужно целое число (количество не бывает дробным)"),
        (-1.0, "x = -1: отрицательное число недопустимо"),
        ([None], "x = пусто: пустое значение; введите число (0, если таких нет)"),
    ],
)
def test_mean_of_counts_rejects(values: Any, message: str) -> None:
    with pytest.raises(InputError) as error:
        numbers.mean_of_counts(values, "x")
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [(1.5, "доля должна быть от 0 до 1 (5 % — это 0,05)"), (-0.1, "отрицательное число недопустимо")],
)
def test_share_must_lie_between_0_and_1(value: float, message: str) -> None:
    with pytest.raises(InputError) as error:
        numbers.share(value, "tolerance")
    assert str(error.value).endswith(message)


@pytest.mark.parametrize(
    ("number", "up", "down", "half_up"),
    [
        (Fraction(12, 10), 2, 1, 1),
        (Fraction(25, 10), 3, 2, 3),
        (Fraction(249, 100), 3, 2, 2),
        (Fraction(3), 3, 3, 3),
        (Fraction(0), 0, 0, 0),
    ],
)
def test_rounding_rules(number: Fraction, up: int, down: int, half_up: int) -> None:
    assert (numbers.round_up(number), numbers.round_down(number), numbers.round_half_up(number)) == (up, down, half_up)


@pytest.mark.parametrize(
    ("number", "places", "expected"),
    [
        (Fraction(1234565, 1000), 2, "1234.57"),  # 1234,565: a half goes up
        (Fraction(1234564, 1000), 2, "1234.56"),
        (Fraction(3, 10), 2, "0.30"),  # keeps its two places
        (Fraction(0), 2, "0.00"),
        (Fraction(1, 2000), 3, "0.001"),  # 0,0005
        (Fraction(-1, 2000), 3, "-0.001"),  # −0,0005: away from zero
        (Fraction(-3, 2000), 3, "-0.002"),  # −0,0015
        (Fraction(-1, 4000), 3, "0.000"),  # −0,00025: no negative zero
        (Fraction(-2, 3), 3, "-0.667"),
    ],
)
def test_round_half_up_to_places_takes_a_half_away_from_zero(number: Fraction, places: int, expected: str) -> None:
    assert str(numbers.round_half_up_to(number, places)) == expected


@pytest.mark.parametrize(
    ("number", "places", "expected"),
    [
        (Fraction(12, 7), 1, "1.7"),  # 1,714…
        (Fraction(3, 10), 1, "0.3"),  # exactly on a tenth: stays
        (Fraction(2999, 10000), 1, "0.2"),  # 0,2999 → 0,2
        (Fraction(12), 1, "12.0"),
        (Fraction(0), 1, "0.0"),
    ],
)
def test_round_down_to_places(number: Fraction, places: int, expected: str) -> None:
    assert str(numbers.round_down_to(number, places)) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.0, "pack_size = 0: нужно целое число больше 0"),
        (-1.0, "pack_size = -1: отрицательное число недопустимо"),
        (0.5, "pack_size = 0,5: нужно целое число (количество не бывает дробным)"),
    ],
)
def test_positive_count_refuses_zero(value: float, message: str) -> None:
    assert numbers.positive_count(1.0, "pack_size") == 1
    with pytest.raises(InputError) as error:
        numbers.positive_count(value, "pack_size")
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (1200.0, 1200),
        (1_000_000_000.0, 1_000_000_000),  # the bound itself (decision R4)
        (1200.0000000000002, 1200),  # float noise: not whole as a float, whole as Excel shows it
        (999_999_999.9999999, 1_000_000_000),  # 16 digits: Excel shows 1000000000, the bound, accepted
    ],
)
def test_a_count_is_what_excel_shows_whatever_route_it_takes(value: float, expected: int) -> None:
    assert numbers.count(value, "x") == expected
    assert numbers.count(value, "x") == int(numbers.non_negative(value, "x"))  # the fast path and the exact route agree


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (99_999_999_999_999.0, 99_999_999_999_999),  # 14 digits, below the fast path's limit: taken as is
        # 18 digits: Excel shows 15 significant ones, 123456789012346000 (the exact route, never the raw float)
        (123456789012345680.0, 123456789012346000),
    ],
)
def test_a_large_whole_number_is_what_excel_shows_whatever_route_it_takes(value: float, expected: int) -> None:
    assert numbers.exact(value, "x") == expected
    assert numbers.plain_whole(value) in (expected, None)


TOO_LARGE = "больше 1 000 000 000: такого количества не бывает, проверьте число"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1_000_000_001, "1000000001"),
        (1_000_000_001.0, "1000000001"),
        (1_000_000_000.5, "1000000000,5"),  # fractional first: the whole-number rule says more
        (1.7e308, "1,7E+308"),
        (10**20, "1E+20"),
        (Decimal("1E+400"), "1E+400"),
    ],
)
def test_a_count_above_the_bound_is_refused_naming_value_and_bound(value: object, shown: str) -> None:
    with pytest.raises(InputError) as error:
        numbers.count(value, "on_art")
    problem = numbers.MSG_NOT_WHOLE if shown == "1000000000,5" else TOO_LARGE
    assert str(error.value) == f"on_art = {shown}: {problem}"


def test_a_range_and_a_mean_of_counts_are_bounded_too() -> None:
    assert numbers.counts([1e9, 0.0], "x") == [1_000_000_000, 0]
    with pytest.raises(InputError, match=f"^x, ячейка 2 = 1000000001: {TOO_LARGE}$"):
        numbers.counts([1.0, 1_000_000_001.0], "x")
    assert numbers.mean_of_counts(999_999_999.5, "x") == Fraction(1_999_999_999, 2)
    with pytest.raises(InputError, match=f"^x = 1000000000,5: {TOO_LARGE}$"):
        numbers.mean_of_counts(1_000_000_000.5, "x")


@pytest.mark.parametrize(
    ("value", "accepted"), [(1_000_000_000, True), (999_999_999.99, True), (1_000_000_000.01, False), (1e308, False)]
)
def test_a_price_is_at_most_a_billion_roubles_a_pack(value: float, accepted: bool) -> None:
    if accepted:
        assert numbers.price(value, "price_per_pack") == numbers.exact(value, "x")
        return
    with pytest.raises(InputError, match=r"больше 1 000 000 000 руб\. за упаковку: проверьте цену$"):
        numbers.price(value, "price_per_pack")
