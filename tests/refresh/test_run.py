"""The batch's promises that the end-to-end test cannot provoke: a surprise in one file, an interrupted run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.refresh.test_refresh_cli import generated
from xl_addin.consolidation import national_book, run


@pytest.fixture(scope="module")
def two_workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, made = generated(tmp_path_factory.mktemp("blank"), ["Алтай", "Тыва"])
    return next(iter(made.values())).parent


@pytest.mark.parametrize("step", ["read_workbook", "evaluate", "write_copy_with_results"])
def test_an_unexpected_error_in_one_file_is_reported_and_the_rest_is_processed(
    two_workbooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    first, second = sorted(two_workbooks.iterdir())
    owner = run.model if step == "evaluate" else run
    real_step = getattr(owner, step)

    calls: list[tuple[object, ...]] = []

    def step_with_a_bug(*arguments: object, **keywords: object) -> object:
        calls.append(arguments)
        if len(calls) == 1:  # --jobs 1 takes the files in name order: the first call is the first file's
            raise ZeroDivisionError("division by zero")  # stands for a bug xl_addin does not know of yet
        return real_step(*arguments, **keywords)

    monkeypatch.setattr(owner, step, step_with_a_bug)
    summary = run.refresh(two_workbooks, tmp_path / "out", [], jobs=1)
    # the blank second workbook is not filled in: one row of information, no error (issue 20)
    assert (summary.received, summary.with_problems, summary.not_filled) == (2, 1, 1)
    rows = (tmp_path / "out" / "problems.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1] == f"{first.name};;;;;{run.UNEXPECTED}: ZeroDivisionError: division by zero;ошибка"
    assert [row.split(";")[0] for row in rows[2:]] == [second.name]
    assert rows[2].endswith(";сведения") and "книга не заполнена" in rows[2]
    assert (tmp_path / "out" / second.name).is_file()
    assert not (tmp_path / "out" / first.name).exists()  # no copy of a file whose processing failed


def test_an_interrupted_run_keeps_the_previous_outputs_and_leaves_no_temporary_file(
    two_workbooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run.refresh(two_workbooks, out, [], jobs=1)
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.suffix == ".csv"}

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(national_book, "write_national_xlsx", interrupted)
    shutil.copy(next(two_workbooks.iterdir()), tmp_path / "extra.xlsx")
    with pytest.raises(KeyboardInterrupt):
        run.refresh(two_workbooks, out, [], jobs=2)
    assert {path.name: path.read_bytes() for path in out.iterdir() if path.suffix == ".csv"} == before
    assert not [path.name for path in out.iterdir() if path.name.startswith(".")]
