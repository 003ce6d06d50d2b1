"""The reading's work is bounded by the file, never by what the file claims, and a name moved away from
where the template put it is an error row for that name (issue 11, §2).

A 30 KB workbook whose name ``in_on_art`` was moved to ``'Ввод'!$XFD$1048576`` kept the openpyxl reader
busy for over 30 minutes (it walked the bounding box of every named cell); a sheet with one value in
XFD1048576 makes calamine allocate a grid of 17 billion cells.  Both must finish in moments.
"""

from __future__ import annotations

import re
import time
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.refresh.test_refresh_cli import _read_csv, clean_inputs
from tests.refresh.xml_edit import edit_part, move_name, q, sheet_part
from tests.workbook.filling import fill
from xl_addin.consolidation import reading, run
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.reading import MISPLACED, ForeignWorkbookError, read_workbook
from xl_addin.workbook.texts import SHEETS
from xl_addin.workbook.writer import Region, write_workbook
from xl_addin.zipcopy import ZipCopy

FAR = "'Ввод'!$XFD$1048576"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated workbook of the region "Алтай" filled with inputs that pass every check."""
    work = tmp_path_factory.mktemp("bounds")
    blank = work / "blank.xlsx"
    write_workbook(blank, Region("Алтай"))
    fill(blank, work / "filled.xlsx", clean_inputs(1000))
    return work / "filled.xlsx"


def test_a_name_moved_to_xfd1048576_is_one_error_row_and_refresh_finishes_at_once(filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    moved = folder / "moved.xlsx"
    edit_part(filled, moved, "xl/workbook.xml", move_name("in_on_art", FAR))
    assert (
        moved.stat().st_size < 400_000
    )  # a small file (64 KB with «Товары», 300 KB with the plan): the size it claims is all in one name
    started = time.perf_counter()
    summary = run.refresh(folder, tmp_path / "out", [], jobs=2, time_limit=60)
    assert time.perf_counter() - started < 30  # the old reader walked A1:XFD1048576 for over 30 minutes
    assert summary.received == 1
    rows = [row for row in _read_csv(tmp_path / "out" / "problems.csv")[1:] if row[3] == "in_on_art"]
    assert [row[:5] + row[6:] for row in rows] == [["moved.xlsx", "Ввод", "XFD1048576", "in_on_art", FAR, "ошибка"]]
    assert rows[0][5].startswith(f"{MISPLACED} ('Inputs'!D7 или 'Ввод'!D7): значение не прочитано")
    reading_of = read_workbook(moved)
    assert reading_of.inputs["in_on_art"] is None  # counts as missing, in the core's checks too
    assert "in_on_art" not in reading_of.locations


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("in_hiv_examined_by_year", "'Ввод'!$A$1:$XFD$1048576"),  # a range stretched to the whole sheet
        ("out_elisa_volume", "'Ввод'!$D$7"),  # a result pointing at an input
        ("chk_inputs", "'Проверки'!#REF!"),  # a deleted cell
        ("xl_addin_published_2006", "=5862"),  # a constant instead of a cell
    ],
)
def test_any_moved_name_is_an_error_row_with_what_was_found(
    filled: Path, tmp_path: Path, name: str, reference: str
) -> None:
    moved = tmp_path / "moved.xlsx"
    edit_part(filled, moved, "xl/workbook.xml", move_name(name, reference))
    found = read_workbook(moved)
    rows = [problem for problem in found.problems if problem.name == name]
    assert len(rows) == 1, found.problems
    assert rows[0].value == reference and rows[0].problem.startswith(MISPLACED)
    assert name not in found.locations
    if name == "in_hiv_examined_by_year":
        assert found.inputs[name] == [None] * 5
        assert (rows[0].sheet, rows[0].cell) == ("Ввод", "A1:XFD1048576")
    if name == "xl_addin_published_2006":
        assert found.published_2006 is None and (rows[0].sheet, rows[0].cell) == ("", "")


def test_a_workbook_of_another_layout_is_told_by_its_version(filled: Path, tmp_path: Path) -> None:
    """A version name at another cell (another layout) is still read: the row says which version it is."""
    other = tmp_path / "other_layout.xlsx"
    edit_part(filled, other, "xl/workbook.xml", move_name("xl_addin_template_version", "'Титул'!$A$1"))
    with pytest.raises(ForeignWorkbookError, match="версия шаблона «Заявка"):
        read_workbook(other)


def test_a_moved_region_or_version_name_makes_the_workbook_foreign(filled: Path, tmp_path: Path) -> None:
    for name in ("xl_addin_region", "xl_addin_template_version"):
        moved = tmp_path / f"{name}.xlsx"
        edit_part(filled, moved, "xl/workbook.xml", move_name(name, FAR))
        with pytest.raises(ForeignWorkbookError, match=re.escape(f"{name} = {FAR}: {MISPLACED} ('")):
            read_workbook(moved)


def _far_cell(root: ElementTree.Element) -> None:
    """A value typed into XFD1048576 (a real cell, not a name): the sheet's values span the whole sheet."""
    sheet_data = root.find(q("sheetData"))
    assert sheet_data is not None
    row = ElementTree.SubElement(sheet_data, q("row"), {"r": "1048576"})
    cell = ElementTree.SubElement(row, q("c"), {"r": "XFD1048576"})
    ElementTree.SubElement(cell, q("v")).text = "1"


