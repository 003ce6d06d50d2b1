"""Ctrl+C during `xl-addin refresh`, for real: a SIGINT to the command's process group (as a terminal sends it)
while a worker reads a workbook.  One Russian line, exit code 130, no traceback from the command or its
workers, the previous outputs kept and nothing temporary left behind (issue 19, §4).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.refresh.test_refresh_cli import clean_inputs, generated
from tests.workbook.filling import fill
from xl_addin import cli

#: Run in a child process: the workers' reading tells the test it has begun (a file), then waits for Ctrl+C.
SCRIPT = """
import sys, time
from pathlib import Path
from xl_addin import cli
from xl_addin.consolidation import run

marker = Path(sys.argv[1])

def read_workbook(path):
    marker.write_text("reading")
    time.sleep(600)

run.read_workbook = read_workbook
sys.exit(cli.main(sys.argv[2:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="a process group and SIGINT are POSIX's")
def test_ctrl_c_while_workers_read_is_one_line_and_exit_130(tmp_path: Path) -> None:
    regions, blank = generated(tmp_path, ["Алтай", "Тыва"])
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for region, screenings in (("Алтай", 1000), ("Тыва", 2000)):
        fill(blank[region], folder / blank[region].name, clean_inputs(screenings))
    arguments = ["refresh", str(folder), "--out", str(out), "--regions", str(regions), "--jobs", "2"]
    assert cli.main(arguments) == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    marker = tmp_path / "reading"
    child = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(marker), *arguments],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    try:
        _wait_for(marker, child)
        os.killpg(child.pid, signal.SIGINT)  # the whole group, as a terminal does: the command and its workers
        stdout, stderr = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    assert (child.returncode, stderr) == (130, "Прервано (Ctrl+C): прежние national.* и problems.csv сохранены\n")
    assert stdout == ""
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before  # no lock, no temporary file


def _wait_for(marker: Path, child: subprocess.Popen[Any]) -> None:
    """Until a worker has begun reading (the command ended some other way: fail with what it said)."""
    for _ in range(1200):
        if marker.exists():
            return
        if child.poll() is not None:
            pytest.fail(f"refresh ended before reading: {child.communicate()}")
        time.sleep(0.1)
    pytest.fail("no worker began reading in two minutes")
