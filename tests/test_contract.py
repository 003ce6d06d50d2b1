"""The workbook contract's data file (xl_addin/request/data) is what the generator writes today (issue 19, §7)."""

from __future__ import annotations

import pytest

from xl_addin.request import contract
from xl_addin.workbook.contract_file import DATA, write_contract
from xl_addin.workbook.contract_file import contract as built


def test_the_stored_contract_is_the_generators() -> None:
    stored = contract.from_json((DATA / contract.file_name(contract.CURRENT_VERSION)).read_text(encoding="utf-8"))
    assert stored == built(), "the layout changed: run `xl-addin templates` (it rewrites the contract too)"


def test_the_package_reads_the_stored_file() -> None:
    assert contract.places() == built()


@pytest.mark.parametrize(
    ("name", "places"),
    [
        ("xl_addin_region", {("Титул", "B10"), ("Title", "B10")}),
        ("in_planned_screenings", {("Ввод", "D3"), ("Inputs", "D3")}),
        ("chk_all", {("Проверки", "B20"), ("Checks", "B20")}),
    ],
)
def test_names_the_user_guide_shows_stay_where_they_are(name: str, places: set[tuple[str, str]]) -> None:
    assert contract.places()[name] == places


def test_writing_the_contract_round_trips(tmp_path: object) -> None:
    from pathlib import Path

    written = write_contract(Path(str(tmp_path)))
    assert contract.from_json(written.read_text(encoding="utf-8")) == built()
