"""The docs the code points to exist, and the README's commands are the ones CI runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def test_every_decision_the_code_cites_is_written_in_interpretation_md() -> None:
    decisions = (REPO / "docs" / "interpretation.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### ([A-Z]\d+)\. ", decisions, flags=re.MULTILINE))
    cited = set()
    for path in (REPO / "xl_addin").rglob("*.py"):
        cited |= set(re.findall(r"interpretation\.md,\s+(?:decision\s+)?([A-Z]\d+)", path.read_text(encoding="utf-8")))
    assert cited, "the code cites no decision at all"
    assert cited <= headings, f"cited but not written: {sorted(cited - headings)}"


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    return [line for line in first_block if line.strip() and not line.startswith("#")]


BASH = shutil.which("bash") or "/bin/bash"  # this bash runs .ci/run; the one on the stubbed PATH is its `bash -c`
_STUB = """#!/bin/sh
printf '%s\\n' "$0" >> "$CI_LOG"
"""
# every outside command .ci/run calls, replaced by a stub: bash records its arguments and the environment
# it was given; python3 -m venv makes the activate script .ci/run sources
_STUBS = {
    "soffice": _STUB,
    "pdftotext": _STUB,
    "apt-get": _STUB,
    "python": _STUB,
    "ruff": _STUB,
    "mypy": _STUB,
    "python3": _STUB + "mkdir -p .venv-ci/bin && : > .venv-ci/bin/activate\n",
    "bash": _STUB
    + """printf '%s\\n' "$@" > "$CI_LOG.bash-args"
env > "$CI_LOG.bash-env"
exit "$BASH_STATUS"
""",
}


def _run_ci(tmp_path: Path, bash_status: int) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run the real .ci/run on a copy of README.md, with stubs for every command it starts."""
    clone, stubs = tmp_path / "clone", tmp_path / "stubs"
    (clone / ".ci").mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", clone / ".ci" / "run")
    shutil.copy(REPO / "README.md", clone / "README.md")
    stubs.mkdir()
    for name, text in _STUBS.items():
        (stubs / name).write_text(text, encoding="utf-8")
        (stubs / name).chmod(0o755)
    log = tmp_path / "calls.log"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("XL_ADDIN_")},
        "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}",
        "CI_LOG": str(log),
        "BASH_STATUS": str(bash_status),
    }
    done = subprocess.run(
        [BASH, str(clone / ".ci" / "run")], env=environment, capture_output=True, text=True, timeout=60, check=False
    )
    return done, log


@pytest.mark.skipif(sys.platform == "win32", reason=".ci/run is a bash script for Linux CI")
def test_readme_opens_with_the_two_setup_commands_and_ci_runs_the_second(tmp_path: Path) -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    done, log = _run_ci(tmp_path, bash_status=0)
    assert done.returncode == 0, done.stderr
    # the real .ci/run, its own awk/sed extraction: bash -c gets exactly the README's second command
    assert Path(f"{log}.bash-args").read_text(encoding="utf-8").splitlines() == ["-c", commands[1]]
    env = dict(
        line.split("=", 1) for line in Path(f"{log}.bash-env").read_text(encoding="utf-8").splitlines() if "=" in line
    )
    # …with the guards that turn the skips of LibreOffice and ../shared/criteria into failures
    assert env.get("XL_ADDIN_REQUIRE_LIBREOFFICE") == "1"
    assert env.get("XL_ADDIN_REQUIRE_SHARED") == "1"
    called = [Path(line).name for line in log.read_text(encoding="utf-8").splitlines()]
    assert called == ["python3", "python", "bash", "ruff", "ruff", "mypy"]  # then the linters and mypy


@pytest.mark.skipif(sys.platform == "win32", reason=".ci/run is a bash script for Linux CI")
@pytest.mark.parametrize(("pytest_status", "ci_status"), [(2, 2), (5, 1)])  # 5: pytest collected no tests
def test_ci_fails_when_the_readme_test_command_fails(tmp_path: Path, pytest_status: int, ci_status: int) -> None:
    done, log = _run_ci(tmp_path, bash_status=pytest_status)
    assert done.returncode == ci_status
    assert "ruff" not in [Path(line).name for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_user_guide_explains_every_check_and_its_pictures_exist() -> None:
    from xl_addin.request.layout import CHECKS
    from xl_addin.request.plan_texts import PlanCheck

    guide = (REPO / "docs" / "user-guide.md").read_text(encoding="utf-8")
    explained = set(re.findall(r"^\| `(chk_\w+)` \|", guide, flags=re.MULTILINE))
    assert explained == {check.name for check in CHECKS} | {check.check_name for check in PlanCheck} | {"chk_all"}
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide)
    assert pictures, "the guide shows no picture"
    missing = [picture for picture in pictures if not (REPO / "docs" / picture).is_file()]
    assert missing == []


def test_readme_says_why_tests_skip_and_how_to_run_them() -> None:
    """Every XL_ADDIN_REQUIRE_* switch the tests read, the letter's folder and Lite's preparation are in «Разработка»."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    development = readme.split("## Разработка", 1)[1].split("\n## ", 1)[0]
    sources = "".join(path.read_text(encoding="utf-8") for path in (REPO / "tests").rglob("*.py"))
    switches = set(re.findall(r"XL_ADDIN_REQUIRE_[A-Z]+", sources))
    assert switches == {"XL_ADDIN_REQUIRE_SHARED", "XL_ADDIN_REQUIRE_PYODIDE", "XL_ADDIN_REQUIRE_LIBREOFFICE"}
    said = "".join(development.split("`"))
    for needed in (*switches, "../shared/criteria/", "tests/lite/prepare.sh", "LETTER-BASED TEST NOT RUN", "Node"):
        assert needed in said, needed
