"""A run's workbooks, one per region, written as copies of one saved workbook (``xl-addin generate``).

A run builds one workbook (:class:`~xl_addin.workbook.writer.WorkbookWriter`) and saves it once,
with its region-specific cells blank (the title, the region, the published 2006 figure and its
check): the *package*.  A region's file is that package with only the parts that hold those cells
rewritten; every other part is copied compressed, byte for byte (:mod:`xl_addin.zipcopy`).  The package is
saved by :func:`xl_addin.workbook.saving.save` (openpyxl's bytes, its cells written faster).  Saving
the whole workbook for every region was most of a run's time: openpyxl serialises every cell of
every sheet again (about 2,900 cells, most of them formulas) for four that change.

In a rewritten part only the region's cells change.  Their places in the part's bytes are found
once, by parsing it (expat reports where each element starts); each region's cell is an element
built with ElementTree that keeps the template cell's attributes (its style): a text is an inline
string (``t="inlineStr"``, as openpyxl writes every text), a number a ``<v>``, a formula an ``<f>``.
The parts, their content types and relationships are the package's own: no part is added or removed.
The region's cells are styled (:class:`~xl_addin.workbook.writer.WorkbookWriter`), so that openpyxl
saves them even blank.

A test (``tests/workbook/test_generate.py``) proves every file of a run equals a workbook built and
saved for its region alone, cell for cell, holds no other region's name, and is read by LibreOffice
(recalculated) and by ``refresh``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring
from xml.parsers import expat

from openpyxl.xml.constants import SHEET_MAIN_NS

from xl_addin import sheet_xml, zipcopy
from xl_addin.workbook import saving
from xl_addin.workbook.cells import Formula
from xl_addin.workbook.writer import Region, WorkbookWriter

#: ``xml:space``, for a text that begins or ends with a space (Excel would trim it otherwise).
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class _CellSpans:
    """Where some cells of a sheet part are: reference → (first byte, byte past the end, the cell's attributes)."""

    def __init__(self, part: bytes, references: set[str]) -> None:
        self.found: dict[str, tuple[int, int, dict[str, str]]] = {}
        self._open: tuple[str, int, dict[str, str]] | None = None
        self._closed: tuple[str, int, dict[str, str]] | None = None
        self._references = references
        parser = expat.ParserCreate(namespace_separator="}")
        self._parser = parser
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.Parse(part, True)
        missing = references - self.found.keys()
        if missing:  # pragma: no cover - the writer puts every region cell in the package
            raise RuntimeError(f"в сохранённой книге нет ячеек {sorted(missing)}")

    def _next_event(self) -> None:
        """The event after a watched cell's end: where the cell's bytes stop (an empty ``<c/>`` included)."""
        if self._closed is not None:
            reference, start, attributes = self._closed
            self.found[reference] = (start, self._parser.CurrentByteIndex, attributes)
            self._closed = None

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self._next_event()
        if name == f"{SHEET_MAIN_NS}}}c" and attributes.get("r") in self._references:
            self._open = (attributes["r"], self._parser.CurrentByteIndex, attributes)

    def _end(self, name: str) -> None:
        self._next_event()
        if name == f"{SHEET_MAIN_NS}}}c" and self._open is not None:
            self._closed, self._open = self._open, None

    def _text(self, _: str) -> None:
        self._next_event()


def cell_xml(attributes: Mapping[str, str], value: str | int | None) -> bytes:
    """The ``<c>`` element of a cell with ``attributes`` (its place and style) holding ``value``.

    Unqualified: it takes the namespace of the sheet it is put into.

    >>> cell_xml({"r": "B10", "s": "3"}, "г. Москва").decode()
    '<c r="B10" s="3" t="inlineStr"><is><t>г. Москва</t></is></c>'
    >>> cell_xml({"r": "B40"}, 5862), cell_xml({"r": "B41", "t": "s"}, None), cell_xml({"r": "C2"}, Formula('="a"&B2'))
    (b'<c r="B40"><v>5862</v></c>', b'<c r="B41" />', b'<c r="C2"><f>"a"&amp;B2</f></c>')

    Only a :class:`~xl_addin.workbook.cells.Formula` is a formula; a text starting with ``=`` is a text:

    >>> cell_xml({"r": "B10"}, "=1+1").decode()
    '<c r="B10" t="inlineStr"><is><t>=1+1</t></is></c>'
    """
    kept = {key: text for key, text in attributes.items() if key != "t"}
    cell = Element("c", kept)
    if isinstance(value, Formula):
        SubElement(cell, "f").text = value[1:]
    elif isinstance(value, str):
        cell.set("t", "inlineStr")
        text = SubElement(SubElement(cell, "is"), "t")
        text.text = value
        if value != value.strip():
            text.set(_XML_SPACE, "preserve")
    elif value is not None:
        SubElement(cell, "v").text = str(value)
    written: bytes = tostring(cell, encoding="utf-8", xml_declaration=False)
    return written


class RegionCopies:
    """A built workbook saved once without its region; :meth:`write` writes a region's file from it."""

    def __init__(self, writer: WorkbookWriter) -> None:
        self._writer = writer
        saved = io.BytesIO()
        saving.save(writer.without_region(), saved)
        self._package = saved.getvalue()
        places = writer.region_places()
        with zipfile.ZipFile(io.BytesIO(self._package)) as archive:
            self._infos = archive.infolist()
            parts = sheet_xml.sheet_parts(archive)
            cells: dict[str, dict[str, str]] = {}  # part → reference → key
            for key, (sheet, reference) in places.items():
                cells.setdefault(parts[sheet], {})[reference] = key
            self._parts = {part: archive.read(part) for part in cells}
        #: part → its region cells (first byte, byte past the end, attributes, key), last first: each splice
        #: leaves the places of the cells before it as they were
        self._splices: dict[str, list[tuple[int, int, dict[str, str], str]]] = {}
        for part, keys in cells.items():
            found = _CellSpans(self._parts[part], set(keys)).found
            splices = [
                (start, end, attributes, keys[reference]) for reference, (start, end, attributes) in found.items()
            ]
            self._splices[part] = sorted(splices, key=lambda splice: splice[0], reverse=True)

    def _part(self, name: str, values: dict[str, str | int | None]) -> bytes:
        """The part ``name``, one that holds region cells, with the region's ``values`` (key → value) in them."""
        data = self._parts[name]
        for start, end, attributes, key in self._splices[name]:
            data = data[:start] + cell_xml(attributes, values[key]) + data[end:]
        return data

    def write(self, region: Region, path: Path) -> None:
        """Write ``region``'s workbook at ``path`` (the caller makes it atomic: :func:`xl_addin.files.atomic_write`)."""
        source, values = io.BytesIO(self._package), self._writer.region_values(region)
        with path.open("wb") as target:
            copy = zipcopy.ZipCopy(target)
            for info in self._infos:
                if info.filename in self._parts:
                    copy.add(info.filename, self._part(info.filename, values), like=info)
                else:
                    copy.copy_raw(source, info)
            copy.finish()
