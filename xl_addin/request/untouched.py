"""What a region types, and a workbook nobody has typed into: one rule for ``generate``, ``carry`` and ``refresh``.

A workbook is *untouched* when every cell a region types is blank (:func:`typed_names` finds none):

- every input of the letter (sheet «Ввод»: every ``in_*`` name of ``layout.INPUTS``), and
- on the products sheet («Товары»), every cell of the columns only the region fills
  (:data:`REGION_PRODUCT_COLUMNS`: annual kits requested, stock, expiring, in transit, last year's
  consumption, and the buffer stock in months), and
- any other ``in_*`` name a later template version adds (the supply plan's tables): a name the region types
  into unless it is one of the product list's columns (:data:`LIST_COLUMNS`).

The product list's columns (code, name, covers, share, units per pack and per annual kit, price, funding
source) are what ``xl-addin generate --products LIST.csv`` writes from the federal centre's list: a workbook
that holds them and nothing else is still untouched, whatever list, whichever template version and language
(docs/refresh-guide.md, «Незаполненная книга»).  Whether a result formula was typed over is the reader's to
tell (a value in a cell that should hold a formula): it makes a workbook filled too.

The rule works on plain values (name → a cell's value, or the list of a range's values), so the writer's
``generate`` (which reads a workbook with openpyxl) and the reader (:mod:`xl_addin.consolidation.untouched`)
ask the same question the same way.

>>> untouched({"in_on_art": None, "in_product_code": ["A1", None], "in_product_stock": [None, " "]})
True
>>> typed_names({"in_on_art": [None, 0], "in_product_name": ["Тест"], "in_plan_deliveries": ["", 5]})
['in_on_art', 'in_plan_deliveries']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from xl_addin.request.products_layout import INPUT_COLUMNS

#: The products sheet's columns (and setting) that only the region fills; the rest may come from the product list.
REGION_PRODUCT_COLUMNS = (
    "in_product_kits_requested",
    "in_product_stock",
    "in_product_expiring",
    "in_product_pipeline",
    "in_product_last_year",
    "in_buffer_months",
)
#: The product list's columns (``generate --products``): written by the federal centre, not typed by a region.
LIST_COLUMNS = frozenset(column.name for column in INPUT_COLUMNS) - frozenset(REGION_PRODUCT_COLUMNS)


def blank(value: Any) -> bool:
    """An empty cell (a text of spaces too).

    >>> [blank(value) for value in (None, "", "  ", 0, "0")]
    [True, True, True, False, False]
    """
    return value is None or (isinstance(value, str) and not value.strip())


def region_types(name: str) -> bool:
    """Whether ``name`` is one a region types into: an ``in_*`` name that is not a product list's column.

    >>> [region_types(name) for name in ("in_on_art", "in_product_stock", "in_product_code", "out_elisa_volume")]
    [True, True, False, False]
    """
    return name.startswith("in_") and name not in LIST_COLUMNS


def typed_names(values: Mapping[str, Any]) -> list[str]:
    """The names (in the order given) a region typed something into: ``values`` maps each name read to a cell's
    value or to the list of a range's values; names a region does not type into (:func:`region_types`) are ignored."""
    found = []
    for name, value in values.items():
        cells = value if isinstance(value, (list, tuple)) else (value,)
        if region_types(name) and not all(blank(cell) for cell in cells):
            found.append(name)
    return found


def untouched(values: Mapping[str, Any]) -> bool:
    """Whether nobody typed into any of the cells ``values`` holds (see the module)."""
    return not typed_names(values)


__all__ = ["LIST_COLUMNS", "REGION_PRODUCT_COLUMNS", "blank", "region_types", "typed_names", "untouched"]
