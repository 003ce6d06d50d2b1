"""The shape of the catalogue: what is known about each Excel function, once."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from xl_addin.core.numbers import MAX_COUNT_TEXT, MAX_PRICE_TEXT

#: The category under which the functions appear in Excel's Function Wizard.
EXCEL_CATEGORY = "xl_addin"


class ArgKind(enum.Enum):
    """What an argument accepts."""

    COUNT = f"целое число ≥ 0, до {MAX_COUNT_TEXT}"
    POSITIVE_COUNT = f"целое число > 0, до {MAX_COUNT_TEXT}"
    AMOUNT = f"число ≥ 0, можно с копейками, до {MAX_PRICE_TEXT}"
    COUNTS = f"диапазон целых чисел ≥ 0, до {MAX_COUNT_TEXT}"
    MEAN_OR_COUNTS = f"диапазон целых чисел ≥ 0, до {MAX_COUNT_TEXT}, по годам или одно число (уже вычисленное среднее)"
    SHARE = "доля от 0 до 1"
    SUBJECT = "название субъекта РФ или номер строки 1–90"

    @property
    def is_range(self) -> bool:
        """Whether Excel passes a range (a list) for this argument."""
        return self in (ArgKind.COUNTS, ArgKind.MEAN_OR_COUNTS)


class Rounding(enum.Enum):
    """The project's rounding rule (docs/interpretation.md, R1; the order's arithmetic: P1) as it applies to a result."""

    TESTS_UP = "вверх до целого (число исследований или комплектов)"
    PEOPLE_HALF_UP = "до ближайшего целого, половина — вверх (число людей)"
    LIMIT_DOWN = "вниз до целого (предельное число)"
    RANGE = "нижняя граница — вверх, верхняя — вниз (обе внутри диапазона)"
    WHOLE = "не нужно: результат — сумма целых чисел"
    NONE = "не округляется (доля)"
    CHECK = "не нужно: результат — «OK» или текст"
    PACKS_UP = "вверх до целой упаковки"
    MONEY_HALF_UP = "до копеек (0,01), половина — вверх"
    MONTHS_DOWN = "вниз до 0,1 месяца (запаса хватит не меньше показанного)"
    DEVIATION_HALF_AWAY = "до 0,001, половина — от нуля (0,0005 → 0,001; −0,0005 → −0,001)"


@dataclass(frozen=True)
class Argument:
    """One argument of an Excel function: its name (as Excel shows it) and short Russian help."""

    name: str
    doc: str
    kind: ArgKind = ArgKind.COUNT
    optional: bool = False

    def xlwings_options(self) -> dict[str, Any]:
        """The dict xlwings reads from ``Annotated[..., {...}]``: the help text and, for ranges, ``ndim=1``."""
        options: dict[str, Any] = {"doc": self.doc}
        if self.kind.is_range:
            options["ndim"] = 1
        return options


@dataclass(frozen=True)
class Example:
    """A worked example: the arguments as Excel passes them, the result, and the arithmetic by hand."""

    args: tuple[Any, ...]
    result: Any
    arithmetic: str


@dataclass(frozen=True)
class ExcelFunction:
    """Everything about one Excel function: name, arguments, core function, the letter's section and words."""

    name: str
    core: Callable[..., Any]
    arguments: tuple[Argument, ...]
    section: str
    summary: str
    formula: str
    rounding: Rounding
    quote: str
    example: Example
    note: str = ""
    #: False for the order's arithmetic: ``quote`` then says why the letter has nothing to quote.
    from_letter: bool = True

    @property
    def wizard_text(self) -> str:
        """The first docstring line, shown by Excel's Function Wizard (≤ 255 characters)."""
        return f"{self.summary} ({self.section})"

    @property
    def signature(self) -> str:
        """``NAME(arg1; [arg2])`` as a Russian Excel user types it (semicolons)."""
        shown = [f"[{a.name}]" if a.optional else a.name for a in self.arguments]
        return f"{self.name}({'; '.join(shown)})"

    def to_excel(self, result: Any) -> Any:
        """Turn a core result into what Excel can show: shares and decimals as floats, a pair as a row.

        A Decimal of a few places becomes the float nearest to it, the number Excel shows:
        ``Decimal('0.30')`` → 0.3, not 0.30000000000000004.
        """
        if isinstance(result, (Fraction, Decimal)):
            return float(result)
        if isinstance(result, tuple):
            return list(result)
        return result

    def evaluate(self, *args: Any, **options: Any) -> Any:
        """Call the core function and return the Excel value; the project's errors propagate.

        ``options`` go to the core as keywords (a check's ``lang``); Excel never passes any.
        """
        return self.to_excel(self.core(*args, **options))
