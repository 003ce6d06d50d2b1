"""Decision P3: the drug rows of «Товары» give the letter's kit totals and the kits left over.

One set of drug rows is worked out by hand below, row by row: each row's whole kits on the
shelf, ⌊max(0, stock − expiring) / units per kit⌋, and kits to buy, max(0, kits − on the shelf);
each total the letter reads (``out_used_*``) is the sum of the kits to buy of its rows, the kits
left over the sum of component 1's kits on the shelf; then the letter's §2–§4 results and checks on
those totals (Appendix 2; decisions A4, A5, A12).  The request around them is
``tests/refresh/test_refresh_cli.py::clean_inputs(1000)`` (900 continuing, 400 starting ART, 260
pregnant women: PMTCT courses [0,7 × 260] + [0,25 × 260] = 182 + 65 = 247).

Each case is typed into both variants (native .xlsx and add-in .xlsm) and into a workbook without
the products sheet; all are recalculated by LibreOffice in one call.  The native workbook must show
the hand-worked values and every ``out_``/``chk_`` of ``model.evaluate(inputs, products=rows)``; the
add-in workbook the same kit totals and product checks (its native helper formulas, LibreOffice) and,
computed by the ``formulas`` package with the add-in's functions registered, the same letter results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill, product_columns, read_name
from tests.workbook.input_sets import same
from tests.workbook.libreoffice import recalculate
from tests.workbook.test_udf_formulas import _evaluate, engine_functions  # noqa: F401 - a fixture
from xl_addin.request import model
from xl_addin.request.products_layout import TARGETS
from xl_addin.request.products_model import evaluate_products, kit_totals_from_products
from xl_addin.workbook.writer import UDF_VARIANT, Region, write_workbook

REGION = Region("Тульская область", "67", 626)
NO_DATA = model.TEXTS["ru"].no_data
KITS = ("in_kits_pi", "in_kits_nnrti", "in_kits_component2", "in_kits_component3", "in_kits_first_line",
        "in_kits_reserve")  # fmt: skip
C2 = "компонент 2 — НИОТ, производные тимидина"
C3 = "компонент 3 — НИОТ, не производные тимидина"


def _drug(number: int, name: str, covers: str, kits: int, per_kit: int | None, stock: int = 0, **more: Any) -> dict:
    return {"in_product_code": f"A-{number:02d}", "in_product_name": name, "in_product_covers": f"АРВ: {covers}",
            "in_product_units_per_pack": 60, "in_product_units_per_kit": per_kit, "in_product_kits_requested": kits,
            "in_product_stock": stock, **more}  # fmt: skip


#: The drug rows, sheet rows 21–28: kits on the shelf and to buy, by hand.
ROWS = [
    # 21: ⌊14 600 / 1460⌋ = 10 on the shelf; 700 − 10 = 690 to buy
    _drug(1, "Лопинавир/ритонавир, таб. 200/50 мг", "компонент 1 — ИП, первый ряд", 700, 1460, 14600),
    # 22: usable 4400 − 300 = 4100; ⌊4100 / 365⌋ = 11 (365 × 11 = 4015); 300 − 11 = 289 to buy
    _drug(2, "Эфавиренз, таб. 600 мг", "компонент 1 — ННИОТ, первый ряд", 300, 365, 4400, in_product_expiring=300),
    # 23: nothing on the shelf; 111 to buy
    _drug(3, "Этравирин, таб. 100 мг", "компонент 1 — ННИОТ, резерв", 111, 1460),
    # 24: 700 to buy
    _drug(4, "Зидовудин, капс. 100 мг", f"{C2}, первый ряд", 700, 2190),
    # 25: usable 7400 − 100 = 7300; ⌊7300 / 730⌋ = 10; 510 − 10 = 500 to buy
    _drug(5, "Ставудин, капс. 30 мг", f"{C2}, резерв", 510, 730, 7400, in_product_expiring=100),
    # 26: 500 to buy
    _drug(6, "Ламивудин, таб. 150 мг", f"{C3}, первый ряд", 500, 730),
    # 27: 600 to buy
    _drug(7, "Диданозин, таб. 250 мг", f"{C3}, резерв", 600, 365),
    # 28: ⌊4000 / 365⌋ = 10 on the shelf (3650), more than the 5 kits of the year: max(0, 5 − 10) = 0 to buy
    _drug(8, "Атазанавир, капс. 300 мг", "компонент 1 — ИП, резерв", 5, 365, 4000),
]
#: Row 29 of the abacavir case: 50 kits to buy, counted in component 3 (and the reserve line) — but §3 excludes it.
ABACAVIR_ROW = _drug(9, "АБАКАВИР, таб. 300 мг", f"{C3}, резерв", 50, 730)

#: The totals the letter reads, from the rows above.
USED = {
    "out_used_kits_pi": 690,  # 690 (row 21) + 0 (row 28)
    "out_used_kits_nnrti": 400,  # 289 + 111
    "out_used_kits_component2": 1200,  # 700 + 500
    "out_used_kits_component3": 1100,  # 500 + 600
    "out_used_kits_first_line": 2179,  # 690 + 289 + 700 + 500
    "out_used_kits_reserve": 1211,  # 0 + 111 + 500 + 600
    "out_used_reserve_kits_left": 31,  # component 1 on the shelf: 10 + 11 + 0 + 10
}
#: The letter on those totals.
LETTER = {
    "out_kits_treatable_min": 1090,  # §2: PI + NNRTI = 690 + 400
    "out_annual_kits_needed": 1069,  # §2: ⌈900 + 400 × 0,5 − 31⌉
    "chk_kits_cover": "OK",  # 1069 ≤ 1090
    # A4: |1090 − 1100| = 10 ≤ max(1; ⌊5 % × 1100⌋ = 55); component 2: 1200 > 1100
    "chk_regimen_balance": "OK",
    # A5: 3390 kits; 60 % = 2034 ± 169,5 → ⌈1864,5⌉ = 1865 … ⌊2203,5⌋ = 2203; 2179 is inside
    "chk_line_share": "OK",
    "chk_component2_excess": "OK",  # A12: 1200 ≤ 1100 + 55 + 247 = 1402
    "chk_inputs": "OK",  # the six kit totals are blank on «Ввод»: the rows give them
    "chk_all": "OK",
    "chk_product_kits": "OK",
    "chk_product_abacavir": "OK",
    "chk_product_units_per_kit": "OK",
}
TYPED_AS_ROWS = {"in_kits_pi": 690, "in_kits_nnrti": 400, "in_kits_component2": 1200, "in_kits_component3": 1100,
                 "in_kits_first_line": 2179, "in_kits_reserve": 1211, "in_reserve_kits_left": 31}  # fmt: skip
BLANK_KITS = clean_inputs(1000) | dict.fromkeys(KITS)

#: label → (the «Ввод» inputs, the drug rows, the values by hand).
CASES: dict[str, tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]] = {
    "rows-with-blank-totals": (BLANK_KITS, ROWS, USED | LETTER),
    "rows-with-equal-totals": (clean_inputs(1000) | TYPED_AS_ROWS, ROWS, USED | LETTER),
    # PI typed as its gross 700 kits (the stock not subtracted), 30 kits left over instead of 31: both errors on
    # «Товары»; the letter reads the rows all the same
    "rows-with-other-totals": (
        BLANK_KITS | {"in_kits_pi": 700, "in_reserve_kits_left": 30}, ROWS, USED | LETTER | {
            "chk_product_kits": "Не совпадают итоги комплектов: 2 (Годовых комплектов ингибиторов протеазы (ИП): "
            "по строкам препаратов 690, на листе «Ввод» 700)",
        },
    ),
    # component 3: 1100 + 50 = 1150, the reserve line 1211 + 50 = 1261
    "abacavir-in-component-3": (
        BLANK_KITS, [*ROWS, ABACAVIR_ROW], USED | LETTER | {
            "out_used_kits_component3": 1150, "out_used_kits_reserve": 1261,
            # A4: |1090 − 1150| = 60 > ⌊5 % × 1150⌋ = 57 (component 2: 1200 > 1150)
            "chk_regimen_balance": "Компоненты 1 и 3 расходятся на 60 комплектов, допустимо не более 57",
            "chk_all": 1,
            # A5: 3440 kits; 2064 ± 172 → 1892 … 2236 holds 2179.  A12: 1200 ≤ 1150 + 57 + 247 = 1454
            "chk_product_abacavir": "Абакавир отнесён к компоненту 3 (Прил. 2 §3: «за исключением абакавира»): "
            "строк 1 (первая: строка 29)",
        },
    ),
    # row 22 without units per kit: its kits on the shelf cannot be counted, nor the totals it adds up to
    "no-units-per-kit": (
        BLANK_KITS, [ROWS[0], ROWS[1] | {"in_product_units_per_kit": None}, *ROWS[2:]], USED | LETTER | {
            "out_used_kits_nnrti": "#", "out_used_kits_first_line": "#", "out_used_reserve_kits_left": "#",
            "out_kits_treatable_min": "#", "out_annual_kits_needed": "#",
            "chk_kits_cover": NO_DATA, "chk_regimen_balance": NO_DATA, "chk_line_share": NO_DATA,
            "chk_component2_excess": NO_DATA,
            "chk_all": 4,  # results not numeric, balance, line share, cover (component 2 is a warning)
            "chk_product_units_per_kit": "Препаратов без единиц на комплект: 1 (первый: строка 22)",
        },
    ),
    # no drug row: the typed totals, as before P3 (clean_inputs: 700 + 800; 1600; 1500; 900 + 600; nothing left)
    "typed-totals-only": (
        clean_inputs(1000), [], {
            "out_used_kits_pi": 700, "out_used_kits_nnrti": 800, "out_used_kits_component2": 1600,
            "out_used_kits_component3": 1500, "out_used_kits_first_line": 900, "out_used_kits_reserve": 600,
            "out_used_reserve_kits_left": 0, "out_kits_treatable_min": 1500, "out_annual_kits_needed": 1100,
            "chk_inputs": "OK", "chk_all": "OK",
        },
    ),
    # neither rows nor typed totals: the six blanks are missing inputs
    "no-rows-blank-totals": (
        BLANK_KITS, [], {"out_used_kits_pi": "#", "chk_inputs": "Не заполнено или неверно полей: 6"},
    ),
}  # fmt: skip
#: The abacavir case in an English workbook (``--lang en``): the rows choose the English texts, in other case.
ENGLISH_ROWS = [row | {"in_product_covers": next(t.en for t in TARGETS if t.ru == row["in_product_covers"]).upper()}
                for row in [*ROWS, ABACAVIR_ROW | {"in_product_name": "abacavir 300 mg"}]]  # fmt: skip
ENGLISH = {
    "chk_regimen_balance": "Components 1 and 3 differ by 60 kits, at most 57 allowed",  # as worked out in Russian
    "chk_product_abacavir": "Abacavir counted in component 3 (Appendix 2 §3 excludes it): rows 1 (first: row 29)",
    "out_used_kits_component3": 1150,
    "chk_all": 1,
}
#: The cases the add-in variant is also computed in by the ``formulas`` package (slow: a few seconds each).
FORMULAS_CASES = ("rows-with-blank-totals", "abacavir-in-component-3")


def _matches(found: Any, expected: Any) -> bool:
    """A hand-worked value: "#" stands for any error."""
    if expected == "#":
        return isinstance(found, model.ErrorValue) or (isinstance(found, str) and found.startswith("#"))
    return found == expected and found is not None


def test_the_rows_are_the_sheets_choices() -> None:
    labels = {target.ru for target in TARGETS}
    assert all(row["in_product_covers"] in labels for row in [*ROWS, ABACAVIR_ROW])


@pytest.mark.parametrize("label", list(CASES))
def test_the_model_gives_the_hand_worked_values(label: str) -> None:
    inputs, rows, expected = CASES[label]
    values = model.evaluate(inputs, REGION.published_2006, products=rows)
    checks = evaluate_products(rows, values, inputs).checks
    found = values | checks
    assert {name: found[name] for name in expected if not _matches(found[name], expected[name])} == {}


def test_the_model_without_products_reads_the_typed_totals() -> None:
    # every caller that passes no rows keeps the behaviour from before P3
    assert model.evaluate(clean_inputs(1000)) == model.evaluate(clean_inputs(1000), products=[])
    assert model.evaluate(BLANK_KITS)["chk_inputs"] == "Не заполнено или неверно полей: 6"


def test_kit_totals_from_products_by_hand() -> None:
    assert kit_totals_from_products(ROWS) == {
        "in_kits_pi": 690, "in_kits_nnrti": 400, "in_kits_component2": 1200, "in_kits_component3": 1100,
        "in_kits_first_line": 2179, "in_kits_reserve": 1211, "in_reserve_kits_left": 31,
    }  # fmt: skip
    # only component 3's rows: no component-1 row gives the kits left over
    assert kit_totals_from_products(ROWS[5:7]) == {"in_kits_component3": 1100, "in_kits_first_line": 500,
                                                   "in_kits_reserve": 600}  # fmt: skip
    # an invalid row (stock as text) gives nothing: its total keeps the typed value
    assert kit_totals_from_products([ROWS[0] | {"in_product_stock": "много"}]) == {}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every case in the native and add-in workbooks, and the typed totals in a workbook without «Товары»."""
    work = tmp_path_factory.mktemp("kits")
    templates = {"native": work / "template.xlsx", "udf": work / "template.xlsm", "bare": work / "bare.xlsx",
                 "en": work / "template-en.xlsx"}  # fmt: skip
    write_workbook(templates["native"], REGION)
    write_workbook(templates["en"], REGION, lang="en")
    write_workbook(templates["udf"], REGION, variant=UDF_VARIANT, plan=False)  # for the formula engine
    write_workbook(templates["bare"], REGION, products=False)
    files: dict[str, Path] = {}
    for label, (inputs, rows, _) in CASES.items():
        for variant in ("native", "udf"):
            files[f"{variant}-{label}"] = work / f"{variant}-{label}{templates[variant].suffix}"
            fill(templates[variant], files[f"{variant}-{label}"], inputs | product_columns(rows))
    files["bare-typed-totals-only"] = work / "bare-typed-totals-only.xlsx"
    fill(templates["bare"], files["bare-typed-totals-only"], CASES["typed-totals-only"][0])
    files["en-abacavir"] = work / "en-abacavir.xlsx"
    fill(templates["en"], files["en-abacavir"], BLANK_KITS | product_columns(ENGLISH_ROWS))
    outputs = recalculate(list(files.values()), work)
    books = {label: load_workbook(path, data_only=True) for label, path in zip(files, outputs, strict=True)}
    return books | {"files": files}


