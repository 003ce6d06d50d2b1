"""What a workbook must show for given inputs, computed by the core: every ``out_`` and ``chk_``.

The batch refresh writes these values; the tests compare the recalculated
workbooks against them.  A result the core refuses is an :class:`ErrorValue`
(the workbook shows an Excel error there).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from xl_addin.catalog import FUNCTIONS
from xl_addin.core.numbers import count, counts
from xl_addin.errors import InputError
from xl_addin.workbook.layout import (
    CHECKS,
    INPUT_BY_NAME,
    INPUTS,
    RESULTS,
    Check,
    Comparison,
    InputField,
    Result,
    Source,
    operand,
)

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


def input_problem(field: InputField, raw: Any) -> str | None:
    """Why an input is not acceptable, or None when it is."""
    try:
        if field.cells == 1:
            if not (field.optional and raw is None):
                count(raw, field.name)
        else:
            cells = list(raw) if isinstance(raw, (list, tuple)) else [raw]
            if not (field.optional and all(cell is None for cell in cells)):
                counts(cells, field.name)
    except InputError as error:
        return str(error)
    return None


def is_blank(raw: Any) -> bool:
    """Whether an input's cell (or every cell of its range) is empty."""
    if isinstance(raw, (list, tuple)):
        return all(cell is None for cell in raw)
    return raw is None


def _argument(source: Source, values: dict[str, Any]) -> Any:
    raw = values.get(source.input)
    if source.part is not None:
        return raw[source.part] if isinstance(raw, list) else raw
    if source.tail is not None:
        cells = raw if isinstance(raw, (list, tuple)) else [raw] * INPUT_BY_NAME[source.input].cells
        return list(cells)[-source.tail :]
    if source.plus is not None:
        return count(_plain(raw), source.input) + count(_plain(values.get(source.plus)), source.plus)
    return raw


def _plain(value: Any) -> Any:
    return None if isinstance(value, ErrorValue) else value


def _plan_filled(result: Result, inputs: dict[str, Any]) -> bool:
    if result.plan_input is None:
        return False
    return any(cell is not None for cell in inputs.get(result.plan_input) or [])


def _refused(error: InputError, cells: int) -> Any:
    refused = ErrorValue(str(error))
    return refused if cells == 1 else [refused] * cells


def evaluate_result(result: Result, values: dict[str, Any]) -> Any:
    """One result's value, as the workbook must show it (``values``: the inputs and the results before it)."""
    function, args = result.function, result.args
    if _plan_filled(result, values):
        function, args = result.plan_function or function, result.plan_args
    if result.pairwise:
        return [_one_result(function, tuple(replace(s, part=part) for s in args), values, 1) for part in range(2)]
    return _one_result(function, args, values, result.cells)


def _one_result(function: str, args: tuple[Source, ...], values: dict[str, Any], cells: int) -> Any:
    try:
        return FUNCTIONS[function].evaluate(*(_argument(source, values) for source in args))
    except InputError as error:
        return _refused(error, cells)


class _Blank:
    """An operand that is a blank optional input: nothing to compare."""


def _operand(text: str, values: dict[str, Any]) -> int | _Blank | None:
    """An operand's whole number; None when it is not one; ``_Blank`` for a blank optional input."""
    name, part = operand(text)
    raw = values.get(name)
    if part is not None:
        raw = raw[part] if isinstance(raw, list) else None
    if name.startswith("out_"):
        return None if isinstance(raw, ErrorValue) or raw is None else int(raw)
    field = INPUT_BY_NAME[name]
    if field.optional and is_blank(raw):
        return _Blank()
    if input_problem(field, raw) is not None:
        return None
    return sum(counts(raw, name)) if field.cells > 1 else count(raw, name)


def _compare(comparison: Comparison, values: dict[str, Any], lang: str) -> str:
    found = {text: _operand(text, values) for text in comparison.operands}
    if any(isinstance(value, _Blank) for value in found.values()):
        return OK
    if any(value is None for value in found.values()):
        return TEXTS[lang].no_data
    number = {text: value for text, value in found.items() if isinstance(value, int)}
    left = sum(number[text] for text in comparison.left)
    right = max([sum(number[text] for text in comparison.right), *(number[text] for text in comparison.right_max)])
    if (left == right) if comparison.equal else (left <= right):
        return OK
    first, middle, last = comparison.parts(lang)
    return f"{first}{left}{middle}{right}{last}"


