"""A workbook nobody has filled in yet: one row of information, not an error per empty input (issue 20).

A received workbook is *untouched* (:func:`untouched`) when nothing a region types holds a value — the rule
of :mod:`xl_addin.request.untouched`, which ``xl-addin generate`` asks too (every letter input blank, every
column of «Товары» only the region fills blank: :data:`REGION_PRODUCT_COLUMNS`) — and no result formula
was typed over and no name was moved (the reading found nothing but blank inputs).

``refresh``, ``xl-addin check`` and ``xl_addin.read_requests`` all ask this one function.
"""

from __future__ import annotations

from xl_addin.consolidation.national import NOT_FILLED
from xl_addin.consolidation.reading import Problem, WorkbookReading
from xl_addin.core.severity import Severity
from xl_addin.request.layout import INPUTS
from xl_addin.request.untouched import REGION_PRODUCT_COLUMNS
from xl_addin.request.untouched import untouched as untouched_values

#: The one problems.csv row of an untouched workbook (severity «сведения»).
NOT_FILLED_TEXT = (
    "книга не заполнена: ни одно поле ввода письма и ни один столбец региона на листе «Товары» "
    "(комплекты, остатки, в пути, расход) не заполнены; в итог сводки не входит"
)
_INPUT_NAMES = frozenset(field.name for field in INPUTS)


def untouched(reading: WorkbookReading) -> bool:
    """Whether nobody has typed anything into the workbook that ``reading`` read (see the module)."""
    if reading.typed_over or any(p.name not in _INPUT_NAMES or p.value != "пусто" for p in reading.problems):
        return False
    if reading.products is not None and reading.products.problems:  # a products name moved
        return False
    values = dict(reading.inputs)
    if reading.products is not None:
        values.update(reading.products.values)
    return untouched_values(values)


def not_filled(file: str, reading: WorkbookReading) -> Problem:
    """The one row of an untouched workbook: on its input sheet, severity «сведения»."""
    where = reading.locations.get(INPUTS[0].name)
    sheet = where[0].sheet if where else ""
    return Problem(file, sheet, "", "", "пусто", NOT_FILLED_TEXT, Severity.INFO)


__all__ = ["NOT_FILLED", "NOT_FILLED_TEXT", "REGION_PRODUCT_COLUMNS", "not_filled", "untouched"]
