"""The model of the supply plan's sheets: the note's examples through «Товары» rows, tables and settings; every
check's sentence; inactive, invalid and wrongly-fed rows; every bad input path.

Expected values are the design note's (``supply-plan.md`` §3.5, §3.7) or worked by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from xl_addin.core.supply_national import national_plan, redistribution
from xl_addin.errors import InputError
from xl_addin.request.plan_model import (
    NA,
    RESULT_NAMES,
    PlanValues,
    as_date,
    evaluate_plan,
    plan_errors,
    region_plans,
)
from xl_addin.request.plan_texts import PlanCheck
from xl_addin.request.products_model import evaluate_products
from xl_addin.request.shown import OK

D = dt.datetime
COMPONENT_2 = "АРВ: компонент 2 — НИОТ, производные тимидина, первый ряд"
COMPONENT_3 = "АРВ: компонент 3 — НИОТ, не производные тимидина, первый ряд"
IMMUNOBLOT = "Иммунный блот: исследований"
VOLUMES = {"out_immunoblot_volume": 7200}  # «Направлено на ИБ» 5 760 → IMMUNOBLOT_VOLUME 7 200 (the note's Ex. 2)

# Ex. 1: 730 × 12 = 8 760 a year; PACKS_TO_ORDER(8760; 4380; 0; 60; 3) = ⌈(10 950 − 4 380) / 60⌉ = 110
A08 = {"in_product_code": "A08", "in_product_name": "Ламивудин, таблетки 150 мг", "in_product_covers": COMPONENT_3,
       "in_product_units_per_pack": 60, "in_product_units_per_kit": 730, "in_product_kits_requested": 12,
       "in_product_price": 1000, "in_product_stock": 4380, "in_product_last_year": 8760}  # fmt: skip
# Ex. 2: ⌈(7 200 × 15 / 12 − 6 000) / 20⌉ = 3 000 / 20 = 150
D03 = {"in_product_code": "D03", "in_product_name": "Иммунный блот ВИЧ-1/2", "in_product_covers": IMMUNOBLOT,
       "in_product_units_per_pack": 20, "in_product_price": 5000, "in_product_stock": 6000,
       "in_product_expiring": 0}  # fmt: skip
# Ex. 3: 730 × 10 = 7 300; ⌈(9 125 − 1 825 − 5 475) / 60⌉ = ⌈30,4⌉ = 31
A06 = {"in_product_code": "A06", "in_product_name": "Зидовудин, таблетки 300 мг", "in_product_covers": COMPONENT_2,
       "in_product_units_per_pack": 60, "in_product_units_per_kit": 730, "in_product_kits_requested": 10,
       "in_product_stock": 1825, "in_product_pipeline": 5475}  # fmt: skip


def _tables(ship: Any = (), lot: Any = (), use: Any = ()) -> dict[str, list[Any]]:
    """The three tables' columns from lines (None: a blank line)."""
    names = {"ship": ("code", "month", "units", "status", "expiry"), "lot": ("code", "units", "expiry"),
             "use": ("code", "month", "units")}  # fmt: skip
    tables: dict[str, list[Any]] = {}
    for table, lines in (("ship", ship), ("lot", lot), ("use", use)):
        for i, column in enumerate(names[table]):
            tables[f"in_{table}_{column}"] = [line[i] if line and i < len(line) else None for line in lines]
    return tables


EX23 = _tables(
    ship=[("D03", D(2007, 7, 15), 3000, "заявка"), ("A06", D(2007, 3, 1), 1860, "заявка"),
          ("A06", D(2007, 10, 1), 5475, "в пути")],
    lot=[("D03", 3000, D(2007, 2, 28)), ("D03", 3000, D(2008, 12, 31))],
)  # fmt: skip


def _evaluate(rows: list[dict[str, Any]], inputs: dict[str, Any], buffer: Any = 3, lang: str = "ru") -> PlanValues:
    products = evaluate_products(rows, VOLUMES, {}, buffer=buffer, lang=lang)
    return evaluate_plan(rows, products, {"xl_addin_year": 2007, "in_buffer_months": buffer, **inputs}, lang=lang)


def _results(values: PlanValues, index: int) -> tuple[Any, ...]:
    return tuple(values.rows[index].results[name] for name in RESULT_NAMES)


