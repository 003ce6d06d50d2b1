"""Writing the products sheet («Товары») from :mod:`products_layout`, in either variant.

The formulas take the same steps as :mod:`products_model` (tested against it with
LibreOffice).  Per row: hidden helper columns (the row's section, whether it is valid,
flags the checks count); on the right, hidden, the list of what a row may cover with
each volume, and the kit totals by drug.  The variants differ only in the four order
functions: the add-in's ``PACKS_TO_ORDER(…)`` or their native formulas.
"""

from __future__ import annotations

from collections.abc import Callable
from string import Formatter
from typing import Any

from openpyxl.styles import Font, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.catalog.native import NATIVE, up
from xl_addin.core.severity import Severity
from xl_addin.workbook import model
from xl_addin.workbook.layout import INPUT_BY_NAME
from xl_addin.workbook.products_layout import (
    COLUMNS,
    DEVIATION_THRESHOLD,
    FUNDING,
    INPUT_COLUMNS,
    KIT_INPUTS,
    PRODUCT_ROWS,
    SECTION_OF_TOTAL,
    TARGETS,
    TOTALS,
    ColumnKind,
    ProductCheck,
    Section,
    funding_label,
    funding_labels,
    kit_targets,
)
from xl_addin.workbook.products_model import FIRST_ROW, SENTENCES

LAST_ROW = FIRST_ROW + PRODUCT_ROWS - 1
#: The style of a cell a user types into on a protected sheet (the writer's UNLOCKED; it imports this module).
UNLOCKED = Protection(locked=False)
BUFFER_CELL = "$C$2"
THRESHOLD_NAME = "set_deviation_threshold"
#: The table's columns A… in layout order; then the hidden helpers of each row.
LETTER = {column.name: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}
SECTION, VALID, BAD, EXPIRING, COST_ERROR, COST, DEVIATING, NO_UNITS, SHARE, KITS = (
    get_column_letter(len(COLUMNS) + offset) for offset in range(1, 11)
)
#: The targets' table (label, section, volume, rows, shares, flags) and the kits' table, hidden, from FIRST_ROW down.
T_LABEL, T_SECTION, T_VOLUME, T_ROWS, T_SHARES, T_SHARES_BAD, T_UNCOVERED = ("AD", "AE", "AF", "AG", "AH", "AI", "AJ")
K_LABEL, K_TYPED, K_BY_ROWS, K_ROWS, K_DIFFER = ("AL", "AM", "AN", "AO", "AP")
F_LIST = "AR"
#: The drop-downs' lists: what a row may cover (and, to column T_VOLUME, its section and volume), the funding sources.
TARGET_END, FUNDING_END = FIRST_ROW + len(TARGETS) - 1, FIRST_ROW + len(FUNDING) - 1
TARGET_LIST, FUNDING_LIST = (
    f"${T_LABEL}${FIRST_ROW}:${T_LABEL}${TARGET_END}",
    f"${F_LIST}${FIRST_ROW}:${F_LIST}${FUNDING_END}",
)
TEXT = {
    "ru": {"title": "Товары: упаковки, остатки, стоимость (не из письма: арифметика заказа по его потребностям)",
           "buffer": "Страховой запас, месяцев (пусто — 0)", "threshold": "Порог отклонения от расхода прошлого года "
           "(не из письма; доля, 0,25 = 25 %)", "checks": "Проверки товаров", "table": "Товары"},
    "en": {"title": "Products: packs, stock, cost (not from the letter: the order's arithmetic on its needs)",
           "buffer": "Buffer stock, months (blank: 0)", "threshold": "Threshold of the deviation from last year's "
           "consumption (not from the letter; a fraction, 0.25 = 25 %)", "checks": "Product checks", "table": "Products"},
}  # fmt: skip


def _col(letter: str) -> str:
    return f"${letter}${FIRST_ROW}:${letter}${LAST_ROW}"


