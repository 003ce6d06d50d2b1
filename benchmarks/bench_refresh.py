"""Benchmark of ``xl-addin refresh``: 89 and 2,000 workbooks, with --jobs 1 and 2, and a profile.

The folders are made by ``xl-addin generate`` (the 89 subjects; 2,000 municipalities from a
region list), the first 50 of each filled with random inputs through the names, the rest
left blank (every input of a blank workbook is a problem row: the reporting path is measured
too).  Each run is its own process: wall time, workbooks per second, the peak RSS of the
parent and that of the largest worker (``--jobs 1`` has none: all work is in the parent).

    python benchmarks/run.py refresh
"""

from __future__ import annotations

import cProfile
import io
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import measure

FILLED = 50


def _folder(work: Path, count: int) -> Path:
    from tests.workbook.filling import fill, random_inputs
    from xl_addin.workbook.generate import generate
    from xl_addin.workbook.regions import default_regions
    from xl_addin.workbook.writer import Region

    regions = default_regions() if count == 89 else [Region(f"Муниципалитет {n:04d}") for n in range(1, count + 1)]
    folder = work / f"in{count}"
    summary = generate(folder, regions, force=True)
    rng = random.Random(count)
    for path in summary.written[:FILLED]:
        fill(path, path, random_inputs(rng))
    return folder


def _child_refresh(folder: str, out: str, jobs: str) -> None:
    from xl_addin import cli

    cli.main(["refresh", folder, "--out", out, "--jobs", jobs])  # exit 1: the blank workbooks have problems


def _profile(folder: Path, out: Path) -> str:
    from xl_addin.refresh.run import refresh

    profiler = cProfile.Profile()
    profiler.enable()
    refresh(folder, out, [], jobs=1)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(r"xl_addin|openpyxl|zipfile", 15)
    stats.sort_stats("tottime").print_stats(10)
    return text.getvalue()


def main() -> None:
    """Print the table and the profile's top lines."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print(f"{'workbooks':>9} {'jobs':>4} {'wall, s':>8} {'wb/s':>5} {'parent MB':>9} {'worker MB':>9}")
        for count in (89, 2000):
            made = time.perf_counter()
            source = _folder(work, count)
            print(f"# prepared {count} workbooks in {time.perf_counter() - made:.0f} s", file=sys.stderr)
            for jobs in (1, 2):
                out = work / f"out{count}-{jobs}"
                run = measure("benchmarks.bench_refresh", "_child_refresh", str(source), str(out), str(jobs))
                print(
                    f"{count:>9} {jobs:>4} {run['wall_s']:>8.1f} {count / run['wall_s']:>5.0f}"
                    f" {run['parent_mb']:>9.0f} {run['workers_mb']:>9.0f}",
                    flush=True,
                )
        print("\nprofile, 2000 workbooks, --jobs 1 (cumulative seconds):", flush=True)
        print(_profile(work / "in2000", work / "profile-out"))


if __name__ == "__main__":
    main()
