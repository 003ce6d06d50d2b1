"""The one layout of a regional workbook: inputs, results and checks, described once.

Both variants (native formulas and add-in functions), the Python model of a
workbook (``model.py``) and the batch refresh read this table.  Names follow
the workbook contract: ``in_<argument>``, ``out_<function>``, ``chk_<what>``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Version of the layout; written into the workbook as ``xl_addin_template_version``.
TEMPLATE_VERSION = "2"

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


@dataclass(frozen=True)
class Source:
    """Where an argument of a result comes from: an input, its last cells, or the sum of two inputs."""

    input: str
    tail: int | None = None
    plus: str | None = None

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


@dataclass(frozen=True)
class Comparison:
    """A check ``sum(left) ≤ right``; a blank optional ``right`` passes; the sentence shows both sides."""

    left: tuple[str, ...]
    right: str
    sentence: tuple[str, str, str]


@dataclass(frozen=True)
class Check:
    """One check: "OK" or a Russian sentence."""

    name: str
    ru: str
    en: str
    function: str | None = None
    args: tuple[Source, ...] = ()
    comparison: Comparison | None = None
    information: bool = False
    kind: str = "function"


def _one(name: str, ru: str, en: str, source: str, **extra: object) -> InputField:
    return InputField(f"in_{name}", ru, en, source, **extra)  # type: ignore[arg-type]


INPUTS: tuple[InputField, ...] = (
    _one("planned_screenings", "Лиц, запланированных к обследованию на ВИЧ в ИФА", "Persons planned for HIV ELISA screening", f"{FORM_4}, гр. 4 (с коррекцией на год заявки). Разд. I"),
    _one("elisa_positive_to_ib", "Сероположительных в ИФА, направленных на ИБ, за прошлый год", "ELISA-positive results sent to immunoblot, last year", f"{FORM_4}, гр. 9. Разд. II и VII"),
    _one("ib_positive_or_indeterminate", "Положительных и неопределённых результатов в ИБ за прошлый год", "Immunoblot positive or indeterminate results, last year", "Данные лаборатории. Разд. VII"),
    _one("p24_positive", "Положительных результатов выявления антигена p24", "Positive p24 antigen screening results", "Данные лаборатории. Разд. VIII"),
    _one("on_art", "Лиц, получающих АРТ в отчётном году", "Persons on ART in the reporting year", "Разд. III, IV, IX"),
    _one("starting_art", "Лиц, которых планируется включить в АРТ", "Persons planned to start ART", "Разд. III, IV; Прил. 2 §2"),
    _one("observed", "ЛЖВ, которые пройдут диспансерное обследование", "PLHIV to have a dispensary examination", "Разд. III, IV"),
    _one("vl_examined", "Обследуемых лиц для выбора E вирусной нагрузки (необязательно)", "Persons examined, for E of viral load (optional)", "Разд. IV; пусто — B + C + D", optional=True),
    _one("pregnant_expecting_birth", "ВИЧ-инфицированных беременных, планирующих роды", "HIV-positive pregnant women expecting to give birth", "Формы N 32, N 61. Разд. V; Прил. 2, химиопрофилактика"),
    _one("births_to_hiv_women", "Детей, рождённых ВИЧ-инфицированными женщинами за год (необязательно)", "Children born to HIV-positive women a year (optional)", "Разд. V; пусто — число беременных", optional=True),
    _one("unobserved_pregnant", "Беременных, не наблюдавшихся до родов, в отчётном году", "Pregnant women not observed before delivery", "Разд. VI"),
    _one("emergency_transfusions", "Экстренных переливаний/пересадок без обследованных доноров", "Emergency transfusions/transplants without screened donors", "Разд. VI"),
    _one("resistance_tests_requested", "Запрошено исследований резистентности и субтипа ВИЧ", "Resistance and subtype tests requested", "Разд. IX: не более 15 % получающих АРТ"),
    _one("hiv_examined_by_year", "Обследовано на ВИЧ по годам, 2001–2005", "Persons examined for HIV by year, 2001–2005", f"{FORM_4}. Гепатиты B и C, п. 1–2", cells=5, headers=("2001", "2002", "2003", "2004", "2005")),
    _one("acute_hepatitis_by_year", "Больных острыми вирусными гепатитами по годам, 2000–2005", "Acute viral hepatitis cases by year, 2000–2005", "Гепатит B, п. 5: anti-HAV — 6 лет, anti-HBc IgM — 2003–2005", cells=6, headers=("2000", "2001", "2002", "2003", "2004", "2005")),
    _one("chronic_hbv_registered", "Больных хроническим гепатитом B на учёте", "Chronic hepatitis B patients registered", "Гепатит B, п. 5 (IgM anti-HBc)"),
    _one("hbsag_positive", "HBsAg-позитивных больных острым и хроническим гепатитом B", "HBsAg-positive acute and chronic hepatitis B patients", "Гепатит B, п. 5 (маркеры)"),
    _one("hbv_newly_registered", "Больных гепатитом B, впервые взятых на учёт", "Hepatitis B patients newly registered", "Гепатит B, п. 3–4"),
    _one("hbv_treated", "Больных гепатитом B, получающих лечение", "Hepatitis B patients on treatment", "Гепатит B, п. 4"),
    _one("hcv_newly_registered", "Больных гепатитом C, впервые взятых на учёт", "Hepatitis C patients newly registered", "Гепатит C, п. 3"),
    _one("hcv_treated", "Больных гепатитом C, получающих лечение", "Hepatitis C patients on treatment", "Гепатит C, п. 3–4"),
    _one("hcv_starting_treatment", "Больных гепатитом C, начинающих лечение", "Hepatitis C patients starting treatment", "Гепатит C, п. 4–5"),
    _one("detected_cumulative", "Выявлено случаев ВИЧ-инфекции, нарастающим итогом", "HIV cases detected, cumulative", "Ежемесячная форма нацпроекта, п. 1.7. Прил. 2, перечень п. 1"),
    _one("registered", "Зарегистрировано живущих с ВИЧ на территории", "PLHIV registered in the territory", "Прил. 2 §1: основание для 13–20 %"),
    _one("planned_on_art", "Пациентов, которых планируется лечить (АРТ)", "Patients planned on ART", "Прил. 2 §1, перечень п. 4"),
    _one("continuing_art", "Пациентов, продолжающих терапию", "Patients continuing therapy", "Прил. 2 §2"),
    _one("reserve_kits_left", "Годовых комплектов, оставшихся от прошлой заявки (резерв)", "Annual kits left from last year (reserve)", "Прил. 2 §2; пусто — 0", optional=True),
    _one("art_starts_by_month", "План включения в АРТ по месяцам (необязательно)", "Monthly plan of ART starts (optional)", "Прил. 2 §2: заполненный план заменяет «половину начинающих»", cells=12, optional=True, headers=tuple(str(m) for m in range(1, 13))),
    _one("kits_pi", "Годовых комплектов ингибиторов протеазы (ИП)", "Annual kits of protease inhibitors", "Прил. 2 §2–3 (компонент 1)"),
    _one("kits_nnrti", "Годовых комплектов ННИОТ", "Annual kits of NNRTI", "Прил. 2 §2–3 (компонент 1)"),
    _one("kits_component2", "Годовых комплектов НИОТ — производных тимидина", "Annual kits of thymidine NRTI", "Прил. 2 §3 (компонент 2)"),
    _one("kits_component3", "Годовых комплектов НИОТ — не производных тимидина", "Annual kits of non-thymidine NRTI", "Прил. 2 §3 (компонент 3, кроме абакавира)"),
    _one("kits_first_line", "Годовых комплектов препаратов первого ряда", "Annual kits of first-line drugs", "Прил. 2 §4"),
    _one("kits_reserve", "Годовых комплектов препаратов второго ряда и резерва", "Annual kits of second-line and reserve drugs", "Прил. 2 §4"),
    _one("registered_by_years_since_detection", "Живых зарегистрированных по давности выявления, лет", "Registered alive by years since detection", "Прил. 2, оценка нуждающихся: ячейка k — выявлены k лет назад, 10 — 10 и более", cells=10, headers=tuple(str(y) for y in range(1, 11))),
)  # fmt: skip

INPUT_BY_NAME = {field.name: field for field in INPUTS}

DIAGNOSTICS, ARV = "diagnostics", "arv"


def _in(*names: str) -> tuple[Source, ...]:
    return tuple(Source(f"in_{name}") for name in names)


def _result(function: str, args: tuple[Source, ...], sheet: str, ru: str, en: str, **extra: object) -> Result:
    return Result(f"out_{function.lower()}", function, args, sheet, ru, en, **extra)  # type: ignore[arg-type]


RESULTS: tuple[Result, ...] = (
    _result("ELISA_VOLUME", _in("planned_screenings"), DIAGNOSTICS, "Исследований в ИФА", "ELISA tests"),
    _result("IMMUNOBLOT_VOLUME", _in("elisa_positive_to_ib"), DIAGNOSTICS, "Исследований в иммунном блоте", "Immunoblot tests"),
    _result("IMMUNE_STATUS_VOLUME", _in("on_art", "starting_art", "observed"), DIAGNOSTICS, "Исследований иммунного статуса", "Immune status tests"),
    _result("VIRAL_LOAD_VOLUME", _in("on_art", "starting_art", "observed", "vl_examined"), DIAGNOSTICS, "Исследований вирусной нагрузки", "Viral load tests"),
    _result("HIV_DNA_VOLUME", _in("pregnant_expecting_birth", "births_to_hiv_women"), DIAGNOSTICS, "Исследований ДНК ВИЧ", "HIV DNA tests"),
    _result("EXPRESS_TEST_VOLUME", _in("unobserved_pregnant", "emergency_transfusions"), DIAGNOSTICS, "Исследований в экспресс-тестах", "Rapid tests"),
    _result("P24_SCREEN_VOLUME", _in("elisa_positive_to_ib", "ib_positive_or_indeterminate"), DIAGNOSTICS, "Выявление антигена p24", "p24 antigen screening"),
    _result("P24_CONFIRM_VOLUME", _in("p24_positive"), DIAGNOSTICS, "Подтверждение антигена p24", "p24 antigen confirmation"),
    _result("RESISTANCE_TEST_LIMIT", _in("on_art"), DIAGNOSTICS, "Резистентность и субтип ВИЧ — не более", "Resistance and subtype tests, at most"),
    _result("HBV_SCREEN_VOLUME", _in("hiv_examined_by_year"), DIAGNOSTICS, "Гепатит B: скрининговые тест-системы", "Hepatitis B screening"),
    _result("HBV_CONFIRM_VOLUME", _in("hiv_examined_by_year"), DIAGNOSTICS, "Гепатит B: подтверждающие тест-системы", "Hepatitis B confirmation"),
    _result("HBV_PCR_QUAL_VOLUME", _in("hbv_newly_registered"), DIAGNOSTICS, "Гепатит B: ПЦР качественный", "Hepatitis B qualitative PCR"),
    _result("HBV_PCR_QUANT_VOLUME", _in("hbv_newly_registered", "hbv_treated"), DIAGNOSTICS, "Гепатит B: ПЦР количественный", "Hepatitis B quantitative PCR"),
    _result("ANTI_HBC_IGM_VOLUME", (Source("in_acute_hepatitis_by_year", tail=3), Source("in_chronic_hbv_registered")), DIAGNOSTICS, "Гепатит B: IgM anti-HBc", "Hepatitis B: IgM anti-HBc"),
    _result("HBV_MARKER_VOLUME", _in("hbsag_positive"), DIAGNOSTICS, "Гепатит B: HBeAg, anti-HBe, anti-дельта, anti-HBдельта — каждого", "Hepatitis B markers, each"),
    _result("ANTI_HAV_IGM_VOLUME", _in("acute_hepatitis_by_year"), DIAGNOSTICS, "IgM anti-HAV", "IgM anti-HAV"),
    _result("HCV_SCREEN_VOLUME", _in("hiv_examined_by_year"), DIAGNOSTICS, "Гепатит C: скрининговые тест-системы", "Hepatitis C screening"),
    _result("HCV_CONFIRM_VOLUME", _in("hiv_examined_by_year"), DIAGNOSTICS, "Гепатит C: подтверждающие тест-системы", "Hepatitis C confirmation"),
    _result("HCV_PCR_QUAL_VOLUME", _in("hcv_newly_registered", "hcv_treated"), DIAGNOSTICS, "Гепатит C: ПЦР качественный", "Hepatitis C qualitative PCR"),
    _result("HCV_PCR_QUANT_VOLUME", _in("hcv_starting_treatment", "hcv_treated"), DIAGNOSTICS, "Гепатит C: ПЦР количественный", "Hepatitis C quantitative PCR"),
    _result("HCV_GENOTYPING_VOLUME", _in("hcv_starting_treatment"), DIAGNOSTICS, "Гепатит C: ПЦР-генотипирование", "Hepatitis C genotyping"),
    _result("DISPENSARY_EXPECTED", _in("detected_cumulative"), ARV, "Ожидается под диспансерным наблюдением (80 %)", "Expected under dispensary observation"),
    _result("ART_NEED_RANGE", _in("registered"), ARV, "Нуждаются в АРТ: от … до (13–20 %)", "Need ART: from … to (13–20 %)", cells=2),
    _result("ART_NEED_ESTIMATE", _in("registered_by_years_since_detection"), ARV, "Расчётно нуждаются в АРТ по давности выявления", "Estimated to need ART by years since detection"),
    _result("FIRST_LINE_PATIENTS", _in("planned_on_art"), ARV, "Пациентов на препаратах первого ряда", "Patients on first-line drugs"),
    _result("RESERVE_LINE_PATIENTS", _in("planned_on_art"), ARV, "Пациентов на препаратах второго ряда и резерва", "Patients on second-line and reserve drugs"),
    _result("ANNUAL_KITS_NEEDED", _in("continuing_art", "starting_art", "reserve_kits_left"), ARV, "Годовых комплектов нужно", "Annual kits needed", plan_function="ANNUAL_KITS_BY_PLAN", plan_args=_in("continuing_art", "art_starts_by_month", "reserve_kits_left"), plan_input="in_art_starts_by_month"),
    _result("KITS_TREATABLE_MIN", _in("kits_pi", "kits_nnrti"), ARV, "Заявленные комплекты ИП + ННИОТ вылечат не менее", "Requested PI + NNRTI kits treat at least"),
    _result("PMTCT_FULL_COURSE", _in("pregnant_expecting_birth"), ARV, "Беременных с полным курсом химиопрофилактики", "Pregnant women on a full PMTCT course"),
    _result("PMTCT_SHORT_COURSE", _in("pregnant_expecting_birth"), ARV, "Беременных с курсом в беременность или в родах", "Pregnant women on a short PMTCT course"),
)  # fmt: skip

RESULT_BY_NAME = {result.name: result for result in RESULTS}

CHECKS: tuple[Check, ...] = (
    Check("chk_inputs", "Все обязательные поля заполнены целыми числами ≥ 0", "Every required input is a whole number ≥ 0", kind="inputs"),
    Check("chk_ib_consistency", "Подтверждено в ИБ не больше, чем направлено на ИБ", "Immunoblot-confirmed ≤ sent to immunoblot", comparison=Comparison(("in_ib_positive_or_indeterminate",), "in_elisa_positive_to_ib", ("Положительных и неопределённых в ИБ (", ") больше, чем направлено на ИБ (", ")"))),
    Check("chk_art_registered", "Получающие и начинающие АРТ не больше зарегистрированных", "On ART + starting ≤ registered", comparison=Comparison(("in_on_art", "in_starting_art"), "in_registered", ("Получающих и начинающих АРТ (", ") больше, чем зарегистрировано (", ")"))),
    Check("chk_vl_examined", "Обследуемых для E вирусной нагрузки не меньше B + C + D (разд. IV)", "Persons examined for E of viral load ≥ B + C + D", comparison=Comparison(("in_on_art", "in_starting_art", "in_observed"), "in_vl_examined", ("Получающих и начинающих АРТ и наблюдаемых (", ") больше, чем обследуемых для E вирусной нагрузки (", ")"))),
    Check("chk_hbv_treated", "Лечащихся от гепатита B не больше состоящих на учёте", "Hepatitis B treated ≤ registered", comparison=Comparison(("in_hbv_treated",), "in_chronic_hbv_registered", ("Лечащихся от гепатита B (", ") больше, чем на учёте с хроническим гепатитом B (", ")"))),
    Check("chk_hcv_starting", "Начинающих лечение гепатита C не больше лечащихся", "Hepatitis C starting ≤ treated", comparison=Comparison(("in_hcv_starting_treatment",), "in_hcv_treated", ("Начинающих лечение гепатита C (", ") больше, чем лечащихся (", ")"))),
    Check("chk_art_coverage", "Охват АРТ 13–20 % зарегистрированных (Прил. 2 §1)", "ART coverage 13–20 % of registered", function="ART_COVERAGE_CHECK", args=_in("planned_on_art", "registered")),
    Check("chk_resistance", "Исследований резистентности не более 15 % получающих АРТ (разд. IX)", "Resistance tests ≤ 15 % of those on ART", comparison=Comparison(("in_resistance_tests_requested",), "out_resistance_test_limit", ("Запрошено исследований резистентности (", ") больше допустимых 15 % получающих АРТ (", ")"))),
    Check("chk_regimen_balance", "Компоненты схем сбалансированы (Прил. 2 §3)", "Regimen components balanced", function="REGIMEN_BALANCE_CHECK", args=(Source("in_kits_pi", plus="in_kits_nnrti"), Source("in_kits_component2"), Source("in_kits_component3"))),
    Check("chk_line_share", "Доля препаратов первого ряда около 60 % (Прил. 2 §4)", "First-line share about 60 %", function="LINE_SHARE_CHECK", args=_in("kits_first_line", "kits_reserve")),
    Check("chk_kits_cover", "Комплектов ИП + ННИОТ хватает на нужные годовые комплекты", "PI + NNRTI kits cover the annual kits needed", comparison=Comparison(("out_annual_kits_needed",), "out_kits_treatable_min", ("Нужно годовых комплектов (", ") больше, чем заявлено ИП + ННИОТ (", ")"))),
    Check("chk_results_numeric", "Каждый результат — число", "Every result is a number", kind="numeric"),
    Check("chk_art_need_2006", "Сравнение с опубликованной оценкой 2006 г. (информация)", "Against the published 2006 figure (information)", information=True, kind="published"),
)  # fmt: skip

CHECK_BY_NAME = {check.name: check for check in CHECKS}