def excel_sentence(template: str, **expressions: str) -> str:
    """A sentence template's Excel text: its pieces quoted, its fields the given expressions.

    >>> excel_sentence("Строк: {count} (строка {row})", count="A1", row="B1")
    '"Строк: "&(A1)&" (строка "&(B1)&")"'
    """
    pieces = []
    for text, field, _, _ in Formatter().parse(template):
        if text:
            pieces.append('"' + text.replace('"', '""') + '"')
        if field is not None:
            pieces.append(f"({expressions[field]})")
    return "&".join(pieces)


def _count_valid(cell: str) -> str:
    return f"IF(ISNUMBER({cell}),AND({cell}>=0,{cell}=INT({cell})),ISBLANK({cell}))"


def _row_formulas(row: int, call: Callable[..., str]) -> dict[str, str]:
    """Every formula of one product row: its five results and its hidden helpers."""
    c = {name: f"{letter}{row}" for name, letter in LETTER.items()}
    covers, units, share, price = c["in_product_covers"], c["in_product_units_per_kit"], c["in_product_share"], c[
        "in_product_price"]  # fmt: skip
    pack, funding, need, packs = c["in_product_units_per_pack"], c["in_product_funding"], c["out_product_need"], c[
        "out_product_packs"]  # fmt: skip
    counts = [c[name] for name in ("in_product_units_per_kit", "in_product_kits_requested", "in_product_stock",
                                   "in_product_expiring", "in_product_pipeline", "in_product_last_year")]  # fmt: skip
    targets = f"${T_LABEL}${FIRST_ROW}:${T_VOLUME}${TARGET_END}"
    valid = ",".join([
        f'{SECTION}{row}<>""', f"IF(ISNUMBER({pack}),AND({pack}>0,{pack}=INT({pack})),FALSE)",
        *(_count_valid(cell) for cell in counts),
        f"IF(ISNUMBER({share}),AND({share}>0,{share}<=100),ISBLANK({share}))",
        f"IF(ISNUMBER({price}),{price}>=0,ISBLANK({price}))",
        f"OR(ISBLANK({funding}),ISNUMBER(MATCH({funding},{FUNDING_LIST},0)))",
    ])  # fmt: skip
    stock, expiring, pipeline = c["in_product_stock"], c["in_product_expiring"], c["in_product_pipeline"]
    last, cost, deviation = c["in_product_last_year"], c["out_product_cost"], c["out_product_deviation"]
    active, is_valid = f'{covers}=""', f"{VALID}{row}<>1"
    volume = f"VLOOKUP({covers},{targets},3,0)*IF(ISBLANK({share}),100,{share})/100"
    buffer_ok = _count_valid(BUFFER_CELL)
    arv = Section.ARV.value
    return {
        SECTION: f'=IFERROR(VLOOKUP({covers},{targets},2,0),"")',
        VALID: f'=IF({active},"",IF(AND({valid}),1,0))',
        BAD: f"=IF({active},IF(COUNTA(A{row}:{LETTER['in_product_funding']}{row})>0,1,0),IF({VALID}{row}=1,0,1))",
        need: f'=IF({active},"",IF({is_valid},NA(),IF({SECTION}{row}="{arv}",'
        f"IF(ISBLANK({units}),NA(),N({c['in_product_kits_requested']})*{units}),{up(volume)})))",
        packs: f'=IF({active},"",IF(ISNUMBER({need}),IF({buffer_ok},'
        f"{call('PACKS_TO_ORDER', need, f'N({stock})', f'N({pipeline})', pack, f'N({BUFFER_CELL})', f'N({expiring})')}"
        ",NA()),NA()))",
        cost: f'=IF({active},"",IF({is_valid},NA(),IF(ISBLANK({price}),"",'
        f"IF(ISNUMBER({packs}),{call('ORDER_COST', packs, price)},NA()))))",
        c["out_product_months_of_stock"]: f'=IF({active},"",IF(ISNUMBER({need}),IF({need}=0,"",'
        f"{call('MONTHS_OF_STOCK', f'N({stock})', need)}),NA()))",
        deviation: f'=IF({active},"",IF({is_valid},NA(),IF(OR(ISBLANK({last}),{last}=0),"",'
        f"IF(ISNUMBER({need}),{call('CONSUMPTION_DEVIATION', need, last)},NA()))))",
        EXPIRING: f"=IF({VALID}{row}=1,IF(N({expiring})>N({stock}),1,0),0)",
        COST_ERROR: f"=IF(ISERROR({cost}),1,0)",
        COST: f"=IF(ISNUMBER({cost}),{cost},0)",
        DEVIATING: f"=IF(ISNUMBER({deviation}),IF(ABS({deviation})>{THRESHOLD_NAME},1,0),0)",
        NO_UNITS: f'=IF({VALID}{row}=1,IF(AND({SECTION}{row}="{arv}",ISBLANK({units})),1,0),0)',
        SHARE: f"=IF({VALID}{row}=1,IF(ISBLANK({share}),100,{share}),0)",
        KITS: f"=IF({VALID}{row}=1,N({c['in_product_kits_requested']}),0)",
    }


