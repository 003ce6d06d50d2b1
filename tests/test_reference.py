"""docs/functions.md is generated from the catalogue and committed up to date."""

from __future__ import annotations

from tests.conftest import REPO
from xl_addin.catalog import FUNCTIONS
from xl_addin.reference import reference_markdown


def test_committed_reference_equals_the_generated_one() -> None:
    committed = (REPO / "docs" / "functions.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), "run: xl-addin docs"


def test_reference_has_one_entry_per_function_with_section_formula_and_example() -> None:
    text = reference_markdown()
    for function in FUNCTIONS.values():
        entry = text.split(f"### {function.name}\n", 1)[1].split("\n### ", 1)[0]
        assert function.section in entry
        assert function.formula in entry
        assert "**Пример:**" in entry
        assert function.example.arithmetic in entry


def test_viral_load_help_says_the_letter_is_followed_as_printed() -> None:
    entry = reference_markdown().split("### VIRAL_LOAD_VOLUME\n", 1)[1].split("\n### ", 1)[0]
    assert "как напечатано" in entry
    assert "D × 1,5" in entry