def test_examples_2_and_3_in_one_workbook() -> None:
    values = _evaluate([A06, D03, {}], {**EX23, "in_plan_start": None, "in_plan_reorder_months": 12})
    # stockout months, first, unmet, below min, above max, expired to 12.2007, cost (of the 24 months), closing
    assert _results(values, 0) == (3, dt.date(2007, 7, 1), 1790, 5, 0, 0, None, 3650)
    assert _results(values, 1) == (0, None, 0, 5, 0, 1800, Decimal("450000.00"), 0)  # 1 800 × 5 000 / 20
    assert _results(values, 2) == (None,) * len(RESULT_NAMES)
    assert (values.start, values.minimum, values.maximum, values.selected) == (dt.date(2007, 1, 1), 3, 15, 0)
    assert values.checks == {
        **{check.check_name: OK for check in PlanCheck},
        "chk_plan_stockout": "Нехватка до конца года заявки: товаров 1 (первый — A06, с 07.2007, месяцев 3, "
        "не хватит 1790 ед.)",
        "chk_plan_below_min": "Запас ниже минимума (3 мес.): товаров 2 (первый — A06, месяцев 5, с 01.2007)",
        "chk_plan_expiry": "Списание по сроку годности: товаров 1 (первый — D03, 1800 ед. на 450000,00 руб., в 03.2007)",
        # PACKS_TO_ORDER(7200; 6000; 0; 20; 3; 1800) = (9 000 − 4 200) / 20 = 240
        "chk_plan_expiry_not_ordered": "Заказ не учёл списание: товаров 1 (первый — D03, «Из него истекает» 0, по плану 1800; "
        "упаковок нужно 240, а не 150)",
        # A06 (the first row) runs out in 07.2008 (Ex. 3), D03 earlier, in 01.2008 (Ex. 2): the earliest month is named
        "chk_plan_after_year": "Следующая заявка нужна до 01.2008: с этого месяца не хватит D03 (товаров с нехваткой "
        "после года заявки 2)",
    }


def test_example_1_and_its_selected_table() -> None:
    inputs = {**_tables(ship=[("A08", D(2007, 5, 1), 6600, "Заявка")]), "in_plan_start": D(2006, 10, 1),
              "in_plan_lead_months": 2, "in_plan_product": "a08"}  # fmt: skip
    values = _evaluate([{}, A08], inputs)
    assert _results(values, 1) == (1, dt.date(2007, 4, 1), 730, 5, 0, 0, Decimal("0.00"), 760)
    assert values.selected == 1
    months = values.rows[1].months
    assert months is not None and [m.closing for m in months[:8]] == [3650, 2920, 2190, 1460, 730, 0, 0, 5870]
    # first below min 01.2007, two months of lead: order by 11.2006
    assert values.rows[1].summary is not None and values.rows[1].summary.order_by == dt.date(2006, 11, 1)
    assert values.checks["chk_plan_stockout"] == (
        "Нехватка до конца года заявки: товаров 1 (первый — A08, с 04.2007, месяцев 1, не хватит 730 ед.)"
    )
    assert values.checks["chk_plan_assumptions"] == OK  # the order is dated, K = 0, J blank
    assert values.checks["chk_plan_after_year"].startswith(
        "Следующая заявка нужна до 02.2008: с этого месяца не хватит A08"
    )


def test_english_sentences() -> None:
    a06 = {**A06, "in_product_covers": "ARV: component 2 — thymidine NRTI, first line"}
    values = _evaluate([a06], {**_tables(ship=[("A06", D(2007, 3, 1), 1860, "request"),
                                               ("A06", D(2007, 10, 1), 5475, "in transit")])}, lang="en")  # fmt: skip
    assert values.checks["chk_plan_stockout"] == (
        "Stockout before the end of the request year: products 1 (first — A06, from 07.2007, months 3, 1790 units short)"
    )


