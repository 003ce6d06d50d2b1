"""The batch: every workbook of a folder is read, recomputed by the core, copied with its results sheet,
and consolidated; one broken file never stops the others.
"""

from __future__ import annotations

import functools
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from xl_addin import __version__
from xl_addin.consolidation import (
    national,
    national_book,
    national_charts,
    national_plan,
    national_plan_sheets,
    national_problems,
    national_products,
    national_summary,
)
from xl_addin.consolidation import previous as year_over_year
from xl_addin.consolidation.file_report import FileReport
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.outputs import OutputSet, RefreshAbortedError, out_lock, shown_path
from xl_addin.consolidation.plan_file import evaluate_plan_file
from xl_addin.consolidation.pool import ordered_results
from xl_addin.consolidation.problems_file import ProblemsFile, encoded
from xl_addin.consolidation.products import evaluate_file, take_kits_from_rows
from xl_addin.consolidation.reading import (
    PRODUCT_NAMES,
    ForeignWorkbookError,
    Location,
    Problem,
    product_places,
    read_workbook,
    template_places,
)
from xl_addin.consolidation.reasons import (  # UNEXPECTED: re-exported, callers read run.UNEXPECTED
    CHECK_FAILED,
    UNEXPECTED,  # noqa: F401
    UNKNOWN_REGION,  # noqa: F401 - re-exported: callers read run.UNKNOWN_REGION
    UNREAD,
    copy_reason,
    task_failed_text,
    time_limit_text,  # noqa: F401 - re-exported: callers read run.time_limit_text
    unexpected_text,
)
from xl_addin.consolidation.region_rows import (
    identity_problems,
    mark_duplicates,
    out_of_range,
    region_row,
    rows_not_received,
)
from xl_addin.consolidation.results_sheet import write_copy_with_results
from xl_addin.consolidation.untouched import NOT_FILLED, not_filled, untouched
from xl_addin.core.severity import Severity
from xl_addin.core.supply_national import NationalPlan
from xl_addin.errors import XlAddinError
from xl_addin.files import atomic_write, os_reason, unique_names
from xl_addin.request import model
from xl_addin.request.layout import CHECKS, RESULTS
from xl_addin.workbook.regions import Region

#: Read (an old .xls is read far enough to say so); every other file is listed as skipped.
SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: The files a refresh writes into OUT_DIR beside the refreshed copies (never read as received workbooks).
NATIONAL_XLSX, NATIONAL_CSV, PROBLEMS_CSV = "national.xlsx", "national.csv", "problems.csv"
NATIONAL_PRODUCTS_CSV = "national_products.csv"
#: The national supply plan and its redistribution list (issue 22; :mod:`~xl_addin.consolidation.national_plan`).
NATIONAL_PLAN_CSV, NATIONAL_MOVES_CSV = national_plan.CSV_NAME, national_plan.MOVES_CSV_NAME
#: The comparison with a previous campaign (``refresh --previous DIR``; :mod:`~xl_addin.consolidation.previous`).
NATIONAL_PREVIOUS_CSV = year_over_year.PREVIOUS_CSV
#: Seconds a file may take (read, recompute, copy) before it is given up as "не обработан за N с".
TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Summary:
    """What a refresh run did."""

    received: int
    clean: int  #: files filled in and without an error row (warnings alone leave a file clean)
    with_problems: int  #: files with at least one error row
    not_received: int
    problems: int
    seconds: float
    skipped: tuple[str, ...] = ()
    #: Problem rows of severity "ошибка"; ``refresh`` exits 1 when there is any.
    errors: int = 0
    #: Changes against the previous campaign past ``previous.JUMP_PERCENT`` %; None: no ``previous`` given.
    jumps: int | None = None
    #: Files nobody has filled in (:mod:`~xl_addin.consolidation.untouched`): neither clean nor with problems.
    not_filled: int = 0


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


