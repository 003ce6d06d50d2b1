"""xlwings Lite's path, proven in Pyodide under Node: install, core tests, main.py, registration, every example.

One run of tests/lite/runner.mjs (module fixture) does what xlwings Lite does: Pyodide 0.27.5 (the
version of Lite's changelog, Python 3.12), xlwings 0.37.8's pure-Python wheel as Lite's own
xlwings, the project's wheel built from this tree and installed like a line of requirements.txt,
``XLWINGS_ON_SERVER=true`` so that ``xw.func`` is xlwings' Office.js decorator, main.py from
``xl-addin lite`` executed as the module ``main``, its registration read with
``xlwings.server.custom_functions_meta``, and every request sent as a JavaScript object through
``xlwings.server.custom_functions_call``.  No network: the runner refuses every request.

The expected values are the catalogue's worked examples (hand-worked, printed in docs/functions.md)
and a few hand-worked cases of tests/test_udfs.py; Pyodide computes, this process compares.
Without Node or the prepared pieces (tests/lite/prepare.sh) the tests skip saying so, and fail
instead under XL_ADDIN_REQUIRE_PYODIDE=1 (set by .ci/run).
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from tests.lite import harness
from xl_addin.catalog import FUNCTIONS
from xl_addin.lite import main_py

#: Cases beyond the examples, as Excel passes them: (function, Office.js arguments, what the cell shows).
EDGE_CASES: dict[str, tuple[str, list[Any], list[list[Any]]]] = {
    "blank optional cell": (
        "ART_COVERAGE_CHECK",
        [[[250]], [[1000]], [[None]]],
        [["Охват АРТ выше 20 %: запланировано 250, допустимо не более 200 (лишних 50)"]],
    ),
    "bad input is a #text": (
        "ELISA_VOLUME",
        [[[-5]]],
        [["#planned_screenings = -5: отрицательное число недопустимо"]],
    ),
    "range as a column": ("HBV_SCREEN_VOLUME", [[[1000], [1000], [1000], [1000], [1001]]], [[1161]]),
    "kopecks stay exact": ("ORDER_COST", [[[3]], [[0.1]]], [[0.3]]),
}


@pytest.fixture(scope="module")
def lite(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The result of one run of runner.mjs: install, pytest, registration, then every request."""
    reason = harness.missing_setup()
    if reason is not None:
        if os.environ.get(harness.REQUIRE) == "1":
            pytest.fail(f"{harness.REQUIRE}=1 but {reason}", pytrace=False)
        pytest.skip(f"XLWINGS LITE PROOF NOT RUN: {reason}")
    requests = [
        {"name": name, "args": harness.office_js_args(function.example.args)} for name, function in FUNCTIONS.items()
    ]
    requests += [{"name": name, "args": args} for name, args, _ in EDGE_CASES.values()]
    return harness.run(tmp_path_factory.mktemp("lite"), main_py(), requests)


def test_pyodide_is_the_pinned_one_and_nothing_was_downloaded(lite: dict[str, Any]) -> None:
    pinned = json.loads((harness.HERE / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    assert (lite["pyodide"], lite["python"].rsplit(".", 1)[0]) == (pinned, "3.12")
    assert lite["refused"] == []  # runner.mjs refuses and lists every network request


def test_installing_the_project_installs_nothing_but_the_project(lite: dict[str, Any]) -> None:
    assert lite["install"]["installed"] == ["xl-addin"]  # with dependencies, as Lite installs requirements.txt


def test_the_core_tests_and_doctests_pass_in_pyodide(lite: dict[str, Any]) -> None:
    pytest_run = lite["pytest"]
    assert pytest_run["failures"] == [], "\n".join(pytest_run["failures"])
    assert pytest_run["exit_code"] == 0, lite["log"][-3000:]
    assert pytest_run["counts"].get("passed", 0) >= len(FUNCTIONS)
    # ../shared/criteria went in with them (harness.pytest_files): the letter-based tests ran too, nothing skipped
    assert set(pytest_run["counts"]) == {"passed"}, pytest_run["counts"]


def test_main_py_runs_on_lites_xlwings_without_the_workbook_packages(lite: dict[str, Any]) -> None:
    registration = lite["register"]
    assert (registration["xlwings"], registration["on_server"]) == ("0.37.8", True)
    assert registration["forbidden_loaded"] == []  # numpy, pandas, openpyxl … never imported


def test_exactly_the_catalogue_is_registered(lite: dict[str, Any]) -> None:
    assert sorted(harness.registered(lite["register"]["meta"])) == sorted(FUNCTIONS)


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_registration_has_the_names_and_russian_help_of_the_classic_add_in(lite: dict[str, Any], name: str) -> None:
    assert harness.registered(lite["register"]["meta"]).get(name) == harness.registration(FUNCTIONS[name])


@pytest.mark.parametrize("position, name", list(enumerate(FUNCTIONS)))
def test_each_catalogue_example_through_office_js_gives_its_result(
    lite: dict[str, Any], position: int, name: str
) -> None:
    example = FUNCTIONS[name].example
    assert lite["results"][position] == harness.as_shown(example.result), example.arithmetic


@pytest.mark.parametrize("position, case", list(enumerate(EDGE_CASES)))
def test_cells_as_excel_passes_them(lite: dict[str, Any], position: int, case: str) -> None:
    _, _, shown = EDGE_CASES[case]
    assert lite["results"][len(FUNCTIONS) + position] == shown
