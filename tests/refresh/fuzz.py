"""A seeded random mutator of a valid filled workbook (issue 19 §8): what nobody listed, found by chance.

``mutate(base, seed, index)`` gives the bytes of a mutated copy and the description of what was done;
the same seed, index and base give the same bytes (``random.Random(f"{seed}/{index}")``), so a failure
is reproduced from the three alone.  Mutations reach every layer a reader meets: the zip (duplicate,
missing and renamed entries, other compressions, a bad CRC, truncation, bytes before or after), the
package (rels, content types), workbook.xml (sheet entries, r:ids, defined names), the worksheets
(cell values and types, references, rows, formulas, long and control-character strings, truncated
XML, deep nesting, other encodings) and shared strings.
"""

from __future__ import annotations

import random
import re
import struct
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import fromstring

from tests.refresh.hostile import (
    CONTENT_TYPES,
    FOREIGN,
    PACKAGE_RELATIONSHIPS,
    SHARED_STRINGS_RELATIONSHIP,
    SHARED_STRINGS_TYPE,
    nested,
)
from tests.refresh.xml_edit import RELATIONSHIPS, q

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
        import io

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


def _parsed(entry: Entry | None) -> ElementTree.Element | None:
    if entry is None:
        return None
    try:
        return fromstring(entry.data)
    except (ParseError, ValueError):
        return None  # already broken by an earlier mutation
    except Exception:  # noqa: BLE001 - defusedxml's refusals (entities): nothing to edit as elements
        return None


def _store(entry: Entry, root: ElementTree.Element) -> bool:
    try:
        entry.data = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    except RecursionError:  # deeply nested by an earlier mutation: ElementTree's writer recurses
        return False
    return True


def _sheet(rng: random.Random, package: Package) -> tuple[Entry, str] | None:
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
    chosen = _sheet(rng, package)
    if chosen is None:
        return None
    entry, wanted = chosen
    root = _parsed(entry)
    if root is None:
        return None
    cells = [cell for cell in root.iter(q("c")) if not wanted or cell.get("r") == wanted]
    if not cells:
        cells = list(root.iter(q("c")))
    return (entry, root, cells) if cells else None


def _clear(cell: ElementTree.Element) -> None:
    for child in list(cell):
        cell.remove(child)


