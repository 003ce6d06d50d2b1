"""The plan's defects a pharmacist found on the printed sheet (issue 22), recalculated by LibreOffice.

Each workbook is typed by hand and its expected values worked out by hand below (never by the
code under test); the model (``request/plan_model.py``) must say the same:

1. ``chk_plan_after_year`` names the earliest month after the request year, not the first row's;
2. the heading of the 24 months says plainly why the selected product's plan is not computed;
3. «Заказать до» (``in_plan_lead_months``) beside the results and in the heading;
4. a product nobody needs and nobody holds is «нет потребности», not «норма»;
5. an excess over the maximum below one pack (the order's rounding) is not «выше максимума»;
6. a sentence names no part it has not got: no «0,00 руб.» without a price (the other sentences' texts are
   tested here and in test_plan_sheet_examples.py);
7. a «Товары» code with ``*`` takes no line of another code (SUMIFS would read it as a wildcard).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill, product_columns, read_name
from tests.workbook.input_sets import _zeros
from tests.workbook.libreoffice import recalculate
from xl_addin.request import model
from xl_addin.request.plan_layout import (
    MONTH_LETTERS,
    MONTH_ROW,
    MONTHS_HEADING_ROW,
    ORDER_BY,
    PLAN_FIRST_ROW,
    RESULTS,
    TABLE_ROWS,
    TABLES,
)
from xl_addin.request.plan_model import evaluate_plan
from xl_addin.request.products_model import evaluate_products
from xl_addin.workbook.writer import Region, write_workbook

D = dt.datetime
ZIDOVUDINE = "АРВ: компонент 2 — НИОТ, производные тимидина, первый ряд"
IMMUNOBLOT = "Иммунный блот: исследований"
INPUTS_IB = {"in_elisa_positive_to_ib": 5760}  # «Направлено на ИБ» 5 760 → 7 200 tests (the note's Example 2)


def _zidovudine(code: str, **more: Any) -> dict[str, Any]:
    """N = 10 kits × 730 = 7 300 tablets (608, 608, 609 … a month), 60 a pack; buffer 3: Min 1 825, Max 9 125."""
    return {"in_product_code": code, "in_product_name": "Зидовудин, таблетки 300 мг", "in_product_covers": ZIDOVUDINE,
            "in_product_units_per_pack": 60, "in_product_units_per_kit": 730, "in_product_kits_requested": 10,
            **more}  # fmt: skip


def _immunoblot(code: str) -> dict[str, Any]:
    """Example 2: N 7 200 (600 a month), 20 a pack, stock 6 000 of which lots 3 000 to 02.2007 and 3 000 to 12.2008."""
    return {"in_product_code": code, "in_product_name": "Иммунный блот ВИЧ-1/2", "in_product_covers": IMMUNOBLOT,
            "in_product_units_per_pack": 20, "in_product_price": 5000, "in_product_stock": 6000,
            "in_product_expiring": 0}  # fmt: skip


def _tables(ship: Any = (), lots: Any = (), use: Any = ()) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for table, lines in (("ship", list(ship)), ("lot", list(lots)), ("use", list(use))):
        padded = lines + [(None,) * len(TABLES[table])] * (TABLE_ROWS - len(lines))
        columns |= {column.name: [line[i] for line in padded] for i, column in enumerate(TABLES[table])}
    return columns


def _settings(**values: Any) -> dict[str, Any]:
    names = ("in_plan_start", "in_plan_reorder_months", "in_plan_order_month", "in_plan_lead_months", "in_plan_product")
    return {name: values.get(name.removeprefix("in_plan_")) for name in names}


#: Example 3's zidovudine (A06: stock 1 825, «в пути» 5 475 in 10.2007, 31 packs in 03.2007) on the FIRST row and
#: Example 2's immunoblot (D03) on the second: A06 runs short after the year from 07.2008, D03 from 01.2008.
EX32_ROWS = [_zidovudine("A06", in_product_stock=1825, in_product_pipeline=5475), _immunoblot("D03")]
EX32_LINES = _tables(
    ship=[("A06", D(2007, 3, 1), 1860, "заявка", None), ("A06", D(2007, 10, 1), 5475, "в пути", None),
          ("D03", D(2007, 7, 15), 3000, "заявка", None)],
    lots=[("D03", 3000, D(2007, 2, 28)), ("D03", 3000, D(2008, 12, 31))],
)  # fmt: skip
CASES: dict[str, tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any]]] = {
    # 1, 3: lead time 2 months, A06 shown
    "after": (EX32_ROWS, EX32_LINES | _settings(lead_months=2, product="A06"), INPUTS_IB),
    # 2: D03's delivery month typed as text: D03 has no plan; shown because C6 names it
    "line_error": (EX32_ROWS, EX32_LINES | _tables(ship=[("D03", "июль 2007", 3000, "заявка", None)])
                   | _settings(product="D03"), INPUTS_IB),
    # 2: A06's stock is a word on «Товары»: its row is invalid
    "row_error": ([{**EX32_ROWS[0], "in_product_stock": "сто"}, EX32_ROWS[1]], EX32_LINES | _settings(product="A06"),
                  INPUTS_IB),
    # 2: a start two years before the request year: no product has a plan, the first is shown
    "settings_error": (EX32_ROWS, EX32_LINES | _settings(start=D(2005, 1, 1)), INPUTS_IB),
    # 2: a code no row carries
    "not_found": (EX32_ROWS, EX32_LINES | _settings(product="ZZ"), INPUTS_IB),
    # 4: no kits requested and no stock: N = 0, nothing held
    "no_need": ([_zidovudine("Z0", in_product_kits_requested=0, in_product_stock=0)], _settings(product="Z0"), {}),
    # 5: stock 1 825 + 122 packs (⌈(9 125 − 1 825) / 60⌉ = ⌈121,7⌉) = 7 320 in January, January's demand set to 0:
    # 9 145 on 31.01, 20 tablets over the maximum 9 125 — less than a pack of 60. Z2: stock 1 785 (one less pack's
    # worth, 1 825 − 40): ⌈7 340 / 60⌉ = 123 packs = 7 380, 1 785 + 7 380 = 9 165 — 40 over, still below a pack
    "pack": ([_zidovudine("Z1", in_product_stock=1825), _zidovudine("Z2", in_product_stock=1785)],
             _tables(use=[("Z1", D(2007, 1, 1), 0), ("Z2", D(2007, 1, 1), 0)]) | _settings(product="Z1"), {}),
    # 6: the note's ex4 without a price: J 4 175 written off in 01.2007 (no lots), no roubles to name
    "no_price": ([_zidovudine("Z3", in_product_stock=6000, in_product_expiring=4175)], _settings(), {}),
    # 7: «A*» beside «AB», a line of «AB» only
    "wildcard": ([_zidovudine("A*", in_product_stock=1825), _zidovudine("AB", in_product_stock=1825)],
                 _tables(ship=[("AB", D(2007, 3, 1), 6000, "другое", None)]) | _settings(product="AB"), {}),
}  # fmt: skip


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, Any]]:
    """Each case's recalculated workbook and the model's values for it."""
    work = tmp_path_factory.mktemp("plan-defects")
    template = work / "template.xlsx"
    write_workbook(template, Region("Тульская область"), year=2007)
    files, expected = [], []
    for name, (rows, plan, inputs) in CASES.items():
        files.append(work / f"{name}.xlsx")
        fill(template, files[-1], _zeros() | inputs | product_columns(rows) | plan | {"in_buffer_months": 3})
        products = evaluate_products(rows, model.evaluate(_zeros() | inputs), _zeros() | inputs, buffer=3)
        expected.append(evaluate_plan(rows, products, plan | {"xl_addin_year": 2007, "in_buffer_months": 3}))
    found = [load_workbook(path, data_only=True) for path in recalculate(files, work)]
    return dict(zip(CASES, zip(found, expected, strict=True), strict=True))


def _results(book: Any, row: int) -> tuple[Any, ...]:
    return tuple(read_name(book, column.name)[row] for column in RESULTS)


def _same(found: tuple[Any, ...], expected: tuple[Any, ...]) -> bool:
    def one(f: Any, e: Any) -> bool:
        if e is None:
            return f in (None, "")
        if isinstance(e, Decimal):
            return isinstance(f, (int, float)) and Decimal(repr(float(f))) == e
        return bool(f == e)

    return all(one(f, e) for f, e in zip(found, expected, strict=True))


def test_the_next_request_is_the_earliest_month_after_the_year(books: dict[str, tuple[Any, Any]]) -> None:
    # A06 (row 1) is short from 07.2008 (the note's Example 3), D03 (row 2) from 01.2008 (Example 2): 01.2008, D03
    sentence = ("Следующая заявка нужна до 01.2008: с этого месяца не хватит D03 (товаров с нехваткой после года "
                "заявки 2)")  # fmt: skip
    book, values = books["after"]
    assert (read_name(book, "chk_plan_after_year"), values.checks["chk_plan_after_year"]) == (sentence, sentence)


#: The heading (A23) by case, worked out by hand.
HEADINGS = {
    # A06's first month below the minimum is 01.2007 (1 217 left, 2.0 months < 3), two months earlier: 11.2006
    "after": "Выбранный товар: A06 — Зидовудин, таблетки 300 мг; заказать до 11.2006 (первый месяц ниже минимума или "
    "нехватки 01.2007 минус 2 мес.)",
    "line_error": "Выбранный товар: D03 — Иммунный блот ВИЧ-1/2; план не рассчитан, ошибка ввода в строке листа "
    "«Поставки» с его кодом",
    "row_error": "Выбранный товар: A06 — Зидовудин, таблетки 300 мг; план не рассчитан, ошибка ввода в его строке "
    "листа «Товары»",
    "settings_error": "Выбранный товар: A06 — Зидовудин, таблетки 300 мг; план не рассчитан, ошибка ввода в "
    "настройках плана (строки 2–4)",
    "not_found": "Выбранный товар: кода «ZZ» (ячейка C6) нет среди товаров листа «Товары», ошибка ввода",
    "no_need": "Выбранный товар: Z0 — Зидовудин, таблетки 300 мг",
    "pack": "Выбранный товар: Z1 — Зидовудин, таблетки 300 мг",
    "wildcard": "Выбранный товар: AB — Зидовудин, таблетки 300 мг",
    "no_price": "Выбранный товар: Z3 — Зидовудин, таблетки 300 мг",  # C6 blank: the first product with a plan
}


@pytest.mark.parametrize("case", list(HEADINGS))
def test_the_heading_says_what_is_shown_or_why_nothing_is(books: dict[str, tuple[Any, Any]], case: str) -> None:
    book, values = books[case]
    assert (book["План поставок"][f"A{MONTHS_HEADING_ROW}"].value, values.heading) == (HEADINGS[case],) * 2


def test_order_by_beside_each_product(books: dict[str, tuple[Any, Any]]) -> None:
    # A06: 01.2007 − 2 = 11.2006; D03 (Example 2): first below min 05.2007 (1 200 < 1 800), − 2 = 03.2007
    book, values = books["after"]
    sheet = book["План поставок"]
    found = [sheet[f"{ORDER_BY.letter}{PLAN_FIRST_ROW + i}"].value for i in range(3)]
    assert found == [D(2006, 11, 1), D(2007, 3, 1), None]
    assert [row.order_by for row in values.rows] == [dt.date(2006, 11, 1), dt.date(2007, 3, 1)]


def test_no_lead_time_no_order_by(books: dict[str, tuple[Any, Any]]) -> None:
    book, _ = books["line_error"]  # lead time blank: nothing; D03 without a plan: #N/A, as its results
    found = [book["План поставок"][f"{ORDER_BY.letter}{PLAN_FIRST_ROW + i}"].value for i in range(2)]
    assert found[0] is None and isinstance(found[1], str) and found[1].startswith("#")


def test_nobody_needs_and_nobody_holds_is_no_need(books: dict[str, tuple[Any, Any]]) -> None:
    book, values = books["no_need"]
    sheet = book["План поставок"]
    words = {sheet[f"{letter}{MONTH_ROW['status']}"].value for letter in MONTH_LETTERS}
    assert words == {"нет потребности"}
    assert {month.status.name for month in values.rows[0].months or []} == {"NO_NEED"}
    assert _same(_results(book, 0), (0, None, 0, 0, 0, 0, None, 0))  # nothing short, below or above


#: Z1: Jan 9 145 (20 over the maximum), then −608, −609 … : 31.12 = 9 145 − (7 300 − 608) = 2 453 ≥ 1 825, never below.
#: Z2: Jan 9 165 (40 over), 31.12 = 9 165 − 6 692 = 2 473.  Neither is above the maximum by a pack.
@pytest.mark.parametrize(("row", "closing"), [(0, 2453), (1, 2473)])
def test_an_excess_below_one_pack_is_not_above_max(books: dict[str, tuple[Any, Any]], row: int, closing: int) -> None:
    book, values = books["pack"]
    assert _same(_results(book, row), (0, None, 0, 0, 0, 0, None, closing))
    assert values.rows[row].results["out_plan_above_max_months"] == 0
    assert read_name(book, "chk_plan_above_max") == "OK"


def test_a_write_off_without_a_price_names_no_roubles(books: dict[str, tuple[Any, Any]]) -> None:
    sentence = "Списание по сроку годности: товаров 1 (первый — Z3, 4175 ед., в 01.2007)"
    book, values = books["no_price"]
    assert (read_name(book, "chk_plan_expiry"), values.checks["chk_plan_expiry"]) == (sentence, sentence)


def test_a_wildcard_code_takes_no_line_of_another(books: dict[str, tuple[Any, Any]]) -> None:
    # «A*»: 1 825 + 122 packs (7 320) in January − 7 300 = 1 845 on 31.12, never above 9 125 (8 537 in January)
    # «AB»: the same + 6 000 «другое» in 03.2007: 7 929 + 6 000 − 609 = 13 320 on 31.03, then 12 712, 12 104,
    # 11 495, 10 887, 10 279, 9 670 (09.2007), all ≥ 9 185 (Max + a pack); 9 062 in 10.2007: 7 months, 7 845 on 31.12
    book, values = books["wildcard"]
    assert _same(_results(book, 0), (0, None, 0, 0, 0, 0, None, 1845))
    assert _same(_results(book, 1), (0, None, 0, 0, 7, 0, None, 7845))
    assert [values.rows[i].results["out_plan_closing"] for i in (0, 1)] == [1845, 7845]
