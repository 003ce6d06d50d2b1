"""The monthly supply plan in whole numbers: the design note's three examples month by month, its control cases,
ex4, ex5, the national example, conservation on random plans against a lot-by-lot FEFO reference, bad inputs.

Every expected number is the note's (``supply-plan.md`` §3.6–3.7, typed below from its tables) or worked by hand
in the comments; none comes from the code under test.  Table columns: month, opening, received, expired, demand,
dispensed, unmet, closing, MOS, status (ok, low = below min, high = above max, out = stockout).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal
from typing import Any

import pytest

from xl_addin.core.products import packs_to_order as order_packs
from xl_addin.core.supply_national import RegionPlan, national_plan, redistribution, surplus_packs
from xl_addin.core.supply_plan import (
    HORIZON,
    Delivery,
    DeliveryKind,
    Lot,
    PlanMonth,
    Status,
    add_months,
    month_demand,
    monthly_plan,
    summarize,
)
from xl_addin.errors import InputError

D = dt.date
TRANSIT, REQUEST, OTHER = DeliveryKind.TRANSIT, DeliveryKind.REQUEST, DeliveryKind.OTHER
STATUS = {"ok": Status.OK, "low": Status.BELOW_MIN, "high": Status.ABOVE_MAX, "out": Status.STOCKOUT}

# The note's §3.7 tables, row for row.
EXAMPLE_1 = """
10.2006 4380 0 0 730 730 0 3650 5.0 ok
11.2006 3650 0 0 730 730 0 2920 4.0 ok
12.2006 2920 0 0 730 730 0 2190 3.0 ok
01.2007 2190 0 0 730 730 0 1460 2.0 low
02.2007 1460 0 0 730 730 0 730 1.0 low
03.2007 730 0 0 730 730 0 0 0.0 low
04.2007 0 0 0 730 0 730 0 0.0 out
05.2007 0 6600 0 730 730 0 5870 8.0 ok
06.2007 5870 0 0 730 730 0 5140 7.0 ok
07.2007 5140 0 0 730 730 0 4410 6.0 ok
08.2007 4410 0 0 730 730 0 3680 5.0 ok
09.2007 3680 0 0 730 730 0 2950 4.0 ok
10.2007 2950 0 0 730 730 0 2220 3.0 ok
11.2007 2220 0 0 730 730 0 1490 2.0 low
12.2007 1490 0 0 730 730 0 760 1.0 low
01.2008 760 0 0 730 730 0 30 0.0 low
02.2008 30 0 0 730 30 700 0 0.0 out
03.2008 0 0 0 730 0 730 0 0.0 out
04.2008 0 0 0 730 0 730 0 0.0 out
05.2008 0 0 0 730 0 730 0 0.0 out
06.2008 0 0 0 730 0 730 0 0.0 out
07.2008 0 0 0 730 0 730 0 0.0 out
08.2008 0 0 0 730 0 730 0 0.0 out
09.2008 0 0 0 730 0 730 0 0.0 out
"""
EXAMPLE_2 = """
01.2007 6000 0 0 600 600 0 5400 9.0 ok
02.2007 5400 0 0 600 600 0 4800 8.0 ok
03.2007 4800 0 1800 600 600 0 2400 4.0 ok
04.2007 2400 0 0 600 600 0 1800 3.0 ok
05.2007 1800 0 0 600 600 0 1200 2.0 low
06.2007 1200 0 0 600 600 0 600 1.0 low
07.2007 600 3000 0 600 600 0 3000 5.0 ok
08.2007 3000 0 0 600 600 0 2400 4.0 ok
09.2007 2400 0 0 600 600 0 1800 3.0 ok
10.2007 1800 0 0 600 600 0 1200 2.0 low
11.2007 1200 0 0 600 600 0 600 1.0 low
12.2007 600 0 0 600 600 0 0 0.0 low
01.2008 0 0 0 600 0 600 0 0.0 out
02.2008 0 0 0 600 0 600 0 0.0 out
03.2008 0 0 0 600 0 600 0 0.0 out
04.2008 0 0 0 600 0 600 0 0.0 out
05.2008 0 0 0 600 0 600 0 0.0 out
06.2008 0 0 0 600 0 600 0 0.0 out
07.2008 0 0 0 600 0 600 0 0.0 out
08.2008 0 0 0 600 0 600 0 0.0 out
09.2008 0 0 0 600 0 600 0 0.0 out
10.2008 0 0 0 600 0 600 0 0.0 out
11.2008 0 0 0 600 0 600 0 0.0 out
12.2008 0 0 0 600 0 600 0 0.0 out
"""
EXAMPLE_3 = """
01.2007 1825 0 0 608 608 0 1217 2.0 low
02.2007 1217 0 0 608 608 0 609 1.0 low
03.2007 609 1860 0 609 609 0 1860 3.0 ok
04.2007 1860 0 0 608 608 0 1252 2.0 low
05.2007 1252 0 0 608 608 0 644 1.0 low
06.2007 644 0 0 609 609 0 35 0.0 low
07.2007 35 0 0 608 35 573 0 0.0 out
08.2007 0 0 0 608 0 608 0 0.0 out
09.2007 0 0 0 609 0 609 0 0.0 out
10.2007 0 5475 0 608 608 0 4867 8.0 ok
11.2007 4867 0 0 608 608 0 4259 7.0 ok
12.2007 4259 0 0 609 609 0 3650 6.0 ok
01.2008 3650 0 0 608 608 0 3042 5.0 ok
02.2008 3042 0 0 608 608 0 2434 4.0 ok
03.2008 2434 0 0 609 609 0 1825 3.0 ok
04.2008 1825 0 0 608 608 0 1217 2.0 low
05.2008 1217 0 0 608 608 0 609 1.0 low
06.2008 609 0 0 609 609 0 0 0.0 low
07.2008 0 0 0 608 0 608 0 0.0 out
08.2008 0 0 0 608 0 608 0 0.0 out
09.2008 0 0 0 609 0 609 0 0.0 out
10.2008 0 0 0 608 0 608 0 0.0 out
11.2008 0 0 0 608 0 608 0 0.0 out
12.2008 0 0 0 609 0 609 0 0.0 out
"""


def _table(text: str) -> list[tuple[Any, ...]]:
    rows = []
    for line in text.strip().splitlines():
        month, *numbers, mos, status = line.split()
        mm, yyyy = month.split(".")
        rows.append((D(int(yyyy), int(mm), 1), *map(int, numbers), Decimal(mos), STATUS[status]))
    return rows


def _shown(months: list[PlanMonth]) -> list[tuple[Any, ...]]:
    return [
        (m.month, m.opening, m.received, m.expired, m.demand, m.dispensed, m.unmet, m.closing, m.months_of_stock,
         m.status)
        for m in months
    ]  # fmt: skip


MAY_2007 = D(2007, 5, 1)


def example_1(packs: int = 110, arrival: dt.date = MAY_2007) -> list[PlanMonth]:
    """Lamivudine: N = 60 × 730 × 12 / 60… = 8 760, stock 4 380 counted in October 2006, L = 8 760."""
    return monthly_plan(
        year=2007, need=8760, stock=4380, start=D(2006, 10, 1), last_year=8760, buffer_months=3,
        deliveries=[Delivery(arrival, packs * 60, REQUEST)], order_units=packs * 60,
    )  # fmt: skip


def example_2(expiring: int = 0, arrival_units: int = 3000) -> list[PlanMonth]:
    """Immunoblot: N = 7 200, stock 6 000 in two lots (3 000 годен до 02.2007, 3 000 до 12.2008)."""
    return monthly_plan(
        year=2007, need=7200, stock=6000, expiring=expiring, buffer_months=3,
        lots=[Lot(3000, D(2007, 2, 28)), Lot(3000, D(2008, 12, 31))],
        deliveries=[Delivery(D(2007, 7, 15), arrival_units, REQUEST)], order_units=150 * 20,
    )  # fmt: skip


def example_3() -> list[PlanMonth]:
    """Zidovudine: N = 7 300, stock 1 825, K = 5 475 dated October, the order 1 860 dated March."""
    return monthly_plan(
        year=2007, need=7300, stock=1825, start=D(2007, 1, 1), pipeline=5475, order_units=31 * 60,
        buffer_months=3, reorder_months=12,
        deliveries=[Delivery(D(2007, 3, 1), 1860, REQUEST), Delivery(D(2007, 10, 1), 5475, TRANSIT)],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("plan", "table"),
    [(example_1, EXAMPLE_1), (example_2, EXAMPLE_2), (example_3, EXAMPLE_3)],
    ids=["example-1", "example-2", "example-3"],
)
def test_the_notes_examples_month_by_month(plan: Any, table: str) -> None:
    # Example 1: 4 380 / 730 = 6 months (10.2006–03.2007), so April is short of its 730; May brings 6 600:
    #   6 600 − 730 = 5 870, MOS 5 870 × 12 / 8 760 = 8,04 → 8,0; 12.2007: 1 490 − 730 = 760 → 1,04 → 1,0 < Min 3.
    # Example 2: the lot of 02.2007 is written off at the start of 03.2007: B = 3 000, D(02) = 1 200 dispensed,
    #   X = 3 000 − 1 200 = 1 800 written off; 4 800 − 1 800 − 600 = 2 400.
    # Example 3: demand 7 300 × k / 12 in whole units: 608, 608, 609 …; 07.2007: 35 on hand, 608 − 35 = 573 unmet;
    #   the 5 475 in transit arrive in 10.2007: 5 475 − 608 = 4 867.
    months = plan()
    assert len(months) == HORIZON
    assert _shown(months) == _table(table)
    assert [m.checked for m in months] == [m.month <= D(2007, 12, 1) for m in months]


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        # stockout months, first, unmet, below min months, above max, expired to 12.2007, horizon, closing 31.12
        (example_1, (1, D(2007, 4, 1), 730, 5, 0, 0, 0, 760)),
        (example_2, (0, None, 0, 5, 0, 1800, 1800, 0)),
        (example_3, (3, D(2007, 7, 1), 1790, 5, 0, 0, 0, 3650)),  # 573 + 608 + 609 = 1 790
        # control cases of example 1 (Min 3 months = 2 190): 146 packs = 8 760 in May: April still short,
        # 8 760 − 8 × 730 = 2 920 left on 31.12; below min only 01.2007 (1 460), 02 (730), 03 (0) — 12.2006 holds
        # 2 190, exactly Min, and from May on the stock never falls under 2 920.
        # In March: 730 + 8 760 − 10 × 730 = 2 190 left (3 months), no stockout; below min 01 and 02.2007.
        (lambda: example_1(146), (1, D(2007, 4, 1), 730, 3, 0, 0, 0, 2920)),
        (lambda: example_1(146, D(2007, 3, 1)), (0, None, 0, 2, 0, 0, 0, 2190)),
        # control of example 2: J = 1 800 (ignored: the lots say it) and 240 packs = 4 800 in July:
        # 06.2007 600 + 4 800 − 600 = 4 800 … 12.2007 1 800 = 3 months exactly: only 05 and 06.2007 below min
        (lambda: example_2(1800, 4800), (0, None, 0, 2, 0, 1800, 1800, 1800)),
    ],
    ids=["example-1", "example-2", "example-3", "ex1-146-may", "ex1-146-march", "ex2-control"],
)
def test_the_notes_summaries(plan: Any, expected: tuple[Any, ...]) -> None:
    s = summarize(plan(), units_per_pack=60)
    shown = (s.stockout_months, s.first_stockout, s.unmet, s.below_min_months, s.above_max_months, s.expired,
             s.expired_horizon, s.closing)  # fmt: skip
    assert shown == expected


def test_example_1_control_march_has_no_stockout_in_the_table() -> None:
    months = example_1(146, D(2007, 3, 1))
    # 03.2007: 730 on hand + 8 760 received − 730 dispensed = 8 760
    assert (months[5].opening, months[5].received, months[5].closing) == (730, 8760, 8760)
    assert all(m.unmet == 0 for m in months if m.checked)


@pytest.mark.parametrize(
    ("price", "pack", "cost"),
    [(5000, 20, Decimal("450000.00")), ("", 20, None), (None, 20, None), (0.1, 3, Decimal("60.00"))],
    # 1 800 × 5 000 / 20 = 450 000; 1 800 × 0,1 / 3 = 60 exactly (not 59,999…)
)
def test_example_2_cost_of_expiry(price: Any, pack: int, cost: Decimal | None) -> None:
    s = summarize(example_2(), units_per_pack=pack, price_per_pack=price)
    assert s.expired_cost == cost
    assert s.first_expiry == D(2007, 3, 1)


@pytest.mark.parametrize(
    ("lead", "order_by"),
    [(None, None), ("", None), (0, D(2007, 1, 1)), (2, D(2006, 11, 1))],
    # example 1: the first month below min or in stockout is 01.2007 (1 460 < 2 190)
)
def test_order_by(lead: Any, order_by: dt.date | None) -> None:
    assert summarize(example_1(), units_per_pack=60, lead_months=lead).order_by == order_by


@pytest.mark.parametrize(
    ("plan", "after"),
    [(example_1, D(2008, 2, 1)), (example_3, D(2008, 7, 1)), (example_2, D(2008, 1, 1))],
)
def test_first_stockout_after_the_year(plan: Any, after: dt.date) -> None:
    assert summarize(plan(), units_per_pack=60).first_stockout_after_year == after


def test_ex4_expiring_without_lots_goes_in_month_1() -> None:
    # N 7 300, I 6 000, J 4 175, O 122 × 60 = 7 320 undated (January): 6 000 + 7 320 − 4 175 − 7 300 = 1 845;
    # 4 175 × 1 000 / 60 = 69 583,333… → 69 583,33
    months = monthly_plan(year=2007, need=7300, stock=6000, expiring=4175, order_units=122 * 60, buffer_months=3)
    assert (months[0].expired, months[0].received, months[0].closing) == (4175, 7320, 6000 + 7320 - 4175 - 608)
    assert sum(m.expired for m in months) == 4175
    s = summarize(months, units_per_pack=60, price_per_pack=1000)
    assert (s.closing, s.expired, s.expired_cost) == (1845, 4175, Decimal("69583.33"))


def test_ex5_twelve_months_above_max() -> None:
    # N 7 300, I 21 900, K 600 undated (January), O 0: 22 500 − 7 300 = 15 200 on 31.12; 15 200 × 12 = 182 400
    # > Max 15 × 7 300 = 109 500, and every earlier month holds more
    months = monthly_plan(year=2007, need=7300, stock=21900, pipeline=600, order_units=0, buffer_months=3)
    s = summarize(months, units_per_pack=60)
    assert (s.above_max_months, s.closing, s.stockout_months, s.below_min_months) == (12, 15200, 0, 0)
    assert months[0].received == 600


def _national() -> list[RegionPlan]:
    a = RegionPlan("A", "A06", 60, 7300, 15, example_3())
    b = RegionPlan("B", "A06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=21900, pipeline=600,
                                                          buffer_months=3))  # fmt: skip
    return [a, b]


def test_the_national_example() -> None:
    rows = national_plan(_national(), 2007)
    assert [(r.code, r.units_per_pack, r.month) for r in rows] == [("A06", 60, D(2007, k, 1)) for k in range(1, 13)]
    july = rows[6]
    # B: 22 500 − (608 + 608 + 609 + 608 + 608 + 609 + 608 = 4 258) = 18 242; A: 0.
    # national MOS: 18 242 × 120 / 14 600 = 149,93 → 149 → 14,9
    assert (july.regions, july.closing, july.need, july.months_of_stock, july.unmet) == (
        2, 18242, 14600, Decimal("14.9"), 573)  # fmt: skip
    assert [r.stockout_regions for r in rows] == [0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]
    assert [r.above_max_regions for r in rows] == [1] * 12  # B: 21 900 + 600 − 7 300 = 15 200 > 9 125 all year
    # A is below min in 01, 02, 04, 05, 06.2007 (example 3)
    assert [r.below_min_regions for r in rows] == [1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    # opening and demand of January: 1 825 + 21 900; 608 + 608
    assert (rows[0].opening, rows[0].demand, rows[0].received) == (23725, 1216, 600)


def test_the_national_redistribution() -> None:
    moves = redistribution(_national(), 2007)
    assert [m.month for m in moves] == [D(2007, 7, 1), D(2007, 8, 1), D(2007, 9, 1)]
    july = moves[0]
    # B's surplus: 18 242 − 15 × 7 300 / 12 = 18 242 − 9 125 = 9 117 → 151 whole packs = 9 060 units
    assert (july.receivers, july.donors) == ((("A", 573),), (("B", 151, 9060),))
    # August: B 18 242 − 608 = 17 634 → 8 509 / 60 = 141,8 → 141; A short of 608
    assert (moves[1].receivers, moves[1].donors) == ((("A", 608),), (("B", 141, 8460),))


@pytest.mark.parametrize(
    ("closing", "need", "maximum", "pack", "packs"),
    [(18242, 7300, 15, 60, 151), (9125, 7300, 15, 60, 0), (9185, 7300, 15, 60, 1), (9184, 7300, 15, 60, 0),
     (0, 0, 15, 10, 0), (25, 0, 15, 10, 2)],
    # 9 185 − 9 125 = 60 = 1 pack; 9 184: 59 units, no whole pack; N = 0: all the stock is above max
)  # fmt: skip
def test_surplus_packs(closing: int, need: int, maximum: int, pack: int, packs: int) -> None:
    assert surplus_packs(closing, need, maximum, pack) == packs


@pytest.mark.parametrize(
    ("quantity", "months"),
    [(7300, [608, 608, 609] * 4), (8760, [730] * 12), (11, [0] + [1] * 11), (0, [0] * 12), (1, [0] * 11 + [1])],
    # 7 300: ⌊7300k/12⌋ = 608, 1216, 1825 …; 11: ⌊11k/12⌋ for k = 0 … 12 is 0 0 1 2 … 11; 1: only December's ⌊12/12⌋
)
def test_month_demand(quantity: int, months: list[int]) -> None:
    assert [month_demand(quantity, k) for k in range(1, 13)] == months
    assert sum(months) == quantity


def test_overrides_replace_the_default_demand() -> None:
    # two lines of 03.2007 add up (100 + 50); 04.2007 set to 0; the other months 7 300 / 12 as usual
    months = monthly_plan(
        year=2007, need=7300, stock=10000,
        demand_overrides=[(dt.datetime(2007, 3, 20), 100), (D(2007, 3, 1), 50), (D(2007, 4, 30), 0)],
    )  # fmt: skip
    assert [m.demand for m in months[:5]] == [608, 608, 150, 0, 608]


@pytest.mark.parametrize(
    ("last_year", "demands"),
    [(None, [608, 608, 609]), (0, [608, 608, 609]), (1200, [100, 100, 100]), ("", [608, 608, 609])],
    # the months of 2006 (10, 11, 12) use L = 1 200 (100 a month); blank or 0: N = 7 300 (k = 10, 11, 12: 608, 608,
    # 609 — ⌊7300·10/12⌋ − ⌊7300·9/12⌋ = 6 083 − 5 475 = 608 …)
)
def test_last_year_before_january(last_year: Any, demands: list[int]) -> None:
    months = monthly_plan(year=2007, need=7300, stock=0, last_year=last_year, start=D(2006, 10, 1))
    assert [m.demand for m in months[:4]] == [*demands, 608]


@pytest.mark.parametrize("units_per_pack", [1, 60])
def test_need_zero_has_no_months_of_stock_and_any_stock_is_above_max(units_per_pack: int) -> None:
    months = monthly_plan(year=2007, need=0, stock=5, units_per_pack=units_per_pack)
    assert {m.months_of_stock for m in months} == {None}
    assert {m.status for m in months} == {Status.ABOVE_MAX}  # 5 units nobody needs: even below one pack of 60
    # nobody needs it and nobody holds it: «нет потребности», not a green «норма» (P4)
    assert {m.status for m in monthly_plan(year=2007, need=0, stock=0)} == {Status.NO_NEED}


@pytest.mark.parametrize(
    ("closing", "pack", "status"),
    # N = 1 200 (100 a month), Min 3 → 300, Max 3 + 12 = 15 → 1 500; stock s, demand 100 in January
    # above max by at least one pack (P4): E = 1 from 1 501 on; E = 60 from 1 560 on (1 559 − 1 500 = 59 < 60, the
    # order's rounding to whole packs), E = 20 from 1 520 on
    [(299, 1, Status.BELOW_MIN), (300, 1, Status.OK), (1500, 1, Status.OK), (1501, 1, Status.ABOVE_MAX),
     (1501, 60, Status.OK), (1559, 60, Status.OK), (1560, 60, Status.ABOVE_MAX), (1519, 20, Status.OK),
     (1520, 20, Status.ABOVE_MAX)],
)  # fmt: skip
def test_min_and_max_boundaries(closing: int, pack: int, status: Status) -> None:
    months = monthly_plan(year=2007, need=1200, stock=closing + 100, buffer_months=3, units_per_pack=pack)
    assert (months[0].closing, months[0].status) == (closing, status)


def test_undated_order_arrives_in_the_order_month_and_dated_lines_replace_it() -> None:
    plan = monthly_plan(year=2007, need=1200, stock=0, order_units=600, order_month=dt.datetime(2007, 4, 9))
    assert [m.received for m in plan[:5]] == [0, 0, 0, 600, 0]
    dated = monthly_plan(year=2007, need=1200, stock=0, order_units=600, order_month=D(2007, 4, 1),
                         deliveries=[Delivery(D(2007, 6, 1), 500, REQUEST)])  # fmt: skip
    assert [m.received for m in dated[:6]] == [0, 0, 0, 0, 0, 500]
    other = monthly_plan(year=2007, need=1200, stock=0, order_units=600, pipeline=70,
                         deliveries=[Delivery(D(2007, 6, 1), 500, OTHER)])  # fmt: skip
    # «другое» replaces neither K (month 1) nor the order (January, the default order month)
    assert [m.received for m in other[:6]] == [670, 0, 0, 0, 0, 500]


@pytest.mark.parametrize(
    ("kwargs", "argument", "words"),
    [
        ({"year": "2007"}, "xl_addin_year", "текст"),
        ({"year": 1800}, "xl_addin_year", "от 1900"),
        ({"year": 2007.5}, "xl_addin_year", "целое"),
        ({"start": D(2005, 12, 1)}, "in_plan_start", "от 01.2006 до 01.2007"),
        ({"start": D(2007, 2, 1)}, "in_plan_start", "от 01.2006 до 01.2007"),
        ({"start": "01.10.2006"}, "in_plan_start", "не дата"),
        ({"start": 39000}, "in_plan_start", "не дата"),
        ({"need": -1}, "need", "отрицательное"),
        ({"stock": 2.5}, "in_product_stock", "целое"),
        ({"stock": None}, "in_product_stock", "пустое"),
        ({"expiring": "x"}, "in_product_expiring", "текст"),
        ({"pipeline": -5}, "in_product_pipeline", "отрицательное"),
        ({"last_year": 1.5}, "in_product_last_year", "целое"),
        ({"buffer_months": True}, "in_buffer_months", "логическое"),
        ({"reorder_months": 0}, "in_plan_reorder_months", "больше 0"),
        ({"order_units": 60, "order_month": "май"}, "in_plan_order_month", "не дата"),
        ({"deliveries": [Delivery("2007-05-01", 10)]}, "in_ship_month", "не дата"),  # type: ignore[arg-type]
        ({"deliveries": [Delivery(D(2007, 5, 1), -10)]}, "in_ship_units", "отрицательное"),
        ({"deliveries": [Delivery(D(2007, 5, 1), 10, OTHER, "12.2008")]}, "in_ship_expiry", "не дата"),  # type: ignore[arg-type]
        ({"lots": [Lot(1.5, D(2008, 1, 1))]}, "in_lot_units", "целое"),  # type: ignore[arg-type]
        ({"lots": [Lot(1, "2008")]}, "in_lot_expiry", "не дата"),  # type: ignore[arg-type]
        ({"demand_overrides": [(D(2007, 1, 1), -3)]}, "in_use_units", "отрицательное"),
        ({"demand_overrides": [(None, 3)]}, "in_use_month", "не дата"),
    ],
)
def test_bad_inputs_name_the_argument_and_the_value(kwargs: dict[str, Any], argument: str, words: str) -> None:
    arguments: dict[str, Any] = {"year": 2007, "need": 1200, "stock": 100, **kwargs}
    with pytest.raises(InputError, match=words) as raised:
        monthly_plan(**arguments)
    assert raised.value.argument == argument
    assert str(raised.value).startswith(argument)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [({"units_per_pack": 0}, "in_product_units_per_pack"), ({"price_per_pack": -1}, "in_product_price"),
     ({"lead_months": 1.5}, "in_plan_lead_months")],
)  # fmt: skip
def test_bad_summary_inputs(kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises(InputError) as raised:
        summarize(example_3(), **kwargs)
    assert raised.value.argument == argument


def _fefo_reference(
    start: dt.date,
    need: int,
    lots: list[tuple[int, dt.date]],
    deliveries: list[tuple[dt.date, int, dt.date]],
    year: int = 2007,
) -> list[tuple[int, int, int, int]]:
    """An independent plan, lot by lot: each batch (units, write-off month) is written off whole at the start of its
    write-off month and dispensed earliest write-off first; returns (received, expired, dispensed, closing)."""
    batches: list[list[Any]] = [[units, add_months(D(e.year, e.month, 1), 1)] for units, e in lots]
    rows = []
    for t in range(HORIZON):
        month = add_months(start, t)
        expired = sum(b[0] for b in batches if b[1] <= month)
        batches = [b for b in batches if b[1] > month]
        arriving = [(units, add_months(D(e.year, e.month, 1), 1)) for m, units, e in deliveries
                    if D(m.year, m.month, 1) == month]  # fmt: skip
        batches += [[units, off] for units, off in arriving]
        quantity = need
        demand = quantity * month.month // 12 - quantity * (month.month - 1) // 12
        left = demand
        for batch in sorted(batches, key=lambda b: b[1]):
            taken = min(left, batch[0])
            batch[0] -= taken
            left -= taken
        rows.append((sum(u for u, _ in arriving), expired, demand - left, sum(b[0] for b in batches)))
    return rows


def _random_fefo_plan(rng: random.Random) -> tuple[dict[str, Any], list[tuple[int, dt.date]], list[Any]]:
    """Lots and dated deliveries where no delivery is shorter-dated than stock already there (FEFO exact, §3.3)."""
    start = D(2006 + (k := rng.randrange(13)) // 12, k % 12 + 1, 1)  # 01.2006 … 01.2007
    lots = [(rng.randrange(0, 3000), add_months(start, rng.randrange(-2, 20))) for _ in range(rng.randrange(1, 4))]
    expiry = max(e for _, e in lots)
    deliveries = []
    for arrival in sorted(add_months(start, rng.randrange(0, 26)) for _ in range(rng.randrange(0, 4))):
        expiry = max(expiry, add_months(arrival, rng.randrange(0, 15)))
        deliveries.append((arrival, rng.randrange(0, 4000), expiry))
    return {"start": start, "need": rng.randrange(0, 9000)}, lots, deliveries


@pytest.mark.parametrize("seed", range(300))
def test_random_plans_equal_a_lot_by_lot_reference(seed: int) -> None:
    rng = random.Random(seed)
    given, lots, deliveries = _random_fefo_plan(rng)
    months = monthly_plan(
        year=2007, need=given["need"], stock=sum(u for u, _ in lots), start=given["start"],
        lots=[Lot(u, e) for u, e in lots],
        deliveries=[Delivery(m, u, rng.choice(list(DeliveryKind)), e) for m, u, e in deliveries],
        pipeline=0, order_units=0,
    )  # fmt: skip
    reference = _fefo_reference(given["start"], given["need"], lots, deliveries)
    assert [(m.received, m.expired, m.dispensed, m.closing) for m in months] == reference


def _random_plan(rng: random.Random) -> tuple[dict[str, Any], list[PlanMonth]]:
    """Any valid plan: undated stock and deliveries, overrides, defaults, L; Σ lots = stock, J ≤ stock."""
    stock = rng.randrange(0, 20000)
    start = D(2006 + (k := rng.randrange(13)) // 12, k % 12 + 1, 1)
    lots: list[Lot] = []
    if rng.random() < 0.5 and stock:
        cut = sorted(rng.randrange(0, stock + 1) for _ in range(2))
        lots = [Lot(a, add_months(start, rng.randrange(-3, 30)) if rng.random() < 0.8 else None)
                for a in (cut[0], cut[1] - cut[0], stock - cut[1])]  # fmt: skip
    deliveries = [
        Delivery(add_months(start, rng.randrange(0, 24)), rng.randrange(0, 5000), rng.choice(list(DeliveryKind)),
                 None if rng.random() < 0.3 else add_months(start, rng.randrange(0, 36)))
        for _ in range(rng.randrange(0, 5))
    ]  # fmt: skip
    deliveries = [d for d in deliveries if d.expiry is None or d.expiry >= d.month]
    kwargs: dict[str, Any] = dict(
        year=2007, need=rng.randrange(0, 10000), stock=stock, start=start, lots=lots, deliveries=deliveries,
        last_year=rng.choice([None, 0, rng.randrange(0, 10000)]), expiring=rng.randrange(0, stock + 1),
        pipeline=rng.randrange(0, 3000), order_units=rng.randrange(0, 6000),
        order_month=add_months(D(2007, 1, 1), rng.randrange(-3, 14)), buffer_months=rng.randrange(0, 7),
        reorder_months=rng.choice([None, 1, 6, 12, 24]),
        demand_overrides=[(add_months(start, rng.randrange(0, 24)), rng.randrange(0, 2000))
                          for _ in range(rng.randrange(0, 3))],
    )  # fmt: skip
    return kwargs, monthly_plan(**kwargs)


@pytest.mark.parametrize("seed", range(300))
def test_random_plans_conserve_stock(seed: int) -> None:
    kwargs, months = _random_plan(random.Random(seed))
    overridden = {D(m.year, m.month, 1) for m, _ in kwargs["demand_overrides"]}
    for previous, month in zip([None, *months[:-1]], months, strict=True):
        assert month.opening + month.received - month.expired - month.dispensed == month.closing
        assert month.closing >= 0 and month.expired >= 0 and month.unmet >= 0
        assert month.dispensed + month.unmet == month.demand
        assert month.opening == (kwargs["stock"] if previous is None else previous.closing)
        assert (month.unmet > 0) == (month.status is Status.STOCKOUT)
    assert [m.month for m in months] == [add_months(kwargs["start"], t) for t in range(HORIZON)]
    # with no override in 2007, the year's demand is N exactly
    if not any(m.year == 2007 for m in overridden):
        assert sum(m.demand for m in months if m.month.year == 2007) == kwargs["need"]
    # what is written off never exceeds what there was; the cumulative write-off never falls
    total_in = kwargs["stock"] + sum(m.received for m in months)
    assert sum(m.expired for m in months) == months[-1].written_off <= total_in
    assert all(a.written_off <= b.written_off for a, b in itertools.pairwise(months))
    s = summarize(months, units_per_pack=1)
    checked = [m for m in months if m.checked]
    assert s.stockout_months + s.below_min_months + s.above_max_months <= len(checked) <= 24
    assert s.closing == checked[-1].closing and checked[-1].month == D(2007, 12, 1)


@pytest.mark.parametrize("seed", range(200))
def test_with_the_defaults_the_plan_confirms_the_annual_order(seed: int) -> None:
    # The order covers N × (12 + buffer) / 12 beyond the usable stock and the pipeline (P1); the defaults put J's
    # loss, K and the order in January (§3.3).  So, by hand: available in January ≥ N + buffer × N / 12, the year's
    # demand is N, and no month of the year is short; December closes at or above the minimum.
    rng = random.Random(seed)
    need, stock, pack, buffer = (
        rng.randrange(0, 20000),
        rng.randrange(0, 20000),
        rng.choice([1, 20, 60, 96]),
        rng.randrange(0, 7),
    )
    expiring, pipeline = rng.randrange(0, stock + 1), rng.randrange(0, 5000)
    packs = order_packs(need, stock, pipeline, pack, buffer, expiring)
    months = monthly_plan(year=2007, need=need, stock=stock, expiring=expiring, pipeline=pipeline,
                          order_units=packs * pack, buffer_months=buffer)  # fmt: skip
    s = summarize(months, units_per_pack=pack)
    assert s.stockout_months == 0
    assert s.closing * 12 >= buffer * need
    assert s.closing == stock - expiring + pipeline + packs * pack - need
