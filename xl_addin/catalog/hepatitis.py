"""Catalogue entries: Appendix 1, hepatitis B and C."""

from __future__ import annotations

from xl_addin.catalog import arguments as a
from xl_addin.catalog.model import Example, ExcelFunction, Rounding
from xl_addin.core import coefficients as k
from xl_addin.core import hepatitis

HBV = "Прил. 1, гепатит B"
HCV = "Прил. 1, гепатит C"
MEAN_5 = "среднее число обследованных на ВИЧ за 5 лет"

FUNCTIONS = (
    ExcelFunction(
        name="HBV_SCREEN_VOLUME",
        core=hepatitis.hbv_screen_volume,
        arguments=(a.HIV_EXAMINED_BY_YEAR,),
        section=f"{HBV}, 1",
        summary="Скрининговые тест-системы на гепатит B",
        formula=f"A = {MEAN_5} × (1 + {k.HBV_SCREEN_EXTRA.text})",
        rounding=Rounding.TESTS_UP,
        quote="среднее количество обследованных лиц на ВИЧ-инфекцию за последние 5 лет (2001 - 2005) + 16%",
        example=Example(
            ([1000.0, 1000.0, 1000.0, 1000.0, 1001.0],),
            1161,
            "среднее 5001 / 5 = 1000,2; 1000,2 × 1,16 = 1160,232 → вверх 1161",
        ),
    ),
    ExcelFunction(
        name="HCV_SCREEN_VOLUME",
        core=hepatitis.hcv_screen_volume,
        arguments=(a.HIV_EXAMINED_BY_YEAR,),
        section=f"{HCV}, 1",
        summary="Скрининговые тест-системы на гепатит C",
        formula=f"A = {MEAN_5} × (1 + {k.HCV_SCREEN_EXTRA.text})",
        rounding=Rounding.TESTS_UP,
        quote="среднее количество обследованных лиц на ВИЧ-инфекцию за последние 5 лет (2001 - 2005) + 16%",
        example=Example((1000.0,), 1160, "одно число — уже среднее: 1000 × 1,16 = 1160"),
    ),
    ExcelFunction(
        name="HBV_CONFIRM_VOLUME",
        core=hepatitis.hbv_confirm_volume,
        arguments=(a.HIV_EXAMINED_BY_YEAR,),
        section=f"{HBV}, 2",
        summary="Подтверждающие тест-системы на гепатит B",
        formula=f"A = {MEAN_5} × {k.HBV_CONFIRM_SHARE.text}",
        rounding=Rounding.TESTS_UP,
        quote="5% от среднего количества обследованных лиц на ВИЧ-инфекцию за последние 5 лет (2001 - 2005)",
        example=Example(([101.0] * 5,), 6, "среднее 101; 101 × 0,05 = 5,05 → вверх 6"),
    ),
    ExcelFunction(
        name="HCV_CONFIRM_VOLUME",
        core=hepatitis.hcv_confirm_volume,
        arguments=(a.HIV_EXAMINED_BY_YEAR,),
        section=f"{HCV}, 2",
        summary="Подтверждающие тест-системы на гепатит C",
        formula=f"A = {MEAN_5} × {k.HCV_CONFIRM_SHARE.text}",
        rounding=Rounding.TESTS_UP,
        quote="2,5% от среднего количества обследованных лиц на ВИЧ-инфекцию за последние 5 лет (2001 - 2005)",
        example=Example(
            ([1000.0, 1000.0, 1000.0, 1000.0, 1040.0],), 26, "среднее 1008; 1008 × 0,025 = 25,2 → вверх 26"
        ),
    ),
    ExcelFunction(
        name="HBV_PCR_QUAL_VOLUME",
        core=hepatitis.hbv_pcr_qual_volume,
        arguments=(a.HBV_NEWLY_REGISTERED,),
        section=f"{HBV}, 3",
        summary="ПЦР качественный на гепатит B: по одному при постановке на учёт",
        formula="A = B",
        rounding=Rounding.WHOLE,
        quote="ПЦР качественный: - при постановке на диспансерный учет",
        example=Example((42.0,), 42, "по одному исследованию на каждого: 42"),
    ),
    ExcelFunction(
        name="HBV_PCR_QUANT_VOLUME",
        core=hepatitis.hbv_pcr_quant_volume,
        arguments=(a.HBV_NEWLY_REGISTERED, a.HBV_TREATED),
        section=f"{HBV}, 4",
        summary="ПЦР количественный на гепатит B: при постановке на учёт и 2 раза в год при лечении",
        formula=f"A = B + {k.HBV_PCR_QUANT_PER_TREATED.text} × treated",
        rounding=Rounding.WHOLE,
        quote="больным гепатитом В при постановке на диспансерный учет; - 2 раза в год для тех, кто получает лечение",
        example=Example((40.0, 10.0), 60, "40 + 2 × 10 = 60"),
    ),
    ExcelFunction(
        name="ANTI_HBC_IGM_VOLUME",
        core=hepatitis.anti_hbc_igm_volume,
        arguments=(a.ACUTE_HEPATITIS_3_YEARS, a.CHRONIC_HBV_REGISTERED),
        section=f"{HBV}, 5",
        summary="Маркер IgM anti-HBc",
        formula=f"A = (среднее число острых гепатитов за 3 года + хронический ГВ на учёте) × (1 + {k.ANTI_HBC_IGM_EXTRA.text})",
        rounding=Rounding.TESTS_UP,
        quote=(
            "Igm anti HBc - среднее количество больных всеми острыми вирусными гепатитами за последние 3 "
            "(2003 - 2005) года + количество больных, стоящих на учете по хроническому гепатиту В + 6%"
        ),
        example=Example(([100.0, 110.0, 120.0], 50.0), 170, "среднее 110; (110 + 50) × 1,06 = 169,6 → вверх 170"),
    ),
    ExcelFunction(
        name="HBV_MARKER_VOLUME",
        core=hepatitis.hbv_marker_volume,
        arguments=(a.HBSAG_POSITIVE,),
        section=f"{HBV}, 5",
        summary="Маркеры HBeAg, anti-HBe, anti-дельта, anti-HBдельта: по стольку каждого",
        formula=f"A = B × (1 + {k.HBV_MARKER_EXTRA.text}) — для каждого из четырёх маркеров",
        rounding=Rounding.TESTS_UP,
        quote="НВе-АГ (anti-HBe, anti-дельта, anti-НВдельта) - все HBs Ag позитивные больные острым + хроническим гепатитом В + 6%",
        example=Example((50.0,), 53, "50 × 1,06 = 53"),
    ),
    ExcelFunction(
        name="ANTI_HAV_IGM_VOLUME",
        core=hepatitis.anti_hav_igm_volume,
        arguments=(a.ACUTE_HEPATITIS_6_YEARS,),
        section=f"{HBV}, 5",
        summary="Маркер IgM anti-HAV",
        formula=f"A = среднее число острых вирусных гепатитов за 6 лет × (1 + {k.ANTI_HAV_IGM_EXTRA.text})",
        rounding=Rounding.TESTS_UP,
        quote="IgM anti HAV - среднее количество больных острыми вирусными гепатитами за последние 6 лет (2000 - 2005) + 6%",
        example=Example(
            ([100.0, 100.0, 100.0, 100.0, 100.0, 101.0],),
            107,
            "среднее 601 / 6 = 100,1666…; × 1,06 = 106,1766… → вверх 107",
        ),
    ),
    ExcelFunction(
        name="HCV_PCR_QUAL_VOLUME",
        core=hepatitis.hcv_pcr_qual_volume,
        arguments=(a.HCV_NEWLY_REGISTERED, a.HCV_TREATED),
        section=f"{HCV}, 3",
        summary="ПЦР качественный на гепатит C: при постановке на учёт и дважды 70 % лечащихся",
        formula=f"A = B + {k.HCV_PCR_QUAL_TIMES.text} × {k.HCV_PCR_QUAL_TREATED_SHARE.text} × treated",
        rounding=Rounding.TESTS_UP,
        quote="при постановке на диспансерный учет; - двукратно 70% больных от получающих лечение (в 6 месяцев и 12 месяцев)",
        example=Example((0.0, 1.0), 2, "0 + 2 × 0,7 × 1 = 1,4 → вверх 2"),
    ),
    ExcelFunction(
        name="HCV_PCR_QUANT_VOLUME",
        core=hepatitis.hcv_pcr_quant_volume,
        arguments=(a.HCV_STARTING_TREATMENT, a.HCV_TREATED),
        section=f"{HCV}, 4",
        summary="ПЦР количественный на гепатит C: перед лечением и 3 раза в год при лечении",
        formula=f"A = B + {k.HCV_PCR_QUANT_PER_TREATED.text} × treated",
        rounding=Rounding.WHOLE,
        quote="всем больным перед началом лечения; - всем больным через 3 раза в год для тех, кто получает лечение",
        example=Example((20.0, 30.0), 110, "20 + 3 × 30 = 110"),
    ),
    ExcelFunction(
        name="HCV_GENOTYPING_VOLUME",
        core=hepatitis.hcv_genotyping_volume,
        arguments=(a.HCV_STARTING_TREATMENT,),
        section=f"{HCV}, 5",
        summary="ПЦР-генотипирование вируса гепатита C: всем перед началом лечения",
        formula="A = B",
        rounding=Rounding.WHOLE,
        quote="ПЦР-генотипирование: - всем больным перед началом лечения",
        example=Example((20.0,), 20, "по одному на каждого: 20"),
    ),
)
