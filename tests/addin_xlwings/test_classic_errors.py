"""Issue 13: an error cell in any argument is never a blank — proved through xlwings' own classic (Windows) code.

xlwings 0.37.8 hands each cell value to Python through ``xlwings/_xlwindows.py``,
``_clean_value_data_element``: an error (#N/A, #DIV/0! …, which COM delivers as the
int of its HRESULT, -2146826246 for #N/A) becomes ``None`` — exactly what a blank
becomes — unless the argument's options say ``err_to_str``; then it is its text
("#N/A").  So ``VIRAL_LOAD_VOLUME(10;0;10;#N/A)`` used to give 93, as if ``examined``
were left out, where the native workbook shows #N/A.  ``xl_addin.udfs`` now gives
every argument ``err_to_str`` and turns such a text into that argument's ``#…`` text.
Only the seven classic errors are in xlwings' table (``cell_errors``); a newer one
(#SPILL!) passes through as the int itself, which the add-in recognises too.

Empty text (``""``, e.g. from ``=""``) is another matter: the same xlwings function
returns ``empty_as`` (``None``) for ``""`` and for an empty cell before it looks at
errors, so ``err_to_str`` does not change it and no option tells the two apart.
An empty text therefore counts as a blank: a required argument says «пусто», an
optional one takes its default.  The native workbook has no better rule to match
(``ISBLANK("")`` is FALSE, ``""*1`` is #VALUE!, ``N("")`` is 0).

Every call below runs in one separate Python (``classic_xlwings``) through xlwings'
real ``call_udf`` and ``conversion.read``, each argument as COM delivers it: typed in
the formula (a float, a text, an error's int) or as a cell reference (a ``Range``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.addin_xlwings.classic_xlwings import run_in_subprocess
from xl_addin import udfs
from xl_addin.catalog import FUNCTIONS, ExcelFunction

#: COM's int for each Excel error value (``xlwings/_xlwindows.py``, ``cell_errors``; #SPILL! = 0x800A0000 + 2045).
ERRORS = {
    "#NULL!": -2146826288,
    "#DIV/0!": -2146826281,
    "#VALUE!": -2146826273,
    "#REF!": -2146826265,
    "#NAME?": -2146826259,
    "#NUM!": -2146826252,
    "#N/A": -2146826246,
    "#SPILL!": -2146826243,
}
PROBLEM = "в ячейке ошибка — сначала исправьте её"
#: A valid value, chosen by hand, for each optional argument the worked examples leave out.
OPTIONAL_VALUES = {"examined": 400.0, "births": 80.0, "reserve_left": 1.0, "tolerance": 0.1}


def _valid_args(function: ExcelFunction) -> list[Any]:
    """The worked example's arguments, and a valid value for each optional argument it leaves out."""
    args = list(function.example.args)
    return args + [OPTIONAL_VALUES[argument.name] for argument in function.arguments[len(args) :]]


def _typed(value: Any) -> dict[str, Any]:
    """A value written in the formula itself (a number, a text, ``NA()``)."""
    return {"value": value}


def _cells(value: Any) -> dict[str, Any]:
    """A reference to cells holding ``value``: a range's values down a column, a single value in one cell."""
    values = value if isinstance(value, list) else [value]
    return {"cells": [[cell] for cell in values]}


def _missing() -> dict[str, Any]:
    """An optional argument left out of the formula."""
    return {"missing": True}


def _as_written(result: Any) -> Any:
    """What ``call_udf`` returns for a function's result (xlwings' ``conversion.write``): a 2-D list."""
    return [result] if isinstance(result, list) else [[result]]


def _error_text(where: str, error: str) -> str:
    """The cell text of an Excel error found in an argument (``where``: its name, and the cell of a range)."""
    return f"#{where} = «{error}»: {PROBLEM}"


#: case id → (the call as COM delivers it, the expected result of ``call_udf``)
CASES: dict[str, tuple[dict[str, Any], Any]] = {}


def _case(case_id: str, function: str, args: list[dict[str, Any]], expected: Any) -> str:
    """Record a call for the one run of xlwings' code; return its id (a test parameter)."""
    CASES[case_id] = ({"function": function, "args": args}, expected)
    return case_id


