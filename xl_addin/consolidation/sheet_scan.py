"""One streaming pass over a sheet of a received workbook, and the values of the cells it watches.

The pass (:func:`scan_sheet`) measures the extent of the sheet's cells (and stops at the
limit), and takes for each watched cell its type, its formula, its value's text and its
inline string: the values consolidated and the formulas checked come from this one pass over
the one part the sheet list names (:func:`xl_addin.consolidation.ooxml.structure`).
:func:`cell_value` turns a cell's facts into the value the reading gives (as openpyxl's and
then calamine's reader did: a whole number an int, a blank None).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from xl_addin.consolidation.ooxml import MAIN, address, position
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.parts import Package, streaming_parser
from xl_addin.consolidation.strings import RichText


@dataclass(slots=True)
class CellFacts:
    """What the sheet's XML says about one watched cell that it holds (a ``<c>`` element)."""

    #: The cell's ``t`` attribute: ``s``, ``str``, ``inlineStr``, ``b``, ``e``, ``n``, ``d`` or None (a number).
    kind: str | None = None
    #: None when the cell has no formula, else the formula's text without "=" (empty for a shared one's copy).
    formula: str | None = None
    #: The formula's ``t`` (``shared``, ``array``) and shared-formula index ``si``.
    formula_kind: str | None = None
    shared_index: str | None = None
    #: The text of ``<v>``, None without one (a formula's cached result too: the reading shows the formula).
    value: str | None = None
    #: The text of an inline string (``<is>``: its ``<t>`` or its runs' joined, unescaped), None without one.
    inline: str | None = None
    #: The cell's style (its ``s``: an index into the styles' cell formats), None without one.
    style: str | None = None


@dataclass
class SheetScan:
    """One streaming pass over a sheet: the extent of its cells (valued or not) and the watched cells' facts."""

    top: int = 0
    left: int = 0
    bottom: int = 0
    right: int = 0
    #: Every watched cell the sheet holds (a watched cell absent here is blank).
    facts: dict[tuple[int, int], CellFacts] = field(default_factory=dict)
    #: Shared-formula index → (text, the cell it is written for): to show a copy's formula as openpyxl did.
    shared: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: False when the scan stopped early (``last_row``): then the extent covers only the rows read.
    complete: bool = True
    #: The watched cells holding a shared string (``t="s"`` and a value, no formula), in the order read.
    shared_string_cells: list[tuple[int, int]] = field(default_factory=list)

    @property
    def grid(self) -> int:
        """How many cells a dense grid of the cells' bounding box holds."""
        return 0 if not self.bottom else (self.bottom - self.top + 1) * (self.right - self.left + 1)

    @property
    def far_corner(self) -> str:
        """The bottom-right corner of that box (``XFD1048576``)."""
        return address(self.bottom, self.right) if self.bottom else ""


class GridTooLargeError(UnreadableWorkbookError):
    """A sheet whose cells' bounding box holds more cells than the scan's limit (the scan stops there)."""


class _Enough(Exception):  # noqa: N818 - not an error: the rows asked for are all read
    """Raised by a scan's handler to stop parsing past the last row asked for."""


#: Cell reference → (row, column), shared by every scan of a process (the same layout recurs in every file).
_POSITIONS: dict[str, tuple[int, int]] = {}
_POSITIONS_KEPT = 100_000
#: The last row and column of a sheet (XFD1048576): a cell further is no cell Excel shows.
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16384


def _position(reference: str) -> tuple[int, int]:
    """:func:`position` of a cell of a sheet (row 1 … 1048576, column A … XFD), remembered; ValueError otherwise."""
    found = _POSITIONS.get(reference)
    if found is None:
        found = position(reference)
        if not (0 < found[0] <= _MAX_ROW and found[1] <= _MAX_COLUMN):
            raise ValueError(f"не ячейка листа: «{reference}»")
        if len(_POSITIONS) >= _POSITIONS_KEPT:
            _POSITIONS.clear()
        _POSITIONS[reference] = found
    return found


