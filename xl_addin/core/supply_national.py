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

A region's plans become its lines (:class:`RegionLine`, :func:`region_lines`: the twelve months in whole
numbers, two rows of one key one line); :class:`NationalSum` adds lines one region (one workbook) at a time:
``refresh`` makes each workbook's lines in its worker and streams them into the sums (memory flat in the number
of workbooks: per key and month a few sums and the regions short or above their maximum).
:func:`national_plan` and :func:`redistribution` add a list of plans at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xl_addin.core.numbers import ratio_down_to
from xl_addin.core.supply_plan import MONTHS_PER_YEAR, PlanMonth, Status, month_status
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


@dataclass(frozen=True)
class RegionLine:
    """One region's line of one (code, pack size) in the twelve months of the request year ``year``, in whole
    numbers: what the national sums add (:func:`region_lines` makes it from the region's plans).

    ``months``: per month ``[opening, received, expired, demand, unmet, closing, status]`` (status: a
    :class:`~xl_addin.core.supply_plan.Status` value); ``need``: N; ``maximum``: Max in months.
    """

    region: str
    code: str
    units_per_pack: int
    year: int
    need: int
    maximum: int
    months: list[list[int]]


#: The columns of a line's month (:attr:`RegionLine.months`) and the states it counts.
_UNMET, _CLOSING = 4, 5
_STOCKOUT, _BELOW_MIN, _ABOVE_MAX = int(Status.STOCKOUT), int(Status.BELOW_MIN), int(Status.ABOVE_MAX)


def _year_months(plan: RegionPlan, year: int) -> list[PlanMonth]:
    months = [m for m in plan.months if m.month.year == year]
    if [m.month.month for m in months] != list(range(1, MONTHS_PER_YEAR + 1)):
        raise ArgumentError(f"план региона «{plan.region}», товар «{plan.code}»: нет двенадцати месяцев {year} г.")
    return months


def _line(plans: list[RegionPlan], year: int) -> RegionLine:
    """One line of a region's plans of one key: their sums; the state of one plan its own, that of several judged
    on the sums (the plans' Min and Max: one workbook's)."""
    first, need = plans[0], sum(plan.need for plan in plans)
    if len(plans) == 1:  # the plan's own numbers and states
        months = [[m.opening, m.received, m.expired, m.demand, m.unmet, m.closing, int(m.status)]
                  for m in _year_months(first, year)]  # fmt: skip
        return RegionLine(first.region, first.code, first.units_per_pack, year, need, first.maximum, months)
    if first.minimum is None:
        raise ArgumentError(f"регион «{first.region}», товар «{first.code}» в двух строках: для их суммы нужен "
                            "минимум региона (RegionPlan.minimum)")  # fmt: skip
    months = []
    for found in zip(*(_year_months(plan, year) for plan in plans), strict=True):
        numbers = [sum(m.opening for m in found), sum(m.received for m in found), sum(m.expired for m in found),
                   sum(m.demand for m in found), sum(m.unmet for m in found), sum(m.closing for m in found)]  # fmt: skip
        status = month_status(
            numbers[_UNMET], numbers[_CLOSING], need, first.minimum, first.maximum, first.units_per_pack
        )
        months.append([*numbers, int(status)])
    return RegionLine(first.region, first.code, first.units_per_pack, year, need, first.maximum, months)


def region_lines(plans: Iterable[RegionPlan], year: int) -> list[RegionLine]:
    """The lines of ``plans`` in the twelve months of ``year``: a region's plans of one code (case-folded) and pack
    size are one line of that region, in the order first met.

    >>> from xl_addin.core.supply_plan import monthly_plan
    >>> rows = [RegionPlan("A", code, 60, 1200, 15, monthly_plan(year=2007, need=1200, stock=stock, buffer_months=3),
    ...                    3) for code, stock in (("A06", 200), ("a06", 2000))]
    >>> [line.months[0] for line in region_lines(rows[:1], 2007) + region_lines(rows[1:], 2007)]  # below min, above
    [[200, 0, 0, 100, 0, 100, 1], [2000, 0, 0, 100, 0, 1900, 3]]
    >>> [(line.need, line.months[0]) for line in region_lines(rows, 2007)]  # 12 · 2,000 within 3 … 15 · 2,400: ok
    [(2400, [2200, 0, 0, 200, 0, 2000, 2])]
    """
    groups: dict[tuple[str, str, int], list[RegionPlan]] = {}
    for plan in plans:
        groups.setdefault((plan.region, plan.code.casefold(), plan.units_per_pack), []).append(plan)
    return [_line(group, year) for group in groups.values()]


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

    def add(self, line: RegionLine) -> None:
        self.need += line.need
        self.regions += 1
        pack, cap = self.units_per_pack, line.maximum * line.need
        for index, (opening, received, expired, demand, unmet, closing, status) in enumerate(line.months):
            sums = self.sums[index]
            sums[0] += opening
            sums[1] += received
            sums[2] += expired
            sums[3] += demand
            sums[4] += unmet
            sums[5] += closing
            sums[6] += status == _STOCKOUT
            sums[7] += status == _BELOW_MIN
            sums[8] += status == _ABOVE_MAX
            if unmet > 0:
                self.receivers[index].append((line.region, unmet))
            if closing * MONTHS_PER_YEAR > cap and (packs := surplus_packs(closing, line.need, line.maximum, pack)):
                self.donors[index].append((line.region, packs, packs * pack))


class NationalSum:
    """The national plan added up one region (one workbook) at a time: :meth:`add` its lines
    (:func:`region_lines`), then :meth:`result`.

    >>> from xl_addin.core.supply_plan import monthly_plan
    >>> total = NationalSum()
    >>> total.add(region_lines([RegionPlan("A", "A06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=0,
    ...                                                                           buffer_months=3))], 2007))
    >>> total.add(region_lines([RegionPlan("B", "a06", 60, 7300, 15, monthly_plan(
    ...     year=2007, need=7300, stock=21900, pipeline=600, buffer_months=3))], 2007))
    >>> july = total.result().months[6]  # B: 22,500 − 4,258 dispensed to July; A has nothing; «a06» is A06
    >>> july.code, july.regions, july.closing, july.months_of_stock, july.stockout_regions, july.above_max_regions
    ('A06', 2, 18242, Decimal('14.9'), 1, 1)
    """

    def __init__(self) -> None:
        self._keys: dict[tuple[int, str, int], _Key] = {}

    def add(self, lines: Iterable[RegionLine]) -> None:
        """Add lines (each region's line of a key once: :func:`region_lines` of its plans)."""
        for line in lines:
            key = (line.year, line.code.casefold(), line.units_per_pack)
            found = self._keys.get(key)
            if found is None:
                found = self._keys[key] = _Key(line.code, line.units_per_pack, line.year)
            found.add(line)

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
    total.add(region_lines(plans, year))
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
    total.add(region_lines(plans, year))
    return total.result().moves
