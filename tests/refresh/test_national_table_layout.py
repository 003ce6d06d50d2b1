"""national.xlsx's table «Регионы» read back with openpyxl: groups, formats, frozen panes, filter, print setup, colours.

The expected groups, cell addresses, coverages and colours are worked out by hand from the letter's results
(``xl_addin/request/layout.py``: 9 HIV diagnostics, 12 hepatitis results, 16 ARV result cells) and the rows below.
How it prints is ``test_national_table_print.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from xl_addin.consolidation import national, national_book, national_table
from xl_addin.consolidation.national import RegionRow

RED, ORANGE, GREY, BLUE = "00FFC7CE", "00FFE0B2", "00E7E6E6", "00DDEBF7"


def _region(name: str, status: str, planned: Any, registered: Any, **extra: Any) -> RegionRow:
    values = {"in_planned_on_art": planned, "in_registered": registered, "out_elisa_volume": 1234567}
    return RegionRow.of(name, f"{name}.xlsx", status, True, values, 100, **extra)


ROWS = [
    _region("Алтайский край", "OK", 1300, 9800, warnings=0),  # 13,3 %: within 13–20 %
    _region("Амурская область", "OK", 2500, 10000, warnings=2),  # 25,0 %: above 20 %; warnings only
    _region("Брянская область", "1", 1000, 10000, warnings=0),  # 10,0 %: below 13 %; one check failed
    _region("Вологодская область", "OK", 1300, "много", warnings=0),  # no number of registered: no coverage
    RegionRow.of("Тульская область", "", national.NOT_RECEIVED, False, {}, 626),
]


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("national_table") / "national.xlsx"
    national_book.write_national_xlsx(path, ROWS)
    return load_workbook(path)[national_table.SHEET]


def _row(sheet: Any, region: str) -> dict[str, Any]:
    """A region's cells by their column's header."""
    header = [cell.value for cell in sheet[2]]
    (row,) = [row for row in sheet.iter_rows(min_row=3) if row[0].value == region]
    return dict(zip(header, row, strict=True))


def _fill(cell: Any) -> str | None:
    return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None


def test_the_groups_row_spans_each_section(sheet: Any) -> None:
    # 4 region columns; 4 inputs + coverage + band; 9 HIV diagnostics; 12 hepatitis; 16 ARV cells + the 2006 figure
    assert sorted(str(merged) for merged in sheet.merged_cells.ranges) == sorted(
        ["A1:D1", "E1:J1", "K1:S1", "T1:AE1", "AF1:AV1"]
    )
    assert [sheet[f"{column}1"].value for column in ("A", "E", "K", "T", "AF", "AW")] == [
        "Регион и его книга", "ВИЧ: вход и охват", "Диагностика ВИЧ", "Гепатиты B и C", "АРВ-препараты", "Замечания",
    ]  # fmt: skip
    assert [sheet[f"{column}2"].value for column in ("E", "J", "K", "S", "T", "Z", "AE", "AF", "AW")] == [
        "Зарегистрировано живущих с ВИЧ на территории",
        "Охват АРТ против 13–20 % (Прил. 2 §1)",
        "ИФА: исследований",
        "Резистентность и субтип ВИЧ: исследований не более",
        "Гепатит B, скрининг: исследований",
        "IgM anti-HAV: исследований",
        "Гепатит C, ПЦР-генотипирование: исследований",
        "Ожидается под диспансерным наблюдением (80 % выявленных), человек",
        "Предупреждений",
    ]
    assert sheet.max_column == 49


def test_headers_are_whole_wrapped_and_the_table_is_frozen_filtered_and_titled(sheet: Any) -> None:
    header = list(sheet[2])
    assert [cell.value for cell in header] == national.table([])[0]  # whole, as national.csv has them
    assert all(cell.alignment.wrap_text and cell.font.b for cell in header)
    assert sheet.row_dimensions[2].height >= 15 * 4  # the longest headers wrap to several lines
    assert sheet.freeze_panes == "B3"  # the groups, the headers and the region column stay in view
    assert sheet.auto_filter.ref == "A2:AW7"  # the headers and the five regions, not the totals below
    assert sheet.print_title_rows == "$1:$2" and sheet.print_title_cols == "$A:$A"
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.scale) == ("landscape", 9, 80)  # A4 at 80 %: 11 pt → 8,8 pt
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage  # several pages, never shrunk to one


@pytest.mark.parametrize(
    ("header", "value", "number_format"),
    [
        ("ИФА: исследований", 1234567, "#,##0"),
        ("Пациентов, которых планируется лечить (АРТ)", 1300, "#,##0"),
        ("Охват АРТ, % зарегистрированных (план ÷ зарегистрированные)", 13.3, "0.0"),  # 1300 ÷ 9800 = 13,27 %
        ("Опубликовано в письме на 2006 г.", 100, "#,##0"),
    ],
)
def test_numbers_have_thousands_separators_and_coverage_one_decimal(
    sheet: Any, header: str, value: Any, number_format: str
) -> None:
    cell = _row(sheet, "Алтайский край")[header]
    assert (cell.value, cell.number_format) == (value, number_format)


COVERAGE, BAND = national.columns()[4][1], national.columns()[5][1]


@pytest.mark.parametrize(
    ("region", "status", "coverage", "band", "fills"),
    [
        ("Алтайский край", "OK", 13.3, "13–20 %", (None, None, None)),
        ("Амурская область", "OK", 25.0, "выше 20 %", (ORANGE, BLUE, BLUE)),  # 2500 ÷ 10000; warnings only
        ("Брянская область", "1", 10.0, "ниже 13 %", (RED, BLUE, BLUE)),  # 1000 ÷ 10000; an error
        ("Вологодская область", "OK", None, None, (None, RED, RED)),  # «много» registered: no number
    ],
)
def test_colours_mean_one_thing_each(
    sheet: Any, region: str, status: str, coverage: Any, band: Any, fills: tuple[Any, ...]
) -> None:
    cells = _row(sheet, region)
    status_cell = cells[national.STATUS_TITLE]
    assert (status_cell.value, cells[COVERAGE].value, cells[BAND].value) == (status, coverage, band)
    assert (_fill(status_cell), _fill(cells[COVERAGE]), _fill(cells[BAND])) == fills
    assert _fill(cells["Регион"]) is None and _fill(cells["ИФА: исследований"]) is None


def test_a_region_that_sent_nothing_is_grey_across_and_the_legend_says_what_each_colour_means(sheet: Any) -> None:
    assert {_fill(cell) for cell in _row(sheet, "Тульская область").values()} == {GREY}
    column = [(cell.value, _fill(cell)) for cell in sheet["A"]]
    legend = column[column.index(("Цвета ячеек:", None)) + 1 :]
    assert [fill for _, fill in legend] == [RED, ORANGE, GREY, BLUE]
    assert [text.split(" — ")[0] for text, _ in legend] == ["Красный", "Оранжевый", "Серый", "Голубой"]


@pytest.mark.parametrize(
    ("regions", "coverage", "band", "fill"),
    [
        (3, 16.1, "13–20 %", None),  # (1300 + 2500 + 1000) ÷ (9800 + 10000 + 10000) = 4800 ÷ 29800 = 16,11 %
        (2, 19.2, "13–20 %", None),  # 3800 ÷ 19800 = 19,19 %: ≤ 20 % of 19800 = 3960
        (1, 13.3, "13–20 %", None),
        (4, None, None, None),  # Вологодская's «много»: no sum of the registered, no coverage
    ],
)
def test_the_nations_coverage_is_of_the_sums(tmp_path: Path, regions: int, coverage: Any, band: Any, fill: Any) -> None:
    national_book.write_national_xlsx(tmp_path / "national.xlsx", ROWS[:regions])
    total = _row(load_workbook(tmp_path / "national.xlsx")[national_table.SHEET], national.TOTAL_LABEL)
    assert (total[COVERAGE].value, total[BAND].value) == (coverage, band)
    assert _fill(total[COVERAGE]) is fill and _fill(total[BAND]) is fill


def test_the_nations_coverage_outside_the_band_is_blue(tmp_path: Path) -> None:
    national_book.write_national_xlsx(tmp_path / "national.xlsx", ROWS[1:2])  # Амурская alone: 2500 ÷ 10000 = 25,0 %
    total = _row(load_workbook(tmp_path / "national.xlsx")[national_table.SHEET], national.TOTAL_LABEL)
    assert (total[COVERAGE].value, total[BAND].value) == (25.0, "выше 20 %")
    assert _fill(total[COVERAGE]) == _fill(total[BAND]) == BLUE


def test_no_technical_key_is_shown(tmp_path: Path, sheet: Any) -> None:
    key = re.compile(r"\b(in|out|chk)_[a-z]|published_2006")
    shown = [str(cell.value) for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert [text for text in shown if key.search(text)] == []
    national.write_national_csv(tmp_path / "national.csv", ROWS)
    header = (tmp_path / "national.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert key.search(header) is None and "Проверки: ошибок" in header.split(";")
