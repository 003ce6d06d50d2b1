"""The values-only results sheet of a refreshed copy, added to the received file without re-saving it.

The copy is the received zip, part for part (copied compressed, :mod:`zipcopy`),
plus one worksheet part (:data:`PART`), registered where OOXML registers a sheet:
a ``<sheet>`` in ``xl/workbook.xml``'s ``<sheets>``, a worksheet relationship in
``xl/_rels/workbook.xml.rels`` and an ``<Override>`` in ``[Content_Types].xml``.
Those three parts are parsed through defusedxml and written back from their
element trees with the namespace prefixes they came with (an ``mc:Ignorable``
list names prefixes, so they must not change); whatever prefix or attribute order
a producer used, the sheet is either registered or the copy fails loudly, never
silently left out.  On a second refresh only the sheet's part is replaced.
Nothing else of the user's file is parsed or rewritten: inputs, formulas, VBA,
notes and formatting stay exactly as received.
"""

from __future__ import annotations

import functools
import io
import math
import re
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, SubElement

from defusedxml.ElementTree import iterparse

from xl_addin import zipcopy
from xl_addin.consolidation.ooxml import (
    CONTENT_TYPES,
    CONTENT_TYPES_PART,
    MAIN,
    OFFICE_RELATIONSHIPS,
    PACKAGE_RELATIONSHIPS,
    WORKBOOK_PART,
    WORKBOOK_RELATIONSHIPS_PART,
    column_letters,
    part_path,
    tag,
)

if TYPE_CHECKING:  # the reading's record of a file; the reading does not import this module either
    from xl_addin.consolidation.reading import Received

SHEET_NAME = "Результаты xl_addin"
PART = "xl/worksheets/xl_addin_results.xml"
_RELATIONSHIP_ID = "rIdXlAddinResults"
_WORKSHEET_TYPE = f"{OFFICE_RELATIONSHIPS}/worksheet"
_WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
#: Prefixes to use for a namespace a part did not declare (the ones Excel uses).
_USUAL_PREFIX = {OFFICE_RELATIONSHIPS: "r"}
_LETTERS = [column_letters(column) for column in range(1, 27)]  # the results sheet has four


