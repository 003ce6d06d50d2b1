"""The Excel functions of xl_addin: the module named in xlwings' *UDF Modules* setting.

Each function is a thin wrapper: the catalogue (``xl_addin.catalog``) gives its
Function Wizard text and argument help, the core computes, and a project error
becomes a short cell text starting with ``#`` (so SUM can never silently skip
it unnoticed: the workbook's checks test ISNUMBER).  Only this module imports
xlwings.  On Linux xlwings' decorators do nothing and the functions are plain
callables: ``ELISA_VOLUME(1000.0) == 1200``.

>>> ELISA_VOLUME(1000.0)
1200
>>> ELISA_VOLUME(-5.0)
'#planned_screenings = -5: отрицательное число недопустимо'

An error cell (#N/A, #DIV/0! …) in any argument is never taken for a blank:
every argument reads it as its text (xlwings' ``err_to_str``), and the text
comes back as this argument's error, as the native workbook shows #N/A.

>>> VIRAL_LOAD_VOLUME(10.0, 0.0, 10.0, "#N/A")
'#examined = «#N/A»: в ячейке ошибка — сначала исправьте её'
"""

import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import xlwings as xw

from xl_addin.catalog import EXCEL_CATEGORY, FUNCTIONS
from xl_addin.errors import InputError, XlAddinError

_F = TypeVar("_F", bound=Callable[..., Any])

#: COM hands an Excel error value over as the int 0x800A0000 + its code (XlCVError: #N/A is 2042 → -2146826246).
_VT_ERROR_BASE = 0x800A0000 - 2**32
#: The codes of XlCVError (Microsoft's VBA reference).  xlwings' ``err_to_str`` turns the first seven
#: into their text (``xlwings/_xlwindows.py``, ``cell_errors``) and passes any other on as the int.
_EXCEL_ERROR_CODES = {
    2000: "#NULL!",
    2007: "#DIV/0!",
    2015: "#VALUE!",
    2023: "#REF!",
    2029: "#NAME?",
    2036: "#NUM!",
    2042: "#N/A",
    2045: "#SPILL!",
}


def _from_catalog(function: _F) -> _F:
    """Give ``function`` its catalogue docstring and xlwings argument metadata (``Annotated``).

    xlwings reads the first 255 characters of ``__doc__`` for the Function
    Wizard and ``Annotated[..., {"doc": …, "ndim": 1}]`` for each argument.
    Every argument also gets ``err_to_str``: without it xlwings hands an error
    cell to Python as ``None``, the same as a blank, and an optional argument
    would silently take its default; with it the error arrives as its text
    ("#N/A"), which :func:`_call` turns into this argument's error.
    """
    spec = FUNCTIONS[function.__name__]
    parameters = list(inspect.signature(function).parameters)
    documented = [argument.name for argument in spec.arguments]
    if parameters != documented:
        raise TypeError(f"{function.__name__}: arguments {parameters} differ from the catalogue {documented}")
    function.__doc__ = spec.wizard_text
    function.__annotations__ = {
        argument.name: Annotated[Any, {**argument.xlwings_options(), "err_to_str": True}] for argument in spec.arguments
    }
    return function


def _excel_error(value: Any) -> str | None:
    """The error a cell value stands for, as Excel shows it; None for any other value.

    A text starting with ``#`` is an Excel error read with ``err_to_str`` (or another
    function's ``#…`` error text); an int in COM's error range is an error xlwings
    passed on as it came (one newer than its list, such as #SPILL!).  No argument
    accepts either: numbers arrive as floats and a subject's name never starts with ``#``.

    >>> _excel_error("#N/A"), _excel_error(-2146826243), _excel_error(-2146826238), _excel_error(5.0)
    ('#N/A', '#SPILL!', '#CVErr(2050)', None)
    """
    if isinstance(value, str) and value.startswith("#"):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value - _VT_ERROR_BASE in range(2000, 2100):
        code = value - _VT_ERROR_BASE
        return _EXCEL_ERROR_CODES.get(code, f"#CVErr({code})")
    return None


def _flat(value: list[Any] | tuple[Any, ...]) -> list[Any]:
    """The cells of a range (a 1-D or 2-D list) row by row."""
    return [cell for item in value for cell in (_flat(item) if isinstance(item, (list, tuple)) else [item])]


def _refuse_errors(name: str, args: tuple[Any, ...]) -> None:
    """Raise the first argument's error whose value (or, for a range, one of its cells) is an Excel error."""
    for argument, value in zip(FUNCTIONS[name].arguments, args, strict=False):
        cells = _flat(value) if isinstance(value, (list, tuple)) else None
        for position, cell in enumerate(cells if cells is not None else [value], start=1):
            error = _excel_error(cell)
            if error is not None:
                where = position if cells is not None else None
                raise InputError(argument.name, error, "в ячейке ошибка — сначала исправьте её", where)


