"""The main table of national.xlsx, sheet «Регионы»: the rows of national.csv laid out for people to read and print.

Above the column headers a row names each group of columns (the region, the HIV inputs and coverage, HIV
diagnostics, hepatitis B and C, ARV drugs, the warnings), merged over the group.  Headers are whole and wrapped, the
columns as wide as their longest word, numbers with thousands separators (coverage with one decimal), the header rows
and the region column frozen, an autofilter over the regions; printed A4 landscape on as many pages as the table
needs, never shrunk below a legible scale, the header rows and the region column repeated on every page.

Each colour means one thing, said in the legend under the table (:data:`LEGEND`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from xl_addin.consolidation import national
from xl_addin.consolidation.national import is_number
from xl_addin.consolidation.sheet_rows import SpooledRows
from xl_addin.consolidation.table_cells import number_or_text, write_only_cell
from xl_addin.core import coefficients as k
from xl_addin.core.severity import Severity
from xl_addin.request.layout import ARV, DIAGNOSTICS, RESULT_BY_NAME

SHEET = "Регионы"
#: The group row and the column headers: frozen, repeated on every printed page.
HEADER_ROWS = 2
#: The print scale in %: the body's 11 pt prints at 8.8 pt, above the 8 pt the regional workbooks' print test asks.
PRINT_SCALE = 80

RED, ORANGE, GREY, BLUE = "FFC7CE", "FFE0B2", "E7E6E6", "DDEBF7"
#: (colour, what it means): the legend rows under the table, in the colour they explain.
LEGEND = (
    (
        RED,
        f"Красный — ошибка: проверки региона не пройдены (в «{national.STATUS_TITLE}» их число) или в ячейке нет числа",
    ),
    (ORANGE, "Оранжевый — только предупреждения: ошибок нет, замечания в problems.csv"),
    (GREY, "Серый — книга региона не получена"),
    (BLUE, "Голубой — охват АРТ вне 13–20 % зарегистрированных"),
)
INTEGER, ONE_DECIMAL = "#,##0", "0.0"
#: The band text of a coverage within the band (``arv_drugs.coverage_band``).
INSIDE_BAND = f"{k.ART_NEED_LOW.percent}–{k.ART_NEED_HIGH.percent} %"

REGION_GROUP = "Регион и его книга"
HIV_INPUTS_GROUP = "ВИЧ: вход и охват"
HIV_DIAGNOSTICS_GROUP = "Диагностика ВИЧ"
HEPATITIS_GROUP = "Гепатиты B и C"
ARV_GROUP = "АРВ-препараты"
WARNINGS_GROUP = "Замечания"
_HEPATITIS = ("_hbv_", "_hcv_", "_hav_", "_hbc_")


def group_of(key: str) -> str:
    """The group of a column of ``national.columns()`` (a key).

    >>> [group_of(key) for key in ("in_registered", "coverage", "out_elisa_volume", "out_anti_hav_igm_volume",
    ...  "out_art_need_range[1]", "published_2006")]  # doctest: +NORMALIZE_WHITESPACE
    ['ВИЧ: вход и охват', 'ВИЧ: вход и охват', 'Диагностика ВИЧ', 'Гепатиты B и C', 'АРВ-препараты',
     'АРВ-препараты']
    """
    if key in (*national.SHOWN_INPUTS, national.COVERAGE, national.COVERAGE_BAND):
        return HIV_INPUTS_GROUP
    if key == national.PUBLISHED_2006:
        return ARV_GROUP
    result = RESULT_BY_NAME[key.split("[", maxsplit=1)[0]]
    if result.sheet == DIAGNOSTICS:
        return HEPATITIS_GROUP if any(part in f"{result.name}_" for part in _HEPATITIS) else HIV_DIAGNOSTICS_GROUP
    assert result.sheet == ARV, result.name  # every result is on one of the two sheets of results
    return ARV_GROUP


@functools.cache
def groups() -> tuple[tuple[str, int], ...]:
    """(title, number of columns) of each group, left to right, covering every column of ``national.table``.

    >>> groups()[0], groups()[-1]
    (('Регион и его книга', 4), ('Замечания', 1))
    """
    found: list[list[Any]] = [[REGION_GROUP, 4]]
    for key, _ in national.columns():
        title = group_of(key)
        if found[-1][0] == title:
            found[-1][1] += 1
        else:
            found.append([title, 1])
    found.append([WARNINGS_GROUP, 1])
    return tuple((title, count) for title, count in found)


def _pieces(text: str) -> list[str]:
    """The pieces a spreadsheet may wrap a text between: words, and the parts of a hyphenated word after each hyphen.

    >>> _pieces("Гепатит C, ПЦР-генотипирование: исследований")
    ['Гепатит', 'C,', 'ПЦР-', 'генотипирование:', 'исследований']
    """
    found: list[str] = []
    for word in text.split():
        parts = word.split("-")
        found += [part + "-" for part in parts[:-1] if part] + [parts[-1]]
    return [piece for piece in found if piece]


#: How much wider than Excel's width unit (a digit of the default font) a letter prints, at worst: LibreOffice may
#: substitute a wider font (DejaVu Sans for Calibri), and bold is wider still.
_LETTER = 1.2
#: The same for a row's height, where a line too many costs only room.
_LINE_LETTER = 1.0
#: A column is made wide enough for its header to wrap to at most about so many lines.
_HEADER_LINES = 4


def lines(text: str, width: float, letter: float = _LETTER) -> int:
    """How many lines ``text`` wraps to in a column ``width`` wide (Excel's unit), letters counted generously.

    >>> lines("Охват АРТ против 13–20 % (Прил. 2 §1)", 14), lines("OK", 14), lines("", 14)
    (5, 1, 1)
    """
    room = max(1.0, (width - 1) / letter)
    count, used = 1, 0.0
    for piece in _pieces(text):
        size = float(len(piece) + (0 if used == 0 else 1))
        if used and used + size > room:
            count, used = count + 1, 0.0
            size = float(len(piece))
        if size > room:  # a piece longer than a line breaks inside it
            count += int(size // room)
            size = size % room
        used += size
    return count


def widths(table: Sequence[Sequence[Any]]) -> list[float]:
    """Each column's width: room for the longest piece of its header, its longest number with separators and its
    shortest texts; the region and file columns as wide as their longest value, within bounds."""
    header = table[0]
    found: list[float] = []
    for column, title in enumerate(header):
        values = [number_or_text(row[column]) for row in table[1:-2]]  # the regions: the totals' texts wrap
        longest_piece = max(len(piece) for piece in _pieces(str(title)))
        numbers = [len(f"{value:,}") for value in values if is_number(value)]
        texts = [len(value) for value in values if isinstance(value, str)]
        need = max(
            longest_piece * _LETTER + 2,  # no word broken
            len(str(title)) * _LETTER / _HEADER_LINES + 2,  # the header in a few lines
            max(numbers, default=0) * 1.15 + 3,
            11.0,
        )
        if column in (0, 1):  # the region and the file: whole on one line when it can be
            need = min(max(need, max(texts, default=0) * _LINE_LETTER + 3, 20.0), 36.0)
        elif texts:
            need = max(need, min(max(texts) * _LETTER + 2, 16.0))
        found.append(round(need, 1))
    return found


@dataclass(frozen=True)
class _Style:
    """What a cell looks like: a key of the sheet's prototype cells (openpyxl hashes a style each time one is set)."""

    fill: str | None = None
    bold: bool = False
    wrap: bool = False
    centre: bool = False
    number_format: str | None = None


class _Cells:
    """Cells of one write-only sheet, each style made once on a prototype and copied to the others."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.prototypes: dict[_Style, Any] = {}

    def __call__(self, value: Any, style: _Style) -> Any:
        made = write_only_cell(self.sheet, value)
        prototype = self.prototypes.get(style)
        if prototype is not None:
            made._style = copy(prototype._style)
            return made
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # once a style: not once a cell

        thin = Side(style="thin", color="A6A6A6")
        made.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        if style.fill is not None:
            made.fill = PatternFill("solid", start_color=style.fill, end_color=style.fill)
        if style.bold:
            made.font = Font(bold=True)
        made.alignment = Alignment(wrap_text=style.wrap, vertical="top", horizontal="center" if style.centre else None)
        if style.number_format is not None:
            made.number_format = style.number_format
        self.prototypes[style] = made
        return made


def _body_styles(row: Any, keys: Sequence[str]) -> list[_Style]:
    """The styles of one region's cells: grey when nothing was received, the status red (errors) or orange (warnings
    only), a result without a number red, the coverage outside its band blue."""
    if row.status == national.NOT_RECEIVED:
        return [_Style(GREY, wrap=True, number_format=_format(key)) for key in ("", "", "", "", *keys, "")]
    status = {Severity.ERROR: RED, Severity.WARNING: ORANGE, None: None}[row.severity]
    styles = [_Style(wrap=True), _Style(wrap=True), _Style(status, wrap=True), _Style()]
    for key in keys:
        value = row.value(key)
        if key == national.PUBLISHED_2006:
            fill = None
        elif key == national.COVERAGE_BAND:
            fill = RED if value is None else _band_fill(value)
        elif key == national.COVERAGE:
            fill = RED if value is None else _band_fill(row.value(national.COVERAGE_BAND))
        else:
            fill = None if is_number(value) else RED
        styles.append(_Style(fill, wrap=isinstance(value, str), number_format=_format(key)))
    return [*styles, _Style(number_format=INTEGER)]


def _band_fill(band: Any) -> str | None:
    return BLUE if isinstance(band, str) and band != INSIDE_BAND else None


def _format(key: str) -> str:
    return ONE_DECIMAL if key == national.COVERAGE else INTEGER


def _height(values: Sequence[Any], styles: Sequence[_Style], column_widths: Sequence[float]) -> float | None:
    """The height of a row whose wrapped texts need more than one line (15 pt a line), else None (the default)."""
    most = max(
        (
            lines(value, width, _LETTER if style.bold else _LINE_LETTER)  # bold letters are wider: the totals' labels
            for value, style, width in zip(values, styles, column_widths, strict=False)
            if style.wrap and isinstance(value, str)
        ),
        default=1,
    )
    return None if most == 1 else 15.0 * most + 3


class _Rows:
    """The rows of one write-only sheet: each row's height is set before the row (it is written with it)."""

    def __init__(self, sheet: Any, column_widths: Sequence[float]) -> None:
        self.sheet, self.widths, self.cell, self.rows = sheet, column_widths, _Cells(sheet), SpooledRows(sheet)

    @property
    def count(self) -> int:
        """Rows written."""
        return self.rows.count

    def append(self, values: Sequence[Any], styles: Sequence[_Style]) -> None:
        height = _height(values, styles, self.widths)
        if height is not None:
            self.sheet.row_dimensions[self.count + 1].height = height
        self.rows.append([self.cell(value, style) for value, style in zip(values, styles, strict=True)])


