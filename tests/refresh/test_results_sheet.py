"""The results sheet is added through OOXML's own bookkeeping (sheet list, workbook relationships, content
types), whatever prefixes and attribute order the received file uses, and every refreshed copy opens in
openpyxl and in LibreOffice with the sheet there (issue 11, §2)."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook

from tests.refresh.test_refresh_cli import clean_inputs
from tests.refresh.xml_edit import MAIN, RELATIONSHIPS, edit_part, q
from tests.workbook.filling import fill, read_name
from tests.workbook.libreoffice import recalculate
from xl_addin.consolidation import run
from xl_addin.consolidation.results_sheet import PART, SHEET_NAME, Part, register
from xl_addin.workbook.writer import Region, write_workbook

PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
EXCEL_WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr"
 xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"
 xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><sheets><sheet name="Ввод" sheetId="4" r:id="rId1"/></sheets><definedNames><definedName name="in_x">'Ввод'!$D$7</definedName></definedNames></workbook>"""
PREFIXED_WORKBOOK = f"""<x:workbook xmlns:x="{MAIN}" xmlns:rel="{RELATIONSHIPS}"><x:sheets>
<x:sheet rel:id="rId1" sheetId="1" name="A"/><x:sheet state="hidden" rel:id="rId2" name="B" sheetId="7"/></x:sheets></x:workbook>"""
RELATIONSHIPS_PART = f"""<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""
PREFIXED_RELATIONSHIPS = f"""<p:Relationships xmlns:p="{PACKAGE}"><p:Relationship Target="worksheets/sheet1.xml" Id="rId1" Type="{RELATIONSHIPS}/worksheet"/></p:Relationships>"""
CONTENT_TYPES_PART = f"""<Types xmlns="{TYPES}"><Default Extension="xml" ContentType="application/xml"/></Types>"""


def _registered(workbook: str, relationships: str = RELATIONSHIPS_PART) -> tuple[Part, Part, Part]:
    parts = Part(workbook.encode()), Part(relationships.encode()), Part(CONTENT_TYPES_PART.encode())
    register(*parts)
    return parts


@pytest.mark.parametrize(
    ("workbook", "relationships"), [(EXCEL_WORKBOOK, RELATIONSHIPS_PART), (PREFIXED_WORKBOOK, PREFIXED_RELATIONSHIPS)]
)
def test_the_sheet_is_registered_in_all_three_parts_whatever_the_prefixes(workbook: str, relationships: str) -> None:
    book, rels, types = (fromstring(part.to_bytes()) for part in _registered(workbook, relationships))
    sheets = list(book.iter(q("sheet")))
    added = sheets[-1]
    assert added.get("name") == SHEET_NAME
    assert added.get("sheetId") == str(max(int(sheet.get("sheetId", "0")) for sheet in sheets[:-1]) + 1)
    (relationship,) = [
        found
        for found in rels.iter(f"{{{PACKAGE}}}Relationship")
        if found.get("Id") == added.get(q("id", RELATIONSHIPS))
    ]
    assert relationship.get("Type") == f"{RELATIONSHIPS}/worksheet" and relationship.get("Target") == f"/{PART}"
    (override,) = list(types.iter(f"{{{TYPES}}}Override"))
    assert (override.get("PartName"), override.get("ContentType")) == (f"/{PART}", WORKSHEET)


def test_prefixes_and_declarations_are_kept() -> None:
    excel = _registered(EXCEL_WORKBOOK)[0].to_bytes().decode()
    # mc:Ignorable names prefixes: each must stay declared under the same name, used or not
    for declaration in ('xmlns:mc="', 'xmlns:x15="', 'xmlns:xr="', 'mc:Ignorable="x15 xr"', f'xmlns="{MAIN}"'):
        assert declaration in excel
    assert f'<sheet name="{SHEET_NAME}" sheetId="5" r:id="rIdXlAddinResults"/>' in excel
    prefixed = _registered(PREFIXED_WORKBOOK, PREFIXED_RELATIONSHIPS)[0].to_bytes().decode()
    assert f'<x:sheet name="{SHEET_NAME}" sheetId="8" rel:id="rIdXlAddinResults"/>' in prefixed
    assert '<x:sheet state="hidden" rel:id="rId2" name="B" sheetId="7"/>' in prefixed  # attribute order kept


def test_registering_twice_changes_nothing_and_a_workbook_without_sheets_is_refused() -> None:
    parts = _registered(EXCEL_WORKBOOK)
    again = tuple(Part(part.to_bytes()) for part in parts)
    register(*again)
    assert not any(part.changed for part in again)
    with pytest.raises(ValueError, match="нет списка листов"):
        _registered(f'<workbook xmlns="{MAIN}"><definedNames/></workbook>')


def _reordered_and_prefixed(root: ElementTree.Element) -> None:
    """workbook.xml as another producer might write it: other prefixes (ElementTree's) and attribute order."""
    for sheet in root.iter(q("sheet")):
        attributes = list(sheet.attrib.items())
        sheet.attrib.clear()
        sheet.attrib.update(reversed(attributes))


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("results")
    received = work / "in"
    received.mkdir()
    for number, (region, lang) in enumerate([("Алтай", "ru"), ("Тыва", "en"), ("Коми", "ru")], start=1):
        blank = work / f"blank{number}.xlsx"
        write_workbook(blank, Region(region), lang=lang)
        fill(blank, received / f"{number}_{region}.xlsx", clean_inputs(1000 * number))
    edit_part(received / "3_Коми.xlsx", received / "4_prefixed.xlsx", "xl/workbook.xml", _reordered_and_prefixed)
    (received / "3_Коми.xlsx").unlink()
    summary = run.refresh(received, work / "out", [], jobs=2)
    assert summary.received == 3
    return work / "out"


def test_every_refreshed_copy_opens_in_openpyxl_and_libreoffice_with_its_results_sheet(
    refreshed: Path, tmp_path: Path
) -> None:
    copies = sorted(path for path in refreshed.glob("*.xlsx") if not path.name.startswith("national"))
    assert [path.name for path in copies] == ["1_Алтай.xlsx", "2_Тыва.xlsx", "4_prefixed.xlsx"]
    staged = []
    for number, copy in enumerate(copies):
        book = load_workbook(copy)
        assert book.sheetnames[-1] == SHEET_NAME, copy.name
        results = {row[0]: row[2] for row in book[SHEET_NAME].iter_rows(values_only=True) if row and row[0]}
        assert results["out_elisa_volume"] == 1200 * (1, 2, 3)[number] and results["chk_all"] == "OK", copy.name
        staged.append(tmp_path / f"copy{number}.xlsx")
        shutil.copy(copy, staged[-1])
    for copy, recalculated in zip(copies, recalculate(staged, tmp_path), strict=True):
        book = load_workbook(recalculated, data_only=True)
        assert SHEET_NAME in book.sheetnames, copy.name
        results = {row[0]: row[2] for row in book[SHEET_NAME].iter_rows(values_only=True) if row and row[0]}
        assert read_name(book, "out_elisa_volume") == results["out_elisa_volume"], copy.name
        assert read_name(book, "chk_all") == results["chk_all"] == "OK", copy.name
