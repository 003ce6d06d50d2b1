"""Catalogue entries: Appendix 1, HIV infection (sections I–IX)."""

from __future__ import annotations

from xl_addin.catalog import arguments as a
from xl_addin.catalog.model import Example, ExcelFunction, Rounding
from xl_addin.core import coefficients as k
from xl_addin.core import hiv_tests

SECTION = "Прил. 1, ВИЧ"

FUNCTIONS = (
    ExcelFunction(
        name="ELISA_VOLUME",
        core=hiv_tests.elisa_volume,
        arguments=(a.PLANNED_SCREENINGS,),
        section=f"{SECTION}, I",
        summary="Число исследований в ИФА тест-системах",
        formula=f"A = B + B × {k.ELISA_REPEAT.text}",
        rounding=Rounding.TESTS_UP,
        quote="А = В + (В x 0,2) … 0,2 - дополнительные расходы тестов для контрольных и повторных исследований",
        example=Example((1000.0,), 1200, "1000 + 1000 × 0,2 = 1200"),
    ),
    ExcelFunction(
        name="IMMUNOBLOT_VOLUME",
        core=hiv_tests.immunoblot_volume,
        arguments=(a.ELISA_POSITIVE,),
        section=f"{SECTION}, II",
        summary="Число исследований в иммунном блоте (ИБ)",
        formula=f"A = B + B × {k.IMMUNOBLOT_REPEAT.text}",
        rounding=Rounding.TESTS_UP,
        quote="А = В + (В x 0,25) … 0,25 - дополнительные расходы тестов для контрольных, повторных исследований",
        example=Example((10.0,), 13, "10 + 10 × 0,25 = 12,5 → вверх 13"),
    ),
    ExcelFunction(
        name="IMMUNE_STATUS_VOLUME",
        core=hiv_tests.immune_status_volume,
        arguments=(a.ON_ART, a.STARTING_ART, a.OBSERVED),
        section=f"{SECTION}, III",
        summary="Число исследований иммунного статуса",
        formula=(
            f"A = (B × {k.IMMUNE_STATUS_PER_ON_ART.text} + C × {k.IMMUNE_STATUS_PER_STARTING.text}"
            f" + D × {k.IMMUNE_STATUS_PER_OBSERVED.text}) × (1 + {k.IMMUNE_STATUS_REPEAT.text})"
        ),
        rounding=Rounding.TESTS_UP,
        quote="А = В x 4 + С x 3 + D x 2,5 + (В x 4 + C x 3 + D x 2,5) x 0,1",
        example=Example((100.0, 50.0, 200.0), 1155, "400 + 150 + 500 = 1050; 1050 + 105 = 1155"),
    ),
    ExcelFunction(
        name="VIRAL_LOAD_VOLUME",
        core=hiv_tests.viral_load_volume,
        arguments=(a.ON_ART, a.STARTING_ART, a.OBSERVED, a.EXAMINED),
        section=f"{SECTION}, IV",
        summary="Число исследований вирусной нагрузки; D×1,5 в повторных — как напечатано в письме",
        formula=(
            f"A = B × {k.VIRAL_LOAD_PER_ON_ART.text} + C × {k.VIRAL_LOAD_PER_STARTING.text}"
            f" + D × {k.VIRAL_LOAD_PER_OBSERVED.text} + (B × {k.VIRAL_LOAD_PER_ON_ART.text}"
            f" + C × {k.VIRAL_LOAD_PER_STARTING.text} + D × {k.VIRAL_LOAD_REPEAT_PER_OBSERVED.text}) × E"
        ),
        rounding=Rounding.TESTS_UP,
        quote="А = В x 4 + С x 3 + D x 2,5 + (В x 4 + C x 3 + D х 1,5) x E",
        note=(
            "В основном слагаемом письмо печатает D × 2,5, а в слагаемом повторных исследований — D × 1,5; "
            "функция считает так, как напечатано (docs/interpretation.md, H4). E выбирается по числу "
            "обследуемых лиц (VIRAL_LOAD_REPEAT_SHARE), по умолчанию B + C + D."
        ),
        example=Example(
            (100.0, 50.0, 200.0),
            1475,
            "обследуется 100 + 50 + 200 = 350 < 1000 → E = 0,5; 400 + 150 + 500 = 1050; "
            "(400 + 150 + 300) × 0,5 = 425; 1050 + 425 = 1475",
        ),
    ),
    ExcelFunction(
        name="VIRAL_LOAD_REPEAT_SHARE",
        core=hiv_tests.viral_load_repeat_share,
        arguments=(a.EXAMINED_TIER,),
        section=f"{SECTION}, IV",
        summary="Доля E контрольных и повторных исследований вирусной нагрузки",
        formula=(
            f"E = {k.VIRAL_LOAD_REPEAT_SMALL.text}, если обследуется менее {k.VIRAL_LOAD_SMALL_BELOW.text}; "
            f"{k.VIRAL_LOAD_REPEAT_MEDIUM.text} — от {k.VIRAL_LOAD_SMALL_BELOW.text} до "
            f"{k.VIRAL_LOAD_LARGE_ABOVE.text} включительно; {k.VIRAL_LOAD_REPEAT_LARGE.text} — свыше "
            f"{k.VIRAL_LOAD_LARGE_ABOVE.text}"
        ),
        rounding=Rounding.NONE,
        quote=(
            "В регионах, где обследуется менее 1000 лиц … Е = 0,5. … от 1000 до 5000 лиц … Е = 0,3. "
            "… свыше 5000 лиц … Е = 0,15"
        ),
        example=Example((1000.0,), 0.3, "1000 — в группе «от 1000 до 5000» → 0,3"),
    ),
    ExcelFunction(
        name="HIV_DNA_VOLUME",
        core=hiv_tests.hiv_dna_volume,
        arguments=(a.PREGNANT_EXPECTING_BIRTH, a.BIRTHS),
        section=f"{SECTION}, V",
        summary="Число исследований ДНК ВИЧ",
        formula=f"A = B × {k.HIV_DNA_PER_PREGNANT.text} + B × {k.HIV_DNA_PER_PREGNANT.text} × E",
        rounding=Rounding.TESTS_UP,
        quote="А = В x 2 + (В x 2) x Е",
        note="E выбирается по числу детей, рождённых ВИЧ-инфицированными женщинами (HIV_DNA_REPEAT_SHARE), по умолчанию B.",
        example=Example((100.0,), 300, "100 < 160 → E = 0,5; 200 + 200 × 0,5 = 300"),
    ),
    ExcelFunction(
        name="HIV_DNA_REPEAT_SHARE",
        core=hiv_tests.hiv_dna_repeat_share,
        arguments=(a.BIRTHS_TIER,),
        section=f"{SECTION}, V",
        summary="Доля E контрольных и повторных исследований ДНК ВИЧ",
        formula=(
            f"E = {k.HIV_DNA_REPEAT_SMALL.text}, если рождается менее {k.HIV_DNA_SMALL_BELOW.text} детей; "
            f"{k.HIV_DNA_REPEAT_MEDIUM.text} — от {k.HIV_DNA_SMALL_BELOW.text} до {k.HIV_DNA_LARGE_ABOVE.text} "
            f"включительно; {k.HIV_DNA_REPEAT_LARGE.text} — более {k.HIV_DNA_LARGE_ABOVE.text}"
        ),
        rounding=Rounding.NONE,
        quote="менее 160 детей … Е = 0,5. … от 160 до 500 детей … Е = 0,3. … более 500 детей … Е = 0,15",
        example=Example((500.0,), 0.3, "500 — в группе «от 160 до 500» → 0,3"),
    ),
    ExcelFunction(
        name="EXPRESS_TEST_VOLUME",
        core=hiv_tests.express_test_volume,
        arguments=(a.UNOBSERVED_PREGNANT, a.EMERGENCY_TRANSFUSIONS),
        section=f"{SECTION}, VI",
        summary="Число исследований в экспресс-тест-системах",
        formula=f"A = B + C + (B + C) × {k.EXPRESS_TEST_REPEAT.text}",
        rounding=Rounding.TESTS_UP,
        quote="А = В + С + (В + С) x 0,05",
        example=Example((30.0, 10.0), 42, "30 + 10 = 40; 40 + 40 × 0,05 = 42"),
    ),
    ExcelFunction(
        name="P24_SCREEN_VOLUME",
        core=hiv_tests.p24_screen_volume,
        arguments=(a.ELISA_POSITIVE_TO_IB, a.IB_POSITIVE_OR_INDETERMINATE),
        section=f"{SECTION}, VII",
        summary="Число исследований для выявления антигена p24; ошибка, если C > B",
        formula=f"A = (B − C) + (B − C) × {k.P24_SCREEN_REPEAT.text}",
        rounding=Rounding.TESTS_UP,
        quote="А = (В - С) + (В - С) x 0,25",
        example=Example((500.0, 400.0), 125, "500 − 400 = 100; 100 + 25 = 125"),
    ),
    ExcelFunction(
        name="P24_CONFIRM_VOLUME",
        core=hiv_tests.p24_confirm_volume,
        arguments=(a.P24_POSITIVE,),
        section=f"{SECTION}, VIII",
        summary="Число исследований для подтверждения антигена p24",
        formula=f"A = B + B × {k.P24_CONFIRM_REPEAT.text}",
        rounding=Rounding.TESTS_UP,
        quote="А = В + В x 0,25",
        example=Example((3.0,), 4, "3 + 0,75 = 3,75 → вверх 4"),
    ),
    ExcelFunction(
        name="RESISTANCE_TEST_LIMIT",
        core=hiv_tests.resistance_test_limit,
        arguments=(a.ON_ART,),
        section=f"{SECTION}, IX",
        summary="Предельное число исследований резистентности и субтипа ВИЧ",
        formula=f"A ≤ B × {k.RESISTANCE_MAX_SHARE.text}",
        rounding=Rounding.LIMIT_DOWN,
        quote="количество необходимых исследований не может составлять более 15% от числа ВИЧ-инфицированных, получающих АРТ",
        example=Example((999.0,), 149, "999 × 0,15 = 149,85 → вниз 149"),
    ),
)
