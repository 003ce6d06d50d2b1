"""The order's arithmetic (not from the letter): packs, cost, months of stock, deviation — values worked by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from xl_addin import udfs
from xl_addin.core import products
from xl_addin.errors import InputError


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((0, 0, 0, 10), 0),  # no need: 0 / 10 = 0
        ((1200, 0, 0, 1), 1200),  # pack of one: 1200 / 1
        ((1200, 0, 0, 60), 20),  # 1200 / 60 = 20 exactly: no extra pack
        ((1201, 0, 0, 60), 21),  # 1201 / 60 = 20,02 → up 21
        ((100, 500, 0, 10), 0),  # stock above the need: 100 − 500 < 0 → 0
        ((1200, 300, 200, 60, 3, 50), 18),  # 1200 × 15/12 = 1500; 1500 − 250 − 200 = 1050; 17,5 → 18
        ((1200, 0, 1200, 60), 0),  # the pipeline covers all: 1200 − 1200 = 0
        ((1200, 0, 1500, 60), 0),  # more on the way than needed: −300 → 0
        ((1200, 100, 0, 60, None, 300), 20),  # expiring > stock: usable max(0; −200) = 0; 1200 / 60
        ((1200, 100, 0, 60, None, 100), 20),  # all the stock expires: 1200 / 60
        ((1000, 500, 100, 100, None, 200), 6),  # usable 500 − 200 = 300; 1000 − 300 − 100 = 600; 600 / 100
        ((1200, 0, 0, 1, 1), 1300),  # one month of buffer: 1200 × 13/12 = 1300
        ((100, 0, 0, 1, 1), 109),  # 100 × 13/12 = 108,33 → up 109
        ((7, 0, 0, 1, 1), 8),  # 7 × 13/12 = 7,58 → up 8
        ((100, 0, 0, 7, 12), 29),  # a year of buffer: 200 / 7 = 28,57 → up 29
        ((1200, 8, 0, 1, 1), 1292),  # 1300 − 8
        ((1201, 0, 0, 60, 0, 0), 21),  # buffer and expiring given as 0: the same as left out
        ((1200.0000000000002, 0.0, 0.0, 60.0), 20),  # Excel's =1000*1,2 is 1200, not 1200,0000000000002 → 21
        ((1200.0, 300.0, 200.0, 60.0, 3.0, 50.0), 18),  # as Excel passes them: floats
    ],
)
def test_packs_to_order(args: tuple[Any, ...], expected: int) -> None:
    result = products.packs_to_order(*args)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(
    ("packs", "price", "expected"),
    [
        (3, 0.1, "0.30"),  # 0,3 exactly, not 0,30000000000000004
        (1, 1234.565, "1234.57"),  # half a kopeck goes up
        (1, 1234.564, "1234.56"),
        (3, 1234.565, "3703.70"),  # 3703,695 → 3703,70
        (18, 1234.56, "22222.08"),  # 18 × 1234,56
        (1000, 1.2, "1200.00"),
        (0, 1234.56, "0.00"),  # nothing ordered
        (10, 0, "0.00"),  # free of charge
        (1, 0.005, "0.01"),  # half a kopeck → 1 kopeck
        (1, 0.004, "0.00"),
        (3, 0.335, "1.01"),  # 1,005 → 1,01 (3 × 0.335 in binary is 1.0050000000000001)
        (1, 1.005, "1.01"),  # 1.005 in binary is 1.00499999999999989…; read at 15 digits it is 1,005
        (7, 0.145, "1.02"),  # 1,015 → 1,02
    ],
)
def test_order_cost_is_exact_and_rounds_half_kopecks_up(packs: Any, price: Any, expected: str) -> None:
    result = products.order_cost(packs, price)
    assert result == Decimal(expected)
    assert str(result) == expected  # always two decimals


@pytest.mark.parametrize(
    ("stock", "need", "expected"),
    [
        (100, 1200, "1.0"),  # 100 / (1200 / 12) = 1
        (1, 7, "1.7"),  # 12 / 7 = 1,714… → down 1,7
        (250, 1400, "2.1"),  # 3000 / 1400 = 2,142… → 2,1
        (0, 1200, "0.0"),  # no stock
        (1200, 1200, "12.0"),
        (2400, 1200, "24.0"),  # more than a year
        (10, 1200, "0.1"),  # exactly 0,1: stays 0,1
        (9, 1200, "0.0"),  # 0,09 → down 0,0
        (3, 120, "0.3"),  # exactly 0,3 (in binary 12 × 3 / 120 is 0.29999999999999998…)
        (11, 120, "1.1"),  # exactly 1,1
        (29, 120, "2.9"),  # exactly 2,9
        (999, 1000, "11.9"),  # 11,988 → down 11,9, not 12,0
        (5, 3, "20.0"),  # 60 / 3
        (1, 1, "12.0"),
    ],
)
def test_months_of_stock_rounds_down_to_a_tenth(stock: int, need: int, expected: str) -> None:
    result = products.months_of_stock(stock, need)
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("requested", "consumption", "expected"),
    [
        (90, 100, "-0.100"),  # (90 − 100) / 100
        (110, 100, "0.100"),
        (100, 100, "0.000"),
        (0, 100, "-1.000"),  # nothing requested
        (300, 100, "2.000"),  # three times last year's
        (1300, 1200, "0.083"),  # 100 / 1200 = 0,0833…
        (2001, 2000, "0.001"),  # +0,0005: a half goes up
        (1999, 2000, "-0.001"),  # −0,0005: a half goes away from zero, not to −0,000
        (2003, 2000, "0.002"),  # +0,0015 → 0,002
        (1997, 2000, "-0.002"),  # −0,0015 → −0,002
        (1, 2000, "-1.000"),  # −1999 / 2000 = −0,9995 → −1,000
        (3999, 2000, "1.000"),  # +0,9995 → 1,000
        (4001, 4000, "0.000"),  # +0,00025 → 0,000
        (3999, 4000, "0.000"),  # −0,00025 → 0,000 (no "−0,000")
        (1, 3, "-0.667"),  # −2/3 = −0,6666…
        (2, 3, "-0.333"),  # −1/3 = −0,3333…
        (4, 3, "0.333"),
    ],
)
def test_consumption_deviation_rounds_a_half_away_from_zero(requested: int, consumption: int, expected: str) -> None:
    result = products.consumption_deviation(requested, consumption)
    assert result == Decimal(expected)
    assert str(result) == expected


def test_what_excel_receives_is_the_decimal_it_shows() -> None:
    assert repr(udfs.ORDER_COST(3.0, 0.1)) == "0.3"  # not 0.30000000000000004
    assert udfs.ORDER_COST(3.0, 1234.565) == 3703.7
    assert udfs.MONTHS_OF_STOCK(3.0, 120.0) == 0.3
    assert udfs.CONSUMPTION_DEVIATION(1999.0, 2000.0) == -0.001
    assert udfs.CONSUMPTION_DEVIATION(3999.0, 4000.0) == 0.0
    assert udfs.PACKS_TO_ORDER(1200.0, 300.0, 200.0, 60.0) == 12  # 700 / 60 = 11,67 → 12
    assert udfs.PACKS_TO_ORDER(1200.0, 300.0, 200.0, 60.0, None, None) == 12  # blank optional cells: 0


def test_a_zero_divisor_is_an_error_naming_it() -> None:
    with pytest.raises(InputError) as error:
        products.months_of_stock(100, 0)
    assert str(error.value) == "need = 0: при нулевой потребности запас в месяцах не определён (деление на 0)"
    with pytest.raises(InputError) as error:
        products.consumption_deviation(10, 0.0)
    assert str(error.value) == (
        "last_year_consumption = 0: при нулевом расходе прошлого года отклонение не определено (деление на 0)"
    )
    assert udfs.MONTHS_OF_STOCK(0.0, 0.0) == (
        "#need = 0: при нулевой потребности запас в месяцах не определён (деление на 0)"
    )


# good arguments of each function; one at a time is replaced by a bad value
GOOD = {
    products.packs_to_order: (1200, 300, 200, 60, 3, 50),
    products.order_cost: (3, 1234.565),
    products.months_of_stock: (250, 1400),
    products.consumption_deviation: (1300, 1200),
}
NAMES = {
    products.packs_to_order: ("need", "stock_on_hand", "pipeline", "pack_size", "buffer_months", "expiring"),
    products.order_cost: ("packs", "price_per_pack"),
    products.months_of_stock: ("stock_on_hand", "need"),
    products.consumption_deviation: ("requested", "last_year_consumption"),
}
OPTIONAL = {"buffer_months", "expiring"}
# (bad value, how the message shows it, the problem) — by hand
NEGATIVE = (-1.0, "-1", "отрицательное число недопустимо")
FRACTION = (2.5, "2,5", "нужно целое число (количество не бывает дробным)")
TEXT = ("сто", "«сто»", "текст, а нужно число")
BOOLEAN = (False, "ЛОЖЬ", "логическое значение, а нужно число")
BLANK = (None, "пусто", "пустое значение; введите число (0, если таких нет)")
EMPTY_TEXT = ("", "«»", "пустое значение; введите число (0, если таких нет)")


def _bad_cases() -> list[Any]:
    cases = []
    for function, names in NAMES.items():
        for position, name in enumerate(names):
            bad = [NEGATIVE, TEXT, BOOLEAN, EMPTY_TEXT]
            if name != "price_per_pack":  # a price may have kopecks; every other argument is a count
                bad.append(FRACTION)
            if name not in OPTIONAL:  # a blank optional argument is 0
                bad.append(BLANK)
            if name == "pack_size":
                bad.append((0.0, "0", "нужно целое число больше 0"))
            for value, shown, problem in bad:
                cases.append(
                    pytest.param(function, position, value, f"{name} = {shown}: {problem}", id=f"{name}-{shown}")
                )
    return cases


@pytest.mark.parametrize(("function", "position", "value", "message"), _bad_cases())
def test_every_bad_argument_is_named_with_its_value(function: Any, position: int, value: Any, message: str) -> None:
    args = list(GOOD[function])
    args[position] = value
    with pytest.raises(InputError) as error:
        function(*args)
    assert str(error.value) == message


def test_a_price_may_have_kopecks_but_a_count_may_not() -> None:
    assert products.order_cost(2, 0.5) == Decimal("1.00")  # 2 × 0,5
    with pytest.raises(InputError, match="packs = 0,5"):
        products.order_cost(0.5, 2)
