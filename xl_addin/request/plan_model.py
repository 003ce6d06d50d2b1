"""What the supply plan's sheets must show for given «Товары» rows, plan tables and settings, computed by the core.

The sheet «План (расчёт)» follows the same steps in Excel-native formulas; the tests recalculate
filled workbooks and compare with this model, and ``refresh`` reads the tables and settings and
calls it (docs/interpretation.md, P4; the design note's §3.2–§3.5).  The inputs are the reader's
shapes: the ``in_ship_*``, ``in_lot_*``, ``in_use_*`` tables as lists of cell values (a line is the
same index in each of its table's lists), the settings ``in_plan_*``, ``xl_addin_year`` and
``in_buffer_months`` as cell values; dates as ``datetime``/``date`` (a number is a date as Excel
counts days, the way the sheet reads it), blanks as None.

A «Товары» row is *computed* when it is active and valid with a need and an order (its
``out_product_*`` are numbers), the plan's settings are right and no line of the tables with its
code is wrong; then it shows its ``out_plan_*`` results.  An inactive row shows nothing (None), any
other active row #N/A, as ``out_product_*`` do.  A wrong line or setting is a fact of
``chk_plan_inputs``, never an exception.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from xl_addin.core import products as order
from xl_addin.core.numbers import MAX_COUNT, plain_whole
from xl_addin.core.supply_national import RegionPlan
from xl_addin.core.supply_plan import (
    Delivery,
    DeliveryKind,
    Lot,
    PlanMonth,
    PlanSummary,
    check_start,
    check_year,
    monthly_plan,
    summarize,
)
from xl_addin.errors import InputError
from xl_addin.request.plan_heading import heading
from xl_addin.request.plan_texts import (
    PRODUCT_CHECKS,
    PlanCheck,
    ShipStatus,
    assumption_parts,
    expiry_cost,
    month_text,
    not_checked,
    not_checked_prefix,
    table_label,
)
from xl_addin.request.products_model import NA, ProductsValues
from xl_addin.request.shown import OK, TEXTS

#: The first line of the input tables on «Поставки» and the rows of the settings on «План поставок»
#: (as request/plan_layout.py places them).
FIRST_LINE_ROW = 5
SETTING_ROWS = {"in_plan_start": 2, "in_plan_reorder_months": 3, "in_plan_order_month": 4,
                "in_plan_lead_months": 5, "in_plan_product": 6}  # fmt: skip
#: The accepted whole numbers of the reorder interval and of the lead time, in months.
REORDER_RANGE, LEAD_RANGE = (1, 60), (0, 60)
TABLE_NAMES: dict[str, tuple[str, ...]] = {
    "ship": ("in_ship_code", "in_ship_month", "in_ship_units", "in_ship_status", "in_ship_expiry"),
    "lot": ("in_lot_code", "in_lot_units", "in_lot_expiry"),
    "use": ("in_use_code", "in_use_month", "in_use_units"),
}
RESULT_NAMES = ("out_plan_stockout_months", "out_plan_first_stockout", "out_plan_unmet", "out_plan_below_min_months",
                "out_plan_above_max_months", "out_plan_expired", "out_plan_expired_cost", "out_plan_closing")  # fmt: skip
_KIND = {ShipStatus.TRANSIT: DeliveryKind.TRANSIT, ShipStatus.REQUEST: DeliveryKind.REQUEST,
         ShipStatus.OTHER: DeliveryKind.OTHER}  # fmt: skip
#: Excel's day 0 for the days from 01.03.1900 on.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_LAST_SERIAL = 2958465  # 31.12.9999
_EXCEL_LEAP_DAY = 60  # 29.02.1900, a day that never was


@dataclass
class PlanRow:
    """One «Товары» row's plan: its results (None: nothing shown; NA: #N/A) and, when computed, its months."""

    results: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(RESULT_NAMES))
    months: list[PlanMonth] | None = None
    summary: PlanSummary | None = None
    need: int | None = None  #: the year's need N the plan took (``out_product_need``)
    order_by: Any = None  #: «Заказать до» (None: nothing shown, NA: #N/A, or the month)


@dataclass
class PlanValues:
    """Everything the plan's sheets show: per row, the checks, the selected product (index of the row or None)."""

    rows: list[PlanRow]
    checks: dict[str, str]
    start: dt.date | None = None  #: the first month (January of Y when the setting is wrong, as the sheet takes it)
    minimum: int | None = None
    maximum: int | None = None
    selected: int | None = None
    heading: str = ""  #: the heading of the selected product's 24 months (plan_heading)


