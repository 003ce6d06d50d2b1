"""The ART need estimate by years since detection, and the letter's 2006 table."""

from __future__ import annotations

import csv
from fractions import Fraction

import pytest

from tests.conftest import shared_criteria
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
    source = shared_criteria("art-need-2006-by-region.csv")
    with source.open(encoding="utf-8", newline="") as stream:
        published = [(int(r["no"]), r["subject"], int(r["art_need_2006"])) for r in csv.DictReader(stream)]
    assert [(r.number, r.name, r.art_need_2006) for r in art_need.subjects_2006()] == published


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Тульская область", 626),
        ("  тульская   ОБЛАСТЬ ", 626),  # case and spaces
        ("Иркутская область", 4066),  # the letter's row 35 (A20: the name stands in the table)
        (35, 4066),  # the letter's row 35 alone
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


# Today's subjects made of several rows of the table (docs/interpretation.md, A20); sums from the table's rows.
MERGED = [
    ("Пермский край", (57, 90), "886 + 2", 888),  # Пермская область + Коми-Пермяцкий АО
    ("Камчатский край", (39, 85), "14 + 0", 14),  # Камчатская область + Корякский АО
    ("Забайкальский край", (71, 76), "182 + 1", 183),  # Читинская область + Агинский - Бурятский АО
]


@pytest.mark.parametrize(("name", "rows", "parts", "total"), MERGED)
def test_todays_name_of_a_merged_subject_gives_its_2006_rows_and_their_sum(
    name: str, rows: tuple[int, ...], parts: str, total: int
) -> None:
    match = art_need.find_subject_rows(name)
    assert (match.name, match.numbers, match.art_need_2006) == (name, rows, total)
    assert art_need.art_need_2006(name) == total
    assert art_need.find_subject(name) == match
    assert match.note.startswith(f"{name} (с ") and f"строки {rows[0]} «" in match.note
    assert f"число 2006 г. — их сумма: {parts} = {total}." in match.note


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("пермский  КРАЙ", 888),  # case and spaces
        ("Пермский", 888),  # without the kind word
        ("Красноярский", 840),  # the letter's row 20
        ("Иркутская", 4066),  # the letter's row 35
    ],
)
def test_merged_subjects_are_found_like_any_other(name: str, total: int) -> None:
    assert art_need.art_need_2006(name) == total


@pytest.mark.parametrize(
    ("subject", "number", "figure"),
    [
        (20, 20, 840),  # Красноярский край of the letter, without Таймырский and Эвенкийский АО
        (35, 35, 4066),  # Иркутская область of the letter, without Усть-Ордынский Бурятский АО
        ("Пермская область", 57, 886),  # the 2006 names of the merged subjects are their own rows
        ("Коми-Пермяцкий АО", 90, 2),
        ("Читинская область", 71, 182),
        ("Таймырский АО", 80, 10),
    ],
)
def test_a_row_of_a_merged_subject_stays_reachable_alone(subject: object, number: int, figure: int) -> None:
    found = art_need.find_subject(subject)
    assert isinstance(found, art_need.Subject)
    assert (found.number, found.art_need_2006) == (number, figure)
    assert art_need.find_subject_rows(subject).note == ""


@pytest.mark.parametrize(
    ("name", "number", "figure", "note"),
    [
        ("Красноярский край", 20, 840, "Красноярский край: число письма — строка 20, 840; в сегодняшних границах "
         "(с 1 января 2007 г.) это строки 20 «Красноярский край», 80 «Таймырский АО» и 84 «Эвенкийский АО»: "
         "840 + 10 + 0 = 850."),
        ("Иркутская область", 35, 4066, "Иркутская область: число письма — строка 35, 4066; в сегодняшних границах "
         "(с 1 января 2008 г.) это строки 35 «Иркутская область» и 77 «Усть-Ордынский Бурятский АО»: 4066 + 32 = 4098."),
    ],
)  # fmt: skip
def test_a_merged_subject_the_letter_lists_keeps_its_row_and_says_what_was_added(
    name: str, number: int, figure: int, note: str
) -> None:
    match = art_need.find_subject_rows(name)
    assert (match.numbers, match.art_need_2006, match.note) == ((number,), figure, note)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("Кемеровская область — Кузбасс", 40),  # a second name after a dash
        ("Кемеровская область - Кузбасс", 40),
        ("Ханты-Мансийский автономный округ — Югра", 89),  # "автономный округ" = "АО", and a second name
        ("Ямало-Ненецкий автономный округ", 88),
        ("Ненецкий автономный округ", 87),  # not Ямало-Ненецкий
        ("Чукотский автономный округ", 79),
        ("Еврейская автономная область", 78),  # "автономная область" = "АО"
        ("Таймырский (Долгано-Ненецкий) автономный округ", 80),  # a second name in brackets
        ("Агинский Бурятский автономный округ", 76),
        ("Республика Северная Осетия — Алания", 11),
        ("Республика Северная Осетия", 11),  # the table's second name left out
        ("Республика Саха", 17),
        ("Чувашская Республика — Чувашия", 16),
        ("город Москва", 73),  # "город" = "г."
        ("Москва", 73),
        ("город Санкт-Петербург", 74),
        ("Санкт-Петербург", 74),
        ("Республика Адыгея (Адыгея)", 86),
        ("Республика Татарстан (Татарстан)", 12),
        ("Кабардино-Балкарская Республика", 5),
        ("Республика Башкортостан", 2),
    ],
)
def test_todays_official_spellings_find_their_row(name: str, number: int) -> None:
    assert art_need.find_subject_rows(name).numbers == (number,)


def test_perm_krai_no_longer_suggests_primorsky_krai() -> None:
    assert art_need.find_subject_rows("Пермский край").numbers == (57, 90)
    with pytest.raises(UnknownSubjectError) as error:
        art_need.art_need_2006("Пермский краи")
    assert error.value.suggestions == ("Пермский край",)


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("Забайкальская область", "Забайкальский край"),
        ("Красноярская область", "Красноярский край"),
        ("Ямало-Ненецкий округ", "Ямало-Ненецкий АО"),
    ],
)
def test_an_unknown_name_suggests_todays_subjects_too(name: str, suggested: str) -> None:
    with pytest.raises(UnknownSubjectError) as error:
        art_need.art_need_2006(name)
    assert error.value.suggestions[0] == suggested
    assert "Приморский край" not in error.value.suggestions


def test_the_published_total_is_the_sum_of_the_shipped_table_and_includes_row_1() -> None:
    assert art_need.published_total_2006() == 58333  # "Всего в Российской Федерации 58333"
    row = art_need.not_a_subject_row()
    assert (row.number, row.name, row.art_need_2006) == (1, "Без определенного места жительства", 561)
