"""The supply plan in a generated workbook, recalculated by LibreOffice, against the design note's worked examples.

The note (../shared/notes/supply-plan.md, §3.7) works three 24-month plans and four control cases
by hand; their inputs are typed into generated workbooks here («Ввод», «Товары», «Поставки», the
settings), the workbooks recalculated in one soffice call, and every ``out_plan_*`` and the
selected product's 24 months compared with the note's numbers, typed below as the note prints
them.  The bad-input cases (a month that is not a date, a code not on «Товары», lots that do not
add up to the stock, a start outside the request year) end in the ``chk_plan_*`` sentences.
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
from xl_addin.request.plan_layout import MONTH_LETTERS, MONTH_ROW, RESULTS, TABLE_ROWS, TABLES
from xl_addin.workbook.writer import Region, write_workbook

REGION = Region("Тульская область")
LAMIVUDINE = "АРВ: компонент 3 — НИОТ, не производные тимидина, первый ряд"
ZIDOVUDINE = "АРВ: компонент 2 — НИОТ, производные тимидина, первый ряд"
IMMUNOBLOT = "Иммунный блот: исследований"
D = dt.datetime


def _lamivudine(code: str) -> dict[str, Any]:
    """Example 1's row: N = 12 kits × 730 = 8,760; I = 4,380; L = 8,760; buffer 3 → O = 110 (the note)."""
    return {"in_product_code": code, "in_product_name": "Ламивудин, таблетки 150 мг", "in_product_covers": LAMIVUDINE,
            "in_product_units_per_pack": 60, "in_product_units_per_kit": 730, "in_product_kits_requested": 12,
            "in_product_price": 1000, "in_product_stock": 4380, "in_product_last_year": 8760}  # fmt: skip


def _immunoblot(code: str, expiring: int) -> dict[str, Any]:
    """Example 2's row: «Направлено на ИБ» 5,760 → 7,200 tests; E 20, H 5,000, I 6,000."""
    return {"in_product_code": code, "in_product_name": "Иммунный блот ВИЧ-1/2", "in_product_covers": IMMUNOBLOT,
            "in_product_units_per_pack": 20, "in_product_price": 5000, "in_product_stock": 6000,
            "in_product_expiring": expiring}  # fmt: skip


def _zidovudine(code: str, **more: Any) -> dict[str, Any]:
    """Example 3's drug: N = 10 kits × 730 = 7,300, E 60."""
    return {"in_product_code": code, "in_product_name": "Зидовудин, таблетки 300 мг", "in_product_covers": ZIDOVUDINE,
            "in_product_units_per_pack": 60, "in_product_units_per_kit": 730, "in_product_kits_requested": 10,
            **more}  # fmt: skip


def _lines(table: str, lines: list[tuple[Any, ...]]) -> dict[str, list[Any]]:
    columns = TABLES[table]
    padded = lines + [(None,) * len(columns)] * (TABLE_ROWS - len(lines))
    return {column.name: [line[index] for line in padded] for index, column in enumerate(columns)}


def _tables(
    ship: list[tuple[Any, ...]] = (), lots: list[tuple[Any, ...]] = (), use: list[tuple[Any, ...]] = ()
) -> dict[str, Any]:  # type: ignore[assignment]
    return _lines("ship", list(ship)) | _lines("lot", list(lots)) | _lines("use", list(use))


def _settings(**values: Any) -> dict[str, Any]:
    names = ("in_plan_start", "in_plan_reorder_months", "in_plan_order_month", "in_plan_lead_months", "in_plan_product")
    return {name: values.get(name.removeprefix("in_plan_")) for name in names}


