"""``xl-addin lite``: the main.py and requirements.txt a user pastes into xlwings Lite.

main.py is also registered here, in CPython, the way Lite registers it: xlwings imported with
``XLWINGS_ON_SERVER=true`` (a fresh process: xlwings picks its decorators when imported) and
``xlwings.server.custom_functions_meta`` / ``custom_functions_call`` on main.py run as the module
``main``.  tests/lite/test_pyodide.py does the same in Pyodide.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.lite import harness
from xl_addin import udfs
from xl_addin.catalog import FUNCTIONS
from xl_addin.cli import EXIT_OK, EXIT_USAGE, main

WHEEL_URL = "https://files.example.org/xl/xl_addin-0.1.0-py3-none-any.whl"

#: Run by a fresh Python: main.py (argv[1]) as Lite runs it, then every request of argv[2] (JSON).
REGISTER_AND_CALL = """
import asyncio, json, sys, types
import xlwings, xlwings.server
main = types.ModuleType("main")
exec(compile(open(sys.argv[1], encoding="utf-8").read(), "main.py", "exec"), main.__dict__)
requests = json.loads(open(sys.argv[2], encoding="utf-8").read())
body = {"client": "Office.js", "version": xlwings.__version__, "runtime": "1.4", "culture_info_name": "ru-RU",
        "date_format": "dd.MM.yyyy"}
async def calls():
    return [await xlwings.server.custom_functions_call({**body, **request}, main) for request in requests]
results = asyncio.run(calls())
print(json.dumps({"on_server": xlwings.on_server, "meta": xlwings.server.custom_functions_meta(main),
                  "results": results}, ensure_ascii=False))
"""


def _lite(tmp_path: Path, *options: str) -> tuple[int, Path]:
    out = tmp_path / "lite"
    return main(["lite", "--out", str(out), *options]), out


def test_lite_without_a_requirement_says_what_to_pass_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """xl_addin is on no public index: a default xl_addin==VERSION would not install (issue 21)."""
    code, out = _lite(tmp_path)
    assert code == EXIT_USAGE
    version = importlib.metadata.version("xl_addin")
    said = capsys.readouterr().err
    assert said.startswith("xl-addin: не указан --requirement: xl_addin не опубликован на PyPI")
    assert f"--requirement https://…/xl_addin-{version}-py3-none-any.whl" in said
    assert f"--requirement xl_addin=={version}, если пакет лежит в индексе вашей организации" in said
    assert not out.exists()


def test_lite_writes_main_py_and_the_wheel_address(tmp_path: Path) -> None:
    code, out = _lite(tmp_path, "--requirement", WHEEL_URL)
    assert code == EXIT_OK
    assert sorted(path.name for path in out.iterdir()) == ["main.py", "requirements.txt"]
    assert (out / "requirements.txt").read_text(encoding="utf-8") == WHEEL_URL + "\n"


@pytest.mark.parametrize("requirement", [WHEEL_URL, "xl_addin==0.2.0", "xl-addin>=0.1,<0.2"])
def test_requirement_names_the_organisations_wheel_or_version(tmp_path: Path, requirement: str) -> None:
    code, out = _lite(tmp_path, "--requirement", requirement)
    assert code == EXIT_OK
    assert (out / "requirements.txt").read_text(encoding="utf-8") == requirement + "\n"


@pytest.mark.parametrize(
    "requirement, said",
    [
        ("", "одна непустая строка"),
        ("--index-url https://pypi.example.org/simple xl_addin", "параметры pip"),
        ("# xl_addin", "параметры pip и комментарии"),
        ("https://files.example.org/xl/xl_addin-0.1.0.tar.gz", "колесу проекта"),
        ("https://files.example.org/xl/other-0.1.0-py3-none-any.whl", "колесу проекта"),
        ("pandas", "должно называть xl_addin"),
        ("xl_addinx==1", "должно называть xl_addin"),
        ("xl_addin[analysis]==0.1.0", "без extras"),
    ],
)
def test_a_line_lite_cannot_install_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], requirement: str, said: str
) -> None:
    code, out = _lite(tmp_path, "--requirement", requirement)
    assert code == EXIT_USAGE
    assert said in capsys.readouterr().err
    assert not out.exists()


def test_main_py_imports_every_catalogue_function_from_udfs_in_catalogue_order(tmp_path: Path) -> None:
    _, out = _lite(tmp_path, "--requirement", WHEEL_URL)
    tree = ast.parse((out / "main.py").read_text(encoding="utf-8"))
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    assert [(node.module, [alias.name for alias in node.names]) for node in imports] == [
        ("xl_addin.udfs", list(FUNCTIONS))
    ]
    assert all(callable(getattr(udfs, name)) for name in FUNCTIONS)
    assert ast.get_docstring(tree) is not None and "requirements.txt" in (ast.get_docstring(tree) or "")


@pytest.fixture(scope="module")
def registered_in_cpython(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """main.py registered and every example called through xlwings.server in a fresh CPython."""
    folder = tmp_path_factory.mktemp("lite")
    assert main(["lite", "--out", str(folder), "--requirement", WHEEL_URL]) == EXIT_OK
    requests = [{"func_name": name, "args": harness.office_js_args(f.example.args)} for name, f in FUNCTIONS.items()]
    (folder / "requests.json").write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial", "PYTHONUTF8": "1"}
    done = subprocess.run(
        [sys.executable, "-c", REGISTER_AND_CALL, str(folder / "main.py"), str(folder / "requests.json")],
        capture_output=True, text=True, encoding="utf-8", env=env, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_lites_decorators_register_main_py_with_the_classic_names_and_help(
    registered_in_cpython: dict[str, Any],
) -> None:
    assert registered_in_cpython["on_server"] is True
    assert harness.registered(registered_in_cpython["meta"]) == {
        name: harness.registration(function) for name, function in FUNCTIONS.items()
    }


def test_every_example_through_lites_call_path_in_cpython(registered_in_cpython: dict[str, Any]) -> None:
    got = dict(zip(FUNCTIONS, registered_in_cpython["results"], strict=True))
    assert got == {name: harness.as_shown(function.example.result) for name, function in FUNCTIONS.items()}
