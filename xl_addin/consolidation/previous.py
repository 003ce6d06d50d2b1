"""Year over year: ``xl-addin refresh … --previous DIR`` compares this campaign's national table with the
national.csv of an earlier refresh (a previous campaign), per region and for the nation.

The previous national.csv is read as a stranger's file (it may have been opened, edited and saved since):
columns are matched by their header text (today's titles, and the older ones of :data:`RENAMED`), regions by
name (case and spaces aside), numbers by their text ("1300", "13,3", "1 300"); a text, a formula, a number
past :data:`~xl_addin.consolidation.table_cells.LARGEST` is shown as a text and not compared.  A folder or
file that cannot be read is a :class:`PreviousCampaignError` raised before anything is written.

The comparison (:func:`compare`) has one row per region and indicator (:data:`KEYS`): last year's value,
this year's, the change and the change in % of last year's value (one decimal, exact, half up), and a flag
when the change exceeds :data:`JUMP_PERCENT` % either way.  The nation's rows (the totals row) come first.
It is written as national_previous.csv (:func:`write_csv`) and as the sheet «Год к году» of national.xlsx
(:func:`add_sheet`).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from xl_addin.consolidation import national
from xl_addin.consolidation.table_cells import BOM, CELL_TEXT_LIMIT, LARGEST, csv_text, number_or_text, write_only_cell
from xl_addin.errors import ArgumentError, describe_value
from xl_addin.files import atomic_write_text, os_reason, shown_name
from xl_addin.workbook.printing import wrapped_lines

#: The file a refresh with ``--previous`` writes beside national.csv.
PREVIOUS_CSV = "national_previous.csv"
SHEET = "Год к году"
#: A change of more than this many % of last year's value, up or down, is flagged (so is any rise from 0).
JUMP_PERCENT = 50
JUMP_UP, JUMP_DOWN = "резкий рост", "резкое снижение"
#: The indicators compared (keys of :func:`xl_addin.consolidation.national.columns`): the base and the plan
#: of ART, its coverage (its change in percentage points), the persons to be treated by the letter's cascade
#: (both ends), the annual kits and the ELISA tests.
KEYS = (
    "in_registered",
    "in_planned_on_art",
    national.COVERAGE,
    "out_treatment_need_range[0]",
    "out_treatment_need_range[1]",
    "out_annual_kits_needed",
    "out_elisa_volume",
)
#: What the column «Показатель» shows for each (short: one line in print; the coverage's change is in points).
LABELS = {
    "in_registered": "Зарегистрировано живущих с ВИЧ",
    "in_planned_on_art": "Планируется лечить (АРТ)",
    national.COVERAGE: "Охват АРТ, % (изменение в п. п.)",
    "out_treatment_need_range[0]": "Подлежат лечению по каскаду: от",
    "out_treatment_need_range[1]": "Подлежат лечению по каскаду: до",
    "out_annual_kits_needed": "Годовых комплектов АРВ",
    "out_elisa_volume": "ИФА: исследований",
}
#: The nation's rows: the sums over the regions in each year's totals (national.csv's totals row).
NATION = "Итого по регионам в итоге"
REGION, STATUS, IN_TOTALS = "region", "status", "in_totals"
_TREATED = "Подлежат лечению по каскаду письма: от … до (13–20 % ожидаемых под наблюдением), человек"
#: Header texts of national.csv written by earlier versions → the column's key; today's titles of the compared
#: columns are found by :func:`national.columns` (add a title here when a header is renamed).
RENAMED: dict[str, str] = {
    "Регион": REGION,
    "Проверки (chk_all)": STATUS,
    national.STATUS_TITLE: STATUS,
    "Проверки": STATUS,
    "В итоге": IN_TOTALS,
    "Зарегистрировано живущих с ВИЧ на территории": "in_registered",
    "Пациентов, которых планируется лечить (АРТ)": "in_planned_on_art",
    "Охват АРТ, % зарегистрированных (план ÷ зарегистрированные)": national.COVERAGE,
    f"{_TREATED} [1]": "out_treatment_need_range[0]",
    f"{_TREATED} [2]": "out_treatment_need_range[1]",
    "Нужно годовых комплектов": "out_annual_kits_needed",
    "ИФА: исследований": "out_elisa_volume",
}
#: The first cell of the totals row (today's and earlier texts); rows after it (the letter's total) are not read.
TOTAL_LABELS = (national.TOTAL_LABEL, "Итого по вошедшим в итог регионам")
HEADER = ("Регион", "Показатель", "Прошлый год", "Этот год", "Изменение", "Изменение в %",
          f"Резкое изменение, > {JUMP_PERCENT} %", "Примечание")  # fmt: skip
#: Column widths of the sheet: A4 landscape one page wide, 11 pt printed at 8 pt or more (tests/refresh/test_previous_print.py).
WIDTHS = (27, 33, 11, 11, 11, 11, 17, 24)
#: The largest previous national.csv read (one of 2,000 regions' rows is about 1 MB).
MAX_BYTES = 32 * 1024 * 1024
#: A text of the previous table is shown cut to this many characters.
SHOWN_TEXT = 100
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?:\D|$))")
_NUMBER = re.compile(r"[+-]?\d{1,20}(?:[.,]\d{1,20})?")
_IN_TOTAL = re.compile(r"регионов в итоге:\s*(\d{1,9})")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class PreviousCampaignError(ArgumentError):
    """``--previous``: the previous campaign's folder or national.csv is missing, unreadable or not a national
    table of xl-addin refresh.  Raised before anything is written; the command exits 2."""


@dataclass(frozen=True)
class Region:
    """One region of a campaign's table: its values of :data:`KEYS` (a number, a text or None)."""

    name: str
    received: bool
    values: dict[str, Any]
    in_totals: bool | None = None
    rows: int = 1  #: rows of the table naming the region (more than one: duplicates, not compared)