class _Pass:
    """The handlers of one streaming pass over a sheet (see :func:`scan_sheet`), filling a :class:`SheetScan`.

    :meth:`start` runs for each of a sheet's thousands of elements, so it does little: one comparison per element
    kind, the extent widened at each cell (and checked against the limit when it grows), and text taken only
    inside a watched cell (its formula, or else its value or inline string) or for a shared formula.  A watched
    cell gets its facts only at its first formula, value or inline string (a blank one has none).
    """

    def __init__(
        self, expat: Any, watched: dict[tuple[int, int], bool], last_row: int | None, limit: int, title: str
    ) -> None:
        self.expat, self.watched, self.last_row, self.scan = expat, watched, last_row, SheetScan()
        self.limit, self.title = limit, title
        self.row = self.column = 0
        self.current = (0, 0)
        #: The current cell is watched; its ``t``; its facts once it has any.
        self.watched_current = False
        #: The current cell's formula text is wanted (a value's cell; a result's only needs to have one).
        self.formula_wanted = False
        self.kind: str | None = None
        self.style: str | None = None
        self.facts: CellFacts | None = None
        self.seen: set[tuple[int, int]] = set()
        self.shared_index: str | None = None
        self.text: list[str] = []
        self.cell_tag, self.row_tag = f"{MAIN}}}c", f"{MAIN}}}row"
        self.formula_tag, self.value_tag, self.inline_tag = f"{MAIN}}}f", f"{MAIN}}}v", f"{MAIN}}}is"
        self.rich = RichText(expat, self._end_inline)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == self.cell_tag:
            self._cell(attributes)
        elif name == self.formula_tag:
            self._formula(attributes)
        elif name == self.value_tag:
            if self.watched_current and (self.facts is None or self.facts.formula is None):
                self._own_facts()
                self._collect(self._end_value)
        elif name == self.inline_tag:
            if self.watched_current and (self.facts is None or self.facts.formula is None):
                self._own_facts()
                self.rich.install()
        elif name == self.row_tag:
            number = attributes.get("r")
            self.row, self.column, self.watched_current = (self._row(number) if number else self.row + 1), 0, False
            self.expat.EndElementHandler = None
            if self.last_row is not None and self.row > self.last_row:
                raise _Enough

    def _row(self, number: str) -> int:
        if not (number.isascii() and number.isdigit() and 0 < len(number) <= 7 and 0 < int(number) <= _MAX_ROW):
            raise UnreadableWorkbookError(f"файл повреждён: на листе «{self.title}» номер строки «{number}» не номер")
        return int(number)

    def _own_facts(self) -> CellFacts:
        if self.facts is None:
            self.facts = self.scan.facts[self.current] = CellFacts(self.kind, style=self.style)
        return self.facts

    def _cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference:
            current = _POSITIONS.get(reference) or self._position(reference)
            row, column = self.row, self.column = current
        else:  # the position is implied by the order (the r attribute is optional)
            row, column = self.row, self.column = self.row, self.column + 1
            current = (row, column)
        self.current, scan = current, self.scan
        if not scan.bottom:
            scan.top = scan.bottom = row
            scan.left = scan.right = column
        elif not (scan.top <= row <= scan.bottom and scan.left <= column <= scan.right):  # every cell counts
            scan.top, scan.bottom = min(scan.top, row), max(scan.bottom, row)
            scan.left, scan.right = min(scan.left, column), max(scan.right, column)
            if scan.grid > self.limit:
                raise GridTooLargeError(
                    f"на листе «{self.title}» заполнены ячейки от {address(scan.top, scan.left)} до "
                    f"{scan.far_corner} ({scan.grid} ячеек, допустимо {self.limit}): так далеко книга заявки "
                    "не заполняется; удалите лишние ячейки и пришлите книгу снова"
                )
        self.facts = None
        wanted = self.watched.get(current)
        self.watched_current = wanted is not None
        if wanted is not None:  # its end is watched too: a <v> after it, outside any cell, is not its value
            self.expat.EndElementHandler = self._end_in_cell
            self.formula_wanted = wanted
            if current in self.seen:
                raise UnreadableWorkbookError(
                    f"на листе «{self.title}» ячейка {address(*current)} записана дважды: неясно, какое значение "
                    "показывает Excel; пересохраните книгу в Excel"
                )
            self.seen.add(current)
            self.kind, self.style = attributes.get("t"), attributes.get("s")

    def _position(self, reference: str) -> tuple[int, int]:
        try:
            return _position(reference)
        except ValueError:
            raise UnreadableWorkbookError(
                f"файл повреждён: на листе «{self.title}» адрес ячейки «{reference}» не адрес"
            ) from None

    def _formula(self, attributes: dict[str, str]) -> None:
        kind = attributes.get("t")
        self.shared_index = attributes.get("si") if kind == "shared" and attributes.get("ref") else None
        facts = self._own_facts() if self.watched_current else None
        if facts is not None:
            facts.formula, facts.formula_kind = "", kind
            facts.shared_index = attributes.get("si")
        if (facts is not None and self.formula_wanted) or self.shared_index is not None:
            self._collect(self._end_formula)

    def _collect(self, end: Any) -> None:
        """Take the element's text: text and end handlers only while inside it (most text is not wanted)."""
        self.text.clear()
        self.expat.CharacterDataHandler, self.expat.EndElementHandler = self.text.append, end

    def _collected(self) -> str:
        self.expat.CharacterDataHandler = None
        self.expat.EndElementHandler = self._end_in_cell if self.watched_current else None
        return "".join(self.text)

    def _end_in_cell(self, name: str) -> None:
        """An end tag inside a watched cell: at the cell's own, the cell is over."""
        if name == self.cell_tag:
            self.watched_current, self.facts = False, None
            self.expat.EndElementHandler = None

    def _end_value(self, _: str) -> None:
        text = self._collected()
        if self.facts is not None:
            self.facts.value = text
            if self.facts.kind == "s":
                self.scan.shared_string_cells.append(self.current)

    def _end_inline(self, text: str) -> None:
        if self.facts is not None:
            self.facts.inline = text

    def _end_formula(self, _: str) -> None:
        text = self._collected()
        if self.watched_current and self.facts is not None:
            self.facts.formula = text
        if self.shared_index is not None and text:
            self.scan.shared.setdefault(self.shared_index, (text, address(*self.current)))


