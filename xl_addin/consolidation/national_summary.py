"""The first sheet of national.xlsx, «Сводка»: what the federal centre reads at a glance, on one A4 page (issue 20).

Four blocks, Russian only, no technical key shown:

- the regions: received, in the totals, with errors, not received;
- the national totals over the regions in the totals (the table's totals row, :func:`national.totals`): persons
  to be treated by the letter's cascade, registered and planned on ART, the ART coverage from the sums
  (Σ planned ÷ Σ registered, never a sum of percents) against the 13–20 % band, annual ARV kits, and the tests of
  HIV diagnostics and of hepatitis diagnostics (the sums of the diagnostic results of each section, as the
  products sheet's «Что покрывает» sorts them); each with how many regions it covers, or why it has no total;
- the budget of the request by section and by funding source, from the products table (sheet «Товары»);
- the regions that need a look first (:func:`attention`): errors, coverage outside the band, an estimate of need
  far from the letter's 2006 figure (more than :data:`FAR_FROM_2006` % either way), and, when last year's figures
  are given, the largest changes of the annual kits against them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from xl_addin.consolidation import national
from xl_addin.consolidation.national import COVERAGE, COVERAGE_BAND, NOT_RECEIVED, PUBLISHED_2006, RegionRow, is_number
from xl_addin.consolidation.national_products import BUDGET, REGIONS_LABEL, ProductsTable
from xl_addin.consolidation.table_cells import write_only_cell
from xl_addin.core import coefficients as k
from xl_addin.core.severity import Severity
from xl_addin.request.products_layout import TARGETS, Section
from xl_addin.workbook.printing import wrapped_lines

SHEET = "Сводка"
#: The main table's sheet, named where the summary sends the reader for more.
TABLE_SHEET = "Регионы"
#: An estimate of need (``out_art_need_estimate``) further than this many % from the letter's 2006 figure is flagged.
FAR_FROM_2006 = Decimal(50)
#: A change of the annual kits against last year's of more than this many % is flagged (only with last year's figures).
FAR_FROM_LAST_YEAR = Decimal(50)
#: How many regions-to-look-at rows the page holds; the rest are counted (the page stays one A4 page).
ATTENTION_ROWS = 10
#: The widths of «Сводка»'s columns (label, figure, regions, note): a portrait A4 page at 100 %.
WIDTHS = (42, 14, 9, 33)
IN_BAND = f"{k.ART_NEED_LOW.percent}–{k.ART_NEED_HIGH.percent} %"
NO_PRODUCTS = "нет товаров в сводке"
#: The number formats of the sheet: whole numbers and roubles with thousands separators, the coverage one decimal.
WHOLE, ROUBLES, PERCENT = "#,##0", "#,##0.00", "0.0"
_DIAGNOSTIC_SECTION = {target.result: target.section for target in TARGETS if target.result is not None}


@dataclass(frozen=True)
class Line:
    """One row of the summary: a label, a value (a number, or None), how many regions it covers, a note."""

    label: str
    value: Any = None
    regions: int | None = None
    note: str = ""
    number_format: str = WHOLE
    #: A heading of a block (bold, no value).
    heading: bool = False
    #: The note spans the value, regions and note columns (a region's reasons to look at it).
    wide: bool = False


def whole(value: int | Decimal) -> str:
    """A number as the page's texts write it: thousands separated by a space, a decimal comma.

    >>> whole(58333), whole(Decimal("13.3")), whole(-1200)
    ('58 333', '13,3', '-1 200')
    """
    return f"{value:,}".replace(",", " ").replace(".", ",")


def region_lines(rows: Sequence[RegionRow]) -> list[Line]:
    """The regions block: received, in the totals, with errors, not received (regions of the list)."""
    received = [row for row in rows if row.status != NOT_RECEIVED]
    errors = [row for row in received if row.severity is Severity.ERROR]
    return [
        Line("Регионы", heading=True),
        Line("Получено книг регионов", len(received)),
        Line("Вошли в итог", sum(r.in_totals for r in rows), note="одна книга на регион, данные верны"),
        Line("С ошибками", len(errors), note="проверки не пройдены или ошибки в problems.csv"),
        Line("Не получено", len(rows) - len(received)),
    ]


def _total(label: str, found: Any, included: int, number_format: str = WHOLE, note: str = "") -> Line:
    if is_number(found):
        return Line(label, found, included, note, number_format)
    return Line(label, None, None, found if isinstance(found, str) else "нет итога", number_format)


def _section_tests(sums: Mapping[str, Any], section: Section, included: int, label: str) -> Line:
    keys = [key for key, found in _DIAGNOSTIC_SECTION.items() if found is section]
    missing = [key for key in keys if not is_number(sums[key])]
    if missing:
        return Line(label, None, None, f"нет итога: не вычислено видов исследований — {len(missing)} из {len(keys)}")
    return Line(label, sum(sums[key] for key in keys), included, f"видов исследований: {len(keys)}")


def total_lines(rows: Sequence[RegionRow]) -> list[Line]:
    """The national totals that matter, over the regions in the totals (the table's totals row)."""
    sums = national.totals(rows)
    included = sum(row.in_totals for row in rows)
    band = sums[COVERAGE_BAND]
    coverage_note = f"из сумм регионов; норма {IN_BAND}" + (f": {band}" if band and band != IN_BAND else "")
    return [
        Line(f"Итоги по регионам, вошедшим в итог ({included})", heading=True),
        _total("Подлежат лечению (каскад письма): от", sums["out_treatment_need_range[0]"], included),
        _total("Подлежат лечению (каскад письма): до", sums["out_treatment_need_range[1]"], included),
        _total("Зарегистрировано живущих с ВИЧ, человек", sums["in_registered"], included),
        _total("Планируется лечить (АРТ), человек", sums["in_planned_on_art"], included),
        _total(
            "Охват АРТ, % (план ÷ зарегистрированные)",
            sums[COVERAGE],
            included,
            PERCENT,
            coverage_note,
        ),
        _total("Нужно годовых комплектов АРВ-препаратов", sums["out_annual_kits_needed"], included),
        _section_tests(sums, Section.HIV, included, "Исследований: диагностика ВИЧ"),
        _section_tests(sums, Section.HEPATITIS, included, "Исследований: диагностика гепатитов"),
    ]


def budget_lines(products: ProductsTable | None) -> list[Line]:
    """The budget by section and by funding source from the products table, each with its regions; «нет товаров в
    сводке» when the table has none (or there is no table)."""
    heading = Line("Бюджет заявки, руб. (лист «Товары»)", heading=True)
    found = {row[0]: row for row in products.rows if row and row[0] in dict(BUDGET)} if products else {}
    regions = next((row for row in products.rows if row and row[0] == REGIONS_LABEL), None) if products else None
    if not found or regions is None or not regions[6]:
        return [heading, Line("Стоимость заявки", None, 0, NO_PRODUCTS)]
    lines = [heading]
    for key, label in BUDGET:
        row = found.get(key)
        if row is None:
            continue
        cost = row[5] if is_number(row[5]) else None
        note = str(row[7] or "") if cost is not None else (str(row[7] or "") or "стоимость не посчитана: нет цен")
        lines.append(Line(label[:1].upper() + label[1:], cost, row[6], note, ROUBLES))
    left_out = "не все регионы итога — см. «Товары»" if regions[7] else ""
    lines.append(Line("Регионов в сводке товаров", regions[6], None, left_out))
    return lines


def _reasons(row: RegionRow, last_year: Mapping[str, int] | None) -> list[tuple[int, Decimal, str]]:
    """(rank, weight, reason) of one region: rank 0 errors, 1 coverage, 2 the 2006 figure, 3 last year."""
    found: list[tuple[int, Decimal, str]] = []
    if row.severity is Severity.ERROR:
        parts = []
        if row.status.isdigit():
            parts.append(f"не пройдено проверок {row.status}")
        elif row.status != "OK":
            parts.append(row.status)
        if row.errors:
            parts.append(f"строк в problems.csv {row.errors}")
        found.append((0, Decimal(0), "ошибки: " + ", ".join(parts)))
    coverage, band = row.value(COVERAGE), row.value(COVERAGE_BAND)
    if is_number(coverage) and band and band != IN_BAND:
        low, high = Decimal(k.ART_NEED_LOW.percent), Decimal(k.ART_NEED_HIGH.percent)
        found.append((1, max(low - coverage, coverage - high), f"охват {whole(coverage)} % — {band}"))
    estimate, published = row.value("out_art_need_estimate"), row.value(PUBLISHED_2006)
    if is_number(estimate) and is_number(published) and published > 0:
        change = (Decimal(estimate) - published) * 100 / published
        if abs(change) > FAR_FROM_2006:
            found.append((2, abs(change), f"расчёт нуждающихся {whole(estimate)} против {whole(published)} "
                          f"в письме 2006 г. ({change:+.0f} %)"))  # fmt: skip
    kits, before = row.value("out_annual_kits_needed"), (last_year or {}).get(row.region)
    if is_number(kits) and before is not None and is_number(before) and before > 0:
        change = (Decimal(kits) - before) * 100 / before
        if abs(change) > FAR_FROM_LAST_YEAR:
            found.append((3, abs(change), f"комплектов {whole(kits)} против {whole(before)} в прошлом году "
                          f"({change:+.0f} %)"))  # fmt: skip
    return found


def attention(rows: Sequence[RegionRow], last_year: Mapping[str, int] | None = None) -> list[tuple[str, str]]:
    """(region, its reasons) of every region to look at first, one row each, the worst first: errors, then coverage
    outside the band (furthest first), then an estimate far from 2006 (furthest first), then large changes against
    last year; a region with several reasons is placed by its worst and shows them all.

    ``last_year``: region → last year's annual kits (a previous campaign's table); None: that check is left out.

    >>> rows = [RegionRow.of("Б", "b.xlsx", "OK", True, {"in_planned_on_art": 300, "in_registered": 1000}, None),
    ...         RegionRow.of("А", "a.xlsx", "2", False, {"in_planned_on_art": 100, "in_registered": 1000}, None)]
    >>> attention(rows)
    [('А', 'ошибки: не пройдено проверок 2; охват 10,0 % — ниже 13 %'), ('Б', 'охват 30,0 % — выше 20 %')]
    """
    found = []
    for row in rows:
        reasons = _reasons(row, last_year) if row.status != NOT_RECEIVED else []
        if reasons:
            rank, weight, _ = min(reasons, key=lambda reason: (reason[0], -reason[1]))
            found.append((rank, -weight, row.region.casefold(), row.region, "; ".join(text for *_, text in reasons)))
    return [(region, reasons) for *_, region, reasons in sorted(found)]


def attention_lines(rows: Sequence[RegionRow], last_year: Mapping[str, int] | None = None) -> list[Line]:
    """The block of regions to look at first, at most :data:`ATTENTION_ROWS` rows and how many more."""
    found = attention(rows, last_year)
    lines = [Line(f"Обратить внимание в первую очередь ({len(found)})", heading=True)]
    shown = found if len(found) <= ATTENTION_ROWS else found[: ATTENTION_ROWS - 1]
    lines += [Line(region, note=reason, wide=True) for region, reason in shown]
    if len(shown) < len(found):
        more = f"см. лист «{TABLE_SHEET}» и problems.csv"
        lines.append(Line(f"… и ещё {len(found) - len(shown)}", note=more, wide=True))
    if not found:
        lines.append(Line("Нет", note="ошибок нет, охват в норме, расчёт близок к письму 2006 г.", wide=True))
    chosen = f"ошибки; охват вне {IN_BAND}; расчёт нуждающихся дальше ±{FAR_FROM_2006} % от письма 2006 г.; " + (
        f"комплекты дальше ±{FAR_FROM_LAST_YEAR} % от прошлого года" if last_year is not None
        else "прошлый год не сравнивался: его данных нет"
    )  # fmt: skip
    lines.append(Line("Как отобраны", note=chosen, wide=True))
    return lines


def summary_lines(
    rows: Sequence[RegionRow], products: ProductsTable | None, last_year: Mapping[str, int] | None = None
) -> list[Line]:
    """Every row of «Сводка», in order."""
    return [*region_lines(rows), *total_lines(rows), *budget_lines(products), *attention_lines(rows, last_year)]


def add_summary_sheet(
    book: Any,
    rows: Sequence[RegionRow],
    products: ProductsTable | None,
    *,
    last_year: Mapping[str, int] | None = None,
    title: str = "Сводная заявка регионов",
) -> None:
    """The sheet «Сводка» of the (write-only) ``book``, one A4 page portrait; call it first so it is the first sheet.

    Columns: what, the figure, how many regions it covers, a note.  ``last_year``: see :func:`attention`.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    bold, heading_font, wrap = Font(bold=True), Font(bold=True, size=14), Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")  # a figure beside a wrapped label or note stands on its first line
    sheet = book.create_sheet(SHEET, 0)
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    fit = sheet.sheet_properties.pageSetUpPr
    fit.fitToPage = True
    sheet.page_setup.fitToWidth = sheet.page_setup.fitToHeight = 1  # one page: the block of regions is bounded
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5  # inches
    for letter, width in zip("ABCD", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    styled: dict[Any, Any] = {}
    sheet.append([write_only_cell(sheet, title, font=heading_font, styled=styled)])
    sheet.append([write_only_cell(sheet, value, font=bold, styled=styled) for value in
                  ("Показатель", "Значение", "Регионов", "Примечание")])  # fmt: skip
    written = 2
    for line in summary_lines(rows, products, last_year):
        if line.heading:
            sheet.append([])
            sheet.append([write_only_cell(sheet, line.label, font=bold, styled=styled)])
            written += 2
            continue
        written += 1
        label = write_only_cell(sheet, line.label, alignment=wrap, styled=styled)
        note = write_only_cell(sheet, line.note, alignment=wrap, styled=styled)
        if line.wide:
            cells = [label, note]
            sheet.merged_cells.add(f"B{written}:D{written}")
            note_width = sum(WIDTHS[1:])
        else:
            # no shared prototype: the figure's number format is its own (a prototype's style would carry it on)
            cells = [label, write_only_cell(sheet, line.value, alignment=top),
                     write_only_cell(sheet, line.regions, alignment=top), note]  # fmt: skip
            cells[1].number_format = line.number_format
            note_width = WIDTHS[3]
        lines = max(wrapped_lines(line.label, WIDTHS[0] - 1), wrapped_lines(line.note, note_width - 1))
        if lines > 1:
            sheet.row_dimensions[written].height = 15 * lines  # set before the row is written
        sheet.append(cells)
