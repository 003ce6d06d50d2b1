"""A worksheet's rows in SpreadsheetML as openpyxl writes them, without its element tree, and the places in a saved
sheet part where rows go.

openpyxl builds an ElementTree element for every cell and serialises it through ``et_xmlfile``: about 15–25 µs a
cell, most of the time of saving a sheet of thousands of cells.  :func:`cell_xml` and :func:`row_start` write the
same bytes as ``openpyxl.cell._writer.etree_write_cell`` and ``WorksheetWriter.write_row`` (a text as an inline
string, a formula as ``<f>`` with an empty ``<v />``, a number as ``<v>``; a row's attributes from its
``RowDimension``) in about a tenth of the time; :func:`with_rows` splices such rows into the package openpyxl saved
without them, at the places expat finds (:class:`SheetPlaces`: the ``<dimension>``, the end of the ``<sheetData>``).  Used by ``generate``
(:mod:`xl_addin.workbook.saving`) and by ``refresh``'s national.xlsx (:mod:`xl_addin.consolidation.sheet_rows`);
their tests prove the packages equal, part for part, to openpyxl's own.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO
from xml.parsers import expat

from openpyxl.cell._writer import _set_attributes  # type: ignore[attr-defined]  # not in openpyxl's stubs
from openpyxl.compat import safe_string
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.xml.constants import ARC_WORKBOOK, SHEET_MAIN_NS

from xl_addin import zipcopy


class SheetPlaces:
    """Where openpyxl put a sheet part's ``<dimension>`` (its span; None: a write-only sheet has none) and the end
    tag of its ``<sheetData>``."""

    def __init__(self, part: bytes) -> None:
        self.dimension: tuple[int, int] | None = None
        self.rows_end: int | None = None
        self._open_dimension: int | None = None
        parser = expat.ParserCreate(namespace_separator="}")
        self._parser = parser
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.Parse(part, True)
        if self.rows_end is None:  # pragma: no cover - openpyxl writes it, always
            raise RuntimeError("в сохранённом листе нет <sheetData>")

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


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part, through the workbook's relationships (openpyxl's own reader of them)."""
    parser: Any = WorkbookParser(archive, ARC_WORKBOOK)
    parser.parse()
    return {sheet.name: relationship.target for sheet, relationship in parser.find_sheets()}


#: A sheet's rows to splice: its range for ``<dimension>`` (None: the part has none, a write-only sheet's) and its
#: rows' XML, in pieces.
SheetRows = tuple[str | None, Iterable[bytes]]


def with_rows(package: bytes, rows: Mapping[str, SheetRows], out: BinaryIO) -> None:
    """Write ``package`` (a workbook openpyxl saved with these sheets' ``<sheetData>`` empty) to ``out`` (seekable)
    with ``rows`` (sheet title → :data:`SheetRows`) spliced in: each sheet's rows before its ``</sheetData>``, its
    range into its ``<dimension>``; every other part copied as openpyxl compressed it (:mod:`xl_addin.zipcopy`)."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        parts = {part: rows[title] for title, part in sheet_parts(archive).items() if title in rows}
        copy = zipcopy.ZipCopy(out)
        source = io.BytesIO(package)
        for info in archive.infolist():
            if info.filename not in parts:
                copy.copy_raw(source, info)
                continue
            dimension, pieces = parts[info.filename]
            before, after = _around_rows(archive.read(info), dimension)
            copy.add_chunks(info.filename, itertools.chain((before,), pieces, (after,)), like=info)
        copy.finish()


def _around_rows(part: bytes, dimension: str | None) -> tuple[bytes, bytes]:
    """The part's bytes before and after the place of its rows (its ``</sheetData>``), its ``<dimension>`` set to
    ``dimension`` when given."""
    places = SheetPlaces(part)
    assert places.rows_end is not None  # SheetPlaces raised otherwise
    before, after = part[: places.rows_end], part[places.rows_end :]
    if dimension is None:
        return before, after
    if places.dimension is None:  # pragma: no cover - openpyxl writes one for every sheet not write-only
        raise RuntimeError("в сохранённом листе нет <dimension>")
    start, end = places.dimension
    element = f'<dimension ref="{attribute(dimension)}" />'.encode()
    return before[:start] + element + before[end:], after


def row_start(number: int, dimensions: Any) -> str:
    """``WorksheetWriter.write_row``'s start tag of row ``number`` (its height and the rest from the sheet's
    ``row_dimensions``)."""
    attributes = {"r": f"{number}"}
    attributes.update(dimensions.get(number, {}))
    return f"<row{_attributes(attributes)}>"


def cell_xml(cell: Any, reference: str) -> str:
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


def _attributes(attributes: Mapping[str, str]) -> str:
    return "".join(f' {key}="{attribute(value)}"' for key, value in attributes.items())


def _text(text: str) -> str:
    """ElementTree's escaping of element text (``&``, ``<``, ``>``)."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def attribute(text: str) -> str:
    """ElementTree's escaping of an attribute's value."""
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\r", "&#13;"),
                         ("\n", "&#10;"), ("\t", "&#09;")):  # fmt: skip
        if raw in text:
            text = text.replace(raw, escaped)
    return text
