"""Native workbooks recalculated by LibreOffice give exactly the core's results and checks.

60+ input sets (random, every tier boundary, float-noise traps, bad input) are
typed into copies of one generated workbook through its names, recalculated in
a single headless soffice call, and every ``out_`` and ``chk_`` is compared
with ``xl_addin.request.model`` (the core).
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill, random_inputs, read_name
from tests.workbook.input_sets import BAD_SETS, BOUNDARY_SETS, REGION, same
from tests.workbook.libreoffice import recalculate
from xl_addin.request import model
from xl_addin.workbook.writer import write_workbook


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Any]]:
    work = tmp_path_factory.mktemp("native")
    template = work / "template.xlsx"
    write_workbook(template, REGION)
    rng = random.Random(20071020)
    sets = {**BOUNDARY_SETS, **BAD_SETS}
    sets.update({f"random-{i:02d}": random_inputs(rng) for i in range(30)})
    sets.update({f"small-{i:02d}": random_inputs(rng, largest=12) for i in range(5)})
    assert len(sets) >= 50
    files = []
    for label, inputs in sets.items():
        files.append(work / f"{label}.xlsx")
        fill(template, files[-1], inputs)
    outputs = recalculate(files, work)
    return {
        label: (inputs, load_workbook(path, data_only=True))
        for (label, inputs), path in zip(sets.items(), outputs, strict=True)
    }


def test_every_result_and_check_equals_the_core(recalculated: dict[str, tuple[dict[str, Any], Any]]) -> None:
    differences = []
    for label, (inputs, book) in recalculated.items():
        for name, expected in model.evaluate(inputs, REGION.published_2006).items():
            found = read_name(book, name)
            if not same(found, expected):
                differences.append(f"{label}: {name} = {found!r}, core: {expected!r}")
    assert differences == []


@pytest.mark.parametrize("label", list(BAD_SETS))
def test_bad_input_turns_checks_red_and_results_into_errors(
    recalculated: dict[str, tuple[dict[str, Any], Any]], label: str
) -> None:
    _, book = recalculated[label]
    assert read_name(book, "chk_all") != "OK"
    assert str(read_name(book, "chk_results_numeric")).startswith("Не вычислено результатов: ")
    if label not in ("p24-contradiction",):
        assert str(read_name(book, "chk_inputs")).startswith("Не заполнено или неверно полей: ")


def test_hand_worked_values_in_the_recalculated_workbook(recalculated: dict[str, tuple[dict[str, Any], Any]]) -> None:
    # independent of the model: values worked out by hand from the letter
    assert read_name(recalculated["elisa-1000"][1], "out_elisa_volume") == 1200  # 1000 × 1,2
    assert read_name(recalculated["immune-status-float-trap"][1], "out_immune_status_volume") == 165  # (100 + 50) × 1,1
    assert read_name(recalculated["pmtct-float-trap"][1], "out_pmtct_full_course") == 32  # 45 × 0,7 = 31,5 → 32
    assert read_name(recalculated["vl-default-5001"][1], "out_viral_load_volume") == 23005  # 20004 × 1,15 = 23004,6
    assert read_name(recalculated["plan-by-month"][1], "out_annual_kits_needed") == 73  # 100 + 24 × 23/24 − 50
    assert read_name(recalculated["coverage-edges"][1], "chk_art_coverage") == "OK"  # 130 = 13 % of 1000
    assert read_name(recalculated["vl-examined-too-few"][1], "chk_vl_examined") == (
        "Получающих и начинающих АРТ и наблюдаемых (25) больше, чем обследуемых для E вирусной нагрузки (24)"
    )  # 10 + 5 + 10 = 25 > 24
    assert read_name(recalculated["vl-examined-exactly"][1], "chk_vl_examined") == "OK"  # 25 ≤ 25
    assert read_name(recalculated["all-zero"][1], "chk_vl_examined") == "OK"  # blank: E defaults to B + C + D
    assert read_name(recalculated["all-zero"][1], "chk_all") != "OK"  # no kits at all is a problem (line share)
