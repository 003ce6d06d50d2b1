"""``xl-addin generate``: one workbook per region, written atomically, never over a user's filled inputs."""

from __future__ import annotations

import functools
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from xl_addin.errors import ArgumentError, XlAddinError, describe_value
from xl_addin.files import atomic_write
from xl_addin.request.layout import DEFAULT_YEAR
from xl_addin.request.untouched import untouched
from xl_addin.request.versions import title_year, without_template_texts
from xl_addin.workbook import addin
from xl_addin.workbook.cells import text_problem
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.product_list import ProductEntry
from xl_addin.workbook.region_copies import RegionCopies
from xl_addin.workbook.regions import file_name
from xl_addin.workbook.writer import NATIVE_VARIANT, SUFFIX, UDF_VARIANT, Region, WorkbookWriter, write_workbook


class FilledWorkbookError(XlAddinError):
    """Generating would overwrite workbooks whose inputs a user has already filled."""


#: The request years a workbook can be made for (``--year``): the letter dates from 2006, so its first requests are
#: for 2007; its year columns (five and six years before the request) and the labels that name them need a
#: year of four digits.  Beyond 2100 a year is a typing error, not a plan (docs/user-guide.md).
FIRST_YEAR, LAST_YEAR = 2007, 2100


def check_year(year: object) -> int:
    """``year`` when a workbook can be made for it, else :class:`ArgumentError` in Russian.

    >>> check_year(2026)
    2026
    >>> check_year(-5)
    Traceback (most recent call last):
    xl_addin.errors.ArgumentError: год заявки (--year) = -5: нужен год от 2007 до 2100
    """
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ArgumentError(f"год заявки (--year) = {describe_value(year)}: нужен год от {FIRST_YEAR} до {LAST_YEAR}")
    return year


def check_password(password: str | None) -> str | None:
    """``password`` when every character is printable ASCII (Latin letters, digits, signs, space), else
    :class:`ArgumentError` in Russian naming the first other character and its place (not the password).

    Excel's legacy sheet-protection hash (ECMA-376, which openpyxl writes) works on the bytes of the
    system code page, not on Unicode: a Cyrillic password's hash is one LibreOffice does not accept,
    and Excel on a computer with another code page would not either.

    >>> check_password("Tula-2007!")
    'Tula-2007!'
    >>> check_password("Тула")
    Traceback (most recent call last):
    xl_addin.errors.ArgumentError: пароль защиты листов (--password): знак «Т» (U+0422, знак 1) — не латинский: такой пароль LibreOffice и Excel с другой кодовой страницей не примут; используйте латинские буквы, цифры и знаки клавиатуры (ASCII)
    """
    if password is None:
        return None
    for place, character in enumerate(password, start=1):
        if not " " <= character <= "~":
            shown = f"«{character}» " if character.isprintable() else ""
            raise ArgumentError(
                f"пароль защиты листов (--password): знак {shown}(U+{ord(character):04X}, знак {place}) — не "
                "латинский: такой пароль LibreOffice и Excel с другой кодовой страницей не примут; используйте "
                "латинские буквы, цифры и знаки клавиатуры (ASCII)"
            )
    return password


def check_regions(regions: Sequence[Region]) -> None:
    """Refuse a region whose name or code cannot be written as a text (a control character, longer than 255
    characters): :class:`ArgumentError` naming the region's place in the list and the value.

    >>> check_regions([Region("Тульская область", "71")])
    >>> check_regions([Region("Тула"), Region("Кр\x01ым")])
    Traceback (most recent call last):
    xl_addin.errors.ArgumentError: регион № 2, название «Кр\x01ым»: недопустимый символ U+0001 (знак 3)
    """
    for position, region in enumerate(regions, start=1):
        for what, text in (("название", region.name), ("код", region.code)):
            problem = text_problem(text)
            if problem is not None:
                raise ArgumentError(f"регион № {position}, {what} {describe_value(text)}: {problem}")


@dataclass(frozen=True)
class Summary:
    """What a generate run wrote."""

    written: tuple[Path, ...]
    seconds: float


