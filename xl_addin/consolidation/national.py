"""The national consolidation: national.xlsx (with a chart) and national.csv (cells: :mod:`~xl_addin.consolidation.table_cells`).

One row per region of the region list, sorted by region; regions that sent
nothing are listed as not received.  A region enters the totals when its
workbook was read, is the only one for the region and every input is valid
(docs/refresh-guide.md); a total never hides a missing number: a column where
an included region has no number shows why instead of a partial sum.  Below the
totals, the letter's own total of 2006 (docs/interpretation.md, N2).
"""

from __future__ import annotations

import contextlib
import functools
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xl_addin.consolidation.table_cells import BOM, csv_text, write_only_cell
from xl_addin.core import art_need
from xl_addin.core.severity import Severity
from xl_addin.files import atomic_write, atomic_write_text
from xl_addin.request.layout import RESULTS

NOT_RECEIVED = "не получено"
#: The status of a workbook nobody has filled in (:mod:`~xl_addin.consolidation.untouched`): information, not an error.
NOT_FILLED = "не заполнена"
#: The totals row: sums over the regions in the totals (docs/interpretation.md, N1).
TOTAL_LABEL = "Итого по вошедшим в итог регионам"
PUBLISHED_2006 = "published_2006"
#: The last column: how many warnings (severity "предупреждение") the region's file has in problems.csv.
WARNINGS_TITLE = "Предупреждений"


@functools.cache
def columns() -> tuple[tuple[str, str], ...]:
    """(key, Russian header) of every result column; the 2006 figure sits beside the estimate."""
    found: list[tuple[str, str]] = []
    for result in RESULTS:
        if result.cells == 1:
            found.append((result.name, result.ru))
        else:
            found += [(f"{result.name}[{part}]", f"{result.ru} [{part + 1}]") for part in range(result.cells)]
        if result.name == "out_art_need_estimate":
            found.append((PUBLISHED_2006, "Опубликовано в письме на 2006 г."))
    return tuple(found)


@dataclass(frozen=True)
class RegionRow:
    """One region of the consolidation: only what the table shows (one value per column), so that a
    run of thousands of workbooks keeps a few hundred bytes per workbook, not its report."""

    region: str
    file: str
    status: str
    in_totals: bool
    cells: tuple[Any, ...]
    #: Problem rows of severity "предупреждение" of the region's file (the column ``WARNINGS_TITLE``);
    #: None for a region that sent nothing.
    warnings: int | None = None
    #: Problem rows of severity "ошибка" of the region's file, beside its failed checks (an unknown region,
    #: a wrong 2006 figure): not a column, it only colours the status cell red.
    errors: int = 0

    @classmethod
    def of(
        cls,
        region: str,
        file: str,
        status: str,
        in_totals: bool,
        values: Mapping[str, Any],
        published_2006: int | None,
        *,
        warnings: int | None = None,
        errors: int = 0,
    ) -> RegionRow:
        """The row of a region from the core's values (name → value, a list for a range).

        >>> row = RegionRow.of("Алтай", "a.xlsx", "OK", True, {"out_elisa_volume": 1200}, 300, warnings=2)
        >>> row.value("out_elisa_volume"), row.value(PUBLISHED_2006), row.value("out_art_need_range[1]")
        (1200, 300, None)
        >>> row.severity
        <Severity.WARNING: 'предупреждение'>
        """
        cells = tuple(_pick(values, published_2006, key) for key, _ in columns())
        return cls(region, file, status, in_totals, cells, warnings, errors)

    def value(self, key: str) -> Any:
        """The value of one column (a key of ``columns()``)."""
        return self.cells[_column_index()[key]]

    @property
    def severity(self) -> Severity | None:
        """The most serious finding of the region: an error (a failed check, ``chk_all`` not "OK", or an error
        row such as an unknown region), a warning alone, or None (clean, or nothing received).

        >>> [RegionRow.of("А", "a.xlsx", status, True, {}, None, warnings=1, errors=errors).severity
        ...  for status, errors in (("OK", 0), ("2", 0), ("OK", 1))]
        [<Severity.WARNING: 'предупреждение'>, <Severity.ERROR: 'ошибка'>, <Severity.ERROR: 'ошибка'>]
        >>> RegionRow.of("А", "", NOT_RECEIVED, False, {}, None).severity is None
        True
        """
        if self.status in (NOT_RECEIVED, NOT_FILLED):
            return None
        if self.status != "OK" or self.errors:
            return Severity.ERROR
        return Severity.WARNING if self.warnings else None


