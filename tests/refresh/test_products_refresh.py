"""`refresh` adds up the regions' products sheets (issue 10): national_products.csv and the sheet «Товары».

Five regions, each workbook generated and filled through its names:
- Московская область, Томская область, Тульская область: valid product lists, worked out by hand below;
  D-01 is ordered in packs of 96 by two of them and in packs of 48 by the third (a warning row, two
  table rows); Томская область gives no price for its drug (its cost is not taken as 0);
- Пермский край: a workbook without the products sheet (as version 3 was): it contributes no products;
- Алтайский край: four bad product cells (text, negative, a fraction of a unit, an unknown funding source),
  each its own error row; its products stay out of the table, its letter results stay in the totals.
In Московская область every «Упаковок к закупке» cell was typed over with 999: each is an error row, and the
packs are recomputed.
The table is then compared with the same workbooks recalculated by LibreOffice: the national packs and
costs equal the sums of the regions' own.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

import xl_addin
from tests.workbook.filling import fill, product_columns, read_name
from tests.workbook.input_sets import _zeros
from tests.workbook.libreoffice import recalculate
from xl_addin.api import region_list
from xl_addin.consolidation.check_one import check_workbook
from xl_addin.consolidation.products import evaluate_file
from xl_addin.consolidation.reading import ProductCells, read_workbook
from xl_addin.request import model
from xl_addin.request.products_layout import PRODUCT_ROWS
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.writer import Region, WorkbookWriter, write_workbook

ELISA, HBV_QUAL = "ИФА: исследований", "Гепатит B, ПЦР качественный: исследований"
PI_FIRST = "АРВ: компонент 1 — ИП, первый ряд"
FEDERAL, REGIONAL, OTHER = "федеральный бюджет", "региональный бюджет", "другое"
ELISA_96, ELISA_48 = "ИФА ВИЧ 1/2, 96 тестов", "ИФА ВИЧ 1/2, 48 тестов"
LPV = "Лопинавир/ритонавир 200/50 мг, 120 таб."
HBV_PCR = "ПЦР ВГВ качественный, 48 тестов"


def _inputs(planned_screenings: int, hbv_newly_registered: int = 0, kits: int = 0) -> dict[str, Any]:
    """Valid letter inputs (zeros but these); the kits of PI and of the first line both ``kits``."""
    return _zeros() | {
        "in_planned_screenings": planned_screenings, "in_hbv_newly_registered": hbv_newly_registered,
        "in_kits_pi": kits, "in_kits_first_line": kits,
    }  # fmt: skip


def _row(code: str, name: str, covers: str, pack: Any, **cells: Any) -> dict[str, Any]:
    return {"in_product_code": code, "in_product_name": name, "in_product_covers": covers,
            "in_product_units_per_pack": pack} | {f"in_product_{key}": value for key, value in cells.items()}  # fmt: skip


#: file → (region, letter inputs, product rows, buffer months); None rows: a workbook without the products sheet.
WORKBOOKS: dict[str, tuple[str, dict[str, Any], list[dict[str, Any]] | None, Any]] = {
    # ELISA volume 1000 × 1,2 = 1200; HBV qualitative PCR = 100 newly registered; 10 kits of PI, first line
    "a_moscow.xlsx": ("Московская область", _inputs(1000, 100, 10), [
        # 1200 − 300 in stock − 0 in the pipeline = 900; 900 / 96 = 9,375 → 10 packs; 10 × 5 000 = 50 000,00
        _row("D-01", ELISA_96, ELISA, 96, price=5000, stock=300, pipeline=0, funding=FEDERAL),
        # 100 / 48 = 2,08… → 3 packs; 3 × 12 345,67 = 37 037,01
        _row("H-01", HBV_PCR, HBV_QUAL, 48, price=12345.67, stock=0, funding=REGIONAL),
        # 10 kits × 730 = 7 300 tablets; 7 300 / 120 = 60,83… → 61 packs; 61 × 1 234,56 = 75 308,16
        _row("A-01", LPV, PI_FIRST, 120, units_per_kit=730, kits_requested=10, price=1234.56, funding=FEDERAL),
    ], None),
    # ELISA volume 500 × 1,2 = 600; 5 kits
    "b_tomsk.xlsx": ("Томская область", _inputs(500, 0, 5), [
        # 600 − 0 − 96 in the pipeline = 504; 504 / 96 = 5,25 → 6 packs; 6 × 5 000 = 30 000,00
        _row("D-01", ELISA_96, ELISA, 96, price=5000, pipeline=96, funding=REGIONAL),
        # 5 × 730 = 3 650; usable stock 250 − 10 expiring = 240; 3 650 − 240 = 3 410; / 120 = 28,4… → 29 packs; no price
        _row("A-01", LPV, PI_FIRST, 120, units_per_kit=730, kits_requested=5, stock=250, expiring=10),
    ], None),
    # ELISA volume 200 × 1,2 = 240; a buffer of 3 months: 240 × 15 / 12 = 300; 300 / 48 = 6,25 → 7 packs;
    # 7 × 2 600 = 18 200,00
    "c_tula.xlsx": ("Тульская область", _inputs(200), [
        _row("D-01", ELISA_48, ELISA, 48, price=2600, funding=OTHER),
    ], 3),
    "d_perm.xlsx": ("Пермский край", _inputs(300), None, None),
    "e_altai.xlsx": ("Алтайский край", _inputs(100), [
        _row("D-01", ELISA_96, ELISA, 96, stock="сто"),
        _row("D-01", ELISA_96, ELISA, 96, pipeline=-5),
        _row("A-01", LPV, PI_FIRST, 2.5, units_per_kit=730),
        _row("H-01", HBV_PCR, HBV_QUAL, 48, funding="спонсор"),
    ], None),
}  # fmt: skip

HEADER = ["Код", "Наименование", "Единиц в упаковке", "Число упаковок к закупке", "Единиц всего", "Стоимость, руб.",
          "Регионов", "Примечание"]  # fmt: skip
SIZES = "у кода разные размеры упаковки (48, 96): строка на каждый размер"
PRODUCT_ROWS_EXPECTED = [
    # 61 (Москва) + 29 (Томск), 90 × 120 = 10 800 tablets; the cost only Москва's: Томск gave no price
    ["A-01", LPV, "120", "90", "10800", "75308,16", "2",
     "цена не указана у 1 рег. (Томская область): их 29 упак. в стоимость не вошли"],
    ["D-01", ELISA_48, "48", "7", "336", "18200,00", "1", SIZES],  # Тула; 7 × 48 = 336 tests
    ["D-01", ELISA_96, "96", "16", "1536", "80000,00", "2", SIZES],  # 10 + 6, × 96 = 1 536; 50 000,00 + 30 000,00
    ["H-01", HBV_PCR, "48", "3", "144", "37037,01", "1", ""],  # 3 × 48
]  # fmt: skip
BUDGET_EXPECTED = [
    # 50 000,00 + 37 037,01 + 75 308,16 + 30 000,00 + 18 200,00
    ["out_cost_total", "Стоимость заявки, всего, руб.", "", "", "", "210545,17", "3", "строк без цены: 1 (в сумму не вошли)"],
    ["out_cost_hiv_diagnostics", "из неё диагностика ВИЧ", "", "", "", "98200,00", "3", ""],  # 50 000 + 30 000 + 18 200
    ["out_cost_hepatitis_diagnostics", "диагностика гепатитов", "", "", "", "37037,01", "1", ""],
    ["out_cost_arv", "АРВ-препараты", "", "", "", "75308,16", "2", "строк без цены: 1 (в сумму не вошли)"],
    ["out_cost_federal", "за счёт: федеральный бюджет", "", "", "", "125308,16", "1", ""],  # 50 000 + 75 308,16
    ["out_cost_regional", "за счёт: региональный бюджет", "", "", "", "67037,01", "2", ""],  # 37 037,01 + 30 000
    ["out_cost_other", "за счёт: другое", "", "", "", "18200,00", "1", ""],
    # Томск's drug: no source and no price: blank, not 0 (125 308,16 + 67 037,01 + 18 200,00 = 210 545,17)
    ["funding_not_given", "за счёт: источник не указан", "", "", "", "", "1", "строк без цены: 1 (в сумму не вошли)"],
    # issue 20: every region of the totals whose products are not in the table, with why; Алтай's 5 error rows of
    # its products sheet in problems.csv: its 4 bad cells and its failed chk_product_shares
    ["Регионов в сводке товаров", "", "", "", "", "", "3",
     "в итоге сводки, но без товаров (2): Алтайский край (e_altai.xlsx): ошибки в ячейках листа «Товары» "
     "(строк-ошибок листа «Товары» в problems.csv: 5); Пермский край (d_perm.xlsx): в книге нет листа «Товары» "
     "(книга прежней версии шаблона)"],
]  # fmt: skip
SIZE_WARNING = [
    "a_moscow.xlsx; b_tomsk.xlsx; c_tula.xlsx", "", "", "in_product_units_per_pack",
    "48: Тульская область (c_tula.xlsx); 96: Московская область (a_moscow.xlsx), Томская область (b_tomsk.xlsx)",
    "товар «D-01»: у регионов разный размер упаковки (48, 96 ед.); в сводке товаров — отдельная строка на каждый "
    "размер, упаковки разных размеров не складываются", "предупреждение",
]  # fmt: skip


@functools.cache
def _template() -> Workbook:
    """A workbook with the products sheet, as generated: where its names put each cell."""
    return WorkbookWriter(Region("—"), products=True).build()


def _cell(name: str, row: int = 0) -> str:
    """The cell of ``name`` (of its ``row``-th cell, counted from 0) where the template puts it."""
    return named_cells(_template(), name)[row].coordinate


def _bad_cells() -> list[list[str]]:
    """Алтай's four bad cells (its rows 1–4 of the table): what is there, and what is wrong, exactly."""
    return [
        ["e_altai.xlsx", "Товары", _cell("in_product_stock", 0), "in_product_stock", "сто",
         "in_product_stock = «сто»: текст, а нужно число", "ошибка"],
        ["e_altai.xlsx", "Товары", _cell("in_product_pipeline", 1), "in_product_pipeline", "-5",
         "in_product_pipeline = -5: отрицательное число недопустимо", "ошибка"],
        ["e_altai.xlsx", "Товары", _cell("in_product_units_per_pack", 2), "in_product_units_per_pack", "2.5",
         "in_product_units_per_pack = 2,5: нужно целое число (количество не бывает дробным)", "ошибка"],
        ["e_altai.xlsx", "Товары", _cell("in_product_funding", 3), "in_product_funding", "спонсор",
         "in_product_funding = «спонсор»: нет в списке источников финансирования (федеральный бюджет, "
         "региональный бюджет, другое)", "ошибка"],
    ]  # fmt: skip


