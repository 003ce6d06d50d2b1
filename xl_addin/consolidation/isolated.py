"""One workbook checked in a worker process, within a time limit: the Python API's reading as safe as ``refresh``.

``xl_addin.read_requests`` reads a folder a region sent, in the analyst's own Python: a file that
never ends (a FIFO named ``x.xlsx``), one that makes a library run for minutes, or one that crashes
the process that reads it must cost only its own row.  So each file is checked
(:func:`~xl_addin.consolidation.check_one.check_workbook`) in a worker process of a pebble pool, as
``refresh`` reads it: a file not done within :data:`~xl_addin.consolidation.run.TIME_LIMIT` seconds
and a worker that dies become the file's reason, and the next file is read by a fresh worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from xl_addin.consolidation.check_one import WorkbookCheck, check_workbook
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.reading import ForeignWorkbookError
from xl_addin.consolidation.reasons import task_failed_text, unexpected_text
from xl_addin.errors import XlAddinError


@dataclass(frozen=True)
class Checked:
    """One file's outcome: its check, or the Russian reason it was not read (never both)."""

    path: Path
    check: WorkbookCheck | None = None
    reason: str = ""


def check_or_reason(path: Path) -> Checked:
    """The check of one file, or why it is not a workbook that can be read (a Russian reason).

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
        return Checked(path, reason=unexpected_text(error))


def _check_chunk(paths: list[Path]) -> list[Checked]:
    """A worker's task: each file of a chunk checked (the pool retries a failed chunk file by file)."""
    return [check_or_reason(path) for path in paths]


def check_files(
    files: Sequence[Path],
    *,
    jobs: int | None = None,
    time_limit: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Checked]:
    """Each of ``files`` checked in a worker process, in order; ``time_limit`` seconds a file (None: refresh's).

    The workers are refresh's (:func:`~xl_addin.consolidation.pool.ordered_results`); ``progress(done, total)``
    is called after each file.  Nothing runs in the calling process but the bookkeeping: whatever a file
    holds, the caller gets one :class:`Checked` per file.
    """
    from xl_addin.consolidation import run
    from xl_addin.consolidation.pool import ordered_results

    limit = run.TIME_LIMIT if time_limit is None else time_limit

    def failed(path: Path, error: BaseException) -> Checked:
        return Checked(path, reason=task_failed_text(error, limit))

    if not files:
        return
    with ordered_results(_check_chunk, files, failed, jobs=jobs, time_limit=limit) as found:
        for done, checked in enumerate(found, start=1):
            if progress is not None:
                progress(done, len(files))
            yield checked
