"""The supply plan's sheets and «Товары» as a user prints them (issue 22's print defects): LibreOffice → PDF, read
with pdftotext.

Each workbook is filled (the design note's Examples 1–3, a full list of 60 products, 120 lines in each table of
«Поставки») and printed with only the sheet under test visible (a hidden sheet does not print), so that every
page of the PDF is that sheet's.  The yardstick, a cell of 8 pt at 100 %, is printed in the same call.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill, product_columns
from tests.workbook.libreoffice import convert
from tests.workbook.test_plan_sheet_examples import CASES, EN_CASES, REGION, _lamivudine, _settings, _tables
from tests.workbook.test_print import _boxes
from xl_addin.request.plan_layout import TABLE_ROWS
from xl_addin.request.products_layout import PRODUCT_ROWS
from xl_addin.workbook.texts import SHEETS
from xl_addin.workbook.writer import write_workbook

D = dt.datetime
#: 60 products, each Example 1's lamivudine with its own code: every row of the matrix filled.
FULL = (
    CASES["ex1"]
    | product_columns([_lamivudine(f"P{number:02d}") for number in range(1, PRODUCT_ROWS + 1)])
    | (_tables() | _settings(start=D(2006, 10, 1), product="P01"))
)
#: Every line of the three tables of «Поставки» filled (codes of Example 1's rows).
LINES = CASES["ex1"] | _tables(
    ship=[("A08", D(2007, 5, 1), 50, "заявка", None)] * TABLE_ROWS,
    lots=[("A08", 30, D(2008, 1, 31))] * TABLE_ROWS,
    use=[("A08", D(2007, 1 + number % 12, 1), 700) for number in range(TABLE_ROWS)],
)
#: The workbooks printed: language, inputs, the sheet left visible.
BOOKS: dict[str, tuple[str, dict[str, Any], str]] = {
    "plan_ex1": ("ru", CASES["ex1"], "plan"),
    "plan_full": ("ru", FULL, "plan"),
    "plan_en": ("en", EN_CASES["en3"], "plan"),
    "plan_above": ("ru", CASES["ex2"] | _settings(product="E5"), "plan"),
    # Example 1 ordered 2 months ahead: the heading names «заказать до» and why, its longest
    "plan_lead": ("ru", CASES["ex1"] | _settings(start=D(2006, 10, 1), product="A08", lead_months=2), "plan"),
    "deliveries_lines": ("ru", LINES, "deliveries"),
    "products_ex2": ("ru", CASES["ex2"], "products"),
    "products_en": ("en", EN_CASES["en3"], "products"),
}
#: The plan sheet's pages, by hand: the settings and checks (1); the selected product's 24 months, 6 a page (4);
#: the matrix's 24 months, 6 a page (4) and its 8 results and «Заказать до», 3 a page (3) — each part one page tall.
PLAN_PAGES = 1 + 4 + 4 + 3


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[tuple[float, float, str]]]]:
    """Each workbook's pages: (top, bottom, word) of every printed word; "yardstick": the 8 pt cell's."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    folder = tmp_path_factory.mktemp("plan_print")
    yardstick = Workbook()
    yardstick.active["A1"] = "Мерка"
    yardstick.active["A1"].font = Font(size=8)
    yardstick.save(folder / "yardstick.xlsx")
    templates = {}
    for lang in ("ru", "en"):
        templates[lang] = folder / f"template-{lang}.xlsx"
        write_workbook(templates[lang], REGION, lang=lang, year=2007)
    files = [folder / "yardstick.xlsx"]
    for name, (lang, inputs, key) in BOOKS.items():
        files.append(folder / f"{name}.xlsx")
        fill(templates[lang], files[-1], inputs)
        _only(files[-1], SHEETS[lang][key])
    pdfs = convert(files, folder, "pdf")
    return {"yardstick": _boxes(pdfs[0]), **{name: _boxes(pdf) for name, pdf in zip(BOOKS, pdfs[1:], strict=True)}}


def _only(path: Path, title: str) -> None:
    """Leave only the sheet ``title`` visible (and active): the PDF then holds its pages alone (LibreOffice prints a
    hidden sheet that has a print area: the others lose theirs)."""
    book = load_workbook(path)
    book.active = book.sheetnames.index(title)
    for sheet in book.worksheets:
        sheet.sheet_state = "visible" if sheet.title == title else "hidden"
        sheet.sheet_view.tabSelected = sheet.title == title
        if sheet.title != title:
            sheet.print_area = None
    book.save(path)


