"""Every relation check of a request, end to end through `xl-addin refresh`, with its severity
(docs/interpretation.md, S1 and C1).

One folder holds files that each differ from ``clean_inputs`` (which passes every check, see
tests/refresh/test_refresh_cli.py) by ONE contradiction: each must give exactly its own error row in
problems.csv, the sentence showing both numbers worked out by hand from the letter, and exit code 1.
A second folder holds only warnings: exit code 0, rows of severity "предупреждение", orange in
national.xlsx.

The numbers of ``clean_inputs(…)`` every comment below starts from: registered 9800, detected 14 500,
B on ART 900, C starting 400, D observed 4200, planned 1300, continuing 900, PI + NNRTI 700 + 800 = 1500,
component 2 1600, component 3 1500, pregnant 260, by years since detection
[1500, 1400, 1300, 1200, 1100, 1000, 800, 600, 500, 400] (Σ 9800).  Derived (Appendix 2):
- §1, 13–20 % of the registered: 13 % × 9800 = 1274, 20 % × 9800 = 1960;
- the estimate by years since detection (1 %, 3 %, 7 %, 10 %, 14 %, 35 %, 50 %, 70 %, 95 %, 100 %):
  15 + 42 + 91 + 120 + 154 + 350 + 400 + 420 + 475 + 400 = 2467;
- the list's cascade, items 2–3: 80 % × 14 500 = 11 600 under observation, 20 % of it = 2320;
- §2, kits needed: continuing + half of starting = 900 + 200 = 1100 ≤ PI + NNRTI 1500;
- §3, component 2 at most max(1500, 1500) + ⌊5 % × 1500⌋ = 75 + PMTCT courses 70 % × 260 = 182 and
  25 % × 260 = 65, together 1500 + 75 + 247 = 1822.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.refresh.test_refresh_cli import _read_csv, clean_inputs, generated
from tests.workbook.filling import fill
from xl_addin import cli

REGIONS = [
    "Иркутская область", "г. Москва", "Томская область", "Тверская область", "Калининградская область",
    "Краснодарский край", "Республика Калмыкия", "Тульская область", "Омская область", "Новосибирская область",
    "Самарская область",
]  # fmt: skip
CHECKS_SHEET = "Проверки"
ERROR, WARNING = "ошибка", "предупреждение"
RED, ORANGE, GREY = "00FFC7CE", "00FFE0B2", "00E7E6E6"

#: file → (its region of the list, what differs from clean_inputs(1000), the check, its sentence by hand).
ONE_CONTRADICTION: dict[str, tuple[str, dict[str, Any], str, str]] = {
    "planned_above_continuing_and_starting.xlsx": (
        "Иркутская область",
        {"in_planned_on_art": 1500},
        "chk_planned_on_art",
        # 1500 planned > 900 continuing + 400 starting = 1300.  Only this check: 1500 ≥ 1274 (13 %),
        # 1500 ≤ max(1960, 2467) (coverage above 20 %), 1500 ≤ 2320 (cascade); kits do not depend on it.
        "Планируется лечить (1500) больше, чем продолжающих и начинающих терапию вместе (1300)",
    ),
    "continuing_above_on_art.xlsx": (
        "г. Москва",
        {"in_continuing_art": 1000},
        "chk_continuing_on_art",
        # 1000 continuing > 900 on ART in the reporting year.  Raised continuing rather than lowered B: still
        # 1300 planned ≤ 1000 + 400 = 1400, and kits needed 1000 + 400 × 0,5 = 1200 ≤ 1500 PI + NNRTI.
        "Продолжающих терапию (1000) больше, чем получали АРТ в отчётном году (900)",
    ),
    "monthly_plan_not_starting.xlsx": (
        "Томская область",
        {"in_art_starts_by_month": [30] * 12},
        "chk_plan_sum",
        # §2's monthly plan: 12 × 30 = 360 ≠ 400 starting.  The plan replaces "half of those starting" in the
        # kits: an even plan gives 900 + 360 / 2 = 1080 ≤ 1500, so chk_kits_cover stays OK.
        "Сумма плана включения по месяцам (360) не равна числу начинающих АРТ (400)",
    ),
    "observed_above_registered.xlsx": (
        "Тверская область",
        {"in_observed": 9000},
        "chk_observed_registered",
        # B + C + D = 900 + 400 + 9000 = 10 300 > 9800 registered.  Raised D rather than lowered the
        # registered: a lower registered would also trip chk_by_years_registered (Σ by years 9800).
        # in_vl_examined is blank, so chk_vl_examined has nothing to compare.
        "Получающих АРТ, начинающих АРТ и наблюдаемых без АРТ (B + C + D = 10300) больше, "
        "чем зарегистрировано живущих с ВИЧ (9800)",
    ),
    "registered_above_detected.xlsx": (
        "Калининградская область",
        {"in_detected_cumulative": 9000},
        "chk_registered_detected",
        # 9800 registered living > 9000 detected cumulatively.  Lowered the detected rather than raised the
        # registered: a registered above 14 500 would also trip chk_art_coverage (13 % × 14 501 = 1885 > 1300).
        # The cascade moves to 20 % × (80 % × 9000 = 7200) = 1440, still ≥ 1300 planned: no warning.
        "Зарегистрировано живущих с ВИЧ (9800) больше, чем выявлено нарастающим итогом (9000)",
    ),
    "by_years_above_registered.xlsx": (
        "Краснодарский край",
        {"in_registered_by_years_since_detection": [1600, 1400, 1300, 1200, 1100, 1000, 800, 600, 500, 400]},
        "chk_by_years_registered",
        # 1600 + 1400 + 1300 + 1200 + 1100 + 1000 + 800 + 600 + 500 + 400 = 9900 > 9800 registered.  The
        # estimate only rises (2467 + 1 % × 100 = 2468), which loosens chk_art_coverage_high.
        "Живых зарегистрированных по давности выявления в сумме (9900) больше, чем зарегистрировано живущих с ВИЧ (9800)",
    ),
    "coverage_below_13.xlsx": (
        "Республика Калмыкия",
        {"in_planned_on_art": 1200},
        "chk_art_coverage",
        # §1 "13 - 20% от числа пациентов, зарегистрированных на территории": 13 % × 9800 = 1274 > 1200.
        # Lowering the plan keeps 1200 ≤ 1300 continuing + starting: chk_planned_on_art stays OK.
        "Охват АРТ ниже 13 %: нужно не менее 1274, запланировано 1200",
    ),
}
UNKNOWN_REGION_FILE, UNKNOWN_REGION = "unknown_region.xlsx", "Неизвестная область"
TYPED_OVER_FILE, CLEAN_FILE = "typed_over_result.xlsx", "clean.xlsx"

#: file → (region, changes to clean_inputs(1000), the warning check, its sentence by hand).
ONLY_WARNINGS: dict[str, tuple[str, dict[str, Any], str, str]] = {
    "coverage_above_20_and_estimate.xlsx": (
        "Иркутская область",
        {
            "in_starting_art": 1100,
            "in_planned_on_art": 2000,
            "in_registered_by_years_since_detection": [3000, 2000, 1500, 1000, 800, 600, 400, 300, 200, 0],
        },
        "chk_art_coverage_high",
        # Planned 2000 > 20 % × 9800 = 1960 and > the estimate 30 + 60 + 105 + 100 + 112 + 210 + 200 + 210
        # + 190 + 0 = 1217 (the same Σ 9800, detected more recently): the larger bound, 1960, is shown.
        # No error: 2000 ≤ 900 + 1100 continuing + starting; B + C + D = 900 + 1100 + 4200 = 6200 ≤ 9800;
        # kits 900 + 1100 × 0,5 = 1450 ≤ 1500; 2000 ≥ 1274; and no other warning: 2000 ≤ 2320 cascade.
        "Охват АРТ выше 20 %: запланировано 2000, больше верхней границы и расчётной потребности "
        "по давности выявления (1960)",
    ),
    "component2_far_above.xlsx": (
        "г. Москва",
        {"in_kits_component2": 2000},
        "chk_component2_excess",
        # §3 "несколько больше (за счет препаратов ... для профилактики вертикальной передачи ВИЧ)":
        # at most 1500 + 75 + (182 + 65 = 247) = 1822 < 2000.  Still 2000 > 1500: chk_regimen_balance OK.
        "Компонент 2 (2000) больше, чем компоненты 1/3 (1500) с допуском 75 и курсами химиопрофилактики 247: "
        "не более 1822",
    ),
}


def _where(book_path: Path, names: list[str]) -> dict[str, tuple[str, str]]:
    """(sheet, cell) of each defined name of a generated workbook, read from the workbook itself."""
    book = load_workbook(book_path)
    found = {}
    for name in names:
        ((sheet, reference),) = book.defined_names[name].destinations
        found[name] = (sheet, reference.replace("$", ""))
    return found


def _refresh(folder: Path, out: Path, regions: Path) -> tuple[int, str]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = cli.main(["refresh", str(folder), "--out", str(out), "--regions", str(regions), "--jobs", "1"])
    return code, printed.getvalue()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("checks")
    regions, made = generated(work, REGIONS)
    names = [check for _, _, check, _ in (*ONE_CONTRADICTION.values(), *ONLY_WARNINGS.values())]
    where = _where(made["Иркутская область"], [*names, "chk_results_formulas", "xl_addin_region", "out_elisa_volume"])

    errors = work / "errors"
    errors.mkdir()
    for file, (region, changes, _, _) in ONE_CONTRADICTION.items():
        fill(made[region], errors / file, clean_inputs(1000) | changes)
    fill(made["Тульская область"], errors / UNKNOWN_REGION_FILE, clean_inputs(2000))  # ELISA 2400, kept out
    book = load_workbook(errors / UNKNOWN_REGION_FILE)
    sheet, cell = where["xl_addin_region"]
    book[sheet][cell] = UNKNOWN_REGION
    book.save(errors / UNKNOWN_REGION_FILE)
    fill(made["Омская область"], errors / TYPED_OVER_FILE, clean_inputs(500))  # ELISA 500 × 1,2 = 600
    book = load_workbook(errors / TYPED_OVER_FILE)
    sheet, cell = where["out_elisa_volume"]
    book[sheet][cell] = 999  # a number typed over the result's formula
    book.save(errors / TYPED_OVER_FILE)
    fill(made["Новосибирская область"], errors / CLEAN_FILE, clean_inputs(1000))

    warnings = work / "warnings"
    warnings.mkdir()
    for file, (region, changes, _, _) in ONLY_WARNINGS.items():
        fill(made[region], warnings / file, clean_inputs(1000) | changes)

    found: dict[str, Any] = {"where": where}
    for kind, folder in (("errors", errors), ("warnings", warnings)):
        code, printed = _refresh(folder, work / f"{kind}-out", regions)
        found[kind] = {"code": code, "printed": printed, "out": work / f"{kind}-out"}
    return found


def _problems(run: dict[str, Any], file: str) -> list[list[str]]:
    return [row for row in _read_csv(run["out"] / "problems.csv")[1:] if row[0] == file]


def _national(run: dict[str, Any]) -> tuple[list[str], dict[str, list[str]]]:
    """The header of national.csv and its rows by file (a region that sent nothing: by region)."""
    header, *rows = _read_csv(run["out"] / "national.csv")
    return header, {row[1] or row[0]: row for row in rows}


def _status_fills(run: dict[str, Any]) -> dict[str, str | None]:
    """The fill of each row's status cell in national.xlsx, by file (by region when nothing was received)."""
    sheet = load_workbook(run["out"] / "national.xlsx")["Регионы"]
    header = [cell.value for cell in sheet[2]]  # row 1: the groups of columns
    status = header.index("Проверки: ошибок")
    return {
        row[1].value or row[0].value: (row[status].fill.fgColor.rgb if row[status].fill.fill_type else None)
        for row in sheet.iter_rows(min_row=3)
    }


