"""The supply plan's checks (``chk_plan_*``): their helpers on «План (расчёт)» and their formulas on «План поставок».

Each check shows «Не заполнено» while nothing of the plan is filled, "OK", or the sentence of
:mod:`xl_addin.request.plan_texts` (its template turned into an Excel formula by
``products_formulas.excel_sentence``, never retyped) with the first offender's numbers.  Per
«Товары» row the calculation sheet flags what the checks count (1/0, columns after the line
helpers); the results they quote are the row's ``out_plan_*`` cells.  A month in a sentence
is ``MM.ГГГГ`` built from its parts (TEXT's format codes are localised in Russian Excel).
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.utils import column_index_from_string, get_column_letter

from xl_addin.catalog.native import NATIVE
from xl_addin.request import model
from xl_addin.request.plan_layout import (
    MONTHS,
    ORDER_BY,
    PLAN_FIRST_ROW,
    RESULT_BY_NAME,
    SETTING_BY_NAME,
    SETTINGS,
    STATUS_LETTERS,
    TABLE_FIRST_ROW,
    TABLES,
)
from xl_addin.request.plan_texts import (
    ASSUMPTION_PARTS,
    EXPIRY_COST,
    NOT_CHECKED,
    NOT_COMPUTED_REASONS,
    PARTS_SEPARATOR,
    PRODUCT_CHECKS,
    SELECTED_TEXTS,
    MonthStatus,
    PlanCheck,
    table_label,
)
from xl_addin.request.products_model import FIRST_ROW
from xl_addin.workbook.plan_calc import (
    CHECKED_RANGE,
    DECEMBER_AT,
    GUARD,
    HEAD_CASE,
    HEAD_ROW,
    LAST_ROW,
    LINE_HELPER,
    MAX,
    MIN,
    MONTHS_RANGE,
    ORDER_MONTH,
    ROW_HELPER,
    SELECTED,
    SETTING_BAD,
    SETTINGS_OK,
    START,
    block_letter,
    code_safe,
    line_range,
    prefix,
    row_range,
)
from xl_addin.workbook.products_formulas import LETTER, excel_sentence

#: The per-row flags and values the checks read, after the line helpers.
_FLAGS = ("F_LOTS", "F_TRANSIT", "F_ORDER", "F_NOT_ORDERED", "F_STOCKOUT", "F_BELOW", "F_ABOVE", "F_EXPIRY",
          "F_AFTER", "A_TRANSIT", "A_ORDER", "A_EXPIRING", "A_OTHER", "FIRST_EXPIRY", "NEEDED", "AFTER_MONTH", "FIRST_BELOW",
          "FIRST_ABOVE", "F_UNPLANNED")  # fmt: skip
_FIRST_FLAG = column_index_from_string(list(LINE_HELPER.values())[-1]) + 2  # after the last line helper
FLAG = {key: get_column_letter(_FIRST_FLAG + offset) for offset, key in enumerate(_FLAGS)}


def month_text(cell: str) -> str:
    """``MM.ГГГГ`` of a date, without TEXT.

    >>> month_text("A1")
    'IF(MONTH(A1)<10,"0","")&MONTH(A1)&"."&YEAR(A1)'
    """
    return f'IF(MONTH({cell})<10,"0","")&MONTH({cell})&"."&YEAR({cell})'


def flag_range(key: str) -> str:
    """A flag's 60 cells on the calculation sheet (``$FA$21:$FA$80``)."""
    return f"${FLAG[key]}${FIRST_ROW}:${FLAG[key]}${LAST_ROW}"


