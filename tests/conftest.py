"""Shared fixtures: where the read-only material of the project lives."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def letter_text() -> str:
    """The full text of letter 0100/11323-06-32 (../shared/criteria)."""
    path = SHARED / "criteria" / "letter-0100-11323-06-32.txt"
    if not path.exists():
        pytest.skip(f"the letter is not beside the repository: {path}")
    return path.read_text(encoding="utf-8")
