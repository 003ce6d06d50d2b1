"""The values come from the sheets' own XML, read by the same pass that checks the formulas (issue 19, §2):
shared strings (rich text joined, phonetic runs left out, ``_xHHHH_`` decoded), inline strings, numbers,
booleans, errors; a value its cell's type cannot hold is refused with the cell named.

Every expected value is worked out by hand from the XML written into the cell.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.refresh.test_reader_structure import PACKAGE, rebuild, set_cell
from tests.refresh.test_refresh_cli import clean_inputs
from tests.refresh.xml_edit import q, sheet_part
from tests.workbook.filling import fill
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.reading import ForeignWorkbookError, read_workbook
from xl_addin.workbook.writer import Region, write_workbook

SHARED_STRINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#: Four shared string items: plain, rich (two runs and a phonetic run), escaped, and an escaped escape.
TABLE = (
    f'<sst xmlns="{MAIN}" count="4" uniqueCount="4">'
    "<si><t>Тыва</t></si>"
    '<si><r><t>Ал</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">тай</t></r>'
    '<rPh sb="0" eb="2"><t>アルタイ</t></rPh><phoneticPr fontId="1"/></si>'
    "<si><t>Алтай_x0001_</t></si>"
    "<si><t>_x005F_x0041_ край</t></si>"
    "</sst>"
).encode()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated workbook of "Алтай" with inputs that pass every check (in_on_art = 900 at «Ввод»!D7)."""
    work = tmp_path_factory.mktemp("values")
    write_workbook(work / "blank.xlsx", Region("Алтай"))
    fill(work / "blank.xlsx", work / "filled.xlsx", clean_inputs(1000))
    return work / "filled.xlsx"


def with_shared_strings(filled: Path, target: Path, edits: dict[str, Any]) -> Path:
    """``filled`` with the shared strings :data:`TABLE` registered and the sheet ``edits`` applied."""

    def relationship(root: ElementTree.Element) -> None:
        ElementTree.SubElement(root, q("Relationship", PACKAGE),
                               {"Id": "rIdStrings", "Type": SHARED_STRINGS, "Target": "sharedStrings.xml"})  # fmt: skip

    rebuild(filled, target, {"xl/_rels/workbook.xml.rels": relationship, **edits}, {"xl/sharedStrings.xml": TABLE})
    return target


@pytest.mark.parametrize(
    ("index", "region"),
    [("0", "Тыва"), ("1", "Алтай"), ("2", "Алтай\x01"), ("3", "_x0041_ край")],
    ids=["plain", "rich-and-phonetic", "escaped-control", "escaped-underscore"],
)
def test_a_shared_string_is_read_as_excel_shows_it(filled: Path, tmp_path: Path, index: str, region: str) -> None:
    title = sheet_part(filled, "Титул")
    target = with_shared_strings(filled, tmp_path / "strings.xlsx", {title: set_cell("B10", index, "s")})
    assert read_workbook(target).region == region


def test_a_shared_string_past_the_table_is_refused_with_its_cell(filled: Path, tmp_path: Path) -> None:
    title = sheet_part(filled, "Титул")
    target = with_shared_strings(filled, tmp_path / "strings.xlsx", {title: set_cell("B10", "4", "s")})
    with pytest.raises(
        UnreadableWorkbookError, match=r"ячейка «Титул»!B10 ссылается на общую строку № 4, а её в книге нет"
    ):
        read_workbook(target)


