"""The national picture of the regions' supply plans, and the redistribution list a national average hides.

Design note ``supply-plan.md`` §3.6, docs/interpretation.md P4.  Every region's horizon holds the
twelve months of the request year Y, so the national view is those twelve months.  The key is
(Y, code, units per pack), codes compared case-folded, as in the national products table: two pack sizes
of one code stay apart.  For each key and month: the regions, Σ opening, Σ received, Σ written off,
Σ demand, Σ unmet, Σ closing, the national months of stock ⌊Σclosing·120 / ΣN⌋ / 10 (None when ΣN = 0)
and how many regions are in stockout, below their minimum, above their maximum.  The redistribution
list: for every key and month with a region in stockout, the regions short (unmet units) and the regions
above their maximum, with the surplus closing − Max·N/12 **down** to whole packs (only a list, not an
optimisation).

Two rows of «Товары» of one region with the same code and pack size are **one line of that region**:
their quantities and their N added up, the region counted once, and its state judged on the sums by the
plan's own rule (stockout, below min, above max) with the region's Min and Max — the region's warehouse
holds one product, whatever letter lines it was requested for.

The sums are made by :class:`NationalSum`, one region (one workbook) at a time: ``refresh`` streams the
regions' plans into it (memory flat in the number of workbooks: per key and month a few sums and the
regions short or above their maximum); :func:`national_plan` and :func:`redistribution` add a list at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xl_addin.core.numbers import ratio_down_to
from xl_addin.core.supply_plan import MONTHS_PER_YEAR, PlanMonth, Status, _status
from xl_addin.errors import ArgumentError


@dataclass(frozen=True)
class RegionPlan:
    """One region's plan of one product: its key, its year's need N, its Max (and Min) in months and its months.

    The national plan reads the months of the request year.  ``minimum`` (the buffer, Min months) is needed
    only when two rows of one region share code and pack size (their sums are judged anew); None: not known.
    """

    region: str
    code: str
    units_per_pack: int
    need: int
    maximum: int
    months: Sequence[PlanMonth]
    minimum: int | None = None


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


@dataclass(frozen=True)
class NationalPlan:
    """The national rows (by year, case-folded code, pack size and month) and the redistribution list."""

    months: list[NationalMonth] = field(default_factory=list)
    moves: list[Redistribution] = field(default_factory=list)


#: A region's month of a line: opening, received, expired, demand, unmet, closing, then its status.
_QUANTITIES = 6
_UNMET, _CLOSING = 4, 5


@dataclass
class _Line:
    """One region's line of a key: the months of the year as [opening, received, expired, demand, unmet, closing,
    status], its N, Min and Max; ``rows``: how many of the region's plans it adds up."""

    region: str
    code: str
    units_per_pack: int
    need: int
    minimum: int | None
    maximum: int
    months: list[list[int]]
    rows: int = 1

    @classmethod
    def of(cls, plan: RegionPlan, year: int) -> _Line:
        months = [[m.opening, m.received, m.expired, m.demand, m.unmet, m.closing, m.status]
                  for m in plan.months if m.month.year == year]  # fmt: skip
        if len(months) != MONTHS_PER_YEAR:
            raise ArgumentError(f"план региона «{plan.region}», товар «{plan.code}»: нет двенадцати месяцев {year} г.")
        return cls(plan.region, plan.code, plan.units_per_pack, plan.need, plan.minimum, plan.maximum, months)

    def merge(self, other: _Line) -> None:
        """Add ``other`` (the same region's row of the same key) to this line: one line of the region."""
        self.need += other.need
        self.rows += 1
        for mine, theirs in zip(self.months, other.months, strict=True):
            for column in range(_QUANTITIES):
                mine[column] += theirs[column]

    def statuses(self) -> list[Status]:
        """Each month's state: the plan's own for one row; judged on the sums for several (the region's Min, Max)."""
        if self.rows == 1:
            return [Status(month[_QUANTITIES]) for month in self.months]
        if self.minimum is None:
            raise ArgumentError(
                f"регион «{self.region}», товар «{self.code}» в двух строках: для их суммы нужен "
                "минимум региона (RegionPlan.minimum)"
            )
        return [_status(m[_UNMET], m[_CLOSING], self.need, self.minimum, self.maximum) for m in self.months]


