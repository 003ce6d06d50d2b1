"""Pictures for the Russian guides, rendered headless by LibreOffice (workbook → PDF → PNG).

    python docs/pictures/make_pictures.py              # both
    python docs/pictures/make_pictures.py national     # only national.xlsx's pages (workbook: only the workbook's)

Needs LibreOffice (soffice) and poppler's pdftoppm (Debian: libreoffice-calc-nogui, poppler-utils).
A sample region's workbook is generated, filled through its names with the example inputs below,
recalculated and printed by LibreOffice; each page of the PDF becomes ``workbook-<n>.png`` here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.workbook.filling import fill, product_columns
from tests.workbook.libreoffice import convert
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
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        raise SystemExit("нужны soffice (LibreOffice) и pdftoppm (poppler-utils)")
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


def main(which: tuple[str, ...] = ("workbook", "national")) -> None:
    """Render the sample regional workbook and a small national consolidation (every page of national.xlsx: the
    summary, the regions' table, the products, the charts, the problems)."""
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


if __name__ == "__main__":
    main(tuple(sys.argv[1:]) or ("workbook", "national"))
