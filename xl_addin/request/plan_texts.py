"""The supply plan's words, written once: its checks (name, severity, titles, sentences), statuses and labels.

The sheet «План поставок» (``workbook/plan_sheet.py``) and the Python model of it
(``request/plan_model.py``) both read this module, so that a check says the same thing
in the workbook and in ``refresh``.  A sentence is a **template with named fields**
(``{count}``, ``{code}`` …), in the style of the products sheet's sentences: the model
fills it with :meth:`PlanCheck.render`, the sheet turns the same template into an Excel
formula with ``products_formulas.excel_sentence`` (the pieces quoted, each field an Excel
expression).  Only whole numbers and short texts go into a field (docs/interpretation.md,
A6): a month is ``MM.ГГГГ`` (:func:`month_text`; the sheet builds it as
``IF(MONTH(d)<10,"0","")&MONTH(d)&"."&YEAR(d)``, never with TEXT, whose format codes are
localised), roubles and kopecks are two whole fields (:func:`money_fields`).

Severities and conditions: the design note's §3.5 and docs/interpretation.md, decision P4.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal
from string import Formatter

from xl_addin.core.severity import Severity

LANGUAGES = ("ru", "en")


@dataclass(frozen=True)
class CheckText:
    """A check's severity, titles and sentence templates (Russian and English)."""

    severity: Severity
    title_ru: str
    title_en: str
    sentence_ru: str
    sentence_en: str


class PlanCheck(enum.Enum):
    """The checks of the supply plan; the value is the workbook-scoped name of the check's cell.

    >>> PlanCheck.STOCKOUT.check_name, PlanCheck.STOCKOUT.severity.value
    ('chk_plan_stockout', 'предупреждение')
    >>> PlanCheck.LOTS.fields()
    ('count', 'code', 'lots', 'stock')
    """

    INPUTS = "chk_plan_inputs"
    LOTS = "chk_plan_lots"
    TRANSIT = "chk_plan_transit"
    DATES = "chk_plan_dates"
    STOCKOUT = "chk_plan_stockout"
    BELOW_MIN = "chk_plan_below_min"
    ABOVE_MAX = "chk_plan_above_max"
    EXPIRY = "chk_plan_expiry"
    EXPIRY_NOT_ORDERED = "chk_plan_expiry_not_ordered"
    ORDER_SCHEDULED = "chk_plan_order_scheduled"
    FEFO = "chk_plan_fefo"
    ASSUMPTIONS = "chk_plan_assumptions"
    AFTER_YEAR = "chk_plan_after_year"

    @property
    def check_name(self) -> str:
        """The workbook-scoped name of the check's cell (``chk_plan_*``)."""
        return self.value

    @property
    def text(self) -> CheckText:
        """The check's severity, titles and templates."""
        return CHECK_TEXTS[self]

    @property
    def severity(self) -> Severity:
        """Error, warning or information (docs/interpretation.md, S1)."""
        return self.text.severity

    def title(self, lang: str = "ru") -> str:
        """What the check asks for, in ``lang`` (the sheet's column B)."""
        _language(lang)
        return self.text.title_ru if lang == "ru" else self.text.title_en

    def template(self, lang: str = "ru") -> str:
        """The sentence shown when the check fails, with its named fields.

        >>> PlanCheck.DATES.template("en")
        'Delivery already expired on arrival or before the plan starts: lines {count} (first — «Deliveries», row {row})'
        """
        _language(lang)
        return self.text.sentence_ru if lang == "ru" else self.text.sentence_en

    def fields(self) -> tuple[str, ...]:
        """The names of the template's fields, in order (the same in both languages)."""
        return tuple(field for _, field, _, _ in Formatter().parse(self.template("ru")) if field is not None)

    def render(self, lang: str = "ru", **values: int | str) -> str:
        """The sentence with its values (every field must be given, and no other).

        >>> PlanCheck.LOTS.render("ru", count=1, code="D03", lots=5000, stock=6000)
        'Партии не равны остатку: товаров 1 (первый — D03, по партиям 5000, остаток 6000)'
        """
        if set(values) != set(self.fields()):
            raise ValueError(f"{self.check_name}: поля {sorted(values)}, а нужны {sorted(self.fields())}")
        return self.template(lang).format(**values)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - the three severities, as the note's table

