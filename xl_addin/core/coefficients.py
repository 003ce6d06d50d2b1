"""Every number of letter 0100/11323-06-32, written once.

Each coefficient carries the section of the letter it comes from and the
letter's own words, so the workbook's reference sheet, the docs and the Excel
formulas all read it from here.  Numbers that are the project's decisions
rather than the letter's (tolerances where the letter says "несколько
процентов" / "порядка") are marked ``decision`` and explained in
docs/interpretation.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Coefficient:
    """One number of the letter: its key, exact value, section and the letter's words."""

    key: str
    value: Fraction
    section: str
    meaning: str
    decision: bool = False

    @property
    def text(self) -> str:
        """The value as the letter prints it (decimal comma).

        >>> ELISA_REPEAT.text
        '0,2'
        """
        whole, fraction = divmod(self.value, 1)
        if fraction == 0:
            return str(int(whole))
        # every coefficient is a finite decimal; find its digits exactly
        digits = 1
        while (self.value * 10**digits).denominator != 1:
            digits += 1
        scaled = int(self.value * 10**digits)
        return f"{scaled // 10**digits},{scaled % 10**digits:0{digits}d}"

    @property
    def percent(self) -> str:
        """The value in per cent, as a Russian text without the sign.

        >>> ART_NEED_LOW.percent, HCV_CONFIRM_SHARE.percent
        ('13', '2,5')
        """
        return Coefficient(self.key, self.value * 100, self.section, self.meaning).text


COEFFICIENTS: dict[str, Coefficient] = {}


def _coefficient(key: str, value: str, section: str, meaning: str, *, decision: bool = False) -> Coefficient:
    if key in COEFFICIENTS:
        raise ValueError(f"coefficient {key!r} defined twice")
    coefficient = Coefficient(key, Fraction(value), section, meaning, decision)
    COEFFICIENTS[key] = coefficient
    return coefficient


HIV = "Прил. 1, ВИЧ-инфекция"
HBV = "Прил. 1, гепатит B"
HCV = "Прил. 1, гепатит C"
ARV = "Прил. 2"