EX2_INPUTS = _zeros() | {"in_elisa_positive_to_ib": 5760}
#: The workbooks: inputs, product rows, tables, settings.
CASES: dict[str, dict[str, Any]] = {
    # Example 1 (A08) and its two control cases (146 packs = 8,760 arriving 05.2007 and 03.2007), start 01.10.2006
    "ex1": _zeros() | product_columns([_lamivudine("A08"), _lamivudine("A08B"), _lamivudine("A08C")])
    | _tables(ship=[("A08", D(2007, 5, 1), 6600, "заявка", None), ("A08B", D(2007, 5, 1), 8760, "заявка", None),
                    ("A08C", D(2007, 3, 1), 8760, "заявка", None)])
    | _settings(start=D(2006, 10, 1), product="A08") | {"in_buffer_months": 3},
    # Example 2 (D03), its control case (J 1,800 → 240 packs arriving 07.2007), Example 3 (A06), ex4 and ex5;
    # every setting blank (start 01.2007, reorder 12, the first product shown)
    "ex2": EX2_INPUTS | product_columns([
        _immunoblot("D03", 0), _immunoblot("D03B", 1800),
        _zidovudine("A06", in_product_stock=1825, in_product_pipeline=5475),
        _zidovudine("E4", in_product_stock=6000, in_product_expiring=4175, in_product_price=1000),
        _zidovudine("E5", in_product_stock=21900, in_product_pipeline=600)])
    | _tables(ship=[("D03", D(2007, 7, 15), 3000, "заявка", None), ("D03B", D(2007, 7, 15), 4800, "заявка", None),
                    ("A06", D(2007, 3, 1), 1860, "заявка", None), ("A06", D(2007, 10, 1), 5475, "в пути", None)],
              lots=[("D03", 3000, D(2007, 2, 28)), ("D03", 3000, D(2008, 12, 31)), ("D03B", 3000, D(2007, 2, 28)),
                    ("D03B", 3000, D(2008, 12, 31))])
    | _settings() | {"in_buffer_months": 3},
}  # fmt: skip
# Example 3's own settings typed (start 01.01.2007, reorder 12), A06 shown: the same plan as blank settings give
CASES["ex3"] = CASES["ex2"] | _settings(start=D(2007, 1, 1), reorder=12, product="A06")
# bad inputs: a month that is not a date (D03's line: D03 is then #N/A), a code not on «Товары», lots and «в пути»
# lines that do not add up to A06's stock and pipeline
CASES["bad"] = CASES["ex2"] | _tables(
    ship=[("D03", "май 2007", 1860, "заявка", None), ("ZZZ", D(2007, 10, 1), 100, "другое", None),
          ("A06", D(2007, 10, 1), 5000, "в пути", None)],
    lots=[("A06", 1000, D(2008, 1, 31))])  # fmt: skip
# a start two years before the request year: a settings error, every result #N/A
CASES["bad_start"] = CASES["ex2"] | _settings(start=D(2005, 1, 1))


def _later(value: Any, years: int) -> Any:
    """A case's value with every date ``years`` later."""
    if isinstance(value, list):
        return [_later(item, years) for item in value]
    return value.replace(year=value.year + years) if isinstance(value, D) else value


#: Examples 2 and 3 in a workbook made for 2010 (generate --year 2010), every date three years later: the plan
#: follows xl_addin_year, so every result is the same, its months three years later.
LATER_CASES = {"ex3_2010": {name: _later(value, 3) for name, value in CASES["ex3"].items()}}
#: Example 3 in an English workbook: its drug and statuses in English, the same numbers, the sentence in English.
EN_CASES = {
    "en3": _zeros()
    | product_columns([_zidovudine("A06", in_product_stock=1825, in_product_pipeline=5475,
                                   in_product_covers="ARV: component 2 — thymidine NRTI, first line")])
    | _tables(ship=[("A06", D(2007, 3, 1), 1860, "request", None), ("A06", D(2007, 10, 1), 5475, "in transit", None)])
    | _settings(product="A06") | {"in_buffer_months": 3},
}  # fmt: skip