def _eight_pt(printed: dict[str, Any]) -> float:
    ((top, bottom, _),) = printed["yardstick"][0]
    return bottom - top


@pytest.mark.parametrize("name", list(BOOKS))
def test_no_word_prints_smaller_than_8_pt(printed: dict[str, Any], name: str) -> None:
    """Every word of the sheet — the months' status words, the chart's axes and legend included — at least 8 pt."""
    eight_pt = _eight_pt(printed)
    small = [(number, word, round(bottom - top, 1)) for number, page in enumerate(printed[name], 1)
             for top, bottom, word in page if bottom - top < eight_pt - 0.05]  # fmt: skip
    assert small == [], f"8 pt is {eight_pt:.1f} high"


@pytest.mark.parametrize(("name", "bound"), [("plan_ex1", PLAN_PAGES), ("plan_full", PLAN_PAGES),
                                             ("plan_en", PLAN_PAGES), ("plan_above", PLAN_PAGES),
                                             ("plan_lead", PLAN_PAGES),
                                             ("deliveries_lines", 4)])  # fmt: skip
def test_few_pages_and_none_blank(printed: dict[str, Any], name: str, bound: int) -> None:
    """«План поставок» on at most 12 pages (with 3 products as with 60: no page of empty product rows), «Поставки»
    with its 3 × 120 lines filled on at most 4 (A4 landscape, one page wide, about 30 lines a page); every page
    prints something."""
    pages = printed[name]
    assert 1 <= len(pages) <= bound
    assert [number for number, page in enumerate(pages, 1) if not page] == []


def _words(page: list[tuple[float, float, str]]) -> list[str]:
    return [html.unescape(word) for _, _, word in page]


def test_the_selected_products_status_words_print_whole(printed: dict[str, Any]) -> None:
    """Example 1's 24 months (the note's table): «ниже минимума» in months 4–6 and 14–16, «нехватка» in 7 and 17–24,
    «норма» in the other 9 — each word printed whole (not shrunk, not cut at the column's edge)."""
    words = [word for page in printed["plan_ex1"] if "Выбранный" in _words(page) for word in _words(page)]
    assert (words.count("ниже"), words.count("минимума"), words.count("нехватка"), words.count("норма")) == (6, 6, 9, 9)


def test_above_the_maximum_prints_whole(printed: dict[str, Any]) -> None:
    """E5 of Example 2 (21,900 + 600 units, 7,300 a year, maximum 3 + 12 months = 9,125 units): above it all 12
    months of 2007 (15,200 on 31 December) and 2008 to September (15,200 − 5,475 = 9,725), then 9,117, 8,509 and
    7,900: «норма» — «выше максимума» 21 times, each word whole in its month's two lines."""
    words = [word for page in printed["plan_above"] if "Выбранный" in _words(page) for word in _words(page)]
    assert (words.count("выше"), words.count("максимума"), words.count("норма")) == (21, 21, 3)


def test_the_chart_stays_on_the_first_page_of_months() -> None:
    """The chart starts in C, right of the columns each page across repeats (anchored in B, LibreOffice printed it
    again, cut, on every page of the months), and ends within H, the first page's sixth month, in Excel's widths too:
    a 10-wide column is 75 px, six are 450 px = 11.9 cm."""
    from xl_addin.request.plan_layout import MONTH_ROW
    from xl_addin.workbook.writer import WorkbookWriter

    sheet = WorkbookWriter(REGION, lang="ru", year=2007).build()[SHEETS["ru"]["plan"]]
    (chart,) = sheet._charts
    assert chart.anchor == f"C{MONTH_ROW['status'] + 2}"
    assert chart.width <= 450 / 96 * 2.54 and [sheet.column_dimensions[c].width for c in "CDEFGH"] == [10] * 6


def test_every_page_of_the_plan_repeats_the_code_and_name_or_labels(printed: dict[str, Any]) -> None:
    """Pages across repeat column B: each page of the 24 months has the lines' labels («Остаток на конец»), each
    page of the matrix its header «Наименование» and the 60th product's code (the matrix is one page tall)."""
    pages = printed["plan_full"]
    months = [page for page in pages if "Выбранный" in _words(page)]
    matrix = [page for page in pages if "Наименование" in _words(page)]
    assert (len(months), len(matrix)) == (4, 7)  # the matrix: 4 pages of months, 3 of results and «Заказать до»
    assert all("конец" in _words(page) for page in months)
    assert all("P60" in _words(page) and "P01" in _words(page) for page in matrix)


