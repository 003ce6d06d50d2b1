"""The products sheet («Товары»), described once: its columns, what a row may cover, its totals and checks.

Not from the letter: the letter gives needs (tests, annual kits); the sheet turns them
into an order of products in packs, less stock and pipeline, with a price (the core's
:mod:`xl_addin.core.products`).  The workbook writer (``products_sheet.py``), the
Python model of the sheet (``products_model.py``) and the tests read this table.
Decisions (docs/interpretation.md, P2): a diagnostic row needs ⌈volume × share / 100⌉
tests (a blank share is 100 %), a drug row kits × units per kit; blank stock, expiring,
pipeline and buffer are 0.  P3: the drug rows give the letter's kit totals and the kits left
over (:data:`GIVEN_INPUTS`, read by the letter through :data:`USED_NAMES`).
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass

from xl_addin.catalog import PARTS
from xl_addin.request.layout import DIAGNOSTICS, RESULTS

#: Rows of the products table (an Excel Table: a user filters and sorts it).
PRODUCT_ROWS = 60
#: The default threshold of the deviation from last year's consumption (a warning beyond it): not from the letter.
DEVIATION_THRESHOLD = "0.25"
#: The months between deliveries the stock-level warning assumes: the maximum stock is the buffer and a year of need
#: (one delivery a year, as the order; the supply plan's maximum with its default reorder interval, decision P4).
REORDER_MONTHS = 12


class ColumnKind(enum.Enum):
    """What a column of the table holds."""

    TEXT = "текст"
    CHOICE = "выбор из списка"
    SHARE = "процент, больше 0 и не больше 100 (пусто — 100)"
    COUNT = "целое число ≥ 0"
    POSITIVE = "целое число > 0"
    MONEY = "сумма в рублях ≥ 0"


@dataclass(frozen=True)
class Column:
    """One column of the products table: its name (a workbook-scoped name of the column's cells) and header."""

    name: str
    ru: str
    en: str
    kind: ColumnKind
    width: int = 10

    def header(self, lang: str) -> str:
        """The header in ``lang``."""
        return self.ru if lang == "ru" else self.en


#: The code's column is as wide as the checks' severity word printed beside them («предупреждение», 11 pt); the name
#: and what a row covers gave it the width, so that the printed pages keep their scale.
INPUT_COLUMNS: tuple[Column, ...] = (
    Column("in_product_code", "Код", "Code", ColumnKind.TEXT, 15),
    Column("in_product_name", "Наименование (МНН / тест, форма, дозировка)", "Name (INN / test, form, dose)", ColumnKind.TEXT, 31),
    Column("in_product_covers", "Что покрывает", "Covers", ColumnKind.CHOICE, 27),
    Column("in_product_share", "Доля объёма, %", "Share of the volume, %", ColumnKind.SHARE, 8),
    Column("in_product_units_per_pack", "Единиц в упаковке", "Units per pack", ColumnKind.POSITIVE, 9),
    Column("in_product_units_per_kit", "Единиц на годовой комплект", "Units per annual kit", ColumnKind.COUNT, 10),
    Column("in_product_kits_requested", "Годовых комплектов", "Annual kits", ColumnKind.COUNT, 9),
    Column("in_product_price", "Цена упаковки, руб.", "Price per pack, RUB", ColumnKind.MONEY, 11),
    Column("in_product_stock", "Остаток, единиц", "Stock on hand, units", ColumnKind.COUNT, 10),
    Column("in_product_expiring", "Из него истекает до использования", "Of it expiring before use", ColumnKind.COUNT, 10),
    Column("in_product_pipeline", "В пути (заказано, не получено)", "Pipeline (ordered, not received)", ColumnKind.COUNT, 10),
    Column("in_product_last_year", "Расход прошлого года, единиц", "Last year's consumption, units", ColumnKind.COUNT, 10),
    Column("in_product_funding", "Источник финансирования", "Funding source", ColumnKind.CHOICE, 16),
)  # fmt: skip
RESULT_COLUMNS: tuple[Column, ...] = (
    Column("out_product_need", "Потребность, единиц", "Need, units", ColumnKind.COUNT, 10),
    Column("out_product_packs", "Упаковок к закупке", "Packs to order", ColumnKind.COUNT, 9),
    Column("out_product_cost", "Стоимость, руб.", "Cost, RUB", ColumnKind.MONEY, 12),
    Column(
        "out_product_months_of_stock",
        "Годный остаток, месяцев потребности",
        "Usable stock, months of need",
        ColumnKind.MONEY,
        9,
    ),
    Column(
        "out_product_deviation", "Отклонение от расхода прошлого года", "Deviation from last year", ColumnKind.MONEY, 10
    ),
)
COLUMNS = (*INPUT_COLUMNS, *RESULT_COLUMNS)
#: The number format of months of stock wherever a workbook shows them (MONTHS_OF_STOCK rounds down to 0.1): the
#: usable stock on «Товары», the selected product's months and the matrix on «План поставок» — 10.0, not 10.
MONTHS_FORMAT = "0.0"
COLUMN_BY_NAME = {column.name: column for column in COLUMNS}

#: The funding sources of the drop-down (the Russian texts are what the consolidation adds up by).
FUNDING: tuple[tuple[str, str, str], ...] = (
    ("out_cost_federal", "федеральный бюджет", "federal budget"),
    ("out_cost_regional", "региональный бюджет", "regional budget"),
    ("out_cost_other", "другое", "other"),
)


def funding_labels(lang: str) -> tuple[str, ...]:
    """The drop-down's texts of the funding sources in ``lang``.

    >>> funding_labels("en")
    ('federal budget', 'regional budget', 'other')
    """
    return tuple(ru if lang == "ru" else en for _, ru, en in FUNDING)


def funding_label(total: str, lang: str) -> str | None:
    """The funding source a total adds up (``out_cost_federal`` → «федеральный бюджет»), None for another total.

    >>> funding_label("out_cost_regional", "ru"), funding_label("out_cost_arv", "ru")
    ('региональный бюджет', None)
    """
    return next((ru if lang == "ru" else en for name, ru, en in FUNDING if name == total), None)


class Section(enum.Enum):
    """What part of the request a row's cost counts in."""

    HIV = "hiv"
    HEPATITIS = "hepatitis"
    ARV = "arv"


@dataclass(frozen=True, eq=False)
class Target:
    """One choice of «Что покрывает»: a diagnostic volume (a result ``out_*``) or a drug component and line.

    Each choice is one object of :data:`TARGETS`: compared by identity (a row's target found in a component's
    targets is a pointer comparison, not a comparison of every field).
    """

    ru: str
    en: str
    section: Section
    #: The result whose volume a diagnostic row covers; None for a drug.
    result: str | None = None
    #: The input of the component's annual kits (``in_kits_pi`` …) and of the line's, for a drug.
    component_kits: str | None = None
    line_kits: str | None = None

    def label(self, lang: str) -> str:
        """The text of the choice in ``lang``."""
        return self.ru if lang == "ru" else self.en


def _diagnostic_targets() -> tuple[Target, ...]:
    hepatitis = {function.name for title, part in PARTS if "епатит" in title for function in part}
    return tuple(
        Target(result.ru, result.en, Section.HEPATITIS if result.function in hepatitis else Section.HIV, result.name)
        for result in RESULTS
        if result.sheet == DIAGNOSTICS
    )


_COMPONENTS = (
    ("компонент 1 — ИП", "component 1 — PI", "in_kits_pi"),
    ("компонент 1 — ННИОТ", "component 1 — NNRTI", "in_kits_nnrti"),
    ("компонент 2 — НИОТ, производные тимидина", "component 2 — thymidine NRTI", "in_kits_component2"),
    ("компонент 3 — НИОТ, не производные тимидина", "component 3 — non-thymidine NRTI", "in_kits_component3"),
    ("другое", "other", None),
)
_LINES = (("первый ряд", "first line", "in_kits_first_line"), ("резерв", "reserve", "in_kits_reserve"))
TARGETS: tuple[Target, ...] = (
    *_diagnostic_targets(),
    *(
        Target(f"АРВ: {component}, {line}", f"ARV: {component_en}, {line_en}", Section.ARV, None, kits, line_kits)
        for component, component_en, kits in _COMPONENTS
        for line, line_en, line_kits in _LINES
    ),
)

#: The totals of the order (roubles): the whole, by section, by funding source.
TOTALS: tuple[tuple[str, str, str], ...] = (
    ("out_cost_total", "Стоимость заявки, всего, руб.", "Cost of the order, total, RUB"),
    ("out_cost_hiv_diagnostics", "из неё диагностика ВИЧ", "of it HIV diagnostics"),
    ("out_cost_hepatitis_diagnostics", "диагностика гепатитов", "hepatitis diagnostics"),
    ("out_cost_arv", "АРВ-препараты", "ARV drugs"),
    *((name, f"за счёт: {ru}", f"funded by: {en}") for name, ru, en in FUNDING),
)
SECTION_OF_TOTAL = {
    "out_cost_hiv_diagnostics": Section.HIV,
    "out_cost_hepatitis_diagnostics": Section.HEPATITIS,
    "out_cost_arv": Section.ARV,
}
#: The drug kit totals the letter's Appendix 2 checks read, and the targets that add up to each.
KIT_INPUTS = ("in_kits_pi", "in_kits_nnrti", "in_kits_component2", "in_kits_component3", "in_kits_first_line",
              "in_kits_reserve")  # fmt: skip


#: The kits left over from last year's request (§2: «количество препаратов, оставшихся от заявки предыдущего года
#: (резерв)»): given by the stock of the component-1 rows (PI and NNRTI, both lines; decision P3).
LEFT_INPUT = "in_reserve_kits_left"
#: Every «Ввод» value the drug rows give when they are filled (P3): the six kit totals, then the kits left over.
GIVEN_INPUTS = (*KIT_INPUTS, LEFT_INPUT)
#: §3: «Компонент 3 - нуклеозидные ингибиторы обратной транскриптазы не производные тимидина (за исключением
#: абакавира)»: a component-3 row whose name holds one of these (case-insensitive) is an error.
ABACAVIR = ("абакавир", "abacavir")


@functools.cache  # asked for each drug row of each workbook of a consolidation
def kit_targets(kits_input: str) -> tuple[Target, ...]:
    """The drug targets whose rows add up to ``kits_input`` (a component's both lines, or a line's every component);
    for the kits left over (:data:`LEFT_INPUT`), component 1's four targets.

    >>> [t.ru for t in kit_targets("in_kits_pi")]
    ['АРВ: компонент 1 — ИП, первый ряд', 'АРВ: компонент 1 — ИП, резерв']
    >>> len(kit_targets(LEFT_INPUT))
    4
    """
    if kits_input == LEFT_INPUT:
        return (*kit_targets("in_kits_pi"), *kit_targets("in_kits_nnrti"))
    return tuple(t for t in TARGETS if kits_input in (t.component_kits, t.line_kits))


def used_name(given_input: str) -> str:
    """The name of the value the letter's results and checks read in place of a «Ввод» value the drug rows may give
    (P3): the rows' number when a valid row adds up to it, else the typed value.

    >>> used_name("in_kits_pi"), used_name(LEFT_INPUT)
    ('out_used_kits_pi', 'out_used_reserve_kits_left')
    """
    return "out_used_" + given_input.removeprefix("in_")


#: The used values' names (``out_used_kits_pi`` … ``out_used_reserve_kits_left``), in :data:`GIVEN_INPUTS` order.
USED_NAMES = tuple(used_name(name) for name in GIVEN_INPUTS)
#: The workbook's name of the cells counting, for each of :data:`GIVEN_INPUTS`, the valid drug rows that give it
#: (0 in a workbook without the products sheet): a «Ввод» value they give may be left blank.
KIT_ROWS_NAME = "xl_addin_kit_rows"


class ProductCheck(enum.Enum):
    """The products sheet's checks: (name, severity word key, Russian title, English title)."""

    INPUTS = ("chk_product_inputs", "error", "Строки товаров заполнены верно", "Product rows filled in correctly")
    SHARES = ("chk_product_shares", "error", "Доли товаров, покрывающих один объём, в сумме 100 %", "Shares of products covering one volume sum to 100 %")  # fmt: skip
    UNITS_PER_KIT = ("chk_product_units_per_kit", "error", "У каждого препарата указано единиц на годовой комплект", "Every drug row gives its units per annual kit")  # fmt: skip
    EXPIRING = ("chk_product_expiring", "error", "Истекающего не больше остатка", "Expiring stock ≤ stock on hand")
    KITS = ("chk_product_kits", "error", "Итоги комплектов на листе «Ввод» пусты или равны итогам по препаратам (P3)", "Kit totals on the inputs sheet blank or equal to those by drug")  # fmt: skip
    ABACAVIR = ("chk_product_abacavir", "error", "Абакавира нет в компоненте 3 (Прил. 2 §3)", "No abacavir in component 3 (Appendix 2 §3)")  # fmt: skip
    UNCOVERED = ("chk_product_uncovered", "warning", "Для каждого объёма диагностики есть товар", "Every diagnostic volume has a product")  # fmt: skip
    DEVIATION = ("chk_product_deviation", "warning", "Заявка близка к расходу прошлого года", "The request is close to last year's consumption")  # fmt: skip
    STOCK_LEVEL = ("chk_product_stock_level", "warning", "Запас не выше максимума и не лежит без потребности", "Stock not above the maximum and not without need")  # fmt: skip

    @property
    def check_name(self) -> str:
        """The workbook-scoped name of the check's cell."""
        return self.value[0]