def _cell(reference: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return _text_cell(reference, str(value))  # an infinity or NaN is no number a cell can hold: shown as text
    return f'<c r="{reference}"><v>{value}</v></c>'


@functools.lru_cache(maxsize=1024)
def _text_cell(reference: str, text: str) -> str:
    """A string cell (the names and labels of the sheet recur in every file: made once)."""
    escaped = _escaped(ooxml_escape(text))  # always a string cell: a text starting with "=" never becomes a formula
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


#: What XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return; lone surrogates, such as a file
#: name's undecodable bytes; U+FFFE and U+FFFF), and an underscore that begins an ``_xHHHH_``-looking text (with
#: one to four digits: LibreOffice decodes ``_x12_`` too).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{1,4}_)")


def _escape_one(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def ooxml_escape(text: str) -> str:
    r"""``text`` as an OOXML string holds it: each character XML cannot hold as ``_xHHHH_`` (its UTF-16 code),
    and the underscore of a literal ``_xHHHH_`` as ``_x005F_``, so that Excel, LibreOffice and openpyxl read back
    exactly ``text``.

    >>> ooxml_escape("Регион\x01"), ooxml_escape("_x0001_"), ooxml_escape("a\tb_x"), ooxml_escape("\udcff.xlsx")
    ('Регион_x0001_', '_x005F_x0001_', 'a\tb_x', '_xDCFF_.xlsx')
    """
    return _UNWRITABLE.sub(_escape_one, text)


def sheet_xml(rows: list[list[Any]]) -> str:
    """A worksheet part holding ``rows`` as plain values (strings inline, numbers as numbers).

    >>> sheet_xml([["out_x", "Икс", 5, None]]).split("<sheetData>")[1]
    '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">out_x</t></is></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">Икс</t></is></c><c r="C1"><v>5</v></c></row></sheetData></worksheet>'
    """
    body = []
    for number, row in enumerate(rows, start=1):
        if len(row) >= 2 and type(row[0]) is str and type(row[1]) is str:  # a name and its label: made once
            start, first = _labelled_row(number, row[0], row[1]), 2
        else:
            start, first = f'<row r="{number}">', 0
        cells = "".join(_cell(_reference(column, number), row[column]) for column in range(first, len(row)))
        body.append(f"{start}{cells}</row>")
    widths = '<cols><col min="1" max="1" width="28" customWidth="1"/><col min="2" max="2" width="70" customWidth="1"/><col min="3" max="4" width="16" customWidth="1"/></cols>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">{widths}<sheetData>{"".join(body)}</sheetData></worksheet>'


@functools.lru_cache(maxsize=4096)
def _reference(column: int, number: int) -> str:
    """``C7`` of column 2 (from 0) and row 7."""
    return f"{_LETTERS[column] if column < len(_LETTERS) else column_letters(column + 1)}{number}"


@functools.lru_cache(maxsize=1024)
def _labelled_row(number: int, name: str, label: str) -> str:
    """A row's start tag and its first two cells (a result's name and label recur in every file)."""
    return f'<row r="{number}">{_cell(_reference(0, number), name)}{_cell(_reference(1, number), label)}'


class Part:
    """An XML part as an element tree, with the namespace declarations it was written with."""

    def __init__(self, data: bytes) -> None:
        self.declarations: list[tuple[str, str]] = []
        events = iterparse(io.BytesIO(data), events=("start-ns",))
        for _, declaration in events:
            self.declarations.append(declaration)
        self.root: Element = events.root  # type: ignore[attr-defined]
        self.changed = False

    def to_bytes(self) -> bytes:
        """The part written back: every namespace declared on the root element under its original prefix."""
        prefixes: dict[str, str] = {}
        for prefix, uri in self.declarations:
            prefixes.setdefault(uri, prefix)
        declared = [(prefix, uri) for uri, prefix in prefixes.items()]
        writer = _Writer(prefixes)
        body = writer.element(self.root)
        declarations = "".join(
            f" xmlns{':' + prefix if prefix else ''}={_quoted(uri)}" for prefix, uri in [*declared, *writer.added]
        )
        head, separator, rest = body.partition(">")
        if head.endswith("/"):
            head, separator = head[:-1], "/>"
        text = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{head}{declarations}{separator}{rest}'
        return text.encode("utf-8")


class _Writer:
    """Element tree → XML text with fixed prefixes (ElementTree's own writer renames them ns0, ns1 …)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = prefixes
        self.added: list[tuple[str, str]] = []

    def _name(self, name: str, attribute: bool) -> str:
        if not name.startswith("{"):
            if not attribute and "" in self.prefixes.values():
                raise ValueError(f"элемент {name} без пространства имён внутри пространства по умолчанию")
            return name
        uri, local = name[1:].split("}", 1)
        if uri == _XML_NAMESPACE:
            return f"xml:{local}"
        prefix = self.prefixes.get(uri)
        if prefix is None or (attribute and not prefix):
            taken = set(self.prefixes.values()) | {p for p, _ in self.added}
            prefix = _USUAL_PREFIX.get(uri, "ns0")
            number = 0
            while prefix in taken:
                number += 1
                prefix = f"ns{number}"
            self.prefixes[uri] = prefix
            self.added.append((prefix, uri))
        return f"{prefix}:{local}" if prefix else local

    def element(self, root: Element) -> str:
        """``root`` and everything in it as XML text; without recursion, so that no depth of nesting a part
        parsed with can stop it from being written back."""
        out: list[str] = []
        # each entry: an element to open (name None) or the end tag of one opened (its name)
        stack: list[tuple[Element, str | None]] = [(root, None)]
        while stack:
            element, closing = stack.pop()
            tail = _escaped(element.tail or "") if element is not root else ""
            if closing is not None:
                out.append(f"</{closing}>{tail}")
                continue
            name = self._name(element.tag, attribute=False)
            attributes = "".join(
                f" {self._name(key, attribute=True)}={_quoted(value)}" for key, value in element.items()
            )
            text, children = _escaped(element.text or ""), list(element)
            if not text and not children:
                out.append(f"<{name}{attributes}/>{tail}")
                continue
            out.append(f"<{name}{attributes}>{text}")
            stack.append((element, name))
            stack.extend((child, None) for child in reversed(children))
        return "".join(out)


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


def _escaped(text: str) -> str:
    return text.translate(_TEXT)


def _quoted(value: str) -> str:
    return f'"{value.translate(_ATTRIBUTE)}"'


def register(workbook: Part, relationships: Part, content_types: Part) -> None:
    """Make sure the results sheet is in the sheet list, the relationships and the content types.

    Raises ValueError when workbook.xml has no ``<sheets>`` (not a workbook this can add to).
    """
    relationship = next(
        (
            found.get("Id", "")
            for found in relationships.root.iter(tag(PACKAGE_RELATIONSHIPS, "Relationship"))
            if found.get("Type") == _WORKSHEET_TYPE and part_path(WORKBOOK_PART, found.get("Target", "")) == PART
        ),
        None,
    )
    if relationship is None:
        ids = {found.get("Id") for found in relationships.root.iter(tag(PACKAGE_RELATIONSHIPS, "Relationship"))}
        relationship = _unused(_RELATIONSHIP_ID, ids, "{}{}")
        SubElement(relationships.root, tag(PACKAGE_RELATIONSHIPS, "Relationship"),
                   {"Id": relationship, "Type": _WORKSHEET_TYPE, "Target": "/" + PART})  # fmt: skip
        relationships.changed = True
    sheets = workbook.root.find(tag(MAIN, "sheets"))
    if sheets is None:
        raise ValueError("в workbook.xml нет списка листов (sheets): лист результатов не добавить")
    listed = list(sheets.iter(tag(MAIN, "sheet")))
    if not any(sheet.get(tag(OFFICE_RELATIONSHIPS, "id")) == relationship for sheet in listed):
        numbers = [int(sheet.get("sheetId", "0")) for sheet in listed if sheet.get("sheetId", "").isdigit()]
        names = {sheet.get("name", "").casefold() for sheet in listed}
        name = _unused(SHEET_NAME, names, "{} ({})", casefold=True)
        SubElement(sheets, tag(MAIN, "sheet"),
                   {"name": name, "sheetId": str(max(numbers, default=0) + 1), tag(OFFICE_RELATIONSHIPS, "id"): relationship})  # fmt: skip
        workbook.changed = True
    overrides = list(content_types.root.iter(tag(CONTENT_TYPES, "Override")))
    override = next((found for found in overrides if found.get("PartName", "").lstrip("/") == PART), None)
    if override is None:
        SubElement(content_types.root, tag(CONTENT_TYPES, "Override"),
                   {"PartName": "/" + PART, "ContentType": _WORKSHEET_CONTENT})  # fmt: skip
        content_types.changed = True
    elif override.get("ContentType") != _WORKSHEET_CONTENT:
        override.set("ContentType", _WORKSHEET_CONTENT)
        content_types.changed = True


def _unused(wanted: str, taken: set[Any], pattern: str, *, casefold: bool = False) -> str:
    """``wanted``, or ``pattern.format(wanted, n)`` for the first n ≥ 2 not in ``taken``."""
    candidate, number = wanted, 1
    while (candidate.casefold() if casefold else candidate) in taken:
        number += 1
        candidate = pattern.format(wanted, number)
    return candidate


@functools.lru_cache(maxsize=16)
def registered(
    workbook_part: bytes, relationships_part: bytes, content_types_part: bytes
) -> dict[str, zipcopy.Deflated]:
    """The parts :func:`register` changed, written back and deflated (part name → CRC, bytes, size).

    Shared by equal inputs (every file made from one template): do not change it.
    """
    parts = {
        WORKBOOK_PART: Part(workbook_part),
        WORKBOOK_RELATIONSHIPS_PART: Part(relationships_part),
        CONTENT_TYPES_PART: Part(content_types_part),
    }
    register(parts[WORKBOOK_PART], parts[WORKBOOK_RELATIONSHIPS_PART], parts[CONTENT_TYPES_PART])
    return {name: zipcopy.deflate(part.to_bytes()) for name, part in parts.items() if part.changed}


def write_copy_with_results(
    source: Path, target: Path, rows: list[list[Any]], received: Received | None = None
) -> None:
    """Copy ``source`` to ``target`` (a temporary path) with the results sheet added or replaced.

    ``received``: the file as the reading read it (its bytes, its parts, workbook.xml and its relationships
    unpacked): the copy is made from them, without reading the file again."""
    if received is None:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
        data = source.read_bytes()
        whole: dict[str, bytes] = {}
    else:
        data, infos, whole = received.data, received.infos, received.whole
    source_file = io.BytesIO(data)
    by_name = {info.filename: info for info in infos}
    # by their exact names, as the copy replaces them (the reading finds a part whatever the case of its name)
    parts = [
        (whole.get(name) if name in by_name else None) or _unpacked(source_file, by_name, name) for name in _REGISTERING
    ]
    replaced = dict(registered(*parts))
    replaced[PART] = zipcopy.deflate(sheet_xml(rows).encode("utf-8"))
    out = io.BytesIO()
    copy = zipcopy.ZipCopy(out)
    for info in infos:
        if info.filename in replaced:
            copy.add_deflated(info.filename, replaced.pop(info.filename), like=info)
        else:
            copy.copy_raw(source_file, info)
    for name, deflated in replaced.items():
        copy.add_deflated(name, deflated)
    copy.finish()
    with target.open("wb") as written:
        written.write(out.getbuffer())


#: The parts that register the results sheet (:func:`register`), in :func:`registered`'s order.
_REGISTERING = (WORKBOOK_PART, WORKBOOK_RELATIONSHIPS_PART, CONTENT_TYPES_PART)


def _unpacked(source_file: io.BytesIO, infos: dict[str, zipfile.ZipInfo], name: str) -> bytes:
    """The part ``name`` unpacked, its size and CRC-32 checked (KeyError when the zip has no such part, BadZipFile
    when it is damaged: the copy is then not written, with the reason)."""
    info = infos[name]
    packed = b"".join(zipcopy.compressed_chunks(source_file, info))
    try:
        data = packed if info.compress_type == zipfile.ZIP_STORED else zlib.decompress(packed, -15)
    except zlib.error as error:
        raise zipfile.BadZipFile(f"часть {name} не распаковывается") from error
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        raise zipfile.BadZipFile(f"часть {name} повреждена (размер или контрольная сумма не сходятся)")
    return data
