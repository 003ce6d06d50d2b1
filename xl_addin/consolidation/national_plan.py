"""The national supply plan (issue 22): the regions' plans added up by product, pack size and month of the request year.

national_supply_plan.csv and the sheet «План поставок» of national.xlsx hold one row per (code, units per
pack, month of the request year Y): how many regions, Σ opening, Σ received, Σ written off, Σ demand, Σ unmet,
Σ closing (units), the national months of stock ⌊Σclosing·120 / ΣN⌋ / 10 (blank when ΣN = 0), and how many
regions are in stockout, below their minimum, above their maximum (design note §3.6; docs/interpretation.md,
P4).  The sheet «Перераспределение» lists, for every product-month with a region in stockout, who is short
(unmet units) and who holds more than its maximum (surplus down to whole packs): a list, not an optimisation
(:mod:`~xl_addin.consolidation.national_plan_sheets`).

A region's plan enters when its products enter the national products table (N1: in the totals, no bad cell
of «Товары») and its plan has no error row (:mod:`~xl_addin.consolidation.plan_file`).  The sums are made as
the spooled plans are read, one file at a time (memory flat in the number of files); they equal
``core.supply_national.national_plan`` and ``redistribution`` (tests/refresh/test_supply_plan_refresh.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from xl_addin.consolidation.plan_file import FilePlan
from xl_addin.consolidation.spool import Spool
from xl_addin.consolidation.table_cells import BOM, csv_text
from xl_addin.core.numbers import ratio_down_to
from xl_addin.core.supply_national import surplus_packs
from xl_addin.core.supply_plan import MONTHS_PER_YEAR, Status
from xl_addin.files import atomic_write_text

CSV_NAME = "national_supply_plan.csv"
HEADER = (
    "Код",
    "Наименование",
    "Единиц в упаковке",
    "Месяц",
    "Регионов",
    "Остаток на начало, единиц",
    "Поступило, единиц",
    "Списано по сроку, единиц",
    "Потребность, единиц",
    "Не хватило, единиц",
    "Остаток на конец, единиц",
    "Запас, месяцев",
    "Регионов с нехваткой",
    "Регионов ниже минимума",
    "Регионов выше максимума",
)
_OPENING, _RECEIVED, _EXPIRED, _DEMAND, _UNMET, _CLOSING, _STATUS = range(7)


class PlanSpool(Spool):
    """Each workbook's plan, written to an anonymous temporary file as its report arrives (as ProductsSpool)."""

    @staticmethod
    def line(file: str, region: str | None, plan: FilePlan | None) -> str | None:
        """What the spool keeps of one file (None: nothing — no region, no plan, or a plan that must stay out)."""
        if region is None or plan is None or plan.left_out or not plan.products:
            return None
        return json.dumps([file, region, plan.products]) + "\n"  # ASCII JSON: any text survives

    def write(self, line: str | None) -> None:
        """Keep a :meth:`line` (None: nothing to keep)."""
        if line is not None:
            self._open().write(line)

    def entries(self) -> Iterator[tuple[str, str, list[list[Any]]]]:
        """(file, region, products) of every file kept, in the order added."""
        spool = self._open()
        spool.seek(0)
        for text in spool:
            file, region, products = json.loads(text)
            yield file, region, products
        spool.seek(0, 2)


@dataclass
class _Key:
    """The sums of one (code, units per pack) of one year, month by month, and its redistribution candidates."""

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

    def add(self, region: str, need: int, maximum: int, months: list[list[int]]) -> None:
        self.need += need
        self.regions += 1
        for index, month in enumerate(months[:MONTHS_PER_YEAR]):
            sums = self.sums[index]
            for column in range(_STATUS):
                sums[column] += month[column]
            status = month[_STATUS]
            sums[6] += status == Status.STOCKOUT
            sums[7] += status == Status.BELOW_MIN
            sums[8] += status == Status.ABOVE_MAX
            if month[_UNMET] > 0:
                self.receivers[index].append((region, month[_UNMET]))
            packs = surplus_packs(month[_CLOSING], need, maximum, self.units_per_pack)
            if packs > 0:
                self.donors[index].append((region, packs, packs * self.units_per_pack))


