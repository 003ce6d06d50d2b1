"""The check sentences of Appendix 2 in both languages: hand-written expectations, numbers worked by hand."""

from __future__ import annotations

import pytest

from xl_addin.core import arv_drugs, sentences


@pytest.mark.parametrize(
    ("check", "args", "ru", "en"),
    [
        (  # |1000 − 900| = 100 > ⌊5 % × 1000⌋ = 50, and 900 ≤ 1000
            arv_drugs.regimen_balance_check, (1000, 900, 900),
            "Компоненты 1 и 3 расходятся на 100 комплектов, допустимо не более 50; компонент 2 (900) должен быть больше 1000",
            "Components 1 and 3 differ by 100 kits, at most 50 allowed; component 2 (900) must exceed 1000",
        ),
        (  # |1000 − 980| = 20 ≤ 50, but 1000 ≤ 1000
            arv_drugs.regimen_balance_check, (1000, 1000, 980),
            "Компонент 2 (1000) должен быть больше 1000",
            "Component 2 (1000) must exceed 1000",
        ),
        (  # at most 1000 + 50 + 60 = 1110 < 1300
            arv_drugs.component2_excess_check, (1000, 1300, 980, 60),
            "Компонент 2 (1300) больше, чем компоненты 1/3 (1000) с допуском 50 и курсами химиопрофилактики 60: не более 1110",
            "Component 2 (1300) exceeds components 1/3 (1000) with the tolerance 50 and the PMTCT courses 60: at most 1110",
        ),
        (  # 60 % of 1000 ± 5 % = 550 … 650
            arv_drugs.line_share_check, (500, 500),
            "Первый ряд: 500 из 1000 комплектов, при доле около 60 % должно быть от 550 до 650",
            "First line: 500 of 1000 kits; at about 60 % it should be 550 to 650",
        ),
        (
            arv_drugs.line_share_check, (0, 0),
            "Не указано ни одного комплекта первого ряда и резерва",
            "No first-line or reserve kits given",
        ),
    ],
)  # fmt: skip
def test_each_check_speaks_both_languages(check: object, args: tuple[int, ...], ru: str, en: str) -> None:
    assert check(*args) == check(*args, lang="ru") == ru  # type: ignore[operator]
    assert check(*args, lang="en") == en  # type: ignore[operator]


def test_every_sentence_has_both_languages_with_the_same_numbers() -> None:
    for key, by_language in sentences.SENTENCES.items():
        assert set(by_language) == set(sentences.LANGUAGES), key
        names = [{name for _, name in sentences.pieces(key, lang) if name} for lang in sentences.LANGUAGES]
        assert names[0] == names[1], key


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang='de'"):
        sentences.render("line_share_none", "de")