def test_a_value_far_away_is_refused_before_any_grid_is_built(filled: Path, tmp_path: Path) -> None:
    far = tmp_path / "far.xlsx"
    edit_part(filled, far, sheet_part(filled, "Ввод"), _far_cell)
    started = time.perf_counter()
    with pytest.raises(UnreadableWorkbookError, match="на листе «Ввод» заполнены ячейки от A1 до XFD1048576"):
        read_workbook(far)  # calamine would ask for a 550 GB grid (and abort the process) for this 30 KB file
    assert time.perf_counter() - started < 5


def test_an_entity_declared_in_a_sheet_is_refused(filled: Path, tmp_path: Path) -> None:
    part = sheet_part(filled, "Ввод")
    bomb = tmp_path / "entity.xlsx"
    with zipfile.ZipFile(filled) as original, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == part:  # a DTD is a prologue, not an element: written before the root
                end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
                data = data[:end] + b'<!DOCTYPE w [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data[end:]
            copy.writestr(info, data)
    with pytest.raises(UnreadableWorkbookError, match=r"опасный XML.*\(EntitiesForbidden\)"):
        read_workbook(bomb)


def test_a_formula_typed_into_an_input_is_an_error_as_before(filled: Path, tmp_path: Path) -> None:
    typed = tmp_path / "formula.xlsx"
    fill(filled, typed, {"in_on_art": "=450*2", "in_hiv_examined_by_year": [1, 2, "#DIV/0!", 4, 5]})
    found = read_workbook(typed)
    by_cell = {(problem.name, problem.cell): problem for problem in found.problems}
    assert by_cell["in_on_art", "D7"].value == "=450*2"
    assert by_cell["in_on_art", "D7"].problem == "in_on_art = «=450*2»: текст, а нужно число"
    assert by_cell["in_hiv_examined_by_year", "F20"].value == "#DIV/0!"


def test_the_template_places_are_the_generators_in_every_language() -> None:
    places = reading.template_places()
    assert set(places) == set(reading.NAMES)
    assert places["in_on_art"] == {(SHEETS["ru"]["inputs"], "D7"), (SHEETS["en"]["inputs"], "D7")}
    assert places["in_hiv_examined_by_year"] == {("Ввод", "D20:H20"), ("Inputs", "D20:H20")}


def _liar(filled: Path, liar: Path, part: str) -> None:
    """``filled`` with ``part`` followed by 50 MB of spaces in its deflated stream that the zip says are not there."""
    with zipfile.ZipFile(filled) as original, filled.open("rb") as source, liar.open("wb") as out:
        copy = ZipCopy(out)
        for info in original.infolist():
            if info.filename != part:
                copy.copy_raw(source, info)
                continue
            real = original.read(info) + b" " * 50_000_000  # 50 MB that the zip says are not there
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = packer.compress(real) + packer.flush()
            copy._header(info, zipfile.ZIP_DEFLATED, zlib.crc32(real[: info.file_size]), len(packed), info.file_size)
            out.write(packed)
        copy.finish()
    assert liar.stat().st_size < 450_000  # the workbook (300 KB with the plan) and 50 MB of spaces packed


@pytest.mark.parametrize("part", ["Ввод", "Товары", "xl/styles.xml"])
def test_a_part_that_unpacks_past_its_declared_size_is_refused_when_it_is_read(
    filled: Path, tmp_path: Path, part: str
) -> None:
    """The reading unpacks a part itself and stops at its declared size (the zip-bomb limits bound exactly what is
    parsed); the part is refused, not read short.  The styles are read for the inputs' number formats (a date)."""
    liar = tmp_path / "liar.xlsx"
    name = part if part.startswith("xl/") else sheet_part(filled, part)
    _liar(filled, liar, name)
    with pytest.raises(UnreadableWorkbookError, match=rf"часть {re.escape(name)} распаковывается больше заявленных"):
        read_workbook(liar)


def test_a_lying_part_the_values_do_not_need_is_refused_too(filled: Path, tmp_path: Path) -> None:
    """The theme holds no value, but the refreshed copy would carry it: every part is unpacked, never past its
    declared size (the lie is found within it), and a damaged one refuses the workbook (parts.verify_rest)."""
    liar = tmp_path / "liar.xlsx"
    _liar(filled, liar, "xl/theme/theme1.xml")
    with pytest.raises(UnreadableWorkbookError, match=r"часть xl/theme/theme1\.xml распаковывается больше заявленных"):
        read_workbook(liar)