#: Every check's texts, in the order of the sheet (errors, warnings, information).
CHECK_TEXTS: dict[PlanCheck, CheckText] = {
    PlanCheck.INPUTS: CheckText(
        E,
        "Поставки, партии, расход по месяцам и настройки плана заполнены верно",
        "Deliveries, lots, monthly demand and plan settings filled in correctly",
        "Ошибок ввода: {count} (первая — {table}, строка {row})",
        "Input errors: {count} (first — {table}, row {row})",
    ),
    PlanCheck.LOTS: CheckText(
        E,
        "Партии в сумме равны остатку на «Товары»",
        "Lots add up to the stock on the products sheet",
        "Партии не равны остатку: товаров {count} (первый — {code}, по партиям {lots}, остаток {stock})",
        "Lots differ from the stock: products {count} (first — {code}, by lots {lots}, stock {stock})",
    ),
    PlanCheck.TRANSIT: CheckText(
        E,
        "Строки «в пути» в сумме равны «В пути» на «Товары»",
        "«In transit» lines add up to the pipeline on the products sheet",
        "В пути по строкам ≠ «В пути» на «Товары»: товаров {count} (первый — {code}, по строкам {lines}, "
        "на «Товары» {pipeline})",
        "In transit by lines ≠ pipeline on the products sheet: products {count} (first — {code}, by lines {lines}, "
        "on the products sheet {pipeline})",
    ),
    PlanCheck.DATES: CheckText(
        E,
        "Поставки приходят в срок годности и не раньше начала плана",
        "Deliveries arrive unexpired and not before the plan starts",
        "Поставка уже просрочена или раньше начала плана: строк {count} (первая — «Поставки», строка {row})",
        "Delivery already expired on arrival or before the plan starts: lines {count} (first — «Deliveries», "
        "row {row})",
    ),
    PlanCheck.STOCKOUT: CheckText(
        W,
        "Запаса хватает до конца года заявки",
        "Stock lasts to the end of the request year",
        "Нехватка до конца года заявки: товаров {count} (первый — {code}, с {month}, месяцев {months}, "
        "не хватит {unmet} ед.)",
        "Stockout before the end of the request year: products {count} (first — {code}, from {month}, "
        "months {months}, {unmet} units short)",
    ),
    PlanCheck.BELOW_MIN: CheckText(
        W,
        "Запас не ниже минимума",
        "Stock not below the minimum",
        "Запас ниже минимума ({minimum} мес.): товаров {count} (первый — {code}, месяцев {months}, с {month})",
        "Stock below the minimum ({minimum} months): products {count} (first — {code}, months {months}, from {month})",
    ),
    PlanCheck.ABOVE_MAX: CheckText(
        W,
        "Запас не выше максимума (излишек меньше упаковки не в счёт)",
        "Stock not above the maximum (an excess below one pack does not count)",
        "Запас выше максимума ({maximum} мес.) на упаковку и более или без потребности: товаров {count} (первый — {code}, "
        "месяцев {months}, с {month})",
        "Stock above the maximum ({maximum} months) by a pack or more, or without need: products {count} (first — {code}, "
        "months {months}, from {month})",
    ),
    PlanCheck.EXPIRY: CheckText(
        W,
        "Ничего не списывается по сроку годности",
        "Nothing is written off at expiry",
        "Списание по сроку годности: товаров {count} (первый — {code}, {units} ед.{cost}, в {month})",
        "Write-off at expiry: products {count} (first — {code}, {units} units{cost}, in {month})",
    ),
    PlanCheck.EXPIRY_NOT_ORDERED: CheckText(
        W,
        "Заказ учёл списание по сроку годности",
        "The order allows for the write-off at expiry",
        "Заказ не учёл списание: товаров {count} (первый — {code}, «Из него истекает» {expiring}, по плану "
        "{planned}; упаковок нужно {needed}, а не {packs})",
        "The order ignores the write-off: products {count} (first — {code}, «Of it expiring» {expiring}, by the "
        "plan {planned}; packs needed {needed}, not {packs})",
    ),
    PlanCheck.ORDER_SCHEDULED: CheckText(
        W,
        "Поставки по заявке равны заказу",
        "Deliveries of the request equal the order",
        "Поставки по заявке ≠ заказу: товаров {count} (первый — {code}, по строкам {lines} ед., заказ {ordered} ед.)",
        "Deliveries of the request ≠ the order: products {count} (first — {code}, by lines {lines} units, order "
        "{ordered} units)",
    ),
    PlanCheck.FEFO: CheckText(
        W,
        "Порядок списания (FEFO): поставки не короче сроком, чем партии на складе",
        "Write-off order (FEFO): deliveries not shorter-dated than the lots on hand",
        "Списание по FEFO приблизительно, поставка истекает раньше партии на складе: строк {count} "
        "(первая — «Поставки», строка {row})",
        "FEFO write-off approximate, a delivery expires before a lot on hand: lines {count} (first — «Deliveries», "
        "row {row})",
    ),
    PlanCheck.ASSUMPTIONS: CheckText(
        I,
        "Допущения плана (что не датировано)",
        "Assumptions of the plan (what is not dated)",
        "Допущения плана: {parts}",
        "Assumptions of the plan: {parts}",
    ),
    PlanCheck.AFTER_YEAR: CheckText(
        I,
        "Запаса хватает и после года заявки (до конца плана)",
        "Stock lasts after the request year too (to the end of the plan)",
        "Следующая заявка нужна до {month}: с этого месяца не хватит {code} (товаров с нехваткой после года "
        "заявки {count})",
        "The next request is needed by {month}: from that month {code} runs short (products short after the "
        "request year {count})",
    ),
}

