"""The sheet «Год к году» printed on A4 by LibreOffice: every word at least 8 pt (the regional workbooks' yardstick),
every header and indicator whole on the page."""

from __future__ import annotations

import subprocess
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from tests.refresh.test_previous import previous_folder, this_year
from tests.workbook.libreoffice import convert
from tests.workbook.test_print import _pages, _pdftotext
from xl_addin.consolidation.previous import HEADER, LABELS, add_sheet, compare, read_previous


def test_the_comparison_prints_legibly_with_every_header_whole(tmp_path: Path) -> None:
    yardstick = Workbook()
    yardstick.active["A1"] = "Мерка"
    yardstick.active["A1"].font = Font(size=8)
    yardstick.save(tmp_path / "yardstick.xlsx")
    book = Workbook(write_only=True)
    add_sheet(book, comparison=compare(read_previous(previous_folder(tmp_path / "2007")), this_year()))
    book.save(tmp_path / "previous.xlsx")
    yardstick_pdf, printed = convert([tmp_path / "yardstick.xlsx", tmp_path / "previous.xlsx"], tmp_path, "pdf")
    ((eight_pt, _),) = _pages(yardstick_pdf)[0]
    pages = _pages(printed)
    too_small = [(word, round(height, 1)) for page in pages for height, word in page if height < eight_pt - 0.05]
    assert too_small == [], f"8 pt is {eight_pt:.1f} high"
    text = " ".join(subprocess.run([_pdftotext(), "-layout", str(printed), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())  # fmt: skip
    missing = [title for title in (*HEADER, *LABELS.values()) if " ".join(title.split()) not in text]
    # a header wrapped in two lines is two runs of words: each of its words must be there in order
    wrapped = [title for title in missing if not _in_order(title.split(), text.split())]
    assert wrapped == []


def _in_order(words: list[str], text: list[str]) -> bool:
    found = iter(text)
    return all(word in found for word in words)