#: The note's summaries (§3.7), by workbook and product row (0-based): stockout months, first stockout, unmet,
#: months below min, above max, expired to December, cost of the expiries, closing on 31 December.
EXPECTED: dict[str, dict[int, tuple[Any, ...]]] = {
    "ex1": {
        0: (1, D(2007, 4, 1), 730, 5, 0, 0, Decimal("0.00"), 760),
        # control cases: the stockout month and closing are the note's; the months below min by hand: 01–03.2007
        # (2.0, 1.0, 0.0) then stock ≥ 4 months / 01–02.2007 (2.0, 1.0), in 03.2007 12.0, in 12.2007 3.0 (not below)
        1: (1, D(2007, 4, 1), 730, 3, 0, 0, Decimal("0.00"), 2920),
        2: (0, None, 0, 2, 0, 0, Decimal("0.00"), 2190),
    },
    "ex2": {
        0: (0, None, 0, 5, 0, 1800, Decimal("450000.00"), 0),
        1: (0, None, 0, 2, 0, 1800, Decimal("450000.00"), 1800),
        2: (3, D(2007, 7, 1), 1790, 5, 0, 0, None, 3650),
        # ex4: J 4,175 written off in 01.2007, closing 1,845 (12 × 1,845 = 22,140 > 3 × 7,300: never below min;
        # 01.2007: 6,000 + 7,320 − 4,175 − 608 = 8,537, 14.0 months: never above max); 4,175 × 1,000 / 60
        3: (0, None, 0, 0, 0, 4175, Decimal("69583.33"), 1845),
        4: (0, None, 0, 0, 12, 0, None, 15200),
    },
}
EXPECTED["ex3"] = EXPECTED["ex2"]