def flag_cells(lang: str) -> dict[str, str]:
    """The calculation sheet's per-row flags and values of the checks: address → formula."""
    cells: dict[str, str] = {}
    products, plan = prefix(lang, "products"), prefix(lang, "plan")
    for row in range(FIRST_ROW, LAST_ROW + 1):
        pr = PLAN_FIRST_ROW + row - FIRST_ROW
        p = {name: f"{products}${letter}{row}" for name, letter in LETTER.items()}
        h = {key: f"${letter}{row}" for key, letter in ROW_HELPER.items()}
        r = {name: f"{plan}${column.letter}{pr}" for name, column in RESULT_BY_NAME.items()}
        status = f"{plan}${STATUS_LETTERS[0]}{pr}:${STATUS_LETTERS[-1]}{pr}"
        computed = listed = f"ISNUMBER(${GUARD}{row})"  # every check reads the computed rows only (P4)
        x_row = f"${block_letter('X', 1)}{row}:${block_letter('X', MONTHS)}{row}"
        pack, packs = p["in_product_units_per_pack"], f"N({p['out_product_packs']})"
        needed = NATIVE["PACKS_TO_ORDER"](p["out_product_need"], f"N({p['in_product_stock']})",
                                          f"N({p['in_product_pipeline']})", pack, "in_buffer_months", r["out_plan_expired"])  # fmt: skip
        after = (f"INDEX(${block_letter('DEM', 1)}$20:${block_letter('DEM', MONTHS)}$20,{DECEMBER_AT}+MATCH("
                 f"{int(MonthStatus.STOCKOUT)},INDEX({status},{DECEMBER_AT}+1):INDEX({status},{MONTHS}),0))")  # fmt: skip
        flags = {
            "F_LOTS": f"IF({listed},IF(AND({h['LOT_LINES']}>0,{h['LOT_SUM']}<>N({p['in_product_stock']})),1,0),0)",
            "F_TRANSIT": f"IF({listed},IF(AND({h['TRANSIT_LINES']}>0,{h['TRANSIT_SUM']}<>N({p['in_product_pipeline']})),1,0),0)",
            "F_ORDER": f"IF({listed},IF(AND({h['ORDER_LINES']}>0,{h['ORDER_SUM']}<>{packs}*{pack}),1,0),0)",
            "F_NOT_ORDERED": f"IF({computed},IF(AND({h['LOT_LINES']}>0,{r['out_plan_expired']}>N({p['in_product_expiring']})),1,0),0)",
            "F_STOCKOUT": f"IF({computed},IF({r['out_plan_stockout_months']}>0,1,0),0)",
            "F_BELOW": f"IF({computed},IF({r['out_plan_below_min_months']}>0,1,0),0)",
            "F_ABOVE": f"IF({computed},IF({r['out_plan_above_max_months']}>0,1,0),0)",
            "F_EXPIRY": f"IF({computed},IF(${block_letter('X', MONTHS)}{row}>0,1,0),0)",
            "F_AFTER": f"IF({computed},IF(COUNTIFS({status},{int(MonthStatus.STOCKOUT)},{CHECKED_RANGE},0)>0,1,0),0)",
            "A_TRANSIT": f"IF({listed},IF(AND(N({p['in_product_pipeline']})>0,{h['TRANSIT_LINES']}=0),1,0),0)",
            "A_ORDER": f"IF({listed},IF(AND({packs}>0,{h['ORDER_LINES']}=0),1,0),0)",
            "A_EXPIRING": f"IF({listed},IF(AND(N({p['in_product_expiring']})>0,{h['LOT_LINES']}=0),1,0),0)",
            "A_OTHER": f"IF({listed},{h['OTHER_LINES']},0)",
            "FIRST_EXPIRY": f'IF(${FLAG["F_EXPIRY"]}{row}=1,INDEX({MONTHS_RANGE},COUNTIF({x_row},0)+1),"")',
            "NEEDED": f'IF(${FLAG["F_NOT_ORDERED"]}{row}=1,{needed},"")',
            "AFTER_MONTH": f'IF(${FLAG["F_AFTER"]}{row}=1,{after},"")',
            # the first month below min, above max: the first such code of the row lies in the checked months,
            # which come first (a row of its own, not INDEX(matrix;row;0), which not every engine reads)
            "FIRST_BELOW": f'IF(${FLAG["F_BELOW"]}{row}=1,INDEX({MONTHS_RANGE},'
            f'MATCH({int(MonthStatus.BELOW_MIN)},{status},0)),"")',
            "FIRST_ABOVE": f'IF(${FLAG["F_ABOVE"]}{row}=1,INDEX({MONTHS_RANGE},'
            f'MATCH({int(MonthStatus.ABOVE_MAX)},{status},0)),"")',
        }  # fmt: skip
        flags["F_UNPLANNED"] = f"IF(ISNA(${GUARD}{row}),1,0)"  # an active row without a plan (P4)
        for key, formula in flags.items():
            cells[f"{FLAG[key]}{row}"] = f"={formula}"
    return cells | _heading_cells(lang)


