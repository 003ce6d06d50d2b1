"""The supply plan of one received workbook (issue 22): recomputed from its inputs, judged, reduced for the nation.

The inputs come from the one streaming reader (:mod:`~xl_addin.consolidation.plan_reading`): the
three tables on «Поставки», the settings, ``xl_addin_year`` and the buffer; the workbook's cached
results and its calculation sheet are never read.  The plan is recomputed by the model of the
sheets (:func:`~xl_addin.request.plan_model.evaluate_plan`, equal to the workbook's formulas), from
the products sheet's rows as :mod:`~xl_addin.consolidation.products` evaluated them.  Found:

- every bad cell of the plan's inputs — an error row with its cell and value (a code not on
  «Товары», a month that is not a date, units that are not a whole number 0…10⁹, a status not in
  the list, a setting out of its range); then every other failed error check of the plan
  (``chk_plan_lots``, ``chk_plan_transit``, ``chk_plan_dates``) — an error row with the sheet's
  sentence.  A plan with an error row stays out of the national plan (design note §3.6);
- per (region, product), a warning row for a stockout, for a write-off at expiry and for a
  write-off the order did not subtract (first month, units, roubles); information is not written
  (docs/interpretation.md, S1);
- the computed products' lines of the request year (the core's ``region_lines``), which the core's national
  sums add up by (code, units per pack) (:mod:`~xl_addin.consolidation.national_plan`).

Whatever the cells hold, this returns rows; it never raises for a cell's value.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from xl_addin.consolidation.plan_reading import PLAN_INPUTS, plan_inputs
from xl_addin.consolidation.products import FileProducts, rows_of
from xl_addin.consolidation.reading import Location, Problem, WorkbookReading
from xl_addin.consolidation.reasons import CHECK_FAILED
from xl_addin.core import products as order
from xl_addin.core.numbers import MAX_COUNT, plain_whole
from xl_addin.core.severity import Severity
from xl_addin.core.supply_national import RegionLine, region_lines
from xl_addin.core.supply_plan import check_start, check_year
from xl_addin.errors import InputError, describe_value
from xl_addin.request import contract
from xl_addin.request.plan_layout import PLAN_FIRST_ROW, RESULT_BY_NAME, SETTINGS, TABLES
from xl_addin.request.plan_model import (
    LEAD_RANGE,
    REORDER_RANGE,
    PlanValues,
    as_date,
    code_key,
    evaluate_plan,
    plan_errors,
    region_plans,
)
from xl_addin.request.plan_texts import PlanCheck, ShipStatus, month_text

#: Why a region's plan is not in the national plan (besides its products being out of the products table).
LEFT_OUT_ERRORS = "ошибки плана поставок"
#: The settings that choose only what the sheet shows — the product of the 24-month table and chart (C6), the months
#: before the first low month that «Заказать до» counts back (C5) — and no product's numbers: a wrong one is an error
#: row, and the region's plan still enters the national plan (its surplus and shortages are the same either way).
SHOWN_ONLY = frozenset({"in_plan_product", "in_plan_lead_months"})
MSG_NO_CODE = "в строке таблицы нет кода товара"
MSG_UNKNOWN_CODE = "кода нет среди строк «Товары», для которых посчитан заказ (строка не считается)"
MSG_TWICE = "код стоит на листе «Товары» не в одной строке: строка таблицы не знает, к какой относится"
MSG_UNSAFE = "код содержит * ? ~ или начинается с < > =: формулы листа прочли бы его как шаблон"
MSG_UNITS = f"нужно целое число единиц от 0 до {MAX_COUNT:,}".replace(",", " ")
MSG_DATE = "нужна дата (месяц), а это не дата"
MSG_EXPIRY = "«Годен до» — дата (пусто — без срока), а это не дата"
MSG_STATUS = "статус — выбор из списка: {choices}"
MSG_WHOLE = "нужно целое число от {low} до {high}"
MSG_PRODUCT = "код товара из строк «Товары», для которых посчитан заказ (пусто — первый товар)"


@dataclass
class FilePlan:
    """What one workbook's plan gave: its products' lines for the national plan, its problem rows, why it stays out.

    ``products``: the computed products' lines as the core's national sums take them (``region_lines``: the months
    of the request year in whole numbers, two rows of one code and pack size one line), the region's name blank
    (the parent knows it).
    """

    products: list[RegionLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Why the plan must not enter the national plan; "" when it may.
    left_out: str = ""


@functools.cache
def _contract_cell(name: str) -> str:
    """The cell the template puts a one-cell name at (the same in both languages: only the sheets' titles differ)."""
    return next(iter(contract.places()[name]))[1]


def _where(reading: WorkbookReading, name: str, index: int = 0) -> Location:
    cells = reading.locations.get(name)
    return cells[index] if cells is not None and index < len(cells) else Location("", "")


def _shown(value: Any) -> str:
    """A cell as problems.csv quotes it: a text as typed, a date as ДД.ММ.ГГГГ, a number as Excel shows it.

    >>> _shown(1e308), _shown(dt.datetime(2005, 1, 1)), _shown("май 2007"), _shown(None)
    ('1E+308', '01.01.2005', 'май 2007', 'пусто')
    """
    if value is None or value == "":
        return "пусто"
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return describe_value(value)


def evaluate_plan_file(reading: WorkbookReading, products: FileProducts | None) -> FilePlan | None:
    """The plan of one workbook (None: the workbook has no plan, or no products sheet).  The problem rows carry no
    file name (the caller's)."""
    cells = reading.products
    if cells is None or not cells.plan or products is None or products.evaluated is None:
        return None
    found = FilePlan()
    if any(problem.name in PLAN_INPUTS for problem in cells.problems):  # a plan name moved: its row is there already
        found.left_out = LEFT_OUT_ERRORS
    inputs = plan_inputs(cells.values)
    rows = rows_of(reading) or []
    try:
        values = evaluate_plan(rows, products.evaluated, inputs, lang=reading.lang)
    except InputError as error:  # the request year, written by generate: a workbook changed by hand
        where = _where(reading, "xl_addin_year")
        found.problems.append(Problem("", where.sheet, where.cell, "xl_addin_year", _shown(inputs["xl_addin_year"]),
                                      f"{error}; план поставок не посчитан"))  # fmt: skip
        found.left_out = LEFT_OUT_ERRORS
        return found
    year = check_year(inputs["xl_addin_year"])
    codes = _codes(rows, products)
    found.problems += _input_problems(reading, inputs, codes, year)
    errors = plan_errors(values)
    if PlanCheck.INPUTS.check_name in errors and not found.problems:  # never silent: the sheet's own sentence
        found.problems.append(_check_problem(reading, PlanCheck.INPUTS, values))
    found.problems += [_check_problem(reading, check, values) for check in (PlanCheck.LOTS, PlanCheck.TRANSIT,
                                                                            PlanCheck.DATES)
                       if check.check_name in errors]  # fmt: skip
    if errors and not _only_shown(errors, rows, products, inputs, reading.lang):
        found.left_out = LEFT_OUT_ERRORS
    found.problems += _warnings(reading, rows, values, inputs, products, year)
    found.products = region_lines([replace(plan, minimum=values.minimum) for plan in region_plans("", rows, values)],
                                  year)  # fmt: skip
    return found


def _only_shown(
    errors: list[str], rows: list[dict[str, Any]], products: FileProducts, inputs: dict[str, Any], lang: str
) -> bool:
    """Whether the plan's only failed error check is its inputs' and the settings :data:`SHOWN_ONLY` alone make it
    fail: the model asked again with them blank finds no error."""
    if errors != [PlanCheck.INPUTS.check_name] or all(inputs.get(name) in (None, "") for name in SHOWN_ONLY):
        return False
    assert products.evaluated is not None  # the caller's: no plan without the products' rows
    blank = evaluate_plan(rows, products.evaluated, inputs | dict.fromkeys(SHOWN_ONLY), lang=lang)
    return not plan_errors(blank)


def _codes(rows: list[dict[str, Any]], products: FileProducts) -> dict[Any, int]:
    """Code → how many rows of «Товары» whose order is computed carry it (the model's rule)."""
    found: dict[Any, int] = {}
    assert products.evaluated is not None
    for raw, shown in zip(rows, products.evaluated.rows, strict=True):
        key = code_key(raw.get("in_product_code"))
        computable = raw.get("in_product_covers") not in (None, "") and isinstance(shown.need, int) and isinstance(
            shown.packs, int)  # fmt: skip
        if key is not None and computable:
            found[key] = found.get(key, 0) + 1
    return found


def _code_problem(value: Any, codes: dict[Any, int]) -> str | None:
    key = code_key(value)
    if key is None:
        return MSG_NO_CODE
    if isinstance(value, str) and (any(c in value for c in "*?~") or value.startswith(("<", ">", "="))):
        return MSG_UNSAFE
    if codes.get(key, 0) == 0:
        return MSG_UNKNOWN_CODE
    return MSG_TWICE if codes[key] > 1 else None


def _whole(value: Any, low: int, high: int) -> bool:
    whole = plain_whole(value)
    return whole is not None and low <= whole <= high


def _cell_problem(name: str, value: Any, codes: dict[Any, int], lang: str) -> str | None:
    """What is wrong with one cell of a filled table line (None: nothing), as the model judges the line."""
    if name.endswith("_code"):
        return _code_problem(value, codes)
    if name.endswith("_units"):
        return None if _whole(value, 0, MAX_COUNT) else MSG_UNITS
    if name.endswith("_month"):
        return None if as_date(value) is not None else MSG_DATE
    if name.endswith("_expiry"):
        return None if value is None or value == "" or as_date(value) is not None else MSG_EXPIRY
    if ShipStatus.from_text(value, lang) is None:  # in_ship_status
        return MSG_STATUS.format(choices=", ".join(f"«{status.label(lang)}»" for status in ShipStatus))
    return None


def _input_problems(
    reading: WorkbookReading, inputs: dict[str, Any], codes: dict[Any, int], year: int
) -> list[Problem]:
    """An error row for every bad setting, then every bad cell of a filled line, table by table."""
    found = []
    for setting in SETTINGS:
        value = inputs[setting.name]
        filled = value is not None and value != "" and setting.name in reading.locations
        problem = _setting_problem(setting.name, value, codes, year) if filled else None
        if problem is not None:
            where = _where(reading, setting.name)
            found.append(Problem("", where.sheet, where.cell, setting.name, _shown(value),
                                 str(InputError(setting.name, value, problem))))  # fmt: skip
    for columns in TABLES.values():
        lists = [inputs[column.name] for column in columns]
        for index in range(max(map(len, lists))):
            line = [cells[index] if index < len(cells) else None for cells in lists]
            if all(value is None or value == "" for value in line):
                continue
            for column, value in zip(columns, line, strict=True):
                if column.name not in reading.locations:  # a name moved: its one row says so, its cells read blank
                    continue
                problem = _cell_problem(column.name, value, codes, reading.lang)
                if problem is not None:
                    where = _where(reading, column.name, index)
                    found.append(Problem("", where.sheet, where.cell, column.name, _shown(value),
                                         str(InputError(column.name, value, problem))))  # fmt: skip
    return found


def _setting_problem(name: str, value: Any, codes: dict[Any, int], year: int) -> str | None:
    if name == "in_plan_start":
        try:
            check_start(as_date(value) or value, year)
        except InputError as error:
            return error.problem
        return None
    if name == "in_plan_order_month":
        return None if as_date(value) is not None else MSG_DATE
    if name in ("in_plan_reorder_months", "in_plan_lead_months"):
        low, high = REORDER_RANGE if name == "in_plan_reorder_months" else LEAD_RANGE
        return None if _whole(value, low, high) else MSG_WHOLE.format(low=low, high=high)
    problem = _code_problem(value, codes)  # in_plan_product
    return None if problem is None else MSG_PRODUCT


def _check_problem(reading: WorkbookReading, check: PlanCheck, values: PlanValues) -> Problem:
    """The row of a failed check of the plan: on its cell of «План поставок», with the sheet's sentence."""
    sheet = _where(reading, "in_plan_start").sheet
    return Problem("", sheet, _contract_cell(check.check_name), check.check_name, values.checks[check.check_name],
                   f"{CHECK_FAILED[check.severity]}: {check.title('ru')}", check.severity)  # fmt: skip


def _n(value: Any) -> int:
    """A valid count cell as Excel's N(): a blank is 0."""
    return plain_whole(value) or 0


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def _warnings(reading: WorkbookReading, rows: list[dict[str, Any]], values: PlanValues, inputs: dict[str, Any],
              products: FileProducts, year: int) -> list[Problem]:  # fmt: skip
    """One warning row per product for a stockout, a write-off at expiry and a write-off the order did not subtract,
    on the product's result cell of «План поставок»."""
    sheet, found = _where(reading, "in_plan_start").sheet, []
    lot_codes = {code_key(code) for code in inputs["in_lot_code"]} - {None}
    assert products.evaluated is not None
    for index, (raw, row, shown) in enumerate(zip(rows, values.rows, products.evaluated.rows, strict=True)):
        s = row.summary
        if s is None:
            continue
        said: list[tuple[str, PlanCheck, str]] = []  # (result column, check, what)
        if s.stockout_months and s.first_stockout is not None:
            said.append(("out_plan_first_stockout", PlanCheck.STOCKOUT,
                         f"нехватка с {month_text(s.first_stockout)}: месяцев {s.stockout_months}, не хватит "
                         f"{s.unmet} ед. до конца {year} г."))  # fmt: skip
        if s.expired_horizon and s.first_expiry is not None:
            cost = "" if s.expired_cost is None else f" на {_money(s.expired_cost)} руб."
            said.append(("out_plan_expired", PlanCheck.EXPIRY, f"списание по сроку годности: {s.expired_horizon} "
                         f"ед.{cost}, первое в {month_text(s.first_expiry)}"))  # fmt: skip
        expiring = plain_whole(raw.get("in_product_expiring")) or 0
        if code_key(raw.get("in_product_code")) in lot_codes and s.expired > expiring:
            needed = order.packs_to_order(shown.need, _n(raw.get("in_product_stock")),
                                          _n(raw.get("in_product_pipeline")), raw["in_product_units_per_pack"],
                                          values.minimum, s.expired)  # fmt: skip
            said.append(("out_plan_expired", PlanCheck.EXPIRY_NOT_ORDERED,
                         f"заказ не учёл списание: «Из него истекает» {expiring}, по плану до декабря {s.expired} "
                         f"ед.; упаковок нужно {needed}, а не {shown.packs}"))  # fmt: skip
        code = _code(raw.get("in_product_code"))
        found += [Problem("", sheet, f"{RESULT_BY_NAME[name].letter}{PLAN_FIRST_ROW + index}", check.check_name,
                          code, f"товар «{code}»: {text}", Severity.WARNING) for name, check, text in said]  # fmt: skip
    return found


def _code(value: Any) -> str:
    """A code as a sentence shows it (a whole number without ``.0``).

    >>> _code(12345.0), _code("A06")
    ('12345', 'A06')
    """
    whole = plain_whole(value)
    return str(whole) if whole is not None else _shown(value)
