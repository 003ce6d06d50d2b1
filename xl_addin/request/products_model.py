"""What the products sheet must show for given rows, computed by the core: every ``out_product_*``, total and check.

The workbook's formulas (``products_sheet.py``) follow the same steps; the tests
recalculate filled workbooks with LibreOffice and compare with this model.  A row is
*active* when «Что покрывает» is filled, *valid* when, besides, every cell is of its
column's kind (:class:`~xl_addin.request.products_layout.ColumnKind`); an invalid
active row shows #N/A in its results, never a number.

The drug rows also give the letter its kit totals and the kits left over (decision P3):
:func:`kit_totals_from_products`, which ``model.evaluate(inputs, products=rows)`` reads.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from xl_addin.core import products
from xl_addin.core.numbers import MAX_COUNT, MAX_PRICE, count, exact, plain_whole, positive_count, price, round_up
from xl_addin.errors import InputError
from xl_addin.request.layout import INPUT_BY_NAME
from xl_addin.request.products_layout import (
    ABACAVIR,
    GIVEN_INPUTS,
    INPUT_COLUMNS,
    LEFT_INPUT,
    PRODUCT_ROWS,
    REORDER_MONTHS,
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
from xl_addin.request.shown import OK, TEXTS, ErrorValue

#: The sheet row of the table's first product (the header is the row above).
FIRST_ROW = 21
NA = ErrorValue("#N/A")

SENTENCES = {
    "ru": {
        ProductCheck.INPUTS: "Строк с ошибками: {count} (первая: строка {row})",
        ProductCheck.SHARES: "Доли не дают 100 %: объёмов {count} (первый: «{label}», {share} %)",
        ProductCheck.UNITS_PER_KIT: "Препаратов без единиц на комплект: {count} (первый: строка {row})",
        ProductCheck.EXPIRING: "Истекает больше остатка в строках: {count} (строка {row}: {expiring} > {stock})",
        ProductCheck.KITS: (
            "Не совпадают итоги комплектов: {count} ({label}: по строкам препаратов {rows}, на листе «Ввод» {typed})"
        ),
        ProductCheck.ABACAVIR: (
            "Абакавир отнесён к компоненту 3 (Прил. 2 §3: «за исключением абакавира»): строк {count} "
            "(первая: строка {row})"
        ),
        ProductCheck.UNCOVERED: "Объёмов без товара: {count} (первый: «{label}», {volume})",
        ProductCheck.DEVIATION: (
            "Отклонение больше {threshold} % в строках: {count} (строка {row}: заявлено {need}, "
            "расход прошлого года {last}, {percent} %)"
        ),
        ProductCheck.STOCK_LEVEL: (
            "Запас выше максимума ({maximum} мес.) на упаковку и более или без потребности: строк {count} (строка "
            "{row}: годный остаток и в пути {stock} ед., потребность {need} в год)"
        ),
    },
    "en": {
        ProductCheck.INPUTS: "Rows with errors: {count} (first: row {row})",
        ProductCheck.SHARES: "Shares do not sum to 100 %: volumes {count} (first: «{label}», {share} %)",
        ProductCheck.UNITS_PER_KIT: "Drugs without units per kit: {count} (first: row {row})",
        ProductCheck.EXPIRING: "Expiring above stock in rows: {count} (row {row}: {expiring} > {stock})",
        ProductCheck.KITS: "Kit totals differ: {count} ({label}: by the drug rows {rows}, on the inputs sheet {typed})",
        ProductCheck.ABACAVIR: "Abacavir counted in component 3 (Appendix 2 §3 excludes it): rows {count} (first: row {row})",
        ProductCheck.UNCOVERED: "Volumes without a product: {count} (first: «{label}», {volume})",
        ProductCheck.DEVIATION: (
            "Deviation above {threshold} % in rows: {count} (row {row}: requested {need}, "
            "last year {last}, {percent} %)"
        ),
        ProductCheck.STOCK_LEVEL: (
            "Stock above the maximum ({maximum} months) by a pack or more, or without need: rows {count} (row {row}: "
            "usable stock and pipeline {stock} units, need {need} a year)"
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


def _all_blank(rows: Sequence[Mapping[str, Any]]) -> bool:
    """Whether no cell of the rows is filled."""
    return all(_blank(value) for raw in rows for value in raw.values())


@functools.cache
def _choices(lang: str) -> tuple[dict[str, Target], frozenset[str]]:
    """The targets by their text and the funding sources' texts, case-folded: Excel's VLOOKUP and MATCH ignore case."""
    targets = {target.label(lang).casefold(): target for target in TARGETS}
    return targets, frozenset(label.casefold() for label in funding_labels(lang))


#: The whole numbers each kind of number column takes (share: 1 … 100 for a whole percent; the bounds of counts and
#: prices: docs/interpretation.md, R4).
_WHOLE_RANGES = {
    ColumnKind.COUNT: (0, MAX_COUNT),
    ColumnKind.MONEY: (0, MAX_PRICE),
    ColumnKind.POSITIVE: (1, MAX_COUNT),
    ColumnKind.SHARE: (1, 100),
}


def cell_valid(kind: ColumnKind, value: Any, labels: frozenset[str] = frozenset()) -> bool:
    """Whether a filled cell is of its column's kind (a blank is judged by the row, not here); ``labels``, the
    choices of a drop-down, case-folded."""
    whole_range = _WHOLE_RANGES.get(kind)
    whole = plain_whole(value) if whole_range is not None else None
    if whole is not None and whole_range is not None:  # the usual cell, a whole number as Excel shows it: no fractions
        return whole_range[0] <= whole <= whole_range[1]
    try:
        if kind is ColumnKind.COUNT:
            count(value, "x")
        elif kind is ColumnKind.POSITIVE:
            positive_count(value, "x")
        elif kind is ColumnKind.MONEY:
            price(value, "x")
        elif kind is ColumnKind.SHARE:
            return 0 < exact(value, "x") <= 100
        elif kind is ColumnKind.CHOICE:  # Excel's MATCH ignores case
            return isinstance(value, str) and value.casefold() in labels
    except InputError:
        return False
    return True


def _whole(value: Any) -> int:
    return 0 if _blank(value) else count(value, "x")


def _classify(raw: Mapping[str, Any], lang: str) -> tuple[Target | None, bool, bool]:
    """A row's target (None: «Что покрывает» blank or not in the list), whether it is valid, whether it is bad
    (filled, but not valid)."""
    # the values with their types: 1, 1.0, True and Decimal(1) are equal keys, but not equally valid cells
    cells = tuple(map(raw.get, _INPUT_NAMES))
    key = (cells, tuple(map(type, cells)))
    try:
        return _classify_cells(key, lang)
    except TypeError:  # a cell value that cannot be a key (not from a workbook): judged without the cache
        return _classify_cells.__wrapped__(key, lang)


@functools.lru_cache(maxsize=4096)
def _classify_cells(key: tuple[tuple[Any, ...], tuple[type, ...]], lang: str) -> tuple[Target | None, bool, bool]:
    """:func:`_classify` of a row's input cells (their values and their types, in INPUT_COLUMNS order): a pure
    function of them, so a row that the kit totals, the model and the sheet's checks each ask about is judged once."""
    targets, funding = _choices(lang)
    cells = key[0]
    raw = dict(zip(_INPUT_NAMES, cells, strict=True))
    covers = raw["in_product_covers"]
    target = targets.get(covers.casefold()) if isinstance(covers, str) else None
    if _blank(covers):
        return target, False, any(not _blank(value) for value in cells)
    valid = target is not None and not _blank(raw["in_product_units_per_pack"])
    for kind, value in zip(_JUDGED, cells, strict=True):
        if not valid:
            break
        if kind is not None and not _blank(value):
            valid = cell_valid(kind, value, funding)
    return target, valid, not valid


