"""refresh and check take the kit totals from the drug rows (decision P3), as the workbook does.

A region that types its drugs on «Товары» and leaves the «Ввод» kit totals blank has no
missing input, and its letter results are computed from the rows; the same workbook,
recalculated by LibreOffice, shows the same numbers.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill, product_columns, read_name
from tests.workbook.libreoffice import recalculate
from xl_addin.consolidation import run
from xl_addin.consolidation.check_one import check_workbook
from xl_addin.workbook.writer import Region, write_workbook

KIT_INPUTS = ("in_kits_pi", "in_kits_nnrti", "in_kits_component2", "in_kits_component3", "in_kits_first_line",
              "in_kits_reserve")  # fmt: skip


def _drug(covers: str, kits: int, units_per_kit: int, stock: int = 0, expiring: int = 0) -> dict[str, Any]:
    return {"in_product_code": covers[:12], "in_product_covers": f"АРВ: {covers}", "in_product_units_per_pack": 60,
            "in_product_units_per_kit": units_per_kit, "in_product_kits_requested": kits, "in_product_stock": stock,
            "in_product_expiring": expiring}  # fmt: skip


ROWS = [
    # shelf ⌊7300 / 3650⌋ = 2 kits, to buy 300 − 2 = 298
    _drug("компонент 1 — ИП, первый ряд", 300, 3650, stock=7300),
    # nothing on the shelf: to buy 400
    _drug("компонент 1 — ИП, резерв", 400, 1460),
    # usable 2190 − 730 expiring = 1460: shelf ⌊1460 / 730⌋ = 2, to buy 800 − 2 = 798
    _drug("компонент 1 — ННИОТ, первый ряд", 800, 730, stock=2190, expiring=730),
    _drug("компонент 2 — НИОТ, производные тимидина, первый ряд", 1600, 730),
    _drug("компонент 3 — НИОТ, не производные тимидина, первый ряд", 1500, 730),
]
EXPECTED = {
    "out_used_kits_pi": 698,  # 298 + 400
    "out_used_kits_nnrti": 798,
    "out_used_kits_component2": 1600,
    "out_used_kits_component3": 1500,
    "out_used_kits_first_line": 4196,  # 298 + 798 + 1600 + 1500
    "out_used_kits_reserve": 400,
    "out_used_reserve_kits_left": 4,  # component 1 on the shelf: 2 + 0 + 2
    "out_kits_treatable_min": 1496,  # 698 + 798 (Прил. 2 §2)
    "out_annual_kits_needed": 1096,  # 900 continuing + 400 starting × 0,5 − 4 left over
    "chk_kits_cover": "OK",  # 1096 ≤ 1496
    "chk_inputs": "OK",  # the blank «Ввод» kit totals are given by the rows
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("kits-from-rows")
    blank, inbox = work / "blank.xlsx", work / "in"
    inbox.mkdir()
    write_workbook(blank, Region("Томская область"))
    fill(blank, inbox / "tomsk.xlsx", clean_inputs(1000) | dict.fromkeys(KIT_INPUTS) | product_columns(ROWS))
    return inbox


def test_check_computes_the_letter_from_the_drug_rows(folder: Path) -> None:
    found = check_workbook(folder / "tomsk.xlsx")
    assert {name: found.values[name] for name in EXPECTED} == EXPECTED
    assert not [finding for finding in found.findings if finding.name in KIT_INPUTS]


def test_refresh_has_no_missing_kit_input_and_counts_the_region(folder: Path, tmp_path: Path) -> None:
    summary = run.refresh(folder, tmp_path / "out", [Region("Томская область")], jobs=1)
    assert summary.received == 1
    with (tmp_path / "out" / "problems.csv").open(encoding="utf-8-sig", newline="") as handle:
        problems = list(csv.reader(handle, delimiter=";"))[1:]
    assert [row for row in problems if row[3] in KIT_INPUTS] == []
    assert [row for row in problems if row[3] == "chk_kits_cover"] == []


def test_libreoffice_shows_the_same_numbers(folder: Path, tmp_path: Path) -> None:
    (recalculated,) = recalculate([folder / "tomsk.xlsx"], tmp_path)
    book = load_workbook(recalculated, data_only=True)
    assert {name: read_name(book, name) for name in EXPECTED} == EXPECTED
