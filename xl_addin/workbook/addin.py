"""The add-in (``udf``) variant's base: xlwings' own quickstart workbook, with its VBA project.

The VBA binary is never part of this repository: it is read at generate time
from the installed xlwings package (``quickstart.xlsm``) with openpyxl's
``keep_vba=True``, which keeps ``vbaProject.bin`` byte for byte.  That VBA
declares no DLL (``olevba`` on ``quickstart.xlsm``: only ``Module1.SampleCall``,
a ``RunPython`` example, and empty document modules; its ``dir`` stream
references the add-in's project ``xlwings``, ``xlwings.xlam``).  The DLL is the
add-in's: ``xlwings/addin/xlwings.xlam``, which ``xlwings addin install`` copies
into Excel's XLSTART, declares it in its ``Main`` module
(``Declare PtrSafe Function XLPyDLLActivateAuto Lib "xlwings64-0.37.8.dll"``,
and ``xlwings32-0.37.8.dll``) and looks for it beside the interpreter
(``XLPyLoadDLL``), where installing the Python package of that version put it.
So the add-in and the Python package must be one version, which
``xlwings addin install`` run from the environment of ``pip install 'xl_addin[excel]'``
ensures (the pin lives in the ``excel`` extra: xlwings Lite brings its own xlwings).

Why the exact pin (``pyproject.toml``, the one place it is written; read here
from the package metadata): every region installs the same pair of add-in and
DLL, the title sheet can name that version, and the workbook is built from, and
tested against, that version's ``quickstart.xlsm`` (its ``_xlwings.conf`` sheet
and its VBA project's document modules, see :func:`name_sheets`).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import cast

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell

from xl_addin.errors import ArgumentError, XlAddinError, describe_value
from xl_addin.workbook.cells import put, text_problem

CONF_SHEET = "xlwings.conf"
UDF_MODULE = "xl_addin.udfs"
_QUICKSTART_CONF = "_xlwings.conf"
#: The keys of the ``xlwings.conf`` sheet that this project writes, as the quickstart spells them.
UDF_MODULES_KEY, INTERPRETER_KEY = "UDF Modules", "Interpreter_Win"


class AddinSetupError(XlAddinError):
    """The add-in variant cannot be built: xlwings is missing, of another version, or lacks its quickstart."""


def pinned_xlwings_version() -> str:
    """The xlwings version this package requires (``xlwings==X`` in its metadata).

    >>> pinned_xlwings_version().count(".") >= 2
    True
    """
    from importlib.metadata import requires  # here, not at import: the native variant never needs it (about 15 ms)

    for requirement in requires("xl_addin") or []:
        if requirement.replace(" ", "").startswith("xlwings=="):
            return requirement.split("==", 1)[1].split(";", 1)[0].strip()
    raise AddinSetupError("в метаданных xl_addin нет точной версии xlwings (xlwings==…)")


def quickstart_path() -> Path:
    """``quickstart.xlsm`` of the installed xlwings, after checking its version against the pin."""
    spec = importlib.util.find_spec("xlwings")  # finds the package without importing it
    if spec is None or spec.origin is None:
        raise AddinSetupError(
            "xlwings не установлен: pip install 'xl_addin[excel]' (из папки проекта: pip install '.[excel]') "
            "установит нужную версию"
        )
    from importlib.metadata import version

    installed, pinned = version("xlwings"), pinned_xlwings_version()
    if installed != pinned:
        raise AddinSetupError(
            f"установлен xlwings {installed}, а книги с надстройкой строятся из quickstart.xlsm версии {pinned} "
            f"и проверены с ней (надстройка xlwings.xlam у пользователя должна быть той же версии, что и пакет "
            f"Python): pip install xlwings=={pinned}"
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


def settings(interpreter: str | None = None) -> list[tuple[str, str]]:
    r"""The rows of the ``xlwings.conf`` sheet: *UDF Modules* always, ``Interpreter_Win`` only when asked for.

    xlwings' add-in reads the sheet (``xlwings/addin/Config.bas``, ``GetConfigFromSheet``) from A1 down
    to the last filled cell of column A before a blank one (``Range("A1").End(xlDown)``, only A1 when A2
    is empty), keys upper-cased, values from column B; ``GetConfig`` returns a key the sheet holds before
    it looks at ``xlwings.conf`` beside the workbook, the user's ``~/.xlwings/xlwings.conf`` (the ribbon)
    and the default, *even when the value is empty* ("An entry in xlwings.conf sheet overrides the config
    file/ribbon").  The Python side reads the same block (``xlwings/utils.py``, ``read_config_sheet``:
    ``["A1:B1"].options(dict, expand="down")``).  So every other row of the quickstart (``Interpreter_Win``
    = python, empty ``Interpreter_Mac``, ``PYTHONPATH``, ``Conda Path``, ``Conda Env``, and the
    ``Debug UDFs`` … flags) would override the user's own settings: they are left out.

    >>> settings()
    [('UDF Modules', 'xl_addin.udfs')]
    >>> settings(r"C:\venv\Scripts\python.exe")[1]
    ('Interpreter_Win', 'C:\\venv\\Scripts\\python.exe')
    >>> settings("  ")
    Traceback (most recent call last):
    ...
    xl_addin.errors.ArgumentError: пустой путь к Python: пустой Interpreter_Win на листе xlwings.conf заменил бы настройки пользователя
    """
    rows = [(UDF_MODULES_KEY, UDF_MODULE)]
    if interpreter is not None:
        if not interpreter.strip():
            raise ArgumentError(
                f"пустой путь к Python: пустой {INTERPRETER_KEY} на листе {CONF_SHEET} заменил бы настройки пользователя"
            )
        problem = text_problem(interpreter.strip())
        if problem is not None:
            raise ArgumentError(f"путь к Python (--interpreter) {describe_value(interpreter.strip())}: {problem}")
        rows.append((INTERPRETER_KEY, interpreter.strip()))
    return rows


def write_settings(book: Workbook, interpreter: str | None = None) -> None:
    """Write the ``xlwings.conf`` sheet of ``book`` afresh: exactly the rows of :func:`settings`, from A1."""
    sheet = book[CONF_SHEET]
    sheet.delete_rows(1, sheet.max_row)
    for row, (key, value) in enumerate(settings(interpreter), start=1):
        put(cast(Cell, sheet.cell(row, 1)), key)
        put(cast(Cell, sheet.cell(row, 2)), value)  # a path the user gives: a text, even one starting with "="
    sheet.column_dimensions["B"].width = 60  # room for a path, for a user who shows the sheet


def name_sheets(book: Workbook) -> None:
    """Give every sheet without a code name the first free ``SheetN``, so that the VBA project agrees.

    The quickstart's VBA project (its ``PROJECT`` stream) has the document modules
    ``ThisWorkbook`` (the workbook's ``codeName``, kept), ``Sheet1`` (the quickstart's first sheet,
    dropped by the writer) and ``Sheet2`` (its ``_xlwings.conf`` sheet, kept).  The sheets openpyxl
    adds have no code name; numbering them from the first free ``SheetN`` in sheet order gives
    ``Sheet1`` back to the title sheet, and each sheet a code name of its own
    (tests/workbook/test_addin_workbook.py checks this against the VBA project itself).
    """
    taken = {sheet.sheet_properties.codeName for sheet in book.worksheets} - {None}
    number = 1
    for sheet in book.worksheets:
        if sheet.sheet_properties.codeName:
            continue
        while f"Sheet{number}" in taken:
            number += 1
        sheet.sheet_properties.codeName = f"Sheet{number}"
        taken.add(f"Sheet{number}")


def configure(book: Workbook, interpreter: str | None = None) -> None:
    """Activate the config sheet (rename it ``xlwings.conf``), write its rows (:func:`settings`), move it last.

    The sheet is hidden (xlwings reads a hidden sheet all the same): a printed request has no
    settings pages; a user who needs to change a setting unhides it (docs/user-guide.md).
    Every sheet gets a code name that the VBA project agrees with (:func:`name_sheets`).
    """
    sheet = book[_QUICKSTART_CONF]
    sheet.title = CONF_SHEET
    write_settings(book, interpreter)
    book.move_sheet(sheet, offset=len(book.sheetnames) - 1 - book.sheetnames.index(CONF_SHEET))
    sheet.sheet_state = "hidden"
    name_sheets(book)