@dataclass(frozen=True)
class Campaign:
    """A campaign's national table as compared: regions by :func:`_name_key`, the totals, the keys it has."""

    regions: dict[str, Region]
    total: dict[str, Any]
    keys: frozenset[str]
    in_total: int | None = None
    has_total: bool = True


@dataclass(frozen=True)
class Change:
    """One row of the comparison: a region (or the nation) and an indicator."""

    region: str
    key: str
    previous: Any
    current: Any
    change: int | Decimal | None = None
    percent: Decimal | None = None
    jump: str = ""
    note: str = ""
    nation: bool = False


@dataclass(frozen=True)
class Comparison:
    """The rows of the comparison, the nation's first, then the regions by name."""

    rows: list[Change] = field(default_factory=list)

    @property
    def jumps(self) -> int:
        """How many rows are flagged (:data:`JUMP_PERCENT`)."""
        return sum(bool(row.jump) for row in self.rows)


def _name_key(name: str) -> str:
    """A region's name as matched between years: case and runs of spaces aside.

    >>> _name_key("  г.  Москва ") == _name_key("Г. москва")
    True
    """
    return " ".join(name.split()).casefold()


def _unsafe(text: str) -> str:
    """A cell's text without the apostrophe the outputs put before a formula-looking text (``safe_text``).

    >>> _unsafe("'=HYPERLINK(1)"), _unsafe("'+Плюс"), _unsafe("'сам апостроф")
    ('=HYPERLINK(1)', '+Плюс', "'сам апостроф")
    """
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def parse_cell(text: str) -> Any:
    """A cell of the previous national.csv: an int, a Decimal, None (blank) or a text (anything else).

    >>> parse_cell("1300"), parse_cell("13,3"), parse_cell(" 1 300 "), parse_cell(""), parse_cell("-0,5")
    (1300, Decimal('13.3'), 1300, None, Decimal('-0.5'))
    >>> parse_cell("=1+2"), parse_cell("1e308"), parse_cell("10000000000000000"), parse_cell("'=A1")
    ('=1+2', '1e308', '10000000000000000', '=A1')
    """
    text = text.strip()
    if not text:
        return None
    plain = _THOUSANDS.sub("", text)
    if _NUMBER.fullmatch(plain):
        number = Decimal(plain.replace(",", "."))
        if -LARGEST < number < LARGEST:
            return int(number) if "." not in plain and "," not in plain else number
    return _unsafe(text)