@pytest.mark.parametrize("file", list(ONE_CONTRADICTION))
def test_one_contradiction_gives_exactly_its_error_row(runs: dict[str, Any], file: str) -> None:
    _, _, check, sentence = ONE_CONTRADICTION[file]
    rows = _problems(runs["errors"], file)
    assert [row[:5] + row[6:] for row in rows] == [
        [file, CHECKS_SHEET, runs["where"][check][1], check, sentence, ERROR]
    ]
    assert runs["where"][check][0] == CHECKS_SHEET
    assert rows[0][5].startswith("проверка не пройдена: ")
    _, national = _national(runs["errors"])
    assert national[file][2:4] == ["1", "да"]  # chk_all: one error; valid inputs, so in the totals
    assert national[file][-1] == "0"  # no warnings


def test_a_region_not_in_the_list_is_one_error_row_and_not_in_the_totals(runs: dict[str, Any]) -> None:
    rows = _problems(runs["errors"], UNKNOWN_REGION_FILE)
    assert len(rows) == 1, rows
    assert [rows[0][3], rows[0][4], rows[0][6]] == ["xl_addin_region", UNKNOWN_REGION, ERROR]
    assert "нет в списке регионов" in rows[0][5]
    _, national = _national(runs["errors"])
    assert national[UNKNOWN_REGION_FILE][3] == "нет"  # out of the totals
    # not an extra region of the list: every listed region has exactly one row, and the region whose workbook
    # was renamed (Тульская область) is "не получено"
    _, *rows_of_table = _read_csv(runs["errors"]["out"] / "national.csv")
    listed = [row[0] for row in rows_of_table[:-2] if row[0] in REGIONS]
    assert sorted(listed) == sorted(REGIONS)
    assert national["Тульская область"][1:4] == ["", "не получено", "нет"]
    assert _status_fills(runs["errors"])[UNKNOWN_REGION_FILE] == RED  # its error is shown, not silent


