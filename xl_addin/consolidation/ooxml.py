"""The OOXML parts of a received workbook that ``refresh`` reads, parsed only through defusedxml.

A workbook is a zip of XML parts: ``xl/workbook.xml`` lists the sheets (each by a
relationship id that ``xl/_rels/workbook.xml.rels`` resolves to its part) and holds
the defined names.  Those small parts are parsed whole (:func:`parse`); a sheet is
streamed (:func:`scan_sheet`), keeping only what the reading asks for, so neither
memory nor work depends on the size a sheet claims.  Every parser is defusedxml's
(:class:`defusedxml.ElementTree.DefusedXMLParser`): a DTD entity or an external
reference raises :class:`defusedxml.DefusedXmlException`, a broken part
:class:`xml.etree.ElementTree.ParseError`.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import DefusedXMLParser, fromstring

#: SpreadsheetML (transitional), the namespace of workbook.xml and of every worksheet.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#: Relationship ids (``r:id``) in workbook.xml.
OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: The namespace of a ``.rels`` part.
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: The namespace of ``[Content_Types].xml``.
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKBOOK_PART = "xl/workbook.xml"
WORKBOOK_RELATIONSHIPS_PART = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES_PART = "[Content_Types].xml"
#: How many bytes of a sheet part are decompressed and parsed at a time.
_CHUNK = 64 * 1024
_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def parse(data: bytes) -> Element:
    """A small part (workbook, relationships, content types) as an element tree, through defusedxml."""
    root: Element = fromstring(data)
    return root


def tag(namespace: str, name: str) -> str:
    """ElementTree's name of an element: ``{namespace}name``."""
    return f"{{{namespace}}}{name}"


def part_path(source_part: str, target: str) -> str:
    """The zip name of a relationship's target, relative to the part that holds the relationship.

    >>> part_path("xl/workbook.xml", "worksheets/sheet1.xml"), part_path("xl/workbook.xml", "/xl/worksheets/s.xml")
    ('xl/worksheets/sheet1.xml', 'xl/worksheets/s.xml')
    """
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


@dataclass(frozen=True)
class Structure:
    """What workbook.xml says: its sheets (title → part in the zip) and its workbook-scoped defined names."""

    sheets: dict[str, str]
    #: Name → its text as written (``'Ввод'!$D$7``); sheet-scoped names (``localSheetId``) are left out.
    names: dict[str, str]


def structure(archive: zipfile.ZipFile) -> Structure:
    """Read the sheet list and the defined names (KeyError when a part is missing).

    The answer is shared by every workbook whose two parts are byte for byte the same
    (every file made from one template, until a user adds a sheet or a name): do not change it.
    """
    return _structure(archive.read(WORKBOOK_PART), archive.read(WORKBOOK_RELATIONSHIPS_PART))


@functools.lru_cache(maxsize=16)
def _structure(workbook_part: bytes, relationships_part: bytes) -> Structure:
    workbook, relationships = parse(workbook_part), parse(relationships_part)
    targets = {
        relationship.get("Id"): relationship.get("Target", "")
        for relationship in relationships.iter(tag(PACKAGE_RELATIONSHIPS, "Relationship"))
        if relationship.get("TargetMode") != "External"
    }
    sheets = {}
    for sheet in workbook.iter(tag(MAIN, "sheet")):
        target = targets.get(sheet.get(tag(OFFICE_RELATIONSHIPS, "id")))
        if sheet.get("name") is not None and target:
            sheets[str(sheet.get("name"))] = part_path(WORKBOOK_PART, target)
    names: dict[str, str] = {}
    for defined in workbook.iter(tag(MAIN, "definedName")):
        name = defined.get("name")
        if name is not None and defined.get("localSheetId") is None:
            names.setdefault(name, (defined.text or "").strip())
    return Structure(sheets, names)


@functools.lru_cache(maxsize=4096)
def split_reference(text: str) -> tuple[str, str] | None:
    """(sheet, cells without ``$``) of a defined name's text; None for a formula, a constant or ``#REF!``.

    >>> split_reference("'Ввод'!$D$14:$E$14"), split_reference("Ввод!D7"), split_reference("'It''s'!$a$1")
    (('Ввод', 'D14:E14'), ('Ввод', 'D7'), ("It's", 'A1'))
    >>> split_reference("'Ввод'!#REF!"), split_reference("=1+1"), split_reference("'Ввод'!$D$7,'Ввод'!$D$8")
    (None, None, None)
    """
    if text.startswith("'"):
        closing = 1
        while True:
            closing = text.find("'", closing)
            if closing < 0:
                return None
            if text[closing + 1 : closing + 2] != "'":
                break
            closing += 2
        sheet, rest = text[1:closing].replace("''", "'"), text[closing + 1 :]
    else:
        sheet, bang, after = text.rpartition("!")
        if not bang:
            return None
        rest = "!" + after
    if not sheet or not rest.startswith("!"):
        return None
    corners = rest[1:].split(":")
    if len(corners) > 2 or not all(_CELL_REFERENCE.fullmatch(corner) for corner in corners):
        return None
    return sheet, ":".join(corner.replace("$", "").upper() for corner in corners)


