"""The arguments of the Excel functions, each described once (several functions share them)."""

from __future__ import annotations

from xl_addin.catalog.model import ArgKind, Argument
from xl_addin.core import coefficients as k

FORM_4 = "форма N 4, табл. 1000, стр. 15"

# --- HIV --------------------------------------------------------------------------
PLANNED_SCREENINGS = Argument(
    "planned_screenings", f"B: лиц, запланированных для обследования на ВИЧ в ИФА в году заявки ({FORM_4}, гр. 4)"
)
ELISA_POSITIVE = Argument(
    "elisa_positive", f"B: сероположительных в ИФА, направленных на ИБ, за предыдущий год ({FORM_4}, гр. 9)"
)
ELISA_POSITIVE_TO_IB = Argument(
    "elisa_positive_to_ib", f"B: сероположительных в ИФА, направленных на ИБ, за предыдущий год ({FORM_4}, гр. 9)"
)
IB_POSITIVE_OR_INDETERMINATE = Argument(
    "ib_positive_or_indeterminate", "C: положительных и неопределённых результатов в ИБ за предыдущий год (не больше B)"
)
P24_POSITIVE = Argument("p24_positive", "B: положительных результатов в тест-системах для выявления антигена p24")
ON_ART = Argument("on_art", "B: лиц, получающих АРТ в отчётном году")
STARTING_ART = Argument("starting_art", "C: лиц, которых планируется включить в АРТ в году заявки")
OBSERVED = Argument("observed", "D: лиц, живущих с ВИЧ/СПИД, которые пройдут диспансерное обследование в году заявки")
EXAMINED = Argument(
    "examined",
    f"Необязательно: число обследуемых лиц для выбора E (менее {k.VIRAL_LOAD_SMALL_BELOW.text}, "
    f"до {k.VIRAL_LOAD_LARGE_ABOVE.text}, свыше); по умолчанию B + C + D",
    optional=True,
)
EXAMINED_TIER = Argument("examined", "Число обследуемых лиц в регионе (для выбора E)")
PREGNANT_EXPECTING_BIRTH = Argument(
    "pregnant_expecting_birth", "B: ВИЧ-инфицированных беременных, планирующих рождение детей в году заявки"
)
BIRTHS = Argument(
    "births",
    f"Необязательно: детей, рождённых ВИЧ-инфицированными женщинами за год, для выбора E "
    f"(менее {k.HIV_DNA_SMALL_BELOW.text}, до {k.HIV_DNA_LARGE_ABOVE.text}, более); по умолчанию B",
    optional=True,
)
BIRTHS_TIER = Argument("births", "Детей, рождённых ВИЧ-инфицированными женщинами за год (для выбора E)")
UNOBSERVED_PREGNANT = Argument(
    "unobserved_pregnant", "B: беременных, не состоявших на наблюдении до родов, в отчётном году"
)
EMERGENCY_TRANSFUSIONS = Argument(
    "emergency_transfusions",
    "C: экстренных переливаний крови/пересадок органов и тканей без надлежаще обследованных донорских материалов",
)

# --- hepatitis ----------------------------------------------------------------------
HIV_EXAMINED_BY_YEAR = Argument(
    "hiv_examined_by_year",
    "Обследовано на ВИЧ-инфекцию по годам за 5 лет (2001–2005) — 5 ячеек; или одно число — уже вычисленное среднее",
    ArgKind.MEAN_OR_COUNTS,
)
ACUTE_HEPATITIS_3_YEARS = Argument(
    "acute_hepatitis_by_year",
    "Больных всеми острыми вирусными гепатитами по годам за 3 года (2003–2005); или одно число — среднее",
    ArgKind.MEAN_OR_COUNTS,
)
ACUTE_HEPATITIS_6_YEARS = Argument(
    "acute_hepatitis_by_year",
    "Больных острыми вирусными гепатитами по годам за 6 лет (2000–2005); или одно число — среднее",
    ArgKind.MEAN_OR_COUNTS,
)
CHRONIC_HBV_REGISTERED = Argument("chronic_hbv_registered", "Больных, состоящих на учёте по хроническому гепатиту B")
HBSAG_POSITIVE = Argument("hbsag_positive", "HBsAg-позитивных больных острым и хроническим гепатитом B")
HBV_NEWLY_REGISTERED = Argument("newly_registered", "Больных гепатитом B, впервые поставленных на диспансерный учёт")
HBV_TREATED = Argument("treated", "Больных гепатитом B, получающих лечение")
HCV_NEWLY_REGISTERED = Argument("newly_registered", "Больных гепатитом C, впервые поставленных на диспансерный учёт")
HCV_TREATED = Argument("treated", "Больных гепатитом C, получающих лечение")
HCV_STARTING_TREATMENT = Argument("starting_treatment", "Больных гепатитом C, начинающих лечение")

