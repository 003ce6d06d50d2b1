"""Year over year (issue 20): a previous campaign's national.csv, written by hand as an earlier version wrote it,
against this campaign's rows; every change worked out by hand in the comments."""

from __future__ import annotations

import csv
import functools
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from xl_addin.consolidation import national, national_book
from xl_addin.consolidation.previous import (
    HEADER,
    JUMP_DOWN,
    JUMP_UP,
    SHEET,
    PreviousCampaignError,
    add_sheet,
    compare,
    percent_change,
    read_previous,
    table,
    write_csv,
)
from xl_addin.errors import ArgumentError

TOTAL = "Итого по регионам в итоге"  # the nation's rows of the comparison
#: The headers of national.csv as issue 20's first step wrote them (the texts an earlier campaign's file has).
OLD_HEADER = (
    "Регион;Файл;Проверки (chk_all);В итоге;Зарегистрировано живущих с ВИЧ на территории;"
    "Пациентов, которых планируется лечить (АРТ);Охват АРТ, % зарегистрированных (план ÷ зарегистрированные);"
    "Подлежат лечению по каскаду письма: от … до (13–20 % ожидаемых под наблюдением), человек [1];"
    "Подлежат лечению по каскаду письма: от … до (13–20 % ожидаемых под наблюдением), человек [2];"
    "Нужно годовых комплектов;ИФА: исследований;Предупреждений"
)
#: registered; planned; coverage; to be treated from; to; kits; ELISA
PREVIOUS_ROWS = (
    "Алтайский край;a.xlsx;OK;да;9800;1300;13,3;1508;2320;1100;1200;0",
    "Забайкальский край;z.xlsx;OK;да;3000;450;15,0;300;480;500;540;0",
    "Курганская область;k.xlsx;OK;да;1000;150;15,0;104;160;170;180;0",
    "Томская область;t.xlsx;OK;да;4000;1000;25,0;416;640;1200;0;1",
    "Чукотский автономный округ;;не получено;нет;;;;;;;;",
    # Σ registered 17800; planned 2900; coverage 2900 / 17800 = 16,29… → 16,3; 2328; 3600; kits 2970; ELISA 1920
    "Итого по вошедшим в итог регионам;регионов в итоге: 4;;;17800;2900;16,3;2328;3600;2970;1920;",
    "Всего по письму (в т. ч. 561 без определенного места жительства);«Всего в Российской Федерации»;;;;;;;;;;",
)
KEYS = ("in_registered", "in_planned_on_art", "coverage", "out_treatment_need_range[0]",
        "out_treatment_need_range[1]", "out_annual_kits_needed", "out_elisa_volume")  # fmt: skip


def previous_folder(folder: Path, rows: tuple[str, ...] = PREVIOUS_ROWS, header: str = OLD_HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "national.csv").write_bytes(("\ufeff" + "\r\n".join((header, *rows)) + "\r\n").encode("utf-8"))
    return folder


def region(name: str, registered: int, planned: int, treated: tuple[int, int], kits: int, elisa: int) -> Any:
    values = {"in_registered": registered, "in_planned_on_art": planned, "out_treatment_need_range": list(treated),
              "out_annual_kits_needed": kits, "out_elisa_volume": elisa}  # fmt: skip
    return national.RegionRow.of(name, f"{name}.xlsx", "OK", True, values, None)


def this_year() -> list[Any]:
    # Σ over the three in the totals: registered 16800; planned 2200; coverage 2200 / 16800 = 13,09… → 13,1;
    # to be treated 2236 … 3440; kits 2550; ELISA 2640
    return [
        region("Алтайский край", 9800, 1500, (1508, 2320), 1700, 1800),  # coverage 1500 / 9800 = 15,30… → 15,3
        national.RegionRow.of("Забайкальский край", "", national.NOT_RECEIVED, False, {}, None),
        region("Новгородская область", 2000, 300, (208, 320), 350, 240),
        region("Томская область", 5000, 400, (520, 800), 500, 600),  # coverage 400 / 5000 = 8,0
        national.RegionRow.of("Чукотский автономный округ", "", national.NOT_RECEIVED, False, {}, None),
    ]


def by_region(tmp_path: Path) -> dict[tuple[str, str], Any]:
    rows = compare(read_previous(previous_folder(tmp_path / "2007")), this_year()).rows
    return {(row.region, row.key): row for row in rows}


