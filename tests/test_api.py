"""The Python API on real generated and filled folders, and the worked example of docs/python-api.md, executed."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import xl_addin
from tests.conftest import REPO
from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill
from xl_addin.errors import ArgumentError

REGIONS = ["Тульская область", "Калужская область", "Орловская область"]


def _fingerprint(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def campaigns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """заявки-2007 (three regions) and заявки-2008 (two of them, and a contradiction), as the docs' example reads them."""
    work = tmp_path_factory.mktemp("api")
    for year, regions, planned in ((2007, REGIONS, 1000), (2008, REGIONS[:2], 1500)):
        blank = work / f"blank-{year}"
        written = xl_addin.generate(blank, regions, year=year)
        assert [path.name for path in written] == sorted(path.name for path in blank.iterdir())
        folder = work / f"заявки-{year}"
        folder.mkdir()
        for path in written:
            fill(path, folder / path.name, clean_inputs(planned))
    broken = next((work / "заявки-2008").glob("*Калужская*"))
    fill(broken, broken, clean_inputs(1500) | {"in_planned_on_art": 1500})  # 1500 > 900 + 400 = 1300
    (work / "заявки-2008" / "not_a_zip.xlsx").write_bytes(b"plain text")
    return work


def test_read_requests_gives_one_row_per_workbook_and_never_modifies_the_folder(campaigns: Path) -> None:
    folder = campaigns / "заявки-2008"
    before = _fingerprint(folder)
    frame = xl_addin.read_requests(folder)
    assert _fingerprint(folder) == before
    assert list(frame.index) == ["Тульская область", "Калужская область", "(не прочитан) not_a_zip.xlsx"]
    tula = frame.loc["Тульская область"]
    assert tula["elisa_volume"] == 1800  # 1500 × 1,2
    assert tula["hiv_examined_by_year_2001"] == 180000  # the first cell, named by the 2007 workbook's header
    assert [tula["art_need_range_1"], tula["art_need_range_2"]] == [1274, 1960]  # 13 % and 20 % of 9800
    assert (tula["status"], tula["errors"], tula["warnings"], tula["chk_all"]) == ("OK", 0, 0, "OK")
    kaluga = frame.loc["Калужская область"]
    assert (kaluga["status"], kaluga["errors"]) == ("1", 1)
    assert (
        kaluga["chk_planned_on_art"]
        == "Планируется лечить (1500) больше, чем продолжающих и начинающих терапию вместе (1300)"
    )
    unread = frame.loc["(не прочитан) not_a_zip.xlsx"]
    assert unread["status"].startswith("не прочитан: ") and unread["errors"] == 1


def test_a_region_the_list_does_not_know_counts_one_error(campaigns: Path) -> None:
    frame = xl_addin.read_requests(campaigns / "заявки-2007", regions=["Тульская область", "Орловская область"])
    assert frame.loc["Калужская область", ["status", "errors"]].tolist() == ["субъект не из списка", 1]
    assert frame.loc["Тульская область", "errors"] == 0


def test_compute_runs_the_letter_row_by_row_and_reports_bad_rows_without_raising() -> None:
    frame = pd.DataFrame(
        {
            "planned_screenings": [1000, -5, 7],
            "on_art": [100, 0, 0],
            "starting_art": [50, 0, 0],
            "observed": [200, 0, 0],
        },
        index=["A", "B", "C"],
    )
    out = xl_addin.compute(frame)
    assert list(out.index) == ["A", "B", "C"]
    assert out.loc["A", "elisa_volume"] == 1200  # 1000 + 1000 × 0,2
    assert out.loc["C", "elisa_volume"] == 9  # 7 × 1,2 = 8,4 → 9
    assert out.loc["A", "immune_status_volume"] == 1155  # (400 + 150 + 500) × 1,1
    assert pd.isna(out.loc["B", "elisa_volume"])
    assert out.loc["B", "errors"].startswith("#in_planned_screenings = -5: отрицательное число недопустимо")
    assert "#in_registered = пусто" in out.loc["A", "errors"]  # what was not given is named too


def test_refresh_returns_the_csvs_as_frames_and_the_exit_code(campaigns: Path, tmp_path: Path) -> None:
    result = xl_addin.refresh(campaigns / "заявки-2008", out=tmp_path / "out", regions=REGIONS, jobs=1)
    assert result.exit_code == 1 and result.out == tmp_path / "out"  # Калужская: one error; not_a_zip: unread
    for frame, name in ((result.national, "national.csv"), (result.problems, "problems.csv")):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert [list(frame.columns), *frame.astype(str).values.tolist()] == rows, name
    # Калужская: chk_planned_on_art; not_a_zip.xlsx: not read; Тульская: none
    assert xl_addin.severity_counts(result.problems)["ошибка"] == result.summary.errors == 2


def test_wrong_calls_are_argument_errors(campaigns: Path) -> None:
    with pytest.raises(ArgumentError, match="папка с книгами не найдена"):
        xl_addin.read_requests(campaigns / "нет такой")
    with pytest.raises(ArgumentError, match="внутри"):
        xl_addin.refresh(campaigns / "заявки-2007", out=campaigns / "заявки-2007" / "out")
    with pytest.raises(ArgumentError, match="formulas = 'xls'"):
        xl_addin.generate(campaigns / "x", formulas="xls")


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.DOTALL)


def test_the_worked_example_of_the_docs_runs_on_real_folders(
    campaigns: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib", reason="the plotting example needs the analysis extra (matplotlib)")
    import matplotlib

    matplotlib.use("Agg")  # no screen
    blocks = _python_blocks((REPO / "docs" / "python-api.md").read_text(encoding="utf-8"))
    assert len(blocks) == 6
    monkeypatch.chdir(campaigns)
    namespace: dict[str, Any] = {}
    for block in blocks:
        exec(compile(block, "docs/python-api.md", "exec"), namespace)
    change = namespace["change"]
    assert change.loc["Тульская область", "elisa_growth"] == 600  # 1500 × 1,2 − 1000 × 1,2
    assert list(change.index) == ["Тульская область", "Калужская область"]  # both years; not Орловская
    assert round(namespace["coverage"]["Тульская область"], 2) == 13.27  # 1300 / 9800
    png = campaigns / "coverage-2008.png"
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000
    results = namespace["results"]
    assert results.loc["Тульская область", "first_line_patients"] == 840  # (1300 + 100) × 0,6
    assert namespace["result"].exit_code == 1
    assert "58333" in capsys.readouterr().out
