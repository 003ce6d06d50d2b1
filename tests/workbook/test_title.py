"""The title sheet's steps: every sheet a region fills or reads is named, «Товары» among them (issue 21)."""

from __future__ import annotations

import pytest

from xl_addin.workbook.writer import NATIVE_VARIANT, UDF_VARIANT, Region, WorkbookWriter

#: The steps by hand: (language, variant, products) → the start of each numbered line under the letter.
STEPS = {
    ("ru", NATIVE_VARIANT, True): ("1. Заполните жёлтые ячейки на листе «Ввод»", "2. Лист «Товары» — что заказать",
                                   "3. Результаты — на листах «Диагностика» и «АРВ»", "4. Лист «Проверки»"),
    ("ru", NATIVE_VARIANT, False): ("1. Заполните жёлтые ячейки на листе «Ввод»",
                                    "2. Результаты — на листах «Диагностика» и «АРВ»", "3. Лист «Проверки»"),
    ("ru", UDF_VARIANT, True): ("1. Заполните жёлтые ячейки на листе «Ввод»", "2. Лист «Товары» — что заказать",
                                "3. Результаты — на листах «Диагностика» и «АРВ»", "4. Лист «Проверки»",
                                "5. Нужны xl_addin и надстройка xlwings"),
    ("en", NATIVE_VARIANT, True): ("1. Fill the yellow cells on the «Inputs» sheet", "2. The «Products» sheet: what",
                                   "3. The results are on the «Diagnostics» and «ARV drugs» sheets",
                                   "4. The «Checks» sheet"),
    ("en", UDF_VARIANT, False): ("1. Fill the yellow cells on the «Inputs» sheet",
                                 "2. The results are on the «Diagnostics» and «ARV drugs» sheets",
                                 "3. The «Checks» sheet", "4. Needs xl_addin and the xlwings"),
}  # fmt: skip


@pytest.mark.parametrize(("lang", "variant", "products"), list(STEPS))
def test_title_names_every_step(lang: str, variant: str, products: bool) -> None:
    """The numbered steps under the letter (row 3), in order, nothing else before the version in row 9."""
    book = WorkbookWriter(Region("Тульская область"), lang=lang, variant=variant, products=products).build()
    title = book.worksheets[0]
    expected = STEPS[lang, variant, products]
    lines = [title.cell(row, 1).value for row in range(4, 9)]
    shown = [line for line in lines if line is not None]
    assert len(shown) == len(expected)
    for line, start in zip(shown, expected, strict=True):
        assert isinstance(line, str)
        assert line.startswith(start)
    assert all(title.cell(row, 1).alignment.wrap_text for row in range(4, 4 + len(expected)))  # printed whole