def _value(value: Any) -> Any:
    """This year's value as compared: an int, a finite Decimal, a text or None.

    >>> _value(1300), _value(2.5), _value(True), _value(10**20), _value(Decimal("13.3"))
    (1300, Decimal('2.5'), 'ИСТИНА', 'число вне диапазона', Decimal('13.3'))
    """
    value = number_or_text(value)  # past LARGEST, infinite or NaN: its text
    if isinstance(value, bool):
        return describe_value(value)
    return Decimal(repr(value)) if isinstance(value, float) else value


def _headers() -> dict[str, str]:
    """Header text → key: the earlier texts (:data:`RENAMED`) and today's titles of the compared columns."""
    found = dict(RENAMED)
    found.update({title: key for key, title in national.columns() if key in KEYS})
    return found


def current(rows: Sequence[national.RegionRow]) -> Campaign:
    """This campaign from the rows of its national table (the refresh's own, exact values)."""
    regions: dict[str, Region] = {}
    for row in rows:
        received = row.status != national.NOT_RECEIVED and not row.region.startswith("(")  # "(не прочитан) файл"
        found = Region(row.region, received, {key: _value(row.value(key)) for key in KEYS}, row.in_totals)
        _add(regions, found)
    total = {key: _value(value) for key, value in national.totals(rows).items() if key in KEYS}
    return Campaign(regions, total, frozenset(KEYS), sum(row.in_totals for row in rows))


def _add(regions: dict[str, Region], region: Region) -> None:
    key = _name_key(region.name)
    if key in regions and region.received:
        earlier = regions[key]
        region = Region(region.name, True, {}, None, rows=earlier.rows + 1) if earlier.received else region
    elif key in regions:
        return  # a second row "не получено" or "не прочитан" adds nothing
    regions[key] = region


def read_previous(path: Path) -> Campaign:
    """The previous campaign: ``path`` is the folder of an earlier refresh (its national.csv is read) or that file.

    Raises :class:`PreviousCampaignError` (in Russian, naming the file) when it cannot be read or is not a
    national table; any cell it holds is read, never run.
    """
    path = Path(path)
    file = path / "national.csv" if path.is_dir() else path
    shown = shown_name(str(file))
    if not path.exists():
        raise PreviousCampaignError(f"--previous {shown_name(str(path))}: папка не найдена")
    if not file.is_file():
        raise PreviousCampaignError(
            f"--previous: в папке {shown_name(str(path))} нет national.csv (укажите папку прошлой сводки xl-addin refresh)"
        )
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise PreviousCampaignError(f"--previous: файл {shown} не читается: {os_reason(error)}") from error
    if len(data) > MAX_BYTES:
        raise PreviousCampaignError(f"--previous: файл {shown} больше {MAX_BYTES // 2**20} МБ: это не сводка")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PreviousCampaignError(
            f"--previous: файл {shown} не в кодировке UTF-8 (байт {error.start + 1}); сохраните его как "
            "«CSV UTF-8» или возьмите national.csv, записанный xl-addin refresh"
        ) from error
    return parse_table(text, shown)


