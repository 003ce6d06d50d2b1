"""One command for the benchmarks: ``python benchmarks/run.py generate|refresh|reading|products|lite|all`` (from the repo root)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import bench_generate, bench_lite, bench_products, bench_reading, bench_refresh

SUITES = {
    "generate": bench_generate.main,
    "refresh": bench_refresh.main,
    "reading": bench_reading.main,
    "products": bench_products.main,
    "lite": bench_lite.main,
}


def main(argv: list[str]) -> int:
    """Run the named benchmark suites (all of them by default)."""
    chosen = argv or ["all"]
    names = list(SUITES) if chosen == ["all"] else chosen
    unknown = [name for name in names if name not in SUITES]
    if unknown:
        print(f"неизвестный бенчмарк: {', '.join(unknown)}; есть: {', '.join(SUITES)}, all", file=sys.stderr)
        return 2
    for name in names:
        print(f"== {name}")
        SUITES[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
