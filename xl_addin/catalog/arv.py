"""Catalogue entries: Appendix 2, antiretroviral drugs, and the ART need estimate."""

from __future__ import annotations

from xl_addin.catalog import arguments as a
from xl_addin.catalog.model import Example, ExcelFunction, Rounding
from xl_addin.core import art_need, arv_drugs
from xl_addin.core import coefficients as k

ARV = "Прил. 2"
LOW, HIGH = k.ART_NEED_LOW.percent, k.ART_NEED_HIGH.percent
YEAR_PERCENTS = ", ".join(c.percent for c in k.ART_NEED_BY_YEARS)
RANGE_NOTE = (
    "Возвращает две ячейки в строке: введите как формулу массива в две ячейки (в Excel 365 результат разольётся сам)."
)

FUNCTIONS = (
    ExcelFunction(
        name="DISPENSARY_EXPECTED",
        core=arv_drugs.dispensary_expected,
        arguments=(a.DETECTED_CUMULATIVE,),
        section=f"{ARV}, перечень, п. 2",
        summary="Ожидаемое число ВИЧ-инфицированных под диспансерным наблюдением",
        formula=f"A = B × {k.DISPENSARY_SHARE.text}",
        rounding=Rounding.PEOPLE_HALF_UP,
        quote="Количество ВИЧ-инфицированных, охваченных диспансерным наблюдением (80%), от числа выявленных",
        example=Example((1001.0,), 801, "1001 × 0,8 = 800,8 → 801"),
    ),
    ExcelFunction(
        name="ART_NEED_RANGE",
        core=arv_drugs.art_need_range,
        arguments=(a.BASE,),
        section=f"{ARV}, 1",
        summary=f"Диапазон числа нуждающихся в АРТ, {LOW}–{HIGH} % (две ячейки в строке)",
        formula=f"[[base × {k.ART_NEED_LOW.text}]; [base × {k.ART_NEED_HIGH.text}]]",
        rounding=Rounding.PEOPLE_HALF_UP,
        quote="Эти цифры (13 - 20% от числа пациентов, зарегистрированных на территории) … могут быть показателем достаточности охвата терапией",
        note=RANGE_NOTE,
        example=Example((101.0,), [13, 20], "101 × 0,13 = 13,13 → 13; 101 × 0,2 = 20,2 → 20"),
    ),
    ExcelFunction(
        name="ART_COVERAGE_CHECK",
        core=arv_drugs.art_coverage_check,
        arguments=(a.PLANNED_ON_ART, a.BASE, a.ESTIMATE),
        section=f"{ARV}, 1",
        summary=f"Проверка охвата АРТ: {LOW}–{HIGH} % от base; «OK» или текст, в какую сторону и на сколько",
        formula=(
            f"OK, если [base × {k.ART_NEED_LOW.text}] ≤ planned ≤ [base × {k.ART_NEED_HIGH.text}]; "
            "выше — тоже OK, если planned ≤ estimate"
        ),
        rounding=Rounding.CHECK,
        quote=(
            "в среднем по России в противоретровирусной терапии нуждается 13 - 20% больных ВИЧ-инфекцией; … "
            "в тех районах России, где массовая эпидемия началась раньше …, пропорционально выше"
        ),
        note=f"Без estimate (пустая ячейка) охват выше {HIGH} % не проходит проверку; с estimate — только если запланировано больше неё.",
        example=Example(
            (250.0, 1000.0, 220.0),
            "Охват АРТ выше 20 %: запланировано 250, допустимо не более 200 (лишних 50), "
            "расчётная потребность по давности выявления 220",
            "1000 × 0,2 = 200 < 250: лишних 250 − 200 = 50; 250 > 220 — и больше расчётной потребности",
        ),
    ),
    ExcelFunction(
        name="TREATMENT_NEED_RANGE",
        core=arv_drugs.treatment_need_range,
        arguments=(a.DETECTED_CUMULATIVE,),
        section=f"{ARV}, перечень, п. 3",
        summary=f"Диапазон числа подлежащих лечению: {LOW}–{HIGH} % от охваченных диспансерным наблюдением (две ячейки)",
        formula=f"D = [B × {k.DISPENSARY_SHARE.text}]; [[D × {k.ART_NEED_LOW.text}]; [D × {k.ART_NEED_HIGH.text}]]",
        rounding=Rounding.PEOPLE_HALF_UP,
        quote="Количество ВИЧ-инфицированных, подлежащих лечению: 13 - 20% от числа охваченных диспансерным наблюдением",
        note=RANGE_NOTE,
        example=Example(
            (1001.0,),
            [104, 160],
            "1001 × 0,8 = 800,8 → 801; 801 × 0,13 = 104,13 → 104; 801 × 0,2 = 160,2 → 160",
        ),
    ),
    ExcelFunction(
        name="FIRST_LINE_PATIENTS",
        core=arv_drugs.first_line_patients,
        arguments=(a.TO_TREAT,),
        section=f"{ARV}, перечень, п. 4",
        summary="Пациентов на препаратах первого ряда",
        formula=f"A = B × {k.FIRST_LINE_SHARE.text}",
        rounding=Rounding.PEOPLE_HALF_UP,
        quote="препаратами первого ряда - 60% от числа подлежащих лечению",
        example=Example((101.0,), 61, "101 × 0,6 = 60,6 → 61"),
    ),
    ExcelFunction(
        name="RESERVE_LINE_PATIENTS",
        core=arv_drugs.reserve_line_patients,
        arguments=(a.TO_TREAT,),
        section=f"{ARV}, перечень, п. 4",
        summary="Пациентов на препаратах второго ряда и резерва (остальные после первого ряда)",
        formula="A = B − FIRST_LINE_PATIENTS(B)",
        rounding=Rounding.PEOPLE_HALF_UP,
        quote="препаратами второго ряда и резерва - 40% от числа подлежащих лечению",
        note="Считается как остаток, чтобы первый ряд и резерв в сумме давали ровно B.",
        example=Example((101.0,), 40, "101 − 61 = 40"),
    ),
    ExcelFunction(
        name="KITS_TREATABLE_MIN",
        core=arv_drugs.kits_treatable_min,
        arguments=(a.PI_KITS, a.NNRTI_KITS),
        section=f"{ARV}, 2",
        summary="Наименьшее число пациентов, которых можно лечить год: комплекты ИП + ННИОТ",
        formula="A = pi_kits + nnrti_kits",
        rounding=Rounding.WHOLE,
        quote="суммы годовых комплектов ингибиторов протеазы и ненуклеозидных ингибиторов обратной транскриптазы",
        example=Example((300.0, 700.0), 1000, "300 + 700 = 1000"),
    ),
    ExcelFunction(
        name="ANNUAL_KITS_NEEDED",
        core=arv_drugs.annual_kits_needed,
        arguments=(a.CONTINUING, a.STARTING, a.RESERVE_LEFT),
        section=f"{ARV}, 2",
        summary="Годовых комплектов нужно: продолжающие + половина начинающих − резерв (не меньше 0)",
        formula=f"A = max(0; continuing + starting × {k.STARTING_KITS_SHARE.text} − reserve_left)",
        rounding=Rounding.TESTS_UP,
        quote=(
            "Суммируется количество годовых комплектов, необходимых для пациентов, продолжающих терапию, "
            "и половина количества годовых комплектов, необходимых для пациентов, начинающих терапию"
        ),
        example=Example((1000.0, 301.0), 1151, "1000 + 301 × 0,5 = 1150,5 → вверх 1151"),
    ),
    ExcelFunction(
        name="ANNUAL_KITS_BY_PLAN",
        core=arv_drugs.annual_kits_by_plan,
        arguments=(a.CONTINUING, a.STARTS_BY_PERIOD, a.RESERVE_LEFT),
        section=f"{ARV}, 2",
        summary="Годовых комплектов нужно по помесячному (12) или поквартальному (4) плану включения",
        formula="A = max(0; continuing + Σ sₖ × (P − k + ½) / P − reserve_left), P = 12 или 4",
        rounding=Rounding.TESTS_UP,
        quote="Если предполагается, что включение новых пациентов в течение года будет происходить неравномерно, расчет производится с учетом помесячного (поквартального) плана",
        note="Каждая когорта начинает в середине своего периода; при равномерном плане получается ровно «половина».",
        example=Example((0.0, [12.0, 0.0, 0.0, 0.0]), 11, "12 × (4 − 1 + 0,5) / 4 = 10,5 → вверх 11"),
    ),
    ExcelFunction(
        name="REGIMEN_BALANCE_CHECK",
        core=arv_drugs.regimen_balance_check,
        arguments=(a.COMPONENT1_KITS, a.COMPONENT2_KITS, a.COMPONENT3_KITS, a.REGIMEN_TOLERANCE),
        section=f"{ARV}, 3",
        summary="Проверка схем: компоненты 1 и 3 примерно равны, компонент 2 больше; «OK» или текст",
        formula="OK, если |c1 − c3| ≤ max(1; ⌊tolerance × max(c1; c3)⌋) и c2 > max(c1; c3)",
        rounding=Rounding.CHECK,
        quote=(
            "Количество годовых комплектов компонентов 1 и 3 должно быть примерно одинаково (допускается расхождение "
            "в пределах нескольких процентов). Количество годовых комплектов компонента 2 должно быть несколько больше"
        ),
        example=Example((1000.0, 1100.0, 960.0), "OK", "|1000 − 960| = 40 ≤ ⌊1000 × 0,05⌋ = 50; 1100 > 1000"),
    ),
    ExcelFunction(
        name="COMPONENT2_EXCESS_CHECK",
        core=arv_drugs.component2_excess_check,
        arguments=(a.COMPONENT1_KITS, a.COMPONENT2_KITS, a.COMPONENT3_KITS, a.PMTCT_COURSES),
        section=f"{ARV}, 3",
        summary="Проверка: компонент 2 больше компонентов 1/3 не более чем на допуск и курсы химиопрофилактики",
        formula=f"OK, если c2 ≤ max(c1; c3) + max(1; ⌊{k.REGIMEN_TOLERANCE.text} × max(c1; c3)⌋) + pmtct_courses",
        rounding=Rounding.CHECK,
        quote=(
            "Количество годовых комплектов компонента 2 должно быть несколько больше (за счет препаратов, "
            "предназначенных для профилактики вертикальной передачи ВИЧ)"
        ),
        note="Предупреждение: один годовой комплект компонента 2 на каждый курс химиопрофилактики.",
        example=Example(
            (1000.0, 1300.0, 980.0, 60.0),
            "Компонент 2 (1300) больше, чем компоненты 1/3 (1000) с допуском 50 и курсами химиопрофилактики 60: "
            "не более 1110",
            "max(1000; 980) = 1000; ⌊1000 × 0,05⌋ = 50; 1000 + 50 + 60 = 1110 < 1300",
        ),
    ),
    ExcelFunction(
        name="LINE_SHARE_CHECK",
        core=arv_drugs.line_share_check,
        arguments=(a.FIRST_LINE_KITS, a.RESERVE_KITS, a.LINE_SHARE_TOLERANCE),
        section=f"{ARV}, 4",
        summary="Проверка доли препаратов первого ряда (около 60 %); «OK» или текст",
        formula=(
            f"OK, если ⌈kits × {k.FIRST_LINE_SHARE.text} − d⌉ ≤ first ≤ ⌊kits × {k.FIRST_LINE_SHARE.text} + d⌋, "
            "kits = first + reserve, d = max(tolerance × kits; 1)"
        ),
        rounding=Rounding.CHECK,
        quote="Оценивается соотношение препаратов первого ряда (их должно быть порядка 60%) и препаратов резерва (их должно быть порядка 40%)",
        example=Example(
            (500.0, 500.0),
            "Первый ряд: 500 из 1000 комплектов, при доле около 60 % должно быть от 550 до 650",
            "d = max(1000 × 0,05; 1) = 50; 1000 × 0,6 − 50 = 550; 1000 × 0,6 + 50 = 650; 500 < 550",
        ),
    ),
    ExcelFunction(
        name="PMTCT_PREGNANT_ESTIMATE",
        core=arv_drugs.pmtct_pregnant_estimate,
        arguments=(a.BIRTHS_YEAR_BEFORE, a.BIRTHS_LAST_YEAR),
        section=f"{ARV}, химиопрофилактика, п. 1",
        summary="Беременных, которые завершат беременность родами: тенденция двух лет, продолженная на год",
        formula="A = max(0; 2 × births_last_year − births_year_before)",
        rounding=Rounding.WHOLE,
        quote=(
            "Среднее расчетное (с учетом тенденции 2005 - 2006 гг. в территории по изменению количества родов у "
            "ВИЧ-инфицированных женщин) кол-во ВИЧ-инфицированных беременных женщин, которые завершат беременность родами"
        ),
        note="То же, что среднее двух лет плюс полтора годовых изменения; при падении не меньше 0.",
        example=Example((100.0, 120.0), 140, "120 + (120 − 100) = 140"),
    ),
    ExcelFunction(
        name="PMTCT_FULL_COURSE",
        core=arv_drugs.pmtct_full_course,
        arguments=(a.PREGNANT_EXPECTING_BIRTH,),
        section=f"{ARV}, химиопрофилактика, п. 2",
        summary="Беременных, которые получат полный курс химиопрофилактики",
        formula=f"A = B × {k.PMTCT_FULL_SHARE.text}",
        rounding=Rounding.PEOPLE_HALF_UP,
        quote="70% от числа ВИЧ-инфицированных беременных, подлежащих химиопрофилактике … получат полный курс",
        example=Example((15.0,), 11, "15 × 0,7 = 10,5 → 11"),
    ),
    ExcelFunction(
        name="PMTCT_SHORT_COURSE",
        core=arv_drugs.pmtct_short_course,
        arguments=(a.PREGNANT_EXPECTING_BIRTH,),
        section=f"{ARV}, химиопрофилактика, п. 3",
        summary="Беременных, которые получат курс во время беременности или экстренный в родах",
        formula=f"A = B × {k.PMTCT_SHORT_SHARE.text}",
        rounding=Rounding.PEOPLE_HALF_UP,
        quote="25% от числа ВИЧ-инфицированных беременных … получат курс химиопрофилактики во время беременности или экстренный курс во время родов",
        example=Example((10.0,), 3, "10 × 0,25 = 2,5 → 3"),
    ),
    ExcelFunction(
        name="ART_NEED_COEFFICIENT",
        core=art_need.art_need_coefficient,
        arguments=(a.YEARS_SINCE_DETECTION,),
        section=f"{ARV}, расчётное количество",
        summary="Доля нуждающихся в АРТ по числу лет после выявления (0 лет — 0, 10 и более — 100 %)",
        formula=f"1…10 лет: {YEAR_PERCENTS} %; 0 лет — 0; более 10 — 100 %",
        rounding=Rounding.NONE,
        quote="через 1 год после выявления - 1%, через 2 - 3%, через 3 - 7%, через 4 - 10%, через 5 - 14%, через 6 - 35%, через 7 - 50%, через 8 - 70%, через 9 - 95%, через 10 - 100%",
        example=Example((6.0,), 0.35, "через 6 лет — 35 %"),
    ),
    ExcelFunction(
        name="ART_NEED_ESTIMATE",
        core=art_need.art_need_estimate,
        arguments=(a.REGISTERED_BY_YEARS,),
        section=f"{ARV}, расчётное количество",
        summary="Расчётное число нуждающихся в АРТ по давности выявления зарегистрированных",
        formula="A = Σ countₖ × ART_NEED_COEFFICIENT(k)",
        rounding=Rounding.PEOPLE_HALF_UP,
        quote="на территориях РФ с учетом времени, прошедшего с момента первого выявления ВИЧ-инфекции",
        example=Example(([100.0] * 10,), 385, "100 × (1 + 3 + 7 + 10 + 14 + 35 + 50 + 70 + 95 + 100) % = 385"),
    ),
    ExcelFunction(
        name="ART_NEED_2006",
        core=art_need.art_need_2006,
        arguments=(a.SUBJECT,),
        section=f"{ARV}, таблица 2006 г.",
        summary="Опубликованное в письме расчётное число нуждающихся в АРТ в 2006 г. по субъекту",
        formula="строка таблицы письма по названию (регистр, пробелы, тире, ё/е не важны) или номеру",
        rounding=Rounding.WHOLE,
        quote="РАСЧЕТНОЕ КОЛИЧЕСТВО ЛИЦ, НУЖДАЮЩИХСЯ В АНТИРЕТРОВИРУСНОЙ ТЕРАПИИ В 2006 ГОДУ",
        example=Example(("Иркутская область",), 4066, "строка 35 таблицы: 4066"),
    ),
)
