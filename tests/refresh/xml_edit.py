"""Editing one XML part of a workbook for the tests: parsed, changed as elements, written back (never str.replace)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def q(name: str, namespace: str = MAIN) -> str:
    """ElementTree's ``{namespace}name``."""
    return f"{{{namespace}}}{name}"


def edit_part(source: Path, target: Path, part: str, edit: Callable[[ElementTree.Element], None]) -> None:
    """Copy the workbook ``source`` to ``target`` with ``part`` parsed, changed by ``edit`` and written back.

    ElementTree writes its own prefixes (``ns0:``, ``ns1:``), so an edited part also differs from
    what openpyxl or Excel write in its namespace prefixes.
    """
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == part:
                root = fromstring(data)
                edit(root)
                data = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
            copy.writestr(info, data)


def move_name(name: str, reference: str) -> Callable[[ElementTree.Element], None]:
    """An edit of workbook.xml that points the defined name ``name`` at ``reference``."""

    def edit(root: ElementTree.Element) -> None:
        (defined,) = [found for found in root.iter(q("definedName")) if found.get("name") == name]
        defined.text = reference

    return edit


def sheet_part(workbook: Path, title: str) -> str:
    """The zip name of the worksheet part of the sheet ``title``."""
    with zipfile.ZipFile(workbook) as archive:
        root = fromstring(archive.read("xl/workbook.xml"))
        relationships = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    (sheet,) = [found for found in root.iter(q("sheet")) if found.get("name") == title]
    targets = {found.get("Id"): found.get("Target", "") for found in relationships}
    target = targets[sheet.get(q("id", RELATIONSHIPS))]
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
