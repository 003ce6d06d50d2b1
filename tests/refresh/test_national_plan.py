"""The national plan's parts (issue 22): the core's sums against a brute force, who enters, what the reader reads.

The parent streams each file's spooled plans into the core's sums (``national_plan.consolidate`` →
``supply_national.NationalSum``); the core's ``national_plan`` and ``redistribution`` add a list at once.  Both are
compared here with an independent brute force written in this file (per key and month, every region's line summed
by hand, its state judged by the note's rule), on random plans of random regions — some with two rows of one code
and pack size (one line of the region, P4).  The hand-worked values: the note's national example
(tests/core/test_supply_plan.py, tests/refresh/test_supply_plan_refresh.py) and the two rows below.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from xl_addin.consolidation import national_plan
from xl_addin.consolidation.national_plan import PlanSpool, consolidate
from xl_addin.consolidation.plan_file import FilePlan
from xl_addin.consolidation.reading import PRODUCT_NAMES, product_places
from xl_addin.core.supply_national import NationalPlan, NationalSum, RegionPlan, redistribution, region_lines
from xl_addin.core.supply_national import national_plan as core_national_plan
from xl_addin.core.supply_plan import Delivery, DeliveryKind, Lot, monthly_plan
from xl_addin.errors import ArgumentError
from xl_addin.workbook.texts import SHEETS

YEAR = 2007


def _random_plan(rng: random.Random, region: str, buffer: int, reorder: int) -> RegionPlan:
    need = rng.choice([0, 600, 7300, 8760, rng.randint(1, 20000)])
    deliveries = [Delivery(dt.date(YEAR, rng.randint(1, 12), 1), rng.randint(0, 9000),
                           rng.choice(list(DeliveryKind))) for _ in range(rng.randint(0, 3))]  # fmt: skip
    stock = rng.randint(0, 30000)
    lots = [Lot(stock, dt.date(YEAR, rng.randint(1, 12), 1))] if rng.random() < 0.3 else []
    months = monthly_plan(year=YEAR, need=need, stock=stock, lots=lots, deliveries=deliveries,
                          pipeline=rng.choice([0, 600]), buffer_months=buffer, reorder_months=reorder,
                          start=rng.choice([None, dt.date(YEAR - 1, 10, 1)]))  # fmt: skip
    code = rng.choice(["A06", "a06", "D03"])  # «a06» is A06, as the products table folds case
    return RegionPlan(region, code, rng.choice([20, 60]), need, buffer + reorder, months, buffer)


def _random_regions(seed: int) -> list[list[RegionPlan]]:
    """Each region's plans (one workbook each: one buffer and interval), often two rows of one code and pack size."""
    rng = random.Random(seed)
    regions = []
    for number in range(rng.randint(1, 6)):
        buffer, reorder = rng.choice([0, 2, 3]), rng.choice([6, 12])
        regions.append([_random_plan(rng, f"Регион {number}", buffer, reorder) for _ in range(rng.randint(1, 4))])
    return regions


def _state(unmet: int, closing: int, need: int, low: int, high: int) -> str:
    """The note's order (§3.4), written out: short, then below Min·N/12, then above Max·N/12."""
    if unmet:
        return "short"
    if 12 * closing < low * need:
        return "low"
    return "high" if 12 * closing > high * need else "ok"


