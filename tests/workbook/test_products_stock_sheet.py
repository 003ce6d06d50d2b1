"""«Товары»'s over-stock warning (``chk_product_stock_level``) in LibreOffice: above the maximum by a whole pack or
more, as the plan's months (decision P4), and the same sentence as the model.

Zidovudine, 730 tablets a kit × 10 kits = 7 300 a year, 60 a pack, buffer 3 months: the maximum is
(3 + 12) × 7 300 / 12 = 9 125 tablets, a pack over it 9 185 (9 185 × 12 = 110 220 = 15 × 7 300 + 12 × 60).
"""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill, product_columns, read_name
from tests.workbook.input_sets import _zeros
from tests.workbook.libreoffice import recalculate
from xl_addin.request import model
from xl_addin.request.products_layout import TARGETS, Section
from xl_addin.request.products_model import evaluate_products
from xl_addin.workbook.writer import Region, write_workbook

REGION = Region("Московская область")
DRUG = next(target.ru for target in TARGETS if target.section is Section.ARV)
ZEROS = _zeros()


def _row(code: str, **cells: Any) -> dict[str, Any]:
    return {"in_product_code": code, "in_product_covers": DRUG, "in_product_units_per_pack": 60,
            "in_product_units_per_kit": 730, "in_product_kits_requested": 10, **cells}  # fmt: skip


OVER = "Запас выше максимума (15 мес.) на упаковку и более или без потребности: строк {count} (строка {row}: годный "
CASES = {
    # 59 tablets over the maximum: less than a pack
    "under_a_pack": ([_row("A06", in_product_stock=9184)], "OK"),
    # the first row 59 over, the second a pack over: the second is named
    "a_pack": ([_row("A06", in_product_stock=9184), _row("A07", in_product_stock=9125, in_product_pipeline=60)],
               OVER.format(count=1, row=22) + "остаток и в пути 9185 ед., потребность 7300 в год)"),
    # no need (0 kits), 5 tablets: they lie without need, whatever the pack
    "no_need": ([_row("A06", in_product_kits_requested=0, in_product_stock=5)],
                OVER.format(count=1, row=21) + "остаток и в пути 5 ед., потребность 0 в год)"),
}  # fmt: skip


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("stock")
    template = work / "template.xlsx"
    write_workbook(template, REGION)
    files = []
    for name, (rows, _) in CASES.items():
        files.append(work / f"{name}.xlsx")
        fill(template, files[-1], ZEROS | product_columns(rows) | {"in_buffer_months": 3})
    return {
        name: load_workbook(path, data_only=True) for name, path in zip(CASES, recalculate(files, work), strict=True)
    }


@pytest.mark.parametrize("case", list(CASES))
def test_over_stock_by_a_pack_in_the_sheet_and_the_model(recalculated: dict[str, Any], case: str) -> None:
    rows, sentence = CASES[case]
    assert read_name(recalculated[case], "chk_product_stock_level") == sentence
    assert evaluate_products(rows, model.evaluate(ZEROS), ZEROS, buffer=3).checks["chk_product_stock_level"] == sentence
