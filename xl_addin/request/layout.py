"""The one layout of a regional workbook: inputs, results and checks, described once.

Both variants (native formulas and add-in functions), the Python model of a
workbook (``model.py``) and the batch refresh read this table.  Names follow
the workbook contract: ``in_<argument>``, ``out_<function>``, ``chk_<what>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_addin.core import coefficients as k
from xl_addin.core.numbers import MAX_COUNT, MAX_COUNT_TEXT
from xl_addin.core.severity import Severity

#: Version of the layout; written into the workbook as ``xl_addin_template_version``.
TEMPLATE_VERSION = "5"
#: The request year the letter was written for; ``--year`` moves every year column with it.
DEFAULT_YEAR = 2007

FORM_4 = "Форма N 4, табл. 1000, стр. 15"


@dataclass(frozen=True)
class InputField:
    """One input of the workbook: a single cell or a row of cells, with labels and its source."""

    name: str
    ru: str
    en: str
    source: str
    cells: int = 1
    optional: bool = False
    headers: tuple[str, ...] = ()
    #: Years of the cells, relative to the request year (−6 … −2 is 2001–2005 for 2007): headers move with ``--year``.
    years: tuple[int, ...] = ()

    def column_headers(self, year: int = DEFAULT_YEAR) -> tuple[str, ...]:
        """The headers above the cells of a range: years of the request year's past, or fixed numbers.

        >>> INPUT_BY_NAME["in_hiv_examined_by_year"].column_headers(2010)
        ('2004', '2005', '2006', '2007', '2008')
        """
        return tuple(str(year + offset) for offset in self.years) if self.years else self.headers

    def label(self, lang: str, year: int = DEFAULT_YEAR) -> str:
        """The row's label in ``lang``, with its years (``{years}``) for the request year.

        >>> INPUT_BY_NAME["in_acute_hepatitis_by_year"].label("ru", 2008)
        'Больных острыми вирусными гепатитами по годам, 2001–2006'
        """
        text = self.ru if lang == "ru" else self.en
        if not self.years:
            return text
        return text.format(years=f"{year + self.years[0]}–{year + self.years[-1]}")


@dataclass(frozen=True)
class Source:
    """Where an argument comes from: an input or a result, its last cells, one of its two cells, or a sum of two."""

    input: str
    tail: int | None = None
    plus: str | None = None
    #: One cell (0-based) of a two-cell input or result.
    part: int | None = None

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every input this argument reads."""
        return (self.input,) if self.plus is None else (self.input, self.plus)


@dataclass(frozen=True)
class Result:
    """One result cell (or row of cells): a catalogue function applied to inputs."""

    name: str
    function: str
    args: tuple[Source, ...]
    sheet: str
    ru: str
    en: str
    #: With a filled 12-month plan, this function and these arguments are used instead.
    plan_function: str | None = None
    plan_args: tuple[Source, ...] = ()
    plan_input: str | None = None
    cells: int = 1
    #: A two-cell result whose cell i applies ``function`` to cell i of its (two-cell) argument.
    pairwise: bool = False


@dataclass(frozen=True)
class Comparison:
    """A check ``sum(left) ≤ right`` (or ``=``), the sentence showing both sides.

    Operands are input names (a range counts as the sum of its cells), result names,
    or one cell of a two-cell result (``out_art_need_range[0]``).  The right side is
    the sum of ``right``, or the largest of that and each of ``right_max``.  A blank
    optional input among the operands means there is nothing to compare: "OK".
    """

    left: tuple[str, ...]
    right: tuple[str, ...]
    sentence: tuple[str, str, str]
    equal: bool = False
    right_max: tuple[str, ...] = ()
    #: The sentence of an English workbook (``--lang en``).
    sentence_en: tuple[str, str, str] = ("", "", "")

    def parts(self, lang: str) -> tuple[str, str, str]:
        """The three pieces of the sentence around the two numbers, in ``lang``."""
        return self.sentence_en if lang == "en" else self.sentence

    @property
    def operands(self) -> tuple[str, ...]:
        """Every operand, left to right."""
        return (*self.left, *self.right, *self.right_max)