def test_a_typed_over_result_gives_a_row_for_the_cell_and_for_chk_results_formulas(runs: dict[str, Any]) -> None:
    rows = _problems(runs["errors"], TYPED_OVER_FILE)
    elisa_sheet, elisa_cell = runs["where"]["out_elisa_volume"]
    assert sorted(row[:5] + row[6:] for row in rows) == sorted([
        [TYPED_OVER_FILE, elisa_sheet, elisa_cell, "out_elisa_volume", "999", ERROR],
        [TYPED_OVER_FILE, CHECKS_SHEET, runs["where"]["chk_results_formulas"][1], "chk_results_formulas",
         "Формула результата заменена значением, ячеек: 1", ERROR],
    ])  # fmt: skip
    assert "формула результата заменена значением" in next(row[5] for row in rows if row[3] == "out_elisa_volume")
    header, national = _national(runs["errors"])
    assert national[TYPED_OVER_FILE][2:4] == ["1", "да"]
    assert national[TYPED_OVER_FILE][header.index("ИФА: исследований")] == "600"  # 500 × 1,2, not the typed 999


def test_the_error_folder_exits_1_and_totals_leave_out_the_unknown_region(runs: dict[str, Any]) -> None:
    run = runs["errors"]
    assert run["code"] == 1
    assert _problems(run, CLEAN_FILE) == []
    # 7 contradictions + unknown region + typed over + clean = 10 received, 9 of them with errors; not
    # received: Самарская область and Тульская область (its workbook came back under another name) = 2;
    # error rows: 7 checks + 1 region + 2 typed over = 10; clean_inputs gives no warning
    assert run["printed"].startswith(
        "Книг прочитано: 10, без ошибок: 1, с ошибками: 9, не получено: 2; ошибок: 10, предупреждений и сведений: 0"
    )
    assert "только предупреждения" not in run["printed"]
    table = _read_csv(run["out"] / "national.csv")
    header, total = table[0], table[-2]
    # in the totals: 7 contradictions + typed over + clean = 9 (a contradiction does not keep a region out)
    assert total[:2] == ["Итого по вошедшим в итог регионам", "регионов в итоге: 9"]
    # ELISA: 8 files of 1000 × 1,2 = 1200 each, the typed-over 600; the unknown region's 2400 left out
    assert total[header.index("ИФА: исследований")] == str(8 * 1200 + 600)