@functools.cache
def _column_index() -> dict[str, int]:
    return {key: index for index, (key, _) in enumerate(columns())}


def _pick(values: Mapping[str, Any], published_2006: int | None, key: str) -> Any:
    if key == PUBLISHED_2006:
        return published_2006
    if key.endswith("]"):
        name, part = key[:-1].split("[")
        value = values.get(name)
        return value[int(part)] if isinstance(value, list) else None
    return values.get(key)


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def totals(rows: Sequence[RegionRow]) -> dict[str, Any]:
    """Each column's sum over the regions in the totals, or a text saying why there is none."""
    included = [row for row in rows if row.in_totals]
    found: dict[str, Any] = {}
    for key, _ in columns():
        values = [row.value(key) for row in included]
        if key == PUBLISHED_2006:
            found[key] = sum(value for value in values if _is_number(value))
            continue
        missing = sum(not _is_number(value) for value in values)
        found[key] = sum(values) if missing == 0 else f"нет итога: не вычислено у {missing} рег."
    return found


def letter_total() -> list[Any]:
    """The letter's own total of 2006 (docs/interpretation.md, N2): "Всего в Российской Федерации 58333",
    which counts row 1 "Без определенного места жительства" (not a region); other result cells blank.

    Both numbers come from the shipped table, whose rows must add up to the letter's total.

    >>> row = letter_total()
    >>> row[:2]
    ['Всего по письму (в т. ч. 561 без определенного места жительства)', '«Всего в Российской Федерации»: строки 1–90 таблицы 2006 г.']
    >>> [value for value in row[4:] if value is not None]
    [58333]
    """
    outside = art_need.not_a_subject_row()
    rows = len(art_need.subjects_2006())
    return [
        f"Всего по письму (в т. ч. {outside.art_need_2006} {outside.name[:1].lower()}{outside.name[1:]})",
        f"«Всего в Российской Федерации»: строки 1–{rows} таблицы 2006 г.",
        "",
        "",
        *(art_need.published_total_2006() if key == PUBLISHED_2006 else None for key, _ in columns()),
        None,
    ]


def table(rows: Sequence[RegionRow]) -> list[list[Any]]:
    """Header, one row per region, the totals row over the regions in the totals, then the letter's own
    total (``letter_total``): the same rows in national.xlsx and national.csv.

    The last column counts the warnings of the region's file (blank for a region that sent nothing).

    >>> header, total, letter = table([])
    >>> total[:2], letter[0], header[-1]
    (['Итого по вошедшим в итог регионам', 'регионов в итоге: 0'], 'Всего по письму (в т. ч. 561 без определенного места жительства)', 'Предупреждений')
    """
    header = ["Регион", "Файл", "Проверки (chk_all)", "В итоге", *(title for _, title in columns()), WARNINGS_TITLE]
    body = [
        [
            row.region,
            row.file,
            row.status,
            "да" if row.in_totals else "нет",
            *(row.value(key) for key, _ in columns()),
            row.warnings,
        ]
        for row in rows
    ]
    included = sum(row.in_totals for row in rows)
    summary = totals(rows)
    total = [TOTAL_LABEL, f"регионов в итоге: {included}", "", "", *(summary[key] for key, _ in columns()), ""]
    return [header, *body, total, letter_total()]


def write_national_csv(path: Path, rows: Sequence[RegionRow]) -> None:
    """national.csv: the rows of national.xlsx."""
    atomic_write_text(path, BOM + csv_text(table(rows)))