#: The note's 24-month tables (month, opening, received, expired, demand, dispensed, unmet, closing, MOS, status).
TABLE_1 = """
| 1 | 10.2006 | 4380 | 0 | 0 | 730 | 730 | 0 | 3650 | 5.0 | ok |
| 2 | 11.2006 | 3650 | 0 | 0 | 730 | 730 | 0 | 2920 | 4.0 | ok |
| 3 | 12.2006 | 2920 | 0 | 0 | 730 | 730 | 0 | 2190 | 3.0 | ok |
| 4 | 01.2007 | 2190 | 0 | 0 | 730 | 730 | 0 | 1460 | 2.0 | below min |
| 5 | 02.2007 | 1460 | 0 | 0 | 730 | 730 | 0 | 730 | 1.0 | below min |
| 6 | 03.2007 | 730 | 0 | 0 | 730 | 730 | 0 | 0 | 0.0 | below min |
| 7 | 04.2007 | 0 | 0 | 0 | 730 | 0 | 730 | 0 | 0.0 | STOCKOUT |
| 8 | 05.2007 | 0 | 6600 | 0 | 730 | 730 | 0 | 5870 | 8.0 | ok |
| 9 | 06.2007 | 5870 | 0 | 0 | 730 | 730 | 0 | 5140 | 7.0 | ok |
| 10 | 07.2007 | 5140 | 0 | 0 | 730 | 730 | 0 | 4410 | 6.0 | ok |
| 11 | 08.2007 | 4410 | 0 | 0 | 730 | 730 | 0 | 3680 | 5.0 | ok |
| 12 | 09.2007 | 3680 | 0 | 0 | 730 | 730 | 0 | 2950 | 4.0 | ok |
| 13 | 10.2007 | 2950 | 0 | 0 | 730 | 730 | 0 | 2220 | 3.0 | ok |
| 14 | 11.2007 | 2220 | 0 | 0 | 730 | 730 | 0 | 1490 | 2.0 | below min |
| 15 | 12.2007 | 1490 | 0 | 0 | 730 | 730 | 0 | 760 | 1.0 | below min |
| 16 | 01.2008 | 760 | 0 | 0 | 730 | 730 | 0 | 30 | 0.0 | below min (after Y: info) |
| 17 | 02.2008 | 30 | 0 | 0 | 730 | 30 | 700 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 18 | 03.2008 | 0 | 0 | 0 | 730 | 0 | 730 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 19 | 04.2008 | 0 | 0 | 0 | 730 | 0 | 730 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 20 | 05.2008 | 0 | 0 | 0 | 730 | 0 | 730 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 21 | 06.2008 | 0 | 0 | 0 | 730 | 0 | 730 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 22 | 07.2008 | 0 | 0 | 0 | 730 | 0 | 730 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 23 | 08.2008 | 0 | 0 | 0 | 730 | 0 | 730 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 24 | 09.2008 | 0 | 0 | 0 | 730 | 0 | 730 | 0 | 0.0 | STOCKOUT (after Y: info) |
"""
TABLE_2 = """
| 1 | 01.2007 | 6000 | 0 | 0 | 600 | 600 | 0 | 5400 | 9.0 | ok |
| 2 | 02.2007 | 5400 | 0 | 0 | 600 | 600 | 0 | 4800 | 8.0 | ok |
| 3 | 03.2007 | 4800 | 0 | 1800 | 600 | 600 | 0 | 2400 | 4.0 | ok |
| 4 | 04.2007 | 2400 | 0 | 0 | 600 | 600 | 0 | 1800 | 3.0 | ok |
| 5 | 05.2007 | 1800 | 0 | 0 | 600 | 600 | 0 | 1200 | 2.0 | below min |
| 6 | 06.2007 | 1200 | 0 | 0 | 600 | 600 | 0 | 600 | 1.0 | below min |
| 7 | 07.2007 | 600 | 3000 | 0 | 600 | 600 | 0 | 3000 | 5.0 | ok |
| 8 | 08.2007 | 3000 | 0 | 0 | 600 | 600 | 0 | 2400 | 4.0 | ok |
| 9 | 09.2007 | 2400 | 0 | 0 | 600 | 600 | 0 | 1800 | 3.0 | ok |
| 10 | 10.2007 | 1800 | 0 | 0 | 600 | 600 | 0 | 1200 | 2.0 | below min |
| 11 | 11.2007 | 1200 | 0 | 0 | 600 | 600 | 0 | 600 | 1.0 | below min |
| 12 | 12.2007 | 600 | 0 | 0 | 600 | 600 | 0 | 0 | 0.0 | below min |
| 13 | 01.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 14 | 02.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 15 | 03.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 16 | 04.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 17 | 05.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 18 | 06.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 19 | 07.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 20 | 08.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 21 | 09.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 22 | 10.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 23 | 11.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 24 | 12.2008 | 0 | 0 | 0 | 600 | 0 | 600 | 0 | 0.0 | STOCKOUT (after Y: info) |
"""
TABLE_3 = """
| 1 | 01.2007 | 1825 | 0 | 0 | 608 | 608 | 0 | 1217 | 2.0 | below min |
| 2 | 02.2007 | 1217 | 0 | 0 | 608 | 608 | 0 | 609 | 1.0 | below min |
| 3 | 03.2007 | 609 | 1860 | 0 | 609 | 609 | 0 | 1860 | 3.0 | ok |
| 4 | 04.2007 | 1860 | 0 | 0 | 608 | 608 | 0 | 1252 | 2.0 | below min |
| 5 | 05.2007 | 1252 | 0 | 0 | 608 | 608 | 0 | 644 | 1.0 | below min |
| 6 | 06.2007 | 644 | 0 | 0 | 609 | 609 | 0 | 35 | 0.0 | below min |
| 7 | 07.2007 | 35 | 0 | 0 | 608 | 35 | 573 | 0 | 0.0 | STOCKOUT |
| 8 | 08.2007 | 0 | 0 | 0 | 608 | 0 | 608 | 0 | 0.0 | STOCKOUT |
| 9 | 09.2007 | 0 | 0 | 0 | 609 | 0 | 609 | 0 | 0.0 | STOCKOUT |
| 10 | 10.2007 | 0 | 5475 | 0 | 608 | 608 | 0 | 4867 | 8.0 | ok |
| 11 | 11.2007 | 4867 | 0 | 0 | 608 | 608 | 0 | 4259 | 7.0 | ok |
| 12 | 12.2007 | 4259 | 0 | 0 | 609 | 609 | 0 | 3650 | 6.0 | ok |
| 13 | 01.2008 | 3650 | 0 | 0 | 608 | 608 | 0 | 3042 | 5.0 | ok (after Y: info) |
| 14 | 02.2008 | 3042 | 0 | 0 | 608 | 608 | 0 | 2434 | 4.0 | ok (after Y: info) |
| 15 | 03.2008 | 2434 | 0 | 0 | 609 | 609 | 0 | 1825 | 3.0 | ok (after Y: info) |
| 16 | 04.2008 | 1825 | 0 | 0 | 608 | 608 | 0 | 1217 | 2.0 | below min (after Y: info) |
| 17 | 05.2008 | 1217 | 0 | 0 | 608 | 608 | 0 | 609 | 1.0 | below min (after Y: info) |
| 18 | 06.2008 | 609 | 0 | 0 | 609 | 609 | 0 | 0 | 0.0 | below min (after Y: info) |
| 19 | 07.2008 | 0 | 0 | 0 | 608 | 0 | 608 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 20 | 08.2008 | 0 | 0 | 0 | 608 | 0 | 608 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 21 | 09.2008 | 0 | 0 | 0 | 609 | 0 | 609 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 22 | 10.2008 | 0 | 0 | 0 | 608 | 0 | 608 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 23 | 11.2008 | 0 | 0 | 0 | 608 | 0 | 608 | 0 | 0.0 | STOCKOUT (after Y: info) |
| 24 | 12.2008 | 0 | 0 | 0 | 609 | 0 | 609 | 0 | 0.0 | STOCKOUT (after Y: info) |
"""
#: The note's status words → the sheet's (plan_texts.MonthStatus, Russian).
STATUS_WORDS = {"ok": "норма", "below min": "ниже минимума", "STOCKOUT": "нехватка", "above max": "выше максимума"}
TABLES_OF = {"ex1": TABLE_1, "ex2": TABLE_2, "ex3": TABLE_3}


