"""``xl-addin check FILE``: a region checks its own workbook before sending it, with the refresh's reading and checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill
from xl_addin import cli
from xl_addin.workbook.writer import Region, write_workbook


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "blank.xlsx"
    write_workbook(path, Region("Тульская область", "67", 626))
    return path


def _check(
    blank: Path, tmp_path: Path, inputs: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    filled = tmp_path / "filled.xlsx"
    fill(blank, filled, inputs)
    before = filled.read_bytes()
    code = cli.main(["check", str(filled)])
    assert filled.read_bytes() == before  # nothing is written
    return code, capsys.readouterr().out.splitlines()


def test_a_consistent_workbook_passes(blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _check(blank, tmp_path, clean_inputs(1000), capsys)
    assert code == 0
    assert lines[0] == "Субъект: Тульская область"
    assert lines[-1] == "Ошибок: 0, предупреждений и сведений: 2; chk_all = OK"  # the two information lines
    assert [line.split(":")[0] for line in lines[1:-1]] == ["сведения", "сведения"]


def test_a_contradiction_is_an_error_line_and_exit_1(
    blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 1500 planned > 900 continuing + 400 starting = 1300
    code, lines = _check(blank, tmp_path, clean_inputs(1000) | {"in_planned_on_art": 1500}, capsys)
    assert code == 1
    assert (
        "ошибка: chk_planned_on_art (Планируется лечить не больше, чем продолжающих и начинающих вместе): "
        "Планируется лечить (1500) больше, чем продолжающих и начинающих терапию вместе (1300)"
    ) in lines
    assert lines[-1] == "Ошибок: 1, предупреждений и сведений: 2; chk_all = 1"


def test_a_warning_alone_exits_0(blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # component 2 at most 1500 + 75 + 182 + 65 = 1822 < 2000 (the refresh tests work it out)
    code, lines = _check(blank, tmp_path, clean_inputs(1000) | {"in_kits_component2": 2000}, capsys)
    assert code == 0
    assert any(line.startswith("предупреждение: chk_component2_excess (") for line in lines)


def test_a_bad_cell_is_named_with_its_place(blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _check(blank, tmp_path, clean_inputs(1000) | {"in_on_art": "много"}, capsys)
    assert code == 1
    assert "ошибка: in_on_art (Ввод!D7): in_on_art = «много»: текст, а нужно число" in lines


def test_a_missing_or_broken_file_is_said_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(tmp_path / "нет.xlsx")]) == 2
    assert "книга не найдена" in capsys.readouterr().err
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    assert cli.main(["check", str(tmp_path / "broken.xlsx")]) == 1
    assert "не является zip-архивом" in capsys.readouterr().err
