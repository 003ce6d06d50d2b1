"""`xl-addin refresh` end to end, through the real command line, on generated and filled workbooks.

One folder holds valid regions and one file of every bad kind the federal centre
receives; the run must report each, finish the rest, never touch the folder, and
give totals equal to the sum of the valid regions.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.workbook.filling import fill, read_name
from tests.workbook.input_sets import _zeros
from tests.workbook.libreoffice import recalculate
from xl_addin import __version__, cli
from xl_addin.consolidation.results_sheet import SHEET_NAME
from xl_addin.request import model

INJECTED = '=HYPERLINK("http://x","y")'
REGIONS = ["Иркутская область", "г. Москва", "Томская область", INJECTED, "+Плюс", "Не приславший регион"]


def clean_inputs(planned_screenings: int) -> dict[str, Any]:
    """Inputs that pass every check (worked out by hand against each check)."""
    values = _zeros()
    values.update({
        "in_planned_screenings": planned_screenings, "in_elisa_positive_to_ib": 2400,
        "in_ib_positive_or_indeterminate": 1900, "in_p24_positive": 40,  # 40 + 1900 ≤ 2400 sent to immunoblot
        "in_on_art": 900, "in_starting_art": 400,  # B + C + D = 900 + 400 + 4200 = 5500 ≤ 9800 registered
        "in_observed": 4200, "in_pregnant_expecting_birth": 260, "in_unobserved_pregnant": 30,
        "in_emergency_transfusions": 12, "in_resistance_tests_requested": 120,  # ≤ 15 % of 900 = 135
        "in_hiv_examined_by_year": [180000, 190000, 210000, 230000, 240000],
        "in_acute_hepatitis_by_year": [900, 850, 700, 640, 560, 500], "in_chronic_hbv_registered": 3100,
        "in_hbsag_positive": 2600, "in_hbv_newly_registered": 420, "in_hbv_treated": 150,  # 150 ≤ 3100
        "in_hcv_newly_registered": 980, "in_hcv_treated": 210, "in_hcv_starting_treatment": 90,  # 90 ≤ 210
        "in_detected_cumulative": 14500, "in_registered": 9800,  # 9800 ≤ 14500
        "in_planned_on_art": 1300,  # = 900 continuing + 400 starting; 13,3 % of 9800 (≥ 1274 = 13 %, ≤ 1960 = 20 %);
        # the cascade's upper end: 20 % of [0,8 × 14500] = 20 % of 11600 = 2320 ≥ 1300
        "in_continuing_art": 900,  # ≤ 900 on ART; kits needed 900 + 400 × 0,5 = 1100 ≤ 700 + 800
        "in_kits_pi": 700, "in_kits_nnrti": 800, "in_kits_component2": 1600, "in_kits_component3": 1500,  # §3: 3 = 1 (1500), 2 > 3;
        # component 2 at most 1500 + 75 (5 %) + PMTCT courses [0,7 × 260] + [0,25 × 260] = 182 + 65: 1822 ≥ 1600
        "in_kits_first_line": 900, "in_kits_reserve": 600,  # 900 of 1500 = 60 %
        "in_registered_by_years_since_detection": [1500, 1400, 1300, 1200, 1100, 1000, 800, 600, 500, 400],  # Σ 9800 ≤ 9800
    })  # fmt: skip
    return values


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Russian Excel opens it right
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def _fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder", p.stat().st_mode)
        for p in sorted(folder.iterdir())
    }


def generated(work: Path, names: list[str]) -> tuple[Path, dict[str, Path]]:
    """A region list of ``names`` in ``work`` and a blank workbook for each, made by the CLI: (list, name → file)."""
    regions = work / "regions.csv"
    with regions.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([name] for name in names)
    blank = work / "blank"
    assert cli.main(["generate", "--out", str(blank), "--regions", str(regions)]) == 0
    return regions, dict(zip(names, sorted(blank.iterdir()), strict=True))  # files are numbered in the list's order


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("refresh")
    regions, made = generated(work, REGIONS)
    inbox = work / "in"
    inbox.mkdir()
    valid = {
        "Иркутская область": clean_inputs(1000),  # ELISA 1000 × 1,2 = 1200
        "г. Москва": clean_inputs(2000),  # 2400
        INJECTED: clean_inputs(500),  # 600
        "+Плюс": clean_inputs(250),  # 300
    }
    for region, inputs in valid.items():
        fill(made[region], inbox / made[region].name, inputs)
    os.chmod(inbox / made["г. Москва"].name, 0o444)  # a read-only file is read like any other
    bad = clean_inputs(100) | {
        "in_on_art": "много",
        "in_observed": -3,
        "in_planned_on_art": 2.5,
        "in_registered": None,
        "in_hiv_examined_by_year": [1, 2, "#N/A", 4, 5],
    }
    fill(made["Томская область"], inbox / "bad_inputs.xlsx", bad)
    fill(made["Иркутская область"], inbox / "duplicate_irkutsk.xlsx", clean_inputs(1))
    (inbox / "not_a_zip.xlsx").write_bytes(b"Hello, this is not a workbook")
    whole = (inbox / made["Иркутская область"].name).read_bytes()
    (inbox / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    (inbox / "old.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    (inbox / "password.xlsx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    Workbook().save(inbox / "foreign.xlsx")
    old_version = load_workbook(made["Томская область"])
    old_version["Титул"]["B9"] = "1"
    old_version.save(inbox / "old_version.xlsx")
    with zipfile.ZipFile(inbox / "zip_bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    _with_entities(made["Томская область"], inbox / "xml_entities.xlsx")
    _with_broken_sheet(inbox / made["г. Москва"].name, inbox / "broken_xml.xlsx")
    (inbox / "~$Иркутская.xlsx").write_bytes(b"lock")
    (inbox / "folder.xlsx").mkdir()  # cannot be opened as a file (as a locked file cannot, for a normal user)
    return {"work": work, "in": inbox, "regions": regions, "valid": valid, "made": made}


def _with_entities(source: Path, target: Path) -> None:
    """A copy whose workbook.xml declares an entity (the billion-laughs family): must be refused, not expanded."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                declaration_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
                entities = '<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                data = (text[:declaration_end] + entities + text[declaration_end:]).encode("utf-8")
            copy.writestr(info, data)


