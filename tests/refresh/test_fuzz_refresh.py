"""Issue 19 §8: a seeded fuzz of refresh — mutated workbooks beside two good ones, the same invariants for each.

``tests/refresh/fuzz.py`` (with fuzz_cells.py) mutates a valid filled workbook (its zip, package, workbook.xml, names,
worksheets, shared strings, cell values and types); up to BATCH mutated files, each of a region of
its own, go into one folder with two good workbooks and are refreshed in ONE run. Then:
- the run: all four outputs exist and parse, the two good regions are in the totals with their ELISA
  (Республика Башкорстан 1000 × 1,2 = 1200, Республика Бурятия 2000 × 1,2 = 2400), the totals row is
  the sum of the rows in the totals, the received folder is byte-identical;
- every mutated file: one row in national.csv; in the totals, or at least one error row in
  problems.csv (a file never drops out silently); every reason Russian, no OS or Python text;
  its refreshed copy, if written, a zip whose XML parts are all well-formed.
If the run itself aborts, each file of the batch is refreshed alone (beside the good two) so that the
failure names the file that aborts it.

In CI: seed 19, 60 files. A longer run (docs/refresh-guide.md, the last section):
    XL_ADDIN_FUZZ_SEED=7 XL_ADDIN_FUZZ_FILES=2000 python -m pytest -q -p no:cacheprovider tests/refresh/test_fuzz_refresh.py
and one mutation again: XL_ADDIN_FUZZ_SEED=7 XL_ADDIN_FUZZ_ONLY=1234 (the same seed; the index of the failure).
"""

from __future__ import annotations

import os
import shutil
import traceback
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook

from tests.refresh.fuzz import mutate
from tests.refresh.test_hostile_files import (
    ELISA,
    EXCEL_CELL,
    OUTPUTS,
    TOTALS,
    fingerprint,
    is_russian_reason,
    read_csv,
)
from tests.refresh.test_refresh_cli import clean_inputs, generated
from tests.workbook.filling import fill
from xl_addin.consolidation import run
from xl_addin.workbook.regions import Region, default_regions

SEED = int(os.environ.get("XL_ADDIN_FUZZ_SEED", "19"))
FILES = int(os.environ.get("XL_ADDIN_FUZZ_FILES", "60"))
ONLY = [int(index) for index in os.environ.get("XL_ADDIN_FUZZ_ONLY", "").replace(",", " ").split()]
INDICES = ONLY or list(range(FILES))
#: Mutated files per refresh run: each has a region of its own (the letter has 89; two are the good ones).
BATCH = 60
GOOD = {"good_1.xlsx": 1000, "good_2.xlsx": 2000}  # planned screenings of the letter's first two subjects


def _batches(indices: list[int]) -> list[list[int]]:
    """The runs: mutation ``index`` starts from base ``index % BATCH`` (a region of its own) wherever it runs,
    so that XL_ADDIN_FUZZ_ONLY rebuilds the same bytes; no two files of a run share a base.
    """
    batches: list[list[int]] = []
    for index in indices:
        free = next((batch for batch in batches if all(other % BATCH != index % BATCH for other in batch)), None)
        if free is None:
            batches.append(free := [])
        free.append(index)
    return batches


BATCHES = _batches(INDICES)


def _name(index: int) -> str:
    return f"fuzz_{index:05d}.xlsx"


@dataclass
class Verdict:
    """What the fuzz found: per mutated file, its description and what broke; per batch, what broke in its run."""

    described: dict[int, str] = field(default_factory=dict)
    files: dict[int, list[str]] = field(default_factory=dict)
    batches: dict[int, list[str]] = field(default_factory=dict)
    where: dict[int, Path] = field(default_factory=dict)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except InvalidOperation:
        return None


def _copy_failures(copy: Path) -> list[str]:
    try:
        with zipfile.ZipFile(copy) as archive:
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    try:
                        data = archive.read(info)
                    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as error:
                        return [f"refreshed copy: part {info.filename} cannot be read from the zip: {error}"]
                    try:
                        fromstring(data)
                    except Exception as error:  # noqa: BLE001 - any failure to parse breaks the invariant
                        return [f"refreshed copy: part {info.filename} is not well-formed: {error}"]
    except (zipfile.BadZipFile, OSError) as error:
        return [f"refreshed copy is not a readable zip: {error}"]
    return []