#: The parts of ``chk_plan_assumptions`` ({parts}): each only when its count is above 0, joined by «; » (a sentence
#: never lists a part of 0), in this order; fields ``start``, ``order`` (months) and the part's count.
ASSUMPTION_PARTS: dict[str, tuple[str, str]] = {
    "transit": ("«В пути» без строк считается пришедшим в {start} (товаров {transit})",
                "«In transit» without lines taken as arriving in {start} (products {transit})"),
    "ordered": ("заказ без строк «заявка» считается пришедшим в {order} (товаров {ordered})",
                "the order without «request» lines taken as arriving in {order} (products {ordered})"),
    "expiring": ("«Из него истекает» без партий считается списанным в {start} (товаров {expiring})",
                 "«Of it expiring» without lots taken as written off in {start} (products {expiring})"),
    "other": ("поставки «другое» заказ не уменьшают (строк {other})",
              "«other» deliveries do not reduce the order (lines {other})"),
}  # fmt: skip
#: The cost in ``chk_plan_expiry`` ({cost}), only when the product has a price: without one it is no «0,00 руб.».
EXPIRY_COST = {"ru": " на {roubles},{kopecks} руб.", "en": " worth {roubles}.{kopecks} RUB"}


def expiry_cost(lang: str, amount: Decimal | None) -> str:
    """The cost part of ``chk_plan_expiry``: "" without a price.

    >>> expiry_cost("ru", Decimal("450000.00")), expiry_cost("ru", None)
    (' на 450000,00 руб.', '')
    """
    _language(lang)
    return "" if amount is None else EXPIRY_COST[lang].format(**money_fields(amount))


def widest_fields(check: PlanCheck, lang: str) -> dict[str, str]:
    """Values that make ``check``'s sentence as long as it gets, for the sheet's row heights: six characters a field
    (a code, a number), every part of the assumptions and the cost of a write-off.

    >>> widest_fields(PlanCheck.EXPIRY, "ru")["cost"]
    ' на 000000,00 руб.'
    """
    fields = dict.fromkeys(check.fields(), "0" * 6)
    if "parts" in fields:
        fields["parts"] = assumption_parts(lang, "00.0000", "00.0000", transit=999999, ordered=999999,
                                           expiring=999999, other=999999)  # fmt: skip
    if "cost" in fields:
        fields["cost"] = EXPIRY_COST[lang].format(roubles="0" * 6, kopecks="00")
    return fields


#: What joins the parts.
PARTS_SEPARATOR = "; "


def assumption_parts(lang: str, start: str, order: str, **counts: int) -> str:
    """The parts of ``chk_plan_assumptions`` whose count is above 0, joined (``counts``: transit, ordered, expiring,
    other).

    >>> assumption_parts("ru", "01.2007", "03.2007", transit=1, ordered=0, expiring=2, other=0)
    '«В пути» без строк считается пришедшим в 01.2007 (товаров 1); «Из него истекает» без партий считается списанным в 01.2007 (товаров 2)'
    """
    _language(lang)
    index = 0 if lang == "ru" else 1
    return PARTS_SEPARATOR.join(
        texts[index].format(start=start, order=order, **{key: counts[key]})
        for key, texts in ASSUMPTION_PARTS.items()
        if counts[key] > 0
    )


del E, W, I

