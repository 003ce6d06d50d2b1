"""The committed blank templates (workbook_templates/) are what the generator writes today.

Compared by formulas, names, validations, notes, labels and protection — not bytes.
Regenerate after a layout change with ``xl-addin templates``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import REPO
from xl_addin.request.layout import INPUTS
from xl_addin.workbook.compare import differences, snapshot
from xl_addin.workbook.generate import TEMPLATES, write_templates
from xl_addin.workbook.names import named_cells


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    write_templates(out, contract_folder=out)  # the package's own contract is compared in tests/test_contract.py
    return out


@pytest.mark.parametrize("lang", list(TEMPLATES))
def test_committed_template_matches_the_generator(fresh: Path, lang: str) -> None:
    name, _ = TEMPLATES[lang]
    committed = REPO / "workbook_templates" / name
    assert committed.is_file(), f"{committed} is missing: run `xl-addin templates`"
    drift = differences(snapshot(load_workbook(committed)), snapshot(load_workbook(fresh / name)))
    assert drift == [], "run `xl-addin templates` and commit the result:\n" + "\n".join(drift[:20])


def test_the_comparison_notices_a_changed_formula(fresh: Path, tmp_path: Path) -> None:
    name, _ = TEMPLATES["ru"]
    book = load_workbook(fresh / name)
    book["Диагностика"]["B3"] = "=in_planned_screenings*1.2"  # typed over: no rounding up, no guard
    book.save(tmp_path / name)
    drift = differences(snapshot(load_workbook(fresh / name)), snapshot(load_workbook(tmp_path / name)))
    assert len(drift) == 1 and drift[0].startswith("Диагностика!B3 value: '=IF(AND(")


@pytest.mark.parametrize("lang", list(TEMPLATES))
def test_templates_are_blank_and_labelled_in_their_language(fresh: Path, lang: str) -> None:
    name, _ = TEMPLATES[lang]
    book = load_workbook(fresh / name)
    assert book.sheetnames == (
        [
            "Титул",
            "Ввод",
            "Диагностика",
            "АРВ",
            "Товары",
            "Поставки",
            "План поставок",
            "Проверки",
            "Справка",
            "Товары (расчёт)",
            "План (расчёт)",
        ]
        if lang == "ru"
        else [
            "Title",
            "Inputs",
            "Diagnostics",
            "ARV drugs",
            "Products",
            "Deliveries",
            "Supply plan",
            "Checks",
            "Reference",
            "Products (calculation)",
            "Plan (calculation)",
        ]
    )
    # the products sheet's and the plan's calculations: hidden and protected, never in a user's way
    for calculation in book.worksheets[-2:]:
        assert (calculation.sheet_state, calculation.protection.sheet) == ("hidden", True)
    inputs = book.worksheets[1]
    assert inputs["A2"].value == (
        "ВИЧ-инфекция (Прил. 1, разд. I–IX)" if lang == "ru" else "HIV infection (Appendix 1, sections I–IX)"
    )
    assert inputs["A3"].value == (
        "Лиц, запланированных к обследованию на ВИЧ в ИФА"
        if lang == "ru"
        else "Persons planned for HIV ELISA screening"
    )
    assert all(cell.value is None for field in INPUTS for cell in named_cells(book, field.name))
    assert book.worksheets[0]["A1"].value == (
        "Заявка на 2007 год: (название субъекта)" if lang == "ru" else "Request for 2007: (region name)"
    )
