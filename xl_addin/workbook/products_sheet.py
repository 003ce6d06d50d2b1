"""Writing the products sheet («Товары») and its calculation sheet from :mod:`products_layout`, in either variant.

The formulas take the same steps as :mod:`products_model` (tested against it with
LibreOffice).  The products sheet holds what a user types and reads: the table, its five
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

from xl_addin.catalog.native import NATIVE, up
from xl_addin.core.numbers import MAX_COUNT, MAX_COUNT_TEXT, MAX_PRICE, MAX_PRICE_TEXT
from xl_addin.core.severity import Severity
from xl_addin.request import model
from xl_addin.request.layout import INPUT_BY_NAME
from xl_addin.request.products_layout import (
    ABACAVIR,
    COLUMNS,
    DEVIATION_THRESHOLD,
    FUNDING,
    GIVEN_INPUTS,
    INPUT_COLUMNS,
    KIT_ROWS_NAME,
    LEFT_INPUT,
    MONTHS_FORMAT,
    PRODUCT_ROWS,
    REORDER_MONTHS,
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
from xl_addin.workbook.texts import SHEETS

LAST_ROW = FIRST_ROW + PRODUCT_ROWS - 1
#: The style of a cell a user types into on a protected sheet (the writer's UNLOCKED; it imports this module).
UNLOCKED = Protection(locked=False)
BUFFER_CELL = "$C$2"
#: The first total's row (the totals, then the checks' heading and the checks, above the table's header).
TOTALS_ROW = 3
#: Where the sheet says the month the stock was counted in (the supply plan's first month, decision P4).
COUNTED_CELL = "E2"
#: The last column the sentence of COUNTED_CELL wraps in (the first printed page holds the columns A…J).
COUNTED_LAST = "I"
THRESHOLD_NAME = "set_deviation_threshold"
#: The table's columns A… in layout order.
LETTER = {column.name: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}
#: The helpers of each row, columns A… of the calculation sheet, on the row of the product they are for.
_HELPERS = 12
SECTION, VALID, BAD, EXPIRING, COST_ERROR, COST, DEVIATING, NO_UNITS, SHARE, SHELF, BUY, ABACAVIR_ROW = (
    get_column_letter(offset) for offset in range(1, _HELPERS + 1)
)
#: The targets' table (label, section, volume, rows, shares, flags) and the kits' table (label, typed, by the rows,
#: valid rows, differ), on the calculation sheet from FIRST_ROW down, each after an empty column; then the funding
#: sources' list.
_T_FIRST = _HELPERS + 2
T_LABEL, T_SECTION, T_VOLUME, T_ROWS, T_SHARES, T_SHARES_BAD, T_UNCOVERED = (
    get_column_letter(_T_FIRST + offset) for offset in range(7)
)
K_LABEL, K_TYPED, K_BY_ROWS, K_ROWS, K_DIFFER = (get_column_letter(_T_FIRST + 8 + offset) for offset in range(5))
F_LIST = get_column_letter(_T_FIRST + 14)
#: A row helper after the funding list (version 4's contract keeps its cells): 1 when the kits give the totals (P3).
GIVES = get_column_letter(_T_FIRST + 16)
#: Row helpers after it: the stock position (usable stock + pipeline) and 1 when it is above the maximum (P4).
POSITION, STOCK_HIGH = get_column_letter(_T_FIRST + 17), get_column_letter(_T_FIRST + 18)
#: The drop-downs' lists (names, so that a validation on the products sheet may use a list of another sheet): what a
#: row may cover (and, to column T_VOLUME, its section and volume), the funding sources.
TARGET_END, FUNDING_END = FIRST_ROW + len(TARGETS) - 1, FIRST_ROW + len(FUNDING) - 1
TARGET_LIST, FUNDING_LIST = "xl_addin_product_targets", "xl_addin_product_funding"
_LIST_CELLS = {
    TARGET_LIST: f"${T_LABEL}${FIRST_ROW}:${T_LABEL}${TARGET_END}",
    FUNDING_LIST: f"${F_LIST}${FIRST_ROW}:${F_LIST}${FUNDING_END}",
}
CALC_SHEET = "products_calc"


def _prefix(lang: str, key: str) -> str:
    """``'Товары (расчёт)'!``: what goes before a cell of that sheet in a formula of another sheet."""
    return f"{quote_sheetname(SHEETS[lang][key])}!"


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


def exact_position(value: str, cells: str, first_row: int) -> str:
    """The place of ``value`` in ``cells`` (a column of unique choices from ``first_row``), 0 if absent: ``=`` over the
    list, case ignored as the model's casefold; MATCH would read a pasted ``ИФА*`` as a wildcard.

    >>> exact_position("A5", "$N$5:$N$9", 5)
    'SUMPRODUCT(($N$5:$N$9=A5)*(ROW($N$5:$N$9)-4))'
    """
    return f"SUMPRODUCT(({cells}={value})*(ROW({cells})-{first_row - 1}))"


#: The label of the month the stock was counted in: (before, after) the month, and the text without it.
COUNTED_TEXT = {
    "ru": ("Остаток, «Из него истекает» и «В пути» — на 1-е число месяца ", " (начало плана поставок)",
           "Остаток, «Из него истекает» и «В пути» — на 1-е число месяца начала плана поставок"),
    "en": ("Stock, expiring and pipeline as of the 1st of ", " (the supply plan's first month)",
           "Stock, expiring and pipeline as of the 1st of the supply plan's first month"),
}  # fmt: skip


def counted_formula(lang: str) -> str:
    """The label of the month the stock was counted in: the plan's first month (``in_plan_start``, blank: January
    of ``xl_addin_year``) as ``MM.ГГГГ``, built without TEXT (its format codes are localised); the text without
    the month when the plan's names are absent or the setting is not a date."""
    before, after, plain = COUNTED_TEXT[lang]
    start = "in_plan_start"
    month = (f'IF(ISBLANK({start}),"01."&xl_addin_year,'
             f'IF(MONTH({start})<10,"0","")&MONTH({start})&"."&YEAR({start}))')  # fmt: skip
    return f'=IFERROR("{before}"&{month}&"{after}","{plain}")'


