"""Saving a built workbook with its cells written by this module, the rest of the package by openpyxl.

Version 5's supply plan put about 14,000 formulas into every workbook («План поставок» and its hidden
calculation sheet; 18,400 cells in all, against 2,900 before), and openpyxl builds an ElementTree element for
each cell and serialises it through ``et_xmlfile`` (about 25 µs a cell): most of the time ``generate`` spends
saving the workbook it copies for every region.  :func:`save` writes the same bytes in a tenth of the time:

1. every worksheet's rows are serialised here, in the workbook's order, as openpyxl's
   ``WorksheetWriter.write_rows`` would write them (each row's attributes from its ``RowDimension``, each
   cell as ``openpyxl.cell._writer.etree_write_cell`` writes it: a text as an inline string, a formula as
   ``<f>`` with an empty ``<v />``, a number as ``<v>``).  Styles are registered in openpyxl's own order (a
   sheet's columns, then its rows and cells), so the style of every cell keeps the number openpyxl would give it;
2. the cells and row dimensions are taken out of the sheets, openpyxl saves the package (parts, content
   types, relationships, styles: its own bookkeeping), and they are put back;
3. in each sheet's part the empty ``<sheetData>`` gets its rows and ``<dimension>`` its range, at the byte
   places expat reports; every other part is copied as openpyxl compressed it (:mod:`xl_addin.zipcopy`).

A sheet holding what this module does not write (a comment, a hyperlink, an array or data-table formula,
rich text) or a table (openpyxl names a table's columns from its header cells as it saves) is left whole to
openpyxl.  ``tests/workbook/test_saving.py`` proves the package equal, part for
part and byte for byte once unpacked, to openpyxl's own save of the same workbook, for every variant and
language of the template and for a sheet of every cell type.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from openpyxl.cell.rich_text import CellRichText
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from xl_addin import sheet_xml

#: openpyxl's range of a sheet without cells (``Worksheet.calculate_dimension``).
_EMPTY_DIMENSION = "A1:A1"


def save(book: Any, target: str | BinaryIO) -> None:
    """Save ``book`` (an openpyxl ``Workbook``, not write-only) at ``target``, a path or a binary file, with the
    bytes openpyxl's ``book.save`` would write (each part's, unpacked)."""
    rows = {sheet.title: _sheet_rows(sheet) for sheet in book.worksheets}
    written = {title: found for title, found in rows.items() if found is not None}
    saved = io.BytesIO()
    detached = [(book[title], book[title]._cells, dict(book[title].row_dimensions)) for title in written]
    try:
        for sheet, _, _ in detached:
            sheet._cells = {}
            sheet.row_dimensions.clear()
        book.save(saved)
    finally:
        for sheet, cells, dimensions in detached:
            sheet._cells = cells
            sheet.row_dimensions.update(dimensions)
    spliced = {title: (dimension, (data,)) for title, (dimension, data) in written.items()}
    if isinstance(target, str):
        with open(target, "wb") as out:
            sheet_xml.with_rows(saved.getvalue(), spliced, out)
    else:
        sheet_xml.with_rows(saved.getvalue(), spliced, target)


def _sheet_rows(sheet: Any) -> tuple[str, bytes] | None:
    """The sheet's range and its rows' XML, its styles registered on the way; None (styles registered all the
    same) when the sheet holds something openpyxl alone writes."""
    columns = sheet.column_dimensions
    outline = columns.max_outline
    columns.to_tree()  # openpyxl's write_cols: the columns' styles first, in its order
    columns.max_outline = outline  # as it was: openpyxl writes the sheet's format from it before its columns
    # a table takes its columns' names from its header cells when openpyxl saves it: they stay in the sheet
    own = not sheet.tables and all(_ours(cell) for cell in sheet._cells.values())
    pieces = list(_rows(sheet, written=own))
    if not own:
        return None
    dimension = sheet.calculate_dimension() if sheet._cells else _EMPTY_DIMENSION
    return dimension, "".join(pieces).encode("utf-8")


def _ours(cell: Any) -> bool:
    value = cell._value
    return (
        cell._comment is None
        and getattr(cell, "_hyperlink", None) is None  # a merged cell has none
        and not isinstance(value, (ArrayFormula, DataTableFormula, CellRichText))
    )


def _rows(sheet: Any, *, written: bool) -> Iterator[str]:
    """``WorksheetWriter.rows`` and ``write_row``: each row with a cell or a dimension, in order; ``written``
    False: only the styles registered, in the same order (a sheet openpyxl writes)."""
    by_row: dict[int, list[Any]] = {}
    for (row, _), cell in sorted(sheet._cells.items()):
        by_row.setdefault(row, []).append(cell)
    dimensions = sheet.row_dimensions
    for row in dimensions.keys() - by_row.keys():
        by_row[row] = []
    letters: dict[int, str] = {}
    for number, cells in sorted(by_row.items()):
        yield sheet_xml.row_start(number, dimensions)
        for cell in cells:
            if cell._value is None and not cell.has_style and not cell._comment:
                continue
            if not written:
                _ = cell.has_style and cell.style_id
                continue
            column = cell.column
            letter = letters.get(column)
            if letter is None:
                letter = letters[column] = get_column_letter(column)
            yield sheet_xml.cell_xml(cell, f"{letter}{number}")
        yield "</row>"
