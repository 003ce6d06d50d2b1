"""`xl-addin generate`: files, names, validation, and never overwriting a user's inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill
from xl_addin import cli
from xl_addin.workbook.layout import CHECKS, INPUTS, RESULTS
from xl_addin.workbook.names import named_cells


def test_generate_writes_one_blank_workbook_per_region_of_the_2006_table(tmp_path: Path) -> None:
    assert cli.main(["generate", "--out", str(tmp_path)]) == 0
    files = sorted(path.name for path in tmp_path.iterdir())
    assert len(files) == 89  # 90 rows of the table minus "Без определенного места жительства"
    assert files[0] == "001_Республика Башкорстан.xlsx"
    assert files[72] == "073_г. Санкт-Петербург.xlsx"
    book = load_workbook(tmp_path / files[0])
    for field in INPUTS:  # every input blank, unlocked, whole-number validated
        cells = named_cells(book, field.name)
        assert len(cells) == field.cells
        assert all(cell.value is None and not cell.protection.locked for cell in cells), field.name
        validated = {str(r) for dv in book["Ввод"].data_validations.dataValidation for r in dv.sqref.ranges}
        assert all(any(cell.coordinate in rng or rng == cell.coordinate for rng in validated) for cell in cells)
    names = set(book.defined_names)
    assert {r.name for r in RESULTS} | {c.name for c in CHECKS} | {"chk_all", "xl_addin_template_version"} <= names


def test_generate_refuses_to_overwrite_filled_workbooks_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("название;код\nМуниципалитет А;1\nМуниципалитет Б;2\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions)]) == 0
    first = out / "001_Муниципалитет А.xlsx"
    fill(first, first, {"in_on_art": 77})
    before = first.read_bytes()
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions)]) == 1
    assert "001_Муниципалитет А.xlsx" in capsys.readouterr().err
    assert first.read_bytes() == before  # the user's input is not lost
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions), "--force"]) == 0
    assert named_cells(load_workbook(first), "in_on_art")[0].value is None


def test_a_blank_or_duplicated_region_name_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("Регион А\nРегион А\n", encoding="utf-8")
    assert cli.main(["generate", "--out", str(tmp_path / "out"), "--regions", str(regions)]) == 1
    assert capsys.readouterr().err == f"Ошибка: файл регионов {regions}, строка 2: название «Регион А» повторяется\n"
    assert not (tmp_path / "out").exists()
