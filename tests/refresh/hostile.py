"""Builders of hostile workbooks (issue 19): each takes a valid filled workbook and writes a copy with one attack.

XML parts are changed as elements (``tests.refresh.xml_edit``) wherever ElementTree can write the result;
what it cannot write (5,000 nested elements: its writer recurses) is spliced in as bytes at a position
found by parsing, never by replacing text.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring

from tests.refresh.xml_edit import MAIN, RELATIONSHIPS, edit_part, q, sheet_part

PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKSHEET_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_STRINGS_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
#: A namespace no spreadsheet program knows: an element in it is not SpreadsheetML, whatever its local name.
FOREIGN = "urn:xl-addin:hostile"


def read_parts(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """Every entry of the zip ``path`` with its (decompressed) bytes, in the archive's order."""
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_parts(target: Path, parts: list[tuple[zipfile.ZipInfo, bytes]]) -> None:
    """A zip of ``parts`` (each entry compressed as its ZipInfo says)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info, data)


def defined_cell(workbook: Path, name: str) -> tuple[str, str]:
    """(sheet title, first cell) of the defined name ``name`` of the workbook ``workbook`` (``'Ввод'!$D$3`` → Ввод, D3)."""
    with zipfile.ZipFile(workbook) as archive:
        root = fromstring(archive.read("xl/workbook.xml"))
    (text,) = [found.text or "" for found in root.iter(q("definedName")) if found.get("name") == name]
    match = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+)(?::\$[A-Z]+\$\d+)?", text)
    assert match is not None, text
    return match.group(1), f"{match.group(2)}{match.group(3)}"


def _cell(root: ElementTree.Element, reference: str) -> ElementTree.Element:
    (cell,) = [found for found in root.iter(q("c")) if found.get("r") == reference]
    return cell


def set_number(root: ElementTree.Element, reference: str, value: str) -> None:
    """Make the cell ``reference`` of a worksheet's root a plain number cell holding ``value`` (its text)."""
    cell = _cell(root, reference)
    for child in list(cell):
        cell.remove(child)
    cell.attrib.pop("t", None)
    ElementTree.SubElement(cell, q("v")).text = value


def nested(depth: int) -> tuple[bytes, bytes]:
    """The opening and closing tags of ``depth`` elements nested in one another (in a foreign namespace)."""
    opening = f'<h:n xmlns:h="{FOREIGN}">'.encode() + b"<h:n>" * (depth - 1)
    return opening, b"</h:n>" * depth


def _root_end(data: bytes) -> int:
    """Where the root element's closing tag starts (the part is parsed first: it must be whole)."""
    root = fromstring(data)
    closing = data.rindex(b"</")
    assert data[closing + 2 :].decode("utf-8").rstrip().rstrip(">").split(":")[-1] == root.tag.split("}")[-1]
    return closing


def with_nesting(source: Path, target: Path, part: str, depth: int = 5000) -> None:
    """A copy whose ``part`` holds ``depth`` nested elements of a foreign namespace before its root's end.

    In workbook.xml they sit in an ``extLst/ext`` (where the schema allows any element); in a rels
    part or [Content_Types].xml directly under the root.
    """
    parts = read_parts(source)
    edited = []
    for info, original in parts:
        data = original
        if info.filename == part:
            at = _root_end(data)
            opening, closing = nested(depth)
            if part == "xl/workbook.xml":
                prefix = _prefix(data, MAIN)
                opening = (
                    f'<{prefix}extLst><{prefix}ext uri="{{00000000-0000-0000-0000-000000000019}}">'.encode() + opening
                )
                closing += f"</{prefix}ext></{prefix}extLst>".encode()
            data = data[:at] + opening + closing + data[at:]
            fromstring(data)  # still well-formed
        edited.append((info, data))
    write_parts(target, edited)


