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

import io
import random
import re
import struct
import zipfile
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring

from tests.refresh.fuzz_cells import (
    CONTENT_TYPE_VALUES,
    NAME_TEXTS,
    ROOT_RELS,
    TARGETS,
    TEXTS,
    TYPES,
    WORKBOOK,
    WORKBOOK_RELS,
    Entry,
    Mutation,
    Package,
    cell_delete,
    cell_duplicate,
    cell_formula,
    cell_reference,
    cell_text,
    cell_type,
    cell_value,
    clear,
    deep_nesting,
    dimension,
    garbage_bytes,
    many_cells,
    other_encoding,
    parsed,
    pick_sheet,
    row_attribute,
    store,
    truncate_part,
)
from tests.refresh.hostile import (
    CONTENT_TYPES,
    FOREIGN,
    PACKAGE_RELATIONSHIPS,
    SHARED_STRINGS_RELATIONSHIP,
    SHARED_STRINGS_TYPE,
)
from tests.refresh.xml_edit import RELATIONSHIPS, q

# --- workbook.xml, names, rels, content types ---


def sheet_entry(rng: random.Random, package: Package) -> str | None:
    entry = package.find(WORKBOOK)
    root = parsed(entry)
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
    return what if store(entry, root) else None


def defined_name(rng: random.Random, package: Package) -> str | None:
    entry = package.find(WORKBOOK)
    root = parsed(entry)
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
    return what if store(entry, root) else None


def relationship(rng: random.Random, package: Package) -> str | None:
    entry = package.find(rng.choice([WORKBOOK_RELS, WORKBOOK_RELS, ROOT_RELS]))
    root = parsed(entry)
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
    return what if store(entry, root) else None


def content_type(rng: random.Random, package: Package) -> str | None:
    entry = package.find(TYPES)
    root = parsed(entry)
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
    return what if store(entry, root) else None


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
        clear(item)
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
    chosen = pick_sheet(rng, package)
    if chosen is None:
        return None
    entry = chosen[0]
    root = parsed(entry)
    rels, types = parsed(package.find(WORKBOOK_RELS)), parsed(package.find(TYPES))
    if root is None or rels is None or types is None:
        return None
    texts: list[str] = []
    for cell in root.iter(q("c")):
        if cell.get("t") == "inlineStr":
            text = "".join(cell.itertext())
            clear(cell)
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
        if part is None or not store(part, element):
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


#: The names of the supply plan's input tables (their columns are ranges of 120 cells).
PLAN_TABLES = ("in_ship_", "in_lot_", "in_use_")


def read_package(data: bytes) -> Package:
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
        # the supply plan's tables (issue 22): the first line's cell of each column, a hostile value where a
        # region types one (a date column given text, a code given «*», units 1e308 …)
        match = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+):\$[A-Z]+\$\d+", name.text or "")
        if (name.get("name") or "").startswith(PLAN_TABLES) and match and match.group(1) in parts:
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
