"""The checks inside the workbook, recalculated by LibreOffice (native, ru and en) and by ``formulas`` (add-in).

Each contradiction of ``tests/refresh/test_checks_refresh.py`` (one change to a consistent request, its
sentence worked out by hand there) is typed into both variants: the check says exactly that sentence,
and every other ``out_``/``chk_`` equals the core.  Then what the workbook tells a user: why a cell is
not accepted, a blank workbook in grey, a result typed over, year columns that move with ``--year``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.refresh.test_checks_refresh import ONE_CONTRADICTION, ONLY_WARNINGS
from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill, read_name
from tests.workbook.input_sets import same
from tests.workbook.libreoffice import recalculate
from tests.workbook.test_udf_formulas import _evaluate, engine_functions  # noqa: F401 - a fixture
from xl_addin.core.severity import Severity
from xl_addin.request import model, shown
from xl_addin.request.layout import CHECKS
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.writer import UDF_VARIANT, Region, write_workbook

REGION = Region("Тульская область", "67", 626)

#: label → (inputs, the check that must fail, its sentence by hand, its severity).
SETS: dict[str, tuple[dict[str, Any], str | None, str | None, Severity]] = {
    "consistent": (clean_inputs(1000), None, None, Severity.ERROR),
    **{
        Path(file).stem: (clean_inputs(1000) | changes, check, sentence, Severity.ERROR)
        for file, (_, changes, check, sentence) in ONE_CONTRADICTION.items()
    },
    **{
        Path(file).stem: (clean_inputs(1000) | changes, check, sentence, Severity.WARNING)
        for file, (_, changes, check, sentence) in ONLY_WARNINGS.items()
    },
}

#: The same sentences in an English workbook (``--lang en``), the same numbers as worked out in Russian.
ENGLISH = {
    "planned_above_continuing_and_starting": "Planned on ART (1500) is more than continuing and starting together (1300)",
    "continuing_above_on_art": "Continuing therapy (1000) is more than those on ART in the reporting year (900)",
    "monthly_plan_not_starting": "The monthly start plan sums to 360, not to those starting ART (400)",
    "observed_above_registered": (
        "On ART, starting ART and observed without ART (B + C + D = 10300) is more than the registered living with HIV (9800)"
    ),
    "registered_above_detected": "Registered living with HIV (9800) is more than those detected cumulatively (9000)",
    "by_years_above_registered": (
        "Registered living by years since detection, summed (9900) is more than the registered living with HIV (9800)"
    ),
    "coverage_below_13": "ART coverage below 13 %: at least 1274 needed, planned 1200",
    "coverage_above_20_and_estimate": (
        "ART coverage above 20 %: planned 2000, above the upper end and the estimate by years since detection (1960)"
    ),
    "component2_far_above": (
        "Component 2 (2000) exceeds components 1/3 (1500) with the tolerance 75 and the PMTCT courses 247: at most 1822"
    ),
}

#: What the status cell beside an input says for a value a user typed (the core's words, numbers.py).
STATUS_OF_VALUE = {
    "185 000": "текст, а нужно число: цифрами, без пробелов и букв",  # a space: Excel keeps it as text
    "1,5": "текст, а нужно число: цифрами, без пробелов и букв",
    "сто": "текст, а нужно число: цифрами, без пробелов и букв",
    -3: "отрицательное число недопустимо",
    2.5: "нужно целое число (количество не бывает дробным)",
    None: "не заполнено",
    1200: "OK",
    1_000_000_000: "OK",  # the bound itself (docs/interpretation.md, R4)
    1_000_000_001: "больше 1 000 000 000: такого количества не бывает, проверьте число",
    1.7e308: "больше 1 000 000 000: такого количества не бывает, проверьте число",
}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every set in the ru and en native workbooks, the statuses, a blank and a typed-over workbook: one soffice call."""
    work = tmp_path_factory.mktemp("checks")
    templates = {lang: work / f"template_{lang}.xlsx" for lang in ("ru", "en")}
    for lang, path in templates.items():
        write_workbook(path, REGION, lang=lang)
    files: dict[str, Path] = {}
    for lang, template in templates.items():
        for label, (inputs, *_) in SETS.items():
            files[f"{lang}-{label}"] = work / f"{lang}-{label}.xlsx"
            fill(template, files[f"{lang}-{label}"], inputs)
    for number, value in enumerate(STATUS_OF_VALUE):
        files[f"status-{number}"] = work / f"status-{number}.xlsx"
        fill(templates["ru"], files[f"status-{number}"], clean_inputs(1000) | {"in_planned_screenings": value})
    files["blank"] = templates["ru"]
    files["typed-over"] = work / "typed-over.xlsx"
    fill(templates["ru"], files["typed-over"], clean_inputs(1000))
    book = load_workbook(files["typed-over"])
    named_cells(book, "out_elisa_volume")[0].value = 999  # a user types a number over the formula
    book.save(files["typed-over"])
    files["year-2010"] = work / "year-2010.xlsx"
    write_workbook(files["year-2010"], REGION, year=2010)
    outputs = recalculate(list(files.values()), work)
    return {label: load_workbook(path, data_only=True) for label, path in zip(files, outputs, strict=True)}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("label", list(SETS))
