"""The host side of the xlwings Lite proof: build the wheel, write the job, run Pyodide under Node.

Used by tests/lite/test_pyodide.py and benchmarks/bench_lite.py.  What Pyodide needs comes from
tests/lite/prepare.sh (the npm package pyodide, pinned by package-lock.json, and the wheels of
pyodide-wheels.txt from PyPI); the project's own wheel is built here, offline, from a copy of the
sources (``pip wheel --no-deps --no-build-isolation``: the working tree gets no build/ folder).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import shared_criteria
from xl_addin.catalog import ExcelFunction

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
WHEELS = HERE / "wheels"
PYODIDE = HERE / "node_modules" / "pyodide"
#: Set by .ci/run: there the Pyodide proof must run, never skip.
REQUIRE = "XL_ADDIN_REQUIRE_PYODIDE"
#: What xlwings Lite sets for the Python it runs (the key: PolyForm Noncommercial use, docs/lite.md).
LITE_ENV = {"HOME": "/home/pyodide", "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}


@dataclass(frozen=True)
class Setup:
    """Where the prepared pieces are: Node and the wheels copied into Pyodide (micropip loads from WHEELS)."""

    node: str
    xlwings_wheel: Path
    pytest_wheels: tuple[Path, ...]


def missing_setup() -> str | None:
    """Why the Pyodide proof cannot run here (None when it can): the piece missing and the command that fetches it."""
    if shutil.which("node") is None:
        return "node is not installed (the proof runs Pyodide under Node.js 18+)"
    if not (PYODIDE / "pyodide.asm.wasm").is_file():
        return f"{PYODIDE} is missing: run tests/lite/prepare.sh (npm ci)"
    wanted = [line.split("==")[0] for line in _pinned()]
    found = {path.name.split("-")[0].lower() for path in WHEELS.glob("*.whl")}
    absent = [name for name in wanted if name.lower() not in found]
    if absent:
        return f"wheels {', '.join(absent)} are missing in {WHEELS}: run tests/lite/prepare.sh (pip download)"
    return None


def _pinned() -> list[str]:
    lines = (HERE / "pyodide-wheels.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _wheel(name: str) -> Path:
    version = next(line.split("==")[1] for line in _pinned() if line.split("==")[0] == name)
    return WHEELS / f"{name}-{version}-py3-none-any.whl"


def setup() -> Setup:
    """The prepared pieces (call :func:`missing_setup` first)."""
    node = shutil.which("node")
    assert node is not None
    pytest_wheels = tuple(_wheel(name) for name in ("pytest", "pluggy", "iniconfig"))
    return Setup(node, _wheel("xlwings"), pytest_wheels)


def build_wheel(work: Path) -> Path:
    """The project's wheel, built from a copy of pyproject.toml, README.md and xl_addin/ (no network)."""
    source = work / "source"
    shutil.copytree(REPO / "xl_addin", source / "xl_addin", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
    done = subprocess.run(
        [*command, "--wheel-dir", str(work / "dist"), str(source)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:  # most likely an old setuptools: the test extra asks for setuptools>=70.1
        raise RuntimeError(f"pip wheel failed (pip install -e '.[test]' brings setuptools>=70.1):\n{done.stderr}")
    (wheel,) = (work / "dist").glob("xl_addin-*-py3-none-any.whl")
    return wheel


def office_js_args(args: Iterable[Any]) -> list[Any]:
    """The arguments of a call as Excel's JavaScript side sends them: each a 2-D array (a range as one row).

    >>> office_js_args([1000.0, [1.0, 2.0], None, "Тульская область"])
    [[[1000.0]], [[1.0, 2.0]], [[None]], [['Тульская область']]]
    """
    return [[list(value)] if isinstance(value, (list, tuple)) else [[value]] for value in args]


def pytest_files(repo: Path = REPO) -> dict[str, Path]:
    """The files the core's tests need in Pyodide: tests/core, the tests package and ../shared/criteria, reached
    through ``shared_criteria`` as every test reaches it (a missing one skips the proof, fails under
    XL_ADDIN_REQUIRE_SHARED=1)."""
    files = {f"/repo/tests/{name}": repo / "tests" / name for name in ("__init__.py", "conftest.py")}
    files.update({f"/repo/tests/core/{p.name}": p for p in sorted((repo / "tests" / "core").glob("*.py"))})
    criteria = shared_criteria("art-need-2006-by-region.csv").parent
    files.update({f"/shared/criteria/{p.name}": p for p in sorted(criteria.iterdir()) if p.is_file()})
    return files


#: The core's tests and the doctests of the modules Lite runs (xl_addin as installed in Pyodide).
PYTEST_ARGS = [
    "-q", "-p", "no:cacheprovider", "--import-mode=importlib", "-W", "error", "-rs",
    "--rootdir=/repo", "--doctest-modules", "/repo/tests/core",
    "/lib/python3.12/site-packages/xl_addin/core", "/lib/python3.12/site-packages/xl_addin/catalog",
    "/lib/python3.12/site-packages/xl_addin/udfs.py", "/lib/python3.12/site-packages/xl_addin/errors.py",
]  # fmt: skip


def run(
    work: Path,
    main_source: str,
    requests: Sequence[dict[str, Any]],
    *,
    with_pytest: bool = True,
    repeat: dict[str, Any] | None = None,
    wheel: Path | None = None,
    timeout: float = 300,
) -> dict[str, Any]:
    """Run tests/lite/runner.mjs once; its result (see there) and Python's output in Pyodide (``log``)."""
    pieces = setup()
    project_wheel = wheel or build_wheel(work)
    files = {f"/wheels/{p.name}": p for p in (project_wheel, pieces.xlwings_wheel, *pieces.pytest_wheels)}
    env = dict(LITE_ENV)
    if with_pytest:
        # ../shared/criteria sits at /shared/criteria; tests/conftest.py finds it from /repo/tests
        files.update(pytest_files())
        if os.environ.get("XL_ADDIN_REQUIRE_SHARED") == "1":
            env["XL_ADDIN_REQUIRE_SHARED"] = "1"
    job = {
        "package_cache_dir": str(WHEELS) + os.sep,
        "env": env,
        "files": {target: str(source) for target, source in files.items()},
        "module": str(HERE / "in_pyodide.py"),
        "xlwings_wheel": f"/wheels/{pieces.xlwings_wheel.name}",
        "project_wheel": f"/wheels/{project_wheel.name}",
        "pytest": {
            "wheels": [f"/wheels/{p.name}" for p in pieces.pytest_wheels],
            "repo": "/repo",
            "args": PYTEST_ARGS,
        }
        if with_pytest
        else None,
        "main_source": main_source,
        "requests": list(requests),
        "repeat": repeat,
    }
    job_file = work / "job.json"
    job_file.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [pieces.node, str(HERE / "runner.mjs"), str(job_file)],
        cwd=HERE,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"runner.mjs failed ({done.returncode}):\n{done.stderr[-6000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["log"] = done.stderr
    return result


def registration(function: ExcelFunction) -> dict[str, Any]:
    """What Excel must receive for ``function``: its name, Russian description and each argument's name, help, optionality."""
    return {
        "name": function.name,
        "description": function.wizard_text,
        "parameters": [
            {"name": argument.name, "description": argument.doc, "optional": argument.optional}
            for argument in function.arguments
        ],
    }


def registered(meta: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The same fields, by name, from ``xlwings.server.custom_functions_meta``'s answer."""
    return {
        entry["name"]: {
            "name": entry["name"],
            "description": entry["description"],
            "parameters": [
                {"name": p["name"], "description": p["description"], "optional": p.get("optional", False)}
                for p in entry["parameters"]
            ],
        }
        for entry in meta["functions"]
    }


def as_shown(result: Any) -> list[list[Any]]:
    """A function's result as Office.js returns it to Excel: a 2-D array, a pair as one row.

    >>> as_shown(1200), as_shown([130, 200])
    ([[1200]], [[130, 200]])
    """
    return [list(result)] if isinstance(result, (list, tuple)) else [[result]]
