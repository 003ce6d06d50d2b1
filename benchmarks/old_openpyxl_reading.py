"""FOR THE BENCHMARK ONLY: the openpyxl reader that ``refresh`` used before issue 11 (commit 11e4695).

Kept here, outside the package, so that ``bench_refresh.py`` measures today's reader against it in
the same run on the same folders.  Not used by xl_addin and not maintained: the problem rows and
the types are the package's own (imported below), so that ``run.process_file`` treats its errors
as it treats the new reader's.  Its faults are the reasons it was replaced: it walks the bounding
box of all named cells (a name moved to XFD1048576 keeps it busy for half an hour) and parses every
workbook into openpyxl objects.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

from xl_addin.consolidation.opening import UnreadableWorkbookError, check_before_opening, require_defused_xml

# what the two readers share (the problems of an input, how a value is shown) is the new reader's own code
from xl_addin.consolidation.reading import (
    ForeignWorkbookError,
    Location,
    Problem,
    WorkbookReading,
    _input_problems,
    _shown,
)
from xl_addin.request.layout import CHECKS, INPUTS, RESULTS, TEMPLATE_VERSION
from xl_addin.workbook.texts import LANGUAGES

CONTRACT = ("xl_addin_template_version", "xl_addin_region")
#: The workbook's language; optional, so that a workbook without it is read as Russian.
LANGUAGE = "xl_addin_lang"


def _cells(reference: str) -> list[tuple[int, int]]:
    """Row/column pairs of ``A1`` or ``A1:C1`` (absolute or not), left to right, top to bottom."""
    corners = [coordinate_from_string(part) for part in reference.replace("$", "").split(":")]
    (first_column, first_row), (last_column, last_row) = corners[0], corners[-1]
    first, last = column_index_from_string(first_column), column_index_from_string(last_column)
    return [(row, column) for row in range(first_row, last_row + 1) for column in range(first, last + 1)]


def _destinations(book: Any, name: str) -> tuple[str, list[tuple[int, int]]] | None:
    if name not in book.defined_names:
        return None
    destinations = list(book.defined_names[name].destinations)
    if len(destinations) != 1 or destinations[0][0] not in book.sheetnames:
        return None
    title, reference = destinations[0]
    return title, _cells(reference)


def _read_values(book: Any, wanted: dict[str, set[tuple[int, int]]]) -> dict[tuple[str, int, int], Any]:
    """The values of the wanted cells, one read-only pass over each sheet's bounding box."""
    values: dict[tuple[str, int, int], Any] = {}
    for title, cells in wanted.items():
        rows = [row for row, _ in cells]
        columns = [column for _, column in cells]
        top, left = min(rows), min(columns)
        sheet = book[title]
        for row_offset, row in enumerate(
            sheet.iter_rows(min_row=top, max_row=max(rows), min_col=left, max_col=max(columns), values_only=True)
        ):
            for column_offset, value in enumerate(row):
                position = (top + row_offset, left + column_offset)
                if position in cells:
                    values[(title, *position)] = value
    return values


def read_workbook(path: Path) -> WorkbookReading:
    """Read a received workbook; raise UnreadableWorkbookError or ForeignWorkbookError with a Russian reason."""
    from openpyxl import load_workbook

    check_before_opening(path)
    require_defused_xml()
    try:
        book = load_workbook(path, read_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        raise UnreadableWorkbookError(f"файл повреждён: {error}") from error
    except ParseError as error:
        raise UnreadableWorkbookError(_broken_xml(error)) from error
    except ValueError as error:
        raise UnreadableWorkbookError(_why_unreadable(error)) from error
    try:
        return _read_open_book(book)
    except ParseError as error:  # a sheet is parsed only while it is read
        raise UnreadableWorkbookError(_broken_xml(error)) from error
    except (KeyError, ValueError, TypeError, EOFError, zipfile.BadZipFile) as error:
        raise UnreadableWorkbookError(f"книга не читается ({type(error).__name__}: {error})") from error
    finally:
        book.close()


def _broken_xml(error: ParseError) -> str:
    return f"файл повреждён: XML внутри книги испорчен ({error}); пересохраните книгу в Excel"


def _why_unreadable(error: BaseException) -> str:
    """A Russian reason, naming an XML entity attack that defusedxml stopped (openpyxl wraps that error)."""
    cause: BaseException | None = error
    while cause is not None:
        if type(cause).__module__.startswith("defusedxml"):
            return f"опасный XML: объявления DTD/сущностей запрещены, книга не открыта ({type(cause).__name__})"
        cause = cause.__cause__ or cause.__context__
    return f"книга не читается ({type(error).__name__}: {str(error).splitlines()[0]})"


def _read_open_book(book: Any) -> WorkbookReading:
    names = [
        *CONTRACT, "xl_addin_published_2006", LANGUAGE, *(f.name for f in INPUTS), *(r.name for r in RESULTS),
        *(c.name for c in CHECKS), "chk_all",
    ]  # fmt: skip
    placed = {name: _destinations(book, name) for name in names}
    if placed["xl_addin_template_version"] is None:
        raise ForeignWorkbookError("не книга заявки xl_addin: нет имени xl_addin_template_version")
    wanted: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for where in placed.values():
        if where is not None:
            wanted[where[0]].update(where[1])
    values = _read_values(book, wanted)

    def cells_of(name: str) -> list[Any]:
        where = placed[name]
        return [] if where is None else [values.get((where[0], *cell)) for cell in where[1]]

    version = cells_of("xl_addin_template_version")[0]
    if str(version).strip() != TEMPLATE_VERSION:
        raise ForeignWorkbookError(
            f"версия шаблона {version!r}, а сводка читает версию {TEMPLATE_VERSION!r}: "
            "перенесите числа в новую книгу (xl-addin generate)"
        )
    missing = [name for name in names if placed[name] is None and name != LANGUAGE]
    if missing:
        raise ForeignWorkbookError(f"в книге нет имён: {', '.join(missing)}")
    region = cells_of("xl_addin_region")[0]
    if not isinstance(region, str) or not region.strip():
        raise ForeignWorkbookError(f"не указан субъект (имя xl_addin_region = {region!r})")
    published = cells_of("xl_addin_published_2006")[0]
    locations = {
        name: [Location(where[0], f"{get_column_letter(column)}{row}") for row, column in where[1]]
        for name, where in placed.items()
        if where is not None
    }
    inputs = {}
    for input_field in INPUTS:
        found = cells_of(input_field.name)
        inputs[input_field.name] = found[0] if input_field.cells == 1 else found
    reading = WorkbookReading(region.strip(), published if isinstance(published, int) else None, inputs, locations)
    language = cells_of(LANGUAGE)
    if language and language[0] in LANGUAGES:  # the check sentences are compared in the workbook's language
        reading.lang = language[0]
    for result in RESULTS:
        for cell, value in zip(locations[result.name], cells_of(result.name), strict=True):
            if not (isinstance(value, str) and value.startswith("=")):
                reading.typed_over += 1
                reading.problems.append(
                    Problem("", cell.sheet, cell.cell, result.name, _shown(value),
                            "формула результата заменена значением; в сводку взят пересчёт по письму")
                )  # fmt: skip
    for input_field in INPUTS:
        reading.problems.extend(_input_problems(input_field, inputs[input_field.name], locations[input_field.name]))
    return reading