def evaluate_check(  # noqa: PLR0911 - one return per kind of check
    check: Check, values: dict[str, Any], published_2006: int | None, typed_over: int = 0, lang: str = "ru"
) -> str:
    """One check: "OK" or a sentence in ``lang`` (``values``: the inputs and every result)."""
    texts = TEXTS[lang]
    if check.kind == "inputs":
        if not any_filled(values):
            return texts.not_filled
        bad = sum(input_problem(field, values.get(field.name)) is not None for field in INPUTS)
        return OK if bad == 0 else f"{texts.inputs_bad}{bad}"
    if check.kind == "numeric":
        if not any_filled(values):
            return texts.not_filled
        cells = [v for result in RESULTS for v in _cells(values[result.name])]
        bad = sum(isinstance(value, ErrorValue) for value in cells)
        return OK if bad == 0 else f"{texts.results_bad}{bad}"
    if check.kind == "formulas":
        return OK if typed_over == 0 else f"{texts.typed_over}{typed_over}"
    if check.kind == "published":
        return published_sentence(values["out_art_need_estimate"], published_2006, lang)
    if check.kind == "pmtct_trend":
        return trend_sentence(values, lang)
    if check.comparison is not None:
        return _compare(check.comparison, values, lang)
    try:
        arguments = (_argument(source, values) for source in check.args)
        sentence: str = FUNCTIONS[check.function or ""].evaluate(*arguments, lang=lang)
        return sentence
    except InputError:
        return texts.no_data


def _cells(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def any_filled(inputs: dict[str, Any]) -> bool:
    """Whether the user has typed anything at all into the inputs."""
    return any(not is_blank(inputs.get(field.name)) for field in INPUTS)


def published_sentence(estimate: Any, published_2006: int | None, lang: str = "ru") -> str:
    """The information line comparing the region's estimate with the letter's 2006 figure."""
    texts = TEXTS[lang]
    if published_2006 is None:
        return texts.no_published
    shown = texts.no_estimate if isinstance(estimate, ErrorValue) else str(estimate)
    return f"{texts.estimate[0]}{shown}{texts.estimate[1]}{published_2006}"


def trend_sentence(values: dict[str, Any], lang: str = "ru") -> str:
    """The information line of PMTCT item 1: pregnant women by the two years' trend, beside the request's number."""
    texts = TEXTS[lang]
    births = values.get("in_hiv_births_by_year")
    if is_blank(births):
        return texts.no_trend
    # one value for the range stands for each of its cells, as in _argument (a bare number was a TypeError)
    cells = births if isinstance(births, (list, tuple)) else [births] * INPUT_BY_NAME["in_hiv_births_by_year"].cells
    try:
        estimate = FUNCTIONS["PMTCT_PREGNANT_ESTIMATE"].evaluate(*cells)
    except InputError:
        return texts.no_data
    pregnant = values.get("in_pregnant_expecting_birth")
    problem = input_problem(INPUT_BY_NAME["in_pregnant_expecting_birth"], pregnant)
    shown = "—" if problem is not None or pregnant is None else str(int(pregnant))
    first, middle, last = texts.trend
    return f"{first}{estimate}{middle}{shown}{last}"


def evaluate(
    inputs: dict[str, Any], published_2006: int | None = None, typed_over: int = 0, lang: str = "ru"
) -> dict[str, Any]:
    """Every ``out_`` and ``chk_`` for ``inputs`` (``in_`` name → cell value, or list of cell values).

    ``typed_over`` is the number of result cells whose formula a user replaced by a value; ``lang`` is
    the language of the workbook (its check sentences).
    ``chk_all`` counts the checks of severity "ошибка" that are not "OK" (docs/interpretation.md, S1).
    """
    values: dict[str, Any] = {field.name: inputs.get(field.name) for field in INPUTS}
    for result in RESULTS:
        values[result.name] = evaluate_result(result, values)
    found: dict[str, Any] = {result.name: values[result.name] for result in RESULTS}
    for check in CHECKS:
        found[check.name] = evaluate_check(check, values, published_2006, typed_over, lang)
    errors = sum(found[c.name] != OK for c in CHECKS if c.severity.counts_in_total)
    found["chk_all"] = TEXTS[lang].not_filled if not any_filled(values) else (OK if errors == 0 else errors)
    return found
