"""The add-in (``udf``) variant's base: xlwings' own quickstart workbook, with its VBA project.

The VBA binary is never part of this repository: it is read at generate time
from the installed xlwings package (``quickstart.xlsm``) with openpyxl's
``keep_vba=True``, which keeps ``vbaProject.bin`` byte for byte.  That VBA
declares a DLL named after the xlwings version, so the installed xlwings must
be exactly the version this package pins (read from the package metadata, the
one place the pin is written: ``pyproject.toml``).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

from openpyxl import Workbook, load_workbook

from xl_addin.errors import XlAddinError

CONF_SHEET = "xlwings.conf"
UDF_MODULE = "xl_addin.udfs"
_QUICKSTART_CONF = "_xlwings.conf"


class AddinSetupError(XlAddinError):
    """The add-in variant cannot be built: xlwings is missing, of another version, or lacks its quickstart."""


def pinned_xlwings_version() -> str:
    """The xlwings version this package requires (``xlwings==X`` in its metadata).

    >>> pinned_xlwings_version().count(".") >= 2
    True
    """
    for requirement in importlib.metadata.requires("xl_addin") or []:
        if requirement.replace(" ", "").startswith("xlwings=="):
            return requirement.split("==", 1)[1].split(";", 1)[0].strip()
    raise AddinSetupError("в метаданных xl_addin нет точной версии xlwings (xlwings==…)")


def quickstart_path() -> Path:
    """``quickstart.xlsm`` of the installed xlwings, after checking its version against the pin."""
    spec = importlib.util.find_spec("xlwings")  # finds the package without importing it
    if spec is None or spec.origin is None:
        raise AddinSetupError("xlwings не установлен: pip install xl_addin установит нужную версию")
    installed, pinned = importlib.metadata.version("xlwings"), pinned_xlwings_version()
    if installed != pinned:
        raise AddinSetupError(
            f"установлен xlwings {installed}, а книги с надстройкой рассчитаны на {pinned}: "
            f"pip install xlwings=={pinned}"
        )
    path = Path(spec.origin).parent / "quickstart.xlsm"
    if not path.is_file():
        raise AddinSetupError(f"в пакете xlwings нет {path.name}: переустановите xlwings=={pinned}")
    return path


def open_quickstart() -> tuple[Workbook, list[str]]:
    """The quickstart workbook with its VBA kept, and the titles of its own sheets (to drop later)."""
    book = load_workbook(quickstart_path(), keep_vba=True)
    if _QUICKSTART_CONF not in book.sheetnames:
        raise AddinSetupError(f"в quickstart.xlsm нет листа {_QUICKSTART_CONF}")
    return book, [title for title in book.sheetnames if title != _QUICKSTART_CONF]


def configure(book: Workbook) -> None:
    """Activate the config sheet (rename it ``xlwings.conf``), point *UDF Modules* at ``xl_addin.udfs``, move it last.

    The sheet is hidden (xlwings reads a hidden sheet all the same): a printed request has no
    settings pages; a user who needs to change a setting unhides it (docs/user-guide.md).
    """
    sheet = book[_QUICKSTART_CONF]
    sheet.title = CONF_SHEET
    for row in sheet.iter_rows(min_col=1, max_col=2):
        if row[0].value == "UDF Modules":
            row[1].value = UDF_MODULE
            break
    else:
        raise AddinSetupError(f"на листе {CONF_SHEET} нет строки «UDF Modules»")
    book.move_sheet(sheet, offset=len(book.sheetnames) - 1 - book.sheetnames.index(CONF_SHEET))
    sheet.sheet_state = "hidden"