def process_file(path: Path, out_dir: Path, engine: str, when: str, name: str | None = None) -> FileReport:
    """Read, recompute, copy with results; every failure becomes a problem of this file only.

    ``name``: the file as its rows show it (:func:`~xl_addin.files.shown_name`; by default its name).
    This is the batch's fault barrier: an error xl_addin does not foresee, at any step of
    one file, becomes that file's problem row and the other files are processed.
    """
    name = path.name if name is None else name
    try:
        report = _process_file(path, out_dir, engine, when, name)
        report.rows = encoded(report.problems)  # the CSV rows are made here, in the worker, not in the parent
    except Exception as error:  # noqa: BLE001 - the fault barrier: one file's surprise never stops the batch
        return _unread(name, unexpected_text(error))
    return report


def process_files(files: list[tuple[Path, str]], out_dir: Path, engine: str, when: str) -> list[FileReport]:
    """:func:`process_file` of each (path, shown name): one task of a worker."""
    return [process_file(path, out_dir, engine, when, name) for path, name in files]


def _unread(file: str, why: str) -> FileReport:
    problems = [Problem(file, problem=why)]
    return FileReport(file, problems=problems, status=UNREAD, rows=encoded(problems))


def _process_file(path: Path, out_dir: Path, engine: str, when: str, name: str) -> FileReport:
    try:
        reading = read_workbook(path)  # a name that is not UTF-8 too: the reader opens it by its bytes
    except (UnreadableWorkbookError, ForeignWorkbookError) as error:
        return _unread(name, str(error))
    report = FileReport(name)
    report.region, report.published_2006 = reading.region, reading.published_2006
    rows = take_kits_from_rows(reading)  # the drug rows give the kit totals (P3)
    blank = untouched(reading)  # asked before the reading's rows are changed: one row instead of all of them
    report.inputs_valid = not any(p.name.startswith("in_") for p in reading.problems)
    values = model.evaluate(reading.inputs, reading.published_2006, reading.typed_over, reading.lang, products=rows)
    report.values = {key: _plain(value) for key, value in values.items()}
    report.shown_inputs = {key: reading.inputs.get(key) for key in national.SHOWN_INPUTS}
    report.status = str(values["chk_all"])
    report.products = evaluate_file(reading, values)  # its problems do not touch the letter's totals (P2)
    if blank:  # one row of information, out of the totals, instead of an error per empty input
        report.problems, report.status, report.inputs_valid = [not_filled(name, reading)], NOT_FILLED, False
    else:
        report.problems = [replace(problem, file=name) for problem in reading.problems]
        for check in CHECKS:
            if check.severity is not Severity.INFO and values[check.name] != model.OK:
                where = reading.locations.get(check.name) or [Location("", "")]
                report.problems.append(
                    Problem(name, where[0].sheet, where[0].cell, check.name, str(values[check.name]),
                            f"{CHECK_FAILED[check.severity]}: {check.ru}", check.severity)
                )  # fmt: skip
        if report.products is not None:
            report.problems += [replace(problem, file=name) for problem in report.products.problems]
            report.plan = evaluate_plan_file(reading, report.products)  # issue 22: after the products it reads
            if report.plan is not None:
                report.problems += [replace(problem, file=name) for problem in report.plan.problems]
    if report.products is not None:
        report.products.evaluated = None  # the model's rows stay in the worker
    try:
        atomic_write(
            out_dir / path.name,  # the received file's own name, whatever bytes it holds
            lambda temporary: write_copy_with_results(
                path, temporary, results_rows(values, engine, when), getattr(reading, "received", None)
            ),
        )
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        report.problems.append(Problem(name, problem=f"обновлённая копия не записана: {copy_reason(error)}"))
    return report


def received_files(in_dir: Path) -> tuple[list[Path], list[str]]:
    """The workbooks to read, and the names of files skipped (Excel's ~$ lock files, other files)."""
    files, skipped = received_named(in_dir)
    return [path for path, _ in files], skipped


