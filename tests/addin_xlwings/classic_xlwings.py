"""xlwings' classic (Windows) UDF code, run on this machine: a script for a separate Python process.

``python classic_xlwings.py REQUEST.json RESULT.json``

Only what Windows has and Linux lacks is stubbed: the pywin32 modules (``pythoncom``,
``pywintypes``, ``win32api``, ``win32com.client`` …), ``ctypes.windll``/``oledll``, and
``sys.platform`` while ``import xlwings`` runs, so that xlwings' own ``__init__`` takes its
Windows branch: it imports ``xlwings._xlwindows``, registers the ``excel`` engine and makes
``xw.func`` the classic ``xlwings.udfs.xlfunc``.  ``xl_addin.udfs`` is then imported as
xlwings' *UDF Modules* setting imports it, and each call goes through xlwings' real
``xlwings.udfs.call_udf`` — the function the COM server runs for every formula — whose
``conversion.read`` cleans each value with ``_xlwindows._clean_value_data_element``.
*Import Functions* is ``xlwings.udfs.import_udfs`` itself, on a stand-in workbook that
records what it is given (the VBA file, ``Application.MacroOptions``).

An argument reaches ``call_udf`` as COM delivers it (the request's encoding):

* ``{"value": v}`` — a value typed in the formula or computed by it (``NA()``), as pywin32
  converts a VARIANT: a number as a float, a text as str, an error as the int of its
  HRESULT (``CVErr(xlErrNA)`` → -2146826246);
* ``{"cells": [[...]]}`` — a cell reference: VBA hands the ``Range`` object itself, and
  xlwings reads its ``.Value`` (one cell: the value; several: a tuple of row tuples);
* ``{"missing": true}`` — an optional argument left out: VBA's *Missing*, DISP_E_PARAMNOTFOUND.

Nothing happens on import: pytest's ``--doctest-modules`` imports this file too.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

MODULE = "xl_addin.udfs"
WORKBOOK = "request.xlsm"
#: DISP_E_PARAMNOTFOUND: an omitted ``Optional`` Variant, as ``call_udf`` tests for it.
MISSING = -2147352572
#: The interface id ``xlwings._xlwindows.is_range_instance`` compares with: Excel's ``Range``.
RANGE_IID = "{00020846-0000-0000-C000-000000000046}"
#: Imported before ``sys.platform`` changes, so that they pick their own Linux implementation
#: (asyncio would otherwise look for its Windows event loop).
LINUX_FIRST = ("asyncio", "concurrent.futures", "tempfile", "threading", "locale", "shlex", "subprocess", "numpy")


class _StubModule(types.ModuleType):
    """A pywin32 module: the attributes set on it, any other a placeholder class (for ``from … import``)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        placeholder = type(name, (), {})
        setattr(self, name, placeholder)
        return placeholder