def _heading_cells(lang: str) -> dict[str, str]:
    """The row and the case of the selected product's heading (plan_heading, in the same order)."""
    plan, products = prefix(lang, "plan"), prefix(lang, "products")
    chosen = f"{plan}{SETTING_BY_NAME['in_plan_product'].cell}"
    codes = f"{products}${LETTER['in_product_code']}${FIRST_ROW}:${LETTER['in_product_code']}${LAST_ROW}"
    valid = f"SUMPRODUCT(({codes}={chosen})*({row_range('ROW_OK')}=1))"
    same = f"SUM({row_range('CHOSEN')})"
    at_valid = f"SUMPRODUCT(({codes}={chosen})*({row_range('ROW_OK')}=1)*(ROW({codes})-{FIRST_ROW - 1}))"
    unplanned = f"IFERROR(MATCH(1,{flag_range('F_UNPLANNED')},0),0)"
    missing = f"OR(NOT({code_safe(chosen)}),{same}=0)"
    row = (f"=IF(ISBLANK({chosen}),IF({SELECTED}>0,{SELECTED},{unplanned}),IF(OR({missing},{valid}>1),0,"
           f"IF({valid}=1,{at_valid},MATCH(1,{row_range('CHOSEN')},0))))")  # fmt: skip
    planned = f"IF(ISNUMBER(INDEX({row_range(GUARD)},{HEAD_ROW})),1,2)"
    case = f"=IF(ISBLANK({chosen}),IF({HEAD_ROW}=0,5,{planned}),IF({missing},3,IF({valid}>1,4,{planned})))"
    return {HEAD_ROW.replace("$", ""): row, HEAD_CASE.replace("$", ""): case}


