"""udfs.py exposes exactly the documented Excel functions, as xlwings itself reads them.

xlwings' decorators do nothing on Linux, so the functions are read two ways:
through their own signature, docstring and ``Annotated`` metadata, and through
xlwings' real ``xlfunc`` and ``generate_vba_wrapper`` (xlwings/udfs.py),
imported with stand-ins for the three Windows COM modules it imports at the top
but does not use in those two functions.
"""

from __future__ import annotations

import importlib
import inspect
import io
import sys
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from xl_addin import udfs
from xl_addin.catalog import EXCEL_CATEGORY, FUNCTIONS

# The table of issue 2, typed by hand: name → argument names ([name] = optional).
DOCUMENTED = {
    "ELISA_VOLUME": ["planned_screenings"],
    "IMMUNOBLOT_VOLUME": ["elisa_positive"],
    "IMMUNE_STATUS_VOLUME": ["on_art", "starting_art", "observed"],
    "VIRAL_LOAD_VOLUME": ["on_art", "starting_art", "observed", "[examined]"],
    "VIRAL_LOAD_REPEAT_SHARE": ["examined"],
    "HIV_DNA_VOLUME": ["pregnant_expecting_birth", "[births]"],
    "HIV_DNA_REPEAT_SHARE": ["births"],
    "EXPRESS_TEST_VOLUME": ["unobserved_pregnant", "emergency_transfusions"],
    "P24_SCREEN_VOLUME": ["elisa_positive_to_ib", "ib_positive_or_indeterminate"],
    "P24_CONFIRM_VOLUME": ["p24_positive"],
    "RESISTANCE_TEST_LIMIT": ["on_art"],
    "HBV_SCREEN_VOLUME": ["hiv_examined_by_year"],
    "HCV_SCREEN_VOLUME": ["hiv_examined_by_year"],
    "HBV_CONFIRM_VOLUME": ["hiv_examined_by_year"],
    "HCV_CONFIRM_VOLUME": ["hiv_examined_by_year"],
    "HBV_PCR_QUAL_VOLUME": ["newly_registered"],
    "HBV_PCR_QUANT_VOLUME": ["newly_registered", "treated"],
    "ANTI_HBC_IGM_VOLUME": ["acute_hepatitis_by_year", "chronic_hbv_registered"],
    "HBV_MARKER_VOLUME": ["hbsag_positive"],
    "ANTI_HAV_IGM_VOLUME": ["acute_hepatitis_by_year"],
    "HCV_PCR_QUAL_VOLUME": ["newly_registered", "treated"],
    "HCV_PCR_QUANT_VOLUME": ["starting_treatment", "treated"],
    "HCV_GENOTYPING_VOLUME": ["starting_treatment"],
    "DISPENSARY_EXPECTED": ["detected_cumulative"],
    "ART_NEED_RANGE": ["base"],
    "ART_COVERAGE_CHECK": ["planned_on_art", "base", "[estimate]"],
    "TREATMENT_NEED_RANGE": ["detected_cumulative"],
    "FIRST_LINE_PATIENTS": ["to_treat"],
    "RESERVE_LINE_PATIENTS": ["to_treat"],
    "KITS_TREATABLE_MIN": ["pi_kits", "nnrti_kits"],
    "ANNUAL_KITS_NEEDED": ["continuing", "starting", "[reserve_left]"],
    "ANNUAL_KITS_BY_PLAN": ["continuing", "starts_by_period", "[reserve_left]"],
    "REGIMEN_BALANCE_CHECK": ["component1_kits", "component2_kits", "component3_kits", "[tolerance]"],
    "COMPONENT2_EXCESS_CHECK": ["component1_kits", "component2_kits", "component3_kits", "pmtct_courses"],
    "LINE_SHARE_CHECK": ["first_line_kits", "reserve_kits", "[tolerance]"],
    "PMTCT_PREGNANT_ESTIMATE": ["births_year_before", "births_last_year"],
    "PMTCT_FULL_COURSE": ["pregnant_expecting_birth"],
    "PMTCT_SHORT_COURSE": ["pregnant_expecting_birth"],
    "ART_NEED_COEFFICIENT": ["years_since_detection"],
    "ART_NEED_ESTIMATE": ["registered_by_years_since_detection"],
    "ART_NEED_2006": ["subject"],
    # issue 10: the order's arithmetic (not from the letter)
    "PACKS_TO_ORDER": ["need", "stock_on_hand", "pipeline", "pack_size", "[buffer_months]", "[expiring]"],
    "ORDER_COST": ["packs", "price_per_pack"],
    "MONTHS_OF_STOCK": ["stock_on_hand", "need"],
    "CONSUMPTION_DEVIATION": ["requested", "last_year_consumption"],
}
RANGE_ARGUMENTS = {
    "hiv_examined_by_year",
    "acute_hepatitis_by_year",
    "starts_by_period",
    "registered_by_years_since_detection",
}


def _excel_functions() -> dict[str, Callable[..., Any]]:
    return {
        name: value
        for name, value in vars(udfs).items()
        if name.isupper() and callable(value) and getattr(value, "__module__", "") == udfs.__name__
    }


def _shown(function: Callable[..., Any]) -> list[str]:
    return [
        f"[{name}]" if parameter.default is not inspect.Parameter.empty else name
        for name, parameter in inspect.signature(function).parameters.items()
    ]


def test_udfs_exposes_exactly_the_documented_functions_and_arguments() -> None:
    assert {name: _shown(f) for name, f in _excel_functions().items()} == DOCUMENTED


