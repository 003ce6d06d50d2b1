"""The batch: every workbook of a folder is read, recomputed by the core, copied with its results sheet,
and consolidated; one broken file never stops the others.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FuturesTimeoutError
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from xl_addin import __version__
from xl_addin.consolidation import national, national_products
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.problems_file import CHECK_FAILED, ProblemsFile, encoded
from xl_addin.consolidation.products import FileProducts, evaluate_file, take_kits_from_rows
from xl_addin.consolidation.reading import (
    ForeignWorkbookError,
    Location,
    Problem,
    product_places,
    read_workbook,
    template_places,
)
from xl_addin.consolidation.results_sheet import write_copy_with_results
from xl_addin.core.severity import Severity
from xl_addin.files import atomic_write
from xl_addin.workbook import model
from xl_addin.workbook.layout import CHECKS, RESULTS
from xl_addin.workbook.regions import Region

#: Read (an old .xls is read far enough to say so); every other file is listed as skipped.
SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: The files a refresh writes into OUT_DIR beside the refreshed copies (never read as received workbooks).
NATIONAL_XLSX, NATIONAL_CSV, PROBLEMS_CSV = "national.xlsx", "national.csv", "problems.csv"
NATIONAL_PRODUCTS_CSV = "national_products.csv"
#: The status of a file that could not be read (its row names the file instead of a region).
UNREAD = "не прочитан"
#: The status of a file whose region the region list does not know (its row is kept out of the totals).
UNKNOWN_REGION = "субъект не из списка"
#: The start of the problem text of a file that met an error xl_addin does not know, at any step (a bug to report).
UNEXPECTED = "не обработан из-за непредвиденной ошибки xl_addin (сообщите разработчикам)"
#: Seconds a file may take (read, recompute, copy) before it is given up as "не обработан за N с".
TIME_LIMIT = 60.0
#: Files scheduled ahead per worker (reports are taken in the order of the files).
WINDOW = 8


@dataclass
class FileReport:
    """What one received file gave: its region, the core's values, its problems."""

    file: str
    region: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    inputs_valid: bool = False
    published_2006: int | None = None
    status: str = ""
    #: ``problems`` as problems.csv rows (encoded by the worker; problems added later are encoded then).
    rows: bytes = b""
    #: The products sheet's order lines (None: the workbook has no products sheet).
    products: FileProducts | None = None


@dataclass(frozen=True)
class Summary:
    """What a refresh run did."""

    received: int
    clean: int  #: files without an error row (warnings alone leave a file clean)
    with_problems: int  #: files with at least one error row
    not_received: int
    problems: int
    seconds: float
    skipped: tuple[str, ...] = ()
    #: Problem rows of severity "ошибка"; ``refresh`` exits 1 when there is any.
    errors: int = 0


