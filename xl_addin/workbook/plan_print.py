"""How «План поставок» prints (issue 22): its columns' widths, its page setup and the heights of its wrapped rows.

A4 portrait at a fixed scale, pages across after every :data:`MONTHS_A_PAGE` months and :data:`RESULTS_A_PAGE`
results, the code and the name repeated on each (:func:`print_setup`); every word at least 8 pt printed, the chart's
text too (:func:`chart_text`).  ``tests/workbook/test_plan_print.py`` prints filled plans with LibreOffice.
"""

from __future__ import annotations

from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.request.plan_layout import MONTH_LETTERS, MONTHS_HEADING_ROW, ORDER_BY, PLAN_FIRST_ROW, RESULTS
from xl_addin.request.plan_texts import PlanCheck, widest_fields
from xl_addin.request.products_model import FIRST_ROW
from xl_addin.workbook.plan_calc import LAST_ROW
from xl_addin.workbook.printing import wrapped_lines

_LAST_PLAN_ROW = PLAN_FIRST_ROW + LAST_ROW - FIRST_ROW

CODE_WIDTH, LABEL_WIDTH, MONTH_WIDTH, RESULT_WIDTH = 16, 28, 10, 13
#: Printed on A4 portrait at a fixed scale (the sheet's 11 pt prints at 8.25 pt), pages across after every
#: MONTHS_A_PAGE months and RESULTS_A_PAGE results, the code and the name (A:B) repeated on each.  Portrait, because
#: the matrix's 60 product rows then fit one page tall (on landscape A4 no scale prints 60 rows at 8 pt): no page
#: down the matrix is left blank when the list is short, and each part's header row is on every page of it.
PRINT_SCALE, MONTHS_A_PAGE, RESULTS_A_PAGE = 75, 6, 3
#: A check's sentence (and the title) wraps in the months' columns of the first printed page (C…H).
SENTENCE_LAST = MONTH_LETTERS[MONTHS_A_PAGE - 1]
#: Letters of an 11 pt line in A:SENTENCE_LAST (the 24 months' heading, the matrix's title with its legend).
SENTENCE_LETTERS = CODE_WIDTH + LABEL_WIDTH + MONTH_WIDTH * MONTHS_A_PAGE
#: Letters of the 14 pt bold title a line in A:SENTENCE_LAST (as ``printing.fit_row_heights`` counts them).
TITLE_LETTERS = int(SENTENCE_LETTERS * 11 / 14 * 0.9) - 1
#: Lines of the 24 months' heading (a formula: the selected product, why it has no plan or «Заказать до» and why).
HEADING_LINES = 3


def fit_label(sheet: Worksheet, row: int, label: str, more: int = 1) -> None:
    """A label's row (column B, wrapped) as tall as its lines, as ``printing.fit_row_heights`` measures them, or as
    ``more`` lines if more: the writer leaves this sheet's rows to it (its 60 columns of formulas would make that a
    pass over thousands)."""
    lines = max(more, wrapped_lines(label, LABEL_WIDTH - 1))
    if lines > 1:
        sheet.row_dimensions[row].height = 15 * lines


def print_setup(sheet: Worksheet) -> None:
    """A4 portrait at PRINT_SCALE %: the settings and checks on one page; the selected product's months and the chart,
    then the matrix, each from a new page; pages across after every MONTHS_A_PAGE months and RESULTS_A_PAGE results,
    columns A:B (code and name, the lines' labels) repeated on each.  Each part is one page tall, so its header row
    is on every page of it.  A fixed scale, not «fit to pages»: Excel ignores manual page breaks when fitting."""
    setup, fit = sheet.page_setup, sheet.sheet_properties.pageSetUpPr
    assert fit is not None  # openpyxl gives every worksheet its PageSetupProperties
    fit.fitToPage = False
    setup.orientation, setup.scale = "portrait", PRINT_SCALE
    margins = sheet.page_margins
    margins.left = margins.right = 0.25  # inches
    margins.top = margins.bottom = 0.4
    margins.header = margins.footer = 0.2
    sheet.print_area = f"A1:{ORDER_BY.letter}{_LAST_PLAN_ROW}"
    sheet.print_title_cols = "A:B"
    for part in (MONTHS_HEADING_ROW, PLAN_FIRST_ROW - 2):
        sheet.row_breaks.append(Break(id=part - 1))
    results = (*RESULTS, ORDER_BY)  # the eight results and «Заказать до»
    lasts = [
        *MONTH_LETTERS[MONTHS_A_PAGE - 1 :: MONTHS_A_PAGE],
        *(c.letter for c in results[RESULTS_A_PAGE - 1 :: RESULTS_A_PAGE]),
    ]
    for letter in (letter for letter in lasts if letter != results[-1].letter):  # after each page's last column
        # (a break's id: the next column's, counted from 0)
        sheet.col_breaks.append(Break(id=column_index_from_string(letter)))


def sentence_lines(check: PlanCheck, lang: str) -> int:
    """The lines a check's sentence takes wrapped in C:SENTENCE_LAST at its longest (``plan_texts.widest_fields``:
    every part of the assumptions, a write-off's cost; a code or a number six characters)."""
    sentence = check.render(lang, **widest_fields(check, lang))
    width = MONTH_WIDTH * MONTHS_A_PAGE
    return wrapped_lines(sentence, int(width * 1.1) - 1)  # a 10-point sentence: more letters than the width


def chart_text() -> RichText:
    """A chart text's properties: 11 pt."""
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=CharacterProperties(sz=1100)),
                                 endParaRPr=CharacterProperties())])  # fmt: skip
