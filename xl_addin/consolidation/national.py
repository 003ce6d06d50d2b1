"""The national consolidation: national.xlsx (with a chart) and national.csv (cells: :mod:`~xl_addin.consolidation.table_cells`).

One row per region of the region list, sorted by region; regions that sent
nothing are listed as not received.  A region enters the totals when its
workbook was read, is the only one for the region and every input is valid
(docs/refresh-guide.md); a total never hides a missing number: a column where
an included region has no number shows why instead of a partial sum.  Below the
totals, the letter's own total of 2006 (docs/interpretation.md, N2).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from xl_addin.consolidation.table_cells import BOM, csv_text
from xl_addin.core import art_need, arv_drugs
from xl_addin.core import coefficients as k
from xl_addin.core.severity import Severity
from xl_addin.errors import InputError
from xl_addin.files import atomic_write_text
from xl_addin.request.layout import INPUT_BY_NAME, RESULTS

NOT_RECEIVED = "не получено"
#: The status of a workbook nobody has filled in (:mod:`~xl_addin.consolidation.untouched`): information, not an error.
NOT_FILLED = "не заполнена"
#: The totals row: sums over the regions in the totals (docs/interpretation.md, N1).
TOTAL_LABEL = "Итого по вошедшим в итог регионам"
PUBLISHED_2006 = "published_2006"
#: The inputs behind the results that the federal centre reads per region: Appendix 2 §1's base and plan, and the
#: cascade's first steps (issue 20).  Shown as typed; a region enters the totals only with every input valid.
SHOWN_INPUTS = ("in_registered", "in_detected_cumulative", "in_on_art", "in_planned_on_art")
#: ART coverage: planned on ART in % of the registered living with HIV, one decimal (``arv_drugs.coverage_percent``),
#: and where it stands against the 13–20 % band (``arv_drugs.coverage_band``).
COVERAGE, COVERAGE_BAND = "coverage", "coverage_band"
#: The last column: how many warnings (severity "предупреждение") the region's file has in problems.csv.
WARNINGS_TITLE = "Предупреждений"
#: The status column: the region's ``chk_all`` ("OK" or how many checks failed), or why it has none ("не получено").
STATUS_TITLE = "Проверки: ошибок"


@functools.cache
def columns() -> tuple[tuple[str, str], ...]:
    """(key, Russian header) of every column after the region's own: the inputs behind the results, the ART
    coverage and its band, then every result (the 2006 figure beside the estimate).

    >>> [title for _, title in columns()[:6]]  # doctest: +NORMALIZE_WHITESPACE
    ['Зарегистрировано живущих с ВИЧ на территории', 'Выявлено случаев ВИЧ-инфекции, нарастающим итогом',
     'B: лиц, получающих АРТ в отчётном году', 'Пациентов, которых планируется лечить (АРТ)',
     'Охват АРТ, % зарегистрированных (план ÷ зарегистрированные)', 'Охват АРТ против 13–20 % (Прил. 2 §1)']
    """
    found: list[tuple[str, str]] = [(name, INPUT_BY_NAME[name].ru) for name in SHOWN_INPUTS]
    found += [
        (COVERAGE, "Охват АРТ, % зарегистрированных (план ÷ зарегистрированные)"),
        (COVERAGE_BAND, f"Охват АРТ против {k.ART_NEED_LOW.percent}–{k.ART_NEED_HIGH.percent} % (Прил. 2 §1)"),
    ]
    for result in RESULTS:
        if result.cells == 1:
            found.append((result.name, result.ru))
        else:
            found += [(f"{result.name}[{part}]", f"{result.ru} [{part + 1}]") for part in range(result.cells)]
        if result.name == "out_art_need_estimate":
            found.append((PUBLISHED_2006, "Опубликовано в письме на 2006 г."))
    return tuple(found)


@dataclass(frozen=True)
class RegionRow:
    """One region of the consolidation: only what the table shows (one value per column), so that a
    run of thousands of workbooks keeps a few hundred bytes per workbook, not its report."""

    region: str
    file: str
    status: str
    in_totals: bool
    cells: tuple[Any, ...]
    #: Problem rows of severity "предупреждение" of the region's file (the column ``WARNINGS_TITLE``);
    #: None for a region that sent nothing.
    warnings: int | None = None
    #: Problem rows of severity "ошибка" of the region's file, beside its failed checks (an unknown region,
    #: a wrong 2006 figure): not a column, it only colours the status cell red.
    errors: int = 0

    @classmethod
    def of(
        cls,
        region: str,
        file: str,
        status: str,
        in_totals: bool,
        values: Mapping[str, Any],
        published_2006: int | None,
        *,
        warnings: int | None = None,
        errors: int = 0,
    ) -> RegionRow:
        """The row of a region from the core's values (name → value, a list for a range).

        >>> row = RegionRow.of("Алтай", "a.xlsx", "OK", True, {"out_elisa_volume": 1200}, 300, warnings=2)
        >>> row.value("out_elisa_volume"), row.value(PUBLISHED_2006), row.value("out_art_need_range[1]")
        (1200, 300, None)
        >>> row.severity
        <Severity.WARNING: 'предупреждение'>
        """
        cells = tuple(_pick(values, published_2006, key) for key, _ in columns())
        return cls(region, file, status, in_totals, cells, warnings, errors)

    def value(self, key: str) -> Any:
        """The value of one column (a key of ``columns()``)."""
        return self.cells[_column_index()[key]]

    @property
    def severity(self) -> Severity | None:
        """The most serious finding of the region: an error (a failed check, ``chk_all`` not "OK", or an error
        row such as an unknown region), a warning alone, or None (clean, or nothing received).

        >>> [RegionRow.of("А", "a.xlsx", status, True, {}, None, warnings=1, errors=errors).severity
        ...  for status, errors in (("OK", 0), ("2", 0), ("OK", 1))]
        [<Severity.WARNING: 'предупреждение'>, <Severity.ERROR: 'ошибка'>, <Severity.ERROR: 'ошибка'>]
        >>> RegionRow.of("А", "", NOT_RECEIVED, False, {}, None).severity is None
        True
        """
        if self.status in (NOT_RECEIVED, NOT_FILLED):
            return None
        if self.status != "OK" or self.errors:
            return Severity.ERROR
        return Severity.WARNING if self.warnings else None


@functools.cache
def _column_index() -> dict[str, int]:
    return {key: index for index, (key, _) in enumerate(columns())}


def _pick(values: Mapping[str, Any], published_2006: int | None, key: str) -> Any:
    if key == PUBLISHED_2006:
        return published_2006
    if key in (COVERAGE, COVERAGE_BAND):
        return _coverage(key, values.get("in_planned_on_art"), values.get("in_registered"))
    if key.endswith("]"):
        name, part = key[:-1].split("[")
        value = values.get(name)
        return value[int(part)] if isinstance(value, list) else None
    return values.get(key)


def _coverage(key: str, planned: Any, registered: Any) -> Any:
    """The coverage (a Decimal) or its band (a text) of a plan, or None where the inputs do not give one.

    >>> _coverage(COVERAGE, 150, 1000), _coverage(COVERAGE_BAND, 250, 1000), _coverage(COVERAGE, 150, 0)
    (Decimal('15.0'), 'выше 20 %', None)
    """
    try:
        if key == COVERAGE:
            return arv_drugs.coverage_percent(planned, registered)
        return arv_drugs.coverage_band(planned, registered)
    except InputError:
        return None


def is_number(value: Any) -> bool:
    """A count or a coverage the table can sum and format, not a text, a flag or nothing."""
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def totals(rows: Sequence[RegionRow]) -> dict[str, Any]:
    """Each column's sum over the regions in the totals, or a text saying why there is none."""
    included = [row for row in rows if row.in_totals]
    found: dict[str, Any] = {}
    for key, _ in columns():
        values = [row.value(key) for row in included]
        if key == PUBLISHED_2006:
            found[key] = sum(value for value in values if is_number(value))
            continue
        if key in (COVERAGE, COVERAGE_BAND):  # the nation's: Σ planned ÷ Σ registered, not a sum of percents
            planned, registered = found.get("in_planned_on_art"), found.get("in_registered")
            found[key] = _coverage(key, planned, registered) if is_number(planned) and is_number(registered) else None
            continue
        missing = sum(not is_number(value) for value in values)
        found[key] = sum(values) if missing == 0 else f"нет итога: не вычислено у {missing} рег."
    return found


