"""A regional workbook printed on A4 is legible: no text smaller than 8 pt on any page.

LibreOffice prints a filled workbook to PDF (each sheet one page wide, as the workbook asks);
``pdftotext -bbox`` gives every word's box.  The yardstick is printed in the same call: a workbook
whose one cell is 8 pt at 100 %.  Every word of the request must be at least as tall as that.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill
from tests.workbook.libreoffice import convert
from xl_addin.workbook.writer import Region, write_workbook

_WORD = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')


def _pdftotext() -> str:
    command = shutil.which("pdftotext")
    if command is None:
        if os.environ.get("XL_ADDIN_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("XL_ADDIN_REQUIRE_LIBREOFFICE=1 but pdftotext (poppler-utils) is not on PATH")
        pytest.skip("pdftotext is not installed (.ci/run installs Debian's poppler-utils)")
    return command


def _pages(pdf: Path) -> list[list[tuple[float, str]]]:
    """Each page's words with their box heights, in points."""
    text = subprocess.run([_pdftotext(), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(bottom) - float(top), word) for top, bottom, word in _WORD.findall(page)]
        for page in text.split("<page ")[1:]
    ]


#: Inputs typed with a fraction: the value, where its row starts and the next one starts on the printed «Ввод»,
#: and what the row must show (either locale's separators): the typed value, not the whole number the
#: thousands format would round it to (issue 21).
FRACTIONS = {
    "in_planned_screenings": (1.5, "Лиц, запланированных к", "Сероположительных в ИФА", r"\b1[.,]5\b"),
    "in_observed": (1234.25, "D: ЛЖВ без АРТ", "Обследуемых лиц", r"\b1[ ,\u00a0]234[.,]25\b"),
    # a whole number keeps its thousands separator
    "in_detected_cumulative": (185000, "Выявлено случаев ВИЧ", "Зарегистрировано живущих", r"\b185[ ,\u00a0]000\b"),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The yardstick, a filled workbook and one with fractions typed, printed to PDF by one LibreOffice call."""
    folder = tmp_path_factory.mktemp("print")
    yardstick = Workbook()
    yardstick.active["A1"] = "Мерка"
    yardstick.active["A1"].font = Font(size=8)
    yardstick.save(folder / "yardstick.xlsx")
    template = folder / "template.xlsx"
    write_workbook(template, Region("Тульская область", "67", 626))
    fill(template, folder / "filled.xlsx", clean_inputs(1000))
    fractions = clean_inputs(1000) | {name: value for name, (value, *_) in FRACTIONS.items()}
    fill(template, folder / "fractions.xlsx", fractions)
    names = ("yardstick", "filled", "fractions")
    pdfs = convert([folder / f"{name}.xlsx" for name in names], folder, "pdf")
    return dict(zip(names, pdfs, strict=True))


def _layout(pdf: Path) -> str:
    return subprocess.run([_pdftotext(), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_no_printed_text_is_smaller_than_8_pt(printed: dict[str, Path]) -> None:
    ((eight_pt, _),) = _pages(printed["yardstick"])[0]
    pages = _pages(printed["filled"])
    assert len(pages) >= 6  # every sheet printed
    too_small = [
        (number, word, round(height, 1))
        for number, page in enumerate(pages, 1)
        for height, word in page
        if height < eight_pt - 0.05
    ]
    assert too_small == [], f"8 pt is {eight_pt:.1f} high"


@pytest.mark.parametrize("name", list(FRACTIONS))
def test_a_typed_fraction_prints_as_typed(printed: dict[str, Path], name: str) -> None:
    """1.5 prints as 1,5 beside «нужно целое число», never as 2; 185 000 keeps its separator."""
    _, start, end, shown = FRACTIONS[name]
    row = _layout(printed["fractions"]).split(start, 1)[1].split(end, 1)[0]
    assert re.search(shown, row), row


def _headers() -> list[str]:
    """Every header the filled Russian workbook prints: the sheets' header rows, the cascade's and the kits' tables,
    the products table's, its checks' labels."""
    from xl_addin.request.products_layout import COLUMNS, ProductCheck
    from xl_addin.workbook.products_sheet import USED_HEADERS
    from xl_addin.workbook.texts import HEADERS, TEXT

    texts = [text for key in ("inputs", "results", "results_range", "checks") for text in HEADERS["ru"][key]]
    texts += [*TEXT["ru"]["cascade_columns"], *USED_HEADERS["ru"], *(column.header("ru") for column in COLUMNS)]
    texts += [check.value[2] for check in ProductCheck]
    return sorted({text for text in texts if text})


_BOX = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')


def _boxes(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's words: (top, bottom, word)."""
    text = subprocess.run([_pdftotext(), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[(float(top), float(bottom), word) for top, bottom, word in _BOX.findall(page)]
            for page in text.split("<page ")[1:]]  # fmt: skip


def test_every_header_prints_with_its_words_whole(printed: dict[str, Path]) -> None:
    """No header word is broken over two lines or cut: each word of each header is a printed word (the ARV sheet's
    «до» column and the kits' «Строк препаратов» have headers, issue 21)."""
    headers = _headers()
    assert {"По письму: от", "По письму: до", "до", "Строк препаратов"} <= set(headers)
    printed_words = {word for page in _boxes(printed["filled"]) for _, _, word in page}
    missing = sorted({word for header in headers for word in header.split()} - printed_words)
    assert missing == []


def test_the_cascade_headers_print_above_its_first_step(printed: dict[str, Path]) -> None:
    """«По письму: от» and «По письму: до»: their «от» and «до» within the header row, above «1. Выявлено», not
    cut off or printed over the first step."""
    (page,) = [page for page in _boxes(printed["filled"]) if any(word == "Шаг" for _, _, word in page)]
    header_top = min(top for top, _, word in page if word == "Шаг") - 2  # a bold word's box starts a little higher
    step_top = min(top for top, _, word in page if word == "Выявлено" and top > header_top)
    in_header = [word for top, bottom, word in page if header_top <= top and bottom <= step_top]
    assert in_header.count("письму:") == 2 and "от" in in_header and "до" in in_header
