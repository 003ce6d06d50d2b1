"""Writing the supply plan's sheets («Поставки», «План поставок», «План (расчёт)») from :mod:`plan_layout`.

The plan is native Excel formulas in both variants (it calls no function of the add-in): the
calculation is :mod:`plan_calc`, the checks :mod:`plan_checks`.  «Поставки» holds the three
input tables (Excel Tables, unlocked, validated: codes from «Товары», dates, whole units, the
status drop-down); «План поставок» the settings, the checks, the selected product's 24 months
and its chart, and per «Товары» row its months of stock (coloured by status) and its results
``out_plan_*``.  Both are protected, their input cells unlocked; the calculation sheet is hidden.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from copy import copy
from typing import Any

from openpyxl.cell import Cell
from openpyxl.chart import LineChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import column_index_from_string, get_column_letter, quote_sheetname
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.core.numbers import MAX_COUNT, MAX_COUNT_TEXT
from xl_addin.core.severity import Severity
from xl_addin.request import model
from xl_addin.request.plan_layout import (
    CHECKS_HEADING_ROW,
    MONTH_LETTERS,
    MONTH_LINES,
    MONTH_ROW,
    MONTHS,
    MONTHS_HEADING_ROW,
    ORDER_BY,
    PLAN_FIRST_ROW,
    RESULTS,
    SETTINGS,
    STATUS_LETTERS,
    TABLE_COLUMNS,
    TABLE_FIRST_ROW,
    TABLE_HEADINGS,
    TABLE_LAST_ROW,
    TABLE_NAMES,
    TABLES,
    Kind,
)
from xl_addin.request.plan_texts import MonthStatus, PlanCheck, not_checked_prefix, ship_labels
from xl_addin.request.products_layout import MONTHS_FORMAT
from xl_addin.request.products_model import FIRST_ROW
from xl_addin.workbook.plan_calc import (
    DECEMBER_AT,
    GUARD,
    LAST_ROW,
    MAX,
    MIN,
    ORDER_MONTH,
    SELECTED,
    START,
    block_letter,
    calc_cells,
    prefix,
)
from xl_addin.workbook.plan_calc import (
    MONTH_ROW as CALC_MONTH_ROW,
)
from xl_addin.workbook.plan_checks import check_formulas, flag_cells, heading_formula, order_by
from xl_addin.workbook.plan_print import (
    CODE_WIDTH,
    HEADING_LINES,
    LABEL_WIDTH,
    MONTH_WIDTH,
    RESULT_WIDTH,
    SENTENCE_LAST,
    SENTENCE_LETTERS,
    TITLE_LETTERS,
    chart_text,
    fit_label,
    print_setup,
    sentence_lines,
)
from xl_addin.workbook.printing import wrapped_lines
from xl_addin.workbook.products_formulas import LETTER

UNLOCKED = Protection(locked=False)
BOLD, WRAP = Font(bold=True), Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
STATUS = Alignment(wrap_text=True, horizontal="center", vertical="top")
MONTH_FORMAT, DATE_FORMAT = "MM.YYYY", "DD.MM.YYYY"
#: The status colours of the matrix (MonthStatus order: stockout, below min, ok, above max, no need).
COLOURS = {
    MonthStatus.STOCKOUT: "FFC7CE",
    MonthStatus.BELOW_MIN: "FFE0B2",
    MonthStatus.OK: "C6EFCE",
    MonthStatus.ABOVE_MAX: "BDD7EE",
    MonthStatus.NO_NEED: "E7E6E6",
}
CODES_LIST, STATUS_LIST = "xl_addin_plan_codes", "xl_addin_plan_statuses"
#: Dates a cell of the plan accepts (the validation; the check accepts any date): 01.01.2000 … 31.12.2100.
FIRST_DATE, LAST_DATE = 36526, 73415
_LAST_PLAN_ROW = PLAN_FIRST_ROW + LAST_ROW - FIRST_ROW

TEXT = {
    "ru": {"deliveries": "Поставки, партии на складе и расход по месяцам (не из письма: помесячный план поставок)",
           "deliveries_note": "Каждая строка — одна поставка, партия или месяц расхода; код — с листа «Товары», "
           "месяц — любая дата месяца, единицы — как в строке «Товары». Необязательно: без строк план берёт "
           "«В пути» в первый месяц, заказ — в месяц заказа, «Из него истекает» — списанным сразу.",
           "plan": "План поставок по месяцам (не из письма: хватит ли запаса каждого товара, что истечёт)",
           "checks": "Проверки плана",
           "matrix": "Запас по товарам и месяцам, месяцев потребности. Цвет — состояние месяца: красный — нехватка, "
                     "оранжевый — ниже минимума, зелёный — норма, синий — выше максимума, серый — нет потребности",
           "code": "Код", "name": "Наименование", "chart": "Запас, месяцев: минимум и максимум",
           "calc": "Служебный лист: помесячный расчёт листа «План поставок». Его формулы — часть шаблона; "
           "не изменяйте их.",
           "title": "Неверное значение", "date": "Дата (любой день месяца), с 2000 по 2100 год.",
           "count": f"Целое число ≥ 0, до {MAX_COUNT_TEXT} единиц.", "choice": "Выберите значение из списка.",
           "start": "Месяц подсчёта остатка: с января прошлого года по январь года заявки.",
           "months": "Целое число месяцев: между поставками от 1 до 60, от заказа до прихода от 0 до 60."},
    "en": {"deliveries": "Deliveries, lots on hand and monthly demand (not from the letter: the monthly supply plan)",
           "deliveries_note": "Each line is one delivery, lot or month of demand; the code from the products sheet, "
           "the month any date in it, units as on the product's row. Optional: without lines the plan takes the "
           "pipeline in the first month, the order in the order month, the expiring stock as written off at once.",
           "plan": "Monthly supply plan (not from the letter: will each product's stock last, what expires)",
           "checks": "Plan checks",
           "matrix": "Stock by product and month, months of demand. Colour: the month's status — red stockout, "
                     "orange below the minimum, green normal, blue above the maximum, grey no need",
           "code": "Code", "name": "Name", "chart": "Months of stock: minimum and maximum",
           "calc": "Working sheet: the monthly calculation of the supply plan sheet. Its formulas are part of the "
           "template; do not change them.",
           "title": "Wrong value", "date": "A date (any day of the month), from 2000 to 2100.",
           "count": f"A whole number ≥ 0, up to {MAX_COUNT:,} units.", "choice": "Choose a value from the list.",
           "start": "Month of the stock count: from January of the year before to January of the request year.",
           "months": "Whole months: between deliveries 1 to 60, from order to arrival 0 to 60."},
}  # fmt: skip


class PlanSheets:
    """Writes the plan's three sheets into ``book`` for a workbook of ``lang`` and request ``year``."""

    def __init__(self, book: Workbook, lang: str, year: int, *, protect: Callable[[Worksheet], None]) -> None:
        self.book, self.lang, self.year, self.protect = book, lang, year, protect
        self.text = TEXT[lang]

    def _define(self, name: str, sheet: Worksheet, cells: str) -> None:
        self.book.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(sheet.title)}!{cells}")

    def write(self, deliveries: Worksheet, plan: Worksheet, calc: Worksheet) -> None:
        """The three sheets; the deliveries' and settings' names first (the calculation refers to them)."""
        codes = LETTER["in_product_code"]
        self.book.defined_names[CODES_LIST] = DefinedName(
            CODES_LIST, attr_text=f"{prefix(self.lang, 'products')}${codes}${FIRST_ROW}:${codes}${LAST_ROW}"
        )
        self._deliveries(deliveries)
        self._plan(plan)
        self._calc(calc)

    # --- «Поставки» ------------------------------------------------------------------------------------------
    def _rule(self, kind: Kind) -> DataValidation:
        said = self.text
        if kind is Kind.CODE or kind is Kind.PRODUCT:
            rule = DataValidation(type="list", formula1=CODES_LIST, allow_blank=True)
            message = said["choice"]
        elif kind is Kind.STATUS:
            rule, message = DataValidation(type="list", formula1=STATUS_LIST, allow_blank=True), said["choice"]
        elif kind is Kind.COUNT:
            rule = DataValidation(type="whole", operator="between", formula1="0", formula2=str(MAX_COUNT),
                                  allow_blank=True)  # fmt: skip
            message = said["count"]
        elif kind is Kind.WHOLE:
            rule = DataValidation(type="whole", operator="between", formula1="0", formula2="60", allow_blank=True)
            message = said["months"]
        else:
            rule = DataValidation(type="date", operator="between", formula1=str(FIRST_DATE), formula2=str(LAST_DATE),
                                  allow_blank=True)  # fmt: skip
            message = said["date"]
        rule.showErrorMessage, rule.errorTitle, rule.error = True, said["title"], message
        rule.showInputMessage, rule.prompt = True, message
        return rule

    def _deliveries(self, sheet: Worksheet) -> None:
        sheet["A1"] = self.text["deliveries"]
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A2"] = self.text["deliveries_note"]
        sheet["A2"].alignment = WRAP  # across the three tables, printed whole
        sheet.merge_cells("A2:M2")
        sheet.row_dimensions[2].height = 45
        header = TABLE_FIRST_ROW - 1
        unlocked = sheet[f"A{TABLE_FIRST_ROW}"]
        unlocked.protection = UNLOCKED
        lines = 1
        for key, columns in TABLES.items():
            first = columns[0].letter
            heading = sheet[f"{first}{header - 1}"]
            heading.value, heading.font = TABLE_HEADINGS[key][0 if self.lang == "ru" else 1], BOLD
            heading.alignment = WRAP  # over its own table's columns, not over the next table's heading
            sheet.merge_cells(f"{first}{header - 1}:{columns[-1].letter}{header - 1}")
            width = sum(column.width for column in columns)
            lines = max(lines, wrapped_lines(heading.value, int(width * 0.9) - 1))
            for column in columns:
                title = sheet[f"{column.letter}{header}"]
                title.value, title.font, title.alignment = column.header(self.lang), BOLD, WRAP
                sheet.column_dimensions[column.letter].width = column.width
                first_cell = sheet[f"{column.letter}{TABLE_FIRST_ROW}"]
                first_cell._style = copy(unlocked._style)
                if column.kind in (Kind.MONTH, Kind.DATE):
                    first_cell.number_format = MONTH_FORMAT if column.kind is Kind.MONTH else DATE_FORMAT
                index = first_cell.column
                for row in range(TABLE_FIRST_ROW + 1, TABLE_LAST_ROW + 1):  # one style, set once and copied
                    cell: Any = sheet.cell(row, index)
                    cell._style = copy(first_cell._style)
                self._define(column.name, sheet, column.cells)
                rule = self._rule(column.kind)
                rule.promptTitle = column.header(self.lang)[:32]
                sheet.add_data_validation(rule)
                rule.add(column.cells.replace("$", ""))
            table = Table(displayName=TABLE_NAMES[key], ref=f"{first}{header}:{columns[-1].letter}{TABLE_LAST_ROW}")
            table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
            sheet.add_table(table)
        for gap in ("F", "J"):
            sheet.column_dimensions[gap].width = 3
        sheet.row_dimensions[header - 1].height = 15 * lines
        sheet.row_dimensions[header].height = 15 * max(  # bold: a tenth fewer letters a line
            wrapped_lines(column.header(self.lang), int(column.width * 0.9) - 1) for column in TABLE_COLUMNS
        )
        sheet.freeze_panes = f"A{TABLE_FIRST_ROW}"
        sheet.print_area = f"A1:M{TABLE_LAST_ROW}"
        sheet.print_title_rows = f"{header}:{header}"
        self.protect(sheet)
        sheet.protection.autoFilter = sheet.protection.sort = False  # the tables are filtered and sorted when protected

    # --- «План поставок» -------------------------------------------------------------------------------------
    def _plan(self, sheet: Worksheet) -> None:
        calc = prefix(self.lang, "plan_calc")
        sheet["A1"] = self.text["plan"]
        sheet["A1"].font, sheet["A1"].alignment = Font(bold=True, size=14), WRAP
        sheet.merge_cells(f"A1:{SENTENCE_LAST}1")  # on the first page: running on, it would print a page of its own
        sheet.row_dimensions[1].height = 20 * wrapped_lines(self.text["plan"], TITLE_LETTERS)
        codes, names = (f"{prefix(self.lang, 'products')}${LETTER[n]}${FIRST_ROW}:${LETTER[n]}${LAST_ROW}"
                        for n in ("in_product_code", "in_product_name"))  # fmt: skip
        selected = f"{calc}{SELECTED}"
        used = {
            "in_plan_start": (f"={calc}{START}", MONTH_FORMAT),
            "in_plan_reorder_months": (f"={calc}{MAX}-{calc}{MIN}", "0"),
            "in_plan_order_month": (f"={calc}{ORDER_MONTH}", MONTH_FORMAT),
            "in_plan_lead_months": ('=IF(ISNUMBER(C5),C5,"")', "0"),
            "in_plan_product": (f'=IF({selected}=0,"",INDEX({codes},{selected}))', "General"),
        }
        for setting in SETTINGS:
            text = setting.ru if self.lang == "ru" else setting.en
            sheet.cell(setting.row, 2, text).alignment = WRAP
            fit_label(sheet, setting.row, text)
            cell = sheet[setting.cell.replace("$", "")]
            cell.protection = UNLOCKED
            cell.fill = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
            formula, number_format = used[setting.name]
            cell.number_format = number_format  # General for a code: 101 typed stays the number «Товары» holds
            used_cell = sheet.cell(setting.row, 4, formula)  # what the plan takes: "→ 01.2007" beside a blank
            used_cell.number_format = f'"→ "{number_format}' if number_format != "General" else '"→ "@'
            used_cell.font = Font(italic=True, color="808080")
            self._define(setting.name, sheet, setting.cell)
            rule = self._rule(setting.kind)
            if setting.name == "in_plan_start":
                first, last = _serial(self.year - 1, 1, 1), _serial(self.year, 1, 31)
                rule = DataValidation(type="date", operator="between", formula1=str(first), formula2=str(last),
                                      allow_blank=True, showErrorMessage=True, errorTitle=self.text["title"],
                                      error=self.text["start"], showInputMessage=True, prompt=self.text["start"])  # fmt: skip
            elif setting.name == "in_plan_reorder_months":
                rule.formula1 = "1"
            sheet.add_data_validation(rule)
            rule.add(setting.cell.replace("$", ""))
        self._checks(sheet)
        self._months(sheet, calc, codes, names)
        self._matrix(sheet, calc)
        widths = {"A": CODE_WIDTH, "B": LABEL_WIDTH, **{letter: MONTH_WIDTH for letter in MONTH_LETTERS}}
        widths |= {column.letter: RESULT_WIDTH for column in (*RESULTS, ORDER_BY)}
        for letter, width in widths.items():
            sheet.column_dimensions[letter].width = width
        sheet.column_dimensions.group(STATUS_LETTERS[0], STATUS_LETTERS[-1], hidden=True)
        print_setup(sheet)
        self.protect(sheet)

    def _checks(self, sheet: Worksheet) -> None:
        sheet.cell(CHECKS_HEADING_ROW, 2, self.text["checks"]).font = BOLD
        not_filled = model.TEXTS[self.lang].not_filled
        judged = not_checked_prefix(self.lang)  # «Не проверено: …»: waits for the products' plans, grey (P4)
        for offset, (check, formula) in enumerate(check_formulas(self.lang).items(), start=1):
            row = CHECKS_HEADING_ROW + offset
            severity = check.severity
            word = severity.value if self.lang == "ru" else severity.en
            waiting = f'OR(C{row}="OK",C{row}="{not_filled}",LEFT(C{row},{len(judged)})="{judged}")'
            sheet.cell(row, 1, f'=IF({waiting},"","{word}")').alignment = TOP
            sheet.cell(row, 2, check.title(self.lang)).alignment = WRAP
            fit_label(sheet, row, check.title(self.lang), sentence_lines(check, self.lang))
            sheet.cell(row, 3, formula).alignment = WRAP  # beside its title's first line
            # wrapped in the months' columns of the first printed page: a sentence running on past the page's edge
            # would print cut (the next page starts again with the codes and names), and alone on a page of its own
            sheet.merge_cells(f"C{row}:{SENTENCE_LAST}{row}")
            self._define(check.check_name, sheet, f"$C${row}")
            cell = f"C{row}"
            failed = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFE0B2", Severity.INFO: "DDEBF7"}[severity]
            sheet.conditional_formatting.add(cell, FormulaRule(formula=[f'{cell}="OK"'], fill=_fill("C6EFCE"),
                                                               stopIfTrue=True))  # fmt: skip
            sheet.conditional_formatting.add(cell, FormulaRule(formula=[f'{cell}="{not_filled}"'], fill=_fill("E7E6E6"),
                                                               stopIfTrue=True))  # fmt: skip
            sheet.conditional_formatting.add(cell, FormulaRule(formula=[f'LEFT({cell},{len(judged)})="{judged}"'],
                                                               fill=_fill("E7E6E6"), stopIfTrue=True))  # fmt: skip
            sheet.conditional_formatting.add(cell, FormulaRule(formula=[f"LEN({cell})>0"], fill=_fill(failed)))
        assert CHECKS_HEADING_ROW + len(PlanCheck) < MONTHS_HEADING_ROW

    def _months(self, sheet: Worksheet, calc: str, codes: str, names: str) -> None:
        """The selected product's 24 months (rows under the checks), and their chart below them."""
        at = f"{calc}{SELECTED}"
        heading = sheet.cell(MONTHS_HEADING_ROW, 1, f"={heading_formula(self.lang, codes, names)}")
        # wrapped on the page of the first months (running on, it was cut, and overprinted the repeated A:B on the
        # next pages); three lines hold the longest: a product's name, why it has no plan or «Заказать до» with why
        heading.font, heading.alignment = BOLD, WRAP
        sheet.merge_cells(f"A{MONTHS_HEADING_ROW}:{SENTENCE_LAST}{MONTHS_HEADING_ROW}")
        sheet.row_dimensions[MONTHS_HEADING_ROW].height = 15 * HEADING_LINES
        statuses = ",".join(f'"{status.label(self.lang)}"' for status in MonthStatus)
        stock = f"{prefix(self.lang, 'products')}${LETTER['in_product_stock']}${FIRST_ROW}:${LETTER['in_product_stock']}${LAST_ROW}"

        def block(name: str, t: int) -> str:
            letter = block_letter(name, t)
            return f"INDEX({calc}${letter}${FIRST_ROW}:${letter}${LAST_ROW},{at})"

        for key, ru, en in MONTH_LINES:
            label = sheet.cell(MONTH_ROW[key], 2, ru if self.lang == "ru" else en)
            label.font, label.alignment = BOLD, TOP  # beside the first line of a two-line status
        for t, letter in enumerate(MONTH_LETTERS, start=1):
            values = {
                "opening": f"N(INDEX({stock},{at}))" if t == 1 else block("END", t - 1),
                "received": block("REC", t),
                "expired": block("X", t) if t == 1 else f"{block('X', t)}-{block('X', t - 1)}",
                "demand": block("DEM", t),
                "dispensed": block("SAT", t),
                "unmet": f"{block('DEM', t)}-{block('SAT', t)}",
                "closing": block("END", t),
                "mos": f"INDEX({letter}${PLAN_FIRST_ROW}:{letter}${_LAST_PLAN_ROW},{at})",
                "min": f"{calc}{MIN}",
                "max": f"{calc}{MAX}",
                "status": f"CHOOSE(INDEX({STATUS_LETTERS[t - 1]}${PLAN_FIRST_ROW}:{STATUS_LETTERS[t - 1]}"
                f"${_LAST_PLAN_ROW},{at})+1,{statuses})",
            }
            month = sheet[f"{letter}{MONTH_ROW['month']}"]
            month.value = f"={calc}{block_letter('DEM', t)}${CALC_MONTH_ROW}"
            month.number_format, month.font = MONTH_FORMAT, BOLD
            for key, formula in values.items():
                cell = sheet[f"{letter}{MONTH_ROW[key]}"]
                cell.value = f'=IF({at}=0,"",{formula})'
                cell.number_format = MONTHS_FORMAT if key == "mos" else "#,##0"
                if key == "status":
                    cell.alignment = STATUS  # «ниже минимума» in two lines, each word whole, at the sheet's size
        status_row = MONTH_ROW["status"]
        sheet.row_dimensions[status_row].height = 30
        cells = f"{MONTH_LETTERS[0]}{status_row}:{MONTH_LETTERS[-1]}{status_row}"
        for status in MonthStatus:
            rule = FormulaRule(formula=[f'{MONTH_LETTERS[0]}{status_row}="{status.label(self.lang)}"'],
                               fill=_fill(COLOURS[status]))  # fmt: skip
            sheet.conditional_formatting.add(cells, rule)
        chart = LineChart()
        chart.title = self.text["chart"]  # the axis says no more than the title: months of stock
        # the axes' and legend's text as large as the sheet's (11 pt: at PRINT_SCALE at least 8 pt printed)
        chart.x_axis.txPr = chart.y_axis.txPr = chart_text()
        assert chart.legend is not None  # a new chart has its legend
        chart.legend.txPr, chart.legend.position = chart_text(), "b"  # below: the months get the page's width
        first, last = MONTH_ROW["mos"], MONTH_ROW["max"]
        chart.add_data(Reference(sheet, min_col=2, max_col=2 + MONTHS, min_row=first, max_row=last), from_rows=True,
                       titles_from_data=True)  # fmt: skip
        for series in chart.series:  # straight lines between months: a smoothed curve would dip below 0
            series.smooth = False
        chart.set_categories(Reference(sheet, min_col=3, max_col=2 + MONTHS, min_row=MONTH_ROW["month"]))
        chart.x_axis.number_format = MONTH_FORMAT
        chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 writes no <c:delete>: Excel would hide them
        # in the first page's months (C…H: 11.9 cm in Excel, wider in LibreOffice), right of the columns every page
        # repeats: a chart reaching into B was printed again, cut, on each page across
        chart.height, chart.width = 10, 11  # cm
        sheet.add_chart(chart, f"{MONTH_LETTERS[0]}{MONTH_ROW['status'] + 2}")

    def _matrix(self, sheet: Worksheet, calc: str) -> None:
        """Per «Товары» row: code, name, 24 months of stock coloured by status (hidden codes), the results."""
        heading = PLAN_FIRST_ROW - 2
        title = sheet.cell(heading, 1, self.text["matrix"])  # its colours' legend in it, wrapped on the first page
        title.font, title.alignment = BOLD, WRAP
        sheet.merge_cells(f"A{heading}:{SENTENCE_LAST}{heading}")
        sheet.row_dimensions[heading].height = 15 * wrapped_lines(self.text["matrix"], int(SENTENCE_LETTERS * 0.9) - 1)
        header = PLAN_FIRST_ROW - 1
        sheet.cell(header, 1, self.text["code"]).font = BOLD
        sheet.cell(header, 2, self.text["name"]).font = BOLD
        for t, letter in enumerate(MONTH_LETTERS, start=1):
            cell = sheet[f"{letter}{header}"]
            cell.value = f"={calc}{block_letter('DEM', t)}${CALC_MONTH_ROW}"
            cell.number_format, cell.font = MONTH_FORMAT, BOLD
        for column in (*RESULTS, ORDER_BY):
            cell = sheet[f"{column.letter}{header}"]
            cell.value, cell.font, cell.alignment = column.header(self.lang), BOLD, WRAP
            if column is not ORDER_BY:  # «Заказать до» is no name of the contract
                self._define(column.name, sheet, f"${column.letter}${PLAN_FIRST_ROW}:${column.letter}${_LAST_PLAN_ROW}")
        # the results' headers wrap in their 12-wide columns (bold: a tenth fewer letters a line, as fit_row_heights)
        lines = max(wrapped_lines(column.header(self.lang), int(RESULT_WIDTH * 0.9) - 1) for column in RESULTS)
        sheet.row_dimensions[header].height = 15 * lines
        products = prefix(self.lang, "products")
        checked = f"{calc}${block_letter('DEM', 1)}$19:${block_letter('DEM', MONTHS)}$19"
        # one style a number format, made once (not one scratch cell for each of the 1,920 cells)
        styles = {
            f: _style_of(sheet, f)
            for f in dict.fromkeys((MONTHS_FORMAT, *(column.number_format for column in RESULTS)))
        }
        for row in range(FIRST_ROW, LAST_ROW + 1):
            pr = PLAN_FIRST_ROW + row - FIRST_ROW
            g = f"{calc}${GUARD}{row}"
            p = {name: f"{products}${letter}{row}" for name, letter in LETTER.items()}
            active = f'{p["in_product_covers"]}=""'
            sheet.cell(pr, 1, f'=IF({active},"",{p["in_product_code"]}&"")')
            sheet.cell(pr, 2, f'=IF({active},"",{p["in_product_name"]}&"")')
            need, pack = p["out_product_need"], p["in_product_units_per_pack"]

            def at(name: str, t: int, row: int = row) -> str:
                return f"{calc}{block_letter(name, t)}{row}"

            for t, (letter, code) in enumerate(zip(MONTH_LETTERS, STATUS_LETTERS, strict=True), start=1):
                mos = f'=IF(ISNUMBER({g}),IF({need}=0,"",ROUNDDOWN({at("END", t)}*120/{need},0)/10),{g})'
                _put(sheet, f"{letter}{pr}", mos, styles[MONTHS_FORMAT])
                _put(sheet, f"{code}{pr}",
                     f"=IF(ISNUMBER({g}),IF({at('DEM', t)}-{at('SAT', t)}>0,0,IF({need}=0,IF({at('END', t)}>0,3,4),"
                     f"IF({at('END', t)}*12<{calc}{MIN}*{need},1,"
                     f"IF({at('END', t)}*12>={calc}{MAX}*{need}+12*{pack},3,2)))),{g})")  # fmt: skip  # P4
            codes = f"${STATUS_LETTERS[0]}{pr}:${STATUS_LETTERS[-1]}{pr}"
            dem, sat, x, end = (f"{calc}${block_letter(b, 1)}{row}:${block_letter(b, MONTHS)}{row}"
                                for b in ("DEM", "SAT", "X", "END"))  # fmt: skip
            r = {column.name: f"{column.letter}{pr}" for column in RESULTS}
            price = p["in_product_price"]
            # units × price / units per pack, half up to kopecks, the price in hundredths of a kopeck (as ORDER_COST)
            kopecks = f"ROUND({at('X', MONTHS)}*ROUND({price}*10000,0)/(100*{pack}),0)/100"
            formulas = {
                "out_plan_stockout_months": f"COUNTIFS({codes},0,{checked},1)",
                "out_plan_first_stockout": f'IF({r["out_plan_stockout_months"]}=0,"",INDEX({calc}{_months()},'
                f"MATCH(0,{codes},0)))",
                "out_plan_unmet": f"SUMIFS({dem},{checked},1)-SUMIFS({sat},{checked},1)",
                "out_plan_below_min_months": f"COUNTIFS({codes},1,{checked},1)",
                "out_plan_above_max_months": f"COUNTIFS({codes},3,{checked},1)",
                "out_plan_expired": f"INDEX({x},{calc}{DECEMBER_AT})",
                "out_plan_expired_cost": f'IF(ISBLANK({price}),"",{kopecks})',
                "out_plan_closing": f"INDEX({end},{calc}{DECEMBER_AT})",
            }
            for column in RESULTS:
                style = styles[column.number_format]
                _put(sheet, f"{column.letter}{pr}", f"=IF(ISNUMBER({g}),{formulas[column.name]},{g})", style)
            style = styles.setdefault(ORDER_BY.number_format, _style_of(sheet, ORDER_BY.number_format))
            _put(sheet, f"{ORDER_BY.letter}{pr}", f"=IF(ISNUMBER({g}),{order_by(self.lang, codes)},{g})", style)
        cells = f"{MONTH_LETTERS[0]}{PLAN_FIRST_ROW}:{MONTH_LETTERS[-1]}{_LAST_PLAN_ROW}"
        code = f"{STATUS_LETTERS[0]}{PLAN_FIRST_ROW}"
        for status in MonthStatus:
            rule = FormulaRule(formula=[f"AND(ISNUMBER({code}),{code}={int(status)})"], fill=_fill(COLOURS[status]))
            sheet.conditional_formatting.add(cells, rule)

    # --- «План (расчёт)» -------------------------------------------------------------------------------------
    def _calc(self, sheet: Worksheet) -> None:
        sheet["A1"] = self.text["calc"]
        for address, value in {**calc_cells(self.lang), **flag_cells(self.lang)}.items():
            _put(sheet, address, value)
        column = get_column_letter(sheet.max_column + 2)
        for offset, label in enumerate(ship_labels(self.lang)):
            sheet[f"{column}{TABLE_FIRST_ROW + offset}"] = label
        last = TABLE_FIRST_ROW + len(ship_labels(self.lang)) - 1
        self._define(STATUS_LIST, sheet, f"${column}${TABLE_FIRST_ROW}:${column}${last}")
        sheet.sheet_state = "hidden"
        self.protect(sheet)


