"""The workbook contract: every defined name of a regional workbook and the cells it points at.

For each template version the contract is a data file (``data/contract-v<version>.json``):
name → every (sheet, cells) the generator puts it at, one per language (the sheets' titles
differ: «Ввод», "Inputs").  The reader of received workbooks looks names up here; the file is
written from the generator itself (``xl-addin templates``, :func:`xl_addin.workbook.contract_file.contract`)
and a test compares the two, so the contract can never drift from what the workbooks hold.

>>> sorted(places()["xl_addin_region"])
[('Title', 'B10'), ('Титул', 'B10')]
>>> sorted(places()["in_planned_screenings"])
[('Inputs', 'D3'), ('Ввод', 'D3')]
"""

from __future__ import annotations

import functools
import json
from importlib import resources

#: The version of the layout whose contract the reader reads (``xl_addin_template_version``).
CURRENT_VERSION = "5"

#: A name's places: (sheet title, cells without ``$``), e.g. ("Ввод", "D14:H14").
Places = frozenset[tuple[str, str]]


def file_name(version: str) -> str:
    """The data file of a version's contract.

    >>> file_name("4")
    'contract-v4.json'
    """
    return f"contract-v{version}.json"


@functools.cache
def places(version: str = CURRENT_VERSION) -> dict[str, Places]:
    """Name → every (sheet, cells) the generator of ``version`` puts it at (read once per process)."""
    text = resources.files(__package__).joinpath("data").joinpath(file_name(version)).read_text(encoding="utf-8")
    return from_json(text)


def from_json(text: str) -> dict[str, Places]:
    """The contract of a data file's text.

    >>> sorted(from_json('{"version": "4", "names": {"in_x": [["Ввод", "D7"], ["Inputs", "D7"]]}}')["in_x"])
    [('Inputs', 'D7'), ('Ввод', 'D7')]
    """
    found = json.loads(text)["names"]
    return {name: frozenset((sheet, cells) for sheet, cells in where) for name, where in found.items()}


def to_json(version: str, names: dict[str, Places]) -> str:
    """A contract as its data file's text: names sorted, places sorted, one name a line (diffs stay readable).

    >>> print(to_json("4", {"in_x": frozenset({("Inputs", "D7"), ("Ввод", "D7")})}))
    {"version": "4", "names": {
    "in_x": [["Inputs", "D7"], ["Ввод", "D7"]]
    }}
    """
    lines = [
        f"{json.dumps(name)}: {json.dumps(sorted(where), ensure_ascii=False)}" for name, where in sorted(names.items())
    ]
    return f'{{"version": {json.dumps(version)}, "names": {{\n' + ",\n".join(lines) + "\n}}"