def _count_valid(cell: str) -> str:
    return f"IF(ISNUMBER({cell}),AND({cell}>=0,{cell}=INT({cell}),{cell}<={MAX_COUNT}),ISBLANK({cell}))"


def _row_formulas(row: int, call: Callable[..., str], lang: str = "ru") -> tuple[dict[str, str], dict[str, str]]:
    """Every formula of one product row: its five results (cell of the products sheet → formula) and its helpers
    (column of the calculation sheet → formula); each refers to the other sheet's cells with its name."""
    helper, product = _prefix(lang, CALC_SHEET), _prefix(lang, "products")
    c = {name: f"{letter}{row}" for name, letter in LETTER.items()}  # on the products sheet
    p = {name: f"{product}{cell}" for name, cell in c.items()}  # the same cells, from the calculation sheet
    h = {letter: f"{helper}{letter}{row}" for letter in (SECTION, VALID)}  # helpers, from the products sheet
    covers, units, share, price = c["in_product_covers"], c["in_product_units_per_kit"], c["in_product_share"], c[
        "in_product_price"]  # fmt: skip
    pack, need, packs = c["in_product_units_per_pack"], c["out_product_need"], c["out_product_packs"]
    counts = [p[name] for name in ("in_product_units_per_kit", "in_product_kits_requested", "in_product_stock",
                                   "in_product_expiring", "in_product_pipeline", "in_product_last_year")]  # fmt: skip
    labels, volumes = (f"{helper}${column}${FIRST_ROW}:${column}${TARGET_END}" for column in (T_LABEL, T_VOLUME))
    valid = ",".join([
        f'{SECTION}{row}<>""',
        f"IF(ISNUMBER({p['in_product_units_per_pack']}),AND({p['in_product_units_per_pack']}>0,"
        f"{p['in_product_units_per_pack']}=INT({p['in_product_units_per_pack']}),"
        f"{p['in_product_units_per_pack']}<={MAX_COUNT}),FALSE)",
        *(_count_valid(cell) for cell in counts),
        f"IF(ISNUMBER({p['in_product_share']}),AND({p['in_product_share']}>0,{p['in_product_share']}<=100),"
        f"ISBLANK({p['in_product_share']}))",
        f"IF(ISNUMBER({p['in_product_price']}),AND({p['in_product_price']}>=0,{p['in_product_price']}<={MAX_PRICE}),"
        f"ISBLANK({p['in_product_price']}))",
        f"OR(ISBLANK({p['in_product_funding']}),SUMPRODUCT(({FUNDING_LIST}={p['in_product_funding']})*1)>0)",
    ])  # fmt: skip
    stock, expiring, pipeline = c["in_product_stock"], c["in_product_expiring"], c["in_product_pipeline"]
    last, cost, deviation = c["in_product_last_year"], c["out_product_cost"], c["out_product_deviation"]
    active, is_valid = f'{covers}=""', f"{h[VALID]}<>1"
    volume = f"INDEX({volumes},{exact_position(covers, labels, FIRST_ROW)})*IF(ISBLANK({share}),100,{share})/100"
    buffer_ok = _count_valid(BUFFER_CELL)
    arv = Section.ARV.value
    component3 = ",".join(f'{p["in_product_covers"]}="{target.label(lang)}"'
                          for target in kit_targets("in_kits_component3"))  # fmt: skip
    abacavir = ",".join(f'ISNUMBER(SEARCH("{word}",{p["in_product_name"]}))' for word in ABACAVIR)
    table = f"{product}A{row}:{LETTER['in_product_funding']}{row}"
    results = {
        need: f'=IF({active},"",IF({is_valid},NA(),IF({h[SECTION]}="{arv}",'
        f"IF(ISBLANK({units}),NA(),N({c['in_product_kits_requested']})*{units}),{up(volume)})))",
        packs: f'=IF({active},"",IF(ISNUMBER({need}),IF({buffer_ok},'
        f"{call('PACKS_TO_ORDER', need, f'N({stock})', f'N({pipeline})', pack, f'N({BUFFER_CELL})', f'N({expiring})')}"
        ",NA()),NA()))",
        cost: f'=IF({active},"",IF({is_valid},NA(),IF(ISBLANK({price}),"",'
        f"IF(ISNUMBER({packs}),{call('ORDER_COST', packs, price)},NA()))))",
        c["out_product_months_of_stock"]: f'=IF({active},"",IF(ISNUMBER({need}),IF({need}=0,"",'
        f"{call('MONTHS_OF_STOCK', f'MAX(0,N({stock})-N({expiring}))', need)}),NA()))",
        deviation: f'=IF({active},"",IF({is_valid},NA(),IF(OR(ISBLANK({last}),{last}=0),"",'
        f"IF(ISNUMBER({need}),{call('CONSUMPTION_DEVIATION', need, last)},NA()))))",
    }
    p_covers, p_units, p_stock, p_expiring = (p[name] for name in ("in_product_covers", "in_product_units_per_kit",
                                                                   "in_product_stock", "in_product_expiring"))  # fmt: skip
    p_cost, p_deviation, p_share = p["out_product_cost"], p["out_product_deviation"], p["in_product_share"]
    at = exact_position(p_covers, f"${T_LABEL}${FIRST_ROW}:${T_LABEL}${TARGET_END}", FIRST_ROW)
    helpers = {
        SECTION: f'=IFERROR(IF({at}=0,"",INDEX(${T_SECTION}${FIRST_ROW}:${T_SECTION}${TARGET_END},{at})),"")',
        VALID: f'=IF({p_covers}="","",IF(AND({valid}),1,0))',
        BAD: f'=IF({p_covers}="",IF(COUNTA({table})>0,1,0),IF({VALID}{row}=1,0,1))',
        EXPIRING: f"=IF({VALID}{row}=1,IF(N({p_expiring})>N({p_stock}),1,0),0)",
        COST_ERROR: f"=IF(ISERROR({p_cost}),1,0)",
        COST: f"=IF(ISNUMBER({p_cost}),{p_cost},0)",
        DEVIATING: f"=IF(ISNUMBER({p_deviation}),IF(ABS({p_deviation})>{THRESHOLD_NAME},1,0),0)",
        NO_UNITS: f'=IF({VALID}{row}=1,IF(AND({SECTION}{row}="{arv}",N({p_units})=0),1,0),0)',
        SHARE: f"=IF({VALID}{row}=1,IF(ISBLANK({p_share}),100,{p_share}),0)",
        # P3: a valid drug's whole kits on the shelf, ⌊max(0; stock − expiring) / units per kit⌋, and kits to buy
        SHELF: f'=IF({VALID}{row}=1,IF(AND({SECTION}{row}="{arv}",N({p_units})>0),'
        f"INT(MAX(0,N({p_stock})-N({p_expiring}))/{p_units}),0),0)",
        BUY: f'=IF({VALID}{row}=1,IF({SECTION}{row}="{arv}",MAX(0,N({p["in_product_kits_requested"]})-{SHELF}{row}),0),0)',
        ABACAVIR_ROW: f"=IF(OR({component3}),IF(OR({abacavir}),1,0),0)",
        # P3: a valid row gives the kit totals once the region typed its annual kits (a list's untouched row does not)
        GIVES: f"=IF({VALID}{row}=1,IF(ISBLANK({p['in_product_kits_requested']}),0,1),0)",
        # P4: usable stock and pipeline, above the maximum (buffer + 12 months of need) by a pack or more (any stock
        # without need) when the order is computed
        POSITION: f"=MAX(0,N({p_stock})-N({p_expiring}))+N({p['in_product_pipeline']})",
        STOCK_HIGH: f"=IF(AND(ISNUMBER({p['out_product_packs']}),ISNUMBER({p['out_product_need']})),"
        f"IF(IF({p['out_product_need']}=0,{POSITION}{row}>0,{POSITION}{row}*12>=(N({product}{BUFFER_CELL})"
        f"+{REORDER_MONTHS})*{p['out_product_need']}+12*{p['in_product_units_per_pack']}),1,0),0)",
    }
    return results, helpers


