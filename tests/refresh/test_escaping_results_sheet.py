"""Every text the refreshed copy's results sheet holds is written so that the copy parses and reads back as it
was (issue 19, §3): a control character, a lone surrogate of an undecodable file name, a literal ``_xHHHH_``; and
the three parts the sheet is registered in are written back however deeply a producer nested them."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from xml.parsers import expat

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook

from tests.refresh.xml_edit import MAIN, RELATIONSHIPS
from tests.workbook.libreoffice import recalculate
from xl_addin.consolidation.results_sheet import (
    PART,
    SHEET_NAME,
    Part,
    ooxml_escape,
    sheet_xml,
    write_copy_with_results,
)
from xl_addin.workbook.writer import Region, write_workbook

#: A text → how the OOXML string holds it, worked out from the rule (``_x`` + the UTF-16 code in 4 hex digits + ``_``).
ESCAPES = [
    ("Алтай", "Алтай"),
    ("Регион\x01", "Регион_x0001_"),
    ("\x00\x08\x0b\x0c\x0e\x1f", "_x0000__x0008__x000B__x000C__x000E__x001F_"),
    ("a\tb\nc\rd", "a\tb\nc\rd"),  # the three controls XML holds stay as they are
    ("_x0001_", "_x005F_x0001_"),  # a literal escape's underscore escaped: it reads back as typed
    ("_xABCD_ and _xabcd_", "_x005F_xABCD_ and _x005F_xabcd_"),
    ("_x12_ _xGHIJ_ x0001_", "_x005F_x12_ _xGHIJ_ x0001_"),  # LibreOffice decodes 1 to 4 digits: escaped too
    ("\udcc3\udca9.xlsx", "_xDCC3__xDCA9_.xlsx"),  # a file name's undecodable bytes (surrogateescape)
    ("\ufffe\uffff", "_xFFFE__xFFFF_"),
    ("=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"),
]


@pytest.mark.parametrize(("text", "escaped"), ESCAPES)
def test_a_text_is_escaped_the_ooxml_way(text: str, escaped: str) -> None:
    assert ooxml_escape(text) == escaped


def _decoded(text: str) -> str:
    """An OOXML string as Excel reads it (ECMA-376, ST_Xstring): each ``_xHHHH_`` is the character of that code,
    left to right (``_x005F_`` is an underscore); written here from the standard, not by the code under test."""
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), text)


def _parses(data: bytes) -> None:
    """A strict XML 1.0 parse (expat, as Excel's and LibreOffice's readers are strict): raises on any fault."""
    expat.ParserCreate().Parse(data, True)


HOSTILE_ROWS = [[text, f"строка {number}", number, None] for number, (text, _) in enumerate(ESCAPES, start=1)]


def test_the_results_sheet_parses_and_reads_back_every_text() -> None:
    data = sheet_xml(HOSTILE_ROWS).encode("utf-8")
    _parses(data)
    assert b"<f>" not in data  # a text starting with "=" is a string, never a formula


@pytest.fixture(scope="module")
def hostile_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("escaping")
    blank = work / "blank.xlsx"
    write_workbook(blank, Region("Алтай"))
    rows = [*HOSTILE_ROWS, *([f"ряд {number}", "ok", number, 1.5] for number in range(1, 71))]
    copy = work / "copy.xlsx"
    write_copy_with_results(blank, copy, rows)
    return copy


def test_every_part_of_the_copy_parses_and_openpyxl_reads_every_text_back(hostile_copy: Path) -> None:
    with zipfile.ZipFile(hostile_copy) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                _parses(archive.read(name))
    values = list(load_workbook(hostile_copy)[SHEET_NAME].iter_rows(values_only=True))
    assert len(values) == len(ESCAPES) + 70
    # openpyxl gives an inline string as written; decoded as Excel does, each is the text it was
    assert [_decoded(str(row[0])) for row in values[: len(ESCAPES)]] == [text for text, _ in ESCAPES]


def test_libreoffice_shows_every_row_of_the_copy(hostile_copy: Path, tmp_path: Path) -> None:
    staged = tmp_path / "hostile.xlsx"
    shutil.copy(hostile_copy, staged)
    (recalculated,) = recalculate([staged], tmp_path)
    rows = list(load_workbook(recalculated, data_only=True)[SHEET_NAME].iter_rows(values_only=True))
    assert len(rows) == len(ESCAPES) + 70
    assert [row[2] for row in rows] == [*range(1, len(ESCAPES) + 1), *range(1, 71)]
    shown = _libreoffice_texts(recalculated)
    for number, (text, _) in enumerate(ESCAPES):
        if not re.search("[\ud800-\udfff\r]", text):  # no lone surrogate in LibreOffice's UTF-16; CR read as LF
            assert shown[number] == text, number


def _libreoffice_texts(book: Path) -> list[str]:
    """Column A of the results sheet in a file LibreOffice saved, decoded from its raw XML (shared strings)."""
    with zipfile.ZipFile(book) as archive:
        workbook = fromstring(archive.read("xl/workbook.xml"))
        (sheet,) = [found for found in workbook.iter(f"{{{MAIN}}}sheet") if found.get("name") == SHEET_NAME]
        relationship = sheet.get(f"{{{RELATIONSHIPS}}}id")
        relationships = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        (target,) = [found.get("Target") for found in relationships if found.get("Id") == relationship]
        strings = [
            "".join(t.text or "" for t in item.iter(f"{{{MAIN}}}t"))
            for item in fromstring(archive.read("xl/sharedStrings.xml"))
        ]
        part = fromstring(archive.read("xl/" + str(target).removeprefix("/xl/")))
    column_a = [cell for cell in part.iter(f"{{{MAIN}}}c") if re.fullmatch("A[0-9]+", cell.get("r", ""))]
    return [_decoded(strings[int(cell.findtext(f"{{{MAIN}}}v", ""))]) for cell in column_a]


DEPTH = 5000


def _nested(part: bytes, closing: bytes) -> bytes:
    """``part`` with 5,000 nested elements of a foreign namespace before its root's end tag ``closing``."""
    nest = b'<t:a xmlns:t="urn:xl-addin:test">' + b"<t:a>" * (DEPTH - 1) + b"deep" + b"</t:a>" * DEPTH
    head, found, tail = part.rpartition(closing)
    assert found
    return head + nest + closing + tail