def _call(name: str, *args: Any) -> Any:
    """Evaluate a catalogue function; an Excel error in an argument and the project's own errors become a ``#…`` cell text."""
    try:
        _refuse_errors(name, args)
        return FUNCTIONS[name].evaluate(*args)
    except XlAddinError as error:
        return error.cell_text()


# --- ВИЧ-инфекция (Приложение 1, разделы I–IX) -----------------------------


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ELISA_VOLUME(planned_screenings):  # noqa: N802 - Excel function names are upper case
    return _call("ELISA_VOLUME", planned_screenings)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def IMMUNOBLOT_VOLUME(elisa_positive):  # noqa: N802 - Excel function names are upper case
    return _call("IMMUNOBLOT_VOLUME", elisa_positive)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def IMMUNE_STATUS_VOLUME(on_art, starting_art, observed):  # noqa: N802 - Excel function names are upper case
    return _call("IMMUNE_STATUS_VOLUME", on_art, starting_art, observed)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def VIRAL_LOAD_VOLUME(on_art, starting_art, observed, examined=None):  # noqa: N802 - Excel function names are upper case
    return _call("VIRAL_LOAD_VOLUME", on_art, starting_art, observed, examined)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def VIRAL_LOAD_REPEAT_SHARE(examined):  # noqa: N802 - Excel function names are upper case
    return _call("VIRAL_LOAD_REPEAT_SHARE", examined)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HIV_DNA_VOLUME(pregnant_expecting_birth, births=None):  # noqa: N802 - Excel function names are upper case
    return _call("HIV_DNA_VOLUME", pregnant_expecting_birth, births)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HIV_DNA_REPEAT_SHARE(births):  # noqa: N802 - Excel function names are upper case
    return _call("HIV_DNA_REPEAT_SHARE", births)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def EXPRESS_TEST_VOLUME(unobserved_pregnant, emergency_transfusions):  # noqa: N802 - Excel function names are upper case
    return _call("EXPRESS_TEST_VOLUME", unobserved_pregnant, emergency_transfusions)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def P24_SCREEN_VOLUME(elisa_positive_to_ib, ib_positive_or_indeterminate):  # noqa: N802 - Excel function names are upper case
    return _call("P24_SCREEN_VOLUME", elisa_positive_to_ib, ib_positive_or_indeterminate)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def P24_CONFIRM_VOLUME(p24_positive):  # noqa: N802 - Excel function names are upper case
    return _call("P24_CONFIRM_VOLUME", p24_positive)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def RESISTANCE_TEST_LIMIT(on_art):  # noqa: N802 - Excel function names are upper case
    return _call("RESISTANCE_TEST_LIMIT", on_art)


# --- Гепатиты B и C (Приложение 1) -----------------------------------------


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HBV_SCREEN_VOLUME(hiv_examined_by_year):  # noqa: N802 - Excel function names are upper case
    return _call("HBV_SCREEN_VOLUME", hiv_examined_by_year)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HCV_SCREEN_VOLUME(hiv_examined_by_year):  # noqa: N802 - Excel function names are upper case
    return _call("HCV_SCREEN_VOLUME", hiv_examined_by_year)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HBV_CONFIRM_VOLUME(hiv_examined_by_year):  # noqa: N802 - Excel function names are upper case
    return _call("HBV_CONFIRM_VOLUME", hiv_examined_by_year)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HCV_CONFIRM_VOLUME(hiv_examined_by_year):  # noqa: N802 - Excel function names are upper case
    return _call("HCV_CONFIRM_VOLUME", hiv_examined_by_year)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HBV_PCR_QUAL_VOLUME(newly_registered):  # noqa: N802 - Excel function names are upper case
    return _call("HBV_PCR_QUAL_VOLUME", newly_registered)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HBV_PCR_QUANT_VOLUME(newly_registered, treated):  # noqa: N802 - Excel function names are upper case
    return _call("HBV_PCR_QUANT_VOLUME", newly_registered, treated)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ANTI_HBC_IGM_VOLUME(acute_hepatitis_by_year, chronic_hbv_registered):  # noqa: N802 - Excel function names are upper case
    return _call("ANTI_HBC_IGM_VOLUME", acute_hepatitis_by_year, chronic_hbv_registered)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HBV_MARKER_VOLUME(hbsag_positive):  # noqa: N802 - Excel function names are upper case
    return _call("HBV_MARKER_VOLUME", hbsag_positive)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ANTI_HAV_IGM_VOLUME(acute_hepatitis_by_year):  # noqa: N802 - Excel function names are upper case
    return _call("ANTI_HAV_IGM_VOLUME", acute_hepatitis_by_year)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HCV_PCR_QUAL_VOLUME(newly_registered, treated):  # noqa: N802 - Excel function names are upper case
    return _call("HCV_PCR_QUAL_VOLUME", newly_registered, treated)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HCV_PCR_QUANT_VOLUME(starting_treatment, treated):  # noqa: N802 - Excel function names are upper case
    return _call("HCV_PCR_QUANT_VOLUME", starting_treatment, treated)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def HCV_GENOTYPING_VOLUME(starting_treatment):  # noqa: N802 - Excel function names are upper case
    return _call("HCV_GENOTYPING_VOLUME", starting_treatment)


