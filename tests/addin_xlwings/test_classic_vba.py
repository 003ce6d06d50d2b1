"""Issue 13: the VBA module that *Import Functions* writes, and the Function Wizard registration, checked.

*Import Functions* on the xlwings ribbon runs ``xlwings.udfs.import_udfs``: it writes
the module ``xlwings_udfs`` with ``generate_vba_wrapper`` into a file, has the VB
editor import that file and registers each function with ``Application.MacroOptions``.
``classic_xlwings`` runs that very function (xlwings' classic code, COM modules
stubbed) on a stand-in workbook that keeps the file and the registrations.  The
expected names come from the catalogue (``xl_addin.catalog.FUNCTIONS``), not from
the generated text.

VBA's limits (Microsoft's VBA reference, "Too many line continuations" and "Line too
long"): at most 1023 characters on a physical line and at most 24 continuations
(`` _``) in one logical line.  The Function Wizard and ``MacroOptions`` take at most
255 characters per description; xlwings cuts longer ones silently (``[:255]``), so
each must arrive whole.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.addin_xlwings.classic_xlwings import MODULE, WORKBOOK, run_in_subprocess
from xl_addin.catalog import EXCEL_CATEGORY, FUNCTIONS

MAX_LINE = 1023
MAX_CONTINUATIONS = 24
MAX_DESCRIPTION = 255
#: VBA's reserved identifiers (MS-VBAL 3.3.5.2): none may name an argument or a function.
_RESERVED_WORDS = """
    Abs AddressOf And Any Array As Attribute Boolean ByRef Byte ByVal Call Case CBool CByte CCur CDate CDbl CDec
    CDecl CInt Circle CLng CLngLng CLngPtr Close Const CSng CStr Currency CVar CVErr Date Debug Decimal Declare
    DefBool DefByte DefCur DefDate DefDbl DefDec DefInt DefLng DefLngLng DefLngPtr DefObj DefSng DefStr DefVar Dim
    Do DoEvents Double Each Else ElseIf Empty End EndIf Enum Eqv Erase Error Event Exit False Fix For Friend
    Function Get Global GoSub GoTo If Imp Implements In Input InputB Int Integer Is LBound Len LenB Let Like
    LineInput Lock Long LongLong LongPtr Loop LSet Me Mod New Next Not Nothing Null On Open Option Optional Or
    ParamArray Preserve Print Private PSet Public Put RaiseEvent ReDim Rem Resume Return RSet Scale Seek Select Set
    Sgn Shared Single Spc Static Stop String Sub Tab Then To True Type TypeOf UBound Unlock Until Variant Wend
    While With WithEvents Write Xor
"""
VBA_RESERVED = {word.lower() for word in _RESERVED_WORDS.split()}
DECLARATION = re.compile(r"^Function (\w+)\((.*)\)$")
CALL = re.compile(
    r'^(\w+) = XLPy\.CallUDF\("([\w.]+)", "(\w+)", Array\((.*?)\)(, ThisWorkbook, Application\.Caller)?\)$'
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What ``import_udfs`` gave the workbook: the VBA file(s) and the ``MacroOptions`` calls."""
    directory: Path = tmp_path_factory.mktemp("classic_vba")
    return run_in_subprocess([], directory)


@pytest.fixture(scope="module")
def vba(imported: dict[str, Any]) -> str:
    """The one VBA file the VB editor was asked to import."""
    files = imported["vba"]
    assert len(files) == 1
    text: str = files[0]
    return text


def _logical_lines(text: str) -> list[tuple[str, int]]:
    """VBA's logical lines (continuations `` _`` joined, indentation stripped) with their number of continuations."""
    lines, pending, continuations = [], "", 0
    for physical in text.split("\n"):
        if physical.endswith(" _"):
            pending += physical[:-2]
            continuations += 1
            continue
        lines.append(((pending + physical).strip(), continuations))
        pending, continuations = "", 0
    return lines


def _declarations(text: str) -> dict[str, list[str]]:
    """Function name → its parameter list as declared (``Optional name`` or ``name``)."""
    declared: dict[str, list[str]] = {}
    for line, _ in _logical_lines(text):
        match = DECLARATION.match(line)
        if match:
            assert match.group(1) not in declared, f"{match.group(1)} declared twice"
            declared[match.group(1)] = match.group(2).split(", ") if match.group(2) else []
    return declared


def test_the_module_is_xlwings_udfs_and_plain_ascii(vba: str) -> None:
    """The VB editor reads the file in the system's ANSI code page: Russian belongs in MacroOptions only."""
    assert vba.startswith('Attribute VB_Name = "xlwings_udfs"\n')
    assert vba.isascii()
    assert not re.search(r"^\s*(Public |Private )?Sub ", vba, flags=re.MULTILINE)


def test_one_function_per_catalogue_function_and_no_other(vba: str) -> None:
    assert sorted(_declarations(vba)) == sorted(FUNCTIONS)
    assert vba.count("\nEnd Function\n") == len(FUNCTIONS)


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_arguments_and_optional_ones_are_the_catalogues(vba: str, name: str) -> None:
    expected = [f"Optional {a.name}" if a.optional else a.name for a in FUNCTIONS[name].arguments]
    assert _declarations(vba)[name] == expected
    calls = [CALL.match(line) for line, _ in _logical_lines(vba)]
    to_python = [match for match in calls if match and match.group(1) == name]
    assert len(to_python) == 2  # Excel (with the caller) and any other host
    for match in to_python:
        assert (match.group(2), match.group(3)) == (MODULE, name)
        assert match.group(4).split(", ") == [a.name for a in FUNCTIONS[name].arguments]


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_names_are_vba_identifiers(name: str) -> None:
    for identifier in [name, *(a.name for a in FUNCTIONS[name].arguments)]:
        assert re.fullmatch(r"[A-Za-z]\w{0,254}", identifier), identifier
        assert identifier.lower() not in VBA_RESERVED, identifier


def test_no_line_exceeds_vbas_limits(vba: str) -> None:
    physical = vba.split("\n")
    assert max(len(line) for line in physical) <= MAX_LINE
    assert max(continuations for _, continuations in _logical_lines(vba)) <= MAX_CONTINUATIONS


def test_each_function_is_registered_once_in_its_category(imported: dict[str, Any]) -> None:
    registered = [options["macro"] for options in imported["macro_options"]]
    assert sorted(registered) == sorted(f"'{WORKBOOK}'!{name}" for name in FUNCTIONS)
    assert {options["Category"] for options in imported["macro_options"]} == {EXCEL_CATEGORY}


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_the_function_wizard_gets_every_description_whole(imported: dict[str, Any], name: str) -> None:
    (options,) = [options for options in imported["macro_options"] if options["macro"] == f"'{WORKBOOK}'!{name}"]
    function = FUNCTIONS[name]
    assert options["Description"] == function.wizard_text
    assert options["ArgumentDescriptions"] == [a.doc for a in function.arguments]
    for description in [options["Description"], *options["ArgumentDescriptions"]]:
        assert 0 < len(description) <= MAX_DESCRIPTION
