"""Comparing workbooks by what matters to a user — formulas, labels, names, validations, notes, protection —
never by bytes (zip timestamps and attribute order change from one save to the next).

Used by the drift test of ``workbook_templates/`` and by the test that proves
the two variants come from one layout.
"""

from __future__ import annotations

from typing import Any

from openpyxl.workbook import Workbook

#: A workbook's content: location → what is there, e.g. ``"Ввод!C3 value"`` → ``"=…"``.
Snapshot = dict[str, Any]


def snapshot(book: Workbook, *, skip_sheets: tuple[str, ...] = ()) -> Snapshot:
    """Everything a user sees or relies on in ``book``, keyed by where it is."""
    found: Snapshot = {"sheets": [title for title in book.sheetnames if title not in skip_sheets]}
    for name in book.defined_names:
        found[f"name {name}"] = book.defined_names[name].attr_text
    for sheet in book.worksheets:
        if sheet.title in skip_sheets:
            continue
        title = sheet.title
        found[f"{title} protected"] = bool(sheet.protection.sheet)
        setup = sheet.page_setup
        found[f"{title} print"] = (setup.orientation, setup.fitToWidth, setup.fitToHeight)
        # openpyxl has no public accessor for charts (nor do its stubs know the private list)
        found[f"{title} charts"] = len(sheet._charts)  # type: ignore[attr-defined]
        for row in sheet.iter_rows():
            for cell in row:
                where = f"{title}!{cell.coordinate}"
                if cell.value is not None:
                    found[f"{where} value"] = cell.value
                if cell.comment is not None:
                    found[f"{where} note"] = cell.comment.text
                if not cell.protection.locked:
                    found[f"{where} unlocked"] = True
        for validation in sheet.data_validations.dataValidation:
            found[f"{title} validation {validation.sqref}"] = (
                validation.type, validation.operator, validation.formula1, validation.allow_blank,
                validation.promptTitle, validation.prompt, validation.errorTitle, validation.error,
            )  # fmt: skip
        for formatting in sheet.conditional_formatting:
            rules = [(rule.type, tuple(rule.formula or ())) for rule in formatting.rules]
            found[f"{title} formatting {formatting.sqref}"] = rules
    return found


def differences(expected: Snapshot, found: Snapshot) -> list[str]:
    """Every place where two snapshots disagree, one line each (empty when they agree).

    >>> differences({"A!B2 value": 1, "sheets": ["A"]}, {"A!B2 value": 2, "A!C3 value": 5, "sheets": ["A"]})
    ['A!B2 value: 1 ≠ 2', 'A!C3 value: нет ≠ 5']
    """
    lines = []
    for key in sorted(set(expected) | set(found), key=str):
        if expected.get(key) != found.get(key):
            left = repr(expected[key]) if key in expected else "нет"
            right = repr(found[key]) if key in found else "нет"
            lines.append(f"{key}: {left} ≠ {right}")
    return lines
