"""A refresh of a workbook whose input cell holds ``_x0001_`` (read back as U+0001, a character XML cannot hold)
writes a copy that parses, and LibreOffice shows every row of its results sheet (issue 19, §3: it showed 2 of ~80).

The hostile workbook is saved by LibreOffice, as a region's spreadsheet would save it: a shared string whose
``_x0001_`` every OOXML reader decodes (the refresh's among them) to U+0001, and whose ``_x005F_x0002_`` is the
literal text ``_x0002_``."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from xml.parsers import expat

import pytest
from openpyxl import load_workbook

from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill
from tests.workbook.libreoffice import recalculate
from xl_addin.consolidation import run
from xl_addin.consolidation.results_sheet import SHEET_NAME
from xl_addin.workbook.writer import Region, write_workbook

#: Typed as OOXML text: "сто", U+0001, " и ", then the literal "_x0002_".
HOSTILE = "сто_x0001_ и _x005F_x0002_"
READ = "сто\x01 и _x0002_"


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    received = work / "in"
    received.mkdir()
    for number, (region, inputs) in enumerate(
        [("Алтай", clean_inputs(1000)), ("Тыва", clean_inputs(1000) | {"in_planned_screenings": HOSTILE})], start=1
    ):
        blank = work / f"blank{number}.xlsx"
        write_workbook(blank, Region(region))
        fill(blank, work / f"{number}.xlsx", inputs)
    for saved in recalculate([work / "1.xlsx", work / "2.xlsx"], work):
        saved.rename(received / saved.name)
    run.refresh(received, work / "out", [], jobs=1)
    return work / "out"


def _decoded(text: str) -> str:
    """An OOXML string as Excel reads it (ECMA-376, ST_Xstring): each ``_xHHHH_`` is the character of that code."""
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), text)


def _rows(book: Path) -> list[tuple[object, ...]]:
    return list(load_workbook(book, data_only=True)[SHEET_NAME].iter_rows(values_only=True))


def test_the_hostile_copy_parses_and_has_as_many_result_rows_as_a_clean_one(refreshed: Path) -> None:
    with zipfile.ZipFile(refreshed / "2.xlsx") as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                expat.ParserCreate().Parse(archive.read(name), True)
    clean, hostile = _rows(refreshed / "1.xlsx"), _rows(refreshed / "2.xlsx")
    assert len(hostile) == len(clean) > 60
    (row,) = [row for row in hostile if row[0] == "out_elisa_volume"]
    # the result's error message quotes the input as read; decoded as Excel does, it is that text
    assert f"planned_screenings = «{READ}»" in _decoded(str(row[2]))


def test_libreoffice_shows_every_row_of_the_hostile_copy(refreshed: Path, tmp_path: Path) -> None:
    staged = [tmp_path / "clean.xlsx", tmp_path / "hostile.xlsx"]
    shutil.copy(refreshed / "1.xlsx", staged[0])
    shutil.copy(refreshed / "2.xlsx", staged[1])
    clean, hostile = (_rows(path) for path in recalculate(staged, tmp_path))
    assert len(hostile) == len(clean) > 60
    assert [row[0] for row in hostile] == [row[0] for row in clean]
