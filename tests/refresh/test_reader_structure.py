"""One reader, one truth (issue 19, §2): the sheets and names are taken by one rule, and a workbook whose sheet list
is ambiguous is refused with a Russian reason, before any of its sheets is read.

The attack: a second «Ввод» entry placed before the real one, pointing to a copy of the sheet whose D7 holds
1 199 999.  The old pass kept the last «Ввод» of the main namespace, calamine the first of any namespace: the totals
held a number no spreadsheet showed, or calamine gridded a 2,000,000-cell sheet the pass never measured.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from defusedxml.ElementTree import fromstring

from tests.refresh.test_refresh_cli import clean_inputs
from tests.refresh.xml_edit import RELATIONSHIPS, q, sheet_part
from tests.workbook.filling import fill
from xl_addin.consolidation import ooxml, reading, sheet_scan
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.parts import Package
from xl_addin.consolidation.reading import read_workbook
from xl_addin.workbook.writer import Region, write_workbook

PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
EVIL_PART = "xl/worksheets/evil.xml"
#: The value the hostile copy of «Ввод» holds in D7 (in_on_art; the real sheet holds 900).
EVIL = 1199999

Edit = Callable[[ElementTree.Element], None]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated workbook of "Алтай" with inputs that pass every check (in_on_art = 900 at «Ввод»!D7)."""
    work = tmp_path_factory.mktemp("structure")
    blank = work / "blank.xlsx"
    write_workbook(blank, Region("Алтай"))
    fill(blank, work / "filled.xlsx", clean_inputs(1000))
    return work / "filled.xlsx"


def rebuild(source: Path, target: Path, edits: dict[str, Edit], added: dict[str, bytes] | None = None) -> None:
    """``source`` copied to ``target`` with each part of ``edits`` parsed, edited as elements and written back, and
    the parts ``added`` appended (never str.replace on XML)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename in edits:
                root = fromstring(data)
                edits[info.filename](root)
                data = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
            copy.writestr(info, data)
        for name, data in (added or {}).items():
            copy.writestr(name, data)


def structure_of(path: Path) -> ooxml.Structure:
    """What the reader takes from ``path``'s workbook.xml."""
    with zipfile.ZipFile(path) as archive, path.open("rb") as source:
        return ooxml.structure(Package(archive, source))


def set_cell(reference: str, value: str, kind: str | None = None) -> Edit:
    """An edit of a sheet: the cell ``reference`` holds ``<v>value</v>`` (of type ``kind``), nothing else."""

    def edit(root: ElementTree.Element) -> None:
        (cell,) = [found for found in root.iter(q("c")) if found.get("r") == reference]
        for child in list(cell):
            cell.remove(child)
        cell.attrib.pop("t", None)
        if kind is not None:
            cell.set("t", kind)
        ElementTree.SubElement(cell, q("v")).text = value

    return edit


