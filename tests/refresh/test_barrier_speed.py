"""Issue 19, §6 (the parent's side): a region list of names the 2006 table does not know (municipalities)
costs no "did you mean" search; ``find_subject`` keeps its suggestions for the functions that show them."""

from __future__ import annotations

from pathlib import Path

import pytest

from xl_addin.core import art_need
from xl_addin.errors import UnknownSubjectError
from xl_addin.workbook.regions import published_figure, read_regions


def test_a_region_list_builds_no_suggestions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_search(*_: object) -> list[str]:
        raise AssertionError("a suggestion list was built")

    monkeypatch.setattr(art_need, "_nearest_names", no_search)
    listed = tmp_path / "regions.csv"
    listed.write_text("\n".join(["Тульская область", "Пермский край", *(f"Посёлок {n}" for n in range(50))]) + "\n",
                      encoding="utf-8")  # fmt: skip
    regions = read_regions(listed)
    assert [region.published_2006 for region in regions[:3]] == [626, 888, None]  # 886 + 2: today's merged name
    assert {region.published_2006 for region in regions[2:]} == {None}


@pytest.mark.parametrize(("name", "figure"), [("Тульская область", 626), ("тульская область", 626),
                                              ("Забайкальский край", 183), ("Атлантида", None), ("", None), (" ", None)])  # fmt: skip
def test_published_figure_gives_the_letters_figure_or_none(name: str, figure: int | None) -> None:
    assert published_figure(name) == figure


def test_find_subject_still_suggests() -> None:
    with pytest.raises(UnknownSubjectError) as raised:
        art_need.find_subject("Тульская обл")
    assert "Тульская область" in raised.value.suggestions