def received_named(in_dir: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """:func:`received_files`, each workbook with its name as the outputs show it
    (:func:`~xl_addin.files.unique_names`: a name that is not UTF-8 is decoded, never a failure)."""
    try:
        paths = sorted(in_dir.iterdir())
    except OSError as error:
        raise RefreshAbortedError(f"папка с книгами {shown_path(in_dir)} не читается: {os_reason(error)}") from error
    files, skipped = [], []
    for path, name in zip(paths, unique_names([path.name for path in paths]), strict=True):
        if name.startswith("~$"):
            skipped.append(f"{name} (файл блокировки Excel)")
        elif path.suffix.lower() in SUFFIXES:
            files.append((path, name))
        elif name not in {NATIONAL_XLSX, NATIONAL_CSV, NATIONAL_PRODUCTS_CSV, PROBLEMS_CSV, NATIONAL_PREVIOUS_CSV,
                          NATIONAL_PLAN_CSV, NATIONAL_MOVES_CSV}:  # fmt: skip
            skipped.append(name)
    return files, skipped


def _failed(time_limit: float | None) -> Callable[[tuple[Path, str], BaseException], FileReport]:
    """The report of a file whose task failed: not done in time, its worker died, or anything else."""

    def report(file: tuple[Path, str], error: BaseException) -> FileReport:
        return _unread(file[1], task_failed_text(error, time_limit))

    return report


@contextmanager
def _reports(
    files: list[tuple[Path, str]],
    out_dir: Path,
    engine: str,
    when: str,
    jobs: int | None,
    time_limit: float | None,
    chunk: int | None = None,
) -> Iterator[Iterator[FileReport]]:
    """The files' reports in the order of ``files``, from ``jobs`` worker processes (the machine's cores by default).

    Every file is processed in a worker, never in this process, so that each has its time
    limit (the worker is ended and the file gets a row "не обработан за N с") and a worker
    that dies (killed, out of memory, a crash in a library) costs only its own file; the pool
    (pebble, :mod:`~xl_addin.consolidation.pool`) starts a fresh worker and the batch goes on.
    """
    template_places()  # built once here, inherited by the forked workers
    product_places()
    work = functools.partial(process_files, out_dir=out_dir, engine=engine, when=when)
    with ordered_results(work, files, _failed(time_limit), jobs=jobs, time_limit=time_limit, chunk=chunk) as found:
        yield found


def refresh(
    in_dir: Path,
    out_dir: Path,
    regions: Sequence[Region],
    *,
    engine: str = "python",
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    time_limit: float | None = TIME_LIMIT,
    chunk: int | None = None,
    previous: Path | None = None,
    products: frozenset[str] | None = None,
) -> Summary:
    """Refresh every workbook of ``in_dir`` into ``out_dir`` and write the consolidation there.

    ``jobs`` worker processes (the machine's cores by default) read the files, each within
    ``time_limit`` seconds (None: no limit), ``chunk`` files per task (None: by the batch's size,
    :func:`~xl_addin.consolidation.pool.chunk_size`); ``progress(done, total)`` is called after
    each file (nothing is printed).  Memory stays flat in the number of workbooks: a file's
    report is reduced to its row of the national table as it arrives, and its problems go
    straight to problems.csv.

    Whatever a file holds, its failure is its row; national.xlsx, national.csv,
    national_products.csv, national_supply_plan.csv, national_redistribution.csv and problems.csv are written
    together or not at all
    (:class:`~xl_addin.consolidation.outputs.OutputSet`).  A run that cannot write them (a full
    disk, an OUT_DIR that is not a writable folder, another refresh into it) raises
    :class:`~xl_addin.consolidation.outputs.RefreshAbortedError` and the previous ones are kept.

    ``previous``: the folder of a previous campaign's refresh (or its national.csv): national_previous.csv and the
    sheet «Год к году» compare this campaign with it (:mod:`~xl_addin.consolidation.previous`); one that cannot be
    read raises :class:`~xl_addin.consolidation.previous.PreviousCampaignError` before anything is written.

    ``products``: the codes of the centre's product list (case-folded, stripped): a code of the products table not
    among them is a warning row (issue 22: the national products and supply plan add up by code).
    """
    started = time.perf_counter()
    if engine == "excel":
        from xl_addin.consolidation.excel_engine import require_excel

        require_excel()  # before anything is read: stop at once where there is no Excel
    earlier = None if previous is None else year_over_year.read_previous(previous)  # before anything is written
    files, skipped = received_named(in_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise RefreshAbortedError(f"--out {shown_path(out_dir)}: это файл, а не папка; укажите папку")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with out_lock(out_dir):
            counts = _refresh(files, out_dir, regions, engine, jobs, progress, time_limit, chunk, earlier, products)
    except OSError as error:  # the machine: a full disk, a folder that cannot be written
        where = f" ({shown_path(error.filename)})" if error.filename else ""
        raise RefreshAbortedError(
            f"сводка не записана в папку {shown_path(out_dir)}: {os_reason(error)}{where}; {_KEPT}"
        ) from error
    except XlAddinError:  # said already (another run into OUT_DIR; Excel that cannot start)
        raise
    except Exception as error:  # a bug outside any one file's handling (the national writers): said, outputs kept
        raise RefreshAbortedError(f"сводка не записана: {unexpected_text(error)}; {_KEPT}") from error
    received, with_problems, not_received, problems, errors, jumps, blank = counts
    return Summary(received, received - with_problems - blank, with_problems, not_received, problems,
                   time.perf_counter() - started, tuple(skipped), errors, jumps, blank)  # fmt: skip


_KEPT = "прежние national.*, national_products.csv и problems.csv не изменены"


def _refresh(
    files: list[tuple[Path, str]],
    out_dir: Path,
    regions: Sequence[Region],
    engine: str,
    jobs: int | None,
    progress: Callable[[int, int], None] | None,
    time_limit: float | None,
    chunk: int | None,
    earlier: year_over_year.Campaign | None = None,
    codes: frozenset[str] | None = None,
) -> tuple[int, int, int, int, int, int | None, int]:
    """The run inside its lock: (files, files with errors, regions not received, problem rows, error rows, changes
    flagged against ``earlier``, untouched files without an error)."""
    when = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    rows: list[national.RegionRow] = []
    with_problems: set[str] = set()
    known = {region.name: region for region in regions}
    with ExitStack() as stack:
        problems = stack.enter_context(ProblemsFile(out_dir / PROBLEMS_CSV))
        spool = stack.enter_context(national_products.ProductsSpool())
        plans = stack.enter_context(national_plan.PlanSpool())
        outputs = stack.enter_context(OutputSet(out_dir))
        excel = stack.enter_context(_excel()) if engine == "excel" else None
        reports = stack.enter_context(_reports(files, out_dir, engine, when, jobs, time_limit, chunk))
        for done, ((path, _), report) in enumerate(zip(files, reports, strict=True), start=1):
            report, taken = _take(report, known, excel, out_dir / path.name)  # noqa: PLW2901 - the report as kept
            problems.add(report.file, report.problems, taken.rows)
            if taken.errors:
                with_problems.add(report.file)  # warnings alone leave a file clean
            rows.append(taken.row)
            spool.write(taken.products)
            plans.write(taken.plan)
            if progress is not None:
                progress(done, len(files))
        with_problems |= mark_duplicates(rows, problems)
        rows += rows_not_received(rows, regions)
        rows.sort(key=lambda row: (row.region.casefold(), row.file))
        jumps = _write_outputs(outputs, rows, spool, problems, earlier, plans, codes)
    not_received = sum(row.status == national.NOT_RECEIVED for row in rows)
    blank = sum(row.status == NOT_FILLED and row.file not in with_problems for row in rows)
    return len(files), len(with_problems), not_received, problems.count, problems.errors, jumps, blank


def _write_outputs(
    outputs: OutputSet,
    rows: list[national.RegionRow],
    spool: national_products.ProductsSpool,
    problems: ProblemsFile,
    earlier: year_over_year.Campaign | None = None,
    plans: national_plan.PlanSpool | None = None,
    codes: frozenset[str] | None = None,
) -> int | None:
    """The national files (and national_previous.csv with ``earlier``), written under temporary names and then put
    in place together; the number of changes flagged against ``earlier`` (None without it).

    Every problem row is known before any file is written (the products table's warnings are its last), and
    problems.csv and the sheet «Проблемы» of national.xlsx are both read from the same spooled rows.
    """
    ordered = national_products.consolidate(spool, rows, codes)
    supply = NationalPlan() if plans is None else national_plan.consolidate(plans, ordered.files)
    for warning in ordered.warnings:
        problems.add_later(warning)
    problems.finish(outputs.stage(PROBLEMS_CSV))
    regions = {row.file: row.region for row in rows if row.file and row.status != UNREAD}
    worst_first = problems.worst_first(national_problems.order_key(regions))
    comparison = None if earlier is None else year_over_year.compare(earlier, rows)
    last_year = None if comparison is None else year_over_year.previous_values(comparison, "out_annual_kits_needed")
    sheets: list[Callable[[Any], None]] = [
        functools.partial(national_summary.add_summary_sheet, rows=rows, products=ordered, last_year=last_year),
        functools.partial(national_products.add_sheet, products=ordered),
        functools.partial(
            national_charts.add_chart_sheets, rows=rows, costs=national_charts.costs_by_region(spool.files(), rows)
        ),
    ]
    sheets += [functools.partial(national_plan_sheets.add_plan_sheet, plan=supply, names=ordered.names),
               functools.partial(national_plan_sheets.add_moves_sheet, plan=supply, names=ordered.names)]  # fmt: skip
    if comparison is not None:
        sheets.append(functools.partial(year_over_year.add_sheet, comparison=comparison))
        year_over_year.write_csv(outputs.stage(NATIONAL_PREVIOUS_CSV), comparison)
    sheets.append(
        functools.partial(national_problems.add_problems_sheet, rows=worst_first, regions=regions, total=problems.count)
    )
    national_book.write_national_xlsx(outputs.stage(NATIONAL_XLSX), rows, sheets=sheets)
    national.write_national_csv(outputs.stage(NATIONAL_CSV), rows)
    national_products.write_products_csv(outputs.stage(NATIONAL_PRODUCTS_CSV), ordered)
    national_plan.write_plan_csv(outputs.stage(NATIONAL_PLAN_CSV), supply, ordered.names)
    national_plan.write_moves_csv(outputs.stage(NATIONAL_MOVES_CSV), supply, ordered.names)
    outputs.commit()
    if comparison is None:  # a comparison of an earlier run with --previous would not be this table's
        (outputs.folder / NATIONAL_PREVIOUS_CSV).unlink(missing_ok=True)
    return None if comparison is None else comparison.jumps


@dataclass(frozen=True)
class _Taken:
    """What the parent keeps of one report, all made before any of it is written."""

    rows: bytes
    errors: int
    row: national.RegionRow
    products: str | None
    plan: str | None = None


def _take(report: FileReport, known: dict[str, Region], excel: Any, copy: Path) -> tuple[FileReport, _Taken]:
    """The barrier's parent side: a surprise while taking one report makes that file's row of it, nothing more."""
    try:
        return report, _taken(report, known, excel, copy)
    except Exception as error:  # noqa: BLE001 - one report's surprise is its row, never the run's end
        unread = _unread(report.file, unexpected_text(error))
        return unread, _taken(unread, known, None, copy)


def _taken(report: FileReport, known: dict[str, Region], excel: Any, copy: Path) -> _Taken:
    """The identity checks (and Excel's, with ``--engine excel``), the problem rows, the national row and the
    spooled products of one report; ``report.problems`` gets the rows found here."""
    later = identity_problems(report, known) + out_of_range(report)
    if excel is not None and report.region is not None and copy.is_file():  # pragma: no cover - needs Excel
        later = excel.check(copy, report.values) + later
    problems = report.problems + later
    rows = report.rows + encoded(later)
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    row = region_row(report, problems)
    sheet_errors = sum(p.severity is Severity.ERROR and p.name in PRODUCT_NAMES for p in problems)  # in problems.csv
    products = national_products.ProductsSpool.line(report.file, report.region, report.products, sheet_errors)
    plan = national_plan.PlanSpool.line(report.file, report.region, report.plan)
    report.problems = problems
    return _Taken(rows, errors, row, products, plan)


def _excel() -> Any:  # pragma: no cover - needs Excel
    from xl_addin.consolidation.excel_engine import ExcelRecalculation

    return ExcelRecalculation()