D = Decimal
#: (region, key): previous, this year, change, change in %, flag — worked by hand
EXPECTED = [
    (TOTAL, "in_registered", 17800, 16800, -1000, D("-5.6"), ""),  # 1000 / 17800 = 5,617…
    (TOTAL, "in_planned_on_art", 2900, 2200, -700, D("-24.1"), ""),  # 700 / 2900 = 24,13…
    (TOTAL, "coverage", D("16.3"), D("13.1"), D("-3.2"), D("-19.6"), ""),  # 3,2 / 16,3 = 19,63…
    (TOTAL, "out_treatment_need_range[0]", 2328, 2236, -92, D("-4.0"), ""),  # 92 / 2328 = 3,95…
    (TOTAL, "out_annual_kits_needed", 2970, 2550, -420, D("-14.1"), ""),  # 420 / 2970 = 14,14…
    (TOTAL, "out_elisa_volume", 1920, 2640, 720, D("37.5"), ""),  # 720 / 1920 = 0,375
    ("Алтайский край", "in_registered", 9800, 9800, 0, D("0.0"), ""),
    ("Алтайский край", "in_planned_on_art", 1300, 1500, 200, D("15.4"), ""),  # 200 / 1300 = 15,38…
    ("Алтайский край", "coverage", D("13.3"), D("15.3"), D("2.0"), D("15.0"), ""),  # 2 / 13,3 = 15,03…
    ("Алтайский край", "out_annual_kits_needed", 1100, 1700, 600, D("54.5"), JUMP_UP),  # 600 / 1100 = 54,54…
    ("Алтайский край", "out_elisa_volume", 1200, 1800, 600, D("50.0"), ""),  # exactly 50 %: not more than 50 %
    ("Томская область", "in_registered", 4000, 5000, 1000, D("25.0"), ""),
    ("Томская область", "in_planned_on_art", 1000, 400, -600, D("-60.0"), JUMP_DOWN),
    ("Томская область", "coverage", D("25.0"), D("8.0"), D("-17.0"), D("-68.0"), JUMP_DOWN),
    ("Томская область", "out_treatment_need_range[1]", 640, 800, 160, D("25.0"), ""),
    ("Томская область", "out_annual_kits_needed", 1200, 500, -700, D("-58.3"), JUMP_DOWN),  # 700 / 1200 = 58,33…
    ("Томская область", "out_elisa_volume", 0, 600, 600, None, JUMP_UP),  # from 0: no %, a jump
]


@pytest.mark.parametrize(("name", "key", "was", "now", "change", "percent", "flag"), EXPECTED)
def test_each_change_is_worked_out_exactly(
    tmp_path: Path, name: str, key: str, was: Any, now: Any, change: Any, percent: Any, flag: str
) -> None:
    row = by_region(tmp_path)[(name, key)]
    assert (row.previous, row.current, row.change, row.percent, row.jump) == (was, now, change, percent, flag)
    assert type(row.change) is type(change)  # a count's change stays a whole number


@pytest.mark.parametrize(
    ("name", "note", "was", "now"),
    [
        ("Новгородская область", "нет в прошлой сводке", None, 300),  # new this year
        ("Курганская область", "нет в этой сводке", 150, None),  # gone from the list
        ("Забайкальский край", "в этом году не получено", 450, None),
    ],
)
def test_a_region_of_one_year_only_is_listed_as_such(tmp_path: Path, name: str, note: str, was: Any, now: Any) -> None:
    found = by_region(tmp_path)
    rows = [found[(name, key)] for key in KEYS]
    assert {row.note for row in rows} == {note}
    assert all(row.change is None and row.percent is None and not row.jump for row in rows)
    assert (found[(name, "in_planned_on_art")].previous, found[(name, "in_planned_on_art")].current) == (was, now)


def test_the_nation_comes_first_then_the_regions_by_name_and_no_region_received_neither_year(tmp_path: Path) -> None:
    comparison = compare(read_previous(previous_folder(tmp_path / "2007")), this_year())
    order = list(dict.fromkeys(row.region for row in comparison.rows))
    assert order == [
        TOTAL,
        "Алтайский край",
        "Забайкальский край",
        "Курганская область",
        "Новгородская область",
        "Томская область",
    ]  # fmt: skip  — Чукотский: received neither year
    assert {row.note for row in comparison.rows if row.region == TOTAL} == {"регионов в итоге: 4 → 3"}
    assert comparison.jumps == 5  # Алтайский kits; Томская planned, coverage, kits, ELISA from 0
    assert (
        "в прошлом году 0: изменение не в процентах"
        in by_region(tmp_path)[("Томская область", "out_elisa_volume")].note
    )


@pytest.mark.parametrize(
    ("was", "now", "expected"),
    [
        (400, 401, "0.3"),  # 0,25 % half up (half to even would say 0,2)
        (400, 399, "-0.3"),
        (1300, 1500, "15.4"),
        (3, 4, "33.3"),
        (Decimal("13.3"), Decimal("15.3"), "15.0"),
        (0, 7, None),
    ],
)
def test_percent_is_one_decimal_half_up_and_exact(was: Any, now: Any, expected: str | None) -> None:
    assert percent_change(was, now) == (None if expected is None else Decimal(expected))