def test_national_xlsx_colours_errors_red(runs: dict[str, Any]) -> None:
    fills = _status_fills(runs["errors"])
    for file in [*ONE_CONTRADICTION, TYPED_OVER_FILE]:
        assert fills[file] == RED, file
    assert fills[CLEAN_FILE] is None
    assert fills["Самарская область"] == GREY  # not received


@pytest.mark.parametrize("file", list(ONLY_WARNINGS))
def test_a_warning_is_a_row_of_severity_warning(runs: dict[str, Any], file: str) -> None:
    _, _, check, sentence = ONLY_WARNINGS[file]
    rows = _problems(runs["warnings"], file)
    assert [row[:5] + row[6:] for row in rows] == [
        [file, CHECKS_SHEET, runs["where"][check][1], check, sentence, WARNING]
    ]
    assert runs["where"][check][0] == CHECKS_SHEET
    assert rows[0][5].startswith("предупреждение, нужен комментарий: ")
    header, national = _national(runs["warnings"])
    assert national[file][2:4] == ["OK", "да"]  # chk_all counts errors only
    assert header[-1] == "Предупреждений" and national[file][-1] == "1"


def test_only_warnings_exit_0_and_say_so(runs: dict[str, Any]) -> None:
    run = runs["warnings"]
    assert run["code"] == 0
    # 2 files received, 9 regions of the list not; 2 warning rows, no error
    assert "Книг прочитано: 2" in run["printed"] and "ошибок: 0, предупреждений и сведений: 2" in run["printed"]
    assert "Ошибок нет, только предупреждения: код выхода 0" in run["printed"]
    severities = {row[6] for row in _read_csv(run["out"] / "problems.csv")[1:]}
    assert severities == {WARNING}


def test_national_xlsx_colours_warnings_orange_and_keeps_the_rows_of_national_csv(runs: dict[str, Any]) -> None:
    run = runs["warnings"]
    fills = _status_fills(run)
    for file in ONLY_WARNINGS:
        assert fills[file] == ORANGE, file
    assert fills["Самарская область"] == GREY
    sheet = load_workbook(run["out"] / "national.xlsx")["Регионы"]
    csv_rows = _read_csv(run["out"] / "national.csv")
    table = sheet.iter_rows(min_row=2, max_row=len(csv_rows) + 1)  # below the groups' row, above the colours' legend
    shown = [["" if cell.value is None else _as_in_csv(cell.value) for cell in row] for row in table]
    assert shown == csv_rows  # the same rows, the warnings column included
    not_received = next(row for row in shown if row[0] == "Самарская область")
    assert not_received[-1] == ""  # nothing received: no count of warnings


def _as_in_csv(value: object) -> str:
    """A national.xlsx value as national.csv writes it: a fraction with a decimal comma (the coverage, 13,3)."""
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)
