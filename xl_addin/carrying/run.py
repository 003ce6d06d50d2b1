"""``xl-addin carry``: filled workbooks of earlier template versions (2–4) into current ones, nothing retyped.

Each source is read and written in a worker process within refresh's time limit (the sources are untrusted: a
file that hangs, runs too long or kills its worker costs only its own row), the target written atomically beside
the others in ``out`` under the source's own name (its suffix the variant's).  Whatever a source is — a broken
zip, a foreign workbook, a named pipe, a version carry does not read — it is one row of the report and the others
are carried.  A source is only ever read: never written, never moved.

The report (``carry.csv`` in ``out``, as problems.csv: UTF-8 with BOM, semicolons, a severity per row) has a row
for everything that was not carried as it was: errors for values left in the source, warnings for values replaced
(a result typed over, a list's value that wins), information for what was written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xl_addin.carrying.plan import make_plan
from xl_addin.carrying.source import SourceBook, read_source
from xl_addin.consolidation.outputs import shown_path
from xl_addin.consolidation.problems_file import HEADER
from xl_addin.consolidation.reading import Problem
from xl_addin.consolidation.reasons import task_failed_text, unexpected_text
from xl_addin.consolidation.table_cells import BOM, csv_text
from xl_addin.core.severity import Severity
from xl_addin.errors import XlAddinError
from xl_addin.files import atomic_write, atomic_write_text, os_reason, shown_name
from xl_addin.request.contract import CURRENT_VERSION
from xl_addin.workbook.generate import check_regions, is_filled
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.product_list import ProductEntry
from xl_addin.workbook.writer import NATIVE_VARIANT, SUFFIX, UDF_VARIANT, Region, WorkbookWriter

#: The report's file name in the output folder.
REPORT_CSV = "carry.csv"
#: What a folder given as a source contributes: its workbooks (Excel's lock files ``~$…`` left out).
SUFFIXES = (".xlsx", ".xlsm")
#: Seconds a source may take to be read and written (refresh's limit: a file is read in a fraction of it).
TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Job:
    """One source to carry into ``target`` (everything a worker needs; picklable)."""

    source: Path
    target: Path
    variant: str
    lang: str | None
    password: str | None
    force: bool
    #: The product list read in each language (a drop-down's texts differ): empty without a list.
    product_lists: dict[str, tuple[ProductEntry, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """One source's rows, and the target when it was written."""

    source: Path
    rows: tuple[Problem, ...]
    written: Path | None = None


@dataclass(frozen=True)
class CarryResult:
    """What ``carry`` did: the folder, the report, the workbooks written, every report row and the exit code
    (1 when any row is an error: a value, a row of products or a whole source left behind)."""

    out: Path
    report: Path
    written: tuple[Path, ...]
    rows: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        """The rows of severity «ошибка»."""
        return sum(row.severity is Severity.ERROR for row in self.rows)

    @property
    def exit_code(self) -> int:
        """0 when nothing was left behind, 1 otherwise."""
        return 1 if self.errors else 0


