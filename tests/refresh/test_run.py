"""The batch's promises that the end-to-end test cannot provoke: a surprise in one file, an interrupted run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xl_addin import cli
from xl_addin.refresh import national, run


@pytest.fixture(scope="module")
def two_workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("blank")
    regions = folder / "regions.csv"
    regions.write_text("Алтай\nТыва\n", encoding="utf-8")
    assert cli.main(["generate", "--out", str(folder / "in"), "--regions", str(regions)]) == 0
    return folder / "in"


def test_an_unexpected_error_in_one_file_is_reported_and_the_rest_is_processed(
    two_workbooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = sorted(two_workbooks.iterdir())
    real_read = run.read_workbook

    def read_with_a_bug(path: Path) -> object:
        if path == first:
            raise ZeroDivisionError("division by zero")  # stands for a bug xl_addin does not know of yet
        return real_read(path)

    monkeypatch.setattr(run, "read_workbook", read_with_a_bug)
    summary = run.refresh(two_workbooks, tmp_path / "out", [], jobs=1)
    assert (summary.received, summary.with_problems) == (2, 2)  # the blank second workbook has its own problems
    rows = (tmp_path / "out" / "problems.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1] == f"{first.name};;;;;{run.UNEXPECTED}: ZeroDivisionError: division by zero"
    assert any(row.startswith(f"{second.name};") for row in rows[2:])
    assert (tmp_path / "out" / second.name).is_file()


def test_an_interrupted_run_keeps_the_previous_outputs_and_leaves_no_temporary_file(
    two_workbooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run.refresh(two_workbooks, out, [], jobs=1)
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.suffix == ".csv"}

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(national, "write_national_xlsx", interrupted)
    shutil.copy(next(two_workbooks.iterdir()), tmp_path / "extra.xlsx")
    with pytest.raises(KeyboardInterrupt):
        run.refresh(two_workbooks, out, [], jobs=2)
    assert {path.name: path.read_bytes() for path in out.iterdir() if path.suffix == ".csv"} == before
    assert not [path.name for path in out.iterdir() if path.name.startswith(".")]
