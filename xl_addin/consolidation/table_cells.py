"""The cells of the refresh's tables (national.xlsx, national.csv, national_products.csv, problems.csv): whatever
value a received workbook led to, each writer gets a value it can write and a spreadsheet shows as meant.

A number Excel cannot hold exactly becomes a text (:data:`OUT_OF_RANGE`), a text that would run as a formula
gets an apostrophe in CSV and is a string cell in xlsx, a character XML cannot hold is escaped the OOXML way
(``_xHHHH_``) in xlsx and replaced in CSV, a text is cut to what a cell holds.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Sequence
from copy import copy
from decimal import Decimal
from fractions import Fraction
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")


def safe_text(value: Any) -> Any:
    """A cell value for CSV: a text that a spreadsheet would run as a formula gets a leading apostrophe.

    A plain number written as text ("-3", a bad input found in a cell) is left as it is.

    >>> safe_text("=HYPERLINK(1)"), safe_text("-1+A1"), safe_text("-3"), safe_text(-1), safe_text("Алтай")
    ("'=HYPERLINK(1)", "'-1+A1", '-3', -1, 'Алтай')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


#: What a table shows instead of a number it cannot write: infinite, not a number, or past ``LARGEST``.
OUT_OF_RANGE = "число вне диапазона"
#: Excel keeps 15 significant digits: no count or cost of the letter comes near; a value past it is shown as text.
LARGEST = 10**15
#: What a table shows instead of a value of a kind it does not write (never Python's repr of it).
UNSHOWN = "значение не записано"
#: Excel holds at most this many characters in a cell.
CELL_TEXT_LIMIT = 32767
_CSV_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_ESCAPE_LIKE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")


def number_or_text(value: Any) -> Any:
    """A value as a table writes it: a number Excel holds exactly, a text, None, or ``OUT_OF_RANGE``/``UNSHOWN``.

    Whole numbers and costs stay as they are (a fraction becomes a float); an infinite value, NaN
    or one of ``LARGEST`` or more (a sum of absurd inputs) becomes the text ``OUT_OF_RANGE``.

    >>> from fractions import Fraction
    >>> number_or_text(1200), number_or_text(Decimal("12.50")), number_or_text(Fraction(1, 4)), number_or_text(True)
    (1200, Decimal('12.50'), 0.25, True)
    >>> number_or_text(float("inf")), number_or_text(10**400), number_or_text(Decimal("NaN")), number_or_text(2j)
    ('число вне диапазона', 'число вне диапазона', 'число вне диапазона', 'значение не записано')
    """
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        return value if -LARGEST < value < LARGEST else OUT_OF_RANGE
    if isinstance(value, Decimal):
        return value if value.is_finite() and -LARGEST < value < LARGEST else OUT_OF_RANGE
    if isinstance(value, (float, Fraction)):
        return float(value) if -LARGEST < value < LARGEST else OUT_OF_RANGE  # NaN compares false: out of range
    return UNSHOWN


def csv_cell(value: Any) -> Any:
    r"""A value as a CSV output writes it: :func:`number_or_text`, a text without control characters
    (each becomes U+FFFD; tab and line breaks are kept, the CSV quotes them) and formula-safe; a text longer than an
    Excel cell holds is cut, as in national.xlsx (a cell of a hostile file can hold far more: its rows stay readable).

    >>> csv_cell("Алтай\x01") == "Алтай\ufffd", csv_cell("=1"), csv_cell(float("nan")), csv_cell("a\nb")
    (True, "'=1", 'число вне диапазона', 'a\nb')
    >>> csv_cell(Decimal("13.3")), csv_cell(0.25), csv_cell(Decimal("-0.5"))
    ('13,3', '0,25', '-0,5')
    >>> long = csv_cell("я" * 40000)
    >>> len(long), long[-2:], len(csv_cell("=" * 40000))
    (32766, 'я…', 32767)
    """
    value = number_or_text(value)
    if isinstance(value, str):
        room = CELL_TEXT_LIMIT - 1  # and the apostrophe of a formula-like text
        value = value if len(value) <= room else value[: room - 1] + "…"
        return safe_text(_CSV_UNSAFE.sub("\ufffd", value))
    if isinstance(value, (Decimal, float)):  # a decimal comma: Russian Excel reads "13,3" as a number, "13.3" as text
        exact = Decimal(repr(value)) if isinstance(value, float) else value  # a float as short as Python shows it
        return format(exact, "f").replace(".", ",")
    return value


def xlsx_cell(value: Any) -> Any:
    r"""A value as national.xlsx writes it: :func:`number_or_text`; a text escaped the OOXML way.

    A character XML cannot hold (a control character, a lone surrogate) is written ``_xHHHH_``, as
    Excel writes it and reads it back; a ``_xHHHH_`` already in the text is written ``_x005F_xHHHH_``
    so that Excel shows it as typed.  A text longer than an Excel cell holds is cut.

    >>> xlsx_cell("Алтай\x01"), xlsx_cell("a_x0041_b"), xlsx_cell(10**16)
    ('Алтай_x0001_', 'a_x005F_x0041_b', 'число вне диапазона')
    """
    value = number_or_text(value)
    if not isinstance(value, str):
        return value
    value = _XML_ESCAPE_LIKE.sub("_x005F_", value)
    value = _XML_UNSAFE.sub(lambda found: f"_x{ord(found.group()):04X}_", value)
    return value if len(value) <= CELL_TEXT_LIMIT else value[: CELL_TEXT_LIMIT - 1] + "…"


@functools.cache
def _write_only_cell_class() -> Any:
    """openpyxl's ``WriteOnlyCell``, imported when first needed (the CSV writers do without openpyxl) and once: an
    import statement in :func:`write_only_cell` cost more than the cell, 100,000 times in a national.xlsx."""
    from openpyxl.cell import WriteOnlyCell

    return WriteOnlyCell


BOM = "\ufeff"  # Russian Excel opens a UTF-8 CSV correctly only with it


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    r"""CSV lines as the outputs write them: semicolons (Russian Excel), CRLF, formula-safe, None blank.

    >>> csv_text([["Регион", None, "=1+2", 5]])
    "Регион;;'=1+2;5\r\n"
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else csv_cell(value) for value in row])
    return buffer.getvalue()


def write_only_cell(
    sheet: Any,
    value: Any,
    fill: Any = None,
    font: Any = None,
    alignment: Any = None,
    styled: dict[Any, Any] | None = None,
) -> Any:
    """A cell of a write-only sheet holding :func:`xlsx_cell` of ``value``; a text stays a text even when it
    starts with "=" (never a formula).

    ``styled``: prototype cells by style, kept by the caller for one sheet.  openpyxl hashes a style
    object every time one is set (most of the time of writing thousands of rows), so each combination
    is set once, on a prototype, and the others copy its style ids.
    """
    value = xlsx_cell(value)
    made: Any = _write_only_cell_class()(sheet, value)
    if isinstance(value, str):
        made.data_type = "s"
    if fill is None and font is None and alignment is None:
        return made
    key = (id(fill), id(font), id(alignment))
    if styled is None or key not in styled:
        if fill is not None:
            made.fill = fill
        if font is not None:
            made.font = font
        if alignment is not None:
            made.alignment = alignment
        if styled is not None:
            styled[key] = (fill, font, alignment, made)  # the styles kept alive: their ids stay theirs
        return made
    made._style = copy(styled[key][-1]._style)
    return made
