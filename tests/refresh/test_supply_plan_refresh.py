"""`refresh` adds the regions' supply plans up (issue 22): national_supply_plan.csv, «План поставок», «Перераспределение».

The design note's national example (../shared/notes/supply-plan.md, §3.6), through generated v5 workbooks filled
through their names and refreshed:
- Тульская область (region A) is Example 3: zidovudine A06, N 7,300, stock 1,825, «в пути» 5,475 arriving in
  10.2007, the order 31 packs (1,860) arriving in 03.2007: stockout in 07, 08, 09.2007 (573 + 608 + 609 unmet);
- Томская область (region B): A06, N 7,300, stock 21,900, «в пути» 600 with no line (it arrives in January), order
  0, the plan untouched (no line, no setting): above its maximum all year;
- Пермский край is Example 2: immunoblot D03, a lot of 3,000 expiring after 02.2007: 1,800 written off in
  03.2007 (450,000.00 roubles) that «Из него истекает» 0 did not subtract (240 packs needed, not 150);
- Алтайский край: A06 as B, but its plan has input errors (a month typed as text, 1e308 units, a code with
  «*»): an error row each, and its plan stays out of the national plan (its products stay in);
- Республика Тыва: generated and never touched: nothing in the plan, no plan row in problems.csv.
Every expected value below is typed from the note or worked out by hand in its comment.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import xl_addin
from tests.refresh.xml_edit import edit_part, move_name
from tests.workbook.filling import fill, product_columns
from tests.workbook.input_sets import _zeros
from xl_addin.api import region_list
from xl_addin.consolidation.check_one import check_workbook
from xl_addin.consolidation.plan_file import LEFT_OUT_ERRORS
from xl_addin.consolidation.reading import MISPLACED
from xl_addin.consolidation.run import process_file
from xl_addin.core.supply_national import RegionPlan, national_plan, redistribution
from xl_addin.core.supply_plan import Delivery, DeliveryKind, monthly_plan
from xl_addin.request.plan_layout import TABLE_ROWS, TABLES
from xl_addin.workbook.writer import write_workbook

D = dt.datetime
ZIDOVUDINE = "АРВ: компонент 2 — НИОТ, производные тимидина, первый ряд"
IMMUNOBLOT = "Иммунный блот: исследований"
A, B, C, E, T = "Тульская область", "Томская область", "Пермский край", "Алтайский край", "Республика Тыва"


def _zidovudine(**more: Any) -> dict[str, Any]:
    """N = 10 kits × 730 = 7,300 tablets, 60 a pack (the note's A06)."""
    return {"in_product_code": "A06", "in_product_name": "Зидовудин, таблетки 300 мг", "in_product_covers": ZIDOVUDINE,
            "in_product_units_per_pack": 60, "in_product_units_per_kit": 730, "in_product_kits_requested": 10,
            **more}  # fmt: skip


def _lines(table: str, lines: list[tuple[Any, ...]]) -> dict[str, list[Any]]:
    columns = TABLES[table]
    padded = lines + [(None,) * len(columns)] * (TABLE_ROWS - len(lines))
    return {column.name: [line[index] for line in padded] for index, column in enumerate(columns)}


def _tables(ship: list[tuple[Any, ...]] = (), lots: list[tuple[Any, ...]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return _lines("ship", list(ship)) | _lines("lot", list(lots)) | _lines("use", [])


#: file → (region, cells to type; None: never touched).
WORKBOOKS: dict[str, tuple[str, dict[str, Any] | None]] = {
    "a.xlsx": (A, _zeros() | product_columns([_zidovudine(in_product_stock=1825, in_product_pipeline=5475)])
               | _tables(ship=[("A06", D(2007, 3, 1), 1860, "заявка", None), ("A06", D(2007, 10, 1), 5475, "в пути", None)])
               | {"in_buffer_months": 3, "in_plan_start": D(2007, 1, 1), "in_plan_reorder_months": 12}),
    "b.xlsx": (B, _zeros() | product_columns([_zidovudine(in_product_stock=21900, in_product_pipeline=600)])
               | {"in_buffer_months": 3}),
    # «Направлено на ИБ» 5,760 → 7,200 tests; E 20, H 5,000, I 6,000, J 0: O = 150 packs (the note's Example 2)
    "c.xlsx": (C, _zeros() | {"in_elisa_positive_to_ib": 5760} | product_columns([{
        "in_product_code": "D03", "in_product_name": "Иммунный блот ВИЧ-1/2", "in_product_covers": IMMUNOBLOT,
        "in_product_units_per_pack": 20, "in_product_price": 5000, "in_product_stock": 6000,
        "in_product_expiring": 0}])
        | _tables(ship=[("D03", D(2007, 7, 15), 3000, "заявка", None)],
                  lots=[("D03", 3000, D(2007, 2, 28)), ("D03", 3000, D(2008, 12, 31))])
        | {"in_buffer_months": 3}),
    "e.xlsx": (E, _zeros() | product_columns([_zidovudine(in_product_stock=21900, in_product_pipeline=600)])
               | _tables(ship=[("A06", "май 2007", 100, "другое", None), ("A06", D(2007, 5, 1), 1e308, "другое", None),
                               ("A*6", D(2007, 5, 1), 100, "другое", None)])
               | {"in_buffer_months": 3}),
    "t.xlsx": (T, None),
}  # fmt: skip


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as national.csv
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("plan-refresh")
    received = work / "received"
    received.mkdir()
    regions = region_list([region for region, _ in WORKBOOKS.values()])
    by_name = {region.name: region for region in regions}
    for file, (region, cells) in WORKBOOKS.items():
        blank = work / f"blank-{file}"
        write_workbook(blank, by_name[region])
        if cells is None:
            shutil.copy(blank, received / file)
        else:
            fill(blank, received / file, cells)
    result = xl_addin.refresh(received, out=work / "out", regions=regions, jobs=2)
    plan = _read_csv(work / "out" / "national_supply_plan.csv")
    return {"result": result, "out": work / "out", "plan": plan, "problems": _read_csv(work / "out" / "problems.csv")}


HEADER = ["Код", "Наименование", "Единиц в упаковке", "Месяц", "Регионов", "Остаток на начало, единиц",
          "Поступило, единиц", "Списано по сроку, единиц", "Потребность, единиц", "Не хватило, единиц",
          "Остаток на конец, единиц", "Запас, месяцев", "Регионов с нехваткой", "Регионов ниже минимума",
          "Регионов выше максимума"]  # fmt: skip
ZDV = ["A06", "Зидовудин, таблетки 300 мг", "60"]
#: A06 in A and B, by hand.  Demand of month k: ⌊7300·k/12⌋ − ⌊7300·(k−1)/12⌋ = 608, 608, 609, … in each region.
#: B: 21,900 + 600 in January, less Σ demand; always above its Max (15 × 7,300 / 12 = 9,125).  ΣN = 14,600.
A06_ROWS = {
    # opening 1,825 + 21,900; B's 600 arrive; A: 1,825 − 608 = 1,217 (below min); B: 22,500 − 608 = 21,892;
    # Σ 23,109 · 120 / 14,600 = 189.9… → 18.9
    "01.2007": ["2", "23725", "600", "0", "1216", "0", "23109", "18,9", "0", "1", "1"],
    # opening 609 + 21,284; A: 609 + 1,860 − 609 = 1,860 (3.0: ok); B: 21,284 − 609 = 20,675; Σ 22,535 → 185.2… → 18.5
    "03.2007": ["2", "21893", "1860", "0", "1218", "0", "22535", "18,5", "0", "0", "1"],
    # the note: A 35 − 608 → unmet 573, closing 0; B 18,850 − 608 = 18,242; Σ 18,242 · 120 / 14,600 = 149.9… → 14.9
    "07.2007": ["2", "18885", "0", "0", "1216", "573", "18242", "14,9", "1", "0", "1"],
    # A unmet 608; B 18,242 − 608 = 17,634 → 144.9… → 14.4
    "08.2007": ["2", "18242", "0", "0", "1216", "608", "17634", "14,4", "1", "0", "1"],
    # A unmet 609; B 17,634 − 609 = 17,025 → 139.9… → 13.9
    "09.2007": ["2", "17634", "0", "0", "1218", "609", "17025", "13,9", "1", "0", "1"],
    # A: 5,475 arrive, 608 used: 4,867 (8.0, ok); B 17,025 − 608 = 16,417; Σ 21,284 → 174.9… → 17.4
    "10.2007": ["2", "17025", "5475", "0", "1216", "0", "21284", "17,4", "0", "0", "1"],
    # opening 4,259 + 15,809; A 3,650 (the note), B 22,500 − 7,300 = 15,200 (the note's ex5); Σ 18,850 → 154.9… → 15.4
    "12.2007": ["2", "20068", "0", "0", "1218", "0", "18850", "15,4", "0", "0", "1"],
}


@pytest.mark.parametrize("month", sorted(A06_ROWS))
def test_the_national_example_month_by_month(refreshed: dict[str, Any], month: str) -> None:
    rows = {row[3]: row for row in refreshed["plan"][1:] if row[0] == "A06"}
    assert rows[month] == [*ZDV, month, *A06_ROWS[month]]


def test_the_csv_has_twelve_months_per_product_and_the_errors_region_is_out(refreshed: dict[str, Any]) -> None:
    header, *rows = refreshed["plan"]
    assert header == HEADER
    # A06 (A and B: Алтайский край's plan has errors) and D03 (Пермский край): 12 months each, by code and month
    assert [(row[0], row[3], row[4]) for row in rows] == [("A06", f"{k:02d}.2007", "2") for k in range(1, 13)] + [
        ("D03", f"{k:02d}.2007", "1") for k in range(1, 13)
    ]


def test_stockout_regions_one_in_july_august_september_only(refreshed: dict[str, Any]) -> None:
    short = {row[3]: row[12] for row in refreshed["plan"][1:] if row[0] == "A06"}
    assert [month for month, count in short.items() if count != "0"] == ["07.2007", "08.2007", "09.2007"]
    assert {short[month] for month in ("07.2007", "08.2007", "09.2007")} == {"1"}


#: D03 in Пермский край (the note's Example 2 table): 03.2007 writes off 1,800, closing 2,400, 4.0 months
D03_MARCH = ["D03", "Иммунный блот ВИЧ-1/2", "20", "03.2007", "1", "4800", "0", "1800", "600", "0", "2400", "4,0",
             "0", "0", "0"]  # fmt: skip


def test_the_expiry_example_enters_as_its_own_product(refreshed: dict[str, Any]) -> None:
    assert [row for row in refreshed["plan"] if row[:4] == D03_MARCH[:4]] == [D03_MARCH]


def _moves(refreshed: dict[str, Any]) -> list[list[Any]]:
    book = load_workbook(refreshed["out"] / "national.xlsx", read_only=True)
    try:
        return [list(row) for row in book["Перераспределение"].iter_rows(values_only=True)]
    finally:
        book.close()


#: «Перераспределение»: A short, B above its maximum with its surplus down to whole packs,
#: ⌊(12·closing − 15·7,300) / 720⌋: 07 (218,904 − 109,500) / 720 = 151.9 → 151; 08 (211,608 − 109,500) / 720 =
#: 141.8 → 141; 09 (204,300 − 109,500) / 720 = 131.6 → 131.
MOVES = [
    ["A06", "Зидовудин, таблетки 300 мг", 60, D(2007, 7, 1), "нехватка", A, 573, None, None],
    ["A06", "Зидовудин, таблетки 300 мг", 60, D(2007, 7, 1), "выше максимума", B, None, 151, 9060],
    ["A06", "Зидовудин, таблетки 300 мг", 60, D(2007, 8, 1), "нехватка", A, 608, None, None],
    ["A06", "Зидовудин, таблетки 300 мг", 60, D(2007, 8, 1), "выше максимума", B, None, 141, 8460],
    ["A06", "Зидовудин, таблетки 300 мг", 60, D(2007, 9, 1), "нехватка", A, 609, None, None],
    ["A06", "Зидовудин, таблетки 300 мг", 60, D(2007, 9, 1), "выше максимума", B, None, 131, 7860],
]


def test_the_redistribution_list(refreshed: dict[str, Any]) -> None:
    header, *rows = _moves(refreshed)
    assert header == ["Код", "Наименование", "Единиц в упаковке", "Месяц", "Кто", "Регион", "Не хватило, единиц",
                      "Излишек сверх максимума, упаковок", "Излишек, единиц"]  # fmt: skip
    assert rows == MOVES


def test_the_plan_sheets_hold_the_matrix_and_the_csv_table(refreshed: dict[str, Any]) -> None:
    book = load_workbook(refreshed["out"] / "national.xlsx", read_only=True)
    try:
        rows = [list(row) for row in book["План поставок"].iter_rows(values_only=True)]
        header, *table = [list(row) for row in book["План поставок, таблица"].iter_rows(values_only=True)]
    finally:
        book.close()
    assert header[:4] == ["Код", "Наименование", "Единиц в упаковке", "Месяц"]
    csv_rows = refreshed["plan"][1:]
    assert len(table) == len(csv_rows)
    july = next(row for row in table if row[0] == "A06" and row[3] == D(2007, 7, 1))
    assert july[4:] == [2, 18885, 0, 0, 1216, 573, 18242, 14.9, 1, 0, 1]
    # the matrix: A06's months of stock, then its regions in stockout, month by month
    matrix = next(row for row in rows if row[0] == "A06" and row[3] == "Запас, месяцев")
    below = rows[rows.index(matrix) + 1]
    # Σ closing (A's from the note's table, B's 22,500 less Σ demand) · 120 / 14,600, down to 0.1: 23,109 → 18.9,
    # 21,893 → 17.9, 22,535 → 18.5, 21,319 → 17.5, 20,103 → 16.5, 18,885 → 15.5, 18,242 → 14.9, 17,634 → 14.4,
    # 17,025 → 13.9, 21,284 → 17.4, 20,068 → 16.4, 18,850 → 15.4
    assert matrix[4:16] == [18.9, 17.9, 18.5, 17.5, 16.5, 15.5, 14.9, 14.4, 13.9, 17.4, 16.4, 15.4]
    assert below[3:16] == ["Регионов с нехваткой", 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]


def _plan_problems(refreshed: dict[str, Any], file: str) -> list[list[str]]:
    return [row for row in refreshed["problems"][1:] if row[0] == file and (
        row[3].startswith(("in_ship_", "in_lot_", "in_use_", "in_plan_", "chk_plan_", "xl_addin_year")))]  # fmt: skip


def test_a_stockout_is_one_warning_row_of_the_region_and_product(refreshed: dict[str, Any]) -> None:
    # out_plan_first_stockout of the first product row: column AB, row 61 of «План поставок»
    assert _plan_problems(refreshed, "a.xlsx") == [
        ["a.xlsx", "План поставок", "AB61", "chk_plan_stockout", "A06",
         "товар «A06»: нехватка с 07.2007: месяцев 3, не хватит 1790 ед. до конца 2007 г.", "предупреждение"],
    ]  # fmt: skip


def test_an_expiry_and_an_expiry_not_ordered_are_warning_rows(refreshed: dict[str, Any]) -> None:
    # out_plan_expired of the first product row: column AF; 1,800 × 5,000 / 20 = 450,000.00
    assert _plan_problems(refreshed, "c.xlsx") == [
        ["c.xlsx", "План поставок", "AF61", "chk_plan_expiry", "D03",
         "товар «D03»: списание по сроку годности: 1800 ед. на 450000,00 руб., первое в 03.2007", "предупреждение"],
        ["c.xlsx", "План поставок", "AF61", "chk_plan_expiry_not_ordered", "D03",
         "товар «D03»: заказ не учёл списание: «Из него истекает» 0, по плану до декабря 1800 ед.; упаковок нужно "
         "240, а не 150", "предупреждение"],
    ]  # fmt: skip


def test_an_untouched_plan_and_an_untouched_workbook_add_no_plan_row(refreshed: dict[str, Any]) -> None:
    assert _plan_problems(refreshed, "b.xlsx") == []
    assert _plan_problems(refreshed, "t.xlsx") == []


#: Алтайский край's hostile cells (lines 1–3 of «Поставки», rows 5–7): each its error row, never an abort.
HOSTILE = [
    ("B5", "in_ship_month", "май 2007", "in_ship_month = «май 2007»: нужна дата (месяц), а это не дата"),
    ("C6", "in_ship_units", "1E+308", "нужно целое число единиц от 0 до 1 000 000 000"),
    ("A7", "in_ship_code", "A*6", "код содержит * ? ~ или начинается с < > =: формулы листа прочли бы его как шаблон"),
]


@pytest.mark.parametrize(("cell", "name", "value", "problem"), HOSTILE)
def test_a_hostile_plan_cell_is_an_error_row(refreshed: dict[str, Any], cell: str, name: str, value: str,
                                             problem: str) -> None:  # fmt: skip
    rows = [row for row in _plan_problems(refreshed, "e.xlsx") if row[2] == cell]
    assert len(rows) == 1
    assert rows[0][:5] == ["e.xlsx", "Поставки", cell, name, value]
    assert problem in rows[0][5]
    assert rows[0][6] == "ошибка"


def test_a_region_with_plan_errors_keeps_its_products(refreshed: dict[str, Any]) -> None:
    products = {row[0]: row for row in _read_csv(refreshed["out"] / "national_products.csv")[1:]}
    assert products["A06"][6] == "3"  # Тула, Томск and Алтай order A06; the plan has two of them (above)
    assert refreshed["result"].exit_code == 1  # Алтай's error rows


def test_the_api_gives_the_plan_as_a_frame(refreshed: dict[str, Any]) -> None:
    frame = refreshed["result"].supply_plan
    assert [list(frame.columns), *frame.values.tolist()] == refreshed["plan"]


@pytest.mark.parametrize(("listed", "warned"), [("A06\nD03\n", []), ("A06\n", ["D03"]), ("a06 \n", ["D03"])])
def test_a_code_not_on_the_centres_list_is_a_warning(refreshed: dict[str, Any], tmp_path: Path, listed: str,
                                                     warned: list[str]) -> None:  # fmt: skip
    """``refresh --products`` (the centre's list, as ``generate --products`` takes it; codes compared case-folded and
    stripped, as the products table compares them): a code of the table not on it is a warning row."""
    products = tmp_path / "products.csv"
    products.write_text("code;name;covers\n" + "".join(f"{code};товар;{IMMUNOBLOT}\n" for code in listed.split()),
                        encoding="utf-8")  # fmt: skip
    received = refreshed["out"].parent / "received"
    result = xl_addin.refresh(received, out=tmp_path / "out", regions=region_list([r for r, _ in WORKBOOKS.values()]),
                              jobs=1, products=products)  # fmt: skip
    rows = [row for row in _read_csv(tmp_path / "out" / "problems.csv")[1:] if "списка товаров центра" in row[5]]
    assert [(row[0], row[3], row[4], row[6]) for row in rows] == [
        ("c.xlsx", "in_product_code", code, "предупреждение") for code in warned
    ]
    assert result.supply_plan.values.tolist() == refreshed["plan"][1:]  # a warning: the plan is the same


def _region(region: str, stock: int, pipeline: int, deliveries: list[Delivery]) -> RegionPlan:
    months = monthly_plan(year=2007, need=7300, stock=stock, pipeline=pipeline, deliveries=deliveries,
                          order_units=1860 if deliveries else 0, buffer_months=3)  # fmt: skip
    return RegionPlan(region, "A06", 60, 7300, 15, months)


def test_the_refresh_equals_the_core_on_the_example(refreshed: dict[str, Any]) -> None:
    """The refresh reads A's and B's inputs from their workbooks into the plans the core computes from the same
    numbers typed here (its sums are the core's own, streamed one file at a time)."""
    a = _region(A, 1825, 5475, [Delivery(dt.date(2007, 3, 1), 1860, DeliveryKind.REQUEST),
                                Delivery(dt.date(2007, 10, 1), 5475, DeliveryKind.TRANSIT)])  # fmt: skip
    b = _region(B, 21900, 600, [])
    core = national_plan([a, b], 2007)
    shown = [row for row in refreshed["plan"][1:] if row[0] == "A06"]
    assert [[str(m.closing), str(m.unmet), str(m.stockout_regions)] for m in core] == [
        [row[10], row[9], row[12]] for row in shown
    ]
    moves = redistribution([a, b], 2007)
    assert [(m.month, m.receivers, m.donors) for m in moves] == [
        (row[3].date(), ((A, row[6]),), ((B, donor[7], donor[8]),))
        for row, donor in zip(MOVES[::2], MOVES[1::2], strict=True)
    ]


@pytest.mark.parametrize(("name", "reference"), [("in_ship_units", "'Поставки'!$Z$5:$Z$124"),
                                                 ("in_plan_start", "'Ввод'!$C$2")])  # fmt: skip
def test_a_plan_name_moved_is_an_error_row_and_keeps_the_plan_out(
    refreshed: dict[str, Any], tmp_path: Path, name: str, reference: str
) -> None:
    """The plan's names are read as every name is: one pointing elsewhere is an error row, its cells blank, and the
    region's plan stays out of the national plan (its products do not)."""
    moved = tmp_path / "a.xlsx"
    edit_part(refreshed["out"].parent / "received" / "a.xlsx", moved, "xl/workbook.xml", move_name(name, reference))
    report = process_file(moved, tmp_path, "python", "now")
    rows = [problem for problem in report.problems if problem.name == name]  # not a row per cell read blank
    assert [(row.value, row.severity.value) for row in rows] == [(reference, "ошибка")]
    assert MISPLACED in rows[0].problem
    assert report.plan is not None and report.plan.left_out == LEFT_OUT_ERRORS
    assert report.products is not None and report.products.left_out == ""


def test_an_english_workbook_gives_the_same_plan(tmp_path: Path) -> None:
    """Example 3 in an English workbook: its statuses «request», «in transit», its sheets' English titles in the rows;
    the same months (A's July: 35 in stock, 608 wanted, 573 unmet)."""
    blank, filled = tmp_path / "blank.xlsx", tmp_path / "en.xlsx"
    write_workbook(blank, region_list([A])[0], lang="en")
    cells = _zeros() | product_columns(
        [
            _zidovudine(
                in_product_stock=1825,
                in_product_pipeline=5475,
                in_product_covers="ARV: component 2 — thymidine NRTI, first line",
            )
        ]
    )
    cells |= _tables(ship=[("A06", D(2007, 3, 1), 1860, "request", None), ("A06", D(2007, 10, 1), 5475, "in transit",
                                                                           None)]) | {"in_buffer_months": 3}  # fmt: skip
    fill(blank, filled, cells)
    report = process_file(filled, tmp_path, "python", "now")
    assert report.plan is not None and report.plan.left_out == ""
    ((line,),) = [report.plan.products]
    assert (line.code, line.units_per_pack, line.year, line.need, line.maximum) == ("A06", 60, 2007, 7300, 15)
    assert line.months[6] == [35, 0, 0, 608, 573, 0, 0]  # opening, received, expired, demand, unmet, closing; short
    rows = [(p.sheet, p.cell, p.name) for p in report.problems if p.name.startswith("chk_plan_")]
    assert rows == [("Supply plan", "AB61", "chk_plan_stockout")]


@pytest.mark.parametrize("expiry", [D(9999, 12, 31), D(9999, 12, 1), 2958465])  # the last day Excel counts
def test_stock_good_until_the_last_date_excel_counts_is_never_written_off(tmp_path: Path, expiry: Any) -> None:
    """«Годен до 31.12.9999» (a way of saying «no expiry»): written off in no month of any plan, never an abort."""
    region, cells = WORKBOOKS["b.xlsx"]
    assert cells is not None
    blank, filled = tmp_path / "blank.xlsx", tmp_path / "b.xlsx"
    write_workbook(blank, region_list([region])[0])
    fill(blank, filled, cells | _tables(ship=[("A06", D(2007, 5, 1), 0, "другое", expiry)],
                                        lots=[("A06", 21900, expiry)]))  # fmt: skip
    report = process_file(filled, tmp_path, "python", "now")
    assert report.plan is not None and report.plan.left_out == ""
    ((line,),) = [report.plan.products]
    # B as in the national example: 22,500 less the year's 7,300, nothing written off
    assert (sum(month[2] for month in line.months), line.months[-1][5]) == (0, 15200)


@pytest.mark.parametrize(("file", "names"), [("a.xlsx", ["chk_plan_stockout"]), ("b.xlsx", []),
                                             ("c.xlsx", ["chk_plan_expiry", "chk_plan_expiry_not_ordered"])])  # fmt: skip
def test_xl_addin_check_lists_the_plans_rows(refreshed: dict[str, Any], file: str, names: list[str]) -> None:
    """``xl-addin check`` lists the plan's rows as refresh does (a region sees them before sending)."""
    found = check_workbook(refreshed["out"].parent / "received" / file)
    plan = [(f.name, f.label, f.severity.value, f.text) for f in found.findings if f.name.startswith("chk_plan_")]
    in_csv = [(row[3], f"{row[1]}!{row[2]}", row[6], row[5]) for row in _plan_problems(refreshed, file)]
    assert [name for name, *_ in plan] == names
    assert plan == in_csv


#: 01.03.2007 and 01.10.2007 as Excel counts days (from 30.12.1899: 39,142 and 39,356).
SERIALS = {"B5": 39142, "B6": 39356}


@pytest.mark.parametrize("number_format", ["General", "0", "DD.MM.YYYY"])
def test_a_month_typed_as_excels_day_number_is_that_month(refreshed: dict[str, Any], tmp_path: Path,
                                                         number_format: str) -> None:  # fmt: skip
    """A number in a date column is a date as Excel counts days, with a date format or without one (P4: the
    sheet's formulas read it so): A's two deliveries typed as day numbers give A's plan."""
    source = refreshed["out"].parent / "received" / "a.xlsx"
    book = load_workbook(source)
    sheet = book["Поставки"]
    for cell, serial in SERIALS.items():
        sheet[cell].value, sheet[cell].number_format = serial, number_format
    book.save(tmp_path / "a.xlsx")
    (tmp_path / "copies").mkdir()
    expected, found = (
        process_file(path, tmp_path / "copies", "python", "now") for path in (source, tmp_path / "a.xlsx")
    )
    assert expected.plan is not None and found.plan is not None
    assert found.plan.products == expected.plan.products
    assert found.plan.problems == expected.plan.problems


def test_the_plan_sheet_is_read_down_to_its_settings_only(refreshed: dict[str, Any], tmp_path: Path) -> None:
    """«План поставок» holds the settings (C2:C6) above its formula-heavy rows, which refresh never reads: it is read
    down to row 6, so that a cell typed far below (past the 1,000,000-cell bound a sheet of inputs has) is not read
    and refuses nothing, and the plan is the same."""
    source = refreshed["out"].parent / "received" / "a.xlsx"
    book = load_workbook(source)
    book["План поставок"]["XFD1048576"] = "далеко"
    book.save(tmp_path / "a.xlsx")
    (tmp_path / "copies").mkdir()
    expected, found = (
        process_file(path, tmp_path / "copies", "python", "now") for path in (source, tmp_path / "a.xlsx")
    )
    assert found.region == A and found.plan is not None and expected.plan is not None
    assert (found.plan.products, found.plan.problems) == (expected.plan.products, expected.plan.problems)


def test_the_redistribution_csv_holds_the_sheets_rows(refreshed: dict[str, Any]) -> None:
    """national_redistribution.csv: the sheet's header and rows (above, by hand), months as ММ.ГГГГ, blanks empty;
    ``refresh(...).redistribution`` is the same table."""
    rows = _read_csv(refreshed["out"] / "national_redistribution.csv")
    header, *_ = _moves(refreshed)
    expected = [[code, name, str(pack), f"{month.month:02d}.{month.year}", who, region,
                 *("" if value is None else str(value) for value in numbers)]
                for code, name, pack, month, who, region, *numbers in MOVES]  # fmt: skip
    assert rows == [header, *expected]
    frame = refreshed["result"].redistribution
    assert [list(frame.columns), *frame.fillna("").values.tolist()] == rows


def test_two_rows_of_one_code_and_pack_are_one_line_of_the_region(tmp_path: Path) -> None:
    """Томская область types A06 on two rows of «Товары» (10 kits × 730 each, 60 a pack; buffer 3): stock 1,200 and
    20,000.  The national plan has one region with both rows summed (P4), not two regions.  By hand, January: row 1
    orders ⌈(7,300 + 1,825 − 1,200) / 60⌉ = 133 packs = 7,980 units arriving in January, 1,200 + 7,980 − 608 =
    8,572 left; row 2 orders nothing, 20,000 − 608 = 19,392; Σ opening 21,200, Σ closing 27,964, ΣN 14,600:
    27,964 · 120 / 14,600 = 229.8… → 22.9 months; the region's one line above its maximum
    (12 · 27,964 = 335,568 > 15 · 14,600 = 219,000)."""
    received = tmp_path / "received"
    received.mkdir()
    region = region_list([B])[0]
    write_workbook(tmp_path / "blank.xlsx", region)
    rows = [_zidovudine(in_product_stock=1200), _zidovudine(in_product_stock=20000, in_product_code="a06")]
    fill(tmp_path / "blank.xlsx", received / "b.xlsx", _zeros() | product_columns(rows) | {"in_buffer_months": 3})
    result = xl_addin.refresh(received, out=tmp_path / "out", regions=[region], jobs=1)
    plan = _read_csv(tmp_path / "out" / "national_supply_plan.csv")
    assert plan[1] == [*ZDV, "01.2007", "1", "21200", "7980", "0", "1216", "0", "27964", "22,9", "0", "0", "1"]
    assert {row[4] for row in plan[1:]} == {"1"}
    assert result.supply_plan.values.tolist() == plan[1:]