def parse_table(text: str, shown: str) -> Campaign:
    """A campaign from the text of a national.csv (``shown``: the file as messages name it).

    >>> table = "Регион;В итоге;ИФА: исследований\\r\\nАлтай;да;1 200\\r\\nИтого по вошедшим в итог регионам;регионов в итоге: 1;1200\\r\\n"
    >>> found = parse_table(table, "national.csv")
    >>> found.regions["алтай"].values["out_elisa_volume"], found.total["out_elisa_volume"], found.in_total
    (1200, 1200, 1)
    """
    delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    too_long = 0
    try:
        lines = list(reader)
        too_long = next(
            (number for number, row in enumerate(lines, start=1) if any(len(c) > CELL_TEXT_LIMIT for c in row)), 0
        )
        if too_long:  # csv's own limit is a process-wide setting: the table's own bound, whatever it is
            raise csv.Error(f"line {too_long}")
    except csv.Error as error:  # csv's own message is English: the line is named instead
        raise PreviousCampaignError(
            f"--previous: файл {shown}, строка {too_long or reader.line_num}: не разбирается как CSV (слишком длинная ячейка "
            "или незакрытые кавычки)"
        ) from error
    start, columns = _header(lines, shown)
    keys = frozenset(key for key in columns if key in KEYS)
    if not keys:
        names = "; ".join(f"«{title}»" for key, title in national.columns() if key in KEYS)
        raise PreviousCampaignError(f"--previous: в файле {shown} нет ни одного сравниваемого столбца ({names})")
    regions: dict[str, Region] = {}
    for row in lines[start + 1 :]:
        cells = {key: (row[index] if index < len(row) else "") for key, index in columns.items()}
        name = _unsafe(cells[REGION].strip())
        if name in TOTAL_LABELS:
            found = _IN_TOTAL.search(" ".join(row[:4]))
            total = {key: parse_cell(cells[key]) for key in keys}
            return Campaign(regions, total, keys, int(found.group(1)) if found else None)
        if name.startswith("Всего по письму"):
            break
        if not name or name.startswith("("):  # a blank row, a file not read: "(не прочитан) файл"
            continue
        values = {key: parse_cell(cells[key]) for key in keys}
        status = cells.get(STATUS)
        received = (
            status.strip() != national.NOT_RECEIVED
            if status is not None
            else any(value is not None for value in values.values())
        )
        in_totals = cells[IN_TOTALS].strip() == "да" if IN_TOTALS in cells else None
        _add(regions, Region(name, received, values, in_totals))
    return Campaign(regions, {}, keys, None, has_total=False)


def _header(lines: list[list[str]], shown: str) -> tuple[int, dict[str, int]]:
    """The header row among the first 20 (the first with «Регион»): its index, and key → column."""
    headers = _headers()
    for start, row in enumerate(lines[:20]):
        columns: dict[str, int] = {}
        for index, cell in enumerate(row):
            key = headers.get(_unsafe(cell.strip()))
            if key is not None and key not in columns:
                columns[key] = index
        if REGION in columns:
            return start, columns
    raise PreviousCampaignError(f"--previous: в файле {shown} нет строки заголовка со столбцом «Регион»")


def percent_change(previous: int | Decimal, now: int | Decimal) -> Decimal | None:
    """The change in % of the previous value, one decimal, exact, half up (None when the previous is 0).

    >>> percent_change(1300, 1500), percent_change(1500, 1300), percent_change(8, 9), percent_change(0, 5)
    (Decimal('15.4'), Decimal('-13.3'), Decimal('12.5'), None)
    """
    if previous == 0:
        return None
    exact = (Fraction(now) - Fraction(previous)) * 100 / abs(Fraction(previous))
    tenths = math.floor(abs(exact) * 10 + Fraction(1, 2))
    return Decimal(tenths if exact >= 0 else -tenths).scaleb(-1)