@dataclass
class _Key:
    """The sums of one (year, code, units per pack), month by month, and its redistribution candidates."""

    code: str
    units_per_pack: int
    year: int
    need: int = 0
    regions: int = 0
    #: Per month: opening, received, expired, demand, unmet, closing, in stockout, below min, above max.
    sums: list[list[int]] = field(default_factory=lambda: [[0] * 9 for _ in range(MONTHS_PER_YEAR)])
    #: Per month: (region, unmet units) of the regions short; (region, surplus packs, units) of those above max.
    receivers: list[list[tuple[str, int]]] = field(default_factory=lambda: [[] for _ in range(MONTHS_PER_YEAR)])
    donors: list[list[tuple[str, int, int]]] = field(default_factory=lambda: [[] for _ in range(MONTHS_PER_YEAR)])

    def add(self, line: _Line) -> None:
        self.need += line.need
        self.regions += 1
        for index, (month, status) in enumerate(zip(line.months, line.statuses(), strict=True)):
            sums = self.sums[index]
            for column in range(_QUANTITIES):
                sums[column] += month[column]
            sums[6] += status is Status.STOCKOUT
            sums[7] += status is Status.BELOW_MIN
            sums[8] += status is Status.ABOVE_MAX
            if month[_UNMET] > 0:
                self.receivers[index].append((line.region, month[_UNMET]))
            packs = surplus_packs(month[_CLOSING], line.need, line.maximum, self.units_per_pack)
            if packs > 0:
                self.donors[index].append((line.region, packs, packs * self.units_per_pack))


class NationalSum:
    """The national plan added up one region at a time: :meth:`add` each region's plans, then :meth:`result`.

    >>> from xl_addin.core.supply_plan import monthly_plan
    >>> total = NationalSum()
    >>> total.add([RegionPlan("A", "A06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=0,
    ...                                                              buffer_months=3))], 2007)
    >>> total.add([RegionPlan("B", "a06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=21900,
    ...                                                              pipeline=600, buffer_months=3))], 2007)
    >>> july = total.result().months[6]  # B: 22,500 − 4,258 dispensed to July; A has nothing; «a06» is A06
    >>> july.code, july.regions, july.closing, july.months_of_stock, july.stockout_regions, july.above_max_regions
    ('A06', 2, 18242, Decimal('14.9'), 1, 1)
    """

    def __init__(self) -> None:
        self._keys: dict[tuple[int, str, int], _Key] = {}

    def add(self, plans: Iterable[RegionPlan], year: int) -> None:
        """Add the plans of one workbook (of request year ``year``); a region's plans of one code and pack size are
        one line of that region."""
        lines: dict[tuple[str, str, int], _Line] = {}
        for plan in plans:
            line = _Line.of(plan, year)
            found = lines.get((plan.region, plan.code.casefold(), plan.units_per_pack))
            if found is None:
                lines[(plan.region, plan.code.casefold(), plan.units_per_pack)] = line
            else:
                found.merge(line)
        for line in lines.values():
            key = (year, line.code.casefold(), line.units_per_pack)
            self._keys.setdefault(key, _Key(line.code, line.units_per_pack, year)).add(line)

    def result(self) -> NationalPlan:
        """The national rows and the redistribution list, by year, case-folded code, pack size and month (a key's
        code as its first region wrote it)."""
        plan = NationalPlan()
        for (year, _, pack), found in sorted(self._keys.items()):
            for index, sums in enumerate(found.sums):
                month = dt.date(year, index + 1, 1)
                opening, received, expired, demand, unmet, closing, short, low, high = sums
                mos = None if found.need == 0 else ratio_down_to(closing * MONTHS_PER_YEAR, found.need, 1)
                plan.months.append(NationalMonth(found.code, pack, month, found.regions, opening, received, expired,
                                                 demand, unmet, closing, found.need, mos, short, low, high))  # fmt: skip
                if found.receivers[index]:
                    plan.moves.append(Redistribution(found.code, pack, month, tuple(found.receivers[index]),
                                                     tuple(found.donors[index])))  # fmt: skip
        return plan


def national_plan(plans: Iterable[RegionPlan], year: int) -> list[NationalMonth]:
    """The national rows of ``plans`` (every region's, at once), sorted by code, pack size and month (the twelve
    months of ``year``).

    >>> from xl_addin.core.supply_plan import monthly_plan
    >>> a = RegionPlan("A", "A06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=0, buffer_months=3))
    >>> b = RegionPlan("B", "A06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=21900, pipeline=600,
    ...                                                        buffer_months=3))
    >>> july = national_plan([a, b], 2007)[6]  # 22,500 − 4,258 dispensed in B to July; A has nothing
    >>> july.closing, july.months_of_stock, july.stockout_regions, july.above_max_regions
    (18242, Decimal('14.9'), 1, 1)
    """
    total = NationalSum()
    total.add(plans, year)
    return total.result().months


def surplus_packs(closing: int, need: int, maximum: int, units_per_pack: int) -> int:
    """Whole packs above the maximum stock Max·N/12: ⌊(12·closing − Max·N) / (12·pack)⌋, 0 when not above.

    >>> surplus_packs(18242, 7300, 15, 60)  # 18 242 − 9 125 = 9 117 units → 151,95 → 151 packs
    151
    """
    twelfths = closing * MONTHS_PER_YEAR - maximum * need
    return max(0, twelfths // (MONTHS_PER_YEAR * units_per_pack))


def redistribution(plans: Iterable[RegionPlan], year: int) -> list[Redistribution]:
    """For every (code, pack size, month of ``year``) with a region in stockout: the receivers and the donors
    (regions whose surplus is at least one whole pack), each in the order of ``plans``."""
    total = NationalSum()
    total.add(plans, year)
    return total.result().moves
