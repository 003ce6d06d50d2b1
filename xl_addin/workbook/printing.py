"""How every sheet the project writes prints: A4 landscape, one page wide, rows tall enough for their wrapped text.

Used by the regional workbooks (:mod:`~xl_addin.workbook.writer`) and by national.xlsx
(:mod:`xl_addin.consolidation.national`); ``tests/workbook/test_print.py`` prints a filled workbook
with LibreOffice and requires every word at least 8 pt tall.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def print_one_page_wide(sheet: Worksheet) -> None:
    """Print setup of every sheet the project writes: A4 landscape, one page wide, as many pages tall as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # a write-only sheet lacks the constant
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None  # openpyxl gives every worksheet its PageSetupProperties
    fit.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.page_margins.left = sheet.page_margins.right = 0.4  # inches; more width, larger print


def wrapped_lines(text: str, per_line: int) -> int:
    """How many lines ``text`` takes wrapped at word boundaries, ``per_line`` characters a line (a longer word
    is broken), as a spreadsheet wraps it.

    >>> wrapped_lines("По письму: от", 9), wrapped_lines("По письму: от", 13), wrapped_lines("абвгдежзий", 4)
    (3, 1, 3)
    """
    lines = 0
    for paragraph in text.split("\n"):
        lines, used = lines + 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) <= per_line:
                used += 1 + len(word)
                continue
            if used:  # the word starts a new line
                lines += 1
            full, used = divmod(len(word), per_line)
            if used == 0 and full:  # it ends exactly at a line's end
                full, used = full - 1, per_line
            lines += full
    return max(lines, 1)


def fit_row_heights(sheet: Worksheet, last_row: int | None = None) -> None:
    """Give each row with wrapped text the height of its longest wrapped cell (neither Excel nor
    LibreOffice grows a row that a file gives no height to, and wrapped lines would overlap).
    Words wrap whole; a bold cell's letters are wider (a tenth fewer of them on a line).  ``last_row``: the rows
    up to it only (the products sheet: its heading, checks and table header, not the table's 60 rows)."""
    for row in sheet.iter_rows(max_row=last_row):
        lines = 1
        for cell in row:
            if not (cell.alignment.wrap_text and isinstance(cell.value, str)) or cell.value.startswith("="):
                continue
            width = sheet.column_dimensions[cell.column_letter].width or 10
            size = cell.font.sz or 11
            per_line = max(1, int(width * 11 / size * (0.9 if cell.font.b else 1)) - 1)
            lines = max(lines, wrapped_lines(cell.value, per_line))
        if lines > 1:
            number = row[0].row
            assert number is not None  # a cell of a worksheet's row knows its row
            sheet.row_dimensions[number].height = 15 * lines
