"""The docs the code points to exist, and the README's commands are the ones CI runs."""

from __future__ import annotations

import re

from tests.conftest import REPO


def test_every_decision_the_code_cites_is_written_in_interpretation_md() -> None:
    decisions = (REPO / "docs" / "interpretation.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### ([A-Z]\d+)\. ", decisions, flags=re.MULTILINE))
    cited = set()
    for path in (REPO / "xl_addin").rglob("*.py"):
        cited |= set(re.findall(r"interpretation\.md,\s+(?:decision\s+)?([A-Z]\d+)", path.read_text(encoding="utf-8")))
    assert cited, "the code cites no decision at all"
    assert cited <= headings, f"cited but not written: {sorted(cited - headings)}"


def test_readme_opens_with_the_two_setup_commands_and_ci_runs_the_second() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    commands = [line for line in first_block if line and not line.startswith("#")]
    assert len(commands) == 2
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci  # CI reads the test command from the README itself


def test_the_user_guide_explains_every_check_and_its_pictures_exist() -> None:
    from xl_addin.workbook.layout import CHECKS

    guide = (REPO / "docs" / "user-guide.md").read_text(encoding="utf-8")
    explained = set(re.findall(r"^\| `(chk_\w+)` \|", guide, flags=re.MULTILINE))
    assert explained == {check.name for check in CHECKS} | {"chk_all"}
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide)
    assert pictures, "the guide shows no picture"
    missing = [picture for picture in pictures if not (REPO / "docs" / picture).is_file()]
    assert missing == []