def cell_value(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    value = rng.choice(NUMBERS)
    _clear(cell)
    cell.attrib.pop("t", None)
    ElementTree.SubElement(cell, q("v")).text = value
    return f"{entry.name} {cell.get('r')}: number {value[:40]!r}" if _store(entry, root) else None


def cell_text(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    text = rng.choice(TEXTS)
    if rng.random() < 0.2:
        text = text * rng.choice([1000, 5000, 40000])  # longer than a cell may hold (32,767)
    _clear(cell)
    cell.set("t", "inlineStr")
    ElementTree.SubElement(ElementTree.SubElement(cell, q("is")), q("t")).text = text
    return f"{entry.name} {cell.get('r')}: text {text[:40]!r} × {len(text)} chars" if _store(entry, root) else None


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
        _clear(cell)
        index = rng.choice(["0", "999999", "-1", "1.5", "x"])
        ElementTree.SubElement(cell, q("v")).text = index
        what += f" v={index!r}"
    return f"{entry.name} {cell.get('r')}: {what}" if _store(entry, root) else None


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
    return f"{entry.name} {cell.get('r')}: cell deleted" if _store(entry, root) else None


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
            _clear(twin)
            twin.attrib.pop("t", None)
            value = rng.choice(["999999", "-1", "0"])
            ElementTree.SubElement(twin, q("v")).text = value
            row.insert(children.index(cell) + rng.choice([0, 1]), twin)
            return f"{entry.name} {cell.get('r')}: cell twice, the twin holds {value}" if _store(entry, root) else None
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
    return f"{entry.name} {old}: {what}" if _store(entry, root) else None


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
    return f"{entry.name} row {old}: r={value!r}" if _store(entry, root) else None


def cell_formula(rng: random.Random, package: Package) -> str | None:
    found = _cells(rng, package)
    if found is None:
        return None
    entry, root, cells = found
    cell = rng.choice(cells)
    formula = rng.choice(FORMULAS)
    _clear(cell)
    cell.attrib.pop("t", None)
    ElementTree.SubElement(cell, q("f")).text = formula
    if rng.random() < 0.5:
        ElementTree.SubElement(cell, q("v")).text = rng.choice(["1", "1E+308", "#DIV/0!"])
    return f"{entry.name} {cell.get('r')}: formula {formula[:30]!r}" if _store(entry, root) else None


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
    return f"{entry.name}: a row of {count} cells at {row.get('r')}" if _store(entry, root) else None


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
    return f"{entry.name}: dimension {value!r}" if _store(entry, root) else None


def _any_xml(rng: random.Random, package: Package) -> Entry | None:
    names = [entry.name for entry in package.entries if entry.name.endswith((".xml", ".rels"))]
    important = [name for name in names if name in {WORKBOOK, WORKBOOK_RELS, TYPES, ROOT_RELS}]
    important += [name for name in package.worksheets()[:2]] + [n for n in names if "sharedStrings" in n]
    return package.find(rng.choice(important if important and rng.random() < 0.7 else names))


def truncate_part(rng: random.Random, package: Package) -> str | None:
    entry = _any_xml(rng, package)
    if entry is None or not entry.data:
        return None
    at = rng.randrange(len(entry.data))
    entry.data = entry.data[:at]
    return f"{entry.name}: cut at byte {at}"


def deep_nesting(rng: random.Random, package: Package) -> str | None:
    entry = _any_xml(rng, package)
    if entry is None or _parsed(entry) is None:
        return None
    depth = rng.choice([1000, 5000, 20000])
    opening, closing = nested(depth)
    end = entry.data.rindex(b"</")
    where = entry.data.find(b"</sheetData>") if rng.random() < 0.5 else -1
    at = where if where > 0 else end
    entry.data = entry.data[:at] + opening + closing + entry.data[at:]
    return f"{entry.name}: {depth} nested elements at byte {at}"


def garbage_bytes(rng: random.Random, package: Package) -> str | None:
    entry = _any_xml(rng, package)
    if entry is None or not entry.data:
        return None
    at = rng.randrange(len(entry.data))
    size = rng.choice([1, 4, 64])
    noise = bytes(rng.randrange(256) for _ in range(size))
    entry.data = entry.data[:at] + noise + entry.data[at + size :]
    return f"{entry.name}: {size} random bytes at {at} ({noise[:8].hex()}…)"


def other_encoding(rng: random.Random, package: Package) -> str | None:
    entry = _any_xml(rng, package)
    root = _parsed(entry)
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


# --- workbook.xml, names, rels, content types ---


def sheet_entry(rng: random.Random, package: Package) -> str | None:
    entry = package.find(WORKBOOK)
    root = _parsed(entry)
    if entry is None or root is None:
        return None
    sheets = next(root.iter(q("sheets")), None)
    if sheets is None or not len(sheets):
        return None
    children = list(sheets)
    sheet = rng.choice(children)
    action = rng.choice(["delete", "duplicate", "rename", "rid", "sheetId", "state", "shuffle", "foreign", "drop all"])
    what = f"sheet {sheet.get('name')!r}: {action}"
    if action == "delete":
        sheets.remove(sheet)
    elif action == "duplicate":
        twin = ElementTree.fromstring(ElementTree.tostring(sheet))
        twin.set("sheetId", "999")
        sheets.insert(rng.choice([0, len(children)]), twin)
    elif action == "rename":
        name = rng.choice(["", "x" * 40, "Ввод ", "ВВОД", "Титул", "Ввод", "Вв[од", "_x0001_"])
        sheet.set("name", name)
        what += f" to {name!r}"
    elif action == "rid":
        value = rng.choice(["rId999", "", "rId1", "rId2", "rId9"])
        sheet.set(q("id", RELATIONSHIPS), value)
        what += f" {value!r}"
    elif action == "sheetId":
        value = rng.choice(["0", "-1", "abc", "1", "4294967296"])
        sheet.set("sheetId", value)
        what += f" {value!r}"
    elif action == "state":
        value = rng.choice(["veryHidden", "hidden", "bogus"])
        sheet.set("state", value)
        what += f" {value!r}"
    elif action == "shuffle":
        rng.shuffle(children)
        for child in list(sheets):
            sheets.remove(child)
        sheets.extend(children)
    elif action == "foreign":
        twin = ElementTree.Element(f"{{{FOREIGN}}}sheet", dict(sheet.attrib))
        sheets.insert(0, twin)
    else:
        root.remove(sheets)
    return what if _store(entry, root) else None


def defined_name(rng: random.Random, package: Package) -> str | None:
    entry = package.find(WORKBOOK)
    root = _parsed(entry)
    if entry is None or root is None:
        return None
    container = next(root.iter(q("definedNames")), None)
    names = list(container) if container is not None else []
    if container is None or not names:
        return None
    name = rng.choice([n for n in names if (n.get("name") or "").startswith(("in_", "xl_addin_"))] or names)
    action = rng.choice(["text", "text", "delete", "duplicate", "local", "rename"])
    what = f"defined name {name.get('name')!r}: {action}"
    if action == "text":
        text = rng.choice(NAME_TEXTS)
        name.text = text
        what += f" {text!r}"
    elif action == "delete":
        container.remove(name)
    elif action == "duplicate":
        twin = ElementTree.Element(name.tag, dict(name.attrib))
        twin.text = rng.choice(NAME_TEXTS)
        container.insert(rng.choice([0, len(names)]), twin)
        what += f" {twin.text!r}"
    elif action == "local":
        value = rng.choice(["0", "1", "99", "-1", "x"])
        name.set("localSheetId", value)
        what += f" {value!r}"
    else:
        other = rng.choice(names).get("name", "")
        name.set("name", other)
        what += f" to {other!r}"
    return what if _store(entry, root) else None


def relationship(rng: random.Random, package: Package) -> str | None:
    entry = package.find(rng.choice([WORKBOOK_RELS, WORKBOOK_RELS, ROOT_RELS]))
    root = _parsed(entry)
    if entry is None or root is None or not len(root):
        return None
    relation = rng.choice(list(root))
    action = rng.choice(["target", "target", "delete", "duplicate id", "type", "external"])
    what = f"{entry.name} {relation.get('Id')}: {action}"
    if action == "target":
        target = rng.choice(TARGETS)
        relation.set("Target", target)
        what += f" {target!r}"
    elif action == "delete":
        root.remove(relation)
    elif action == "duplicate id":
        other = rng.choice(list(root))
        relation.set("Id", other.get("Id", ""))
        what += f" {other.get('Id')!r}"
    elif action == "type":
        relation.set("Type", rng.choice(["", "http://example.com/x", SHARED_STRINGS_RELATIONSHIP]))
    else:
        relation.set("TargetMode", "External")
    return what if _store(entry, root) else None


def content_type(rng: random.Random, package: Package) -> str | None:
    entry = package.find(TYPES)
    root = _parsed(entry)
    if entry is None or root is None or not len(root):
        return None
    element = rng.choice(list(root))
    action = rng.choice(["delete", "type", "missing part"])
    what = f"content types {element.get('PartName') or element.get('Extension')}: {action}"
    if action == "delete":
        root.remove(element)
    elif action == "type":
        value = rng.choice(CONTENT_TYPE_VALUES)
        element.set("ContentType", value)
        what += f" {value!r}"
    else:
        ElementTree.SubElement(root, q("Override", CONTENT_TYPES), {"PartName": "/xl/nothing.xml",
                                                                    "ContentType": SHARED_STRINGS_TYPE})  # fmt: skip
    return what if _store(entry, root) else None


def _spoil(rng: random.Random, table: ElementTree.Element, spoil: str) -> None:
    """Spoil a shared strings table in the way ``spoil`` names ("none", "no rel": left whole)."""
    items = list(table)
    item = rng.choice(items)
    if spoil == "delete si":
        table.remove(item)
    elif spoil == "control":
        item[0].text = rng.choice(TEXTS)
    elif spoil == "long":
        item[0].text = "я" * 100000
    elif spoil == "rich":
        _clear(item)
        run = ElementTree.SubElement(item, q("r"))
        ElementTree.SubElement(run, q("rPr"))
        ElementTree.SubElement(run, q("t")).text = "Курская "
        ElementTree.SubElement(ElementTree.SubElement(item, q("r")), q("t")).text = "_x0001_область"
    elif spoil == "count":
        table.set("count", "-1")
        table.set("uniqueCount", "99999999999")
    elif spoil == "empty":
        for each in items:
            table.remove(each)


def shared_strings(rng: random.Random, package: Package) -> str | None:
    """Move a worksheet's inline strings into a new sharedStrings.xml, then spoil the table (or not)."""
    if package.find("xl/sharedStrings.xml") is not None or package.find(WORKBOOK_RELS) is None:
        return None
    chosen = _sheet(rng, package)
    if chosen is None:
        return None
    entry = chosen[0]
    root = _parsed(entry)
    rels, types = _parsed(package.find(WORKBOOK_RELS)), _parsed(package.find(TYPES))
    if root is None or rels is None or types is None:
        return None
    texts: list[str] = []
    for cell in root.iter(q("c")):
        if cell.get("t") == "inlineStr":
            text = "".join(cell.itertext())
            _clear(cell)
            cell.set("t", "s")
            ElementTree.SubElement(cell, q("v")).text = str(len(texts))
            texts.append(text)
    if not texts:
        return None
    spoil = rng.choice(["none", "delete si", "control", "long", "rich", "count", "no rel", "empty"])
    table = ElementTree.Element(q("sst"), {"count": str(len(texts)), "uniqueCount": str(len(texts))})
    for text in texts:
        ElementTree.SubElement(ElementTree.SubElement(table, q("si")), q("t")).text = text
    _spoil(rng, table, spoil)
    if spoil != "no rel":
        ElementTree.SubElement(rels, q("Relationship", PACKAGE_RELATIONSHIPS),
                               {"Id": "rIdFuzzStrings", "Type": SHARED_STRINGS_RELATIONSHIP,
                                "Target": "sharedStrings.xml"})  # fmt: skip
    ElementTree.SubElement(types, q("Override", CONTENT_TYPES),
                           {"PartName": "/xl/sharedStrings.xml", "ContentType": SHARED_STRINGS_TYPE})  # fmt: skip
    for part, element in ((entry, root), (package.find(WORKBOOK_RELS), rels), (package.find(TYPES), types)):
        if part is None or not _store(part, element):
            return None
    package.entries.append(Entry("xl/sharedStrings.xml", ElementTree.tostring(table, encoding="utf-8")))
    return f"{entry.name}: {len(texts)} strings shared, table spoilt: {spoil}"


# --- the zip ---


def duplicate_entry(rng: random.Random, package: Package) -> str | None:
    entry = rng.choice([e for e in package.entries if e.name in {WORKBOOK, TYPES, *package.worksheets()[:2]}])
    twin = Entry(entry.name, entry.data.replace(b"<v>", b"<v>9", 5))  # the twin's first numbers differ
    package.entries.insert(package.entries.index(entry) + rng.choice([0, 1]), twin)
    return f"zip: {entry.name} twice"


def missing_entry(rng: random.Random, package: Package) -> str | None:
    names = [e.name for e in package.entries]
    important = [n for n in names if n in {WORKBOOK, WORKBOOK_RELS, TYPES, ROOT_RELS, "xl/styles.xml"}]
    name = rng.choice(important + package.worksheets()[:3] if rng.random() < 0.8 else names)
    package.entries = [e for e in package.entries if e.name != name]
    return f"zip: {name} missing"


def compression(rng: random.Random, package: Package) -> str | None:
    entry = rng.choice(package.entries)
    method = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, 99])
    if method == 99:  # a method no reader knows: written deflated, the number changed in both headers
        name = entry.name.encode("utf-8")

        def unknown(data: bytes) -> bytes:
            patched = bytearray(data)
            for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
                start = 0
                while (start := patched.find(signature, start)) >= 0:
                    name_at = start + (30 if offset == 8 else 46)
                    if patched[name_at : name_at + len(name)] == name:
                        patched[start + offset : start + offset + 2] = struct.pack("<H", 99)
                    start += 4
            return bytes(patched)

        package.after.append(unknown)
    else:
        entry.compress = method
    return f"zip: {entry.name} compressed with method {method}"


