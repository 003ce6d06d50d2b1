"""The national picture of the regions' supply plans, and the redistribution list a national average hides.

Design note ``supply-plan.md`` §3.6, docs/interpretation.md P4.  Every region's horizon holds the
twelve months of the request year Y, so the national view is those twelve months.  The key is
(code, units per pack), as in the national products table: two pack sizes of one code stay apart.
For each key and month: the regions, Σ opening, Σ received, Σ written off, Σ demand, Σ unmet, Σ closing,
the national months of stock ⌊Σclosing·120 / ΣN⌋ / 10 (None when ΣN = 0) and how many regions are in
stockout, below their minimum, above their maximum.  The redistribution list: for every key and month
with a region in stockout, the regions short (unmet units) and the regions above their maximum, with
the surplus closing − Max·N/12 **down** to whole packs (only a list, not an optimisation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from xl_addin.core.numbers import ratio_down_to
from xl_addin.core.supply_plan import MONTHS_PER_YEAR, PlanMonth, Status


@dataclass(frozen=True)
class RegionPlan:
    """One region's plan of one product: its key, its year's need N, its Max in months and its 24 months."""

    region: str
    code: str
    units_per_pack: int
    need: int
    maximum: int
    months: Sequence[PlanMonth]


@dataclass(frozen=True)
class NationalMonth:
    """One (code, pack size, month) of the national plan."""

    code: str
    units_per_pack: int
    month: dt.date
    regions: int
    opening: int
    received: int
    expired: int
    demand: int
    unmet: int
    closing: int
    need: int
    months_of_stock: Decimal | None
    stockout_regions: int
    below_min_regions: int
    above_max_regions: int


@dataclass(frozen=True)
class Redistribution:
    """A product-month with a region in stockout: who is short (region, unmet units) and who holds more than its
    maximum (region, surplus in whole packs, the same in units)."""

    code: str
    units_per_pack: int
    month: dt.date
    receivers: tuple[tuple[str, int], ...]
    donors: tuple[tuple[str, int, int], ...]


def _year_months(plan: RegionPlan, year: int) -> dict[dt.date, PlanMonth]:
    return {m.month: m for m in plan.months if m.month.year == year}


def _keys(plans: Iterable[RegionPlan]) -> list[tuple[str, int]]:
    return sorted({(plan.code, plan.units_per_pack) for plan in plans})


def national_plan(plans: Sequence[RegionPlan], year: int) -> list[NationalMonth]:
    """The national rows, sorted by code, pack size and month (the twelve months of ``year``).

    >>> from xl_addin.core.supply_plan import monthly_plan
    >>> a = RegionPlan("A", "A06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=0, buffer_months=3))
    >>> b = RegionPlan("B", "A06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=21900, pipeline=600,
    ...                                                        buffer_months=3))
    >>> july = national_plan([a, b], 2007)[6]  # 22,500 − 4,258 dispensed in B to July; A has nothing
    >>> july.closing, july.months_of_stock, july.stockout_regions, july.above_max_regions
    (18242, Decimal('14.9'), 1, 1)
    """
    rows = []
    for code, pack in _keys(plans):
        chosen = [_year_months(plan, year) for plan in plans if (plan.code, plan.units_per_pack) == (code, pack)]
        needs = [plan.need for plan in plans if (plan.code, plan.units_per_pack) == (code, pack)]
        for k in range(1, MONTHS_PER_YEAR + 1):
            month = dt.date(year, k, 1)
            months = [by_month[month] for by_month in chosen]
            closing, need = sum(m.closing for m in months), sum(needs)
            rows.append(
                NationalMonth(
                    code,
                    pack,
                    month,
                    len(months),
                    sum(m.opening for m in months),
                    sum(m.received for m in months),
                    sum(m.expired for m in months),
                    sum(m.demand for m in months),
                    sum(m.unmet for m in months),
                    closing,
                    need,
                    None if need == 0 else ratio_down_to(closing * MONTHS_PER_YEAR, need, 1),
                    sum(m.status is Status.STOCKOUT for m in months),
                    sum(m.status is Status.BELOW_MIN for m in months),
                    sum(m.status is Status.ABOVE_MAX for m in months),
                )
            )
    return rows


def surplus_packs(closing: int, need: int, maximum: int, units_per_pack: int) -> int:
    """Whole packs above the maximum stock Max·N/12: ⌊(12·closing − Max·N) / (12·pack)⌋, 0 when not above.

    >>> surplus_packs(18242, 7300, 15, 60)  # 18 242 − 9 125 = 9 117 units → 151,95 → 151 packs
    151
    """
    twelfths = closing * MONTHS_PER_YEAR - maximum * need
    return max(0, twelfths // (MONTHS_PER_YEAR * units_per_pack))


def redistribution(plans: Sequence[RegionPlan], year: int) -> list[Redistribution]:
    """For every (code, pack size, month of ``year``) with a region in stockout: the receivers and the donors
    (regions whose surplus is at least one whole pack), each in the order of ``plans``."""
    rows = []
    for code, pack in _keys(plans):
        chosen = [
            (plan, _year_months(plan, year)) for plan in plans if (plan.code, plan.units_per_pack) == (code, pack)
        ]
        for k in range(1, MONTHS_PER_YEAR + 1):
            month = dt.date(year, k, 1)
            receivers = tuple((plan.region, by_month[month].unmet) for plan, by_month in chosen
                              if by_month[month].unmet > 0)  # fmt: skip
            if not receivers:
                continue
            donors = []
            for plan, by_month in chosen:
                packs = surplus_packs(by_month[month].closing, plan.need, plan.maximum, pack)
                if packs > 0:
                    donors.append((plan.region, packs, packs * pack))
            rows.append(Redistribution(code, pack, month, receivers, tuple(donors)))
    return rows
