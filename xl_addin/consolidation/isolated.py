"""One workbook checked in a worker process, within a time limit: the Python API's reading as safe as ``refresh``.

``xl_addin.read_requests`` reads a folder a region sent, in the analyst's own Python: a file that
never ends (a FIFO named ``x.xlsx``), one that makes a library run for minutes, or one that crashes
the process that reads it must cost only its own row.  So each file is checked
(:func:`~xl_addin.consolidation.check_one.check_workbook`) in a worker process of a pebble pool, as
``refresh`` reads it: a file not done within :data:`~xl_addin.consolidation.run.TIME_LIMIT` seconds
and a worker that dies become the file's reason, and the next file is read by a fresh worker.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FuturesTimeoutError
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xl_addin.consolidation.check_one import WorkbookCheck, check_workbook
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.reading import ForeignWorkbookError
from xl_addin.errors import XlAddinError

#: Files scheduled ahead per worker (the answers are taken in the order of the files).
WINDOW = 4


@dataclass(frozen=True)
class Checked:
    """One file's outcome: its check, or the Russian reason it was not read (never both)."""

    path: Path
    check: WorkbookCheck | None = None
    reason: str = ""


def check_or_reason(path: Path) -> Checked:
    """The worker's task: the file checked, or why it is not a workbook it can read (a Russian reason).

    An error xl_addin does not foresee is the file's reason too, marked as one to report: the analyst's
    other files are still read.
    """
    try:
        return Checked(path, check_workbook(path))
    except (UnreadableWorkbookError, ForeignWorkbookError) as error:
        return Checked(path, reason=str(error))
    except XlAddinError as error:
        return Checked(path, reason=f"книга не прочитана: {error}")
    except Exception as error:  # noqa: BLE001 - the fault barrier: one file's surprise never stops the others
        from xl_addin.consolidation.run import UNEXPECTED

        return Checked(path, reason=f"{UNEXPECTED}: {type(error).__name__}"[:300])


def check_files(
    files: Sequence[Path],
    *,
    jobs: int | None = None,
    time_limit: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Checked]:
    """Each of ``files`` checked in a worker process, in order; ``time_limit`` seconds a file (None: no limit).

    ``progress(done, total)`` is called after each file.  Nothing runs in the calling process but
    the bookkeeping: whatever a file holds, the caller gets one :class:`Checked` per file.
    """
    from pebble import ProcessExpired, ProcessPool

    from xl_addin.consolidation.run import TIME_LIMIT, _died_text, _start_method, time_limit_text

    limit = TIME_LIMIT if time_limit is None else time_limit
    if not files:
        return
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    pool = ProcessPool(max_workers=workers, context=_start_method())
    try:
        waiting: deque[tuple[Path, Any]] = deque()
        upcoming = iter(files)
        done = 0
        while True:
            while len(waiting) < workers * WINDOW and (path := next(upcoming, None)) is not None:
                waiting.append((path, pool.schedule(check_or_reason, (path,), timeout=limit)))
            if not waiting:
                break
            path, future = waiting.popleft()
            try:
                checked: Checked = future.result()
            except FuturesTimeoutError:
                checked = Checked(path, reason=time_limit_text(limit))
            except ProcessExpired as error:
                checked = Checked(path, reason=_died_text(error.exitcode))
            done += 1
            if progress is not None:
                progress(done, len(files))
            yield checked
    except BaseException:
        pool.stop()  # Ctrl+C, or the caller stopped iterating: end the workers, do not wait for the rest
        pool.join()
        raise
    pool.close()
    pool.join()