_INPUT_NAMES = tuple(column.name for column in INPUT_COLUMNS)
#: Each input column's kind as :func:`_classify_cells` judges it (None: not judged cell by cell — a text, or «Что
#: покрывает», judged by the target).
_JUDGED = tuple(
    None if column.kind is ColumnKind.TEXT or column.name == "in_product_covers" else column.kind
    for column in INPUT_COLUMNS
)


def _row(raw: dict[str, Any], volumes: dict[str, Any], buffer: Any, lang: str) -> RowValues:
    target, valid, bad = _classify(raw, lang)
    row = RowValues(target=target, valid=valid, bad=bad)
    if _blank(raw.get("in_product_covers")):
        return row
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
    if row.need:  # of the usable stock: what expires before use lasts no month (decision P4)
        row.months_of_stock = products.months_of_stock(max(0, stock - _whole(raw.get("in_product_expiring"))), row.need)
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


def drug_row_kits(raw: Mapping[str, Any]) -> tuple[int, int] | None:
    """A valid drug row's whole kits on the shelf and kits to buy (decision P3), or None when its units per kit are
    blank or 0 (no kit can be counted in units).

    On the shelf: ⌊max(0, stock − expiring) / units per kit⌋; to buy: max(0, annual kits − on the shelf).

    >>> drug_row_kits({"in_product_units_per_kit": 730, "in_product_kits_requested": 100, "in_product_stock": 7300})
    (10, 90)
    >>> drug_row_kits({"in_product_units_per_kit": 730, "in_product_kits_requested": 5, "in_product_stock": 8029,
    ...                "in_product_expiring": 0})  # 8029 / 730 = 10,99… → 10 whole kits, more than the 5 needed
    (10, 0)
    >>> drug_row_kits({"in_product_kits_requested": 5}) is None
    True
    """
    units = _whole(raw.get("in_product_units_per_kit"))
    if units == 0:
        return None
    shelf = max(0, _whole(raw.get("in_product_stock")) - _whole(raw.get("in_product_expiring"))) // units
    return shelf, max(0, _whole(raw.get("in_product_kits_requested")) - shelf)


