"""The supply plan's calculation sheet («План (расчёт)»): its cells and their Excel-native formulas.

The design note's §3.4 (docs/interpretation.md, P4), in Excel 2007 functions only (EDATE,
SUMIFS/COUNTIFS, INDEX/MATCH, ROUNDDOWN; no TEXT of a date, no dynamic arrays).  Per «Товары» row
r (21…80) five blocks of 24 months: demand (DEM), receipts (REC), the cumulative write-off at
expiry by FEFO (X), dispensed (SAT) and the closing stock (END); the rest is derived from them
on the visible sheet (unmet = DEM − SAT, written off = X(t) − X(t−1), the status and the
months of stock).  Column A is the row's guard: 1 when the plan is computed, ``""`` for a row
that covers nothing, #N/A for an invalid row or invalid settings (as ``out_product_*`` do).
Rows 5…124 of the helper columns normalise each input line's dates to their month's first day
and flag its errors.  :func:`calc_cells` returns every cell (address → formula or text).
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter, quote_sheetname

from xl_addin.core.numbers import MAX_COUNT
from xl_addin.request.plan_layout import (
    MONTHS,
    REORDER_RANGE,
    SETTING_BY_NAME,
    TABLE_FIRST_ROW,
    TABLE_LAST_ROW,
    TABLES,
    YEAR_NAME,
    TableColumn,
)
from xl_addin.request.plan_texts import ShipStatus
from xl_addin.request.products_model import FIRST_ROW
from xl_addin.workbook.products_formulas import LETTER
from xl_addin.workbook.texts import SHEETS

LAST_ROW = FIRST_ROW + 59
#: The settings as the formulas use them (column B; labels in A): the first month, the order's month, Min and Max
#: (months), January and December of the request year, 1 when the settings are valid, the selected row (0: none),
#: December's place among the 24 months.
START, ORDER_MONTH, MIN, MAX, JANUARY, DECEMBER, SETTINGS_OK, SELECTED, DECEMBER_AT = (
    f"$B${row}" for row in range(2, 11)
)
#: Per setting, 1 when it is wrong (rows 12…16, in the order of plan_layout.SETTINGS).
SETTING_BAD = {name: f"$B${12 + offset}" for offset, name in enumerate(SETTING_BY_NAME)}
#: The heading of the selected product's months: the row it names (0: none) and what it says (plan_heading: 1 the
#: plan, 2 not computed, 3 C6's code on no row, 4 on more than one, 5 no product at all).
HEAD_ROW, HEAD_CASE = "$B$17", "$B$18"
CHECKED_ROW, MONTH_ROW = 19, 20
#: The guard of each row (column A) and the five blocks, each 24 columns from column B.
GUARD = "A"
BLOCKS = ("DEM", "REC", "X", "SAT", "END")
_FIRST_BLOCK_COLUMN = 2


def block_letter(block: str, t: int) -> str:
    """The column of month ``t`` (1…24) of a block.

    >>> block_letter("DEM", 1), block_letter("REC", 1), block_letter("END", 24)
    ('B', 'Z', 'DQ')
    """
    return get_column_letter(_FIRST_BLOCK_COLUMN + BLOCKS.index(block) * MONTHS + t - 1)


def block_row(block: str, row: int) -> str:
    """A row's 24 cells of a block (``$B21:$Y21``)."""
    return f"${block_letter(block, 1)}{row}:${block_letter(block, MONTHS)}{row}"


def block_column(block: str, t: int) -> str:
    """Month ``t`` of a block for every product row (``B$21:B$80``)."""
    letter = block_letter(block, t)
    return f"{letter}${FIRST_ROW}:{letter}${LAST_ROW}"


MONTHS_RANGE = f"${block_letter('DEM', 1)}${MONTH_ROW}:${block_letter('DEM', MONTHS)}${MONTH_ROW}"
CHECKED_RANGE = f"${block_letter('DEM', 1)}${CHECKED_ROW}:${block_letter('DEM', MONTHS)}${CHECKED_ROW}"

#: Per-row helpers after the blocks: whether the row is active and valid (1/0/""), the wrong lines and the «другое»
#: lines with its code (= as Excel compares, case ignored, no wildcards), the base of the months before
#: the request year, how many lot, «в пути», «заявка» lines and override lines the code has, and their sums.
_ROW_HELPERS = ("ROW_OK", "BAD_LINES", "OTHER_LINES", "LAST_BASE", "LOT_LINES", "LOT_SUM", "TRANSIT_LINES", "TRANSIT_SUM", "ORDER_LINES",
                "ORDER_SUM", "CHOSEN")  # fmt: skip