BAD_NAMES = ["in_product_stock", "in_product_pipeline", "in_product_units_per_pack", "in_product_funding"]
PRODUCT_NAMES = ("in_product_", "out_product_", "in_buffer_months", "chk_product_", "set_deviation_threshold")


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as national.csv
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("products-refresh")
    made, received = work / "made", work / "received"
    made.mkdir()
    received.mkdir()
    regions = region_list([region for region, _, _, _ in WORKBOOKS.values()])
    for (file, (_, inputs, rows, buffer)), region in zip(WORKBOOKS.items(), regions, strict=True):
        blank = work / f"blank-{file}"
        write_workbook(blank, region, products=rows is not None)
        cells = inputs if rows is None else inputs | product_columns(rows) | {"in_buffer_months": buffer}
        fill(blank, made / file, cells)
        shutil.copy(made / file, received / file)
    typed_over = received / "a_moscow.xlsx"  # a region typed its own numbers over the packs: not read
    fill(made / "a_moscow.xlsx", typed_over, {"out_product_packs": [999] * PRODUCT_ROWS})
    result = xl_addin.refresh(received, out=work / "out", regions=regions, jobs=2)
    return {"result": result, "out": work / "out", "made": made, "work": work}


def test_national_products_csv_holds_the_hand_worked_sums(refreshed: dict[str, Any]) -> None:
    rows = _read_csv(refreshed["out"] / "national_products.csv")
    assert rows == [HEADER, *PRODUCT_ROWS_EXPECTED, *BUDGET_EXPECTED]
    assert [title for title in HEADER if "упаковок" in title] == ["Число упаковок к закупке"]


