"""The fixed texts of a workbook (sheet names, headers, instructions) in Russian and English.

The labels of inputs, results and checks live beside them in ``layout.py``; the
checks' sentences in both languages live with their owners (comparisons in
``layout.py``, fixed texts in ``model.TEXTS``, the Appendix 2 checks in
``xl_addin.core.sentences``).  The workbook's language is its name ``xl_addin_lang``,
so that ``refresh`` quotes an English workbook's sentences in English.  Sources and
the letter's section citations keep the Russian form names.
"""

from __future__ import annotations

from typing import TypedDict

from xl_addin.core.numbers import (
    MAX_COUNT,
    MAX_COUNT_TEXT,
    MSG_BOOL,
    MSG_NEGATIVE,
    MSG_NOT_WHOLE,
    MSG_TEXT,
    MSG_TOO_LARGE,
)
from xl_addin.request.layout import ARV, DIAGNOSTICS

LANGUAGES = ("ru", "en")

SHEETS = {
    "ru": {"title": "Титул", "inputs": "Ввод", DIAGNOSTICS: "Диагностика", ARV: "АРВ", "products": "Товары", "checks": "Проверки", "reference": "Справка", "products_calc": "Товары (расчёт)", "deliveries": "Поставки", "plan": "План поставок", "plan_calc": "План (расчёт)"},
    "en": {"title": "Title", "inputs": "Inputs", DIAGNOSTICS: "Diagnostics", ARV: "ARV drugs", "products": "Products", "checks": "Checks", "reference": "Reference", "products_calc": "Products (calculation)", "deliveries": "Deliveries", "plan": "Supply plan", "plan_calc": "Plan (calculation)"},
}  # fmt: skip

#: Header rows of the sheets.
HEADERS = {
    "ru": {
        "inputs": ("Показатель", "Откуда берётся число", "Статус", "Значение"),
        "results": ("Показатель", "Значение", "", "Раздел письма", "Формула"),
        "results_range": ("Показатель", "Значение (от)", "до", "Раздел письма", "Формула"),
        "checks": ("Проверка", "Результат", "Серьёзность"),
        "reference": ("Коэффициент", "Значение", "Раздел письма", "Смысл"),
    },
    "en": {
        "inputs": ("Indicator", "Where the number comes from", "Status", "Value"),
        "results": ("Indicator", "Value", "", "Section of the letter", "Formula"),
        "results_range": ("Indicator", "Value (from)", "to", "Section of the letter", "Formula"),
        "checks": ("Check", "Result", "Severity"),
        "reference": ("Coefficient", "Value", "Section of the letter", "Meaning"),
    },
}

#: What the status cell beside an input says: the core's own words in Russian (numbers.py).
STATUS = {
    "ru": {
        "not_filled": "не заполнено",
        "text": f"{MSG_TEXT}: цифрами, без пробелов и букв",  # "185 000", "1,5" with a point, "сто"
        "negative": MSG_NEGATIVE,
        "not_whole": MSG_NOT_WHOLE,
        "logical": MSG_BOOL,
        "too_large": MSG_TOO_LARGE,
        "gaps": "пустых ячеек: ",
    },
    "en": {
        "not_filled": "not filled in",
        "text": "text, a number is needed: digits, no spaces or letters",
        "negative": "a negative number is not allowed",
        "not_whole": "a whole number is needed (a count is never fractional)",
        "logical": "a logical value, a number is needed",
        "too_large": f"over {MAX_COUNT:,}: no count is that large, check the number",
        "gaps": "empty cells: ",
    },
}

#: Section headings, keyed by the first input or result of the section (and by severity on the checks sheet).
SECTIONS = {
    "ru": {
        "in_planned_screenings": "ВИЧ-инфекция (Прил. 1, разд. I–IX)",
        "in_hiv_examined_by_year": "Гепатиты B и C (Прил. 1)",
        "in_detected_cumulative": "АРВ-препараты (Прил. 2)",
        "out_elisa_volume": "ВИЧ-инфекция (Прил. 1, разд. I–IX): исследований",
        "out_hbv_screen_volume": "Гепатит B (Прил. 1): исследований",
        "out_hcv_screen_volume": "Гепатит C (Прил. 1): исследований",
        "out_dispensary_expected": "Каскад лечения (Прил. 2, «Для оценки объема»): человек",
        "out_art_need_range": "Достаточность охвата (Прил. 2 §1): человек",
        "out_first_line_patients": "План региона: ряды, комплекты, химиопрофилактика (Прил. 2 §2, §4)",
        "WARNING": "Предупреждения: необычно, нужен комментарий (в итог не входят)",
        "INFO": "Сведения",
    },
    "en": {
        "in_planned_screenings": "HIV infection (Appendix 1, sections I–IX)",
        "in_hiv_examined_by_year": "Hepatitis B and C (Appendix 1)",
        "in_detected_cumulative": "ARV drugs (Appendix 2)",
        "out_elisa_volume": "HIV infection (Appendix 1, sections I–IX): tests",
        "out_hbv_screen_volume": "Hepatitis B (Appendix 1): tests",
        "out_hcv_screen_volume": "Hepatitis C (Appendix 1): tests",
        "out_dispensary_expected": "Treatment cascade (Appendix 2): persons",
        "out_art_need_range": "Coverage (Appendix 2 §1): persons",
        "out_first_line_patients": "The region's plan: lines, kits, PMTCT (Appendix 2 §2, §4)",
        "WARNING": "Warnings: unusual, needs a comment (not counted in the total)",
        "INFO": "Information",
    },
}