#: A total whose drug rows cannot all be counted in kits (the workbook shows #N/A there).
NO_UNITS_PER_KIT = ErrorValue("#N/A: в строке препарата не указано единиц на годовой комплект (или 0)")


_KITS = "in_product_kits_requested"


def kit_totals_from_products(rows: Sequence[Mapping[str, Any]], lang: str = "ru") -> dict[str, int | ErrorValue]:
    """The «Ввод» values the drug rows give (decision P3), by input name; an input no valid row adds up to is absent.

    ``rows``: the products table's rows (column name ``in_product_*`` → cell value, as
    :func:`evaluate_products` takes them; «Что покрывает» in the workbook's ``lang``).  For each of
    ``in_kits_pi`` … ``in_kits_reserve``: Σ kits to buy over its valid drug rows whose annual kits are filled
    (:func:`~xl_addin.request.products_layout.kit_targets`); for ``in_reserve_kits_left``: Σ whole kits on the
    shelf over those valid component-1 rows (PI and NNRTI, both lines).  :data:`NO_UNITS_PER_KIT` when one of
    those rows has no units per kit (blank or 0).  ``model.evaluate(inputs, products=rows)`` reads these in
    place of the typed values; the workbook computes the same numbers.

    >>> pi = {"in_product_covers": "АРВ: компонент 1 — ИП, первый ряд", "in_product_units_per_pack": 120,
    ...       "in_product_units_per_kit": 730, "in_product_kits_requested": 100, "in_product_stock": 7300}
    >>> kit_totals_from_products([pi])
    {'in_kits_pi': 90, 'in_kits_first_line': 90, 'in_reserve_kits_left': 10}
    >>> kit_totals_from_products([{**pi, "in_product_kits_requested": None}])  # a list's row, not yet filled
    {}
    """
    totals: dict[str, int | ErrorValue] = {}
    if _all_blank(rows):  # most workbooks of a consolidation: nothing to add up
        return totals
    drugs = []  # each valid drug row's target and (kits on the shelf, kits to buy)
    for raw in rows:
        target, valid, _ = _classify(raw, lang)
        # a drug row counts once the region typed its annual kits: a product list's untouched rows give nothing
        if valid and target is not None and target.section is Section.ARV and not _blank(raw.get(_KITS)):
            drugs.append((target, drug_row_kits(raw)))
    for name in GIVEN_INPUTS:
        targets = kit_targets(name)
        kits = [pair for target, pair in drugs if target in targets]
        if not kits:
            continue
        counted = [pair for pair in kits if pair is not None]
        part = 0 if name == LEFT_INPUT else 1
        totals[name] = NO_UNITS_PER_KIT if len(counted) < len(kits) else sum(pair[part] for pair in counted)
    return totals


def _typed_whole(value: Any) -> int | None:
    """A typed «Ввод» value as a whole number ≥ 0; None for a blank or a bad value (chk_inputs' business)."""
    try:
        return count(value, "x")
    except InputError:
        return None