def _parse(table: str) -> list[tuple[Any, ...]]:
    rows = []
    for line in table.strip().splitlines():
        _, month, *numbers, mos, status = (part.strip() for part in line.strip("| ").split("|"))
        month_number, year = month.split(".")
        rows.append((D(int(year), int(month_number), 1), *map(int, numbers), float(mos),
                     STATUS_WORDS[status.split(" (")[0]]))  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("plan")
    templates = {lang: work / f"template-{lang}.xlsx" for lang in ("ru", "en", "2010")}
    for lang, template in templates.items():
        write_workbook(template, REGION, lang="en" if lang == "en" else "ru", year=2010 if lang == "2010" else 2007)
    files = []
    for lang, cases in (("ru", CASES), ("en", EN_CASES), ("2010", LATER_CASES)):
        for name, inputs in cases.items():
            files.append(work / f"{name}.xlsx")
            fill(templates[lang], files[-1], inputs)
    outputs = recalculate(files, work)
    names = [*CASES, *EN_CASES, *LATER_CASES]
    return {name: load_workbook(path, data_only=True) for name, path in zip(names, outputs, strict=True)}


def test_the_letter_gives_example_2s_immunoblot_volume() -> None:
    assert model.evaluate(EX2_INPUTS)["out_immunoblot_volume"] == 7200  # 5,760 × 1,25, the note's «Ввод»


def _same(found: Any, expected: Any) -> bool:
    if expected is None:
        return found in (None, "")
    if isinstance(expected, Decimal):
        return isinstance(found, (int, float)) and Decimal(repr(float(found))) == expected
    return bool(found == expected)


@pytest.mark.parametrize(("case", "row"), [(case, row) for case, rows in EXPECTED.items() for row in rows])
def test_every_result_is_the_notes(books: dict[str, Any], case: str, row: int) -> None:
    found = tuple(read_name(books[case], column.name)[row] for column in RESULTS)
    expected = EXPECTED[case][row]
    assert all(_same(f, e) for f, e in zip(found, expected, strict=True)), (found, expected)


