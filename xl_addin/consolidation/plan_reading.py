"""The supply plan's inputs of a received workbook, as the one streaming reader reads them (issue 22).

Read by name, through the workbook contract, with the products sheet's names
(:data:`xl_addin.consolidation.reading.PRODUCT_NAMES` holds :data:`PLAN_INPUTS`): only the three
input tables on «Поставки» (``in_ship_*``, ``in_lot_*``, ``in_use_*``), the settings ``in_plan_*``
on «План поставок», the request year ``xl_addin_year`` on «Титул» and ``in_buffer_months`` —
never the hidden calculation sheet «План (расчёт)», whose cached values are not trusted.  The same
bounds and refusals hold as for every named cell (the names must point where the template puts
them; a name moved is an error row and its cells count as blank).

Dates: a number in a cell with a date format arrives as the date the cell shows
(``number_formats.shown_value``: a ``date``, or a ``datetime`` with a time of day); a number in a
cell without one arrives as the number, which the model counts as an Excel serial day, as the
sheet does (docs/interpretation.md, P4: «число в ячейке даты — дата»).  A time of day alone (a
number below 1) or a duration is no date for the model either: an input error row.  Text stays
text (``"15.05.2007"`` is an input error, as on the sheet).
"""

from __future__ import annotations

from typing import Any

from xl_addin.request.plan_layout import INPUT_NAMES, SETTINGS, TABLE_COLUMNS, TABLES, YEAR_NAME

#: The names of the plan's inputs the reading reads (the products sheet's ``in_buffer_months`` is read already).
PLAN_INPUTS: tuple[str, ...] = (YEAR_NAME, *INPUT_NAMES)
#: The names of the input tables' columns (120 cells each) and of the one-cell settings.
TABLE_NAMES = frozenset(column.name for column in TABLE_COLUMNS)
SETTING_NAMES = frozenset(setting.name for setting in SETTINGS)


def plan_inputs(values: dict[str, list[Any]]) -> dict[str, Any]:
    """The inputs of ``plan_model.evaluate_plan`` from the read cells (name → its cells' values): a table's
    column as its list of cells down to the table's last filled line (the blank lines after it are no lines: the
    model need not go through them), a setting, the year and the buffer as their one cell.

    >>> found = plan_inputs({"in_ship_code": ["A06", None, None], "in_ship_units": [None, 5, None],
    ...                      "in_plan_start": [39083], "xl_addin_year": [2007], "in_buffer_months": [3]})
    >>> found["in_ship_code"], found["in_ship_units"], found["in_ship_month"], found["in_plan_start"]
    (['A06', None], [None, 5], [None, None], 39083)
    >>> found["xl_addin_year"], found["in_lot_code"]
    (2007, [])
    """
    found: dict[str, Any] = {}
    for name in (*PLAN_INPUTS, "in_buffer_months"):
        if name not in TABLE_NAMES:
            cells = values.get(name)
            found[name] = cells[0] if cells else None
    for columns in TABLES.values():
        lists = [list(values.get(column.name) or []) for column in columns]
        filled = [index for cells in lists for index, value in enumerate(cells) if value is not None and value != ""]
        end = max(filled, default=-1) + 1
        for column, cells in zip(columns, lists, strict=True):
            found[column.name] = (cells + [None] * end)[:end]
    return found
