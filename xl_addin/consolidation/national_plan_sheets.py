"""The sheets «План поставок», «План поставок, таблица» and «Перераспределение» of national.xlsx (issue 22), in the
national sheets' style.

«План поставок»: the product × month matrix of the national months of stock — per product two rows: its months of
stock in the twelve months of the request year, each cell coloured by the regions' states (red: a region in
stockout; orange: none, but one below its minimum; blue: none of those, but one above its maximum; green: every
region within its limits; grey: nobody needs it and nobody holds it), and below them the number of regions in
stockout; the colours explained under it.  «План поставок, таблица»: the rows of national_supply_plan.csv.
«Перераспределение»: one row per region short or above its maximum in every product-month with a region in stockout
(:mod:`~xl_addin.consolidation.national_plan`).

Every sheet: the first columns (code, name, pack size; the plan's also its line label or month) and the header row
frozen, headers bold and wrapped, A4 landscape (the redistribution one page wide; the plan's two at 80 %, those
columns and the header row repeated on every page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from xl_addin.consolidation.national_plan import HEADER, MOVES_HEADER, RECEIVER, Names, move_rows, name_of
from xl_addin.consolidation.national_table import BLUE, GREY, ORANGE, PRINT_SCALE, RED, _Rows, _Style
from xl_addin.core.supply_national import NationalMonth, NationalPlan

PLAN_SHEET, TABLE_SHEET, MOVES_SHEET = "План поставок", "План поставок, таблица", "Перераспределение"
GREEN = "C6EFCE"
MONTH_FORMAT, INTEGER, ONE_DECIMAL = "MM.YYYY", "#,##0", "0.0"
MOS_LABEL, STOCKOUT_LABEL = "Запас, месяцев", "Регионов с нехваткой"
LEGEND = (
    (RED, "красный — хотя бы один регион в нехватке (не хватило единиц), хотя национальный запас может быть нормой"),
    (ORANGE, "оранжевый — нехватки нет, но хотя бы один регион ниже своего минимума"),
    (BLUE, "синий — нехватки и запаса ниже минимума нет, но хотя бы один регион выше своего максимума"),
    (GREEN, "зелёный — все регионы между своим минимумом и максимумом"),
    (GREY, "серый — ни одному региону товар не нужен и ни у кого его нет"),
)
_WIDTHS = (14, 34, 11)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _serial(month: dt.date) -> int:
    """A month as Excel's serial day number (national.xlsx's cells take numbers and texts; the format shows MM.YYYY).

    >>> _serial(dt.date(2007, 7, 1))
    39264
    """
    return (month - _EXCEL_EPOCH).days


def _fill(row: NationalMonth) -> str:
    """The colour of a product-month by its regions (their states, not the national average); grey when nobody needs
    it and nobody holds it (the regional plan's «нет потребности»), not a green «between min and max»."""
    if row.stockout_regions:
        return RED
    if row.below_min_regions:
        return ORANGE
    if row.above_max_regions:
        return BLUE
    return GREY if row.need == 0 and row.closing == 0 else GREEN


def _setup(sheet: Any, widths: Sequence[float], footer: str, *, wide: bool = False, title_cols: str = "A:C") -> None:
    """Columns, frozen panes and print: A4 landscape one page wide; a ``wide`` sheet (the plan: 16 columns) at
    ``national_table.PRINT_SCALE`` % instead, its pages across after its pages down, ``title_cols`` (the code, name
    and pack size; the matrix's line labels too) and the header row repeated on each (as the table «Регионы»
    prints)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    from xl_addin.workbook.printing import print_one_page_wide

    print_one_page_wide(sheet)
    if wide:
        sheet.page_setup.scale, sheet.page_setup.pageOrder = PRINT_SCALE, "downThenOver"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = False
        sheet.print_title_cols, sheet.print_title_rows = title_cols, "1:1"
    sheet.oddFooter.center.text = f"{footer} — страница &P из &N"
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "D2"


def add_plan_sheet(book: Any, plan: NationalPlan, names: Names) -> None:
    """The sheets «План поставок» (the matrix and its legend) and «План поставок, таблица» (national_supply_plan.csv's
    rows) of the write-only ``book`` (``names``: the products table's names of the keys).  Two sheets, so that each
    prints with its own header row and labels on every page (one sheet printed the table's rows between the
    matrix's pages, without a header)."""
    widths = [*_WIDTHS, 21, *([14] * 12)]  # the matrix's twelve months: headers unbroken
    sheet = book.create_sheet(PLAN_SHEET)
    _setup(sheet, widths, PLAN_SHEET, wide=True, title_cols="A:D")
    out = _Rows(sheet, widths)
    by_year: dict[int, dict[tuple[str, int], list[NationalMonth]]] = {}  # rows come by year, code, pack and month
    for row in plan.months:
        by_year.setdefault(row.month.year, {}).setdefault((row.code, row.units_per_pack), []).append(row)
    head = _Style(bold=True, wrap=True, centre=True)
    month_head = _Style(bold=True, centre=True, number_format=MONTH_FORMAT)
    for year, by_key in by_year.items() or [(0, {})]:  # a header of its twelve months over each year's products
        months = [dt.date(year, k, 1) for k in range(1, 13)] if year else []
        out.append(["Код", "Наименование", "Единиц в упаковке", "Месяц →", *map(_serial, months)],
                   [head] * 4 + [month_head] * len(months))  # fmt: skip
        if not by_key:
            out.append(["планов регионов в сводке нет"], [_Style()])
        for (code, pack), rows in by_key.items():
            out.append([code, name_of(names, code, pack), pack, MOS_LABEL, *(row.months_of_stock for row in rows)],
                       [_Style(wrap=True), _Style(wrap=True), _Style(number_format=INTEGER), _Style()]
                       + [_Style(_fill(row), number_format=ONE_DECIMAL) for row in rows])  # fmt: skip
            out.append([None, None, None, STOCKOUT_LABEL, *(row.stockout_regions for row in rows)],
                       [_Style()] * 3 + [_Style(wrap=True)]
                       + [_Style(RED if row.stockout_regions else None, number_format=INTEGER) for row in rows])  # fmt: skip
    out.append([], [])
    out.append(["Цвета запаса:"], [_Style(bold=True)])
    for colour, meaning in LEGEND:
        out.append([None, meaning], [_Style(), _Style(colour, wrap=True)])
    table = book.create_sheet(TABLE_SHEET)
    widths = [*_WIDTHS, 10, *([14] * 11)]  # the table's eleven numbers: headers unbroken
    _setup(table, widths, TABLE_SHEET, wide=True, title_cols="A:D")
    out = _Rows(table, widths)
    out.append(list(HEADER), [head] * len(HEADER))
    for row in plan.months:
        values = [row.code, name_of(names, row.code, row.units_per_pack), row.units_per_pack, _serial(row.month),
                  row.regions, row.opening, row.received, row.expired, row.demand, row.unmet, row.closing,
                  row.months_of_stock, row.stockout_regions, row.below_min_regions, row.above_max_regions]  # fmt: skip
        styles = [_Style(wrap=True), _Style(wrap=True), _Style(number_format=INTEGER),
                  _Style(number_format=MONTH_FORMAT)] + [_Style(number_format=INTEGER)] * 7  # fmt: skip
        styles += [_Style(_fill(row), number_format=ONE_DECIMAL)]
        styles += [_Style(RED if row.stockout_regions else None, number_format=INTEGER)] + [
            _Style(number_format=INTEGER)] * 2  # fmt: skip
        out.append(values, styles)


def add_moves_sheet(book: Any, plan: NationalPlan, names: Names) -> None:
    """The sheet «Перераспределение» of the write-only ``book``: the rows of national_redistribution.csv, each month
    a date cell."""
    widths = [*_WIDTHS, 10, 16, 30, 12, 14, 12]
    sheet = book.create_sheet(MOVES_SHEET)
    _setup(sheet, widths, MOVES_SHEET)
    out = _Rows(sheet, widths)
    out.append(list(MOVES_HEADER), [_Style(bold=True, wrap=True, centre=True)] * len(MOVES_HEADER))
    rows = [[*row[:3], _serial(row[3]), *row[4:]] for row in move_rows(plan.moves, names)]
    if not rows:
        out.append(["ни в одном месяце ни один регион не в нехватке: перераспределять нечего"], [_Style()])
    for values in rows:
        colour = RED if values[4] == RECEIVER else BLUE
        out.append(values, [_Style(wrap=True), _Style(wrap=True), _Style(number_format=INTEGER),
                            _Style(number_format=MONTH_FORMAT), _Style(colour), _Style(wrap=True)]
                   + [_Style(number_format=INTEGER)] * 3)  # fmt: skip