def edited_part(source: Path, part: str, edit: Edit) -> bytes:
    """The bytes of ``part`` of ``source`` edited by ``edit``."""
    with zipfile.ZipFile(source) as archive:
        root = fromstring(archive.read(part))
    edit(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def register(part: str, identifier: str) -> dict[str, Edit]:
    """The edits of the relationships and the content types that make ``part`` a worksheet with ``identifier``."""

    def relationship(root: ElementTree.Element) -> None:
        ElementTree.SubElement(root, q("Relationship", PACKAGE),
                               {"Id": identifier, "Type": WORKSHEET, "Target": f"/{part}"})  # fmt: skip

    def content_type(root: ElementTree.Element) -> None:
        ElementTree.SubElement(root, q("Override", CONTENT_TYPES), {
            "PartName": f"/{part}",
            "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        })  # fmt: skip

    return {"xl/_rels/workbook.xml.rels": relationship, "[Content_Types].xml": content_type}


def sheet_first(name: str, identifier: str, namespace: str = ooxml.MAIN) -> Edit:
    """An edit of workbook.xml: a ``<sheet name=…>`` (in ``namespace``) placed first in ``<sheets>``."""

    def edit(root: ElementTree.Element) -> None:
        sheets = root.find(q("sheets"))
        assert sheets is not None
        entry = ElementTree.Element(
            q("sheet", namespace), {"name": name, "sheetId": "99", q("id", RELATIONSHIPS): identifier}
        )
        sheets.insert(0, entry)

    return edit


def hostile(filled: Path, target: Path, workbook_edit: Edit, evil_part: bytes | None = None) -> Path:
    """``filled`` with the hostile copy of «Ввод» (D7 = 1 199 999) added as rIdEvil and ``workbook_edit`` applied."""
    part = (
        evil_part
        if evil_part is not None
        else edited_part(filled, sheet_part(filled, "Ввод"), set_cell("D7", str(EVIL)))
    )
    rebuild(filled, target, {**register(EVIL_PART, "rIdEvil"), "xl/workbook.xml": workbook_edit}, {EVIL_PART: part})
    return target


def test_the_unedited_workbook_reads_900_at_d7(filled: Path) -> None:
    assert read_workbook(filled).inputs["in_on_art"] == 900


def test_a_sheet_added_with_its_own_name_is_read_as_before(filled: Path, tmp_path: Path) -> None:
    """The helpers make a valid workbook: the same hostile part under another name is just one sheet more."""
    added = hostile(filled, tmp_path / "added.xlsx", sheet_first("Лишний", "rIdEvil"))
    assert structure_of(added).sheets["Лишний"] == EVIL_PART
    assert read_workbook(added).inputs["in_on_art"] == 900


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (sheet_first("Ввод", "rIdEvil"), "в книге два листа с именем «Ввод» и «Ввод» (Excel не различает регистр)"),
        (sheet_first("ВВОД", "rIdEvil"), "в книге два листа с именем «ВВОД» и «Ввод» (Excel не различает регистр)"),
        (sheet_first("Ввод", "rIdEvil", "urn:evil"), "в xl/workbook.xml элемент «sheet» в пространстве имён urn:evil"),
        (sheet_first("Лишний", "rIdNone"), "у листа «Лишний» ссылка r:id = «rIdNone» не найдена"),
        (sheet_first("Лишний", ""), "у листа «Лишний» нет ссылки r:id"),
        (sheet_first("Лишний", "rId2"), "листы «Лишний» и «Ввод» указывают на одну часть xl/worksheets/sheet2.xml"),
    ],
    ids=["duplicate", "duplicate-case", "foreign-namespace", "unresolved", "no-r-id", "same-part"],
)
def test_an_ambiguous_sheet_list_is_refused_before_any_sheet_is_read(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Edit, reason: str
) -> None:
    target = hostile(filled, tmp_path / "hostile.xlsx", edit)
    scanned: list[str] = []
    real = sheet_scan.scan_sheet
    monkeypatch.setattr(
        sheet_scan,
        "scan_sheet",
        lambda package, part, *args, **kw: scanned.append(part) or real(package, part, *args, **kw),
    )
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(target)
    assert str(refused.value).startswith(f"{reason}: неясно, что показывает Excel, книга не читается")
    assert scanned == []


def _sheets_in(namespace: str) -> Edit:
    """An edit of workbook.xml: a second ``<sheets>`` list (in ``namespace``) holding «Ввод» at rIdEvil."""

    def edit(root: ElementTree.Element) -> None:
        extra = ElementTree.SubElement(root, q("sheets", namespace))
        ElementTree.SubElement(
            extra, q("sheet", namespace), {"name": "Ввод", "sheetId": "99", q("id", RELATIONSHIPS): "rIdEvil"}
        )

    return edit


def _duplicate_name(root: ElementTree.Element) -> None:
    names = root.find(q("definedNames"))
    assert names is not None
    ElementTree.SubElement(names, q("definedName"), {"name": "IN_ON_ART"}).text = "'Лишний'!$D$7"


def _sheet_scoped_name(root: ElementTree.Element) -> None:
    """A sheet-scoped name of the same text is Excel's own business: not a duplicate of the workbook's."""
    names = root.find(q("definedNames"))
    assert names is not None
    ElementTree.SubElement(names, q("definedName"), {"name": "in_on_art", "localSheetId": "0"}).text = "'Лишний'!$D$7"
    sheet_first("Лишний", "rIdEvil")(root)


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (_sheets_in(ooxml.MAIN), "в xl/workbook.xml два списка листов"),
        (_sheets_in("urn:evil"), "в xl/workbook.xml элемент «sheets» в пространстве имён urn:evil"),
        (_duplicate_name, "в книге два имени «in_on_art» и «IN_ON_ART» (Excel не различает регистр)"),
    ],
    ids=["two-sheet-lists", "foreign-sheet-list", "duplicate-defined-name"],
)
def test_an_ambiguous_workbook_part_is_refused(filled: Path, tmp_path: Path, edit: Edit, reason: str) -> None:
    with pytest.raises(UnreadableWorkbookError, match=f"^{re.escape(reason)}: неясно, что показывает Excel"):
        read_workbook(hostile(filled, tmp_path / "hostile.xlsx", edit))


