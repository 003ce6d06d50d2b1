"""What a workbook must show for given inputs, computed by the core: every ``out_`` and ``chk_``.

The batch refresh writes these values; the tests compare the recalculated
workbooks against them.  A result the core refuses is an :class:`ErrorValue`
(the workbook shows an Excel error there).  With the products sheet's rows
(``evaluate(inputs, products=rows)``), the drug rows give the kit totals and the
kits left over that the letter reads (docs/interpretation.md, P3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from xl_addin.catalog import FUNCTIONS
from xl_addin.core.numbers import count, counts
from xl_addin.errors import InputError
from xl_addin.request.layout import (
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
from xl_addin.request.products_layout import GIVEN_INPUTS, used_name
from xl_addin.request.products_model import kit_totals_from_products
from xl_addin.request.shown import OK, TEXTS, ErrorValue


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
        arguments = [_argument(source, values) for source in args]
        refused = next((argument for argument in arguments if isinstance(argument, ErrorValue)), None)
        if refused is not None:  # a result or used value the core refused: its own message, not a copy of it
            return refused if cells == 1 else [refused] * cells
        return FUNCTIONS[function].evaluate(*arguments)
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
    check: Check,
    values: dict[str, Any],
    published_2006: int | None,
    typed_over: int = 0,
    lang: str = "ru",
    given: frozenset[str] = frozenset(),
) -> str:
    """One check: "OK" or a sentence in ``lang`` (``values``: the inputs and every result; ``given``: the inputs
    the drug rows give, which may be left blank, P3)."""
    texts = TEXTS[lang]
    if check.kind == "inputs":
        if not any_filled(values):
            return texts.not_filled
        bad = sum(
            input_problem(field, values.get(field.name)) is not None
            and not (field.name in given and is_blank(values.get(field.name)))
            for field in INPUTS
        )
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


def used_values(inputs: Mapping[str, Any], given: Mapping[str, int | ErrorValue]) -> dict[str, int | ErrorValue]:
    """The values the letter's results and checks read for the kit totals and the kits left over (P3):
    ``out_used_kits_pi`` … ``out_used_reserve_kits_left``.

    ``given``: what the drug rows give (``products_model.kit_totals_from_products``); an input they do not
    give is the typed value — a whole number ≥ 0, a blank kits-left-over is 0, anything else an ErrorValue.

    >>> used_values({"in_kits_pi": 5, "in_kits_nnrti": "пять"}, {"in_kits_nnrti": 90})["out_used_kits_nnrti"]
    90
    >>> used = used_values({"in_kits_pi": 5, "in_kits_nnrti": "пять"}, {})
    >>> used["out_used_kits_pi"], isinstance(used["out_used_kits_nnrti"], ErrorValue), used["out_used_reserve_kits_left"]
    (5, True, 0)
    """
    used: dict[str, int | ErrorValue] = {}
    for name in GIVEN_INPUTS:
        raw = inputs.get(name)
        if name in given:
            used[used_name(name)] = given[name]
        elif (problem := input_problem(INPUT_BY_NAME[name], raw)) is not None:
            used[used_name(name)] = ErrorValue(problem)
        else:
            used[used_name(name)] = 0 if raw is None else count(raw, name)
    return used


def evaluate(
    inputs: dict[str, Any],
    published_2006: int | None = None,
    typed_over: int = 0,
    lang: str = "ru",
    *,
    products: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Every ``out_`` and ``chk_`` for ``inputs`` (``in_`` name → cell value, or list of cell values).

    ``typed_over`` is the number of result cells whose formula a user replaced by a value; ``lang`` is
    the language of the workbook (its check sentences and its products' choices).
    ``chk_all`` counts the checks of severity "ошибка" that are not "OK" (docs/interpretation.md, S1).
    ``products``: the rows of the products sheet (``in_product_*`` → cell value, as
    ``products_model.evaluate_products`` takes them); None or no drug row: the typed kit totals, as
    without the sheet.  The used kit totals are the ``out_used_*`` values (P3).
    """
    values: dict[str, Any] = {field.name: inputs.get(field.name) for field in INPUTS}
    given: Mapping[str, int | ErrorValue] = {}
    if products is not None:
        given = kit_totals_from_products(products, lang)
    found: dict[str, Any] = used_values(values, given)
    values.update(found)
    for result in RESULTS:
        values[result.name] = evaluate_result(result, values)
    found.update({result.name: values[result.name] for result in RESULTS})
    for check in CHECKS:
        found[check.name] = evaluate_check(check, values, published_2006, typed_over, lang, frozenset(given))
    errors = sum(found[c.name] != OK for c in CHECKS if c.severity.counts_in_total)
    found["chk_all"] = TEXTS[lang].not_filled if not any_filled(values) else (OK if errors == 0 else errors)
    return found
