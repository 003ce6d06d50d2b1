"""The products consolidation piece by piece: bad cells as the sheet judges them, names out of place, the table's rules.

No refresh run here: workbooks are read one by one, or the table is built from lines given by hand.
"""

from __future__ import annotations

import functools
import random
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.refresh.xml_edit import edit_part, move_name
from tests.workbook.filling import fill, product_columns
from tests.workbook.input_sets import _zeros
from xl_addin.consolidation import national_book, national_products, table_cells
from xl_addin.consolidation.national import RegionRow
from xl_addin.consolidation.national_products import ProductsSpool, consolidate, csv_rows
from xl_addin.consolidation.products import MSG_NO_CODE, FileProducts, ProductLine, evaluate_file
from xl_addin.consolidation.reading import (
    MISPLACED,
    PRODUCT_INPUTS,
    THRESHOLD,
    Location,
    ProductCells,
    WorkbookReading,
    product_places,
    read_workbook,
)
from xl_addin.request import model
from xl_addin.request.products_layout import FUNDING, INPUT_COLUMNS, PRODUCT_ROWS, TARGETS
from xl_addin.request.products_model import FIRST_ROW, evaluate_products
from xl_addin.workbook.writer import Region, WorkbookWriter, write_workbook

ELISA = "ИФА: исследований"
INPUTS = _zeros() | {"in_planned_screenings": 1000}  # ELISA volume 1000 × 1,2 = 1200


def _reading(rows: list[dict[str, Any]], buffer: Any = None, threshold: Any = 0.25) -> WorkbookReading:
    """A reading of a workbook whose products sheet holds ``rows`` (no cell places: the rows name none)."""
    cells = ProductCells(product_columns(rows) | {"in_buffer_months": [buffer], THRESHOLD: [threshold]})
    return WorkbookReading("Алтай", None, INPUTS, {}, products=cells)


def _random_rows(rng: random.Random) -> list[dict[str, Any]]:
    """Rows with every kind of bad cell, blanks and unknown choices (as tests/workbook/test_products_sheet.py)."""
    rows = []
    for _ in range(rng.randint(0, 15)):
        row: dict[str, Any] = {"in_product_code": rng.choice([f"P{rng.randint(1, 9)}", None]),
                               "in_product_covers": rng.choice([t.ru for t in TARGETS]),
                               "in_product_units_per_pack": rng.choice([None, 1, 20, 96])}  # fmt: skip
        for name in ("in_product_units_per_kit", "in_product_kits_requested", "in_product_stock",
                     "in_product_expiring", "in_product_pipeline", "in_product_last_year"):  # fmt: skip
            row[name] = rng.choice([None, 0, rng.randint(0, 3000)])
        row["in_product_share"] = rng.choice([None, 50, 100, 33.3])
        row["in_product_price"] = rng.choice([None, 99.99, 0.1])
        row["in_product_funding"] = rng.choice([None, *(f[1] for f in FUNDING), "ФЕДЕРАЛЬНЫЙ БЮДЖЕТ"])
        if rng.random() < 0.3:
            name, bad = rng.choice([("in_product_stock", "сто"), ("in_product_pipeline", -5), ("in_product_share", 0),
                                    ("in_product_units_per_pack", 2.5), ("in_product_covers", "что-то"),
                                    ("in_product_share", 150), ("in_product_funding", "спонсор"),
                                    ("in_product_price", -1), ("in_product_kits_requested", True)])  # fmt: skip
            row[name] = bad
        if rng.random() < 0.1:
            row["in_product_covers"] = None  # filled, but covering nothing
        rows.append(row)
    rows += [{}] * rng.randint(0, 3)  # empty rows are skipped
    rng.shuffle(rows)
    return rows


