"""The supply plan's sheets described once: the input tables, the settings, the per-product results and their cells.

Not from the letter: the monthly supply plan of issue 22 (the design note's §3.2–§3.4,
docs/interpretation.md, P4).  Three sheets carry it in every workbook with the products sheet:

- «Поставки» (:data:`DELIVERIES`): three input tables of :data:`TABLE_ROWS` lines side by side —
  deliveries (``in_ship_*``), lots on hand (``in_lot_*``), monthly demand overrides (``in_use_*``);
- «План поставок» (:data:`PLAN`): the settings (``in_plan_*``, C2:C6), the checks (``chk_plan_*``),
  the selected product's 24 months, and per product row — row :data:`PLAN_FIRST_ROW` + i is
  «Товары» row ``FIRST_ROW`` + i — its 24 months of stock (the colour matrix) and its results
  (``out_plan_*``);
- «План (расчёт)» (:data:`PLAN_CALC`): the month-by-month calculation, hidden and protected (``refresh``
  never reads it).

The request year is ``xl_addin_year`` on «Титул» (:data:`YEAR_CELL`).  The writer
(``workbook/plan_sheet.py``), the model (``request/plan_model.py``) and the tests read this table.

>>> [column.name for column in TABLES["lot"]]
['in_lot_code', 'in_lot_units', 'in_lot_expiry']
>>> SETTING_BY_NAME["in_plan_product"].cell, RESULT_BY_NAME["out_plan_closing"].letter
('$C$6', 'AH')
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

#: The sheets' keys in ``workbook.texts.SHEETS``.
DELIVERIES, PLAN, PLAN_CALC = "deliveries", "plan", "plan_calc"
#: The request year, written by ``generate --year`` on the title sheet (protected).
YEAR_NAME, YEAR_CELL = "xl_addin_year", "$B$12"
#: The plan's length in months, from the month of the stock count (``in_plan_start``).
MONTHS = 24
#: Lines of each input table (Excel Tables on «Поставки»), from row TABLE_FIRST_ROW; the header is the row above.
TABLE_ROWS, TABLE_FIRST_ROW = 120, 5
TABLE_LAST_ROW = TABLE_FIRST_ROW + TABLE_ROWS - 1


class Kind(enum.Enum):
    """What a cell of the plan's inputs holds (the validation and the check ``chk_plan_inputs`` follow it)."""

    CODE = "код товара с листа «Товары»"
    MONTH = "дата (любой день месяца)"
    DATE = "дата (пусто — без срока)"
    COUNT = "целое число ≥ 0"
    STATUS = "выбор из списка"
    WHOLE = "целое число"
    PRODUCT = "код товара (пусто — первый товар)"


@dataclass(frozen=True)
class TableColumn:
    """One column of an input table: its name (a workbook-scoped name of its TABLE_ROWS cells), letter and header."""

    name: str
    letter: str
    ru: str
    en: str
    kind: Kind
    width: int = 11

    def header(self, lang: str) -> str:
        """The header in ``lang``."""
        return self.ru if lang == "ru" else self.en

    @property
    def cells(self) -> str:
        """The column's cells on «Поставки», absolute (``$A$5:$A$124``)."""
        return f"${self.letter}${TABLE_FIRST_ROW}:${self.letter}${TABLE_LAST_ROW}"


TABLES: dict[str, tuple[TableColumn, ...]] = {
    "ship": (
        TableColumn("in_ship_code", "A", "Код", "Code", Kind.CODE, 9),
        TableColumn("in_ship_month", "B", "Месяц поступления", "Month of arrival", Kind.MONTH, 14),
        TableColumn("in_ship_units", "C", "Единиц", "Units", Kind.COUNT),
        TableColumn("in_ship_status", "D", "Статус", "Status", Kind.STATUS),
        TableColumn("in_ship_expiry", "E", "Годен до", "Expiry", Kind.DATE),
    ),
    "lot": (
        TableColumn("in_lot_code", "G", "Код", "Code", Kind.CODE, 9),
        TableColumn("in_lot_units", "H", "Единиц", "Units", Kind.COUNT),
        TableColumn("in_lot_expiry", "I", "Годен до", "Expiry", Kind.DATE),
    ),
    "use": (
        TableColumn("in_use_code", "K", "Код", "Code", Kind.CODE, 9),
        TableColumn("in_use_month", "L", "Месяц", "Month", Kind.MONTH),
        TableColumn("in_use_units", "M", "Расход, единиц", "Demand, units", Kind.COUNT),
    ),
}
TABLE_COLUMNS = tuple(column for columns in TABLES.values() for column in columns)
COLUMN_BY_NAME = {column.name: column for column in TABLE_COLUMNS}
#: The Excel Tables' names (a user filters and sorts them) and their headings above the header row.
TABLE_NAMES = {"ship": "xl_addin_plan_ship", "lot": "xl_addin_plan_lots", "use": "xl_addin_plan_use"}
TABLE_HEADINGS = {
    "ship": ("Поставки (приход по месяцам)", "Deliveries (arrivals by month)"),
    "lot": ("Партии на складе (сумма = «Остаток»)", "Lots on hand (sum = stock)"),
    "use": ("Расход по месяцам (заменяет расчётный)", "Monthly demand (replaces the default)"),
}


@dataclass(frozen=True)
class Setting:
    """One setting of the plan: its name, its cell on «План поставок» (column C) and what a blank means."""

    name: str
    row: int
    ru: str
    en: str
    kind: Kind

    @property
    def cell(self) -> str:
        """The setting's cell, absolute."""
        return f"$C${self.row}"