def _depth(data: bytes) -> int:
    deepest, depth = 0, 0

    def start(*_: object) -> None:
        nonlocal deepest, depth
        depth += 1
        deepest = max(deepest, depth)

    def end(*_: object) -> None:
        nonlocal depth
        depth -= 1

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.Parse(data, True)
    return deepest


@pytest.mark.parametrize(
    ("part", "closing", "registered"),
    [
        ("xl/workbook.xml", b"</workbook>", SHEET_NAME.encode()),
        ("xl/_rels/workbook.xml.rels", b"</Relationships>", PART.encode()),
        ("[Content_Types].xml", b"</Types>", PART.encode()),
    ],
)
def test_a_deeply_nested_part_is_written_back_whole(
    tmp_path: Path, part: str, closing: bytes, registered: bytes
) -> None:
    blank = tmp_path / "blank.xlsx"
    write_workbook(blank, Region("Алтай"))
    received = tmp_path / "received.xlsx"
    with zipfile.ZipFile(blank) as original, zipfile.ZipFile(received, "w", zipfile.ZIP_DEFLATED) as edited:
        for info in original.infolist():
            data = original.read(info)
            edited.writestr(info, _nested(data, closing) if info.filename == part else data)
    copy = tmp_path / "copy.xlsx"
    write_copy_with_results(received, copy, [["out_elisa_volume", "ИФА", 1200, None]])
    with zipfile.ZipFile(copy) as archive:
        written = archive.read(part)
        assert PART in archive.namelist()
    # the sheet is registered, and the nest is all there: root + 5,000 levels, its text kept
    assert _depth(written) == DEPTH + 1 and b">deep</t:a>" in written and registered in written
    with zipfile.ZipFile(copy) as archive:
        assert b"<v>1200</v>" in archive.read(PART)


def test_writing_a_part_back_needs_no_recursion() -> None:
    part = Part(b'<r xmlns="urn:x">' + b"<a>" * 20000 + b"</a>" * 20000 + b"</r>")
    assert _depth(part.to_bytes()) == 20001
