"""Appendix 2, the estimate of persons needing ART, and the letter's 2006 table by subject.

"Были использованы следующие значения оценочного процента пациентов,
нуждающихся в лечении: через 1 год после выявления - 1%, через 2 - 3%, …
через 10 - 100%."  The table "Расчётное количество лиц, нуждающихся в АРТ,
в 2006 году" ships as ``data/art-need-2006-by-region.csv`` (spellings as published).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from xl_addin.core import coefficients as k
from xl_addin.core.numbers import count, counts, round_half_up
from xl_addin.errors import InputError, UnknownSubjectError

#: Sum of the published table ("Всего в Российской Федерации 58333").
PUBLISHED_TOTAL_2006 = 58333

#: Known misspellings in the published table, so that a user typing the correct
#: name finds the row (docs/interpretation.md, A7).
CORRECT_SPELLINGS = {"Республика Башкортостан": "Республика Башкорстан"}

#: Row 1 of the table, "Без определенного места жительства": counted in the total, not a subject.
NOT_A_SUBJECT_ROW = 1

#: Words that only say what kind of subject it is; a name without them still
#: matches when exactly one subject fits ("Татарстан" → "Республика Татарстан").
_KIND_WORDS = re.compile(r"\b(республика|область|край|ао|г)\b")

#: Full words and the table's abbreviations are the same ("автономный округ" = "АО", "город" = "г.");
#: applied to a casefolded name (docs/interpretation.md, A20).
_ABBREVIATIONS = (
    (re.compile(r"\bавтономн(?:ый|ого)\s+округ(?:а)?\b"), "ао"),
    (re.compile(r"\bавтономн(?:ая|ой)\s+област(?:ь|и)\b"), "ао"),
    (re.compile(r"\bгород\b"), "г"),
)

#: A second name today's official names carry after a spaced dash or in brackets
#: ("Кемеровская область — Кузбасс", "Республика Адыгея (Адыгея)"); tried without it when the full name fails.
_SECOND_NAME = re.compile(r"\s*\([^()]*\)|\s+[-‐‑‒–—―]+\s+[^()]*$")


def art_need_coefficient(years_since_detection: Any) -> Fraction:
    """Share of persons needing ART a given number of whole years after detection.

    0 years → 0; 1…9 → 1 %, 3 %, 7 %, 10 %, 14 %, 35 %, 50 %, 70 %, 95 %; 10 and more → 100 %.

    >>> [float(art_need_coefficient(n)) for n in (0, 1, 6, 9, 10, 25)]
    [0.0, 0.01, 0.35, 0.95, 1.0, 1.0]
    """
    years = count(years_since_detection, "years_since_detection")
    if years == 0:
        return Fraction(0)
    return k.ART_NEED_BY_YEARS[min(years, len(k.ART_NEED_BY_YEARS)) - 1].value


def art_need_estimate(registered_by_years_since_detection: Any) -> int:
    """Persons needing ART: Σ countₖ × coefficient(k), cell k = registered living persons detected k years ago.

    A range longer than 10 cells counts every cell from the 10th on at 100 %.

    >>> art_need_estimate([100] * 10)  # 100 × (1+3+7+10+14+35+50+70+95+100) % = 385
    385
    >>> art_need_estimate([50, 50])  # 0,5 + 1,5 = 2
    2
    """
    registered = counts(registered_by_years_since_detection, "registered_by_years_since_detection")
    need = sum(
        (persons * art_need_coefficient(years) for years, persons in enumerate(registered, 1)),
        Fraction(0),
    )
    return round_half_up(need)


@dataclass(frozen=True)
class Subject:
    """One row of the letter's 2006 table."""

    number: int
    name: str
    art_need_2006: int


@cache
def subjects_2006() -> tuple[Subject, ...]:
    """The 90 rows of the letter's table, in the published order.

    >>> rows = subjects_2006()
    >>> len(rows), rows[1].name, rows[1].art_need_2006
    (90, 'Республика Башкорстан', 630)
    """
    data = resources.files("xl_addin.core").joinpath("data/art-need-2006-by-region.csv")
    # a Traversable's open() promises only mode and encoding: the csv module's newline="" goes to the wrapper
    with io.TextIOWrapper(data.open("rb"), encoding="utf-8", newline="") as stream:
        return tuple(
            Subject(int(row["no"]), row["subject"], int(row["art_need_2006"])) for row in csv.DictReader(stream)
        )


def normalize_subject(name: str) -> str:
    """Case, spaces, dashes, dots and ё/е do not matter when a subject is looked up.

    >>> normalize_subject("Республика Северная Осетия — Алания")
    'республикасевернаяосетияалания'
    """
    folded = name.casefold().replace("ё", "е")
    return re.sub(r"[\s\-‐‑‒–—―.,()]+", "", folded)