def operand(text: str) -> tuple[str, int | None]:
    """The name and the cell (0-based) of a comparison operand.

    >>> operand("out_art_need_range[1]"), operand("in_registered")
    (('out_art_need_range', 1), ('in_registered', None))
    """
    if text.endswith("]"):
        name, part = text[:-1].split("[")
        return name, int(part)
    return text, None


@dataclass(frozen=True)
class Check:
    """One check: "OK" or a Russian sentence, with its severity (only errors count in ``chk_all``)."""

    name: str
    ru: str
    en: str
    function: str | None = None
    args: tuple[Source, ...] = ()
    comparison: Comparison | None = None
    severity: Severity = Severity.ERROR
    kind: str = "function"


def _one(name: str, ru: str, en: str, source: str, **extra: object) -> InputField:
    return InputField(f"in_{name}", ru, en, source, **extra)  # type: ignore[arg-type]


INPUTS: tuple[InputField, ...] = (
    _one("planned_screenings", "Лиц, запланированных к обследованию на ВИЧ в ИФА", "Persons planned for HIV ELISA screening", f"{FORM_4}, гр. 4 (с коррекцией на год заявки). Разд. I"),
    _one("elisa_positive_to_ib", "Сероположительных в ИФА, направленных на ИБ, за прошлый год", "ELISA-positive results sent to immunoblot, last year", f"{FORM_4}, гр. 9. Разд. II и VII"),
    _one("ib_positive_or_indeterminate", "Положительных и неопределённых результатов в ИБ за прошлый год", "Immunoblot positive or indeterminate results, last year", "Данные лаборатории. Разд. VII"),
    _one("p24_positive", "Положительных результатов выявления антигена p24", "Positive p24 antigen screening results", "Данные лаборатории. Разд. VIII"),
    _one("on_art", "B: лиц, получающих АРТ в отчётном году", "Persons on ART in the reporting year", "Разд. III, IV, IX"),
    _one("starting_art", "C: лиц, которых планируется включить в АРТ", "Persons planned to start ART", "Разд. III, IV; Прил. 2 §2"),
    _one("observed", "D: ЛЖВ без АРТ, которые пройдут диспансерное обследование (не считая B и C)", "D: PLHIV not on ART to have a dispensary examination (B and C not included)", "Разд. III, IV: «лиц, живущих с ВИЧ/СПИД, которые … пройдут диспансерное обследование»; получающие (B) и начинающие (C) АРТ учтены своими слагаемыми"),
    _one("vl_examined", "Обследуемых лиц для выбора E вирусной нагрузки (необязательно)", "Persons examined, for E of viral load (optional)", "Разд. IV; пусто — B + C + D", optional=True),
    _one("pregnant_expecting_birth", "ВИЧ-инфицированных беременных, планирующих роды", "HIV-positive pregnant women expecting to give birth", "Формы N 32, N 61. Разд. V; Прил. 2, химиопрофилактика"),
    _one("births_to_hiv_women", "Детей, рождённых ВИЧ-инфицированными женщинами за год (необязательно)", "Children born to HIV-positive women a year (optional)", "Разд. V; пусто — число беременных", optional=True),
    _one("hiv_births_by_year", "Родов у ВИЧ-инфицированных женщин по годам, {years} (необязательно)", "Births to HIV-positive women by year, {years} (optional)", "Формы N 32, N 61. Прил. 2, химиопрофилактика, п. 1: тенденция двух лет", cells=2, optional=True, years=(-2, -1)),
    _one("unobserved_pregnant", "Беременных, не наблюдавшихся до родов, в отчётном году", "Pregnant women not observed before delivery", "Разд. VI"),
    _one("emergency_transfusions", "Экстренных переливаний/пересадок без обследованных доноров", "Emergency transfusions/transplants without screened donors", "Разд. VI"),
    _one("resistance_tests_requested", "Запрошено исследований резистентности и субтипа ВИЧ", "Resistance and subtype tests requested", "Разд. IX: не более 15 % получающих АРТ"),
    _one("hiv_examined_by_year", "Обследовано на ВИЧ по годам, {years}", "Persons examined for HIV by year, {years}", f"{FORM_4}. Гепатиты B и C, п. 1–2", cells=5, years=(-6, -5, -4, -3, -2)),
    _one("acute_hepatitis_by_year", "Больных острыми вирусными гепатитами по годам, {years}", "Acute viral hepatitis cases by year, {years}", "Гепатит B, п. 5: anti-HAV — 6 лет, anti-HBc IgM — последние 3 года", cells=6, years=(-7, -6, -5, -4, -3, -2)),
    _one("chronic_hbv_registered", "Больных хроническим гепатитом B на учёте", "Chronic hepatitis B patients registered", "Гепатит B, п. 5 (IgM anti-HBc)"),
    _one("hbsag_positive", "HBsAg-позитивных больных острым и хроническим гепатитом B", "HBsAg-positive acute and chronic hepatitis B patients", "Гепатит B, п. 5 (маркеры)"),
    _one("hbv_newly_registered", "Больных гепатитом B, впервые взятых на учёт", "Hepatitis B patients newly registered", "Гепатит B, п. 3–4"),
    _one("hbv_treated", "Больных гепатитом B, получающих лечение", "Hepatitis B patients on treatment", "Гепатит B, п. 4"),
    _one("hcv_newly_registered", "Больных гепатитом C, впервые взятых на учёт", "Hepatitis C patients newly registered", "Гепатит C, п. 3"),
    _one("hcv_treated", "Больных гепатитом C, получающих лечение", "Hepatitis C patients on treatment", "Гепатит C, п. 3–4"),
    _one("hcv_starting_treatment", "Больных гепатитом C, начинающих лечение", "Hepatitis C patients starting treatment", "Гепатит C, п. 4–5"),
    _one("detected_cumulative", "Выявлено случаев ВИЧ-инфекции, нарастающим итогом", "HIV cases detected, cumulative", "Прил. 2, перечень п. 1: «кумулятивные данные за весь период наблюдения» (не п. 1.7 — это наблюдаемые)"),
    _one("registered", "Зарегистрировано живущих с ВИЧ на территории", "PLHIV registered in the territory", "Прил. 2 §1: основание для 13–20 %"),
    _one("planned_on_art", "Пациентов, которых планируется лечить (АРТ)", "Patients planned on ART", "Прил. 2 §1, перечень п. 4"),
    _one("continuing_art", "Пациентов, продолжающих терапию", "Patients continuing therapy", "Прил. 2 §2"),
    _one("reserve_kits_left", "Годовых комплектов, оставшихся от прошлой заявки (резерв)", "Annual kits left from last year (reserve)", "Прил. 2 §2; пусто — 0; со строками препаратов на листе «Товары» — их целые комплекты компонента 1 на складе (P3)", optional=True),
    _one("art_starts_by_month", "План включения в АРТ по месяцам (необязательно)", "Monthly plan of ART starts (optional)", "Прил. 2 §2: заполненный план заменяет «половину начинающих»", cells=12, optional=True, headers=tuple(str(m) for m in range(1, 13))),
    _one("kits_pi", "Годовых комплектов ингибиторов протеазы (ИП)", "Annual kits of protease inhibitors", "Прил. 2 §2–3 (компонент 1); со строками препаратов на листе «Товары» — из них (P3)"),
    _one("kits_nnrti", "Годовых комплектов ННИОТ", "Annual kits of NNRTI", "Прил. 2 §2–3 (компонент 1); со строками препаратов на листе «Товары» — из них (P3)"),
    _one("kits_component2", "Годовых комплектов НИОТ — производных тимидина", "Annual kits of thymidine NRTI", "Прил. 2 §3 (компонент 2); со строками препаратов на листе «Товары» — из них (P3)"),
    _one("kits_component3", "Годовых комплектов НИОТ — не производных тимидина", "Annual kits of non-thymidine NRTI", "Прил. 2 §3 (компонент 3, кроме абакавира); со строками препаратов на листе «Товары» — из них (P3)"),
    _one("kits_first_line", "Годовых комплектов препаратов первого ряда", "Annual kits of first-line drugs", "Прил. 2 §4; со строками препаратов на листе «Товары» — из них (P3)"),
    _one("kits_reserve", "Годовых комплектов препаратов второго ряда и резерва", "Annual kits of second-line and reserve drugs", "Прил. 2 §4; со строками препаратов на листе «Товары» — из них (P3)"),
    _one("registered_by_years_since_detection", "Живых зарегистрированных по давности выявления, лет", "Registered alive by years since detection", "Прил. 2, оценка нуждающихся: ячейка k — выявлены k лет назад, 10 — 10 и более", cells=10, headers=tuple(str(y) for y in range(1, 11))),
)  # fmt: skip