def check_formulas(lang: str) -> dict[PlanCheck, str]:
    """Each check's formula on «План поставок» (rows under the settings): «Не заполнено», "OK" or the sentence."""
    calc, products = prefix(lang, "plan_calc"), prefix(lang, "products")

    def c(cells: str) -> str:  # a range of the calculation sheet
        return f"{calc}{cells}"

    def flags(key: str) -> str:
        return c(flag_range(key))

    def first(key: str) -> str:
        return f"MATCH(1,{flags(key)},0)"

    def of(letter: str, at: str) -> str:  # a «Товары» column's cell at a row's place
        return f"INDEX({products}${letter}${FIRST_ROW}:${letter}${LAST_ROW},{at})"

    def result(name: str, at: str) -> str:
        letter = RESULT_BY_NAME[name].letter
        return f"INDEX(${letter}${PLAN_FIRST_ROW}:${letter}${PLAN_FIRST_ROW + 59},{at})"

    def helper(key: str, at: str) -> str:
        return f"INDEX({c(row_range(key))},{at})"

    def flag_value(key: str, at: str) -> str:
        return f"INDEX({flags(key)},{at})"

    code = LETTER["in_product_code"]
    settings_bad = "+".join(c(SETTING_BAD[s.name]) for s in SETTINGS)
    lines = {key: c(line_range(f"{key.upper()}_BAD")) for key in TABLES}
    first_setting = f"INDEX({{{','.join(str(s.row) for s in SETTINGS)}}},MATCH(1,{c(SETTING_BAD[SETTINGS[0].name])}:{c(SETTING_BAD[SETTINGS[-1].name]).split('!')[1]},0))"
    table = (f'IF(({settings_bad})>0,"{table_label("settings", lang)}",IF(SUM({lines["ship"]})>0,'
             f'"{table_label("ship", lang)}",IF(SUM({lines["lot"]})>0,"{table_label("lot", lang)}",'
             f'"{table_label("use", lang)}")))')  # fmt: skip
    offset = TABLE_FIRST_ROW - 1
    row = (f"IF(({settings_bad})>0,{first_setting},IF(SUM({lines['ship']})>0,MATCH(1,{lines['ship']},0)+{offset},"
           f"IF(SUM({lines['lot']})>0,MATCH(1,{lines['lot']},0)+{offset},MATCH(1,{lines['use']},0)+{offset})))")  # fmt: skip
    inputs_count = f"({settings_bad})+SUM({lines['ship']})+SUM({lines['lot']})+SUM({lines['use']})"
    priced = result("out_plan_expired_cost", first("F_EXPIRY"))
    cost = f"N({priced})"
    money = excel_sentence(EXPIRY_COST[lang], roubles=f"INT({cost})",
                           kopecks=f'RIGHT("0"&ROUND(({cost}-INT({cost}))*100,0),2)')  # fmt: skip
    last = block_letter("X", MONTHS)
    horizon = f"${last}${FIRST_ROW}:${last}${LAST_ROW}"
    assumed = "+".join(f"SUM({flags(key)})" for key in ("A_TRANSIT", "A_ORDER", "A_EXPIRING", "A_OTHER"))
    earliest = f"MIN({flags('AFTER_MONTH')})"
    at = {key: first(key) for key in ("F_LOTS", "F_TRANSIT", "F_ORDER", "F_NOT_ORDERED", "F_STOCKOUT", "F_BELOW",
                                       "F_ABOVE", "F_EXPIRY", "F_AFTER")}  # fmt: skip
    counted: dict[PlanCheck, tuple[str, dict[str, str]]] = {
        PlanCheck.INPUTS: (inputs_count, dict(count=inputs_count, table=table, row=row)),
        PlanCheck.LOTS: (f"SUM({flags('F_LOTS')})", dict(
            count=f"SUM({flags('F_LOTS')})", code=of(code, at["F_LOTS"]), lots=helper("LOT_SUM", at["F_LOTS"]),
            stock=f"N({of(LETTER['in_product_stock'], at['F_LOTS'])})")),
        PlanCheck.TRANSIT: (f"SUM({flags('F_TRANSIT')})", dict(
            count=f"SUM({flags('F_TRANSIT')})", code=of(code, at["F_TRANSIT"]),
            lines=helper("TRANSIT_SUM", at["F_TRANSIT"]),
            pipeline=f"N({of(LETTER['in_product_pipeline'], at['F_TRANSIT'])})")),
        PlanCheck.DATES: (f"SUM({c(line_range('DATES_BAD'))})", dict(
            count=f"SUM({c(line_range('DATES_BAD'))})", row=f"MATCH(1,{c(line_range('DATES_BAD'))},0)+{offset}")),
        PlanCheck.STOCKOUT: (f"SUM({flags('F_STOCKOUT')})", dict(
            count=f"SUM({flags('F_STOCKOUT')})", code=of(code, at["F_STOCKOUT"]),
            month=month_text(result("out_plan_first_stockout", at["F_STOCKOUT"])),
            months=result("out_plan_stockout_months", at["F_STOCKOUT"]),
            unmet=result("out_plan_unmet", at["F_STOCKOUT"]))),
        PlanCheck.BELOW_MIN: (f"SUM({flags('F_BELOW')})", dict(
            minimum=c(MIN), count=f"SUM({flags('F_BELOW')})", code=of(code, at["F_BELOW"]),
            months=result("out_plan_below_min_months", at["F_BELOW"]),
            month=month_text(flag_value("FIRST_BELOW", at["F_BELOW"])))),
        PlanCheck.ABOVE_MAX: (f"SUM({flags('F_ABOVE')})", dict(
            maximum=c(MAX), count=f"SUM({flags('F_ABOVE')})", code=of(code, at["F_ABOVE"]),
            months=result("out_plan_above_max_months", at["F_ABOVE"]),
            month=month_text(flag_value("FIRST_ABOVE", at["F_ABOVE"])))),
        PlanCheck.EXPIRY: (f"SUM({flags('F_EXPIRY')})", dict(
            count=f"SUM({flags('F_EXPIRY')})", code=of(code, at["F_EXPIRY"]),
            units=f"INDEX({c(horizon)},{at['F_EXPIRY']})",
            cost=f'IF(ISNUMBER({priced}),{money},"")',  # no price: no «0,00 руб.»
            month=month_text(flag_value("FIRST_EXPIRY", at["F_EXPIRY"])))),
        PlanCheck.EXPIRY_NOT_ORDERED: (f"SUM({flags('F_NOT_ORDERED')})", dict(
            count=f"SUM({flags('F_NOT_ORDERED')})", code=of(code, at["F_NOT_ORDERED"]),
            expiring=f"N({of(LETTER['in_product_expiring'], at['F_NOT_ORDERED'])})",
            planned=result("out_plan_expired", at["F_NOT_ORDERED"]), needed=flag_value("NEEDED", at["F_NOT_ORDERED"]),
            packs=of(LETTER["out_product_packs"], at["F_NOT_ORDERED"]))),
        PlanCheck.ORDER_SCHEDULED: (f"SUM({flags('F_ORDER')})", dict(
            count=f"SUM({flags('F_ORDER')})", code=of(code, at["F_ORDER"]), lines=helper("ORDER_SUM", at["F_ORDER"]),
            ordered=f"N({of(LETTER['out_product_packs'], at['F_ORDER'])})*"
                    f"{of(LETTER['in_product_units_per_pack'], at['F_ORDER'])}")),
        PlanCheck.FEFO: (f"SUM({c(line_range('FEFO'))})", dict(
            count=f"SUM({c(line_range('FEFO'))})", row=f"MATCH(1,{c(line_range('FEFO'))},0)+{offset}")),
        PlanCheck.ASSUMPTIONS: (assumed, dict(parts=_assumption_parts(lang, c, flags))),
        PlanCheck.AFTER_YEAR: (f"SUM({flags('F_AFTER')})", dict(  # the earliest month (MIN skips the blanks)
            code=of(code, f"MATCH({earliest},{flags('AFTER_MONTH')},0)"), month=month_text(earliest),
            count=f"SUM({flags('F_AFTER')})")),
    }  # fmt: skip
    covers = LETTER["in_product_covers"]
    nothing = (f'AND(SUMPRODUCT(--({products}${covers}${FIRST_ROW}:${covers}${LAST_ROW}<>""))=0,'
               f"SUM({c(line_range('SHIP_BAD'))})=0,COUNTA(in_ship_code,in_ship_month,in_ship_units,in_ship_status,"
               f"in_ship_expiry,in_lot_code,in_lot_units,in_lot_expiry,in_use_code,in_use_month,in_use_units)=0,"
               f"COUNTA({','.join(s.cell for s in SETTINGS)})=0)")  # fmt: skip
    not_filled = model.TEXTS[lang].not_filled
    unplanned = f"SUM({flags('F_UNPLANNED')})"
    not_judged = excel_sentence(NOT_CHECKED[lang], count=unplanned, code=of(code, first("F_UNPLANNED")))
    formulas = {}
    for check, (number, fields) in counted.items():
        ok = f'IF({unplanned}>0,{not_judged},"OK")' if check in PRODUCT_CHECKS else '"OK"'
        formulas[check] = (
            f'=IF({nothing},"{not_filled}",IF(({number})=0,{ok},{excel_sentence(check.template(lang), **fields)}))'
        )
    return formulas


