"""Which regions get a workbook, and the workbook's file name."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from xl_addin.core.art_need import _lookup, subjects_2006
from xl_addin.errors import XlAddinError
from xl_addin.workbook.writer import Region

#: Row 1 of the letter's table, "Без определенного места жительства", is not a region.
NOT_A_REGION = 1
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


class RegionListError(XlAddinError):
    """A user's region list cannot be read (missing file, no names, a blank or duplicated name)."""


def default_regions() -> list[Region]:
    """Every subject of the letter's 2006 table, with its published figure (89 regions).

    >>> regions = default_regions()
    >>> len(regions), regions[0].name, regions[0].published_2006
    (89, 'Республика Башкорстан', 630)
    """
    return [
        Region(subject.name, str(subject.number), subject.art_need_2006)
        for subject in subjects_2006()
        if subject.number != NOT_A_REGION
    ]


def published_figure(name: str) -> int | None:
    """The letter's 2006 figure for a name (today's merged names: the sum of their rows), or None.

    >>> published_figure("Тульская область"), published_figure("Атлантида"), published_figure(" ")
    (626, None, None)

    It asks the table's index only: no "did you mean" list is made for an unknown name (``find_subject``
    builds one with difflib, a millisecond and more per name: 15 s for a list of 2,000 municipalities).
    """
    found = _lookup(name) if name.strip() else None
    return None if found is None else found.art_need_2006


def read_regions(path: Path) -> list[Region]:
    """A user's list: one column of names, optionally a second column of codes; a header row is allowed."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RegionListError(f"файл регионов {path}: не прочитан ({error})") from error
    delimiter = ";" if text.count(";") > text.count(",") else ","
    # each row with the file's own line number (1-based, counting the header and blank lines) for messages
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    line = 1
    for row in reader:
        if any(c.strip() for c in row):
            rows.append((line, row))
        line = reader.line_num + 1
    if rows and rows[0][1][0].strip().casefold() in {"name", "region", "subject", "регион", "субъект", "название"}:
        rows = rows[1:]
    if not rows:
        raise RegionListError(f"файл регионов {path}: нет ни одного названия")
    regions: list[Region] = []
    seen: set[str] = set()
    for line, row in rows:
        name = row[0].strip()
        if not name or name in seen:
            problem = "пустое название" if not name else f"название «{name}» повторяется"
            raise RegionListError(f"файл регионов {path}, строка {line}: {problem}")
        seen.add(name)
        regions.append(Region(name, row[1].strip() if len(row) > 1 else "", published_figure(name)))
    return regions


def file_name(position: int, region: Region, suffix: str = ".xlsx") -> str:
    """A sortable name safe on Windows, macOS and Linux: row number + region name.

    >>> file_name(7, Region("г. Санкт-Петербург")), file_name(12, Region('A/B: "C"?'))
    ('007_г. Санкт-Петербург.xlsx', '012_A_B_ _C_.xlsx')
    """
    safe = _FORBIDDEN.sub("_", region.name).strip().rstrip(". ") or "region"
    return f"{position:03d}_{safe[:80]}{suffix}"
