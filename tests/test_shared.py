"""The letter-based tests need ../shared/criteria/: they skip loudly without it, and CI refuses to skip them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_criteria


def test_a_missing_shared_file_skips_naming_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XL_ADDIN_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception, match="LETTER-BASED TEST NOT RUN") as skipped:
        shared_criteria("letter-0100-11323-06-32.txt", shared=tmp_path / "shared")
    assert str(tmp_path / "shared" / "criteria" / "letter-0100-11323-06-32.txt") in str(skipped.value)


def test_under_xl_addin_require_shared_a_missing_shared_file_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XL_ADDIN_REQUIRE_SHARED", "1")
    with pytest.raises((pytest.fail.Exception, pytest.skip.Exception)) as stopped:  # a skip here is the bug
        shared_criteria("art-need-2006-by-region.csv", shared=tmp_path / "shared")
    assert stopped.type is pytest.fail.Exception, f"skipped instead of failing: {stopped.value}"
    assert f"XL_ADDIN_REQUIRE_SHARED=1 but {tmp_path / 'shared' / 'criteria' / 'art-need-2006-by-region.csv'}" in str(
        stopped.value
    )


def test_a_present_shared_file_is_returned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XL_ADDIN_REQUIRE_SHARED", "1")
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "table.csv").write_text("no\n", encoding="utf-8")
    assert shared_criteria("table.csv", shared=tmp_path) == tmp_path / "criteria" / "table.csv"


def test_every_test_reaches_the_shared_directory_through_shared_criteria() -> None:
    # a test that built the path itself could skip (or crash) without the CI guard
    bypassing = [
        path.relative_to(REPO).as_posix()
        for path in (REPO / "tests").rglob("*.py")
        if path.name not in {"conftest.py", Path(__file__).name}
        and re.search(r"\bSHARED\b|[\"'](?:\.\./)?shared[\"']|[\"']criteria[\"']", path.read_text(encoding="utf-8"))
    ]
    assert bypassing == []