@dataclass(frozen=True)
class _Line:
    """A filled line of a table: its sheet row, its code (as read) and whether every cell is right."""

    table: str
    row: int
    cells: dict[str, Any]
    good: bool


def _blank(value: Any) -> bool:
    return value is None or value == ""


def as_date(value: Any) -> dt.date | None:
    """A cell as the sheet reads a date: a date, or a number ≥ 1 counted in Excel's days (day 60 is Excel's
    29.02.1900, read as 28.02.1900: only its month matters); None for anything else.

    >>> as_date(dt.datetime(2007, 5, 15, 12)), as_date(39203), as_date("15.05.2007"), as_date(True)
    (datetime.date(2007, 5, 15), datetime.date(2007, 5, 1), None, None)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value <= _LAST_SERIAL:
        days = int(value)
        if days == _EXCEL_LEAP_DAY:
            return dt.date(1900, 2, 28)
        if days < _EXCEL_LEAP_DAY:  # before Excel's 29.02.1900 the days count from 31.12.1899
            return dt.date(1899, 12, 31) + dt.timedelta(days=days)
        return _EXCEL_EPOCH + dt.timedelta(days=days)
    return None


def _month(value: Any) -> dt.date | None:
    day = as_date(value)
    return None if day is None else dt.date(day.year, day.month, 1)


def _whole(value: Any, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high`` (a float that shows one too), else None."""
    whole = plain_whole(value)
    return whole if whole is not None and low <= whole <= high else None


def code_key(value: Any) -> tuple[str, Any] | None:
    """How Excel's ``=`` compares a code: text ignoring case, a number as a number; None for a blank.

    >>> code_key("a06") == code_key("A06"), code_key(101) == code_key("101"), code_key("")
    (True, False, None)
    """
    if _blank(value):
        return None
    if isinstance(value, str):
        return ("text", value.casefold())
    return ("number", value)


def _safe_code(value: Any) -> bool:
    """A code a SUMIFS criterion reads literally: no ``* ? ~``, not starting with ``< > =``."""
    text = value if isinstance(value, str) else ""
    return not any(c in text for c in "*?~") and not text.startswith(("<", ">", "="))


def _lines(inputs: Mapping[str, Any], codes: dict[tuple[str, Any], int], lang: str) -> list[_Line]:
    """Every filled line of the three tables, judged cell by cell (the sheet's helpers SHIP_BAD, LOT_BAD, USE_BAD)."""
    found = []
    for table, names in TABLE_NAMES.items():
        columns = [list(inputs.get(name) or []) for name in names]
        for index in range(max(map(len, columns))):
            cells = {name: column[index] if index < len(column) else None for name, column in zip(names, columns,
                                                                                                   strict=True)}  # fmt: skip
            if all(_blank(value) for value in cells.values()):
                continue
            found.append(_Line(table, FIRST_LINE_ROW + index, cells, _line_good(table, cells, codes, lang)))
    return found


def _line_good(table: str, cells: dict[str, Any], codes: dict[tuple[str, Any], int], lang: str) -> bool:
    prefix = f"in_{table}_"
    key = code_key(cells[prefix + "code"])
    good = key is not None and codes.get(key) == 1 and _safe_code(cells[prefix + "code"])
    good = good and _whole(cells[prefix + "units"], 0, MAX_COUNT) is not None
    if table in ("ship", "use"):
        good = good and as_date(cells[prefix + "month"]) is not None
    if table in ("ship", "lot"):
        good = good and (_blank(cells[prefix + "expiry"]) or as_date(cells[prefix + "expiry"]) is not None)
    if table == "ship":
        good = good and ShipStatus.from_text(cells["in_ship_status"], lang) is not None
    return good


def _settings(inputs: Mapping[str, Any], year: int) -> dict[str, bool]:
    """Whether each setting is wrong (the sheet's SETTING_BAD cells)."""
    start, start_bad = inputs.get("in_plan_start"), False
    if not _blank(start):
        try:
            start_bad = as_date(start) is None or not check_start(as_date(start), year)
        except InputError:  # outside 01.(Y−1) … 01.Y
            start_bad = True
    order_month, reorder = inputs.get("in_plan_order_month"), inputs.get("in_plan_reorder_months")
    lead = inputs.get("in_plan_lead_months")
    return {
        "in_plan_start": start_bad,
        "in_plan_reorder_months": not _blank(reorder) and _whole(reorder, *REORDER_RANGE) is None,
        "in_plan_order_month": not _blank(order_month) and as_date(order_month) is None,
        "in_plan_lead_months": not _blank(lead) and _whole(lead, *LEAD_RANGE) is None,
        "in_plan_product": False,  # judged against the rows' codes by evaluate_plan
    }