def _check_formulas(lang: str) -> dict[ProductCheck, str]:
    """Each check's formula: «Не заполнено», "OK" or the sentence with the first offender's numbers."""
    said, helper = SENTENCES[lang], _prefix(lang, CALC_SHEET)

    def hcol(letter: str) -> str:  # a helper column of the calculation sheet
        return f"{helper}{_col(letter)}"

    first_of = {letter: f"MATCH(1,{hcol(letter)},0)"
                for letter in (BAD, NO_UNITS, EXPIRING, DEVIATING, ABACAVIR_ROW, STOCK_HIGH)}  # fmt: skip
    row_of = {letter: f"{first}+{FIRST_ROW - 1}" for letter, first in first_of.items()}
    t_end, k_end = TARGET_END, FIRST_ROW + len(GIVEN_INPUTS) - 1

    def t(letter: str) -> str:
        return f"{helper}${letter}${FIRST_ROW}:${letter}${t_end}"

    def k(letter: str) -> str:
        return f"{helper}${letter}${FIRST_ROW}:${letter}${k_end}"

    shares_at, kits_at = f"MATCH(1,{t(T_SHARES_BAD)},0)", f"MATCH(1,{k(K_DIFFER)},0)"
    uncovered_at, deviating_at = f"MATCH(1,{t(T_UNCOVERED)},0)", first_of[DEVIATING]
    expiring_at = first_of[EXPIRING]
    any_covers = f'SUMPRODUCT(--({_col(LETTER["in_product_covers"])}<>""))>0'
    buffer_bad = f"IF({_count_valid(BUFFER_CELL)},0,1)"
    bad_count = f"SUM({hcol(BAD)})+{buffer_bad}"

    def index(letter: str, at: str) -> str:
        return f"INDEX({_col(letter)},{at})"

    counted = {
        ProductCheck.INPUTS: (bad_count, dict(count=bad_count, row=f'IFERROR({row_of[BAD]},"—")')),
        ProductCheck.SHARES: (f"SUM({t(T_SHARES_BAD)})", dict(count=f"SUM({t(T_SHARES_BAD)})",
                              label=f"INDEX({t(T_LABEL)},{shares_at})", share=f"ROUND(INDEX({t(T_SHARES)},{shares_at}),0)")),
        ProductCheck.UNITS_PER_KIT: (f"SUM({hcol(NO_UNITS)})", dict(count=f"SUM({hcol(NO_UNITS)})", row=row_of[NO_UNITS])),
        ProductCheck.EXPIRING: (f"SUM({hcol(EXPIRING)})", dict(count=f"SUM({hcol(EXPIRING)})", row=row_of[EXPIRING],
                                expiring=f"N({index(LETTER['in_product_expiring'], expiring_at)})",
                                stock=f"N({index(LETTER['in_product_stock'], expiring_at)})")),
        ProductCheck.KITS: (f"SUM({k(K_DIFFER)})", dict(count=f"SUM({k(K_DIFFER)})", label=f"INDEX({k(K_LABEL)},{kits_at})",
                            rows=f"INDEX({k(K_BY_ROWS)},{kits_at})", typed=f"INDEX({k(K_TYPED)},{kits_at})")),
        ProductCheck.ABACAVIR: (f"SUM({hcol(ABACAVIR_ROW)})", dict(count=f"SUM({hcol(ABACAVIR_ROW)})",
                                row=row_of[ABACAVIR_ROW])),
        ProductCheck.UNCOVERED: (f"IF({any_covers},SUM({t(T_UNCOVERED)}),0)", dict(count=f"SUM({t(T_UNCOVERED)})",
                                 label=f"INDEX({t(T_LABEL)},{uncovered_at})", volume=f"INDEX({t(T_VOLUME)},{uncovered_at})")),
        ProductCheck.DEVIATION: (f"SUM({hcol(DEVIATING)})", dict(count=f"SUM({hcol(DEVIATING)})", row=row_of[DEVIATING],
                                 threshold=f"ROUND({THRESHOLD_NAME}*100,0)",
                                 need=index(LETTER["out_product_need"], deviating_at),
                                 last=index(LETTER["in_product_last_year"], deviating_at),
                                 percent=f"ROUND({index(LETTER['out_product_deviation'], deviating_at)}*100,0)")),
        ProductCheck.STOCK_LEVEL: (f"SUM({hcol(STOCK_HIGH)})", dict(count=f"SUM({hcol(STOCK_HIGH)})",
                                   row=row_of[STOCK_HIGH], maximum=f"N({BUFFER_CELL})+{REORDER_MONTHS}",
                                   stock=f"INDEX({hcol(POSITION)},{first_of[STOCK_HIGH]})",
                                   need=index(LETTER["out_product_need"], first_of[STOCK_HIGH]))),
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
            helper = _prefix(self.lang, CALC_SHEET)
            errors, costs = f"{helper}{_col(COST_ERROR)}", f"{helper}{_col(COST)}"
            if section is not None:
                criteria = f'{helper}{_col(SECTION)},"{section.value}"'
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
        top = TOTALS_ROW + len(TOTALS)  # the heading right under the totals: the checks end above the table's header
        assert top + len(ProductCheck) < FIRST_ROW - 1
        sheet.cell(top, 2, self.text["checks"]).font = Font(bold=True)
        for offset, (check, formula) in enumerate(_check_formulas(self.lang).items(), start=1):
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
            self._define(column.name, sheet, _col(LETTER[column.name]))
        unlocked = sheet[f"A{FIRST_ROW}"]
        unlocked.protection = UNLOCKED
        months = sheet[f"{LETTER['out_product_months_of_stock']}{FIRST_ROW}"]
        months.number_format = MONTHS_FORMAT  # 10.0 months, as the plan shows them
        for row in range(FIRST_ROW, LAST_ROW + 1):
            for column in INPUT_COLUMNS:  # one style, set once and copied (openpyxl looks a style up at each set)
                sheet[f"{LETTER[column.name]}{row}"]._style = copy(unlocked._style)
            sheet[f"{months.column_letter}{row}"]._style = copy(months._style)
            results, helpers = _row_formulas(row, self.call, self.lang)
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
            cells = _col(LETTER[column.name]).replace("$", "")
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
        for name, cells in _LIST_CELLS.items():
            self._define(name, sheet, cells)
        product = _prefix(self.lang, "products")
        for offset, target in enumerate(TARGETS):
            row = FIRST_ROW + offset
            sheet[f"{T_LABEL}{row}"], sheet[f"{T_SECTION}{row}"] = target.label(self.lang), target.section.value
            sheet[f"{T_VOLUME}{row}"] = f"={target.result}" if target.result else ""
            covers = f"{product}{_col(LETTER['in_product_covers'])}"
            sheet[f"{T_ROWS}{row}"] = f"=COUNTIF({covers},{T_LABEL}{row})"
            sheet[f"{T_SHARES}{row}"] = f"=SUMIF({covers},{T_LABEL}{row},{_col(SHARE)})"
            arv = f'{T_SECTION}{row}<>"{Section.ARV.value}"'
            sheet[f"{T_SHARES_BAD}{row}"] = f"=IF(AND({arv},{T_ROWS}{row}>0),IF(ROUND({T_SHARES}{row},6)<>100,1,0),0)"
            sheet[f"{T_UNCOVERED}{row}"] = (
                f"=IF(AND({arv},{T_ROWS}{row}=0),IF(ISNUMBER({T_VOLUME}{row}),IF({T_VOLUME}{row}>0,1,0),0),0)"
            )
        covers, valid = f"{product}{_col(LETTER['in_product_covers'])}", _col(VALID)
        typed = f"{_col(GIVES)},1"  # only the rows whose annual kits are typed
        for offset, name in enumerate(GIVEN_INPUTS):  # P3: what the drug rows give, beside what is typed
            row, labels = FIRST_ROW + offset, [t.label(self.lang) for t in kit_targets(name)]
            kits = _col(SHELF if name == LEFT_INPUT else BUY)
            no_units = "+".join(f'COUNTIFS({covers},"{label}",{_col(NO_UNITS)},1,{typed})' for label in labels)
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
    helper = _prefix(lang, CALC_SHEET)
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