# --- ARV drugs ------------------------------------------------------------------------
DETECTED_CUMULATIVE = Argument(
    "detected_cumulative", "Выявленных случаев ВИЧ-инфекции в субъекте, нарастающим итогом за весь период"
)
BASE = Argument(
    "base",
    f"Число, от которого берутся {k.ART_NEED_LOW.percent}–{k.ART_NEED_HIGH.percent} %: "
    "зарегистрированные на территории (§1) или охваченные диспансерным наблюдением",
)
PLANNED_ON_ART = Argument("planned_on_art", "Пациентов, которых планируется лечить (АРТ) в году заявки")
ESTIMATE = Argument(
    "estimate",
    "Необязательно: расчётная потребность в АРТ по давности выявления (ART_NEED_ESTIMATE); "
    f"если запланировано не больше неё, охват выше {k.ART_NEED_HIGH.percent} % допустим",
    optional=True,
)
TO_TREAT = Argument("to_treat", "ВИЧ-инфицированных, подлежащих лечению")
PI_KITS = Argument("pi_kits", "Годовых комплектов ингибиторов протеазы (ИП)")
NNRTI_KITS = Argument("nnrti_kits", "Годовых комплектов ненуклеозидных ингибиторов обратной транскриптазы (ННИОТ)")
CONTINUING = Argument("continuing", "Пациентов, продолжающих терапию")
STARTING = Argument("starting", "Пациентов, начинающих терапию в году заявки")
RESERVE_LEFT = Argument(
    "reserve_left",
    "Необязательно: годовых комплектов, оставшихся от заявки прошлого года (резерв); по умолчанию 0",
    optional=True,
)
STARTS_BY_PERIOD = Argument(
    "starts_by_period", "План включения в терапию: 12 ячеек по месяцам или 4 по кварталам", ArgKind.COUNTS
)
COMPONENT1_KITS = Argument("component1_kits", "Компонент 1: годовых комплектов ИП и ННИОТ")
COMPONENT2_KITS = Argument("component2_kits", "Компонент 2: годовых комплектов НИОТ — производных тимидина")
COMPONENT3_KITS = Argument(
    "component3_kits", "Компонент 3: годовых комплектов НИОТ — не производных тимидина (кроме абакавира)"
)
REGIMEN_TOLERANCE = Argument(
    "tolerance",
    f"Необязательно: допустимое расхождение компонентов 1 и 3, доля; по умолчанию {k.REGIMEN_TOLERANCE.text}",
    ArgKind.SHARE,
    optional=True,
)
PMTCT_COURSES = Argument(
    "pmtct_courses",
    "Курсов химиопрофилактики вертикальной передачи ВИЧ: полных и во время беременности или в родах "
    "(PMTCT_FULL_COURSE + PMTCT_SHORT_COURSE)",
)
FIRST_LINE_KITS = Argument("first_line_kits", "Годовых комплектов препаратов первого ряда")
RESERVE_KITS = Argument("reserve_kits", "Годовых комплектов препаратов второго ряда и резерва")
LINE_SHARE_TOLERANCE = Argument(
    "tolerance",
    f"Необязательно: допустимое отклонение доли первого ряда от {k.FIRST_LINE_SHARE.text}, доля; "
    f"по умолчанию {k.LINE_SHARE_TOLERANCE.text}",
    ArgKind.SHARE,
    optional=True,
)
BIRTHS_YEAR_BEFORE = Argument(
    "births_year_before",
    "Родов у ВИЧ-инфицированных женщин за позапрошлый год (2005 г.; форма N 32 или N 61)",
)
BIRTHS_LAST_YEAR = Argument(
    "births_last_year",
    "Родов у ВИЧ-инфицированных женщин за прошлый год (2006 г.; форма N 32 или N 61)",
)
YEARS_SINCE_DETECTION = Argument("years_since_detection", "Полных лет, прошедших после выявления ВИЧ-инфекции")
REGISTERED_BY_YEARS = Argument(
    "registered_by_years_since_detection",
    "Живые зарегистрированные по давности выявления: ячейка k — выявлены k лет назад (10-я — 10 лет и более)",
    ArgKind.COUNTS,
)
SUBJECT = Argument("subject", "Субъект РФ: название, как в письме, или номер строки таблицы 1–90", ArgKind.SUBJECT)

# --- the order (not from the letter) ---------------------------------------------------
UNIT = "в тех же единицах, что и потребность (тесты или таблетки/дозы)"
NEED = Argument("need", "Потребность на 12 месяцев: тестов или таблеток/доз (например, из расчёта по письму)")
STOCK_ON_HAND = Argument("stock_on_hand", f"Остаток на складе, {UNIT}")
PIPELINE = Argument("pipeline", f"Уже заказано и в пути (ещё не на складе), {UNIT}")
PACK_SIZE = Argument("pack_size", f"Единиц в одной упаковке, {UNIT}", ArgKind.POSITIVE_COUNT)
BUFFER_MONTHS = Argument(
    "buffer_months", "Необязательно: страховой запас, месяцев потребности сверх 12; по умолчанию 0", optional=True
)
EXPIRING = Argument(
    "expiring",
    f"Необязательно: из остатка истечёт срок годности до использования, {UNIT}; по умолчанию 0",
    optional=True,
)
PACKS = Argument("packs", "Упаковок в заказе (например, PACKS_TO_ORDER)")
PRICE_PER_PACK = Argument("price_per_pack", "Цена одной упаковки, руб. (можно с копейками: 1234,56)", ArgKind.AMOUNT)
REQUESTED = Argument("requested", "Запрошено на год заявки: тестов или таблеток/доз")
LAST_YEAR_CONSUMPTION = Argument(
    "last_year_consumption", "Фактический расход за прошлый год, в тех же единицах, что и requested"
)
