"""A workbook nobody has filled in yet: one row of information, not an error per empty input (issue 20).

A received workbook is *untouched* (:func:`untouched`) when

- every input of the letter (sheet «Ввод», ``layout.INPUTS``) is blank, and
- on the products sheet («Товары»), every cell of the columns the region types is blank
  (:data:`REGION_PRODUCT_COLUMNS`: annual kits requested, stock, expiring, in transit, last
  year's consumption, and the buffer stock in months), and
- no result formula was typed over and no name was moved (the reading found nothing but blank inputs).

The other product columns (code, name, covers, share, units per pack and per annual kit, price, funding
source) are what ``xl-addin generate --products LIST.csv`` writes from the federal centre's list: a
workbook that holds them and nothing else is still untouched (docs/refresh-guide.md, «Незаполненная
книга»).  ``refresh``, ``xl-addin check`` and ``xl_addin.read_requests`` all ask this one function.
"""

from __future__ import annotations

from typing import Any

from xl_addin.consolidation.national import NOT_FILLED
from xl_addin.consolidation.reading import Problem, WorkbookReading
from xl_addin.core.severity import Severity
from xl_addin.request.layout import INPUTS

#: The one problems.csv row of an untouched workbook (severity «сведения»).
NOT_FILLED_TEXT = (
    "книга не заполнена: ни одно поле ввода письма и ни один столбец региона на листе «Товары» "
    "(комплекты, остатки, в пути, расход) не заполнены; в итог сводки не входит"
)
#: The products sheet's columns (and setting) that only the region fills; the rest may come from the product list.
REGION_PRODUCT_COLUMNS = (
    "in_product_kits_requested",
    "in_product_stock",
    "in_product_expiring",
    "in_product_pipeline",
    "in_product_last_year",
    "in_buffer_months",
)
_INPUT_NAMES = frozenset(field.name for field in INPUTS)


def _blank(value: Any) -> bool:
    """An empty cell (a text of spaces too).

    >>> [_blank(value) for value in (None, "", "  ", 0, "0")]
    [True, True, True, False, False]
    """
    return value is None or (isinstance(value, str) and not value.strip())


def untouched(reading: WorkbookReading) -> bool:
    """Whether nobody has typed anything into the workbook that ``reading`` read (see the module)."""
    for input_field in INPUTS:
        value = reading.inputs.get(input_field.name)
        if not all(_blank(item) for item in (value if isinstance(value, list) else [value])):
            return False
    if reading.typed_over or any(p.name not in _INPUT_NAMES or p.value != "пусто" for p in reading.problems):
        return False
    if reading.products is not None:
        if reading.products.problems:  # a products name moved
            return False
        for name in REGION_PRODUCT_COLUMNS:
            if not all(_blank(item) for item in reading.products.values.get(name, ())):
                return False
    return True


def not_filled(file: str, reading: WorkbookReading) -> Problem:
    """The one row of an untouched workbook: on its input sheet, severity «сведения»."""
    where = reading.locations.get(INPUTS[0].name)
    sheet = where[0].sheet if where else ""
    return Problem(file, sheet, "", "", "пусто", NOT_FILLED_TEXT, Severity.INFO)


__all__ = ["NOT_FILLED", "NOT_FILLED_TEXT", "REGION_PRODUCT_COLUMNS", "not_filled", "untouched"]
