"""A list of products for the «Товары» sheet, read from a CSV file: ``xl-addin generate --products FILE.csv``.

The file has a header row naming its columns (the workbook's column names without
``in_product_`` — ``code``, ``name``, ``covers``, ``share``, ``units_per_pack``, … — or the
sheet's own headers, «Код», «Наименование …»), then one row per product; lines starting
with ``#`` are comments (the shipped example, ``workbook_templates/products-example.csv``,
says in them that it is an example to check).  Columns left out stay blank in the
workbook; every value is checked as the sheet's validation would, and a bad one stops
the generation with the file, line, column and value in the message.  Not from the letter.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "p.csv"
>>> _ = path.write_text("# пример\\ncode;name;covers;units_per_pack\\nE1;ИФА ВИЧ;ИФА: исследований;96\\n", "utf-8")
>>> read_product_list(path, "ru")[0]["in_product_units_per_pack"]
96
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.core.numbers import MAX_COUNT_TEXT, MAX_PRICE_TEXT
from xl_addin.errors import XlAddinError, describe_value
from xl_addin.request.products_layout import (
    FUNDING,
    INPUT_COLUMNS,
    PRODUCT_ROWS,
    TARGETS,
    Column,
    ColumnKind,
)
from xl_addin.request.products_model import FIRST_ROW, cell_valid
from xl_addin.workbook.cells import MAX_LIST_FILE_BYTES, put, text_problem
from xl_addin.workbook.products_formulas import LETTER

PREFIX = "in_product_"
#: A product row as it is written into the sheet: input column name → value (only the columns the file gives).
ProductEntry = dict[str, Any]
#: The largest product list read (a list of 60 products is a few kilobytes): a larger file is refused unread.
MAX_FILE_BYTES = MAX_LIST_FILE_BYTES
#: Why a number column refuses a value.
_REASONS = {
    ColumnKind.COUNT: f"нужно целое число ≥ 0 и не больше {MAX_COUNT_TEXT}",
    ColumnKind.POSITIVE: f"нужно целое число больше 0 и не больше {MAX_COUNT_TEXT}",
    ColumnKind.MONEY: f"нужна сумма в рублях ≥ 0, не больше двух знаков после запятой и не больше {MAX_PRICE_TEXT}",
    ColumnKind.SHARE: "нужен процент больше 0 и не больше 100",
}


class ProductListError(XlAddinError):
    """A product list file (``--products``) cannot be read or holds a value the products sheet would refuse."""


def _column_names() -> dict[str, Column]:
    """Every spelling of a column a header may use (case-folded): short name, full name, ru and en headers."""
    names: dict[str, Column] = {}
    for column in INPUT_COLUMNS:
        for spelling in (column.name, column.name.removeprefix(PREFIX), column.ru, column.en):
            names[spelling.casefold()] = column
    return names


def _choices(column: Column, lang: str) -> dict[str, str]:
    """A drop-down's texts in both languages (case-folded) → the text in the workbook's language."""
    if column.name == "in_product_covers":
        return {text.casefold(): t.label(lang) for t in TARGETS for text in (t.ru, t.en)}
    return {text.casefold(): (ru if lang == "ru" else en) for _, ru, en in FUNDING for text in (ru, en)}


def _number(text: str) -> Decimal:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("не число") from None
    if not value.is_finite():
        raise ValueError("не число")
    return value


def parse_value(column: Column, text: str, lang: str) -> Any:
    """A cell's text as the sheet takes it, or ValueError with the reason in Russian.

    >>> from xl_addin.request.products_layout import COLUMN_BY_NAME as C
    >>> parse_value(C["in_product_price"], "1 234,50", "ru"), parse_value(C["in_product_share"], "50", "ru")
    (Decimal('1234.50'), 50)
    >>> parse_value(C["in_product_funding"], "Federal budget", "ru")
    'федеральный бюджет'
    >>> parse_value(C["in_product_units_per_pack"], "0", "ru")
    Traceback (most recent call last):
    ValueError: нужно целое число больше 0 и не больше 1 000 000 000
    """
    if column.kind is ColumnKind.TEXT:
        problem = text_problem(text, line_breaks=column.name == "in_product_name")
        if problem is not None:
            raise ValueError(problem)
        return text
    if column.kind is ColumnKind.CHOICE:
        found = _choices(column, lang).get(text.casefold())
        if found is None:
            raise ValueError("нет в списке выбора листа «Товары»")
        return found
    value = _number(text)
    # the sheet's own rule for the column (the model of its validation), and for a price whole kopecks
    kopecks = value * 100
    if not cell_valid(column.kind, value) or (
        column.kind is ColumnKind.MONEY and kopecks != kopecks.to_integral_value()
    ):
        raise ValueError(_REASONS[column.kind])
    if column.kind is ColumnKind.MONEY or value != value.to_integral_value():
        return value
    return int(value)


def read_product_list(path: Path, lang: str) -> tuple[ProductEntry, ...]:
    """The products of a CSV file (``;`` or ``,`` separated, UTF-8), checked, in the workbook's language.

    The whole text is parsed as CSV (a quoted field may hold a line break); a message names the line a row starts on.
    """
    text = _text(Path(path))
    rows = _rows(path, text)
    if not rows:
        raise ProductListError(f"файл товаров {path}: нет строки заголовков")
    (header_line, header), products = rows[0], rows[1:]
    known = _column_names()
    columns: list[Column] = []
    for title in header:
        column = known.get(title.strip().casefold())
        if column is None:
            raise ProductListError(
                f"файл товаров {path}, строка {header_line}: столбец {describe_value(title.strip())} не известен; "
                f"нужны имена: {', '.join(c.name.removeprefix(PREFIX) for c in INPUT_COLUMNS)}"
            )
        if column in columns:
            raise ProductListError(f"файл товаров {path}, строка {header_line}: столбец «{title.strip()}» повторяется")
        columns.append(column)
    if len(products) > PRODUCT_ROWS:
        raise ProductListError(
            f"файл товаров {path}: {len(products)} товаров, а на листе «Товары» {PRODUCT_ROWS} строк"
        )
    entries: list[ProductEntry] = []
    codes: dict[str, int] = {}  # a code as refresh compares it (case-folded, stripped) → the line it is on
    for number, cells in products:
        entry = _entry(path, number, cells, columns, lang)
        if not entry:  # a line of bare separators is no product
            continue
        code = str(entry.get("in_product_code", "")).strip().casefold()
        if code and code in codes:
            raise ProductListError(
                f"файл товаров {path}, строки {codes[code]} и {number}: код {describe_value(entry['in_product_code'])}"
                " повторяется (коды сравниваются без учёта регистра и пробелов по краям, как в сводке)"
            )
        codes.setdefault(code, number)
        entries.append(entry)
    return tuple(entries)


def _text(path: Path) -> str:
    """The file's text, or :class:`ProductListError` saying in Russian why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProductListError(
                f"файл товаров {path}: {size} байт — больше {MAX_FILE_BYTES} байт (список из {PRODUCT_ROWS} товаров"
                " занимает несколько килобайт); это не список товаров"
            )
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        reason = "файла нет"
    except IsADirectoryError:
        reason = "это папка, а нужен файл CSV"
    except PermissionError:
        reason = "нет прав на чтение"
    except UnicodeDecodeError:
        reason = "текст не в кодировке UTF-8 (сохраните как «CSV UTF-8»)"
    except OSError as error:
        reason = f"ошибка чтения (код {error.errno})"
    raise ProductListError(f"файл товаров {path}: не прочитан ({reason})")


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """The file's rows with the line each starts on (1-based), blank rows and ``#`` comment lines left out.

    The delimiter is the header line's: ``;`` unless it holds more commas.
    """
    lines = io.StringIO(text, newline="")
    at_row_start, first_line, number = True, 0, 0

    def physical_lines() -> Iterator[str]:
        nonlocal first_line, number, at_row_start
        for line in lines:
            number += 1
            if at_row_start:
                if not line.strip() or line.lstrip().startswith("#"):
                    continue  # a comment or blank line between rows (inside a quoted field a line is the field's)
                first_line, at_row_start = number, False
            yield line

    header_text = next(
        (line for line in io.StringIO(text, newline="") if line.strip() and not line.lstrip().startswith("#")), ""
    )
    delimiter = ";" if header_text.count(";") >= header_text.count(",") else ","
    reader = csv.reader(physical_lines(), delimiter=delimiter, strict=True)  # an unclosed quote is an error
    rows: list[tuple[int, list[str]]] = []
    while True:
        at_row_start = True
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error:
            raise ProductListError(
                f"файл товаров {path}, строка {first_line}: не разобрать как CSV (кавычка не закрыта"
                f" или значение длиннее {csv.field_size_limit()} знаков)"
            ) from None
        if any(cell.strip() for cell in cells):
            rows.append((first_line, cells))


def fill_rows(sheet: Worksheet, entries: Sequence[ProductEntry]) -> None:
    """Write ``entries`` into the products table of ``sheet`` from its first row down (other cells stay blank)."""
    for row, entry in enumerate(entries, start=FIRST_ROW):
        for name, value in entry.items():
            put(sheet[f"{LETTER[name]}{row}"], value)  # a code or name starting with "=" stays a text


def _entry(path: Path, number: int, cells: list[str], columns: Sequence[Column], lang: str) -> ProductEntry:
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        raise ProductListError(f"файл товаров {path}, строка {number}: значений больше, чем столбцов в заголовке")
    entry: ProductEntry = {}
    for column, cell in zip(columns, cells, strict=False):
        text = cell.strip()
        if not text:
            continue
        try:
            entry[column.name] = parse_value(column, text, lang)
        except ValueError as error:
            raise ProductListError(
                f"файл товаров {path}, строка {number}, столбец «{column.header('ru')}» = {describe_value(text)}: {error}"
            ) from None
    if entry and "in_product_covers" not in entry:
        raise ProductListError(f"файл товаров {path}, строка {number}: не указано, что покрывает товар (covers)")
    return entry