#: The checks that judge the computed products' plans: none of them says "OK" while an active «Товары» row has no
#: plan (#N/A: an invalid row, a wrong line of its code, wrong settings) — it says :data:`NOT_CHECKED` (P4).
PRODUCT_CHECKS = (PlanCheck.LOTS, PlanCheck.TRANSIT, PlanCheck.STOCKOUT, PlanCheck.BELOW_MIN, PlanCheck.ABOVE_MAX,
                  PlanCheck.EXPIRY, PlanCheck.EXPIRY_NOT_ORDERED, PlanCheck.ORDER_SCHEDULED, PlanCheck.AFTER_YEAR)  # fmt: skip
#: What such a check says instead of "OK" (fields ``count``, ``code``), by language.
NOT_CHECKED = {
    "ru": "Не проверено: товаров без расчёта плана {count} (первый — {code})",
    "en": "Not checked: products without a plan {count} (first — {code})",
}


def not_checked_prefix(lang: str) -> str:
    """The words every :data:`NOT_CHECKED` sentence starts with (a waiting state, not a failure).

    >>> not_checked_prefix("en")
    'Not checked: products without a plan '
    """
    _language(lang)
    return NOT_CHECKED[lang].split("{", 1)[0]


def not_checked(lang: str, count: int, code: str) -> str:
    """The sentence of a product check that could not judge every product.

    >>> not_checked("ru", 2, "D03")
    'Не проверено: товаров без расчёта плана 2 (первый — D03)'
    """
    _language(lang)
    return NOT_CHECKED[lang].format(count=count, code=code)


def _language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"lang={lang!r}")


class ShipStatus(enum.Enum):
    """The status of a delivery line (``in_ship_status``); the value is the Russian word of the drop-down.

    «в пути» — ordered earlier (the «Товары» column K); «заявка» — this request's order (column O);
    «другое» — donations, regional purchases, transfers in (the order does not subtract them).

    >>> ShipStatus.TRANSIT.label("en"), ShipStatus.from_text("ЗАЯВКА", "ru")
    ('in transit', <ShipStatus.REQUEST: 'заявка'>)
    """

    TRANSIT = "в пути"
    REQUEST = "заявка"
    OTHER = "другое"

    def label(self, lang: str = "ru") -> str:
        """The drop-down's text in ``lang``."""
        _language(lang)
        return self.value if lang == "ru" else _SHIP_EN[self]

    @classmethod
    def from_text(cls, text: object, lang: str = "ru") -> ShipStatus | None:
        """The status a cell's text names (case ignored, as Excel's COUNTIFS), None for anything else."""
        if not isinstance(text, str):
            return None
        folded = text.casefold()
        return next((status for status in cls if status.label(lang).casefold() == folded), None)


_SHIP_EN = {ShipStatus.TRANSIT: "in transit", ShipStatus.REQUEST: "request", ShipStatus.OTHER: "other"}


def ship_labels(lang: str = "ru") -> tuple[str, ...]:
    """The drop-down's texts of ``in_ship_status`` in ``lang``.

    >>> ship_labels()
    ('в пути', 'заявка', 'другое')
    """
    return tuple(status.label(lang) for status in ShipStatus)


class MonthStatus(enum.IntEnum):
    """The status of a plan month; the value is the code of the sheet's colour matrix (the design's §3.4).

    0 stockout (red), 1 below min (orange), 2 ok (green), 3 above max (blue), 4 no need (grey: N = 0 and no
    stock — nobody needs it, nobody holds it; not «норма»).

    >>> MonthStatus.BELOW_MIN.label("ru"), int(MonthStatus.ABOVE_MAX)
    ('ниже минимума', 3)
    """

    STOCKOUT = 0
    BELOW_MIN = 1
    OK = 2
    ABOVE_MAX = 3
    NO_NEED = 4

    def label(self, lang: str = "ru") -> str:
        """The word the 24-month table shows."""
        _language(lang)
        return _MONTH_LABELS[self][0 if lang == "ru" else 1]


_MONTH_LABELS = {
    MonthStatus.STOCKOUT: ("нехватка", "stockout"),
    MonthStatus.BELOW_MIN: ("ниже минимума", "below min"),
    MonthStatus.OK: ("норма", "ok"),
    MonthStatus.ABOVE_MAX: ("выше максимума", "above max"),
    MonthStatus.NO_NEED: ("нет потребности", "no need"),
}

