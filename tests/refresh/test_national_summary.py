"""The sheet «Сводка» of national.xlsx (issue 20): its figures equal the table's totals and the hand-worked values
(tests/refresh/national_summary_data.py), the regions to look at come worst first, and LibreOffice prints it on one
legible A4 page with no technical key."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from tests.refresh.national_summary_data import hand_lines, hand_rows, values
from tests.workbook.libreoffice import convert
from xl_addin.consolidation import national
from xl_addin.consolidation.national import NOT_RECEIVED, RegionRow
from xl_addin.consolidation.national_products import ProductsSpool, ProductsTable, consolidate
from xl_addin.consolidation.national_summary import SHEET, add_summary_sheet, attention
from xl_addin.consolidation.products import FileProducts
from xl_addin.core import art_need

TREAT_FROM, TREAT_TO = "Подлежат лечению (каскад письма): от", "Подлежат лечению (каскад письма): до"
COVERAGE = "Охват АРТ, % (план ÷ зарегистрированные)"


def products_table(rows: list[RegionRow]) -> ProductsTable:
    with ProductsSpool() as spool:
        for file, region, _, lines in hand_lines():
            spool.add(file, region, FileProducts(lines=tuple(lines)))
        return consolidate(spool, rows)


def summary_book(path: Path, rows: list[RegionRow], products: ProductsTable | None, **extra: Any) -> Path:
    book = Workbook(write_only=True)
    add_summary_sheet(book, rows, products, **extra)
    book.save(path)
    return path


def read_summary(path: Path) -> dict[str, tuple[Any, Any, Any]]:
    """Label → (value, regions, note) of every row of «Сводка» with a label."""
    book = load_workbook(path)
    assert book.sheetnames[0] == SHEET
    return {row[0]: tuple(row[1:4]) for row in book[SHEET].iter_rows(values_only=True) if row and row[0]}


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, Any, Any]]:
    rows = hand_rows()
    path = tmp_path_factory.mktemp("summary") / "national.xlsx"
    return read_summary(summary_book(path, rows, products_table(rows)))


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Получено книг регионов", (4, None, None)),
        ("Вошли в итог", (3, None, "одна книга на регион, данные верны")),
        ("С ошибками", (1, None, "проверки не пройдены или ошибки в problems.csv")),
        ("Не получено", (1, None, None)),
        (TREAT_FROM, (1638, 3, None)),
        (TREAT_TO, (2520, 3, None)),
        ("Зарегистрировано живущих с ВИЧ, человек", (12800, 3, None)),
        ("Планируется лечить (АРТ), человек", (1750, 3, None)),
        (COVERAGE, (13.7, 3, "из сумм регионов; норма 13–20 %")),
        ("Нужно годовых комплектов АРВ-препаратов", (1750, 3, None)),
        ("Исследований: диагностика ВИЧ", (1530, 3, "видов исследований: 9")),
        ("Исследований: диагностика гепатитов", (204, 3, "видов исследований: 12")),
        ("Стоимость заявки, всего, руб.", (6200.5, 2, None)),
        ("Из неё диагностика ВИЧ", (1000, 1, None)),
        ("Диагностика гепатитов", (200, 1, None)),
        ("АРВ-препараты", (5000.5, 1, None)),
        ("За счёт: федеральный бюджет", (1000, 1, None)),
        ("За счёт: региональный бюджет", (5000.5, 1, None)),
        ("За счёт: другое", (0, 0, None)),
        ("За счёт: источник не указан", (200, 1, None)),
        ("Регионов в сводке товаров", (2, None, "не все регионы итога — см. «Товары»")),
    ],
)
def test_the_summary_shows_the_hand_worked_figures(summary: dict[str, Any], label: str, expected: tuple) -> None:
    assert summary[label] == expected


@pytest.mark.parametrize(
    ("label", "key"),
    [(TREAT_FROM, "out_treatment_need_range[0]"), (TREAT_TO, "out_treatment_need_range[1]"),
     ("Зарегистрировано живущих с ВИЧ, человек", "in_registered"),
     ("Планируется лечить (АРТ), человек", "in_planned_on_art"), (COVERAGE, "coverage"),
     ("Нужно годовых комплектов АРВ-препаратов", "out_annual_kits_needed")],
)  # fmt: skip
def test_the_summary_equals_the_tables_totals_row(summary: dict[str, Any], label: str, key: str) -> None:
    total = national.table(hand_rows())[-2]  # the totals row of national.xlsx and national.csv
    index = 4 + [column for column, _ in national.columns()].index(key)
    assert Decimal(str(summary[label][0])) == total[index]


def test_the_regions_to_look_at_come_worst_first_with_every_reason() -> None:
    """Errors first; then coverage outside the band, furthest first (Тыва 5 points above, Томская 3 below); the 2006
    figure flagged beyond ±50 % (Тыва +200 %, Томская −60 %; Алтай +11 % is not); last year's kits with them."""
    assert attention(hand_rows()) == [
        ("Свердловская область", "ошибки: не пройдено проверок 2, строк в problems.csv 3"),
        ("Республика Тыва", "охват 25,0 % — выше 20 %; расчёт нуждающихся 300 против 100 в письме 2006 г. (+200 %)"),
        ("Томская область", "охват 10,0 % — ниже 13 %; расчёт нуждающихся 160 против 400 в письме 2006 г. (-60 %)"),
    ]
    with_last_year = attention(hand_rows(), {"Алтайский край": 500, "Республика Тыва": 240})
    assert with_last_year[-1] == ("Алтайский край", "комплектов 1 300 против 500 в прошлом году (+160 %)")
    assert len(with_last_year) == 4  # Тыва: 250 against 240 (+4 %) adds nothing