def test_ex4_and_ex5_use_the_defaults() -> None:
    # ex4: N 7 300 (730 × 10), I 6 000, J 4 175; ⌈(9 125 − 1 825) / 60⌉ = 122 packs = 7 320, undated (January);
    # ex5: I 21 900, K 600 undated: 0 packs; 22 500 − 7 300 = 15 200 on 31.12, above Max all year
    ex4 = {**A06, "in_product_code": "E4", "in_product_stock": 6000, "in_product_expiring": 4175,
           "in_product_pipeline": None, "in_product_price": 1000}  # fmt: skip
    ex5 = {**A06, "in_product_code": "E5", "in_product_stock": 21900, "in_product_pipeline": 600}
    values = _evaluate([ex4, ex5], {})
    # 4 175 × 1 000 / 60 = 69 583,33
    assert _results(values, 0) == (0, None, 0, 0, 0, 4175, Decimal("69583.33"), 1845)
    assert _results(values, 1) == (0, None, 0, 0, 12, 0, None, 15200)
    assert values.checks["chk_plan_above_max"] == (
        "Запас выше максимума (15 мес.) на упаковку и более или без потребности: товаров 1 (первый — E5, месяцев 12, с 01.2007)"
    )
    assert values.checks["chk_plan_assumptions"] == (
        # three parts; the fourth («другое», 0 lines) is left out: a sentence never lists a part of 0
        "Допущения плана: «В пути» без строк считается пришедшим в 01.2007 (товаров 1); заказ без строк «заявка» считается пришедшим в 01.2007 "
        "(товаров 1); «Из него истекает» без партий считается списанным в 01.2007 (товаров 1)"
    )
    assert values.checks["chk_plan_expiry"] == (
        "Списание по сроку годности: товаров 1 (первый — E4, 4175 ед. на 69583,33 руб., в 01.2007)"
    )
    assert values.checks["chk_plan_expiry_not_ordered"] == OK  # no lots: J is the plan's write-off


@pytest.mark.parametrize(
    ("ship", "lot", "use", "settings", "sentence"),
    [
        (
            [("A06", "май 2007", 1860, "заявка")],
            [],
            [],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица поставок, строка 5)",
        ),
        (
            [("A6", D(2007, 3, 1), 1860, "заявка")],
            [],
            [],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица поставок, строка 5)",
        ),
        (
            [None, ("A06", D(2007, 3, 1), 18.6, "заявка")],
            [],
            [],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица поставок, строка 6)",
        ),
        (
            [("A06", D(2007, 3, 1), -1, "заявка")],
            [],
            [],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица поставок, строка 5)",
        ),
        (
            [("A06", D(2007, 3, 1), 1860, "заказ")],
            [],
            [],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица поставок, строка 5)",
        ),
        (
            [("A06", D(2007, 3, 1), 1860, "заявка", "31.12.2008")],
            [],
            [],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица поставок, строка 5)",
        ),
        (
            [("A*", D(2007, 3, 1), 1860, "заявка")],
            [],
            [],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица поставок, строка 5)",
        ),
        ([], [("A06", "x", D(2008, 1, 1))], [], {}, "Ошибок ввода: 1 (первая — «Поставки», таблица партий, строка 5)"),
        ([], [(None, 100, D(2008, 1, 1))], [], {}, "Ошибок ввода: 1 (первая — «Поставки», таблица партий, строка 5)"),
        (
            [],
            [],
            [None, None, ("A06", "2007", 10)],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица расхода по месяцам, строка 7)",
        ),
        (
            [],
            [],
            [("A06", D(2007, 5, 1), True)],
            {},
            "Ошибок ввода: 1 (первая — «Поставки», таблица расхода по месяцам, строка 5)",
        ),
        (
            [],
            [],
            [],
            {"in_plan_start": D(2005, 12, 1)},
            "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 2)",
        ),
        (
            [],
            [],
            [],
            {"in_plan_start": D(2007, 2, 1)},
            "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 2)",
        ),
        ([], [], [], {"in_plan_start": "10.2006"}, "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 2)"),
        ([], [], [], {"in_plan_reorder_months": 0}, "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 3)"),
        (
            [],
            [],
            [],
            {"in_plan_reorder_months": 6.5},
            "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 3)",
        ),
        ([], [], [], {"in_plan_order_month": "май"}, "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 4)"),
        ([], [], [], {"in_plan_lead_months": 61}, "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 5)"),
        ([], [], [], {"in_plan_product": "Z99"}, "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 6)"),
        # two wrong things: a setting counts before the tables
        (
            [("B01", D(2007, 3, 1), 1, "другое")],
            [],
            [],
            {"in_plan_lead_months": -1},
            "Ошибок ввода: 2 (первая — «План поставок», настройки, строка 5)",
        ),
    ],
)
def test_bad_inputs_are_chk_plan_inputs(
    ship: list[Any], lot: list[Any], use: list[Any], settings: dict[str, Any], sentence: str
) -> None:
    values = _evaluate([A06, D03], {**_tables(ship, lot, use), **settings})
    assert values.checks["chk_plan_inputs"] == sentence
    assert PlanCheck.INPUTS.severity.counts_in_total


