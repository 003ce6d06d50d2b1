"""The Python API is as safe as refresh (issue 19, §5): a file that blocks or kills its reader is its own row, and
``compute`` of the frame ``read_requests`` gives equals what the workbook shows (kits from the drug rows, P3)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pytest

import xl_addin
from tests.refresh.test_kits_from_rows_refresh import EXPECTED, KIT_INPUTS, ROWS
from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill, product_columns
from xl_addin.consolidation import check_one, run
from xl_addin.workbook.writer import Region, write_workbook

REGION = "Томская область"
#: The rows' one error: first line 4196 of 4596 kits, where «около 60 %» allows 2528–2987 (A5): status "1", read whole.
STATUS = "1"


@pytest.fixture(scope="module")
def tomsk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tomsk's workbook with its drugs typed on «Товары» and the «Ввод» kit totals left blank (the P3 test's rows)."""
    work = tmp_path_factory.mktemp("api-isolation")
    blank = work / "blank.xlsx"
    write_workbook(blank, Region(REGION, "", 111))
    filled = work / "tomsk.xlsx"
    fill(blank, filled, clean_inputs(1000) | dict.fromkeys(KIT_INPUTS) | product_columns(ROWS))
    return filled


def _folder_with(tomsk: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "заявки"
    folder.mkdir()
    (folder / "tomsk.xlsx").write_bytes(tomsk.read_bytes())
    return folder


def test_a_fifo_named_like_a_workbook_is_its_row_not_a_hang(
    tomsk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder_with(tomsk, tmp_path)
    os.mkfifo(folder / "x.xlsx")  # opening it for reading waits for a writer that never comes
    monkeypatch.setattr(run, "TIME_LIMIT", 3.0)
    started = time.monotonic()
    frame = xl_addin.read_requests(folder, [REGION])
    assert time.monotonic() - started < 60  # the FIFO was given up (3 s limit, or refused at once)
    assert list(frame.index) == [REGION, "(не прочитан) x.xlsx"]
    assert frame.loc["(не прочитан) x.xlsx", "status"].startswith("не прочитан: ")
    assert frame.loc[REGION, "status"] == STATUS


def test_a_file_that_kills_its_reader_costs_only_its_row(
    tomsk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder_with(tomsk, tmp_path)
    (folder / "y.xlsx").write_bytes(tomsk.read_bytes())
    real = check_one.check_workbook

    def dies_on_y(path: Path) -> check_one.WorkbookCheck:
        if path.name == "y.xlsx":
            os._exit(134)  # as calamine's abort did (rc 134): the whole reading process ends at once
        return real(path)

    from xl_addin.consolidation import isolated

    monkeypatch.setattr(isolated, "check_workbook", dies_on_y)  # the forked workers inherit it
    frame = xl_addin.read_requests(folder, [REGION], jobs=1)
    assert frame.loc[REGION, "status"] == STATUS
    died = frame.loc["(не прочитан) y.xlsx", "status"]
    assert "аварийно завершился (код 134" in died


def test_compute_of_the_unchanged_frame_is_what_the_workbook_shows(tomsk: Path, tmp_path: Path) -> None:
    frame = xl_addin.read_requests(_folder_with(tomsk, tmp_path), [REGION])
    row = frame.loc[REGION]
    # the frame holds the kit totals the drug rows give (hand-worked in test_kits_from_rows_refresh), not the blanks
    assert (row["kits_pi"], row["kits_first_line"], row["reserve_kits_left"]) == (698, 4196, 4)
    assert (row["published_2006"], row["lang"]) == (111, "ru")
    assert (row["annual_kits_needed"], row["chk_kits_cover"], row["chk_inputs"]) == (1096, "OK", "OK")
    computed = xl_addin.compute(frame[[*xl_addin.INPUT_COLUMNS, "published_2006", "lang"]])
    assert computed.loc[REGION, "annual_kits_needed"] == EXPECTED["out_annual_kits_needed"]  # 900 + 400 × 0,5 − 4
    assert computed.loc[REGION, "errors"] == ""
    same = [*xl_addin.RESULT_COLUMNS, *(c for c in frame.columns if str(c).startswith("chk_"))]
    pd.testing.assert_series_equal(computed.loc[REGION, same], row[same], check_names=False, check_dtype=False)


def test_a_what_if_changes_only_what_it_changes(tomsk: Path, tmp_path: Path) -> None:
    frame = xl_addin.read_requests(_folder_with(tomsk, tmp_path), [REGION])
    scenario = frame[list(xl_addin.INPUT_COLUMNS)].copy()
    scenario["kits_pi"] = scenario["kits_pi"] + 100  # 698 + 100 = 798
    computed = xl_addin.compute(scenario)
    assert computed.loc[REGION, "kits_treatable_min"] == 1596  # 798 + 798 (Прил. 2 §2): the what-if moved it by 100
    assert computed.loc[REGION, "annual_kits_needed"] == 1096  # the need does not depend on the kits requested