SETTINGS: tuple[Setting, ...] = (
    Setting("in_plan_start", 2, "Месяц подсчёта остатка (пусто — январь года заявки)",
            "Month of the stock count (blank: January of the request year)", Kind.MONTH),
    Setting("in_plan_reorder_months", 3, "Месяцев между поставками (пусто — 12)",
            "Months between deliveries (blank: 12)", Kind.WHOLE),
    Setting("in_plan_order_month", 4, "Месяц прихода заказа без строк «заявка» (пусто — январь года заявки)",
            "Arrival month of the order without «request» lines (blank: January of the request year)", Kind.MONTH),
    Setting("in_plan_lead_months", 5, "Месяцев от заказа до прихода (пусто — не считать)",
            "Months from order to arrival (blank: not counted)", Kind.WHOLE),
    Setting("in_plan_product", 6, "Товар таблицы и графика (код; пусто — первый товар)",
            "Product of the table and chart (code; blank: the first product)", Kind.PRODUCT),
)  # fmt: skip
SETTING_BY_NAME = {setting.name: setting for setting in SETTINGS}
#: Accepted whole numbers of the two month-count settings (a reorder interval of 0 months is no interval).
REORDER_RANGE, LEAD_RANGE = (1, 60), (0, 60)

#: The checks: the heading row, then one check a row (severity word in A, title in B, "OK" or a sentence in C).
CHECKS_HEADING_ROW = 8
#: The selected product's 24 months: a heading, then one row per line of MONTH_LINES, months in columns C…Z.
MONTHS_HEADING_ROW = 23
FIRST_MONTH_COLUMN = 3
MONTH_LETTERS = tuple(get_column_letter(FIRST_MONTH_COLUMN + t) for t in range(MONTHS))
MONTH_LINES: tuple[tuple[str, str, str], ...] = (
    ("month", "Месяц", "Month"),
    ("opening", "Остаток на начало", "Opening stock"),
    ("received", "Поступило", "Received"),
    ("expired", "Списано по сроку", "Written off at expiry"),
    ("demand", "Потребность", "Demand"),
    ("dispensed", "Выдано", "Dispensed"),
    ("unmet", "Не хватило", "Unmet"),
    ("closing", "Остаток на конец", "Closing stock"),
    ("mos", "Запас, месяцев", "Months of stock"),
    ("min", "Минимум, месяцев", "Minimum, months"),
    ("max", "Максимум, месяцев", "Maximum, months"),
    ("status", "Состояние", "Status"),
)
MONTH_ROW = {key: MONTHS_HEADING_ROW + 1 + offset for offset, (key, _, _) in enumerate(MONTH_LINES)}

#: The per-product rows: row PLAN_FIRST_ROW + i is «Товары» row FIRST_ROW + i (their header is the row above).
PLAN_FIRST_ROW = 61


@dataclass(frozen=True)
class ResultColumn:
    """One per-product result (``out_plan_*``): a column of the per-product rows, one cell per «Товары» row."""

    name: str
    letter: str
    ru: str
    en: str
    number_format: str = "#,##0"

    def header(self, lang: str) -> str:
        """The header in ``lang``."""
        return self.ru if lang == "ru" else self.en


#: After the code (A), the name (B) and the 24 months of stock (C…Z).
_FIRST_RESULT = FIRST_MONTH_COLUMN + MONTHS
RESULTS: tuple[ResultColumn, ...] = tuple(
    ResultColumn(name, get_column_letter(_FIRST_RESULT + offset), ru, en, number_format)
    for offset, (name, ru, en, number_format) in enumerate((
        ("out_plan_stockout_months", "Месяцев нехватки (до декабря)", "Stockout months (to December)", "0"),
        ("out_plan_first_stockout", "Первый месяц нехватки", "First stockout month", "MM.YYYY"),
        ("out_plan_unmet", "Не хватит, единиц", "Unmet, units", "#,##0"),
        ("out_plan_below_min_months", "Месяцев ниже минимума", "Months below the minimum", "0"),
        ("out_plan_above_max_months", "Месяцев выше максимума", "Months above the maximum", "0"),
        ("out_plan_expired", "Списано по сроку до декабря, единиц", "Written off at expiry to December, units",
         "#,##0"),
        # the whole plan's write-off (P4): its period said, so that nobody reads it as the request year's
        ("out_plan_expired_cost", "Стоимость списанного за 24 месяца плана, руб.",
         "Cost written off in the plan's 24 months, RUB", "#,##0.00"),
        ("out_plan_closing", "Остаток на 31 декабря, единиц", "Stock on 31 December, units", "#,##0"),
    ))
)  # fmt: skip
RESULT_BY_NAME = {column.name: column for column in RESULTS}
#: «Заказать до» beside the results (not a result of the contract): the first month below the minimum or short,
#: less ``in_plan_lead_months`` (blank while the lead time is blank) — P4.
ORDER_BY = ResultColumn("order_by", get_column_letter(_FIRST_RESULT + len(RESULTS)), "Заказать до", "Order by",
                        "MM.YYYY")  # fmt: skip
#: The hidden status codes of the colour matrix (0 stockout … 4 no need), after «Заказать до».
FIRST_STATUS_COLUMN = _FIRST_RESULT + len(RESULTS) + 1
STATUS_LETTERS = tuple(get_column_letter(FIRST_STATUS_COLUMN + t) for t in range(MONTHS))

#: Every name of the plan's inputs (tables and settings), in the order the model reads them.
INPUT_NAMES = (*(column.name for column in TABLE_COLUMNS), *(setting.name for setting in SETTINGS))
