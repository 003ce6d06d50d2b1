"""Every Excel function rejects every kind of bad input, through the core and through udfs.py.

For each function, each argument in turn gets a bad value while the others keep
their worked example's values; the message must name that argument and value.
"""

from __future__ import annotations

from typing import Any

import pytest

from xl_addin import udfs
from xl_addin.catalog import FUNCTIONS, ArgKind, ExcelFunction
from xl_addin.errors import InputError

# (label, bad value, how the message shows it, problem) — by hand
NUMBER_BAD = [
    ("negative", -5.0, "-5", "отрицательное число недопустимо"),
    ("text", "пять", "«пять»", "текст, а нужно число"),
    ("boolean", True, "ИСТИНА", "логическое значение, а нужно число"),
    ("blank", None, "пусто", "пустое значение; введите число (0, если таких нет)"),
    ("nan", float("nan"), "nan", "не число (NaN или бесконечность)"),
    ("infinity", float("inf"), "inf", "не число (NaN или бесконечность)"),
]
FRACTION_BAD = ("fraction", 2.5, "2,5", "нужно целое число (количество не бывает дробным)")
ZERO_BAD = ("zero", 0.0, "0", "нужно целое число больше 0")  # a pack size
#: Above the bound of decision R4 (docs/interpretation.md): a count, and a price of a pack.
TOO_LARGE_BAD = (
    "too-large",
    1_000_000_001.0,
    "1000000001",
    "больше 1 000 000 000: такого количества не бывает, проверьте число",
)
HUGE_BAD = ("huge", 1.7e308, "1,7E+308", "больше 1 000 000 000: такого количества не бывает, проверьте число")
PRICE_TOO_LARGE_BAD = (
    "too-large",
    1_000_000_000.01,
    "1000000000,01",
    "больше 1 000 000 000 руб. за упаковку: проверьте цену",
)


def _cases() -> list[Any]:
    cases = []
    for function in FUNCTIONS.values():
        for position, argument in enumerate(function.arguments):
            bad_values = list(NUMBER_BAD)
            if argument.kind in (ArgKind.COUNT, ArgKind.POSITIVE_COUNT, ArgKind.COUNTS, ArgKind.SUBJECT):
                bad_values.append(FRACTION_BAD)  # an AMOUNT (a price) may have decimals
            if argument.kind is ArgKind.POSITIVE_COUNT:
                bad_values.append(ZERO_BAD)
            if argument.kind in (ArgKind.COUNT, ArgKind.POSITIVE_COUNT, ArgKind.COUNTS, ArgKind.MEAN_OR_COUNTS):
                bad_values += [TOO_LARGE_BAD, HUGE_BAD]
            if argument.kind is ArgKind.AMOUNT:
                bad_values.append(PRICE_TOO_LARGE_BAD)
            if argument.kind is ArgKind.SUBJECT:  # text is a name: it is looked up, not refused as text
                bad_values = [bad for bad in bad_values if bad[0] != "text"]
            if argument.optional:  # a blank optional argument takes its default
                bad_values = [bad for bad in bad_values if bad[0] != "blank"]
            for label, value, shown, problem in bad_values:
                cases.append(
                    pytest.param(
                        function, position, value, shown, problem, id=f"{function.name}-{argument.name}-{label}"
                    )
                )
    return cases


def _with_bad(function: ExcelFunction, position: int, value: Any) -> tuple[list[Any], str]:
    """The example's arguments with ``value`` put in at ``position``; for a range, in its 2nd cell."""
    args = list(function.example.args)
    while len(args) < len(function.arguments):
        args.append(None)
    argument = function.arguments[position]
    if argument.kind.is_range:
        cells = list(args[position]) if isinstance(args[position], list) else [1.0, 1.0, 1.0, 1.0]
        cells = ([*cells, 1.0, 1.0])[: max(len(cells), 2)]
        cells[1] = value
        args[position] = cells
        return args, f"{argument.name}, ячейка 2"
    args[position] = value
    return args, argument.name


@pytest.mark.parametrize(("function", "position", "value", "shown", "problem"), _cases())
def test_bad_input_is_refused_with_a_message_naming_argument_and_value(
    function: ExcelFunction, position: int, value: Any, shown: str, problem: str
) -> None:
    args, where = _with_bad(function, position, value)
    expected = f"{where} = {shown}: {problem}"
    with pytest.raises(InputError) as error:
        function.core(*args)
    assert str(error.value) == expected
    # the Excel function shows the same, as a short text starting with '#'
    cell = getattr(udfs, function.name)(*args)
    assert cell == "#" + expected
    assert len(cell) <= 255


def test_every_argument_of_every_function_is_covered() -> None:
    covered = {(case.values[0].name, case.values[1]) for case in _cases()}
    every = {(f.name, i) for f in FUNCTIONS.values() for i in range(len(f.arguments))}
    assert covered == every
