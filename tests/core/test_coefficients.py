"""Every coefficient of the core is printed in the letter, in the section it claims."""

from __future__ import annotations

import re

import pytest

from xl_addin.core.coefficients import COEFFICIENTS, Coefficient

# Where in the letter's text each section starts, by a phrase that opens it.
SECTION_STARTS = {
    "Прил. 1, ВИЧ-инфекция, I": "I. Количество необходимых исследований в ИФА",
    "Прил. 1, ВИЧ-инфекция, II": "II. Количество необходимых исследований в ИБ",
    "Прил. 1, ВИЧ-инфекция, III": "III. Количество необходимых исследований иммунного",
    "Прил. 1, ВИЧ-инфекция, IV": "IV. Количество необходимых исследований вирусной",
    "Прил. 1, ВИЧ-инфекция, V": "V. Количество необходимых исследований ДНК",
    "Прил. 1, ВИЧ-инфекция, VI": "VI. Количество необходимых исследований в экспресс",
    "Прил. 1, ВИЧ-инфекция, VII": "VII. Количество необходимых исследований в тест-системах для выявления",
    "Прил. 1, ВИЧ-инфекция, VIII": "VIII. Количество необходимых исследований в тест-системах для подтверждения",
    "Прил. 1, ВИЧ-инфекция, IX": "IX. Количество необходимых исследований для определения",
    "Прил. 1, гепатит B": "Гепатит В\n",
    "Прил. 1, гепатит C": "Гепатит С\n",
    "Прил. 2": "РЕКОМЕНДУЕМЫЕ КРИТЕРИИ ДЛЯ ОПРЕДЕЛЕНИЯ ОБЪЕМА ПРЕПАРАТОВ",
}


def _section_text(letter: str, section: str) -> str:
    starts = sorted((letter.index(phrase), key) for key, phrase in SECTION_STARTS.items())
    key = max((k for k in SECTION_STARTS if section.startswith(k)), key=len)
    begin = letter.index(SECTION_STARTS[key])
    later = [position for position, _ in starts if position > begin]
    return letter[begin : min(later) if later else len(letter)]


def _printed_forms(coefficient: Coefficient) -> set[str]:
    """How the letter may print the value: '0,2', '1,5', as a per cent ('15%'), or opening a range ('13 - 20%')."""
    percent = coefficient.percent
    forms = {coefficient.text, f"{percent}%", f"{percent} %", f"{percent} -"}
    return forms | ({"половина"} if coefficient.text == "0,5" else set())


@pytest.mark.parametrize("coefficient", list(COEFFICIENTS.values()), ids=list(COEFFICIENTS))
def test_every_coefficient_is_printed_in_its_section(letter_text: str, coefficient: Coefficient) -> None:
    text = re.sub(r"\s+", " ", _section_text(letter_text, coefficient.section))
    if coefficient.decision:
        assert "нескольких процентов" in text or "порядка" in text
        return
    forms = _printed_forms(coefficient) | {coefficient.text.rstrip("0").rstrip(",")}
    assert any(re.search(rf"(?<![\d,]){re.escape(form)}(?!\d)", text) for form in forms), (
        f"{coefficient.key} = {coefficient.text} not printed in {coefficient.section}"
    )


def test_coefficients_are_keyed_uniquely_and_exact() -> None:
    assert all(c.value.denominator in (1, 2, 4, 5, 10, 20, 25, 40, 50, 100, 200) for c in COEFFICIENTS.values())
    assert COEFFICIENTS["elisa_repeat"].text == "0,2"
    assert COEFFICIENTS["hcv_confirm_share"].percent == "2,5"