def test_a_shared_string_without_a_table_is_refused(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "no_table.xlsx"
    rebuild(filled, target, {sheet_part(filled, "Титул"): set_cell("B10", "0", "s")})
    with pytest.raises(UnreadableWorkbookError, match=r"ячейка «Титул»!B10 ссылается на общую строку № 0"):
        read_workbook(target)


def inline(*parts: tuple[str, str]) -> Any:
    """An edit: B10 holds an inline string of ``parts`` (element, text): ``t`` direct, ``r`` a run, ``rPh`` phonetic."""

    def edit(root: ElementTree.Element) -> None:
        (cell,) = [found for found in root.iter(q("c")) if found.get("r") == "B10"]
        for child in list(cell):
            cell.remove(child)
        cell.set("t", "inlineStr")
        string = ElementTree.SubElement(cell, q("is"))
        for kind, text in parts:
            holder = string if kind == "t" else ElementTree.SubElement(string, q(kind))
            ElementTree.SubElement(holder, q("t")).text = text

    return edit


@pytest.mark.parametrize(
    ("parts", "region"),
    [
        ((("t", "Алтай"),), "Алтай"),
        ((("r", "Ал"), ("r", "тай"), ("rPh", "アルタイ")), "Алтай"),
        ((("t", "Ал_x0442_ай"),), "Алтай"),
    ],
    ids=["plain", "runs-and-phonetic", "escaped"],
)
def test_an_inline_string_is_read_as_excel_shows_it(
    filled: Path, tmp_path: Path, parts: tuple[tuple[str, str], ...], region: str
) -> None:
    target = tmp_path / "inline.xlsx"
    rebuild(filled, target, {sheet_part(filled, "Титул"): inline(*parts)})
    assert read_workbook(target).region == region


@pytest.mark.parametrize(
    ("value", "kind", "read", "shown"),
    [
        ("1e3", None, 1000, None),  # a whole float is an int, as before
        ("2.5", "n", 2.5, "2.5"),
        ("1", "b", True, "True"),  # a boolean is no count: an error row, as calamine's True was
        ("#N/A", "e", "#N/A", "#N/A"),
        ("девятьсот", "str", "девятьсот", "девятьсот"),
    ],
    ids=["exponent", "fraction", "boolean", "error", "text"],
)
def test_an_input_cell_of_each_type(
    filled: Path, tmp_path: Path, value: str, kind: str | None, read: Any, shown: str | None
) -> None:
    target = tmp_path / "typed.xlsx"
    rebuild(filled, target, {sheet_part(filled, "Ввод"): set_cell("D7", value, kind)})
    found = read_workbook(target)
    assert found.inputs["in_on_art"] == read and type(found.inputs["in_on_art"]) is type(read)
    rows = [problem for problem in found.problems if problem.name == "in_on_art"]
    assert [row.value for row in rows] == ([] if shown is None else [shown])


@pytest.mark.parametrize(
    ("value", "kind", "what"),
    [("1_000", None, "не число"), ("inf", "n", "не число"), ("2", "b", "не логическое значение"),
     ("x", "s", "номер общей строки не число"), ("1", "zz", "неизвестный тип ячейки")],
)  # fmt: skip
def test_a_value_its_type_cannot_hold_is_refused_with_the_cell(
    filled: Path, tmp_path: Path, value: str, kind: str | None, what: str
) -> None:
    target = tmp_path / "bad.xlsx"
    rebuild(filled, target, {sheet_part(filled, "Ввод"): set_cell("D7", value, kind)})
    expected = f"файл повреждён: в ячейке «Ввод»!D7 {what} («{value}», тип «{kind}»)"
    with pytest.raises(UnreadableWorkbookError, match=f"^{re.escape(expected)}$"):
        read_workbook(target)


def _twice(root: ElementTree.Element) -> None:
    """D7 written a second time in its row, with another value."""
    (row,) = [found for found in root.iter(q("row")) if found.get("r") == "7"]
    ElementTree.SubElement(ElementTree.SubElement(row, q("c"), {"r": "D7"}), q("v")).text = "1199999"


def test_a_watched_cell_written_twice_is_refused(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "twice.xlsx"
    rebuild(filled, target, {sheet_part(filled, "Ввод"): _twice})
    with pytest.raises(UnreadableWorkbookError, match=r"^на листе «Ввод» ячейка D7 записана дважды"):
        read_workbook(target)


def _reference(row_number: str | None = None, cell_reference: str | None = None) -> Any:
    """An edit of «Ввод»: row 7 numbered ``row_number`` and/or its cell D7 addressed ``cell_reference``."""

    def edit(root: ElementTree.Element) -> None:
        (row,) = [found for found in root.iter(q("row")) if found.get("r") == "7"]
        (cell,) = [found for found in row if found.get("r") == "D7"]
        if row_number is not None:
            row.set("r", row_number)
        if cell_reference is not None:
            cell.set("r", cell_reference)

    return edit


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (_reference(row_number="семь"), "номер строки «семь» не номер"),
        (_reference(row_number="0"), "номер строки «0» не номер"),
        (_reference(row_number="1048577"), "номер строки «1048577» не номер"),
        (_reference(cell_reference="7D"), "адрес ячейки «7D» не адрес"),
        (_reference(cell_reference="XFE7"), "адрес ячейки «XFE7» не адрес"),
        (_reference(cell_reference="D99999999"), "адрес ячейки «D99999999» не адрес"),
    ],
)
def test_a_row_or_cell_no_spreadsheet_has_is_refused_with_it(
    filled: Path, tmp_path: Path, edit: Any, reason: str
) -> None:
    target = tmp_path / "bad.xlsx"
    rebuild(filled, target, {sheet_part(filled, "Ввод"): edit})
    with pytest.raises(UnreadableWorkbookError, match=f"^файл повреждён: на листе «Ввод» {re.escape(reason)}$"):
        read_workbook(target)


