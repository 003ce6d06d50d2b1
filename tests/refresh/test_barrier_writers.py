"""Issue 19, §1: the national writers are safe for any value that reaches them — numbers no table can hold,
texts with characters XML cannot hold — injected straight into the rows, as no workbook may ever give them.
"""

from __future__ import annotations

import functools
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook

from tests.refresh.test_refresh_cli import _read_csv
from xl_addin.consolidation import national, national_book, national_products
from xl_addin.consolidation.national import RegionRow
from xl_addin.consolidation.national_products import ProductsTable
from xl_addin.consolidation.table_cells import OUT_OF_RANGE, UNSHOWN

ELISA = "out_elisa_volume"
ELISA_TITLE = "ИФА: исследований"

# value injected → what national.csv shows (national.xlsx: the same, a number as a number)
VALUES: list[tuple[Any, str]] = [
    (float("inf"), OUT_OF_RANGE),
    (float("-inf"), OUT_OF_RANGE),
    (float("nan"), OUT_OF_RANGE),
    (10**400, OUT_OF_RANGE),  # past a float: openpyxl's OverflowError before
    (10**15, OUT_OF_RANGE),  # Excel's 15 digits
    (10**15 - 1, "999999999999999"),
    (1.7e308, OUT_OF_RANGE),
    (Decimal("Infinity"), OUT_OF_RANGE),
    (Decimal("NaN"), OUT_OF_RANGE),
    (Decimal("12.5"), "12,5"),  # a decimal comma: Russian Excel reads it as a number
    (Fraction(10**400, 3), OUT_OF_RANGE),
    (Fraction(1, 4), "0,25"),
    (2j, UNSHOWN),
    (object(), UNSHOWN),
]


def _rows(value: Any, region: str = "Алтай") -> list[RegionRow]:
    return [
        RegionRow.of(region, "a.xlsx", "OK", True, {ELISA: value}, 300),
        RegionRow.of("Тыва", "b.xlsx", "OK", True, {ELISA: 1200}, 400),
    ]


def _well_formed(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist() if name.endswith((".xml", ".rels"))}
    for data in parts.values():
        fromstring(data)
    return "".join(data.decode("utf-8") for data in parts.values())


@pytest.mark.parametrize(("value", "shown"), VALUES, ids=[repr(value)[:20] for value, _ in VALUES])
def test_any_value_is_written_by_both_writers(tmp_path: Path, value: Any, shown: str) -> None:
    rows = _rows(value)
    national_book.write_national_xlsx(tmp_path / "national.xlsx", rows)
    national.write_national_csv(tmp_path / "national.csv", rows)
    table = _read_csv(tmp_path / "national.csv")
    column = table[0].index(ELISA_TITLE)
    assert table[1][column] == shown
    _well_formed(tmp_path / "national.xlsx")
    sheet = load_workbook(tmp_path / "national.xlsx")["Регионы"]
    cell = sheet.cell(3, column + 1).value  # below the groups' row and the headers
    assert (str(cell).replace(".", ",") if isinstance(cell, float) else str(cell)) == shown  # xlsx holds the number


@pytest.mark.parametrize(
    ("text", "in_xlsx", "in_csv"),
    [
        ("Коми\x01", "Коми_x0001_", "Коми\ufffd"),
        ("a\x1fb\x0bc", "a_x001F_b_x000B_c", "a\ufffdb\ufffdc"),
        ("a_x0041_b", "a_x005F_x0041_b", "a_x0041_b"),  # a literal _xHHHH_ round-trips in Excel
        ("a\ud800b", "a_xD800_b", "a\ufffdb"),  # a lone surrogate (a reader's _xD800_)
        ("строка\nещё", "строка\nещё", "строка\nещё"),  # a line break is a character XML and CSV hold
    ],
)
def test_texts_are_escaped_in_xlsx_and_cleaned_in_csv(tmp_path: Path, text: str, in_xlsx: str, in_csv: str) -> None:
    rows = _rows(1200, region=text)
    national_book.write_national_xlsx(tmp_path / "national.xlsx", rows)
    national.write_national_csv(tmp_path / "national.csv", rows)
    assert _read_csv(tmp_path / "national.csv")[1][0] == in_csv
    _well_formed(tmp_path / "national.xlsx")
    shown = {cell.value for row in load_workbook(tmp_path / "national.xlsx")["Регионы"].iter_rows() for cell in row}
    assert in_xlsx in shown


def test_a_text_longer_than_a_cell_is_cut(tmp_path: Path) -> None:
    national_book.write_national_xlsx(tmp_path / "national.xlsx", _rows(1, region="я" * 40000))
    (cell,) = [c.value for c in load_workbook(tmp_path / "national.xlsx")["Регионы"]["A"] if str(c.value)[:1] == "я"]
    assert len(cell) == 32767 and cell.endswith("…")


def test_the_totals_of_absurd_values_are_written(tmp_path: Path) -> None:
    rows = [RegionRow.of(name, f"{name}.xlsx", "OK", True, {ELISA: 10**308}, 1) for name in ("А", "Б")]
    national_book.write_national_xlsx(tmp_path / "national.xlsx", rows)  # the chart ranks them too
    national.write_national_csv(tmp_path / "national.csv", rows)
    table = _read_csv(tmp_path / "national.csv")
    assert table[-2][table[0].index(ELISA_TITLE)] == OUT_OF_RANGE


@pytest.mark.parametrize(
    ("cost", "in_csv"),
    [(Decimal("Infinity"), OUT_OF_RANGE), (Decimal(10**20), OUT_OF_RANGE), (Decimal("160061.12"), "160061,12")],
)
def test_the_products_writers_take_any_cost_and_any_name(tmp_path: Path, cost: Decimal, in_csv: str) -> None:
    products = ProductsTable(
        [list(national_products.HEADER), ["D-01\x02", "ИФА\x01", 96, 10**400, 10**402, cost, 1, "_x0041_"]],
        frozenset({0}),
        [],
    )
    national_products.write_products_csv(tmp_path / "products.csv", products)
    national_book.write_national_xlsx(
        tmp_path / "national.xlsx", _rows(1), sheets=[functools.partial(national_products.add_sheet, products=products)]
    )
    assert _read_csv(tmp_path / "products.csv")[1] == ["D-01\ufffd", "ИФА\ufffd", "96", OUT_OF_RANGE, OUT_OF_RANGE,
                                                       in_csv, "1", "_x0041_"]  # fmt: skip
    xml = _well_formed(tmp_path / "national.xlsx")
    assert "D-01_x0002_" in xml and "ИФА_x0001_" in xml and "_x005F_x0041_" in xml


def test_the_products_spool_keeps_any_text() -> None:
    from xl_addin.consolidation.products import FileProducts, ProductLine

    line = ProductLine("D\ud800", "ИФА\x01", 96, 10, None, "hiv", "out_cost_federal")
    with national_products.ProductsSpool() as spool:
        spool.add("a\udcc0.xlsx", "Коми\ud801", FileProducts(lines=(line,)))
        ((file, region, _, lines),) = spool.files()
    assert (file, region, lines[0].code, lines[0].name) == ("a\udcc0.xlsx", "Коми\ud801", "D\ud800", "ИФА\x01")