@pytest.mark.parametrize("case", list(TABLES_OF))
def test_the_selected_products_24_months_are_the_notes(books: dict[str, Any], case: str) -> None:
    sheet = books[case]["План поставок"]
    keys = ("month", "opening", "received", "expired", "demand", "dispensed", "unmet", "closing", "mos", "status")
    for letter, expected in zip(MONTH_LETTERS, _parse(TABLES_OF[case]), strict=True):
        found = tuple(sheet[f"{letter}{MONTH_ROW[key]}"].value for key in keys)
        assert found == expected, letter


@pytest.mark.parametrize(
    ("case", "check", "sentence"),
    [
        ("ex1", "chk_plan_stockout", "Нехватка до конца года заявки: товаров 2 (первый — A08, с 04.2007, месяцев 1, "
         "не хватит 730 ед.)"),
        ("ex1", "chk_plan_order_scheduled", "Поставки по заявке ≠ заказу: товаров 2 (первый — A08B, по строкам 8760 ед., заказ 6600 ед.)"),
        ("ex1", "chk_plan_after_year", "Следующая заявка нужна до 02.2008: с этого месяца не хватит A08 (товаров с "
         "нехваткой после года заявки 3)"),
        ("ex1", "chk_plan_assumptions", "OK"),
        ("ex2", "chk_plan_inputs", "OK"),
        ("ex2", "chk_plan_lots", "OK"),
        ("ex2", "chk_plan_transit", "OK"),
        ("ex2", "chk_plan_order_scheduled", "OK"),
        ("ex2", "chk_plan_dates", "OK"),
        ("ex2", "chk_plan_fefo", "OK"),
        ("ex2", "chk_plan_stockout", "Нехватка до конца года заявки: товаров 1 (первый — A06, с 07.2007, месяцев 3, "
         "не хватит 1790 ед.)"),
        ("ex2", "chk_plan_below_min", "Запас ниже минимума (3 мес.): товаров 3 (первый — D03, месяцев 5, с 05.2007)"),
        ("ex2", "chk_plan_above_max", "Запас выше максимума (15 мес.) на упаковку и более или без потребности: товаров 1 (первый — E5, "
         "месяцев 12, с 01.2007)"),
        ("ex2", "chk_plan_expiry", "Списание по сроку годности: товаров 3 (первый — D03, 1800 ед. на 450000,00 руб., "
         "в 03.2007)"),
        ("ex2", "chk_plan_expiry_not_ordered", "Заказ не учёл списание: товаров 1 (первый — D03, «Из него истекает» 0, по "
         "плану 1800; упаковок нужно 240, а не 150)"),
        ("ex2", "chk_plan_assumptions", "Допущения плана: «В пути» без строк считается пришедшим в 01.2007 (товаров 1); заказ без "
         "строк «заявка» считается пришедшим в 01.2007 (товаров 1); «Из него истекает» без партий считается списанным в 01.2007 (товаров 1)"),
        ("ex2", "chk_plan_after_year", "Следующая заявка нужна до 01.2008: с этого месяца не хватит D03 (товаров с "
         "нехваткой после года заявки 4)"),
        # a month typed as text (line 5) and a code not on «Товары» (line 6)
        ("bad", "chk_plan_inputs", "Ошибок ввода: 2 (первая — «Поставки», таблица поставок, строка 5)"),
        ("bad", "chk_plan_lots", "Партии не равны остатку: товаров 1 (первый — A06, по партиям 1000, остаток 1825)"),
        ("bad", "chk_plan_transit", "В пути по строкам ≠ «В пути» на «Товары»: товаров 1 (первый — A06, по строкам 5000, на «Товары» 5475)"),
        ("bad_start", "chk_plan_inputs", "Ошибок ввода: 1 (первая — «План поставок», настройки, строка 2)"),
        # no offender among the computed rows while D03 (its line's month is text) has no plan: not "OK" (P4)
        ("bad", "chk_plan_order_scheduled", "Не проверено: товаров без расчёта плана 1 (первый — D03)"),
        ("bad", "chk_plan_expiry_not_ordered", "Не проверено: товаров без расчёта плана 1 (первый — D03)"),
        # a start two years early: none of the five products has a plan
        ("bad_start", "chk_plan_stockout", "Не проверено: товаров без расчёта плана 5 (первый — D03)"),
        ("bad_start", "chk_plan_lots", "Не проверено: товаров без расчёта плана 5 (первый — D03)"),
    ],
)  # fmt: skip
def test_the_checks_say_the_notes_sentences(books: dict[str, Any], case: str, check: str, sentence: str) -> None:
    assert read_name(books[case], check) == sentence