def test_the_rows_with_error_rows_are_exactly_the_rows_the_sheet_finds_bad() -> None:
    """The sheet's chk_product_inputs (the model) counts a row bad exactly when the consolidation gives it a cell error
    row; a missing code is the consolidation's own error on top (the sheet computes such a row)."""
    rng = random.Random(2007)
    bad_seen = 0
    for _ in range(300):
        rows = _random_rows(rng)
        reading = _reading(rows)
        reading.locations = {column.name: [Location("Товары", f"{column.name}:{index}") for index in range(PRODUCT_ROWS)]
                             for column in INPUT_COLUMNS}  # fmt: skip
        found = evaluate_file(reading, model.evaluate(INPUTS))
        sheet = evaluate_products(rows + [{}] * (PRODUCT_ROWS - len(rows)), model.evaluate(INPUTS), INPUTS)
        assert found is not None
        cells = [problem for problem in found.problems if problem.name.startswith("in_product_")]
        blamed = {int(problem.cell.split(":")[1]) for problem in cells if not problem.problem.endswith(MSG_NO_CODE)}
        no_code = {int(problem.cell.split(":")[1]) for problem in cells if problem.problem.endswith(MSG_NO_CODE)}
        assert blamed == {index for index, row in enumerate(sheet.rows) if row.bad}
        assert no_code == {
            index for index, row in enumerate(rows) if row.get("in_product_covers") and not row.get("in_product_code")
        }
        computed = [row for row in sheet.rows if row.valid]
        assert (found.left_out == "") == (not cells and all(isinstance(row.packs, int) for row in computed))
        if not found.left_out:
            assert [line.packs for line in found.lines] == [row.packs for row in computed]
        bad_seen += len(blamed)
    assert bad_seen > 50  # the bad cells were there


@pytest.mark.parametrize(
    ("row", "name", "message"),
    [
        ({"in_product_code": "X", "in_product_stock": 5}, "in_product_covers",
         "in_product_covers = пусто: строка товара заполнена, а «Что покрывает» не выбрано — строка не считается"),
        ({"in_product_code": "X", "in_product_covers": "что-то", "in_product_units_per_pack": 1}, "in_product_covers",
         "in_product_covers = «что-то»: нет в списке «Что покрывает» (выберите из списка)"),
        ({"in_product_code": "X", "in_product_covers": ELISA}, "in_product_units_per_pack",
         "in_product_units_per_pack = пусто: не указано, сколько единиц в упаковке: нужно целое число больше 0"),
        ({"in_product_covers": ELISA, "in_product_units_per_pack": 96}, "in_product_code",
         "in_product_code = пусто: нет кода товара, а сводка товаров складывает строки по коду"),
        ({"in_product_code": "X", "in_product_covers": ELISA, "in_product_units_per_pack": 96,
          "in_product_share": 150}, "in_product_share",
         "in_product_share = 150: доля объёма — процент больше 0 и не больше 100 (пусто — 100 %)"),
        ({"in_product_code": "X", "in_product_covers": ELISA, "in_product_units_per_pack": 0}, "in_product_units_per_pack",
         "in_product_units_per_pack = 0: нужно целое число больше 0"),
        ({"in_product_code": "X", "in_product_covers": ELISA, "in_product_units_per_pack": 96,
          "in_product_kits_requested": 1.5}, "in_product_kits_requested",
         "in_product_kits_requested = 1,5: нужно целое число (количество не бывает дробным)"),
    ],
)  # fmt: skip
def test_each_kind_of_bad_row_has_its_sentence(row: dict[str, Any], name: str, message: str) -> None:
    found = evaluate_file(_reading([{}, row]), model.evaluate(INPUTS))
    assert found is not None and found.left_out == "ошибки в ячейках листа товаров (problems.csv)"
    assert [(p.name, p.problem, p.severity.value) for p in found.problems if not p.name.startswith("chk_")] == [
        (name, message, "ошибка")
    ]


def test_a_bad_buffer_and_a_bad_threshold() -> None:
    rows = [{"in_product_code": "D", "in_product_covers": ELISA, "in_product_units_per_pack": 96}]
    found = evaluate_file(_reading(rows, buffer=-1, threshold="много"), model.evaluate(INPUTS))
    assert found is not None
    assert [(p.name, p.problem, p.severity.value) for p in found.problems] == [
        ("in_buffer_months", "in_buffer_months = -1: отрицательное число недопустимо", "ошибка"),
        (THRESHOLD, "set_deviation_threshold = «много»: порог отклонения — число ≥ 0 (доля: 0,25 = 25 %); "
                    "проверка отклонения от расхода не выполнена", "предупреждение"),
    ]  # fmt: skip
    assert found.lines == () and found.left_out  # with a bad buffer no row's packs are known


def test_blank_buffer_stock_and_funding_and_a_number_as_code() -> None:
    # 1200 tests, nothing in stock or on the way, no buffer: 1200 / 96 = 12,5 → 13 packs; no price: no cost
    rows = [{"in_product_code": 4601.0, "in_product_name": " ИФА ", "in_product_covers": "ифа: ИССЛЕДОВАНИЙ",
             "in_product_units_per_pack": 96.0, "in_product_funding": "Федеральный бюджет"}]  # fmt: skip
    found = evaluate_file(_reading(rows), model.evaluate(INPUTS))
    assert found is not None and found.problems == [] and found.left_out == ""
    assert found.lines == (ProductLine("4601", "ИФА", 96, 13, None, "hiv", "out_cost_federal"),)


