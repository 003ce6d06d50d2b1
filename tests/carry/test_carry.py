"""`xl-addin carry` / ``xl_addin.carry``: what is carried, what is a row of the report, what never happens.

A typed-over result comes back as its formula (a warning row); a value the current validation rejects, a product
not on the new list, a name the current version dropped are error rows and are not written; a bad source is a
row and the others are carried; a filled target is never overwritten without ``force``; a source never changes.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

import xl_addin
from tests.workbook.filling import fill, read_name
from xl_addin import cli
from xl_addin.carrying.plan import make_plan
from xl_addin.carrying.run import REPORT_CSV
from xl_addin.carrying.source import SourceBook, is_formula
from xl_addin.errors import ArgumentError
from xl_addin.workbook.names import named_cells

DATA = Path(__file__).resolve().parents[1] / "data" / "carry"


def _report(out: Path) -> list[dict[str, str]]:
    with (out / REPORT_CSV).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _source(tmp_path: Path, name: str, changes: dict[str, Any] | None = None) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir(exist_ok=True)
    path = shutil.copyfile(DATA / name, folder / name)
    if changes:
        fill(path, path, changes)
    return path


def test_a_result_typed_over_comes_back_as_its_formula_and_is_reported(tmp_path: Path) -> None:
    source = _source(tmp_path, "v4-filled-ru.xlsx", {"out_elisa_volume": 5, "chk_all": "OK"})
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    result = xl_addin.carry(source, tmp_path / "out", jobs=1)
    assert isinstance(result, xl_addin.CarryResult)
    assert result.exit_code == 0  # nothing the region typed was left behind
    book = load_workbook(result.written[0])
    assert is_formula(named_cells(book, "out_elisa_volume")[0].value)
    assert is_formula(named_cells(book, "chk_all")[0].value)
    rows = [(r["Лист"], r["Ячейка"], r["Имя"], r["Найдено"], r["Серьёзность"]) for r in _report(tmp_path / "out")]
    assert ("Диагностика", "B3", "out_elisa_volume", "5", "предупреждение") in rows
    assert ("Проверки", "B20", "chk_all", "OK", "предупреждение") in rows
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("name", "typed", "cell", "shown"),
    [
        ("in_on_art", 1.5, "D7", "1.5"),
        ("in_on_art", "много", "D7", "много"),
        ("in_registered_by_years_since_detection", [500, 450, -4, 380, 350, 330, 300, 280, 260, 550], "F45", "-4"),
    ],
)
def test_a_value_the_new_validation_rejects_is_reported_and_not_written(
    tmp_path: Path, name: str, typed: Any, cell: str, shown: str
) -> None:
    source = _source(tmp_path, "v3-filled-ru.xlsx", {name: typed})
    result = xl_addin.carry(source, tmp_path / "out", jobs=1)
    assert result.exit_code == 1
    errors = [r for r in _report(tmp_path / "out") if r["Серьёзность"] == "ошибка"]
    assert [(r["Лист"], r["Ячейка"], r["Имя"], r["Найдено"]) for r in errors] == [("Ввод", cell, name, shown)]
    assert "не перенесено" in errors[0]["Что не так"]
    book = load_workbook(result.written[0])
    carried = read_name(book, name)
    if isinstance(typed, list):
        assert carried == [None if value == -4 else value for value in typed]
    else:
        assert carried is None
    assert read_name(book, "in_registered") == 3800  # the rest is carried


LIST = """code;name;covers;units_per_pack;units_per_kit;price;funding
D01;Тест-система ИФА для выявления антител к ВИЧ-1,2 и антигена p24;ИФА: исследований;96;;;федеральный бюджет
D02;Тест-система ИФА для выявления антител к ВИЧ-1,2 (вторая);ИФА: исследований;96;;4000;федеральный бюджет
A01;Нелфинавир, таблетки 250 мг;АРВ: компонент 1 — ИП, первый ряд;270;3650;;федеральный бюджет
"""


def test_product_rows_follow_their_code_onto_a_new_list(tmp_path: Path) -> None:
    products = tmp_path / "list.csv"
    products.write_text(LIST, encoding="utf-8")
    result = xl_addin.carry(DATA / "v4-filled-ru.xlsx", tmp_path / "out", products=products, jobs=1)
    assert result.exit_code == 1
    book = load_workbook(result.written[0])
    row = {name: read_name(book, name)[:4] for name in ("in_product_code", "in_product_stock", "in_product_price",
                                                          "in_product_kits_requested", "in_product_last_year")}  # fmt: skip
    assert row == {
        "in_product_code": ["D01", "D02", "A01", None],
        "in_product_stock": [9600, 960, 27000, None],
        "in_product_price": [None, 4000, 1250, None],  # D02: the list's 4000 wins over the typed 4500
        "in_product_kits_requested": [None, None, 200, None],
        "in_product_last_year": [190000, 80000, None, None],
    }
    rows = _report(tmp_path / "out")
    left = sorted(r["Найдено"] for r in rows if r["Имя"] == "in_product_code" and r["Серьёзность"] == "ошибка")
    assert left == ["A02", "A04", "A05", "A07", "A08", "A09", "A10"]  # typed into, not on the list: left behind
    listed_only = [r for r in rows if r["Имя"] == "in_product_code" and r["Серьёзность"] == "сведения"]
    assert len(listed_only) == 22 - 3 - 7
    (price,) = [r for r in rows if r["Имя"] == "in_product_price"]
    assert (price["Ячейка"], price["Найдено"], price["Серьёзность"]) == ("H22", "4500", "предупреждение")


def _broken_zip(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)


def _foreign(path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "чужая книга"  # type: ignore[index]
    book.save(path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _version_1(path: Path) -> None:
    shutil.copyfile(DATA / "v4-blank-ru.xlsx", path)
    fill(path, path, {"xl_addin_template_version": "1"})


def _text(path: Path) -> None:
    path.write_text("не книга", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_broken_zip, "zip"),
        (_foreign, "нет имени xl_addin_template_version"),
        (_fifo, "не обычный файл"),
        (_version_1, "версия шаблона «1»: перенос читает книги версий 2–"),
        (_text, "не является zip-архивом"),
        (None, "файл не найден"),
    ],
)
def test_a_bad_source_is_a_row_and_the_others_are_carried(
    tmp_path: Path, make: Callable[[Path], None] | None, reason: str
) -> None:
    bad = tmp_path / "sources" / "001_плохая.xlsx"
    good = _source(tmp_path, "v2-filled-ru.xlsx")
    if make is not None:
        make(bad)
    result = xl_addin.carry([bad, good], tmp_path / "out", jobs=1)
    assert result.exit_code == 1
    assert result.written == (tmp_path / "out" / "v2-filled-ru.xlsx",)
    (row,) = [r for r in _report(tmp_path / "out") if r["Серьёзность"] == "ошибка"]
    assert row["Файл"] == bad.name and reason in row["Что не так"]
    assert not (tmp_path / "out" / bad.name).exists()


def test_a_filled_target_is_overwritten_only_with_force_an_untouched_one_freely(tmp_path: Path) -> None:
    source, out = _source(tmp_path, "v3-filled-ru.xlsx"), tmp_path / "out"
    out.mkdir()
    shutil.copyfile(DATA / "v4-blank-en.xlsx", out / source.name)  # untouched: rewritten
    assert xl_addin.carry(source, out, jobs=1).exit_code == 0
    fill(out / source.name, out / source.name, {"in_on_art": 1})  # now someone typed into the target
    typed = (out / source.name).read_bytes()
    again = xl_addin.carry(source, out, jobs=1)
    assert again.exit_code == 1 and again.written == ()
    (refused,) = [r for r in _report(out) if r["Серьёзность"] == "ошибка"]
    assert (
        refused["Что не так"]
        == "v3-filled-ru.xlsx уже есть в папке результата и заполнен: не перезаписан (добавьте --force)"
    )
    assert (out / source.name).read_bytes() == typed
    assert xl_addin.carry(source, out, force=True, jobs=1).written == (out / source.name,)
    assert read_name(load_workbook(out / source.name), "in_on_art") == 620


def test_a_target_over_its_own_source_is_refused_even_with_force(tmp_path: Path) -> None:
    source = _source(tmp_path, "v4-filled-ru.xlsx")
    before = source.read_bytes()
    result = xl_addin.carry(source, source.parent, force=True, jobs=1)
    assert result.written == () and result.exit_code == 1
    assert source.read_bytes() == before


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["carry", str(DATA / "v2-filled-ru.xlsx"), str(DATA / "v3-filled-ru.xlsx"), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"Перенесено книг: 2 в {out}; отчёт: {out / REPORT_CSV}\n"
    assert cli.main(["carry", str(tmp_path / "нет.xlsx"), "--out", str(out)]) == 1
    assert capsys.readouterr().out.endswith("— не перенесено (ошибок): 1, значения остались в исходных книгах\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"lang": "de"}, "lang = 'de': нужно ru или en"),
        ({"formulas": "vba"}, "formulas = 'vba': нужно одно из native, udf"),
        ({"jobs": 0}, "jobs = 0: нужно целое число ≥ 1"),
    ],
)
def test_wrong_arguments_are_refused_in_russian(tmp_path: Path, arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ArgumentError) as raised:
        xl_addin.carry(DATA / "v2-filled-ru.xlsx", tmp_path / "out", **arguments)
    assert str(raised.value) == message


def _book(values: dict[str, list[Any]]) -> SourceBook:
    places = {name: ("Ввод", [f"D{50 + i}" for i in range(len(cells))]) for name, cells in values.items()}
    return SourceBook("4", "ru", "Тульская область", 626, 2007, values, places)


@pytest.mark.parametrize(
    ("values", "target_cells", "written", "left"),
    [
        # a name the current version dropped: every filled cell a row, nothing written
        ({"in_old_field": [5, None]}, {}, {}, [("D50", "in_old_field", "5")]),
        # a name both versions have that the layer does not describe (the supply plan's tables): as it is
        ({"in_plan_deliveries": [3, "текст", None]}, {"in_plan_deliveries": 3}, {"in_plan_deliveries": {0: 3, 1: "текст"}}, []),
        # fewer cells in the current version: the cell beyond is a row
        ({"in_plan_deliveries": [3, None, 7]}, {"in_plan_deliveries": 2}, {"in_plan_deliveries": {0: 3}}, [("D52", "in_plan_deliveries", "7")]),
    ],
)  # fmt: skip
def test_the_plan_is_driven_by_the_contracts(
    values: dict[str, list[Any]],
    target_cells: dict[str, int],
    written: dict[str, dict[int, Any]],
    left: list[tuple[str, str, str]],
) -> None:
    plan = make_plan(_book(values), target_cells, lang="ru")
    assert plan.values == written
    assert [(row.cell, row.name, row.value) for row in plan.rows] == left


def test_a_native_workbook_carried_into_the_add_in_variant(tmp_path: Path) -> None:
    result = xl_addin.carry(DATA / "v4-filled-ru.xlsx", tmp_path / "out", formulas="udf", jobs=1)
    assert result.written == (tmp_path / "out" / "v4-filled-ru.xlsm",)
    with zipfile.ZipFile(result.written[0]) as archive:
        assert "xl/vbaProject.bin" in archive.namelist()  # xlwings' VBA kept
    book = load_workbook(result.written[0], keep_vba=True)
    assert read_name(book, "in_on_art") == 620
    assert read_name(book, "in_product_stock")[:2] == [9600, 960]
    assert "ELISA_VOLUME(" in str(read_name(book, "out_elisa_volume"))  # the add-in's function, not Excel's


def _moved(path: Path) -> None:
    book = load_workbook(path)
    book.defined_names["in_on_art"].attr_text = "'Ввод'!$D$8"  # where in_starting_art is (180)
    del book.defined_names["in_registered"]
    book.save(path)


def test_a_moved_or_missing_name_is_read_where_it_points_or_where_the_version_put_it(tmp_path: Path) -> None:
    source = _source(tmp_path, "v3-filled-ru.xlsx")
    _moved(source)
    result = xl_addin.carry(source, tmp_path / "out", jobs=1)
    assert result.exit_code == 0
    book = load_workbook(result.written[0])
    assert (read_name(book, "in_on_art"), read_name(book, "in_registered")) == (180, 3800)
    warnings = {
        (r["Имя"], r["Лист"], r["Ячейка"]) for r in _report(tmp_path / "out") if r["Серьёзность"] == "предупреждение"
    }
    assert warnings == {("in_on_art", "Ввод", "D8"), ("in_registered", "Ввод", "D32")}


def test_two_sources_of_one_name_the_second_is_a_row(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "книга.xlsx", tmp_path / "b" / "книга.xlsx"
    for path, name in ((first, "v2-filled-ru.xlsx"), (second, "v3-filled-ru.xlsx")):
        path.parent.mkdir()
        shutil.copyfile(DATA / name, path)
    result = xl_addin.carry([first, second], tmp_path / "out", jobs=1)
    assert result.written == (tmp_path / "out" / "книга.xlsx",)
    (row,) = [r for r in _report(tmp_path / "out") if r["Серьёзность"] == "ошибка"]
    assert row["Что не так"] == f"книга.xlsx уже пишется из {first}: не перенесена (переименуйте одну из книг)"


def test_an_english_workbook_gets_the_russian_list_in_english_and_its_own_rows_reported(tmp_path: Path) -> None:
    products = tmp_path / "list.csv"
    products.write_text(LIST, encoding="utf-8")  # Russian choices: an English workbook shows them in English
    result = xl_addin.carry(DATA / "v4-filled-en.xlsx", tmp_path / "out", products=products, jobs=1)
    book = load_workbook(result.written[0])
    assert read_name(book, "in_product_covers")[:4] == [
        "ELISA tests",
        "ELISA tests",
        "ARV: component 1 — PI, first line",
        None,
    ]
    assert read_name(book, "in_product_funding")[0] == "federal budget"
    left = [(r["Ячейка"], r["Найдено"]) for r in _report(tmp_path / "out") if r["Серьёзность"] == "ошибка"]
    assert left == [("A21", "X1"), ("A22", "X2")]  # typed by the region, not on the list: left in the source
