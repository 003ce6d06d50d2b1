"""Each file has a time limit and its own fate: a file that hangs or a worker that dies is an error row for
that file, and the batch goes on (issue 11, §2); progress is reported through a callback, never printed.

The steps are replaced in this process; the workers are forked from it, so they run the replacements.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.refresh.test_refresh_cli import _read_csv, generated
from xl_addin.consolidation import run
from xl_addin.consolidation.untouched import NOT_FILLED_TEXT

SLOW, DYING = "002_", "003_"  # the second and the third of four files


@pytest.fixture(scope="module")
def four_workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, made = generated(tmp_path_factory.mktemp("workers"), ["Алтай", "Тыва", "Коми", "Адыгея"])
    return next(iter(made.values())).parent


def _problem_rows(out: Path) -> list[list[str]]:
    return _read_csv(out / "problems.csv")[1:]


@pytest.fixture
def misbehaving(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second file's reading sleeps for ten seconds; the third file's worker exits at once (code 7)."""
    real = run.read_workbook

    def read_workbook(path: Path) -> run.WorkbookReading:
        if path.name.startswith(SLOW):
            time.sleep(10)
        if path.name.startswith(DYING):
            os._exit(7)  # stands for a worker killed by the system or a crash inside a library
        return real(path)

    monkeypatch.setattr(run, "read_workbook", read_workbook)


@pytest.mark.usefixtures("misbehaving")
def test_a_file_over_its_time_limit_and_a_dying_worker_are_rows_and_the_rest_is_processed(
    four_workbooks: Path, tmp_path: Path
) -> None:
    files = sorted(path.name for path in four_workbooks.iterdir())
    calls: list[tuple[int, int]] = []
    started = time.perf_counter()
    summary = run.refresh(
        four_workbooks, tmp_path / "out", [], jobs=2, time_limit=1.5, progress=lambda *a: calls.append(a)
    )
    assert time.perf_counter() - started < 9  # the sleeping worker was ended, not waited for
    # blank workbooks: the two processed are untouched, one row of information each (issue 20); the two others failed
    assert (summary.received, summary.with_problems, summary.not_filled) == (4, 2, 2)
    rows = _problem_rows(tmp_path / "out")
    slow, dying = files[1], files[2]
    assert [row for row in rows if row[0] == slow] == [[slow, "", "", "", "", run.time_limit_text(1.5), "ошибка"]]
    (died,) = [row for row in rows if row[0] == dying]
    assert died[5].startswith("не обработан: процесс, читавший книгу, аварийно завершился (код 7;")
    for processed in (files[0], files[3]):
        assert [row[1:] for row in rows if row[0] == processed] == [
            ["Ввод", "", "", "пусто", NOT_FILLED_TEXT, "сведения"]
        ]
        assert (tmp_path / "out" / processed).is_file()
    assert not (tmp_path / "out" / slow).exists() and not (tmp_path / "out" / dying).exists()
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    national = (tmp_path / "out" / "national.csv").read_text(encoding="utf-8-sig")
    assert f"({run.UNREAD}) {slow}" in national and f"({run.UNREAD}) {dying}" in national


def test_the_time_limit_reads_in_russian() -> None:
    assert run.time_limit_text(60).startswith("не обработан за 60 с")
    assert run.time_limit_text(2.5).startswith("не обработан за 2,5 с")


def test_refresh_and_generate_print_nothing(
    four_workbooks: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from xl_addin.workbook.generate import generate
    from xl_addin.workbook.writer import Region

    calls: list[tuple[int, int]] = []
    generate(tmp_path / "made", [Region("Алтай"), Region("Тыва")], progress=lambda *a: calls.append(a))
    assert calls == [(1, 2), (2, 2)]
    run.refresh(four_workbooks, tmp_path / "out", [], jobs=1)
    assert capfd.readouterr() == ("", "")
