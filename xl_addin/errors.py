"""The one exception tree of xl_addin.

Every error the project raises on purpose derives from :class:`XlAddinError`.
The Excel boundary (``xl_addin.udfs``) catches only these and turns them into a
short cell text that starts with ``#``; anything else is a bug and is left to
propagate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

#: Excel shows at most this many characters of a text returned by a classic UDF
#: (longer texts become ``#VALUE!``).
EXCEL_TEXT_LIMIT = 255


class XlAddinError(Exception):
    """Base of every error xl_addin raises on purpose."""

    def cell_text(self) -> str:
        """The error as Excel should show it: ``#`` + message, at most 255 characters.

        >>> XlAddinError("пример").cell_text()
        '#пример'
        """
        text = "#" + str(self)
        if len(text) > EXCEL_TEXT_LIMIT:
            text = text[: EXCEL_TEXT_LIMIT - 1] + "…"
        return text


#: From this size on Excel shows a number with an exponent (it keeps 15 significant digits).
_EXCEL_SHOWS_EXPONENT = 10**15


def describe_value(value: Any) -> str:
    """Show a value the way a Russian user would recognise it in a message.

    >>> describe_value(-5.0), describe_value(2.5), describe_value("abc"), describe_value(True)
    ('-5', '2,5', '«abc»', 'ИСТИНА')
    >>> describe_value(None)
    'пусто'

    A number of 16 digits or more as Excel shows it, not all its digits:

    >>> describe_value(1.7e308), describe_value(1e20), describe_value(-(10**400)), describe_value(123456789012345678)
    ('1,7E+308', '1E+20', '-1E+400', '1,23456789012346E+17')
    >>> describe_value(float("inf"))
    'inf'
    """
    if value is None:
        return "пусто"
    if isinstance(value, bool):
        return "ИСТИНА" if value else "ЛОЖЬ"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f"«{shown}»"
    if isinstance(value, (int, float)) and _EXCEL_SHOWS_EXPONENT <= abs(value) < math.inf:
        shown = f"{Decimal(value):.14E}"  # any size of int (no float overflow), 15 significant digits
        mantissa, exponent = shown.split("E")
        return f"{mantissa.rstrip('0').rstrip('.')}E{int(exponent):+d}".replace(".", ",")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",")


class ArgumentError(XlAddinError, ValueError):
    """A function of the Python API or a command was called wrongly (a folder that does not exist, --jobs 0 …).

    The command line answers these with exit code 2, not 1: nothing was computed.
    """


class InputError(XlAddinError, ValueError):
    """A value given to a calculation is not acceptable (negative, fractional, text, blank …).

    The message names the argument (and, for a range, the position of the bad
    cell) and the value found, in Russian.
    """

    def __init__(self, argument: str, value: Any, problem: str, position: int | None = None) -> None:
        self.argument = argument
        self.value = value
        self.problem = problem
        self.position = position
        where = argument if position is None else f"{argument}, ячейка {position}"
        super().__init__(f"{where} = {describe_value(value)}: {problem}")


class InconsistentInputError(InputError):
    """Two inputs contradict each other (e.g. more immunoblot-positive results than sent to immunoblot)."""


class UnknownSubjectError(InputError):
    """A subject of the Russian Federation that the letter's 2006 table does not list."""

    def __init__(self, argument: str, value: Any, suggestions: Sequence[str]) -> None:
        self.suggestions = tuple(suggestions)
        if suggestions:
            problem = "нет в таблице 2006 г.; возможно: " + "; ".join(suggestions)
        else:
            problem = "нет в таблице 2006 г. (укажите название или номер строки 1–90)"
        super().__init__(argument, value, problem)