_FIRST_HELPER = _FIRST_BLOCK_COLUMN + len(BLOCKS) * MONTHS + 1
ROW_HELPER = {key: get_column_letter(_FIRST_HELPER + offset) for offset, key in enumerate(_ROW_HELPERS)}
#: Per-line helpers (rows 5…124): the months of arrival, of a delivery's and of a lot's expiry, of an override;
#: 1 for a wrong line of each table, for a delivery that arrives expired or before the start, for one shorter-dated
#: than a lot of its product; the «Товары» row (21…80) of a right line's product, 0 for a wrong or blank line.  The
#: rows' sums select lines by that row number, never by their code: SUMIFS would read a code's ``* ? ~`` as
#: wildcards (a row «A*» would take the lines of «AB») and match a number with its text (P4).
_LINE_HELPERS = ("SHIP_MONTH", "SHIP_EXPIRY", "LOT_EXPIRY", "USE_MONTH", "SHIP_BAD", "LOT_BAD", "USE_BAD",
                 "DATES_BAD", "FEFO", "SHIP_ROW", "LOT_ROW", "USE_ROW")  # fmt: skip
_FIRST_LINE_HELPER = _FIRST_HELPER + len(_ROW_HELPERS) + 1
LINE_HELPER = {key: get_column_letter(_FIRST_LINE_HELPER + offset) for offset, key in enumerate(_LINE_HELPERS)}


def line_range(key: str) -> str:
    """A line helper's 120 cells (``$EF$5:$EF$124``)."""
    letter = LINE_HELPER[key]
    return f"${letter}${TABLE_FIRST_ROW}:${letter}${TABLE_LAST_ROW}"


def row_range(key: str) -> str:
    """A row helper's 60 cells, or the guard's (``$A$21:$A$80``)."""
    letter = GUARD if key == GUARD else ROW_HELPER[key]
    return f"${letter}${FIRST_ROW}:${letter}${LAST_ROW}"


def prefix(lang: str, key: str) -> str:
    """What goes before a cell of sheet ``key`` in a formula of another sheet (``'План (расчёт)'!``)."""
    return f"{quote_sheetname(SHEETS[lang][key])}!"


def month_of(cell: str) -> str:
    """The first day of a date's month."""
    return f"DATE(YEAR({cell}),MONTH({cell}),1)"


def is_date(cell: str) -> str:
    """A filled cell that is a date (a number from 01.01.1900 on)."""
    return f"AND(ISNUMBER({cell}),{cell}>=1)"


def whole(cell: str, low: int, high: int) -> str:
    """A number, whole, from ``low`` to ``high``."""
    return f"IF(ISNUMBER({cell}),AND({cell}>={low},{cell}<={high},{cell}=INT({cell})),FALSE)"


def code_ok(cell: str, lang: str) -> str:
    """A line's code names exactly one valid «Товары» row and is safe as a SUMIFS criterion (no ``* ? ~``, not
    starting with ``< > =``)."""
    codes = (
        f"{prefix(lang, 'products')}${LETTER['in_product_code']}${FIRST_ROW}:${LETTER['in_product_code']}${LAST_ROW}"
    )
    rows_ok = row_range("ROW_OK")
    return f'AND(LEN({cell}&"")>0,SUMPRODUCT(({codes}={cell})*({rows_ok}=1))=1,{code_safe(cell)})'


def code_safe(cell: str) -> str:
    """A code a SUMIFS criterion would read literally: no ``* ? ~``, not starting with ``< > =``."""
    wild = "+".join(f'ISNUMBER(FIND("{c}",{cell}))' for c in "*?~")
    start = "+".join(f'(LEFT({cell},1)="{c}")' for c in "<>=")
    return f"{wild}+{start}=0"


def _product(lang: str, name: str, row: int) -> str:
    return f"{prefix(lang, 'products')}${LETTER[name]}{row}"