def _build_cases() -> tuple[list[str], list[str], list[str]]:
    """Per function: the valid call; per argument: an error typed in, an error in a referenced cell, an empty text."""
    valid, errors, empty = [], [], []
    for function in FUNCTIONS.values():
        args = _valid_args(function)
        references = [_cells(value) for value in args]
        expected = _as_written(function.evaluate(*args))
        valid.append(_case(f"{function.name}-valid", function.name, references, expected))
        for position, argument in enumerate(function.arguments):
            name = f"{function.name}-{argument.name}"
            typed = [*references[:position], _typed(ERRORS["#N/A"]), *references[position + 1 :]]
            # with ndim=1 xlwings makes a range argument a list even of one value: its cell 1
            where = f"{argument.name}, ячейка 1" if argument.kind.is_range else argument.name
            errors.append(_case(f"{name}-typed-#N/A", function.name, typed, [[_error_text(where, "#N/A")]]))
            if argument.kind.is_range:  # the 2nd cell of the range is #DIV/0!
                cells = [*(args[position] if isinstance(args[position], list) else [args[position]]), 1.0]
                cells[1] = ERRORS["#DIV/0!"]
                where = f"{argument.name}, ячейка 2"
            else:
                cells, where = ERRORS["#DIV/0!"], argument.name
            in_cell = [*references[:position], _cells(cells), *references[position + 1 :]]
            errors.append(_case(f"{name}-cell-#DIV/0!", function.name, in_cell, [[_error_text(where, "#DIV/0!")]]))
            # xlwings passes "" as it passes a blank cell: None, or [None] for a range (ndim=1)
            blank = [*args[:position], [None] if argument.kind.is_range else None, *args[position + 1 :]]
            expected_blank = _as_written(getattr(udfs, function.name)(*blank))
            required = "optional" if argument.optional else "required"
            for label, encoded in (("typed", _typed("")), ("cell", _cells(""))):
                with_empty = [*references[:position], encoded, *references[position + 1 :]]
                empty.append(_case(f"{name}-{required}-{label}-empty-text", function.name, with_empty, expected_blank))
    return valid, errors, empty


VALID, ERROR_CASES, EMPTY_TEXT = _build_cases()

VIRAL_LOAD = [_typed(10.0), _typed(0.0), _typed(10.0)]
EXAMINED_NA = _error_text("examined", "#N/A")
CONCRETE = {
    _case(
        "VIRAL_LOAD_VOLUME(10;0;10;#N/A)", "VIRAL_LOAD_VOLUME", [*VIRAL_LOAD, _typed(ERRORS["#N/A"])], [[EXAMINED_NA]]
    ),
    _case(
        "VIRAL_LOAD_VOLUME(10;0;10;A1), A1 = #N/A",
        "VIRAL_LOAD_VOLUME",
        [*VIRAL_LOAD, _cells(ERRORS["#N/A"])],
        [[EXAMINED_NA]],
    ),
    _case("VIRAL_LOAD_VOLUME(10;0;10)", "VIRAL_LOAD_VOLUME", [*VIRAL_LOAD, _missing()], [[93]]),
    _case("VIRAL_LOAD_VOLUME(10;0;10;A1), A1 blank", "VIRAL_LOAD_VOLUME", [*VIRAL_LOAD, _cells(None)], [[93]]),
    _case("VIRAL_LOAD_VOLUME(10;0;10;20)", "VIRAL_LOAD_VOLUME", [*VIRAL_LOAD, _typed(20.0)], [[93]]),
}
EVERY_ERROR = [
    _case(f"ELISA_VOLUME({error})", "ELISA_VOLUME", [_cells(code)], [[_error_text("planned_screenings", error)]])
    for error, code in ERRORS.items()
]


@pytest.fixture(scope="module")
def classic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every case's result from xlwings' ``call_udf`` (one separate Python for all), and xlwings' metadata."""
    directory: Path = tmp_path_factory.mktemp("classic_errors")
    result = run_in_subprocess([call for call, _ in CASES.values()], directory)
    result["by_case"] = dict(zip(CASES, result["calls"], strict=True))
    return result


def test_xlwings_reads_every_argument_of_every_function_with_err_to_str(classic: dict[str, Any]) -> None:
    assert set(classic["xlfunc"]) == set(FUNCTIONS)
    for name, arguments in classic["xlfunc"].items():
        assert [argument["name"] for argument in arguments] == [a.name for a in FUNCTIONS[name].arguments]
        assert all(argument["options"].get("err_to_str") is True for argument in arguments), name


@pytest.mark.parametrize("case_id", ERROR_CASES)
def test_an_error_in_any_argument_gives_that_arguments_error_text(classic: dict[str, Any], case_id: str) -> None:
    assert classic["by_case"][case_id] == CASES[case_id][1]


@pytest.mark.parametrize("case_id", VALID)
def test_the_same_call_with_valid_values_gives_the_catalogues_result(classic: dict[str, Any], case_id: str) -> None:
    result = classic["by_case"][case_id]
    assert result == CASES[case_id][1]
    assert not any(isinstance(value, str) and value.startswith("#") for row in result for value in row)


@pytest.mark.parametrize("case_id", sorted(CONCRETE))
def test_viral_load_volume_with_na_is_an_error_not_93(classic: dict[str, Any], case_id: str) -> None:
    assert classic["by_case"][case_id] == CASES[case_id][1]


@pytest.mark.parametrize("case_id", EVERY_ERROR)
def test_every_excel_error_value_is_named(classic: dict[str, Any], case_id: str) -> None:
    assert classic["by_case"][case_id] == CASES[case_id][1]


@pytest.mark.parametrize("case_id", EMPTY_TEXT)
def test_an_empty_text_counts_as_a_blank(classic: dict[str, Any], case_id: str) -> None:
    """The same result as the function called directly with a blank: «пусто» if required, else the default."""
    result = classic["by_case"][case_id]
    assert result == CASES[case_id][1]
    text = result[0][0]
    if "-required-" in case_id:
        assert isinstance(text, str) and text.startswith("#") and "= пусто: " in text
    else:
        assert not (isinstance(text, str) and text.startswith("#"))
