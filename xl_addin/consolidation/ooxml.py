"""The OOXML parts of a received workbook that ``refresh`` reads, parsed only through defusedxml.

A workbook is a zip of XML parts: ``xl/workbook.xml`` lists the sheets (each by a
relationship id that ``xl/_rels/workbook.xml.rels`` resolves to its part) and holds
the defined names.  Those small parts are parsed whole (:func:`parse`), and the sheet list is
taken from them by one rule (:func:`structure`); a sheet is streamed
(:mod:`xl_addin.consolidation.sheet_scan`).  Every parser is defusedxml's
(:class:`defusedxml.ElementTree.DefusedXMLParser`): a DTD entity or an external
reference raises :class:`defusedxml.DefusedXmlException`, a broken part
:class:`xml.etree.ElementTree.ParseError`.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring

from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.parts import Package

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
_STYLES_TYPE = f"{OFFICE_RELATIONSHIPS}/styles"
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
    #: The styles part (``xl/styles.xml``: which cells show a number as a date), None when the workbook has none.
    styles: str | None = None
    #: The workbook counts dates from 1904 (``<workbookPr date1904="1">``), not 1900.
    date1904: bool = False


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
            if found_namespace == namespace:
                place = "не на своём месте"
            else:
                place = f"в пространстве имён {found_namespace}" if found_namespace else "без пространства имён"
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
    found = {}
    for kind, what in ((_SHARED_STRINGS_TYPE, "две таблицы общих строк"), (_STYLES_TYPE, "две таблицы стилей")):
        parts = [target for found_kind, target in targets.values() if found_kind == kind]
        if len(parts) > 1:
            raise _ambiguous(f"в {WORKBOOK_RELATIONSHIPS_PART} {what}")
        found[kind] = part_path(WORKBOOK_PART, parts[0]) if parts else None
    properties = workbook.find(tag(MAIN, "workbookPr"))
    date1904 = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
    return Structure(sheets, names, found[_SHARED_STRINGS_TYPE], found[_STYLES_TYPE], date1904)


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
        raise ValueError(f"не ссылка на ячейку: «{reference}»")
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