def letter_total() -> list[Any]:
    """The letter's own total of 2006 (docs/interpretation.md, N2): "Всего в Российской Федерации 58333",
    which counts row 1 "Без определенного места жительства" (not a region); other result cells blank.

    Both numbers come from the shipped table, whose rows must add up to the letter's total.

    >>> row = letter_total()
    >>> row[:2]
    ['Всего по письму (в т. ч. 561 без определенного места жительства)', '«Всего в Российской Федерации»: строки 1–90 таблицы 2006 г.']
    >>> [value for value in row[4:] if value is not None]
    [58333]
    """
    outside = art_need.not_a_subject_row()
    rows = len(art_need.subjects_2006())
    return [
        f"Всего по письму (в т. ч. {outside.art_need_2006} {outside.name[:1].lower()}{outside.name[1:]})",
        f"«Всего в Российской Федерации»: строки 1–{rows} таблицы 2006 г.",
        "",
        "",
        *(art_need.published_total_2006() if key == PUBLISHED_2006 else None for key, _ in columns()),
        None,
    ]


def table(rows: Sequence[RegionRow]) -> list[list[Any]]:
    """Header, one row per region, the totals row over the regions in the totals, then the letter's own
    total (``letter_total``): the same rows in national.xlsx and national.csv.

    The last column counts the warnings of the region's file (blank for a region that sent nothing).

    >>> header, total, letter = table([])
    >>> total[:2], letter[0], header[-1]
    (['Итого по вошедшим в итог регионам', 'регионов в итоге: 0'], 'Всего по письму (в т. ч. 561 без определенного места жительства)', 'Предупреждений')
    """
    header = ["Регион", "Файл", STATUS_TITLE, "В итоге", *(title for _, title in columns()), WARNINGS_TITLE]
    body = [
        [
            row.region,
            row.file,
            row.status,
            "да" if row.in_totals else "нет",
            *(row.value(key) for key, _ in columns()),
            row.warnings,
        ]
        for row in rows
    ]
    included = sum(row.in_totals for row in rows)
    summary = totals(rows)
    total = [TOTAL_LABEL, f"регионов в итоге: {included}", "", "", *(summary[key] for key, _ in columns()), ""]
    return [header, *body, total, letter_total()]


def write_national_csv(path: Path, rows: Sequence[RegionRow]) -> None:
    """national.csv: the rows of national.xlsx."""
    atomic_write_text(path, BOM + csv_text(table(rows)))