@pytest.mark.parametrize("column", [column.name for column in RESULTS])
def test_a_start_outside_the_request_year_shows_no_result(books: dict[str, Any], column: str) -> None:
    found = read_name(books["bad_start"], column)
    assert all(isinstance(value, str) and value.startswith("#") for value in found[:5])
    assert all(value in (None, "") for value in found[5:])  # rows covering nothing stay blank


def test_the_severity_words_show_only_beside_a_failed_check(books: dict[str, Any]) -> None:
    sheet = books["ex2"]["План поставок"]
    words = {sheet[f"C{row}"].value: sheet[f"A{row}"].value for row in range(9, 22)}
    assert words["OK"] in (None, "")
    assert words[
        "Нехватка до конца года заявки: товаров 1 (первый — A06, с 07.2007, месяцев 3, не хватит 1790 ед.)"
    ] == ("предупреждение")


def test_an_english_workbook_gives_example_3_in_english(books: dict[str, Any]) -> None:
    book = books["en3"]
    found = tuple(read_name(book, column.name)[0] for column in RESULTS)
    assert all(_same(f, e) for f, e in zip(found, EXPECTED["ex2"][2], strict=True)), found
    assert read_name(book, "chk_plan_stockout") == (
        "Stockout before the end of the request year: products 1 (first — A06, from 07.2007, months 3, 1790 units short)"
    )
    assert read_name(book, "chk_plan_transit") == "OK"  # «in transit» lines 5,475 = the pipeline
    assert read_name(book, "chk_plan_order_scheduled") == "OK"  # «request» lines 1,860 = 31 packs × 60
    sheet = book["Supply plan"]
    statuses = [sheet[f"{letter}{MONTH_ROW['status']}"].value for letter in MONTH_LETTERS[6:10]]
    assert statuses == ["stockout", "stockout", "stockout", "ok"]  # 07–09.2007 short, 10.2007 the pipeline arrives


def test_a_product_with_a_wrong_line_shows_no_result(books: dict[str, Any]) -> None:
    """D03's delivery month is a text: its plan would leave the line out, so it shows #N/A (P4); A06 is computed."""
    found = [read_name(books["bad"], column.name) for column in RESULTS]
    assert all(isinstance(column[0], str) and column[0].startswith("#") for column in found)
    # A06 by hand: no «заявка» line, so 31 packs × 60 = 1,860 arrive in 01.2007 (the default order month); its
    # «в пути» line brings 5,000 in 10.2007; 1,825 + 1,860 last to 06.2007 (35 left), 07–09.2007 short by 573, 608
    # and 609; 1,825 + 1,860 + 5,000 − (7,300 − 1,790) = 3,175 on 31 December (the lot expires after it)
    results = {column.name: read_name(books["bad"], column.name)[2] for column in RESULTS}
    assert (results["out_plan_stockout_months"], results["out_plan_unmet"], results["out_plan_closing"]) == (
        3,
        1790,
        3175,
    )


@pytest.mark.parametrize("row", list(EXPECTED["ex3"]))
def test_a_workbook_for_2010_gives_the_same_plan_three_years_later(books: dict[str, Any], row: int) -> None:
    found = tuple(read_name(books["ex3_2010"], column.name)[row] for column in RESULTS)
    expected = tuple(_later(value, 3) for value in EXPECTED["ex3"][row])
    assert all(_same(f, e) for f, e in zip(found, expected, strict=True)), (found, expected)
    assert read_name(books["ex3_2010"], "chk_plan_stockout") == (
        "Нехватка до конца года заявки: товаров 1 (первый — A06, с 07.2010, месяцев 3, не хватит 1790 ед.)"
    )
