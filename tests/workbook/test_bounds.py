"""The workbook's own validation takes the bound of docs/interpretation.md, R4: a whole number from 0 to 10⁹ in every
input cell, and in the product columns a count up to 10⁹, a pack size from 1 to 10⁹, a price up to 10⁹ roubles."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from xl_addin.request.products_layout import INPUT_COLUMNS, ColumnKind
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.products_formulas import LETTER
from xl_addin.workbook.texts import SHEETS
from xl_addin.workbook.writer import Region, write_workbook

#: Column kind → (type, operator, low, high) of the rule, by hand.
PRODUCT_RULES = {
    ColumnKind.COUNT: ("whole", "between", "0", "1000000000"),
    ColumnKind.POSITIVE: ("whole", "between", "1", "1000000000"),
    ColumnKind.MONEY: ("decimal", "between", "0", "1000000000"),
    ColumnKind.SHARE: ("decimal", "between", "0.0001", "100"),
}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_validation_has_the_upper_bound(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "book.xlsx"
    write_workbook(path, Region("Алтай"), lang=lang)
    book = load_workbook(path)
    (inputs,) = book[SHEETS[lang]["inputs"]].data_validations.dataValidation
    assert (inputs.type, inputs.operator, inputs.formula1, inputs.formula2) == ("whole", "between", "0", "1000000000")
    assert ("1 000 000 000" if lang == "ru" else "1,000,000,000") in str(inputs.error)
    cell = named_cells(book, "in_planned_screenings")[0]
    assert cell.coordinate in inputs.sqref
    rules = book[SHEETS[lang]["products"]].data_validations.dataValidation
    for column in INPUT_COLUMNS:
        if column.kind not in PRODUCT_RULES:
            continue
        (rule,) = [rule for rule in rules if str(rule.sqref).startswith(LETTER[column.name])]
        assert (rule.type, rule.operator, rule.formula1, rule.formula2) == PRODUCT_RULES[column.kind], column.name
