"""The command line on the machine's faults (issue 19, §4): a system error is one Russian line and exit code 2,
never a traceback or the system's English text; a path that is not UTF-8 is printed, not a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.refresh.test_refresh_cli import clean_inputs, generated
from tests.workbook.filling import fill
from xl_addin import cli


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["generate", "--out", "{file}/inside"], "xl-addin: часть пути — файл, а не папка: {file}/inside\n"),
        (["templates", "--out", "{file}"], "xl-addin: с этим именем уже есть файл или папка: {file}\n"),
        (["docs", "--out", "{file}/functions.md"], "xl-addin: с этим именем уже есть файл или папка: {file}\n"),
    ],
)
def test_a_system_error_is_one_russian_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], said: str
) -> None:
    file = tmp_path / "file"
    file.write_text("a file, not a folder")
    assert cli.main([argument.format(file=file) for argument in arguments]) == 2
    assert capsys.readouterr().err == said.format(file=file)
    assert file.read_text() == "a file, not a folder"


def test_a_refresh_into_a_folder_named_in_cp1251_prints_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    regions, blank = generated(tmp_path, ["Алтай"])
    folder = tmp_path / "in"
    folder.mkdir()
    fill(blank["Алтай"], folder / blank["Алтай"].name, clean_inputs(1000))
    out = Path(os.fsdecode(os.fsencode(tmp_path) + "/сводка".encode("cp1251")))  # a name the system keeps as bytes
    capsys.readouterr()
    assert cli.main(["refresh", str(folder), "--out", str(out), "--regions", str(regions), "--jobs", "1"]) == 0
    printed = capsys.readouterr().out
    assert f"сводка: {tmp_path}/сводка/national.xlsx" in printed  # decoded as cp1251 for the terminal
    assert (out / "national.xlsx").is_file()


def test_check_reads_a_workbook_named_in_cp1251(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, blank = generated(tmp_path, ["Алтай"])
    book = Path(os.fsdecode(os.fsencode(tmp_path) + "/Алтай.xlsx".encode("cp1251")))
    fill(blank["Алтай"], book, clean_inputs(1000))
    capsys.readouterr()
    assert cli.main(["check", str(book)]) in (0, 1)
    assert capsys.readouterr().out.startswith("Субъект: Алтай\n")