# --- Appendix 1, HIV ---------------------------------------------------------
ELISA_REPEAT = _coefficient(
    "elisa_repeat", "0.2", f"{HIV}, I", "дополнительные расходы тестов для контрольных и повторных исследований (ИФА)"
)
IMMUNOBLOT_REPEAT = _coefficient(
    "immunoblot_repeat",
    "0.25",
    f"{HIV}, II",
    "дополнительные расходы тестов для контрольных, повторных исследований (ИБ)",
)
IMMUNE_STATUS_PER_ON_ART = _coefficient(
    "immune_status_per_on_art", "4", f"{HIV}, III", "исследований иммунного статуса в год на лицо, получающее АРТ"
)
IMMUNE_STATUS_PER_STARTING = _coefficient(
    "immune_status_per_starting", "3", f"{HIV}, III", "исследований иммунного статуса в год на лицо, включаемое в АРТ"
)
IMMUNE_STATUS_PER_OBSERVED = _coefficient(
    "immune_status_per_observed",
    "2.5",
    f"{HIV}, III",
    "исследований иммунного статуса в год на лицо под диспансерным обследованием",
)
IMMUNE_STATUS_REPEAT = _coefficient(
    "immune_status_repeat",
    "0.1",
    f"{HIV}, III",
    "дополнительные расходы тестов для контрольных, повторных исследований",
)
VIRAL_LOAD_PER_ON_ART = _coefficient(
    "viral_load_per_on_art", "4", f"{HIV}, IV", "исследований вирусной нагрузки в год на лицо, получающее АРТ"
)
VIRAL_LOAD_PER_STARTING = _coefficient(
    "viral_load_per_starting", "3", f"{HIV}, IV", "исследований вирусной нагрузки в год на лицо, включаемое в АРТ"
)
VIRAL_LOAD_PER_OBSERVED = _coefficient(
    "viral_load_per_observed",
    "2.5",
    f"{HIV}, IV",
    "исследований вирусной нагрузки в год на лицо под диспансерным обследованием",
)
VIRAL_LOAD_REPEAT_PER_OBSERVED = _coefficient(
    "viral_load_repeat_per_observed",
    "1.5",
    f"{HIV}, IV",
    "множитель D в слагаемом повторных исследований (в письме напечатано «D х 1,5»)",
)
VIRAL_LOAD_SMALL_BELOW = _coefficient(
    "viral_load_small_below", "1000", f"{HIV}, IV", "«где обследуется менее 1000 лиц» — граница первой группы"
)
VIRAL_LOAD_LARGE_ABOVE = _coefficient(
    "viral_load_large_above", "5000", f"{HIV}, IV", "«где обследуется свыше 5000 лиц» — граница третьей группы"
)
VIRAL_LOAD_REPEAT_SMALL = _coefficient(
    "viral_load_repeat_small", "0.5", f"{HIV}, IV", "E при обследовании менее 1000 лиц"
)
VIRAL_LOAD_REPEAT_MEDIUM = _coefficient(
    "viral_load_repeat_medium", "0.3", f"{HIV}, IV", "E при обследовании от 1000 до 5000 лиц"
)
VIRAL_LOAD_REPEAT_LARGE = _coefficient(
    "viral_load_repeat_large", "0.15", f"{HIV}, IV", "E при обследовании свыше 5000 лиц"
)
HIV_DNA_PER_PREGNANT = _coefficient(
    "hiv_dna_per_pregnant", "2", f"{HIV}, V", "исследований ДНК ВИЧ на беременную, планирующую рождение ребёнка"
)
HIV_DNA_SMALL_BELOW = _coefficient(
    "hiv_dna_small_below", "160", f"{HIV}, V", "«где рождается менее 160 детей в год» — граница первой группы"
)
HIV_DNA_LARGE_ABOVE = _coefficient(
    "hiv_dna_large_above", "500", f"{HIV}, V", "«где рождается более 500 детей в год» — граница третьей группы"
)
HIV_DNA_REPEAT_SMALL = _coefficient("hiv_dna_repeat_small", "0.5", f"{HIV}, V", "E при рождении менее 160 детей в год")
HIV_DNA_REPEAT_MEDIUM = _coefficient(
    "hiv_dna_repeat_medium", "0.3", f"{HIV}, V", "E при рождении от 160 до 500 детей в год"
)
HIV_DNA_REPEAT_LARGE = _coefficient("hiv_dna_repeat_large", "0.15", f"{HIV}, V", "E при рождении более 500 детей в год")
EXPRESS_TEST_REPEAT = _coefficient(
    "express_test_repeat", "0.05", f"{HIV}, VI", "дополнительные исследования в экспресс-тест-системах"
)
P24_SCREEN_REPEAT = _coefficient(
    "p24_screen_repeat", "0.25", f"{HIV}, VII", "дополнительные исследования для выявления антигена p24"
)
P24_CONFIRM_REPEAT = _coefficient(
    "p24_confirm_repeat", "0.25", f"{HIV}, VIII", "дополнительные исследования для подтверждения антигена p24"
)
RESISTANCE_MAX_SHARE = _coefficient(
    "resistance_max_share", "0.15", f"{HIV}, IX", "не более 15 % от числа ВИЧ-инфицированных, получающих АРТ"
)

