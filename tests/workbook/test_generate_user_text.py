"""``generate`` writes what a user gives as text, always, and refuses what it cannot write (issue 19, §3 and §4):
a region or product called ``=cmd|' /C calc'!A0`` is a string cell in every workbook, never a formula; a control
character, an over-long name or file, an impossible year, a product code given twice is a Russian error."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook

from tests.refresh.xml_edit import MAIN
from tests.workbook.libreoffice import recalculate
from xl_addin import cli
from xl_addin.errors import ArgumentError
from xl_addin.request.products_model import FIRST_ROW
from xl_addin.workbook.generate import generate
from xl_addin.workbook.product_list import ProductListError, read_product_list
from xl_addin.workbook.products_formulas import LETTER
from xl_addin.workbook.writer import Region

INJECTION = "=cmd|' /C calc'!A0"
HEADER = "code;name;covers;units_per_pack\n"
#: The first product row's code and name cells on «Товары» (the sheet's layout).
CODE, NAME = f"{LETTER['in_product_code']}{FIRST_ROW}", f"{LETTER['in_product_name']}{FIRST_ROW}"


def _products(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "products.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _cells_holding(book: Path, text: str) -> list[tuple[str, str, dict[str, str], bool]]:
    """Every cell of every sheet part whose XML mentions ``text``: (part, reference, attributes, has a formula)."""
    found = []
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                continue
            for cell in fromstring(archive.read(name)).iter(f"{{{MAIN}}}c"):
                written = "".join(cell.itertext())
                if text in written:
                    has_formula = cell.find(f"{{{MAIN}}}f") is not None
                    found.append((name, cell.get("r", ""), dict(cell.attrib), has_formula))
    return found


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """A run per variant and language with the injection as a region's name and as a product's code and name."""
    work = tmp_path_factory.mktemp("injected")
    products = _products(work, HEADER + f'"{INJECTION}";"{INJECTION}";ИФА: исследований;96\n')
    books = {}
    for variant in ("native", "udf"):
        for lang in ("ru", "en"):
            out = work / f"{variant}-{lang}"
            product_list = read_product_list(products, lang)
            summary = generate(
                out, [Region(INJECTION), Region("Алтай")], lang=lang, variant=variant, product_list=product_list
            )
            books[variant, lang] = summary.written[0]
    return books


@pytest.mark.parametrize("variant", ["native", "udf"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_region_or_product_named_like_a_formula_is_written_as_text(
    injected: dict[tuple[str, str], Path], variant: str, lang: str
) -> None:
    cells = _cells_holding(injected[variant, lang], INJECTION)
    # the region cell on the title sheet, the title (which quotes the name) and the product's code and name
    assert len(cells) == 4, cells
    for part, reference, attributes, has_formula in cells:
        assert attributes.get("t") in {"s", "inlineStr"} and not has_formula, (part, reference)
    # and the other region's file of the same run holds none of it where a region's name goes
    other = injected[variant, lang].parent / ("002_Алтай" + injected[variant, lang].suffix)
    assert [cell[1] for cell in _cells_holding(other, INJECTION)] == [CODE, NAME]  # the product's code and name


def test_libreoffice_shows_the_literal_text(injected: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    staged = tmp_path / "injected.xlsx"
    shutil.copy(injected["native", "ru"], staged)
    (recalculated,) = recalculate([staged], tmp_path)
    book = load_workbook(recalculated, data_only=True)
    assert book["Титул"]["B10"].value == INJECTION
    assert book["Товары"][CODE].value == book["Товары"][NAME].value == INJECTION


@pytest.mark.parametrize(
    ("region", "message"),
    [
        (Region("Кр\x01ым"), "регион № 1, название «Кр\x01ым»: недопустимый символ U+0001 (знак 3)"),
        (Region("Крым\n"), "недопустимый символ U+000A (знак 5)"),
        (Region("Крым", "7\x1f"), "регион № 1, код «7\x1f»: недопустимый символ U+001F (знак 2)"),
        (Region("я" * 256), "длиннее 255 знаков (256)"),
        (Region("\udcc3.xlsx"), "недопустимый символ U+DCC3 (знак 1)"),
    ],
)
def test_a_region_that_cannot_be_written_is_refused(tmp_path: Path, region: Region, message: str) -> None:
    with pytest.raises(ArgumentError) as caught:
        generate(tmp_path / "out", [region])
    assert message in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_a_name_of_255_characters_is_written(tmp_path: Path) -> None:
    (written,) = generate(tmp_path, [Region("я" * 255)]).written
    assert load_workbook(written)["Титул"]["B10"].value == "я" * 255


@pytest.mark.parametrize("year", [-5, 0, 2006, 2101, 10**20, True])
def test_an_impossible_year_is_refused_by_the_library(tmp_path: Path, year: int) -> None:
    with pytest.raises(ArgumentError, match=r"год заявки \(--year\) = .*: нужен год от 2007 до 2100"):
        generate(tmp_path / "out", [Region("Алтай")], year=year)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("year", ["-5", "100000000000000000000"])
def test_the_command_answers_an_impossible_year_in_russian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    assert cli.main(["generate", "--out", str(tmp_path / "out"), "--year", year]) == 2
    err = capsys.readouterr().err
    assert "нужен год от 2007 до 2100" in err and "Traceback" not in err


@pytest.mark.parametrize("year", [2007, 2100])
def test_the_first_and_last_years_are_made(tmp_path: Path, year: int) -> None:
    (written,) = generate(tmp_path, [Region("Алтай")], year=year).written
    assert str(year) in str(load_workbook(written)["Титул"]["A1"].value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEADER + "P\x011;Тест;ИФА: исследований;96\n",
            "строка 2, столбец «Код» = «P\x011»: недопустимый символ U+0001",
        ),
        (HEADER + "P1;Те\x00ст;ИФА: исследований;96\n", "строка 2, столбец «Наименование"),
        (HEADER + "P1;" + "я" * 256 + ";ИФА: исследований;96\n", "строка 2, столбец «Наименование"),
        (HEADER + "D1;А;ИФА: исследований;96\nD1;Б;ИФА: исследований;96\n", "строки 2 и 3: код «D1» повторяется"),
        (
            HEADER + "D1;А;ИФА: исследований;96\n\n# c\n d1 ;Б;ИФА: исследований;96\n",
            "строки 2 и 5: код «d1» повторяется",
        ),
        (HEADER + '"P1;Тест;ИФА: исследований;96\n', "строка 2: не разобрать как CSV"),
        (HEADER + "P1;" + "я" * 200_000 + ";ИФА: исследований;96\n", "строка 2: не разобрать как CSV"),
    ],
)
def test_a_product_list_that_cannot_be_written_names_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = _products(tmp_path, text)
    with pytest.raises(ProductListError) as caught:
        read_product_list(path, "ru")
    assert str(caught.value).startswith(f"файл товаров {path}") and message in str(caught.value)


def test_a_file_too_large_for_a_product_list_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    with path.open("w", encoding="utf-8") as big:
        big.write(HEADER + "P1;")
        big.write("я" * (25 * 1024 * 1024))  # 50 MB on one line: 32 + 3 + 2 × 25 × 2²⁰ bytes
    with pytest.raises(ProductListError, match=r"products\.csv: 52428835 байт — больше 2097152 байт"):
        read_product_list(path, "ru")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "файла нет"), ("folder", "это папка"), ("код;имя\n".encode("cp1251"), "текст не в кодировке UTF-8")],
)
def test_an_unreadable_product_list_says_why_in_russian(
    tmp_path: Path, content: bytes | str | None, reason: str
) -> None:
    path = tmp_path / "products.csv"
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(ProductListError) as caught:
        read_product_list(path, "ru")
    assert f"не прочитан ({reason}" in str(caught.value)
    assert not re.search("[A-Za-z]{4,}", str(caught.value).replace(str(path), ""))  # no English OS text


def test_a_quoted_field_may_hold_a_line_break_and_later_lines_keep_their_numbers(tmp_path: Path) -> None:
    text = HEADER + '# один\nP1;"Тест,\n96 (две строки)";ИФА: исследований;96\n\nP2;Тест;ИФА: исследований;-1\n'
    path = _products(tmp_path, text)
    with pytest.raises(ProductListError, match="строка 6, столбец «Единиц в упаковке» = «-1»"):
        read_product_list(path, "ru")
    path.write_text(text.replace(";-1", ";48"), encoding="utf-8")
    first, second = read_product_list(path, "ru")
    assert first["in_product_name"] == "Тест,\n96 (две строки)" and second["in_product_units_per_pack"] == 48
    # a comment-looking line inside a quoted field is the field's, not a comment
    path.write_text(HEADER + 'P1;"Тест\n# не комментарий";ИФА: исследований;96\n', encoding="utf-8")
    assert read_product_list(path, "ru")[0]["in_product_name"] == "Тест\n# не комментарий"


def test_an_interpreter_path_with_a_control_character_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ArgumentError, match=r"путь к Python \(--interpreter\) .*недопустимый символ U\+0001 \(знак 3\)"
    ):
        generate(tmp_path, [Region("Алтай")], variant="udf", interpreter="C:\x01python.exe")


@pytest.mark.parametrize(
    ("password", "said"),
    [
        ("Тула2007", "знак «Т» (U+0422, знак 1)"),  # Cyrillic: Excel's legacy hash is of code-page bytes
        ("tula-ё", "знак «ё» (U+0451, знак 6)"),
        ("pass\tword", "знак (U+0009, знак 5)"),  # a control character is not shown, only its code
        ("naïve", "знак «ï» (U+00EF, знак 3)"),  # Latin-1 is not ASCII either
    ],
)
def test_a_non_latin_password_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], password: str, said: str
) -> None:
    out = tmp_path / "books"
    with pytest.raises(ArgumentError, match=re.escape(f"пароль защиты листов (--password): {said} — не латинский")):
        generate(out, [Region("Тульская область")], password=password)
    assert cli.main(["generate", "--out", str(out), "--password", password]) == 2
    err = capsys.readouterr().err
    assert said in err and "латинские буквы, цифры и знаки клавиатуры (ASCII)" in err
    assert password not in err  # the password itself is never echoed
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("password", ["Tula-2007!", "a b~"])
def test_a_latin_password_protects_every_sheet(tmp_path: Path, password: str) -> None:
    generate(tmp_path, [Region("Тульская область")], password=password)
    book = load_workbook(next(tmp_path.iterdir()))
    assert all(sheet.protection.sheet and sheet.protection.password for sheet in book.worksheets)
