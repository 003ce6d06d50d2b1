"""The batch's worker processes: files sent in chunks, each chunk within the per-file time limit, results
taken in the order of the files, and a chunk that fails retried file by file so that a file that hangs or
kills its worker costs only itself.

A task costs the pool about half a millisecond of the parent's time whatever it does (issue 19, §6):
2,000 files one per task spend a second on that alone.  So files go ``chunk`` at a time (16 for a
large batch, one for a small one).  A chunk has the time limit of one file — a chunk of ordinary
workbooks takes a fraction of it — and when a chunk is not done in time, or its worker dies, or it
fails in any other way, each of its files is sent again alone, with its own limit, and from then on
every file goes alone: the file that hangs gets its row "не обработан за N с", the one that kills
its worker its row, and the others are processed as usual.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Files per task in a large batch.
CHUNK = 16
#: Tasks scheduled ahead per worker (results wait in the order of the files: at most this many per worker).
WINDOW = 8


def chunk_size(files: int, workers: int) -> int:
    """Files per task: up to ``CHUNK``, and at least four tasks per worker (a small batch: one file per task).

    >>> chunk_size(2000, 2), chunk_size(100, 2), chunk_size(4, 2)
    (16, 12, 1)
    """
    return max(1, min(CHUNK, files // (workers * 4)))


def start_method() -> Any:
    """Workers are forked where the system can (fast start, the parent's imports and caches shared).

    Python 3.12 and later warn (DeprecationWarning) when a process with threads forks, as pebble's
    pool manager does: to be revisited (forkserver) when the project moves past Python 3.11.
    """
    import multiprocessing

    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


def _ignore_ctrl_c() -> None:
    """In a worker: Ctrl+C is the parent's to handle (it ends the workers); a worker prints no traceback of it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Scheduled(Generic[Item]):
    """Items sent as one task, and the task's future."""

    def __init__(self, items: list[Item], future: Any) -> None:
        self.items, self.future = items, future


@contextmanager
def ordered_results(
    work: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    failed: Callable[[Item, BaseException], Result],
    *,
    jobs: int | None,
    time_limit: float | None,
    chunk: int | None = None,
) -> Iterator[Iterator[Result]]:
    """``work(chunk)`` of every chunk of ``items`` in ``jobs`` worker processes; one result per item, in order.

    ``failed(item, error)`` is the result of an item whose task, sent alone, was not done within
    ``time_limit`` seconds (a ``TimeoutError``), lost its worker (pebble's ``ProcessExpired``) or
    raised.  ``chunk``: items per task (None: :func:`chunk_size`).  Ctrl+C or a failure of the
    caller ends the workers at once.
    """
    from pebble import ProcessPool

    workers = max(1, min(jobs or os.cpu_count() or 1, len(items) or 1))
    pool = ProcessPool(max_workers=workers, context=start_method(), initializer=_ignore_ctrl_c)
    try:
        yield _results(pool, work, list(items), failed, workers, chunk or chunk_size(len(items), workers), time_limit)
    except BaseException:
        pool.stop()  # Ctrl+C or a failure: end the workers, do not wait for the rest
        pool.join()
        raise
    pool.close()
    pool.join()


def _results(
    pool: Any,
    work: Callable[[list[Item]], list[Result]],
    items: list[Item],
    failed: Callable[[Item, BaseException], Result],
    workers: int,
    size: int,
    time_limit: float | None,
) -> Iterator[Result]:
    waiting: deque[_Scheduled[Item]] = deque()
    position = 0

    def send(chunk: list[Item]) -> _Scheduled[Item]:
        return _Scheduled(chunk, pool.schedule(work, (chunk,), timeout=time_limit))

    while True:
        while len(waiting) < workers * max(2, WINDOW // size) and position < len(items):
            waiting.append(send(items[position : position + size]))
            position += size
        if not waiting:
            return
        scheduled = waiting.popleft()
        try:
            results = scheduled.future.result()
            if len(results) != len(scheduled.items):
                raise ValueError(f"{len(results)} результатов на {len(scheduled.items)} файлов")
        except Exception as error:  # noqa: BLE001 - a timeout, a dead worker, anything: each item alone decides
            if len(scheduled.items) == 1:
                yield failed(scheduled.items[0], error)
                continue
            size = 1  # a chunk failed: from now on every item goes alone
            waiting.extendleft(reversed([send([item]) for item in scheduled.items]))
            continue
        yield from results
