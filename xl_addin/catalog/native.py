"""Native Excel formulas for the catalogue's functions (built-in functions only, no ``_xlfn.``).

Each template takes the Excel expressions of the function's arguments and
returns the formula (without ``=``).  Coefficients are read from the
workbook's reference sheet through names ``k_<key>`` (written there from
``xl_addin.core.coefficients``), so no number of the letter is typed here.
Every rounding first rounds to 9 decimals, so binary noise (110.00000000000001)
never decides it: the workbook gives the whole numbers of the exact core.  The
order's formulas (not from the letter) work in whole numbers instead (twelfths of a
pack, hundredths of a kopeck, tenths of a month), so that one division of whole
numbers decides each rounding.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from xl_addin.core import coefficients as k
from xl_addin.core import products, sentences
from xl_addin.core.arv_drugs import PLAN_PERIODS, plan_kits_share

NOISE_DIGITS = 9


def name(coefficient: k.Coefficient) -> str:
    """The workbook name of a coefficient's cell on the reference sheet.

    >>> name(k.ELISA_REPEAT)
    'k_elisa_repeat'
    """
    return f"k_{coefficient.key}"


def up(expression: str) -> str:
    """⌈x⌉ without noise."""
    return f"ROUNDUP(ROUND({expression},{NOISE_DIGITS}),0)"


def down(expression: str) -> str:
    """⌊x⌋ without noise."""
    return f"ROUNDDOWN(ROUND({expression},{NOISE_DIGITS}),0)"


def half_up(expression: str) -> str:
    """[x], halves up (Excel's ROUND rounds halves away from zero; people are never negative)."""
    return f"ROUND(ROUND({expression},{NOISE_DIGITS}),0)"


def _plus_share(base: str, coefficient: k.Coefficient) -> str:
    return up(f"({base})*(1+{name(coefficient)})")


def _tier(
    value: str,
    below: k.Coefficient,
    above: k.Coefficient,
    small: k.Coefficient,
    medium: k.Coefficient,
    large: k.Coefficient,
) -> str:
    return f"IF({value}<{name(below)},{name(small)},IF({value}<={name(above)},{name(medium)},{name(large)}))"


def viral_load_share(examined: str) -> str:
    """E of section IV."""
    return _tier(
        examined, k.VIRAL_LOAD_SMALL_BELOW, k.VIRAL_LOAD_LARGE_ABOVE,
        k.VIRAL_LOAD_REPEAT_SMALL, k.VIRAL_LOAD_REPEAT_MEDIUM, k.VIRAL_LOAD_REPEAT_LARGE,
    )  # fmt: skip


def hiv_dna_share(births: str) -> str:
    """E of section V."""
    return _tier(
        births, k.HIV_DNA_SMALL_BELOW, k.HIV_DNA_LARGE_ABOVE,
        k.HIV_DNA_REPEAT_SMALL, k.HIV_DNA_REPEAT_MEDIUM, k.HIV_DNA_REPEAT_LARGE,
    )  # fmt: skip


def viral_load(on_art: str, starting: str, observed: str, examined: str) -> str:
    """Section IV; ``examined`` blank means B + C + D; fewer examined than tested is an error (#N/A)."""
    tested = f"({on_art}+{starting}+{observed})"
    chosen = f"IF(ISBLANK({examined}),{tested},{examined})"
    main = (
        f"{on_art}*{name(k.VIRAL_LOAD_PER_ON_ART)}+{starting}*{name(k.VIRAL_LOAD_PER_STARTING)}"
        f"+{observed}*{name(k.VIRAL_LOAD_PER_OBSERVED)}"
    )
    repeat = (
        f"({on_art}*{name(k.VIRAL_LOAD_PER_ON_ART)}+{starting}*{name(k.VIRAL_LOAD_PER_STARTING)}"
        f"+{observed}*{name(k.VIRAL_LOAD_REPEAT_PER_OBSERVED)})*{viral_load_share(chosen)}"
    )
    return f"IF({chosen}<{tested},NA(),{up(main + '+' + repeat)})"


def hiv_dna(pregnant: str, births: str) -> str:
    """Section V; ``births`` blank means B."""
    chosen = f"IF(ISBLANK({births}),{pregnant},{births})"
    tests = f"{pregnant}*{name(k.HIV_DNA_PER_PREGNANT)}"
    return up(f"{tests}+{tests}*{hiv_dna_share(chosen)}")


def art_need_bounds(base: str) -> tuple[str, str]:
    """The two ends of ART_NEED_RANGE (13 % and 20 % of ``base``, people: half up), as Excel expressions.

    >>> art_need_bounds("B1")[0]
    'ROUND(ROUND(B1*k_art_need_low,9),0)'
    """
    return half_up(f"{base}*{name(k.ART_NEED_LOW)}"), half_up(f"{base}*{name(k.ART_NEED_HIGH)}")


def dispensary(detected: str) -> str:
    """Appendix 2, list item 2: 80 % of the detected, people: half up."""
    return half_up(f"{detected}*{name(k.DISPENSARY_SHARE)}")


def treatment_need_bounds(detected: str) -> tuple[str, str]:
    """The two ends of TREATMENT_NEED_RANGE: 13–20 % of the dispensary figure of ``detected``.

    The workbook writes a 2-cell result cell by cell: ``NATIVE["TREATMENT_NEED_RANGE"]``
    gives only the low end (like the first cell); the high end is
    ``treatment_need_bounds(detected)[1]``.
    """
    return art_need_bounds(dispensary(detected))


def art_coverage(planned: str, base: str, estimate: str | None = None) -> str:
    """Appendix 2 §1 check, the same sentence as ``arv_drugs.art_coverage_check``.

    Without ``estimate`` (or when its cell is blank) the 20 % limit holds; with it,
    planned above 20 % but ≤ estimate is "OK" and the sentence names the estimate.
    """
    low, high = art_need_bounds(base)
    over = (
        f'"Охват АРТ выше {k.ART_NEED_HIGH.percent} %: запланировано "&{planned}'
        f'&", допустимо не более "&{high}&" (лишних "&({planned}-{high})&")"'
    )
    if estimate is None:
        above = f'IF({planned}>{high},{over},"OK")'
    else:
        above = (
            f"IF(AND({planned}>{high},OR(ISBLANK({estimate}),{planned}>{estimate})),"
            f'{over}&IF(ISBLANK({estimate}),"",", расчётная потребность по давности выявления "&{estimate}),"OK")'
        )
    return (
        f'IF({planned}<{low},"Охват АРТ ниже {k.ART_NEED_LOW.percent} %: запланировано "&{planned}'
        f'&", нужно не менее "&{low}&" (не хватает "&({low}-{planned})&")",{above})'
    )


def regimen_allowed(larger: str) -> str:
    """max(1, ⌊tolerance × larger⌋) with the default tolerance, as ``arv_drugs.regimen_allowed``."""
    return f"MAX(1,{down(f'{name(k.REGIMEN_TOLERANCE)}*{larger}')})"


def excel_sentence(key: str, lang: str, **expressions: str) -> str:
    """A sentence of ``xl_addin.core.sentences`` as an Excel text expression around the numbers' expressions.

    >>> excel_sentence("regimen_second", "en", second="B2", larger="C2")
    '"Component 2 ("&B2&") must exceed "&C2'
    """
    joined = []
    for text, number in sentences.pieces(key, lang):
        if text:
            joined.append(f'"{text}"')
        if number is not None:
            joined.append(expressions[number])
    return "&".join(joined)


def regimen_balance(first: str, second: str, third: str, *, lang: str = "ru") -> str:
    """Appendix 2 §3 check with the default tolerance, the same sentence as the core."""
    larger = f"MAX({first},{third})"
    allowed = regimen_allowed(larger)
    apart = f"ABS({first}-{third})>{allowed}"
    small_second = f"{second}<={larger}"
    part_apart = excel_sentence("regimen_apart", lang, difference=f"ABS({first}-{third})", allowed=allowed)
    part_after = excel_sentence("regimen_second_after", lang, second=second, larger=larger)
    part_second = excel_sentence("regimen_second", lang, second=second, larger=larger)
    return (
        f'IF(AND(NOT({apart}),NOT({small_second})),"OK",'
        f'IF({apart},{part_apart}&IF({small_second},"; "&{part_after},""),{part_second}))'
    )


def component2_excess(first: str, second: str, third: str, courses: str, *, lang: str = "ru") -> str:
    """Appendix 2 §3, the upper bound of component 2, the same sentence as ``arv_drugs.component2_excess_check``."""
    larger = f"MAX({first},{third})"
    allowed = regimen_allowed(larger)
    most = f"({larger}+{allowed}+{courses})"
    sentence = excel_sentence(
        "component2_excess", lang, second=second, larger=larger, allowed=allowed, courses=courses, most=most
    )
    return f'IF({second}<={most},"OK",{sentence})'


def line_share(first: str, reserve: str, *, lang: str = "ru") -> str:
    """Appendix 2 §4 check with the default tolerance (at least one kit), the same sentence as the core."""
    kits = f"({first}+{reserve})"
    centre = f"{kits}*{name(k.FIRST_LINE_SHARE)}"
    deviation = f"MAX({kits}*{name(k.LINE_SHARE_TOLERANCE)},1)"
    low = f"MAX(0,{up(f'{centre}-{deviation}')})"
    high = f"MIN({kits},{down(f'{centre}+{deviation}')})"
    sentence = excel_sentence("line_share", lang, first=first, kits=kits, low=low, high=high)
    none = excel_sentence("line_share_none", lang)
    return f'IF({kits}=0,{none},IF(AND({first}>={low},{first}<={high}),"OK",{sentence}))'


def kits_by_plan(continuing: str, plan: str, reserve: str) -> str:
    """Appendix 2 §2 with a 12-month plan: weights (P − k + ½)/P from the core."""
    periods = PLAN_PERIODS[0]
    weights = [plan_kits_share(period, periods) for period in range(1, periods + 1)]
    denominator = math.lcm(*(weight.denominator for weight in weights))
    numerators = ",".join(str(weight * denominator) for weight in weights)
    return f"MAX(0,{up(f'{continuing}+SUMPRODUCT({plan},{{{numerators}}})/{denominator}-N({reserve})')})"


def art_need_estimate(registered: str) -> str:
    """Σ countₖ × coefficient(k), with the coefficients of the reference sheet (``k_art_need_by_years``)."""
    return half_up(f"SUMPRODUCT({registered},k_art_need_by_years)")


# --- the order (not from the letter): whole-number arithmetic, one division decides the rounding ---------


def _operand(expression: str) -> str:
    """``expression`` safe to multiply or subtract: a reference, name or number as is, anything else in brackets.

    >>> _operand("B1"), _operand("$B$1"), _operand("in_stock"), _operand("B1+C1")
    ('B1', '$B$1', 'in_stock', '(B1+C1)')
    """
    return expression if re.fullmatch(r"[\w$.!]+", expression) else f"({expression})"


def packs_to_order(
    need: str, stock: str, pipeline: str, pack: str, buffer: str | None = None, expiring: str | None = None
) -> str:
    """PACKS_TO_ORDER: ⌈max(0; need·(12 + buffer) − 12·max(0; stock − expiring) − 12·pipeline) / (12·pack)⌉.

    The core's formula times 12: the numerator is a whole number, so the one division's
    correctly rounded quotient is exactly an integer only when the exact one is — no
    9-decimal step is needed.  A blank ``buffer``/``expiring`` cell is 0 (N()), one left
    out is not written; a pack size of 0 gives #DIV/0!.

    >>> packs_to_order("A1", "B1", "C1", "D1")
    'ROUNDUP(MAX(0,A1*12-12*B1-12*C1)/(12*D1),0)'
    >>> packs_to_order("A1", "B1", "C1", "D1", "E1", "F1")
    'ROUNDUP(MAX(0,A1*(12+N(E1))-12*MAX(0,B1-N(F1))-12*C1)/(12*D1),0)'
    """
    months = products.MONTHS_PER_YEAR
    need, stock, pipeline, pack = map(_operand, (need, stock, pipeline, pack))
    needed = f"{need}*{months}" if buffer is None else f"{need}*({months}+N({buffer}))"
    usable = stock if expiring is None else f"MAX(0,{stock}-N({expiring}))"
    return f"ROUNDUP(MAX(0,{needed}-{months}*{usable}-{months}*{pipeline})/({months}*{pack}),0)"


def order_cost(packs: str, price: str) -> str:
    """ORDER_COST in whole kopecks: ROUND(packs × price in 1/100 kopecks / 100; 0) / 100.

    The price is first made a whole number of hundredths of a kopeck (ROUND(price·10⁴; 0)),
    so the product is a whole number and a half kopeck is a binary-exact .5 that ROUND
    takes up even in an engine without Excel's 15-digit view (3 × 1,005 → 3,02, not 3,01).
    Equal to the exact core for prices with at most 4 decimals and orders below 9·10¹¹ roubles.

    >>> order_cost("A1", "B1")
    'ROUND(A1*ROUND(B1*10000,0)/100,0)/100'
    """
    return f"ROUND({_operand(packs)}*ROUND({_operand(price)}*10000,0)/100,0)/100"


def months_of_stock(stock: str, need: str) -> str:
    """MONTHS_OF_STOCK: ⌊stock·12·10 / need⌋ / 10, #N/A when need is 0 (the UDF gives a # text).

    >>> months_of_stock("A1", "B1")
    'IF(B1=0,NA(),ROUNDDOWN(A1*120/B1,0)/10)'
    """
    stock, need = _operand(stock), _operand(need)
    return f"IF({need}=0,NA(),ROUNDDOWN({stock}*{products.MONTHS_PER_YEAR * 10}/{need},0)/10)"


def consumption_deviation(requested: str, consumption: str) -> str:
    """CONSUMPTION_DEVIATION: ROUND((requested − consumption)·1000 / consumption; 0) / 1000, #N/A when 0.

    Excel's ROUND takes a half away from zero, as the core (docs/interpretation.md, P1).

    >>> consumption_deviation("A1", "B1")
    'IF(B1=0,NA(),ROUND((A1-B1)*1000/B1,0)/1000)'
    """
    requested, consumption = _operand(requested), _operand(consumption)
    return f"IF({consumption}=0,NA(),ROUND(({requested}-{consumption})*1000/{consumption},0)/1000)"


#: Function name → template taking the arguments' Excel expressions.
NATIVE: dict[str, Callable[..., str]] = {
    "ELISA_VOLUME": lambda b: _plus_share(b, k.ELISA_REPEAT),
    "IMMUNOBLOT_VOLUME": lambda b: _plus_share(b, k.IMMUNOBLOT_REPEAT),
    "IMMUNE_STATUS_VOLUME": lambda b, c, d: _plus_share(
        f"{b}*{name(k.IMMUNE_STATUS_PER_ON_ART)}+{c}*{name(k.IMMUNE_STATUS_PER_STARTING)}"
        f"+{d}*{name(k.IMMUNE_STATUS_PER_OBSERVED)}",
        k.IMMUNE_STATUS_REPEAT,
    ),
    "VIRAL_LOAD_VOLUME": viral_load,
    "VIRAL_LOAD_REPEAT_SHARE": viral_load_share,
    "HIV_DNA_VOLUME": hiv_dna,
    "HIV_DNA_REPEAT_SHARE": hiv_dna_share,
    "EXPRESS_TEST_VOLUME": lambda b, c: _plus_share(f"{b}+{c}", k.EXPRESS_TEST_REPEAT),
    "P24_SCREEN_VOLUME": lambda b, c: f"IF({c}>{b},NA(),{_plus_share(f'{b}-{c}', k.P24_SCREEN_REPEAT)})",
    "P24_CONFIRM_VOLUME": lambda b: _plus_share(b, k.P24_CONFIRM_REPEAT),
    "RESISTANCE_TEST_LIMIT": lambda b: down(f"{b}*{name(k.RESISTANCE_MAX_SHARE)}"),
    "HBV_SCREEN_VOLUME": lambda years: _plus_share(f"AVERAGE({years})", k.HBV_SCREEN_EXTRA),
    "HCV_SCREEN_VOLUME": lambda years: _plus_share(f"AVERAGE({years})", k.HCV_SCREEN_EXTRA),
    "HBV_CONFIRM_VOLUME": lambda years: up(f"AVERAGE({years})*{name(k.HBV_CONFIRM_SHARE)}"),
    "HCV_CONFIRM_VOLUME": lambda years: up(f"AVERAGE({years})*{name(k.HCV_CONFIRM_SHARE)}"),
    "HBV_PCR_QUAL_VOLUME": lambda b: f"{b}",
    "HBV_PCR_QUANT_VOLUME": lambda b, treated: f"{b}+{up(f'{treated}*{name(k.HBV_PCR_QUANT_PER_TREATED)}')}",
    "ANTI_HBC_IGM_VOLUME": lambda years, chronic: _plus_share(f"AVERAGE({years})+{chronic}", k.ANTI_HBC_IGM_EXTRA),
    "HBV_MARKER_VOLUME": lambda b: _plus_share(b, k.HBV_MARKER_EXTRA),
    "ANTI_HAV_IGM_VOLUME": lambda years: _plus_share(f"AVERAGE({years})", k.ANTI_HAV_IGM_EXTRA),
    "HCV_PCR_QUAL_VOLUME": lambda b, treated: up(
        f"{b}+{name(k.HCV_PCR_QUAL_TIMES)}*{name(k.HCV_PCR_QUAL_TREATED_SHARE)}*{treated}"
    ),
    "HCV_PCR_QUANT_VOLUME": lambda b, treated: f"{b}+{up(f'{treated}*{name(k.HCV_PCR_QUANT_PER_TREATED)}')}",
    "HCV_GENOTYPING_VOLUME": lambda b: f"{b}",
    "DISPENSARY_EXPECTED": dispensary,
    "ART_COVERAGE_CHECK": art_coverage,
    "TREATMENT_NEED_RANGE": lambda detected: treatment_need_bounds(detected)[0],  # low end; see treatment_need_bounds
    "FIRST_LINE_PATIENTS": lambda b: half_up(f"{b}*{name(k.FIRST_LINE_SHARE)}"),
    "RESERVE_LINE_PATIENTS": lambda b: f"{b}-{half_up(f'{b}*{name(k.FIRST_LINE_SHARE)}')}",
    "KITS_TREATABLE_MIN": lambda pi, nnrti: f"{pi}+{nnrti}",
    "ANNUAL_KITS_NEEDED": lambda continuing, starting, reserve: (
        f"MAX(0,{up(f'{continuing}+{starting}*{name(k.STARTING_KITS_SHARE)}-N({reserve})')})"
    ),
    "ANNUAL_KITS_BY_PLAN": kits_by_plan,
    "REGIMEN_BALANCE_CHECK": regimen_balance,
    "COMPONENT2_EXCESS_CHECK": component2_excess,
    "LINE_SHARE_CHECK": line_share,
    "PMTCT_PREGNANT_ESTIMATE": lambda before, last: f"MAX(0,2*{last}-{before})",
    "PMTCT_FULL_COURSE": lambda b: half_up(f"{b}*{name(k.PMTCT_FULL_SHARE)}"),
    "PMTCT_SHORT_COURSE": lambda b: half_up(f"{b}*{name(k.PMTCT_SHORT_SHARE)}"),
    "ART_NEED_ESTIMATE": art_need_estimate,
    "PACKS_TO_ORDER": packs_to_order,
    "ORDER_COST": order_cost,
    "MONTHS_OF_STOCK": months_of_stock,
    "CONSUMPTION_DEVIATION": consumption_deviation,
}