def jump(previous: int | Decimal, now: int | Decimal) -> str:
    """:data:`JUMP_UP`/:data:`JUMP_DOWN` when the change exceeds :data:`JUMP_PERCENT` % of the previous value
    (exactly, before rounding), and for any rise from 0; else "".

    >>> jump(1000, 1500), jump(1000, 1501), jump(1000, 499), jump(0, 1), jump(0, 0)
    ('', 'резкий рост', 'резкое снижение', 'резкий рост', '')
    """
    change = Fraction(now) - Fraction(previous)
    if previous == 0:
        return JUMP_UP if change > 0 else JUMP_DOWN if change < 0 else ""
    if abs(change) * 100 <= JUMP_PERCENT * abs(Fraction(previous)):
        return ""
    return JUMP_UP if change > 0 else JUMP_DOWN


def _change(region: str, key: str, before: Any, now: Any, notes: list[str], nation: bool = False) -> Change:
    shown_before = before[:SHOWN_TEXT] if isinstance(before, str) else before
    if national.is_number(before) and national.is_number(now):
        if before == 0 and now != 0:
            notes.append("в прошлом году 0: изменение не в процентах")
        return Change(region, key, before, now, now - before, percent_change(before, now), jump(before, now),
                      "; ".join(notes), nation)  # fmt: skip
    for value, year in ((before, "прошлого года"), (now, "этого года")):
        if value is None:
            notes.append(f"нет значения {year}")
        elif not national.is_number(value):
            notes.append(f"значение {year} — не число")
    return Change(region, key, shown_before, now, note="; ".join(notes), nation=nation)


def compare(previous: Campaign, rows: Sequence[national.RegionRow]) -> Comparison:
    """This campaign (the rows of its national table) against ``previous``: the nation first, then the regions."""
    now = current(rows)
    found = [*_nation(previous, now)]
    names = set(previous.regions) | set(now.regions)
    regions = [(previous.regions.get(name), now.regions.get(name)) for name in names]
    regions.sort(key=lambda pair: _name_key((pair[1] or pair[0]).name))  # type: ignore[union-attr]
    for before, after in regions:
        found += _region(previous, before, after)
    return Comparison(found)


def _nation(previous: Campaign, now: Campaign) -> list[Change]:
    counted = "регионов в итоге: {} → {}".format(
        *("?" if count is None else count for count in (previous.in_total, now.in_total))
    )
    found = []
    for key in KEYS:
        if key not in previous.keys:
            found.append(Change(NATION, key, None, now.total.get(key),
                                note="столбца нет в прошлой сводке: не сравнивается", nation=True))  # fmt: skip
            continue
        notes = [counted] if previous.has_total else ["в прошлой сводке нет строки итога"]
        found.append(_change(NATION, key, previous.total.get(key), now.total.get(key), notes, True))
    return found


def _region(previous: Campaign, before: Region | None, after: Region | None) -> list[Change]:
    """The rows of one region: compared when it was received both years, else listed with why not."""
    shown = (after or before).name  # type: ignore[union-attr]
    received_before = before is not None and before.received
    received_now = after is not None and after.received
    if not received_before and not received_now:
        return []  # not received either year (or a file not read): nothing to compare
    why = [*_absent(before, "прошлой", "в прошлом году"), *_absent(after, "этой", "в этом году")]
    found = []
    for key in KEYS:
        was = before.values.get(key) if received_before and before is not None and before.rows == 1 else None
        now = after.values.get(key) if received_now and after is not None and after.rows == 1 else None
        if why:
            found.append(Change(shown, key, was, now, note="; ".join(why)))
        elif key not in previous.keys:
            found.append(Change(shown, key, None, now, note="столбца нет в прошлой сводке: не сравнивается"))
        else:
            notes = [] if after is None or after.in_totals is not False else ["не вошёл в итог этого года"]
            found.append(_change(shown, key, was, now, notes))
    return found


def _absent(region: Region | None, summary: str, year: str) -> list[str]:
    """Why a region's values of one year are not compared: not in that table, not received, or duplicated."""
    if region is None:
        return [f"нет в {summary} сводке"]
    if not region.received:
        return [f"{year} не получено"]
    return [f"в {summary} сводке в {region.rows} строках: не сравнивается"] if region.rows > 1 else []