INPUT_BY_NAME = {field.name: field for field in INPUTS}

DIAGNOSTICS, ARV = "diagnostics", "arv"


def _in(*names: str) -> tuple[Source, ...]:
    return tuple(Source(f"in_{name}") for name in names)


def _used(name: str) -> Source:
    """The value the letter reads for a kit total or the kits left over: the drug rows' number when the products
    sheet gives it, else the typed input (``out_used_<name>``; docs/interpretation.md, P3)."""
    return Source(f"out_used_{name}")


def _result(function: str, args: tuple[Source, ...], sheet: str, ru: str, en: str, **extra: object) -> Result:
    return Result(f"out_{function.lower()}", function, args, sheet, ru, en, **extra)  # type: ignore[arg-type]


RESULTS: tuple[Result, ...] = (
    _result("ELISA_VOLUME", _in("planned_screenings"), DIAGNOSTICS, "ИФА: исследований", "ELISA tests"),
    _result("IMMUNOBLOT_VOLUME", _in("elisa_positive_to_ib"), DIAGNOSTICS, "Иммунный блот: исследований", "Immunoblot tests"),
    _result("IMMUNE_STATUS_VOLUME", _in("on_art", "starting_art", "observed"), DIAGNOSTICS, "Иммунный статус: исследований", "Immune status tests"),
    _result("VIRAL_LOAD_VOLUME", _in("on_art", "starting_art", "observed", "vl_examined"), DIAGNOSTICS, "Вирусная нагрузка: исследований", "Viral load tests"),
    _result("HIV_DNA_VOLUME", _in("pregnant_expecting_birth", "births_to_hiv_women"), DIAGNOSTICS, "ДНК ВИЧ: исследований", "HIV DNA tests"),
    _result("EXPRESS_TEST_VOLUME", _in("unobserved_pregnant", "emergency_transfusions"), DIAGNOSTICS, "Экспресс-тесты: исследований", "Rapid tests"),
    _result("P24_SCREEN_VOLUME", _in("elisa_positive_to_ib", "ib_positive_or_indeterminate"), DIAGNOSTICS, "Выявление антигена p24: исследований", "p24 antigen screening tests"),
    _result("P24_CONFIRM_VOLUME", _in("p24_positive"), DIAGNOSTICS, "Подтверждение антигена p24: исследований", "p24 antigen confirmation tests"),
    _result("RESISTANCE_TEST_LIMIT", _in("on_art"), DIAGNOSTICS, "Резистентность и субтип ВИЧ: исследований не более", "Resistance and subtype tests, at most"),
    _result("HBV_SCREEN_VOLUME", _in("hiv_examined_by_year"), DIAGNOSTICS, "Гепатит B, скрининг: исследований", "Hepatitis B screening tests"),
    _result("HBV_CONFIRM_VOLUME", _in("hiv_examined_by_year"), DIAGNOSTICS, "Гепатит B, подтверждение: исследований", "Hepatitis B confirmation tests"),
    _result("HBV_PCR_QUAL_VOLUME", _in("hbv_newly_registered"), DIAGNOSTICS, "Гепатит B, ПЦР качественный: исследований", "Hepatitis B qualitative PCR tests"),
    _result("HBV_PCR_QUANT_VOLUME", _in("hbv_newly_registered", "hbv_treated"), DIAGNOSTICS, "Гепатит B, ПЦР количественный: исследований", "Hepatitis B quantitative PCR tests"),
    _result("ANTI_HBC_IGM_VOLUME", (Source("in_acute_hepatitis_by_year", tail=3), Source("in_chronic_hbv_registered")), DIAGNOSTICS, "Гепатит B, IgM anti-HBc: исследований", "Hepatitis B IgM anti-HBc tests"),
    _result("HBV_MARKER_VOLUME", _in("hbsag_positive"), DIAGNOSTICS, "Гепатит B, HBeAg, anti-HBe, anti-дельта, anti-HBдельта: исследований каждого", "Hepatitis B markers: tests of each"),
    _result("ANTI_HAV_IGM_VOLUME", _in("acute_hepatitis_by_year"), DIAGNOSTICS, "IgM anti-HAV: исследований", "IgM anti-HAV tests"),
    _result("HCV_SCREEN_VOLUME", _in("hiv_examined_by_year"), DIAGNOSTICS, "Гепатит C, скрининг: исследований", "Hepatitis C screening tests"),
    _result("HCV_CONFIRM_VOLUME", _in("hiv_examined_by_year"), DIAGNOSTICS, "Гепатит C, подтверждение: исследований", "Hepatitis C confirmation tests"),
    _result("HCV_PCR_QUAL_VOLUME", _in("hcv_newly_registered", "hcv_treated"), DIAGNOSTICS, "Гепатит C, ПЦР качественный: исследований", "Hepatitis C qualitative PCR tests"),
    _result("HCV_PCR_QUANT_VOLUME", _in("hcv_starting_treatment", "hcv_treated"), DIAGNOSTICS, "Гепатит C, ПЦР количественный: исследований", "Hepatitis C quantitative PCR tests"),
    _result("HCV_GENOTYPING_VOLUME", _in("hcv_starting_treatment"), DIAGNOSTICS, "Гепатит C, ПЦР-генотипирование: исследований", "Hepatitis C genotyping tests"),
    _result("DISPENSARY_EXPECTED", _in("detected_cumulative"), ARV, "Ожидается под диспансерным наблюдением (80 % выявленных), человек", "Expected under dispensary observation (80 % of detected), persons"),
    _result("TREATMENT_NEED_RANGE", _in("detected_cumulative"), ARV, "Подлежат лечению по каскаду письма: от … до (13–20 % ожидаемых под наблюдением), человек", "To be treated by the letter's cascade: from … to (13–20 % of those expected under observation), persons", cells=2),
    Result("out_treatment_first_line", "FIRST_LINE_PATIENTS", (Source("out_treatment_need_range"),), ARV, "Из них препаратами первого ряда (60 %): от … до, человек", "Of them on first-line drugs (60 %): from … to, persons", cells=2, pairwise=True),
    Result("out_treatment_reserve_line", "RESERVE_LINE_PATIENTS", (Source("out_treatment_need_range"),), ARV, "Из них препаратами второго ряда и резерва (40 %): от … до, человек", "Of them on second-line and reserve drugs (40 %): from … to, persons", cells=2, pairwise=True),
    _result("ART_NEED_RANGE", _in("registered"), ARV, "Нуждаются в АРТ: от … до (13–20 % зарегистрированных), человек", "Need ART: from … to (13–20 % of registered), persons", cells=2),
    _result("ART_NEED_ESTIMATE", _in("registered_by_years_since_detection"), ARV, "Расчётно нуждаются в АРТ по давности выявления, человек", "Estimated to need ART by years since detection, persons"),
    _result("FIRST_LINE_PATIENTS", _in("planned_on_art"), ARV, "Планируется лечить препаратами первого ряда (60 % плана), человек", "Planned on first-line drugs (60 % of the plan), persons"),
    _result("RESERVE_LINE_PATIENTS", _in("planned_on_art"), ARV, "Планируется лечить препаратами второго ряда и резерва (40 % плана), человек", "Planned on second-line and reserve drugs (40 % of the plan), persons"),
    _result("ANNUAL_KITS_NEEDED", (*_in("continuing_art", "starting_art"), _used("reserve_kits_left")), ARV, "Нужно годовых комплектов", "Annual kits needed", plan_function="ANNUAL_KITS_BY_PLAN", plan_args=(*_in("continuing_art", "art_starts_by_month"), _used("reserve_kits_left")), plan_input="in_art_starts_by_month"),
    _result("KITS_TREATABLE_MIN", (_used("kits_pi"), _used("kits_nnrti")), ARV, "Заявленные комплекты ИП + ННИОТ вылечат не менее, человек", "Requested PI + NNRTI kits treat at least, persons"),
    _result("PMTCT_FULL_COURSE", _in("pregnant_expecting_birth"), ARV, "Беременных с полным курсом химиопрофилактики (70 %), человек", "Pregnant women on a full PMTCT course (70 %), persons"),
    _result("PMTCT_SHORT_COURSE", _in("pregnant_expecting_birth"), ARV, "Беременных с курсом в беременность или в родах (25 %), человек", "Pregnant women on a short PMTCT course (25 %), persons"),
)  # fmt: skip