def test_the_delivery_tables_header_is_on_every_page(printed: dict[str, Any]) -> None:
    """«Поставки» over several pages: each starts with the tables' header row (Месяц поступления …)."""
    pages = printed["deliveries_lines"]
    assert len(pages) > 1
    assert all("поступления" in _words(page) for page in pages)


@pytest.mark.parametrize("name", ["plan_ex1", "plan_en"])
def test_each_check_sentence_prints_on_the_first_page(printed: dict[str, Any], name: str) -> None:
    """The title and the checks' sentences wrap within the first page: no page of their run-on text (Example 1's
    sentence names its first stockout month 04.2007, Example 3's the 07.2007 of zidovudine)."""
    first, *rest = printed[name]
    text = " ".join(_words(first))
    assert re.search(r"04\.2007|07\.2007", text)
    assert all("OK" not in _words(page) for page in rest)


#: The month the stock was counted in (E2 of «Товары»): every setting blank, so January of the request year 2007.
COUNTED = {
    "products_ex2": "Остаток, «Из него истекает» и «В пути» — на 1-е число месяца 01.2007 (начало плана поставок)",
    "products_en": "Stock, expiring and pipeline as of the 1st of 01.2007 (the supply plan's first month)",
}


@pytest.mark.parametrize("name", list(COUNTED))
def test_the_counted_month_prints_whole_on_the_first_page(printed: dict[str, Any], name: str) -> None:
    """«Товары» prints two pages wide: the sentence of E2 wraps within the first page, none of it cut off onto the
    second (it used to run on past the page's edge: «…на 1-е число месяца 10.2006 (начало» | «плана поставок)»)."""
    first, *rest = printed[name]
    assert rest, "two pages wide"
    sentence = COUNTED[name].split()
    assert [word for word in sentence if word not in _words(first)] == []
    assert [word for page in rest for word in _words(page) if word in sentence[-3:]] == []


#: Usable stock in months of need (column Q), by hand: Example 2's rows D03 6,000 / (7,200 / 12) = 10.0; D03B
#: (6,000 − 1,800) / 600 = 7.0; A06 1,825 / (7,300 / 12) = 3.0; E4 (6,000 − 4,175) / 608.3 = 3.0; E5 21,900 / 608.3
#: = 36.0; Example 3 in English: A06's 3.0.
USABLE = {"products_ex2": ["10.0", "7.0", "3.0", "3.0", "36.0"], "products_en": ["3.0"]}


@pytest.mark.parametrize("name", list(USABLE))
def test_usable_months_of_stock_print_with_one_decimal(printed: dict[str, Any], name: str) -> None:
    """10.0 and 3.0 (issue 22's immunoblot and zidovudine), not 10 and 3: the one-decimal format of the plan's months."""
    words = [word.replace(",", ".") for page in printed[name] for word in _words(page)]
    assert [word for word in words if re.fullmatch(r"\d+\.0", word)] == USABLE[name]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_months_of_stock_cell_has_the_one_decimal_format(tmp_path: Path, lang: str) -> None:
    """«Товары» column Q, the selected product's months of stock and the matrix's 24 × 60 cells: one format, 0.0."""
    from xl_addin.request.plan_layout import MONTH_LETTERS, MONTH_ROW, PLAN_FIRST_ROW
    from xl_addin.request.products_model import FIRST_ROW
    from xl_addin.workbook.products_formulas import LAST_ROW, LETTER

    write_workbook(tmp_path / "book.xlsx", REGION, lang=lang, year=2007)
    book = load_workbook(tmp_path / "book.xlsx")
    products, plan = book[SHEETS[lang]["products"]], book[SHEETS[lang]["plan"]]
    usable = LETTER["out_product_months_of_stock"]
    formats = [products[f"{usable}{row}"].number_format for row in range(FIRST_ROW, LAST_ROW + 1)]
    formats += [plan[f"{letter}{MONTH_ROW['mos']}"].number_format for letter in MONTH_LETTERS]
    formats += [plan[f"{letter}{PLAN_FIRST_ROW + offset}"].number_format
                for letter in MONTH_LETTERS for offset in range(PRODUCT_ROWS)]  # fmt: skip
    assert (usable, len(formats), set(formats)) == ("Q", 60 + 24 + 24 * 60, {"0.0"})


