"""The national plan's parts (issue 22): the parent's sums against the core, who enters, what the reader reads.

The parent adds the spooled plans up file by file (``national_plan.consolidate``), not with the core's
``national_plan`` and ``redistribution`` (which want every region's plans at once); on random plans of random
regions the two must agree row for row.  The expected values of the core's functions are themselves tested on
the note's example (tests/core/test_supply_plan.py); here only the equality is claimed.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import pytest

from xl_addin.consolidation import national_plan
from xl_addin.consolidation.national_plan import PlanSpool, consolidate
from xl_addin.consolidation.plan_file import FilePlan
from xl_addin.consolidation.reading import PRODUCT_NAMES, product_places
from xl_addin.core.supply_national import RegionPlan, redistribution
from xl_addin.core.supply_national import national_plan as core_national_plan
from xl_addin.core.supply_plan import Delivery, DeliveryKind, Lot, monthly_plan
from xl_addin.workbook.texts import SHEETS

YEAR = 2007


def _random_plan(rng: random.Random, region: str) -> RegionPlan:
    need = rng.choice([0, 600, 7300, 8760, rng.randint(1, 20000)])
    pack = rng.choice([20, 60])
    deliveries = [Delivery(dt.date(YEAR, rng.randint(1, 12), 1), rng.randint(0, 9000),
                           rng.choice(list(DeliveryKind))) for _ in range(rng.randint(0, 3))]  # fmt: skip
    stock = rng.randint(0, 30000)
    lots = [Lot(stock, dt.date(YEAR, rng.randint(1, 12), 1))] if rng.random() < 0.3 else []
    buffer, reorder = rng.choice([0, 2, 3]), rng.choice([6, 12])
    months = monthly_plan(year=YEAR, need=need, stock=stock, lots=lots, deliveries=deliveries,
                          pipeline=rng.choice([0, 600]), buffer_months=buffer, reorder_months=reorder,
                          start=rng.choice([None, dt.date(YEAR - 1, 10, 1)]))  # fmt: skip
    return RegionPlan(region, rng.choice(["A06", "D03"]), pack, need, buffer + reorder, months)


def _spooled(plans: list[RegionPlan]) -> dict[str, FilePlan]:
    """Each region's plans as its worker hands them to the parent (``plan_file``: the months of the year)."""
    files: dict[str, FilePlan] = {}
    for plan in plans:
        months = [[m.opening, m.received, m.expired, m.demand, m.unmet, m.closing, int(m.status)]
                  for m in plan.months if m.month.year == YEAR]  # fmt: skip
        files.setdefault(plan.region, FilePlan()).products.append(
            [plan.code, plan.units_per_pack, plan.need, plan.maximum, YEAR, months]
        )
    return files


@pytest.mark.parametrize("seed", range(40))
def test_the_parents_sums_equal_the_core(seed: int) -> None:
    rng = random.Random(seed)
    plans = []
    for number in range(rng.randint(1, 6)):
        region = f"Регион {number}"
        codes = set()
        for _ in range(rng.randint(1, 3)):
            plan = _random_plan(rng, region)
            if (plan.code, plan.units_per_pack) not in codes:  # one row of a key per region, as «Товары» has
                codes.add((plan.code, plan.units_per_pack))
                plans.append(plan)
    with PlanSpool() as spool:
        for region, plan in _spooled(plans).items():
            spool.write(PlanSpool.line(f"{region}.xlsx", region, plan))
        found = consolidate(spool, frozenset(f"{plan.region}.xlsx" for plan in plans), {})
    core = core_national_plan(plans, YEAR)
    assert [(r.code, r.units_per_pack, r.month, r.regions, r.opening, r.received, r.expired, r.demand, r.unmet,
             r.closing, r.months_of_stock, r.stockout_regions, r.below_min_regions, r.above_max_regions)
            for r in found.rows] == [
        (c.code, c.units_per_pack, c.month, c.regions, c.opening, c.received, c.expired, c.demand, c.unmet,
         c.closing, c.months_of_stock, c.stockout_regions, c.below_min_regions, c.above_max_regions)
        for c in core
    ]  # fmt: skip
    assert [(m.code, m.units_per_pack, m.month, m.receivers, m.donors) for m in found.moves] == [
        (m.code, m.units_per_pack, m.month, m.receivers, m.donors) for m in redistribution(plans, YEAR)
    ]


def test_a_file_outside_the_products_table_or_with_plan_errors_adds_nothing() -> None:
    months = [[100, 0, 0, 10, 0, 90, 3]] * 12
    kept = FilePlan(products=[["A06", 60, 120, 3, YEAR, months]])  # Max 3 months: 90 · 12 > 3 · 120, above
    with PlanSpool() as spool:
        spool.write(PlanSpool.line("a.xlsx", "А", kept))
        spool.write(PlanSpool.line("b.xlsx", "Б", kept))  # its products are not in the table
        spool.write(PlanSpool.line("c.xlsx", "В", FilePlan(kept.products, left_out="ошибки плана поставок")))
        spool.write(PlanSpool.line("d.xlsx", None, kept))  # no region: unread
        found = consolidate(spool, frozenset({"a.xlsx", "c.xlsx", "d.xlsx"}), {("a06", 60): "Зидовудин"})
    assert found.regions == 1
    # 90 units over a need of 120 a year (10 a month): 9.0 months; one region, above its maximum
    assert [(row.name, row.regions, row.closing, row.months_of_stock, row.above_max_regions)
            for row in found.rows[:1]] == [("Зидовудин", 1, 90, Decimal("9.0"), 1)]  # fmt: skip
    assert found.moves == []


def test_nothing_to_add_up_writes_the_header_alone(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / national_plan.CSV_NAME  # type: ignore[operator]
    national_plan.write_plan_csv(path, national_plan.NationalPlan())
    assert path.read_text(encoding="utf-8-sig").splitlines() == [";".join(national_plan.HEADER)]


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

    months = [[10, 0, 0, 1, 0, 9, 2]] * 12
    with PlanSpool() as spool:
        for year in years:
            spool.write(PlanSpool.line(f"{year}.xlsx", f"Регион {year}", FilePlan([["A06", 60, 12, 15, year, months]])))
        found = consolidate(spool, frozenset(f"{year}.xlsx" for year in years), {})
    path = tmp_path / "national.xlsx"
    national_book.write_national_xlsx(path, [], sheets=[lambda book: national_plan_sheets.add_plan_sheet(book, found)])
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