def table(comparison: Comparison) -> list[list[Any]]:
    """The header and rows of national_previous.csv and the sheet «Год к году»."""
    return [
        list(HEADER),
        *(
            [row.region, LABELS[row.key], row.previous, row.current, row.change, row.percent, row.jump, row.note]
            for row in comparison.rows
        ),
    ]


def write_csv(path: Path, comparison: Comparison) -> None:
    """national_previous.csv: UTF-8 with BOM, ";" separated, decimal commas, formula-safe (as national.csv)."""
    atomic_write_text(path, BOM + csv_text(table(comparison)))


def add_sheet(book: Any, comparison: Comparison) -> None:
    """The sheet «Год к году» of the write-only ``book`` (national.xlsx): the rows of national_previous.csv,
    numbers with thousands separators, a change with its sign, the flag orange, the nation's name bold;
    frozen header and region, an autofilter, the header repeated on every printed page.

    ``write_national_xlsx(…, sheets=[functools.partial(add_sheet, comparison=…)])`` calls it.
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    from xl_addin.workbook.printing import print_one_page_wide

    orange = PatternFill("solid", start_color="FFE0B2", end_color="FFE0B2")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet = book.create_sheet(SHEET)
    print_one_page_wide(sheet)
    sheet.print_title_rows = "1:1"
    sheet.freeze_panes = "C2"
    rows = table(comparison)
    sheet.auto_filter.ref = f"A1:H{len(rows)}"
    for letter, width in zip("ABCDEFGH", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.row_dimensions[1].height = 45  # the header in up to three lines
    sheet.append([write_only_cell(sheet, title, font=bold, alignment=wrap) for title in rows[0]])
    for number, (change, values) in enumerate(zip(comparison.rows, rows[1:], strict=True), start=2):
        font = bold if change.nation else None  # the nation's name bold
        lines = max(wrapped_lines(str(values[index]), WIDTHS[index] - 1) for index in (0, 1, 6, 7))
        if lines > 1:  # neither Excel nor LibreOffice grows a row the file gives no height (printing.fit_row_heights)
            sheet.row_dimensions[number].height = 15 * lines
        cells = []
        for index, value in enumerate(values):
            fill = orange if index == 6 and change.jump else None
            cell = write_only_cell(sheet, value, fill, font if index == 0 else None, wrap)  # a format is its own
            if national.is_number(value) and index >= 2:
                cell.number_format = _format(value, signed=index in (4, 5))
            cells.append(cell)
        sheet.append(cells)


def _format(value: int | Decimal, *, signed: bool) -> str:
    """A number's format: thousands separated, one decimal for a Decimal, a sign for a change.

    >>> _format(1500, signed=False), _format(Decimal("15.4"), signed=True)
    ('#,##0', '+#,##0.0;-#,##0.0;0.0')
    """
    shown, zero = ("#,##0", "0") if isinstance(value, int) else ("#,##0.0", "0.0")
    return f"+{shown};-{shown};{zero}" if signed else shown


def previous_values(comparison: Comparison, key: str) -> dict[str, int]:
    """Region → last year's whole number of one indicator (``key``), for the regions compared (the summary's
    "far from last year" list).

    >>> rows = [Change("Алтай", "out_annual_kits_needed", 100, 160), Change("Итого", "out_annual_kits_needed", 9, 9,
    ...         nation=True), Change("Тыва", "out_annual_kits_needed", "нет", 5)]
    >>> previous_values(Comparison(rows), "out_annual_kits_needed")
    {'Алтай': 100}
    """
    return {
        change.region: change.previous
        for change in comparison.rows
        if change.key == key
        and not change.nation
        and isinstance(change.previous, int)
        and not isinstance(change.previous, bool)
    }