def _canonical(name: str) -> str:
    """Casefolded, with "автономный округ", "автономная область" → "ао" and "город" → "г".

    >>> _canonical("Еврейская автономная область"), _canonical("город Москва")
    ('еврейская ао', 'г москва')
    """
    folded = name.casefold().replace("ё", "е")
    for pattern, short in _ABBREVIATIONS:
        folded = pattern.sub(short, folded)
    return folded


def _key(name: str) -> str:
    return normalize_subject(_canonical(name))


def _without_kind(name: str) -> str:
    return normalize_subject(_KIND_WORDS.sub(" ", _canonical(name)))


@dataclass(frozen=True)
class SubjectMatch:
    """What a name stands for in the letter's 2006 table: one row, or the rows of subjects merged since.

    ``name`` is the table's name for one row, today's name for a merged subject; ``note`` (Russian)
    says which rows a merged subject covers and that its 2006 figure is their sum, and is empty
    for one row (docs/interpretation.md, A20).
    """

    name: str
    rows: tuple[Subject, ...]
    note: str = ""

    @property
    def art_need_2006(self) -> int:
        """The letter's 2006 figure: the row's, or the sum of the merged subject's rows."""
        return sum(row.art_need_2006 for row in self.rows)

    @property
    def numbers(self) -> tuple[int, ...]:
        """Row numbers of the letter's table."""
        return tuple(row.number for row in self.rows)


@dataclass(frozen=True)
class Merger:
    """A subject of today formed from several subjects of the 2006 table."""

    name: str
    rows: tuple[int, ...]
    since: str


#: Subjects merged since the letter, with the rows of the 2006 table they cover
#: (docs/interpretation.md, A20).  A name that is also a row of the table ("Красноярский
#: край", "Иркутская область") keeps the letter's row and figure; the note names the rows added since.
MERGERS = (
    Merger("Пермский край", (57, 90), "1 декабря 2005 г."),
    Merger("Красноярский край", (20, 80, 84), "1 января 2007 г."),
    Merger("Камчатский край", (39, 85), "1 июля 2007 г."),
    Merger("Иркутская область", (35, 77), "1 января 2008 г."),
    Merger("Забайкальский край", (71, 76), "1 марта 2008 г."),
)


def _merged(merger: Merger) -> SubjectMatch:
    """The match of a merged subject, with its note.

    >>> print(_merged(MERGERS[0]).note)
    Пермский край (с 1 декабря 2005 г.) в таблице 2006 г. — строки 57 «Пермская область» и 90 «Коми-Пермяцкий АО»; число 2006 г. — их сумма: 886 + 2 = 888.
    """
    rows = tuple(subjects_2006()[number - 1] for number in merger.rows)
    listed = [f"{row.number} «{row.name}»" for row in rows]
    covered = ", ".join(listed[:-1]) + " и " + listed[-1]
    arithmetic = " + ".join(str(row.art_need_2006) for row in rows)
    total = sum(row.art_need_2006 for row in rows)
    note = (
        f"{merger.name} (с {merger.since}) в таблице 2006 г. — строки {covered}; "
        f"число 2006 г. — их сумма: {arithmetic} = {total}."
    )
    same = [row for row in rows if _key(row.name) == _key(merger.name)]
    if same:  # the letter names this subject itself: its row and figure stand, the letter is the source
        row = same[0]
        note = (
            f"{merger.name}: число письма — строка {row.number}, {row.art_need_2006}; в сегодняшних границах "
            f"(с {merger.since}) это строки {covered}: {arithmetic} = {total}."
        )
        return SubjectMatch(row.name, (row,), note)
    return SubjectMatch(merger.name, rows, note)


@cache
def _index() -> tuple[dict[str, SubjectMatch], dict[str, list[SubjectMatch]]]:
    by_name = {_key(s.name): SubjectMatch(s.name, (s,)) for s in subjects_2006()}
    by_core: dict[str, list[SubjectMatch]] = {}
    for match in list(by_name.values()):
        by_core.setdefault(_without_kind(match.name), []).append(match)
    for subject in subjects_2006():  # the table's own second names may be left out too
        short = _SECOND_NAME.sub("", subject.name).strip()
        if short != subject.name:
            by_name.setdefault(_key(short), by_name[_key(subject.name)])
            by_core.setdefault(_without_kind(short), []).append(by_name[_key(subject.name)])
    for correct, published in CORRECT_SPELLINGS.items():
        by_name[_key(correct)] = by_name[_key(published)]
        by_core.setdefault(_without_kind(correct), []).append(by_name[_key(published)])
    for merger in MERGERS:  # today's name; a row of the same name keeps its own figure, with the note
        merged = _merged(merger)
        by_name[_key(merger.name)] = merged
        by_core[_without_kind(merger.name)] = [merged]
    return by_name, by_core


