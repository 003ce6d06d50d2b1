"""Writing the products sheet («Товары») and its calculation sheet from :mod:`products_layout`, in either variant.

The formulas (:mod:`xl_addin.workbook.products_formulas`) take the same steps as :mod:`products_model` (tested
against it with LibreOffice).  The products sheet holds what a user types and reads: the table, its five
results per row, the totals and the checks.  What the formulas need besides is on a hidden,
protected sheet of its own («Товары (расчёт)»): per row, the helpers (the row's section,
whether it is valid, flags the checks count, a drug's whole kits on the shelf and kits to
buy), and the list of what a row may cover with each volume, the kit totals by drug and the
funding sources.  Kept apart, the products sheet stays small: ``refresh`` reads it cell by
cell, and the calculation sheet, which holds two thirds of the cells, it never reads.
The variants differ only in the four order functions: the add-in's ``PACKS_TO_ORDER(…)``
or their native formulas.  :func:`write_used_kits` writes, on the ARV sheet of every
workbook, the kit totals the letter reads (``out_used_*``, decision P3): the drug rows'
numbers when they give them, else the typed ones — native formulas in both variants.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from copy import copy
from string import Formatter
from typing import Any

from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import column_index_from_string, get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.catalog.native import NATIVE
from xl_addin.core.numbers import MAX_COUNT, MAX_COUNT_TEXT, MAX_PRICE, MAX_PRICE_TEXT
from xl_addin.core.severity import Severity
from xl_addin.request import model
from xl_addin.request.layout import INPUT_BY_NAME
from xl_addin.request.products_layout import (
    COLUMNS,
    DEVIATION_THRESHOLD,
    GIVEN_INPUTS,
    INPUT_COLUMNS,
    KIT_ROWS_NAME,
    LEFT_INPUT,
    MONTHS_FORMAT,
    SECTION_OF_TOTAL,
    TARGETS,
    TOTALS,
    ColumnKind,
    ProductCheck,
    Section,
    funding_label,
    funding_labels,
    kit_targets,
    used_name,
)
from xl_addin.request.products_model import FIRST_ROW, SENTENCES
from xl_addin.workbook.formulas import validity
from xl_addin.workbook.printing import wrapped_lines
from xl_addin.workbook.products_formulas import (
    BUFFER_CELL,
    BUY,
    CALC_SHEET,
    COST,
    COST_ERROR,
    COUNTED_CELL,
    COUNTED_LAST,
    COUNTED_TEXT,
    F_LIST,
    FUNDING_LIST,
    GIVES,
    K_BY_ROWS,
    K_DIFFER,
    K_LABEL,
    K_ROWS,
    K_TYPED,
    LAST_ROW,
    LETTER,
    LIST_CELLS,
    NO_UNITS,
    SECTION,
    SHARE,
    SHELF,
    T_LABEL,
    T_ROWS,
    T_SECTION,
    T_SHARES,
    T_SHARES_BAD,
    T_UNCOVERED,
    T_VOLUME,
    TARGET_LIST,
    THRESHOLD_NAME,
    TOTALS_ROW,
    VALID,
    check_formulas,
    column_cells,
    counted_formula,
    row_formulas,
    sheet_prefix,
)

#: The style of a cell a user types into on a protected sheet (the writer's UNLOCKED; it imports this module).
UNLOCKED = Protection(locked=False)
TEXT = {
    "ru": {"title": "Товары: упаковки, остатки, стоимость (не из письма: арифметика заказа по его потребностям)",
           "buffer": "Страховой запас, месяцев (пусто — 0)", "threshold": "Порог отклонения от расхода прошлого года "
           "(не из письма; доля, 0,25 = 25 %)", "checks": "Проверки товаров", "table": "Товары",
           "calc": "Служебный лист: расчёты листа «Товары» по строкам, списки выбора и итоги комплектов по "
           "препаратам. Его формулы — часть шаблона; не изменяйте их.",
           "used": "Годовые комплекты, по которым считаются §2–§4 (P3: из строк препаратов листа «Товары», "
           "если они есть, иначе с листа «Ввод»)",
           "to_buy": "строки «Товары»: к закупке = комплекты − целых комплектов на складе (без «В пути» и страхового "
           "запаса: упаковки на «Товары» вычитают первое и добавляют второе, поэтому числа там другие)",
           "shelf": "строки «Товары»: целых комплектов компонента 1 на складе", "typed": "лист «Ввод»"},
    "en": {"title": "Products: packs, stock, cost (not from the letter: the order's arithmetic on its needs)",
           "buffer": "Buffer stock, months (blank: 0)", "threshold": "Threshold of the deviation from last year's "
           "consumption (not from the letter; a fraction, 0.25 = 25 %)", "checks": "Product checks", "table": "Products",
           "calc": "Working sheet: the products sheet's calculations row by row, the drop-down lists and the kit totals "
           "by drug. Its formulas are part of the template; do not change them.",
           "used": "Annual kits §2–§4 count with (P3: from the drug rows of the products sheet when there are any, "
           "else from the inputs sheet)",
           "to_buy": "product rows: to buy = kits − whole kits in stock (without the pipeline and the buffer: the packs "
           "on the products sheet subtract the one and add the other, hence other numbers there)",
           "shelf": "product rows: whole kits of component 1 in stock", "typed": "inputs sheet"},
}  # fmt: skip
USED_HEADERS = {
    "ru": ("Показатель", "Значение", "Строк препаратов", "Раздел письма", "Откуда число"),
    "en": ("Indicator", "Value", "Drug rows", "Section of the letter", "Where the number comes from"),
}


#: The drop-downs' and number columns' messages (Excel: at most 32 characters of title, 255 of text).
VALIDATION_TEXT: dict[str, dict[Any, str]] = {
    "ru": {"title": "Неверное значение",
           ColumnKind.COUNT: f"Целое число ≥ 0, до {MAX_COUNT_TEXT} (единиц, упаковок или комплектов); пусто — 0.",
           ColumnKind.POSITIVE: f"Целое число больше 0, до {MAX_COUNT_TEXT}.",
           ColumnKind.MONEY: f"Сумма в рублях ≥ 0, до {MAX_PRICE_TEXT}, копейки — после запятой.",
           ColumnKind.SHARE: "Процент больше 0 и не больше 100; пусто — 100 %.",
           ColumnKind.CHOICE: "Выберите значение из списка."},
    "en": {"title": "Wrong value",
           ColumnKind.COUNT: f"A whole number ≥ 0, up to {MAX_COUNT:,} (units, packs or kits); blank is 0.",
           ColumnKind.POSITIVE: f"A whole number greater than 0, up to {MAX_COUNT:,}.",
           ColumnKind.MONEY: f"An amount in roubles ≥ 0, up to {MAX_PRICE:,}, kopecks after the decimal point.",
           ColumnKind.SHARE: "A percent above 0 and at most 100; blank is 100 %.",
           ColumnKind.CHOICE: "Choose a value from the list."},
}  # fmt: skip


class ProductsSheet:
    """Writes the products sheet into ``book`` for a workbook of ``lang`` and a variant (native formulas or calls)."""

    def __init__(self, book: Workbook, lang: str, *, native: bool, protect: Callable[[Worksheet], None]) -> None:
        self.book, self.lang, self.native, self.protect = book, lang, native, protect
        self.text = TEXT[lang]
        self._check_rows: dict[ProductCheck, int] = {}

    def _define(self, name: str, sheet: Worksheet, cells: str) -> None:
        self.book.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(sheet.title)}!{cells}")

    def call(self, function: str, *args: str) -> str:
        """The order function's formula text: native, or the add-in's call."""
        return NATIVE[function](*args) if self.native else f"{function}({','.join(args)})"

    def settings(self, reference: Worksheet) -> None:
        """The threshold of the deviation, a setting the user may change, on the reference sheet."""
        row = reference.max_row + 2
        reference.cell(row, 1, self.text["threshold"])
        cell = reference.cell(row, 2, float(DEVIATION_THRESHOLD))
        cell.protection = UNLOCKED
        self._define(THRESHOLD_NAME, reference, f"$B${row}")

    def write(self, sheet: Worksheet, calc: Worksheet) -> None:
        """The whole sheet (buffer, totals, checks, the table) and, on ``calc``, what its formulas need."""
        sheet["A1"] = self.text["title"]
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["B2"], sheet["C2"].protection = self.text["buffer"], UNLOCKED
        sheet["B2"].alignment = Alignment(wrap_text=True, vertical="top")  # whole beside the buffer typed in C2
        self._define("in_buffer_months", sheet, BUFFER_CELL)
        self._totals(sheet)
        self._checks(sheet)
        self._table(sheet, calc)
        self._counted(sheet)
        self._helpers(calc)
        sheet.freeze_panes = f"C{FIRST_ROW}"
        # printed: the table and what is above it; its 18 columns are too wide for one A4 page at 8 pt, so two
        # pages wide, each repeating the code, the name and the header
        sheet.print_area = f"A1:{get_column_letter(len(COLUMNS))}{LAST_ROW}"
        sheet.page_setup.fitToWidth = 2
        sheet.print_title_cols, sheet.print_title_rows = "A:B", f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
        self.protect(sheet)
        sheet.protection.autoFilter = sheet.protection.sort = False  # the table is filtered and sorted when protected

    def _counted(self, sheet: Worksheet) -> None:
        """The month the stock was counted in (E2), wrapped in E…COUNTED_LAST: columns of the first printed page (the
        table prints two pages wide; running on, the sentence was cut at the page's edge); its row's height is set
        by :meth:`fit_rows`."""
        cell = sheet[COUNTED_CELL]
        cell.value, cell.font = counted_formula(self.lang), Font(italic=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(f"{COUNTED_CELL}:{COUNTED_LAST}{cell.row}")

    def fit_rows(self, sheet: Worksheet) -> None:
        """The rows of the sentences wrapped in merged cells at least as tall as their lines (called after the writer
        fitted the rows to their labels, which it measures in one column): the counted month's (E2; the longest
        month, 12.2006, in its sentence) and each check's (C…COUNTED_LAST; its fields six characters, a label 60)."""

        def fit(row: int, first: int, texts: list[str]) -> None:
            width = sum(sheet.column_dimensions[get_column_letter(index)].width
                        for index in range(first, column_index_from_string(COUNTED_LAST) + 1))  # fmt: skip
            lines = max(wrapped_lines(text, int(width) - 1) for text in texts)
            sheet.row_dimensions[row].height = max(sheet.row_dimensions[row].height or 15, 15 * lines)

        before, after, plain = COUNTED_TEXT[self.lang]
        counted = sheet[COUNTED_CELL]
        fit(counted.row, counted.column, [f"{before}12.2006{after}", plain])
        for check, number in self._check_rows.items():
            template = SENTENCES[self.lang][check]
            fields = {field: "0" * 6 for _, field, _, _ in Formatter().parse(template) if field}
            fields |= {"label": " ".join(["0" * 9] * 6)} if "label" in fields else {}
            fit(number, 3, [template.format(**fields)])

    def _totals(self, sheet: Worksheet) -> None:
        for offset, (name, ru, en) in enumerate(TOTALS):
            row = TOTALS_ROW + offset
            sheet.cell(row, 2, ru if self.lang == "ru" else en)
            section, source = SECTION_OF_TOTAL.get(name), funding_label(name, self.lang)
            helper = sheet_prefix(self.lang, CALC_SHEET)
            errors, costs = f"{helper}{column_cells(COST_ERROR)}", f"{helper}{column_cells(COST)}"
            if section is not None:
                criteria = f'{helper}{column_cells(SECTION)},"{section.value}"'
            elif source is not None:
                criteria = f'{column_cells(LETTER["in_product_funding"])},"{source}"'
            else:
                criteria = None
            if criteria is None:
                formula = f"=IF(SUM({errors})>0,NA(),ROUND(SUM({costs}),2))"
            else:
                formula = f"=IF(SUMIFS({errors},{criteria})>0,NA(),ROUND(SUMIFS({costs},{criteria}),2))"
            sheet.cell(row, 3, formula).number_format = "#,##0.00"
            self._define(name, sheet, f"$C${row}")

    def _checks(self, sheet: Worksheet) -> None:
        top = TOTALS_ROW + len(TOTALS)  # the heading right under the totals: the checks end above the table's header
        assert top + len(ProductCheck) < FIRST_ROW - 1
        sheet.cell(top, 2, self.text["checks"]).font = Font(bold=True)
        for offset, (check, formula) in enumerate(check_formulas(self.lang).items(), start=1):
            row = self._check_rows[check] = top + offset
            title = check.value[2] if self.lang == "ru" else check.value[3]
            severity = Severity.ERROR if str(check.value[1]) == "error" else Severity.WARNING
            word = severity.value if self.lang == "ru" else severity.en
            sheet.cell(
                row, 1, f'=IF(C{row}="OK","",IF(C{row}="{model.TEXTS[self.lang].not_filled}","","{word}"))'
            ).alignment = Alignment(vertical="top")  # beside the title's first line
            sheet.cell(row, 2, title).alignment = Alignment(wrap_text=True, vertical="top")  # printed whole
            # the sentence wraps in C…COUNTED_LAST, on the first printed page: running on, it was cut at its edge
            sheet.cell(row, 3, formula).alignment = Alignment(wrap_text=True, vertical="top")
            sheet.merge_cells(f"C{row}:{COUNTED_LAST}{row}")
            self._define(check.check_name, sheet, f"$C${row}")

    def _table(self, sheet: Worksheet, calc: Worksheet) -> None:
        header = FIRST_ROW - 1
        for index, column in enumerate(COLUMNS, start=1):
            title = sheet.cell(header, index, column.header(self.lang))
            title.font, title.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
            longest = max(len(word) for word in column.header(self.lang).split())  # no word broken in print
            sheet.column_dimensions[get_column_letter(index)].width = max(column.width, math.ceil(longest * 1.1) + 1)
            self._define(column.name, sheet, column_cells(LETTER[column.name]))
        unlocked = sheet[f"A{FIRST_ROW}"]
        unlocked.protection = UNLOCKED
        months = sheet[f"{LETTER['out_product_months_of_stock']}{FIRST_ROW}"]
        months.number_format = MONTHS_FORMAT  # 10.0 months, as the plan shows them
        for row in range(FIRST_ROW, LAST_ROW + 1):
            for column in INPUT_COLUMNS:  # one style, set once and copied (openpyxl looks a style up at each set)
                sheet[f"{LETTER[column.name]}{row}"]._style = copy(unlocked._style)
            sheet[f"{months.column_letter}{row}"]._style = copy(months._style)
            results, helpers = row_formulas(row, self.call, self.lang)
            for cell, formula in results.items():
                sheet[cell] = formula
            for letter, formula in helpers.items():
                calc[f"{letter}{row}"] = formula
        table = Table(displayName="xl_addin_products", ref=f"A{header}:{get_column_letter(len(COLUMNS))}{LAST_ROW}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(table)
        self._validation(sheet)

    def _validation(self, sheet: Worksheet) -> None:
        lists = {
            "in_product_covers": TARGET_LIST,
            "in_product_funding": FUNDING_LIST,
        }
        kinds: dict[ColumnKind, tuple[Any, Any, str, str | None]] = {
            ColumnKind.COUNT: ("whole", "between", "0", str(MAX_COUNT)),
            ColumnKind.POSITIVE: ("whole", "between", "1", str(MAX_COUNT)),
            ColumnKind.MONEY: ("decimal", "between", "0", str(MAX_PRICE)),
            ColumnKind.SHARE: ("decimal", "between", "0.0001", "100"),
        }
        said = VALIDATION_TEXT[self.lang]
        for column in INPUT_COLUMNS:
            cells = column_cells(LETTER[column.name]).replace("$", "")
            if column.name in lists:
                rule = DataValidation(type="list", formula1=lists[column.name], allow_blank=True)
            elif column.kind in kinds:
                kind, operator, low, high = kinds[column.kind]
                rule = DataValidation(type=kind, operator=operator, formula1=low, formula2=high, allow_blank=True)
            else:
                continue
            # what Excel says when a wrong value is typed, and what it shows when the cell is selected
            rule.showErrorMessage, rule.errorTitle, rule.error = True, said["title"], said[column.kind]
            rule.showInputMessage, rule.promptTitle = True, column.header(self.lang)[:32]
            rule.prompt = said[column.kind]
            sheet.add_data_validation(rule)
            rule.add(cells)

    def _helpers(self, sheet: Worksheet) -> None:
        """The calculation sheet's lists and tables (its rows' helpers are written with the table), hidden, protected."""
        sheet["A1"] = self.text["calc"]
        for name, cells in LIST_CELLS.items():
            self._define(name, sheet, cells)
        product = sheet_prefix(self.lang, "products")
        for offset, target in enumerate(TARGETS):
            row = FIRST_ROW + offset
            sheet[f"{T_LABEL}{row}"], sheet[f"{T_SECTION}{row}"] = target.label(self.lang), target.section.value
            sheet[f"{T_VOLUME}{row}"] = f"={target.result}" if target.result else ""
            covers = f"{product}{column_cells(LETTER['in_product_covers'])}"
            sheet[f"{T_ROWS}{row}"] = f"=COUNTIF({covers},{T_LABEL}{row})"
            sheet[f"{T_SHARES}{row}"] = f"=SUMIF({covers},{T_LABEL}{row},{column_cells(SHARE)})"
            arv = f'{T_SECTION}{row}<>"{Section.ARV.value}"'
            sheet[f"{T_SHARES_BAD}{row}"] = f"=IF(AND({arv},{T_ROWS}{row}>0),IF(ROUND({T_SHARES}{row},6)<>100,1,0),0)"
            sheet[f"{T_UNCOVERED}{row}"] = (
                f"=IF(AND({arv},{T_ROWS}{row}=0),IF(ISNUMBER({T_VOLUME}{row}),IF({T_VOLUME}{row}>0,1,0),0),0)"
            )
        covers, valid = f"{product}{column_cells(LETTER['in_product_covers'])}", column_cells(VALID)
        typed = f"{column_cells(GIVES)},1"  # only the rows whose annual kits are typed
        for offset, name in enumerate(GIVEN_INPUTS):  # P3: what the drug rows give, beside what is typed
            row, labels = FIRST_ROW + offset, [t.label(self.lang) for t in kit_targets(name)]
            kits = column_cells(SHELF if name == LEFT_INPUT else BUY)
            no_units = "+".join(f'COUNTIFS({covers},"{label}",{column_cells(NO_UNITS)},1,{typed})' for label in labels)
            total = "+".join(f'SUMIFS({kits},{covers},"{label}",{typed})' for label in labels)
            typed_valid = f"IF(ISNUMBER({name}),AND({name}>=0,{name}=INT({name}),{name}<={MAX_COUNT}),FALSE)"
            by_rows = f"{K_BY_ROWS}{row}"
            sheet[f"{K_LABEL}{row}"] = INPUT_BY_NAME[name].label(self.lang)
            sheet[f"{K_TYPED}{row}"] = f"=N({name})"
            sheet[by_rows] = f"=IF(({no_units})>0,NA(),{total})"
            counted = "+".join(f'COUNTIFS({covers},"{label}",{valid},1,{typed})' for label in labels)
            sheet[f"{K_ROWS}{row}"] = f"={counted}"
            sheet[f"{K_DIFFER}{row}"] = (
                f"=IF({K_ROWS}{row}>0,IF(ISNUMBER({by_rows}),IF({typed_valid},IF({by_rows}<>{name},1,0),0),0),0)"
            )
        for offset, label in enumerate(funding_labels(self.lang)):
            sheet[f"{F_LIST}{FIRST_ROW + offset}"] = label
        sheet.sheet_state = "hidden"
        self.protect(sheet)


def write_used_kits(book: Workbook, sheet: Worksheet, lang: str, *, products: bool) -> None:
    """The kit totals and the kits left over the letter reads (``out_used_*``, docs/interpretation.md, P3), under
    the results of the ARV sheet: the drug rows' numbers when a valid row gives them, else the typed «Ввод» value
    (a whole number ≥ 0; a blank kits-left-over is 0; anything else #N/A).  With the products sheet, also the
    number of drug rows giving each (the name ``xl_addin_kit_rows``: a «Ввод» total they give may stay blank)."""
    text = TEXT[lang]
    first = sheet.max_row + 2
    sheet.cell(first, 1, text["used"]).font = Font(bold=True, size=12)
    sheet.cell(first, 1).alignment = Alignment(wrap_text=True, vertical="top")
    for column, header in enumerate(USED_HEADERS[lang], start=1):
        sheet.cell(first + 1, column, header).font = Font(bold=True)
        sheet.cell(first + 1, column).alignment = Alignment(wrap_text=True, vertical="top")  # printed whole
    helper = sheet_prefix(lang, CALC_SHEET)
    for offset, name in enumerate(GIVEN_INPUTS):
        row, field = first + 2 + offset, INPUT_BY_NAME[name]
        typed = f"IF({validity(name)},N({name}),NA())"
        if products:
            kit_row = FIRST_ROW + offset
            sheet.cell(row, 3, f"={helper}${K_ROWS}${kit_row}")
            used = f"=IF(C{row}>0,{helper}${K_BY_ROWS}${kit_row},{typed})"
        else:
            sheet.cell(row, 3, 0)
            used = f"={typed}"
        sheet.cell(row, 1, field.label(lang))
        sheet.cell(row, 2, used).number_format = "#,##0"
        sheet.cell(row, 4, field.source)
        from_rows = text["shelf"] if name == LEFT_INPUT else text["to_buy"]
        sheet.cell(row, 5, f'=IF(C{row}>0,"{from_rows}","{text["typed"]}")')
        for column in (1, 4, 5):
            sheet.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")
        book.defined_names[used_name(name)] = DefinedName(
            used_name(name), attr_text=f"{quote_sheetname(sheet.title)}!$B${row}"
        )
    last = first + 1 + len(GIVEN_INPUTS)
    book.defined_names[KIT_ROWS_NAME] = DefinedName(
        KIT_ROWS_NAME, attr_text=f"{quote_sheetname(sheet.title)}!$C${first + 2}:$C${last}"
    )