def test_each_contradiction_fails_its_own_check_with_the_hand_worked_sentence(
    recalculated: dict[str, Any], lang: str, label: str
) -> None:
    inputs, failing, sentence, severity = SETS[label]
    book = recalculated[f"{lang}-{label}"]
    found = {check.name: read_name(book, check.name) for check in CHECKS if check.severity is not Severity.INFO}
    if lang == "en" and failing:
        sentence = ENGLISH[label]
    assert {name: value for name, value in found.items() if value != "OK"} == ({failing: sentence} if failing else {})
    # chk_all counts errors only: one for a contradiction, none for a warning
    assert read_name(book, "chk_all") == (1 if severity is Severity.ERROR and failing else "OK")
    for name, expected in model.evaluate(inputs, REGION.published_2006, lang=lang).items():
        assert same(read_name(book, name), expected), (name, read_name(book, name), expected)


@pytest.mark.parametrize("label", list(SETS))
def test_the_add_in_variant_gives_the_same_checks(
    tmp_path: Path,
    engine_functions: None,  # noqa: F811 - the fixture imported above
    label: str,
) -> None:
    inputs, failing, sentence, _ = SETS[label]
    template = tmp_path / "template.xlsm"
    write_workbook(template, REGION, variant=UDF_VARIANT, plan=False)  # the engine: seconds without the plan
    fill(template, tmp_path / "filled.xlsm", inputs)
    computed = _evaluate(tmp_path / "filled.xlsm")
    if failing:
        assert computed[failing] == sentence
    expected = model.evaluate(inputs, REGION.published_2006)
    assert [name for name, value in expected.items() if not same(computed[name], value)] == []


@pytest.mark.parametrize(("number", "value"), list(enumerate(STATUS_OF_VALUE)))
def test_the_status_beside_an_input_says_why_it_is_not_accepted(
    recalculated: dict[str, Any], number: int, value: Any
) -> None:
    sheet = recalculated[f"status-{number}"]["Ввод"]
    cell = named_cells(recalculated[f"status-{number}"], "in_planned_screenings")[0]
    assert sheet.cell(cell.row, 3).value == STATUS_OF_VALUE[value]
    expected_inputs = "OK" if STATUS_OF_VALUE[value] == "OK" else "Не заполнено или неверно полей: 1"
    assert read_name(recalculated[f"status-{number}"], "chk_inputs") == expected_inputs


