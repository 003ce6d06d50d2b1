"""The workbook contract's data file, written from the generator itself (``xl-addin templates``).

:func:`contract` builds a workbook of each language with the products sheet and takes every
defined name that points at cells; :func:`write_contract` stores it where
:mod:`xl_addin.request.contract` reads it.  A test compares the stored file with a fresh build,
so the reader's contract never drifts from what the generator writes.
"""

from __future__ import annotations

from pathlib import Path

from xl_addin.files import atomic_write_text
from xl_addin.request.contract import CURRENT_VERSION, Places, file_name, to_json
from xl_addin.request.layout import TEMPLATE_VERSION
from xl_addin.workbook.texts import LANGUAGES

#: Where the package keeps its contracts (``xl_addin/request/data``).
DATA = Path(__file__).resolve().parent.parent / "request" / "data"


def contract() -> dict[str, Places]:
    """Name → every (sheet, cells without ``$``) of a freshly built workbook of each language (about 0.1 s each)."""
    from xl_addin.workbook.writer import Region, WorkbookWriter

    found: dict[str, set[tuple[str, str]]] = {}
    for lang in LANGUAGES:
        built = WorkbookWriter(Region("—"), lang=lang, products=True).build()
        for name, defined in built.defined_names.items():
            for sheet, cells in defined.destinations:
                found.setdefault(name, set()).add((sheet, cells.replace("$", "")))
    return {name: frozenset(where) for name, where in found.items()}


def write_contract(folder: Path = DATA) -> Path:
    """Write the current version's contract into ``folder``; the path written."""
    if TEMPLATE_VERSION != CURRENT_VERSION:  # pragma: no cover - a new layout version needs its contract's version
        raise RuntimeError(f"layout version {TEMPLATE_VERSION} but contract version {CURRENT_VERSION}")
    target = folder / file_name(CURRENT_VERSION)
    atomic_write_text(target, to_json(CURRENT_VERSION, contract()) + "\n")
    return target