@pytest.mark.parametrize("products", [None, "empty"])
def test_no_products_say_so(tmp_path: Path, products: str | None) -> None:
    rows = hand_rows()
    with ProductsSpool() as spool:
        table = consolidate(spool, rows) if products else None
    shown = read_summary(summary_book(tmp_path / "national.xlsx", rows, table))
    assert shown["Стоимость заявки"] == (None, 0, "нет товаров в сводке")
    assert "Стоимость заявки, всего, руб." not in shown


def test_a_total_missing_in_a_region_is_named_not_summed(tmp_path: Path) -> None:
    rows = hand_rows()
    broken = dict(values(100, 10, 100, 80, [10, 16], 10, 1, 1), out_elisa_volume=None, out_annual_kits_needed=None)
    rows.append(RegionRow.of("Ярославская область", "y.xlsx", "OK", True, broken, None))
    shown = read_summary(summary_book(tmp_path / "national.xlsx", rows, None))
    assert shown["Нужно годовых комплектов АРВ-препаратов"] == (None, None, "нет итога: не вычислено у 1 рег.")
    assert shown["Исследований: диагностика ВИЧ"] == (None, None, "нет итога: не вычислено видов исследований — 1 из 9")
    assert shown["Исследований: диагностика гепатитов"][:2] == (204 + 12, 4)


_WORD = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')


def _pdftotext() -> str:
    command = shutil.which("pdftotext")
    if command is None:
        pytest.skip("pdftotext is not installed (.ci/run installs Debian's poppler-utils)")
    return command


def _pages(pdf: Path) -> list[list[tuple[float, str]]]:
    text = subprocess.run([_pdftotext(), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(bottom) - float(top), word) for top, bottom, word in _WORD.findall(page)]
        for page in text.split("<page ")[1:]
    ]


def every_region() -> list[RegionRow]:
    """Every subject of the letter's table, each with an error, its coverage outside the band and far from 2006: the
    longest «Сводка» there can be (its list of regions to look at is cut, the page stays one)."""
    return [
        RegionRow.of(subject.name, f"{number}.xlsx", "3", False, values(1000, 50, 1000, 800, [104, 160], 10, 1, 1),
                     1000, errors=2)
        for number, subject in enumerate(art_need.subjects_2006(), 1)
    ] + [RegionRow.of("Чукотский автономный округ — не получено", "", NOT_RECEIVED, False, {}, None)]  # fmt: skip


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The yardstick (one 8 pt cell), the hand-made summary and the longest summary, printed in one soffice call."""
    work = tmp_path_factory.mktemp("printed")
    yardstick = Workbook()
    yardstick.active["A1"] = "Мерка"
    yardstick.active["A1"].font = Font(size=8)
    yardstick.save(work / "yardstick.xlsx")
    rows = hand_rows()
    files = [work / "yardstick.xlsx", summary_book(work / "hand.xlsx", rows, products_table(rows)),
             summary_book(work / "longest.xlsx", every_region(), None)]  # fmt: skip
    pdfs = convert(files, work, "pdf")
    ((eight_pt, _),) = _pages(pdfs[0])[0]
    return {"eight_pt": eight_pt, "hand": _pages(pdfs[1]), "longest": _pages(pdfs[2])}


@pytest.mark.parametrize("book", ["hand", "longest"])
def test_the_summary_prints_on_one_legible_page_without_keys(printed: dict[str, Any], book: str) -> None:
    pages = printed[book]
    assert len(pages) == 1
    words = [word for _, word in pages[0]]
    too_small = [(word, round(height, 1)) for height, word in pages[0] if height < printed["eight_pt"] - 0.05]
    assert too_small == [], f"8 pt is {printed['eight_pt']:.1f} high"
    technical = [word for word in words if re.search(r"\b(out|in|chk)_|_(total|range|volume)\b|\[\d\]", word)]
    assert technical == []
    assert {"Сводная", "Регионы", "Охват", "Бюджет", "Обратить"} <= set(words)


def test_the_longest_summary_counts_the_regions_it_cannot_show(printed: dict[str, Any]) -> None:
    """Every received region is to be looked at (90 rows of the 2006 table): 9 shown, the rest counted."""
    text = " ".join(word for _, word in printed["longest"][0])
    subjects = len(art_need.subjects_2006())
    assert f"в первую очередь ({subjects})" in text
    assert f"… и ещё {subjects - 9} " in text  # the label; its note beside it
    assert "см. лист «Регионы» и problems.csv" in text


@pytest.mark.parametrize("before", [[], ["Регионы"], ["Регионы", "Товары"]])
def test_the_summary_is_the_first_sheet_whenever_it_is_added(tmp_path: Path, before: list[str]) -> None:
    """write_national_xlsx may add it among its ``sheets`` after the table: it still opens first."""
    book = Workbook(write_only=True)
    for title in before:
        book.create_sheet(title)
    add_summary_sheet(book, hand_rows(), None)
    book.save(tmp_path / "national.xlsx")
    assert load_workbook(tmp_path / "national.xlsx").sheetnames == [SHEET, *before]