def _row(source: Path, problem: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(shown_name(source.name), problem=problem, severity=severity)


def carry_one(job: Job) -> Outcome:
    """Carry one source (in a worker): its outcome, whatever the source holds."""
    try:
        source = read_source(job.source)
    except XlAddinError as error:  # UnreadableWorkbookError, ForeignSourceError: the source's reason
        return Outcome(job.source, (_row(job.source, f"не перенесена: {error}"),))
    except Exception as error:  # noqa: BLE001 - the fault barrier: one file's surprise never stops the others
        return Outcome(job.source, (_row(job.source, unexpected_text(error)),))
    try:
        return _write(job, source)
    except XlAddinError as error:
        return Outcome(job.source, (_row(job.source, f"не перенесена: {error}"),))
    except OSError as error:
        return Outcome(job.source, (_row(job.source, f"{job.target.name} не записан: {os_reason(error)}"),))
    except Exception as error:  # noqa: BLE001 - the fault barrier, as above
        return Outcome(job.source, (_row(job.source, unexpected_text(error)),))


def _write(job: Job, source: SourceBook) -> Outcome:
    lang = job.lang or source.lang
    if job.target.exists() and not job.force and is_filled(job.target):
        return Outcome(job.source, (_row(job.source, f"{job.target.name} уже есть в папке результата и заполнен: не "
                                         "перезаписан (добавьте --force)"),))  # fmt: skip
    region = Region(source.region, "", source.published_2006)
    check_regions([region])
    product_list = job.product_lists.get(lang, ())
    writer = WorkbookWriter(
        region, lang=lang, year=source.year, variant=job.variant, password=job.password, product_list=product_list
    )
    book = writer.build()
    target_cells = {name: len(named_cells(book, name)) for name in book.defined_names if name.startswith("in_")}
    plan = make_plan(source, target_cells, lang=lang, product_list=product_list)
    for name, cells in plan.values.items():
        found = named_cells(book, name)
        for index, value in cells.items():
            found[index].value = value
    atomic_write(job.target, book.save)
    file = shown_name(job.source.name)
    rows = [Problem(file, n.sheet, n.cell, n.name, n.value, n.problem, n.severity) for n in plan.rows]
    rows.append(Problem(file, problem=f"перенесена в {shown_name(job.target.name)}: версия шаблона {source.version} → "
                        f"{CURRENT_VERSION}, значений {plan.carried}, строк товаров {plan.product_rows}",
                        severity=Severity.INFO))  # fmt: skip
    return Outcome(job.source, tuple(rows), job.target)


def _carry_chunk(jobs: list[Job]) -> list[Outcome]:
    """A worker's task: each job of a chunk (the pool retries a failed chunk job by job)."""
    return [carry_one(job) for job in jobs]


def sources_of(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The workbooks ``paths`` name (a folder: its .xlsx and .xlsm files), and a row for each path that is none."""
    found: list[Path] = []
    rows: list[Problem] = []
    for path in map(Path, paths):
        if path.is_dir():
            try:
                inside = sorted(path.iterdir())
            except OSError as error:
                rows.append(_row(path, f"папка не читается: {os_reason(error)}"))
                continue
            found += [p for p in inside if p.suffix.lower() in SUFFIXES and not p.name.startswith("~$")]
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            rows.append(_row(path, "файл не найден"))
    return found, rows


def run_carry(
    sources: Sequence[Path],
    out: Path,
    *,
    lang: str | None = None,
    variant: str | None = None,
    password: str | None = None,
    force: bool = False,
    product_lists: dict[str, tuple[ProductEntry, ...]] | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CarryResult:
    """Carry every source into ``out`` and write the report; ``progress(done, total)`` after each source.

    ``variant`` None: each source's own (.xlsm: the add-in's, else native).  ``lang`` None: each source's own.
    """
    from xl_addin.consolidation.pool import ordered_results

    files, rows = sources_of(sources)
    out.mkdir(parents=True, exist_ok=True)
    planned: list[Job] = []
    targets: dict[Path, Path] = {}
    for path in files:
        chosen = variant or (UDF_VARIANT if path.suffix.lower() == ".xlsm" else NATIVE_VARIANT)
        target = out / (path.stem + SUFFIX[chosen])
        if target.resolve() == path.resolve():
            rows.append(_row(path, "результат лёг бы поверх исходной книги: выберите другую папку (--out)"))
        elif target.resolve() in targets:
            rows.append(_row(path, f"{target.name} уже пишется из {shown_path(targets[target.resolve()])}: "
                             "не перенесена (переименуйте одну из книг)"))  # fmt: skip
        else:
            targets[target.resolve()] = path
            planned.append(Job(path, target, chosen, lang, password, force, product_lists or {}))
    written: list[Path] = []

    def failed(job: Job, error: BaseException) -> Outcome:
        return Outcome(job.source, (_row(job.source, task_failed_text(error, TIME_LIMIT)),))

    if planned:
        with ordered_results(_carry_chunk, planned, failed, jobs=jobs, time_limit=TIME_LIMIT, chunk=1) as outcomes:
            for done, outcome in enumerate(outcomes, start=1):
                rows += outcome.rows
                if outcome.written is not None:
                    written.append(outcome.written)
                if progress is not None:
                    progress(done, len(planned))
    report = out / REPORT_CSV
    lines = [HEADER, *((p.file, p.sheet, p.cell, p.name, p.value, p.problem, p.severity.value) for p in rows)]
    atomic_write_text(report, BOM + csv_text(lines))
    return CarryResult(out, report, tuple(written), tuple(rows))


__all__ = ["REPORT_CSV", "CarryResult", "Job", "carry_one", "run_carry", "sources_of"]
