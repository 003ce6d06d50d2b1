"""What each part of the project needs, checked by hiding the rest (a fresh Python with an import blocker).

- The Excel functions (``xl_addin.udfs``) import and compute with xlwings alone: numpy, pandas,
  openpyxl and every other dependency hidden.  xlwings itself imports numpy and pandas whenever they
  are installed; the blocker records that it tried, so the test cannot pass with the blocker idle.
- ``pip install .`` (no extras): ``generate`` and ``refresh`` work without pandas and xlwings; the
  Python API's tables say which extra to install.
- The metadata: in Pyodide (``sys_platform == "emscripten"``) the wheel requires nothing, so xlwings
  Lite installs xl_addin alone; pandas and xlwings are extras.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from tests.lite import harness
from xl_addin.catalog import FUNCTIONS

#: Put in front of a script: hides the packages named in argv[1] (comma-separated) and records the tries.
BLOCKER = """
import importlib.abc, json, sys
HIDDEN, TRIED = set(sys.argv[1].split(",")), []
class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            TRIED.append(name.split(".")[0])
            raise ModuleNotFoundError(f"No module named {name!r} (hidden by the test)", name=name)
        return None
sys.meta_path.insert(0, Hide())
"""

FUNCTIONS_ONLY = (
    BLOCKER
    + """
import xlwings
from xl_addin import udfs
from xl_addin.catalog import FUNCTIONS
results = {name: getattr(udfs, name)(*spec.example.args) for name, spec in FUNCTIONS.items()}
print(json.dumps({"tried": sorted(set(TRIED)), "results": results,
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in HIDDEN)}, ensure_ascii=False))
"""
)

WITHOUT_EXTRAS = (
    BLOCKER
    + """
from xl_addin.cli import main
out = sys.argv[2]
codes = [main(["generate", "--out", out + "/books", "--regions", sys.argv[3]]),
         main(["refresh", out + "/books", "--out", out + "/refreshed", "--jobs", "1"])]
import xl_addin
try:
    xl_addin.read_requests(out + "/books")
    message = None
except ImportError as error:
    message = str(error)
print(json.dumps({"codes": codes, "message": message, "tried": sorted(set(TRIED)),
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in HIDDEN)}, ensure_ascii=False))
"""
)

#: Every distribution the project may use besides xlwings, as imported.
WORKBOOK_AND_ANALYSIS = ["numpy", "pandas", "openpyxl", "et_xmlfile", "defusedxml", "python_calamine", "pebble"]
WORKBOOK_AND_ANALYSIS += ["tqdm", "matplotlib"]


def _python(script: str, *arguments: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        capture_output=True, text=True, encoding="utf-8", check=False, timeout=300,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}, "PYTHONUTF8": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_the_functions_import_and_compute_with_xlwings_alone() -> None:
    found = _python(FUNCTIONS_ONLY, ",".join(WORKBOOK_AND_ANALYSIS))
    assert {"numpy", "pandas"} <= set(found["tried"])  # xlwings tried them: the blocker was in the way
    assert found["loaded"] == []
    expected = {name: spec.example.result for name, spec in FUNCTIONS.items()}
    assert {name: harness.as_shown(value) for name, value in found["results"].items()} == {
        name: harness.as_shown(value) for name, value in expected.items()
    }


def test_generate_and_refresh_need_no_extra_and_the_api_names_its_extra(tmp_path: Path) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("Тульская область\nПермский край\n", encoding="utf-8")
    found = _python(WITHOUT_EXTRAS, "pandas,numpy,matplotlib,xlwings", str(tmp_path), str(regions))
    assert found["codes"] == [0, 1]  # blank books: refresh reports their empty inputs as errors (exit code 1)
    assert sorted(path.suffix for path in (tmp_path / "books").iterdir()) == [".xlsx", ".xlsx"]
    assert {"national.xlsx", "national.csv", "problems.csv"} <= {p.name for p in (tmp_path / "refreshed").iterdir()}
    assert found["loaded"] == []
    assert "pandas" in found["tried"]  # read_requests reached for it
    assert "pip install 'xl_addin[analysis]'" in found["message"]


def _requirements() -> list[Requirement]:
    return [Requirement(line) for line in importlib.metadata.requires("xl_addin") or []]


@pytest.mark.parametrize("platform", ["emscripten", "linux", "win32", "darwin"])
def test_pyodide_gets_no_dependency_and_every_other_platform_gets_the_workbook_ones(platform: str) -> None:
    environment = {
        "sys_platform": platform,
        "platform_system": "Emscripten" if platform == "emscripten" else "",
        "extra": "",
    }
    base = sorted(r.name for r in _requirements() if r.marker is None or r.marker.evaluate(environment))
    workbook = ["defusedxml", "openpyxl", "pebble", "tqdm"]
    assert base == ([] if platform == "emscripten" else workbook)


@pytest.mark.parametrize("extra, names", [("excel", ["xlwings"]), ("analysis", ["matplotlib", "pandas"])])
def test_xlwings_and_pandas_come_only_with_their_extra(extra: str, names: list[str]) -> None:
    chosen = [r for r in _requirements() if r.marker is not None and r.marker.evaluate({"extra": extra})]
    assert sorted(r.name for r in chosen if r.name in ("xlwings", "pandas", "matplotlib")) == names
    everywhere = [r for r in _requirements() if r.marker is None or r.marker.evaluate({"extra": ""})]
    assert not {r.name for r in everywhere} & {"xlwings", "pandas", "numpy", "matplotlib"}


#: xlwings absent as for a user who never installed it: ``import xlwings`` fails and ``importlib.util.find_spec``
#: answers None (what a None in sys.modules gives both; the BLOCKER's finder would raise from find_spec instead).
UDF_WITHOUT_XLWINGS = """
import json, sys
sys.modules[sys.argv[1]] = None
from xl_addin.cli import main
code = main(["generate", "--formulas", "udf", "--out", sys.argv[2], "--regions", sys.argv[3]])
print(json.dumps({"code": code}))
"""


def test_generate_udf_without_xlwings_says_what_to_install(tmp_path: Path) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("Тульская область\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", UDF_WITHOUT_XLWINGS, "xlwings", str(tmp_path / "books"), str(regions)],
        capture_output=True, text=True, encoding="utf-8", check=False, timeout=300,
        env={**os.environ, "PYTHONUTF8": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"code": 1}  # a clear error, not a traceback
    assert "xlwings не установлен: pip install 'xl_addin[excel]'" in done.stderr
    assert not (tmp_path / "books").exists() or not any((tmp_path / "books").iterdir())  # nothing half-written