def _brute_force(regions: list[list[RegionPlan]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The national rows and moves, added up the slow way: every key, every month, every region's rows."""
    keys: dict[tuple[str, int], str] = {}
    for plans in regions:
        for plan in plans:
            keys.setdefault((plan.code.lower(), plan.units_per_pack), plan.code)
    rows, moves = [], []
    for (folded, pack), code in sorted(keys.items()):
        lines = []  # (region, need, max, [per month: opening, received, expired, demand, unmet, closing, state])
        for plans in regions:
            mine = [p for p in plans if (p.code.lower(), p.units_per_pack) == (folded, pack)]
            if not mine:
                continue
            need = sum(p.need for p in mine)
            months = []
            for k in range(1, 13):
                found = [next(m for m in p.months if m.month == dt.date(YEAR, k, 1)) for p in mine]
                numbers = [sum(getattr(m, name) for m in found)
                           for name in ("opening", "received", "expired", "demand", "unmet", "closing")]  # fmt: skip
                state = _state(numbers[4], numbers[5], need, mine[0].minimum or 0, mine[0].maximum)
                months.append([*numbers, state])
            lines.append((mine[0].region, need, mine[0].maximum, months))
        need = sum(line[1] for line in lines)
        for k in range(12):
            totals = [sum(line[3][k][column] for line in lines) for column in range(6)]
            states = [line[3][k][6] for line in lines]
            mos = None if need == 0 else Decimal(totals[5] * 120 // need) / 10
            rows.append((code, pack, dt.date(YEAR, k + 1, 1), len(lines), *totals, need, mos, states.count("short"),
                         states.count("low"), states.count("high")))  # fmt: skip
            short = tuple((line[0], line[3][k][4]) for line in lines if line[3][k][4] > 0)
            donors = []
            for region, own, most, months in lines:
                surplus = months[k][5] - Fraction(most * own, 12)  # units above Max·N/12, whole packs below it
                if surplus >= pack:
                    donors.append((region, int(surplus // pack), int(surplus // pack) * pack))
            if short:
                moves.append((code, pack, dt.date(YEAR, k + 1, 1), short, tuple(donors)))
    return rows, moves


def _rows(plan: NationalPlan) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    return [(r.code, r.units_per_pack, r.month, r.regions, r.opening, r.received, r.expired, r.demand, r.unmet,
             r.closing, r.need, r.months_of_stock, r.stockout_regions, r.below_min_regions, r.above_max_regions)
            for r in plan.months], [(m.code, m.units_per_pack, m.month, m.receivers, m.donors)
                                    for m in plan.moves]  # fmt: skip


def _spooled(regions: list[list[RegionPlan]]) -> NationalPlan:
    """The refresh's way: each region's plans as its worker hands them over (months of the year, region blank),
    spooled, read back and added up file by file."""
    with PlanSpool() as spool:
        for plans in regions:
            products = region_lines([replace(plan, region="") for plan in plans], YEAR)  # as plan_file makes them
            spool.write(PlanSpool.line(f"{plans[0].region}.xlsx", plans[0].region, FilePlan(products)))
        return consolidate(spool, frozenset(f"{plans[0].region}.xlsx" for plans in regions))


@pytest.mark.parametrize("seed", range(40))
def test_the_core_equals_a_brute_force_sum(seed: int) -> None:
    regions = _random_regions(seed)
    expected = _brute_force(regions)
    assert _rows(_spooled(regions)) == expected
    every = [plan for plans in regions for plan in plans]
    assert _rows(NationalPlan(core_national_plan(every, YEAR), redistribution(every, YEAR))) == expected


def _two_rows() -> list[RegionPlan]:
    """Region A: two rows of A06 (60 a pack), each N 1,200 (100 a month), buffer 3, interval 12 (Min 3, Max 15):
    stock 200 and 2,000."""
    return [RegionPlan("A", code, 60, 1200, 15, monthly_plan(year=YEAR, need=1200, stock=stock, buffer_months=3), 3)
            for code, stock in (("A06", 200), ("a06", 2000))]  # fmt: skip


def test_two_rows_of_one_code_and_pack_are_one_line_of_the_region() -> None:
    """January: row 1 200 − 100 = 100 (1 month: below Min), row 2 2,000 − 100 = 1,900 (19 > 15: above Max); as one
    line 2,000 of N 2,400: 12 · 2,000 = 24,000 between 3 · 2,400 = 7,200 and 15 · 2,400 = 36,000, within its limits,
    10.0 months.  March: row 1 short of 100 while row 2 holds 1,700: one region short, 100 unmet, and no donor
    (12 · 1,700 = 20,400 < 36,000), though row 2 alone would be 2,400 twelfths above its Max, 3 packs."""
    total = NationalSum()
    total.add(region_lines(_two_rows(), YEAR))
    plan = total.result()
    january, march = plan.months[0], plan.months[2]
    assert (january.code, january.regions, january.need, january.closing, january.months_of_stock) == (
        "A06", 1, 2400, 2000, Decimal("10.0"))  # fmt: skip
    assert (january.stockout_regions, january.below_min_regions, january.above_max_regions) == (0, 0, 0)
    assert (march.regions, march.unmet, march.closing, march.stockout_regions) == (1, 100, 1700, 1)
    assert [(m.month, m.receivers, m.donors) for m in plan.moves[:1]] == [(dt.date(YEAR, 3, 1), (("A", 100),), ())]


def test_two_rows_need_the_regions_minimum() -> None:
    plans = [RegionPlan(p.region, p.code, p.units_per_pack, p.need, p.maximum, p.months) for p in _two_rows()]
    with pytest.raises(ArgumentError, match="регион «A», товар «A06» в двух строках"):
        region_lines(plans, YEAR)


def test_a_plan_without_the_years_months_is_refused() -> None:
    plan = RegionPlan("A", "A06", 60, 1200, 15, monthly_plan(year=YEAR, need=1200, stock=0, buffer_months=3), 3)
    with pytest.raises(ArgumentError, match=r"нет двенадцати месяцев 2010 г\."):
        region_lines([plan], 2010)


def test_a_file_outside_the_products_table_or_with_plan_errors_adds_nothing() -> None:
    # N 120 (10 a month), 200 in stock, Max 3 months: 190 left in January, 12 · 190 = 2,280 > 3 · 120 = 360: above
    months = [m for m in monthly_plan(year=YEAR, need=120, stock=200, buffer_months=0, reorder_months=3)
              if m.month.year == YEAR]  # fmt: skip
    kept = FilePlan(region_lines([RegionPlan("", "A06", 60, 120, 3, months, 0)], YEAR))
    with PlanSpool() as spool:
        spool.write(PlanSpool.line("a.xlsx", "А", kept))
        spool.write(PlanSpool.line("b.xlsx", "Б", kept))  # its products are not in the table
        spool.write(PlanSpool.line("c.xlsx", "В", FilePlan(kept.products, left_out="ошибки плана поставок")))
        spool.write(PlanSpool.line("d.xlsx", None, kept))  # no region: unread
        found = consolidate(spool, frozenset({"a.xlsx", "c.xlsx", "d.xlsx"}))
    rows = national_plan.csv_rows(found, {("a06", 60): "Зидовудин"})
    # 190 units over a need of 120 a year (10 a month): 19.0 months; one region, above its maximum
    assert rows[1] == ["A06", "Зидовудин", 60, "01.2007", 1, 200, 0, 0, 10, 0, 190, "19,0", 0, 0, 1]
    assert len(rows) == 13
    assert found.moves == []


@pytest.mark.parametrize("write", [national_plan.write_plan_csv, national_plan.write_moves_csv])
def test_nothing_to_add_up_writes_the_header_alone(tmp_path: Path, write: Any) -> None:
    path = tmp_path / "out.csv"
    write(path, NationalPlan(), {})
    header = national_plan.HEADER if write is national_plan.write_plan_csv else national_plan.MOVES_HEADER
    assert path.read_text(encoding="utf-8-sig").splitlines() == [";".join(header)]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_reader_never_reads_the_calculation_sheet(lang: str) -> None:
    """The plan's cached results and its hidden calculation sheet are not read: no name the reading looks up lives
    there, and no result of the plan (``out_plan_*``) is among them (the plan is recomputed)."""
    calculation = SHEETS[lang]["plan_calc"]
    sheets = {sheet for name in PRODUCT_NAMES for sheet, _ in product_places().get(name, ())}
    assert calculation not in sheets
    assert SHEETS[lang]["deliveries"] in sheets and SHEETS[lang]["plan"] in sheets
    assert not [name for name in PRODUCT_NAMES if name.startswith("out_plan_")]


@pytest.mark.parametrize("years", [(), (2007,), (2007, 2010)])
def test_the_matrix_has_a_header_of_its_months_over_each_years_products(tmp_path: Path, years: tuple[int, ...]) -> None:
    """Workbooks generated for different years (``generate --year``): each year's products under its own months."""
    from openpyxl import load_workbook

    from xl_addin.consolidation import national_book, national_plan_sheets

    with PlanSpool() as spool:
        for year in years:  # N 12 (1 a month), 10 in stock: 9 left in January
            months = [m for m in monthly_plan(year=year, need=12, stock=10, buffer_months=3) if m.month.year == year]
            plans = FilePlan(region_lines([RegionPlan("", "A06", 60, 12, 15, months, 3)], year))
            spool.write(PlanSpool.line(f"{year}.xlsx", f"Регион {year}", plans))
        found = consolidate(spool, frozenset(f"{year}.xlsx" for year in years))
    path = tmp_path / "national.xlsx"
    national_book.write_national_xlsx(
        path, [], sheets=[lambda book: national_plan_sheets.add_plan_sheet(book, found, {})]
    )
    book = load_workbook(path, read_only=True)
    try:
        rows = [[*row, *[None] * (16 - len(row))] for row in book[national_plan_sheets.PLAN_SHEET].iter_rows(
            values_only=True)]  # fmt: skip
    finally:
        book.close()
    headers = [row for row in rows if row[3] == "Месяц →"]
    if not years:  # one header without months, and the sentence that there is nothing
        assert [row[4:] for row in headers] == [[None] * 12]
        assert rows[rows.index(headers[0]) + 1][:3] == ["планов регионов в сводке нет", None, None]
    else:
        assert [(row[4], row[15]) for row in headers] == [(dt.datetime(y, 1, 1), dt.datetime(y, 12, 1)) for y in years]
    matrix = [row for row in rows if row[3] == "Запас, месяцев"]
    assert [row[4] for row in matrix] == [9.0] * len(years)  # 9 units left of a year's 12: 9.0 months