def _settings(lang: str, cells: dict[str, str]) -> None:
    start, order = SETTING_BY_NAME["in_plan_start"], SETTING_BY_NAME["in_plan_order_month"]
    plan = prefix(lang, "plan")
    s, o = f"{plan}{start.cell}", f"{plan}{order.cell}"
    r, lead = (
        f"{plan}{SETTING_BY_NAME['in_plan_reorder_months'].cell}",
        f"{plan}{SETTING_BY_NAME['in_plan_lead_months'].cell}",
    )
    product = f"{plan}{SETTING_BY_NAME['in_plan_product'].cell}"
    year = YEAR_NAME
    bad = {
        "in_plan_start": f"IF(ISBLANK({s}),0,IF({is_date(s)},IF(AND({s}>=DATE({year}-1,1,1),{s}<DATE({year},2,1)),0,1),1))",
        "in_plan_reorder_months": f"IF(ISBLANK({r}),0,IF({whole(r, *REORDER_RANGE)},0,1))",
        "in_plan_order_month": f"IF(ISBLANK({o}),0,IF({is_date(o)},0,1))",
        "in_plan_lead_months": f"IF(ISBLANK({lead}),0,IF({whole(lead, 0, 60)},0,1))",
        "in_plan_product": f"IF(ISBLANK({product}),0,IF({code_ok(product, lang)},0,1))",
    }  # fmt: skip
    for name, formula in bad.items():
        cells[SETTING_BAD[name].replace("$", "")] = f"={formula}"
    ok = "+".join(SETTING_BAD[name] for name in ("in_plan_start", "in_plan_reorder_months", "in_plan_order_month"))
    buffer = "N(in_buffer_months)"
    codes = (
        f"{prefix(lang, 'products')}${LETTER['in_product_code']}${FIRST_ROW}:${LETTER['in_product_code']}${LAST_ROW}"
    )
    rows_ok = row_range("ROW_OK")
    chosen = f"SUMPRODUCT(({codes}={product})*({rows_ok}=1)*(ROW({codes})-{FIRST_ROW - 1}))"
    values = {
        START: f"=IF({SETTING_BAD['in_plan_start']}=0,IF(ISBLANK({s}),{JANUARY},{month_of(s)}),{JANUARY})",
        ORDER_MONTH: f"=IF({SETTING_BAD['in_plan_order_month']}=0,IF(ISBLANK({o}),{JANUARY},{month_of(o)}),{JANUARY})",
        MIN: f"={buffer}",
        MAX: f"={MIN}+IF({SETTING_BAD['in_plan_reorder_months']}=0,IF(ISBLANK({r}),12,{r}),12)",
        JANUARY: f"=DATE({year},1,1)",
        DECEMBER: f"=DATE({year},12,1)",
        SETTINGS_OK: f"=IF({ok}=0,1,0)",
        SELECTED: f"=IF({SETTINGS_OK}<>1,0,IF(ISBLANK({product}),IFERROR(MATCH(1,{row_range(GUARD)},0),0),"
        f"IF({SETTING_BAD['in_plan_product']}=0,IF(ISNUMBER(INDEX({row_range(GUARD)},{chosen})),{chosen},0),0)))",
        DECEMBER_AT: f"=MATCH({DECEMBER},{MONTHS_RANGE},0)",
    }
    for cell, formula in values.items():
        cells[cell.replace("$", "")] = formula
    for t in range(1, MONTHS + 1):
        letter = block_letter("DEM", t)
        cells[f"{letter}{MONTH_ROW}"] = f"=EDATE({START},{t - 1})"
        cells[f"{letter}{CHECKED_ROW}"] = f"=IF({letter}{MONTH_ROW}<={DECEMBER},1,0)"