def _prefix(data: bytes, namespace: str) -> str:
    """The prefix (``x:`` or empty) the root element of ``data`` uses for ``namespace``."""
    start = data.decode("utf-8")
    match = re.search(r"<(?:([\w.-]+):)?\w+[^>]*?xmlns(?::([\w.-]+))?=\"" + re.escape(namespace) + '"', start)
    assert match is not None
    return f"{match.group(2)}:" if match.group(2) else ""


def with_shared_string(source: Path, target: Path, sheet: str, reference: str, text: str) -> None:
    """A copy whose cell ``sheet``!``reference`` holds ``text`` as a shared string (a new sharedStrings.xml part).

    ``text`` goes into the XML as it is: ``_x0001_`` stays those seven characters, which a reader
    decodes to U+0001 (the OOXML escape of a character XML cannot carry).
    """
    worksheet = sheet_part(source, sheet)
    parts = read_parts(source)
    assert not any(info.filename == "xl/sharedStrings.xml" for info, _ in parts)
    edited = []
    for info, data in parts:
        root = fromstring(data) if info.filename.endswith((".xml", ".rels")) else None
        if info.filename == worksheet and root is not None:
            cell = _cell(root, reference)
            for child in list(cell):
                cell.remove(child)
            cell.set("t", "s")
            ElementTree.SubElement(cell, q("v")).text = "0"
        elif info.filename == "xl/_rels/workbook.xml.rels" and root is not None:
            ElementTree.SubElement(root, q("Relationship", PACKAGE_RELATIONSHIPS),
                                   {"Id": "rIdHostileStrings", "Type": SHARED_STRINGS_RELATIONSHIP,
                                    "Target": "sharedStrings.xml"})  # fmt: skip
        elif info.filename == "[Content_Types].xml" and root is not None:
            ElementTree.SubElement(root, q("Override", CONTENT_TYPES),
                                   {"PartName": "/xl/sharedStrings.xml", "ContentType": SHARED_STRINGS_TYPE})  # fmt: skip
        else:
            edited.append((info, data))
            continue
        edited.append((info, ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)))
    strings = ElementTree.Element(q("sst"), {"count": "1", "uniqueCount": "1"})
    ElementTree.SubElement(ElementTree.SubElement(strings, q("si")), q("t")).text = text
    info = zipfile.ZipInfo("xl/sharedStrings.xml", (2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    edited.append((info, ElementTree.tostring(strings, encoding="utf-8", xml_declaration=True)))
    write_parts(target, edited)


def with_second_sheet(
    source: Path,
    target: Path,
    *,
    title: str,
    name: str,
    value: str,
    first: bool,
    namespace: str = MAIN,
    far_cell: str | None = None,
) -> None:
    """A copy with a second ``<sheet>`` entry titled ``title`` (in ``namespace``), first or last in ``<sheets>``.

    It points to a new part: a copy of the sheet ``title`` whose cell of the defined name ``name``
    holds the number ``value`` (the workbook's names still point to ``title``, ambiguous now) and,
    with ``far_cell``, one more number cell there (see ``with_far_cell``).
    """
    original = sheet_part(source, title)
    _, reference = defined_cell(source, name)
    decoy = "xl/worksheets/sheet_hostile.xml"
    parts = read_parts(source)
    edited = []
    for info, data_in in parts:
        data = data_in
        if info.filename == original:
            copy = fromstring(data)
            set_number(copy, reference, value)
            if far_cell is not None:
                _add_far_cell(copy, far_cell)
            decoy_info = zipfile.ZipInfo(decoy, info.date_time)
            decoy_info.compress_type = zipfile.ZIP_DEFLATED
            edited.append((decoy_info, ElementTree.tostring(copy, encoding="utf-8", xml_declaration=True)))
        if info.filename in {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}:
            root = fromstring(data)
            if info.filename == "xl/workbook.xml":
                sheets = next(root.iter(q("sheets")))
                ids = [int(found.get("sheetId", "0")) for found in sheets]
                entry = ElementTree.Element(q("sheet", namespace), {"name": title, "sheetId": str(max(ids) + 1),
                                                                    q("id", RELATIONSHIPS): "rIdHostileSheet"})  # fmt: skip
                sheets.insert(0 if first else len(sheets), entry)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                ElementTree.SubElement(root, q("Relationship", PACKAGE_RELATIONSHIPS),
                                       {"Id": "rIdHostileSheet", "Type": WORKSHEET_RELATIONSHIP,
                                        "Target": "/" + decoy})  # fmt: skip
            else:
                ElementTree.SubElement(root, q("Override", CONTENT_TYPES),
                                       {"PartName": "/" + decoy, "ContentType": WORKSHEET_TYPE})  # fmt: skip
            data = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
        edited.append((info, data))
    write_parts(target, edited)


def with_cell_number(source: Path, target: Path, name: str, value: str) -> None:
    """A copy whose cell of the defined name ``name`` holds the number written as ``value`` (e.g. ``1.7E+308``)."""
    sheet, reference = defined_cell(source, name)
    edit_part(source, target, sheet_part(source, sheet), lambda root: set_number(root, reference, value))


# --- a real legacy .xls: a Compound File (CFB, [MS-CFB]) with a "Workbook" stream holding a BIFF8 BOF and EOF ---

_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512
_STREAM_SECTORS = 8  # 4,096 bytes: the mini-stream cutoff, so the stream lives in ordinary sectors


def _directory_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1 if name else 0)  # name length, object type, colour (black)
        + struct.pack("<III", _NO_STREAM, _NO_STREAM, child)  # left sibling, right sibling, child
        + b"\0" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def legacy_xls() -> bytes:
    """The bytes of a minimal Excel 97–2003 workbook: a version-3 CFB with a single "Workbook" stream.

    Sector 0 is the FAT, sector 1 the directory (Root Entry → Workbook), sectors 2–9 the stream: a
    BIFF8 BOF record (0x0809: version 0x0600, workbook globals 0x0005) and an EOF record (0x000A).
    Not encrypted: there is no EncryptionInfo / EncryptedPackage stream, as a password-protected
    .xlsx would have.
    """
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)  # minor, major version 3, byte order, 512 B, 64 B
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0)
        + struct.pack("<I", 0)  # DIFAT[0]: the FAT is sector 0
        + struct.pack("<I", _FREE) * 108
    )
    assert len(header) == _SECTOR
    chain = [_FAT_SECTOR, _END_OF_CHAIN] + [2 + index + 1 for index in range(_STREAM_SECTORS - 1)] + [_END_OF_CHAIN]
    fat = struct.pack(f"<{_SECTOR // 4}I", *(chain + [_FREE] * (_SECTOR // 4 - len(chain))))
    directory = (
        _directory_entry("Root Entry", 5, 1, _END_OF_CHAIN, 0)
        + _directory_entry("Workbook", 2, _NO_STREAM, 2, _STREAM_SECTORS * _SECTOR)
        + _directory_entry("", 0, _NO_STREAM, 0, 0) * 2
    )
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    eof = struct.pack("<HH", 0x000A, 0)
    stream = (bof + eof).ljust(_STREAM_SECTORS * _SECTOR, b"\0")
    return header + fat + directory + stream


def _add_far_cell(root: ElementTree.Element, reference: str) -> None:
    data = next(root.iter(q("sheetData")))
    row = ElementTree.SubElement(data, q("row"), {"r": re.sub(r"[A-Z]", "", reference)})
    ElementTree.SubElement(ElementTree.SubElement(row, q("c"), {"r": reference}), q("v")).text = "1"
    for dimension in root.iter(q("dimension")):
        dimension.set("ref", f"A1:{reference}")


def with_far_cell(source: Path, target: Path, sheet: str, reference: str = "XFD1048576") -> None:
    """A copy whose sheet ``sheet`` has one more number cell, at ``reference`` (its row the sheet's last).

    One cell: far from the template, yet nowhere near any limit of cells; a reader that allocates the
    rectangle from A1 to the last cell needs 17 billion of them.
    """
    edit_part(source, target, sheet_part(source, sheet), lambda root: _add_far_cell(root, reference))