# --- Антиретровирусные препараты (Приложение 2) ----------------------------


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def DISPENSARY_EXPECTED(detected_cumulative):  # noqa: N802 - Excel function names are upper case
    return _call("DISPENSARY_EXPECTED", detected_cumulative)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ART_NEED_RANGE(base):  # noqa: N802 - Excel function names are upper case
    return _call("ART_NEED_RANGE", base)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ART_COVERAGE_CHECK(planned_on_art, base, estimate=None):  # noqa: N802 - Excel function names are upper case
    return _call("ART_COVERAGE_CHECK", planned_on_art, base, estimate)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def TREATMENT_NEED_RANGE(detected_cumulative):  # noqa: N802 - Excel function names are upper case
    return _call("TREATMENT_NEED_RANGE", detected_cumulative)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def FIRST_LINE_PATIENTS(to_treat):  # noqa: N802 - Excel function names are upper case
    return _call("FIRST_LINE_PATIENTS", to_treat)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def RESERVE_LINE_PATIENTS(to_treat):  # noqa: N802 - Excel function names are upper case
    return _call("RESERVE_LINE_PATIENTS", to_treat)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def KITS_TREATABLE_MIN(pi_kits, nnrti_kits):  # noqa: N802 - Excel function names are upper case
    return _call("KITS_TREATABLE_MIN", pi_kits, nnrti_kits)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ANNUAL_KITS_NEEDED(continuing, starting, reserve_left=None):  # noqa: N802 - Excel function names are upper case
    return _call("ANNUAL_KITS_NEEDED", continuing, starting, reserve_left)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ANNUAL_KITS_BY_PLAN(continuing, starts_by_period, reserve_left=None):  # noqa: N802 - Excel function names are upper case
    return _call("ANNUAL_KITS_BY_PLAN", continuing, starts_by_period, reserve_left)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def REGIMEN_BALANCE_CHECK(component1_kits, component2_kits, component3_kits, tolerance=None):  # noqa: N802 - Excel function names are upper case
    return _call("REGIMEN_BALANCE_CHECK", component1_kits, component2_kits, component3_kits, tolerance)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def COMPONENT2_EXCESS_CHECK(component1_kits, component2_kits, component3_kits, pmtct_courses):  # noqa: N802 - Excel function names are upper case
    return _call("COMPONENT2_EXCESS_CHECK", component1_kits, component2_kits, component3_kits, pmtct_courses)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def LINE_SHARE_CHECK(first_line_kits, reserve_kits, tolerance=None):  # noqa: N802 - Excel function names are upper case
    return _call("LINE_SHARE_CHECK", first_line_kits, reserve_kits, tolerance)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def PMTCT_PREGNANT_ESTIMATE(births_year_before, births_last_year):  # noqa: N802 - Excel function names are upper case
    return _call("PMTCT_PREGNANT_ESTIMATE", births_year_before, births_last_year)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def PMTCT_FULL_COURSE(pregnant_expecting_birth):  # noqa: N802 - Excel function names are upper case
    return _call("PMTCT_FULL_COURSE", pregnant_expecting_birth)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def PMTCT_SHORT_COURSE(pregnant_expecting_birth):  # noqa: N802 - Excel function names are upper case
    return _call("PMTCT_SHORT_COURSE", pregnant_expecting_birth)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ART_NEED_COEFFICIENT(years_since_detection):  # noqa: N802 - Excel function names are upper case
    return _call("ART_NEED_COEFFICIENT", years_since_detection)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ART_NEED_ESTIMATE(registered_by_years_since_detection):  # noqa: N802 - Excel function names are upper case
    return _call("ART_NEED_ESTIMATE", registered_by_years_since_detection)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ART_NEED_2006(subject):  # noqa: N802 - Excel function names are upper case
    return _call("ART_NEED_2006", subject)


# --- Заказ: упаковки, стоимость, запасы (не из письма) ---------------------


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def PACKS_TO_ORDER(need, stock_on_hand, pipeline, pack_size, buffer_months=None, expiring=None):  # noqa: N802 - Excel function names are upper case
    return _call("PACKS_TO_ORDER", need, stock_on_hand, pipeline, pack_size, buffer_months, expiring)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def ORDER_COST(packs, price_per_pack):  # noqa: N802 - Excel function names are upper case
    return _call("ORDER_COST", packs, price_per_pack)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def MONTHS_OF_STOCK(stock_on_hand, need):  # noqa: N802 - Excel function names are upper case
    return _call("MONTHS_OF_STOCK", stock_on_hand, need)


@xw.func(category=EXCEL_CATEGORY)
@_from_catalog
def CONSUMPTION_DEVIATION(requested, last_year_consumption):  # noqa: N802 - Excel function names are upper case
    return _call("CONSUMPTION_DEVIATION", requested, last_year_consumption)