#: The names of the input tables and of the settings, as the sentence of ``chk_plan_inputs`` calls them ({table}).
#: Each names its sheet: «строка 8» alone would not say where to look.
TABLE_LABELS: dict[str, tuple[str, str]] = {
    "ship": ("«Поставки», таблица поставок", "«Deliveries», deliveries table"),
    "lot": ("«Поставки», таблица партий", "«Deliveries», lots table"),
    "use": ("«Поставки», таблица расхода по месяцам", "«Deliveries», monthly demand table"),
    "settings": ("«План поставок», настройки", "«Supply plan», settings"),
}


def table_label(table: str, lang: str = "ru") -> str:
    """A table's name in ``lang`` (``ship``, ``lot``, ``use``, ``settings``).

    >>> table_label("lot"), table_label("use", "en")
    ('«Поставки», таблица партий', '«Deliveries», monthly demand table')
    """
    _language(lang)
    return TABLE_LABELS[table][0 if lang == "ru" else 1]


def month_text(month: dt.date) -> str:
    """A month as sentences show it, ``MM.ГГГГ`` (the same in both languages).

    >>> month_text(dt.date(2007, 7, 1))
    '07.2007'
    """
    return f"{month.month:02d}.{month.year}"


def money_fields(amount: Decimal) -> dict[str, int | str]:
    """An amount of roubles (≥ 0, to kopecks) as the sentence's fields: roubles whole, kopecks two digits.

    >>> money_fields(Decimal("450000.00")), money_fields(Decimal("69583.3"))
    ({'roubles': 450000, 'kopecks': '00'}, {'roubles': 69583, 'kopecks': '30'})
    """
    kopecks = int(amount * 100)
    return {"roubles": kopecks // 100, "kopecks": f"{kopecks % 100:02d}"}


#: The heading of the selected product's 24 months («План поставок», A23), by language: the product shown and the
#: month to order it by, or — when its plan is not computed — plainly why (P4).  Fields: ``code``, ``name``,
#: ``reason`` (a key of :data:`NOT_COMPUTED_REASONS`), ``order_by``, ``low`` (months), ``lead`` (months).
SELECTED_TEXTS: dict[str, dict[str, str]] = {
    "ru": {
        "shown": "Выбранный товар: {code} — {name}",
        "order_by": "; заказать до {order_by} (первый месяц ниже минимума или нехватки {low} минус {lead} мес.)",
        "no_order": "; запас не ниже минимума все 24 месяца, срок заказа не наступает",
        "not_computed": "Выбранный товар: {code} — {name}; план не рассчитан, ошибка ввода {reason}",
        "not_found": "Выбранный товар: кода «{code}» (ячейка C6) нет среди товаров листа «Товары», ошибка ввода",
        "twice": "Выбранный товар: код «{code}» (ячейка C6) стоит на листе «Товары» не в одной строке, ошибка ввода",
        "none": "Выбранный товар: нет (на листе «Товары» нет товаров)",
    },
    "en": {
        "shown": "Selected product: {code} — {name}",
        "order_by": "; order by {order_by} (first month below the minimum or short {low} less {lead} months)",
        "no_order": "; stock not below the minimum in all 24 months, no order date falls",
        "not_computed": "Selected product: {code} — {name}; plan not computed, input error {reason}",
        "not_found": "Selected product: code «{code}» (cell C6) is not a product of the products sheet, input error",
        "twice": "Selected product: code «{code}» (cell C6) stands on more than one row of the products sheet, "
        "input error",
        "none": "Selected product: none (the products sheet has no products)",
    },
}
#: Why a product's plan is not computed, as :data:`SELECTED_TEXTS` ``not_computed`` says it ({reason}).
NOT_COMPUTED_REASONS: dict[str, tuple[str, str]] = {
    "settings": ("в настройках плана (строки 2–4)", "in the plan settings (rows 2–4)"),
    "products": ("в его строке листа «Товары»", "on its row of the products sheet"),
    "lines": ("в строке листа «Поставки» с его кодом", "on a line of the deliveries sheet with its code"),
}


def selected_text(lang: str, key: str, **values: str | int) -> str:
    """A piece of the selected product's heading; ``reason`` is given as its key.

    >>> selected_text("ru", "not_computed", code="D03", name="Иммунный блот", reason="lines")
    'Выбранный товар: D03 — Иммунный блот; план не рассчитан, ошибка ввода в строке листа «Поставки» с его кодом'
    """
    _language(lang)
    if "reason" in values:
        values["reason"] = NOT_COMPUTED_REASONS[str(values["reason"])][0 if lang == "ru" else 1]
    return SELECTED_TEXTS[lang][key].format(**values)