@functools.cache
def _place(address: str) -> tuple[int, int]:
    """(row, column) of an address (the same few thousand in every build: parsed once)."""
    column, row = coordinate_from_string(address)
    return row, column_index_from_string(column)


def _put(sheet: Worksheet, address: str, value: str, style: StyleArray | None = None) -> None:
    """Write a cell by its address without openpyxl's range parsing (most of a build's time); ``style`` copied.

    A formula (the plan's own text, checked by its tests) is put as openpyxl would bind it, without its checks of
    a typed text: 13,000 of them are a tenth of a build.
    """
    row, column = _place(address)
    cell: Any
    if value.startswith("="):
        cell = Cell(sheet, row=row, column=column)
        cell._value, cell.data_type = value, "f"
        sheet._cells[(row, column)] = cell
    else:
        cell = sheet.cell(row, column, value)
    if style is not None:
        cell._style = copy(style)


def _style_of(sheet: Worksheet, number_format: str) -> StyleArray:
    """The style of a cell with ``number_format`` (a scratch cell's, never put on the sheet)."""
    scratch: Any = Cell(sheet, row=1, column=1)
    scratch.number_format = number_format
    style: StyleArray = scratch._style
    return style


def _months() -> str:
    letter_first, letter_last = block_letter("DEM", 1), block_letter("DEM", MONTHS)
    return f"${letter_first}${CALC_MONTH_ROW}:${letter_last}${CALC_MONTH_ROW}"


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=colour, end_color=colour)


def _serial(year: int, month: int, day: int) -> int:
    """A date's serial number in Excel's 1900 system (after 1900-02-28).

    >>> _serial(2007, 1, 1)
    39083
    """
    import datetime as dt

    return (dt.date(year, month, day) - dt.date(1899, 12, 30)).days