def add_sheet(book: Any, rows: Sequence[national.RegionRow]) -> None:
    """The sheet «Регионы» of ``book`` (a write-only workbook): the rows of ``national.table(rows)``, styled."""
    table = national.table(rows)
    keys = [key for key, _ in national.columns()]
    sheet = book.create_sheet(SHEET)
    column_widths = widths(table)
    last = get_column_letter(len(column_widths))
    _print_setup(sheet)  # a write-only sheet takes its setup before its first row
    for number, width in enumerate(column_widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = f"B{HEADER_ROWS + 1}"
    sheet.print_title_rows, sheet.print_title_cols = f"1:{HEADER_ROWS}", "A:A"
    sheet.auto_filter.ref = f"A{HEADER_ROWS}:{last}{HEADER_ROWS + len(rows)}"
    out = _Rows(sheet, column_widths)

    group = _Style(bold=True)  # left: a group wider than a page is named on the page where it starts
    line: list[Any] = []
    for title, count in groups():
        start = len(line) + 1
        line += [title] + [None] * (count - 1)
        if count > 1:
            sheet.merged_cells.add(f"{get_column_letter(start)}1:{get_column_letter(start + count - 1)}1")
    out.append(line, [group] * len(line))

    header, *lines_ = table
    out.append(header, [_Style(bold=True, wrap=True, centre=True)] * len(header))
    body, summary = lines_[: len(rows)], lines_[len(rows) :]  # summary: the totals row and the letter's total
    for row, values in zip(rows, body, strict=True):
        out.append(values, _body_styles(row, keys))
    band = 4 + keys.index(national.COVERAGE_BAND)
    for values in summary:
        styles = [_Style(bold=True, wrap=True, number_format=_format(key)) for key in ("", "", "", "", *keys, "")]
        for column in (band - 1, band):  # the nation's coverage against the band
            styles[column] = _Style(
                _band_fill(values[band]), bold=True, wrap=True, number_format=_format(keys[column - 4])
            )
        out.append(values, styles)
    out.append([], [])
    out.append(["Цвета ячеек:"], [_Style(bold=True)])
    for colour, meaning in LEGEND:
        out.append([meaning], [_Style(colour, wrap=True)])


def _print_setup(sheet: Any) -> None:
    """A4 landscape at ``PRINT_SCALE`` %, as many pages as the table needs (the regions down, then the groups across),
    page numbers in the footer."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", Worksheet.PAPERSIZE_A4
    sheet.page_setup.scale = PRINT_SCALE
    sheet.page_setup.pageOrder = "downThenOver"
    fit = sheet.sheet_properties.pageSetUpPr
    if fit is not None:
        fit.fitToPage = False
    margins = sheet.page_margins
    margins.left = margins.right = margins.top = margins.bottom = 0.4  # inches
    margins.header = margins.footer = 0.2
    sheet.oddFooter.center.text = "Регионы — страница &P из &N"
