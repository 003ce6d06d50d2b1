"""The sheet «Проблемы» of national.xlsx: problems.csv's rows, the worst first, filterable by severity and region.

The same rows as problems.csv (:meth:`ProblemsFile.worst_first
<xl_addin.consolidation.problems_file.ProblemsFile.worst_first>` reads the rows spooled on disk that
problems.csv is written from), with the region of each file beside it: errors first, then warnings, then
information; within each, by region and file.  An autofilter on the header lets the federal centre pick
a severity or a region; the header is frozen and printed on every page.  The rows are streamed into the
write-only workbook, never held; past :data:`MAX_ROWS` the sheet stops with a note that problems.csv holds all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from xl_addin.consolidation.sheet_rows import SpooledRows
from xl_addin.consolidation.table_cells import write_only_cell
from xl_addin.core.severity import Severity
from xl_addin.workbook.printing import wrapped_lines

SHEET = "Проблемы"
#: The sheet's columns: (header, width; the first seven, 144 characters, print one page wide at about 8,5 pt); the texts of problems.csv's columns in this order (:data:`_FROM_CSV`).
COLUMNS = (
    ("Серьёзность", 14),
    ("Регион", 20),
    ("Файл", 22),
    ("Лист", 10),
    ("Ячейка", 8),
    ("Что не так", 50),
    ("Найдено", 20),
    ("Поле (имя в книге)", 24),
)
#: Each sheet column's index in a problems.csv row (Файл 0, Лист 1, Ячейка 2, Имя 3, Найдено 4, Что не так 5,
#: Серьёзность 6); the region (-1) is not in problems.csv.
_FROM_CSV = (6, -1, 0, 1, 2, 5, 4, 3)
#: The most problem rows the sheet holds (a sheet of more is not read by anyone and costs the run its time).
MAX_ROWS = 100_000
#: The fill of each severity's cell: red, orange, grey (as the regional workbook's «Проверки» colours them).
#: What :func:`~xl_addin.consolidation.table_cells.safe_text` puts an apostrophe before in a CSV.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FILLS = {Severity.ERROR.value: "FFC7CE", Severity.WARNING.value: "FFEB9C", Severity.INFO.value: "E7E6E6"}


def regions_text(file: str, regions: Mapping[str, str]) -> str:
    """The region(s) of a problem row's file: its own, or those of each file a joint row names (a warning row of
    several files, "a.xlsx; b.xlsx"); "" when unknown.

    >>> regions_text("a.xlsx", {"a.xlsx": "Алтай"}), regions_text("a.xlsx; b.xlsx", {"a.xlsx": "Алтай", "b.xlsx": "Тыва"})
    ('Алтай', 'Алтай; Тыва')
    >>> regions_text("c.xlsx", {"a.xlsx": "Алтай"})
    ''
    """
    if file in regions:
        return regions[file]
    parts = [regions.get(part, "") for part in file.split("; ")]
    return "; ".join(parts) if len(parts) > 1 and all(parts) else ""


def _height(sheet: Any, number: int, values: list[str]) -> None:
    """The height of row ``number`` for its tallest wrapped cell, set before the row is written (neither Excel nor
    LibreOffice grows a row that a file gives no height to: wrapped lines would overlap)."""
    tallest = max(
        wrapped_lines(value or "", max(1, int(width) - 1)) for value, (_, width) in zip(values, COLUMNS, strict=True)
    )
    if tallest > 1:
        sheet.row_dimensions[number].height = 15 * tallest


def shown_text(text: str) -> str:
    """A problems.csv text as the sheet shows it: without the apostrophe the CSV puts before a text that a
    spreadsheet would run as a formula (:func:`~xl_addin.consolidation.table_cells.safe_text`); the sheet's cell
    is a string cell, never a formula.

    >>> shown_text("'=HYPERLINK(1)"), shown_text("'-1+A1"), shown_text("-3"), shown_text("Алтай")
    ('=HYPERLINK(1)', '-1+A1', '-3', 'Алтай')
    """
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_START else text


def order_key(regions: Mapping[str, str]) -> Callable[[str], tuple[str, ...]]:
    """The order of files within a severity: by region (a file without one last), then by file."""

    def key(file: str) -> tuple[str, ...]:
        region = regions_text(file, regions)
        return ("1" if not region else "0", region.casefold(), file)

    return key


def add_problems_sheet(book: Any, rows: Iterable[list[str]], regions: Mapping[str, str], total: int) -> None:
    """The sheet «Проблемы» in the write-only ``book``: a header, then ``rows`` (problems.csv's rows in the order
    to show, :meth:`~xl_addin.consolidation.problems_file.ProblemsFile.worst_first`), at most :data:`MAX_ROWS` of
    ``total``; ``regions``: file → region."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from xl_addin.workbook.printing import print_one_page_wide

    sheet = book.create_sheet(SHEET)
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    print_one_page_wide(sheet)
    wrapped, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)
    fills = {text: PatternFill("solid", fgColor=colour) for text, colour in _FILLS.items()}
    styled: dict[Any, Any] = {}
    headers = [header for header, _ in COLUMNS]
    _height(sheet, 1, headers)
    out = SpooledRows(sheet)
    out.append([write_only_cell(sheet, header, font=bold, alignment=wrapped) for header in headers])
    shown = 0
    for row in rows:
        if shown == MAX_ROWS:
            break
        values = [regions_text(row[0], regions) if at < 0 else shown_text(row[at]) for at in _FROM_CSV]
        severity = write_only_cell(sheet, values[0], fill=fills.get(values[0]), alignment=wrapped, styled=styled)
        _height(sheet, shown + 2, values)
        out.append([severity, *(write_only_cell(sheet, value or None, alignment=wrapped, styled=styled)
                                for value in values[1:])])  # fmt: skip
        sheet.row_dimensions.pop(shown + 2, None)  # written with its row: not kept for thousands of rows
        shown += 1
    last = shown + 1
    sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(COLUMNS) - 1)}{last}"
    # printed without the last column (the workbook's name of the field, for a developer; on the screen and in
    # the filter it stays): seven columns print one page wide at 8 pt and more
    sheet.print_area = f"A1:{chr(ord('A') + len(COLUMNS) - 2)}{last + (shown < total or not total)}"
    if shown < total:
        counts = f"{shown:,} из {total:,}".replace(",", " ")
        note = f"показано строк: {counts}, худшие первыми; все строки — в problems.csv"
        out.append([write_only_cell(sheet, note, font=bold)])
    elif not total:
        out.append([write_only_cell(sheet, "проблем нет")])
