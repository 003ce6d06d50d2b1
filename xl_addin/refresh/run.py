"""The batch: every workbook of a folder is read, recomputed by the core, copied with its results sheet,
and consolidated; one broken file never stops the others.
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from xl_addin import __version__
from xl_addin.files import atomic_write
from xl_addin.refresh import national
from xl_addin.refresh.opening import UnreadableWorkbookError
from xl_addin.refresh.reading import ForeignWorkbookError, Location, Problem, read_workbook
from xl_addin.refresh.results_sheet import write_copy_with_results
from xl_addin.workbook import model
from xl_addin.workbook.layout import CHECKS, RESULTS
from xl_addin.workbook.regions import Region

#: Read (an old .xls is read far enough to say so); every other file is listed as skipped.
SUFFIXES = (".xlsx", ".xlsm", ".xls")


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


@dataclass(frozen=True)
class Summary:
    """What a refresh run did."""

    received: int
    clean: int
    with_problems: int
    not_received: int
    problems: int
    seconds: float
    skipped: tuple[str, ...] = ()


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
    """Read, recompute, copy with results; every failure becomes a problem of this file only."""
    report = FileReport(path.name)
    try:
        reading = read_workbook(path)
    except (UnreadableWorkbookError, ForeignWorkbookError) as error:
        report.problems.append(Problem(path.name, problem=str(error)))
        report.status = "не прочитан"
        return report
    report.region, report.published_2006 = reading.region, reading.published_2006
    report.problems = [Problem(path.name, p.sheet, p.cell, p.name, p.value, p.problem) for p in reading.problems]
    report.inputs_valid = not any(p.name.startswith("in_") for p in reading.problems)
    values = model.evaluate(reading.inputs, reading.published_2006)
    report.values = {name: _plain(value) for name, value in values.items()}
    for check in CHECKS:
        if not check.information and values[check.name] != model.OK:
            where = reading.locations.get(check.name) or [Location("", "")]
            report.problems.append(
                Problem(path.name, where[0].sheet, where[0].cell, check.name, str(values[check.name]),
                        f"проверка не пройдена: {check.ru}")
            )  # fmt: skip
    report.status = str(values["chk_all"])
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
        elif path.name not in {"national.xlsx", "national.csv", "problems.csv"}:
            skipped.append(path.name)
    return files, skipped


def _mark_duplicates(reports: list[FileReport]) -> None:
    by_region: dict[str, list[FileReport]] = defaultdict(list)
    for report in reports:
        if report.region is not None:
            by_region[report.region].append(report)
    for region, claimed in by_region.items():
        if len(claimed) > 1:
            files = ", ".join(report.file for report in claimed)
            for report in claimed:
                report.problems.append(
                    Problem(report.file, "", "", "xl_addin_region", region,
                            f"регион прислан в нескольких файлах ({files}): ни один не вошёл в итог")
                )  # fmt: skip
                report.inputs_valid = False
                report.status = "дубликат"


def _rows(reports: list[FileReport], regions: Sequence[Region]) -> list[national.RegionRow]:
    rows = [
        national.RegionRow(
            report.region or f"(не прочитан) {report.file}",
            report.file,
            report.status,
            report.region is not None and report.inputs_valid,
            report.values,
            report.published_2006,
        )
        for report in reports
    ]
    received = {report.region for report in reports if report.region is not None}
    rows += [
        national.RegionRow(region.name, "", national.NOT_RECEIVED, False, {}, region.published_2006)
        for region in regions
        if region.name not in received
    ]
    return sorted(rows, key=lambda row: (row.region.casefold(), row.file))


def refresh(
    in_dir: Path, out_dir: Path, regions: Sequence[Region], *, engine: str = "python", jobs: int | None = None
) -> tuple[Summary, list[Problem]]:
    """Refresh every workbook of ``in_dir`` into ``out_dir`` and write the consolidation there."""
    started = time.perf_counter()
    if engine == "excel":
        from xl_addin.refresh.excel_engine import require_excel

        require_excel()  # before anything is read: stop at once where there is no Excel
    files, skipped = received_files(in_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    when = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    show_progress = sys.stderr.isatty()
    reports: list[FileReport] = []
    arguments = ([out_dir] * len(files), [engine] * len(files), [when] * len(files))
    if workers == 1:
        results = map(process_file, files, *arguments)
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(process_file, files, *arguments, chunksize=max(1, len(files) // (workers * 8)))
    try:
        for done, report in enumerate(results, start=1):
            reports.append(report)
            if show_progress:
                print(f"\r[{'#' * (30 * done // len(files)):<30}] {done}/{len(files)}", end="", file=sys.stderr)
    finally:
        if workers > 1:
            pool.shutdown()
    if show_progress and files:
        print(file=sys.stderr)
    if engine == "excel":
        from xl_addin.refresh.excel_engine import recalculate_in_excel

        recalculate_in_excel(out_dir, reports)
    _mark_duplicates(reports)
    problems = [problem for report in reports for problem in report.problems]
    rows = _rows(reports, regions)
    national.write_national_xlsx(out_dir / "national.xlsx", rows)
    national.write_national_csv(out_dir / "national.csv", rows)
    national.write_problems(out_dir / "problems.csv", problems)
    clean = sum(1 for report in reports if not report.problems)
    summary = Summary(
        len(files), clean, len(files) - clean, sum(row.status == national.NOT_RECEIVED for row in rows),
        len(problems), time.perf_counter() - started, tuple(skipped),
    )  # fmt: skip
    return summary, problems