class WorkbookText(TypedDict):
    """The fixed sentences of one language (``TEXT[lang]``): the title sheet, headings, validation and notes."""

    title: str
    letter: str
    step_inputs: str
    step_products: str
    step_plan: str
    step_results: str
    step_checks: str
    step_udf: str
    version: str
    region: str
    language: str
    year: str
    product_list: str
    by_years: str
    published: str
    total: str
    cascade: str
    cascade_columns: tuple[str, ...]
    cascade_steps: tuple[str, ...]
    persons: str
    prompt_title: str
    prompt: str
    error_title: str
    error: str
    note: str


TEXT: dict[str, WorkbookText] = {
    "ru": {
        "title": "Заявка на {year} год: {region}",
        "letter": "По письму Роспотребнадзора от 20.10.2006 N 0100/11323-06-32 (критерии формирования заявок).",
        "step_inputs": "Заполните жёлтые ячейки на листе «{inputs}» целыми числами (0, если таких нет).",
        "step_products": "Лист «{products}» — что заказать: наборы и препараты, их остатки и цены (жёлтые ячейки; можно не заполнять).",
        "step_plan": " Лист «{plan}» — хватит ли их по месяцам (поставки — на листе «{deliveries}»).",
        "step_results": "Результаты — на листах «{diagnostics}» и «{arv}».",
        "step_checks": "Лист «{checks}»: всё зелёное — заявка согласована с критериями письма.",
        "step_udf": "Нужны xl_addin и надстройка xlwings {xlwings}: Import Functions на её ленте, затем Ctrl+Alt+F9 (пересчёт).",
        "version": "Версия шаблона",
        "region": "Субъект (по нему сводка узнаёт регион)",
        "language": "Язык книги (фразы проверок)",
        "year": "Год заявки",
        "product_list": "Отпечаток списка товаров центра (по нему generate отличает набранное регионом)",
        "by_years": "Доли по годам после выявления (1…10)",
        "published": "Опубликовано в письме: нуждаются в АРТ в 2006 г.",
        "total": "Итого: ошибок (предупреждения и сведения не считаются)",
        "cascade": "Каскад лечения: по письму и план региона",
        "cascade_columns": (
            "Шаг каскада (Прил. 2, «Для оценки объема»)",
            "По письму: от",
            "По письму: до",
            "План региона",
        ),
        "cascade_steps": (
            "1. Выявлено (нарастающим итогом)",
            "2. Под диспансерным наблюдением: по письму 80 % выявленных; у региона B + C + D",
            "3. Подлежат лечению: 13–20 % наблюдаемых; у региона — планируется лечить",
            "4. Из них первого ряда (60 %)",
            "4. Из них второго ряда и резерва (40 %)",
        ),
        "persons": "Человек",
        "prompt_title": "Целое число ≥ 0",
        "prompt": "Количество людей, исследований или комплектов.",
        "error_title": "Неверное значение",
        "error": f"Введите целое число от 0 до {MAX_COUNT_TEXT} (0, если таких нет).",
        "note": "Источник: {source}",
    },
    "en": {
        "title": "Request for {year}: {region}",
        "letter": "By the Rospotrebnadzor letter of 20.10.2006 N 0100/11323-06-32 (criteria for the requests).",
        "step_inputs": "Fill the yellow cells on the «{inputs}» sheet with whole numbers (0 when there are none).",
        "step_products": "The «{products}» sheet: what to order — kits and drugs, their stock and prices (yellow cells; may stay empty).",
        "step_plan": " The «{plan}» sheet: will they last month by month (deliveries on «{deliveries}»).",
        "step_results": "The results are on the «{diagnostics}» and «{arv}» sheets.",
        "step_checks": "The «{checks}» sheet: all green means the request agrees with the letter's criteria.",
        "step_udf": "Needs xl_addin and the xlwings {xlwings} add-in: Import Functions on its ribbon, then Ctrl+Alt+F9 (recalculate).",
        "version": "Template version",
        "region": "Region (the consolidation identifies the workbook by it)",
        "language": "Language of the workbook (check sentences)",
        "year": "Request year",
        "product_list": "Fingerprint of the centre's product list (generate tells a region's typing by it)",
        "by_years": "Shares by years since detection (1…10)",
        "published": "Published in the letter: needing ART in 2006",
        "total": "Total: errors (warnings and information do not count)",
        "cascade": "Treatment cascade: the letter and the region's plan",
        "cascade_columns": ("Cascade step (Appendix 2)", "Letter: from", "Letter: to", "Region's plan"),
        "cascade_steps": (
            "1. Detected (cumulative)",
            "2. Under dispensary observation: letter 80 % of detected; region B + C + D",
            "3. To be treated: 13–20 % of those observed; region: planned on ART",
            "4. Of them first line (60 %)",
            "4. Of them second line and reserve (40 %)",
        ),
        "persons": "Persons",
        "prompt_title": "Whole number ≥ 0",
        "prompt": "A number of persons, tests or kits.",
        "error_title": "Wrong value",
        "error": f"Enter a whole number from 0 to {MAX_COUNT:,} (0 when there are none).",
        "note": "Source: {source}",
    },
}
