"""The Python half of tests/lite/runner.mjs: what xlwings Lite does with the project, run inside Pyodide.

Node loads this file into Pyodide and calls its functions in the order xlwings Lite works:
:func:`install` installs xlwings (Lite's own) and then the project's wheel the way Lite installs a
line of requirements.txt (micropip, dependencies included); :func:`run_pytest` runs the core's
tests and doctests; :func:`register` executes the pasted main.py as a fresh module named ``main``
and returns its registration (``xlwings.server.custom_functions_meta``); :func:`call` takes the
request body Excel's JavaScript side builds (a JS object) and answers through
``xlwings.server.custom_functions_call``, an exception becoming ``{"error": …}`` as Lite turns it
into ``#VALUE!``.  Everything here imports inside the functions: CPython collects this module for
doctests and must be able to import it.
"""

from __future__ import annotations

import sys
import time
import types
from typing import Any

#: Packages the functions must never bring into Lite (they would be downloaded for nothing or,
#: for python-calamine, not be found at all).
FORBIDDEN = ("numpy", "pandas", "openpyxl", "python_calamine", "pebble", "tqdm", "defusedxml", "et_xmlfile")

_main: types.ModuleType | None = None


async def install(xlwings_wheel: str, project_wheel: str) -> dict[str, Any]:
    """Install xlwings, then the project as Lite does; what the project's line installed and the seconds taken."""
    import micropip

    started = time.perf_counter()
    await micropip.install("emfs:" + xlwings_wheel, deps=False)  # Lite brings its xlwings itself
    with_xlwings = set(micropip.list())
    await micropip.install("emfs:" + project_wheel)  # with its dependencies, as requirements.txt is installed
    return {
        "installed": sorted(set(micropip.list()) - with_xlwings),
        "seconds": time.perf_counter() - started,
    }


async def run_pytest(wheels: list[str], repo: str, arguments: list[str]) -> dict[str, Any]:
    """Run pytest in Pyodide on ``arguments``; the count of each outcome and the failures' reports."""
    import micropip

    wheels, arguments = _python(wheels), _python(arguments)
    for wheel in wheels:
        await micropip.install("emfs:" + wheel, deps=False)
    import pytest

    class Outcomes:
        """Counts every test's outcome (a skip during setup counts as a skip)."""

        def __init__(self) -> None:
            self.counts: dict[str, int] = {}
            self.failures: list[str] = []

        def pytest_runtest_logreport(self, report: Any) -> None:
            if report.when == "call" or report.outcome != "passed":
                self.counts[report.outcome] = self.counts.get(report.outcome, 0) + 1
                if report.outcome == "failed":
                    self.failures.append(f"{report.nodeid}: {report.longreprtext[-2000:]}")

        def pytest_collectreport(self, report: Any) -> None:
            if report.outcome == "failed":
                self.failures.append(f"collection {report.nodeid}: {report.longreprtext[-2000:]}")

    sys.path.insert(0, repo)  # `from tests.conftest import …`, as from the repository root
    outcomes = Outcomes()
    started = time.perf_counter()
    exit_code = pytest.main(arguments, plugins=[outcomes])
    return {
        "exit_code": int(exit_code),
        "counts": outcomes.counts,
        "failures": outcomes.failures,
        "seconds": time.perf_counter() - started,
    }


def register(main_source: str) -> dict[str, Any]:
    """Execute main.py as the module ``main`` (as Lite runs the main.py tab) and return its registration."""
    global _main  # noqa: PLW0603 - the one module Lite keeps between calls
    import xlwings
    import xlwings.server

    started = time.perf_counter()
    module = types.ModuleType("main")
    exec(compile(main_source, "main.py", "exec"), module.__dict__)
    sys.modules["main"] = module
    meta = xlwings.server.custom_functions_meta(module)
    _main = module
    return {
        "meta": meta,
        "xlwings": xlwings.__version__,
        "on_server": xlwings.on_server,
        "forbidden_loaded": sorted(name for name in sys.modules if name.split(".")[0] in FORBIDDEN),
        "seconds": time.perf_counter() - started,
    }


async def call(body: Any) -> Any:
    """Answer one custom-function request of Excel's JavaScript side (a JS object) as Lite does."""
    import xlwings.server
    from pyodide.ffi import to_js

    data = body.to_py()
    try:
        result = await xlwings.server.custom_functions_call(data, _main)
    except Exception as error:  # noqa: BLE001 - Lite shows any exception as #VALUE! with its text
        result = {"error": f"{type(error).__name__}: {error}"}
    return to_js(result, dict_converter=_object_from_entries())


def _python(value: Any) -> Any:
    """A JavaScript value handed over from Node (a JsProxy) as the Python value it holds."""
    return value.to_py() if hasattr(value, "to_py") else value


def _object_from_entries() -> Any:
    from js import Object

    return Object.fromEntries
