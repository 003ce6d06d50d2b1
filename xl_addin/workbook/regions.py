"""Which regions get a workbook, and the workbook's file name."""

from __future__ import annotations

import csv
import io
import re
import stat
from pathlib import Path

from xl_addin.core.art_need import lookup_subject, subjects_2006
from xl_addin.errors import XlAddinError, describe_value
from xl_addin.files import os_reason
from xl_addin.workbook.cells import MAX_LIST_FILE_BYTES, text_problem
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
    found = lookup_subject(name) if name.strip() else None
    return None if found is None else found.art_need_2006


def read_regions(path: Path) -> list[Region]:
    """A user's list: one column of names, optionally a second column of codes; a header row is allowed.

    A CSV saved by Excel («CSV UTF-8», ``;`` or ``,``); a quoted name may hold the delimiter.  Refused with a
    Russian reason naming the file and line: a file over :data:`~xl_addin.workbook.cells.MAX_LIST_FILE_BYTES`
    (before it is read), one not in UTF-8, an unclosed quote, a blank or repeated name, a name or code that
    cannot be written as a text (a control character, a line break, over 255 characters).
    """
    text = _list_text(Path(path))
    delimiter = ";" if text.count(";") > text.count(",") else ","
    # each row with the file's own line number (1-based, counting the header and blank lines) for messages
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for row in reader:
            if any(c.strip() for c in row):
                rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as error:
        raise RegionListError(
            f"файл регионов {path}, строка {line}: не читается как CSV (незакрытая кавычка?)"
        ) from error
    if rows and rows[0][1][0].strip().casefold() in {"name", "region", "subject", "регион", "субъект", "название"}:
        rows = rows[1:]
    if not rows:
        raise RegionListError(f"файл регионов {path}: нет ни одного названия")
    regions: list[Region] = []
    seen: set[str] = set()
    for line, row in rows:
        name, code = row[0].strip(), row[1].strip() if len(row) > 1 else ""
        for what, text_given in (("название", name), ("код", code)):
            problem = text_problem(text_given)
            if problem is not None:
                raise RegionListError(
                    f"файл регионов {path}, строка {line}, {what} {describe_value(text_given)}: {problem}"
                )
        if not name or name in seen:
            problem = "пустое название" if not name else f"название «{name}» повторяется"
            raise RegionListError(f"файл регионов {path}, строка {line}: {problem}")
        seen.add(name)
        regions.append(Region(name, code, published_figure(name)))
    return regions


def _list_text(path: Path) -> str:
    """The list file's text, or :class:`RegionListError` saying in Russian why it cannot be read."""
    try:
        kind = path.stat()
        if not stat.S_ISREG(kind.st_mode):
            raise RegionListError(f"файл регионов {path}: не прочитан (это папка или не обычный файл)")
        if kind.st_size > MAX_LIST_FILE_BYTES:
            raise RegionListError(
                f"файл регионов {path}: {kind.st_size} байт — больше {MAX_LIST_FILE_BYTES} байт (список субъектов "
                "занимает несколько килобайт); это не список регионов"
            )
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegionListError(
            f"файл регионов {path}: не прочитан (текст не в кодировке UTF-8: сохраните как «CSV UTF-8»)"
        ) from error
    except OSError as error:
        raise RegionListError(f"файл регионов {path}: не прочитан ({os_reason(error)})") from error


def file_name(position: int, region: Region, suffix: str = ".xlsx") -> str:
    """A sortable name safe on Windows, macOS and Linux: row number + region name.

    >>> file_name(7, Region("г. Санкт-Петербург")), file_name(12, Region('A/B: "C"?'))
    ('007_г. Санкт-Петербург.xlsx', '012_A_B_ _C_.xlsx')
    """
    safe = _FORBIDDEN.sub("_", region.name).strip().rstrip(". ") or "region"
    return f"{position:03d}_{safe[:80]}{suffix}"