def _assumption_parts(lang: str, c: Callable[[str], str], flags: Callable[[str], str]) -> str:
    """The parts of ``chk_plan_assumptions`` whose count is above 0, joined (``plan_texts.assumption_parts``)."""
    counts = {"transit": "A_TRANSIT", "ordered": "A_ORDER", "expiring": "A_EXPIRING", "other": "A_OTHER"}
    fields = {"start": month_text(c(START)), "order": month_text(c(ORDER_MONTH))}
    fields |= {key: f"SUM({flags(flag)})" for key, flag in counts.items()}
    joined = "&".join(
        f'IF({fields[key]}>0,"{PARTS_SEPARATOR}"&{excel_sentence(texts[0 if lang == "ru" else 1], **fields)},"")'
        for key, texts in ASSUMPTION_PARTS.items()
    )
    return f"MID({joined},{len(PARTS_SEPARATOR) + 1},1000)"


def order_by(lang: str, codes: str) -> str:
    """A row's «Заказать до» from its status ``codes`` (24 cells): the first month in stockout or below the minimum,
    ``in_plan_lead_months`` earlier (EDATE); "" while the lead time is blank or wrong, or no month is low (P4)."""
    calc, lead = prefix(lang, "plan_calc"), SETTING_BY_NAME["in_plan_lead_months"].cell
    low = "MIN(" + ",".join(f"IFERROR(MATCH({int(s)},{codes},0),99)" for s in (MonthStatus.STOCKOUT,
                                                                             MonthStatus.BELOW_MIN)) + ")"  # fmt: skip
    blank = f"OR(ISBLANK({lead}),{calc}{SETTING_BAD['in_plan_lead_months']}=1)"
    return f'IF({blank},"",IF({low}=99,"",EDATE(INDEX({calc}{MONTHS_RANGE},{low}),-{lead})))'


