"""The products sheet («Товары», issue 10) of one received workbook: recomputed, checked, reduced to order lines.

The cells come from :attr:`WorkbookReading.products <xl_addin.consolidation.reading.WorkbookReading.products>`
(their inputs only: the workbook's cached results are never read).  Every row is
recomputed by the Python model of the sheet (:func:`~xl_addin.request.products_model.evaluate_products`,
equal to the workbook's formulas) with the region's volumes recomputed by the core.  Found:

- every bad product cell — a problem row (error) with its cell: text in a number column,
  a negative, a fraction of a unit, a share outside 0–100, a choice not in the list, a
  row filled without «Что покрывает», a row without units per pack or without a code
  (the national table adds products up by code);
- every product check that is not "OK" but ``chk_product_inputs`` (its rows are the cell
  rows above) — a problem row of the check's severity; like the letter's checks, it leaves
  the region in the consolidation (docs/interpretation.md, N1);
- the order lines (code, name, units per pack, packs, cost, section, funding source) of
  the valid rows, which the national consolidation adds up (``national_products``), and,
  when they must not be added up, why (``left_out``): a bad cell, a row whose packs are not
  computed.  A workbook's lines go in whole or not at all, as its own totals show #N/A
  when one of its rows does.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from xl_addin.consolidation.reading import PRODUCT_INPUTS, THRESHOLD, Location, Problem, WorkbookReading
from xl_addin.consolidation.reasons import CHECK_FAILED
from xl_addin.core.numbers import count, exact, non_negative, positive_count, price
from xl_addin.core.severity import Severity
from xl_addin.errors import InputError
from xl_addin.request.model import OK, TEXTS
from xl_addin.request.products_layout import (
    DEVIATION_THRESHOLD,
    FUNDING,
    INPUT_COLUMNS,
    PRODUCT_ROWS,
    TARGETS,
    ColumnKind,
    ProductCheck,
)
from xl_addin.request.products_model import (
    FIRST_ROW,
    ErrorValue,
    ProductsValues,
    RowValues,
    evaluate_products,
    kit_totals_from_products,
)

MSG_NOT_COVERING = "строка товара заполнена, а «Что покрывает» не выбрано — строка не считается"
MSG_NOT_A_TARGET = "нет в списке «Что покрывает» (выберите из списка)"
MSG_NO_PACK = "не указано, сколько единиц в упаковке: нужно целое число больше 0"
MSG_NO_CODE = "нет кода товара, а сводка товаров складывает строки по коду"
MSG_SHARE = "доля объёма — процент больше 0 и не больше 100 (пусто — 100 %)"
MSG_THRESHOLD = "порог отклонения — число ≥ 0 (доля: 0,25 = 25 %); проверка отклонения от расхода не выполнена"
#: Why a workbook's lines stay out of the national table (besides the region being out of the totals).
LEFT_OUT_CELLS = "ошибки в ячейках листа товаров (problems.csv)"
LEFT_OUT_PACKS = "упаковки не вычислены в строках {rows} (problems.csv)"


@dataclass(frozen=True)
class ProductLine:
    """One valid row of a region's order: what the national table adds up by (code, units per pack)."""

    code: str
    name: str
    units_per_pack: int
    packs: int
    #: Roubles to kopecks; None when the row gives no price.
    cost: Decimal | None
    #: ``Section.value``: "hiv", "hepatitis" or "arv".
    section: str
    #: The funding source's total (``out_cost_federal`` …), "" when none is chosen.
    funding: str


