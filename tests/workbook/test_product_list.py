"""``generate --products FILE.csv``: a product list read, checked and written into every workbook's «Товары» sheet."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill, read_name
from tests.workbook.libreoffice import recalculate
from xl_addin.cli import main
from xl_addin.request import model
from xl_addin.request.layout import INPUTS
from xl_addin.request.products_layout import PRODUCT_ROWS, TARGETS
from xl_addin.workbook.product_list import ProductListError, read_product_list

EXAMPLE = Path(__file__).parents[2] / "workbook_templates" / "products-example.csv"
HEADER = "code;name;covers;share;units_per_pack;units_per_kit;price;funding\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "products.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_example_is_an_example_to_check_with_real_names_and_no_prices() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.startswith("# ПРИМЕР") and "пример для проверки" in text and "цены" in text
    entries = read_product_list(EXAMPLE, "ru")
    assert len(entries) == 22 and len(entries) <= PRODUCT_ROWS
    assert all("in_product_price" not in entry and "in_product_stock" not in entry for entry in entries)
    labels = {t.ru for t in TARGETS}
    assert all(entry["in_product_covers"] in labels for entry in entries)
    drugs = [entry for entry in entries if entry["in_product_covers"].startswith("АРВ")]
    assert len(drugs) == 11 and all(entry["in_product_units_per_kit"] > 0 for entry in drugs)
    names = " ".join(entry["in_product_name"] for entry in drugs)
    for inn in ("Зидовудин", "Ламивудин", "Эфавиренз", "Невирапин", "Лопинавир + ритонавир", "Абакавир"):
        assert inn in names
    # the letter's §3 leaves abacavir out of component 3: the example does not put it there
    abacavir = next(entry for entry in drugs if entry["in_product_name"].startswith("Абакавир"))
    assert "компонент 3" not in abacavir["in_product_covers"]
    # two ELISA systems share the one volume: 70 % + 30 % = 100 %
    elisa = [entry.get("in_product_share") for entry in entries if entry["in_product_covers"] == "ИФА: исследований"]
    assert elisa == [70, 30]


def test_the_example_reads_in_english_with_the_english_choices() -> None:
    first, *_, last = read_product_list(EXAMPLE, "en")
    assert first["in_product_covers"] == "ELISA tests" and first["in_product_funding"] == "federal budget"
    assert last["in_product_covers"] == "ARV: other, reserve"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("P1;Тест;ИФА: исследований;;0;;;", "строка 2, столбец «Единиц в упаковке» = «0»: нужно целое число больше 0"),
        (
            "P1;Тест;ИФА: исследований;;96,5;;;",
            "строка 2, столбец «Единиц в упаковке» = «96,5»: нужно целое число больше 0",
        ),
        (
            "P1;Тест;ИФА: исследований;;96;-1;;",
            "строка 2, столбец «Единиц на годовой комплект» = «-1»: нужно целое число ≥ 0",
        ),
        (
            "P1;Тест;ИФА: исследований;;96;;12,345;",
            "столбец «Цена упаковки, руб.» = «12,345»: нужна сумма в рублях ≥ 0, не больше двух знаков после запятой",
        ),
        (
            "P1;Тест;ИФА: исследований;150;96;;;",
            "столбец «Доля объёма, %» = «150»: нужен процент больше 0 и не больше 100",
        ),
        ("P1;Тест;ИФА: исследований;;сто;;;", "столбец «Единиц в упаковке» = «сто»: не число"),
        ("P1;Тест;что-то;;96;;;", "столбец «Что покрывает» = «что-то»: нет в списке выбора листа «Товары»"),
        (
            "P1;Тест;ИФА: исследований;;96;;;спонсор",
            "столбец «Источник финансирования» = «спонсор»: нет в списке выбора",
        ),
        ("P1;Тест;;;96;;;", "строка 2: не указано, что покрывает товар (covers)"),
        ("P1;Тест;ИФА: исследований;;96;;;;лишнее", "строка 2: значений больше, чем столбцов в заголовке"),
    ],
)
def test_a_bad_value_stops_with_file_line_column_and_value(tmp_path: Path, row: str, message: str) -> None:
    path = _write(tmp_path, HEADER + row + "\n")
    with pytest.raises(ProductListError) as caught:
        read_product_list(path, "ru")
    assert str(caught.value).startswith(f"файл товаров {path}") and message in str(caught.value)


def test_an_unknown_column_names_the_columns_it_knows(tmp_path: Path) -> None:
    path = _write(tmp_path, "code;цвет\nP1;синий\n")
    with pytest.raises(
        ProductListError, match=r"строка 1: столбец «цвет» не известен; нужны имена: code, name, covers"
    ):
        read_product_list(path, "ru")


def test_more_products_than_rows_is_refused(tmp_path: Path) -> None:
    rows = "".join(f"P{i};Тест;ИФА: исследований;;96;;;\n" for i in range(PRODUCT_ROWS + 1))
    with pytest.raises(ProductListError, match=f"{PRODUCT_ROWS + 1} товаров, а на листе «Товары» {PRODUCT_ROWS} строк"):
        read_product_list(_write(tmp_path, HEADER + rows), "ru")


def test_comma_separated_with_the_sheet_headers_and_blank_lines(tmp_path: Path) -> None:
    header = 'Код,"Наименование (МНН / тест, форма, дозировка)",Что покрывает,"Цена упаковки, руб."\n'
    path = _write(tmp_path, "# comment\n\n" + header + 'X1,"Тест, 96",ИФА: исследований,"1 234,50"\n,,,\n')
    (entry,) = read_product_list(path, "ru")
    assert entry == {"in_product_code": "X1", "in_product_name": "Тест, 96",
                     "in_product_covers": "ИФА: исследований", "in_product_price": Decimal("1234.50")}  # fmt: skip


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    regions = out / "regions.csv"
    regions.write_text("Московская область\n", encoding="utf-8")
    assert main(["generate", "--out", str(out / "books"), "--regions", str(regions), "--products", str(EXAMPLE)]) == 0
    (book,) = sorted((out / "books").glob("*.xlsx"))
    return book


def test_generate_writes_the_list_into_the_products_table(generated: Path) -> None:
    book = load_workbook(generated)
    codes = read_name(book, "in_product_code")
    assert codes[:3] == ["D01", "D02", "D03"] and codes[21] == "A11" and codes[22:] == [None] * (PRODUCT_ROWS - 22)
    assert read_name(book, "in_product_units_per_pack")[:2] == [96, 96]
    assert read_name(book, "in_product_price") == [None] * PRODUCT_ROWS  # prices are the region's to fill
    assert read_name(book, "in_product_units_per_kit")[11] == 3650  # nelfinavir 250 mg, 10 a day × 365


def test_regenerating_keeps_a_users_typing_but_not_the_written_list(generated: Path, tmp_path: Path) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("Московская область\n", encoding="utf-8")
    argv = ["generate", "--out", str(generated.parent), "--regions", str(regions), "--products", str(EXAMPLE)]
    assert main(argv) == 0  # the list generate wrote is not a user's input
    book = load_workbook(generated)
    book["Товары"]["H25"] = 5000  # a price typed by the region (column H, row 25)
    book.save(generated)
    assert main(argv) == 1  # refused: the user's price would be lost
    assert load_workbook(generated)["Товары"]["H25"].value == 5000


def test_libreoffice_splits_the_elisa_volume_by_the_lists_shares(generated: Path, tmp_path: Path) -> None:
    """ELISA volume 1000 planned × 1,2 = 1200 tests (section I); the list's two systems take 70 % and 30 %:
    ⌈1200 × 70 / 100⌉ = 840 and ⌈1200 × 30 / 100⌉ = 360 tests, 840 / 96 = 8,75 → 9 packs and 360 / 96 = 3,75 → 4."""
    zeros = {f.name: (0 if f.cells == 1 else [0] * f.cells) for f in INPUTS if not f.optional}
    inputs = zeros | {"in_planned_screenings": 1000}
    assert model.evaluate(inputs)["out_elisa_volume"] == 1200
    filled = tmp_path / "filled.xlsx"
    fill(generated, filled, inputs)
    (recalculated,) = recalculate([filled], tmp_path)
    book = load_workbook(recalculated, data_only=True)
    assert read_name(book, "out_product_need")[:2] == [840, 360]
    assert read_name(book, "out_product_packs")[:2] == [9, 4]
    assert read_name(book, "chk_product_shares") == "OK"  # 70 + 30 = 100


@pytest.mark.parametrize(("lang", "title", "count_text"), [("ru", "Неверное значение", "Целое число ≥ 0"),
                                                            ("en", "Wrong value", "A whole number ≥ 0")])  # fmt: skip
def test_every_product_column_tells_what_it_takes_when_a_wrong_value_is_typed(
    tmp_path: Path, lang: str, title: str, count_text: str
) -> None:
    from xl_addin.request.products_layout import COLUMN_BY_NAME, ColumnKind
    from xl_addin.workbook.texts import SHEETS
    from xl_addin.workbook.writer import Region, write_workbook

    path = tmp_path / "book.xlsx"
    write_workbook(path, Region("Тульская область"), lang=lang)
    rules = load_workbook(path)[SHEETS[lang]["products"]].data_validations.dataValidation
    assert len(rules) == 11  # every column but the two free texts (code, name)
    for rule in rules:
        assert (rule.showErrorMessage, rule.errorTitle, rule.showInputMessage) == (True, title, True)
        assert rule.error == rule.prompt and 0 < len(rule.error) <= 255 and 0 < len(rule.promptTitle) <= 32
    stock = next(rule for rule in rules if str(rule.sqref).startswith("I"))  # in_product_stock, column I
    assert COLUMN_BY_NAME["in_product_stock"].kind is ColumnKind.COUNT and stock.error.startswith(count_text)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "не прочитан ("),  # no such file
        ("код;имя\nP1;Тест\n".encode("cp1251"), "не прочитан ("),  # saved in Windows-1251, not UTF-8
        (b"# only a comment\n\n", "нет строки заголовков"),
        (b"code;code\nP1;P2\n", "строка 1: столбец «code» повторяется"),
    ],
)
def test_a_broken_file_stops_with_its_name_and_why(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "products.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ProductListError) as caught:
        read_product_list(path, "ru")
    assert str(caught.value).startswith(f"файл товаров {path}") and message in str(caught.value)


def test_a_broken_list_writes_no_workbook(tmp_path: Path) -> None:
    """generate reads the list before it writes: a bad list leaves the folder as it was (exit code 1)."""
    regions = tmp_path / "regions.csv"
    regions.write_text("Московская область\n", encoding="utf-8")
    bad = _write(tmp_path, HEADER + "P1;Тест;ИФА: исследований;;-96;;;\n")
    assert main(["generate", "--out", str(tmp_path / "books"), "--regions", str(regions), "--products", str(bad)]) == 1
    assert not (tmp_path / "books").exists()


def test_an_untouched_list_workbook_shows_no_red_error_in_libreoffice_and_the_model(
    generated: Path, tmp_path: Path
) -> None:
    """generate --products, nothing typed: the list's drug rows have units per kit but no annual kits, so they give
    no kit total (P3) — the regimen checks wait for data («Нет данных…», grey), not «Компонент 2 (0) должен быть
    больше 0» and «Не указано ни одного комплекта…» in red (issue 21); the model says the same, check by check."""
    from xl_addin.request.layout import CHECKS
    from xl_addin.request.plan_model import PlanValues, evaluate_plan, plan_errors
    from xl_addin.request.plan_texts import PlanCheck
    from xl_addin.request.products_layout import INPUT_COLUMNS, ProductCheck
    from xl_addin.request.products_model import evaluate_products
    from xl_addin.request.shown import NO_DATA

    (recalculated,) = recalculate([generated], tmp_path)
    book = load_workbook(recalculated, data_only=True)
    waiting = {"Не заполнено", NO_DATA, "OK"}
    sheet = {check.name: read_name(book, check.name) for check in CHECKS if check.severity.counts_in_total}
    assert {name: said for name, said in sheet.items() if said not in waiting} == {}
    assert sheet["chk_regimen_balance"] == sheet["chk_line_share"] == NO_DATA
    assert read_name(book, "chk_all") == "Не заполнено"
    products = {check.check_name: read_name(book, check.check_name) for check in ProductCheck}
    assert set(products.values()) == {"OK"}
    template, names = load_workbook(generated), [column.name for column in INPUT_COLUMNS]
    columns = [read_name(template, name) for name in names]
    rows = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
    found = model.evaluate({}, products=rows)
    assert {name: found[name] for name in sheet} == sheet
    assert found["chk_all"] == "Не заполнено"
    assert evaluate_products(rows, found, {}).checks == products
    # the supply plan (issue 22): the diagnostic rows have no plan yet (no letter volumes: #N/A), the drug rows
    # plan nothing (no kits): the product checks wait, «Не проверено: товаров без расчёта плана 11 (первый — D01)»,
    # grey and without a severity word beside them — never a red «ошибка» before anyone typed (P4)
    plan = {check.check_name: read_name(book, check.check_name) for check in PlanCheck}
    waiting = "Не проверено: товаров без расчёта плана 11 (первый — D01)"
    assert set(plan.values()) == {"OK", waiting}
    assert plan["chk_plan_lots"] == plan["chk_plan_stockout"] == waiting
    words = {}
    for check in PlanCheck:
        ((title, reference),) = list(book.defined_names[check.check_name].destinations)
        words[check.check_name] = book[title][reference.replace("$", "").replace("C", "A")].value
    assert set(words.values()) <= {None, ""}  # no «ошибка» / «предупреждение» beside any plan check
    computed = evaluate_plan(rows, evaluate_products(rows, found, {}), {"xl_addin_year": 2007}).checks
    assert computed == plan
    assert plan_errors(PlanValues([], computed)) == []  # waiting is no failed error check (refresh: N1, §3.6)