def _lines(lang: str, cells: dict[str, str]) -> None:
    ship, lot, use = ({c.name: c for c in TABLES[key]} for key in ("ship", "lot", "use"))
    sheet = prefix(lang, "deliveries")
    statuses = ",".join(f'{{cell}}="{status.label(lang)}"' for status in ShipStatus)
    h = LINE_HELPER
    for row in range(TABLE_FIRST_ROW, TABLE_LAST_ROW + 1):

        def at(column: dict[str, TableColumn], name: str, row: int = row) -> str:
            return f"{sheet}${column[name].letter}{row}"

        def filled(columns: dict[str, TableColumn], row: int = row) -> str:
            return "+".join(f'LEN({sheet}${c.letter}{row}&"")' for c in columns.values())

        month, expiry = at(ship, "in_ship_month"), at(ship, "in_ship_expiry")
        cells[f"{h['SHIP_MONTH']}{row}"] = f'=IF({is_date(month)},{month_of(month)},"")'
        cells[f"{h['SHIP_EXPIRY']}{row}"] = f'=IF({is_date(expiry)},{month_of(expiry)},"")'
        lot_expiry, use_month = at(lot, "in_lot_expiry"), at(use, "in_use_month")
        cells[f"{h['LOT_EXPIRY']}{row}"] = f'=IF({is_date(lot_expiry)},{month_of(lot_expiry)},"")'
        cells[f"{h['USE_MONTH']}{row}"] = f'=IF({is_date(use_month)},{month_of(use_month)},"")'
        status = at(ship, "in_ship_status")
        ship_ok = ",".join((
            code_ok(at(ship, "in_ship_code"), lang), is_date(month), whole(at(ship, "in_ship_units"), 0, MAX_COUNT),
            f"OR({statuses.format(cell=status)})", f"OR(ISBLANK({expiry}),{is_date(expiry)})",
        ))  # fmt: skip
        lot_ok = ",".join((code_ok(at(lot, "in_lot_code"), lang), whole(at(lot, "in_lot_units"), 0, MAX_COUNT),
                           f"OR(ISBLANK({lot_expiry}),{is_date(lot_expiry)})"))  # fmt: skip
        use_ok = ",".join((code_ok(at(use, "in_use_code"), lang), is_date(use_month),
                           whole(at(use, "in_use_units"), 0, MAX_COUNT)))  # fmt: skip
        codes = (f"{prefix(lang, 'products')}${LETTER['in_product_code']}${FIRST_ROW}:"
                 f"${LETTER['in_product_code']}${LAST_ROW}")  # fmt: skip
        for key, columns, ok in (("SHIP_BAD", ship, ship_ok), ("LOT_BAD", lot, lot_ok), ("USE_BAD", use, use_ok)):
            cells[f"{h[key]}{row}"] = f"=IF(({filled(columns)})=0,0,IF(AND({ok}),0,1))"
            table = key.removesuffix("_BAD")
            code = at(columns, f"in_{table.lower()}_code")
            product_row = f"SUMPRODUCT(({codes}={code})*({row_range('ROW_OK')}=1)*ROW({codes}))"
            cells[f"{h[table + '_ROW']}{row}"] = f"=IF(AND(({filled(columns)})>0,{h[key]}{row}=0),{product_row},0)"
        arrival, ends = f"{h['SHIP_MONTH']}{row}", f"{h['SHIP_EXPIRY']}{row}"
        valid = f"({filled(ship)})>0,{h['SHIP_BAD']}{row}=0"
        cells[f"{h['DATES_BAD']}{row}"] = (
            f'=IF(AND({valid}),IF(OR({arrival}<{START},AND({ends}<>"",{ends}<{arrival})),1,0),0)'
        )
        lots = f'COUNTIFS(in_lot_code,{at(ship, "in_ship_code")},{line_range("LOT_EXPIRY")},">"&{ends})'
        cells[f"{h['FEFO']}{row}"] = f'=IF(AND({valid},{ends}<>""),IF({lots}>0,1,0),0)'