class _WindowsDll:
    """A Windows DLL loaded through ctypes (ole32, oleacc, pythoncom's own): any function, doing nothing."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _WindowsDll()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return 0


def _install_com_stubs() -> None:
    """Put stand-ins for pywin32 into ``sys.modules`` (this process only)."""
    stubs = {
        name: _StubModule(name)
        for name in (
            "pythoncom",
            "pywintypes",
            "win32api",
            "win32con",
            "win32event",
            "win32gui",
            "win32process",
            "win32timezone",
            "win32com",
            "win32com.client",
            "win32com.client.gencache",
            "win32com.server",
            "win32com.server.dispatcher",
            "win32com.server.exception",
            "win32com.server.policy",
            "win32com.server.util",
        )
    }
    stubs["pywintypes"].com_error = type("com_error", (Exception,), {})  # type: ignore[attr-defined]
    stubs["pywintypes"].error = type("error", (Exception,), {})  # type: ignore[attr-defined]
    stubs["pywintypes"].IID = str  # type: ignore[attr-defined]
    stubs["pythoncom"].__file__ = "pythoncom311.dll"  # loaded with ctypes.PyDLL, stubbed too
    stubs["pythoncom"].CoInitialize = lambda: None  # type: ignore[attr-defined]
    stubs["pythoncom"].IID_IDispatch = "IID_IDispatch"  # type: ignore[attr-defined]
    stubs["pythoncom"].TypeIIDs = {"IID_IDispatch": object}  # type: ignore[attr-defined]
    stubs["win32process"].GetWindowThreadProcessId = lambda hwnd: (1, 4242)  # type: ignore[attr-defined]
    stubs["win32com.client"].Dispatch = lambda obj, *args, **kwargs: obj  # type: ignore[attr-defined]
    for name, module in stubs.items():
        if "." in name:
            parent, _, child = name.rpartition(".")
            setattr(stubs[parent], child, module)
        sys.modules[name] = module
    for name in ("windll", "oledll"):  # ctypes has them on Windows only
        if not hasattr(ctypes, name):
            setattr(ctypes, name, _WindowsDll())


def import_xlwings_as_on_windows() -> types.ModuleType:
    """``import xlwings`` as on Windows with pywin32, then ``xl_addin.udfs``; return the latter."""
    for name in LINUX_FIRST:
        importlib.import_module(name)
    _install_com_stubs()
    platform, py_dll = sys.platform, ctypes.PyDLL
    sys.platform = "win32"
    ctypes.PyDLL = lambda *args, **kwargs: _WindowsDll()  # type: ignore[assignment,misc]  # pythoncom's DLL
    try:
        import xlwings
    finally:
        sys.platform, ctypes.PyDLL = platform, py_dll  # type: ignore[misc]
    if [engine.name for engine in xlwings.engines] != ["excel"] or xlwings.func is not xlwings.udfs.xlfunc:
        raise RuntimeError("xlwings did not take its Windows branch: a stub is missing")
    return importlib.import_module(MODULE)


class ComRange:
    """An Excel ``Range`` as pywin32 hands it to Python: the attributes xlwings reads of a cell reference."""

    def __init__(self, cells: list[list[Any]]) -> None:
        self._cells = cells
        type_attr = types.SimpleNamespace(iid=RANGE_IID)
        self._oleobj_ = types.SimpleNamespace(GetTypeInfo=lambda: types.SimpleNamespace(GetTypeAttr=lambda: type_attr))
        book = types.SimpleNamespace(Name=WORKBOOK, Application=types.SimpleNamespace(Hwnd=1))
        self.Worksheet = types.SimpleNamespace(Name="Ввод", Parent=book)
        self.Row, self.Column = 7, 4
        self.Rows = types.SimpleNamespace(Count=len(cells))
        self.Columns = types.SimpleNamespace(Count=len(cells[0]))

    @property
    def Value(self) -> Any:  # noqa: N802 - COM's name
        if len(self._cells) == 1 and len(self._cells[0]) == 1:
            return self._cells[0][0]
        return tuple(tuple(row) for row in self._cells)


class Workbook:
    """The ``xl_workbook`` COM object ``import_udfs`` works on; records the VBA file and the registrations."""

    Name = WORKBOOK

    def __init__(self) -> None:
        self.vba: list[str] = []
        self.macro_options: list[dict[str, Any]] = []
        self.Worksheets = [types.SimpleNamespace(Name=name) for name in ("Ввод", "xlwings.conf")]
        components = _Components(self.vba)
        self.VBProject = types.SimpleNamespace(VBComponents=components)
        self.Application = types.SimpleNamespace(Version="16.0", MacroOptions=self._macro_options)

    def _macro_options(self, macro: str, **options: Any) -> None:
        self.macro_options.append({"macro": macro, **options})


class _Components:
    """``VBProject.VBComponents`` of a workbook that has no ``xlwings_udfs`` module yet."""

    def __init__(self, imported: list[str]) -> None:
        self.imported = imported

    def __call__(self, name: str) -> Any:
        raise sys.modules["pywintypes"].com_error(-2147352565, "Subscript out of range", None, None)

    def Remove(self, component: Any) -> None:  # noqa: N802 - COM's name
        raise AssertionError("nothing to remove")

    def Import(self, path: str) -> None:  # noqa: N802 - COM's name
        # the VBE reads the file in the system's ANSI code page: the test checks it is ASCII
        self.imported.append(Path(path).read_bytes().decode("latin-1"))


def _com_argument(encoded: dict[str, Any]) -> Any:
    if encoded.get("missing"):
        return MISSING
    if "cells" in encoded:
        return ComRange(encoded["cells"])
    return encoded["value"]


def run(request: dict[str, Any]) -> dict[str, Any]:
    """Import the functions into a workbook, then make every requested call, through xlwings."""
    udfs = import_xlwings_as_on_windows()
    xlwings_udfs = sys.modules["xlwings.udfs"]
    workbook = Workbook()
    with contextlib.redirect_stdout(sys.stderr):  # import_udfs prints what it imported
        xlwings_udfs.import_udfs(MODULE, workbook)
    calls = []
    for call in request["calls"]:
        args = tuple(_com_argument(encoded) for encoded in call["args"])
        calls.append(xlwings_udfs.call_udf(MODULE, call["function"], args, None, None))
    functions = [value for value in vars(udfs).values() if hasattr(value, "__xlfunc__")]
    return {
        "xlfunc": {
            function.__name__: [
                {"name": arg["name"], "options": arg["options"], "optional": "optional" in arg}
                for arg in function.__xlfunc__["args"]
            ]
            for function in functions
        },
        "vba": workbook.vba,
        "macro_options": workbook.macro_options,
        "calls": calls,
    }


def run_in_subprocess(calls: list[dict[str, Any]], directory: Path) -> dict[str, Any]:
    """Run this script on ``calls`` in a fresh Python (the stubs never reach the test process); return its result.

    Each call is ``{"function": NAME, "args": [encoded argument, …]}`` (see the module's docstring).
    """
    request, result = directory / "request.json", directory / "result.json"
    request.write_text(json.dumps({"calls": calls}), encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if key != "XLWINGS_ON_SERVER"}
    finished = subprocess.run(
        [sys.executable, __file__, str(request), str(result)],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"xlwings' classic code failed:\n{finished.stderr}")
    loaded: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    return loaded


def main(request_path: str, result_path: str) -> None:
    """Read the request, run it, write the result as JSON (values that JSON lacks, e.g. ``typing.Any``, as repr)."""
    result = run(json.loads(Path(request_path).read_text(encoding="utf-8")))
    Path(result_path).write_text(json.dumps(result, ensure_ascii=False, default=repr), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
