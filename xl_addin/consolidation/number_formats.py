"""Which cell styles show a number as a date, a time or a duration, and the value such a cell shows.

Excel stores a date as a number (days since its epoch) and shows it as a date through the
cell's number format: a date typed into a count cell is a date to the user, not 45323
people.  As the reader did before (python-calamine), a number whose style's format is a date
or time format is read as a ``datetime.date``, ``datetime.datetime`` or ``datetime.time``, and
one whose format counts elapsed time (``[h]:mm``) as a ``datetime.timedelta``; the checks then
report it as not a number.  The styles part is small and the same in every file made from one
template: it is parsed once per distinct content.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any

from xl_addin.consolidation.ooxml import MAIN, parse, tag
from xl_addin.consolidation.parts import Package

#: Excel's built-in date and time formats (ECMA-376, 18.8.30; 27–36 and 50–58 are the East Asian dates).
_BUILT_IN_DATES = frozenset((*range(14, 23), 45, 47, *range(27, 37), *range(50, 59)))
_BUILT_IN_DURATIONS = frozenset((46,))
#: What a format code shows literally or does not print: quoted text, an escaped or padded character, a colour or
#: condition in brackets (an elapsed-time bracket, ``[h]``, is kept).
_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hHmMsS]+\])[^\]]*\]')
_ELAPSED = re.compile(r"\[[hHmMsS]+\]")
_DATE_LETTERS = re.compile(r"[dDmMyYhHsS]")
DATE, DURATION = "date", "duration"


def format_kind(code: str) -> str | None:
    """:data:`DATE`, :data:`DURATION` or None (a number) for a custom format code (its first section).

    >>> format_kind("yyyy-mm-dd"), format_kind("[hh]:mm:ss"), format_kind("#,##0"), format_kind('0" дней"')
    ('date', 'duration', None, None)
    >>> format_kind("General"), format_kind("[Red]#,##0;[Blue]-#,##0"), format_kind("d.m.yy;@")
    (None, None, 'date')
    """
    shown = _LITERALS.sub("", code.split(";", maxsplit=1)[0])
    if _ELAPSED.search(shown):
        return DURATION
    return DATE if _DATE_LETTERS.search(shown) else None


def date_styles(package: Package, part: str | None) -> dict[int, str]:
    """Style index (a cell's ``s``) → :data:`DATE` or :data:`DURATION`, for the styles that show a date or time."""
    if part is None or not package.has(part):
        return {}
    return _date_styles(package.read(part))


@functools.lru_cache(maxsize=16)
def _date_styles(data: bytes) -> dict[int, str]:
    root = parse(data)
    custom = {}
    for number_format in root.iter(tag(MAIN, "numFmt")):
        identifier, code = number_format.get("numFmtId", ""), number_format.get("formatCode", "")
        if identifier.isdigit():
            custom[int(identifier)] = format_kind(code)
    found: dict[int, str] = {}
    cell_formats = root.find(tag(MAIN, "cellXfs"))
    for index, style in enumerate(cell_formats.findall(tag(MAIN, "xf")) if cell_formats is not None else []):
        identifier = style.get("numFmtId", "0")
        number = int(identifier) if identifier.isdigit() else 0
        kind = custom.get(number) if number in custom else _built_in(number)
        if kind is not None:
            found[index] = kind
    return found


def _built_in(number: int) -> str | None:
    if number in _BUILT_IN_DATES:
        return DATE
    return DURATION if number in _BUILT_IN_DURATIONS else None


def shown_value(serial: float, kind: str, date1904: bool) -> Any:
    """The value a cell holding ``serial`` shows through a format of ``kind``: a timedelta for a duration; for a
    date a time (below 1), a date (a whole number) or a datetime; the number itself outside Excel's dates.

    >>> shown_value(45323, DATE, False), shown_value(0.5, DATE, False), shown_value(1.25, DURATION, False)
    (datetime.date(2024, 2, 1), datetime.time(12, 0), datetime.timedelta(days=1, seconds=21600))
    >>> shown_value(45323.5, DATE, False), shown_value(0, DATE, True), shown_value(3e6, DATE, False)
    (datetime.datetime(2024, 2, 1, 12, 0), datetime.date(1904, 1, 1), 3000000.0)
    """
    if kind == DURATION:
        try:
            return datetime.timedelta(days=serial)
        except OverflowError:
            return serial
    if serial < 0 or serial >= 2_958_466:  # before the epoch, after 9999-12-31: no date Excel shows
        return serial
    if date1904:
        epoch = datetime.datetime(1904, 1, 1)
    else:  # Excel's 1900 system counts a 29 February 1900 that never was: day 60
        epoch = datetime.datetime(1899, 12, 31) if serial < 60 else datetime.datetime(1899, 12, 30)
    moment = epoch + datetime.timedelta(milliseconds=round(serial * 86_400_000))
    if serial < 1 and not date1904:
        return moment.time()
    return moment.date() if float(serial).is_integer() else moment
