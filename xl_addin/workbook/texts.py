"""The fixed texts of a workbook (sheet names, headers, instructions) in Russian and English.

The labels of inputs, results and checks live beside them in ``layout.py``;
the checks' sentences ("OK" or a Russian sentence) are part of the workbook
contract and stay Russian in both languages.
"""

from __future__ import annotations

from xl_addin.workbook.layout import ARV, DIAGNOSTICS

LANGUAGES = ("ru", "en")

SHEETS = {
    "ru": {"title": "Титул", "inputs": "Ввод", DIAGNOSTICS: "Диагностика", ARV: "АРВ", "checks": "Проверки", "reference": "Справка"},
    "en": {"title": "Title", "inputs": "Inputs", DIAGNOSTICS: "Diagnostics", ARV: "ARV drugs", "checks": "Checks", "reference": "Reference"},
}  # fmt: skip

#: Header rows of the sheets.
HEADERS = {
    "ru": {
        "inputs": ("Показатель", "Статус", "Значение"),
        "results": ("Показатель", "Значение", "", "Раздел письма", "Формула"),
        "checks": ("Проверка", "Результат"),
        "reference": ("Коэффициент", "Значение", "Раздел письма", "Смысл"),
        "source": "Откуда берётся число",
    },
    "en": {
        "inputs": ("Indicator", "Status", "Value"),
        "results": ("Indicator", "Value", "", "Section of the letter", "Formula"),
        "checks": ("Check", "Result"),
        "reference": ("Coefficient", "Value", "Section of the letter", "Meaning"),
        "source": "Where the number comes from",
    },
}

TEXT = {
    "ru": {
        "title": "Заявка на {year} год: {region}",
        "letter": "По письму Роспотребнадзора от 20.10.2006 N 0100/11323-06-32 (критерии формирования заявок).",
        "step_inputs": "1. Заполните жёлтые ячейки на листе «{inputs}» целыми числами (0, если таких нет).",
        "step_results": "2. Результаты — на листах «{diagnostics}» и «{arv}».",
        "step_checks": "3. Лист «{checks}»: всё зелёное — заявка согласована с критериями письма.",
        "step_udf": "4. Результаты считает надстройка xl_addin (xlwings {xlwings}): установите её и нажмите Import Functions.",
        "version": "Версия шаблона",
        "region": "Субъект (по нему сводка узнаёт регион)",
        "by_years": "Доли по годам после выявления (1…10)",
        "published": "Опубликовано в письме: нуждаются в АРТ в 2006 г.",
        "total": "Итого: проблем",
        "cascade": "Каскад АРТ",
        "cascade_steps": (
            "Выявлено (нарастающим итогом)",
            "Ожидается под наблюдением",
            "Нуждаются в АРТ: от",
            "Нуждаются в АРТ: до",
            "Планируется лечить",
        ),
        "persons": "Человек",
        "prompt_title": "Целое число ≥ 0",
        "prompt": "Количество людей, исследований или комплектов.",
        "error_title": "Неверное значение",
        "error": "Введите целое число не меньше 0 (0, если таких нет).",
        "note": "Источник: {source}",
    },
    "en": {
        "title": "Request for {year}: {region}",
        "letter": "By the Rospotrebnadzor letter of 20.10.2006 N 0100/11323-06-32 (criteria for the requests).",
        "step_inputs": "1. Fill the yellow cells on the «{inputs}» sheet with whole numbers (0 when there are none).",
        "step_results": "2. The results are on the «{diagnostics}» and «{arv}» sheets.",
        "step_checks": "3. The «{checks}» sheet: all green means the request agrees with the letter's criteria.",
        "step_udf": "4. The xl_addin add-in (xlwings {xlwings}) computes the results: install it and press Import Functions.",
        "version": "Template version",
        "region": "Region (the consolidation identifies the workbook by it)",
        "by_years": "Shares by years since detection (1…10)",
        "published": "Published in the letter: needing ART in 2006",
        "total": "Total: problems",
        "cascade": "ART cascade",
        "cascade_steps": (
            "Detected (cumulative)",
            "Expected under observation",
            "Need ART: from",
            "Need ART: to",
            "Planned on ART",
        ),
        "persons": "Persons",
        "prompt_title": "Whole number ≥ 0",
        "prompt": "A number of persons, tests or kits.",
        "error_title": "Wrong value",
        "error": "Enter a whole number not below 0 (0 when there are none).",
        "note": "Source: {source}",
    },
}
