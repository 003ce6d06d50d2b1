"""The sentences of the checks of Appendix 2, in Russian and English, written once.

A template names its numbers (``{second}``); the core fills them in Python
(:func:`render`), the workbook's native formulas join the same pieces with ``&``
around Excel expressions (``xl_addin.catalog.native.excel_sentence``), so an
English workbook and the core agree word for word, as a Russian one does.
Only whole numbers go into a sentence (docs/interpretation.md, A6).
"""

from __future__ import annotations

import re

from xl_addin.core import coefficients as k

LANGUAGES = ("ru", "en")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SHARE = k.FIRST_LINE_SHARE.percent

#: key → language → template.
SENTENCES: dict[str, dict[str, str]] = {
    "regimen_apart": {
        "ru": "Компоненты 1 и 3 расходятся на {difference} комплектов, допустимо не более {allowed}",
        "en": "Components 1 and 3 differ by {difference} kits, at most {allowed} allowed",
    },
    "regimen_second": {
        "ru": "Компонент 2 ({second}) должен быть больше {larger}",
        "en": "Component 2 ({second}) must exceed {larger}",
    },
    "regimen_second_after": {  # after "; " when both parts of the regimen check fail
        "ru": "компонент 2 ({second}) должен быть больше {larger}",
        "en": "component 2 ({second}) must exceed {larger}",
    },
    "component2_excess": {
        "ru": "Компонент 2 ({second}) больше, чем компоненты 1/3 ({larger}) с допуском {allowed} "
        "и курсами химиопрофилактики {courses}: не более {most}",
        "en": "Component 2 ({second}) exceeds components 1/3 ({larger}) with the tolerance {allowed} "
        "and the PMTCT courses {courses}: at most {most}",
    },
    "line_share_none": {
        "ru": "Не указано ни одного комплекта первого ряда и резерва",
        "en": "No first-line or reserve kits given",
    },
    "line_share": {
        "ru": "Первый ряд: {first} из {kits} комплектов, при доле около "
        + _SHARE
        + " % должно быть от {low} до {high}",
        "en": "First line: {first} of {kits} kits; at about " + _SHARE + " % it should be {low} to {high}",
    },
}


def template(key: str, lang: str = "ru") -> str:
    """The template of a sentence in ``lang``.

    >>> template("regimen_second", "en")
    'Component 2 ({second}) must exceed {larger}'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang={lang!r}")
    return SENTENCES[key][lang]


def render(key: str, lang: str = "ru", **numbers: int) -> str:
    """A sentence with its numbers.

    >>> render("line_share", "en", first=500, kits=1000, low=550, high=650)
    'First line: 500 of 1000 kits; at about 60 % it should be 550 to 650'
    """
    return template(key, lang).format(**numbers)


def pieces(key: str, lang: str = "ru") -> list[tuple[str, str | None]]:
    """The template as (text, name of the number after it) pieces, for building a formula.

    >>> pieces("regimen_second", "en")
    [('Component 2 (', 'second'), (') must exceed ', 'larger')]
    """
    parts = _PLACEHOLDER.split(template(key, lang))
    texts, names = parts[0::2], [*parts[1::2], None]
    return [(text, name) for text, name in zip(texts, names, strict=True) if text or name]
