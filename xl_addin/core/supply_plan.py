"""The monthly supply plan of one product, in whole numbers: 24 months of stock, receipts, expiries and demand.

Not from the letter.  The order (:func:`xl_addin.core.products.packs_to_order`) is an annual gap
calculation; the plan tests it month by month, as the monthly supply plan of QAT does
(docs/interpretation.md, decision P4; the design note ``supply-plan.md``, §3.3).  Conventions:

* a month is a calendar month and any date means its month (its first day); the horizon is
  :data:`HORIZON` months from the start month, which lies between January of Y − 1 and January of Y,
  so the horizon holds all of the request year Y;
* receipts arrive at the start of their month and are usable in it; «годен до ММ.ГГГГ» is usable
  through that month and **written off at the start of the next**;
* FEFO: the cumulative write-off is X(t) = max(X(t−1), B(t) − D(t−1)), B(t) the units of lots, and of
  deliveries that arrived before t, whose write-off month is ≤ t, D the cumulative units dispensed;
* default demand of calendar month k for a year's quantity Q: ⌊Q·k/12⌋ − ⌊Q·(k−1)/12⌋, so that every
  calendar year sums to Q; Q = last year's consumption (L) before January of Y (L blank or 0: the need
  N), N from January of Y; a demand override of a month replaces it (several lines of a month add up);
* dispensed = min(demand, available), unmet = demand − dispensed, closing ≥ 0;
* months of stock (MOS) = closing ÷ (N/12) **down** to 0,1 (as MONTHS_OF_STOCK, P1), None when N = 0;
* a month's status: stockout if unmet > 0; else, when N = 0, above max if any stock is left and «no need»
  (neutral: nobody needs it, nobody holds it) if none; else below min if closing·12 < Min·N; above max if
  closing·12 ≥ Max·N + 12·E, E units per pack (an excess below one pack is the order's rounding to whole
  packs, not an over-stock the region could avoid); else ok — whole-number comparisons;
* months from the start through December of Y are *checked*; later months are information only;
* the defaults reproduce PACKS_TO_ORDER's assumptions: J (expiring) written off in month 1 when the product
  has no lots, K (pipeline) arriving in month 1 when it has no «в пути» lines, the order O × E arriving in
  the order month when it has no «заявка» lines.

National consolidation of many regions' plans (§3.6): :mod:`xl_addin.core.supply_national`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from xl_addin.core.numbers import count, positive_count, price, ratio_down_to, ratio_half_up_to
from xl_addin.errors import InputError

#: Months of the plan.
HORIZON = 12 * 2
MONTHS_PER_YEAR = 12
#: The reorder interval when none is given (one delivery a year).
DEFAULT_REORDER_MONTHS = 12

MSG_NOT_DATE = "нужна дата (месяц), а это не дата"
MSG_START_RANGE = "месяц начала плана должен быть от 01.{first} до 01.{last}"
MSG_YEAR = "год заявки — целое число от 1900 до 9998"


class DeliveryKind(enum.Enum):
    """What a dated delivery line is (the sheet's «в пути», «заявка», «другое»)."""

    TRANSIT = "transit"  #: ordered earlier: the «Товары» pipeline K
    REQUEST = "request"  #: this request's order: O × E
    OTHER = "other"  #: donations, regional purchases, transfers in


class Status(enum.IntEnum):
    """A month's status; the value is the colour code of the sheet's matrix (0 red … 3 blue, 4 grey)."""

    STOCKOUT = 0
    BELOW_MIN = 1
    OK = 2
    ABOVE_MAX = 3
    NO_NEED = 4  #: N = 0 and no stock: neither short nor over-stocked


@dataclass(frozen=True)
class Lot:
    """Units on hand at the start with their «годен до» (None: not dated, never written off)."""

    units: int
    expiry: dt.date | None


@dataclass(frozen=True)
class Delivery:
    """Units arriving at the start of ``month``, with their «годен до» (None: not written off in the plan)."""

    month: dt.date
    units: int
    kind: DeliveryKind = DeliveryKind.OTHER
    expiry: dt.date | None = None


@dataclass(frozen=True)
class PlanMonth:
    """One month of the plan; ``checked``: the month lies in or before December of the request year."""

    month: dt.date
    opening: int
    received: int
    expired: int
    demand: int
    dispensed: int
    unmet: int
    closing: int
    months_of_stock: Decimal | None
    status: Status
    checked: bool
    written_off: int  #: X(t), the cumulative write-off through this month


@dataclass(frozen=True)
class PlanSummary:
    """The per-product results (``out_plan_*``) of a plan; the months counted are the checked ones."""

    stockout_months: int
    first_stockout: dt.date | None
    unmet: int
    below_min_months: int
    above_max_months: int
    expired: int  #: written off through December of Y (= X of December)
    expired_horizon: int  #: written off in the 24 months (X of month 24)
    expired_cost: Decimal | None  #: the horizon's write-off in roubles, to kopecks (None: no price)
    first_expiry: dt.date | None  #: the first month with a write-off (any month of the horizon)
    closing: int  #: the closing stock of December of Y
    order_by: dt.date | None  #: first month below min or in stockout, less the lead time (None: no lead time)
    first_stockout_after_year: dt.date | None  #: the first stockout after December of Y (information)
    first_below_min: dt.date | None
    first_above_max: dt.date | None


def month_of(value: Any, argument: str) -> dt.date:
    """The month of a date (its first day); anything but a date is an :class:`InputError` naming ``argument``.

    >>> month_of(dt.datetime(2007, 7, 15, 10, 30), "in_ship_month")
    datetime.date(2007, 7, 1)
    >>> month_of("07.2007", "in_ship_month")
    Traceback (most recent call last):
    xl_addin.errors.InputError: in_ship_month = «07.2007»: нужна дата (месяц), а это не дата
    """
    if not isinstance(value, dt.date):
        raise InputError(argument, value, MSG_NOT_DATE)
    return dt.date(value.year, value.month, 1)


def add_months(month: dt.date, months: int) -> dt.date:
    """The month ``months`` later (earlier when negative), as EDATE of a month's first day.

    >>> add_months(dt.date(2006, 10, 1), 3), add_months(dt.date(2007, 1, 1), -2)
    (datetime.date(2007, 1, 1), datetime.date(2006, 11, 1))
    """
    index = month.year * MONTHS_PER_YEAR + month.month - 1 + months
    return dt.date(index // MONTHS_PER_YEAR, index % MONTHS_PER_YEAR + 1, 1)


def write_off_month(expiry: dt.date) -> dt.date:
    """The month stock «годен до» ``expiry`` is written off: the next one; after 12.9999 (no month Python or Excel
    counts) a day later than every month of any plan, so that such stock is never written off.

    >>> write_off_month(dt.date(2007, 2, 1)), write_off_month(dt.date(9999, 12, 1))
    (datetime.date(2007, 3, 1), datetime.date(9999, 12, 31))
    """
    return dt.date.max if expiry >= dt.date(9999, 12, 1) else add_months(expiry, 1)


def month_demand(quantity: int, calendar_month: int) -> int:
    """The default demand of calendar month k (1 … 12) of a year's ``quantity`` Q: ⌊Q·k/12⌋ − ⌊Q·(k−1)/12⌋.

    Whole units, and the twelve months add up to Q exactly:

    >>> [month_demand(7300, k) for k in (1, 2, 3, 4)], sum(month_demand(7300, k) for k in range(1, 13))
    ([608, 608, 609, 608], 7300)
    """
    return quantity * calendar_month // MONTHS_PER_YEAR - quantity * (calendar_month - 1) // MONTHS_PER_YEAR


def check_year(year: Any) -> int:
    """The request year Y, a whole number from 1900 to 9998 (the horizon ends within Excel's dates)."""
    whole = count(year, "xl_addin_year")
    if not 1900 <= whole <= 9998:
        raise InputError("xl_addin_year", year, MSG_YEAR)
    return whole


def check_start(start: Any, year: int) -> dt.date:
    """The plan's first month: January of Y when blank, else the month of ``start``, from 01.(Y−1) to 01.Y.

    >>> check_start(None, 2007), check_start(dt.date(2006, 10, 17), 2007)
    (datetime.date(2007, 1, 1), datetime.date(2006, 10, 1))
    """
    if start is None or start == "":
        return dt.date(year, 1, 1)
    month = month_of(start, "in_plan_start")
    if not dt.date(year - 1, 1, 1) <= month <= dt.date(year, 1, 1):
        raise InputError("in_plan_start", start, MSG_START_RANGE.format(first=year - 1, last=year))
    return month


def _optional_month(value: Any, argument: str) -> dt.date | None:
    return None if value is None or value == "" else month_of(value, argument)


@dataclass(frozen=True)
class _Inputs:
    """The plan's inputs, checked: whole numbers and months."""

    start: dt.date
    year: int
    need: int
    last_year: int
    stock: int
    lots: tuple[Lot, ...]
    expiring: int
    receipts: dict[dt.date, int]
    dated: tuple[tuple[dt.date, dt.date], ...]  # (arrival, write-off month) of the dated deliveries
    dated_units: tuple[int, ...]
    overrides: dict[dt.date, int]
    minimum: int
    maximum: int
    pack: int


def _check_inputs(
    start: Any, year: Any, need: Any, stock: Any, last_year: Any, lots: Iterable[Lot], expiring: Any,
    deliveries: Iterable[Delivery], pipeline: Any, order_units: Any, order_month: Any,
    demand_overrides: Iterable[tuple[Any, Any]], buffer_months: Any, reorder_months: Any, units_per_pack: Any,
) -> _Inputs:  # fmt: skip
    y = check_year(year)
    first = check_start(start, y)
    checked_lots = tuple(
        Lot(count(lot.units, "in_lot_units", i), _optional_month(lot.expiry, "in_lot_expiry"))
        for i, lot in enumerate(lots, 1)
    )
    receipts: dict[dt.date, int] = {}
    dated, dated_units, kinds = [], [], set()
    for i, delivery in enumerate(deliveries, 1):
        month = month_of(delivery.month, "in_ship_month")
        units = count(delivery.units, "in_ship_units", i)
        expiry = _optional_month(delivery.expiry, "in_ship_expiry")
        receipts[month] = receipts.get(month, 0) + units
        kinds.add(delivery.kind)
        if expiry is not None:
            dated.append((month, write_off_month(expiry)))
            dated_units.append(units)
    if DeliveryKind.TRANSIT not in kinds:  # K, not dated: on the shelf in month 1
        receipts[first] = receipts.get(first, 0) + _blank_zero(pipeline, "in_product_pipeline")
    ordered = _blank_zero(order_units, "order_units")
    if DeliveryKind.REQUEST not in kinds and ordered:  # O × E, not dated: in the order month
        month = (
            dt.date(y, 1, 1)
            if order_month is None or order_month == ""
            else month_of(order_month, "in_plan_order_month")
        )
        receipts[month] = receipts.get(month, 0) + ordered
    overrides: dict[dt.date, int] = {}
    for i, (month_value, units_value) in enumerate(demand_overrides, 1):
        month = month_of(month_value, "in_use_month")
        overrides[month] = overrides.get(month, 0) + count(units_value, "in_use_units", i)
    minimum = _blank_zero(buffer_months, "in_buffer_months")
    reorder = DEFAULT_REORDER_MONTHS if reorder_months is None or reorder_months == "" else positive_count(
        reorder_months, "in_plan_reorder_months")  # fmt: skip
    return _Inputs(
        first, y, count(need, "need"), _blank_zero(last_year, "in_product_last_year"),
        count(stock, "in_product_stock"), checked_lots, _blank_zero(expiring, "in_product_expiring"), receipts,
        tuple(dated), tuple(dated_units), overrides, minimum, minimum + reorder,
        positive_count(units_per_pack, "in_product_units_per_pack"),
    )  # fmt: skip


def _blank_zero(value: Any, argument: str) -> int:
    return 0 if value is None or value == "" else count(value, argument)


def monthly_plan(
    *,
    year: Any,
    need: Any,
    stock: Any,
    start: Any = None,
    last_year: Any = None,
    lots: Iterable[Lot] = (),
    expiring: Any = None,
    deliveries: Iterable[Delivery] = (),
    pipeline: Any = None,
    order_units: Any = None,
    order_month: Any = None,
    demand_overrides: Iterable[tuple[Any, Any]] = (),
    buffer_months: Any = None,
    reorder_months: Any = None,
    units_per_pack: Any = 1,
) -> list[PlanMonth]:
    """The 24 months of one product's plan (docs/interpretation.md, P4; the note's §3.3).

    ``need`` N and ``last_year`` L are a year's units; ``stock`` I is on hand at the start of ``start``
    (blank: January of ``year``); ``expiring`` J is written off in month 1 when there are no ``lots``;
    ``pipeline`` K arrives in month 1 when no delivery is :attr:`DeliveryKind.TRANSIT`; ``order_units``
    (O × E) arrive in ``order_month`` (blank: January of Y) when no delivery is :attr:`DeliveryKind.REQUEST`.
    Min = ``buffer_months`` (blank 0), Max = Min + ``reorder_months`` (blank 12); above Max means by at least
    one pack of ``units_per_pack`` (E).  A bad value is an
    :class:`~xl_addin.errors.InputError` naming it.

    The design's example 1 (stock of 4,380 counted in October 2006, 730 a month, 6,600 arriving in May):

    >>> plan = monthly_plan(year=2007, need=8760, stock=4380, start=dt.date(2006, 10, 1), buffer_months=3,
    ...                     deliveries=[Delivery(dt.date(2007, 5, 1), 6600, DeliveryKind.REQUEST)])
    >>> [(m.month.strftime("%m.%Y"), m.closing, m.unmet, m.status.name) for m in plan[5:8]]
    [('03.2007', 0, 0, 'BELOW_MIN'), ('04.2007', 0, 730, 'STOCKOUT'), ('05.2007', 5870, 0, 'OK')]
    """
    inputs = _check_inputs(
        start, year, need, stock, last_year, lots, expiring, deliveries, pipeline, order_units, order_month,
        demand_overrides, buffer_months, reorder_months, units_per_pack,
    )  # fmt: skip
    return list(_months(inputs))


def _months(p: _Inputs) -> Iterable[PlanMonth]:
    january, december = dt.date(p.year, 1, 1), dt.date(p.year, 12, 1)
    lots = [(units, write_off_month(expiry)) for units, expiry in ((lot.units, lot.expiry) for lot in p.lots)
            if expiry is not None]  # fmt: skip
    undated_expiring = p.expiring if not p.lots else 0
    on_hand, written_off, dispensed_so_far = p.stock, 0, 0
    for t in range(HORIZON):
        month = add_months(p.start, t)
        if month in p.overrides:
            demand = p.overrides[month]
        else:
            quantity = p.last_year if month < january and p.last_year > 0 else p.need
            demand = month_demand(quantity, month.month)
        received = p.receipts.get(month, 0)
        # B(t): what has reached its write-off month by t (lots, deliveries that arrived before t, J with no lots)
        due = undated_expiring + sum(units for units, off in lots if off <= month)
        due += sum(units for (arrival, off), units in zip(p.dated, p.dated_units, strict=True)
                   if off <= month and arrival < month)  # fmt: skip
        cumulative = max(written_off, due - dispensed_so_far) if t else max(0, due)
        expired = cumulative - written_off
        available = max(0, on_hand + received - expired)
        dispensed = min(demand, available)
        closing = available - dispensed
        yield PlanMonth(
            month, on_hand, received, expired, demand, dispensed, demand - dispensed, closing,
            None if p.need == 0 else ratio_down_to(closing * MONTHS_PER_YEAR, p.need, 1),
            month_status(demand - dispensed, closing, p.need, p.minimum, p.maximum, p.pack), month <= december, cumulative,
        )  # fmt: skip
        on_hand, written_off, dispensed_so_far = closing, cumulative, dispensed_so_far + dispensed


def month_status(unmet: int, closing: int, need: int, minimum: int, maximum: int, pack: int) -> Status:
    """The note's order: stockout, below min, above max, ok (comparisons in twelfths, whole numbers); with no need
    (N = 0) any stock is above max and none is «no need»; above max by at least one pack of ``pack`` units (P4).

    >>> month_status(0, 9184, 7300, 3, 15, 60), month_status(0, 9185, 7300, 3, 15, 60), month_status(0, 0, 0, 3, 15, 60)
    (<Status.OK: 2>, <Status.ABOVE_MAX: 3>, <Status.NO_NEED: 4>)
    """
    if unmet > 0:
        return Status.STOCKOUT
    if need == 0:
        return Status.ABOVE_MAX if closing > 0 else Status.NO_NEED
    if closing * MONTHS_PER_YEAR < minimum * need:
        return Status.BELOW_MIN
    if closing * MONTHS_PER_YEAR >= maximum * need + MONTHS_PER_YEAR * pack:
        return Status.ABOVE_MAX
    return Status.OK


def _first(months: Sequence[PlanMonth], status: Status, *, checked: bool = True) -> dt.date | None:
    return next((m.month for m in months if m.status is status and m.checked == checked), None)


def summarize(
    months: Sequence[PlanMonth], *, units_per_pack: Any = 1, price_per_pack: Any = None, lead_months: Any = None
) -> PlanSummary:
    """The per-product results of a plan (``out_plan_*``): counts and sums over the checked months, the
    write-off of the horizon and its cost ROUND(units × price / units per pack; 2) (a half up, as the sheet
    rounds; None without a price), the closing of December of Y and the month to order by (the first month
    below min or in stockout, ``lead_months`` earlier; None without a lead time).

    >>> plan = monthly_plan(year=2007, need=7300, stock=6000, expiring=4175, order_units=122 * 60)
    >>> s = summarize(plan, units_per_pack=60, price_per_pack=1000)
    >>> s.expired, s.expired_cost, s.closing  # 4175 × 1000 / 60 = 69583,33…; 6000 − 4175 + 7320 − 7300
    (4175, Decimal('69583.33'), 1845)
    """
    if len(months) != HORIZON:
        raise ValueError(f"месяцев плана {len(months)}, а нужно {HORIZON}")
    checked = [m for m in months if m.checked]
    pack = positive_count(units_per_pack, "in_product_units_per_pack")
    horizon_expired = months[-1].written_off
    cost = None
    if price_per_pack is not None and price_per_pack != "":
        amount = horizon_expired * price(price_per_pack, "in_product_price") / Fraction(pack)
        cost = ratio_half_up_to(amount.numerator, amount.denominator, 2)
    order_by = None
    if lead_months is not None and lead_months != "":
        lead = count(lead_months, "in_plan_lead_months")
        low = next((m.month for m in months if m.status in (Status.STOCKOUT, Status.BELOW_MIN)), None)
        order_by = None if low is None else add_months(low, -lead)
    return PlanSummary(
        stockout_months=sum(m.status is Status.STOCKOUT for m in checked),
        first_stockout=_first(months, Status.STOCKOUT),
        unmet=sum(m.unmet for m in checked),
        below_min_months=sum(m.status is Status.BELOW_MIN for m in checked),
        above_max_months=sum(m.status is Status.ABOVE_MAX for m in checked),
        expired=checked[-1].written_off,
        expired_horizon=horizon_expired,
        expired_cost=cost,
        first_expiry=next((m.month for m in months if m.expired > 0), None),
        closing=checked[-1].closing,
        order_by=order_by,
        first_stockout_after_year=_first(months, Status.STOCKOUT, checked=False),
        first_below_min=_first(months, Status.BELOW_MIN),
        first_above_max=_first(months, Status.ABOVE_MAX),
    )
