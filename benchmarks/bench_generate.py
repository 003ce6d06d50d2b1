"""Benchmark of ``xl-addin generate``: all 89 regions in both variants, against a bare openpyxl floor.

The floor writes the same cells (every value and formula text of the generated
workbooks) and the same defined names with openpyxl and nothing else: no
layout, no validation, no styles, no notes.  Each measurement runs in its own
process so that peak memory (ru_maxrss) belongs to it alone.

    python benchmarks/run.py generate
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import measure


def _child_generate(variant: str, out: str, product_rows: str = "0") -> None:
    from xl_addin.workbook.generate import generate
    from xl_addin.workbook.regions import default_regions

    generate(Path(out), default_regions(), variant=variant, force=True, product_list=_product_list(int(product_rows)))


def _product_list(rows: int) -> tuple[dict[str, object], ...]:
    """``rows`` product rows, every input column filled: the shipped example's products repeated with numbers."""
    from xl_addin.workbook.product_list import read_product_list

    example = read_product_list(Path(__file__).parents[1] / "workbook_templates" / "products-example.csv", "ru")
    filled = {"in_product_kits_requested": 100, "in_product_price": 1234.56, "in_product_stock": 500,
              "in_product_expiring": 10, "in_product_pipeline": 96, "in_product_last_year": 20000}  # fmt: skip
    return tuple({**example[i % len(example)], **filled, "in_product_code": f"P{i:02d}"} for i in range(rows))


def _child_floor(sample: str, out: str) -> None:
    """Write 89 workbooks holding exactly the cells and names of ``sample`` (the same cells, no logic)."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.workbook.defined_name import DefinedName

    book = load_workbook(sample)
    sheets = [(sheet.title, [(c.row, c.column, c.value) for row in sheet.iter_rows() for c in row if c.value is not None])
              for sheet in book.worksheets]  # fmt: skip
    names = {name: book.defined_names[name].attr_text for name in book.defined_names}
    started = time.perf_counter()
    for number in range(89):
        floor = Workbook()
        floor.remove(floor.active)
        for title, cells in sheets:
            sheet = floor.create_sheet(title)
            for row, column, value in cells:
                sheet.cell(row, column, value)
        for name, reference in names.items():
            floor.defined_names[name] = DefinedName(name, attr_text=reference)
        floor.save(Path(out) / f"{number:03d}.xlsx")
    print(f"# floor writing only: {time.perf_counter() - started:.2f} s", file=sys.stderr)


def main(repeats: int = 3) -> dict[str, dict[str, float]]:
    """Best of ``repeats`` for each of native, udf and the floor; print a table and return it."""
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as work:
        for label, variant, rows in (("native", "native", "0"), ("udf", "udf", "0"), ("native+60", "native", "60")):
            out = Path(work) / label
            runs = [measure("benchmarks.bench_generate", "_child_generate", variant, str(out), rows)
                    for _ in range(repeats)]  # fmt: skip
            results[label] = min(runs, key=lambda run: run["wall_s"])
        sample = next((Path(work) / "native").glob("*.xlsx"))
        floor_out = Path(work) / "floor"
        floor_out.mkdir()
        runs = [
            measure("benchmarks.bench_generate", "_child_floor", str(sample), str(floor_out)) for _ in range(repeats)
        ]
        results["floor"] = min(runs, key=lambda run: run["wall_s"])
    floor = results["floor"]["wall_s"]
    print(f"{'variant':<10} {'wall, s':>8} {'peak RSS, MB':>13} {'× floor':>8}   (89 workbooks, best of {repeats})")
    for label, run in results.items():
        print(f"{label:<10} {run['wall_s']:>8.2f} {run['parent_mb']:>13.0f} {run['wall_s'] / floor:>8.2f}")
    return results


if __name__ == "__main__":
    main()
