"""What a workbook must show for given inputs, computed by the core: every ``out_`` and ``chk_``.

The batch refresh writes these values; the tests compare the recalculated
workbooks against them.  A result the core refuses is an :class:`ErrorValue`
(the workbook shows an Excel error there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xl_addin.catalog import FUNCTIONS
from xl_addin.core.numbers import count, counts
from xl_addin.errors import InputError
from xl_addin.workbook.layout import CHECKS, INPUT_BY_NAME, INPUTS, RESULTS, Check, InputField, Result, Source

OK = "OK"
NO_DATA = "Нет данных для проверки: исправьте поля ввода"
INPUTS_BAD = "Не заполнено или неверно полей: "
RESULTS_BAD = "Не вычислено результатов: "


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


def _argument(source: Source, inputs: dict[str, Any]) -> Any:
    raw = inputs.get(source.input)
    if source.tail is not None:
        return list(raw)[-source.tail :]
    if source.plus is not None:
        return count(raw, source.input) + count(inputs.get(source.plus), source.plus)
    return raw


def _plan_filled(result: Result, inputs: dict[str, Any]) -> bool:
    if result.plan_input is None:
        return False
    return any(cell is not None for cell in inputs.get(result.plan_input) or [])


def evaluate_result(result: Result, inputs: dict[str, Any]) -> Any:
    """One result's value, as the workbook must show it."""
    function, args = result.function, result.args
    if _plan_filled(result, inputs):
        function, args = result.plan_function or function, result.plan_args
    try:
        return FUNCTIONS[function].evaluate(*(_argument(source, inputs) for source in args))
    except InputError as error:
        refused = ErrorValue(str(error))
        return refused if result.cells == 1 else [refused] * result.cells


def _operand(name: str, inputs: dict[str, Any], results: dict[str, Any]) -> int | None:
    if name.startswith("out_"):
        value = results[name]
        return None if isinstance(value, ErrorValue) else int(value)
    try:
        return count(inputs.get(name), name)
    except InputError:
        return None


def _blank_optional(name: str, inputs: dict[str, Any]) -> bool:
    field = INPUT_BY_NAME.get(name)
    return field is not None and field.optional and inputs.get(name) is None


def evaluate_check(  # noqa: PLR0911 - one return per kind of check
    check: Check, inputs: dict[str, Any], results: dict[str, Any], published_2006: int | None
) -> str:
    """One check: "OK" or a sentence."""
    if check.kind == "inputs":
        bad = sum(input_problem(field, inputs.get(field.name)) is not None for field in INPUTS)
        return OK if bad == 0 else f"{INPUTS_BAD}{bad}"
    if check.kind == "numeric":
        cells = [v for value in results.values() for v in (value if isinstance(value, list) else [value])]
        bad = sum(isinstance(value, ErrorValue) for value in cells)
        return OK if bad == 0 else f"{RESULTS_BAD}{bad}"
    if check.kind == "published":
        return published_sentence(results["out_art_need_estimate"], published_2006)
    if check.comparison is not None:
        comparison = check.comparison
        if _blank_optional(comparison.right, inputs):
            return OK
        left = [_operand(name, inputs, results) for name in comparison.left]
        right = _operand(comparison.right, inputs, results)
        if right is None or any(value is None for value in left):
            return NO_DATA
        total = sum(value for value in left if value is not None)
        if total <= right:
            return OK
        first, middle, last = comparison.sentence
        return f"{first}{total}{middle}{right}{last}"
    try:
        return FUNCTIONS[check.function or ""].evaluate(*(_argument(source, inputs) for source in check.args))
    except InputError:
        return NO_DATA


def published_sentence(estimate: Any, published_2006: int | None) -> str:
    """The information line comparing the region's estimate with the letter's 2006 figure."""
    if published_2006 is None:
        return "Опубликованной оценки 2006 г. для этого субъекта нет"
    shown = "не вычислена" if isinstance(estimate, ErrorValue) else str(estimate)
    return f"Оценка {shown}; опубликовано в 2006 г.: {published_2006}"


def evaluate(inputs: dict[str, Any], published_2006: int | None = None) -> dict[str, Any]:
    """Every ``out_`` and ``chk_`` for ``inputs`` (``in_`` name → cell value, or list of cell values)."""
    results = {result.name: evaluate_result(result, inputs) for result in RESULTS}
    values: dict[str, Any] = dict(results)
    problems = 0
    for check in CHECKS:
        values[check.name] = evaluate_check(check, inputs, results, published_2006)
        if not check.information and values[check.name] != OK:
            problems += 1
    values["chk_all"] = OK if problems == 0 else problems
    return values
