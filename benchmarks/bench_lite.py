"""Benchmark of an xlwings Lite call: Pyodide under Node, the path of tests/lite/runner.mjs.

Each run is its own Node process doing what xlwings Lite does when a workbook opens and a formula
recalculates: start (Pyodide 0.27.5 loaded, with micropip), install (xlwings 0.37.8 and the
project's wheel from local files, as a requirements.txt line), register (main.py executed and
``xlwings.server.custom_functions_meta``), one call of ``=ELISA_VOLUME(1000)`` (a JavaScript request
object through ``xlwings.server.custom_functions_call`` and back), then 1,000 such calls.  Best of 3
for each figure.  For scale, the same 1,000 calls of the plain Python function in CPython.
Needs tests/lite/prepare.sh once (the npm package pyodide and the wheels); nothing is downloaded.

    python benchmarks/run.py lite
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.lite import harness

CALLS = 1000
REQUEST = {"name": "ELISA_VOLUME", "args": [[[1000]]]}


def _cpython_calls() -> float:
    """Seconds for CALLS calls of udfs.ELISA_VOLUME in this CPython (xlwings' no-op decorators)."""
    from xl_addin import udfs

    started = time.perf_counter()
    for _ in range(CALLS):
        udfs.ELISA_VOLUME(1000.0)
    return time.perf_counter() - started


def main(repeats: int = 3) -> dict[str, float]:
    """Best of ``repeats`` runs of each step; print a table and return it (empty when Pyodide is not prepared)."""
    from xl_addin.lite import main_py

    reason = harness.missing_setup()
    if reason is not None:
        print(f"пропущено: {reason}")
        return {}
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as work:
        wheel = harness.build_wheel(Path(work))
        for number in range(repeats):
            folder = Path(work) / f"run{number}"
            folder.mkdir()
            started = time.perf_counter()
            result = harness.run(
                folder, main_py(), [], with_pytest=False, repeat={"request": REQUEST, "times": CALLS}, wheel=wheel
            )
            if result["refused"]:
                raise RuntimeError(f"network requests during the benchmark: {result['refused']}")
            runs.append({**result["timings"], "process": time.perf_counter() - started})
    best = {key: min(run[key] for run in runs) for key in runs[0]}
    best["cpython_calls"] = min(_cpython_calls() for _ in range(repeats))
    rows = [
        ("start: Pyodide + micropip", best["start"]),
        ("install: xlwings + xl_addin", best["install"]),
        ("register: main.py + meta", best["register"]),
        ("one call =ELISA_VOLUME(1000)", best["one_call"]),
        (f"{CALLS:,} calls", best["calls"]),
        ("whole Node process", best["process"]),
        (f"{CALLS:,} calls, plain function in CPython", best["cpython_calls"]),
    ]
    print(f"{'step':<42} {'s':>8} {'ms per call':>12}")
    for label, seconds in rows:
        per_call = f"{seconds / CALLS * 1000:.3f}" if "calls" in label else ""
        print(f"{label:<42} {seconds:>8.3f} {per_call:>12}")
    return best