def bad_crc(rng: random.Random, package: Package) -> str | None:
    entry = rng.choice([e for e in package.entries if len(e.data) > 16])
    entry.compress = zipfile.ZIP_STORED
    position = rng.randrange(len(entry.data))
    name = entry.name.encode("utf-8")

    def flip(data: bytes) -> bytes:
        start = data.find(b"PK\x03\x04")
        while start >= 0:
            length, extra = struct.unpack("<HH", data[start + 26 : start + 30])
            if data[start + 30 : start + 30 + length] == name:
                at = start + 30 + length + extra + position
                return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :]
            start = data.find(b"PK\x03\x04", start + 4)
        return data

    package.after.append(flip)
    return f"zip: {entry.name} byte {position} flipped (bad CRC)"


def archive_bytes(rng: random.Random, package: Package) -> str | None:
    action = rng.choice(["truncate", "append", "prepend", "encrypted flag"])
    if action == "truncate":
        fraction = rng.random()
        package.after.append(lambda data: data[: int(len(data) * fraction)])
        return f"zip: truncated to {fraction:.3f} of its length"
    if action == "append":
        noise = bytes(rng.randrange(256) for _ in range(rng.choice([1, 100, 5000])))
        package.after.append(lambda data: data + noise)
        return f"zip: {len(noise)} bytes appended"
    if action == "prepend":
        noise = bytes(rng.randrange(256) for _ in range(rng.choice([1, 100, 5000])))
        package.after.append(lambda data: noise + data)
        return f"zip: {len(noise)} bytes prepended"

    def encrypted(data: bytes) -> bytes:
        patched = bytearray(data)
        start = patched.find(b"PK\x01\x02")
        if start >= 0:
            patched[start + 8] |= 1  # the central directory's first entry says it is encrypted
        return bytes(patched)

    package.after.append(encrypted)
    return "zip: first entry flagged encrypted"