@dataclass(frozen=True)
class PlanRow:
    """One row of the national plan (a month of a product); ``months_of_stock`` None when ΣN = 0."""

    code: str
    name: str
    units_per_pack: int
    month: dt.date
    regions: int
    opening: int
    received: int
    expired: int
    demand: int
    unmet: int
    closing: int
    months_of_stock: Decimal | None
    stockout_regions: int
    below_min_regions: int
    above_max_regions: int


@dataclass(frozen=True)
class Move:
    """A product-month with a region in stockout: receivers (region, unmet) and donors (region, packs, units)."""

    code: str
    name: str
    units_per_pack: int
    month: dt.date
    receivers: tuple[tuple[str, int], ...]
    donors: tuple[tuple[str, int, int], ...]


@dataclass
class NationalPlan:
    """The national plan's rows, its redistribution list and the regions in it."""

    rows: list[PlanRow] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    regions: int = 0


def consolidate(spool: PlanSpool, files: frozenset[str], names: dict[tuple[str, int], str]) -> NationalPlan:
    """The national plan from the spooled plans of ``files`` (those whose products entered the products table);
    ``names``: (case-folded code, units per pack) → the name the products table shows."""
    keys: dict[tuple[int, str, int], _Key] = {}
    regions: set[str] = set()
    for file, region, products in spool.entries():
        if file not in files:
            continue
        regions.add(region)
        for code, pack, need, maximum, year, months in products:
            found = keys.setdefault((year, code.casefold(), pack), _Key(code, pack, year))
            found.add(region, need, maximum, months)
    plan = NationalPlan(regions=len(regions))
    for (year, folded, pack), found in sorted(keys.items()):
        name = names.get((folded, pack), "")
        for index, sums in enumerate(found.sums):
            month = dt.date(year, index + 1, 1)
            opening, received, expired, demand, unmet, closing, short, low, high = sums
            mos = None if found.need == 0 else ratio_down_to(closing * MONTHS_PER_YEAR, found.need, 1)
            plan.rows.append(PlanRow(found.code, name, pack, month, found.regions, opening, received, expired,
                                     demand, unmet, closing, mos, short, low, high))  # fmt: skip
            if found.receivers[index]:
                plan.moves.append(Move(found.code, name, pack, month, tuple(found.receivers[index]),
                                       tuple(found.donors[index])))  # fmt: skip
    return plan


def month_text(month: dt.date) -> str:
    """``MM.ГГГГ``.

    >>> month_text(dt.date(2007, 7, 1))
    '07.2007'
    """
    return f"{month.month:02d}.{month.year}"


def decimal_comma(value: Decimal | None) -> str | None:
    """Months of stock with a decimal comma (Russian Excel reads a number); None stays blank.

    >>> decimal_comma(Decimal("14.9")), decimal_comma(None)
    ('14,9', None)
    """
    return None if value is None else str(value).replace(".", ",")


def csv_rows(plan: NationalPlan) -> list[list[Any]]:
    """The rows of national_supply_plan.csv: the header, then a row per product-month."""
    rows: list[list[Any]] = [list(HEADER)]
    for row in plan.rows:
        rows.append([row.code, row.name, row.units_per_pack, month_text(row.month), row.regions, row.opening,
                     row.received, row.expired, row.demand, row.unmet, row.closing,
                     decimal_comma(row.months_of_stock), row.stockout_regions, row.below_min_regions,
                     row.above_max_regions])  # fmt: skip
    return rows


def write_plan_csv(path: Path, plan: NationalPlan) -> None:
    """national_supply_plan.csv: UTF-8 with BOM, semicolons, formula-safe (national.csv's dialect)."""
    atomic_write_text(path, BOM + csv_text(csv_rows(plan)))
