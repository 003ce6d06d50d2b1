"""CPU of reading one received workbook (``reading.read_workbook``), per file: blank, filled, filled with products.

Three files made by ``write_workbook`` and ``fill`` (the letter's inputs from ``random_inputs``; the
products sheet's 60 rows from ``bench_products.product_values``), each read 100 times in this process,
best of 5 (CPU seconds, ``time.process_time``), after one read to warm the caches (the template's
places, the structure of its workbook.xml).

    python benchmarks/run.py reading
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

READS, ROUNDS = 100, 5


def files(work: Path) -> dict[str, Path]:
    """The three workbooks, by label."""
    from benchmarks.bench_products import product_values
    from tests.workbook.filling import fill, random_inputs
    from xl_addin.workbook.writer import Region, write_workbook

    blank = work / "blank.xlsx"
    write_workbook(blank, Region("Алтай"))
    rng = random.Random(1)
    fill(blank, work / "filled.xlsx", random_inputs(rng))
    fill(blank, work / "products.xlsx", random_inputs(rng) | product_values(rng))
    return {"blank": blank, "letter's inputs filled": work / "filled.xlsx",
            "inputs and 60 product rows filled": work / "products.xlsx"}  # fmt: skip


def per_file(path: Path) -> float:
    """Milliseconds of CPU to read ``path`` once (best of :data:`ROUNDS` runs of :data:`READS` reads)."""
    from xl_addin.consolidation.reading import read_workbook

    read_workbook(path)
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(READS):
            read_workbook(path)
        best = min(best, (time.process_time() - started) / READS)
    return best * 1000


def main() -> None:
    """Print the CPU per file of each kind of workbook."""
    from xl_addin.consolidation.reading import template_places

    template_places()
    with tempfile.TemporaryDirectory() as folder:
        for label, path in files(Path(folder)).items():
            print(f"  {label:<36} {per_file(path):6.2f} ms CPU per file")


if __name__ == "__main__":
    main()
