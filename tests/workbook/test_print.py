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


def test_no_printed_text_is_smaller_than_8_pt(tmp_path: Path) -> None:
    yardstick = Workbook()
    yardstick.active["A1"] = "Мерка"
    yardstick.active["A1"].font = Font(size=8)
    yardstick.save(tmp_path / "yardstick.xlsx")
    template = tmp_path / "template.xlsx"
    write_workbook(template, Region("Тульская область", "67", 626))
    fill(template, tmp_path / "filled.xlsx", clean_inputs(1000))
    yardstick_pdf, filled_pdf = convert([tmp_path / "yardstick.xlsx", tmp_path / "filled.xlsx"], tmp_path, "pdf")
    ((eight_pt, _),) = _pages(yardstick_pdf)[0]
    pages = _pages(filled_pdf)
    assert len(pages) >= 6  # every sheet printed
    too_small = [
        (number, word, round(height, 1))
        for number, page in enumerate(pages, 1)
        for height, word in page
        if height < eight_pt - 0.05
    ]
    assert too_small == [], f"8 pt is {eight_pt:.1f} high"
