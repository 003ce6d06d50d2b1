"""«Товары» after issue 22: months of stock of the usable stock, the over-stock and no-need warning (model side;
the sheet is compared with this model by LibreOffice in tests/workbook/test_products_sheet.py).

Every expected value is worked by hand in the comments.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from xl_addin.request.products_model import evaluate_products, stock_position

DRUG = "АРВ: компонент 2 — НИОТ, производные тимидина, первый ряд"
IMMUNOBLOT = "Иммунный блот: исследований"
VOLUMES = {"out_immunoblot_volume": 7200}


def _row(**cells: Any) -> dict[str, Any]:
    # 730 tablets a kit × 10 kits = 7 300 a year, 60 a pack
    return {"in_product_code": "A06", "in_product_covers": DRUG, "in_product_units_per_pack": 60,
            "in_product_units_per_kit": 730, "in_product_kits_requested": 10, **cells}  # fmt: skip


@pytest.mark.parametrize(
    ("row", "months"),
    [
        # the note's Ex. 2: 6 000 tests, N 7 200 (600 a month): 10,0 months of all the stock, but with 1 800
        # expiring only 4 200 / 600 = 7,0 are usable
        ({"in_product_covers": IMMUNOBLOT, "in_product_units_per_pack": 20, "in_product_stock": 6000,
          "in_product_expiring": 1800}, Decimal("7.0")),
        ({"in_product_covers": IMMUNOBLOT, "in_product_units_per_pack": 20, "in_product_stock": 6000},
         Decimal("10.0")),
        (_row(in_product_stock=100, in_product_expiring=300), Decimal("0.0")),  # more expiring than stock: 0
        (_row(in_product_stock=1825, in_product_expiring=1), Decimal("2.9")),  # 1 824 × 12 / 7 300 = 2,998 → 2,9
        (_row(in_product_stock=1825, in_product_pipeline=5475), Decimal("3.0")),  # the pipeline is not on the shelf
    ],
)  # fmt: skip
def test_months_of_stock_count_the_usable_stock(row: dict[str, Any], months: Decimal) -> None:
    values = evaluate_products([row], VOLUMES, {}, buffer=3)
    assert values.rows[0].months_of_stock == months


@pytest.mark.parametrize(
    ("rows", "buffer", "sentence"),
    [
        # the note's ex5: 21 900 + 600 = 22 500 > (3 + 12) × 7 300 / 12 = 9 125 (and a pack of 60 more); the order is 0
        ([_row(in_product_stock=21900, in_product_pipeline=600)], 3,
         "Запас выше максимума (15 мес.) на упаковку и более или без потребности: строк 1 (строка 21: годный остаток "
         "и в пути 22500 ед., потребность 7300 в год)"),
        ([_row(in_product_stock=9125)], 3, "OK"),  # exactly 15 months: at the maximum, not above
        # 9 184 × 12 = 110 208 < 109 500 + 12 × 60 = 110 220: 59 over, less than a pack (as the plan's months)
        ([_row(in_product_stock=9184)], 3, "OK"),
        # 9 185 × 12 = 110 220: a whole pack over the maximum
        ([_row(in_product_stock=9185)], 3,
         "Запас выше максимума (15 мес.) на упаковку и более или без потребности: строк 1 (строка 21: годный остаток "
         "и в пути 9185 ед., потребность 7300 в год)"),
        # 9 186 of which 1 expire: 9 185 usable, a pack over
        ([_row(in_product_stock=9186, in_product_expiring=1)], 3,
         "Запас выше максимума (15 мес.) на упаковку и более или без потребности: строк 1 (строка 21: годный остаток "
         "и в пути 9185 ед., потребность 7300 в год)"),
        # … and 2 of them expire: 9 184 usable, less than a pack over
        ([_row(in_product_stock=9186, in_product_expiring=2)], 3, "OK"),
        # no buffer: the maximum is 12 months, 7 300 + 60 = 7 360 a pack above it; the second row is the first one's twin
        ([{}, _row(in_product_stock=7360), _row(in_product_stock=7360)], None,
         "Запас выше максимума (12 мес.) на упаковку и более или без потребности: строк 2 (строка 22: годный остаток "
         "и в пути 7360 ед., потребность 7300 в год)"),
        ([_row(in_product_stock=7359)], None, "OK"),  # 59 over 12 months: less than a pack
        # no need (0 kits): 5 tablets lie without need
        ([_row(in_product_kits_requested=0, in_product_stock=5)], 3,
         "Запас выше максимума (15 мес.) на упаковку и более или без потребности: строк 1 (строка 21: годный остаток "
         "и в пути 5 ед., потребность 0 в год)"),
        ([_row(in_product_kits_requested=0, in_product_stock=5, in_product_expiring=5)], 3, "OK"),  # all expiring
        ([_row(in_product_kits_requested=0)], 3, "OK"),  # nothing, and no need
        ([_row(in_product_stock=99999)], "три", "OK"),  # a wrong buffer: no order, no maximum (chk_product_inputs)
        ([_row(in_product_stock=99999, in_product_units_per_pack=0)], 3, "OK"),  # an invalid row: #N/A
    ],
)  # fmt: skip
def test_stock_above_the_maximum_or_without_need(rows: list[dict[str, Any]], buffer: Any, sentence: str) -> None:
    assert evaluate_products(rows, VOLUMES, {}, buffer=buffer).checks["chk_product_stock_level"] == sentence


def test_stock_level_in_english() -> None:
    row = _row(in_product_covers="ARV: component 2 — thymidine NRTI, first line", in_product_stock=21900)
    assert evaluate_products([row], VOLUMES, {}, buffer=3, lang="en").checks["chk_product_stock_level"] == (
        "Stock above the maximum (15 months) by a pack or more, or without need: rows 1 (row 21: usable stock and "
        "pipeline 21900 units, need 7300 a year)"
    )


@pytest.mark.parametrize(
    ("cells", "position"),
    [({}, 0), ({"in_product_stock": 100, "in_product_expiring": 30, "in_product_pipeline": 5}, 75),
     ({"in_product_stock": 10, "in_product_expiring": 30, "in_product_pipeline": 5}, 5)],
)  # fmt: skip
def test_stock_position(cells: dict[str, Any], position: int) -> None:
    assert stock_position(cells) == position