def _with_broken_sheet(source: Path, target: Path) -> None:
    """A copy whose first worksheet's XML is cut in the middle of a tag (a damaged e-mail attachment)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            copy.writestr(info, data[: len(data) // 2] if info.filename == "xl/worksheets/sheet1.xml" else data)


@pytest.fixture(scope="module")
def refreshed(inbox: dict[str, Any]) -> dict[str, Any]:
    before = _fingerprint(inbox["in"])
    out = inbox["work"] / "out"
    code = cli.main(["refresh", str(inbox["in"]), "--out", str(out), "--regions", str(inbox["regions"]), "--jobs", "2"])
    again_out = inbox["work"] / "again"
    again = cli.main(
        ["refresh", str(inbox["in"]), "--out", str(again_out), "--regions", str(inbox["regions"]), "--jobs", "1"]
    )
    return {"code": code, "again": again, "out": out, "again_out": again_out, "before": before,
            "after": _fingerprint(inbox["in"])}  # fmt: skip


def test_exit_code_is_1_and_the_folder_is_untouched(refreshed: dict[str, Any]) -> None:
    assert refreshed["code"] == 1 and refreshed["again"] == 1
    assert refreshed["after"] == refreshed["before"]  # byte for byte, and the read-only mode kept


PROBLEM_OF_FILE = {
    "not_a_zip.xlsx": "не книга Excel .xlsx/.xlsm (файл не является zip-архивом)",
    "truncated.xlsx": "файл повреждён или обрезан",
    "old.xls": "старый формат .xls: сохраните книгу в Excel как .xlsx",
    "password.xlsx": "книга защищена паролем",
    "foreign.xlsx": "не книга заявки xl_addin: нет имени xl_addin_template_version",
    "old_version.xlsx": "версия шаблона «1», а сводка читает версию «5»",
    "folder.xlsx": "файл не открывается",
    "zip_bomb.xlsx": "похоже на zip-бомбу; не распаковываю",
    "xml_entities.xlsx": "опасный XML: объявления DTD/сущностей запрещены, книга не открыта (EntitiesForbidden)",
    "broken_xml.xlsx": "файл повреждён: XML внутри книги испорчен",
}


@pytest.mark.parametrize("file", list(PROBLEM_OF_FILE))
def test_every_unreadable_file_is_one_problem_row(refreshed: dict[str, Any], file: str) -> None:
    rows = [row for row in _read_csv(refreshed["out"] / "problems.csv")[1:] if row[0] == file]
    assert len(rows) == 1, rows
    assert PROBLEM_OF_FILE[file] in rows[0][5]


def test_bad_inputs_are_reported_cell_by_cell(refreshed: dict[str, Any]) -> None:
    rows = [row[1:] for row in _read_csv(refreshed["out"] / "problems.csv")[1:] if row[0] == "bad_inputs.xlsx"]
    by_name = {row[2]: row for row in rows if row[2].startswith("in_")}
    assert by_name["in_on_art"][:4] == ["Ввод", "D7", "in_on_art", "много"]
    assert by_name["in_on_art"][4] == "in_on_art = «много»: текст, а нужно число"
    assert by_name["in_observed"][3:] == ["-3", "in_observed = -3: отрицательное число недопустимо", "ошибка"]
    assert by_name["in_planned_on_art"][3] == "2.5" and "дробн" in by_name["in_planned_on_art"][4]
    assert by_name["in_registered"][3] == "пусто"
    assert by_name["in_hiv_examined_by_year"][1:4] == ["F20", "in_hiv_examined_by_year", "#N/A"]
    assert "ячейка 3" in by_name["in_hiv_examined_by_year"][4]
    assert any(row[2] == "chk_inputs" and row[3] == "Не заполнено или неверно полей: 5" for row in rows)


def test_duplicates_are_reported_and_kept_out_of_the_totals(refreshed: dict[str, Any], inbox: dict[str, Any]) -> None:
    problems = _read_csv(refreshed["out"] / "problems.csv")[1:]
    irkutsk = inbox["made"]["Иркутская область"].name
    for file in (irkutsk, "duplicate_irkutsk.xlsx"):
        assert any(row[0] == file and "в нескольких файлах" in row[5] for row in problems)
    table = _read_csv(refreshed["out"] / "national.csv")
    irkutsk_rows = [row for row in table if row[0] == "Иркутская область"]
    assert len(irkutsk_rows) == 2 and all(row[2:4] == ["дубликат", "нет"] for row in irkutsk_rows)


def test_each_files_problems_stand_together_in_the_order_of_the_files(refreshed: dict[str, Any]) -> None:
    files = [row[0] for row in _read_csv(refreshed["out"] / "problems.csv")[1:]]
    runs = [file for number, file in enumerate(files) if number == 0 or files[number - 1] != file]
    assert runs == sorted(set(files))  # one block per file (its duplicate row included), files in name order
    assert "duplicate_irkutsk.xlsx" in runs and "bad_inputs.xlsx" in runs


def test_national_totals_are_the_sum_of_the_valid_regions(refreshed: dict[str, Any], inbox: dict[str, Any]) -> None:
    table = _read_csv(refreshed["out"] / "national.csv")
    header, total = table[0], table[-2]
    assert total[:2] == ["Итого по вошедшим в итог регионам", "регионов в итоге: 3"]  # Москва, =HYPERLINK, +Плюс
    included = [inputs for region, inputs in inbox["valid"].items() if region != "Иркутская область"]
    expected = [model.evaluate(inputs) for inputs in included]
    assert total[header.index("ИФА: исследований")] == str(2400 + 600 + 300)  # 2000, 500, 250 × 1,2
    # the inputs behind the results (clean_inputs: the same in the three): sums, and the nation's coverage
    behind = {"Зарегистрировано живущих с ВИЧ на территории": str(3 * 9800),
              "Выявлено случаев ВИЧ-инфекции, нарастающим итогом": str(3 * 14500),
              "B: лиц, получающих АРТ в отчётном году": str(3 * 900),
              "Пациентов, которых планируется лечить (АРТ)": str(3 * 1300),
              # 100 × 3900 / 29400 = 13,265… → 13,3 (one decimal, half up): inside the band (≥ 3822 = 13 % of 29400)
              "Охват АРТ, % зарегистрированных (план ÷ зарегистрированные)": "13,3",
              "Охват АРТ против 13–20 % (Прил. 2 §1)": "13–20 %"}  # fmt: skip
    assert {title: total[header.index(title)] for title in behind} == behind
    for column, title in enumerate(header):
        if title in behind or title.startswith(
            ("Регион", "Файл", "Проверки", "В итоге", "Опубликовано", "Предупреждений")
        ):
            continue
        name = next(r for r in model.RESULTS if title.startswith(r.ru))
        part = int(title[-2]) - 1 if title.endswith("]") else None
        values = [e[name.name] if part is None else e[name.name][part] for e in expected]
        assert total[column] == str(sum(values)), title


def test_regions_that_sent_nothing_are_listed_and_names_never_become_formulas(refreshed: dict[str, Any]) -> None:
    table = _read_csv(refreshed["out"] / "national.csv")
    assert next(r for r in table if r[0] == "Не приславший регион")[:4] == [
        "Не приславший регион",
        "",
        "не получено",
        "нет",
    ]
    assert any(row[0] == "'" + INJECTED for row in table) and any(row[0] == "'+Плюс" for row in table)
    assert not any(row[0].startswith(("=", "+", "-", "@")) for row in table)
    book = load_workbook(refreshed["out"] / "national.xlsx")
    cells = [row[0] for row in book["Регионы"].iter_rows(min_row=3)]
    injected = next(cell for cell in cells if cell.value == INJECTED)
    assert injected.data_type == "s"  # a text, not a formula
    # no region sent products here: the cost sheet says so instead of drawing an empty chart
    assert [len(book[title]._charts) for title in ("Охват АРТ", "Стоимость по регионам", "Каскад лечения")] == [1, 0, 1]


def test_national_xlsx_marks_problems_and_prints_on_a4(refreshed: dict[str, Any]) -> None:
    book = load_workbook(refreshed["out"] / "national.xlsx")
    sheet = book["Регионы"]  # row 1: the groups of columns, row 2: the headers
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=3) if row[1].value != "duplicate_irkutsk.xlsx"}
    header = [cell.value for cell in sheet[2]]
    elisa = header.index("ИФА: исследований")
    assert rows["Не приславший регион"][0].fill.fgColor.rgb == "00E7E6E6"  # grey: not received
    assert rows["г. Москва"][2].value == "OK" and rows["г. Москва"][2].fill.fill_type is None
    assert rows["Томская область"][2].fill.fgColor.rgb == "00FFC7CE"  # red: its checks failed
    assert rows["Томская область"][elisa].value == 120  # 100 × 1,2 is computed despite the other bad inputs
    assert rows["Томская область"][elisa].fill.fill_type is None
    immune = rows["Томская область"][header.index("Иммунный статус: исследований")]  # needs in_observed = -3
    assert immune.value is None and immune.fill.fgColor.rgb == "00FFC7CE"
    assert sheet[2][0].font.b and rows["Итого по вошедшим в итог регионам"][0].font.b
    assert sheet.freeze_panes == "B3"
    assert book.sheetnames[0] == "Сводка"  # the one-page summary first (tests/refresh/test_national_summary.py)
    for each in book.worksheets:
        wide = ("Регионы", "Товары", "План поставок", "План поставок, таблица", "Перераспределение")
        if each.title in wide:  # the wide tables: landscape
            assert each.page_setup.orientation == "landscape", each.title  # (the summary and charts: their own)
        assert each.page_setup.paperSize == 9, each.title  # A4
        if each.title in (
            "Регионы",
            "План поставок",
            "План поставок, таблица",
        ):  # several legible pages: tests/refresh/test_national_table_print.py,
            continue  # tests/refresh/test_national_plan_print.py
        assert each.sheet_properties.pageSetUpPr.fitToPage and each.page_setup.fitToWidth == 1, each.title


def test_running_twice_gives_the_same_figures_and_problems(refreshed: dict[str, Any]) -> None:
    for name in ("national.csv", "problems.csv"):
        assert (refreshed["out"] / name).read_bytes() == (refreshed["again_out"] / name).read_bytes(), name


def test_lock_files_are_skipped_and_said_so(
    inbox: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(
        ["refresh", str(inbox["in"]), "--out", str(tmp_path / "o"), "--regions", str(inbox["regions"]), "--jobs", "1"]
    )
    assert "Пропущены: ~$Иркутская.xlsx (файл блокировки Excel)" in capsys.readouterr().out


def test_refreshed_copies_keep_inputs_and_formulas_and_carry_a_results_sheet(
    refreshed: dict[str, Any], inbox: dict[str, Any]
) -> None:
    name = inbox["made"]["г. Москва"].name
    received, copy = load_workbook(inbox["in"] / name), load_workbook(refreshed["out"] / name)
    assert copy.sheetnames == [*received.sheetnames, SHEET_NAME]
    for sheet in received.worksheets:
        assert [[c.value for c in row] for row in sheet.iter_rows()] == [
            [c.value for c in row] for row in copy[sheet.title].iter_rows()
        ]
    results = {row[0]: row[2:] for row in copy[SHEET_NAME].iter_rows(values_only=True) if row and row[0]}
    expected = model.evaluate(inbox["valid"]["г. Москва"], 5862)
    assert results["out_elisa_volume"][0] == 2400 and results["chk_all"][0] == "OK" == expected["chk_all"]
    meta = {row[0]: row[1] for row in copy[SHEET_NAME].iter_rows(values_only=True) if row and row[0]}
    assert meta["Движок"] == "python" and meta["Версия xl_addin"] == __version__
    assert datetime.fromisoformat(meta["Обновлено"]).tzinfo is not None


def test_refreshed_native_workbooks_recalculate_in_libreoffice_to_the_results_sheet(
    refreshed: dict[str, Any], inbox: dict[str, Any], tmp_path: Path
) -> None:
    names = [inbox["made"][region].name for region in ("г. Москва", INJECTED, "+Плюс")]
    copies = []
    for number, name in enumerate(names):
        copies.append(tmp_path / f"copy{number}.xlsx")
        shutil.copy(refreshed["out"] / name, copies[-1])
    for copy, recalculated in zip(copies, recalculate(copies, tmp_path), strict=True):
        book = load_workbook(recalculated, data_only=True)
        sheet = load_workbook(copy)[SHEET_NAME]
        results = {
            row[0]: [v for v in row[2:] if v is not None] for row in sheet.iter_rows(values_only=True) if row and row[0]
        }
        for result in model.RESULTS:
            found = read_name(book, result.name)
            assert (found if isinstance(found, list) else [found]) == results[result.name], result.name
        assert read_name(book, "chk_all") == results["chk_all"][0] == "OK"


def test_usage_errors_exit_2_and_touch_nothing(inbox: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["refresh", str(inbox["work"] / "no-such-folder")]) == 2
    assert cli.main(["refresh", str(inbox["in"]), "--out", str(inbox["in"] / "inside")]) == 2
    assert not (inbox["in"] / "inside").exists()
    assert cli.main(["refresh", str(inbox["in"]), "--jobs", "0"]) == 2
    assert "папка с книгами не найдена" in capsys.readouterr().err


def test_a_clean_folder_exits_0(inbox: dict[str, Any], tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    name = inbox["made"]["г. Москва"].name
    shutil.copy(inbox["in"] / name, clean / name)
    assert cli.main(["refresh", str(clean), "--regions", str(inbox["regions"])]) == 0
    assert (tmp_path / "clean-refreshed" / name).is_file()  # the default OUT_DIR is IN_DIR-refreshed
    assert len(_read_csv(tmp_path / "clean-refreshed" / "problems.csv")) == 1  # the header only


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads a chmod 000 file anyway: the locked-file case needs a normal user"
)
def test_a_file_that_cannot_be_opened_is_reported(inbox: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    locked = folder / "locked.xlsx"
    shutil.copy(inbox["made"]["г. Москва"], locked)
    locked.chmod(0)
    try:
        assert cli.main(["refresh", str(folder), "--out", str(tmp_path / "o")]) == 1
    finally:
        locked.chmod(0o644)
    assert "файл не открывается" in _read_csv(tmp_path / "o" / "problems.csv")[1][5]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Microsoft Excel may exist here: see the next test")
def test_engine_excel_stops_at_once_where_there_is_no_excel(
    inbox: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["refresh", str(inbox["in"]), "--out", str(tmp_path / "o"), "--engine", "excel"]) == 2
    assert "--engine excel нужен Microsoft Excel (Windows или macOS)" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()  # stopped before reading anything


@pytest.mark.skipif(sys.platform not in ("win32", "darwin"), reason=f"Microsoft Excel cannot run on {sys.platform}")
def test_engine_excel_agrees_with_the_core(inbox: dict[str, Any], tmp_path: Path) -> None:  # pragma: no cover
    clean = tmp_path / "clean"
    clean.mkdir()
    name = inbox["made"]["г. Москва"].name
    shutil.copy(inbox["in"] / name, clean / name)
    out = tmp_path / "out"
    assert (
        cli.main(["refresh", str(clean), "--out", str(out), "--engine", "excel", "--regions", str(inbox["regions"])])
        == 0
    )
    problems = _read_csv(out / "problems.csv")
    assert [row for row in problems[1:] if any("Excel дал" in cell for cell in row)] == []
    assert len(problems) == 1  # the header only
    expected = model.evaluate(inbox["valid"]["г. Москва"], 5862)
    assert expected["chk_all"] == "OK"
    from xl_addin.consolidation.excel_engine import as_core_value

    book = load_workbook(out / name, data_only=True)  # the values Excel saved
    for each in [r.name for r in model.RESULTS] + [c.name for c in model.CHECKS] + ["chk_all"]:
        found = as_core_value(read_name(book, each))
        assert found is not None and not (isinstance(found, list) and None in found), each  # Excel computed it
        assert found == expected[each], each
    sheet = load_workbook(out / name)[SHEET_NAME]
    meta = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert meta["Движок"] == "excel"


def test_the_problems_sheet_is_problems_csv_with_regions_the_worst_first(refreshed: dict[str, Any]) -> None:
    """Issue 20: the sheet «Проблемы» of national.xlsx — every row of problems.csv once, its file's region beside it
    errors before warnings, by region, unread files last."""
    csv_rows = _read_csv(refreshed["out"] / "problems.csv")[1:]
    sheet = load_workbook(refreshed["out"] / "national.xlsx")["Проблемы"]
    rows = [
        ["" if value is None else str(value) for value in row] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    back = sorted([row[2], row[3], row[4], row[7], row[6], row[5], row[0]] for row in rows)  # problems.csv's order
    assert back == sorted(csv_rows)
    region_of = {row[1]: row[0] for row in _read_csv(refreshed["out"] / "national.csv")[1:-2] if row[1]}
    region_of = {file: region.removeprefix("'") for file, region in region_of.items() if not region.startswith("(")}
    assert all(row[1] == region_of.get(row[2], "") for row in rows)
    assert {row[1] for row in rows} >= {"Томская область", "Иркутская область"}  # bad inputs; the duplicate
    severities = [row[0] for row in rows]
    assert severities == sorted(severities, key=["ошибка", "предупреждение", "сведения"].index)
    errors = [row for row in rows if row[0] == "ошибка"]
    named = [row[1] for row in errors if row[1]]
    assert named == sorted(named, key=str.casefold) and errors[-1][1] == ""  # unread files: no region, last
    assert errors.index(next(row for row in errors if not row[1])) == len(named)
