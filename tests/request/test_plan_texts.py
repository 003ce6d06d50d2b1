"""The supply plan's texts: both languages name the same fields, every check has a distinct title and sentence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from string import Formatter

import pytest

from xl_addin.core.severity import Severity
from xl_addin.request.plan_texts import MonthStatus, PlanCheck, ShipStatus, money_fields, month_text


def _fields(template: str) -> list[str]:
    return [field for _, field, _, _ in Formatter().parse(template) if field is not None]


@pytest.mark.parametrize("check", list(PlanCheck))
def test_both_languages_name_the_same_fields(check: PlanCheck) -> None:
    assert sorted(_fields(check.template("ru"))) == sorted(_fields(check.template("en")))
    parsed = [(spec, conversion) for _, field, spec, conversion in Formatter().parse(check.template("ru")) if field]
    assert parsed and all(spec == "" and conversion is None for spec, conversion in parsed)


@pytest.mark.parametrize(
    ("check", "severity"),
    [
        (PlanCheck.INPUTS, Severity.ERROR),
        (PlanCheck.LOTS, Severity.ERROR),
        (PlanCheck.TRANSIT, Severity.ERROR),
        (PlanCheck.DATES, Severity.ERROR),
        (PlanCheck.STOCKOUT, Severity.WARNING),
        (PlanCheck.BELOW_MIN, Severity.WARNING),
        (PlanCheck.ABOVE_MAX, Severity.WARNING),
        (PlanCheck.EXPIRY, Severity.WARNING),
        (PlanCheck.EXPIRY_NOT_ORDERED, Severity.WARNING),
        (PlanCheck.ORDER_SCHEDULED, Severity.WARNING),
        (PlanCheck.FEFO, Severity.WARNING),
        (PlanCheck.ASSUMPTIONS, Severity.INFO),
        (PlanCheck.AFTER_YEAR, Severity.INFO),
    ],
)
def test_severities_are_the_notes(check: PlanCheck, severity: Severity) -> None:
    assert check.severity is severity
    assert check.check_name.startswith("chk_plan_")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_titles_and_sentences_are_distinct(lang: str) -> None:
    assert len({check.title(lang) for check in PlanCheck}) == len(PlanCheck)
    assert len({check.template(lang) for check in PlanCheck}) == len(PlanCheck)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"count": 1, "code": "A06", "month": "07.2007", "months": 3, "unmet": 1790},
            "Нехватка до конца года заявки: товаров 1 (первый — A06, с 07.2007, месяцев 3, не хватит 1790 ед.)",
        ),
    ],
)
def test_render_the_notes_sentence(values: dict[str, int | str], expected: str) -> None:
    assert PlanCheck.STOCKOUT.render("ru", **values) == expected


@pytest.mark.parametrize("values", [{"count": 1}, {"count": 1, "code": "A", "lots": 1, "stock": 2, "extra": 3}])
def test_render_refuses_missing_or_extra_fields(values: dict[str, int | str]) -> None:
    with pytest.raises(ValueError, match="chk_plan_lots"):
        PlanCheck.LOTS.render("ru", **values)


@pytest.mark.parametrize("lang", ["de", "RU"])
def test_unknown_language(lang: str) -> None:
    with pytest.raises(ValueError, match="lang"):
        PlanCheck.LOTS.title(lang)


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [("в пути", "ru", ShipStatus.TRANSIT), ("В ПУТИ", "ru", ShipStatus.TRANSIT), ("Other", "en", ShipStatus.OTHER),
     ("other", "ru", None), ("", "ru", None), (3, "ru", None), (None, "en", None)],
)  # fmt: skip
def test_ship_status_from_text(text: object, lang: str, status: ShipStatus | None) -> None:
    assert ShipStatus.from_text(text, lang) is status


@pytest.mark.parametrize(
    ("status", "ru", "en"),
    [(MonthStatus.STOCKOUT, "нехватка", "stockout"), (MonthStatus.OK, "норма", "ok")],
)
def test_month_status_labels(status: MonthStatus, ru: str, en: str) -> None:
    assert (status.label("ru"), status.label("en")) == (ru, en)


@pytest.mark.parametrize(
    ("month", "text"),
    [(dt.date(2007, 7, 1), "07.2007"), (dt.date(2008, 12, 1), "12.2008"), (dt.date(2006, 10, 1), "10.2006")],
)
def test_month_text(month: dt.date, text: str) -> None:
    assert month_text(month) == text


@pytest.mark.parametrize(
    ("amount", "roubles", "kopecks"),
    [(Decimal("450000.00"), 450000, "00"), (Decimal("69583.33"), 69583, "33"), (Decimal("0.05"), 0, "05")],
)
def test_money_fields(amount: Decimal, roubles: int, kopecks: str) -> None:
    assert money_fields(amount) == {"roubles": roubles, "kopecks": kopecks}