def evaluate_plan(
    rows: Sequence[Mapping[str, Any]], products: ProductsValues, inputs: Mapping[str, Any], *, lang: str = "ru"
) -> PlanValues:
    """The plan's values for the «Товары» ``rows`` (``in_product_*`` → cell value), their ``products`` values
    (``products_model.evaluate_products``) and the plan's ``inputs`` (tables, settings, ``xl_addin_year``,
    ``in_buffer_months``).  ``xl_addin_year`` is written by ``generate``: a wrong one is an InputError."""
    year = check_year(inputs.get("xl_addin_year"))
    codes: dict[tuple[str, Any], int] = {}  # code → how many computable rows carry it
    for raw, shown in zip(rows, products.rows, strict=True):
        key = code_key(raw.get("in_product_code"))
        if key is not None and _computable(raw, shown):
            codes[key] = codes.get(key, 0) + 1
    lines = _lines(inputs, codes, lang)
    bad = _settings(inputs, year)
    product = inputs.get("in_plan_product")
    product_key = code_key(product)
    bad["in_plan_product"] = not _blank(product) and not (
        product_key is not None and codes.get(product_key) == 1 and _safe_code(product))  # fmt: skip
    settings_ok = not any(bad[name] for name in ("in_plan_start", "in_plan_reorder_months", "in_plan_order_month"))
    start = dt.date(year, 1, 1) if bad["in_plan_start"] else check_start(as_date(inputs.get("in_plan_start")), year)
    buffer = _whole(inputs.get("in_buffer_months"), 0, MAX_COUNT) or 0
    reorder = inputs.get("in_plan_reorder_months")
    reorder_months = 12 if bad["in_plan_reorder_months"] or _blank(reorder) else _whole(reorder, *REORDER_RANGE)
    order_month = None if bad["in_plan_order_month"] else _month(inputs.get("in_plan_order_month"))
    lead = None if bad["in_plan_lead_months"] else _whole(inputs.get("in_plan_lead_months"), *LEAD_RANGE)
    wrong_codes = {code_key(line.cells[f"in_{line.table}_code"]) for line in lines if not line.good}
    plan_rows = []
    for raw, shown in zip(rows, products.rows, strict=True):
        row = PlanRow()
        if _blank(raw.get("in_product_covers")):
            plan_rows.append(row)
            continue
        if not (_computable(raw, shown) and settings_ok) or code_key(raw.get("in_product_code")) in wrong_codes:
            row.results, row.order_by = dict.fromkeys(RESULT_NAMES, NA), NA
            plan_rows.append(row)
            continue
        mine = [line for line in lines if code_key(line.cells[f"in_{line.table}_code"]) ==
                code_key(raw.get("in_product_code")) and line.good]  # fmt: skip
        row.need = shown.need if isinstance(shown.need, int) else None
        row.months = _plan(raw, shown, mine, year, start, buffer, reorder_months, order_month, lang)
        row.summary = summarize(row.months, units_per_pack=raw.get("in_product_units_per_pack"),
                                price_per_pack=raw.get("in_product_price"), lead_months=lead)  # fmt: skip
        row.results, row.order_by = _results(row.summary), row.summary.order_by
        plan_rows.append(row)
    values = PlanValues(plan_rows, {}, start, buffer, buffer + (reorder_months or 12))
    values.selected = _selected(plan_rows, rows, product, bad["in_plan_product"], settings_ok)
    computable = [_computable(raw, shown) for raw, shown in zip(rows, products.rows, strict=True)]
    values.heading = heading(
        lang, rows, [row.months is not None for row in plan_rows], computable,
        [row.summary.order_by if row.summary else None for row in plan_rows], product, settings_ok=settings_ok,
        lead=lead, code_key=code_key, safe=_safe_code, code_text=_code,
    )  # fmt: skip
    nothing = not any(not _blank(raw.get("in_product_covers")) for raw in rows) and not lines and all(
        _blank(inputs.get(name)) for name in SETTING_ROWS)  # fmt: skip
    if nothing:
        values.checks = {check.check_name: TEXTS[lang].not_filled for check in PlanCheck}
    else:
        values.checks = _checks(values, rows, products, lines, bad, order_month or dt.date(year, 1, 1), lang)
    return values


