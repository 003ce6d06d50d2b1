"""problems.csv, written while the batch runs, so that memory does not grow with the number of problems.

Each received file's problem rows go, as its report arrives, to a hidden
temporary file beside problems.csv; ``finish()`` copies them into problems.csv
in one atomic step, each file's rows followed by the rows found for it only at
the end of the run (two files claiming one region).  An interrupted run leaves
the previous problems.csv as it was and no temporary file behind.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from xl_addin.consolidation.reading import Problem
from xl_addin.consolidation.table_cells import BOM, csv_text
from xl_addin.core.severity import Severity
from xl_addin.files import atomic_write, temporary_file

HEADER = ("Файл", "Лист", "Ячейка", "Имя", "Найдено", "Что не так", "Серьёзность")
#: The severities from the worst (the order of the sheet «Проблемы», :meth:`ProblemsFile.worst_first`).
WORST_FIRST = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def encoded(problems: Iterable[Problem]) -> bytes:
    """The rows of ``problems`` as problems.csv holds them (a worker encodes its file's rows itself)."""
    return csv_text((p.file, p.sheet, p.cell, p.name, p.value, p.problem, p.severity.value) for p in problems).encode(
        "utf-8"
    )


class ProblemsFile:
    """problems.csv being written: one row per problem (UTF-8 with BOM, semicolons, formula-safe).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with ProblemsFile(folder / "problems.csv") as problems:
    ...     problems.add("a.xlsx", [Problem("a.xlsx", "ВИЧ", "C5", "in_x", "-1", "отрицательное")])
    ...     problems.add("b.xlsx", [])
    ...     problems.add_later(Problem("a.xlsx", problem="дубликат"))
    ...     problems.finish()
    >>> (folder / "problems.csv").read_text(encoding="utf-8").splitlines()[1:]
    ['a.xlsx;ВИЧ;C5;in_x;-1;отрицательное;ошибка', 'a.xlsx;;;;;дубликат;ошибка']
    >>> problems.count, problems.errors, sorted(path.name for path in folder.iterdir())
    (2, 2, ['problems.csv'])
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.count = 0
        #: Rows of severity "ошибка" (the rest are warnings and information).
        self.errors = 0
        self._blocks: list[tuple[str, int, int]] = []  # file, start and end of its rows in the temporary file
        self._later: dict[str, list[Problem]] = defaultdict(list)
        self._rows: BinaryIO | None = None
        self._rows_path: Path | None = None

    def __enter__(self) -> ProblemsFile:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._rows_path = temporary_file(self.target.parent, ".rows")
        self._rows = self._rows_path.open("w+b")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if self._rows is not None:
                self._rows.close()  # its last flush may fail on a full disk: the file is removed all the same
        finally:
            if self._rows_path is not None:
                self._rows_path.unlink(missing_ok=True)

    def add(self, file: str, problems: Iterable[Problem], rows_of_them: bytes | None = None) -> None:
        """The problems of one received file, as its report arrives (an empty list for a clean file).

        ``rows_of_them``: the same problems already encoded (:func:`encoded`, by the worker that found them).
        """
        rows = self._open_rows()
        start = rows.tell()
        problems = list(problems)
        rows.write(encoded(problems) if rows_of_them is None else rows_of_them)
        self._blocks.append((file, start, rows.tell()))
        self.count += len(problems)
        self.errors += sum(problem.severity is Severity.ERROR for problem in problems)

    def add_later(self, problem: Problem) -> None:
        """A problem of a file found only at the end of the run; it is written after that file's rows."""
        self._later[problem.file].append(problem)
        self.count += 1
        self.errors += problem.severity is Severity.ERROR

    def worst_first(self, order: Callable[[str], tuple[str, ...]]) -> Iterator[list[str]]:
        """The rows of problems.csv (each a list of its seven texts, as the CSV holds them), errors first, then
        warnings, then information; within a severity by ``order(file)`` (e.g. region, file), each file's rows in
        their order.  One pass over the rows spooled on disk per severity: memory holds one file's rows at a time.
        """
        rows = self._open_rows()
        blocks = [(file, start, end) for file, start, end in self._blocks]
        added = {file for file, _, _ in blocks}
        blocks += [(file, 0, 0) for file in self._later if file not in added]
        blocks.sort(key=lambda block: order(block[0]))
        for severity in WORST_FIRST:
            for file, start, end in blocks:
                rows.seek(start)
                text = (rows.read(end - start) + encoded(self._later.get(file, ()))).decode("utf-8")
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
                    if row and row[-1] == severity.value:
                        yield row
        rows.seek(0, 2)

    def finish(self, target: Path | None = None) -> None:
        """Write problems.csv atomically: header, then each file's rows in the order they were added.

        ``target``: where to write it instead of the path given (a run stages all its outputs first).
        """
        rows = self._open_rows()

        def write(temporary: Path) -> None:
            with temporary.open("wb") as out:
                out.write((BOM + csv_text([HEADER])).encode("utf-8"))
                for file, start, end in self._blocks:
                    rows.seek(start)
                    out.write(rows.read(end - start))
                    out.write(encoded(self._later.get(file, ())))
                added = {file for file, _, _ in self._blocks}
                out.write(encoded(p for file, later in self._later.items() if file not in added for p in later))

        atomic_write(self.target if target is None else target, write)

    def _open_rows(self) -> BinaryIO:
        if self._rows is None:
            raise RuntimeError("ProblemsFile is used outside its with-block")
        return self._rows
