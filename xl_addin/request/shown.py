"""What a workbook shows where it does not show a number: "OK", the check sentences' fixed texts, a refused result.

Both models read these (:mod:`xl_addin.request.model`, the letter's sheets, and
:mod:`xl_addin.request.products_model`, the products sheet), so they live below both.
"""

from __future__ import annotations

from dataclasses import dataclass

OK = "OK"


@dataclass(frozen=True)
class CheckTexts:
    """The fixed texts of the checks in one language (the sentences of the comparisons live in the layout)."""

    no_data: str
    inputs_bad: str
    results_bad: str
    typed_over: str
    not_filled: str
    no_trend: str
    trend: tuple[str, str, str]
    estimate: tuple[str, str]  # "Оценка " … "; опубликовано в 2006 г.: " …
    no_estimate: str
    no_published: str


TEXTS = {
    "ru": CheckTexts(
        no_data="Нет данных для проверки: заполните или исправьте поля ввода",
        inputs_bad="Не заполнено или неверно полей: ",
        results_bad="Не вычислено результатов: ",
        typed_over="Формула результата заменена значением, ячеек: ",
        not_filled="Не заполнено",
        no_trend="Родов за два года не указано: тенденция не вычислена",
        trend=("По тенденции двух лет: ", " беременных; в заявке: ", ""),
        estimate=("Оценка ", "; опубликовано в 2006 г.: "),
        no_estimate="не вычислена",
        no_published="Опубликованной оценки 2006 г. для этого субъекта нет",
    ),
    "en": CheckTexts(
        no_data="No data to check: fill in or correct the inputs",
        inputs_bad="Inputs empty or wrong: ",
        results_bad="Results not computed: ",
        typed_over="A result formula was typed over with a value, cells: ",
        not_filled="Not filled in",
        no_trend="Births of the two years not given: no trend computed",
        trend=("By the two years' trend: ", " pregnant women; in the request: ", ""),
        estimate=("Estimate ", "; published for 2006: "),
        no_estimate="not computed",
        no_published="The letter publishes no 2006 figure for this subject",
    ),
}
#: The Russian texts a blank or unfinished workbook shows (the workbook contract's language).
NO_DATA, NOT_FILLED = TEXTS["ru"].no_data, TEXTS["ru"].not_filled


@dataclass(frozen=True)
class ErrorValue:
    """A result the core refused; the message says why."""

    message: str


__all__ = ["NOT_FILLED", "NO_DATA", "OK", "TEXTS", "CheckTexts", "ErrorValue"]
