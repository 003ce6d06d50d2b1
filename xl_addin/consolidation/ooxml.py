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
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import DefusedXMLParser, fromstring

from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.parts import Package
from xl_addin.consolidation.strings import RichText

#: SpreadsheetML (transitional), the namespace of workbook.xml and of every worksheet.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#: Strict OOXML's SpreadsheetML (Excel's «Strict Open XML»): refused with a reason (:func:`_structure`).
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
#: Relationship ids (``r:id``) in workbook.xml.
OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: The namespace of a ``.rels`` part.
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: The namespace of ``[Content_Types].xml``.
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHARED_STRINGS_TYPE = f"{OFFICE_RELATIONSHIPS}/sharedStrings"
WORKBOOK_PART = "xl/workbook.xml"
WORKBOOK_RELATIONSHIPS_PART = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES_PART = "[Content_Types].xml"
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
    #: The shared strings part (``xl/sharedStrings.xml``), None when the workbook has none.
    shared_strings: str | None = None


def structure(package: Package) -> Structure:
    """Read the sheet list and the defined names; UnreadableWorkbookError (Russian) when a part is missing or the
    sheet list is ambiguous (:func:`_structure`).

    The answer is shared by every workbook whose two parts are byte for byte the same
    (every file made from one template, until a user adds a sheet or a name): do not change it.
    """
    found = _structure(package.read(WORKBOOK_PART), package.read(WORKBOOK_RELATIONSHIPS_PART))
    for title, part in found.sheets.items():
        if not package.has(part):
            raise UnreadableWorkbookError(f"файл повреждён: части листа «{title}» ({part}) нет в архиве книги")
    return found


def _ambiguous(what: str) -> UnreadableWorkbookError:
    return UnreadableWorkbookError(
        f"{what}: неясно, что показывает Excel, книга не читается; пересохраните её в Excel "
        "или создайте заново (xl-addin generate) и перенесите в неё числа"
    )


def _local(element: Element) -> tuple[str, str]:
    """(namespace, local name) of an element."""
    namespace, _, name = element.tag[1:].rpartition("}") if element.tag.startswith("{") else ("", "", element.tag)
    return namespace, name


def _children(parent: Element, name: str, scope: Element, what: str, *, namespace: str = MAIN) -> list[Element]:
    """The children ``name`` of ``parent``; an element of that local name anywhere else in ``scope`` (another
    namespace, another place) makes the part ambiguous."""
    proper = [child for child in parent if child.tag == tag(namespace, name)]
    kept = {id(child) for child in proper}
    for element in scope.iter():
        found_namespace, local = _local(element)
        if local == name and id(element) not in kept:
            place = f"в пространстве имён {found_namespace}" if found_namespace != namespace else "не на своём месте"
            raise _ambiguous(f"в {what} элемент «{name}» {place}")
    return proper


@functools.lru_cache(maxsize=16)
def _structure(workbook_part: bytes, relationships_part: bytes) -> Structure:
    """The one rule: the sheets are the ``<sheet>`` children of ``<workbook><sheets>`` in the SpreadsheetML main
    namespace, each resolved by its ``r:id``; the names are the ``<definedName>`` children of
    ``<workbook><definedNames>``.  Refused (UnreadableWorkbookError): a Strict OOXML workbook; a ``sheet``,
    ``sheets``, ``definedName`` or ``Relationship`` element anywhere else or in another namespace; two sheets
    whose names differ only in case (Excel does not tell them apart); a sheet without a name, without an
    ``r:id``, with one another sheet has, or one the relationships do not resolve; two workbook-scoped names
    that differ only in case."""
    workbook, relationships = parse(workbook_part), parse(relationships_part)
    if workbook.tag == tag(STRICT, "workbook"):
        raise UnreadableWorkbookError(
            "книга сохранена в формате «Строгий Open XML» (Strict): сохраните её в Excel как обычную "
            "«Книгу Excel (*.xlsx)» и пришлите снова"
        )
    if workbook.tag != tag(MAIN, "workbook"):
        raise UnreadableWorkbookError(
            f"файл повреждён: {WORKBOOK_PART} — не книга SpreadsheetML («{_local(workbook)[1]}»)"
        )
    targets = _targets(relationships)
    sheets, names = _sheets(workbook, targets), _defined_names(workbook)
    strings = [target for kind, target in targets.values() if kind == _SHARED_STRINGS_TYPE]
    if len(strings) > 1:
        raise _ambiguous(f"в {WORKBOOK_RELATIONSHIPS_PART} две таблицы общих строк")
    return Structure(sheets, names, part_path(WORKBOOK_PART, strings[0]) if strings else None)


