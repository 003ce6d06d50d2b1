"""The order's arithmetic: packs to buy, their cost, months of stock, deviation from last year's consumption.

These four functions are **not** from letter 0100/11323-06-32.  The letter gives
needs (tests, annual kits); it says nothing about packs, prices or stock.  Turning
a need into an order is the usual arithmetic of a quantification (as in the
QAT and ForLAB tools): what is needed for the year and a buffer, less the usable
stock on hand and what is already on its way, bought in whole packs.

``need``, ``stock_on_hand``, ``pipeline`` and ``expiring`` are in one and the same
unit (tests, or tablets/doses) and are whole numbers ≥ 0; ``need`` is for 12 months.
Rounding (docs/interpretation.md, P1): packs **up** (a pack is bought whole),
roubles to kopecks **half up**, months of stock **down** to 0,1 (never more months
than there are), the deviation to 0,001, a half **away from zero**.  Results with
decimals are exact :class:`~decimal.Decimal` values (``Decimal('0.30')`` for 3 × 0,1).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xl_addin.core.numbers import count, positive_count, price, ratio_down_to, ratio_half_up_to
from xl_addin.errors import InputError

#: Months in the year of ``need``.
MONTHS_PER_YEAR = 12
#: Decimals of each result: kopecks, tenths of a month, thousandths of the consumption.
MONEY_PLACES, MONTHS_PLACES, DEVIATION_PLACES = 2, 1, 3

MSG_NEED_ZERO = "при нулевой потребности запас в месяцах не определён (деление на 0)"
MSG_CONSUMPTION_ZERO = "при нулевом расходе прошлого года отклонение не определено (деление на 0)"


def packs_to_order(
    need: Any, stock_on_hand: Any, pipeline: Any, pack_size: Any, buffer_months: Any = None, expiring: Any = None
) -> int:
    """Packs to buy: ⌈max(0; need × (12 + buffer) / 12 − max(0; stock − expiring) − pipeline) / pack_size⌉.

    ``buffer_months`` (a reserve in months of need) and ``expiring`` (stock that
    expires before it can be used) are 0 when left out (``None``).  More expiring
    than stock on hand is allowed: the usable stock is then 0 (the workbook flags it).

    >>> packs_to_order(1200, 300, 200, 60, 3, 50)  # 1200 × 15/12 = 1500; 1500 − 250 − 200 = 1050; 17,5 → 18
    18
    >>> packs_to_order(100, 500, 0, 10)  # the stock covers the need: nothing to buy
    0
    """
    units_needed = count(need, "need")
    on_hand = count(stock_on_hand, "stock_on_hand")
    on_the_way = count(pipeline, "pipeline")
    pack = positive_count(pack_size, "pack_size")
    buffer = 0 if buffer_months is None else count(buffer_months, "buffer_months")
    expires = 0 if expiring is None else count(expiring, "expiring")
    usable = max(0, on_hand - expires)
    # 12 × what is left to cover, so that every term is whole: the division below is exact, no fraction is built
    to_cover_twelfths = units_needed * (MONTHS_PER_YEAR + buffer) - MONTHS_PER_YEAR * (usable + on_the_way)
    return -(-max(0, to_cover_twelfths) // (MONTHS_PER_YEAR * pack))  # ⌈x / (12 × pack)⌉


def order_cost(packs: Any, price_per_pack: Any) -> Decimal:
    """Cost of the order in roubles: packs × price, to kopecks, a half up.

    >>> order_cost(3, 0.1)  # 0,3 exactly, not 0.30000000000000004
    Decimal('0.30')
    >>> order_cost(3, 1234.565)  # 3703,695 → 3703,70
    Decimal('3703.70')
    """
    cost = count(packs, "packs") * price(price_per_pack, "price_per_pack")
    return ratio_half_up_to(cost.numerator, cost.denominator, MONEY_PLACES)


def months_of_stock(stock_on_hand: Any, need: Any) -> Decimal:
    """How many months the stock lasts: stock ÷ (need / 12), down to 0,1; an error when need is 0.

    >>> months_of_stock(100, 1200), months_of_stock(1, 7)  # 1; 12/7 = 1,714… → 1,7
    (Decimal('1.0'), Decimal('1.7'))
    """
    on_hand = count(stock_on_hand, "stock_on_hand")
    units_needed = count(need, "need")
    if units_needed == 0:
        raise InputError("need", need, MSG_NEED_ZERO)
    return ratio_down_to(on_hand * MONTHS_PER_YEAR, units_needed, MONTHS_PLACES)


def consumption_deviation(requested: Any, last_year_consumption: Any) -> Decimal:
    """(requested − consumption) ÷ consumption as a fraction, to 0,001 (a half away from zero); may be negative.

    >>> consumption_deviation(1300, 1200), consumption_deviation(90, 100)  # 0,0833… → 0,083; −0,1
    (Decimal('0.083'), Decimal('-0.100'))
    """
    asked = count(requested, "requested")
    consumed = count(last_year_consumption, "last_year_consumption")
    if consumed == 0:
        raise InputError("last_year_consumption", last_year_consumption, MSG_CONSUMPTION_ZERO)
    return ratio_half_up_to(asked - consumed, consumed, DEVIATION_PLACES)
