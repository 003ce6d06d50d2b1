"""Benchmark of ``xl-addin refresh``: 89 and 2,000 workbooks; today's reader, the old one and the floor.

The folders are made by ``xl-addin generate`` (the 89 subjects; 2,000 municipalities from a
generated region list, ``--regions``), the first 60 of each filled with random inputs through the
names, the rest left blank (every input of a blank workbook is a problem row: the reporting path is
measured too).  The refresh of a folder made from a region list is run with that list (``--regions``),
as a user runs it: the parent's work on the list (the 2006 figure looked up for each name) is in the
time.  On each folder, in one run, each measurement in its own process (wall time from before the
interpreter starts until it has exited, so start-up, imports and the parent's own work are counted;
the peak RSS of the parent and of its largest worker):

- ``floor``: python-calamine reading every workbook's ``in_*`` cells and nothing else, 2 processes;
- ``refresh --jobs 1`` and ``--jobs 2`` (the command line, as a user runs it);
- ``old reader --jobs 2``: the same command with the openpyxl reader it had before issue 11
  (``benchmarks/old_openpyxl_reading.py``) swapped in.

Then where the time goes for the largest folder: each step of a worker's file (in one process, CPU
seconds) and the parent's own steps during a ``--jobs 2`` run.

    python benchmarks/run.py refresh
    XL_ADDIN_BENCH_COUNTS=89,300 python benchmarks/run.py refresh   # smaller folders (a shared machine)
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.measure import measure

FILLED = 60
#: The filled workbooks get random supply plans too (issue 22); XL_ADDIN_BENCH_PLANS=0: the letter's inputs only.
PLANS = os.environ.get("XL_ADDIN_BENCH_PLANS", "1") != "0"
COUNTS = tuple(int(count) for count in os.environ.get("XL_ADDIN_BENCH_COUNTS", "89,2000").split(","))


def random_plan(rng: random.Random, products: int = 12) -> dict[str, Any]:
    """Random «Товары» rows (diagnostic volumes, so that their need is computed from the letter's inputs) and a
    supply plan for them (issue 22): deliveries of every status, lots (mostly adding up to the stock), monthly
    demand overrides and the settings — what a region fills, as names → cells for ``fill``."""
    import datetime as dt

    from tests.workbook.filling import product_columns
    from xl_addin.request.plan_layout import TABLE_ROWS, TABLES
    from xl_addin.request.products_layout import TARGETS, Section

    targets = [target for target in TARGETS if target.section is not Section.ARV]
    rows, lines = [], {"ship": [], "lot": [], "use": []}
    for index in range(products):
        code, stock = f"P{index:02d}", rng.randint(0, 5000)
        rows.append({"in_product_code": code, "in_product_name": f"Товар {index}",
                     "in_product_covers": targets[index % len(targets)].ru, "in_product_units_per_pack": rng.choice(
                         [20, 48, 96, 100]), "in_product_price": rng.choice([None, 1500, 4999.99]),
                     "in_product_stock": stock, "in_product_expiring": rng.choice([None, 0, stock // 10])})  # fmt: skip
        for _ in range(rng.randint(0, 3)):
            month = dt.datetime(2007, rng.randint(1, 12), rng.randint(1, 28))
            lines["ship"].append((code, month, rng.randint(0, 3000), rng.choice(["в пути", "заявка", "другое"]),
                                  rng.choice([None, dt.datetime(2008, rng.randint(1, 12), 1)])))  # fmt: skip
        if rng.random() < 0.6:
            first = rng.randint(0, stock)
            lines["lot"] += [(code, first, dt.datetime(2007, rng.randint(2, 12), 28)),
                             (code, stock - first + (rng.random() < 0.1), dt.datetime(2009, 1, 31))]  # fmt: skip
        if rng.random() < 0.3:
            lines["use"].append((code, dt.datetime(2007, rng.randint(1, 12), 1), rng.randint(0, 800)))
    cells: dict[str, Any] = product_columns(rows) | {"in_buffer_months": rng.choice([None, 2, 3])}
    for table, found in lines.items():
        padded = found[:TABLE_ROWS] + [(None,) * len(TABLES[table])] * (TABLE_ROWS - len(found))
        cells |= {column.name: [line[i] for line in padded] for i, column in enumerate(TABLES[table])}
    return cells | {"in_plan_start": rng.choice([None, dt.datetime(2006, 10, 1)]), "in_plan_reorder_months": 12}


def _regions_file(work: Path, count: int) -> Path:
    """A region list of ``count`` generated names (none of them in the 2006 table), as ``--regions`` takes it."""
    path = work / f"regions{count}.csv"
    path.write_text("название\n" + "".join(f"Муниципалитет {n:04d}\n" for n in range(1, count + 1)), encoding="utf-8")
    return path


def _folder(work: Path, count: int) -> tuple[Path, list[str]]:
    """The folder of ``count`` workbooks and the refresh's arguments for its region list (none for the 89)."""
    from tests.workbook.filling import fill, random_inputs
    from xl_addin.workbook.generate import generate
    from xl_addin.workbook.regions import default_regions, read_regions

    regions_file = None if count == 89 else _regions_file(work, count)
    regions = default_regions() if regions_file is None else read_regions(regions_file)
    folder = work / f"in{count}"
    summary = generate(folder, regions, force=True)
    rng = random.Random(count)
    for path in summary.written[:FILLED]:
        fill(path, path, random_inputs(rng) | (random_plan(rng) if PLANS else {}))
    return folder, [] if regions_file is None else ["--regions", str(regions_file)]


def _child_refresh(folder: str, out: str, jobs: str, *regions: str) -> None:
    from xl_addin import cli

    cli.main(["refresh", folder, "--out", out, "--jobs", jobs, *regions])  # exit 1: the blank workbooks have problems


def _child_refresh_old_reader(folder: str, out: str, jobs: str, *regions: str) -> None:
    """The same command with the reader of before issue 11 (the workers are forked: they run it too)."""
    from benchmarks import old_openpyxl_reading
    from xl_addin import cli
    from xl_addin.consolidation import run

    run.read_workbook = old_openpyxl_reading.read_workbook
    cli.main(["refresh", folder, "--out", out, "--jobs", jobs, *regions])


def _read_inputs(task: tuple[str, str, list[tuple[int, int]]]) -> list[Any]:
    from python_calamine import CalamineWorkbook

    path, sheet, cells = task
    with CalamineWorkbook.from_path(path) as book:
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return [rows[row - 1][column - 1] if row <= len(rows) and column <= len(rows[row - 1]) else None
            for row, column in cells]  # fmt: skip


def _child_floor(folder: str, places: str, jobs: str) -> None:
    """The floor: python-calamine reads the ``in_*`` cells (their places given) of every workbook, nothing else."""
    import multiprocessing

    sheet, cells = json.loads(places)
    tasks = [(str(path), sheet, [tuple(cell) for cell in cells]) for path in sorted(Path(folder).glob("*.xlsx"))]
    with multiprocessing.get_context("fork").Pool(int(jobs)) as pool:
        found = pool.map(_read_inputs, tasks, chunksize=16)
    assert len(found) == len(tasks)


def _read_one(task: tuple[str, str]) -> int:
    path, which = task
    if which == "old":
        from benchmarks.old_openpyxl_reading import read_workbook
    else:
        from xl_addin.consolidation.reading import read_workbook
    try:
        return len(read_workbook(Path(path)).problems)
    except ValueError:  # pragma: no cover - every generated workbook is readable
        return -1


def _child_read(folder: str, which: str, jobs: str) -> None:
    """Reading only: every workbook read by the new reader or the old one, in ``jobs`` processes, nothing else."""
    import multiprocessing

    from xl_addin.consolidation.reading import template_places

    template_places()
    tasks = [(str(path), which) for path in sorted(Path(folder).glob("*.xlsx"))]
    with multiprocessing.get_context("fork").Pool(int(jobs)) as pool:
        found = pool.map(_read_one, tasks, chunksize=16)
    assert len(found) == len(tasks)


def _input_places() -> str:
    """The sheet and cells of every ``in_*`` name, as the template puts them (JSON for the floor's process)."""
    from xl_addin.consolidation import ooxml
    from xl_addin.consolidation.reading import template_places
    from xl_addin.request.layout import INPUTS
    from xl_addin.workbook.texts import SHEETS

    sheet = SHEETS["ru"]["inputs"]
    cells = [
        cell for field in INPUTS for s, c in template_places()[field.name] if s == sheet for cell in ooxml.cells(c)
    ]
    return json.dumps([sheet, cells])


def _timed(owner: Any, name: str, spent: dict[str, float], clock: Callable[[], float]) -> Callable[[], None]:
    """Wrap ``owner.name`` to add its time to ``spent[name]``; the returned function undoes it."""
    real = getattr(owner, name)

    def wrapper(*arguments: Any, **keywords: Any) -> Any:
        started = clock()
        try:
            return real(*arguments, **keywords)
        finally:
            spent[name] = spent.get(name, 0.0) + clock() - started

    setattr(owner, name, wrapper)
    return lambda: setattr(owner, name, real)


def _worker_steps(folder: Path, out: Path) -> dict[str, float]:
    """CPU seconds of each step of a worker's files, all files in this process (``process_file`` as a worker runs it).

    The reader's steps are timed where the code has them (the streaming pass ``sheet_scan.scan_sheet`` and the
    shared strings today; ``ooxml.scan_sheet`` and calamine's ``_read_grids`` before issue 19), so the same
    benchmark measures both."""
    import importlib

    from xl_addin import zipcopy
    from xl_addin.consolidation import ooxml, reading, results_sheet, run
    from xl_addin.request import model

    reading.template_places()
    spent: dict[str, float] = {}
    clock = time.process_time
    steps: list[tuple[Any, str]] = [(run, "read_workbook"), (ooxml, "structure"), (model, "evaluate"),
                                    (run, "write_copy_with_results"), (results_sheet, "sheet_xml"),
                                    (results_sheet, "registered"), (zipcopy.ZipCopy, "copy_raw")]  # fmt: skip
    for module, name in (("sheet_scan", "scan_sheet"), ("strings", "shared_strings"), ("ooxml", "scan_sheet")):
        try:
            owner = importlib.import_module(f"xl_addin.consolidation.{module}")
        except ImportError:
            continue
        if hasattr(owner, name):
            steps.append((owner, name))
    if hasattr(reading, "_Values") and hasattr(reading._Values, "_read_grids"):
        steps.append((reading._Values, "_read_grids"))
    undo = [_timed(owner, name, spent, clock) for owner, name in steps]
    out.mkdir(parents=True, exist_ok=True)
    started = clock()
    for path in sorted(folder.glob("*.xlsx")):
        run.process_file(path, out, "python", "now")
    spent["process_file (all)"] = clock() - started
    for step in undo:
        step()
    return spent


def _per_workbook(folder: Path, out: Path, sample: int = 60) -> dict[str, float]:
    """CPU milliseconds of ``process_file`` per workbook, filled (the folder's first ``sample``) and blank (the next
    ``sample``), as the run meets them (a part equal to one read before is not read again: ``sheet_scan``'s scans
    and ``parts``' sound parts are remembered) and with that memory emptied before each file (every part new to
    the process, as in a campaign of workbooks each saved by Excel).  Best of 3."""
    from xl_addin.consolidation import parts, reading, run, sheet_scan

    reading.template_places()
    reading.product_places()
    files = sorted(folder.glob("*.xlsx"))
    found: dict[str, float] = {}
    for label, chosen in (("filled", files[:sample]), ("blank", files[FILLED : FILLED + sample])):
        for memory in ("remembered", "every part new"):
            best = float("inf")
            for attempt in range(3):
                target = out / f"{label}-{memory}-{attempt}".replace(" ", "-")
                target.mkdir(parents=True)
                started = time.process_time()
                for path in chosen:
                    if memory != "remembered":
                        getattr(sheet_scan, "_SCANNED", {}).clear()
                        getattr(parts, "_SOUND", set()).clear()
                        # their byte counts too: else a full count left behind makes the next memory keep one scan
                        sheet_scan._scanned_bytes = parts._sound_bytes = 0  # type: ignore[attr-defined]
                    run.process_file(path, target, "python", "now")
                best = min(best, time.process_time() - started)
            found[f"{label}, {memory}"] = best / len(chosen) * 1000
    return found


def _parent_steps(folder: Path, out: Path, regions: list[str]) -> dict[str, float]:
    """Wall seconds of the parent's own steps during a ``--jobs 2`` run of the library (no command line), the
    region list read as the command line reads it."""
    from xl_addin.consolidation import national, national_book, problems_file, run
    from xl_addin.workbook import regions as region_lists

    spent: dict[str, float] = {}
    clock = time.perf_counter
    undo = [
        _timed(region_lists, "read_regions", spent, clock),
        _timed(problems_file.ProblemsFile, "add", spent, clock),
        _timed(problems_file.ProblemsFile, "finish", spent, clock),
        _timed(run, "region_row", spent, clock),
        _timed(national_book, "write_national_xlsx", spent, clock),
        _timed(national, "write_national_csv", spent, clock),
    ]
    started = clock()
    listed = region_lists.read_regions(Path(regions[1])) if regions else region_lists.default_regions()
    run.refresh(folder, out, listed, jobs=2)
    spent["run.refresh (all, with the list)"] = clock() - started
    for step in undo:
        step()
    return spent


def _start_up() -> dict[str, float]:
    """Wall seconds to start the interpreter and import the command line, and to start two workers."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import xl_addin.cli"], check=True)
    imported = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import python_calamine"], check=True)
    bare = time.perf_counter() - started
    return {"python + import xl_addin.cli": imported, "python + import python_calamine (the floor's)": bare}


def main() -> None:
    """Print the table, the ratios and the steps."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    places = _input_places()
    rows: list[tuple[int, str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print(f"{'workbooks':>9}  {'run':<22} {'wall, s':>8} {'wb/s':>6} {'parent MB':>9} {'worker MB':>9}")
        folders: dict[int, tuple[Path, list[str]]] = {}
        for count in COUNTS:
            made = time.perf_counter()
            source, regions = folders[count] = _folder(work, count)
            print(f"# prepared {count} workbooks in {time.perf_counter() - made:.0f} s", file=sys.stderr)
            runs = {
                "floor (calamine, 2 p.)": ("_child_floor", str(source), places, "2"),
                "new reader only, 2 p.": ("_child_read", str(source), "new", "2"),
                "old reader only, 2 p.": ("_child_read", str(source), "old", "2"),
                "refresh --jobs 1": ("_child_refresh", str(source), str(work / f"out{count}-1"), "1", *regions),
                "refresh --jobs 2": ("_child_refresh", str(source), str(work / f"out{count}-2"), "2", *regions),
                "old reader --jobs 2": (
                    "_child_refresh_old_reader", str(source), str(work / f"old{count}"), "2", *regions,
                ),
            }  # fmt: skip
            for label, (function, *arguments) in runs.items():
                run = measure("benchmarks.bench_refresh", function, *arguments)
                rows.append((count, label, run))
                print(
                    f"{count:>9}  {label:<22} {run['wall_s']:>8.2f} {count / run['wall_s']:>6.0f}"
                    f" {run['parent_mb']:>9.0f} {run['workers_mb']:>9.0f}",
                    flush=True,
                )
            same = [(work / f"old{count}" / name).read_bytes() == (work / f"out{count}-2" / name).read_bytes()
                    for name in ("national.csv", "problems.csv")]  # fmt: skip
            # the old reader predates the supply plan (issue 22): with plans filled its problems and statuses differ
            # by the plans' rows; XL_ADDIN_BENCH_PLANS=0 makes the folders it reads as well (equal then: 89, 2026-12-06)
            print(f"# {count}: national.csv and problems.csv of the old and the new reader equal: {same}"
                  + (" (plans filled: the old reader reads no plan)" if PLANS else ""))  # fmt: skip
        wall = {(count, label): run["wall_s"] for count, label, run in rows}
        for count in COUNTS:
            new, floor, old = (
                wall[count, label] for label in ("refresh --jobs 2", "floor (calamine, 2 p.)", "old reader --jobs 2")
            )
            read_new, read_old = wall[count, "new reader only, 2 p."], wall[count, "old reader only, 2 p."]
            print(
                f"{count}: refresh --jobs 2 = {new / floor:.1f} × the floor, {old / new:.1f} × faster than with the old "
                f"reader; reading alone: new {read_new / floor:.1f} × the floor, old {read_old / read_new:.1f} × the new"
            )
        largest = max(COUNTS)
        source, regions = folders[largest]
        print(f"\nsteps of the workers' work, {largest} workbooks in one process (CPU seconds):")
        for step, seconds in _worker_steps(source, work / "steps-out").items():
            print(f"  {step:<40} {seconds:7.2f}")
        print("process_file per workbook (CPU ms, best of 3):")
        for case, milliseconds in _per_workbook(source, work / "per-workbook").items():
            print(f"  {case:<40} {milliseconds:7.2f}")
        print(f"steps of the parent during run.refresh(jobs=2) on the {largest} (wall seconds):")
        for step, seconds in _parent_steps(source, work / "parent-out", regions).items():
            print(f"  {step:<40} {seconds:7.2f}")
        print("start-up (wall seconds):")
        for step, seconds in _start_up().items():
            print(f"  {step:<40} {seconds:7.2f}")


if __name__ == "__main__":
    main()
