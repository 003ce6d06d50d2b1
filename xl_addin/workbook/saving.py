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
import zipfile
from collections.abc import Iterator
from typing import Any, BinaryIO
from xml.parsers import expat

from openpyxl.cell._writer import _set_attributes  # type: ignore[attr-defined]  # not in openpyxl's stubs
from openpyxl.cell.rich_text import CellRichText
from openpyxl.compat import safe_string
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.xml.constants import ARC_WORKBOOK, SHEET_MAIN_NS

from xl_addin import zipcopy

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
    package = saved.getvalue()
    if isinstance(target, str):
        with open(target, "wb") as out:
            _write(package, written, out)
    else:
        _write(package, written, target)


def _write(package: bytes, written: dict[str, tuple[str, bytes]], out: BinaryIO) -> None:
    """``package`` with each written sheet's rows and range spliced into its part."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        parts = {part: written[title] for title, part in sheet_parts(archive).items() if title in written}
        copy = zipcopy.ZipCopy(out)
        source = io.BytesIO(package)
        for info in archive.infolist():
            if info.filename in parts:
                dimension, data = parts[info.filename]
                copy.add(info.filename, _spliced(archive.read(info), dimension, data), like=info)
            else:
                copy.copy_raw(source, info)
        copy.finish()


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part, through the workbook's relationships (openpyxl's own reader of them)."""
    parser: Any = WorkbookParser(archive, ARC_WORKBOOK)
    parser.parse()
    return {sheet.name: relationship.target for sheet, relationship in parser.find_sheets()}


class _Places:
    """Where openpyxl put a sheet part's ``<dimension>`` (its span) and the end tag of its empty ``<sheetData>``."""

    def __init__(self, part: bytes) -> None:
        self.dimension: tuple[int, int] | None = None
        self.rows_end: int | None = None
        self._open_dimension: int | None = None
        parser = expat.ParserCreate(namespace_separator="}")
        self._parser = parser
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.Parse(part, True)
        if self.dimension is None or self.rows_end is None:  # pragma: no cover - openpyxl writes both, always
            raise RuntimeError("в сохранённом листе нет <dimension> или <sheetData>")

    def _start(self, name: str, _: dict[str, str]) -> None:
        self._close_dimension()
        if name == f"{SHEET_MAIN_NS}}}dimension":
            self._open_dimension = self._parser.CurrentByteIndex

    def _end(self, name: str) -> None:
        if name == f"{SHEET_MAIN_NS}}}sheetData":
            self.rows_end = self._parser.CurrentByteIndex
        elif name != f"{SHEET_MAIN_NS}}}dimension":
            self._close_dimension()

    def _close_dimension(self) -> None:
        """At the event after ``<dimension/>``: where its bytes stop."""
        if self._open_dimension is not None:
            self.dimension = (self._open_dimension, self._parser.CurrentByteIndex)
            self._open_dimension = None


def _spliced(part: bytes, dimension: str, rows: bytes) -> bytes:
    places = _Places(part)
    assert places.dimension is not None and places.rows_end is not None
    start, end = places.dimension
    if places.rows_end < end:  # pragma: no cover - openpyxl writes <dimension> before <sheetData>
        raise RuntimeError("<sheetData> перед <dimension>")
    element = f'<dimension ref="{_attribute(dimension)}" />'.encode()
    return part[:start] + element + part[end : places.rows_end] + rows + part[places.rows_end :]


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
        attributes = {"r": f"{number}"}
        attributes.update(dimensions.get(number, {}))
        yield f"<row{_attributes(attributes)}>"
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
            yield _cell(cell, f"{letter}{number}")
        yield "</row>"


def _cell(cell: Any, reference: str) -> str:
    """``etree_write_cell``'s element for ``cell`` (its reference, style number and type need no escaping)."""
    kind = cell.data_type
    if kind == "d":  # dates: openpyxl's own conversion (ISO or a serial number, by the workbook's setting)
        value, attributes = _set_attributes(cell, cell.has_style)
        start = f"<c{_attributes(attributes)}"
    else:
        value = cell._value
        style = f' s="{cell.style_id}"' if cell.has_style else ""
        kind_attribute = ' t="inlineStr"' if kind == "s" else "" if kind == "f" else f' t="{kind}"'
        start = f'<c r="{reference}"{style}{kind_attribute}'
    if value is None or value == "":
        return start + " />"
    if kind == "f":
        return f"{start}><f>{_text(value[1:])}</f><v /></c>"
    if kind == "s":
        space = ' xml:space="preserve"' if value.strip() and value != value.strip() else ""
        return f"{start}><is><t{space}>{_text(value)}</t></is></c>"
    return f"{start}><v>{_text(safe_string(value))}</v></c>"


def _attributes(attributes: dict[str, str]) -> str:
    return "".join(f' {key}="{_attribute(value)}"' for key, value in attributes.items())


def _text(text: str) -> str:
    """ElementTree's escaping of element text (``&``, ``<``, ``>``)."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _attribute(text: str) -> str:
    """ElementTree's escaping of an attribute's value."""
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\r", "&#13;"),
                         ("\n", "&#10;"), ("\t", "&#09;")):  # fmt: skip
        if raw in text:
            text = text.replace(raw, escaped)
    return text