def test_the_products_frame_of_the_api_is_the_csv(refreshed: dict[str, Any]) -> None:
    frame = refreshed["result"].products
    assert [list(frame.columns), *frame.values.tolist()] == [HEADER, *PRODUCT_ROWS_EXPECTED, *BUDGET_EXPECTED]


def test_the_sheet_of_national_xlsx_equals_the_csv(refreshed: dict[str, Any]) -> None:
    sheet = load_workbook(refreshed["out"] / "national.xlsx")["Товары"]

    def shown(value: Any, column: int) -> str:
        if column == 5 and isinstance(value, (int, float)):  # a cost: a number here, roubles with a comma in the CSV
            return f"{Decimal(repr(value)):.2f}".replace(".", ",")
        return "" if value is None else str(value)

    found = [[shown(cell.value, column) for column, cell in enumerate(row)] for row in sheet.iter_rows()]
    in_csv = _read_csv(refreshed["out"] / "national_products.csv")
    budget = [row[0] for row in in_csv if row[0].startswith("out_cost_") or row[0] == "funding_not_given"]
    assert len(budget) == 8  # total, 3 sections, 3 sources and "not given": keyed in the CSV (a machine's column)
    # the sheet a person reads shows the budget rows by their Russian labels only: no technical key
    assert found == [["", *row[1:]] if row[0] in budget else row for row in in_csv]
    assert sheet["F2"].number_format == "#,##0.00" and sheet["F2"].value == 75308.16
    assert sheet["A1"].font.b and sheet["A6"].font.b and not sheet["A2"].font.b  # header, budget; a product