def _where(name: str) -> str:
    """Where the generator puts ``name`` in either language, as the error row says it."""
    return " или ".join(sorted(f"'{sheet}'!{cells}" for sheet, cells in product_places()[name]))


def _made(tmp_path: Path) -> Path:
    blank = tmp_path / "blank.xlsx"
    write_workbook(blank, Region("Алтайский край"), products=True)
    filled = tmp_path / "filled.xlsx"
    row = {"in_product_code": "D-01", "in_product_covers": ELISA, "in_product_units_per_pack": 96}
    fill(blank, filled, INPUTS | {column.name: [row.get(column.name)] + [None] * (PRODUCT_ROWS - 1)
                                  for column in INPUT_COLUMNS})  # fmt: skip
    return filled


def test_a_product_name_moved_far_is_one_error_row_and_its_products_stay_out(tmp_path: Path) -> None:
    filled = _made(tmp_path)
    assert evaluate_file(read_workbook(filled), model.evaluate(INPUTS)) is not None
    moved = tmp_path / "moved.xlsx"
    edit_part(filled, moved, "xl/workbook.xml", move_name("in_product_stock", "'Товары'!$A$1:$XFD$1048576"))
    started = time.perf_counter()
    reading = read_workbook(moved)
    found = evaluate_file(reading, model.evaluate(reading.inputs))
    assert time.perf_counter() - started < 5  # the name's claimed 17 billion cells are never visited
    assert reading.problems == [] and found is not None  # the letter's inputs are untouched
    (problem,) = found.problems
    assert (problem.sheet, problem.cell, problem.name) == ("Товары", "A1:XFD1048576", "in_product_stock")
    assert problem.problem.startswith(f"{MISPLACED} ({_where('in_product_stock')}): значение не прочитано")
    assert found.left_out and found.lines == (ProductLine("D-01", "", 96, 13, None, "hiv", ""),)


def test_a_product_name_deleted_is_an_error_row(tmp_path: Path) -> None:
    filled, deleted = _made(tmp_path), tmp_path / "deleted.xlsx"

    def delete(root: Any) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.get("name") == "in_product_price":
                    parent.remove(child)

    edit_part(filled, deleted, "xl/workbook.xml", delete)
    found = evaluate_file(read_workbook(deleted), model.evaluate(INPUTS))
    assert found is not None and [p.name for p in found.problems] == ["in_product_price"]
    assert found.problems[0].problem.startswith(f"в книге нет имени in_product_price ({_where('in_product_price')}): ")
    assert found.left_out


def test_only_the_product_columns_mark_a_workbook_as_having_products() -> None:
    assert PRODUCT_INPUTS[-1] == "in_buffer_months" and len(PRODUCT_INPUTS) == len(INPUT_COLUMNS) + 1
    from xl_addin.workbook.products_formulas import THRESHOLD_NAME

    assert THRESHOLD == THRESHOLD_NAME


def _table(files: dict[str, tuple[str, FileProducts | None]], out: frozenset[str] = frozenset()) -> list[list[Any]]:
    rows = [RegionRow.of(region, file, "OK", file not in out, {}, None) for file, (region, _) in files.items()]
    with ProductsSpool() as spool:
        for file, (region, products) in files.items():
            spool.add(file, region, products)
        return csv_rows(consolidate(spool, rows))


def _line(code: str, size: int, packs: int, cost: str | None, funding: str = "") -> ProductLine:
    return ProductLine(code, f"товар {code}", size, packs, None if cost is None else Decimal(cost), "arv", funding)


