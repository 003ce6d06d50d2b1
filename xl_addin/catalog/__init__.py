"""The catalogue: every Excel function of xl_addin, described once.

The xlwings functions (``xl_addin.udfs``), the command line and the function
reference in docs/ all read from :data:`FUNCTIONS`.
"""

from __future__ import annotations

from xl_addin.catalog import arv, hepatitis, hiv, products
from xl_addin.catalog.model import (
    EXCEL_CATEGORY,
    ArgKind,
    Argument,
    Example,
    ExcelFunction,
    Rounding,
)

#: Parts of the catalogue in the letter's order, with a title for the docs; the order's arithmetic comes last.
PARTS: tuple[tuple[str, tuple[ExcelFunction, ...]], ...] = (
    ("ВИЧ-инфекция (Приложение 1, разделы I–IX)", hiv.FUNCTIONS),
    ("Гепатиты B и C (Приложение 1)", hepatitis.FUNCTIONS),
    ("Антиретровирусные препараты (Приложение 2)", arv.FUNCTIONS),
    ("Заказ: упаковки, стоимость, запасы (не из письма)", products.FUNCTIONS),
)

#: Every Excel function by name, in the order of PARTS.
FUNCTIONS: dict[str, ExcelFunction] = {function.name: function for _, part in PARTS for function in part}

__all__ = [
    "EXCEL_CATEGORY",
    "FUNCTIONS",
    "PARTS",
    "ArgKind",
    "Argument",
    "Example",
    "ExcelFunction",
    "Rounding",
]
