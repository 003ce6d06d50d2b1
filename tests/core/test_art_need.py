"""The ART need estimate by years since detection, and the letter's 2006 table."""

from __future__ import annotations

import csv
from fractions import Fraction

import pytest

from tests.conftest import SHARED
from xl_addin.core import art_need
from xl_addin.errors import InputError, UnknownSubjectError

# The letter: "через 1 год после выявления - 1%, через 2 - 3%, через 3 - 7%, через 4 - 10%, через 5 - 14%,
# через 6 - 35%, через 7 - 50%, через 8 - 70%, через 9 - 95%, через 10 - 100%"
LETTER_PERCENTS = {1: 1, 2: 3, 3: 7, 4: 10, 5: 14, 6: 35, 7: 50, 8: 70, 9: 95, 10: 100}


@pytest.mark.parametrize(("years", "percent"), [(0, 0), *LETTER_PERCENTS.items(), (11, 100), (40, 100)])
def test_art_need_coefficient(years: int, percent: int) -> None:
    assert art_need.art_need_coefficient(years) == Fraction(percent, 100)


@pytest.mark.parametrize(
    ("registered", "expected"),
    [
        ([100] * 10, 385),  # 100 × (1+3+7+10+14+35+50+70+95+100) % = 385
        ([50, 50], 2),  # 0,5 + 1,5 = 2
        ([50], 1),  # 0,5 → 1 (people: half up)
        ([49], 0),  # 0,49 → 0
        ([0] * 9 + [10, 10, 10], 30),  # the 10th cell and beyond count at 100 %
        ([1000, 0, 0, 0, 0, 100], 45),  # 10 + 35
    ],
)
def test_art_need_estimate(registered: list[int], expected: int) -> None:
    assert art_need.art_need_estimate(registered) == expected


def test_the_shipped_table_has_90_rows_summing_to_the_published_58333() -> None:
    rows = art_need.subjects_2006()
    assert [row.number for row in rows] == list(range(1, 91))
    assert sum(row.art_need_2006 for row in rows) == 58333


def test_the_shipped_table_is_the_shared_table() -> None:
    source = SHARED / "criteria" / "art-need-2006-by-region.csv"
    if not source.exists():
        pytest.skip(f"shared table not beside the repository: {source}")
    with source.open(encoding="utf-8", newline="") as stream:
        published = [(int(r["no"]), r["subject"], int(r["art_need_2006"])) for r in csv.DictReader(stream)]
    assert [(r.number, r.name, r.art_need_2006) for r in art_need.subjects_2006()] == published


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Иркутская область", 4066),
        ("  иркутская   ОБЛАСТЬ ", 4066),  # case and spaces
        ("Республика Северная Осетия — Алания", 53),  # a long dash instead of a hyphen
        ("Республика Северная Осетия-Алания", 53),
        ("Республика Башкорстан", 630),  # as published
        ("Республика Башкортостан", 630),  # as spelled correctly
        ("Татарстан", 1068),  # without the kind word, unique
        ("Москва", 5862),  # "г. Москва", not "Московская область"
        ("Без определенного места жительства", 561),
        ("Без определённого места жительства", 561),  # ё/е
        (1.0, 561),
        (73.0, 5862),
        (90, 2),
    ],
)
def test_art_need_2006_lookup(subject: object, expected: int) -> None:
    assert art_need.art_need_2006(subject) == expected


def test_an_unknown_subject_suggests_the_nearest_names() -> None:
    with pytest.raises(UnknownSubjectError) as error:
        art_need.art_need_2006("Иркуцкая область")
    assert str(error.value) == "subject = «Иркуцкая область»: нет в таблице 2006 г.; возможно: Иркутская область"
    assert error.value.suggestions == ("Иркутская область",)


def test_an_ambiguous_short_name_is_refused_with_both_candidates() -> None:
    with pytest.raises(UnknownSubjectError) as error:
        art_need.art_need_2006("Бурятский")
    assert "Агинский - Бурятский АО" in error.value.suggestions


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        (0, "subject = 0: номер строки таблицы должен быть от 1 до 90"),
        (91.0, "subject = 91: номер строки таблицы должен быть от 1 до 90"),
        (2.5, "subject = 2,5: нужно целое число (количество не бывает дробным)"),
        (None, "subject = пусто: пустое значение; введите число (0, если таких нет)"),
        (True, "subject = ИСТИНА: логическое значение, а нужно число"),
    ],
)
def test_art_need_2006_bad_subject(subject: object, message: str) -> None:
    with pytest.raises(InputError) as error:
        art_need.art_need_2006(subject)
    assert str(error.value) == message