@dataclass
class FileProducts:
    """What one workbook's products sheet gave: its order lines, its problem rows, the failed checks."""

    lines: tuple[ProductLine, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    #: Failed product checks: name → the sheet's sentence (in the workbook's language).
    checks: dict[str, str] = field(default_factory=dict)
    #: Why the lines must not enter the national table; "" when they may.
    left_out: str = ""
    #: The rows as the model evaluated them, for the supply plan (:mod:`~xl_addin.consolidation.plan_file`); the
    #: worker drops them before the report goes to the parent.
    evaluated: ProductsValues | None = field(default=None, repr=False, compare=False)


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _text(value: Any) -> str:
    """A code or a name as text: a number typed as a code (12345) reads as "12345"."""
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@functools.cache
def _funding_keys(lang: str) -> dict[str, str]:
    """The drop-down's texts (case-folded, as Excel's MATCH compares them) → the funding source's total."""
    return {(ru if lang == "ru" else en).casefold(): total for total, ru, en in FUNDING}


@functools.cache
def _targets(lang: str) -> frozenset[str]:
    return frozenset(target.label(lang).casefold() for target in TARGETS)


def _cell_problem(name: str, kind: ColumnKind, value: Any, lang: str) -> str | None:
    """What is wrong with a filled cell of a number or choice column (None: nothing), as the core says it."""
    try:
        if kind is ColumnKind.COUNT:
            count(value, name)
        elif kind is ColumnKind.POSITIVE:
            positive_count(value, name)
        elif kind is ColumnKind.MONEY:
            price(value, name)
        elif kind is ColumnKind.SHARE and not 0 < exact(value, name) <= 100:
            raise InputError(name, value, MSG_SHARE)
        elif kind is ColumnKind.CHOICE and name == "in_product_covers":
            if not isinstance(value, str) or value.casefold() not in _targets(lang):
                raise InputError(name, value, MSG_NOT_A_TARGET)
        elif kind is ColumnKind.CHOICE and (not isinstance(value, str) or value.casefold() not in _funding_keys(lang)):
            labels = ", ".join(ru if lang == "ru" else en for _, ru, en in FUNDING)
            raise InputError(name, value, f"нет в списке источников финансирования ({labels})")
    except InputError as error:
        return str(error)
    return None


def _row_problems(raw: dict[str, Any], where: dict[str, Location], lang: str) -> list[Problem]:
    """Every bad cell of one row (nothing for an empty row); the same cells the model finds the row invalid by."""
    if all(_blank(value) for value in raw.values()):
        return []
    found: list[Problem] = []

    def add(name: str, message: str) -> None:
        value = raw.get(name)
        shown = "пусто" if value is None else str(value)
        found.append(Problem("", where[name].sheet, where[name].cell, name, shown, message))

    if _blank(raw.get("in_product_covers")):
        add("in_product_covers", str(InputError("in_product_covers", None, MSG_NOT_COVERING)))
    elif _blank(raw.get("in_product_units_per_pack")):
        add("in_product_units_per_pack", str(InputError("in_product_units_per_pack", None, MSG_NO_PACK)))
    for column in INPUT_COLUMNS:
        value = raw.get(column.name)
        if column.kind is not ColumnKind.TEXT and not _blank(value):
            problem = _cell_problem(column.name, column.kind, value, lang)
            if problem is not None:
                add(column.name, problem)
    code = raw.get("in_product_code")
    if not _text(code) and not _blank(raw.get("in_product_covers")):
        add("in_product_code", str(InputError("in_product_code", code, MSG_NO_CODE)))
    return found


def _threshold(value: Any) -> Decimal | None:
    """The deviation threshold as the sheet compares with it: a blank is 0 (Excel's blank); None when not a number ≥ 0."""
    if _blank(value):
        return Decimal(0)
    try:
        number = non_negative(value, THRESHOLD)
    except InputError:
        return None
    return Decimal(number.numerator) / Decimal(number.denominator)


def rows_of(reading: WorkbookReading) -> list[dict[str, Any]] | None:
    """The products table's rows as read (column name → cell value), None without a products sheet."""
    cells = reading.products
    if cells is None:
        return None
    return [
        {column.name: cells.values[column.name][index] for column in INPUT_COLUMNS} for index in range(PRODUCT_ROWS)
    ]


def take_kits_from_rows(reading: WorkbookReading) -> list[dict[str, Any]] | None:
    """The rows for ``model.evaluate(…, products=rows)`` (decision P3), and a blank «Ввод» kit total that the drug
    rows give is no longer a missing input: its problem row is dropped from ``reading.problems``, as the workbook's
    own ``chk_inputs`` does not count it."""
    rows = rows_of(reading)
    if rows is None:
        return None
    given = kit_totals_from_products(rows, reading.lang)
    reading.problems = [
        problem
        for problem in reading.problems
        if not (problem.name in given and reading.inputs.get(problem.name) is None)
    ]
    return rows


def evaluate_file(reading: WorkbookReading, values: dict[str, Any]) -> FileProducts | None:
    """The products of one workbook, recomputed from its cells (None: the workbook has no products sheet).

    ``values``: the core's results of the workbook (``model.evaluate``; a result that is not a number
    leaves the rows covering it without a need).  The problem rows carry no file name (the caller's).
    """
    cells = reading.products
    if cells is None:
        return None
    lang, found = reading.lang, FileProducts(problems=list(cells.problems))
    rows = rows_of(reading) or []
    buffer, threshold_cell = cells.values["in_buffer_months"][0], cells.values[THRESHOLD][0]
    threshold = _threshold(threshold_cell)
    evaluated = evaluate_products(rows, values, reading.inputs, buffer=buffer,
                                  threshold=threshold if threshold is not None else Decimal(DEVIATION_THRESHOLD),
                                  lang=lang)  # fmt: skip
    found.evaluated = evaluated
    found.problems += _cell_problems(reading, rows, evaluated.rows, buffer)
    if threshold is None:  # a setting that only the deviation's warning reads: a warning too
        message = str(InputError(THRESHOLD, threshold_cell, MSG_THRESHOLD))
        found.problems.append(_named_problem(reading, THRESHOLD, threshold_cell, message, Severity.WARNING))
    if any(problem.name in PRODUCT_INPUTS for problem in found.problems):  # a name moved or a bad cell
        found.left_out = LEFT_OUT_CELLS
    found.checks = _failed_checks(evaluated.checks, lang, deviation=threshold is not None)
    found.problems += [_check_problem(reading, check, found.checks[check.check_name])
                       for check in ProductCheck if check.check_name in found.checks]  # fmt: skip
    lines, not_computed = [], []
    for index, (raw, row) in enumerate(zip(rows, evaluated.rows, strict=True)):
        if row.target is not None and row.valid:
            line = _line(raw, row, lang)
            if line is None:
                not_computed.append(str(FIRST_ROW + index))
            else:
                lines.append(line)
    if not_computed and not found.left_out:
        found.left_out = LEFT_OUT_PACKS.format(rows=", ".join(not_computed))
    found.lines = tuple(lines)
    return found


def _cell_problems(
    reading: WorkbookReading, rows: list[dict[str, Any]], evaluated: list[RowValues], buffer: Any
) -> list[Problem]:
    """Every bad cell of the rows, then the buffer's.  Only the rows the sheet finds bad are gone through cell by
    cell (a valid row has no bad cell; it may only lack its code): the same rows, at a fraction of the work."""
    found, nothing = [], Location("", "")
    for index, (raw, row) in enumerate(zip(rows, evaluated, strict=True)):
        if row.bad or (row.valid and not _text(raw.get("in_product_code"))):
            where = {column.name: _at(reading, column.name, index) or nothing for column in INPUT_COLUMNS}
            found += _row_problems(raw, where, reading.lang)
    if not _blank(buffer):
        problem = _cell_problem("in_buffer_months", ColumnKind.COUNT, buffer, reading.lang)
        if problem is not None:
            found.append(_named_problem(reading, "in_buffer_months", buffer, problem))
    return found


def _check_problem(reading: WorkbookReading, check: ProductCheck, text: str) -> Problem:
    """The row of a failed product check, as the letter's checks' rows (its cell on the products sheet)."""
    severity = Severity.ERROR if str(check.value[1]) == "error" else Severity.WARNING
    where = _at(reading, check.check_name, 0) or Location("", "")
    return Problem("", where.sheet, where.cell, check.check_name, text, f"{CHECK_FAILED[severity]}: {check.value[2]}",
                   severity)  # fmt: skip


def _failed_checks(checks: dict[str, str], lang: str, *, deviation: bool) -> dict[str, str]:
    """The checks to report: not "OK", not «Не заполнено»; ``chk_product_inputs`` is reported cell by cell."""
    skipped = {ProductCheck.INPUTS.check_name, *(() if deviation else (ProductCheck.DEVIATION.check_name,))}
    return {
        name: text for name, text in checks.items() if name not in skipped and text not in (OK, TEXTS[lang].not_filled)
    }


def _line(raw: dict[str, Any], row: RowValues, lang: str) -> ProductLine | None:
    """The order line of a valid row; None when its packs are not computed (#N/A in the workbook)."""
    if not isinstance(row.packs, int) or isinstance(row.cost, ErrorValue) or row.target is None:
        return None
    funding = raw.get("in_product_funding")
    return ProductLine(
        _text(raw.get("in_product_code")), _text(raw.get("in_product_name")),
        count(raw["in_product_units_per_pack"], "in_product_units_per_pack"), row.packs, row.cost,
        row.target.section.value, _funding_keys(lang).get(funding.casefold(), "") if isinstance(funding, str) else "",
    )  # fmt: skip


def _at(reading: WorkbookReading, name: str, index: int) -> Location | None:
    cells = reading.locations.get(name)
    return cells[index] if cells is not None and index < len(cells) else None


def _named_problem(
    reading: WorkbookReading, name: str, value: Any, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    where = _at(reading, name, 0) or Location("", "")
    return Problem("", where.sheet, where.cell, name, "пусто" if value is None else str(value), message, severity)
