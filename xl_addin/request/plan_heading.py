"""The heading of the selected product's 24 months («План поставок», A23), as the sheet builds it (P4).

The product shown is the code in C6's row, or the first product with a plan when C6 is blank.  Its
heading names it and — when ``in_plan_lead_months`` is filled — the month to order it by (the
first month below the minimum or short, less the lead time); when its plan is not computed it
says so plainly, and why: an input error in the plan's settings, on its «Товары» row, or on a
line of «Поставки» with its code.  A code in C6 that no row carries, or that more than one
computed row carries, is said as such.  The words are :data:`plan_texts.SELECTED_TEXTS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from xl_addin.core.supply_plan import add_months
from xl_addin.request.plan_texts import month_text, selected_text


def heading(
    lang: str,
    rows: Sequence[Mapping[str, Any]],
    computed: Sequence[bool],
    computable: Sequence[bool],
    order_by: Sequence[dt.date | None],
    product: Any,
    *,
    settings_ok: bool,
    lead: int | None,
    code_key: Callable[[Any], Any],
    safe: Callable[[Any], bool],
    code_text: Callable[[Any], str],
) -> str:
    """The heading for the «Товары» ``rows`` (``computed``: the row has a plan; ``computable``: it is active and valid
    on «Товары»; ``order_by``: its month to order by), the C6 value ``product`` and the lead time ``lead`` (None:
    blank or wrong)."""
    row = _row(lang, rows, computed, computable, product, code_key=code_key, safe=safe, code_text=code_text)
    if isinstance(row, str):
        return row
    raw = rows[row]
    names = {"code": code_text(raw.get("in_product_code")), "name": _text(raw.get("in_product_name"), code_text)}
    if not computed[row]:
        reason = "settings" if not settings_ok else "products" if not computable[row] else "lines"
        return selected_text(lang, "not_computed", reason=reason, **names)
    said = selected_text(lang, "shown", **names)
    if lead is None:
        return said
    month = order_by[row]
    if month is None:
        return said + selected_text(lang, "no_order")
    low = add_months(month, lead)
    return said + selected_text(lang, "order_by", order_by=month_text(month), low=month_text(low), lead=lead)


def _row(
    lang: str, rows: Sequence[Mapping[str, Any]], computed: Sequence[bool], computable: Sequence[bool], product: Any, *,
    code_key: Callable[[Any], Any], safe: Callable[[Any], bool], code_text: Callable[[Any], str],
) -> int | str:  # fmt: skip
    """The row the heading shows, or the heading itself when there is none: C6's code on no row, on two rows."""
    active = [i for i, raw in enumerate(rows) if not _blank(raw.get("in_product_covers"))]
    if _blank(product):
        first = [i for i in active if computed[i]] or active  # the first with a plan, else the first without one
        return first[0] if first else selected_text(lang, "none")
    key = code_key(product)
    same = [i for i in active if code_key(rows[i].get("in_product_code")) == key] if safe(product) else []
    valid = [i for i in same if computable[i]]
    if not same:
        return selected_text(lang, "not_found", code=code_text(product))
    if len(valid) > 1:
        return selected_text(lang, "twice", code=code_text(product))
    return valid[0] if valid else same[0]


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _text(value: Any, code_text: Callable[[Any], str]) -> str:
    """A cell as ``&""`` shows it: blank → "", else as a code is shown."""
    return "" if _blank(value) else code_text(value)
