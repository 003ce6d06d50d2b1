"""The columns of the Python API's DataFrames, derived from the workbook layout (one name per cell).

An input is its contract name without ``in_``; a range is one column per cell, suffixed
by the cell's header in the workbook of the default year (``hiv_examined_by_year_2001``
… ``_2005``, ``art_starts_by_month_1`` … ``_12``).  A result is its name without
``out_``; a two-cell result is ``_1`` and ``_2``.  pandas is imported by the callers only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from xl_addin.request.layout import DEFAULT_YEAR, INPUTS, RESULTS, InputField


def input_columns(field: InputField) -> list[str]:
    """The columns of one input.

    >>> from xl_addin.request.layout import INPUT_BY_NAME
    >>> input_columns(INPUT_BY_NAME["in_hiv_examined_by_year"])
    ['hiv_examined_by_year_2001', 'hiv_examined_by_year_2002', 'hiv_examined_by_year_2003', 'hiv_examined_by_year_2004', 'hiv_examined_by_year_2005']
    >>> input_columns(INPUT_BY_NAME["in_on_art"])
    ['on_art']
    """
    stem = field.name.removeprefix("in_")
    if field.cells == 1:
        return [stem]
    return [f"{stem}_{header}" for header in field.column_headers(DEFAULT_YEAR)]


def result_columns(name: str, cells: int) -> list[str]:
    """The columns of one result (or check).

    >>> result_columns("out_art_need_range", 2), result_columns("out_elisa_volume", 1)
    (['art_need_range_1', 'art_need_range_2'], ['elisa_volume'])
    """
    stem = name.removeprefix("out_")
    return [stem] if cells == 1 else [f"{stem}_{part}" for part in range(1, cells + 1)]


#: Every input column, in the layout's order.
INPUT_COLUMNS: tuple[str, ...] = tuple(column for field in INPUTS for column in input_columns(field))
#: Every result column, in the layout's order.
RESULT_COLUMNS: tuple[str, ...] = tuple(column for r in RESULTS for column in result_columns(r.name, r.cells))


def _blank(value: Any) -> Any:
    """pandas' missing values (NaN, None, NA, NaT) are a blank cell.

    >>> _blank(float("nan")), _blank(5.0)
    (None, 5.0)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas.NA and NaT, without importing pandas here
        return None
    return value


def inputs_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The ``in_`` inputs of one row of a frame (missing columns and NaN are blank cells).

    >>> inputs_of({"on_art": 100.0, "hiv_examined_by_year_2001": 5})["in_hiv_examined_by_year"]
    [5, None, None, None, None]
    """
    found: dict[str, Any] = {}
    for field in INPUTS:
        values = [_blank(row.get(column)) for column in input_columns(field)]
        found[field.name] = values[0] if field.cells == 1 else values
    return found


def row_of_inputs(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of a workbook's inputs (``in_`` name → cell value or list of cell values).

    >>> row_of_inputs({"in_on_art": 7})["on_art"], row_of_inputs({})["hiv_examined_by_year_2005"]
    (7, None)
    """
    row: dict[str, Any] = {}
    for field in INPUTS:
        raw = inputs.get(field.name)
        values = raw if isinstance(raw, (list, tuple)) else [raw] * field.cells
        row.update(zip(input_columns(field), values, strict=True))
    return row


def row_of_results(values: Mapping[str, Any]) -> dict[str, Any]:
    """The result columns of the core's values; a result the core refused is None (its reason is elsewhere).

    >>> row_of_results({"out_art_need_range": [130, 200]})["art_need_range_2"]
    200
    """
    row: dict[str, Any] = {}
    for result in RESULTS:
        value = values.get(result.name)
        cells = value if isinstance(value, list) else [value] * result.cells
        row.update(
            zip(
                result_columns(result.name, result.cells),
                (c if isinstance(c, int) else None for c in cells),
                strict=True,
            )
        )
    return row
