"""«Товары» names the month its stock was counted in (issue 22): the plan's first month, recalculated by LibreOffice.

The label reads ``in_plan_start`` (blank: January of ``xl_addin_year``); in a workbook without the plan's names, or
with a start that is not a date, it says the same without the month.  Where the plan's names are not in the
template yet, the test defines them on a sheet of its own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.defined_name import DefinedName

from tests.workbook.libreoffice import recalculate
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.products_formulas import COUNTED_CELL
from xl_addin.workbook.texts import SHEETS
from xl_addin.workbook.writer import Region, write_workbook

REGION = Region("Московская область")
RU = "Остаток, «Из него истекает» и «В пути» — на 1-е число месяца "
CASES: dict[str, tuple[str, Any, Any, str]] = {
    # label: (language, in_plan_start, xl_addin_year, the label's text)
    "october": ("ru", dt.datetime(2006, 10, 17), 2007, RU + "10.2006 (начало плана поставок)"),
    "blank": ("ru", None, 2007, RU + "01.2007 (начало плана поставок)"),
    "text": ("ru", "октябрь", 2007, RU + "начала плана поставок"),
    "english": ("en", dt.datetime(2007, 1, 31), 2007,
                "Stock, expiring and pipeline as of the 1st of 01.2007 (the supply plan's first month)"),
}  # fmt: skip


def _put(book: Any, name: str, value: Any, row: int) -> None:
    """Type ``value`` into ``name``'s cell, defining the name on a sheet of the test's when the template lacks it."""
    if name not in book.defined_names:
        sheet = book["plan"] if "plan" in book.sheetnames else book.create_sheet("plan")
        sheet.cell(row, 1, value)
        book.defined_names[name] = DefinedName(name, attr_text=f"plan!$A${row}")
        return
    cell = named_cells(book, name)[0]
    cell.parent.protection.sheet = False
    cell.value = value


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("counted")
    files = []
    for label, (lang, start, year, _) in CASES.items():
        template = work / f"template-{lang}.xlsx"
        if not template.exists():
            write_workbook(template, REGION, products=True, lang=lang)
        book = load_workbook(template)
        _put(book, "in_plan_start", start, 1)
        _put(book, "xl_addin_year", year, 2)
        files.append(work / f"{label}.xlsx")
        book.save(files[-1])
    bare = work / "bare.xlsx"  # the names of the plan absent (or undefined here): the label without the month
    write_workbook(bare, REGION, products=True)
    book = load_workbook(bare)
    for name in ("in_plan_start", "xl_addin_year"):
        if name in book.defined_names:
            del book.defined_names[name]
    book.save(bare)
    outputs = recalculate([*files, bare], work)
    return {path.stem: load_workbook(path, data_only=True) for path in outputs}


@pytest.mark.parametrize("label", list(CASES))
def test_the_label_names_the_month_of_the_count(recalculated: dict[str, Any], label: str) -> None:
    lang, _, _, text = CASES[label]
    assert recalculated[label][SHEETS[lang]["products"]][COUNTED_CELL].value == text


def test_without_the_plans_names_the_label_has_no_month(recalculated: dict[str, Any]) -> None:
    assert recalculated["bare"][SHEETS["ru"]["products"]][COUNTED_CELL].value == RU + "начала плана поставок"


def test_the_formula_uses_no_text_of_a_date(tmp_path: Path) -> None:
    # TEXT's format codes are localised in a Russian Excel ("ММ.ГГГГ"): the month is built from MONTH and YEAR
    path = tmp_path / "book.xlsx"
    write_workbook(path, REGION, products=True)
    formula = load_workbook(path)[SHEETS["ru"]["products"]][COUNTED_CELL].value
    assert "TEXT(" not in formula.upper() and "MONTH(in_plan_start)" in formula
