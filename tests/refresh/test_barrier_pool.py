"""Issue 19, §6: files go to the workers in chunks, and still each file has its time limit and its own fate:
a chunk that is not done in time, loses its worker or raises is sent again file by file, so that only the
file that hangs, kills its worker or fails gets a row.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from pebble import ProcessExpired

from tests.refresh.test_refresh_cli import _read_csv, generated
from xl_addin.consolidation import pool, run
from xl_addin.consolidation.untouched import NOT_FILLED_TEXT

SLOW, DYING, FAILING = "slow", "dying", "failing"


def work(chunk: list[str]) -> list[tuple[str, int]]:
    """Each item with the size of the chunk it came in; the three misbehaving items misbehave."""
    if SLOW in chunk:
        time.sleep(10)
    if DYING in chunk:
        os._exit(7)  # stands for a worker killed by the system or a crash inside a library
    if FAILING in chunk:
        raise ZeroDivisionError("division by zero")
    return [(item, len(chunk)) for item in chunk]


def failed(item: str, error: BaseException) -> tuple[str, int]:
    kinds = {TimeoutError: -1, ProcessExpired: -2, ZeroDivisionError: -3}
    return item, next(code for kind, code in kinds.items() if isinstance(error, kind))


@pytest.mark.parametrize(("files", "workers", "size"), [(2000, 2, 16), (2000, 4, 16), (40, 2, 5), (7, 2, 1), (0, 1, 1)])
def test_the_chunk_is_up_to_16_and_at_least_four_tasks_per_worker(files: int, workers: int, size: int) -> None:
    assert pool.chunk_size(files, workers) == size


def test_chunks_give_every_result_in_order() -> None:
    items = [f"f{number}" for number in range(10)]
    with pool.ordered_results(work, items, failed, jobs=2, time_limit=None, chunk=3) as results:
        assert list(results) == [(item, 3) for item in items[:9]] + [("f9", 1)]


@pytest.mark.parametrize(("bad", "code"), [(SLOW, -1), (DYING, -2), (FAILING, -3)])
def test_a_chunk_that_fails_is_retried_file_by_file_and_only_its_bad_file_fails(bad: str, code: int) -> None:
    items = ["a", "b", bad, "c", "d", "e", "f"]
    with pool.ordered_results(work, items, failed, jobs=2, time_limit=1.5, chunk=3) as results:
        found = list(results)
    assert found[:3] == [("a", 1), ("b", 1), (bad, code)]  # its chunk's other files: retried alone, done
    assert [item for item, _ in found[3:]] == items[3:] and all(size > 0 for _, size in found[3:])


@pytest.fixture(scope="module")
def four_workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, made = generated(tmp_path_factory.mktemp("chunks"), ["Алтай", "Тыва", "Коми", "Адыгея"])
    return next(iter(made.values())).parent


@pytest.mark.parametrize("chunk", [2, 4])
def test_in_chunks_a_file_over_its_time_limit_and_a_dying_worker_are_still_only_their_rows(
    four_workbooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    real = run.read_workbook

    def read_workbook(path: Path) -> Any:
        if path.name.startswith("002_"):
            time.sleep(10)
        if path.name.startswith("003_"):
            os._exit(7)
        return real(path)

    monkeypatch.setattr(run, "read_workbook", read_workbook)
    files = sorted(path.name for path in four_workbooks.iterdir())
    calls: list[tuple[int, int]] = []
    summary = run.refresh(
        four_workbooks, tmp_path / "out", [], jobs=2, time_limit=1.5, chunk=chunk, progress=lambda *a: calls.append(a)
    )
    # blank workbooks: the two processed are untouched, one row of information each (issue 20); the two others failed
    assert (summary.received, summary.with_problems, summary.not_filled) == (4, 2, 2)
    rows = _read_csv(tmp_path / "out" / "problems.csv")[1:]
    slow, dying = files[1], files[2]
    assert [row for row in rows if row[0] == slow] == [[slow, "", "", "", "", run.time_limit_text(1.5), "ошибка"]]
    (died,) = [row for row in rows if row[0] == dying]
    assert died[5].startswith("не обработан: процесс, читавший книгу, аварийно завершился (код 7;")
    for processed in (files[0], files[3]):
        # once, though sent twice: the untouched workbook's one row «книга не заполнена»
        assert [row[1:] for row in rows if row[0] == processed] == [
            ["Ввод", "", "", "пусто", NOT_FILLED_TEXT, "сведения"]
        ]
        assert (tmp_path / "out" / processed).is_file()
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
