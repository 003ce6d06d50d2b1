"""Reading a workbook to carry forward: every value its region typed, by the contract of its own template version.

A source is untrusted: it is checked as ``refresh`` checks a received file before anything is unzipped
(:func:`~xl_addin.consolidation.opening.check_before_opening`: a named pipe, a file too big, a zip bomb, .xls or
an encrypted workbook are refused with their Russian reason) and then opened by openpyxl, which parses through
defusedxml; the caller runs it in a worker process within a time limit (:mod:`xl_addin.carrying.run`).

Every name is looked up in the contract of the workbook's version (``request/data/contract-v<N>.json``), never
guessed: an ``in_*`` name's cells are read where the workbook's own name points when that is where the version put
it (or, moved, when it spans as many cells — a note says so), else where the version put it; ``out_*`` and
``chk_*`` cells that no longer hold a formula are the values typed over.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from xl_addin.consolidation.opening import UnreadableWorkbookError, check_before_opening
from xl_addin.core.severity import Severity
from xl_addin.errors import XlAddinError, describe_value
from xl_addin.request import contract
from xl_addin.request.layout import DEFAULT_YEAR
from xl_addin.request.versions import known_versions, title_region, title_year, without_template_texts
from xl_addin.workbook.regions import published_figure

VERSION_NAME, REGION_NAME, LANGUAGE_NAME = "xl_addin_template_version", "xl_addin_region", "xl_addin_lang"
PUBLISHED_NAME = "xl_addin_published_2006"


class ForeignSourceError(XlAddinError):
    """A readable workbook that carry cannot read: not a regional workbook, or of a template version it does not know."""


@dataclass(frozen=True)
class Note:
    """One report row found while reading (a name moved, a name missing, a result typed over)."""

    sheet: str
    cell: str
    name: str
    value: str
    problem: str
    severity: Severity = Severity.WARNING


@dataclass
class SourceBook:
    """What a source holds: its version, language, region, request year and every ``in_*`` name's cell values."""

    version: str
    lang: str
    region: str
    published_2006: int | None
    year: int
    #: ``in_*`` name → its cells' values, left to right (the version's blank-template texts already blank).
    values: dict[str, list[Any]]
    #: ``in_*`` name → (sheet, each cell's address) where the values were read.
    places: dict[str, tuple[str, list[str]]]
    notes: list[Note] = field(default_factory=list)


def cell_addresses(cells: str) -> list[str]:
    """The addresses of a range's cells, left to right, top to bottom.

    >>> cell_addresses("D37:F37"), cell_addresses("B3")
    (['D37', 'E37', 'F37'], ['B3'])
    """
    from openpyxl.utils.cell import get_column_letter

    first_column, first_row, last_column, last_row = range_boundaries(cells)
    assert first_column is not None and first_row is not None and last_column is not None and last_row is not None
    return [
        f"{get_column_letter(column)}{row}"
        for row in range(first_row, last_row + 1)
        for column in range(first_column, last_column + 1)
    ]


def is_formula(value: Any) -> bool:
    """Whether a cell's value, as openpyxl reads it, is a formula.

    >>> is_formula("=A1"), is_formula(5), is_formula(None)
    (True, False, False)
    """
    return (isinstance(value, str) and value.startswith("=")) or isinstance(value, (ArrayFormula, DataTableFormula))


def shown(value: Any) -> str:
    """A cell's value as the report shows it: blank is «пусто», a formula its text.

    >>> shown(None), shown(12), shown("=A1")
    ('пусто', '12', '=A1')
    """
    if value is None:
        return "пусто"
    return value.text or "" if isinstance(value, ArrayFormula) else str(value)


def read_source(path: Path) -> SourceBook:
    """Read ``path``: UnreadableWorkbookError or ForeignSourceError with a Russian reason when it cannot be."""
    from openpyxl import load_workbook

    check_before_opening(path)
    try:
        book = load_workbook(path, keep_vba=False, keep_links=False)
    except (OSError, KeyError, ValueError, TypeError, IndexError, AttributeError, zipfile.BadZipFile) as error:
        raise UnreadableWorkbookError(f"не открывается как книга Excel ({type(error).__name__})") from error
    return _read(book)


