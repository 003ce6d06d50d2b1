"""What the products sheet must show for given rows, computed by the core: every ``out_product_*``, total and check.

The workbook's formulas (``products_sheet.py``) follow the same steps; the tests
recalculate filled workbooks with LibreOffice and compare with this model.  A row is
*active* when «Что покрывает» is filled, *valid* when, besides, every cell is of its
column's kind (:class:`~xl_addin.workbook.products_layout.ColumnKind`); an invalid
active row shows #N/A in its results, never a number.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from xl_addin.core import products
from xl_addin.core.numbers import count, exact, non_negative, positive_count, round_up
from xl_addin.errors import InputError
from xl_addin.workbook.layout import INPUT_BY_NAME
from xl_addin.workbook.model import OK, TEXTS, ErrorValue
from xl_addin.workbook.products_layout import (
    INPUT_COLUMNS,
    KIT_INPUTS,
    PRODUCT_ROWS,
    SECTION_OF_TOTAL,
    TARGETS,
    TOTALS,
    ColumnKind,
    ProductCheck,
    Section,
    Target,
    funding_label,
    funding_labels,
    kit_targets,
)

#: The sheet row of the table's first product (the header is the row above).
FIRST_ROW = 21
NA = ErrorValue("#N/A")

SENTENCES = {
    "ru": {
        ProductCheck.INPUTS: "Строк с ошибками: {count} (первая: строка {row})",
        ProductCheck.SHARES: "Доли не дают 100 %: объёмов {count} (первый: «{label}», {share} %)",
        ProductCheck.UNITS_PER_KIT: "Препаратов без единиц на комплект: {count} (первый: строка {row})",
        ProductCheck.EXPIRING: "Истекает больше остатка в строках: {count} (строка {row}: {expiring} > {stock})",
        ProductCheck.KITS: "Не совпадают итоги комплектов: {count} ({label}: по препаратам {rows}, на листе «Ввод» {typed})",
        ProductCheck.UNCOVERED: "Объёмов без товара: {count} (первый: «{label}», {volume})",
        ProductCheck.DEVIATION: (
            "Отклонение больше {threshold} % в строках: {count} (строка {row}: заявлено {need}, "
            "расход прошлого года {last}, {percent} %)"
        ),
    },
    "en": {
        ProductCheck.INPUTS: "Rows with errors: {count} (first: row {row})",
        ProductCheck.SHARES: "Shares do not sum to 100 %: volumes {count} (first: «{label}», {share} %)",
        ProductCheck.UNITS_PER_KIT: "Drugs without units per kit: {count} (first: row {row})",
        ProductCheck.EXPIRING: "Expiring above stock in rows: {count} (row {row}: {expiring} > {stock})",
        ProductCheck.KITS: "Kit totals differ: {count} ({label}: by drug {rows}, on the inputs sheet {typed})",
        ProductCheck.UNCOVERED: "Volumes without a product: {count} (first: «{label}», {volume})",
        ProductCheck.DEVIATION: (
            "Deviation above {threshold} % in rows: {count} (row {row}: requested {need}, "
            "last year {last}, {percent} %)"
        ),
    },
}


@dataclass
class RowValues:
    """One row's results (None: the cell shows nothing; NA: #N/A) and what the checks need of it."""

    need: int | ErrorValue | None = None
    packs: int | ErrorValue | None = None
    cost: Decimal | ErrorValue | None = None
    months_of_stock: Decimal | ErrorValue | None = None
    deviation: Decimal | ErrorValue | None = None
    target: Target | None = None
    valid: bool = False
    bad: bool = False  #: filled, but not valid (counted by chk_product_inputs)


@dataclass
class ProductsValues:
    """Everything the products sheet shows."""

    rows: list[RowValues] = field(default_factory=list)
    totals: dict[str, Decimal | ErrorValue] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)


def _blank(value: Any) -> bool:
    return value is None or value == ""


@functools.cache
def _choices(lang: str) -> tuple[dict[str, Target], frozenset[str]]:
    """The targets by their text and the funding sources' texts, case-folded: Excel's VLOOKUP and MATCH ignore case."""
    targets = {target.label(lang).casefold(): target for target in TARGETS}
    return targets, frozenset(label.casefold() for label in funding_labels(lang))


def cell_valid(kind: ColumnKind, value: Any, labels: frozenset[str] = frozenset()) -> bool:
    """Whether a filled cell is of its column's kind (a blank is judged by the row, not here); ``labels``, the
    choices of a drop-down, case-folded."""
    try:
        if kind is ColumnKind.COUNT:
            count(value, "x")
        elif kind is ColumnKind.POSITIVE:
            positive_count(value, "x")
        elif kind is ColumnKind.MONEY:
            non_negative(value, "x")
        elif kind is ColumnKind.SHARE:
            return 0 < exact(value, "x") <= 100
        elif kind is ColumnKind.CHOICE:  # Excel's MATCH ignores case
            return isinstance(value, str) and value.casefold() in labels
    except InputError:
        return False
    return True