@pytest.mark.parametrize("label", list(CASES))
def test_libreoffice_gives_the_hand_worked_values(recalculated: dict[str, Any], label: str) -> None:
    _, _, expected = CASES[label]
    book = recalculated[f"native-{label}"]
    found = {name: read_name(book, name) for name in expected}
    assert {name: value for name, value in found.items() if not _matches(value, expected[name])} == {}


@pytest.mark.parametrize("label", list(CASES))
def test_every_value_of_the_native_workbook_equals_the_model(recalculated: dict[str, Any], label: str) -> None:
    inputs, rows, _ = CASES[label]
    book = recalculated[f"native-{label}"]
    values = model.evaluate(inputs, REGION.published_2006, products=rows)
    differences = {name: (read_name(book, name), value) for name, value in values.items()
                   if not same(read_name(book, name), value)}  # fmt: skip
    checks = evaluate_products(rows, values, inputs).checks
    differences |= {
        name: (read_name(book, name), text) for name, text in checks.items() if read_name(book, name) != text
    }
    assert differences == {}


@pytest.mark.parametrize("label", list(CASES))
def test_the_add_in_workbook_computes_the_same_kit_totals_and_product_checks(
    recalculated: dict[str, Any], label: str
) -> None:
    # the helper cells are native formulas in both variants: LibreOffice computes them in the .xlsm too (but not
    # the add-in's functions: the diagnostic volumes, which only chk_product_uncovered reads, are #NAME? there, and
    # so are the packs, whose number chk_product_stock_level waits for)
    inputs, rows, _ = CASES[label]
    book = recalculated[f"udf-{label}"]
    values = model.evaluate(inputs, REGION.published_2006, products=rows)
    expected = {name: value for name, value in values.items() if name.startswith("out_used_")}
    expected |= evaluate_products(rows, values, inputs).checks
    del expected["chk_product_uncovered"], expected["chk_product_stock_level"]
    assert len(expected) == 7 + 7  # seven used values, nine product checks but the two above
    assert {name: read_name(book, name) for name in expected if not same(read_name(book, name), expected[name])} == {}


