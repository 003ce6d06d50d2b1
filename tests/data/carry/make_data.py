"""Make the carry test data: real workbooks of template versions 2, 3 and 4 and the contracts of 2 and 3.

Run from the project's root with the current package on PYTHONPATH, giving each version's source tree
(``git archive <commit> | tar -x -C <folder>``: v2 c7aec2c, v3 ab4857b, v4 a75cfff)::

    python tests/data/carry/make_data.py 2=/tmp/carry-v2 3=/tmp/carry-v3 4=/tmp/carry-v4

Each version's own generator (``python -m xl_addin.cli generate`` with PYTHONPATH at its tree) writes the blank
workbooks of «Тульская область» (Russian, and English for the contracts and for version 4); the filled ones are
those blanks with :data:`FILLED` typed in through their defined names by openpyxl, as a region types them
(version 4 Russian: from the example product list, its region columns typed; version 4 English: two product rows
typed by hand).  The contracts of versions 2 and 3 (``xl_addin/request/data/contract-v<N>.json``) are every defined
name of the blank Russian and English workbooks, with ``template_texts``: the texts a blank workbook of the version
holds inside an input's cells (version 3 wrote its column headers into the row above them): a year as its offset
from the request year (an integer), another header as its text, a cell without text as null.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from xl_addin.request.contract import to_json

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "xl_addin" / "request" / "data"
YEAR = 2007
#: What the region typed into the filled workbooks (names a version lacks are left out).
FILLED: dict[str, Any] = {
    "in_planned_screenings": 250000, "in_elisa_positive_to_ib": 1200, "in_ib_positive_or_indeterminate": 900,
    "in_p24_positive": 15, "in_on_art": 620, "in_starting_art": 180, "in_observed": 2100,
    "in_pregnant_expecting_birth": 160, "in_births_to_hiv_women": 150, "in_hiv_births_by_year": [140, 150],
    "in_unobserved_pregnant": 12, "in_emergency_transfusions": 4, "in_resistance_tests_requested": 80,
    "in_hiv_examined_by_year": [200000, 210000, 220000, 230000, 240000],
    "in_acute_hepatitis_by_year": [300, 280, 260, 240, 220, 200], "in_chronic_hbv_registered": 1500,
    "in_hbsag_positive": 1700, "in_hbv_newly_registered": 400, "in_hbv_treated": 120, "in_hcv_newly_registered": 900,
    "in_hcv_treated": 150, "in_hcv_starting_treatment": 60, "in_detected_cumulative": 4500, "in_registered": 3800,
    "in_planned_on_art": 700, "in_continuing_art": 560, "in_reserve_kits_left": 20, "in_kits_pi": 250,
    "in_kits_nnrti": 450, "in_kits_component2": 700, "in_kits_component3": 650, "in_kits_first_line": 600,
    "in_kits_reserve": 100,
    "in_registered_by_years_since_detection": [500, 450, 400, 380, 350, 330, 300, 280, 260, 550],
}  # fmt: skip
#: Version 4 Russian: the example list's rows, region columns typed (row index → column → value); the drug rows
#: give the kit totals (P3), so the kit totals on «Ввод» are left blank.
LIST_TYPED: dict[int, dict[str, Any]] = {
    0: {"in_product_stock": 9600, "in_product_expiring": 960, "in_product_pipeline": 4800, "in_product_last_year": 190000},
    1: {"in_product_stock": 960, "in_product_last_year": 80000, "in_product_price": 4500},
    11: {"in_product_kits_requested": 200, "in_product_stock": 27000, "in_product_price": 1250},
    12: {"in_product_kits_requested": 50, "in_product_stock": 1200},
    14: {"in_product_kits_requested": 300},
    15: {"in_product_kits_requested": 150},
    17: {"in_product_kits_requested": 500},
    18: {"in_product_kits_requested": 200},
    19: {"in_product_kits_requested": 600},
    20: {"in_product_kits_requested": 50},
}  # fmt: skip
LIST_BLANK = ("in_kits_pi", "in_kits_nnrti", "in_kits_component2", "in_kits_component3", "in_kits_first_line",
              "in_kits_reserve", "in_reserve_kits_left")  # fmt: skip
#: Version 4 English: two rows typed by hand, no list.
ENGLISH_ROWS = (
    {"in_product_code": "X1", "in_product_name": "HIV ELISA kit", "in_product_covers": "ELISA tests",
     "in_product_units_per_pack": 96, "in_product_price": 5200, "in_product_stock": 480,
     "in_product_funding": "federal budget"},
    {"in_product_code": "X2", "in_product_name": "Immunoblot HIV-1/2", "in_product_covers": "Immunoblot tests",
     "in_product_share": 100, "in_product_units_per_pack": 20, "in_product_last_year": 1000,
     "in_product_funding": "regional budget"},
)  # fmt: skip


def generate(tree: Path, out: Path, lang: str, products: bool = False) -> Path:
    """The version's own generator writes one blank workbook; its path."""
    out.mkdir(parents=True, exist_ok=True)
    regions = out / "regions.csv"
    regions.write_text("Тульская область;71\n", encoding="utf-8")
    command = [sys.executable, "-m", "xl_addin.cli", "generate", "--out", str(out / lang), "--regions", str(regions)]
    command += ["--lang", lang]
    if products:
        command += ["--products", str(tree / "workbook_templates" / "products-example.csv")]
    subprocess.run(command, check=True, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})
    (written,) = (out / lang).iterdir()
    return written