def plan_errors(values: PlanValues) -> list[str]:
    """The names of the plan's failed error checks (a region's plan enters the national plan without any, §3.6).

    >>> plan_errors(PlanValues([], {"chk_plan_inputs": "Ошибок ввода: 1 (первая — «Поставки», таблица партий, строка 5)",
    ...                             "chk_plan_stockout": "Нехватка …"}))
    ['chk_plan_inputs']
    """
    waiting = (OK, TEXTS["ru"].not_filled, TEXTS["en"].not_filled)
    return [check.check_name for check in PlanCheck if check.severity.counts_in_total  # «Не проверено» waits too
            and (said := values.checks.get(check.check_name, OK)) not in waiting
            and not said.startswith(tuple(not_checked_prefix(lang) for lang in ("ru", "en")))]  # fmt: skip


def region_plans(region: str, rows: Sequence[Mapping[str, Any]], values: PlanValues) -> list[RegionPlan]:
    """The computed rows of a region's plan as the national plan takes them (code, units per pack, need, Max)."""
    plans = []
    for raw, row in zip(rows, values.rows, strict=True):
        if row.months is None or values.maximum is None:
            continue
        plans.append(RegionPlan(region, _code(raw.get("in_product_code")), int(raw["in_product_units_per_pack"]),
                                row.need or 0, values.maximum, row.months))  # fmt: skip
    return plans


def _computable(raw: Mapping[str, Any], values: Any) -> bool:
    """An active row whose need and order are numbers (the sheet's ROW_OK)."""
    return not _blank(raw.get("in_product_covers")) and isinstance(values.need, int) and isinstance(values.packs, int)


def _plan(  # the row's inputs, as the sheet's blocks read them
    raw: Mapping[str, Any], values: Any, lines: list[_Line], year: int, start: dt.date, buffer: int,
    reorder: int | None, order_month: dt.date | None, lang: str,
) -> list[PlanMonth]:  # fmt: skip
    def n(name: str) -> int:
        value = raw.get(name)
        return _n(value)

    deliveries = [
        Delivery(_month(line.cells["in_ship_month"]) or start, int(line.cells["in_ship_units"]),
                 _KIND[ShipStatus.from_text(line.cells["in_ship_status"], lang) or ShipStatus.OTHER],
                 _month(line.cells["in_ship_expiry"]))
        for line in lines if line.table == "ship"
    ]  # fmt: skip
    lots = [Lot(int(line.cells["in_lot_units"]), _month(line.cells["in_lot_expiry"]))
            for line in lines if line.table == "lot"]  # fmt: skip
    overrides = [(_month(line.cells["in_use_month"]), int(line.cells["in_use_units"]))
                 for line in lines if line.table == "use"]  # fmt: skip
    return monthly_plan(
        year=year, need=values.need, stock=n("in_product_stock"), start=start, last_year=n("in_product_last_year"),
        lots=lots, expiring=n("in_product_expiring"), deliveries=deliveries, pipeline=n("in_product_pipeline"),
        order_units=values.packs * int(raw["in_product_units_per_pack"]), order_month=order_month,
        demand_overrides=overrides, buffer_months=buffer, reorder_months=reorder,
        units_per_pack=raw["in_product_units_per_pack"],
    )  # fmt: skip


def _results(summary: PlanSummary) -> dict[str, Any]:
    return {
        "out_plan_stockout_months": summary.stockout_months,
        "out_plan_first_stockout": summary.first_stockout,
        "out_plan_unmet": summary.unmet,
        "out_plan_below_min_months": summary.below_min_months,
        "out_plan_above_max_months": summary.above_max_months,
        "out_plan_expired": summary.expired,
        "out_plan_expired_cost": summary.expired_cost,
        "out_plan_closing": summary.closing,
    }


def _selected(
    plan_rows: list[PlanRow], rows: Sequence[Mapping[str, Any]], product: Any, product_bad: bool, settings_ok: bool
) -> int | None:
    """The row of the 24-month table: the chosen code's row, or the first computed row when none is chosen."""
    if not settings_ok or product_bad:
        return None
    if _blank(product):
        return next((i for i, row in enumerate(plan_rows) if row.months is not None), None)
    key = code_key(product)
    return next((i for i, (row, raw) in enumerate(zip(plan_rows, rows, strict=True))
                 if row.months is not None and code_key(raw.get("in_product_code")) == key), None)  # fmt: skip