@pytest.mark.parametrize(
    ("settings", "computed"),
    [({"in_plan_start": D(2005, 1, 1)}, False), ({"in_plan_reorder_months": "12"}, False),
     ({"in_plan_order_month": "май"}, False), ({"in_plan_lead_months": 1.5}, True), ({"in_plan_product": "x"}, True)],
    # start, reorder and order month feed every month: no row can be planned; lead and product only show less
)  # fmt: skip
def test_wrong_settings_make_every_active_row_na(settings: dict[str, Any], computed: bool) -> None:
    values = _evaluate([A06, {}], settings)
    assert (values.rows[0].months is not None) is computed
    if not computed:
        assert _results(values, 0) == (NA,) * len(RESULT_NAMES)
    assert _results(values, 1) == (None,) * len(RESULT_NAMES)


def test_a_wrong_line_makes_its_product_na_and_leaves_the_others() -> None:
    values = _evaluate([A06, D03], _tables(ship=[("a06", "15.03.2007", 1860, "заявка")]))
    assert _results(values, 0) == (NA,) * len(RESULT_NAMES)
    assert values.rows[1].months is not None


@pytest.mark.parametrize(
    "row",
    [
        {**A06, "in_product_units_per_pack": 0},
        {**A06, "in_product_stock": -1},
        {**A06, "in_product_units_per_kit": None},
    ],
)
def test_invalid_products_rows_are_na(row: dict[str, Any]) -> None:
    values = _evaluate([row], {})
    assert _results(values, 0) == (NA,) * len(RESULT_NAMES)


def test_a_code_twice_on_the_products_sheet_makes_its_lines_wrong() -> None:
    values = _evaluate([A06, {**A06, "in_product_code": "a06"}], _tables(ship=[("A06", D(2007, 3, 1), 1, "другое")]))
    assert values.checks["chk_plan_inputs"] == "Ошибок ввода: 1 (первая — «Поставки», таблица поставок, строка 5)"
    assert _results(values, 0) == _results(values, 1) == (NA,) * len(RESULT_NAMES)


@pytest.mark.parametrize(
    ("tables", "check", "sentence"),
    [
        (_tables(lot=[("A06", 1000, D(2008, 1, 1))]), "chk_plan_lots",
         "Партии не равны остатку: товаров 1 (первый — A06, по партиям 1000, остаток 1825)"),
        (_tables(ship=[("A06", D(2007, 10, 1), 5000, "в пути")]), "chk_plan_transit",
         "В пути по строкам ≠ «В пути» на «Товары»: товаров 1 (первый — A06, по строкам 5000, на «Товары» 5475)"),
        (_tables(ship=[("A06", D(2007, 3, 1), 6000, "заявка")]), "chk_plan_order_scheduled",
         "Поставки по заявке ≠ заказу: товаров 1 (первый — A06, по строкам 6000 ед., заказ 1860 ед.)"),
        # arrives in 03.2007, годен до 02.2007: expired on arrival
        (_tables(ship=[None, ("A06", D(2007, 3, 1), 10, "другое", D(2007, 2, 1))]), "chk_plan_dates",
         "Поставка уже просрочена или раньше начала плана: строк 1 (первая — «Поставки», строка 6)"),
        # arrives before the plan starts (01.2007)
        (_tables(ship=[("A06", D(2006, 12, 31), 10, "другое")]), "chk_plan_dates",
         "Поставка уже просрочена или раньше начала плана: строк 1 (первая — «Поставки», строка 5)"),
        # the delivery's годен до 06.2008 is earlier than the lot's 12.2008
        (_tables(ship=[("A06", D(2007, 3, 1), 10, "другое", D(2008, 6, 30))], lot=[("A06", 1825, D(2008, 12, 1))]),
         "chk_plan_fefo",
         "Списание по FEFO приблизительно, поставка истекает раньше партии на складе: строк 1 (первая — «Поставки», "
         "строка 5)"),
    ],
)  # fmt: skip
def test_the_consistency_checks(tables: dict[str, list[Any]], check: str, sentence: str) -> None:
    values = _evaluate([A06], tables)
    assert values.checks[check] == sentence
    assert values.rows[0].months is not None  # a fact of a check: the plan is still computed