def entry_name(rng: random.Random, package: Package) -> str | None:
    entry = rng.choice([e for e in package.entries if e.name in {WORKBOOK, TYPES, *package.worksheets()[:2]}])
    old = entry.name
    action = rng.choice(["backslash", "upper", "dot dot", "leading slash", "directory"])
    if action == "backslash":
        entry.name = old.replace("/", "\\")
    elif action == "upper":
        entry.name = old.upper()
    elif action == "dot dot":
        package.entries.append(Entry("../" + old, entry.data))
    elif action == "leading slash":
        entry.name = "/" + old
    else:
        package.entries.append(Entry(old + "/", b""))
    return f"zip: {old} {action}"


MUTATIONS: list[tuple[Mutation, int]] = [
    (cell_value, 8), (cell_text, 5), (cell_type, 5), (cell_delete, 3), (cell_duplicate, 3), (cell_reference, 3),
    (row_attribute, 2), (cell_formula, 3), (many_cells, 1), (dimension, 1), (truncate_part, 2), (deep_nesting, 2),
    (garbage_bytes, 2), (other_encoding, 2), (sheet_entry, 4), (defined_name, 5), (relationship, 3),
    (content_type, 2), (shared_strings, 4), (duplicate_entry, 2), (missing_entry, 2), (compression, 2),
    (bad_crc, 1), (archive_bytes, 2), (entry_name, 2),
]  # fmt: skip  # mutation, weight