def test_a_sheet_scoped_name_beside_the_workbooks_is_not_ambiguous(filled: Path, tmp_path: Path) -> None:
    target = hostile(filled, tmp_path / "scoped.xlsx", _sheet_scoped_name)
    assert read_workbook(target).inputs["in_on_art"] == 900


def test_a_strict_ooxml_workbook_is_refused_with_what_to_do(filled: Path, tmp_path: Path) -> None:
    """Strict OOXML (another namespace for every element) is refused, never half read."""

    def strict(root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.tag.startswith(f"{{{ooxml.MAIN}}}"):
                element.tag = element.tag.replace(ooxml.MAIN, ooxml.STRICT)

    target = tmp_path / "strict.xlsx"
    rebuild(filled, target, {"xl/workbook.xml": strict})
    with pytest.raises(UnreadableWorkbookError, match=r"^книга сохранена в формате «Строгий Open XML» \(Strict\)"):
        read_workbook(target)


def _far_cells(root: ElementTree.Element) -> None:
    """Two cells far apart: A1 and B1000000, a box of 2,000,000 cells (the limit is 1,000,000)."""
    sheet_data = root.find(q("sheetData"))
    assert sheet_data is not None
    for row in list(sheet_data):
        sheet_data.remove(row)
    for reference, number in (("A1", "1"), ("B1000000", "1000000")):
        row = ElementTree.SubElement(sheet_data, q("row"), {"r": number})
        ElementTree.SubElement(ElementTree.SubElement(row, q("c"), {"r": reference}), q("v")).text = "1"


def test_a_2_000_000_cell_sheet_placed_first_as_a_second_vvod_is_never_read(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = edited_part(filled, sheet_part(filled, "Ввод"), _far_cells)
    target = hostile(filled, tmp_path / "huge.xlsx", sheet_first("Ввод", "rIdEvil"), huge)
    scanned: list[str] = []
    real = sheet_scan.scan_sheet
    monkeypatch.setattr(
        sheet_scan,
        "scan_sheet",
        lambda package, part, *args, **kw: scanned.append(part) or real(package, part, *args, **kw),
    )
    with pytest.raises(UnreadableWorkbookError, match=r"^в книге два листа с именем «Ввод» и «Ввод»"):
        read_workbook(target)
    assert scanned == []


def test_a_2_000_000_cell_vvod_is_refused_by_the_limit_at_the_cell_that_passes_it(filled: Path, tmp_path: Path) -> None:
    """The only «Ввод» points to the huge part: the scan stops at B1000000, where the box passes 1,000,000 cells."""

    def repoint(root: ElementTree.Element) -> None:
        for relationship in root:
            if relationship.get("Target", "").endswith(sheet_part(filled, "Ввод").removeprefix("xl/")):
                relationship.set("Target", f"/{EVIL_PART}")

    huge = edited_part(filled, sheet_part(filled, "Ввод"), _far_cells)
    target = tmp_path / "huge.xlsx"
    rebuild(filled, target, {"xl/_rels/workbook.xml.rels": repoint}, {EVIL_PART: huge})
    assert structure_of(target).sheets["Ввод"] == EVIL_PART
    with pytest.raises(
        sheet_scan.GridTooLargeError,
        match=r"^на листе «Ввод» заполнены ячейки от A1 до B1000000 \(2000000 ячеек, допустимо 1000000\)",
    ):
        read_workbook(target)
    assert reading.MAX_GRID_CELLS == 1_000_000


def test_read_requests_and_check_give_the_hostile_file_its_row(filled: Path, tmp_path: Path) -> None:
    """The Python API and check, which aborted the caller's process on this file (calamine, rc 134), give it a row."""
    pytest.importorskip("pandas")
    from xl_addin import api
    from xl_addin.consolidation import check_one
    from xl_addin.consolidation.run import UNREAD

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.xlsx").write_bytes(filled.read_bytes())
    hostile(filled, folder / "hostile.xlsx", sheet_first("Ввод", "rIdEvil", "urn:evil"))
    table = api.read_requests(folder)
    assert table.loc["Алтай", "file"] == "good.xlsx"  # read (a region of no list: one error more)
    status = table.loc[f"({UNREAD}) hostile.xlsx", "status"]
    assert status.startswith(f"{UNREAD}: в xl/workbook.xml элемент «sheet» в пространстве имён urn:evil")
    with pytest.raises(UnreadableWorkbookError, match="в пространстве имён urn:evil"):
        check_one.check_workbook(folder / "hostile.xlsx")


def test_two_parts_whose_names_differ_only_in_case_are_refused(filled: Path, tmp_path: Path) -> None:
    """OPC part names ignore case: which of the two a reader took would depend on the reader."""
    target = tmp_path / "twins.xlsx"
    part = sheet_part(filled, "Ввод")
    rebuild(filled, target, {}, {part.upper(): b"<worksheet/>"})
    with pytest.raises(
        UnreadableWorkbookError, match=f"^в архиве книги две части с именем «{re.escape(part.upper())}»"
    ):
        read_workbook(target)


def test_refresh_gives_each_hostile_workbook_its_row_and_reads_the_good_one(filled: Path, tmp_path: Path) -> None:
    """Beside a good workbook, the three shapes of the attack: each is its own row, the good region is read."""
    from tests.refresh.test_refresh_cli import _read_csv
    from xl_addin.consolidation import run

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.xlsx").write_bytes(filled.read_bytes())
    hostile(filled, folder / "duplicate.xlsx", sheet_first("Ввод", "rIdEvil"))
    hostile(filled, folder / "foreign.xlsx", sheet_first("Ввод", "rIdEvil", "urn:evil"))
    huge = edited_part(filled, sheet_part(filled, "Ввод"), _far_cells)
    hostile(filled, folder / "huge.xlsx", sheet_first("Ввод", "rIdEvil"), huge)
    summary = run.refresh(folder, tmp_path / "out", [], jobs=2, time_limit=60)
    assert summary.received == 4
    rows = {row[0]: row[5] for row in _read_csv(tmp_path / "out" / "problems.csv")[1:] if row[0] != "good.xlsx"}
    assert rows["duplicate.xlsx"].startswith("в книге два листа с именем «Ввод» и «Ввод»")
    assert rows["foreign.xlsx"].startswith("в xl/workbook.xml элемент «sheet» в пространстве имён urn:evil")
    assert rows["huge.xlsx"].startswith("в книге два листа с именем «Ввод» и «Ввод»")
    national = _read_csv(tmp_path / "out" / "national.csv")
    assert [row[0] for row in national if row[0] == "Алтай"] == ["Алтай"]
    assert str(EVIL) not in (tmp_path / "out" / "national.csv").read_text(encoding="utf-8-sig")
