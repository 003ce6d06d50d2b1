"""`xl-addin refresh … --previous DIR` end to end: two campaigns of generated and filled workbooks, refreshed by the
command line one after the other; the Python API's ``refresh(previous=…)`` agrees with the docs' pandas example."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import xl_addin
from tests.conftest import REPO
from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill
from xl_addin import cli

REGIONS = ["Тульская область", "Калужская область", "Орловская область"]
TOTAL = "Итого по регионам в итоге"
#: planned screenings per region and year; ELISA = screenings × 1,2 (clean_inputs: planned on ART 1300 everywhere)
SCREENINGS = {2007: {region: 1000 for region in REGIONS}, 2008: {"Тульская область": 1500, "Калужская область": 2000}}


@pytest.fixture(scope="module")
def campaigns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("previous")
    (work / "regions.csv").write_text("\n".join(REGIONS) + "\n", encoding="utf-8")
    for year, screenings in SCREENINGS.items():
        written = {path.name.split("_", 1)[-1]: path for path in xl_addin.generate(work / f"blank-{year}", REGIONS)}
        folder = work / f"заявки-{year}"
        folder.mkdir()
        for region, planned in screenings.items():
            path = next(path for name, path in written.items() if region.split()[0] in name)
            fill(path, folder / path.name, clean_inputs(planned))
    assert cli.main(["refresh", str(work / "заявки-2007"), "--out", str(work / "сводка-2007"),
                     "--regions", str(work / "regions.csv"), "--jobs", "1"]) == 0  # fmt: skip
    return work


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


def _refresh(work: Path, *extra: str) -> int:
    return cli.main(["refresh", str(work / "заявки-2008"), "--out", str(work / "сводка-2008"),
                     "--regions", str(work / "regions.csv"), "--jobs", "1", *extra])  # fmt: skip


def test_refresh_with_previous_writes_the_comparison_and_says_how_many_jumps(
    campaigns: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _refresh(campaigns, "--previous", str(campaigns / "сводка-2007")) == 0
    assert "резких изменений (больше 50 %): 1" in capsys.readouterr().out  # Калужская's ELISA, +100 %
    out = campaigns / "сводка-2008"
    rows = {(row[0], row[1]): row[2:] for row in _rows(out / "national_previous.csv")[1:]}
    # ELISA 1000 × 1,2 = 1200 → 1500 × 1,2 = 1800: +600, exactly +50 %, not flagged
    assert rows[("Тульская область", "ИФА: исследований")][:5] == ["1200", "1800", "600", "50,0", ""]
    # 1200 → 2000 × 1,2 = 2400: +100 %
    assert rows[("Калужская область", "ИФА: исследований")][:5] == ["1200", "2400", "1200", "100,0", "резкий рост"]
    assert rows[("Орловская область", "ИФА: исследований")] == ["1200", "", "", "", "", "в этом году не получено"]
    # the nation: 3 × 1200 = 3600 → 1800 + 2400 = 4200: +600, 600 / 3600 = 16,66… → +16,7 %;
    # planned on ART 3 × 1300 = 3900 → 2 × 1300 = 2600: −1300, −33,3 %
    assert rows[(TOTAL, "ИФА: исследований")] == ["3600", "4200", "600", "16,7", "", "регионов в итоге: 3 → 2"]
    planned = rows[(TOTAL, "Планируется лечить (АРТ)")]
    assert planned[:5] == ["3900", "2600", "-1300", "-33,3", ""]
    sheet = load_workbook(out / "national.xlsx")["Год к году"]
    assert sheet.max_row == 1 + 7 * 4  # the nation and three regions, 7 indicators each


def test_without_previous_nothing_of_it_is_written_and_an_earlier_comparison_goes(campaigns: Path) -> None:
    out = campaigns / "сводка-2008"
    assert _refresh(campaigns, "--previous", str(campaigns / "сводка-2007")) == 0
    assert (out / "national_previous.csv").is_file()
    assert _refresh(campaigns) == 0
    assert not (out / "national_previous.csv").exists()
    assert "Год к году" not in load_workbook(out / "national.xlsx", read_only=True).sheetnames


@pytest.mark.parametrize(
    ("previous", "message"),
    [("нет такой", "папка не найдена"), ("заявки-2007", "нет national.csv")],  # the received folder, not a summary
)
def test_a_previous_that_cannot_be_read_exits_2_before_anything_is_written(
    campaigns: Path, capsys: pytest.CaptureFixture[str], previous: str, message: str
) -> None:
    out = campaigns / f"не записано-{previous}"
    code = cli.main(["refresh", str(campaigns / "заявки-2008"), "--out", str(out), "--previous",
                     str(campaigns / previous)])  # fmt: skip
    assert code == 2 and message in capsys.readouterr().err
    assert not out.exists()


def test_the_apis_comparison_agrees_with_the_docs_two_campaign_example(campaigns: Path) -> None:
    result = xl_addin.refresh(
        campaigns / "заявки-2008", out=campaigns / "api-2008", regions=REGIONS, jobs=1,
        previous=campaigns / "сводка-2007",
    )  # fmt: skip
    comparison: Any = result.previous
    elisa = comparison[comparison["Показатель"] == "ИФА: исследований"].set_index("Регион")
    # docs/python-api.md: both years' read_requests merged, elisa_growth = ELISA 2008 − ELISA 2007
    requests_2007 = xl_addin.read_requests(campaigns / "заявки-2007", jobs=1)
    requests_2008 = xl_addin.read_requests(campaigns / "заявки-2008", jobs=1)
    both = requests_2007.merge(requests_2008, left_index=True, right_index=True, suffixes=("_2007", "_2008"))
    growth = both["elisa_volume_2008"] - both["elisa_volume_2007"]
    assert sorted(growth.index) == ["Калужская область", "Тульская область"]
    for region in growth.index:
        assert int(elisa.loc[region, "Изменение"]) == growth[region]
    assert (
        xl_addin.refresh(campaigns / "заявки-2008", out=campaigns / "api-2008", regions=REGIONS, jobs=1).previous
        is None
    )


def test_the_example_of_docs_previous_runs(campaigns: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(
        r"```python\n(.*?)```", (REPO / "docs" / "python-api.md").read_text(encoding="utf-8"), re.DOTALL
    )
    (block,) = [block for block in blocks if "previous=" in block]
    monkeypatch.chdir(campaigns)
    namespace: dict[str, Any] = {}
    exec(compile(block, "docs/python-api.md", "exec"), namespace)
    jumps = namespace["jumps"]
    assert namespace["result"].summary.jumps == 1  # Калужская's ELISA: 1200 → 2400
    assert jumps[["Регион", "Показатель", "Изменение в %"]].values.tolist() == [
        ["Калужская область", "ИФА: исследований", "100,0"]
    ]


def test_the_previous_summary_may_be_the_out_folder_itself(campaigns: Path) -> None:
    out = campaigns / "сводка-2008"
    assert _refresh(campaigns) == 0
    assert _refresh(campaigns, "--previous", str(out)) == 0  # read whole before anything is written
    rows = _rows(out / "national_previous.csv")[1:]
    assert {row[4] for row in rows if row[0] in ("Тульская область", "Калужская область")} == {
        "0",
        "0,0",
    }  # 0,0: coverage