def column_number(letters: str) -> int:
    """``A`` → 1, ``XFD`` → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    """1 → ``A``, 16384 → ``XFD``."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def position(reference: str) -> tuple[int, int]:
    """(row, column) of ``D7``; ValueError when it is not a cell reference."""
    letters = reference.rstrip("0123456789")
    if not letters or not letters.isalpha() or not letters.isascii() or len(letters) > 3:
        raise ValueError(f"не ссылка на ячейку: {reference!r}")
    return int(reference[len(letters) :]), column_number(letters.upper())


@functools.lru_cache(maxsize=4096)
def cells(reference: str) -> tuple[tuple[int, int], ...]:
    """(row, column) of every cell of ``D7`` or ``D14:E14``, left to right, top to bottom."""
    corners = [position(corner) for corner in reference.split(":")]
    (top, left), (bottom, right) = corners[0], corners[-1]
    return tuple((row, column) for row in range(top, bottom + 1) for column in range(left, right + 1))


def address(row: int, column: int) -> str:
    """``D7`` of (7, 4)."""
    return f"{column_letters(column)}{row}"


@dataclass
class CellFacts:
    """What the sheet's XML says about one watched cell (what calamine does not tell)."""

    #: The cell's ``t`` attribute: ``s``, ``str``, ``inlineStr``, ``b``, ``e``, ``n`` or None.
    kind: str | None = None
    #: None when the cell has no formula, else the formula's text without "=" (empty for a shared one's copy).
    formula: str | None = None
    #: The formula's ``t`` (``shared``, ``array``) and shared-formula index ``si``.
    formula_kind: str | None = None
    shared_index: str | None = None
    #: The text of ``<v>`` (kept for errors, ``t="e"``: calamine shows an error cell as blank).
    value: str = ""


@dataclass
class SheetScan:
    """One streaming pass over a sheet: the extent of its cells (valued or not) and the watched cells' facts (a
    watched cell with neither a formula nor an error has none: its value is calamine's)."""

    top: int = 0
    left: int = 0
    bottom: int = 0
    right: int = 0
    facts: dict[tuple[int, int], CellFacts] = field(default_factory=dict)
    #: Shared-formula index → (text, the cell it is written for): to show a copy's formula as openpyxl did.
    shared: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: False when the scan stopped early (``last_row``): then the extent covers only the rows read.
    complete: bool = True
    #: Whether a watched cell holds a value of its own (a ``<v>`` that is not a formula's, or an inline string):
    #: without one, every watched cell is blank or a formula, and calamine need not read the sheet (a blank
    #: workbook's inputs and results).
    watched_values: bool = False

    @property
    def grid(self) -> int:
        """How many cells a dense grid of the cells' bounding box holds (at least what calamine allocates: it
        leaves out the cells without a value)."""
        return 0 if not self.bottom else (self.bottom - self.top + 1) * (self.right - self.left + 1)

    @property
    def far_corner(self) -> str:
        """The bottom-right corner of that box (``XFD1048576``)."""
        return address(self.bottom, self.right) if self.bottom else ""


class _Enough(Exception):  # noqa: N818 - not an error: the rows asked for are all read
    """Raised by a scan's handler to stop parsing past the last row asked for."""


class _NoTarget:
    """defusedxml's parser needs a target; the scan's own expat handlers replace the target's."""

    def close(self) -> None:
        """Nothing is built."""


#: Cell reference → (row, column), shared by every scan of a process (the same layout recurs in every file).
_POSITIONS: dict[str, tuple[int, int]] = {}
_POSITIONS_KEPT = 100_000


def _position(reference: str) -> tuple[int, int]:
    found = _POSITIONS.get(reference)
    if found is None:
        if len(_POSITIONS) >= _POSITIONS_KEPT:
            _POSITIONS.clear()
        found = _POSITIONS[reference] = position(reference)
    return found