def _first(found: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    return found[0]


def _checks(  # noqa: PLR0912, PLR0915 - one branch per check, in the sheet's order
    values: PlanValues, rows: Sequence[Mapping[str, Any]], products: ProductsValues, lines: list[_Line],
    bad: dict[str, bool], order_month: dt.date, lang: str,
) -> dict[str, str]:  # fmt: skip
    """Each check's text: "OK" or its sentence (plan_texts), the first product or line in the sheet's order."""
    said: dict[PlanCheck, str] = {}
    wrong = [(table_label("settings", lang), SETTING_ROWS[name]) for name in SETTING_ROWS if bad[name]]
    for table in TABLE_NAMES:
        wrong += [(table_label(table, lang), line.row) for line in lines if line.table == table and not line.good]
    if wrong:
        said[PlanCheck.INPUTS] = PlanCheck.INPUTS.render(lang, count=len(wrong), table=wrong[0][0], row=wrong[0][1])
    computed = [(raw, product, row) for raw, product, row in zip(rows, products.rows, values.rows, strict=True)
                if row.months is not None and row.summary is not None]  # fmt: skip
    per_code = {id(row): [line for line in lines if line.good and code_key(line.cells[f"in_{line.table}_code"])
                          == code_key(raw.get("in_product_code"))] for raw, _, row in computed}  # fmt: skip
    found: dict[PlanCheck, list[dict[str, int | str]]] = {check: [] for check in PlanCheck}
    assumed = {"transit": 0, "ordered": 0, "expiring": 0, "other": 0}
    after: list[tuple[dt.date, str]] = []  # (first stockout after Y, code) of each product short after the year
    for raw, product, row in computed:
        s, mine, code = row.summary, per_code[id(row)], _code(raw.get("in_product_code"))
        assert s is not None and row.months is not None and isinstance(product.need, int)
        assert isinstance(product.packs, int)
        lots = [int(line.cells["in_lot_units"]) for line in mine if line.table == "lot"]
        by_status = {status: [int(line.cells["in_ship_units"]) for line in mine if line.table == "ship"
                              and ShipStatus.from_text(line.cells["in_ship_status"], lang) is status]
                     for status in ShipStatus}  # fmt: skip
        stock, pipeline, expiring = (_n(raw.get(name)) for name in ("in_product_stock", "in_product_pipeline",
                                                                     "in_product_expiring"))  # fmt: skip
        ordered = product.packs * int(raw["in_product_units_per_pack"])
        if lots and sum(lots) != stock:
            found[PlanCheck.LOTS].append({"code": code, "lots": sum(lots), "stock": stock})
        transit = by_status[ShipStatus.TRANSIT]
        if transit and sum(transit) != pipeline:
            found[PlanCheck.TRANSIT].append({"code": code, "lines": sum(transit), "pipeline": pipeline})
        if s.stockout_months:
            found[PlanCheck.STOCKOUT].append({"code": code, "month": month_text(s.first_stockout),  # type: ignore[arg-type]
                                              "months": s.stockout_months, "unmet": s.unmet})  # fmt: skip
        if s.below_min_months:
            found[PlanCheck.BELOW_MIN].append({"code": code, "months": s.below_min_months,
                                               "month": month_text(s.first_below_min)})  # type: ignore[arg-type]  # fmt: skip
        if s.above_max_months:
            found[PlanCheck.ABOVE_MAX].append({"code": code, "months": s.above_max_months,
                                               "month": month_text(s.first_above_max)})  # type: ignore[arg-type]  # fmt: skip
        if s.expired_horizon:
            found[PlanCheck.EXPIRY].append({"code": code, "units": s.expired_horizon,
                                            "cost": expiry_cost(lang, s.expired_cost),
                                            "month": month_text(s.first_expiry)})  # type: ignore[arg-type]  # fmt: skip
        if lots and s.expired > expiring:
            needed = order.packs_to_order(product.need, stock, pipeline, raw["in_product_units_per_pack"],
                                          values.minimum, s.expired)  # fmt: skip
            found[PlanCheck.EXPIRY_NOT_ORDERED].append({"code": code, "expiring": expiring, "planned": s.expired,
                                                        "needed": needed, "packs": product.packs})  # fmt: skip
        requested = by_status[ShipStatus.REQUEST]
        if requested and sum(requested) != ordered:
            found[PlanCheck.ORDER_SCHEDULED].append({"code": code, "lines": sum(requested), "ordered": ordered})
        if s.first_stockout_after_year is not None:
            after.append((s.first_stockout_after_year, code))
        assumed["transit"] += pipeline > 0 and not transit
        assumed["ordered"] += ordered > 0 and not requested
        assumed["expiring"] += expiring > 0 and not lots
        assumed["other"] += len(by_status[ShipStatus.OTHER])
    if after:  # the earliest month of all (its first product): when the next request is needed, not the first row
        month, code = min(after, key=lambda found: found[0])
        found[PlanCheck.AFTER_YEAR] = [{"code": code, "month": month_text(month)}] * len(after)
    for check in (PlanCheck.LOTS, PlanCheck.TRANSIT, PlanCheck.STOCKOUT, PlanCheck.EXPIRY,
                  PlanCheck.EXPIRY_NOT_ORDERED, PlanCheck.ORDER_SCHEDULED, PlanCheck.AFTER_YEAR):  # fmt: skip
        if found[check]:
            said[check] = check.render(lang, count=len(found[check]), **found[check][0])
    for check, months in ((PlanCheck.BELOW_MIN, {"minimum": values.minimum}),
                          (PlanCheck.ABOVE_MAX, {"maximum": values.maximum})):  # fmt: skip
        if found[check]:
            said[check] = check.render(lang, count=len(found[check]), **months, **found[check][0])  # type: ignore[arg-type]
    _not_judged(said, values, rows, lang)
    _line_checks(said, values, lines, lang)
    if any(assumed.values()):
        start = values.start or order_month
        parts = assumption_parts(lang, month_text(start), month_text(order_month), **assumed)
        said[PlanCheck.ASSUMPTIONS] = PlanCheck.ASSUMPTIONS.render(lang, parts=parts)
    return {check.check_name: said.get(check, OK) for check in PlanCheck}


def _not_judged(said: dict[PlanCheck, str], values: PlanValues, rows: Sequence[Mapping[str, Any]], lang: str) -> None:
    """No product check says "OK" while an active «Товары» row has no plan (#N/A): it was not judged (P4)."""
    unplanned = [raw for raw, row in zip(rows, values.rows, strict=True) if row.results.get(RESULT_NAMES[0]) is NA]
    if not unplanned:
        return
    first = unplanned[0].get("in_product_code")
    for check in PRODUCT_CHECKS:
        if check not in said:
            said[check] = not_checked(lang, len(unplanned), "" if _blank(first) else _code(first))


def _line_checks(said: dict[PlanCheck, str], values: PlanValues, lines: list[_Line], lang: str) -> None:
    """The checks of single delivery lines: arriving expired or before the start; shorter-dated than a lot."""
    start = values.start
    ships = [line for line in lines if line.table == "ship" and line.good]
    dates = [line.row for line in ships if start is not None and (
        (_month(line.cells["in_ship_month"]) or start) < start
        or (not _blank(line.cells["in_ship_expiry"])
            and (_month(line.cells["in_ship_expiry"]) or start) < (_month(line.cells["in_ship_month"]) or start)))]  # fmt: skip
    if dates:
        said[PlanCheck.DATES] = PlanCheck.DATES.render(lang, count=len(dates), row=dates[0])
    lot_ends = [(code_key(line.cells["in_lot_code"]), _month(line.cells["in_lot_expiry"]))
                for line in lines if line.table == "lot"]  # fmt: skip
    fefo = []
    for line in ships:
        ends = _month(line.cells["in_ship_expiry"])
        key = code_key(line.cells["in_ship_code"])
        if ends is not None and any(lot == key and end is not None and end > ends for lot, end in lot_ends):
            fefo.append(line.row)
    if fefo:
        said[PlanCheck.FEFO] = PlanCheck.FEFO.render(lang, count=len(fefo), row=fefo[0])


def _n(value: Any) -> int:
    """N() of a valid count cell: a blank is 0."""
    whole = None if _blank(value) else plain_whole(value)
    return 0 if whole is None else whole


def _code(value: Any) -> str:
    """A code as a sentence shows it (a whole number without ``.0``)."""
    whole = plain_whole(value)
    return str(whole) if whole is not None else str(value)
