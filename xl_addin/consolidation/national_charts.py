"""The charts of national.xlsx (issue 20): native charts that Excel and LibreOffice both draw, each on its own sheet
beside the data table its series read.

- «Охват АРТ»: the ART coverage of each region (planned on ART ÷ registered, %) as bars sorted from the highest,
  regions inside the 13–20 % band in one colour and those outside in another (two series: a region has its bar
  in one of them), and the band's 13 % and 20 % as two lines across;
- «Стоимость по регионам»: the cost of each region's request split by section (HIV diagnostics, hepatitis
  diagnostics, ARV drugs), stacked bars, the most expensive on top; the costs come from the products sheets of the
  regions in the products table (:func:`costs_by_region`);
- «Каскад лечения»: the letter's cascade summed over the regions in the totals (:func:`cascade`): detected
  cumulatively → expected under dispensary observation (80 % of detected) → to be treated (13 % and 20 % of them,
  two bars) → planned on ART by the regions.

Every axis is written explicitly shown (``delete = False``): openpyxl writes no ``<c:delete>`` and Excel then hides
the axis (issue 13, as the regional workbook's cascade chart).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from xl_addin.consolidation import national
from xl_addin.consolidation.national import COVERAGE, NOT_RECEIVED, RegionRow, is_number
from xl_addin.consolidation.national_products import ProductsTable
from xl_addin.consolidation.products import ProductLine
from xl_addin.consolidation.table_cells import write_only_cell
from xl_addin.core import coefficients as k
from xl_addin.request.products_layout import Section

COVERAGE_SHEET, COST_SHEET, CASCADE_SHEET = "Охват АРТ", "Стоимость по регионам", "Каскад лечения"
LOW, HIGH = Decimal(k.ART_NEED_LOW.percent), Decimal(k.ART_NEED_HIGH.percent)
BAND = f"{k.ART_NEED_LOW.percent}–{k.ART_NEED_HIGH.percent} %"
COVERAGE_HEADER = ("Регион", f"Охват АРТ, %: в пределах {BAND}", f"Охват АРТ, %: вне {BAND}",
                   f"Нижняя граница, {k.ART_NEED_LOW.percent} %", f"Верхняя граница, {k.ART_NEED_HIGH.percent} %",
                   "Зарегистрировано живущих с ВИЧ", "Планируется лечить (АРТ)")  # fmt: skip
#: The sections of a region's cost, in the chart's order: (Section value, the series' title).
COST_SECTIONS = (
    (Section.HIV.value, "Диагностика ВИЧ"),
    (Section.HEPATITIS.value, "Диагностика гепатитов"),
    (Section.ARV.value, "АРВ-препараты"),
)
COST_HEADER = ("Регион", *(title for _, title in COST_SECTIONS), "Всего, руб.")
CASCADE_HEADER = ("Шаг каскада (Прил. 2, «Для оценки объема»)", "Человек", "Откуда")
#: The cascade's steps: (label, the table's column summed, where it comes from).
CASCADE_STEPS = (
    ("1. Выявлено, нарастающим итогом", "in_detected_cumulative", "сумма «Выявлено случаев ВИЧ-инфекции»"),
    ("2. Ожидается под диспансерным наблюдением (80 % выявленных)", "out_dispensary_expected",
     "сумма «Ожидается под диспансерным наблюдением»"),
    (f"3. Подлежат лечению: от ({k.ART_NEED_LOW.percent} % наблюдаемых)", "out_treatment_need_range[0]",
     "сумма «Подлежат лечению по каскаду письма» [1]"),
    (f"3. Подлежат лечению: до ({k.ART_NEED_HIGH.percent} % наблюдаемых)", "out_treatment_need_range[1]",
     "сумма «Подлежат лечению по каскаду письма» [2]"),
    ("4. Планируют лечить регионы (АРТ)", "in_planned_on_art", "сумма «Пациентов, которых планируется лечить»"),
)  # fmt: skip
WHOLE, ROUBLES, PERCENT = "#,##0", "#,##0.00", "0.0"


def _axes_shown(chart: Any) -> None:
    chart.x_axis.delete = chart.y_axis.delete = False


def coverage_table(rows: Sequence[RegionRow]) -> list[list[Any]]:
    """The coverage chart's rows: one per region with a coverage, the highest first (ties by name), its coverage in
    the column of its band, the band's two bounds, and the figures behind the coverage.

    >>> rows = [RegionRow.of(name, "x.xlsx", "OK", True, {"in_planned_on_art": planned, "in_registered": 1000}, None)
    ...         for name, planned in (("А", 150), ("Б", 250), ("В", 100))]
    >>> [(row[0], row[1], row[2]) for row in coverage_table(rows)]
    [('Б', None, Decimal('25.0')), ('А', Decimal('15.0'), None), ('В', None, Decimal('10.0'))]
    """
    found = [row for row in rows if row.status != NOT_RECEIVED and is_number(row.value(COVERAGE))]
    found.sort(key=lambda row: (-row.value(COVERAGE), row.region.casefold()))
    table = []
    for row in found:
        coverage = row.value(COVERAGE)
        inside = LOW <= coverage <= HIGH
        table.append([row.region, coverage if inside else None, None if inside else coverage, LOW, HIGH,
                      row.value("in_registered"), row.value("in_planned_on_art")])  # fmt: skip
    return table


def costs_by_region(
    files: Iterable[tuple[str, str, str, list[ProductLine]]], rows: Sequence[RegionRow]
) -> dict[str, dict[str, Decimal]]:
    """Region → section (``Section.value``) → the cost of its priced lines, for the regions whose lines enter the
    products table (in the totals, nothing left out: as ``national_products.consolidate`` takes them).

    ``files``: ``ProductsSpool.files()`` (file, region, why left out, lines) — run.py passes the spool it gives to
    ``national_products.consolidate``.  A line without a price adds nothing (never a made-up 0).

    >>> line = ProductLine("D-01", "ИФА", 96, 10, Decimal("500.00"), "hiv", "")
    >>> rows = [RegionRow.of("Алтай", "a.xlsx", "OK", True, {}, None), RegionRow.of("Тыва", "t.xlsx", "2", False, {}, None)]
    >>> costs_by_region([("a.xlsx", "Алтай", "", [line, line]), ("t.xlsx", "Тыва", "", [line])], rows)
    {'Алтай': {'hiv': Decimal('1000.00')}}
    """
    included = {row.file for row in rows if row.in_totals}
    found: dict[str, dict[str, Decimal]] = {}
    for file, region, left_out, lines in files:
        if file not in included or left_out:
            continue
        costs = found.setdefault(region, {})
        for line in lines:
            if line.cost is not None:
                costs[line.section] = costs.get(line.section, Decimal("0.00")) + line.cost
    return {region: costs for region, costs in found.items() if costs}


def cost_table(costs: Mapping[str, Mapping[str, Decimal]]) -> list[list[Any]]:
    """The cost chart's rows: region, its cost of each section (blank when none), the whole; the largest first.

    >>> cost_table({"А": {"hiv": Decimal("10.00")}, "Б": {"arv": Decimal("5.00"), "hiv": Decimal("7.50")}})
    [['Б', Decimal('7.50'), None, Decimal('5.00'), Decimal('12.50')], ['А', Decimal('10.00'), None, None, Decimal('10.00')]]
    """
    ranked = sorted(
        ((sum(by_section.values(), Decimal("0.00")), region, by_section) for region, by_section in costs.items()),
        key=lambda item: (-item[0], item[1].casefold()),
    )
    table = [
        [region, *(by_section.get(section) for section, _ in COST_SECTIONS), whole]
        for whole, region, by_section in ranked
    ]
    return table


def cascade(rows: Sequence[RegionRow]) -> list[list[Any]]:
    """The cascade's rows: step, persons (the totals row's sum; None when the total is missing) and where it comes
    from, or why there is no total.

    >>> [row[1] for row in cascade([RegionRow.of("А", "a.xlsx", "OK", True, {"in_detected_cumulative": 1000,
    ...     "out_dispensary_expected": 800, "out_treatment_need_range": [104, 160], "in_planned_on_art": 120}, None)])]
    [1000, 800, 104, 160, 120]
    """
    sums = national.totals(rows)
    return [
        [label, sums[key], source] if is_number(sums[key]) else [label, None, str(sums[key])]
        for label, key, source in CASCADE_STEPS
    ]


#: The height of a default row in cm (15 pt): a chart placed above its table leaves this many cm per empty row.
ROW_CM = 0.53
#: Regions on one chart: more are drawn on several charts, one a printed page, every label 10 pt (the print test's
#: 8 pt yardstick: a chart's 10 pt prints as tall as a cell's 8 pt).
PER_CHART = 36


def _parts(count: int) -> list[tuple[int, int]]:
    """(first, how many) of each chart's regions: as even as can be, at most :data:`PER_CHART` a chart.

    >>> _parts(89), _parts(10), _parts(0), _parts(36), _parts(37)
    ([(0, 30), (30, 30), (60, 29)], [(0, 10)], [], [(0, 36)], [(0, 19), (19, 18)])
    """
    charts = -(-count // PER_CHART)
    starts = [-(-count * part // charts) for part in range(charts)] + [count]
    return [(start, end - start) for start, end in itertools.pairwise(starts)]


def _block(height: float) -> int:
    """The rows a chart ``height`` cm tall takes with the gap after it."""
    return -(-int(height * 100) // int(ROW_CM * 100)) + 2


def _sheet(
    book: Any,
    title: str,
    header: Sequence[str],
    widths: Sequence[int],
    *,
    blocks: Sequence[int] = (),
    portrait: bool = False,
) -> tuple[Any, int]:
    """A chart sheet: empty rows for the charts on top (``blocks``: each chart's rows, a page break after each),
    then the bold header; returns the sheet and the header's row."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.pagebreak import Break

    from xl_addin.workbook.printing import print_one_page_wide

    sheet = book.create_sheet(title)
    print_one_page_wide(sheet)
    if portrait:
        sheet.page_setup.orientation = "portrait"
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    styled: dict[Any, Any] = {}
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    end = 0
    for rows in blocks:
        end += rows
        sheet.row_breaks.append(Break(id=end))
    for _ in range(end):
        sheet.append([])
    first = end + 1
    sheet.row_dimensions[first].height = 15 * max(1, *(-(-len(text) // max(width - 2, 1)) for text, width in
                                                       zip(header, widths, strict=False)))  # fmt: skip
    sheet.append([write_only_cell(sheet, value, font=bold, alignment=wrap, styled=styled) for value in header])
    return sheet, first


def _rows(sheet: Any, table: Sequence[Sequence[Any]], formats: Sequence[str | None]) -> None:
    for values in table:
        cells = [write_only_cell(sheet, value) for value in values]
        for cell, number_format in zip(cells, formats, strict=False):
            if number_format:
                cell.number_format = number_format
        sheet.append(cells)


def _text_ref(sheet: Any, column: int, first: int, last: int) -> Any:
    """Category labels as a string reference (openpyxl's set_categories writes a numRef for text)."""
    from openpyxl.chart import Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef

    return AxDataSource(strRef=StrRef(f=str(Reference(sheet, min_col=column, min_row=first, max_row=last))))


def _small_labels(axis: Any, rotate: bool = False) -> None:
    """Category labels 10 pt (every region's name drawn, none skipped), turned upright when ``rotate``."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RichTextProperties

    body = RichTextProperties(rot=-5400000, vert="horz") if rotate else RichTextProperties()
    axis.txPr = RichText(bodyPr=body, p=[Paragraph(pPr=ParagraphProperties(defRPr=CharacterProperties(sz=1000)),
                                                   endParaRPr=CharacterProperties())])  # fmt: skip
    axis.tickLblSkip = 1


#: The coverage chart: a landscape A4 page's width and height (cm); 36 regions' upright names at 10 pt fit in it.
COVERAGE_CHART_CM = (26, 15)
#: The cost chart (portrait): its width, and its height per region and for its title, axis and legend (cm).
COST_CHART_CM = (18, 0.5, 4)


def add_coverage_sheet(book: Any, rows: Sequence[RegionRow]) -> None:
    """The sheet «Охват АРТ»: the charts on top (a page each, :data:`PER_CHART` regions at most), their table
    (:func:`coverage_table`) below; without a region, the table alone."""
    from openpyxl.chart import BarChart, LineChart, Reference

    table = coverage_table(rows)
    width, height = COVERAGE_CHART_CM
    parts = _parts(len(table))
    widths = (32, 14, 14, 12, 12, 16, 14)
    # one scale on every part (bars comparable across pages): 0 to above the highest coverage and the band, by 5 %
    highest = max([HIGH, *(max(row[1] or 0, row[2] or 0) for row in table)])
    top_value = 5 * math.ceil((highest + 1) / 5)
    sheet, top = _sheet(book, COVERAGE_SHEET, COVERAGE_HEADER, widths, blocks=[_block(height)] * len(parts))
    for number, (first, count) in enumerate(parts):
        start, last = top + 1 + first, top + first + count
        bars = BarChart()
        bars.type, bars.grouping, bars.overlap = "col", "clustered", 100  # one bar per region, in its band's colour
        bars.title = f"Охват АРТ по регионам, % зарегистрированных (норма письма {BAND})" + _of(number, parts)
        for column in (2, 3):
            bars.add_data(Reference(sheet, min_col=column, min_row=start, max_row=last))
        lines = LineChart()
        for column in (4, 5):
            lines.add_data(Reference(sheet, min_col=column, min_row=start, max_row=last))
        for series, column in zip((*bars.series, *lines.series), (2, 3, 4, 5), strict=True):
            series.tx = _title_ref(sheet, column, top)
            series.cat = _text_ref(sheet, 1, start, last)
        for series, colour in zip(bars.series, ("4472C4", "C00000"), strict=True):
            series.graphicalProperties.solidFill = colour
        for series in lines.series:
            series.marker.symbol = "none"
            series.smooth = False
            series.graphicalProperties.line.solidFill = "000000"
            series.graphicalProperties.line.dashStyle = "dash"
        bars.y_axis.scaling.min, bars.y_axis.scaling.max = 0, float(top_value)
        bars.y_axis.number_format = '0" %"'  # not an axis title: one turned upright prints as a sliver
        _small_labels(bars.x_axis, rotate=True)
        _axes_shown(bars)
        _axes_shown(lines)
        bars += lines
        bars.legend.position = "b"
        bars.width, bars.height = width, height
        sheet.add_chart(bars, f"A{1 + number * _block(height)}")
    _rows(sheet, table, (None, PERCENT, PERCENT, "0", "0", WHOLE, WHOLE))


def _of(number: int, parts: Sequence[Any]) -> str:
    """ " (2 из 3)" on a chart of several, nothing on a lone one."""
    return f" ({number + 1} из {len(parts)})" if len(parts) > 1 else ""


def _title_ref(sheet: Any, column: int, row: int) -> Any:
    """A series' title from its column's header (a chart of a slice of the table takes it from above the slice)."""
    from openpyxl.chart import Reference
    from openpyxl.chart.data_source import StrRef
    from openpyxl.chart.series import SeriesLabel

    return SeriesLabel(strRef=StrRef(f=str(Reference(sheet, min_col=column, min_row=row))))


def add_cost_sheet(book: Any, costs: Mapping[str, Mapping[str, Decimal]] | None) -> None:
    """The sheet «Стоимость по регионам» (portrait): the stacked bars on top (a page each, :data:`PER_CHART` regions
    at most), the table (:func:`cost_table`) below; without costs, a note."""
    from openpyxl.chart import BarChart, Reference

    table = cost_table(costs or {})
    width, per_region, frame = COST_CHART_CM
    parts = _parts(len(table))
    heights = [max(8, round(count * per_region + frame)) for _, count in parts]
    widths = (30, 16, 16, 16, 16)
    sheet, top = _sheet(book, COST_SHEET, COST_HEADER, widths, blocks=[_block(h) for h in heights], portrait=True)
    anchor = 1
    for number, ((first, count), height) in enumerate(zip(parts, heights, strict=True)):
        start, last = top + 1 + first, top + first + count
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
        chart.title = "Стоимость заявки по регионам и разделам, руб." + _of(number, parts)
        for column in (2, 3, 4):
            chart.add_data(Reference(sheet, min_col=column, min_row=start, max_row=last))
        for series, column in zip(chart.series, (2, 3, 4), strict=True):
            series.tx = _title_ref(sheet, column, top)
            series.cat = _text_ref(sheet, 1, start, last)
        chart.x_axis.scaling.orientation = "maxMin"  # the most expensive on top
        chart.y_axis.number_format = WHOLE
        _small_labels(chart.x_axis)
        _axes_shown(chart)
        chart.legend.position = "b"
        chart.width, chart.height = width, height
        sheet.add_chart(chart, f"A{anchor}")
        anchor += _block(height)
    _rows(sheet, table, (None, ROUBLES, ROUBLES, ROUBLES, ROUBLES))
    if not table:
        sheet.append([write_only_cell(sheet, "нет товаров в сводке: стоимость по регионам не показана")])


def add_cascade_sheet(book: Any, rows: Sequence[RegionRow]) -> None:
    """The sheet «Каскад лечения»: the national cascade (:func:`cascade`) and its bars, detected on top."""
    from openpyxl.chart import BarChart, Reference

    table = cascade(rows)
    sheet, _ = _sheet(book, CASCADE_SHEET, CASCADE_HEADER, (58, 14, 48))
    last = len(table) + 1
    chart = BarChart()
    chart.type, chart.legend = "bar", None
    chart.title = "Каскад лечения по письму, сумма регионов, вошедших в итог"
    chart.y_axis.title, chart.y_axis.number_format = "Человек", WHOLE
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=last), titles_from_data=True)
    chart.series[0].cat = _text_ref(sheet, 1, 2, last)
    chart.x_axis.scaling.orientation = "maxMin"  # detected on top, as the cascade reads
    _axes_shown(chart)
    chart.height, chart.width = 10, 24
    sheet.add_chart(chart, "A9")
    _rows(sheet, table, (None, WHOLE, None))


def add_chart_sheets(
    book: Any,
    rows: Sequence[RegionRow],
    products: ProductsTable | None = None,
    *,
    costs: Mapping[str, Mapping[str, Decimal]] | None = None,
) -> None:
    """The three chart sheets of the write-only ``book``: coverage, cost by region, the cascade.

    ``costs``: region → section → roubles (:func:`costs_by_region`); None or empty: the cost sheet says there are no
    products in the summary.  ``products`` is accepted for the caller's symmetry with ``add_summary_sheet``; with a
    products table that has no regions the cost sheet is the same note.
    """
    add_coverage_sheet(book, rows)
    has_products = products is None or any(row and row[0] == "out_cost_total" and row[6] for row in products.rows)
    add_cost_sheet(book, costs if has_products else None)
    add_cascade_sheet(book, rows)
