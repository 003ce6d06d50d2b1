"""Pictures for the Russian guides, rendered headless by LibreOffice (workbook → PDF → PNG).

    python docs/pictures/make_pictures.py

Needs LibreOffice (soffice) and poppler's pdftoppm (Debian: libreoffice-calc-nogui, poppler-utils).
A sample region's workbook is generated, filled through its names with the example inputs below,
recalculated and printed by LibreOffice; each page of the PDF becomes ``workbook-<n>.png`` here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.workbook.filling import fill
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


def main() -> None:
    """Render the sample regional workbook and a small national consolidation."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        workbook = work / "workbook.xlsx"
        write_workbook(workbook, Region("Образцовая область", "", 4066))
        fill(workbook, workbook, EXAMPLE)
        for page in render(workbook, "workbook", work):
            print(page.relative_to(HERE.parents[1]))
        for page in render(_national(work), "national", work, crop=(240, 150, 220, 1300, 220)):
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
        example = {**EXAMPLE, "in_planned_screenings": 100000 + 40000 * number, "in_continuing_art": 300 + 150 * number}
        if number == 3:
            example["in_on_art"] = "девятьсот"  # a typo: this region's results and checks turn red
        fill(path, path, example)
    refresh(inbox, work / "refreshed", regions, jobs=1)
    return work / "refreshed" / "national.xlsx"


if __name__ == "__main__":
    main()
