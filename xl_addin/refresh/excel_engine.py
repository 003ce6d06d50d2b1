"""``--engine excel``: Microsoft Excel itself recalculates each refreshed copy (through xlwings).

Only where Excel is installed (Windows, macOS); elsewhere :func:`require_excel`
stops the run at once, before any file is read.  Excel's numbers are compared
with the core's: every difference is a problem of that workbook.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from xl_addin.errors import XlAddinError


class ExcelUnavailableError(XlAddinError):
    """``--engine excel`` was asked for on a machine without Microsoft Excel."""


def require_excel() -> None:
    """Raise ExcelUnavailableError unless Microsoft Excel can be driven from here."""
    if sys.platform not in ("win32", "darwin"):
        raise ExcelUnavailableError(
            f"--engine excel нужен Microsoft Excel (Windows или macOS); здесь {sys.platform}: используйте --engine python"
        )
    import importlib.util

    if importlib.util.find_spec("xlwings") is None:  # pragma: no cover - xlwings is a dependency
        raise ExcelUnavailableError("xlwings не установлен: pip install xl_addin")


def recalculate_in_excel(out_dir: Path, reports: list[Any]) -> None:  # pragma: no cover - needs Excel
    """Open each refreshed copy in an invisible Excel, recalculate, compare every out_/chk_ with the core."""
    import xlwings as xw

    from xl_addin.refresh.reading import Problem

    with xw.App(visible=False, add_book=False) as app:
        app.display_alerts = False
        for report in reports:
            if report.region is None:
                continue
            book = app.books.open(str(out_dir / report.file), update_links=False)
            try:
                app.calculate()
                for name, expected in report.values.items():
                    found = book.names[name].refers_to_range.value
                    found = (
                        [int(v) if isinstance(v, float) and v.is_integer() else v for v in found]
                        if isinstance(found, list)
                        else (int(found) if isinstance(found, float) and found.is_integer() else found)
                    )
                    if expected is not None and found != expected:
                        report.problems.append(
                            Problem(report.file, "", "", name, str(found), f"Excel дал {found!r}, ядро — {expected!r}")
                        )
                book.save()
            finally:
                book.close()
