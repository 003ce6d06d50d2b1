"""Shared fixtures: where the read-only material of the project lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_criteria(name: str, shared: Path = SHARED) -> Path:
    """``../shared/criteria/NAME``, or skip naming the missing path — a failure under XL_ADDIN_REQUIRE_SHARED=1.

    The letter-based tests compare the code with the letter's own text and table; CI (.ci/run) copies
    shared/ beside the clone and sets XL_ADDIN_REQUIRE_SHARED=1, so there they must run, never skip.
    """
    path = shared / "criteria" / name
    if not path.is_file():
        reason = (
            f"LETTER-BASED TEST NOT RUN: {path} is missing — put the project's shared/ directory beside "
            f"the repository ({shared}) to compare with the letter"
        )
        if os.environ.get("XL_ADDIN_REQUIRE_SHARED") == "1":
            pytest.fail(f"XL_ADDIN_REQUIRE_SHARED=1 but {path} is missing", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def letter_text() -> str:
    """The full text of letter 0100/11323-06-32 (../shared/criteria)."""
    return shared_criteria("letter-0100-11323-06-32.txt").read_text(encoding="utf-8")