def write_national_xlsx(
    path: Path, rows: Sequence[RegionRow], *, largest: int = 15, sheets: Sequence[Callable[[Any], None]] = ()
) -> None:
    """national.xlsx: the table with problem cells highlighted, a chart of the largest requests and the
    ``sheets`` others add (each called with the write-only workbook: the products table's sheet «Товары»,
    :func:`xl_addin.consolidation.national_products.add_sheet`).

    The status cell ("Проверки (chk_all)") is red for a region with errors, orange for one whose
    checks are "OK" but which has warnings, plain when clean; a region that sent nothing is grey.
    Written row by row (openpyxl's write-only mode), so a consolidation of thousands of
    workbooks costs no more memory than its table.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from xl_addin.workbook.printing import print_one_page_wide

    red = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    orange = PatternFill("solid", start_color="FFE0B2", end_color="FFE0B2")
    status_fill = {Severity.ERROR: red, Severity.WARNING: orange, None: None}
    grey = PatternFill("solid", start_color="E7E6E6", end_color="E7E6E6")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Сводка")
    print_one_page_wide(sheet)  # a write-only sheet takes its setup before its first row
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 30

    styled: dict[Any, Any] = {}
    header, *lines = table(rows)
    body, summary = lines[: len(rows)], lines[len(rows) :]  # summary: the totals row and the letter's total
    sheet.append([write_only_cell(sheet, value, font=bold, styled=styled) for value in header])
    for row, values in zip(rows, body, strict=True):
        fills: list[Any] = [grey] * 4 if row.status == NOT_RECEIVED else [None, None, status_fill[row.severity], None]
        for key, _ in columns():
            problem = row.status != NOT_RECEIVED and key != PUBLISHED_2006 and not _is_number(row.value(key))
            fills.append(red if problem else None)
        fills.append(None)  # the warnings count
        sheet.append(
            [write_only_cell(sheet, value, fill, styled=styled) for value, fill in zip(values, fills, strict=True)]
        )
    for values in summary:
        sheet.append([write_only_cell(sheet, value, font=bold, alignment=wrap, styled=styled) for value in values])
    _chart(book, rows, largest)
    for add_sheet in sheets:
        add_sheet(book)
    saved = io.BytesIO()  # in memory first: a full disk then fails in our write, not inside openpyxl's zip
    try:
        book.save(saved)
    finally:
        _close_rows(book)
    atomic_write(path, lambda temporary: temporary.write_bytes(saved.getvalue()))


def _close_rows(book: Any) -> None:
    """End the row writers a failed save leaves open (openpyxl's write-only sheets keep a generator each), so
    that none of them is left to print "Exception ignored" when it is collected; a normal save ended them all."""
    for sheet in book.worksheets:
        rows = getattr(sheet, "_rows", None)
        if rows is not None:
            with contextlib.suppress(OSError, ValueError):  # its file went with the failed save: nothing to write
                rows.close()


def _chart(book: Any, rows: Sequence[RegionRow], largest: int) -> None:
    from openpyxl.chart import BarChart, Reference

    from xl_addin.workbook.printing import print_one_page_wide

    key, title = "out_annual_kits_needed", "Годовых комплектов АРВ-препаратов нужно"
    ranked = sorted(
        ((row.region, row.value(key)) for row in rows if row.in_totals and _is_number(row.value(key))),
        key=lambda item: (-item[1], item[0]),
    )[:largest]
    sheet = book.create_sheet("Диаграмма")
    print_one_page_wide(sheet)
    if ranked:
        chart = BarChart()
        chart.type, chart.title, chart.legend = "bar", f"Крупнейшие заявки: {title.lower()}", None
        chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=len(ranked) + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(ranked) + 1))
        chart.x_axis.scaling.orientation = "maxMin"
        chart.height, chart.width = 12, 22
        sheet.add_chart(chart, "D2")
    sheet.append(["Регион", title])
    for region, value in ranked:
        sheet.append([write_only_cell(sheet, region), write_only_cell(sheet, value)])