def test_one_code_in_two_pack_sizes_is_a_warning_row_at_the_end(refreshed: dict[str, Any]) -> None:
    rows = _read_csv(refreshed["out"] / "problems.csv")
    assert rows[-1] == SIZE_WARNING
    assert sum(row[3] == "in_product_units_per_pack" and row[6] == "предупреждение" for row in rows) == 1


@pytest.mark.parametrize("index", range(len(BAD_NAMES)), ids=BAD_NAMES)
def test_a_bad_product_cell_is_its_own_error_row(refreshed: dict[str, Any], index: int) -> None:
    assert _bad_cells()[index] in _read_csv(refreshed["out"] / "problems.csv")


def test_every_product_row_of_problems_csv(refreshed: dict[str, Any]) -> None:
    rows = [row for row in _read_csv(refreshed["out"] / "problems.csv")[1:] if row[3].startswith(PRODUCT_NAMES)]
    assert rows == [
        # Москва typed 999 over every «Упаковок к закупке»: each cell an error row (the packs are recomputed)
        *(["a_moscow.xlsx", "Товары", _cell("out_product_packs", row), "out_product_packs", "999",
           "формула результата заменена значением; в сводку товаров взят пересчёт по строкам", "ошибка"]
          for row in range(PRODUCT_ROWS)),
        # Москва: HBV quantitative PCR (100 newly registered + 2 × 0 treated = 100) has no product
        ["a_moscow.xlsx", "Товары", _cell("chk_product_uncovered"), "chk_product_uncovered",
         "Объёмов без товара: 1 (первый: «Гепатит B, ПЦР количественный: исследований», 100)",
         "предупреждение, нужен комментарий: Для каждого объёма диагностики есть товар", "предупреждение"],
        *_bad_cells(),
        # Алтай: its ELISA and HBV rows are all invalid, so no valid share covers either volume (as its own sheet says)
        ["e_altai.xlsx", "Товары", _cell("chk_product_shares"), "chk_product_shares",
         "Доли не дают 100 %: объёмов 2 (первый: «ИФА: исследований», 0 %)",
         "проверка не пройдена: Доли товаров, покрывающих один объём, в сумме 100 %", "ошибка"],
        SIZE_WARNING,
    ]  # fmt: skip