def heading_formula(lang: str, codes: str, names: str) -> str:
    """The heading of the selected product's 24 months (request/plan_heading.py, the same cases and words)."""
    calc = prefix(lang, "plan_calc")
    row, case = f"{calc}{HEAD_ROW}", f"{calc}{HEAD_CASE}"
    texts, index = SELECTED_TEXTS[lang], 0 if lang == "ru" else 1
    named = {"code": f'INDEX({codes},{row})&""', "name": f'INDEX({names},{row})&""'}
    lead = SETTING_BY_NAME["in_plan_lead_months"].cell
    chosen = SETTING_BY_NAME["in_plan_product"].cell
    month = f"INDEX(${ORDER_BY.letter}${PLAN_FIRST_ROW}:${ORDER_BY.letter}${PLAN_FIRST_ROW + 59},{row})"
    order = excel_sentence(texts["order_by"], order_by=month_text(month), low=month_text(f"EDATE({month},{lead})"),
                           lead=lead)  # fmt: skip
    blank = f"OR(ISBLANK({lead}),{calc}{SETTING_BAD['in_plan_lead_months']}=1)"
    said_order = f'IF({blank},"",IF(ISNUMBER({month}),{order},{excel_sentence(texts["no_order"])}))'
    reasons = {key: f'"{words[index]}"' for key, words in NOT_COMPUTED_REASONS.items()}
    reason = (f"IF({calc}{SETTINGS_OK}<>1,{reasons['settings']},IF(INDEX({calc}{row_range('ROW_OK')},{row})<>1,"
              f"{reasons['products']},{reasons['lines']}))")  # fmt: skip
    cases = (
        f"{excel_sentence(texts['shown'], **named)}&{said_order}",
        excel_sentence(texts["not_computed"], reason=reason, **named),
        excel_sentence(texts["not_found"], code=f'{chosen}&""'),
        excel_sentence(texts["twice"], code=f'{chosen}&""'),
    )
    formula = excel_sentence(texts["none"])
    for number, said in reversed(list(enumerate(cases, start=1))):
        formula = f"IF({case}={number},{said},{formula})"
    return formula
