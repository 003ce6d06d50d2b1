"""LibreOffice, a real spreadsheet, against the reader on the hostile workbooks (issue 19, §2): where LibreOffice shows
one value the reader reads the same, and where the workbook could show either of two the reader refuses it.

One soffice call for all the files (about 5 s).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.refresh import test_reader_structure as structure
from tests.refresh import test_reader_values as values
from tests.refresh.test_refresh_cli import clean_inputs
from tests.refresh.xml_edit import sheet_part
from tests.workbook.filling import fill, product_columns
from tests.workbook.libreoffice import convert
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.reading import read_workbook
from xl_addin.workbook.writer import Region, write_workbook


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Any]]:
    """File stem → (the file, LibreOffice's copy of it opened by openpyxl); "resaved-by-libreoffice" → (that copy of
    «resaved», None)."""
    work = tmp_path_factory.mktemp("libreoffice")
    write_workbook(work / "blank.xlsx", Region("Алтай"))
    filled = work / "filled.xlsx"
    fill(work / "blank.xlsx", filled, clean_inputs(1000))  # «Ввод»!D7 (in_on_art) = 900
    title = sheet_part(filled, "Титул")
    files = [
        structure.hostile(filled, work / "duplicate.xlsx", structure.sheet_first("Ввод", "rIdEvil")),
        structure.hostile(filled, work / "foreign.xlsx", structure.sheet_first("Ввод", "rIdEvil", "urn:evil")),
        values.with_shared_strings(filled, work / "rich.xlsx", {title: structure.set_cell("B10", "1", "s")}),
        values.with_shared_strings(filled, work / "escaped.xlsx", {title: structure.set_cell("B10", "3", "s")}),
    ]
    products = work / "resaved.xlsx"  # the letter's inputs and two product rows, one of them with a price
    fill(filled, products, product_columns([
        {"in_product_code": "A1", "in_product_name": "Ламивудин 150 мг, таблетки", "in_product_covers": "arv",
         "in_product_share": 100, "in_product_units_per_pack": 60, "in_product_units_per_kit": 730,
         "in_product_kits_requested": 120, "in_product_price": 1234.56, "in_product_stock": 300},
        {"in_product_code": "T2", "in_product_name": "Тест-система ИФА", "in_product_kits_requested": 40},
    ]))  # fmt: skip
    files.append(products)
    converted = convert(files, work, "xlsx")
    found = {path.stem: (path, load_workbook(copy)) for path, copy in zip(files, converted, strict=True)}
    found["resaved-by-libreoffice"] = (converted[-1], None)
    return found


def test_a_sheet_entry_in_a_foreign_namespace_is_not_shown_and_the_workbook_is_refused(shown: dict[str, Any]) -> None:
    path, book = shown["foreign"]
    assert [sheet["D7"].value for sheet in book.worksheets if sheet.title.startswith("Ввод")] == [900]
    with pytest.raises(UnreadableWorkbookError, match="элемент «sheet» в пространстве имён urn:evil"):
        read_workbook(path)


def test_two_vvod_entries_show_two_sheets_and_the_workbook_is_refused(shown: dict[str, Any]) -> None:
    """LibreOffice shows both (one renamed): the 1 199 999 under the title «Ввод»; which is «the» «Ввод» is not
    the reader's to guess."""
    path, book = shown["duplicate"]
    vvod = {sheet.title: sheet["D7"].value for sheet in book.worksheets if sheet.title.startswith("Ввод")}
    assert vvod["Ввод"] == structure.EVIL and sorted(vvod.values()) == [900, structure.EVIL]
    with pytest.raises(UnreadableWorkbookError, match=r"^в книге два листа с именем «Ввод» и «Ввод»"):
        read_workbook(path)


@pytest.mark.parametrize(("stem", "region"), [("rich", "Алтай"), ("escaped", "_x0041_ край")])
def test_a_shared_string_reads_as_libreoffice_shows_it(shown: dict[str, Any], stem: str, region: str) -> None:
    path, book = shown[stem]
    assert book["Титул"]["B10"].value == region == read_workbook(path).region


def test_a_workbook_resaved_by_libreoffice_reads_the_same(shown: dict[str, Any]) -> None:
    """LibreOffice writes its own XML (shared strings, its own styles and cell order): the same inputs, region,
    products and problems come out of the original and the copy."""
    original, resaved = shown["resaved"][0], shown["resaved-by-libreoffice"][0]
    with zipfile.ZipFile(resaved) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()  # the texts are shared strings there
    before, after = read_workbook(original), read_workbook(resaved)
    assert (after.region, after.inputs, after.problems) == (before.region, before.inputs, before.problems)
    assert before.products is not None and after.products is not None
    assert after.products.values == before.products.values
    assert before.products.values["in_product_name"][:3] == ["Ламивудин 150 мг, таблетки", "Тест-система ИФА", None]
    assert before.products.values["in_product_price"][:2] == [1234.56, None]