def _whole(value: Any) -> int:
    return 0 if _blank(value) else count(value, "x")


def _row(raw: dict[str, Any], volumes: dict[str, Any], buffer: Any, lang: str) -> RowValues:
    targets, funding = _choices(lang)
    filled = any(not _blank(raw.get(column.name)) for column in INPUT_COLUMNS)
    covers = raw.get("in_product_covers")
    row = RowValues(target=targets.get(covers.casefold()) if isinstance(covers, str) else None)
    if _blank(covers):
        row.bad = filled
        return row
    valid = row.target is not None and not _blank(raw.get("in_product_units_per_pack"))
    for column in INPUT_COLUMNS:
        value = raw.get(column.name)
        if column.kind is not ColumnKind.TEXT and not _blank(value) and column.name != "in_product_covers":
            valid = valid and cell_valid(column.kind, value, funding)
    row.valid, row.bad = valid, not valid
    if not valid or row.target is None:
        row.need = row.packs = row.cost = row.months_of_stock = row.deviation = NA
        return row
    row.need = _need(raw, row.target, volumes)
    price, last = raw.get("in_product_price"), raw.get("in_product_last_year")
    if isinstance(row.need, ErrorValue):  # a cell with nothing to show stays blank
        row.packs = row.months_of_stock = NA
        row.cost = None if _blank(price) else NA
        row.deviation = None if _blank(last) or count(last, "x") == 0 else NA
        return row
    stock = _whole(raw.get("in_product_stock"))
    if _blank(buffer) or cell_valid(ColumnKind.COUNT, buffer):
        row.packs = products.packs_to_order(
            row.need, stock, _whole(raw.get("in_product_pipeline")), raw["in_product_units_per_pack"],
            _whole(buffer), _whole(raw.get("in_product_expiring")),
        )  # fmt: skip
    else:
        row.packs = NA
    if not _blank(price):
        row.cost = NA if isinstance(row.packs, ErrorValue) else products.order_cost(row.packs, price)
    if row.need:
        row.months_of_stock = products.months_of_stock(stock, row.need)
    if not _blank(last) and count(last, "x"):
        row.deviation = products.consumption_deviation(row.need, last)
    return row


def _need(raw: dict[str, Any], target: Target, volumes: dict[str, Any]) -> int | ErrorValue:
    """A drug: kits × units per kit; a diagnostic product: ⌈volume × share / 100⌉ (a blank share is 100 %)."""
    if target.section is Section.ARV:
        units = raw.get("in_product_units_per_kit")
        return NA if _blank(units) else _whole(raw.get("in_product_kits_requested")) * count(units, "x")
    volume = volumes.get(target.result or "")
    if not isinstance(volume, int):
        return NA
    share = raw.get("in_product_share")
    return round_up(volume * (Fraction(100) if _blank(share) else exact(share, "x")) / 100)


def evaluate_products(
    rows: list[dict[str, Any]],
    volumes: dict[str, Any],
    inputs: dict[str, Any],
    *,
    buffer: Any = None,
    threshold: Decimal = Decimal("0.25"),
    lang: str = "ru",
) -> ProductsValues:
    """The products sheet's values: ``rows`` (column name → cell value, at most PRODUCT_ROWS), the workbook's
    results ``volumes`` (``out_*`` → value, as :func:`xl_addin.workbook.model.evaluate` gives them) and its
    ``inputs`` (for the kit totals)."""
    if len(rows) > PRODUCT_ROWS:
        raise ValueError(f"строк товаров {len(rows)}, а в таблице {PRODUCT_ROWS}")
    values = ProductsValues([_row(raw, volumes, buffer, lang) for raw in rows])
    for name, _, _ in TOTALS:
        section, source = SECTION_OF_TOTAL.get(name), funding_label(name, lang)
        chosen = [
            row.cost for row, raw in zip(values.rows, rows, strict=True)
            if row.cost is not None
            and (section is None or (row.target is not None and row.target.section is section))
            and (source is None or str(raw.get("in_product_funding") or "").casefold() == source.casefold())
        ]  # fmt: skip
        if any(isinstance(cost, ErrorValue) for cost in chosen):
            values.totals[name] = NA
        else:
            values.totals[name] = sum((c for c in chosen if isinstance(c, Decimal)), Decimal("0.00"))
    values.checks = _checks(values, rows, volumes, inputs, buffer, threshold, lang)
    return values


