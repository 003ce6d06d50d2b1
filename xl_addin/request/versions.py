"""The released template versions: which there are, and what a blank workbook of each holds besides its layout.

Every version whose contract is stored (``data/contract-v<N>.json``: 2, 3, 4 and any later one) can be read by
its defined names.  A released workbook says its version in ``xl_addin_template_version`` (all versions) and its
request year and region in the title (``Заявка на 2007 год: Тульская область``, ``Request for 2007: …``; version 2
has no ``xl_addin_region``).

Version 3 as released wrote each row's column headers into the row above (fixed in version 4): a blank version-3
workbook holds texts such as «2005» inside some inputs' cells.  Its contract lists them (``template_texts``: a year
as its offset from the request year, another header as its text), so that they count as blank, never as a value a
region typed (:func:`without_template_texts`).

>>> known_versions()[:3]
('2', '3', '4')
>>> title_year("Заявка на 2010 год: Тульская область"), title_region("Request for 2007: Perm Krai")
(2010, 'Perm Krai')
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

from xl_addin.request.contract import file_name
from xl_addin.request.layout import DEFAULT_YEAR

_TITLE = re.compile(r"(\d{4})\D*?:\s*(.*)$", re.DOTALL)


@functools.cache
def known_versions() -> tuple[str, ...]:
    """The template versions whose contract is stored, oldest first."""
    found = []
    for entry in resources.files(__package__).joinpath("data").iterdir():
        match = re.fullmatch(r"contract-v(\d+)\.json", entry.name)
        if match:
            found.append(match.group(1))
    return tuple(sorted(found, key=int))


@functools.cache
def _template_texts(version: str) -> dict[str, tuple[int | str | None, ...]]:
    text = resources.files(__package__).joinpath("data").joinpath(file_name(version)).read_text(encoding="utf-8")
    found = json.loads(text).get("template_texts", {})
    return {name: tuple(cells) for name, cells in found.items()}


def template_texts(version: str, year: int = DEFAULT_YEAR) -> dict[str, tuple[str | None, ...]]:
    """Name → the texts a blank workbook of ``version`` for ``year`` holds in the input's cells (None: nothing).

    >>> template_texts("3", 2010)["in_births_to_hiv_women"], template_texts("4")
    (('2008',), {})
    """
    return {
        name: tuple(str(year + cell) if isinstance(cell, int) else cell for cell in cells)
        for name, cells in _template_texts(version).items()
    }


def without_template_texts(values: Mapping[str, Any], version: str, year: int = DEFAULT_YEAR) -> dict[str, Any]:
    """``values`` (name → a cell's value or a list of a range's) with every text its blank template holds there blank.

    >>> without_template_texts({"in_kits_reserve": "1", "in_on_art": 5}, "3")
    {'in_kits_reserve': None, 'in_on_art': 5}
    >>> without_template_texts({"in_kits_reserve": 1}, "3")  # a number the region typed stays
    {'in_kits_reserve': 1}
    """
    texts = template_texts(version, year) if version in known_versions() else {}
    found: dict[str, Any] = {}
    for name, value in values.items():
        blank_texts = texts.get(name)
        if blank_texts is None:
            found[name] = value
        elif isinstance(value, list):
            found[name] = [_blanked(cell, text) for cell, text in zip(value, blank_texts, strict=False)]
            found[name] += value[len(blank_texts) :]
        else:
            found[name] = _blanked(value, blank_texts[0])
    return found


def _blanked(value: Any, text: str | None) -> Any:
    return None if text is not None and isinstance(value, str) and value.strip() == text else value


def title_year(title: Any) -> int | None:
    """The request year a workbook's title names (its first four digits before the colon), None when none."""
    match = _TITLE.search(title) if isinstance(title, str) else None
    return int(match.group(1)) if match else None


def title_region(title: Any) -> str | None:
    """The region a workbook's title names (after the colon), None when none."""
    match = _TITLE.search(title) if isinstance(title, str) else None
    return match.group(2).strip() or None if match else None


__all__ = ["known_versions", "template_texts", "title_region", "title_year", "without_template_texts"]
