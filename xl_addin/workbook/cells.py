"""Writing a user's text into a workbook as text, always (issue 19, §3).

openpyxl takes any ``str`` that starts with ``=`` for a formula: a region called ``=cmd|' /C calc'!A0`` in
``--regions`` or a product code in ``--products`` would become a live formula in every workbook sent out.
Here only a :class:`Formula` is a formula; every other text is a string cell.  And a text a user gives is
checked before it is written (:func:`text_problem`): no control character (openpyxl refuses one with an
English error, and XML cannot hold most of them), no lone surrogate, at most :data:`TEXT_LIMIT` characters.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell import Cell

#: The largest list file a user may give (regions, products): such a list takes a few to a hundred kilobytes;
#: a larger file is refused before it is read.
MAX_LIST_FILE_BYTES = 2 * 1024 * 1024
#: The longest name or code a user may give (Excel shows at most 255 characters of a text returned by a formula;
#: no region's or product's name comes near it).
TEXT_LIMIT = 255
#: What a name may not hold: C0 controls (tab and line breaks too: a name is one line), DEL, lone surrogates
#: (a file's undecodable bytes), U+FFFE and U+FFFF.
_UNWANTED = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_UNWANTED_BUT_LINE_BREAKS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class Formula(str):
    """A cell's formula as ``=…`` text: the one kind of text :func:`put` writes as a formula."""


def put(cell: Cell, value: Any) -> None:
    """Write ``value`` into ``cell``: a :class:`Formula` as a formula, any other text as a string (never a formula).

    >>> from openpyxl import Workbook
    >>> sheet = Workbook().active
    >>> put(sheet["A1"], "=1+1"); put(sheet["A2"], Formula("=1+1")); put(sheet["A3"], 5)
    >>> [(sheet[c].value, sheet[c].data_type) for c in ("A1", "A2", "A3")]
    [('=1+1', 's'), ('=1+1', 'f'), (5, 'n')]
    """
    cell.value = value
    if isinstance(value, str) and not isinstance(value, Formula):
        cell.data_type = "s"


def text_problem(text: str, *, line_breaks: bool = False) -> str | None:
    """Why ``text`` cannot be written as a name (in Russian), or None; ``line_breaks``: a line break is allowed
    (a product's name may be written on two lines of its cell, a code or a region's name may not).

    >>> text_problem("Тульская область"), text_problem("Тула\\x01"), text_problem("я" * 256)
    (None, 'недопустимый символ U+0001 (знак 5)', 'длиннее 255 знаков (256)')
    >>> text_problem("ИФА\\nВИЧ"), text_problem("ИФА\\nВИЧ", line_breaks=True)
    ('недопустимый символ U+000A (знак 4)', None)
    """
    found = (_UNWANTED_BUT_LINE_BREAKS if line_breaks else _UNWANTED).search(text)
    if found is not None:
        return f"недопустимый символ U+{ord(found.group()):04X} (знак {found.start() + 1})"
    if len(text) > TEXT_LIMIT:
        return f"длиннее {TEXT_LIMIT} знаков ({len(text)})"
    return None