def _checks(  # noqa: PLR0912 - one branch per check, in the sheet's order
    values: ProductsValues, rows: list[dict[str, Any]], volumes: dict[str, Any], inputs: dict[str, Any],
    buffer: Any, threshold: Decimal, lang: str,
) -> dict[str, str]:  # fmt: skip
    """Each check's text: "OK", the sentence with both numbers, or «Не заполнено» when no row is filled."""
    said, found = SENTENCES[lang], {}
    if all(_blank(value) for raw in rows for value in raw.values()) and _blank(buffer):
        return {check.check_name: TEXTS[lang].not_filled for check in ProductCheck}
    numbered = list(enumerate(values.rows, start=FIRST_ROW))
    bad = [number for number, row in numbered if row.bad]
    buffer_bad = not _blank(buffer) and not cell_valid(ColumnKind.COUNT, buffer)
    if bad or buffer_bad:
        found[ProductCheck.INPUTS] = said[ProductCheck.INPUTS].format(
            count=len(bad) + buffer_bad, row=bad[0] if bad else "—"
        )
    shares: list[tuple[str, Fraction]] = []
    uncovered: list[tuple[str, Any]] = []
    active = any(not _blank(raw.get("in_product_covers")) for raw in rows)
    for target in TARGETS:
        if target.section is Section.ARV:
            continue
        chosen = [(row, raw) for row, raw in zip(values.rows, rows, strict=True) if row.target is target]
        if chosen:
            total = sum((_share(raw) for row, raw in chosen if row.valid), Fraction(0))
            if total != 100:
                shares.append((target.label(lang), total))
        elif active and isinstance(volumes.get(target.result or ""), int) and volumes[target.result or ""] > 0:
            uncovered.append((target.label(lang), volumes[target.result or ""]))
    if shares:
        label, share = shares[0]
        found[ProductCheck.SHARES] = said[ProductCheck.SHARES].format(count=len(shares), label=label,
                                                                       share=_plain_number(share))  # fmt: skip
    no_units = [n for n, row in numbered if row.valid and row.target is not None and row.target.section is Section.ARV
                and _blank(rows[n - FIRST_ROW].get("in_product_units_per_kit"))]  # fmt: skip
    if no_units:
        found[ProductCheck.UNITS_PER_KIT] = said[ProductCheck.UNITS_PER_KIT].format(
            count=len(no_units), row=no_units[0]
        )
    expiring = [(n, _whole(raw.get("in_product_expiring")), _whole(raw.get("in_product_stock")))
                for (n, row), raw in zip(numbered, rows, strict=True) if row.valid
                and _whole(raw.get("in_product_expiring")) > _whole(raw.get("in_product_stock"))]  # fmt: skip
    if expiring:
        number, expires, stock = expiring[0]
        found[ProductCheck.EXPIRING] = said[ProductCheck.EXPIRING].format(count=len(expiring), row=number,
                                                                           expiring=expires, stock=stock)  # fmt: skip
    kits = []
    for name in KIT_INPUTS:
        targets = kit_targets(name)
        kit_rows = [raw for row, raw in zip(values.rows, rows, strict=True) if row.valid and row.target in targets]
        if kit_rows:
            by_rows, typed = sum(_whole(raw.get("in_product_kits_requested")) for raw in kit_rows), inputs.get(name)
            typed_number = typed if isinstance(typed, int) and not isinstance(typed, bool) else 0
            if by_rows != typed_number:
                kits.append((INPUT_BY_NAME[name].label(lang), by_rows, typed_number))
    if kits:
        label, by_rows, typed_number = kits[0]
        found[ProductCheck.KITS] = said[ProductCheck.KITS].format(count=len(kits), label=label, rows=by_rows,
                                                                   typed=typed_number)  # fmt: skip
    if uncovered:
        label, volume = uncovered[0]
        found[ProductCheck.UNCOVERED] = said[ProductCheck.UNCOVERED].format(count=len(uncovered), label=label,
                                                                             volume=volume)  # fmt: skip
    deviating = [(n, row, raw) for (n, row), raw in zip(numbered, rows, strict=True)
                 if isinstance(row.deviation, Decimal) and abs(row.deviation) > threshold]  # fmt: skip
    if deviating:
        number, row, raw = deviating[0]
        assert isinstance(row.deviation, Decimal)
        found[ProductCheck.DEVIATION] = said[ProductCheck.DEVIATION].format(
            threshold=_plain_number(Fraction(threshold) * 100), count=len(deviating), row=number, need=row.need,
            last=_whole(raw.get("in_product_last_year")), percent=_plain_number(Fraction(row.deviation) * 100),
        )  # fmt: skip
    return {check.check_name: found.get(check, OK) for check in ProductCheck}


def _share(raw: dict[str, Any]) -> Fraction:
    share = raw.get("in_product_share")
    return Fraction(100) if _blank(share) else exact(share, "x")


def _plain_number(number: Fraction) -> str:
    """A number as the sentence shows it: rounded half away from zero to a whole (the workbook's ROUND(x; 0)).

    >>> _plain_number(Fraction(333, 10)), _plain_number(Fraction(-83, 10)), _plain_number(Fraction(5, 2))
    ('33', '-8', '3')
    """
    sign = -1 if number < 0 else 1
    return str(sign * int(abs(number) + Fraction(1, 2)))
