"""From a file's report to its row of the national table, in the parent of a refresh: the checks only the parent can
make (the region against the region list, two files of one region, a result no table can hold) and the regions of
the list that sent nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from xl_addin.consolidation import national
from xl_addin.consolidation.file_report import FileReport
from xl_addin.consolidation.problems_file import ProblemsFile
from xl_addin.consolidation.reading import Problem
from xl_addin.consolidation.reasons import UNKNOWN_REGION, UNREAD
from xl_addin.consolidation.table_cells import OUT_OF_RANGE, number_or_text
from xl_addin.consolidation.untouched import NOT_FILLED
from xl_addin.core.severity import Severity
from xl_addin.workbook.regions import Region


def identity_problems(report: FileReport, known: dict[str, Region]) -> list[Problem]:
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


def out_of_range(report: FileReport) -> list[Problem]:
    """A result no table can hold (infinite, not a number, or past ``table_cells.LARGEST``: absurd inputs): an error
    row per result, and the file out of the totals (its number would make every total meaningless)."""
    found = []
    for name, value in report.values.items():
        items = value if isinstance(value, list) else [value]
        if any(number_or_text(item) == OUT_OF_RANGE for item in items):
            found.append(Problem(report.file, "", "", name, OUT_OF_RANGE,
                                 "результат вне диапазона (бесконечность, не число или 10¹⁵ и больше по модулю): "
                                 "проверьте введённые числа; книга не вошла в итог"))  # fmt: skip
    if found:
        report.inputs_valid = False
    return found


def region_row(report: FileReport, problems: list[Problem]) -> national.RegionRow:
    """The file's row of the national table; it counts the file's problems by severity (the status cell's colour)."""
    return national.RegionRow.of(
        report.region or f"({UNREAD}) {report.file}",
        report.file,
        report.status,
        report.region is not None and report.inputs_valid,
        {**report.values, **report.shown_inputs},
        report.published_2006,
        warnings=sum(problem.severity is Severity.WARNING for problem in problems),
        errors=sum(problem.severity is Severity.ERROR for problem in problems),
    )


def mark_duplicates(rows: list[national.RegionRow], problems: ProblemsFile) -> set[str]:
    """Two files claiming one region: neither enters the totals; the files so marked."""
    by_region: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row.status not in (UNREAD, NOT_FILLED):  # an untouched workbook claims nothing
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


def rows_not_received(rows: list[national.RegionRow], regions: Sequence[Region]) -> list[national.RegionRow]:
    """The rows of the regions of the list no file claims: not received, out of the totals."""
    received = {row.region for row in rows}
    return [
        national.RegionRow.of(region.name, "", national.NOT_RECEIVED, False, {}, region.published_2006)
        for region in regions
        if region.name not in received
    ]