def test_products_leave_the_letters_totals_alone(refreshed: dict[str, Any]) -> None:
    header, *rows = _read_csv(refreshed["out"] / "national.csv")
    in_totals = {row[0]: row[header.index("В итоге")] for row in rows[:-2]}
    # Алтай's bad product cells keep its products out of the products table, not its letter results out of the totals
    assert in_totals == {"Алтайский край": "да", "Московская область": "да", "Пермский край": "да",
                         "Тульская область": "да", "Томская область": "да"}  # fmt: skip
    assert refreshed["result"].exit_code == 1  # Алтай's product errors (and the letter's failed checks)


def _model_lines(path: Path) -> list[tuple[str, int, int, Decimal | None]]:
    reading = read_workbook(path)
    found = evaluate_file(reading, model.evaluate(reading.inputs, reading.published_2006, lang=reading.lang))
    return [] if found is None else [(line.code, line.units_per_pack, line.packs, line.cost) for line in found.lines]


def test_a_workbook_without_the_products_sheet_contributes_nothing(refreshed: dict[str, Any]) -> None:
    reading = read_workbook(refreshed["made"] / "d_perm.xlsx")
    assert reading.products is None and not any(name.startswith("in_product_") for name in reading.locations)
    assert evaluate_file(reading, model.evaluate(reading.inputs)) is None
    problems = _read_csv(refreshed["out"] / "problems.csv")
    assert not [row for row in problems if row[0] == "d_perm.xlsx" and row[3].startswith(PRODUCT_NAMES)]
    # its letter results are in the totals: the products table says why its products are not (issue 20)
    note = _read_csv(refreshed["out"] / "national_products.csv")[-1][7]
    assert "Пермский край (d_perm.xlsx): в книге нет листа «Товары» (книга прежней версии шаблона)" in note


def test_the_rows_the_regions_note_cites_are_in_problems_csv(refreshed: dict[str, Any]) -> None:
    note = _read_csv(refreshed["out"] / "national_products.csv")[-1][7]
    problems = _read_csv(refreshed["out"] / "problems.csv")[1:]
    cited = re.findall(r"\(([^()]+\.xlsx)\): [^;]*строк-ошибок листа «Товары» в problems\.csv: (\d+)", note)
    assert cited == [("e_altai.xlsx", "5")]
    found = [row for row in problems if row[0] == "e_altai.xlsx" and row[1] == "Товары" and row[6] == "ошибка"]
    assert len(found) == 5


def test_the_typed_over_packs_are_recomputed(refreshed: dict[str, Any]) -> None:
    received = refreshed["out"].parent / "received" / "a_moscow.xlsx"
    assert read_name(load_workbook(received), "out_product_packs")[:3] == [999, 999, 999]
    assert _model_lines(received) == [("D-01", 96, 10, Decimal("50000.00")), ("H-01", 48, 3, Decimal("37037.01")),
                                      ("A-01", 120, 61, Decimal("75308.16"))]  # fmt: skip


