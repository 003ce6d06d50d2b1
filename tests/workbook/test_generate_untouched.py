"""`xl-addin generate` tells an untouched workbook from a filled one by what a region types (issue 21, «Carry forward»).

Untouched workbooks — any product list in them, any earlier template version, either language — are rewritten
freely; a workbook a region typed into (an input, a region column of «Товары», a result typed over), or a file
that is no readable workbook, is never rewritten without ``--force``: the run is refused as a whole, naming them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill
from xl_addin import cli
from xl_addin.workbook.generate import is_filled
from xl_addin.workbook.names import named_cells

DATA = Path(__file__).resolve().parents[1] / "data" / "carry"
LIST_A = "code;name;covers;units_per_pack;funding\nT1;Тест А;ИФА: исследований;96;федеральный бюджет\n"
LIST_B = "code;name;covers;units_per_pack;funding\nT2;Тест Б;Иммунный блот: исследований;20;другое\n"
TARGET = "001_Регион А.xlsx"


def _regions(folder: Path) -> Path:
    path = folder / "regions.csv"
    path.write_text("Регион А;1\nРегион Б;2\n", encoding="utf-8")
    return path


def _codes(path: Path) -> list[object]:
    return [cell.value for cell in named_cells(load_workbook(path), "in_product_code")[:2]]


def test_the_readmes_plain_generate_then_a_product_list_rewrites_every_workbook(tmp_path: Path) -> None:
    out = tmp_path / "workbooks"
    products = tmp_path / "list.csv"
    products.write_text(LIST_A, encoding="utf-8")
    assert cli.main(["generate", "--out", str(out)]) == 0
    assert cli.main(["generate", "--out", str(out), "--products", str(products)]) == 0
    files = sorted(out.iterdir())
    assert len(files) == 89
    assert {_codes(path)[0] for path in files} == {"T1"}


def test_one_product_list_replaced_by_another(tmp_path: Path) -> None:
    out, regions = tmp_path / "out", _regions(tmp_path)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(LIST_A, encoding="utf-8")
    second.write_text(LIST_B, encoding="utf-8")
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions), "--products", str(first)]) == 0
    assert _codes(out / TARGET) == ["T1", None]
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions), "--products", str(second)]) == 0
    assert _codes(out / TARGET) == ["T2", None]


@pytest.mark.parametrize("blank", ["v2-blank-ru.xlsx", "v3-blank-ru.xlsx", "v4-blank-ru.xlsx", "v4-blank-en.xlsx"])
def test_a_blank_workbook_of_an_earlier_version_or_language_is_rewritten(tmp_path: Path, blank: str) -> None:
    out, regions = tmp_path / "out", _regions(tmp_path)
    out.mkdir()
    shutil.copyfile(DATA / blank, out / TARGET)
    assert not is_filled(out / TARGET)
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions)]) == 0
    book = load_workbook(out / TARGET)
    assert named_cells(book, "xl_addin_template_version")[0].value == "4"
    assert named_cells(book, "xl_addin_region")[0].value == "Регион А"


def _typed_input(path: Path) -> None:
    fill(path, path, {"in_on_art": 0})


def _typed_product_column(path: Path) -> None:
    fill(path, path, {"in_buffer_months": 3})


def _typed_over_result(path: Path) -> None:
    fill(path, path, {"out_elisa_volume": 1200})


def _not_a_workbook(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize("change", [_typed_input, _typed_product_column, _typed_over_result, _not_a_workbook])
def test_a_workbook_a_region_typed_into_refuses_the_run_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: object
) -> None:
    out, regions = tmp_path / "out", _regions(tmp_path)
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions)]) == 0
    filled, other = out / TARGET, out / "002_Регион Б.xlsx"
    change(filled)  # type: ignore[operator]
    before = {path: path.read_bytes() for path in (filled, other)}
    products = tmp_path / "list.csv"
    products.write_text(LIST_A, encoding="utf-8")
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions), "--products", str(products)]) == 1
    assert capsys.readouterr().err == (
        f"Ошибка: уже заполнены пользователем, не перезаписываю: {TARGET}"
        " (их числа переносит в новые книги xl-addin carry; перезаписать их — --force)\n"
    )
    assert {path: path.read_bytes() for path in before} == before  # all or nothing: the untouched one waits too


@pytest.mark.parametrize("filled", ["v2-filled-ru.xlsx", "v3-filled-ru.xlsx", "v4-filled-ru.xlsx", "v4-filled-en.xlsx"])
def test_a_filled_workbook_of_any_version_counts_as_filled(filled: str) -> None:
    assert is_filled(DATA / filled)


def test_only_the_product_lists_columns_typed_is_still_untouched(tmp_path: Path) -> None:
    # the list's columns (code, name, price …) are the centre's: a workbook holding only them is untouched,
    # as refresh counts it (docs/interpretation.md, T1)
    path = tmp_path / "list-only.xlsx"
    shutil.copyfile(DATA / "v4-blank-ru.xlsx", path)
    fill(path, path, {"in_product_code": ["Z9"] + [None] * 59, "in_product_price": [100] + [None] * 59})
    assert not is_filled(path)


def test_a_named_pipe_or_a_folder_in_a_targets_place_counts_as_filled(tmp_path: Path) -> None:
    pipe, folder = tmp_path / "pipe.xlsx", tmp_path / "folder.xlsx"
    os.mkfifo(pipe)  # opened, it would wait for a writer forever
    folder.mkdir()
    assert is_filled(pipe) and is_filled(folder)
