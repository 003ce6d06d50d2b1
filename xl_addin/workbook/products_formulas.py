"""The products sheet's places and formulas («Товары» and its calculation sheet «Товары (расчёт)»): the table's
columns, the helper columns of the calculation sheet, the per-row formulas (in either variant: the add-in's
``PACKS_TO_ORDER(…)`` or their native formulas) and the checks' formulas with their sentences.

They take the same steps as :mod:`xl_addin.request.products_model` (LibreOffice compares the two in
``tests/workbook/test_products_sheet.py``); :mod:`xl_addin.workbook.products_sheet` writes them into a workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from string import Formatter

from openpyxl.utils import get_column_letter, quote_sheetname

from xl_addin.catalog.native import up
from xl_addin.core.numbers import MAX_COUNT, MAX_PRICE
from xl_addin.request import model
from xl_addin.request.products_layout import (
    ABACAVIR,
    COLUMNS,
    FUNDING,
    GIVEN_INPUTS,
    PRODUCT_ROWS,
    REORDER_MONTHS,
    TARGETS,
    ProductCheck,
    Section,
    kit_targets,
)
from xl_addin.request.products_model import FIRST_ROW, SENTENCES
from xl_addin.workbook.texts import SHEETS

LAST_ROW = FIRST_ROW + PRODUCT_ROWS - 1
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
LIST_CELLS = {
    TARGET_LIST: f"${T_LABEL}${FIRST_ROW}:${T_LABEL}${TARGET_END}",
    FUNDING_LIST: f"${F_LIST}${FIRST_ROW}:${F_LIST}${FUNDING_END}",
}
CALC_SHEET = "products_calc"


def sheet_prefix(lang: str, key: str) -> str:
    """``'Товары (расчёт)'!``: what goes before a cell of that sheet in a formula of another sheet."""
    return f"{quote_sheetname(SHEETS[lang][key])}!"


def column_cells(letter: str) -> str:
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


def row_formulas(row: int, call: Callable[..., str], lang: str = "ru") -> tuple[dict[str, str], dict[str, str]]:
    """Every formula of one product row: its five results (cell of the products sheet → formula) and its helpers
    (column of the calculation sheet → formula); each refers to the other sheet's cells with its name."""
    helper, product = sheet_prefix(lang, CALC_SHEET), sheet_prefix(lang, "products")
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


def check_formulas(lang: str) -> dict[ProductCheck, str]:
    """Each check's formula: «Не заполнено», "OK" or the sentence with the first offender's numbers."""
    said, helper = SENTENCES[lang], sheet_prefix(lang, CALC_SHEET)

    def hcol(letter: str) -> str:  # a helper column of the calculation sheet
        return f"{helper}{column_cells(letter)}"

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
    any_covers = f'SUMPRODUCT(--({column_cells(LETTER["in_product_covers"])}<>""))>0'
    buffer_bad = f"IF({_count_valid(BUFFER_CELL)},0,1)"
    bad_count = f"SUM({hcol(BAD)})+{buffer_bad}"

    def index(letter: str, at: str) -> str:
        return f"INDEX({column_cells(letter)},{at})"

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
