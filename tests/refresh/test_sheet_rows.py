"""national.xlsx with its long sheets' rows spooled (``sheet_rows``) is the workbook openpyxl's ``sheet.append`` writes:
every part equal, unpacked, byte for byte (``docProps/core.xml`` without its times)."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill
from xl_addin import sheet_xml
from xl_addin.consolidation import run, sheet_rows
from xl_addin.consolidation.table_cells import write_only_cell
from xl_addin.workbook.writer import Region, write_workbook

_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:(created|modified)>")


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["docProps/core.xml"] = _TIMES.sub(b"", parts["docProps/core.xml"])
    return parts


def _small_book(direct: bool, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A write-only workbook of two sheets through ``SpooledRows``: heights, blanks, styles, texts, numbers."""
    monkeypatch.setattr(sheet_rows, "DIRECT", direct)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Строки")
    sheet.column_dimensions["A"].width = 30
    rows = sheet_rows.SpooledRows(sheet)
    bold, fill_ = Font(bold=True), PatternFill("solid", fgColor="FFC7CE")
    sheet.row_dimensions[1].height = 30
    rows.append([write_only_cell(sheet, "Заголовок & <тег>", font=bold, alignment=Alignment(wrap_text=True))])
    rows.append([write_only_cell(sheet, value) for value in (" края ", "=1+2", "-3", 7, 2.5, Decimal("1.2"), None)])
    rows.append([])
    rows.append([write_only_cell(sheet, None, fill=fill_), None, write_only_cell(sheet, "Алтай\x01")])
    rows.append(["просто текст", 10**15, None, True])
    other = book.create_sheet("Пустой")
    sheet_rows.SpooledRows(other)
    saved = io.BytesIO()
    book.save(saved)
    return sheet_rows.with_rows(saved.getvalue(), book)


def test_spooled_rows_are_the_rows_openpyxl_appends(monkeypatch: pytest.MonkeyPatch) -> None:
    expected, found = _small_book(False, monkeypatch), _small_book(True, monkeypatch)
    assert _parts(found) == _parts(expected)
    shown = load_workbook(io.BytesIO(found))["Строки"]
    assert [cell.value for cell in shown[2]] == [" края ", "=1+2", "-3", 7, 2.5, 1.2]
    assert shown["A2"].data_type == shown["B2"].data_type == "s"  # a text that looks like a formula stays a text
    assert shown.row_dimensions[1].height == 30 and shown["C4"].value == "Алтай_x0001_"


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three regions' workbooks: clean, with a bad input (problem rows), and blank (one «не заполнена» row)."""
    work = tmp_path_factory.mktemp("rows")
    folder = work / "in"
    folder.mkdir()
    for number, (region, inputs) in enumerate(
        [("Алтай", clean_inputs(1000)), ("Тыва", clean_inputs(900) | {"in_planned_screenings": "=сто"}),
         ("Коми", None)], start=1,
    ):  # fmt: skip
        blank = work / f"blank{number}.xlsx"
        write_workbook(blank, Region(region))
        if inputs is None:
            blank.rename(folder / f"{number}.xlsx")
        else:
            fill(blank, folder / f"{number}.xlsx", inputs)
    return folder


def test_national_xlsx_is_the_same_with_its_rows_spooled(
    received: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_rows, "DIRECT", False)
    run.refresh(received, tmp_path / "appended", [], jobs=1)
    monkeypatch.setattr(sheet_rows, "DIRECT", True)
    written: list[Any] = []
    real = sheet_xml.cell_xml
    monkeypatch.setattr(
        sheet_xml, "cell_xml", lambda cell, reference: written.append(reference) or real(cell, reference)
    )
    run.refresh(received, tmp_path / "spooled", [], jobs=1)
    expected = _parts((tmp_path / "appended" / "national.xlsx").read_bytes())
    found = _parts((tmp_path / "spooled" / "national.xlsx").read_bytes())
    assert found == expected
    assert len(written) > 100  # «Регионы» and «Проблемы» went through the spool
    problems = load_workbook(tmp_path / "spooled" / "national.xlsx")["Проблемы"]
    assert any(row[0] == "ошибка" and "Тыва" in str(row[1]) for row in problems.iter_rows(values_only=True))
