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
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.errors import XlAddinError, describe_value
from xl_addin.workbook.products_layout import (
    FUNDING,
    INPUT_COLUMNS,
    PRODUCT_ROWS,
    TARGETS,
    Column,
    ColumnKind,
)
from xl_addin.workbook.products_model import FIRST_ROW, cell_valid
from xl_addin.workbook.products_sheet import LETTER

PREFIX = "in_product_"
#: A product row as it is written into the sheet: input column name → value (only the columns the file gives).
ProductEntry = dict[str, Any]
_TEXT_LIMIT = 255
#: Why a number column refuses a value.
_REASONS = {
    ColumnKind.COUNT: "нужно целое число ≥ 0",
    ColumnKind.POSITIVE: "нужно целое число больше 0",
    ColumnKind.MONEY: "нужна сумма в рублях ≥ 0, не больше двух знаков после запятой",
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

    >>> from xl_addin.workbook.products_layout import COLUMN_BY_NAME as C
    >>> parse_value(C["in_product_price"], "1 234,50", "ru"), parse_value(C["in_product_share"], "50", "ru")
    (Decimal('1234.50'), 50)
    >>> parse_value(C["in_product_funding"], "Federal budget", "ru")
    'федеральный бюджет'
    >>> parse_value(C["in_product_units_per_pack"], "0", "ru")
    Traceback (most recent call last):
    ValueError: нужно целое число больше 0
    """
    if column.kind is ColumnKind.TEXT:
        if len(text) > _TEXT_LIMIT:
            raise ValueError(f"длиннее {_TEXT_LIMIT} знаков")
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
    """The products of a CSV file (``;`` or ``,`` separated, UTF-8), checked, in the workbook's language."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ProductListError(f"файл товаров {path}: не прочитан ({error})") from error
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    lines = [(number, line) for number, line in lines if not line.lstrip().startswith("#")]
    if not lines:
        raise ProductListError(f"файл товаров {path}: нет строки заголовков")
    header_line, header_text = lines[0]
    delimiter = ";" if header_text.count(";") >= header_text.count(",") else ","
    known = _column_names()
    header = next(csv.reader([header_text], delimiter=delimiter))
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
    rows = lines[1:]
    if len(rows) > PRODUCT_ROWS:
        raise ProductListError(f"файл товаров {path}: {len(rows)} товаров, а на листе «Товары» {PRODUCT_ROWS} строк")
    entries = (_entry(path, number, line, delimiter, columns, lang) for number, line in rows)
    return tuple(entry for entry in entries if entry)  # a line of bare separators is no product


def fill_rows(sheet: Worksheet, entries: Sequence[ProductEntry]) -> None:
    """Write ``entries`` into the products table of ``sheet`` from its first row down (other cells stay blank)."""
    for row, entry in enumerate(entries, start=FIRST_ROW):
        for name, value in entry.items():
            sheet[f"{LETTER[name]}{row}"] = value


def _entry(path: Path, number: int, line: str, delimiter: str, columns: Sequence[Column], lang: str) -> ProductEntry:
    cells = next(csv.reader([line], delimiter=delimiter))
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