def _has_abacavir(name: Any) -> bool:
    """Whether a product's name holds «абакавир» or «abacavir», ignoring case (Excel's SEARCH)."""
    return isinstance(name, str) and any(word in name.casefold() for word in ABACAVIR)


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
    results ``volumes`` (``out_*`` → value, as :func:`xl_addin.request.model.evaluate` gives them) and its
    ``inputs`` (for the kit totals)."""
    if len(rows) > PRODUCT_ROWS:
        raise ValueError(f"строк товаров {len(rows)}, а в таблице {PRODUCT_ROWS}")
    if _all_blank(rows) and _blank(buffer):  # a blank table: every row shows nothing, every total 0, «Не заполнено»
        return ProductsValues(
            [RowValues() for _ in rows],
            {name: Decimal("0.00") for name, _, _ in TOTALS},
            {check.check_name: TEXTS[lang].not_filled for check in ProductCheck},
        )
    values = ProductsValues([_row(raw, volumes, buffer, lang) for raw in rows])
    costed = [  # the rows with a cost: (cost, section, funding source case-folded as SUMIFS compares it)
        (row.cost, row.target.section if row.target is not None else None,
         str(raw.get("in_product_funding") or "").casefold())
        for row, raw in zip(values.rows, rows, strict=True) if row.cost is not None
    ]  # fmt: skip
    for name, _, _ in TOTALS:
        section, source = SECTION_OF_TOTAL.get(name), funding_label(name, lang)
        wanted = source.casefold() if source is not None else None
        chosen = [
            cost for cost, row_section, funding in costed
            if (section is None or row_section is section) and (wanted is None or funding == wanted)
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
    """Each check's text: "OK" or the sentence with both numbers (a blank table, «Не заполнено», is
    :func:`evaluate_products`' own)."""
    said, found = SENTENCES[lang], {}
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
                and _whole(rows[n - FIRST_ROW].get("in_product_units_per_kit")) == 0]  # fmt: skip
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
    kits = []  # a total the rows give that a typed value disagrees with (a blank or bad typed value: no)
    for name, by_rows in kit_totals_from_products(rows, lang).items():
        typed = _typed_whole(inputs.get(name))
        if isinstance(by_rows, int) and typed is not None and by_rows != typed:
            kits.append((INPUT_BY_NAME[name].label(lang), by_rows, typed))
    if kits:
        label, by_rows, typed = kits[0]
        found[ProductCheck.KITS] = said[ProductCheck.KITS].format(count=len(kits), label=label, rows=by_rows,
                                                                   typed=typed)  # fmt: skip
    component3 = kit_targets("in_kits_component3")
    abacavir = [n for (n, row), raw in zip(numbered, rows, strict=True)
                if row.target in component3 and _has_abacavir(raw.get("in_product_name"))]  # fmt: skip
    if abacavir:
        found[ProductCheck.ABACAVIR] = said[ProductCheck.ABACAVIR].format(count=len(abacavir), row=abacavir[0])
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
    if (stock_level := _stock_level(values, rows, buffer, said[ProductCheck.STOCK_LEVEL])) is not None:
        found[ProductCheck.STOCK_LEVEL] = stock_level
    return {check.check_name: found.get(check, OK) for check in ProductCheck}


def _stock_level(values: ProductsValues, rows: list[dict[str, Any]], buffer: Any, sentence: str) -> str | None:
    """The over-stock warning's sentence (rows whose order is computed, so the buffer is right), None when none is
    above its maximum."""
    stocked = [(number, position, row.need) for number, (row, raw) in enumerate(zip(values.rows, rows, strict=True),
                                                                                  start=FIRST_ROW)
               if isinstance(row.packs, int) and isinstance(row.need, int)
               and _above_maximum(position := stock_position(raw), row.need, _whole(buffer),
                                  _whole(raw.get("in_product_units_per_pack")))]  # fmt: skip
    if not stocked:
        return None
    number, position, need = stocked[0]
    return sentence.format(maximum=_whole(buffer) + REORDER_MONTHS, count=len(stocked), row=number, stock=position,
                           need=need)  # fmt: skip


def stock_position(raw: Mapping[str, Any]) -> int:
    """A valid row's usable stock and pipeline: max(0, stock − expiring) + pipeline (what the order subtracts).

    >>> stock_position({"in_product_stock": 100, "in_product_expiring": 130, "in_product_pipeline": 5})
    5
    """
    usable = max(0, _whole(raw.get("in_product_stock")) - _whole(raw.get("in_product_expiring")))
    return usable + _whole(raw.get("in_product_pipeline"))


def _above_maximum(position: int, need: int, buffer: int, pack: int) -> bool:
    """Over-stock: the stock position is above the maximum stock (buffer + 12 months of need) by at least one pack of
    ``pack`` units, compared in twelfths, as the plan's months (``supply_plan.month_status``: less than a pack over is
    no stock a region could have done without, nor give away); with no need, any stock lies without need (MSH's and
    QAT's maximum; decision P4).  7 300 a year, buffer 3: the maximum 9 125, a pack of 60 over it 9 185.

    >>> _above_maximum(9185, 7300, 3, 60), _above_maximum(9184, 7300, 3, 60), _above_maximum(1, 0, 3, 60)
    (True, False, True)
    >>> _above_maximum(0, 0, 3, 60)
    False
    """
    if need == 0:
        return position > 0
    return position * 12 >= (buffer + REORDER_MONTHS) * need + 12 * pack


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