#: The header of ``out_plan_expired_cost`` names its period (the whole plan, decision P4), not the request year's.
COST_HEADERS = {
    "plan_ex1": "Стоимость списанного за 24 месяца плана, руб.",
    "plan_en": "Cost written off in the plan's 24 months, RUB",
}


@pytest.mark.parametrize("name", list(COST_HEADERS))
def test_the_cost_of_the_write_off_says_its_24_months(printed: dict[str, Any], name: str) -> None:
    """The header prints whole, on the page of the last four results, each word under the other in its column."""
    (page,) = [page for page in printed[name] if "31" in _words(page)]  # «Остаток на 31 декабря»'s page
    assert [word for word in COST_HEADERS[name].split() if word not in _words(page)] == []


#: Example 2's failed checks on «Товары», by hand: shares (D03 and D03B both cover the immunoblot: 200 %) and the kit
#: totals (the drug rows' kits beside «Ввод»'s zeros) are errors; a volume without a product (p24 antigen's) and the
#: stock above its maximum (E5's 21,900 + 600 units, 36 months) are warnings.
SEVERITIES = {"ошибка": 2, "предупреждение": 2}


def test_the_products_checks_severity_words_print_whole(printed: dict[str, Any]) -> None:
    """Column A, repeated on both pages of the checks, is wide enough for «предупреждение» (it printed «предупреж»)."""
    pages = [_words(page) for page in printed["products_ex2"] if "Проверки" in _words(page)]
    assert len(pages) == 2
    assert [{word: words.count(word) for word in SEVERITIES} for words in pages] == [SEVERITIES] * 2


def test_the_plan_prints_at_a_fixed_scale_with_its_page_breaks(tmp_path: Path) -> None:
    """Excel ignores manual page breaks when a sheet is fitted to pages: «План поставок» is printed at a fixed 75 %,
    portrait, a page before row 23 (the selected product) and row 59 (the matrix), pages across after columns H, N, T
    and Z (6 months each), AC and AF (the 8 results and «Заказать до», AI: 3 a page, each 13 wide — a cost of
    millions of roubles shows, not «###»)."""
    write_workbook(tmp_path / "book.xlsx", REGION, year=2007)
    sheet = load_workbook(tmp_path / "book.xlsx")[SHEETS["ru"]["plan"]]
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None and not fit.fitToPage
    assert (sheet.page_setup.orientation, sheet.page_setup.scale) == ("portrait", 75)
    assert [brk.id for brk in sheet.row_breaks.brk] == [22, 58]
    assert [brk.id for brk in sheet.col_breaks.brk] == [8, 14, 20, 26, 29, 32]
    assert sheet.print_title_cols == "$A:$B"


def test_the_months_heading_prints_whole_on_its_first_page(printed: dict[str, Any]) -> None:
    """The 24 months' heading (A23, wrapped in A:H): «Выбранный товар: A08 — …; заказать до 11.2006 (первый месяц ниже
    минимума или нехватки 01.2007 минус 2 мес.)» — Example 1 below its minimum from 01.2007 (the note's table: 1,460
    left, 2.0 months), 2 months' lead — whole on its first page (it ran on past the page, and over the repeated columns of the next)."""
    pages = [[html.unescape(word) for _, _, word in page] for page in printed["plan_lead"]]
    first = [words for words in pages if "Выбранный" in words]
    assert len(first) >= 1
    words = first[0]
    start = words.index("Выбранный")
    assert words[start : start + 3] == ["Выбранный", "товар:", "A08"]
    assert words[words.index("заказать") : words.index("заказать") + 3] == ["заказать", "до", "11.2006"]
    assert words[words.index("минус") - 1 : words.index("минус") + 3] == ["01.2007", "минус", "2", "мес.)"]
    # the pages across repeat columns A:B: there the heading's two lines show as far as B, each from its start


def test_the_matrix_title_prints_its_colours_legend(printed: dict[str, Any]) -> None:
    """The matrix's title names each colour (there was no legend), wrapped whole on its page."""
    pages = [[html.unescape(word) for _, _, word in page] for page in printed["plan_ex1"]]
    words = next(page for page in pages if "товарам" in page and "месяцам," in page)  # the matrix's first page
    legend = ["красный", "нехватка,", "оранжевый", "зелёный", "норма,", "синий", "серый", "нет", "потребности"]
    assert [word for word in legend if word not in words] == []
