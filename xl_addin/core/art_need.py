"""Appendix 2, the estimate of persons needing ART, and the letter's 2006 table by subject.

"Были использованы следующие значения оценочного процента пациентов,
нуждающихся в лечении: через 1 год после выявления - 1%, через 2 - 3%, …
через 10 - 100%."  The table "Расчётное количество лиц, нуждающихся в АРТ,
в 2006 году" ships as ``data/art-need-2006-by-region.csv`` (spellings as published).
"""

from __future__ import annotations

import csv
import difflib
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

#: Words that only say what kind of subject it is; a name without them still
#: matches when exactly one subject fits ("Татарстан" → "Республика Татарстан").
_KIND_WORDS = re.compile(r"\b(республика|область|край|ао|г)\b")


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
    with data.open(encoding="utf-8", newline="") as stream:
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


def _without_kind(name: str) -> str:
    folded = name.casefold().replace("ё", "е")
    return normalize_subject(_KIND_WORDS.sub(" ", folded))


@cache
def _index() -> tuple[dict[str, Subject], dict[str, list[Subject]]]:
    by_name = {normalize_subject(s.name): s for s in subjects_2006()}
    for correct, published in CORRECT_SPELLINGS.items():
        by_name[normalize_subject(correct)] = by_name[normalize_subject(published)]
    by_core: dict[str, list[Subject]] = {}
    for subject in subjects_2006():
        by_core.setdefault(_without_kind(subject.name), []).append(subject)
    for correct, published in CORRECT_SPELLINGS.items():
        by_core.setdefault(_without_kind(correct), []).append(by_name[normalize_subject(published)])
    return by_name, by_core


def _nearest_names(query: str, names: list[str], most: int = 3) -> list[str]:
    """Names close to ``query``, keeping only those nearly as close as the best one."""
    key = normalize_subject(query)
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, normalize_subject(name)).ratio(), name) for name in names),
        key=lambda pair: -pair[0],
    )
    containing = [name for name in names if key and key in normalize_subject(name)]
    if len(containing) > 1:
        return containing[:most]
    if not scored or scored[0][0] < 0.5:
        return []
    best = scored[0][0]
    return [name for score, name in scored[:most] if score >= best - 0.05]


def find_subject(subject: Any, argument: str = "subject") -> Subject:
    """A row of the 2006 table by name or by row number 1–90.

    >>> find_subject("г. Санкт-Петербург").art_need_2006
    3916
    >>> find_subject("республика башкортостан").number
    2
    >>> find_subject("Татарстан").name, find_subject("Башкортостан").name
    ('Республика Татарстан', 'Республика Башкорстан')
    >>> find_subject(73.0).name
    'г. Москва'
    """
    rows = subjects_2006()
    if isinstance(subject, str) and subject.strip():
        by_name, by_core = _index()
        key = normalize_subject(subject)
        if key in by_name:
            return by_name[key]
        fits = by_core.get(_without_kind(subject), [])
        if len(fits) == 1:
            return fits[0]
        suggestions = _nearest_names(subject, [s.name for s in rows] + list(CORRECT_SPELLINGS))
        raise UnknownSubjectError(argument, subject, suggestions)
    number = count(subject, argument)
    if not 1 <= number <= len(rows):
        raise InputError(argument, subject, f"номер строки таблицы должен быть от 1 до {len(rows)}")
    return rows[number - 1]


def art_need_2006(subject: Any) -> int:
    """The letter's published 2006 estimate of persons needing ART for a subject (name or row number).

    >>> art_need_2006("Иркутская область")
    4066
    """
    return find_subject(subject).art_need_2006
