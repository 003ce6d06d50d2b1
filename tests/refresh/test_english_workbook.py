"""An English workbook (``generate --lang en``) is refreshed in its own language: its check sentences are English."""

from __future__ import annotations

from pathlib import Path

from tests.refresh.test_refresh_cli import _read_csv, clean_inputs
from tests.workbook.filling import fill
from xl_addin import cli


def test_the_problems_of_an_english_workbook_quote_its_english_sentences(tmp_path: Path) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("Тульская область\n", encoding="utf-8")
    blank = tmp_path / "blank"
    assert cli.main(["generate", "--out", str(blank), "--regions", str(regions), "--lang", "en"]) == 0
    (made,) = blank.iterdir()
    received = tmp_path / "in"
    received.mkdir()
    # planned 1500 > 900 continuing + 400 starting = 1300 (Appendix 2 §2: no other patients in the year)
    fill(made, received / made.name, clean_inputs(1000) | {"in_planned_on_art": 1500})
    assert cli.main(["refresh", str(received), "--out", str(tmp_path / "out"), "--regions", str(regions)]) == 1
    rows = [row for row in _read_csv(tmp_path / "out" / "problems.csv")[1:] if row[3] == "chk_planned_on_art"]
    assert [row[4:] for row in rows] == [
        [
            "Planned on ART (1500) is more than continuing and starting together (1300)",
            "проверка не пройдена: Планируется лечить не больше, чем продолжающих и начинающих вместе",
            "ошибка",
        ]
    ]