def test_national_packs_and_costs_are_the_sums_of_the_regions_recalculated_by_libreoffice(
    refreshed: dict[str, Any],
) -> None:
    """The included regions recalculated by a real spreadsheet engine: their rows added up by (code, pack) and
    their own totals added up by name give the national table."""
    files = [refreshed["made"] / name for name in ("a_moscow.xlsx", "b_tomsk.xlsx", "c_tula.xlsx")]
    packs: dict[tuple[str, int], int] = defaultdict(int)
    costs: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    budget: dict[str, Decimal] = defaultdict(Decimal)
    for path in recalculate(files, refreshed["work"]):
        book = load_workbook(path, data_only=True)
        columns = {name: read_name(book, name) for name in ("in_product_code", "in_product_units_per_pack",
                                                            "out_product_packs", "out_product_cost")}  # fmt: skip
        for code, size, count, cost in zip(*columns.values(), strict=True):
            if code is not None:
                packs[code, size] += count
                costs[code, size] += Decimal(repr(cost)) if isinstance(cost, (int, float)) else Decimal(0)
        for name in ("out_cost_total", "out_cost_hiv_diagnostics", "out_cost_hepatitis_diagnostics", "out_cost_arv",
                     "out_cost_federal", "out_cost_regional", "out_cost_other"):  # fmt: skip
            budget[name] += Decimal(repr(read_name(book, name)))
    table = _read_csv(refreshed["out"] / "national_products.csv")
    national = {(row[0], int(row[2])): (int(row[3]), Decimal(row[5].replace(",", "."))) for row in table[1:5]}
    assert national == {key: (packs[key], costs[key].quantize(Decimal("0.01"))) for key in packs}
    by_name = {row[0]: Decimal(row[5].replace(",", ".")) for row in table[5:12]}
    assert by_name == {name: value.quantize(Decimal("0.01")) for name, value in budget.items()}


def test_xl_addin_check_lists_the_same_product_rows(refreshed: dict[str, Any]) -> None:
    found = check_workbook(refreshed["made"] / "e_altai.xlsx")
    products = [(f.name, f.label, f.severity.value, f.text) for f in found.findings if f.name.startswith(PRODUCT_NAMES)]
    assert products == [
        *((row[3], f"Товары!{row[2]}", "ошибка", row[5]) for row in _bad_cells()),
        ("chk_product_shares", "Доли товаров, покрывающих один объём, в сумме 100 %", "ошибка",
         "Доли не дают 100 %: объёмов 2 (первый: «ИФА: исследований», 0 %)"),
    ]  # fmt: skip


def test_a_result_typed_over_or_cleared_in_a_blank_table_is_an_error_row(tmp_path: Path) -> None:
    # the table is blank (calamine need not read «Товары» for its inputs): the typed value is read all the same
    blank = tmp_path / "blank.xlsx"
    write_workbook(blank, Region("Томская область"))
    book = load_workbook(blank)
    need, cost = named_cells(book, "out_product_need")[0], named_cells(book, "out_product_cost")[1]
    need.value, cost.value = 5, None  # a number over the first need; the second cost's formula deleted
    book.save(tmp_path / "typed.xlsx")
    problems = [(p.sheet, p.cell, p.name, p.value, p.problem) for p in read_workbook(tmp_path / "typed.xlsx").problems
                + (read_workbook(tmp_path / "typed.xlsx").products or ProductCells({})).problems]  # fmt: skip
    message = "формула результата заменена значением; в сводку товаров взят пересчёт по строкам"
    assert [row for row in problems if row[2].startswith("out_product_")] == [
        ("Товары", need.coordinate, "out_product_need", "5", message),
        ("Товары", cost.coordinate, "out_product_cost", "пусто", message),
    ]
    assert read_workbook(blank).products is not None and not read_workbook(blank).products.problems  # as generated