def cells(book: Any, name: str) -> list[Any]:
    ((title, reference),) = list(book.defined_names[name].destinations)
    found = book[title][reference.replace("$", "")]
    return [cell for row in found for cell in row] if isinstance(found, tuple) else [found]


def fill(blank: Path, target: Path, values: dict[str, Any]) -> None:
    book = load_workbook(blank)
    for name, value in values.items():
        if name in book.defined_names:
            for cell, typed in zip(cells(book, name), value if isinstance(value, list) else [value], strict=True):
                cell.value = typed
    book.save(target)


def _text(value: Any) -> int | str | None:
    """A text of a blank template's input cell as the contract keeps it: a year as its offset from the request year,
    another text as it is, nothing as null."""
    if not isinstance(value, str):
        return None
    return int(value) - YEAR if value.isdigit() and int(value) >= 1900 else value


def contract(version: str, blanks: list[Path]) -> str:
    names: dict[str, set[tuple[str, str]]] = {}
    texts: dict[str, list[int | str | None]] = {}
    for path in blanks:
        book = load_workbook(path)
        for name, defined in book.defined_names.items():
            for sheet, reference in defined.destinations:
                names.setdefault(name, set()).add((sheet, reference.replace("$", "")))
            if name.startswith("in_"):
                found = [cell.value for cell in cells(book, name)]
                if any(isinstance(value, str) and value.strip() for value in found):
                    texts[name] = [_text(value) for value in found]
    text = to_json(version, {name: frozenset(where) for name, where in names.items()})
    if not texts:
        return text + "\n"
    lines = [f"{json.dumps(name)}: {json.dumps(offsets)}" for name, offsets in sorted(texts.items())]
    return text[:-1] + ', "template_texts": {\n' + ",\n".join(lines) + "\n}}\n"


def main(arguments: list[str]) -> None:
    for argument in arguments:
        version, tree = argument.split("=")
        with tempfile.TemporaryDirectory() as work:
            blanks = {lang: generate(Path(tree), Path(work) / "plain", lang) for lang in ("ru", "en")}
            shutil.copyfile(blanks["ru"], HERE / f"v{version}-blank-ru.xlsx")
            if version == "4":
                shutil.copyfile(blanks["en"], HERE / f"v{version}-blank-en.xlsx")
                listed = generate(Path(tree), Path(work) / "list", "ru", products=True)
                typed = {**FILLED, **dict.fromkeys(LIST_BLANK)}
                book = load_workbook(listed)
                for column in {name for row in LIST_TYPED.values() for name in row}:
                    column_cells = cells(book, column)
                    for index, row in LIST_TYPED.items():
                        if column in row:
                            column_cells[index].value = row[column]
                cells(book, "in_buffer_months")[0].value = 2
                book.save(Path(work) / "list.xlsx")
                fill(Path(work) / "list.xlsx", HERE / "v4-filled-ru.xlsx", typed)
                english = {**FILLED}
                for column in {name for row in ENGLISH_ROWS for name in row}:
                    english[column] = [row.get(column) for row in ENGLISH_ROWS] + [None] * 58
                fill(blanks["en"], HERE / "v4-filled-en.xlsx", english)
            else:
                fill(blanks["ru"], HERE / f"v{version}-filled-ru.xlsx", FILLED)
                (DATA / f"contract-v{version}.json").write_text(contract(version, list(blanks.values())), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