def _plain(value: Any) -> Any:
    """A core value as the results sheet and the consolidation show it (an ErrorValue becomes None)."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return None if isinstance(value, model.ErrorValue) else value


def results_rows(values: dict[str, Any], engine: str, when: str) -> list[list[Any]]:
    """The rows of the values-only results sheet: every result and check, the time, version and engine."""
    rows: list[list[Any]] = [["Имя", "Показатель", "Значение", ""]]
    for result in RESULTS:
        value = values[result.name]
        shown = [_shown_value(item) for item in value] if isinstance(value, list) else [_shown_value(value)]
        rows.append([result.name, result.ru, *shown])
    for check in CHECKS:
        rows.append([check.name, check.ru, values[check.name]])
    rows.append(["chk_all", "Итого: проблем", values["chk_all"]])
    rows += [[], ["Обновлено", when], ["Версия xl_addin", __version__], ["Движок", engine]]
    return rows


def _shown_value(value: Any) -> Any:
    return f"#ошибка: {value.message}"[:255] if isinstance(value, model.ErrorValue) else value


def process_file(path: Path, out_dir: Path, engine: str, when: str) -> FileReport:
    """Read, recompute, copy with results; every failure becomes a problem of this file only.

    This is the batch's fault barrier: an error xl_addin does not foresee, at any step of
    one file, becomes that file's problem row and the other files are processed.
    """
    try:
        report = _process_file(path, out_dir, engine, when)
        report.rows = encoded(report.problems)  # the CSV rows are made here, in the worker, not in the parent
    except Exception as error:  # noqa: BLE001 - the fault barrier: one file's surprise never stops the batch
        return _unread(path, f"{UNEXPECTED}: {type(error).__name__}: {error}"[:1000])
    return report


def _unread(path: Path, why: str) -> FileReport:
    problems = [Problem(path.name, problem=why)]
    return FileReport(path.name, problems=problems, status=UNREAD, rows=encoded(problems))


def _process_file(path: Path, out_dir: Path, engine: str, when: str) -> FileReport:
    try:
        reading = read_workbook(path)
    except (UnreadableWorkbookError, ForeignWorkbookError) as error:
        return _unread(path, str(error))
    report = FileReport(path.name)
    report.region, report.published_2006 = reading.region, reading.published_2006
    rows = take_kits_from_rows(reading)  # the drug rows give the kit totals (P3)
    report.problems = [replace(problem, file=path.name) for problem in reading.problems]
    report.inputs_valid = not any(p.name.startswith("in_") for p in reading.problems)
    values = model.evaluate(reading.inputs, reading.published_2006, reading.typed_over, reading.lang, products=rows)
    report.values = {name: _plain(value) for name, value in values.items()}
    for check in CHECKS:
        if check.severity is not Severity.INFO and values[check.name] != model.OK:
            where = reading.locations.get(check.name) or [Location("", "")]
            report.problems.append(
                Problem(path.name, where[0].sheet, where[0].cell, check.name, str(values[check.name]),
                        f"{CHECK_FAILED[check.severity]}: {check.ru}", check.severity)
            )  # fmt: skip
    report.status = str(values["chk_all"])
    report.products = evaluate_file(reading, values)  # its problems do not touch the letter's totals (P2)
    if report.products is not None:
        report.problems += [replace(problem, file=path.name) for problem in report.products.problems]
    try:
        atomic_write(
            out_dir / path.name,
            lambda temporary: write_copy_with_results(path, temporary, results_rows(values, engine, when)),
        )
    except (OSError, ValueError, KeyError) as error:
        report.problems.append(Problem(path.name, problem=f"обновлённая копия не записана: {error}"))
    return report


def received_files(in_dir: Path) -> tuple[list[Path], list[str]]:
    """The workbooks to read, and the names of files skipped (Excel's ~$ lock files, other files)."""
    files, skipped = [], []
    for path in sorted(in_dir.iterdir()):
        if path.name.startswith("~$"):
            skipped.append(f"{path.name} (файл блокировки Excel)")
        elif path.suffix.lower() in SUFFIXES:
            files.append(path)
        elif path.name not in {NATIONAL_XLSX, NATIONAL_CSV, NATIONAL_PRODUCTS_CSV, PROBLEMS_CSV}:
            skipped.append(path.name)
    return files, skipped


def _identity_problems(report: FileReport, known: dict[str, Region]) -> list[Problem]:
    """A region the list does not know, or whose 2006 figure in the file is not the list's: an error, out of the totals.

    The region is read from the file's ``xl_addin_region`` (locked on the title sheet); a
    name the list does not have never becomes an extra, silent region of the consolidation.
    """
    if report.region is None or not known:  # no region list given (a library call): nothing to compare with
        return []
    region = known.get(report.region)
    if region is None:
        report.inputs_valid, report.status = False, UNKNOWN_REGION
        return [Problem(report.file, "", "", "xl_addin_region", report.region,
                        "субъекта нет в списке регионов сводки: книга не вошла в итог (проверьте название на титульном листе)")]  # fmt: skip
    if report.published_2006 != region.published_2006:
        report.inputs_valid = False
        return [Problem(report.file, "", "", "xl_addin_published_2006", str(report.published_2006),
                        f"оценка 2006 г. в книге не та, что у субъекта «{region.name}» в письме ({region.published_2006}): "
                        "книга не вошла в итог (создайте книгу заново: xl-addin generate)")]  # fmt: skip
    return []


def _row(report: FileReport) -> national.RegionRow:
    """The file's row of the national table; it counts the file's problems by severity (the status cell's colour)."""
    return national.RegionRow.of(
        report.region or f"({UNREAD}) {report.file}",
        report.file,
        report.status,
        report.region is not None and report.inputs_valid,
        report.values,
        report.published_2006,
        warnings=sum(problem.severity is Severity.WARNING for problem in report.problems),
        errors=sum(problem.severity is Severity.ERROR for problem in report.problems),
    )


def _mark_duplicates(rows: list[national.RegionRow], problems: ProblemsFile) -> set[str]:
    """Two files claiming one region: neither enters the totals; the files so marked."""
    by_region: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row.status != UNREAD:
            by_region[row.region].append(index)
    marked: set[str] = set()
    for region, claimed in by_region.items():
        if len(claimed) > 1:
            files = ", ".join(rows[index].file for index in claimed)
            for index in claimed:
                problems.add_later(
                    Problem(rows[index].file, "", "", "xl_addin_region", region,
                            f"регион прислан в нескольких файлах ({files}): ни один не вошёл в итог")
                )  # fmt: skip
                rows[index] = replace(rows[index], status="дубликат", in_totals=False)
                marked.add(rows[index].file)
    return marked


def _not_received(rows: list[national.RegionRow], regions: Sequence[Region]) -> list[national.RegionRow]:
    received = {row.region for row in rows}
    return [
        national.RegionRow.of(region.name, "", national.NOT_RECEIVED, False, {}, region.published_2006)
        for region in regions
        if region.name not in received
    ]


def time_limit_text(seconds: float) -> str:
    """The problem text of a file not done within its time limit.

    >>> time_limit_text(60), time_limit_text(0.5)
    ('не обработан за 60 с: книга читается слишком долго (проверьте её: xl-addin check)', 'не обработан за 0,5 с: книга читается слишком долго (проверьте её: xl-addin check)')
    """
    shown = f"{seconds:g}".replace(".", ",")
    return f"не обработан за {shown} с: книга читается слишком долго (проверьте её: xl-addin check)"


def _died_text(exit_code: int | None) -> str:
    return (
        f"не обработан: процесс, читавший книгу, аварийно завершился (код {exit_code}; например, не хватило памяти); "
        "остальные книги обработаны (проверьте эту: xl-addin check)"
    )


def _start_method() -> Any:
    """Workers are forked where the system can (fast start, the parent's imports and caches shared).

    Python 3.12 and later warn (DeprecationWarning) when a process with threads forks, as pebble's
    pool manager does: to be revisited (forkserver) when the project moves past Python 3.11.
    """
    import multiprocessing

    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


@contextmanager
def _reports(
    files: list[Path], out_dir: Path, engine: str, when: str, jobs: int | None, time_limit: float | None
) -> Iterator[Iterator[FileReport]]:
    """The files' reports in the order of ``files``, from ``jobs`` worker processes (the machine's cores by default).

    Every file is processed in a worker, never in this process, so that each has its time
    limit (the worker is ended and the file gets a row "не обработан за N с") and a worker
    that dies (killed, out of memory, a crash in a library) costs only its own file; the pool
    (pebble, below) starts a fresh worker and the batch goes on.
    """
    from pebble import ProcessExpired, ProcessPool

    template_places()  # built once here, inherited by the forked workers
    product_places()
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    pool = ProcessPool(max_workers=workers, context=_start_method())

    def reports() -> Iterator[FileReport]:
        # A window of files in flight, taken in order: at most workers × WINDOW reports wait, however many files.
        waiting: deque[tuple[Path, Any]] = deque()
        upcoming = iter(files)
        while True:
            while len(waiting) < workers * WINDOW and (path := next(upcoming, None)) is not None:
                waiting.append((path, pool.schedule(process_file, (path, out_dir, engine, when), timeout=time_limit)))
            if not waiting:
                return
            path, future = waiting.popleft()
            try:
                yield future.result()
            except FuturesTimeoutError:
                yield _unread(path, time_limit_text(time_limit or 0))
            except ProcessExpired as error:
                yield _unread(path, _died_text(error.exitcode))

    try:
        yield reports()
    except BaseException:
        pool.stop()  # Ctrl+C or a failure: end the workers, do not wait for the rest
        pool.join()
        raise
    pool.close()
    pool.join()


def refresh(
    in_dir: Path,
    out_dir: Path,
    regions: Sequence[Region],
    *,
    engine: str = "python",
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    time_limit: float | None = TIME_LIMIT,
) -> Summary:
    """Refresh every workbook of ``in_dir`` into ``out_dir`` and write the consolidation there.

    ``jobs`` worker processes (the machine's cores by default) read the files, each within
    ``time_limit`` seconds (None: no limit); ``progress(done, total)`` is called after each
    file (nothing is printed).  Memory stays flat in the number of workbooks: a file's
    report is reduced to its row of the national table as it arrives, and its problems go
    straight to problems.csv.
    """
    started = time.perf_counter()
    if engine == "excel":
        from xl_addin.consolidation.excel_engine import require_excel

        require_excel()  # before anything is read: stop at once where there is no Excel
    files, skipped = received_files(in_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    when = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    rows: list[national.RegionRow] = []
    with_problems: set[str] = set()
    known = {region.name: region for region in regions}
    with ExitStack() as stack:
        problems = stack.enter_context(ProblemsFile(out_dir / PROBLEMS_CSV))
        spool = stack.enter_context(national_products.ProductsSpool())
        excel = stack.enter_context(_excel()) if engine == "excel" else None
        reports = stack.enter_context(_reports(files, out_dir, engine, when, jobs, time_limit))
        for done, report in enumerate(reports, start=1):
            copy = out_dir / report.file
            later = _identity_problems(report, known)
            if excel is not None and report.region is not None and copy.is_file():  # pragma: no cover - needs Excel
                later = excel.check(copy, report.values) + later
            report.problems += later
            problems.add(report.file, report.problems, report.rows + encoded(later))
            if any(problem.severity is Severity.ERROR for problem in report.problems):
                with_problems.add(report.file)  # warnings alone leave a file clean
            rows.append(_row(report))
            spool.add(report.file, report.region, report.products)
            if progress is not None:
                progress(done, len(files))
        with_problems |= _mark_duplicates(rows, problems)
        rows += _not_received(rows, regions)
        rows.sort(key=lambda row: (row.region.casefold(), row.file))
        ordered = national_products.consolidate(spool, rows)
        for warning in ordered.warnings:
            problems.add_later(warning)
        national.write_national_xlsx(out_dir / NATIONAL_XLSX, rows, products=ordered)
        national.write_national_csv(out_dir / NATIONAL_CSV, rows)
        national_products.write_products_csv(out_dir / NATIONAL_PRODUCTS_CSV, ordered)
        problems.finish()
    return Summary(
        len(files), len(files) - len(with_problems), len(with_problems),
        sum(row.status == national.NOT_RECEIVED for row in rows), problems.count,
        time.perf_counter() - started, tuple(skipped), problems.errors,
    )  # fmt: skip


def _excel() -> Any:  # pragma: no cover - needs Excel
    from xl_addin.consolidation.excel_engine import ExcelRecalculation

    return ExcelRecalculation()