def scan_sheet(
    package: Package,
    part: str,
    watched: dict[tuple[int, int], bool],
    last_row: int | None = None,
    *,
    limit: int,
    title: str,
) -> SheetScan:
    """Stream ``part`` once: the extent of its cells and the facts of the ``watched`` cells (cell → whether its
    formula's text is wanted: a result's cell only needs to have a formula, its ``formula`` is then "").

    With ``last_row`` the pass stops at the first row below it (``complete`` is then False and
    the extent is only that of the rows read).  As soon as the extent's box holds more than
    ``limit`` cells the pass stops with :class:`GridTooLargeError` (naming the sheet ``title``):
    nothing past that is parsed.  The pass keeps a few integers and the watched cells, whatever
    the sheet's size.  It is defusedxml's parser (its guards against DTD entities and external
    references stay installed on the expat parser) with the element and text handlers swapped
    for lean ones: a sheet has thousands of elements and this pass is most of a file's reading time.
    """
    identity = package.identity(part)
    if identity is not None:
        found = _SCANNED.get(identity)
        if found is not None and found[0] is watched and found[1:4] == (last_row, limit, title):
            _SCANNED[identity] = _SCANNED.pop(identity)  # used last: forgotten last
            if found[4].complete:  # as the pass that read it to its end: the part is whole and sound
                package.verified.add(part.lower())
            return found[4]
    defused, expat = streaming_parser()
    expat.buffer_text = True  # a text in one piece, not one call per entity (formulas are full of &quot;)
    handlers = _Pass(expat, watched, last_row, limit, title)
    expat.StartElementHandler = handlers.start
    try:
        for chunk in package.chunks(part):
            defused.feed(chunk)
        defused.close()
    except _Enough:
        handlers.scan.complete = False
    if identity is not None:
        _remember(identity, (watched, last_row, limit, title, handlers.scan))
    return handlers.scan


#: The scans made in this process, by what their part unpacks to (``Package.identity``: equal packed bytes, way of
#: packing, declared size and CRC-32 unpack to an equal part): (watched cells, last row, limit, title, the scan).
#: A part equal to one scanned before with the same watched cells (the same object: the plan of one template) gets
#: that scan, which is what scanning it again would give (every file made from one template and untouched shares
#: most of its sheets).  The scans are shared: do not change them.  Past :data:`_SCANNED_KEPT` packed bytes or
#: :data:`_SCANNED_COUNT` scans, the scan used least recently is forgotten (a worker's memory stays bounded in a
#: campaign of files that are all different, and a file's own title sheet does not push out the shared sheets).
_SCANNED: dict[tuple[int, int, int, bytes], tuple[Any, int | None, int, str, SheetScan]] = {}
_SCANNED_KEPT = 8 * 1024 * 1024
_SCANNED_COUNT = 64
_scanned_bytes = 0


