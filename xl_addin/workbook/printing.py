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


def fit_row_heights(sheet: Worksheet) -> None:
    """Give each row with wrapped text the height of its longest wrapped cell (neither Excel nor
    LibreOffice grows a row that a file gives no height to, and wrapped lines would overlap)."""
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if not (cell.alignment.wrap_text and isinstance(cell.value, str)) or cell.value.startswith("="):
                continue
            width = sheet.column_dimensions[cell.column_letter].width or 10
            size = cell.font.sz or 11
            per_line = max(1, int(width * 11 / size) - 1)
            lines = max(lines, -(-len(cell.value) // per_line))
        if lines > 1:
            number = row[0].row
            assert number is not None  # a cell of a worksheet's row knows its row
            sheet.row_dimensions[number].height = 15 * lines
