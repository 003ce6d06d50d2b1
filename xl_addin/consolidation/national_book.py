"""national.xlsx: the sheets of the consolidation in one workbook (the table of the regions, and the sheets the
run adds: summary, products, charts, year over year), written row by row and saved atomically."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from xl_addin.consolidation import national_table, sheet_rows
from xl_addin.consolidation.national import RegionRow
from xl_addin.files import atomic_write


def write_national_xlsx(path: Path, rows: Sequence[RegionRow], *, sheets: Sequence[Callable[[Any], None]] = ()) -> None:
    """national.xlsx: the table of the regions (sheet «Регионы», :mod:`~xl_addin.consolidation.national_table`) and
    the ``sheets`` others add, each called with the write-only workbook (run.py: the summary «Сводка», which puts
    itself first, the products table «Товары», the charts, the year-over-year comparison).

    The status cell («Проверки: ошибок») is red for a region with errors, orange for one whose checks are "OK"
    but which has warnings, plain when clean; a region that sent nothing is grey.
    Written row by row (openpyxl's write-only mode), so a consolidation of thousands of
    workbooks costs no more memory than its table.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    national_table.add_sheet(book, rows)
    for add_sheet in sheets:
        add_sheet(book)
    saved = io.BytesIO()  # in memory first: a full disk then fails in our write, not inside openpyxl's zip
    try:
        book.save(saved)
        package = sheet_rows.with_rows(saved.getvalue(), book)  # the long sheets' rows, spooled
    finally:
        _close_rows(book)
        sheet_rows.forget(book)
    atomic_write(path, lambda temporary: temporary.write_bytes(package))


def _close_rows(book: Any) -> None:
    """End the row writers a failed save leaves open (openpyxl's write-only sheets keep a generator each), so
    that none of them is left to print "Exception ignored" when it is collected; a normal save ended them all."""
    for sheet in book.worksheets:
        rows = getattr(sheet, "_rows", None)
        if rows is not None:
            with contextlib.suppress(OSError, ValueError):  # its file went with the failed save: nothing to write
                rows.close()