def is_filled(path: Path) -> bool:
    """Whether an existing workbook holds anything a region typed (:mod:`xl_addin.request.untouched`): a value in a
    name a region types into, or a result or check whose formula was typed over.  Any template version, any product
    list, either language: the workbook's own names are read.  A file that is not a readable workbook of this
    project (no ``xl_addin_template_version``, a name pointing nowhere) counts as filled: it is never overwritten
    without ``--force``.
    """
    book = _open(path)
    if book is None or "xl_addin_template_version" not in book.defined_names:
        return True
    values: dict[str, list[object]] = {}
    for name in book.defined_names:
        if not name.startswith(("in_", "out_", "chk_")):
            continue
        try:
            cells = named_cells(book, name)
        except (KeyError, ValueError, TypeError, AttributeError):  # a name pointing nowhere, or at several ranges
            return True
        if name.startswith("in_"):
            values[name] = [cell.value for cell in cells]
        elif not all(_formula(cell.value) for cell in cells):
            return True
    try:
        (version,) = named_cells(book, "xl_addin_template_version")
    except (KeyError, ValueError, TypeError, AttributeError):
        return True
    year = title_year(book[version.parent.title]["A1"].value) or DEFAULT_YEAR
    return not untouched(without_template_texts(values, str(version.value).strip(), year))


def _open(path: Path) -> Workbook | None:
    """The workbook at ``path``, None when it is no readable workbook (a folder, a named pipe — opening it would
    wait forever —, a broken file)."""
    from openpyxl import load_workbook

    if not path.is_file():
        return None
    try:
        return load_workbook(path, keep_vba=False)
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile):
        return None


def _formula(value: object) -> bool:
    """Whether a cell's value (as openpyxl reads it) is a formula.

    >>> _formula("=A1+1"), _formula(42), _formula(None)
    (True, False, False)
    """
    return (isinstance(value, str) and value.startswith("=")) or isinstance(value, (ArrayFormula, DataTableFormula))


def generate(
    out: Path,
    regions: Sequence[Region],
    *,
    lang: str = "ru",
    year: int = 2007,
    variant: str = NATIVE_VARIANT,
    force: bool = False,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    interpreter: str | None = None,
    product_list: Sequence[ProductEntry] = (),
) -> Summary:
    """Write one workbook of ``variant`` per region into ``out``; ``progress(done, total)`` after each.

    ``interpreter`` (add-in variant only): the Python that xlwings should start, written as
    ``Interpreter_Win`` on the ``xlwings.conf`` sheet; without it the sheet names only the UDF module
    and the user's own xlwings settings choose the Python (``addin.settings``).
    ``product_list`` (``--products FILE.csv``, :mod:`~xl_addin.workbook.product_list`): rows written into
    every workbook's «Товары» sheet.  Nothing is printed: a caller that wants a progress bar draws it from ``progress``.
    """
    check_year(year)
    check_password(password)
    check_regions(regions)
    if interpreter is not None and variant != UDF_VARIANT:
        raise ArgumentError(f"путь к Python (--interpreter) пишется только в книги с надстройкой ({UDF_VARIANT})")
    started = time.perf_counter()
    suffix = SUFFIX[variant]
    targets = [Path(out) / file_name(position, region, suffix) for position, region in enumerate(regions, start=1)]
    if not force:
        filled = [target.name for target in targets if target.exists() and is_filled(target)]
        if filled:
            raise FilledWorkbookError(
                "уже заполнены пользователем, не перезаписываю: "
                + ", ".join(filled)
                + " (их числа переносит в новые книги xl-addin carry; перезаписать их — --force)"
            )
    if regions:  # one workbook is built and saved; each file is a copy with its region's cells written in
        writer = WorkbookWriter(
            regions[0], lang=lang, year=year, variant=variant, password=password, product_list=product_list
        )
        writer.build()
        if interpreter is not None:
            addin.write_settings(writer.book, interpreter)
        copies = RegionCopies(writer)
        for done, (target, region) in enumerate(zip(targets, regions, strict=True), start=1):
            atomic_write(target, functools.partial(copies.write, region))
            if progress is not None:
                progress(done, len(targets))
    return Summary(tuple(targets), time.perf_counter() - started)


def _write_template(path: Path, *, region: Region, lang: str) -> None:
    write_workbook(path, region, lang=lang)


#: The blank templates committed in ``workbook_templates/``: language → (file name, placeholder region).
TEMPLATES = {
    "ru": ("template_ru.xlsx", Region("(название субъекта)")),
    "en": ("template_en.xlsx", Region("(region name)")),
}


def write_templates(out: Path, contract_folder: Path | None = None) -> list[Path]:
    """Write the blank native templates (ru, en) into ``out`` and the workbook contract the reader reads
    (:mod:`xl_addin.workbook.contract_file`; into ``contract_folder``, by default the package's own data):
    ``xl-addin templates``."""
    from xl_addin.workbook.contract_file import DATA, write_contract

    written = []
    for lang, (name, region) in TEMPLATES.items():
        target = Path(out) / name
        atomic_write(target, functools.partial(_write_template, region=region, lang=lang))
        written.append(target)
    written.append(write_contract(DATA if contract_folder is None else contract_folder))
    return written
