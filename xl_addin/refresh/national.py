"""The national consolidation: national.xlsx (with a chart), national.csv and problems.csv.

One row per region of the region list, sorted by region; regions that sent
nothing are listed as not received.  A region enters the totals when its
workbook was read, is the only one for the region and every input is valid
(docs/refresh-guide.md); a total never hides a missing number: a column where
an included region has no number shows why instead of a partial sum.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xl_addin.files import atomic_write, atomic_write_text
from xl_addin.refresh.reading import Problem
from xl_addin.workbook.layout import RESULTS

NOT_RECEIVED = "не получено"
PROBLEMS_HEADER = ("Файл", "Лист", "Ячейка", "Имя", "Найдено", "Что не так")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")


@dataclass(frozen=True)
class RegionRow:
    """One region of the consolidation."""

    region: str
    file: str
    status: str
    in_totals: bool
    values: dict[str, Any]
    published_2006: int | None


def columns() -> list[tuple[str, str]]:
    """(key, Russian header) of every result column; the 2006 figure sits beside the estimate."""
    found: list[tuple[str, str]] = []
    for result in RESULTS:
        if result.cells == 1:
            found.append((result.name, result.ru))
        else:
            found += [(f"{result.name}[{part}]", f"{result.ru} [{part + 1}]") for part in range(result.cells)]
        if result.name == "out_art_need_estimate":
            found.append(("published_2006", "Опубликовано в письме на 2006 г."))
    return found


def _value(row: RegionRow, key: str) -> Any:
    if key == "published_2006":
        return row.published_2006
    if key.endswith("]"):
        name, part = key[:-1].split("[")
        value = row.values.get(name)
        return value[int(part)] if isinstance(value, list) else None
    return row.values.get(key)


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def totals(rows: Sequence[RegionRow]) -> dict[str, Any]:
    """Each column's sum over the regions in the totals, or a text saying why there is none."""
    included = [row for row in rows if row.in_totals]
    found: dict[str, Any] = {}
    for key, _ in columns():
        values = [_value(row, key) for row in included]
        if key == "published_2006":
            found[key] = sum(value for value in values if _is_number(value))
            continue
        missing = sum(not _is_number(value) for value in values)
        found[key] = sum(values) if missing == 0 else f"нет итога: не вычислено у {missing} рег."
    return found


def table(rows: Sequence[RegionRow]) -> list[list[Any]]:
    """Header, one row per region, the totals row: the same rows in national.xlsx and national.csv."""
    header = ["Регион", "Файл", "Проверки (chk_all)", "В итоге", *(title for _, title in columns())]
    body = [
        [
            row.region,
            row.file,
            row.status,
            "да" if row.in_totals else "нет",
            *(_value(row, key) for key, _ in columns()),
        ]
        for row in rows
    ]
    included = sum(row.in_totals for row in rows)
    summary = totals(rows)
    total = ["Итого", f"регионов в итоге: {included}", "", "", *(summary[key] for key, _ in columns())]
    return [header, *body, total]


def safe_text(value: Any) -> Any:
    """A cell value for CSV: a text that a spreadsheet would run as a formula gets a leading apostrophe.

    A plain number written as text ("-3", a bad input found in a cell) is left as it is.

    >>> safe_text("=HYPERLINK(1)"), safe_text("-1+A1"), safe_text("-3"), safe_text(-1), safe_text("Алтай")
    ("'=HYPERLINK(1)", "'-1+A1", '-3', -1, 'Алтай')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv(rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else safe_text(value) for value in row])
    return "\ufeff" + buffer.getvalue()  # BOM: Russian Excel opens UTF-8 correctly


def write_problems(path: Path, problems: Sequence[Problem]) -> None:
    """problems.csv: one row per problem (UTF-8 with BOM, semicolons, formula-safe)."""
    rows = [PROBLEMS_HEADER, *((p.file, p.sheet, p.cell, p.name, p.value, p.problem) for p in problems)]
    atomic_write_text(path, _csv(rows))


def write_national_csv(path: Path, rows: Sequence[RegionRow]) -> None:
    """national.csv: the rows of national.xlsx."""
    atomic_write_text(path, _csv(table(rows)))


def write_national_xlsx(path: Path, rows: Sequence[RegionRow], *, largest: int = 15) -> None:
    """national.xlsx: the table with problem cells highlighted, and a chart of the largest requests."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font, PatternFill

    from xl_addin.workbook.writer import print_one_page_wide

    red = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    grey = PatternFill("solid", start_color="E7E6E6", end_color="E7E6E6")
    book = Workbook()
    sheet = book.active
    sheet.title = "Сводка"
    data = table(rows)
    for row_number, row in enumerate(data, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column_number, value)
            if isinstance(value, str):
                cell.data_type = "s"  # a region named "=…" stays a text, never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[len(data)]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        if row.status == NOT_RECEIVED:
            for cell in sheet[row_number][:4]:
                cell.fill = grey
        elif row.status != "OK":
            sheet.cell(row_number, 3).fill = red
        for column_number, (key, _) in enumerate(columns(), start=5):
            if row.status != NOT_RECEIVED and key != "published_2006" and not _is_number(_value(row, key)):
                sheet.cell(row_number, column_number).fill = red
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 30
    _chart(book, rows, largest, BarChart, Reference)
    for each in book.worksheets:
        print_one_page_wide(each)
    atomic_write(path, book.save)


def _chart(book: Any, rows: Sequence[RegionRow], largest: int, bar_chart: Any, reference: Any) -> None:
    key, title = "out_annual_kits_needed", "Годовых комплектов АРВ-препаратов нужно"
    ranked = sorted(
        ((row.region, row.values[key]) for row in rows if row.in_totals and _is_number(row.values.get(key))),
        key=lambda item: (-item[1], item[0]),
    )[:largest]
    sheet = book.create_sheet("Диаграмма")
    sheet.append(["Регион", title])
    for region, value in ranked:
        sheet.append([region, value])
        sheet.cell(sheet.max_row, 1).data_type = "s"
    if not ranked:
        return
    chart = bar_chart()
    chart.type, chart.title, chart.legend = "bar", f"Крупнейшие заявки: {title.lower()}", None
    chart.add_data(reference(sheet, min_col=2, min_row=1, max_row=len(ranked) + 1), titles_from_data=True)
    chart.set_categories(reference(sheet, min_col=1, min_row=2, max_row=len(ranked) + 1))
    chart.x_axis.scaling.orientation = "maxMin"
    chart.height, chart.width = 12, 22
    sheet.add_chart(chart, "D2")
