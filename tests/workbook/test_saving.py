"""``saving.save`` writes the bytes openpyxl's own ``Workbook.save`` writes: every part, unpacked, byte for byte.

The reference is openpyxl itself, saving a second build of the same workbook (a workbook is saved once: openpyxl's
save is not repeatable on one book, it collects a sheet's comments again each time).  Only ``docProps/core.xml``
differs between any two builds (the times of making and saving) and is compared without them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table

from xl_addin.workbook import saving
from xl_addin.workbook.regions import default_regions
from xl_addin.workbook.writer import NATIVE_VARIANT, UDF_VARIANT, WorkbookWriter

_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:(created|modified)>")


def _parts(save: Callable[[Any, io.BytesIO], None], book: Any) -> dict[str, bytes]:
    out = io.BytesIO()
    save(book, out)
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["docProps/core.xml"] = _TIMES.sub(b"", parts["docProps/core.xml"])
    return parts


def _same_as_openpyxl(build: Callable[[], Any]) -> dict[str, bytes]:
    """Save two builds, one by openpyxl and one by ``saving.save``; assert equal parts in the same order."""
    expected = _parts(lambda book, out: book.save(out), build())
    found = _parts(saving.save, build())
    assert list(found) == list(expected)
    differing = [name for name in expected if found[name] != expected[name]]
    assert differing == []
    return found


@pytest.mark.parametrize(
    ("lang", "variant", "product_rows"),
    [("ru", NATIVE_VARIANT, 0), ("en", NATIVE_VARIANT, 0), ("ru", UDF_VARIANT, 0), ("ru", NATIVE_VARIANT, 3)],
)
def test_a_generated_workbook_is_saved_as_openpyxl_saves_it(lang: str, variant: str, product_rows: int) -> None:
    products = tuple(
        {"in_product_code": f"P{i}", "in_product_name": f"Товар & <{i}>", "in_product_units_per_pack": 60}
        for i in range(product_rows)
    )

    def build() -> Any:
        writer = WorkbookWriter(default_regions()[0], lang=lang, variant=variant, product_list=products)
        return writer.build()

    parts = _same_as_openpyxl(build)
    # the plan's big sheets went through this module's writer, not openpyxl's (else the test proves nothing of it)
    book = build()
    biggest = max(book.worksheets, key=lambda sheet: len(sheet._cells))  # «План (расчёт)»
    assert len(biggest._cells) > 5000 and saving._sheet_rows(biggest) is not None
    assert sum(part.count(b"<f>") for part in parts.values()) > 10_000


def _every_kind() -> Any:
    """A sheet of every kind of cell this module writes, and a few openpyxl alone writes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Всё"
    sheet["A1"] = " пробел по краям "
    sheet["A2"] = "a & b < c > d \" ' "
    sheet["A3"] = '=A1&"<>&"'
    sheet["A4"], sheet["B4"], sheet["C4"], sheet["D4"] = 3, 1.25, Decimal("1.2"), 10**15 + 1
    sheet["A5"], sheet["B5"] = True, False
    sheet["A6"] = dt.datetime(2007, 3, 1)
    sheet["B6"] = dt.date(2007, 12, 31)
    sheet["A7"] = "#N/A"
    sheet["A7"].data_type = "e"
    sheet["A8"] = ""
    sheet["B8"].font = Font(bold=True)  # styled, no value
    sheet["C8"].protection = Protection(locked=False)
    sheet["D8"].fill = PatternFill("solid", fgColor="FFC7CE")
    sheet["E8"] = "перенос\nстроки"
    sheet["E8"].alignment = Alignment(wrap_text=True)
    sheet.row_dimensions[12].height = 30  # a row with only a height
    sheet.row_dimensions[3].hidden = True
    sheet.merge_cells("A10:C10")
    sheet["A10"] = "объединённые"
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].font = Font(italic=True)
    second = book.create_sheet("Пустой")
    second.row_dimensions[2].height = 20
    book.create_sheet("Совсем пустой")
    noted = book.create_sheet("Примечание")
    noted["A1"] = "с примечанием"
    noted["A1"].comment = Comment("примечание", "автор")
    noted["B1"] = "=1+1"
    linked = book.create_sheet("Ссылка")
    linked["A1"] = "ссылка"
    linked["A1"].hyperlink = "https://example.org"
    array = book.create_sheet("Массив")
    array["A1"] = ArrayFormula("A1:A2", "=1+{1;2}")
    table = book.create_sheet("Таблица")
    table.append(["код", "число"])
    table.append(["a", 1])
    table.add_table(Table(displayName="Т1", ref="A1:B2"))
    return book


def test_every_kind_of_cell_is_written_as_openpyxl_writes_it() -> None:
    parts = _same_as_openpyxl(_every_kind)
    assert '<t xml:space="preserve"> пробел по краям </t>'.encode() in parts["xl/worksheets/sheet1.xml"]


@pytest.mark.parametrize(
    ("title", "ours"),
    [("Всё", True), ("Пустой", True), ("Совсем пустой", True), ("Примечание", False), ("Ссылка", False),
     ("Массив", False), ("Таблица", False)],
)  # fmt: skip
def test_what_this_module_does_not_write_is_left_to_openpyxl(title: str, ours: bool) -> None:
    assert (saving._sheet_rows(_every_kind()[title]) is not None) is ours


def test_the_cells_are_back_in_the_book_after_saving() -> None:
    book = _every_kind()
    before = {sheet.title: (dict(sheet._cells), dict(sheet.row_dimensions)) for sheet in book.worksheets}
    saving.save(book, io.BytesIO())
    after = {sheet.title: (dict(sheet._cells), dict(sheet.row_dimensions)) for sheet in book.worksheets}
    assert after == before
    assert book["Всё"]["A3"].value == '=A1&"<>&"'