RESULT_BY_NAME = {result.name: result for result in RESULTS}

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
LOW, HIGH = k.ART_NEED_LOW.percent, k.ART_NEED_HIGH.percent


def _le(
    left: tuple[str, ...],
    right: tuple[str, ...],
    sentence: tuple[str, str, str],
    en: tuple[str, str, str],
    **extra: object,
) -> Comparison:
    return Comparison(left, right, sentence, sentence_en=en, **extra)  # type: ignore[arg-type]


CHECKS: tuple[Check, ...] = (
    # --- errors: the request cannot be right (counted in chk_all) ---
    Check("chk_inputs", f"Все обязательные поля заполнены целыми числами от 0 до {MAX_COUNT_TEXT}", f"Every required input is a whole number from 0 to {MAX_COUNT:,}", kind="inputs"),
    Check("chk_results_numeric", "Каждый результат — число", "Every result is a number", kind="numeric"),
    Check("chk_results_formulas", "Формулы результатов не заменены значениями", "No result formula was typed over", kind="formulas"),
    Check("chk_ib_consistency", "Положительных и неопределённых в ИБ не больше направленных на ИБ (разд. VII)", "Immunoblot positive or indeterminate ≤ sent to immunoblot", comparison=_le(("in_ib_positive_or_indeterminate",), ("in_elisa_positive_to_ib",), ("Положительных и неопределённых в ИБ (", ") больше, чем направлено на ИБ (", ")"), en=("Immunoblot positive or indeterminate (", ") is more than those sent to immunoblot (", ")"))),
    Check("chk_registered_detected", "Зарегистрированных живых не больше выявленных нарастающим итогом", "Registered living ≤ detected cumulatively", comparison=_le(("in_registered",), ("in_detected_cumulative",), ("Зарегистрировано живущих с ВИЧ (", ") больше, чем выявлено нарастающим итогом (", ")"), en=("Registered living with HIV (", ") is more than those detected cumulatively (", ")"))),
    Check("chk_observed_registered", "B + C + D не больше зарегистрированных живых (разд. III, IV)", "B + C + D ≤ registered living", comparison=_le(("in_on_art", "in_starting_art", "in_observed"), ("in_registered",), ("Получающих АРТ, начинающих АРТ и наблюдаемых без АРТ (B + C + D = ", ") больше, чем зарегистрировано живущих с ВИЧ (", ")"), en=("On ART, starting ART and observed without ART (B + C + D = ", ") is more than the registered living with HIV (", ")"))),
    Check("chk_by_years_registered", "Живых по давности выявления в сумме не больше зарегистрированных", "Registered by years since detection, summed, ≤ registered", comparison=_le(("in_registered_by_years_since_detection",), ("in_registered",), ("Живых зарегистрированных по давности выявления в сумме (", ") больше, чем зарегистрировано живущих с ВИЧ (", ")"), en=("Registered living by years since detection, summed (", ") is more than the registered living with HIV (", ")"))),
    Check("chk_continuing_on_art", "Продолжающих терапию не больше получающих АРТ в отчётном году", "Continuing therapy ≤ on ART in the reporting year", comparison=_le(("in_continuing_art",), ("in_on_art",), ("Продолжающих терапию (", ") больше, чем получали АРТ в отчётном году (", ")"), en=("Continuing therapy (", ") is more than those on ART in the reporting year (", ")"))),
    Check("chk_planned_on_art", "Планируется лечить не больше, чем продолжающих и начинающих вместе", "Planned on ART ≤ continuing + starting", comparison=_le(("in_planned_on_art",), ("in_continuing_art", "in_starting_art"), ("Планируется лечить (", ") больше, чем продолжающих и начинающих терапию вместе (", ")"), en=("Planned on ART (", ") is more than continuing and starting together (", ")"))),
    Check("chk_plan_sum", "План включения по месяцам в сумме равен числу начинающих АРТ (Прил. 2 §2)", "Monthly start plan sums to those starting ART", comparison=_le(("in_art_starts_by_month",), ("in_starting_art",), ("Сумма плана включения по месяцам (", ") не равна числу начинающих АРТ (", ")"), equal=True, en=("The monthly start plan sums to ", ", not to those starting ART (", ")"))),
    Check("chk_vl_examined", "Обследуемых для E вирусной нагрузки не меньше B + C + D (разд. IV)", "Persons examined for E of viral load ≥ B + C + D", comparison=_le(("in_on_art", "in_starting_art", "in_observed"), ("in_vl_examined",), ("Получающих и начинающих АРТ и наблюдаемых (", ") больше, чем обследуемых для E вирусной нагрузки (", ")"), en=("On ART, starting and observed (", ") is more than those examined for E of viral load (", ")"))),
    Check("chk_hbv_treated", "Лечащихся от гепатита B не больше состоящих на учёте", "Hepatitis B treated ≤ registered", comparison=_le(("in_hbv_treated",), ("in_chronic_hbv_registered",), ("Лечащихся от гепатита B (", ") больше, чем на учёте с хроническим гепатитом B (", ")"), en=("Hepatitis B treated (", ") is more than those registered with chronic hepatitis B (", ")"))),
    Check("chk_hcv_starting", "Начинающих лечение гепатита C не больше лечащихся", "Hepatitis C starting ≤ treated", comparison=_le(("in_hcv_starting_treatment",), ("in_hcv_treated",), ("Начинающих лечение гепатита C (", ") больше, чем лечащихся (", ")"), en=("Hepatitis C starting treatment (", ") is more than those treated (", ")"))),
    Check("chk_art_coverage", f"Охват АРТ не ниже {LOW} % зарегистрированных (Прил. 2 §1)", f"ART coverage at least {LOW} % of registered", comparison=_le(("out_art_need_range[0]",), ("in_planned_on_art",), (f"Охват АРТ ниже {LOW} %: нужно не менее ", ", запланировано ", ""), en=(f"ART coverage below {LOW} %: at least ", " needed, planned ", ""))),
    Check("chk_resistance", "Исследований резистентности не более 15 % получающих АРТ (разд. IX)", "Resistance tests ≤ 15 % of those on ART", comparison=_le(("in_resistance_tests_requested",), ("out_resistance_test_limit",), ("Запрошено исследований резистентности (", ") больше допустимых 15 % получающих АРТ (", ")"), en=("Resistance tests requested (", ") is more than the 15 % of those on ART allowed (", ")"))),
    Check("chk_regimen_balance", "Компоненты 1 и 3 примерно равны, компонент 2 больше (Прил. 2 §3)", "Components 1 and 3 about equal, component 2 larger", function="REGIMEN_BALANCE_CHECK", args=(Source("out_used_kits_pi", plus="out_used_kits_nnrti"), _used("kits_component2"), _used("kits_component3"))),
    Check("chk_line_share", "Доля препаратов первого ряда около 60 % (Прил. 2 §4)", "First-line share about 60 %", function="LINE_SHARE_CHECK", args=(_used("kits_first_line"), _used("kits_reserve"))),
    Check("chk_kits_cover", "Комплектов ИП + ННИОТ хватает на нужные годовые комплекты (Прил. 2 §2)", "PI + NNRTI kits cover the annual kits needed", comparison=_le(("out_annual_kits_needed",), ("out_kits_treatable_min",), ("Нужно годовых комплектов (", ") больше, чем заявлено ИП + ННИОТ (", ")"), en=("Annual kits needed (", ") is more than the PI + NNRTI kits requested (", ")"))),
    # --- warnings: unusual, needs a comment (not counted in chk_all) ---
    Check("chk_art_coverage_high", f"Охват АРТ выше {HIGH} % — не больше расчётной потребности по давности выявления (Прил. 2 §1)", f"ART coverage above {HIGH} % only up to the estimate by years since detection", comparison=_le(("in_planned_on_art",), ("out_art_need_range[1]",), (f"Охват АРТ выше {HIGH} %: запланировано ", ", больше верхней границы и расчётной потребности по давности выявления (", ")"), right_max=("out_art_need_estimate",), en=(f"ART coverage above {HIGH} %: planned ", ", above the upper end and the estimate by years since detection (", ")")), severity=WARNING),
    Check("chk_cascade_plan", "Планируется лечить не больше, чем подлежат лечению по каскаду письма", "Planned on ART ≤ to be treated by the letter's cascade", comparison=_le(("in_planned_on_art",), ("out_treatment_need_range[1]",), ("Планируется лечить (", f") больше, чем подлежат лечению по каскаду письма ({HIGH} % ожидаемых под наблюдением: ", ")"), en=("Planned on ART (", f") is more than those to be treated by the letter's cascade ({HIGH} % of those expected under observation: ", ")")), severity=WARNING),
    Check("chk_component2_excess", "Компонент 2 больше не более чем на допуск и курсы химиопрофилактики (Прил. 2 §3)", "Component 2 exceeds by at most the tolerance and the PMTCT courses", function="COMPONENT2_EXCESS_CHECK", args=(Source("out_used_kits_pi", plus="out_used_kits_nnrti"), _used("kits_component2"), _used("kits_component3"), Source("out_pmtct_full_course", plus="out_pmtct_short_course")), severity=WARNING),
    Check("chk_p24_positive", "Положительных на p24 не больше, чем исследовано на p24 (разд. VII–VIII)", "p24-positive ≤ tested for p24", comparison=_le(("in_p24_positive", "in_ib_positive_or_indeterminate"), ("in_elisa_positive_to_ib",), ("Положительных на p24 вместе с положительными и неопределёнными в ИБ (", ") больше, чем направлено на ИБ (", ")"), en=("p24-positive with immunoblot positive or indeterminate (", ") is more than those sent to immunoblot (", ")")), severity=WARNING),
    # --- information ---
    Check("chk_art_need_2006", "Сравнение с опубликованной оценкой 2006 г.", "Against the published 2006 figure", severity=INFO, kind="published"),
    Check("chk_pmtct_trend", "Беременных по тенденции двух лет (Прил. 2, химиопрофилактика, п. 1)", "Pregnant women by the two years' trend (PMTCT item 1)", severity=INFO, kind="pmtct_trend"),
)  # fmt: skip

CHECK_BY_NAME = {check.name: check for check in CHECKS}
