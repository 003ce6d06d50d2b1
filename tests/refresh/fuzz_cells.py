"""The package a fuzz mutation works on, and the mutations of worksheets (tests/refresh/fuzz.py runs them).

A mutation takes the random generator and the package, changes it and says what it did, or returns
None where it does not apply (its part is missing or already broken by an earlier mutation).
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import fromstring

from tests.refresh.hostile import nested
from tests.refresh.xml_edit import q

WORKBOOK, WORKBOOK_RELS, TYPES, ROOT_RELS = (
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "_rels/.rels",
)

NUMBERS = [
    "1.7976931348623157E+308", "1.7E+308", "1E+308", "-1E+308", "1e999", "-1e999", "-5", "0.5", "2.5E-300",
    "4.9E-324", "1E-400", "-0", "NaN", "nan", "INF", "-INF", "Infinity", "", " ", "12abc", "0x1F", "1,5",
    "9" * 400, "9007199254740993", "1e308", "123456789012345678901234567890", "+7", ".5", "5.", "1_000",
]  # fmt: skip
TEXTS = [
    "_x0001_", "Курская_x0001_область", "_xD800_", "_xFFFF_", "_x0000_", "_x001B_[31m", "\u202eобласть",
    "\ufeffВвод", "a_x005F_x0001_", "=cmd|' /C calc'!A0", "'Ввод'!D3", "#N/A", "#REF!", "ИСТИНА", "TRUE",
    "<script>", "]]>", "\t\n\r", "  ",
]  # fmt: skip
TYPES_OF_CELLS = ["s", "str", "inlineStr", "b", "e", "n", "d", "zzz", ""]
REFERENCES = ["A0", "XFE1", "A1048577", "", "ZZZ1", "a1", "B", "1", "A1:B2", "R1C1", "D3", "$D$3", "AAAAAAAA1"]
FORMULAS = ["1/0", "SUM(A1:XFD1048576)", 'INDIRECT("D3")', "D3", "D3+", "НЕИЗВЕСТНО()", "1" * 9000, "'Ввод'!D3*1E308"]
NAME_TEXTS = [
    "#REF!", "'Ввод'!$A$1", "'Нет листа'!$D$3", "'Ввод'!$A$1:$XFD$1048576", "Ввод!D3", "'Ввод'!$D$3,'Ввод'!$D$4",
    "1+1", "", "'Ввод'!$D$3:$D$2", "'Титул'!$B$10", "'Ввод'!$D$3:$D$1000000", "[1]Ввод!$D$3", "'Ввод'!$ZZZ$99999999",
]  # fmt: skip
TARGETS = [
    "missing.xml", "../../etc/passwd", "worksheets/../worksheets/sheet1.xml", "worksheets\\sheet2.xml",
    "%2Fxl%2Fworksheets%2Fsheet2.xml", "/xl/worksheets/sheet1.xml", "http://example.com/x.xml", "", "/",
    "/xl/workbook.xml", "/xl/_rels/workbook.xml.rels",
]  # fmt: skip
CONTENT_TYPE_VALUES = [
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml", "text/plain", "", "application/xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
]  # fmt: skip


@dataclass
class Entry:
    """One zip entry of the package being mutated."""

    name: str
    data: bytes
    compress: int = zipfile.ZIP_DEFLATED


@dataclass
class Package:
    """A workbook's entries, and what to do to the archive's bytes once written."""

    entries: list[Entry]
    after: list[Callable[[bytes], bytes]] = field(default_factory=list)
    inputs: list[tuple[str, str]] = field(default_factory=list)  #: (worksheet part, cell) of every input name

    def find(self, name: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.name == name), None)

    def worksheets(self) -> list[str]:
        return [entry.name for entry in self.entries if re.fullmatch(r"xl/worksheets/[^/]+\.xml", entry.name)]

    def archive(self) -> bytes:
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: here it is the point
            with zipfile.ZipFile(buffer, "w") as archive:
                for entry in self.entries:
                    info = zipfile.ZipInfo(entry.name, (2020, 1, 1, 0, 0, 0))
                    info.compress_type = entry.compress
                    archive.writestr(info, entry.data)
        data = buffer.getvalue()
        for change in self.after:
            data = change(data)
        return data


Mutation = Callable[[random.Random, Package], str | None]  # the description, or None: not applicable here


def parsed(entry: Entry | None) -> ElementTree.Element | None:
    if entry is None:
        return None
    try:
        return fromstring(entry.data)
    except (ParseError, ValueError):
        return None  # already broken by an earlier mutation
    except Exception:  # noqa: BLE001 - defusedxml's refusals (entities): nothing to edit as elements
        return None


def store(entry: Entry, root: ElementTree.Element) -> bool:
    try:
        entry.data = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    except RecursionError:  # deeply nested by an earlier mutation: ElementTree's writer recurses
        return False
    return True


def pick_sheet(rng: random.Random, package: Package) -> tuple[Entry, str] | None:
    """A worksheet part and, more often than not, an input cell on it."""
    if package.inputs and rng.random() < 0.7:
        part, cell = rng.choice(package.inputs)
        entry = package.find(part)
        if entry is not None:
            return entry, cell
    sheets = package.worksheets()
    if not sheets:
        return None
    entry = package.find(rng.choice(sheets))
    return (entry, "") if entry is not None else None


def _cells(rng: random.Random, package: Package) -> tuple[Entry, ElementTree.Element, list[ElementTree.Element]] | None:
    chosen = pick_sheet(rng, package)
    if chosen is None:
        return None
    entry, wanted = chosen
    root = parsed(entry)
    if root is None:
        return None
    cells = [cell for cell in root.iter(q("c")) if not wanted or cell.get("r") == wanted]
    if not cells:
        cells = list(root.iter(q("c")))
    return (entry, root, cells) if cells else None


def clear(cell: ElementTree.Element) -> None:
    for child in list(cell):
        cell.remove(child)


def cell_value(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    value = rng.choice(NUMBERS)
    clear(cell)
    cell.attrib.pop("t", None)
    ElementTree.SubElement(cell, q("v")).text = value
    return f"{entry.name} {cell.get('r')}: number {value[:40]!r}" if store(entry, root) else None


def cell_text(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    text = rng.choice(TEXTS)
    if rng.random() < 0.2:
        text = text * rng.choice([1000, 5000, 40000])  # longer than a cell may hold (32,767)
    clear(cell)
    cell.set("t", "inlineStr")
    ElementTree.SubElement(ElementTree.SubElement(cell, q("is")), q("t")).text = text
    return f"{entry.name} {cell.get('r')}: text {text[:40]!r} × {len(text)} chars" if store(entry, root) else None


def cell_type(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    kind = rng.choice(TYPES_OF_CELLS)
    cell.set("t", kind)
    what = f"t={kind!r}"
    if kind == "s" and rng.random() < 0.6:
        clear(cell)
        index = rng.choice(["0", "999999", "-1", "1.5", "x"])
        ElementTree.SubElement(cell, q("v")).text = index
        what += f" v={index!r}"
    return f"{entry.name} {cell.get('r')}: {what}" if store(entry, root) else None


def cell_delete(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    for row in root.iter(q("row")):
        if cell in list(row):
            row.remove(cell)
            break
    return f"{entry.name} {cell.get('r')}: cell deleted" if store(entry, root) else None


def cell_duplicate(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    for row in root.iter(q("row")):
        children = list(row)
        if cell in children:
            twin = ElementTree.fromstring(ElementTree.tostring(cell))
            clear(twin)
            twin.attrib.pop("t", None)
            value = rng.choice(["999999", "-1", "0"])
            ElementTree.SubElement(twin, q("v")).text = value
            row.insert(children.index(cell) + rng.choice([0, 1]), twin)
            return f"{entry.name} {cell.get('r')}: cell twice, the twin holds {value}" if store(entry, root) else None
    return None


def cell_reference(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    old = cell.get("r")
    if rng.random() < 0.2:
        cell.attrib.pop("r", None)
        what = "r removed"
    else:
        new = rng.choice(REFERENCES)
        cell.set("r", new)
        what = f"r={new!r}"
    return f"{entry.name} {old}: {what}" if store(entry, root) else None


def row_attribute(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, _ = found
    rows = list(root.iter(q("row")))
    if not rows:
        return None
    row = rng.choice(rows)
    value = rng.choice(["0", "-1", "1048577", "abc", "", "3", "99999999999"])
    old = row.get("r")
    row.set("r", value)
    return f"{entry.name} row {old}: r={value!r}" if store(entry, root) else None


def cell_formula(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    formula = rng.choice(FORMULAS)
    clear(cell)
    cell.attrib.pop("t", None)
    ElementTree.SubElement(cell, q("f")).text = formula
    if rng.random() < 0.5:
        ElementTree.SubElement(cell, q("v")).text = rng.choice(["1", "1E+308", "#DIV/0!"])
    return f"{entry.name} {cell.get('r')}: formula {formula[:30]!r}" if store(entry, root) else None


def many_cells(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, _ = found
    data = next(root.iter(q("sheetData")), None)
    if data is None:
        return None
    count = rng.choice([2000, 16384])
    row = ElementTree.SubElement(data, q("row"), {"r": str(rng.choice([60, 1048576]))})
    for column in range(count):
        reference = _column(column) + row.get("r", "")
        ElementTree.SubElement(ElementTree.SubElement(row, q("c"), {"r": reference}), q("v")).text = "1"
    return f"{entry.name}: a row of {count} cells at {row.get('r')}" if store(entry, root) else None


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def dimension(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, _ = found
    element = next(root.iter(q("dimension")), None)
    if element is None:
        return None
    value = rng.choice(["A1:XFD1048576", "", "zz", "A1:A0", "B2"])
    element.set("ref", value)
    return f"{entry.name}: dimension {value!r}" if store(entry, root) else None


def any_xml(rng: random.Random, package: Package) -> Entry | None:
    names = [entry.name for entry in package.entries if entry.name.endswith((".xml", ".rels"))]
    important = [name for name in names if name in {WORKBOOK, WORKBOOK_RELS, TYPES, ROOT_RELS}]
    important += [name for name in package.worksheets()[:2]] + [n for n in names if "sharedStrings" in n]
    return package.find(rng.choice(important if important and rng.random() < 0.7 else names))


def truncate_part(rng: random.Random, package: Package) -> str | None:
    entry = any_xml(rng, package)
    if entry is None or not entry.data:
        return None
    at = rng.randrange(len(entry.data))
    entry.data = entry.data[:at]
    return f"{entry.name}: cut at byte {at}"


def deep_nesting(rng: random.Random, package: Package) -> str | None:
    entry = any_xml(rng, package)
    if entry is None or parsed(entry) is None:
        return None
    depth = rng.choice([1000, 5000, 20000])
    opening, closing = nested(depth)
    end = entry.data.rindex(b"</")
    where = entry.data.find(b"</sheetData>") if rng.random() < 0.5 else -1
    at = where if where > 0 else end
    entry.data = entry.data[:at] + opening + closing + entry.data[at:]
    return f"{entry.name}: {depth} nested elements at byte {at}"


def garbage_bytes(rng: random.Random, package: Package) -> str | None:
    entry = any_xml(rng, package)
    if entry is None or not entry.data:
        return None
    at = rng.randrange(len(entry.data))
    size = rng.choice([1, 4, 64])
    noise = bytes(rng.randrange(256) for _ in range(size))
    entry.data = entry.data[:at] + noise + entry.data[at + size :]
    return f"{entry.name}: {size} random bytes at {at} ({noise[:8].hex()}…)"


def other_encoding(rng: random.Random, package: Package) -> str | None:
    entry = any_xml(rng, package)
    root = parsed(entry)
    if entry is None or root is None:
        return None
    encoding = rng.choice(["utf-16", "utf-8-sig", "windows-1251", "latin-1-declared-utf-8"])
    if encoding == "latin-1-declared-utf-8":  # declared UTF-8, written in another code page
        entry.data = ElementTree.tostring(root, encoding="utf-8").decode("utf-8").encode("cp1251", "replace")
    elif encoding == "utf-8-sig":
        entry.data = b"\xef\xbb\xbf" + entry.data
    else:
        try:
            entry.data = ElementTree.tostring(root, encoding=encoding, xml_declaration=True)
        except RecursionError:
            return None
    return f"{entry.name}: encoded {encoding}"