def test_the_csv_has_decimal_commas_and_the_nation_first(tmp_path: Path) -> None:
    comparison = compare(read_previous(previous_folder(tmp_path / "2007")), this_year())
    write_csv(tmp_path / "national_previous.csv", comparison)
    raw = (tmp_path / "national_previous.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(HEADER)
    planned = next(row for row in rows if row[0] == "Алтайский край" and row[1] == "Планируется лечить (АРТ)")
    assert planned[2:7] == ["1300", "1500", "200", "15,4", ""]
    coverage = next(row for row in rows if row[0] == "Томская область" and row[1] == "Охват АРТ, % (изменение в п. п.)")
    assert coverage[2:7] == ["25,0", "8,0", "-17,0", "-68,0", JUMP_DOWN]
    assert rows[1][0] == TOTAL and len(rows) == 1 + 7 * 6  # the nation and five regions, 7 indicators each


def test_the_sheet_shows_separators_signs_and_the_flag_coloured(tmp_path: Path) -> None:
    comparison = compare(read_previous(previous_folder(tmp_path / "2007")), this_year())
    path = tmp_path / "national.xlsx"
    national_book.write_national_xlsx(path, this_year(), sheets=[functools.partial(add_sheet, comparison=comparison)])
    book = load_workbook(path)
    sheet = book[SHEET]
    assert [cell.value for cell in sheet[1]] == list(HEADER)
    assert sheet.auto_filter.ref == f"A1:H{len(table(comparison))}" and sheet.freeze_panes == "C2"
    assert sheet.print_title_rows == "$1:$1"
    cells = {(row[0].value, row[1].value): row for row in sheet.iter_rows(min_row=2)}
    kits = cells[("Алтайский край", "Годовых комплектов АРВ")]
    assert [cell.value for cell in kits[2:7]] == [1100, 1700, 600, Decimal("54.5"), JUMP_UP]
    assert kits[2].number_format == "#,##0" and kits[4].number_format == "+#,##0;-#,##0;0"
    assert kits[5].number_format == "+#,##0.0;-#,##0.0;0.0"
    assert kits[6].fill.fgColor.rgb.endswith("FFE0B2")  # the flag, orange
    elisa = cells[("Алтайский край", "ИФА: исследований")]
    assert elisa[6].value is None and elisa[6].fill.fill_type is None  # exactly 50 %: no flag, no colour
    assert cells[(TOTAL, "ИФА: исследований")][0].font.bold and not kits[0].font.bold


HOSTILE = [
    ('=HYPERLINK("http://x";"y")', "значение прошлого года — не число"),
    ("'=1+2", "значение прошлого года — не число"),
    ("1e308", "значение прошлого года — не число"),
    ("99999999999999999999", "значение прошлого года — не число"),  # past 10¹⁵: never a number here
    ("много", "значение прошлого года — не число"),
    ("", "нет значения прошлого года"),
]


@pytest.mark.parametrize(("cell", "note"), HOSTILE)
def test_a_hostile_cell_of_the_previous_table_is_shown_as_text_never_run_or_compared(
    tmp_path: Path, cell: str, note: str
) -> None:
    quoted = '"' + cell.replace('"', '""') + '"'
    rows = (f"Алтайский край;a.xlsx;OK;да;9800;{quoted};13,3;1508;2320;1100;1200;0", PREVIOUS_ROWS[-2])
    comparison = compare(read_previous(previous_folder(tmp_path / "2007", rows)), this_year())
    planned = next(row for row in comparison.rows if row.region == "Алтайский край" and row.key == "in_planned_on_art")
    assert (planned.change, planned.percent, planned.jump, planned.note) == (None, None, "", note)
    write_csv(tmp_path / "out.csv", comparison)
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert not any(line.split(";")[2].startswith(("=", "+", "@")) for line in text.splitlines())  # formula-safe


def test_a_formula_looking_region_name_is_matched_through_its_apostrophe(tmp_path: Path) -> None:
    injected = '=HYPERLINK("http://x","y")'
    rows = ('"\'=HYPERLINK(""http://x"",""y"")";h.xlsx;OK;да;100;10;10,0;1;2;3;40;0', PREVIOUS_ROWS[-2])
    now = [region(injected, 100, 16, (1, 2), 3, 40)]
    planned = next(row for row in compare(read_previous(previous_folder(tmp_path, rows)), now).rows
                   if row.region == injected and row.key == "in_planned_on_art")  # fmt: skip
    assert (planned.previous, planned.current, planned.change, planned.percent, planned.jump) == (
        10, 16, 6, Decimal("60.0"), JUMP_UP)  # fmt: skip


def test_a_duplicate_region_and_a_column_an_earlier_table_lacks_are_not_compared(tmp_path: Path) -> None:
    header = OLD_HEADER.replace("ИФА: исследований", "Что-то другое")  # the ELISA column is not in that table
    rows = (PREVIOUS_ROWS[0], PREVIOUS_ROWS[0].replace("a.xlsx", "a2.xlsx"), *PREVIOUS_ROWS[-2:])
    found = {(row.region, row.key): row for row in compare(read_previous(previous_folder(tmp_path, rows, header)),
                                                              this_year()).rows}  # fmt: skip
    assert found[("Алтайский край", "in_planned_on_art")].note == "в прошлой сводке в 2 строках: не сравнивается"
    assert found[("Алтайский край", "in_planned_on_art")].change is None
    assert found[(TOTAL, "out_elisa_volume")].note == "столбца нет в прошлой сводке: не сравнивается"
    assert found[(TOTAL, "in_planned_on_art")].change == -700


def _write(folder: Path, data: bytes) -> Path:
    folder.mkdir()
    (folder / "national.csv").write_bytes(data)
    return folder


ERRORS = [
    ("missing", lambda tmp: tmp / "нет такой", "папка не найдена"),
    ("empty folder", lambda tmp: (tmp / "пусто").mkdir() or tmp / "пусто", "нет national.csv"),
    (
        "cp1251",
        lambda tmp: _write(tmp / "x", "Регион;ИФА: исследований".encode("cp1251")),
        "не в кодировке UTF-8 (байт 1)",
    ),
    (
        "no header",
        lambda tmp: _write(tmp / "x", b"a;b\r\n1;2\r\n"),
        "нет строки заголовка со столбцом «Регион»",
    ),
    ("no column", lambda tmp: _write(tmp / "x", "Регион;Файл\r\nА;a\r\n".encode()), "нет ни одного сравниваемого"),
    ("huge cell", lambda tmp: _write(tmp / "x", f"{OLD_HEADER}\r\nА;{'9' * 200_000}\r\n".encode()), "строка 2"),
    ("open quote", lambda tmp: _write(tmp / "x", f'{OLD_HEADER}\r\nА;"1300\r\n'.encode()), "не разбирается как CSV"),
    ("empty", lambda tmp: _write(tmp / "x", b""), "нет строки заголовка"),
    ("NULs", lambda tmp: _write(tmp / "x", b"\x00\x00;\x00\r\n"), "нет строки заголовка"),
    ("a folder", lambda tmp: (tmp / "x" / "national.csv").mkdir(parents=True) or tmp / "x", "нет national.csv"),
]


@pytest.mark.parametrize(("made", "message"), [(made, message) for _, made, message in ERRORS],
                         ids=[name for name, _, _ in ERRORS])  # fmt: skip
def test_a_previous_folder_that_cannot_be_read_is_an_argument_error_in_russian(
    tmp_path: Path, made: Any, message: str
) -> None:
    with pytest.raises(PreviousCampaignError, match=re.escape(message)) as raised:
        read_previous(made(tmp_path))
    assert isinstance(raised.value, ArgumentError)
    assert str(raised.value).startswith("--previous") and "Error" not in str(raised.value)


def test_a_file_over_the_bound_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("xl_addin.consolidation.previous.MAX_BYTES", 100)
    with pytest.raises(PreviousCampaignError, match="больше 0 МБ"):
        read_previous(previous_folder(tmp_path))


def test_the_file_itself_may_be_given_and_is_never_modified(tmp_path: Path) -> None:
    folder = previous_folder(tmp_path / "2007")
    before = (folder / "national.csv").read_bytes()
    assert read_previous(folder / "national.csv").regions.keys() == read_previous(folder).regions.keys()
    assert (folder / "national.csv").read_bytes() == before


def test_a_region_out_of_this_years_totals_is_compared_with_a_note(tmp_path: Path) -> None:
    rows = this_year()
    rows[0] = national.RegionRow.of("Алтайский край", "a.xlsx", "1", False, {"in_planned_on_art": 1500}, None)
    found = {(row.region, row.key): row for row in compare(read_previous(previous_folder(tmp_path)), rows).rows}
    planned = found[("Алтайский край", "in_planned_on_art")]
    assert (planned.change, planned.note) == (200, "не вошёл в итог этого года")
    assert found[(TOTAL, "in_planned_on_art")].current == 700  # 400 + 300: Алтайский is out of this year's sum


def test_a_region_is_matched_by_name_whatever_its_case_and_spaces(tmp_path: Path) -> None:
    rows = (PREVIOUS_ROWS[0].replace("Алтайский край", "  алтайский   КРАЙ "), PREVIOUS_ROWS[-2])
    found = {(row.region, row.key): row for row in compare(read_previous(previous_folder(tmp_path, rows)),
                                                              this_year()).rows}  # fmt: skip
    assert found[("Алтайский край", "in_planned_on_art")].change == 200  # this year's name shown
    assert not any(region.strip().startswith("алтайский") for region, _ in found)
