"""national.xlsx's table «Регионы» printed by LibreOffice: legible on every page, every header whole.

A small refresh (ten filled regions, a broken file, two regions that sent nothing) is printed to PDF beside the
yardstick of the regional workbooks' print test (``tests/workbook/test_print.py``: one cell of 8 pt at 100 %);
``pdftotext -bbox`` gives each printed word with its box.  Every word must be as tall as the yardstick's, and each
column header and group title must be found whole, its words in order, within one column of the header.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from tests.refresh.test_refresh_cli import clean_inputs, generated
from tests.workbook.filling import fill
from tests.workbook.libreoffice import convert
from tests.workbook.test_print import _pages, _pdftotext
from xl_addin import cli
from xl_addin.consolidation import national, national_table

FILLED = [
    "Алтайский край", "Амурская область", "Белгородская область", "Брянская область", "Владимирская область",
    "Волгоградская область", "Вологодская область", "Воронежская область", "г. Москва", "Ханты-Мансийский автономный округ — Югра",
]  # fmt: skip
NOT_RECEIVED = ["Тульская область", "Томская область"]
_WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("national_print")
    regions, made = generated(work, FILLED + NOT_RECEIVED)
    inbox = work / "in"
    inbox.mkdir()
    for number, region in enumerate(FILLED):
        fill(made[region], inbox / made[region].name, clean_inputs(1000 * (number + 1) ** 3))  # up to 1 000 000
    (inbox / "broken.xlsx").write_bytes(b"not a workbook")
    out = work / "out"
    assert cli.main(["refresh", str(inbox), "--out", str(out), "--regions", str(regions), "--jobs", "1"]) == 1
    yardstick = Workbook()
    yardstick.active["A1"] = "Мерка"
    yardstick.active["A1"].font = Font(size=8)
    yardstick.save(work / "yardstick.xlsx")
    only_table = load_workbook(out / "national.xlsx")  # the table alone: the other sheets have their own tests
    for sheet in only_table.worksheets:
        if sheet.title != national_table.SHEET:
            only_table.remove(sheet)
    only_table.save(work / "regions_table.xlsx")
    yardstick_pdf, table_pdf = convert([work / "yardstick.xlsx", work / "regions_table.xlsx"], work, "pdf")
    ((eight_pt, _),) = _pages(yardstick_pdf)[0]
    return {"out": out, "pdf": table_pdf, "eight_pt": eight_pt, "pages": _pages(table_pdf), "boxes": _boxes(table_pdf)}


def _boxes(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (x0, y0, x1, y1), in points."""
    text = subprocess.run([_pdftotext(), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(x0), float(y0), float(x1), float(y1), word) for x0, y0, x1, y1, word in _WORD_BOX.findall(page)]
        for page in text.split("<page ")[1:]
    ]


def test_every_printed_word_is_at_least_8_pt_on_several_pages(printed: dict[str, Any]) -> None:
    pages = printed["pages"]
    assert len(pages) >= 3  # 49 columns do not fit one A4 page at a legible size
    too_small = [
        (number, word, round(height, 1))
        for number, page in enumerate(pages, 1)
        for height, word in page
        if height < printed["eight_pt"] - 0.05
    ]
    assert too_small == [], f"8 pt is {printed['eight_pt']:.1f} high"


Box = tuple[float, float, float, float, str]


def _follows(chain: list[Box], word: Box) -> bool:
    """Whether ``word`` continues the text of a cell whose words so far are ``chain``: the next word on its line, or
    the first word of its next line within the cell's columns (a wrapped header; centred lines differ in width)."""
    last = chain[-1]
    if abs(word[1] - last[1]) < 1:
        return 0 <= word[0] - last[2] < 8
    left, right = min(box[0] for box in chain), max(box[2] for box in chain)
    return 0 < word[1] - last[1] < 2 * (last[3] - last[1]) and word[0] < right and word[2] > left


def _printed_whole(page: list[Box], text: str) -> bool:
    """Whether the words of ``page`` hold ``text`` (spaces and line breaks aside) as one cell's words in order."""

    def extend(chain: list[Box], rest: str) -> bool:
        return rest == "" or any(
            rest.startswith(word[4]) and _follows(chain, word) and extend([*chain, word], rest[len(word[4]) :])
            for word in page
            if word[4]
        )

    return any(text.startswith(word[4]) and extend([word], text[len(word[4]) :]) for word in page if word[4])


def _normal(text: str) -> str:
    """A text as compared: without spaces (the words a wrapped cell prints on several lines join again)."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    "title",
    [*national.table([])[0], *(title for title, _ in national_table.groups())],
)
def test_every_header_prints_whole(printed: dict[str, Any], title: str) -> None:
    assert any(_printed_whole(page, _normal(title)) for page in printed["boxes"]), title


def test_every_page_repeats_the_headers_and_the_region_column(printed: dict[str, Any]) -> None:
    for number, page in enumerate(printed["boxes"], 1):
        words = [box[4] for box in page]
        assert "Регион" in words and "Итого" in words, number  # the title column's header and the totals' label
        assert any(_printed_whole(page, _normal(title)) for title, _ in national_table.groups()), number


def test_no_technical_key_is_printed(printed: dict[str, Any]) -> None:
    words = [box[4] for page in printed["boxes"] for box in page]
    assert [word for word in words if re.search(r"\b(in|out|chk)_[a-z]|published_2006", word)] == []
