"""The national products table: per product code and pack size, the packs and cost of every region, and the budget.

national_products.csv and the sheet «Товары» of national.xlsx hold the same rows:

- a header, then one row per (code, units per pack), sorted by code: code, name, units per pack,
  packs to order (the sum over the regions), the same in units (packs × units per pack), cost in roubles (an exact sum of the regions'
  kopecks) and how many regions order it.  Packs of different sizes are never added up: a
  code ordered in two pack sizes has two rows and a warning row in problems.csv;
- the budget: the whole, by section and by funding source, keyed by the workbook's own totals
  (``out_cost_total``, ``out_cost_hiv_diagnostics`` …, products_layout.TOTALS) and a row for
  the lines with no funding source chosen, so that the sources add up to the whole;
- the number of regions in the table and, in its note, every received region whose products are not in it, with
  why: first the regions in the letter's totals (no products sheet, an empty products sheet, bad cells — with
  how many error rows of the products sheet problems.csv holds for it —, packs not computed), then those out of
  the totals whose products sheet had lines.  A reason cites problems.csv only with the rows it has there.

A region's lines enter when the region is in the national totals (read, one file, its letter
inputs valid: docs/interpretation.md, N1) and its products sheet has no bad cell.  A cost is
blank when none of its lines gives a price (a price is never taken as 0); when some do, the
sum of those and a note naming the regions without one.  The lines of each workbook are kept
on disk while the batch runs (:class:`ProductsSpool`), not in memory.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from xl_addin.consolidation.national import NOT_FILLED, RegionRow
from xl_addin.consolidation.products import LEFT_OUT_CELLS, FileProducts, ProductLine
from xl_addin.consolidation.reading import Problem
from xl_addin.consolidation.reasons import UNKNOWN_REGION
from xl_addin.consolidation.spool import Spool
from xl_addin.consolidation.table_cells import BOM, csv_text, number_or_text, write_only_cell
from xl_addin.core.severity import Severity
from xl_addin.files import atomic_write_text
from xl_addin.request.products_layout import SECTION_OF_TOTAL, TOTALS

SHEET = "Товары"
#: Σ units of a row (packs × units per pack, issue 22): two pack sizes of one code compared in one unit.
UNITS_HEADER = "Единиц всего"
HEADER = (
    "Код",
    "Наименование",
    "Единиц в упаковке",
    "Число упаковок к закупке",
    UNITS_HEADER,
    "Стоимость, руб.",
    "Регионов",
    "Примечание",
)
#: The budget row of the lines with no funding source chosen (not a total of the workbook: they count only in the whole).
NO_SOURCE = ("funding_not_given", "за счёт: источник не указан")
REGIONS_LABEL = "Регионов в сводке товаров"
#: The budget rows: the workbook's totals (key, Russian label), the lines without a source after the sources.
BUDGET = (*((name, ru) for name, ru, _ in TOTALS), NO_SOURCE)
_TOTAL_OF_SECTION = {section.value: name for name, section in SECTION_OF_TOTAL.items()}
#: How many regions a note names before it says how many more (the regions left out: more, each with why; an
#: Excel cell holds at most 32 767 characters).
NAMED, LEFT_OUT_NAMED = 5, 100
#: Why a region in the totals has no products in the table (besides :data:`~xl_addin.consolidation.products.LEFT_OUT_CELLS`
#: and the packs not computed, which :func:`_why_left_out` words with their rows in problems.csv).
NO_SHEET = "в книге нет листа «Товары» (книга прежней версии шаблона)"
EMPTY_SHEET = "лист «Товары» пуст: ни одной строки товара"
DUPLICATE = "дубликат"
_OF_SHEET = " листа «Товары»"


class Spooled(NamedTuple):
    """What the spool keeps of one file with a region: its products sheet and its order lines."""

    file: str
    region: str
    #: Whether the workbook has a products sheet.
    sheet: bool
    #: Why its lines must not be added up ("" when they may), :attr:`FileProducts.left_out`.
    left_out: str
    #: Its error rows of the products sheet in problems.csv.
    errors: int
    lines: list[ProductLine]


class ProductsSpool(Spool):
    """Each workbook's order lines, written to an anonymous temporary file as its report arrives.

    >>> line = ProductLine("D-01", "ИФА", 96, 10, Decimal("50000.00"), "hiv", "out_cost_federal")
    >>> with ProductsSpool() as spool:
    ...     spool.add("a.xlsx", "Алтай", FileProducts(lines=(line,)))
    ...     spool.add("b.xlsx", "Томская область", None)
    ...     [(file, region, lines[0].cost) for file, region, _, lines in spool.files()]
    ...     [(found.file, found.sheet, len(found.lines)) for found in spool.entries()]
    [('a.xlsx', 'Алтай', Decimal('50000.00'))]
    [('a.xlsx', True, 1), ('b.xlsx', False, 0)]
    """

    def add(self, file: str, region: str | None, products: FileProducts | None, errors: int = 0) -> None:
        """The lines of one file with a region (``products``: None without a products sheet); ``errors``: its error
        rows of the products sheet in problems.csv (nothing is kept for a file without a region)."""
        self.write(self.line(file, region, products, errors))

    @staticmethod
    def line(file: str, region: str | None, products: FileProducts | None, errors: int = 0) -> str | None:
        """What :meth:`add` keeps of one file, made without writing it (a surprise in it is that file's alone)."""
        if region is None:
            return None
        found = FileProducts() if products is None else products
        lines = [[line.code, line.name, line.units_per_pack, line.packs, None if line.cost is None else str(line.cost),
                  line.section, line.funding] for line in found.lines]  # fmt: skip
        # ASCII JSON: any text survives, even a lone surrogate decoded from a workbook's ``_xD800_``
        return json.dumps([file, region, products is not None, found.left_out, errors, lines]) + "\n"

    def write(self, line: str | None) -> None:
        """Keep a :meth:`line` (None: nothing to keep)."""
        if line is not None:
            self._open().write(line)

    def files(self) -> Iterator[tuple[str, str, str, list[ProductLine]]]:
        """(file, region, why left out, lines) of every file added whose products sheet gave lines or a reason why
        not, in the order added."""
        for found in self.entries():
            if found.lines or found.left_out:
                yield found.file, found.region, found.left_out, found.lines

    def entries(self) -> Iterator[Spooled]:
        """Every file added with a region, in the order added."""
        spool = self._open()
        spool.seek(0)
        for text in spool:
            file, region, sheet, left_out, errors, lines = json.loads(text)
            yield Spooled(
                file,
                region,
                sheet,
                left_out,
                errors,
                [
                    ProductLine(code, name, size, packs, None if cost is None else Decimal(cost), section, funding)
                    for code, name, size, packs, cost, section, funding in lines
                ],
            )
        spool.seek(0, 2)


@dataclass
class _Sum:
    """What the regions order of one (code, units per pack) or one budget row."""

    code: str = ""
    #: The names given to it, in the order first met (a dict: an ordered set).
    names: dict[str, None] = field(default_factory=dict)
    packs: int = 0
    cost: Decimal = Decimal("0.00")
    priced: bool = False
    regions: set[str] = field(default_factory=set)
    #: Region → its packs without a price.
    unpriced: dict[str, int] = field(default_factory=dict)
    lines_without_price: int = 0
    files: set[tuple[str, str]] = field(default_factory=set)

    def add(self, region: str, file: str, line: ProductLine) -> None:
        self.packs += line.packs
        self.regions.add(region)
        self.files.add((region, file))
        if line.name:
            self.names.setdefault(line.name)
        if line.cost is None:
            self.unpriced[region] = self.unpriced.get(region, 0) + line.packs
            self.lines_without_price += 1
        else:
            self.cost += line.cost
            self.priced = True

    @property
    def shown_cost(self) -> Decimal | None:
        """The sum of the priced lines; None when there are lines and none gives a price (never a made-up 0)."""
        return self.cost if self.priced or not self.regions else None


@dataclass
class ProductsTable:
    """The rows of national_products.csv and of the sheet «Товары», and the warning rows for problems.csv."""

    rows: list[list[Any]]
    #: Indices of the rows shown bold in national.xlsx (the header, the budget, the regions row).
    bold: frozenset[int]
    warnings: list[Problem]
    #: The files whose lines are in the table (their supply plans may enter the national plan, issue 22).
    files: frozenset[str] = frozenset()
    #: (case-folded code, units per pack) → the name the table shows.
    names: dict[tuple[str, int], str] = field(default_factory=dict)


def _listed(names: Sequence[str], most: int = NAMED, joint: str = ", ") -> str:
    """``names`` joined, at most ``most`` of them and how many more.

    >>> _listed(["А", "Б"]), _listed([str(n) for n in range(7)])
    ('А, Б', '0, 1, 2, 3, 4 и ещё 2')
    """
    shown = joint.join(names[:most])
    return shown if len(names) <= most else f"{shown} и ещё {len(names) - most}"


def consolidate(spool: ProductsSpool, rows: Sequence[RegionRow], known: frozenset[str] | None = None) -> ProductsTable:
    """The national products table from the spooled lines; ``rows``: the national table's rows (who is in the totals);
    ``known``: the codes of the centre's product list (case-folded, stripped; ``refresh --products``), each code of
    the table not among them a warning row (None: no list given, nothing compared)."""
    included = {row.file: row for row in rows if row.in_totals}
    received = {row.file: row for row in rows if row.file}
    products: dict[tuple[str, int], _Sum] = {}
    budget: dict[str, _Sum] = defaultdict(_Sum)
    in_table: set[str] = set()
    entered: set[str] = set()
    left_out: list[tuple[str, str, str]] = []  # region, file, why: of the regions in the totals
    out_of_totals: list[tuple[str, str, str]] = []
    spooled: set[str] = set()
    for file, region, sheet, why, errors, lines in spool.entries():
        spooled.add(file)
        if file not in included:
            if lines or why:  # products the region's being out of the totals keeps out
                out_of_totals.append((region, file, _out_of_totals(received.get(file))))
            continue
        reason = _why_left_out(sheet, why, errors, bool(lines))
        if reason:
            left_out.append((region, file, reason))
            continue
        entered.add(file)
        for line in lines:
            in_table.add(region)
            products.setdefault((line.code.casefold(), line.units_per_pack), _Sum(line.code)).add(region, file, line)
            for key in ("out_cost_total", _TOTAL_OF_SECTION[line.section], line.funding or NO_SOURCE[0]):
                budget[key].add(region, file, line)
    sizes: dict[str, list[int]] = defaultdict(list)
    for code, size in sorted(products):
        sizes[code].append(size)
    table: list[list[Any]] = [list(HEADER)]
    for (code, size), found in sorted(products.items()):
        table.append([found.code, next(iter(found.names), ""), size, found.packs, found.packs * size, found.shown_cost,
                      len(found.regions), _product_note(found, sizes[code])])  # fmt: skip
    bold = {0}
    for key, label in BUDGET:
        found = budget.get(key, _Sum())
        bold.add(len(table))
        cost = found.shown_cost if in_table else None
        note = f"строк без цены: {found.lines_without_price} (в сумму не вошли)" if found.unpriced else ""
        if key == "out_cost_total" and not in_table:
            note = "товаров в сводке нет"
        table.append([key, label, None, None, None, cost, len(found.regions), note])
    left_out += [(row.region, file, NO_SHEET) for file, row in included.items() if file not in spooled]
    bold.add(len(table))
    table.append([REGIONS_LABEL, None, None, None, None, None, len(in_table), _regions_note(left_out, out_of_totals)])
    names = {key: next(iter(found.names), "") for key, found in products.items()}
    warnings = _size_warnings(products, sizes) + ([] if known is None else _unknown_codes(products, known))
    return ProductsTable(table, frozenset(bold), warnings, frozenset(entered), names)


def _rows_cited(errors: int, of: str = "") -> str:
    """How many error rows (``of``: of what) problems.csv holds for a reason (never a citation of rows that are not
    there).

    >>> _rows_cited(1), _rows_cited(3, " листа «Товары»"), _rows_cited(0)
    (' (строк-ошибок в problems.csv: 1)', ' (строк-ошибок листа «Товары» в problems.csv: 3)', '')
    """
    return f" (строк-ошибок{of} в problems.csv: {errors})" if errors else ""


def _why_left_out(sheet: bool, why: str, errors: int, lines: bool) -> str:
    """Why the products of a region in the totals are not in the table ("" when they are).

    >>> _why_left_out(False, "", 0, False), _why_left_out(True, "", 0, False)
    ('в книге нет листа «Товары» (книга прежней версии шаблона)', 'лист «Товары» пуст: ни одной строки товара')
    >>> _why_left_out(True, "ошибки в ячейках листа товаров (problems.csv)", 4, False)
    'ошибки в ячейках листа «Товары» (строк-ошибок листа «Товары» в problems.csv: 4)'
    >>> _why_left_out(True, "упаковки не вычислены в строках 23 (problems.csv)", 0, True)
    'упаковки не вычислены в строках 23'
    >>> _why_left_out(True, "", 0, True)
    ''
    """
    if not sheet:
        return NO_SHEET
    if why == LEFT_OUT_CELLS:
        return "ошибки в ячейках листа «Товары»" + _rows_cited(errors, _OF_SHEET)
    if why:  # the packs of some rows not computed: their rows only when problems.csv has them
        return why.removesuffix(" (problems.csv)") + _rows_cited(errors, _OF_SHEET)
    return "" if lines else EMPTY_SHEET


def _out_of_totals(row: RegionRow | None) -> str:
    """Why a region's products are out because the region is out of the letter's totals (docs/interpretation.md, N1).

    >>> _out_of_totals(RegionRow.of("А", "a.xlsx", "3", False, {}, None, errors=5))
    'регион не вошёл в итог сводки (строк-ошибок в problems.csv: 5)'
    >>> _out_of_totals(RegionRow.of("А", "a.xlsx", "дубликат", False, {}, None))
    'регион не вошёл в итог сводки: дубликат (строк-ошибок в problems.csv: 1)'
    """
    if row is None:
        return "регион не вошёл в итог сводки"
    if row.status == NOT_FILLED:
        return "книга не заполнена"
    errors = row.errors + (row.status == DUPLICATE)  # the duplicate's row is added at the end of the run
    shown = f": {row.status}" if row.status in (DUPLICATE, UNKNOWN_REGION) else ""  # not chk_all's count or text
    return f"регион не вошёл в итог сводки{shown}{_rows_cited(errors)}"


def _regions_note(left_out: list[tuple[str, str, str]], out_of_totals: list[tuple[str, str, str]]) -> str:
    """The note of the regions row: each region whose products are not in the table, with why; the regions in the
    totals first (their requests count in the letter's totals and not in the budget), each group by region.

    >>> _regions_note([("Пермский край", "p.xlsx", NO_SHEET)], [("Тыва", "t.xlsx", "книга не заполнена")])
    'в итоге сводки, но без товаров (1): Пермский край (p.xlsx): в книге нет листа «Товары» (книга прежней версии шаблона). Вне итога сводки (1): Тыва (t.xlsx): книга не заполнена'
    """
    parts = []
    for title, found in (("в итоге сводки, но без товаров", left_out), ("Вне итога сводки", out_of_totals)):
        if found:
            ordered = sorted(found, key=lambda entry: (entry[0].casefold(), entry[1]))
            named = [f"{region} ({file}): {why}" for region, file, why in ordered]
            parts.append(f"{title} ({len(found)}): {_listed(named, LEFT_OUT_NAMED, '; ')}")
    return ". ".join(parts)


def _product_note(found: _Sum, sizes: list[int]) -> str:
    notes = []
    if len(sizes) > 1:
        notes.append(f"у кода разные размеры упаковки ({', '.join(map(str, sizes))}): строка на каждый размер")
    if found.unpriced and not found.priced:
        notes.append("цена не указана: стоимость не посчитана")
    elif found.unpriced:
        regions = sorted(found.unpriced, key=str.casefold)
        notes.append(f"цена не указана у {len(regions)} рег. ({_listed(regions)}): "
                     f"их {sum(found.unpriced.values())} упак. в стоимость не вошли")  # fmt: skip
    if len(found.names) > 1:
        notes.append(f"наименований у регионов: {len(found.names)}, показано первое")
    return "; ".join(notes)


def _size_warnings(products: dict[tuple[str, int], _Sum], sizes: dict[str, list[int]]) -> list[Problem]:
    """A warning row per code ordered in more than one pack size: the sizes and who orders each."""
    warnings = []
    for code, found_sizes in sorted(sizes.items()):
        if len(found_sizes) < 2:
            continue
        by_size = [products[code, size] for size in found_sizes]
        files = sorted({file for found in by_size for _, file in found.files})
        value = "; ".join(
            f"{size}: " + ", ".join(f"{region} ({file})" for region, file in sorted(found.files))
            for size, found in zip(found_sizes, by_size, strict=True)
        )
        warnings.append(Problem(
            "; ".join(files), "", "", "in_product_units_per_pack", value,
            f"товар «{by_size[0].code}»: у регионов разный размер упаковки ({', '.join(map(str, found_sizes))} ед.); "
            "в сводке товаров — отдельная строка на каждый размер, упаковки разных размеров не складываются",
            Severity.WARNING,
        ))  # fmt: skip
    return warnings


def _unknown_codes(products: dict[tuple[str, int], _Sum], known: frozenset[str]) -> list[Problem]:
    """A warning row per code of the table that the centre's list does not have (issue 22): its regions' lines are
    added up by this code alone, in the products table and in the national supply plan."""
    warnings, seen = [], set()
    for (code, _), found in sorted(products.items()):
        if code.strip() in known or code in seen:
            continue
        seen.add(code)
        same = [item for key, item in sorted(products.items()) if key[0] == code]
        files = sorted({file for item in same for _, file in item.files})
        regions = sorted({region for item in same for region, _ in item.files}, key=str.casefold)
        warnings.append(Problem(
            "; ".join(files), "", "", "in_product_code", found.code,
            f"товар «{found.code}» не из списка товаров центра (--products): его строки у регионов ({_listed(regions)}) "
            "складываются только по этому коду — в сводке товаров и в плане поставок; проверьте код",
            Severity.WARNING,
        ))  # fmt: skip
    return warnings


def money(value: Decimal) -> str:
    """Roubles as national_products.csv writes them: kopecks always, a decimal comma (Russian Excel reads a number).

    >>> money(Decimal("160061.12")), money(Decimal("0.00")), money(Decimal("5"))
    ('160061,12', '0,00', '5,00')
    """
    return f"{value:.2f}".replace(".", ",")


def csv_rows(table: ProductsTable) -> list[list[Any]]:
    """The rows of national_products.csv: the table, its costs as :func:`money` (a cost past
    :data:`~xl_addin.consolidation.table_cells.LARGEST` as the text ``OUT_OF_RANGE``)."""
    shown = ([number_or_text(value) for value in row] for row in table.rows)
    return [[money(value) if isinstance(value, Decimal) else value for value in row] for row in shown]


def write_products_csv(path: Path, table: ProductsTable) -> None:
    """national_products.csv: UTF-8 with BOM, semicolons, formula-safe (national.csv's dialect)."""
    atomic_write_text(path, BOM + csv_text(csv_rows(table)))


def add_sheet(book: Any, products: ProductsTable) -> None:
    """The sheet «Товары» of national.xlsx in the write-only ``book``: the rows of national_products.csv, costs as
    numbers (``#,##0.00``), the headings and totals bold (:func:`xl_addin.consolidation.national_book.write_national_xlsx`
    calls it with ``functools.partial(add_sheet, products=…)``)."""
    from openpyxl.styles import Font

    from xl_addin.workbook.printing import print_one_page_wide

    bold = Font(bold=True)

    sheet = book.create_sheet(SHEET)
    print_one_page_wide(sheet)
    sheet.freeze_panes = "B2"
    for letter, width in zip("ABCDEFGH", (18, 40, 11, 12, 12, 16, 9, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for index, values in enumerate(products.rows):  # a few bold rows: no prototypes (a cost's format is its own)
        if values and isinstance(values[0], str) and (values[0].startswith("out_cost_") or values[0] == NO_SOURCE[0]):
            values = ["", *values[1:]]  # noqa: PLW2901 - a budget row: its Russian label says it; the key is the CSV's
        cells = [write_only_cell(sheet, value, font=bold if index in products.bold else None) for value in values]
        for value, cell in zip(values, cells, strict=True):
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
        sheet.append(cells)
