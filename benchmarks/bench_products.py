"""Issue 10's speed target, measured: generate and refresh with 60 product rows filled, against the code of the day
the issue was filed, on this machine, in one run.

The reference is commit :data:`REFERENCE` (template version 3, no products sheet), taken with ``git archive``
into a temporary folder (so this benchmark needs the repository's history).  Both versions make their own
workbooks, with the same random letter inputs (one seed); today's also get a 60-row product list, every input
column filled (the shipped example's products, with random stock, kits, pipeline, consumption and prices).

- ``generate``: the 89 subjects, native (the Python API's ``generate``, as the command line calls it); today's
  with the 60-row list written into every workbook (``--products``);
- ``refresh, all filled``: 89 and 300 workbooks, every one filled (today's: each with 60 product rows): what the
  federal centre receives when every region sends its list of products;
- ``refresh, the benchmark's mix``: 2,000 workbooks, the first 50 filled as above, the rest blank (the set-up of
  ``bench_refresh.py``, whose figures the issue quotes).

Each command runs in its own process (``xl-addin … --jobs 2`` for refresh), best of :data:`REPEATS`; the two
versions take turns, run after run.

    python benchmarks/run.py products
"""

from __future__ import annotations

import functools
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: The last commit before issue 10's work began (its benchmarks/README holds the figures the issue quotes).
REFERENCE = "cec416e"
#: Each refresh case: how many workbooks, how many of them filled (the first ones).
CASES = (("refresh, all filled", 89, 89), ("refresh, all filled", 300, 300), ("refresh, the benchmark's mix", 2000, 50))
REPEATS = 5
ROOT = Path(__file__).resolve().parents[1]

#: Run with either version on ``sys.path``: makes ``count`` workbooks in ``out``, the first ``filled`` filled.
_PREPARE = """
import random, sys
from pathlib import Path
from tests.workbook.filling import fill, random_inputs
from xl_addin.workbook.generate import generate
from xl_addin.workbook.writer import Region
out, count, filled, products = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
regions = [Region(f"Муниципалитет {n:04d}") for n in range(1, count + 1)]
written = generate(out, regions, force=True).written
rng = random.Random(count)
if products:
    from benchmarks.bench_products import product_values
for path in written[:filled]:
    values = random_inputs(rng)
    if products:
        values |= product_values(rng)
    fill(path, path, values)
"""


def product_values(rng: random.Random) -> dict[str, list[object]]:
    """60 product rows (column name → its 60 cells): the shipped example's products with random numbers."""
    from xl_addin.request.products_layout import INPUT_COLUMNS, PRODUCT_ROWS
    from xl_addin.workbook.product_list import read_product_list

    example = read_product_list(ROOT / "workbook_templates" / "products-example.csv", "ru")
    rows = [
        {**example[index % len(example)], "in_product_code": f"P{index:02d}",
         "in_product_kits_requested": rng.randint(0, 400), "in_product_price": rng.choice([None, 99.99, 1234.56]),
         "in_product_stock": rng.randint(0, 5000), "in_product_expiring": rng.randint(0, 50),
         "in_product_pipeline": rng.randint(0, 500), "in_product_last_year": rng.randint(0, 30000)}
        for index in range(PRODUCT_ROWS)
    ]  # fmt: skip
    return {column.name: [row.get(column.name) for row in rows] for column in INPUT_COLUMNS}


def _python(root: Path, *arguments: str) -> float:
    """Wall seconds of ``python arguments`` with ``root``'s xl_addin first on the path (run from ``root``)."""
    environment = dict(os.environ, PYTHONPATH=str(root))
    started = time.perf_counter()
    subprocess.run([sys.executable, *arguments], cwd=root, env=environment, check=True, capture_output=True)
    return time.perf_counter() - started


def _cli(root: Path, *arguments: str) -> float:
    """Wall seconds of ``xl-addin arguments`` (its exit code is not asked: blank workbooks make refresh exit 1)."""
    script = "import sys\nfrom xl_addin import cli\ncli.main(sys.argv[1:])"
    return _python(root, "-c", script, *arguments)


def main() -> None:
    """Print each comparison: the reference's seconds, today's, and today's ÷ the reference's (target ≤ 1.5)."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        reference = work / "reference"
        reference.mkdir()
        archive = subprocess.run(["git", "archive", REFERENCE], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(reference)], input=archive, check=True)
        versions = {f"{REFERENCE} (v3)": (reference, "0"), "today": (ROOT, "1")}
        runs: dict[str, dict[str, Callable[[], float]]] = {}  # case → version → one measurement
        for label, (root, products) in versions.items():
            runs.setdefault("generate 89, native", {})[label] = functools.partial(
                _python, root, "-c", _GENERATE, str(work / f"gen-{label}"), products
            )
            for case, count, filled in CASES:
                source = work / f"in-{count}-{filled}-{label}"
                _python(root, "-c", _PREPARE, str(source), str(count), str(filled), products)
                runs.setdefault(f"{case} ({count}, {filled} filled)", {})[label] = functools.partial(
                    _cli, root, "refresh", str(source), "--out", str(work / "out"), "--jobs", "2"
                )
        # the versions take turns, so that a slower minute of a shared machine does not fall on one of them only
        results = {case: {label: math.inf for label in versions} for case in runs}
        for _ in range(REPEATS):
            for case, measured in runs.items():
                for label, run in measured.items():
                    results[case][label] = min(results[case][label], run())
        names = list(versions)
        print(f"{'':<46} {names[0]:>14} {names[1]:>8} {'ratio':>6}   (wall s, best of {REPEATS}; target ≤ 1.5)")
        for case, seconds in results.items():
            print(f"{case:<46} {seconds[names[0]]:>14.2f} {seconds[names[1]]:>8.2f} "
                  f"{seconds[names[1]] / seconds[names[0]]:>6.2f}")  # fmt: skip


#: ``xl-addin generate`` of the 89 subjects, native, as the API runs it; with "1", the 60-row list (``--products``).
_GENERATE = """
import random, sys
from pathlib import Path
from xl_addin.workbook.generate import generate
from xl_addin.workbook.regions import default_regions
if sys.argv[2] == "1":
    from benchmarks.bench_products import product_values
    from xl_addin.request.products_layout import PRODUCT_ROWS
    columns = product_values(random.Random(60))
    listing = tuple({name: cells[row] for name, cells in columns.items() if cells[row] is not None}
                    for row in range(PRODUCT_ROWS))
    generate(Path(sys.argv[1]), default_regions(), force=True, product_list=listing)
else:  # the reference has no products sheet
    generate(Path(sys.argv[1]), default_regions(), force=True)
"""


if __name__ == "__main__":
    main()