# --- Appendix 1, hepatitis B and C ---------------------------------------------
HBV_SCREEN_EXTRA = _coefficient(
    "hbv_screen_extra", "0.16", f"{HBV}, 1", "среднее число обследованных на ВИЧ за 5 лет + 16 %"
)
HBV_CONFIRM_SHARE = _coefficient(
    "hbv_confirm_share", "0.05", f"{HBV}, 2", "5 % от среднего числа обследованных на ВИЧ за 5 лет"
)
HBV_PCR_QUANT_PER_TREATED = _coefficient(
    "hbv_pcr_quant_per_treated", "2", f"{HBV}, 4", "ПЦР количественный 2 раза в год получающим лечение"
)
ANTI_HBC_IGM_EXTRA = _coefficient(
    "anti_hbc_igm_extra",
    "0.06",
    f"{HBV}, 5",
    "IgM anti-HBc: (среднее число острых гепатитов за 3 года + хронический ГВ на учёте) + 6 %",
)
HBV_MARKER_EXTRA = _coefficient(
    "hbv_marker_extra",
    "0.06",
    f"{HBV}, 5",
    "HBeAg, anti-HBe, anti-дельта, anti-HBдельта: HBsAg-позитивные больные + 6 %",
)
ANTI_HAV_IGM_EXTRA = _coefficient(
    "anti_hav_igm_extra", "0.06", f"{HBV}, 5", "IgM anti-HAV: среднее число острых вирусных гепатитов за 6 лет + 6 %"
)
HCV_SCREEN_EXTRA = _coefficient(
    "hcv_screen_extra", "0.16", f"{HCV}, 1", "среднее число обследованных на ВИЧ за 5 лет + 16 %"
)
HCV_CONFIRM_SHARE = _coefficient(
    "hcv_confirm_share", "0.025", f"{HCV}, 2", "2,5 % от среднего числа обследованных на ВИЧ за 5 лет"
)
HCV_PCR_QUAL_TIMES = _coefficient(
    "hcv_pcr_qual_times", "2", f"{HCV}, 3", "ПЦР качественный «двукратно» (в 6 и 12 месяцев)"
)
HCV_PCR_QUAL_TREATED_SHARE = _coefficient(
    "hcv_pcr_qual_treated_share", "0.7", f"{HCV}, 3", "«70 % больных от получающих лечение»"
)
HCV_PCR_QUANT_PER_TREATED = _coefficient(
    "hcv_pcr_quant_per_treated", "3", f"{HCV}, 4", "ПЦР количественный 3 раза в год получающим лечение"
)

# --- Appendix 2, ARV drugs ------------------------------------------------------
DISPENSARY_SHARE = _coefficient(
    "dispensary_share", "0.8", f"{ARV}, п. 2 перечня", "охвачены диспансерным наблюдением 80 % выявленных"
)
ART_NEED_LOW = _coefficient("art_need_low", "0.13", f"{ARV}, 1", "нуждаются в АРТ не менее 13 % зарегистрированных")
ART_NEED_HIGH = _coefficient("art_need_high", "0.20", f"{ARV}, 1", "нуждаются в АРТ не более 20 % зарегистрированных")
FIRST_LINE_SHARE = _coefficient(
    "first_line_share", "0.6", f"{ARV}, 4", "препараты первого ряда — порядка 60 % (резерв — остальные 40 %)"
)
STARTING_KITS_SHARE = _coefficient(
    "starting_kits_share", "0.5", f"{ARV}, 2", "половина годовых комплектов на пациентов, начинающих терапию"
)
REGIMEN_TOLERANCE = _coefficient(
    "regimen_tolerance",
    "0.05",
    f"{ARV}, 3",
    "допустимое расхождение компонентов 1 и 3 («в пределах нескольких процентов»): 5 %",
    decision=True,
)
LINE_SHARE_TOLERANCE = _coefficient(
    "line_share_tolerance",
    "0.05",
    f"{ARV}, 4",
    "допустимое отклонение доли первого ряда от 60 % («порядка»): ±5 процентных пунктов",
    decision=True,
)
PMTCT_FULL_SHARE = _coefficient(
    "pmtct_full_share",
    "0.70",
    f"{ARV}, химиопрофилактика, п. 2",
    "70 % беременных получат полный курс химиопрофилактики",
)
PMTCT_SHORT_SHARE = _coefficient(
    "pmtct_short_share",
    "0.25",
    f"{ARV}, химиопрофилактика, п. 3",
    "25 % беременных получат курс во время беременности или экстренный в родах",
)

#: "через 1 год после выявления - 1%, через 2 - 3%, … через 10 - 100%" (Appendix 2, table note).
ART_NEED_BY_YEARS: tuple[Coefficient, ...] = tuple(
    _coefficient(
        f"art_need_year_{years}",
        percent,
        f"{ARV}, расчётное количество",
        f"доля нуждающихся в АРТ через {years} {'год' if years == 1 else 'года' if years < 5 else 'лет'} после выявления",
    )
    for years, percent in enumerate(
        ("0.01", "0.03", "0.07", "0.10", "0.14", "0.35", "0.50", "0.70", "0.95", "1.00"), start=1
    )
)