def _check_formulas(lang: str) -> dict[ProductCheck, str]:
    """Each check's formula: «Не заполнено», "OK" or the sentence with the first offender's numbers."""
    said = SENTENCES[lang]
    first_of = {letter: f"MATCH(1,{_col(letter)},0)" for letter in (BAD, NO_UNITS, EXPIRING, DEVIATING)}
    row_of = {letter: f"{first} + {FIRST_ROW - 1}".replace(" ", "") for letter, first in first_of.items()}
    t_end, k_end = TARGET_END, FIRST_ROW + len(KIT_INPUTS) - 1

    def t(letter: str) -> str:
        return f"${letter}${FIRST_ROW}:${letter}${t_end}"

    def k(letter: str) -> str:
        return f"${letter}${FIRST_ROW}:${letter}${k_end}"

    shares_at, kits_at = f"MATCH(1,{t(T_SHARES_BAD)},0)", f"MATCH(1,{k(K_DIFFER)},0)"
    uncovered_at, deviating_at = f"MATCH(1,{t(T_UNCOVERED)},0)", first_of[DEVIATING]
    expiring_at = first_of[EXPIRING]
    any_covers = f'SUMPRODUCT(--({_col(LETTER["in_product_covers"])}<>""))>0'
    buffer_bad = f"IF({_count_valid(BUFFER_CELL)},0,1)"
    bad_count = f"SUM({_col(BAD)})+{buffer_bad}"

    def index(letter: str, at: str) -> str:
        return f"INDEX({_col(letter)},{at})"

    counted = {
        ProductCheck.INPUTS: (bad_count, dict(count=bad_count, row=f'IFERROR({row_of[BAD]},"—")')),
        ProductCheck.SHARES: (f"SUM({t(T_SHARES_BAD)})", dict(count=f"SUM({t(T_SHARES_BAD)})",
                              label=f"INDEX({t(T_LABEL)},{shares_at})", share=f"ROUND(INDEX({t(T_SHARES)},{shares_at}),0)")),
        ProductCheck.UNITS_PER_KIT: (f"SUM({_col(NO_UNITS)})", dict(count=f"SUM({_col(NO_UNITS)})", row=row_of[NO_UNITS])),
        ProductCheck.EXPIRING: (f"SUM({_col(EXPIRING)})", dict(count=f"SUM({_col(EXPIRING)})", row=row_of[EXPIRING],
                                expiring=f"N({index(LETTER['in_product_expiring'], expiring_at)})",
                                stock=f"N({index(LETTER['in_product_stock'], expiring_at)})")),
        ProductCheck.KITS: (f"SUM({k(K_DIFFER)})", dict(count=f"SUM({k(K_DIFFER)})", label=f"INDEX({k(K_LABEL)},{kits_at})",
                            rows=f"INDEX({k(K_BY_ROWS)},{kits_at})", typed=f"INDEX({k(K_TYPED)},{kits_at})")),
        ProductCheck.UNCOVERED: (f"IF({any_covers},SUM({t(T_UNCOVERED)}),0)", dict(count=f"SUM({t(T_UNCOVERED)})",
                                 label=f"INDEX({t(T_LABEL)},{uncovered_at})", volume=f"INDEX({t(T_VOLUME)},{uncovered_at})")),
        ProductCheck.DEVIATION: (f"SUM({_col(DEVIATING)})", dict(count=f"SUM({_col(DEVIATING)})", row=row_of[DEVIATING],
                                 threshold=f"ROUND({THRESHOLD_NAME}*100,0)",
                                 need=index(LETTER["out_product_need"], deviating_at),
                                 last=index(LETTER["in_product_last_year"], deviating_at),
                                 percent=f"ROUND({index(LETTER['out_product_deviation'], deviating_at)}*100,0)")),
    }  # fmt: skip
    nothing = f"AND(COUNTA(A{FIRST_ROW}:{LETTER['in_product_funding']}{LAST_ROW})=0,ISBLANK({BUFFER_CELL}))"
    not_filled = model.TEXTS[lang].not_filled
    return {
        check: f'=IF({nothing},"{not_filled}",IF(({number})=0,"OK",{excel_sentence(said[check], **fields)}))'
        for check, (number, fields) in counted.items()
    }


