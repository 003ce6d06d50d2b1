"""The values-only results sheet of a refreshed copy, added to the received file without re-saving it.

The copy is the received zip, part for part, plus one worksheet part
(``xl/worksheets/xl_addin_results.xml``) registered in ``workbook.xml``, its
relationships and ``[Content_Types].xml``; on a second refresh only that part is
replaced.  Nothing else of the user's file is parsed or rewritten, so inputs,
formulas, VBA, notes and formatting stay exactly as received.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

SHEET_NAME = "Результаты xl_addin"
PART = "xl/worksheets/xl_addin_results.xml"
_RELATIONSHIP_ID = "rIdXlAddinResults"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET_TYPE = f"{_RELATIONSHIPS}/worksheet"
_WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _cell(reference: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        text = escape(str(value))  # always a string cell: a text starting with "=" never becomes a formula
        return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'


def sheet_xml(rows: list[list[Any]]) -> str:
    """A worksheet part holding ``rows`` as plain values (strings inline, numbers as numbers)."""
    body = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{chr(ord('A') + column)}{number}", value) for column, value in enumerate(row))
        body.append(f'<row r="{number}">{cells}</row>')
    widths = '<cols><col min="1" max="1" width="28" customWidth="1"/><col min="2" max="2" width="70" customWidth="1"/><col min="3" max="4" width="16" customWidth="1"/></cols>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">{widths}<sheetData>{"".join(body)}</sheetData></worksheet>'


def _register(workbook_xml: str, relationships_xml: str, content_types_xml: str) -> tuple[str, str, str]:
    """Add our sheet to the workbook's list, relationships and content types (text insertions only)."""
    prefix_match = re.search(rf'xmlns:(\w+)="{re.escape(_RELATIONSHIPS)}"', workbook_xml)
    if prefix_match is None:
        workbook_xml = re.sub(
            r"<(\w+:)?workbook\b", lambda m: f'{m.group(0)} xmlns:r="{_RELATIONSHIPS}"', workbook_xml, count=1
        )
        prefix = "r"
    else:
        prefix = prefix_match.group(1)
    sheet_ids = [int(found) for found in re.findall(r'\bsheetId="(\d+)"', workbook_xml)]
    closing = re.search(r"</(\w+:)?sheets>", workbook_xml)
    if closing is None:
        raise ValueError("workbook.xml без списка листов")
    element = f"{closing.group(1) or ''}sheet"
    sheet = f'<{element} name={quoteattr(SHEET_NAME)} sheetId="{max(sheet_ids, default=0) + 1}" {prefix}:id="{_RELATIONSHIP_ID}"/>'
    workbook_xml = workbook_xml[: closing.start()] + sheet + workbook_xml[closing.start() :]
    relationship = f'<Relationship Id="{_RELATIONSHIP_ID}" Type="{_WORKSHEET_TYPE}" Target="/{PART}"/>'
    relationships_xml = relationships_xml.replace("</Relationships>", relationship + "</Relationships>", 1)
    override = f'<Override PartName="/{PART}" ContentType="{_WORKSHEET_CONTENT}"/>'
    content_types_xml = content_types_xml.replace("</Types>", override + "</Types>", 1)
    return workbook_xml, relationships_xml, content_types_xml


def write_copy_with_results(source: Path, target: Path, rows: list[list[Any]]) -> None:
    """Copy ``source`` to ``target`` (a temporary path) with the results sheet added or replaced."""
    with zipfile.ZipFile(source) as received, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        names = received.namelist()
        ours_already = PART in names
        registered: tuple[str, str, str] | None = None
        if not ours_already:
            registered = _register(
                received.read("xl/workbook.xml").decode("utf-8"),
                received.read("xl/_rels/workbook.xml.rels").decode("utf-8"),
                received.read("[Content_Types].xml").decode("utf-8"),
            )
        replaced = {"xl/workbook.xml": 0, "xl/_rels/workbook.xml.rels": 1, "[Content_Types].xml": 2}
        for info in received.infolist():
            if info.filename == PART:
                continue
            if registered is not None and info.filename in replaced:
                copy.writestr(info, registered[replaced[info.filename]].encode("utf-8"))
            else:
                copy.writestr(info, received.read(info))
        copy.writestr(PART, sheet_xml(rows).encode("utf-8"))