@pytest.mark.parametrize("label", FORMULAS_CASES)
def test_the_add_in_workbooks_letter_results_equal_the_model(
    recalculated: dict[str, Any],
    engine_functions: None,  # noqa: F811 - the fixture imported above
    label: str,
) -> None:
    inputs, rows, expected = CASES[label]
    computed = _evaluate(recalculated["files"][f"udf-{label}"])
    values = model.evaluate(inputs, REGION.published_2006, products=rows)
    values |= evaluate_products(rows, values, inputs).checks
    # ``formulas`` takes SUMPRODUCT(--(range<>"")) (the sheet's «is a row filled») for 0, so it never sees the
    # rows and says "OK" here; LibreOffice computes that check in the native workbook above
    del values["chk_product_uncovered"]
    assert {name: (computed[name], value) for name, value in values.items() if not same(computed[name], value)} == {}
    assert {
        name: computed[name] for name in expected if name in values and not _matches(computed[name], expected[name])
    } == {}


def test_a_workbook_without_the_products_sheet_reads_the_typed_totals(recalculated: dict[str, Any]) -> None:
    inputs, _, expected = CASES["typed-totals-only"]
    book = recalculated["bare-typed-totals-only"]
    assert {
        name: read_name(book, name) for name in expected if not _matches(read_name(book, name), expected[name])
    } == {}
    values = model.evaluate(inputs, REGION.published_2006)
    assert {
        name: read_name(book, name) for name, value in values.items() if not same(read_name(book, name), value)
    } == {}
    assert read_name(book, "xl_addin_kit_rows") == [0] * 7  # no drug row can give a total


def test_an_english_workbook_with_english_choices(recalculated: dict[str, Any]) -> None:
    book = recalculated["en-abacavir"]
    values = model.evaluate(BLANK_KITS, REGION.published_2006, lang="en", products=ENGLISH_ROWS)
    values |= evaluate_products(ENGLISH_ROWS, values, BLANK_KITS, lang="en").checks
    assert {name: values[name] for name in ENGLISH if values[name] != ENGLISH[name]} == {}
    assert {name: (read_name(book, name), value) for name, value in values.items()
            if not same(read_name(book, name), value)} == {}  # fmt: skip