def test_a_blank_workbook_says_not_filled_and_is_grey_not_red(recalculated: dict[str, Any]) -> None:
    book = recalculated["blank"]
    assert [read_name(book, name) for name in ("chk_inputs", "chk_results_numeric", "chk_all")] == ["Не заполнено"] * 3
    waiting = {"Не заполнено", shown.NO_DATA, "OK"}  # OK: a comparison with a blank optional input
    errors = [c.name for c in CHECKS if c.severity is not Severity.INFO and read_name(book, c.name) not in waiting]
    assert errors == []
    status = {book["Ввод"].cell(row, 3).value for row in range(2, book["Ввод"].max_row + 1)} - {None, "Статус"}
    assert status == {"не заполнено", "OK"}  # required ones "не заполнено", optional ones OK


def _blank(folder: Path) -> Path:
    path = folder / "blank.xlsx"
    write_workbook(path, REGION)
    return path


def test_the_blank_states_have_grey_rules_and_failures_red_or_orange(tmp_path: Path) -> None:
    book = load_workbook(_blank(tmp_path))
    fills: dict[str, set[str]] = {}
    for sheet_name in ("Ввод", "Проверки"):
        for rules in book[sheet_name].conditional_formatting:
            for rule in rules.rules:
                if rule.dxf.fill is None:  # «Ввод»: a typed fraction shown with it, a number format and no fill
                    assert rule.dxf.numFmt.formatCode == "#,##0.#########"
                    continue
                fills.setdefault(sheet_name, set()).add(f"{rule.formula[0]} → {rule.dxf.fill.fgColor.rgb[-6:]}")
    assert any("не заполнено" in rule and rule.endswith("E7E6E6") for rule in fills["Ввод"])
    assert any(
        shown.NO_DATA in rule and shown.NOT_FILLED in rule and rule.endswith("E7E6E6") for rule in fills["Проверки"]
    )
    assert {rule.split(" → ")[1] for rule in fills["Проверки"] if rule.startswith("LEN(")} == {"FFC7CE", "FFE0B2"}


def test_a_result_typed_over_is_an_error_in_the_workbook_itself(recalculated: dict[str, Any]) -> None:
    book = recalculated["typed-over"]
    assert read_name(book, "out_elisa_volume") == 999
    assert read_name(book, "chk_results_formulas") == "Формула результата заменена значением, ячеек: 1"
    assert read_name(book, "chk_all") == 1  # the only error of an otherwise consistent request
    assert model.evaluate(clean_inputs(1000), 626, typed_over=1)["chk_results_formulas"] == (
        "Формула результата заменена значением, ячеек: 1"
    )


def test_the_letters_cascade_by_hand(recalculated: dict[str, Any]) -> None:
    book = recalculated["ru-consistent"]  # detected 14 500, planned 1300
    # 14 500 × 0,8 = 11 600 under observation; 13 % = 1508, 20 % = 2320
    assert read_name(book, "out_dispensary_expected") == 11600
    assert read_name(book, "out_treatment_need_range") == [1508, 2320]
    # 60 %: 904,8 → 905 and 1392; the rest: 1508 − 905 = 603 and 2320 − 1392 = 928
    assert read_name(book, "out_treatment_first_line") == [905, 1392]
    assert read_name(book, "out_treatment_reserve_line") == [603, 928]


def test_year_columns_move_with_the_request_year(recalculated: dict[str, Any]) -> None:
    book = recalculated["year-2010"]
    sheet = book["Ввод"]
    for name, years in (
        ("in_hiv_examined_by_year", range(2004, 2009)),
        ("in_acute_hepatitis_by_year", range(2003, 2009)),
    ):
        cells = named_cells(book, name)
        assert [sheet.cell(cells[0].row - 1, cell.column).value for cell in cells] == [str(y) for y in years]
        assert sheet.cell(cells[0].row, 1).value.endswith(f"{years[0]}–{years[-1]}")
    assert book["Титул"]["A1"].value == "Заявка на 2010 год: Тульская область"


def test_the_native_workbook_never_asks_for_the_add_in_and_its_title_is_locked(tmp_path: Path) -> None:
    book = load_workbook(_blank(tmp_path))
    texts = [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value]
    assert not [text for text in texts if "Import Functions" in text or "надстройк" in text.casefold()]
    assert book["Титул"].protection.sheet and book["Титул"]["B10"].protection.locked  # region: not by accident