def test_a_blank_plan_is_not_filled() -> None:
    values = _evaluate([{}, {}], {})
    assert set(values.checks.values()) == {"Не заполнено"}
    assert values.selected is None


@pytest.mark.parametrize("year", [None, "2007", 1800])
def test_a_wrong_request_year_is_an_input_error(year: Any) -> None:
    products = evaluate_products([A06], VOLUMES, {}, buffer=3)
    with pytest.raises(InputError, match="xl_addin_year"):
        evaluate_plan([A06], products, {"xl_addin_year": year})


@pytest.mark.parametrize(
    ("value", "day"),
    [(D(2007, 5, 15, 12), dt.date(2007, 5, 15)), (dt.date(2007, 5, 1), dt.date(2007, 5, 1)),
     (39203, dt.date(2007, 5, 1)), (39203.75, dt.date(2007, 5, 1)), (61, dt.date(1900, 3, 1)),
     (60, dt.date(1900, 2, 28)), (59, dt.date(1900, 2, 28)), (1, dt.date(1900, 1, 1)), (0.5, None), (0, None),
     (-5, None), ("01.05.2007", None), (True, None), (None, None)],
    # Excel counts 01.05.2007 as day 39 203 (01.01.1900 = 1, with its 29.02.1900 = 60); day 61 is 01.03.1900
)  # fmt: skip
def test_as_date(value: Any, day: dt.date | None) -> None:
    assert as_date(value) == day


def test_the_national_example_from_two_regions_workbooks() -> None:
    region_a = _evaluate([A06], EX23)  # Ex. 3 (the D03 lines name no row here: two input errors)
    b_row = {**A06, "in_product_stock": 21900, "in_product_pipeline": 600}  # 22 500 ≥ 9 125: 0 packs
    region_b = _evaluate([b_row], {})
    assert plan_errors(region_a) == ["chk_plan_inputs"] and plan_errors(region_b) == []
    region_a = _evaluate([A06], _tables(ship=[("A06", D(2007, 3, 1), 1860, "заявка"),
                                              ("A06", D(2007, 10, 1), 5475, "в пути")]))  # fmt: skip
    plans = region_plans("A", [A06], region_a) + region_plans("B", [b_row], region_b)
    july = national_plan(plans, 2007)[6]
    # 0 + 22 500 − 4 258 = 18 242; 18 242 × 120 / 14 600 = 149,9 → 14,9 months, between Min 3 and Max 15
    assert (july.closing, july.months_of_stock, july.unmet, july.stockout_regions) == (18242, Decimal("14.9"), 573, 1)
    # B's surplus: 18 242 − 9 125 = 9 117 → 151 packs (9 060 units)
    assert redistribution(plans, 2007)[0].donors == (("B", 151, 9060),)


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        # A06's line has a month typed as text: A06 has no plan (#N/A); D03 (Example 2) is computed and is never
        # short, so the stockout check judged only D03 — it must not say "OK" (P4)
        (_tables(ship=[("A06", "май 2007", 1860, "заявка")],
                 lot=[("D03", 3000, D(2007, 2, 28)), ("D03", 3000, D(2008, 12, 31))]),
         "Не проверено: товаров без расчёта плана 1 (первый — A06)"),
        # a start outside the request year: no row has a plan
        ({"in_plan_start": D(2005, 1, 1)}, "Не проверено: товаров без расчёта плана 2 (первый — D03)"),
    ],
)  # fmt: skip
def test_a_product_check_is_not_ok_while_a_product_has_no_plan(inputs: dict[str, Any], expected: str) -> None:
    values = _evaluate([D03, A06], inputs)
    assert values.checks["chk_plan_stockout"] == expected
    assert values.checks["chk_plan_order_scheduled"] == expected  # no offender among the computed rows either


def test_every_product_computed_the_checks_say_ok() -> None:
    values = _evaluate([D03, A06], EX23)  # Examples 2 and 3, both computed
    assert values.checks["chk_plan_order_scheduled"] == "OK"  # D03: 3 000 = 150 × 20; A06: 1 860 = 31 × 60
    assert values.checks["chk_plan_lots"] == "OK"  # D03: 3 000 + 3 000 = 6 000, its stock