class _Pass:
    """The handlers of one streaming pass over a sheet (see :func:`scan_sheet`), filling a :class:`SheetScan`.

    :meth:`start` runs for each of a sheet's thousands of elements, so it does little: one comparison per element
    kind, the extent widened at each cell, and a value's text taken only where it is kept (an error cell's code:
    calamine shows an error as blank).  A watched cell gets its facts only when it has any (a formula, or an
    error): the usual input cell, a plain value, needs none (calamine gives its value).
    """

    def __init__(self, expat: Any, watched: set[tuple[int, int]], last_row: int | None) -> None:
        self.expat, self.watched, self.last_row, self.scan = expat, watched, last_row, SheetScan()
        self.row = self.column = 0
        self.current = (0, 0)
        self.facts: CellFacts | None = None
        #: The current cell is watched and has no facts yet: its ``t``, for the facts a formula would give it.
        self.watched_kind: str | None = None
        self.watched_current = False
        self.shared_index: str | None = None
        self.text: list[str] = []
        self.cell_tag, self.row_tag = f"{MAIN}}}c", f"{MAIN}}}row"
        self.formula_tag, self.value_tag, self.inline_tag = f"{MAIN}}}f", f"{MAIN}}}v", f"{MAIN}}}is"

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == self.cell_tag:
            self._cell(attributes)
        elif name == self.formula_tag:
            self._formula(attributes)
        elif name == self.value_tag:
            if self.watched_current and (self.facts is None or self.facts.formula is None):  # not a formula's result
                self.scan.watched_values = True
            if self.facts is not None and self.facts.kind == "e":
                self._collect(self._end_value)
        elif name == self.inline_tag:
            if self.watched_current:
                self.scan.watched_values = True
        elif name == self.row_tag:
            number = attributes.get("r")
            self.row, self.column, self.facts = (int(number) if number else self.row + 1), 0, None
            self.watched_current = False
            if self.last_row is not None and self.row > self.last_row:
                raise _Enough

    def _cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference:
            current = _position(reference)
            row, column = self.row, self.column = current
        else:  # the position is implied by the order (the r attribute is optional)
            row, column = self.row, self.column = self.row, self.column + 1
            current = (row, column)
        self.current, scan = current, self.scan
        if not scan.bottom:
            scan.top = scan.bottom = row
            scan.left = scan.right = column
        else:  # every cell counts, valued or not: the box is never smaller than calamine's
            if row < scan.top:
                scan.top = row
            elif row > scan.bottom:
                scan.bottom = row
            if column < scan.left:
                scan.left = column
            elif column > scan.right:
                scan.right = column
        self.facts = None
        self.watched_current = current in self.watched
        if self.watched_current:
            self.watched_kind = attributes.get("t")
            if self.watched_kind == "e":
                self.facts = scan.facts[current] = CellFacts("e")

    def _formula(self, attributes: dict[str, str]) -> None:
        if self.facts is None and self.watched_current:
            self.facts = self.scan.facts[self.current] = CellFacts(self.watched_kind)
        kind, facts = attributes.get("t"), self.facts
        self.shared_index = attributes.get("si") if kind == "shared" and attributes.get("ref") else None
        if facts is not None:
            facts.formula, facts.formula_kind = "", kind
            facts.shared_index = attributes.get("si")
        if facts is not None or self.shared_index is not None:
            self._collect(self._end_formula)

    def _collect(self, end: Any) -> None:
        """Take the element's text: text and end handlers only while inside it (most text is not wanted)."""
        self.text.clear()
        self.expat.CharacterDataHandler, self.expat.EndElementHandler = self.text.append, end

    def _collected(self) -> str:
        self.expat.CharacterDataHandler = self.expat.EndElementHandler = None
        return "".join(self.text)

    def _end_value(self, _: str) -> None:
        text = self._collected()
        if self.facts is not None:
            self.facts.value = text

    def _end_formula(self, _: str) -> None:
        text = self._collected()
        if self.facts is not None:
            self.facts.formula = text
        if self.shared_index is not None and text:
            self.scan.shared.setdefault(self.shared_index, (text, address(*self.current)))


def scan_sheet(
    archive: zipfile.ZipFile, part: str, watched: set[tuple[int, int]], last_row: int | None = None
) -> SheetScan:
    """Stream ``part`` once: the extent of its cells and the facts of the ``watched`` cells.

    With ``last_row`` the pass stops at the first row below it (``complete`` is then False and
    the extent is only that of the rows read).  The pass keeps a few integers and the watched
    cells, whatever the sheet's size.  It is defusedxml's parser (its guards against DTD
    entities and external references stay installed on the expat parser) with the element
    and text handlers swapped for lean ones: a sheet has thousands of elements and this
    pass is most of a file's reading time.
    """
    defused = DefusedXMLParser(target=_NoTarget())
    expat: Any = defused.parser  # the pyexpat parser on which defusedxml installed its guards
    expat.DefaultHandlerExpand = None  # ElementTree's fallback for text: the scan takes only the text it wants
    expat.ordered_attributes = False
    handlers = _Pass(expat, watched, last_row)
    expat.StartElementHandler = handlers.start
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                defused.feed(chunk)
        defused.close()
    except _Enough:
        handlers.scan.complete = False
    return handlers.scan