def lookup_subject(name: str) -> SubjectMatch | None:
    """The subject a name means, or None: the full name, then without its kind word, then both again without a
    second name.  Unlike :func:`find_subject` it raises nothing and suggests nothing (no difflib: a list of 2,000
    names the table does not know costs nothing).

    >>> lookup_subject("Тульская область").art_need_2006, lookup_subject("Атлантида")
    (626, None)
    """
    by_name, by_core = _index()
    shortened = _SECOND_NAME.sub("", name).strip()
    for candidate in dict.fromkeys((name, shortened)):
        if not candidate:
            continue
        if _key(candidate) in by_name:
            return by_name[_key(candidate)]
        fits = by_core.get(_without_kind(candidate), [])
        if len(fits) == 1:
            return fits[0]
    return None


def _nearest_names(query: str, names: list[str], most: int = 3) -> list[str]:
    """Names close to ``query``, keeping only those nearly as close as the best one."""
    key, core = _key(query), _without_kind(query)

    def closeness(name: str) -> float:  # the whole name, or the name without its kind word, whichever is closer
        whole = difflib.SequenceMatcher(None, key, _key(name)).ratio()
        return max(whole, difflib.SequenceMatcher(None, core, _without_kind(name)).ratio()) if core else whole

    scored = sorted(((closeness(name), name) for name in names), key=lambda pair: -pair[0])
    containing = [name for name in names if key and key in _key(name)]
    if len(containing) > 1:
        return containing[:most]
    if not scored or scored[0][0] < 0.5:
        return []
    best = scored[0][0]
    return [name for score, name in scored[:most] if score >= best - 0.05]


def find_subject_rows(subject: Any, argument: str = "subject") -> SubjectMatch:
    """The row(s) of the 2006 table a name or a row number 1–90 stands for (docs/interpretation.md, A7, A20).

    Today's name of a subject merged since 2006 gives the rows of the subjects it was made of,
    with their sum and a note; a name the table itself lists, and a row number, give that row.

    >>> match = find_subject_rows("Пермский край")
    >>> match.numbers, match.art_need_2006  # 886 + 2
    ((57, 90), 888)
    >>> find_subject_rows("Красноярский край").art_need_2006, find_subject_rows(20).art_need_2006  # the letter's row
    (840, 840)
    >>> find_subject_rows("Ханты-Мансийский автономный округ — Югра").name
    'Ханты-Мансийский АО'
    >>> find_subject_rows(35).note
    ''
    """
    rows = subjects_2006()
    if isinstance(subject, str) and subject.strip():
        found = lookup_subject(subject)
        if found is not None:
            return found
        names = [s.name for s in rows] + list(CORRECT_SPELLINGS) + [merger.name for merger in MERGERS]
        raise UnknownSubjectError(argument, subject, _nearest_names(subject, list(dict.fromkeys(names))))
    number = count(subject, argument)
    if not 1 <= number <= len(rows):
        raise InputError(argument, subject, f"номер строки таблицы должен быть от 1 до {len(rows)}")
    row = rows[number - 1]
    return SubjectMatch(row.name, (row,))


def find_subject(subject: Any, argument: str = "subject") -> Subject | SubjectMatch:
    """A row of the 2006 table by name or by row number 1–90; for today's name of a merged subject,
    its :class:`SubjectMatch` (rows, summed ``art_need_2006``, note) — docs/interpretation.md, A20.

    Both answers have ``name`` and ``art_need_2006``.

    >>> find_subject("г. Санкт-Петербург").art_need_2006
    3916
    >>> find_subject("республика башкортостан").number
    2
    >>> find_subject("Татарстан").name, find_subject("Башкортостан").name
    ('Республика Татарстан', 'Республика Башкорстан')
    >>> find_subject(73.0).name
    'г. Москва'
    >>> find_subject("Забайкальский край").art_need_2006  # rows 71 + 76: 182 + 1
    183
    """
    match = find_subject_rows(subject, argument)
    return match.rows[0] if len(match.rows) == 1 and not match.note else match


def art_need_2006(subject: Any) -> int:
    """The letter's published 2006 estimate of persons needing ART for a subject (name or row number);
    for today's name of a merged subject, the sum of its rows (docs/interpretation.md, A20).

    >>> art_need_2006("Тульская область")
    626
    >>> art_need_2006("Иркутская область"), art_need_2006("Пермский край")  # the letter's row 35; rows 57 + 90
    (4066, 888)
    """
    return find_subject_rows(subject).art_need_2006


def published_total_2006() -> int:
    """The letter's "Всего в Российской Федерации 58333", checked against the sum of the shipped table.

    >>> published_total_2006()
    58333
    """
    shipped = sum(row.art_need_2006 for row in subjects_2006())
    if shipped != PUBLISHED_TOTAL_2006:
        raise ValueError(
            f"таблица 2006 г. в пакете повреждена: сумма строк {shipped}, а в письме {PUBLISHED_TOTAL_2006}"
        )
    return shipped


def not_a_subject_row() -> Subject:
    """Row 1 of the table, persons "без определенного места жительства": in the total, not a region.

    >>> not_a_subject_row()
    Subject(number=1, name='Без определенного места жительства', art_need_2006=561)
    """
    return subjects_2006()[NOT_A_SUBJECT_ROW - 1]