def _destination(book: Workbook, name: str) -> tuple[str, str] | None:
    """Where a workbook-scoped name points (sheet, cells without ``$``), None when missing or not one range."""
    defined = book.defined_names.get(name)
    if defined is None:
        return None
    try:
        found = list(defined.destinations)
    except (ValueError, TypeError, AttributeError):
        return None
    if len(found) != 1 or found[0][0] not in book.sheetnames:
        return None
    return found[0][0], found[0][1].replace("$", "")


def _values(book: Workbook, sheet: str, cells: str) -> list[Any]:
    worksheet = book[sheet]
    return [worksheet[address].value for address in cell_addresses(cells)]


def _read(book: Workbook) -> SourceBook:
    version_at = _destination(book, VERSION_NAME)
    if version_at is None or ":" in version_at[1]:
        raise ForeignSourceError(f"не книга заявки xl_addin: нет имени {VERSION_NAME}")
    version = str(_values(book, *version_at)[0]).strip()
    known = known_versions()
    if version not in known or int(version) > int(contract.CURRENT_VERSION):
        raise ForeignSourceError(
            f"версия шаблона «{version}»: перенос читает книги версий {known[0]}–{contract.CURRENT_VERSION}"
        )
    title = _values(book, version_at[0], "A1")[0]
    language_at = _destination(book, LANGUAGE_NAME)
    language = _values(book, *language_at)[0] if language_at else None
    lang = language if language in ("ru", "en") else "en" if version_at[0] == "Title" else "ru"
    region_at = _destination(book, REGION_NAME)
    region = _values(book, *region_at)[0] if region_at else title_region(title)
    if not isinstance(region, str) or not region.strip():
        raise ForeignSourceError(f"не указан субъект (имя {REGION_NAME} = {describe_value(region)})")
    published_at = _destination(book, PUBLISHED_NAME)
    published = _values(book, *published_at)[0] if published_at else None
    year = title_year(title) or DEFAULT_YEAR
    source = SourceBook(
        version, lang, region.strip(), published if isinstance(published, int) and not isinstance(published, bool)
        else published_figure(region.strip()), year, {}, {},
    )  # fmt: skip
    for name, where in sorted(contract.places(version).items()):
        if name.startswith("in_"):
            _read_input(book, source, name, where)
        elif name.startswith(("out_", "chk_")):
            _read_result(book, source, name, where)
    source.values = without_template_texts(source.values, version, year)
    return source


def _place(book: Workbook, source: SourceBook, name: str, where: contract.Places) -> tuple[str, str] | None:
    """Where to read ``name``: its own place when the version put it there or it spans as many cells; else the
    version's place (a note says which); None when the version's sheet is not in the workbook."""
    expected = sorted(place for place in where if place[0] in book.sheetnames)
    found = _destination(book, name)
    if found is not None and found in where:
        return found
    if not expected:
        return None
    expected_text = f"'{expected[0][0]}'!{expected[0][1]}"
    if found is not None and len(cell_addresses(found[1])) == len(cell_addresses(expected[0][1])):
        source.notes.append(Note(found[0], found[1], name, f"'{found[0]}'!{found[1]}",
                                 f"имя указывает не туда, где его ставит шаблон ({expected_text}): значения взяты "
                                 "из ячеек, куда указывает имя"))  # fmt: skip
        return found
    problem = "в книге нет имени" if found is None else f"имя указывает на другие ячейки ({found[0]}!{found[1]})"
    source.notes.append(Note(expected[0][0], expected[0][1], name, "", f"{problem}: значения взяты из ячеек, где его "
                             f"ставит шаблон версии {source.version} ({expected_text})"))  # fmt: skip
    return expected[0]


def _read_input(book: Workbook, source: SourceBook, name: str, where: contract.Places) -> None:
    place = _place(book, source, name, where)
    if place is not None:
        source.values[name] = _values(book, *place)
        source.places[name] = (place[0], cell_addresses(place[1]))


def _read_result(book: Workbook, source: SourceBook, name: str, where: contract.Places) -> None:
    place = _destination(book, name)
    if place is None or place not in where:
        return  # a result's place matters only for what was typed over; the carried workbook has its formulas
    for address, value in zip(cell_addresses(place[1]), _values(book, *place), strict=True):
        if not is_formula(value):
            source.notes.append(Note(place[0], address, name, shown(value),
                                     "формула результата заменена значением: в новой книге снова формула, значение "
                                     "не перенесено"))  # fmt: skip


__all__ = ["ForeignSourceError", "Note", "SourceBook", "cell_addresses", "is_formula", "read_source", "shown"]
