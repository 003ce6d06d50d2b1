"""``--engine excel``: Microsoft Excel itself recalculates each refreshed copy (through xlwings).

Only where Excel is installed (Windows, macOS); elsewhere :func:`require_excel`
stops the run at once, before any file is read.  Excel's numbers are compared
with the core's: every difference is a problem of that workbook.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from xl_addin.consolidation.reading import Problem
from xl_addin.errors import XlAddinError, describe_value


class ExcelUnavailableError(XlAddinError):
    """``--engine excel`` was asked for on a machine without Microsoft Excel."""


def require_excel() -> None:
    """Raise ExcelUnavailableError unless Microsoft Excel can be driven from here."""
    if sys.platform not in ("win32", "darwin"):
        raise ExcelUnavailableError(
            f"--engine excel нужен Microsoft Excel (Windows или macOS); здесь {sys.platform}: используйте --engine python"
        )
    import importlib.util

    if importlib.util.find_spec("xlwings") is None:  # pragma: no cover - xlwings comes with the excel extra
        raise ExcelUnavailableError("xlwings не установлен: pip install 'xl_addin[excel]'")


def as_core_value(found: Any) -> Any:
    """A value read from Excel as the core writes it: whole floats become ints, a range a list.

    >>> as_core_value(1200.0), as_core_value([3.0, 4.5]), as_core_value("OK"), as_core_value(None)
    (1200, [3, 4.5], 'OK', None)
    """
    if isinstance(found, list):
        return [as_core_value(item) for item in found]
    if isinstance(found, float) and found.is_integer():
        return int(found)
    return found


class ExcelRecalculation:  # pragma: no cover - needs Microsoft Excel
    """One invisible Excel for a run: each refreshed copy is opened, recalculated, compared and saved.

    The copy is saved under a temporary name and then moved over the copy in one
    step, as every other write of the refresh.
    """

    def __enter__(self) -> ExcelRecalculation:
        import xlwings as xw

        self.app = xw.App(visible=False, add_book=False)
        self.app.display_alerts = False
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.app.quit()

    def check(self, copy: Path, values: dict[str, Any]) -> list[Problem]:
        """Recalculate ``copy`` in Excel; a problem for every out_/chk_ that differs from the core's ``values``."""
        temporary = copy.with_name(f".{copy.stem}.xl_addin-part{copy.suffix}")
        problems: list[Problem] = []
        try:
            book = self.app.books.open(str(copy), update_links=False)
            try:
                self.app.calculate()
                for name, expected in values.items():
                    found = as_core_value(book.names[name].refers_to_range.value)
                    if expected is not None and found != expected:
                        problems.append(
                            Problem(
                                copy.name,
                                "",
                                "",
                                name,
                                str(found),
                                f"Excel дал {describe_value(found)}, ядро — {describe_value(expected)}",
                            )
                        )
                book.save(str(temporary))
            finally:
                book.close()
            os.replace(temporary, copy)
        finally:
            temporary.unlink(missing_ok=True)
        return problems