def check_run(
    folder: Path, out: Path, before: dict[bytes, tuple[str, int]], names: dict[str, int]
) -> tuple[list[str], dict[int, list[str]]]:
    """The run's failures and each mutated file's (``names``: file name → index); nothing raises."""
    run_failures: list[str] = []
    files: dict[int, list[str]] = {index: [] for index in names.values()}
    if fingerprint(folder) != before:
        run_failures.append("the received folder changed")
    missing = [name for name in OUTPUTS if not (out / name).is_file()]
    if missing:
        return [*run_failures, f"outputs not written: {missing}"], files
    try:
        load_workbook(out / run.NATIONAL_XLSX)
        table, problems = read_csv(out / run.NATIONAL_CSV), read_csv(out / run.PROBLEMS_CSV)
        read_csv(out / run.NATIONAL_PRODUCTS_CSV)
    except Exception as error:  # noqa: BLE001 - an output that does not parse is the failure reported
        return [*run_failures, f"an output does not parse: {type(error).__name__}: {error}"], files
    header = table[0]
    elisa, inside = header.index(ELISA), header.index("В итоге")
    for number, (file, planned) in enumerate(GOOD.items()):
        rows = [row for row in table if row[1] == file]
        if [row[inside] for row in rows] != ["да"] or rows[0][elisa] != str(planned * 6 // 5):
            run_failures.append(f"good workbook {file} (region {number + 1}) not in the totals as it should: {rows}")
    included = [row for row in table[1:] if len(row) > inside and row[inside] == "да"]
    values = [_number(row[elisa]) for row in included]
    (total,) = [row for row in table if row[0] == TOTALS] or [[""] * len(header)]
    if all(value is not None for value in values):
        if _number(total[elisa]) != sum(value for value in values if value is not None):
            run_failures.append(f"the totals' ELISA {total[elisa]!r} is not the sum of the rows in the totals")
    elif not total[elisa].startswith("нет итога"):
        run_failures.append(f"a region in the totals has no ELISA number, yet the total is {total[elisa]!r}")
    for file, index in names.items():
        mine = [row for row in table[1:] if row[1] == file]
        rows = [row for row in problems[1:] if row[0] == file]
        if len(mine) != 1:
            files[index].append(f"{len(mine)} rows in national.csv")
        in_totals = len(mine) == 1 and mine[0][inside] == "да"
        if not in_totals and not any(row[-1] == "ошибка" for row in rows):
            files[index].append(f"not in the totals and no error row in problems.csv (rows: {rows})")
        files[index] += [f"reason not Russian or shows OS/Python text: {row[5][:300]!r}" for row in rows
                         if not is_russian_reason(row[5])]  # fmt: skip
        files[index] += [f"a field of {len(value)} characters in a CSV row of the file (an Excel cell holds "
                         f"{EXCEL_CELL}): {value[:60]!r}…" for row in rows + mine for value in row
                         if len(value) > EXCEL_CELL]  # fmt: skip
        if (out / file).exists():
            files[index] += _copy_failures(out / file)
    return run_failures, files


def _refresh(folder: Path, out: Path, regions: list[Region], jobs: int) -> str | None:
    """Refresh; the one-line description of the exception if the run aborted."""
    try:
        run.refresh(folder, out, regions, jobs=jobs)
    except Exception as error:  # noqa: BLE001 - an aborted run is the failure reported
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return f"refresh aborted: {type(error).__name__}: {error} (at {Path(frame.filename).name}:{frame.lineno})"
    return None


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Verdict:
    work = tmp_path_factory.mktemp("fuzz")
    letter = default_regions()
    slots = sorted({index % BATCH for index in INDICES})
    good_regions, base_regions = letter[:2], {slot: letter[2 + slot] for slot in slots}
    regions = good_regions + list(base_regions.values())
    _, made = generated(work, [region.name for region in regions])
    filled = work / "filled"
    filled.mkdir()
    for (file, planned), region in zip(GOOD.items(), good_regions, strict=True):
        fill(made[region.name], filled / file, clean_inputs(planned))
    bases = {}
    for slot, region in base_regions.items():
        bases[slot] = filled / f"base_{slot:02d}.xlsx"
        fill(made[region.name], bases[slot], clean_inputs(100 + slot))
    verdict = Verdict()
    for batch, indices in enumerate(BATCHES):
        folder = work / f"batch_{batch}"
        folder.mkdir()
        for file in GOOD:
            shutil.copy(filled / file, folder / file)
        names = {}
        for index in indices:
            data, verdict.described[index] = mutate(bases[index % BATCH].read_bytes(), SEED, index)
            names[_name(index)] = index
            (folder / _name(index)).write_bytes(data)
            verdict.where[index] = folder / _name(index)
        before = fingerprint(folder)
        out = work / f"out_{batch}"
        aborted = _refresh(folder, out, regions, jobs=2)
        if aborted is None:
            verdict.batches[batch], found = check_run(folder, out, before, names)
            verdict.files.update(found)
            continue
        verdict.batches[batch] = [f"{aborted}; each file refreshed alone below names the one(s) aborting it"]
        for file, index in names.items():  # find which file aborts the run: each alone beside the good two
            alone = work / f"alone_{index}"
            alone.mkdir()
            for each in (*GOOD, file):
                shutil.copy(folder / each, alone / each)
            before = fingerprint(alone)
            aborted = _refresh(alone, work / f"alone_out_{index}", regions, jobs=1)
            run_failures, found = check_run(alone, work / f"alone_out_{index}", before, {file: index})
            verdict.files[index] = ([aborted] if aborted else []) + run_failures + found[index]
    return verdict


@pytest.mark.parametrize("batch", range(len(BATCHES)), ids=lambda batch: f"batch{batch}")
def test_fuzz_run_writes_every_output_and_keeps_the_good_regions(fuzzed: Verdict, batch: int) -> None:
    assert not fuzzed.batches[batch], f"seed={SEED} batch {batch}:\n  " + "\n  ".join(fuzzed.batches[batch])


@pytest.mark.parametrize("index", INDICES, ids=lambda index: f"file{index}")
def test_fuzz_file_is_consolidated_or_reported(fuzzed: Verdict, index: int) -> None:
    failures = fuzzed.files.get(index, ["not checked: its batch did not run"])
    assert not failures, (
        f"seed={SEED} index={index} ({fuzzed.where[index]}): {fuzzed.described[index]}\n  "
        + "\n  ".join(failures)
        + f"\n  again: XL_ADDIN_FUZZ_SEED={SEED} XL_ADDIN_FUZZ_ONLY={index} python -m pytest tests/refresh/test_fuzz_refresh.py"
    )