def _sheets(workbook: Element, targets: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Title → part of each ``<sheet>`` of ``<workbook><sheets>`` (see :func:`_structure` for what is refused)."""
    sheet_lists = _children(workbook, "sheets", workbook, WORKBOOK_PART)
    if len(sheet_lists) != 1:
        raise _ambiguous(f"в {WORKBOOK_PART} {'нет списка листов' if not sheet_lists else 'два списка листов'}")
    sheets: dict[str, str] = {}
    seen: dict[str, str] = {}
    for sheet in _children(sheet_lists[0], "sheet", workbook, WORKBOOK_PART):
        name, relationship = sheet.get("name"), sheet.get(tag(OFFICE_RELATIONSHIPS, "id"))
        if not name:
            raise _ambiguous(f"в {WORKBOOK_PART} лист без имени")
        if name.lower() in seen:
            raise _ambiguous(
                f"в книге два листа с именем «{seen[name.lower()]}» и «{name}» (Excel не различает регистр)"
            )
        if not relationship or relationship not in targets:
            found = "нет ссылки r:id" if not relationship else f"ссылка r:id = «{relationship}» не найдена"
            raise _ambiguous(f"у листа «{name}» {found}")
        part = part_path(WORKBOOK_PART, targets[relationship][1])
        twin = next((other for other, other_part in sheets.items() if other_part.lower() == part.lower()), None)
        if twin is not None:
            raise _ambiguous(f"листы «{twin}» и «{name}» указывают на одну часть {part}")
        seen[name.lower()], sheets[name] = name, part
    return sheets


def _defined_names(workbook: Element) -> dict[str, str]:
    """Name → text of each workbook-scoped ``<definedName>`` of ``<workbook><definedNames>``."""
    names: dict[str, str] = {}
    named: dict[str, str] = {}
    for defined_names in _children(workbook, "definedNames", workbook, WORKBOOK_PART):
        for defined in _children(defined_names, "definedName", workbook, WORKBOOK_PART):
            name = defined.get("name")
            if name is None or defined.get("localSheetId") is not None:
                continue
            if name.lower() in named:
                raise _ambiguous(f"в книге два имени «{named[name.lower()]}» и «{name}» (Excel не различает регистр)")
            named[name.lower()], names[name] = name, (defined.text or "").strip()
    return names


def _targets(relationships: Element) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target) of the workbook's internal relationships; two with one id: ambiguous."""
    if relationships.tag != tag(PACKAGE_RELATIONSHIPS, "Relationships"):
        raise UnreadableWorkbookError(f"файл повреждён: {WORKBOOK_RELATIONSHIPS_PART} — не список связей")
    targets: dict[str, tuple[str, str]] = {}
    for relationship in _children(
        relationships, "Relationship", relationships, WORKBOOK_RELATIONSHIPS_PART, namespace=PACKAGE_RELATIONSHIPS
    ):
        identifier = relationship.get("Id", "")
        if identifier in targets:
            raise _ambiguous(f"в {WORKBOOK_RELATIONSHIPS_PART} две связи с Id «{identifier}»")
        if relationship.get("TargetMode") != "External" and relationship.get("Target"):
            targets[identifier] = (relationship.get("Type", ""), relationship.get("Target", ""))
        else:
            targets[identifier] = ("external", "")
    return {identifier: found for identifier, found in targets.items() if found[0] != "external"}


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


@dataclass(slots=True)
class CellFacts:
    """What the sheet's XML says about one watched cell that it holds (a ``<c>`` element)."""

    #: The cell's ``t`` attribute: ``s``, ``str``, ``inlineStr``, ``b``, ``e``, ``n``, ``d`` or None (a number).
    kind: str | None = None
    #: None when the cell has no formula, else the formula's text without "=" (empty for a shared one's copy).
    formula: str | None = None
    #: The formula's ``t`` (``shared``, ``array``) and shared-formula index ``si``.
    formula_kind: str | None = None
    shared_index: str | None = None
    #: The text of ``<v>``, None without one (a formula's cached result too: the reading shows the formula).
    value: str | None = None
    #: The text of an inline string (``<is>``: its ``<t>`` or its runs' joined, unescaped), None without one.
    inline: str | None = None


@dataclass
class SheetScan:
    """One streaming pass over a sheet: the extent of its cells (valued or not) and the watched cells' facts."""

    top: int = 0
    left: int = 0
    bottom: int = 0
    right: int = 0
    #: Every watched cell the sheet holds (a watched cell absent here is blank).
    facts: dict[tuple[int, int], CellFacts] = field(default_factory=dict)
    #: Shared-formula index → (text, the cell it is written for): to show a copy's formula as openpyxl did.
    shared: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: False when the scan stopped early (``last_row``): then the extent covers only the rows read.
    complete: bool = True

    @property
    def grid(self) -> int:
        """How many cells a dense grid of the cells' bounding box holds."""
        return 0 if not self.bottom else (self.bottom - self.top + 1) * (self.right - self.left + 1)

    @property
    def far_corner(self) -> str:
        """The bottom-right corner of that box (``XFD1048576``)."""
        return address(self.bottom, self.right) if self.bottom else ""


class GridTooLargeError(UnreadableWorkbookError):
    """A sheet whose cells' bounding box holds more cells than the scan's limit (the scan stops there)."""


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
    kind, the extent widened at each cell (and checked against the limit when it grows), and text taken only
    inside a watched cell (its formula, or else its value or inline string) or for a shared formula.  A watched
    cell gets its facts only at its first formula, value or inline string (a blank one has none).
    """

    def __init__(self, expat: Any, watched: set[tuple[int, int]], last_row: int | None, limit: int, title: str) -> None:
        self.expat, self.watched, self.last_row, self.scan = expat, watched, last_row, SheetScan()
        self.limit, self.title = limit, title
        self.row = self.column = 0
        self.current = (0, 0)
        #: The current cell is watched; its ``t``; its facts once it has any.
        self.watched_current = False
        self.kind: str | None = None
        self.facts: CellFacts | None = None
        self.seen: set[tuple[int, int]] = set()
        self.shared_index: str | None = None
        self.text: list[str] = []
        self.cell_tag, self.row_tag = f"{MAIN}}}c", f"{MAIN}}}row"
        self.formula_tag, self.value_tag, self.inline_tag = f"{MAIN}}}f", f"{MAIN}}}v", f"{MAIN}}}is"
        self.rich = RichText(expat, self._end_inline)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == self.cell_tag:
            self._cell(attributes)
        elif name == self.formula_tag:
            self._formula(attributes)
        elif name == self.value_tag:
            if self.watched_current and (self.facts is None or self.facts.formula is None):
                self._own_facts()
                self._collect(self._end_value)
        elif name == self.inline_tag:
            if self.watched_current and (self.facts is None or self.facts.formula is None):
                self._own_facts()
                self.rich.install()
        elif name == self.row_tag:
            number = attributes.get("r")
            self.row, self.column, self.watched_current = (int(number) if number else self.row + 1), 0, False
            if self.last_row is not None and self.row > self.last_row:
                raise _Enough

    def _own_facts(self) -> CellFacts:
        if self.facts is None:
            self.facts = self.scan.facts[self.current] = CellFacts(self.kind)
        return self.facts

    def _cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference:
            current = _POSITIONS.get(reference) or _position(reference)
            row, column = self.row, self.column = current
        else:  # the position is implied by the order (the r attribute is optional)
            row, column = self.row, self.column = self.row, self.column + 1
            current = (row, column)
        self.current, scan = current, self.scan
        if not scan.bottom:
            scan.top = scan.bottom = row
            scan.left = scan.right = column
        elif not (scan.top <= row <= scan.bottom and scan.left <= column <= scan.right):  # every cell counts
            scan.top, scan.bottom = min(scan.top, row), max(scan.bottom, row)
            scan.left, scan.right = min(scan.left, column), max(scan.right, column)
            if scan.grid > self.limit:
                raise GridTooLargeError(
                    f"на листе «{self.title}» заполнены ячейки от {address(scan.top, scan.left)} до "
                    f"{scan.far_corner} ({scan.grid} ячеек, допустимо {self.limit}): так далеко книга заявки "
                    "не заполняется; удалите лишние ячейки и пришлите книгу снова"
                )
        self.facts = None
        self.watched_current = current in self.watched
        if self.watched_current:
            if current in self.seen:
                raise UnreadableWorkbookError(
                    f"на листе «{self.title}» ячейка {address(*current)} записана дважды: неясно, какое значение "
                    "показывает Excel; пересохраните книгу в Excel"
                )
            self.seen.add(current)
            self.kind = attributes.get("t")

    def _formula(self, attributes: dict[str, str]) -> None:
        kind = attributes.get("t")
        self.shared_index = attributes.get("si") if kind == "shared" and attributes.get("ref") else None
        facts = self._own_facts() if self.watched_current else None
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

    def _end_inline(self, text: str) -> None:
        if self.facts is not None:
            self.facts.inline = text

    def _end_formula(self, _: str) -> None:
        text = self._collected()
        if self.watched_current and self.facts is not None:
            self.facts.formula = text
        if self.shared_index is not None and text:
            self.scan.shared.setdefault(self.shared_index, (text, address(*self.current)))


def scan_sheet(
    package: Package,
    part: str,
    watched: set[tuple[int, int]],
    last_row: int | None = None,
    *,
    limit: int,
    title: str,
) -> SheetScan:
    """Stream ``part`` once: the extent of its cells and the facts of the ``watched`` cells.

    With ``last_row`` the pass stops at the first row below it (``complete`` is then False and
    the extent is only that of the rows read).  As soon as the extent's box holds more than
    ``limit`` cells the pass stops with :class:`GridTooLargeError` (naming the sheet ``title``):
    nothing past that is parsed.  The pass keeps a few integers and the watched cells, whatever
    the sheet's size.  It is defusedxml's parser (its guards against DTD entities and external
    references stay installed on the expat parser) with the element and text handlers swapped
    for lean ones: a sheet has thousands of elements and this pass is most of a file's reading time.
    """
    defused = DefusedXMLParser(target=_NoTarget())
    expat: Any = defused.parser  # the pyexpat parser on which defusedxml installed its guards
    expat.DefaultHandlerExpand = None  # ElementTree's fallback for text: the scan takes only the text it wants
    expat.ordered_attributes = False
    handlers = _Pass(expat, watched, last_row, limit, title)
    expat.StartElementHandler = handlers.start
    try:
        for chunk in package.chunks(part):
            defused.feed(chunk)
        defused.close()
    except _Enough:
        handlers.scan.complete = False
    return handlers.scan
