"""Exact numbers: turning what Excel (or a user) passes into exact values, and the rounding rules.

Everything the core computes is a :class:`fractions.Fraction`; binary float
noise never decides a rounding.  A float coming from Excel is read at Excel's
own precision, 15 significant digits (``1000 * 1.2`` computed in Excel arrives
as ``1200.0000000000002`` and is read as 1200).

Rounding rule of the project (docs/interpretation.md, decision R1):
numbers of tests and kits round **up**, numbers of people round **half up**,
limits round **down**.  The order's arithmetic (packs, roubles, months of stock,
deviations; docs/interpretation.md, decision P1) rounds to decimal places:
:func:`round_half_up_to` and :func:`round_down_to` give exact :class:`~decimal.Decimal` values.

Bounds (decision R4): a count is at most :data:`MAX_COUNT`, a price of a pack at most :data:`MAX_PRICE`;
a larger value is an input error everywhere (the functions, the workbook's validation and statuses,
``check`` and ``refresh``).
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any

from xl_addin.errors import InputError

HALF = Fraction(1, 2)

#: Significant digits Excel keeps in a number.
EXCEL_SIGNIFICANT_DIGITS = 15

MSG_BLANK = "пустое значение; введите число (0, если таких нет)"
MSG_BOOL = "логическое значение, а нужно число"
MSG_TEXT = "текст, а нужно число"
MSG_NOT_FINITE = "не число (NaN или бесконечность)"
MSG_NOT_A_NUMBER = "значение не является числом"
MSG_NEGATIVE = "отрицательное число недопустимо"
MSG_NOT_WHOLE = "нужно целое число (количество не бывает дробным)"
MSG_EMPTY_RANGE = "пустой диапазон; нужно хотя бы одно число"
MSG_NOT_POSITIVE = "нужно целое число больше 0"

#: The largest count of people, tests, kits or units a request may hold (docs/interpretation.md, decision R4):
#: Russia has about 146 million people, so no count of a regional request comes near 10⁹; a larger number is
#: a typing error (or 1e308), and refusing it keeps every sum exact and every writer within its range.
MAX_COUNT = 1_000_000_000
#: The largest price of one pack, in roubles (decision R4): a billion roubles a pack is no price, but a typing error.
MAX_PRICE = 1_000_000_000


def _spaced(number: int) -> str:
    """A bound as a Russian reader writes it: thousands apart (``1 000 000 000``)."""
    return f"{number:,}".replace(",", " ")


#: The bounds as messages and the workbook's texts write them.
MAX_COUNT_TEXT, MAX_PRICE_TEXT = _spaced(MAX_COUNT), _spaced(MAX_PRICE)
MSG_TOO_LARGE = f"больше {MAX_COUNT_TEXT}: такого количества не бывает, проверьте число"
MSG_PRICE_TOO_LARGE = f"больше {MAX_PRICE_TEXT} руб. за упаковку: проверьте цену"


def exact(value: Any, argument: str, position: int | None = None) -> Fraction:
    """Return ``value`` as an exact fraction, or raise :class:`InputError` naming ``argument``.

    Accepts int, float, Decimal and Fraction (and numpy's numbers); rejects
    blanks, booleans, text, NaN and infinities.

    >>> exact(1200.0000000000002, "x")
    Fraction(1200, 1)
    >>> exact(0.1, "x")
    Fraction(1, 10)
    >>> exact("12", "planned_screenings")
    Traceback (most recent call last):
    xl_addin.errors.InputError: planned_screenings = «12»: текст, а нужно число
    """
    if value is None:
        raise InputError(argument, value, MSG_BLANK, position)
    if isinstance(value, bool):
        raise InputError(argument, value, MSG_BOOL, position)
    if isinstance(value, str):
        message = MSG_BLANK if not value.strip() else MSG_TEXT
        raise InputError(argument, value, message, position)
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(argument, value, MSG_NOT_FINITE, position)
        return Fraction(value)
    if isinstance(value, numbers.Real):
        as_float = float(value)
        if not math.isfinite(as_float):
            raise InputError(argument, value, MSG_NOT_FINITE, position)
        return Fraction(Decimal(f"{as_float:.{EXCEL_SIGNIFICANT_DIGITS}g}"))
    raise InputError(argument, value, MSG_NOT_A_NUMBER, position)


def non_negative(value: Any, argument: str, position: int | None = None) -> Fraction:
    """An exact number ≥ 0 that may have decimals (a mean, a share, a price in roubles and kopecks).

    >>> non_negative(2.5, "mean"), non_negative(1234.56, "price_per_pack")
    (Fraction(5, 2), Fraction(30864, 25))
    """
    number = exact(value, argument, position)
    if number < 0:
        raise InputError(argument, value, MSG_NEGATIVE, position)
    return number


#: Below this a whole float is exactly what Excel shows (fewer than 15 significant digits).
EXACT_WHOLE_LIMIT = 10.0**14


def plain_whole(value: Any) -> int | None:
    """``value`` as an int when it is plainly a whole number (an int, or a whole float below
    :data:`EXACT_WHOLE_LIMIT`), else None: a fast path for the usual cell, which needs no fraction;
    anything else takes the exact route, where binary float noise is rounded away as Excel shows it.

    >>> plain_whole(1200.0), plain_whole(-3), plain_whole(2.5), plain_whole(True), plain_whole(1e20)
    (1200, -3, None, None, None)
    """
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer() and abs(value) < EXACT_WHOLE_LIMIT:
        return int(value)
    return None


def count(value: Any, argument: str, position: int | None = None) -> int:
    """A count of people, tests or kits: a whole number ≥ 0.

    >>> count(1000.0, "planned_screenings")
    1000
    >>> count(2.5, "on_art")
    Traceback (most recent call last):
    xl_addin.errors.InputError: on_art = 2,5: нужно целое число (количество не бывает дробным)

    At most :data:`MAX_COUNT` (decision R4):

    >>> count(1e9, "on_art")
    1000000000
    >>> count(1_000_000_001, "on_art")
    Traceback (most recent call last):
    xl_addin.errors.InputError: on_art = 1000000001: больше 1 000 000 000: такого количества не бывает, проверьте число
    """
    whole = plain_whole(value)
    if whole is not None and 0 <= whole <= MAX_COUNT:
        return whole
    number = non_negative(value, argument, position)
    if number.denominator != 1:
        raise InputError(argument, value, MSG_NOT_WHOLE, position)
    if number > MAX_COUNT:
        raise InputError(argument, value, MSG_TOO_LARGE, position)
    return int(number)


def price(value: Any, argument: str, position: int | None = None) -> Fraction:
    """A price of a pack in roubles: a number ≥ 0, at most :data:`MAX_PRICE` (decision R4).

    >>> price(1234.56, "price_per_pack")
    Fraction(30864, 25)
    >>> price(1.7e308, "price_per_pack")
    Traceback (most recent call last):
    xl_addin.errors.InputError: price_per_pack = 1,7E+308: больше 1 000 000 000 руб. за упаковку: проверьте цену
    """
    number = non_negative(value, argument, position)
    if number > MAX_PRICE:
        raise InputError(argument, value, MSG_PRICE_TOO_LARGE, position)
    return number


def positive_count(value: Any, argument: str) -> int:
    """A whole number > 0 (a pack size: a pack holds at least one unit).

    >>> positive_count(60.0, "pack_size")
    60
    >>> positive_count(0.0, "pack_size")
    Traceback (most recent call last):
    xl_addin.errors.InputError: pack_size = 0: нужно целое число больше 0
    """
    number = count(value, argument)
    if number == 0:
        raise InputError(argument, value, MSG_NOT_POSITIVE)
    return number


def share(value: Any, argument: str) -> Fraction:
    """A share between 0 and 1 inclusive (a tolerance).

    >>> share(0.05, "tolerance")
    Fraction(1, 20)
    """
    number = non_negative(value, argument)
    if number > 1:
        raise InputError(argument, value, "доля должна быть от 0 до 1 (5 % — это 0,05)")
    return number


def flatten(values: Any) -> list[Any]:
    """Excel ranges arrive as lists (one or two dimensions); a lone value is a range of one.

    >>> flatten([[1, 2], [3]]), flatten(7)
    ([1, 2, 3], [7])
    """
    if isinstance(values, (list, tuple)):
        flat: list[Any] = []
        for item in values:
            flat.extend(flatten(item) if isinstance(item, (list, tuple)) else [item])
        return flat
    return [values]


def counts(values: Any, argument: str) -> list[int]:
    """A range of counts; a bad cell is named by its position (1-based).

    >>> counts([1.0, 2.0, 3.0], "starts_by_period")
    [1, 2, 3]
    >>> counts([1.0, None], "starts_by_period")
    Traceback (most recent call last):
    xl_addin.errors.InputError: starts_by_period, ячейка 2 = пусто: пустое значение; введите число (0, если таких нет)
    """
    flat = flatten(values)
    if not flat:
        raise InputError(argument, "", MSG_EMPTY_RANGE)
    return [count(item, argument, position) for position, item in enumerate(flat, 1)]


def mean_of_counts(values: Any, argument: str) -> Fraction:
    """The exact mean of yearly counts; a single value is taken as an already-computed mean.

    Several values must each be a whole number ≥ 0; one value may be fractional
    (a mean), but not negative (docs/interpretation.md, decision H1).

    >>> mean_of_counts([100.0, 101.0, 101.0], "acute_hepatitis_by_year")
    Fraction(302, 3)
    >>> mean_of_counts(1234.4, "hiv_examined_by_year")
    Fraction(6172, 5)
    """
    flat = flatten(values)
    if len(flat) == 1:
        mean = non_negative(flat[0], argument)
        if mean > MAX_COUNT:  # a mean of counts is no larger than the largest count
            raise InputError(argument, flat[0], MSG_TOO_LARGE)
        return mean
    yearly = counts(flat, argument)
    return Fraction(sum(yearly), len(yearly))


def round_up(number: Fraction) -> int:
    """Tests and kits: up to the next whole number (⌈x⌉).

    >>> round_up(Fraction(1201, 1)), round_up(Fraction(12001, 10))
    (1201, 1201)
    """
    return math.ceil(number)


def round_down(number: Fraction) -> int:
    """Limits: down to a whole number (⌊x⌋).

    >>> round_down(Fraction(299, 2))
    149
    """
    return math.floor(number)


def round_half_up(number: Fraction) -> int:
    """People: to the nearest whole number, halves up ([x]); ``number`` is never negative here.

    >>> round_half_up(Fraction(5, 2)), round_half_up(Fraction(249, 100))
    (3, 2)
    """
    return math.floor(number + HALF)


def _decimal(whole: int, places: int) -> Decimal:
    """``whole`` × 10⁻ᵖˡᵃᶜᵉˢ as an exact Decimal that shows ``places`` decimals (a string never loses digits)."""
    return Decimal(f"{whole}E-{places}")


def round_half_up_to(number: Fraction, places: int) -> Decimal:
    """Roubles, deviations: to ``places`` decimals, a half **away from zero** (as Excel's ROUND).

    For a number ≥ 0 that is "half up"; a negative half goes down (−0,0005 → −0,001),
    so that +x and −x always round to the same size (docs/interpretation.md, P1).

    >>> round_half_up_to(Fraction(1234565, 1000), 2), round_half_up_to(Fraction(3, 10), 2)
    (Decimal('1234.57'), Decimal('0.30'))
    >>> round_half_up_to(Fraction(1, 2000), 3), round_half_up_to(Fraction(-1, 2000), 3)
    (Decimal('0.001'), Decimal('-0.001'))
    >>> round_half_up_to(Fraction(-1, 10), 3), round_half_up_to(Fraction(-1, 3000), 3)
    (Decimal('-0.100'), Decimal('0.000'))
    """
    return ratio_half_up_to(number.numerator, number.denominator, places)


def ratio_half_up_to(numerator: int, denominator: int, places: int) -> Decimal:
    """:func:`round_half_up_to` of numerator ÷ denominator (> 0), in whole numbers only (no fraction is built):
    ⌊|n|·10ᵖ/d + ½⌋ = ⌊(2·|n|·10ᵖ + d) / 2d⌋, with the sign of n.

    >>> ratio_half_up_to(1234565, 1000, 2), ratio_half_up_to(-1, 2000, 3), ratio_half_up_to(-1, 3000, 3)
    (Decimal('1234.57'), Decimal('-0.001'), Decimal('0.000'))
    """
    whole = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    return _decimal(whole if numerator >= 0 else -whole, places)


def round_down_to(number: Fraction, places: int) -> Decimal:
    """Months of stock: **down** to ``places`` decimals (⌊x·10ᵖ⌋/10ᵖ); ``number`` is never negative here.

    >>> round_down_to(Fraction(12, 7), 1), round_down_to(Fraction(1), 1), round_down_to(Fraction(3, 10), 1)
    (Decimal('1.7'), Decimal('1.0'), Decimal('0.3'))
    """
    return ratio_down_to(number.numerator, number.denominator, places)


def ratio_down_to(numerator: int, denominator: int, places: int) -> Decimal:
    """:func:`round_down_to` of numerator (≥ 0) ÷ denominator (> 0), in whole numbers only: ⌊n·10ᵖ / d⌋ / 10ᵖ.

    >>> ratio_down_to(12, 7, 1), ratio_down_to(0, 5, 1)
    (Decimal('1.7'), Decimal('0.0'))
    """
    return _decimal(numerator * 10**places // denominator, places)
