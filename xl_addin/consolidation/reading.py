"""Reading a received workbook through the workbook contract: its inputs, region and version by name.

Cells are located by the workbook-scoped names (``in_*``, ``out_*``,
``xl_addin_region``, ``xl_addin_template_version``, ``xl_addin_published_2006``,
``xl_addin_lang``), never by position, and each name must point where the
template puts it (:func:`template_places`): a name moved elsewhere is an error row
for that name and its value counts as missing, so a name stretched to
``XFD1048576`` costs nothing.

What is read, and with what (all bounded by the size of the file, never by what it claims):
- every part through :class:`~xl_addin.consolidation.parts.Package`, which unpacks it itself and
  never past its declared size (the zip-bomb limits hold for exactly what is parsed);
- ``xl/workbook.xml`` and its relationships through defusedxml, the sheet list taken by one rule
  and an ambiguous one refused (:func:`xl_addin.consolidation.ooxml.structure`);
- each sheet holding a named cell, streamed once through defusedxml
  (:mod:`xl_addin.consolidation.sheet_scan`): the extent of its cells (the pass stops as soon as
  they span more than :data:`MAX_GRID_CELLS`) and, for the named cells, their formulas and
  values — the values consolidated and the formulas checked come from this one pass over the
  one part the sheet list names (python-calamine, which chose its sheet by name on its own, is
  no longer part of the reading, issue 19);
- the shared strings the named cells refer to, streamed once and only down to the last of them
  (:mod:`xl_addin.consolidation.strings`).

The products sheet («Товары», issue 10) is optional: a workbook that has its ``in_product_*``
names gets its product cells read the same way (:data:`PRODUCT_NAMES`, their places from
:func:`product_places`) into :attr:`WorkbookReading.products`; a workbook without them has no
products, and that is no problem.  What the cells mean: :mod:`xl_addin.consolidation.products`.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from xl_addin.consolidation import number_formats, ooxml, sheet_scan, strings
from xl_addin.consolidation.opening import (
    UnreadableWorkbookError,
    check_archive,
    check_file,
    open_archive,
    read_whole,
)
from xl_addin.consolidation.parts import Package
from xl_addin.consolidation.plan_reading import PLAN_INPUTS
from xl_addin.consolidation.plan_reading import SETTING_NAMES as PLAN_SETTINGS
from xl_addin.core.numbers import count
from xl_addin.core.severity import Severity
from xl_addin.errors import InputError, XlAddinError
from xl_addin.files import os_reason
from xl_addin.request import contract
from xl_addin.request.layout import CHECKS, INPUTS, RESULTS, TEMPLATE_VERSION, InputField
from xl_addin.request.products_layout import INPUT_COLUMNS as PRODUCT_COLUMNS
from xl_addin.request.products_layout import RESULT_COLUMNS as PRODUCT_RESULT_COLUMNS
from xl_addin.request.products_layout import ProductCheck
from xl_addin.workbook.texts import LANGUAGES

CONTRACT = ("xl_addin_template_version", "xl_addin_region")
#: The workbook's language; optional, so that a workbook without it is read as Russian.
LANGUAGE = "xl_addin_lang"
PUBLISHED = "xl_addin_published_2006"
#: Every name the reading looks up (checks only for where their rows point in problems.csv).
NAMES = (
    *CONTRACT, PUBLISHED, LANGUAGE, *(f.name for f in INPUTS), *(r.name for r in RESULTS),
    *(c.name for c in CHECKS), "chk_all",
)  # fmt: skip
#: The most cells a sheet's values may span (rows × columns of the box around its filled cells): a
#: regional sheet spans about 60 × 15; beyond this the sheet is refused instead of gridded.
MAX_GRID_CELLS = 1_000_000
#: The products sheet's inputs: its table's columns (60 cells each) and the buffer stock in months.
PRODUCT_INPUTS = (*(column.name for column in PRODUCT_COLUMNS), "in_buffer_months")
#: The products sheet's results per row (``out_product_need`` …): read only for whether they still hold formulas.
PRODUCT_RESULTS = tuple(column.name for column in PRODUCT_RESULT_COLUMNS)
#: The deviation threshold, a setting on the reference sheet (``products_formulas.THRESHOLD_NAME``).
THRESHOLD = "set_deviation_threshold"
#: Every name of the products sheet the reading looks up (its checks only for where their rows point), and the
#: supply plan's inputs (issue 22: its tables, settings and year; never its calculation sheet).
PRODUCT_NAMES = (*PRODUCT_INPUTS, *PRODUCT_RESULTS, THRESHOLD, *(check.check_name for check in ProductCheck),
                 *PLAN_INPUTS)  # fmt: skip
#: The problem of a result cell whose formula was replaced by a value (the value is not read: it is recomputed).
TYPED_OVER = "формула результата заменена значением; в сводку взят пересчёт по письму"
TYPED_OVER_PRODUCT = "формула результата заменена значением; в сводку товаров взят пересчёт по строкам"
_RESULT_NAMES = frozenset(r.name for r in RESULTS)
_PRODUCT_RESULT_NAMES = frozenset(PRODUCT_RESULTS)
_VALUE_NAMES = frozenset((*CONTRACT, PUBLISHED, LANGUAGE, *(f.name for f in INPUTS), *PRODUCT_INPUTS, THRESHOLD,
                          *PLAN_INPUTS))  # fmt: skip
_PRODUCT_NAMES = frozenset(PRODUCT_NAMES)
#: Values at the top of a sheet that holds nothing else read (the supply plan's settings, C2:C6 of «План поставок»,
#: above its formula-heavy rows, issue 22): that sheet is read down to them only, as a sheet of results is.
_TOP_NAMES = frozenset(PLAN_SETTINGS)
MISPLACED = "имя указывает не туда, где его ставит шаблон"


class ForeignWorkbookError(XlAddinError):
    """A readable workbook that is not a regional workbook of this template version (names missing or other version)."""


@dataclass(frozen=True)
class Problem:
    """One row of problems.csv: where, what was found there, what is wrong (Russian) and how serious it is.

    Only errors make ``refresh`` exit 1; a file with warnings alone still counts as clean
    (docs/interpretation.md, S1).
    """

    file: str
    sheet: str = ""
    cell: str = ""
    name: str = ""
    value: str = ""
    problem: str = ""
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Location:
    """A cell of a named range."""

    sheet: str
    cell: str


@dataclass
class ProductCells:
    """The products sheet's cells as read: name → its cells' values (a column's 60; one for the buffer and the
    threshold; all None for a name missing or moved) and the rows of the names that are missing or moved."""

    values: dict[str, list[Any]]
    problems: list[Problem] = field(default_factory=list)
    #: The workbook has the supply plan's inputs (one of its names at least; issue 22).
    plan: bool = False


@dataclass
class WorkbookReading:
    """What a received workbook holds: region, inputs (name → value or list) and where each name lives."""

    region: str
    published_2006: int | None
    inputs: dict[str, Any]
    locations: dict[str, list[Location]]
    problems: list[Problem] = field(default_factory=list)
    #: Result cells whose formula a user replaced by a value (``chk_results_formulas``).
    typed_over: int = 0
    #: The language of the workbook's check sentences (name ``xl_addin_lang``; "ru" when absent).
    lang: str = "ru"
    #: The products sheet's cells; None for a workbook without the sheet (no ``in_product_*`` name).
    products: ProductCells | None = None
    #: The file as read (its bytes and parts), for its refreshed copy: the file is read once.
    received: Received | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Received:
    """A received file as the reading read it: its bytes, its zip's parts in their order, and the parts it unpacked
    whole (name → bytes: workbook.xml and its relationships among them)."""

    data: bytes
    infos: list[zipfile.ZipInfo]
    whole: dict[str, bytes]


@functools.cache
def template_places() -> dict[str, frozenset[tuple[str, str]]]:
    """Name → every (sheet, cells) the generator puts it at (one per language: the sheets' titles differ).

    Read from the workbook contract (:func:`xl_addin.request.contract.places`), which a test keeps equal
    to what the generator writes; the reader never builds a workbook to learn it.
    """
    known = contract.places()
    missing = [name for name in NAMES if name not in known]
    if missing:  # pragma: no cover - tests/test_contract.py: the contract holds every name the reader needs
        raise RuntimeError(f"в договоре книги нет имён: {', '.join(missing)}")
    return {name: known[name] for name in NAMES}


@functools.cache
def product_places() -> dict[str, frozenset[tuple[str, str]]]:
    """Name → every (sheet, cells) of each of :data:`PRODUCT_NAMES` the contract has (as :func:`template_places`);
    a name the generator does not write (yet) is left out: found in a workbook, it is a name out of place."""
    known = contract.places()
    return {name: known[name] for name in PRODUCT_NAMES if name in known}


def _places(name: str) -> frozenset[tuple[str, str]]:
    return product_places().get(name, frozenset()) if name in _PRODUCT_NAMES else template_places()[name]


def read_workbook(path: Path) -> WorkbookReading:
    """Read a received workbook; raise UnreadableWorkbookError or ForeignWorkbookError with a Russian reason.

    Whatever the file holds, this raises one of those two or returns: it never aborts the process,
    and its work and memory are bounded by the file's size.
    """
    check_file(path)
    data = read_whole(path)
    with open_archive(io.BytesIO(data)) as archive:
        check_archive(archive)
        return _read_archive(data, archive)


def _read_archive(data: bytes, archive: zipfile.ZipFile) -> WorkbookReading:
    try:
        package = Package(archive, io.BytesIO(data))
        reading = _read(package)
        package.verify_rest()  # the parts the reading did not need: sound, or the workbook is refused
        reading.received = Received(data, list(package.infos.values()), package.whole)
        return reading
    except (UnreadableWorkbookError, ForeignWorkbookError):
        raise
    except DefusedXmlException as error:
        raise UnreadableWorkbookError(
            f"опасный XML: объявления DTD/сущностей запрещены, книга не открыта ({type(error).__name__})"
        ) from error
    except ParseError as error:
        raise UnreadableWorkbookError(_broken_xml(error)) from error
    except OSError as error:
        raise UnreadableWorkbookError(f"файл не читается: {os_reason(error)}") from error
    except (zipfile.BadZipFile, EOFError) as error:
        raise UnreadableWorkbookError("файл повреждён (zip)") from error


def _broken_xml(error: ParseError) -> str:
    line, column = getattr(error, "position", (0, 0))
    return f"файл повреждён: XML внутри книги испорчен (строка {line}, столбец {column}); пересохраните книгу в Excel"


@dataclass
class _Names:
    """Where the names point: in place (name → (sheet, cells)), moved (name → its text), or missing."""

    placed: dict[str, tuple[str, str]] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)
    #: The workbook has the products sheet: one of its column names at least.
    products: bool = False


def _names(structure: ooxml.Structure) -> _Names:
    names = _Names(products=any(column.name in structure.names for column in PRODUCT_COLUMNS))
    for name in (*NAMES, *PRODUCT_NAMES) if names.products else NAMES:
        text = structure.names.get(name)
        if text is None:
            continue
        found = ooxml.split_reference(text)
        if found in _places(name) and found is not None and found[0] in structure.sheets:
            names.placed[name] = found
        else:
            names.moved[name] = text
    return names


def _expected(name: str) -> str:
    """Where the template puts ``name``, in every language: ``'Inputs'!D7 или 'Ввод'!D7``."""
    return " или ".join(sorted(f"'{sheet}'!{cells}" for sheet, cells in _places(name)))


def _moved_problem(name: str, text: str) -> Problem:
    """The error row of a name that does not point where the template put it: where it points, and its text."""
    found = ooxml.split_reference(text)
    sheet, cells = found if found is not None else ("", "")
    return Problem("", sheet, cells, name, text,
                   f"{MISPLACED} ({_expected(name)}): значение не прочитано, считается незаполненным; "
                   "создайте книгу заново (xl-addin generate) и перенесите в неё числа")  # fmt: skip


def _read(package: Package) -> WorkbookReading:
    structure = ooxml.structure(package)
    names, plan = _names_and_plan(structure)
    _require_contract(package, structure, names)
    values = _Values(package, structure, plan)
    region = _require_version_and_region(names, values)
    published = values.of(PUBLISHED)[0]
    locations = {name: list(_locations(sheet, cells)) for name, (sheet, cells) in names.placed.items()}
    inputs = {}
    for input_field in INPUTS:
        found = values.of(input_field.name)
        inputs[input_field.name] = found[0] if input_field.cells == 1 else found
    reading = WorkbookReading(region.strip(), published if isinstance(published, int) else None, inputs, locations)
    reading.problems = [_moved_problem(name, text) for name, text in names.moved.items() if name not in _PRODUCT_NAMES]
    language = values.of(LANGUAGE)[0]
    if language in LANGUAGES:  # the check sentences are compared in the workbook's language
        reading.lang = language
    for result in RESULTS:
        if result.name in names.placed:
            typed_over = _typed_over(result.name, names, values, TYPED_OVER)
            reading.typed_over += len(typed_over)
            reading.problems += typed_over
    for input_field in INPUTS:
        if input_field.name in names.placed:
            reading.problems += _input_problems(input_field, inputs[input_field.name], locations[input_field.name])
    if names.products:
        reading.products = _product_cells(names, values)
    return reading


def _product_cells(names: _Names, values: _Values) -> ProductCells:
    """The products sheet's inputs and threshold; a name moved or missing is an error row, its cells count as blank."""
    found = ProductCells({name: values.of(name) for name in (*PRODUCT_INPUTS, THRESHOLD, *PLAN_INPUTS)})
    found.plan = any(name in names.placed or name in names.moved for name in PLAN_INPUTS)
    found.problems = [_moved_problem(name, text) for name, text in names.moved.items() if name in _PRODUCT_NAMES]
    for name in PRODUCT_RESULTS:  # a result typed over: the region's sheet no longer shows what is consolidated
        if name in names.placed:
            found.problems += _typed_over(name, names, values, TYPED_OVER_PRODUCT)
    for name in PRODUCT_INPUTS:
        if name not in names.placed and name not in names.moved:
            found.problems.append(
                Problem("", "", "", name, "пусто",
                        f"в книге нет имени {name} ({_expected(name)}): лист товаров прочитан без него, товары книги "
                        "не вошли в сводку товаров; создайте книгу заново (xl-addin generate) и перенесите в неё числа")
            )  # fmt: skip
    return found


def _typed_over(name: str, names: _Names, values: _Values, message: str) -> list[Problem]:
    """The error row of each cell of the result ``name`` (in place) that holds a value or nothing, not its formula."""
    return [
        Problem("", cell.sheet, cell.cell, name, _shown(value), message)
        for cell, (has_formula, value) in zip(_locations(*names.placed[name]), values.results(name), strict=True)
        if not has_formula
    ]


@functools.lru_cache(maxsize=1024)
def _locations(sheet: str, cells: str) -> tuple[Location, ...]:
    """The cells of a name in place (the same few hundred in every file: made once)."""
    return tuple(Location(sheet, ooxml.address(*cell)) for cell in ooxml.cells(cells))


def _require_contract(package: Package, structure: ooxml.Structure, names: _Names) -> None:
    """ForeignWorkbookError unless the version's name exists and the contract's names are in place.

    A version name that points elsewhere (a workbook of another layout) is still read when it is one
    cell, so that another version is told as such rather than as a moved name.
    """
    version = "xl_addin_template_version"
    if version not in names.placed and version not in names.moved:
        raise ForeignWorkbookError(f"не книга заявки xl_addin: нет имени {version}")
    if version in names.moved:
        found = ooxml.split_reference(names.moved[version])
        if found is not None and found[0] in structure.sheets and ":" not in found[1]:
            value = _Values(package, structure, _plan(_Names(placed={version: found}))).of(version)[0]
            if value is not None:  # a version elsewhere: told as a version; an empty cell: as a moved name
                _require_version(value)
    for name in CONTRACT:
        if name in names.moved:
            raise ForeignWorkbookError(
                f"{name} = {names.moved[name]}: {MISPLACED} ({_expected(name)}); книга изменена, сводка её не читает "
                "(создайте книгу заново: xl-addin generate)"
            )


def _require_version(version: Any) -> None:
    if str(version).strip() != TEMPLATE_VERSION:
        raise ForeignWorkbookError(
            f"версия шаблона «{_shown(version)}», а сводка читает версию «{TEMPLATE_VERSION}»: "
            "перенесите её в текущую версию: xl-addin carry КНИГА --out ПАПКА"
        )


def _require_version_and_region(names: _Names, values: _Values) -> str:
    """The region of a workbook of this template version that has every name (else ForeignWorkbookError)."""
    _require_version(values.of("xl_addin_template_version")[0])
    missing = [name for name in NAMES if name not in names.placed and name not in names.moved and name != LANGUAGE]
    if missing:
        raise ForeignWorkbookError(f"в книге нет имён: {', '.join(missing)}")
    region = values.of("xl_addin_region")[0]
    if not isinstance(region, str) or not region.strip():
        raise ForeignWorkbookError(f"не указан субъект (имя xl_addin_region = «{_shown(region)}»)")
    return region


@dataclass(frozen=True)
class _Plan:
    """What to read of a workbook whose names are placed so: each name's cells and sheet, and per sheet the cells
    watched (cell → whether its formula's text is wanted) and the last row to read (None: the whole sheet)."""

    cells: dict[str, tuple[tuple[int, int], ...]]
    sheet_of: dict[str, str]
    watched: dict[str, dict[tuple[int, int], bool]]
    last_rows: dict[str, int | None]


def _plan(names: _Names) -> _Plan:
    cells = {name: ooxml.cells(found) for name, (_, found) in names.placed.items()}
    sheet_of = {name: sheet for name, (sheet, _) in names.placed.items()}
    watched: dict[str, dict[tuple[int, int], bool]] = defaultdict(dict)
    valued: set[str] = set()
    for name, sheet in sheet_of.items():
        if name in _VALUE_NAMES:
            watched[sheet].update(dict.fromkeys(cells[name], True))
            if name not in _TOP_NAMES:
                valued.add(sheet)
    for name, sheet in sheet_of.items():
        if name in _RESULT_NAMES or name in _PRODUCT_RESULT_NAMES:
            for cell in cells[name]:
                watched[sheet].setdefault(cell, False)
    # a sheet of results only needs its rows down to the last result: the rest is not read
    last_rows = {sheet: None if sheet in valued else max(found)[0] for sheet, found in watched.items()}
    return _Plan(cells, sheet_of, dict(watched), last_rows)


#: id of a structure → (the structure, its names, their plan): every file of one template shares one structure
#: (``ooxml.structure`` is cached by its parts' bytes), so the names and the plan are made once, not per file.
_PLANS: dict[int, tuple[ooxml.Structure, _Names, _Plan]] = {}


def _names_and_plan(structure: ooxml.Structure) -> tuple[_Names, _Plan]:
    found = _PLANS.get(id(structure))
    if found is None or found[0] is not structure:
        if len(_PLANS) >= 16:
            _PLANS.clear()
        names = _names(structure)
        found = _PLANS[id(structure)] = (structure, names, _plan(names))
    return found[1], found[2]


class _Values:
    """The values of the named cells: one streaming scan per sheet holding a named cell, then the shared strings
    the named cells refer to (a second streaming pass, only when one does)."""

    def __init__(self, package: Package, structure: ooxml.Structure, plan: _Plan) -> None:
        self.cells, self.sheet_of = plan.cells, plan.sheet_of
        self.package, self.structure = package, structure
        self.dates: dict[int, str] | None = None
        self.scans = {
            sheet: sheet_scan.scan_sheet(
                package, structure.sheets[sheet], cells, plan.last_rows[sheet], limit=MAX_GRID_CELLS, title=sheet
            )
            for sheet, cells in plan.watched.items()
        }
        wanted = {
            (sheet, cell): sheet_scan.string_index(sheet, cell, scan.facts[cell])
            for sheet, scan in self.scans.items()
            for cell in scan.shared_string_cells
        }
        self.strings: dict[tuple[str, tuple[int, int]], str] = {}
        if wanted:
            found = (
                strings.shared_strings(package, structure.shared_strings, wanted.values())
                if structure.shared_strings
                else {}
            )
            for (sheet, cell), index in wanted.items():
                if index not in found:
                    raise UnreadableWorkbookError(
                        f"файл повреждён: ячейка «{sheet}»!{ooxml.address(*cell)} ссылается на общую строку "
                        f"№ {index}, а её в книге нет"
                    )
                self.strings[sheet, cell] = found[index]

    def _facts(self, name: str, cell: tuple[int, int]) -> sheet_scan.CellFacts:
        return self.scans[self.sheet_of[name]].facts.get(cell) or sheet_scan.CellFacts()

    def _value(self, name: str, cell: tuple[int, int]) -> Any:
        """A cell's value as openpyxl's reader gave it: a formula as its text, an error as its code."""
        sheet = self.sheet_of[name]
        facts = self.scans[sheet].facts.get(cell)
        if facts is None:
            return None
        if facts.formula is not None:
            return sheet_scan.formula_text(facts, self.scans[sheet], cell)
        if facts.kind == "s":
            return self.strings.get((sheet, cell)) or None
        value = sheet_scan.cell_value(facts, sheet, cell)
        if facts.style is None or facts.kind not in (None, "n") or not isinstance(value, (int, float)):
            return value
        kind = self._date_styles().get(int(facts.style) if facts.style.isdigit() else -1)
        return value if kind is None else number_formats.shown_value(value, kind, self.structure.date1904)

    def _date_styles(self) -> dict[int, str]:
        """The styles that show a number as a date or a duration (read at the first styled number)."""
        if self.dates is None:
            self.dates = number_formats.date_styles(self.package, self.structure.styles)
        return self.dates

    def of(self, name: str) -> list[Any]:
        """The values of a name's cells, left to right (all None when the name is missing or moved)."""
        if name not in self.cells:
            _, cells = next(iter(_places(name)))
            return [None] * len(ooxml.cells(cells))
        facts = self.scans[self.sheet_of[name]].facts  # a blank cell has none: most of the products table's
        return [None if cell not in facts else self._value(name, cell) for cell in self.cells[name]]

    def results(self, name: str) -> list[tuple[bool, Any]]:
        """(holds a formula, value shown when it does not) of each cell of a result."""
        facts = self.scans[self.sheet_of[name]].facts
        if all(cell in facts and facts[cell].formula is not None for cell in self.cells[name]):
            return [(True, None)] * len(self.cells[name])  # every formula in place: the usual case, said at once
        found = []
        for cell in self.cells[name]:
            has_formula = self._facts(name, cell).formula is not None
            found.append((has_formula, None if has_formula else self._value(name, cell)))
        return found


def _input_problems(input_field: InputField, raw: Any, cells: list[Location]) -> list[Problem]:
    """Every bad cell of one input (a range reports each of its bad cells, not just the first)."""
    values = raw if isinstance(raw, list) else [raw]
    if input_field.optional and all(value is None for value in values):
        return []
    problems = []
    for position, (value, cell) in enumerate(zip(values, cells, strict=True), start=1):
        try:
            count(value, input_field.name, position if input_field.cells > 1 else None)
        except InputError as error:
            problems.append(Problem("", cell.sheet, cell.cell, input_field.name, _shown(value), str(error)))
    return problems


def _shown(value: Any) -> str:
    """A cell's value as problems.csv shows it (blank is "пусто", a list is joined with "; ")."""
    if isinstance(value, list):
        return "; ".join(_shown(item) for item in value)
    return "пусто" if value is None else str(value)
