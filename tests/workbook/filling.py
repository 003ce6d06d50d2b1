"""Filling a generated workbook through its defined names, and reading names back."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from xl_addin.request.layout import INPUTS
from xl_addin.request.products_layout import INPUT_COLUMNS, PRODUCT_ROWS
from xl_addin.workbook.names import named_cells


def read_name(book: Workbook, name: str) -> Any:
    """A name's value: one cell's value, or the list of a range's values."""
    values = [cell.value for cell in named_cells(book, name)]
    return values[0] if len(values) == 1 else values


def product_columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Product rows as the products table's named columns (PRODUCT_ROWS cells each, the rest blank), for ``fill``."""
    padded = rows + [{}] * (PRODUCT_ROWS - len(rows))
    return {column.name: [row.get(column.name) for row in padded] for column in INPUT_COLUMNS}


def fill(template: Path, target: Path, inputs: dict[str, Any]) -> None:
    """Copy ``template`` to ``target`` with ``inputs`` (name → value or list of values) typed in."""
    book = load_workbook(template, keep_vba=template.suffix == ".xlsm")
    for name, value in inputs.items():
        cells = named_cells(book, name)
        values = value if isinstance(value, list) else [value]
        assert len(values) == len(cells), name
        for cell, cell_value in zip(cells, values, strict=True):
            cell.value = cell_value
    book.save(target)


def random_inputs(rng: random.Random, *, largest: int = 6000) -> dict[str, Any]:
    """A plausible, consistent set of inputs (optional ones sometimes left blank)."""
    values: dict[str, Any] = {}
    for field in INPUTS:
        if field.optional and rng.random() < 0.4:
            values[field.name] = None if field.cells == 1 else [None] * field.cells
            continue
        cells = [rng.randint(0, largest) for _ in range(field.cells)]
        values[field.name] = cells[0] if field.cells == 1 else cells
    values["in_ib_positive_or_indeterminate"] = rng.randint(0, values["in_elisa_positive_to_ib"])
    return values
