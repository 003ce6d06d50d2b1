"""Catalogue entries: the order's arithmetic — packs, cost, months of stock (not from the letter)."""

from __future__ import annotations

from xl_addin.catalog import arguments as a
from xl_addin.catalog.model import Example, ExcelFunction, Rounding
from xl_addin.core import products

ORDER = "Заказ (не из письма)"
NO_QUOTE = (
    "письмо даёт потребность, а об упаковках, ценах и запасах молчит; это арифметика заказа "
    "(как при расчёте закупок в QAT и ForLAB)"
)

FUNCTIONS = (
    ExcelFunction(
        name="PACKS_TO_ORDER",
        core=products.packs_to_order,
        arguments=(a.NEED, a.STOCK_ON_HAND, a.PIPELINE, a.PACK_SIZE, a.BUFFER_MONTHS, a.EXPIRING),
        section=f"{ORDER}, упаковки",
        summary="Упаковок заказать: потребность со страховым запасом минус годный остаток и заказанное",
        formula=(
            "A = max(0; need × (12 + buffer_months) / 12 − max(0; stock_on_hand − expiring) − pipeline) / pack_size"
        ),
        rounding=Rounding.PACKS_UP,
        quote=NO_QUOTE,
        from_letter=False,
        note=(
            "Истекающих больше, чем на складе, — допустимо: годный остаток тогда 0 (книга отмечает это отдельно). "
            "Округляется только результат (docs/interpretation.md, P1)."
        ),
        example=Example(
            (1200.0, 300.0, 200.0, 60.0, 3.0, 50.0),
            18,
            "1200 × (12 + 3) / 12 = 1500; 1500 − (300 − 50) − 200 = 1050; 1050 / 60 = 17,5 → вверх 18",
        ),
    ),
    ExcelFunction(
        name="ORDER_COST",
        core=products.order_cost,
        arguments=(a.PACKS, a.PRICE_PER_PACK),
        section=f"{ORDER}, стоимость",
        summary="Стоимость заказа, руб.: упаковки × цена упаковки, до копеек",
        formula="A = packs × price_per_pack",
        rounding=Rounding.MONEY_HALF_UP,
        quote=NO_QUOTE,
        from_letter=False,
        note="Считается точно: 3 × 0,1 = 0,3 ровно, без двоичной погрешности.",
        example=Example((3.0, 1234.565), 3703.7, "3 × 1234,565 = 3703,695 → 3703,70"),
    ),
    ExcelFunction(
        name="MONTHS_OF_STOCK",
        core=products.months_of_stock,
        arguments=(a.STOCK_ON_HAND, a.NEED),
        section=f"{ORDER}, запасы",
        summary="На сколько месяцев хватит остатка при годовой потребности need",
        formula="A = stock_on_hand / (need / 12)",
        rounding=Rounding.MONTHS_DOWN,
        quote=NO_QUOTE,
        from_letter=False,
        note="При need = 0 — ошибка (текст, начинающийся с #): деление на 0.",
        example=Example((250.0, 1400.0), 2.1, "250 / (1400 / 12) = 3000 / 1400 = 2,14… → вниз 2,1"),
    ),
    ExcelFunction(
        name="CONSUMPTION_DEVIATION",
        core=products.consumption_deviation,
        arguments=(a.REQUESTED, a.LAST_YEAR_CONSUMPTION),
        section=f"{ORDER}, сравнение с расходом",
        summary="Отклонение запрошенного от расхода прошлого года, доля (0,1 = на 10 % больше; меньше — со знаком минус)",
        formula="A = (requested − last_year_consumption) / last_year_consumption",
        rounding=Rounding.DEVIATION_HALF_AWAY,
        quote=NO_QUOTE,
        from_letter=False,
        note=(
            "При last_year_consumption = 0 — ошибка (текст, начинающийся с #): деление на 0. "
            "Половина округляется от нуля, как ROUND в Excel (docs/interpretation.md, P1)."
        ),
        example=Example((1300.0, 1200.0), 0.083, "(1300 − 1200) / 1200 = 0,0833… → 0,083"),
    ),
)