def read_package(data: bytes) -> Package:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [Entry(info.filename, archive.read(info)) for info in archive.infolist()]
    package = Package(entries)
    workbook = fromstring(package.find(WORKBOOK).data)  # type: ignore[union-attr]
    rels = fromstring(package.find(WORKBOOK_RELS).data)  # type: ignore[union-attr]
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for sheet in workbook.iter(q("sheet")):
        target = targets[sheet.get(q("id", RELATIONSHIPS))]
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    for name in workbook.iter(q("definedName")):
        match = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+)", name.text or "")
        if (name.get("name") or "").startswith("in_") and match and match.group(1) in parts:
            package.inputs.append((parts[match.group(1)], f"{match.group(2)}{match.group(3)}"))
    return package


def mutate(base: bytes, seed: int, index: int) -> tuple[bytes, str]:
    """The mutated bytes of ``base`` for (``seed``, ``index``) and what was done (1 to 3 mutations)."""
    rng = random.Random(f"{seed}/{index}")
    package = read_package(base)
    done: list[str] = []
    wanted = rng.choice([1, 1, 1, 2, 2, 3])
    functions, weights = zip(*MUTATIONS, strict=True)
    attempts = 0
    while len(done) < wanted and attempts < 50:
        attempts += 1
        (mutation,) = rng.choices(functions, weights)
        what = mutation(rng, package)
        if what is not None:
            done.append(f"{mutation.__name__}: {what}")
    return package.archive(), "; ".join(done)
