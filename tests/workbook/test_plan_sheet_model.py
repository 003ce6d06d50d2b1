"""The supply plan's sheets recalculated by LibreOffice equal the Python model (``request/plan_model.py``).

Random plans — product rows (some invalid, some codes twice), the three tables (some lines wrong:
an unknown code, a month as text, a fraction of a unit, a status not in the list), settings (some
outside their range) — are typed into copies of one generated workbook, recalculated in one
soffice call, and every ``out_plan_*``, every ``chk_plan_*`` and the selected product's 24 months
compared with the model's.
"""

from __future__ import annotations

import datetime as dt
import random
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
from xl_addin.request.plan_model import NA, PlanValues, evaluate_plan
from xl_addin.request.plan_texts import MonthStatus, PlanCheck
from xl_addin.request.products_layout import TARGETS, Section
from xl_addin.request.products_model import evaluate_products
from xl_addin.workbook.writer import Region, write_workbook

D = dt.datetime
DRUGS = [t.ru for t in TARGETS if t.section is Section.ARV]
CODES = ["A1", "A2", "B7", "c9", "D03", "E5"]
STATUSES = ["в пути", "заявка", "другое", "В ПУТИ", "Заявка"]
CASES = 14


def _month(rng: random.Random, first: dt.date, months: int) -> D:
    start = first.year * 12 + first.month - 1 + rng.randint(0, months - 1)
    return D(start // 12, start % 12 + 1, rng.choice([1, 15, 28]))


def _rows(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for number in range(rng.randint(2, 6)):
        code = CODES[number] if rng.random() < 0.85 else rng.choice(CODES)  # now and then a code twice
        kits, per_kit = rng.randint(0, 20), rng.choice([365, 730])
        stock = rng.choice([None, 0, rng.randint(0, 15000)])
        row = {"in_product_code": code, "in_product_covers": rng.choice(DRUGS), "in_product_name": "Препарат",
               "in_product_units_per_pack": rng.choice([30, 60, 120]), "in_product_units_per_kit": per_kit,
               "in_product_kits_requested": kits, "in_product_stock": stock,
               "in_product_expiring": rng.choice([None, None, rng.randint(0, stock or 0)]),
               "in_product_pipeline": rng.choice([None, 0, rng.randint(0, 6000)]),
               "in_product_last_year": rng.choice([None, 0, rng.randint(0, 12000)]),
               "in_product_price": rng.choice([None, 1000, 1234.56, 99.99])}  # fmt: skip
        if rng.random() < 0.1:
            row["in_product_stock"] = "сто"  # an invalid row: #N/A on «Товары» and in the plan
        if rng.random() < 0.05:
            row["in_product_covers"] = None  # covering nothing: blank
        rows.append(row)
    return rows


def _lines(rng: random.Random, codes: list[Any]) -> dict[str, list[Any]]:
    first = dt.date(2006, 10, 1)
    lines: dict[str, list[tuple[Any, ...]]] = {"ship": [], "lot": [], "use": []}
    for _ in range(rng.randint(0, 7)):
        expiry = rng.choice([None, None, _month(rng, first, 30)])
        lines["ship"].append((rng.choice(codes), _month(rng, first, 27), rng.randint(0, 9000), rng.choice(STATUSES),
                              expiry))  # fmt: skip
    for _ in range(rng.randint(0, 4)):
        lines["lot"].append((rng.choice(codes), rng.randint(0, 6000), rng.choice([None, _month(rng, first, 30)])))
    for _ in range(rng.randint(0, 3)):
        lines["use"].append((rng.choice(codes), _month(rng, first, 27), rng.randint(0, 2000)))
    if rng.random() < 0.3:  # a wrong line: a month as text, an unknown code, a fraction of a unit, a wrong status
        table = rng.choice(["ship", "lot", "use"])
        line = list(lines[table][0]) if lines[table] else [rng.choice(codes), D(2007, 5, 1), 100, "в пути", None][
            : len(TABLES[table])]  # fmt: skip
        place, bad = rng.choice([(0, "ZZ"), (2 if table != "lot" else 1, 2.5)]
                                + ([(1, "май 2007")] if table != "lot" else [])
                                + ([(3, "куплено")] if table == "ship" else []))  # fmt: skip
        line[place] = bad
        lines[table].append(tuple(line))
    columns: dict[str, list[Any]] = {}
    for table, found in lines.items():
        padded = found + [(None,) * len(TABLES[table])] * (TABLE_ROWS - len(found))
        for index, column in enumerate(TABLES[table]):
            columns[column.name] = [line[index] for line in padded]
    return columns


def _settings(rng: random.Random, codes: list[Any]) -> dict[str, Any]:
    return {
        "in_plan_start": rng.choice(
            [None, None, _month(rng, dt.date(2006, 1, 1), 13), _month(rng, dt.date(2006, 1, 1), 13), D(2005, 6, 1)]
        ),
        "in_plan_reorder_months": rng.choice([None, None, 6, 12, 24, 6, 0]),
        "in_plan_order_month": rng.choice([None, None, _month(rng, dt.date(2007, 1, 1), 12)]),
        "in_plan_lead_months": rng.choice([None, 2]),
        "in_plan_product": rng.choice([None, None, rng.choice(codes), rng.choice(codes), "ZZ"]),
    }


def _case(rng: random.Random) -> tuple[list[dict[str, Any]], dict[str, Any], Any]:
    rows = _rows(rng)
    codes = [row["in_product_code"] for row in rows] + ["ZZ"]
    return rows, _lines(rng, codes) | _settings(rng, codes), rng.choice([None, 0, 2, 3, 6])


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[PlanValues, Any]]:
    work = tmp_path_factory.mktemp("plan-model")
    template = work / "template.xlsx"
    write_workbook(template, Region("Тульская область"), products=True)
    rng = random.Random(20070101)
    inputs = _zeros()
    volumes = model.evaluate(inputs)
    files, expected = [], []
    for number in range(CASES):
        rows, plan, buffer = _case(rng)
        files.append(work / f"case-{number:02d}.xlsx")
        fill(template, files[-1], inputs | product_columns(rows) | plan | {"in_buffer_months": buffer})
        products = evaluate_products(rows, volumes, inputs, buffer=buffer)
        expected.append(evaluate_plan(rows, products, plan | {"xl_addin_year": 2007, "in_buffer_months": buffer}))
    books = [load_workbook(path, data_only=True) for path in recalculate(files, work)]
    return list(zip(expected, books, strict=True))


def _same(found: Any, expected: Any) -> bool:
    if expected is NA:
        return isinstance(found, str) and found.startswith("#")
    if expected is None:
        return found in (None, "")
    if isinstance(expected, Decimal):
        return isinstance(found, (int, float)) and Decimal(repr(float(found))) == expected
    if isinstance(expected, dt.date):
        return isinstance(found, dt.datetime) and found.date() == expected
    return bool(found == expected)


def test_every_result_equals_the_model(recalculated: list[tuple[PlanValues, Any]]) -> None:
    differences = []
    for case, (values, book) in enumerate(recalculated):
        for column in RESULTS:
            found = read_name(book, column.name)
            for index, row in enumerate(values.rows):
                if not _same(found[index], row.results[column.name]):
                    differences.append(f"case {case} row {index} {column.name}: {found[index]!r}, "
                                       f"model {row.results[column.name]!r}")  # fmt: skip
    assert differences == []
    computed = sum(row.months is not None for values, _ in recalculated for row in values.rows)
    assert computed >= 15  # most rows are computed: the comparison is not of #N/A with #N/A


def test_every_check_equals_the_model(recalculated: list[tuple[PlanValues, Any]]) -> None:
    differences = [f"case {case} {name}: {read_name(book, name)!r}, model {text!r}"
                   for case, (values, book) in enumerate(recalculated) for name, text in values.checks.items()
                   if read_name(book, name) != text]  # fmt: skip
    assert differences == []
    failed = {check.check_name for values, _ in recalculated for check in PlanCheck
              if values.checks[check.check_name] not in ("OK", "Не заполнено")}  # fmt: skip
    assert len(failed) >= 8, failed  # the checks fire


def test_the_selected_products_months_equal_the_model(recalculated: list[tuple[PlanValues, Any]]) -> None:
    shown = 0
    for case, (values, book) in enumerate(recalculated):
        sheet = book["План поставок"]
        months = values.rows[values.selected].months if values.selected is not None else None
        for t, letter in enumerate(MONTH_LETTERS):
            found = {key: sheet[f"{letter}{row}"].value for key, row in MONTH_ROW.items() if key != "month"}
            if months is None:
                assert all(value in (None, "") for value in found.values()), (case, letter, found)
                continue
            month = months[t]
            mos = None if month.months_of_stock is None else float(month.months_of_stock)
            expected = {"opening": month.opening, "received": month.received, "expired": month.expired,
                        "demand": month.demand, "dispensed": month.dispensed, "unmet": month.unmet,
                        "closing": month.closing, "mos": mos, "min": values.minimum, "max": values.maximum,
                        "status": MonthStatus(int(month.status)).label("ru")}  # fmt: skip
            assert {key: (None if value == "" else value) for key, value in found.items()} == expected, (case, letter)
        shown += months is not None
    assert shown >= 3  # the seed shows three selected products month by month


def test_the_heading_and_order_by_equal_the_model(recalculated: list[tuple[PlanValues, Any]]) -> None:
    """The selected product's heading (its order-by month, or why it has no plan) and «Заказать до» of every row."""
    differences, dated = [], 0
    for case, (values, book) in enumerate(recalculated):
        sheet = book["План поставок"]
        if sheet[f"A{MONTHS_HEADING_ROW}"].value != values.heading:
            differences.append(f"case {case}: {sheet[f'A{MONTHS_HEADING_ROW}'].value!r}, model {values.heading!r}")
        for index, row in enumerate(values.rows):
            found = sheet[f"{ORDER_BY.letter}{PLAN_FIRST_ROW + index}"].value
            if not _same(found, row.order_by):
                differences.append(f"case {case} row {index} order by: {found!r}, model {row.order_by!r}")
            dated += isinstance(row.order_by, dt.date)
    assert differences == []
    assert dated >= 1  # the seed gives one order-by month (others: no lead time, or no row low), not only blanks