def test_a_date_typed_into_a_count_is_read_as_the_date_it_shows(filled: Path, tmp_path: Path) -> None:
    """openpyxl writes a date as its serial number with a date format: the reader gives the date (as calamine did),
    and the check says it is not a number; a time, a date with a time and an elapsed duration likewise."""
    typed = tmp_path / "dates.xlsx"
    fill(filled, typed, {
        "in_on_art": datetime.date(2024, 2, 1), "in_observed": datetime.datetime(2024, 2, 1, 12, 30),
        "in_starting_art": datetime.time(12, 30), "in_registered": datetime.timedelta(hours=30),
    })  # fmt: skip
    found = read_workbook(typed)
    assert found.inputs["in_on_art"] == datetime.date(2024, 2, 1)
    assert found.inputs["in_observed"] == datetime.datetime(2024, 2, 1, 12, 30)
    assert found.inputs["in_starting_art"] == datetime.time(12, 30)
    assert found.inputs["in_registered"] == datetime.timedelta(days=1, hours=6)
    shown = {problem.name: (problem.value, problem.problem) for problem in found.problems}
    assert shown["in_on_art"] == ("2024-02-01", "in_on_art = 2024-02-01: значение не является числом")
    assert shown["in_registered"][0] == "1 day, 6:00:00"


def _date1904(root: ElementTree.Element) -> None:
    properties = root.find(q("workbookPr"))
    assert properties is not None
    properties.set("date1904", "1")


def test_a_1904_workbook_counts_its_dates_from_1904(filled: Path, tmp_path: Path) -> None:
    typed = tmp_path / "dates.xlsx"
    fill(filled, typed, {"in_on_art": datetime.date(2024, 2, 1)})  # serial 45323 in the 1900 system
    target = tmp_path / "dates1904.xlsx"
    rebuild(typed, target, {"xl/workbook.xml": _date1904})
    assert read_workbook(target).inputs["in_on_art"] == datetime.date(2028, 2, 2)  # 1904-01-01 + 45323 days


def test_an_entity_declared_in_the_shared_strings_is_refused(filled: Path, tmp_path: Path) -> None:
    """The shared strings are streamed through defusedxml too: a DTD with entities is refused, never expanded."""
    title = sheet_part(filled, "Титул")
    target = with_shared_strings(filled, tmp_path / "strings.xlsx", {title: set_cell("B10", "0", "s")})
    with zipfile.ZipFile(target) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    parts["xl/sharedStrings.xml"] = b'<!DOCTYPE sst [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>' + TABLE
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for name, data in parts.items():
            copy.writestr(name, data)
    with pytest.raises(UnreadableWorkbookError, match=r"^опасный XML: объявления DTD/сущностей запрещены"):
        read_workbook(target)


def test_an_iso_date_cell_is_read_as_its_datetime(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "iso.xlsx"
    rebuild(filled, target, {sheet_part(filled, "Ввод"): set_cell("D7", "2024-02-01T00:00:00", "d")})
    assert read_workbook(target).inputs["in_on_art"] == datetime.datetime(2024, 2, 1)


@pytest.mark.parametrize(("value", "kind", "shown"), [("", "inlineStr", "пусто"), ("5", None, "5")])
def test_a_workbook_without_its_region_is_foreign_and_says_what_it_holds(
    filled: Path, tmp_path: Path, value: str, kind: str | None, shown: str
) -> None:
    target = tmp_path / "no_region.xlsx"
    edit = inline(("t", value)) if kind == "inlineStr" else set_cell("B10", value, kind)
    rebuild(filled, target, {sheet_part(filled, "Титул"): edit})
    with pytest.raises(ForeignWorkbookError, match=f"^не указан субъект \\(имя xl_addin_region = «{shown}»\\)$"):
        read_workbook(target)


def _stray_value(root: ElementTree.Element) -> None:
    """D7 blank, and a ``<v>`` right after it in its row, outside any cell."""
    (row,) = [found for found in root.iter(q("row")) if found.get("r") == "7"]
    (cell,) = [found for found in row if found.get("r") == "D7"]
    for child in list(cell):
        cell.remove(child)
    stray = ElementTree.Element(q("v"))
    stray.text = "1199999"
    row.insert(list(row).index(cell) + 1, stray)


def test_a_value_outside_any_cell_is_no_cells_value(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "stray.xlsx"
    rebuild(filled, target, {sheet_part(filled, "Ввод"): _stray_value})
    assert read_workbook(target).inputs["in_on_art"] is None
