"""Reading a workbook through its workbook-scoped defined names (``in_*``, ``out_*``, ``chk_*``)."""

from __future__ import annotations

from openpyxl.cell import Cell
from openpyxl.workbook import Workbook


def named_cells(book: Workbook, name: str) -> list[Cell]:
    """The cells a workbook-scoped name points to, left to right."""
    ((title, reference),) = list(book.defined_names[name].destinations)
    found = book[title][reference.replace("$", "")]
    return [cell for row in found for cell in row] if isinstance(found, tuple) else [found]