def _remember(identity: tuple[int, int, int, bytes], scan: tuple[Any, int | None, int, str, SheetScan]) -> None:
    """Keep ``scan``, forgetting the scans used least recently past the limits."""
    global _scanned_bytes  # noqa: PLW0603 - the one process-wide memory of scans
    if _SCANNED.pop(identity, None) is not None:
        _scanned_bytes -= len(identity[3])
    while _SCANNED and (_scanned_bytes + len(identity[3]) > _SCANNED_KEPT or len(_SCANNED) >= _SCANNED_COUNT):
        oldest = next(iter(_SCANNED))
        del _SCANNED[oldest]
        _scanned_bytes -= len(oldest[3])
    _SCANNED[identity] = scan
    _scanned_bytes += len(identity[3])


def _bad_cell(sheet: str, cell: tuple[int, int], facts: CellFacts, what: str) -> UnreadableWorkbookError:
    return UnreadableWorkbookError(
        f"файл повреждён: в ячейке «{sheet}»!{address(*cell)} {what} («{facts.value}», тип «{facts.kind}»)"
    )


def string_index(sheet: str, cell: tuple[int, int], facts: CellFacts) -> int:
    text = facts.value or ""
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise _bad_cell(sheet, cell, facts, "номер общей строки не число")
    return int(text)


#: A number as SpreadsheetML writes it (xsd:double without INF and NaN, which a cell cannot hold).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def cell_value(facts: CellFacts, sheet: str, cell: tuple[int, int]) -> Any:
    """The value of a cell without a formula and not a shared string, as the reading gives it (as calamine did,
    then :func:`_plain_value`): a number a float (a whole one an int), a text a str (empty: None), a boolean a
    bool, an error its code, an ISO date (``t="d"``) a datetime; UnreadableWorkbookError for a value its type
    cannot hold.

    >>> cell_value(CellFacts(None, value="1000"), "Ввод", (7, 4)), cell_value(CellFacts("n", value="2.5"), "", (1, 1))
    (1000, 2.5)
    >>> cell_value(CellFacts("b", value="1"), "", (1, 1)), cell_value(CellFacts("inlineStr", inline=""), "", (1, 1))
    (True, None)
    >>> cell_value(CellFacts("n", value="1_000"), "Ввод", (7, 4))
    Traceback (most recent call last):
    xl_addin.consolidation.opening.UnreadableWorkbookError: файл повреждён: в ячейке «Ввод»!D7 не число («1_000», тип «n»)
    """
    kind, text = facts.kind, facts.value
    if kind == "inlineStr":
        return facts.inline or None
    if kind == "e":
        return text or None
    if text is None:
        return None
    if kind is None or kind == "n":
        if not _NUMBER.fullmatch(text):
            raise _bad_cell(sheet, cell, facts, "не число")
        return _plain_value(float(text))
    return _typed_value(facts, text, sheet, cell)


def _typed_value(facts: CellFacts, text: str, sheet: str, cell: tuple[int, int]) -> Any:
    """The value of a cell of type ``str``, ``b`` or ``d`` (:func:`cell_value`)."""
    kind = facts.kind
    if kind == "str":
        return text or None
    if kind == "b":
        if text not in _BOOLEANS:
            raise _bad_cell(sheet, cell, facts, "не логическое значение")
        return _BOOLEANS[text]
    if kind == "d":
        try:
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            raise _bad_cell(sheet, cell, facts, "не дата") from None
    raise _bad_cell(sheet, cell, facts, "неизвестный тип ячейки")


_BOOLEANS = {"1": True, "0": False, "true": True, "false": False}


def _plain_value(value: Any) -> Any:
    """A value as openpyxl's reader gave it: a blank is None, a whole float an int."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def formula_text(facts: CellFacts, scan: SheetScan, cell: tuple[int, int]) -> str:
    """``=`` and the formula, a copy of a shared formula moved to its own cell (as openpyxl showed it)."""
    if facts.formula or facts.formula_kind != "shared" or facts.shared_index not in scan.shared:
        return f"={facts.formula}"
    from openpyxl.formula.tokenizer import TokenizerError
    from openpyxl.formula.translate import Translator, TranslatorError

    text, origin = scan.shared[facts.shared_index or ""]
    try:
        translated: str = Translator(f"={text}", origin).translate_formula(address(*cell))
    except (TokenizerError, TranslatorError, ValueError):  # a formula openpyxl cannot move: shown as written
        return f"={text}"
    return translated