def test_codes_differing_in_case_are_one_product_and_no_price_is_no_cost() -> None:
    rows = _table({
        "a.xlsx": ("Алтай", FileProducts(lines=(_line("ab-1", 10, 2, None), _line("=1+1", 5, 1, "0.10")))),
        "b.xlsx": ("Бурятия", FileProducts(lines=(_line("AB-1", 10, 3, None),))),
        "c.xlsx": ("Дагестан", FileProducts(lines=(_line("AB-1", 10, 4, "1.00"),))),  # not in the totals
    }, out=frozenset({"c.xlsx"}))  # fmt: skip
    assert rows[1:3] == [
        ["=1+1", "товар =1+1", 5, 1, 5, "0,10", 1, ""],
        # 2 + 3 packs, the first spelling of the code and its name; Дагестан's 4 are out
        [
            "ab-1",
            "товар ab-1",
            10,
            5,
            50,  # 5 packs × 10
            None,
            2,
            "цена не указана: стоимость не посчитана; наименований у регионов: 2, показано первое",
        ],
    ]
    assert rows[-1] == ["Регионов в сводке товаров", None, None, None, None, None, 2,
                        # no error row of it in problems.csv here: none cited (issue 20)
                        "Вне итога сводки (1): Дагестан (c.xlsx): регион не вошёл в итог сводки"]  # fmt: skip
    assert table_cells.csv_text(rows[1:2]).startswith("'=1+1;")  # formula-safe, as national.csv


def test_without_any_products_the_budget_is_blank_not_zero() -> None:
    rows = _table({"a.xlsx": ("Алтай", None), "b.xlsx": ("Бурятия", FileProducts())})
    assert rows[0][0] == "Код" and rows[1][0] == "out_cost_total"
    assert [row[5] for row in rows[1:-1]] == [None] * 8
    assert rows[1][7] == "товаров в сводке нет" and rows[-1][6] == 0


def test_a_bucket_with_no_line_is_zero_and_the_sheet_matches(tmp_path: Path) -> None:
    lines = (_line("X", 1, 7, "700.00", "out_cost_other"),)
    files = {"a.xlsx": ("Алтай", FileProducts(lines=lines))}
    rows = _table(files)
    budget = {row[0]: row[5] for row in rows[2:]}
    assert budget["out_cost_total"] == budget["out_cost_arv"] == budget["out_cost_other"] == "700,00"
    assert budget["out_cost_hiv_diagnostics"] == budget["out_cost_federal"] == "0,00"  # nothing ordered there
    assert budget["funding_not_given"] == "0,00"
    path = tmp_path / "national.xlsx"
    with ProductsSpool() as spool:
        spool.add("a.xlsx", "Алтай", files["a.xlsx"][1])
        table = consolidate(spool, [RegionRow.of("Алтай", "a.xlsx", "OK", True, {}, None)])
    national_book.write_national_xlsx(path, [], sheets=[functools.partial(national_products.add_sheet, products=table)])
    sheet = load_workbook(path)[national_products.SHEET]
    assert [cell.value for cell in sheet[2]][:6] == ["X", "товар X", 1, 7, 7, 700]  # 7 packs of 1 unit: 7 units
    assert sheet["F2"].number_format == "#,##0.00"
    assert FIRST_ROW == 21  # the sheet's first product row, which the LEFT_OUT_PACKS rows count from


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_without_the_products_sheet_the_letters_names_are_where_they_are_with_it(lang: str) -> None:
    """The places are taken from workbooks with the products sheet; a workbook without it is read by the same."""
    from xl_addin.consolidation import ooxml
    from xl_addin.consolidation.reading import NAMES, template_places

    book = WorkbookWriter(Region("—"), lang=lang, products=False).build()
    assert not any(name.startswith("in_product_") for name in book.defined_names)
    for name in NAMES:
        assert ooxml.split_reference(book.defined_names[name].attr_text) in template_places()[name], name


def test_an_english_workbook_is_read_by_its_own_choices() -> None:
    # ELISA 1200 tests, 200 in stock: 1000 / 100 = 10 packs; 10 × 9,99 = 99,90
    elisa, federal = TARGETS[0].en, FUNDING[0][2]
    row = {"in_product_code": "E", "in_product_covers": elisa, "in_product_units_per_pack": 100,
           "in_product_stock": 200, "in_product_price": 9.99, "in_product_funding": federal}  # fmt: skip
    reading = _reading([row])
    reading.lang = "en"
    found = evaluate_file(reading, model.evaluate(INPUTS, lang="en"))
    assert found is not None and found.problems == []
    assert found.lines == (ProductLine("E", "", 100, 10, Decimal("99.90"), "hiv", "out_cost_federal"),)
    reading.lang = "ru"  # the same English texts in a Russian workbook are not in its lists
    found = evaluate_file(reading, model.evaluate(INPUTS))
    assert found is not None and [p.name for p in found.problems] == [
        "in_product_covers", "in_product_funding", "chk_product_uncovered"  # and ELISA is left without a product
    ]  # fmt: skip
