"""Recalculating workbooks with LibreOffice headless (a real spreadsheet engine) for the tests.

One soffice call converts many files; a private profile sets OOXMLRecalcMode = 0
(always recalculate on load); soffice exits 0 even when a file failed, so every
output is checked to exist.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    """The soffice command, or skip with the reason when LibreOffice is not installed."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if command is None:
        if os.environ.get("XL_ADDIN_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("XL_ADDIN_REQUIRE_LIBREOFFICE=1 but soffice is not on PATH")
        pytest.skip("LibreOffice is not installed (.ci/run installs Debian's libreoffice-calc-nogui)")
    return command


def recalculate(files: list[Path], work: Path) -> list[Path]:
    """Recalculate ``files`` in one soffice call; return the recalculated copies, in order."""
    return convert(files, work, "xlsx")


def convert(files: list[Path], work: Path, target: str) -> list[Path]:
    """Open ``files`` recalculated and save them as ``target`` (xlsx, pdf) in one soffice call, in order."""
    profile = work / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    out = work / ("recalculated" if target == "xlsx" else target)
    out.mkdir(exist_ok=True)
    names = [path.name for path in files]
    assert len(set(names)) == len(names), "soffice keeps base names: inputs need unique names"
    done = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    outputs = [out / f"{Path(name).stem}.{target}" for name in names]
    missing = [path.name for path in outputs if not path.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {done.stdout}\n{done.stderr}"
    return outputs