def _rows(lang: str, cells: dict[str, str]) -> None:
    transit, request = ShipStatus.TRANSIT.label(lang), ShipStatus.REQUEST.label(lang)
    arrival, ship_expiry, lot_expiry = (line_range(key) for key in ("SHIP_MONTH", "SHIP_EXPIRY", "LOT_EXPIRY"))
    use_month = line_range("USE_MONTH")
    h = ROW_HELPER
    for row in range(FIRST_ROW, LAST_ROW + 1):
        p = {name: _product(lang, name, row) for name in LETTER}
        code, need, packs = p["in_product_code"], p["out_product_need"], p["out_product_packs"]
        ship, lot, use = (f"{line_range(key)},{row}" for key in ("SHIP_ROW", "LOT_ROW", "USE_ROW"))  # its lines
        other = ShipStatus.OTHER.label(lang)
        helpers = {
            "ROW_OK": f'=IF({p["in_product_covers"]}="","",IF(AND(ISNUMBER({need}),ISNUMBER({packs})),1,0))',
            "LAST_BASE": f"=IF(N({p['in_product_last_year']})>0,N({p['in_product_last_year']}),N({need}))",
            "LOT_LINES": f"=COUNTIF({lot})",
            "LOT_SUM": f"=SUMIF({lot},in_lot_units)",
            "TRANSIT_LINES": f'=COUNTIFS({ship},in_ship_status,"{transit}")',
            "TRANSIT_SUM": f'=SUMIFS(in_ship_units,{ship},in_ship_status,"{transit}")',
            "ORDER_LINES": f'=COUNTIFS({ship},in_ship_status,"{request}")',
            "ORDER_SUM": f'=SUMIFS(in_ship_units,{ship},in_ship_status,"{request}")',
            "OTHER_LINES": f'=COUNTIFS({ship},in_ship_status,"{other}")',
        }
        wrong = "+".join(f"SUMPRODUCT((in_{table}_code={code})*({line_range(table.upper() + '_BAD')}=1))"
                         for table in TABLES)  # fmt: skip
        helpers["BAD_LINES"] = f"={wrong}"
        chosen = f"{prefix(lang, 'plan')}{SETTING_BY_NAME['in_plan_product'].cell}"
        helpers["CHOSEN"] = f'=IF(AND({p["in_product_covers"]}<>"",{code}={chosen}),1,0)'  # an active row of C6's code
        for key, formula in helpers.items():
            cells[f"{h[key]}{row}"] = formula
        ok, bad = f"{h['ROW_OK']}{row}", f"{h['BAD_LINES']}{row}"
        # computed: active and valid on «Товары», the settings right, no wrong line with its code (P4)
        cells[f"{GUARD}{row}"] = f'=IF({ok}="","",IF(AND({ok}=1,{SETTINGS_OK}=1,{bad}=0),1,NA()))'
        stock = f"N({p['in_product_stock']})"
        for t in range(1, MONTHS + 1):
            month = f"{block_letter('DEM', t)}${MONTH_ROW}"
            c = {block: f"{block_letter(block, t)}{row}" for block in BLOCKS}
            before = {block: f"{block_letter(block, t - 1)}{row}" for block in BLOCKS} if t > 1 else {}
            base = f"IF({month}<{JANUARY},${h['LAST_BASE']}{row},N({need}))"
            default = f"INT({base}*MONTH({month})/12)-INT({base}*(MONTH({month})-1)/12)"
            override = f"COUNTIFS({use},{use_month},{month})"
            cells[c["DEM"]] = f"=IF({override}>0,SUMIFS(in_use_units,{use},{use_month},{month}),{default})"
            receipts = f"SUMIFS(in_ship_units,{ship},{arrival},{month})"
            if t == 1:
                receipts += f"+IF(${h['TRANSIT_LINES']}{row}=0,N({p['in_product_pipeline']}),0)"
            receipts += (
                f"+IF(AND({month}={ORDER_MONTH},${h['ORDER_LINES']}{row}=0),"
                f"N({packs})*N({p['in_product_units_per_pack']}),0)"
            )
            cells[c["REC"]] = f"={receipts}"
            bex = (
                f'SUMIFS(in_lot_units,{lot},{lot_expiry},"<"&{month})'
                f'+SUMIFS(in_ship_units,{ship},{ship_expiry},"<"&{month},{arrival},"<"&{month})'
                f"+IF(${h['LOT_LINES']}{row}=0,N({p['in_product_expiring']}),0)"
            )
            if t == 1:
                cells[c["X"]] = f"=MAX(0,{bex})"
                available = f"MAX(0,{stock}+{c['REC']}-{c['X']})"
            else:
                dispensed = f"SUM(${block_letter('SAT', 1)}{row}:{before['SAT']})"
                cells[c["X"]] = f"=MAX({before['X']},{bex}-{dispensed})"
                available = f"MAX(0,{before['END']}+{c['REC']}-({c['X']}-{before['X']}))"
            cells[c["SAT"]] = f"=MIN({c['DEM']},{available})"
            cells[c["END"]] = f"={available}-{c['SAT']}"


#: The labels of the settings cells (column A), in the order of rows 2…10 and 12…16.
_LABELS = ("первый месяц", "месяц заказа", "минимум, мес.", "максимум, мес.", "январь года заявки",
           "декабрь года заявки", "настройки верны", "строка выбранного товара", "место декабря")  # fmt: skip


def calc_cells(lang: str) -> dict[str, str]:
    """Every cell of the calculation sheet but the checks' helpers: address → formula (or a label); native formulas
    in both variants (the plan calls no function of the add-in)."""
    cells: dict[str, str] = {}
    for offset, label in enumerate(_LABELS):
        cells[f"A{2 + offset}"] = label
    for name, cell in SETTING_BAD.items():
        cells[cell.replace("$", "").replace("B", "A", 1)] = f"ошибка: {name}"
    cells["A17"], cells["A18"] = "строка заголовка товара", "что говорит заголовок"
    _settings(lang, cells)
    _lines(lang, cells)
    _rows(lang, cells)
    return cells