@pytest.mark.parametrize("name", list(DOCUMENTED))
def test_help_texts_fit_excels_255_characters_and_are_russian(name: str) -> None:
    function = getattr(udfs, name)
    first_line = function.__doc__.splitlines()[0]
    assert 0 < len(function.__doc__) <= 255
    assert any("а" <= ch <= "я" for ch in first_line.lower())
    hints = typing.get_type_hints(function, include_extras=True)
    for argument in inspect.signature(function).parameters:
        options = typing.get_args(hints[argument])[1]
        assert 0 < len(options["doc"]) <= 255
        assert options.get("ndim") == (1 if argument in RANGE_ARGUMENTS else None)


@pytest.mark.parametrize("name", list(DOCUMENTED))
def test_each_function_gives_its_worked_example_as_excel_would_pass_it(name: str) -> None:
    example = FUNCTIONS[name].example
    assert getattr(udfs, name)(*example.args) == example.result


def test_values_as_excel_passes_them() -> None:
    assert udfs.ELISA_VOLUME(1000.0) == 1200
    assert udfs.ART_NEED_RANGE(1000.0) == [130, 200]
    assert udfs.ART_NEED_RANGE(8.0) == [1, 2]  # 1,04 → 1; 1,6 → 2
    assert udfs.TREATMENT_NEED_RANGE(1000.0) == [104, 160]  # 800 under observation; 104; 160
    assert (
        udfs.ART_COVERAGE_CHECK(250.0, 1000.0)
        == "Охват АРТ выше 20 %: запланировано 250, допустимо не более 200 (лишних 50)"
    )
    assert udfs.ART_COVERAGE_CHECK(250.0, 1000.0, None) == udfs.ART_COVERAGE_CHECK(250.0, 1000.0)  # a blank estimate
    assert udfs.ART_COVERAGE_CHECK(250.0, 1000.0, 260.0) == "OK"  # 250 ≤ 260
    assert udfs.COMPONENT2_EXCESS_CHECK(1000.0, 1110.0, 980.0, 60.0) == "OK"  # 1000 + 50 + 60
    assert udfs.PMTCT_PREGNANT_ESTIMATE(120.0, 100.0) == 80  # 100 + (100 − 120)
    assert udfs.PMTCT_PREGNANT_ESTIMATE(100.0, 40.0) == 0  # 40 − 60 < 0 → 0
    assert udfs.VIRAL_LOAD_REPEAT_SHARE(5001.0) == 0.15
    assert udfs.HBV_SCREEN_VOLUME([[1000.0], [1000.0], [1000.0], [1000.0], [1001.0]]) == 1161
    assert udfs.PACKS_TO_ORDER(1201.0, 0.0, 0.0, 60.0) == 21  # 20,02 → 21
    assert udfs.ORDER_COST(3.0, 0.1) == 0.3  # exactly the float 0.3
    assert udfs.MONTHS_OF_STOCK(1.0, 7.0) == 1.7  # 12/7 = 1,714… → 1,7
    assert udfs.CONSUMPTION_DEVIATION(90.0, 100.0) == -0.1
    assert udfs.PACKS_TO_ORDER(1.0, 0.0, 0.0, 0.0) == "#pack_size = 0: нужно целое число больше 0"
    assert udfs.P24_SCREEN_VOLUME(10.0, 11.0) == (
        "#ib_positive_or_indeterminate = 11: больше, чем направлено на ИБ (elisa_positive_to_ib = 10)"
    )


@pytest.fixture()
def real_xlwings_udfs(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """xlwings/udfs.py imported for real; only its Windows COM imports get stand-in modules."""
    client = types.ModuleType("win32com.client")
    client.Dispatch = None  # type: ignore[attr-defined]
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None  # type: ignore[attr-defined]  # a thread-pool initializer, never run here
    win32com = types.ModuleType("win32com")
    win32com.client = client  # type: ignore[attr-defined]
    for name, module in {
        "pythoncom": pythoncom,
        "pywintypes": types.ModuleType("pywintypes"),
        "win32com": win32com,
        "win32com.client": client,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)
    yield importlib.import_module("xlwings.udfs")
    sys.modules.pop("xlwings.udfs", None)


def test_xlwings_reads_the_names_docs_and_ranges_as_documented(real_xlwings_udfs: types.ModuleType) -> None:
    module = types.ModuleType("xl_addin_udfs_copy")
    for name, function in _excel_functions().items():
        copy = types.FunctionType(function.__code__, function.__globals__, name, function.__defaults__)
        copy.__doc__, copy.__annotations__ = function.__doc__, dict(function.__annotations__)
        real_xlwings_udfs.xlfunc(category=EXCEL_CATEGORY)(copy)
        setattr(module, name, copy)
        info = copy.__xlfunc__  # type: ignore[attr-defined]
        assert info["ret"]["doc"] == FUNCTIONS[name].wizard_text
        assert [arg["doc"] for arg in info["args"]] == [a.doc for a in FUNCTIONS[name].arguments]
        assert [arg["options"].get("ndim") for arg in info["args"]] == [
            1 if a.kind.is_range else None for a in FUNCTIONS[name].arguments
        ]
        assert info["category"] == "xl_addin"

    vba = io.StringIO()
    workbook = types.SimpleNamespace(Name="request.xlsm")
    real_xlwings_udfs.generate_vba_wrapper("xl_addin.udfs", module, vba, workbook)
    code = vba.getvalue()
    declared = {
        line.split("(")[0].removeprefix("Function "): line.split("(")[1].rstrip(")").split(", ")
        for line in code.splitlines()
        if line.startswith("Function ")
    }
    expected = {
        name: [a.strip("[]") if a[0] != "[" else f"Optional {a.strip('[]')}" for a in args]
        for name, args in DOCUMENTED.items()
    }
    assert declared == expected
    assert 'ELISA_VOLUME = XLPy.CallUDF("xl_addin.udfs", "ELISA_VOLUME", Array(planned_screenings)' in code
