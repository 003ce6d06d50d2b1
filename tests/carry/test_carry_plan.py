"""A version-5 workbook's supply plan carried (issue 21 «later the plan's tables», issue 22): every delivery, lot,
demand override and setting arrives as typed, a delivery's status in the target's language, and LibreOffice
recalculates the carried workbooks to the note's Example 3 (the values typed in tests/workbook/test_plan_sheet_examples.py
from docs' design note: A06 short 3 months from 07.2007, 1,790 units unmet, 3,650 left on 31 December)."""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import load_workbook

import xl_addin
from tests.workbook.filling import fill, read_name
from tests.workbook.libreoffice import recalculate
from tests.workbook.test_plan_sheet_examples import CASES, EXPECTED, REGION, _same
from xl_addin.request.plan_layout import RESULTS, TABLES
from xl_addin.request.plan_texts import ShipStatus
from xl_addin.workbook.writer import write_workbook

SETTINGS = ("in_plan_start", "in_plan_reorder_months", "in_plan_order_month", "in_plan_lead_months", "in_plan_product")
TABLE_NAMES = tuple(column.name for columns in TABLES.values() for column in columns)


@pytest.fixture(scope="module")
def carried(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("carry-plan")
    source = work / "sources" / "001_Тульская область.xlsx"
    source.parent.mkdir()
    write_workbook(source, REGION, lang="ru")
    fill(source, source, CASES["ex3"])
    results = {lang: xl_addin.carry(source, work / lang, jobs=1, lang=lang) for lang in ("ru", "en")}
    paths = [results[lang].written[0] for lang in ("ru", "en")]
    copies = [work / f"carried-{lang}.xlsx" for lang in ("ru", "en")]  # soffice needs distinct base names
    for path, copy in zip(paths, copies, strict=True):
        copy.write_bytes(path.read_bytes())
    computed = recalculate(copies, work)
    return {"source": load_workbook(source), "results": results} | {
        lang: (load_workbook(path), load_workbook(done, data_only=True))
        for lang, path, done in zip(("ru", "en"), paths, computed, strict=True)
    }


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_plan_value_arrives_as_typed(carried: dict[str, Any], lang: str) -> None:
    assert carried["results"][lang].exit_code == 0
    source, (target, _) = carried["source"], carried[lang]
    for name in (*TABLE_NAMES, *SETTINGS):
        typed = read_name(source, name)
        if name == "in_ship_status":  # «заявка», «в пути» → "request", "in transit" in English
            typed = [None if v is None else ShipStatus.from_text(v, "ru").label(lang) for v in typed]  # type: ignore[union-attr]
        assert read_name(target, name) == typed, name
    assert read_name(target, "in_ship_status")[2:4] == (
        ["заявка", "в пути"] if lang == "ru" else ["request", "in transit"]
    )  # the note's Example 3: A06's «заявка» 1,860 in 03.2007 and «в пути» 5,475 in 10.2007


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("row", list(EXPECTED["ex3"]))
def test_libreoffice_recalculates_the_carried_plan_to_the_notes_results(
    carried: dict[str, Any], lang: str, row: int
) -> None:
    _, computed = carried[lang]
    found = tuple(read_name(computed, column.name)[row] for column in RESULTS)
    expected = EXPECTED["ex3"][row]
    assert all(_same(f, e) for f, e in zip(found, expected, strict=True)), (found, expected)