class ProductsSheet:
    """Writes the products sheet into ``book`` for a workbook of ``lang`` and a variant (native formulas or calls)."""

    def __init__(self, book: Workbook, lang: str, *, native: bool, protect: Callable[[Worksheet], None]) -> None:
        self.book, self.lang, self.native, self.protect = book, lang, native, protect
        self.text = TEXT[lang]

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

    def write(self, sheet: Worksheet) -> None:
        """The whole sheet: buffer, totals, checks, the table and its hidden helpers."""
        sheet["A1"] = self.text["title"]
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["B2"], sheet["C2"].protection = self.text["buffer"], UNLOCKED
        self._define("in_buffer_months", sheet, BUFFER_CELL)
        self._totals(sheet)
        self._checks(sheet)
        self._table(sheet)
        self._helpers(sheet)
        sheet.freeze_panes = f"C{FIRST_ROW}"
        self.protect(sheet)
        sheet.protection.autoFilter = sheet.protection.sort = False  # the table is filtered and sorted when protected

    def _totals(self, sheet: Worksheet) -> None:
        for offset, (name, ru, en) in enumerate(TOTALS):
            row = 4 + offset
            sheet.cell(row, 2, ru if self.lang == "ru" else en)
            section, source = SECTION_OF_TOTAL.get(name), funding_label(name, self.lang)
            errors, costs = _col(COST_ERROR), _col(COST)
            if section is not None:
                criteria = f'{_col(SECTION)},"{section.value}"'
            elif source is not None:
                criteria = f'{_col(LETTER["in_product_funding"])},"{source}"'
            else:
                criteria = None
            if criteria is None:
                formula = f"=IF(SUM({errors})>0,NA(),ROUND(SUM({costs}),2))"
            else:
                formula = f"=IF(SUMIFS({errors},{criteria})>0,NA(),ROUND(SUMIFS({costs},{criteria}),2))"
            sheet.cell(row, 3, formula).number_format = "#,##0.00"
            self._define(name, sheet, f"$C${row}")

    def _checks(self, sheet: Worksheet) -> None:
        top = 4 + len(TOTALS) + 1
        sheet.cell(top, 2, self.text["checks"]).font = Font(bold=True)
        for offset, (check, formula) in enumerate(_check_formulas(self.lang).items(), start=1):
            row = top + offset
            title = check.value[2] if self.lang == "ru" else check.value[3]
            severity = Severity.ERROR if str(check.value[1]) == "error" else Severity.WARNING
            word = severity.value if self.lang == "ru" else severity.en
            sheet.cell(row, 1, f'=IF(C{row}="OK","",IF(C{row}="{model.TEXTS[self.lang].not_filled}","","{word}"))')
            sheet.cell(row, 2, title)
            sheet.cell(row, 3, formula)
            self._define(check.check_name, sheet, f"$C${row}")

    def _table(self, sheet: Worksheet) -> None:
        header = FIRST_ROW - 1
        for index, column in enumerate(COLUMNS, start=1):
            sheet.cell(header, index, column.header(self.lang)).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(index)].width = column.width
            self._define(column.name, sheet, _col(LETTER[column.name]))
        for row in range(FIRST_ROW, LAST_ROW + 1):
            for column in INPUT_COLUMNS:
                sheet[f"{LETTER[column.name]}{row}"].protection = UNLOCKED
            for letter_or_cell, formula in _row_formulas(row, self.call).items():
                cell = letter_or_cell if letter_or_cell[-1].isdigit() else f"{letter_or_cell}{row}"
                sheet[cell] = formula
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
            ColumnKind.COUNT: ("whole", "greaterThanOrEqual", "0", None),
            ColumnKind.POSITIVE: ("whole", "greaterThanOrEqual", "1", None),
            ColumnKind.MONEY: ("decimal", "greaterThanOrEqual", "0", None),
            ColumnKind.SHARE: ("decimal", "between", "0.0001", "100"),
        }
        for column in INPUT_COLUMNS:
            cells = _col(LETTER[column.name]).replace("$", "")
            if column.name in lists:
                rule = DataValidation(type="list", formula1=lists[column.name], allow_blank=True, showErrorMessage=True)
            elif column.kind in kinds:
                kind, operator, low, high = kinds[column.kind]
                rule = DataValidation(type=kind, operator=operator, formula1=low, formula2=high, allow_blank=True,
                                      showErrorMessage=True)  # fmt: skip
            else:
                continue
            sheet.add_data_validation(rule)
            rule.add(cells)

    def _helpers(self, sheet: Worksheet) -> None:
        for offset, target in enumerate(TARGETS):
            row = FIRST_ROW + offset
            sheet[f"{T_LABEL}{row}"], sheet[f"{T_SECTION}{row}"] = target.label(self.lang), target.section.value
            sheet[f"{T_VOLUME}{row}"] = f"={target.result}" if target.result else ""
            covers = _col(LETTER["in_product_covers"])
            sheet[f"{T_ROWS}{row}"] = f"=COUNTIF({covers},{T_LABEL}{row})"
            sheet[f"{T_SHARES}{row}"] = f"=SUMIF({covers},{T_LABEL}{row},{_col(SHARE)})"
            arv = f'{T_SECTION}{row}<>"{Section.ARV.value}"'
            sheet[f"{T_SHARES_BAD}{row}"] = f"=IF(AND({arv},{T_ROWS}{row}>0),IF(ROUND({T_SHARES}{row},6)<>100,1,0),0)"
            sheet[f"{T_UNCOVERED}{row}"] = (
                f"=IF(AND({arv},{T_ROWS}{row}=0),IF(ISNUMBER({T_VOLUME}{row}),IF({T_VOLUME}{row}>0,1,0),0),0)"
            )
        covers, valid = _col(LETTER["in_product_covers"]), _col(VALID)
        for offset, name in enumerate(KIT_INPUTS):
            row, labels = FIRST_ROW + offset, [t.label(self.lang) for t in kit_targets(name)]
            sheet[f"{K_LABEL}{row}"] = INPUT_BY_NAME[name].label(self.lang)
            sheet[f"{K_TYPED}{row}"] = f"=N({name})"
            sheet[f"{K_BY_ROWS}{row}"] = "=" + "+".join(f'SUMIF({covers},"{label}",{_col(KITS)})' for label in labels)
            sheet[f"{K_ROWS}{row}"] = "=" + "+".join(f'COUNTIFS({covers},"{label}",{valid},1)' for label in labels)
            sheet[f"{K_DIFFER}{row}"] = f"=IF({K_ROWS}{row}>0,IF({K_BY_ROWS}{row}<>{K_TYPED}{row},1,0),0)"
        for offset, label in enumerate(funding_labels(self.lang)):
            sheet[f"{F_LIST}{FIRST_ROW + offset}"] = label
        for index in range(len(COLUMNS) + 1, 45):
            sheet.column_dimensions[get_column_letter(index)].hidden = True
