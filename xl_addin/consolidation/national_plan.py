"""The national supply plan (issue 22): the regions' plans streamed into the core's sums, and its two CSV files.

national_supply_plan.csv and the sheet «План поставок» of national.xlsx hold one row per (code, units per
pack, month of the request year Y): how many regions, Σ opening, Σ received, Σ written off, Σ demand, Σ unmet,
Σ closing (units), the national months of stock ⌊Σclosing·120 / ΣN⌋ / 10 (blank when ΣN = 0), and how many
regions are in stockout, below their minimum, above their maximum (design note §3.6; docs/interpretation.md,
P4).  national_redistribution.csv and the sheet «Перераспределение» list, for every product-month with a region
in stockout, who is short (unmet units) and who holds more than its maximum (surplus down to whole packs): a
list, not an optimisation (:mod:`~xl_addin.consolidation.national_plan_sheets`).

The arithmetic is the core's (:mod:`xl_addin.core.supply_national`), nothing of it here: each workbook's lines
(``region_lines``, made in its worker by :mod:`~xl_addin.consolidation.plan_file`) are spooled as its report
arrives (:class:`PlanSpool`), then read back one file at a time and added to the core's ``NationalSum`` (memory
flat in the number of files).  A region's plan enters when its products enter
the national products table (N1: in the totals, no bad cell of «Товары») and its plan has no error row
(:mod:`~xl_addin.consolidation.plan_file`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from xl_addin.consolidation.plan_file import FilePlan
from xl_addin.consolidation.spool import Spool
from xl_addin.consolidation.table_cells import BOM, csv_text
from xl_addin.core.supply_national import NationalPlan, NationalSum, Redistribution, RegionLine
from xl_addin.files import atomic_write_text

CSV_NAME = "national_supply_plan.csv"
MOVES_CSV_NAME = "national_redistribution.csv"
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
MOVES_HEADER = (
    "Код",
    "Наименование",
    "Единиц в упаковке",
    "Месяц",
    "Кто",
    "Регион",
    "Не хватило, единиц",
    "Излишек сверх максимума, упаковок",
    "Излишек, единиц",
)
RECEIVER, DONOR = "нехватка", "выше максимума"
NO_DONOR = "ни у одного региона запас не выше максимума: передавать нечего"
#: (case-folded code, units per pack) → the name the products table shows.
Names = dict[tuple[str, int], str]


class PlanSpool(Spool):
    """Each workbook's plan, written to an anonymous temporary file as its report arrives (as ProductsSpool).

    A round trip gives the lines back as they were, with the region's name:

    >>> from dataclasses import replace
    >>> from xl_addin.core.supply_national import RegionPlan, region_lines
    >>> from xl_addin.core.supply_plan import monthly_plan
    >>> plan = RegionPlan("", "A06", 60, 7300, 15, monthly_plan(year=2007, need=7300, stock=1825, buffer_months=3))
    >>> lines = region_lines([plan], 2007)
    >>> with PlanSpool() as spool:
    ...     spool.write(PlanSpool.line("a.xlsx", "Тульская область", FilePlan(lines)))
    ...     list(spool.entries()) == [("a.xlsx", [replace(lines[0], region="Тульская область")])]
    True
    """

    @staticmethod
    def line(file: str, region: str | None, plan: FilePlan | None) -> str | None:
        """What the spool keeps of one file (None: nothing — no region, no plan, or a plan that must stay out)."""
        if region is None or plan is None or plan.left_out or not plan.products:
            return None
        products = [[p.code, p.units_per_pack, p.year, p.need, p.maximum, p.months] for p in plan.products]
        return json.dumps([file, region, products]) + "\n"  # ASCII JSON: any text survives

    def write(self, line: str | None) -> None:
        """Keep a :meth:`line` (None: nothing to keep)."""
        if line is not None:
            self._open().write(line)

    def entries(self) -> Iterator[tuple[str, list[RegionLine]]]:
        """(file, the file's lines with its region) of every file kept, in the order added."""
        spool = self._open()
        spool.seek(0)
        for text in spool:
            file, region, products = json.loads(text)
            yield file, [RegionLine(region, *product) for product in products]
        spool.seek(0, 2)


def consolidate(spool: PlanSpool, files: frozenset[str]) -> NationalPlan:
    """The national plan of the spooled plans of ``files`` (those whose products entered the products table), added
    up by the core one file at a time."""
    total = NationalSum()
    for file, lines in spool.entries():
        if file in files:
            total.add(lines)
    return total.result()


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


def name_of(names: Names, code: str, units_per_pack: int) -> str:
    """The name the products table shows for a key ("" when it has none)."""
    return names.get((code.casefold(), units_per_pack), "")


def csv_rows(plan: NationalPlan, names: Names) -> list[list[Any]]:
    """The rows of national_supply_plan.csv: the header, then a row per product-month."""
    rows: list[list[Any]] = [list(HEADER)]
    for row in plan.months:
        rows.append([row.code, name_of(names, row.code, row.units_per_pack), row.units_per_pack,
                     month_text(row.month), row.regions, row.opening, row.received, row.expired, row.demand,
                     row.unmet, row.closing, decimal_comma(row.months_of_stock), row.stockout_regions,
                     row.below_min_regions, row.above_max_regions])  # fmt: skip
    return rows


def move_rows(moves: Sequence[Redistribution], names: Names) -> list[list[Any]]:
    """The rows of the redistribution list below its header: per product-month its receivers, then its donors (or a
    line saying there is none); the month as a date.

    >>> move = Redistribution("A06", 60, dt.date(2007, 7, 1), (("A", 573),), (("B", 151, 9060),))
    >>> [row[1:] for row in move_rows([move], {("a06", 60): "Зидовудин"})]  # doctest: +NORMALIZE_WHITESPACE
    [['Зидовудин', 60, datetime.date(2007, 7, 1), 'нехватка', 'A', 573, None, None],
     ['Зидовудин', 60, datetime.date(2007, 7, 1), 'выше максимума', 'B', None, 151, 9060]]
    """
    rows: list[list[Any]] = []
    for move in moves:
        key = [move.code, name_of(names, move.code, move.units_per_pack), move.units_per_pack, move.month]
        rows += [[*key, RECEIVER, region, unmet, None, None] for region, unmet in move.receivers]
        rows += [[*key, DONOR, region, None, packs, units] for region, packs, units in move.donors]
        if not move.donors:
            rows.append([*key, DONOR, NO_DONOR, None, None, None])
    return rows


def write_plan_csv(path: Path, plan: NationalPlan, names: Names) -> None:
    """national_supply_plan.csv: UTF-8 with BOM, semicolons, formula-safe (national.csv's dialect)."""
    atomic_write_text(path, BOM + csv_text(csv_rows(plan, names)))


def write_moves_csv(path: Path, plan: NationalPlan, names: Names) -> None:
    """national_redistribution.csv: the sheet «Перераспределение»'s header and rows (months ``ММ.ГГГГ``), in
    national.csv's dialect; the header alone when no region is short in any month."""
    rows = [[*row[:3], month_text(row[3]), *row[4:]] for row in move_rows(plan.moves, names)]
    atomic_write_text(path, BOM + csv_text([list(MOVES_HEADER), *rows]))
