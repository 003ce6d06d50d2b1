"""The rows of national.xlsx's long sheets written without openpyxl's per-cell element tree, spooled to disk.

national.xlsx is written in openpyxl's write-only mode, row by row; openpyxl serialises each cell through an
ElementTree element (about 15 µs a cell), and the sheets «Регионы» (a region a row, about 50 columns) and
«Проблемы» (a problem a row) made it the longest serial step of a refresh of thousands of workbooks.
:class:`SpooledRows` takes a sheet's rows instead of ``sheet.append``: the same cells (openpyxl's
``WriteOnlyCell``, styles registered as openpyxl registers them), written as openpyxl would write them
(:func:`xl_addin.sheet_xml.cell_xml`) to a temporary file; openpyxl saves the workbook with that sheet's
``<sheetData>`` empty, and :func:`with_rows` streams the rows into it (memory stays flat: a sheet of 100,000
problem rows is never held).  ``tests/refresh/test_sheet_rows.py`` proves national.xlsx equal, part for part
and unpacked, to the workbook written by ``sheet.append`` (:data:`DIRECT` False).
"""

from __future__ import annotations

import functools
import io
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from typing import IO, Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.utils import get_column_letter

from xl_addin import sheet_xml

#: Rows written here (True) or through openpyxl's ``sheet.append`` (False: the reference the tests compare with).
DIRECT = True

#: Each write-only workbook's spooled sheets, by title (gone with the workbook).
_SPOOLS: weakref.WeakKeyDictionary[Any, dict[str, SpooledRows]] = weakref.WeakKeyDictionary()


class SpooledRows:
    """The rows of one write-only sheet, appended in order (each a list of cells or values, as ``sheet.append``
    takes them); a row's height is set in ``sheet.row_dimensions`` before the row, as openpyxl wants, and is taken
    out once the row is written."""

    def __init__(self, sheet: Any) -> None:
        self.sheet, self.count = sheet, 0
        self._direct = DIRECT
        self._spool: IO[bytes] | None = None
        self._letters: dict[int, str] = {}
        if self._direct:
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by with_rows or forget (national_book)
            _SPOOLS.setdefault(sheet.parent, {})[sheet.title] = self

    def append(self, row: Iterable[Any]) -> None:
        """The next row: ``WriteOnlyWorksheet.append`` and ``_values_to_row``: a cell kept as it is, a value put in a
        new ``WriteOnlyCell``, None skipped (a row mixes no values with styled cells here: openpyxl would put a value
        after a cell into that cell, with its style)."""
        self.count += 1
        if self._spool is None:
            self.sheet.append(list(row))
            self.sheet.row_dimensions.pop(self.count, None)  # written with its row
            return
        number = self.count
        pieces = [sheet_xml.row_start(number, self.sheet.row_dimensions)]
        for column, item in enumerate(row, 1):
            if item is None:
                continue
            cell = item if isinstance(item, Cell) else WriteOnlyCell(self.sheet, item)
            if cell.value is None and not cell.has_style:
                continue
            cell.row, cell.column = number, column
            letter = self._letters.get(column)
            if letter is None:
                letter = self._letters[column] = get_column_letter(column)
            pieces.append(sheet_xml.cell_xml(cell, f"{letter}{number}"))
        pieces.append("</row>")
        self._spool.write("".join(pieces).encode("utf-8"))
        # written with its row: openpyxl would write a height left in the sheet as an empty row of its own
        self.sheet.row_dimensions.pop(number, None)

    def pieces(self) -> Iterator[bytes]:
        """The rows written, read back from the spool a megabyte at a time."""
        assert self._spool is not None  # only a spooled sheet's rows are read back (with_rows)
        self._spool.seek(0)
        return iter(functools.partial(self._spool.read, 1 << 20), b"")

    def close(self) -> None:
        """Let the temporary file go (after :func:`with_rows`, or when the workbook was not saved)."""
        if self._spool is not None:
            self._spool.close()


def with_rows(package: bytes, book: Any) -> bytes:
    """``package`` (``book`` saved by openpyxl) with each spooled sheet's rows in its ``<sheetData>``
    (:func:`xl_addin.sheet_xml.with_rows`); the package itself when none was spooled."""
    spools = {title: rows for title, rows in _SPOOLS.pop(book, {}).items() if rows._spool is not None}
    if not spools:
        return package
    out = io.BytesIO()
    try:
        sheet_xml.with_rows(package, {title: (None, rows.pieces()) for title, rows in spools.items()}, out)
    finally:
        for rows in spools.values():
            rows.close()
    return out.getvalue()


def forget(book: Any) -> None:
    """Close the spools of a workbook whose saving failed."""
    for rows in _SPOOLS.pop(book, {}).values():
        rows.close()
