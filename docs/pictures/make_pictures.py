"""Pictures for the Russian guides, rendered headless by LibreOffice (workbook → PDF → PNG).

    python docs/pictures/make_pictures.py              # all three
    python docs/pictures/make_pictures.py national     # only national.xlsx's pages (workbook, plan: only those)

Needs LibreOffice (soffice) and poppler's pdftoppm (Debian: libreoffice-calc-nogui, poppler-utils).
A sample region's workbook is generated, filled through its names with the example inputs below,
recalculated and printed by LibreOffice; each page of the PDF becomes ``workbook-<n>.png`` here.
The supply plan's pictures ``plan-<n>.png`` come from a second sample workbook filled with the
worked examples of the plan's design (docs/interpretation.md, P4): only «Поставки» and «План поставок»
are printed, one page per part of the plan sheet (settings and checks, the 24 months and the chart,
the months of stock by product, the results by product).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.workbook.filling import fill, product_columns
from tests.workbook.libreoffice import convert
from xl_addin.request.plan_layout import TABLE_ROWS, TABLES
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.writer import Region, write_workbook

HERE = Path(__file__).resolve().parent
#: Example inputs of an imaginary mid-sized region (chosen to show one failing check: the first-line share).
EXAMPLE = {
    "in_planned_screenings": 250000, "in_elisa_positive_to_ib": 2400, "in_ib_positive_or_indeterminate": 1900,
    "in_p24_positive": 40, "in_on_art": 900, "in_starting_art": 350, "in_observed": 4200,
    "in_pregnant_expecting_birth": 260, "in_unobserved_pregnant": 30, "in_emergency_transfusions": 12,
    "in_resistance_tests_requested": 120, "in_hiv_examined_by_year": [180000, 190000, 210000, 230000, 240000],
    "in_acute_hepatitis_by_year": [900, 850, 700, 640, 560, 500], "in_chronic_hbv_registered": 3100,
    "in_hbsag_positive": 2600, "in_hbv_newly_registered": 420, "in_hbv_treated": 150,
    "in_hcv_newly_registered": 980, "in_hcv_treated": 210, "in_hcv_starting_treatment": 90,
    "in_detected_cumulative": 14500, "in_registered": 9800, "in_planned_on_art": 1450, "in_continuing_art": 900,
    "in_kits_pi": 700, "in_kits_nnrti": 800, "in_kits_component2": 1500, "in_kits_component3": 1500,
    "in_kits_first_line": 1100, "in_kits_reserve": 400,
    "in_registered_by_years_since_detection": [1500, 1400, 1300, 1200, 1100, 1000, 800, 600, 500, 400],
}  # fmt: skip


def render(workbook: Path, prefix: str, work: Path, crop: tuple[int, ...] = ()) -> list[Path]:
    """Print ``workbook`` to PDF with LibreOffice and turn every page into ``<prefix>-<n>.png`` in docs/pictures."""
    _need_tools()
    (pdf,) = convert([workbook], work, "pdf")  # the tests' LibreOffice helper: private profile, always recalculate
    for old in HERE.glob(f"{prefix}-*.png"):
        old.unlink()
    # crop = (resolution, x, y, width, height): a zoomed part of a page too wide to read whole
    zoom = (
        ["-r", str(crop[0]), "-x", str(crop[1]), "-y", str(crop[2]), "-W", str(crop[3]), "-H", str(crop[4])]
        if crop
        else ["-r", "80"]
    )
    subprocess.run(["pdftoppm", "-png", *zoom, str(pdf), str(HERE / prefix)], check=True, timeout=300)
    return sorted(HERE.glob(f"{prefix}-*.png"))


def _need_tools() -> None:
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        raise SystemExit("нужны soffice (LibreOffice) и pdftoppm (poppler-utils)")


def render_last_pages(workbooks: dict[Path, int], prefix: str, work: Path, resolution: int = 150) -> list[Path]:
    """Print the workbooks (one LibreOffice call) and make ``<prefix>-<n>.png`` of the last pages of each, ``n`` from 1
    in order, each cut to its printed part (the words' box).  Only the last pages: LibreOffice 7.4 prints the hidden
    sheet «Товары» before them all the same (the other hidden sheets it leaves out; why, not found)."""
    _need_tools()
    pdfs = convert(list(workbooks), work, "pdf")
    for old in HERE.glob(f"{prefix}-*.png"):
        old.unlink()
    written: list[Path] = []
    for pdf, last in zip(pdfs, workbooks.values(), strict=True):
        count = int(re.findall(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.MULTILINE)[0])
        for page in range(count - last + 1, count + 1):
            box = [round(edge * resolution / 72) for edge in _text_box(pdf, page)]  # points → pixels
            target = HERE / f"{prefix}-{len(written) + 1}"
            subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", str(resolution), "-f", str(page), "-l", str(page),
                            "-x", str(box[0]), "-y", str(box[1]), "-W", str(box[2] - box[0]),
                            "-H", str(box[3] - box[1]), str(pdf), str(target)], check=True, timeout=300)  # fmt: skip
            written.append(target.with_suffix(".png"))
    return written


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, timeout=300, capture_output=True, text=True).stdout


def _text_box(pdf: Path, page: int, margin: float = 12) -> tuple[float, float, float, float]:
    """The box of a page's words (pdftotext -bbox), in points, ``margin`` wider: the printed part of a page."""
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"',
                       _run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"))  # fmt: skip
    edges = [[float(word[i]) for word in words] for i in range(4)]
    return min(edges[0]) - margin, min(edges[1]) - margin, max(edges[2]) + margin, max(edges[3]) + margin


#: The shipped example product list, and what the sample region typed into it: annual kits of each drug (they make
#: the kit totals of «Ввод», P3), prices, stock, pipeline and last year's consumption.  Invented, not real prices.
PRODUCT_LIST = HERE.parents[1] / "workbook_templates" / "products-example.csv"
PRODUCT_FILL = {  # code → (annual kits, price per pack, stock, pipeline, last year's consumption)
    "D01": (None, "5200.00", 4800, 0, 160000), "D02": (None, "4900.00", 960, 960, 80000),
    "D03": (None, "38000.00", 200, 0, 2300), "D04": (None, "21000.00", 600, 0, 5200),
    "D05": (None, "96000.00", 480, 0, 4100), "D06": (None, "52000.00", 0, 0, 480),
    "D07": (None, "3100.00", 100, 0, 60), "D08": (None, "3800.00", 9600, 0, 210000),
    "D09": (None, "4100.00", 9600, 0, 205000), "D10": (None, "6200.00", 0, 0, 1400),
    "A01": (300, "4480.00", 36500, 0, 1000000), "A02": (400, "9300.00", 14600, 14600, 500000),
    "A04": (500, "2650.00", 36500, 0, 500000), "A05": (300, "1120.00", 21900, 0, 200000),
    "A06": (1000, "1480.00", 73000, 73000, 700000), "A07": (500, "560.00", 36500, 0, 400000),
    "A08": (1200, "960.00", 87600, 0, 800000), "A09": (300, "2870.00", 10950, 0, 100000),
    "A10": (100, "5980.00", 0, 0, 50000), "A11": (400, "3040.00", 14600, 0, 250000),
}  # fmt: skip


def _products(entries: tuple[dict[str, object], ...]) -> dict[str, list[object]]:
    """The product table's columns (60 cells each): the list's rows with the sample region's numbers."""
    rows: list[dict[str, object]] = []
    for entry in entries:
        kits, price, stock, pipeline, last_year = PRODUCT_FILL.get(str(entry["in_product_code"]), (None,) * 5)
        money = None if price is None else Decimal(str(price))
        rows.append({**entry, "in_product_kits_requested": kits, "in_product_price": money, "in_product_stock": stock,
                     "in_product_pipeline": pipeline, "in_product_last_year": last_year})  # fmt: skip
    return product_columns(rows)


def main(which: tuple[str, ...] = ("workbook", "plan", "national")) -> None:
    """Render the sample regional workbook, its supply plan and a small national consolidation (every page of
    national.xlsx: the summary, the regions' table, the products, the charts, the problems)."""
    from xl_addin.workbook.product_list import read_product_list

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if "workbook" in which:
            workbook = work / "workbook.xlsx"
            entries = read_product_list(PRODUCT_LIST, "ru")
            write_workbook(workbook, Region("Образцовая область", "", 4066), product_list=entries)
            kits_typed = {name: None for name in EXAMPLE if name.startswith("in_kits_")}  # the drug rows give them (P3)
            fill(workbook, workbook, EXAMPLE | kits_typed | _products(entries) | {"in_buffer_months": 2})
            for page in render(workbook, "workbook", work):
                print(page.relative_to(HERE.parents[1]))
        if "plan" in which:
            for page in render_last_pages(_plan(work), "plan", work):
                print(page.relative_to(HERE.parents[1]))
        if "national" in which:
            for page in render(_national(work), "national", work):
                print(page.relative_to(HERE.parents[1]))


def _national(work: Path) -> Path:
    """A small consolidation: five regions sent their workbooks (one with a typo), the rest did not."""
    from xl_addin.consolidation.run import refresh
    from xl_addin.workbook.generate import generate
    from xl_addin.workbook.regions import default_regions

    regions = default_regions()[:8]
    inbox = work / "inbox"
    written = generate(inbox, regions[:5]).written
    for number, path in enumerate(written):
        planned = 1100 + 300 * number  # coverage 11,2 … 23,5 % of 9 800: below, inside and above the band
        example = {**EXAMPLE, "in_planned_screenings": 100000 + 40000 * number, "in_planned_on_art": planned,
                   "in_continuing_art": planned - 350, "in_on_art": planned - 350}  # fmt: skip
        if number == 3:
            example["in_on_art"] = "девятьсот"  # a typo: this region's results and checks turn red
        fill(path, path, example)
    refresh(inbox, work / "refreshed", regions, jobs=1)
    return work / "refreshed" / "national.xlsx"


D = dt.datetime
#: The supply plan's sample (docs/interpretation.md, P4): the design's Example 2 (D03, immunoblot: half the stock
#: expires after February, «Из него истекает» left 0), Example 3 (A06, zidovudine: the pipeline arrives in October)
#: and a drug whose demand grows from July (A05, nevirapine: monthly demand lines); the other rows as the sample region
#: typed them (their orders undated: they arrive in January).  Code → (annual kits, price, stock, expiring, pipeline).
PLAN_ROWS: dict[str, tuple[Any, ...]] = {
    "D03": (None, "5000.00", 6000, 0, None), "A06": (10, "1480.00", 1825, None, 5475),
    "A05": (8, "1120.00", 2920, None, None),
}  # fmt: skip
#: «Поставки»: deliveries (code, month of arrival, units, status, expiry), lots on hand, monthly demand.
PLAN_LINES: dict[str, list[tuple[Any, ...]]] = {
    "ship": [("D03", D(2007, 7, 15), 3000, "заявка", None), ("A06", D(2007, 3, 1), 1860, "заявка", None),
             ("A06", D(2007, 10, 1), 5475, "в пути", None), ("A05", D(2007, 4, 10), 4380, "заявка", D(2009, 6, 30))],
    "lot": [("D03", 3000, D(2007, 2, 28)), ("D03", 3000, D(2008, 12, 31))],
    "use": [("A05", D(2007, month, 1), 700) for month in range(7, 13)],
}  # fmt: skip
#: The parts of «План поставок» printed one to a page: settings and checks, the selected product's 24 months and
#: chart, the months of stock by product (the rows of the sample's 22 products); then, in a copy with the months'
#: columns hidden, the results by product.
PLAN_PARTS, RESULT_PART = ("A1:Z21", "A23:Z57", "A59:Z82"), "A59:AH82"


def _money(price: object) -> Decimal | None:
    return None if price is None else Decimal(str(price))


def _plan(work: Path) -> dict[Path, int]:
    """The sample region's workbook with the plan's examples typed in, printing only the plan's two sheets (its
    «Поставки» and three parts of «План поставок»), and a copy printing the results by product: workbook → pages."""
    from openpyxl import load_workbook

    from xl_addin.workbook.product_list import read_product_list

    entries = read_product_list(PRODUCT_LIST, "ru")
    workbook = work / "plan.xlsx"
    write_workbook(workbook, Region("Образцовая область", "", 4066), product_list=entries)
    rows = []
    for entry in entries:
        kits, price, stock, pipeline, last_year = PRODUCT_FILL.get(str(entry["in_product_code"]), (None,) * 5)
        expiring = None
        if entry["in_product_code"] in PLAN_ROWS:
            kits, price, stock, expiring, pipeline = PLAN_ROWS[str(entry["in_product_code"])]
            last_year = None
        rows.append({**entry, "in_product_kits_requested": kits, "in_product_price": _money(price),
                     "in_product_stock": stock, "in_product_expiring": expiring, "in_product_pipeline": pipeline,
                     "in_product_last_year": last_year})  # fmt: skip
    kits_typed = {name: None for name in EXAMPLE if name.startswith("in_kits_")}  # the drug rows give them (P3)
    # «Направлено на ИБ» 5,760: the immunoblot volume of Example 2, 7,200 tests
    fill(workbook, workbook, EXAMPLE | kits_typed | {"in_elisa_positive_to_ib": 5760} | product_columns(rows)
         | {"in_buffer_months": 3, "in_plan_product": "A06"})  # fmt: skip
    book = load_workbook(workbook)
    for key, lines in PLAN_LINES.items():  # typed as a user types: each cell keeps its format (MM.YYYY, DD.MM.YYYY)
        padded = lines + [(None,) * len(TABLES[key])] * (TABLE_ROWS - len(lines))
        for index, column in enumerate(TABLES[key]):
            for cell, line in zip(named_cells(book, column.name), padded, strict=True):
                number_format, cell.value = cell.number_format, line[index]
                cell.number_format = number_format
    plan = book["План поставок"]
    for sheet in book.worksheets:
        if sheet.title not in ("Поставки", plan.title):
            sheet.sheet_state = "hidden"
    book.active = book.worksheets.index(plan)
    book["Поставки"].print_area = "A1:M12"
    plan.print_area = list(PLAN_PARTS)
    plan.print_title_cols = None
    # each part one landscape page wide, as a picture: not the sheet's own portrait pages of 6 months
    fit = plan.sheet_properties.pageSetUpPr
    assert fit is not None  # openpyxl gives every worksheet its PageSetupProperties
    fit.fitToPage, plan.page_setup.orientation = True, "landscape"
    plan.page_setup.fitToWidth, plan.page_setup.fitToHeight = 1, 0
    plan.row_breaks.brk, plan.col_breaks.brk = [], []
    book.save(workbook)
    book["Поставки"].sheet_state = "hidden"
    plan.print_area = RESULT_PART
    plan.column_dimensions.group("C", "Z", hidden=True)
    results = work / "plan-results.xlsx"
    book.save(results)
    return {workbook: 1 + len(PLAN_PARTS), results: 1}


if __name__ == "__main__":
    main(tuple(sys.argv[1:]) or ("workbook", "plan", "national"))
