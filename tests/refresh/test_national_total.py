"""The national table ends with the totals over the regions in the totals and the letter's own total
(docs/interpretation.md, N1, N2)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from xl_addin.consolidation import national, national_book
from xl_addin.consolidation.national import PUBLISHED_2006, RegionRow
from xl_addin.core import art_need
from xl_addin.core.art_need import Subject

LETTER_LABEL = "Всего по письму (в т. ч. 561 без определенного места жительства)"


def _rows() -> list[RegionRow]:
    """Two regions in the totals, one left out, one that sent nothing (2006 figures: the letter's rows)."""
    return [
        RegionRow.of("г. Москва", "m.xlsx", "OK", True, {"out_elisa_volume": 1200}, 5862),
        RegionRow.of("Томская область", "t.xlsx", "проблем: 1", True, {"out_elisa_volume": 300}, 111),
        RegionRow.of("Тульская область", "u.xlsx", "дубликат", False, {"out_elisa_volume": 50}, 626),
        RegionRow.of("Пермский край", "", national.NOT_RECEIVED, False, {}, 888),
    ]


def _column(key: str) -> int:
    return 4 + [name for name, _ in national.columns()].index(key)


def test_the_table_ends_with_the_regions_total_then_the_letters_total() -> None:
    header, *body, total, letter = national.table(_rows())
    assert [row[0] for row in body] == ["г. Москва", "Томская область", "Тульская область", "Пермский край"]
    assert total[:2] == ["Итого по вошедшим в итог регионам", "регионов в итоге: 2"]
    assert total[_column(PUBLISHED_2006)] == 5973  # 5862 + 111: only the regions in the totals
    assert total[_column("out_elisa_volume")] == 1500  # 1200 + 300
    assert letter[:4] == [LETTER_LABEL, "«Всего в Российской Федерации»: строки 1–90 таблицы 2006 г.", "", ""]
    assert letter[_column(PUBLISHED_2006)] == 58333  # the letter's total, 561 of row 1 included
    assert [value for index, value in enumerate(letter[4:], 4) if index != _column(PUBLISHED_2006)] == [None] * (
        len(header) - 5
    )


@pytest.mark.parametrize(
    ("rows", "published"),
    [
        ([], 0),  # no region: the totals row is 0, the letter's row still 58333
        (_rows()[:1], 5862),
        (_rows(), 5973),  # 5862 + 111
    ],
)
def test_the_letters_total_does_not_depend_on_the_regions(rows: list[RegionRow], published: int) -> None:
    *_, total, letter = national.table(rows)
    assert (total[_column(PUBLISHED_2006)], letter[_column(PUBLISHED_2006)]) == (published, 58333)


def test_the_letters_total_takes_row_1_from_the_shipped_table(monkeypatch: pytest.MonkeyPatch) -> None:
    # a table of two rows: 7 persons without a place of residence + 93 in one region = 100
    table = (Subject(1, "Без определенного места жительства", 7), Subject(2, "Область", 93))
    monkeypatch.setattr(art_need, "subjects_2006", lambda: table)
    monkeypatch.setattr(art_need, "PUBLISHED_TOTAL_2006", 100)
    letter = national.letter_total()
    assert letter[:2] == [
        "Всего по письму (в т. ч. 7 без определенного места жительства)",
        "«Всего в Российской Федерации»: строки 1–2 таблицы 2006 г.",
    ]
    assert letter[_column(PUBLISHED_2006)] == 100


def test_a_shipped_table_that_does_not_add_up_to_the_letter_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    table = (Subject(1, "Без определенного места жительства", 561), Subject(2, "Область", 1))
    monkeypatch.setattr(art_need, "subjects_2006", lambda: table)
    with pytest.raises(ValueError, match=r"^таблица 2006 г\. в пакете повреждена: сумма строк 562, а в письме 58333$"):
        national.table([])


def test_national_csv_carries_both_rows(tmp_path: Path) -> None:
    path = tmp_path / "national.csv"
    national.write_national_csv(path, _rows())
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    total, letter = lines[-2], lines[-1]
    assert total[0] == "Итого по вошедшим в итог регионам" and total[_column(PUBLISHED_2006)] == "5973"
    assert letter[0] == LETTER_LABEL and letter[_column(PUBLISHED_2006)] == "58333"
    assert letter[_column("out_elisa_volume")] == ""


def test_national_xlsx_shows_both_rows_bold_and_the_regions_as_before(tmp_path: Path) -> None:
    path = tmp_path / "national.xlsx"
    national_book.write_national_xlsx(path, _rows())
    sheet = load_workbook(path)["Регионы"]
    rows = list(sheet.iter_rows(min_row=2))  # row 1: the groups of columns
    assert rows[7][0].value is None and rows[8][0].value == "Цвета ячеек:"  # the colours' legend below the table
    rows = rows[:7]  # header, 4 regions, the totals and the letter's total
    total, letter = rows[-2], rows[-1]
    assert total[0].value == "Итого по вошедшим в итог регионам" and total[_column(PUBLISHED_2006)].value == 5973
    assert letter[0].value == LETTER_LABEL and letter[_column(PUBLISHED_2006)].value == 58333
    assert letter[_column("out_elisa_volume")].value is None
    assert all(cell.font.b for cell in (*total, *letter))
    assert rows[2][2].fill.fgColor.rgb == "00FFC7CE"  # Томская область: its checks failed
    assert rows[4][0].fill.fgColor.rgb == "00E7E6E6"  # Пермский край: not received
    assert not rows[1][0].font.b and rows[1][2].fill.fill_type is None  # г. Москва: OK, plain
