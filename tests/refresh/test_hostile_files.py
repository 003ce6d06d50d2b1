"""Issue 19 §8: every attack of the issue as a file beside two good workbooks, and the refresh's invariants.

Whatever a received file holds, a refresh writes all of its outputs (national.xlsx, national.csv,
national_products.csv, problems.csv, each parsing), the two good regions are in the totals (the
totals row is the sum of the rows in the totals, worked out by hand below), the hostile file has a
problem row with a Russian reason (no OS or Python text), the received folder is byte-identical,
and every refreshed copy is a zip whose XML parts are all well-formed.

The good regions: Томская область, 1000 planned screenings (ELISA 1000 × 1,2 = 1200), and Иркутская
область, 2000 (2400). The hostile files start from Курская область, 500 (600), and — for the case of
two hostile files — Тульская область, 250 (300); all inputs pass every check (``clean_inputs``).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook

from tests.refresh import hostile
from tests.refresh.test_refresh_cli import clean_inputs, generated
from tests.workbook.filling import fill, product_columns
from xl_addin.consolidation import run
from xl_addin.workbook.regions import Region, read_regions

REPO = Path(__file__).resolve().parents[2]
GOOD = {"good_tomsk.xlsx": ("Томская область", 1000), "good_irkutsk.xlsx": ("Иркутская область", 2000)}
KURSK, TULA = "Курская область", "Тульская область"
OUTPUTS = (run.NATIONAL_XLSX, run.NATIONAL_CSV, run.NATIONAL_PRODUCTS_CSV, run.NATIONAL_PLAN_CSV, run.NATIONAL_MOVES_CSV,
           run.PROBLEMS_CSV)  # fmt: skip
ELISA = "ИФА: исследований"
TOTALS = "Итого по вошедшим в итог регионам"
#: Text that must never reach a user: English OS messages, Python's exception names and reprs.
ENGLISH = re.compile(
    r"Errno|Error|Exception|Traceback|Is a directory|Permission denied|No such file|Bad CRC|codec|can't|cannot"
    r"|invalid|maximum recursion|PosixPath|object has no|not well-formed|line \d+, column \d+"
)
SUBPROCESS_LIMIT = 120
#: The most characters an Excel cell holds: the CSVs are opened in Excel, a longer field is cut there.
EXCEL_CELL = 32767


@dataclass(frozen=True)
class Material:
    """The workbooks every case starts from, made once per module."""

    work: Path
    regions_csv: Path
    regions: list[Region]
    good: dict[str, Path]  # file name → a good filled workbook
    kursk: Path  # Курская область, 500 planned screenings, valid
    tula: Path  # Тульская область, 250, valid
    kursk_product: Path  # Курская область, 500, with one valid product row named "ИФА_x0001_ВИЧ 1/2, 96 тестов"


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> Material:
    work = tmp_path_factory.mktemp("hostile")
    names = [region for region, _ in GOOD.values()] + [KURSK, TULA]
    regions_csv, made = generated(work, names)
    filled = work / "filled"
    filled.mkdir()
    good = {}
    for file, (region, planned) in GOOD.items():
        good[file] = filled / file
        fill(made[region], good[file], clean_inputs(planned))
    fill(made[KURSK], filled / "kursk.xlsx", clean_inputs(500))
    fill(made[TULA], filled / "tula.xlsx", clean_inputs(250))
    product = {
        "in_product_code": "D-01", "in_product_name": "ИФА_x0001_ВИЧ 1/2, 96 тестов", "in_product_covers": ELISA,
        "in_product_units_per_pack": 96, "in_product_price": 5000, "in_product_stock": 0,
        "in_product_funding": "федеральный бюджет",
    }  # fmt: skip  # 600 / 96 = 6,25 → 7 packs
    fill(made[KURSK], filled / "kursk_product.xlsx", clean_inputs(500) | product_columns([product]))
    return Material(work, regions_csv, read_regions(regions_csv), good, filled / "kursk.xlsx",
                    filled / "tula.xlsx", filled / "kursk_product.xlsx")  # fmt: skip


# --- the invariants ---


def fingerprint(folder: Path) -> dict[bytes, tuple[str, int]]:
    """Every entry of ``folder`` (bytes names: a name need not be UTF-8): its SHA-256 or its kind, and its mode.

    A FIFO or a folder is never opened (opening a FIFO would block).
    """
    found = {}
    for name in os.listdir(os.fsencode(folder)):
        path = os.path.join(os.fsencode(folder), name)
        mode = os.lstat(path).st_mode
        if stat.S_ISREG(mode):
            with open(path, "rb") as handle:
                found[name] = (hashlib.sha256(handle.read()).hexdigest(), mode)
        else:
            found[name] = ("not a file", mode)
    return found


def read_csv(path: Path) -> list[list[str]]:
    """A CSV output: UTF-8 with a BOM, ";" between fields (of any length: EXCEL_CELL is checked apart)."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path.name
    limit = csv.field_size_limit(2**31 - 1)  # csv's limit is process-wide: put back what it was
    try:
        return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    finally:
        csv.field_size_limit(limit)


def same_file(shown: str, name: str) -> bool:
    """Whether an output's file column ``shown`` names the file ``name`` (str; a non-UTF-8 name holds surrogates).

    A name that is not UTF-8 cannot be written as it is: it is matched by what follows its last
    undecodable byte (the builders give such names an ASCII tail).
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        tail = re.split(r"[\udc80-\udcff]", name)[-1]
        return len(tail) > 4 and shown.endswith(tail) and shown != tail
    return shown == name


def well_formed_copies(out: Path) -> None:
    """Every refreshed copy in ``out`` is a zip whose .xml and .rels parts all parse."""
    for name in os.listdir(out):  # a str folder gives str names (an undecodable byte as a surrogate)
        if name in OUTPUTS:
            continue
        assert (out / name).is_file(), f"{name!r} in OUT is not a file"
        with zipfile.ZipFile(out / name) as archive:
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    try:
                        fromstring(archive.read(info))
                    except Exception as error:  # noqa: BLE001 - any parse failure is the invariant broken
                        pytest.fail(f"copy {name!r}: part {info.filename} is not well-formed XML: {error}")


def outputs_parse(out: Path) -> dict[str, list[list[str]]]:
    """All four outputs exist and parse; the three CSVs as rows."""
    for name in OUTPUTS:
        assert (out / name).is_file(), f"{name} not written"
    book = load_workbook(out / run.NATIONAL_XLSX)
    assert "Регионы" in book.sheetnames
    return {name: read_csv(out / name) for name in OUTPUTS if name.endswith(".csv")}


def is_russian_reason(reason: str) -> bool:
    """A reason a user can read: Cyrillic, no English OS or Python text, not the bug barrier's row."""
    return (
        re.search("[а-яё]", reason, re.IGNORECASE) is not None
        and ENGLISH.search(reason) is None
        and not reason.startswith(run.UNEXPECTED)
    )


@dataclass(frozen=True)
class Outcome:
    """What the invariants found for the hostile files: their problem rows and whether each is in the totals."""

    rows: dict[str, list[list[str]]]
    in_totals: dict[str, bool]
    elisa: dict[str, str]
    copies: set[str]  #: the names of the refreshed copies in OUT


def check_invariants(
    out: Path, folder: Path, before: dict[bytes, tuple[str, int]], hostile_files: dict[str, int | None]
) -> Outcome:
    """The invariants of every case; ``hostile_files``: name → its ELISA volume if it enters the totals (by hand).

    Returns the hostile files' rows for the case's own assertions.
    """
    assert fingerprint(folder) == before, "the received folder changed"
    csvs = outputs_parse(out)
    well_formed_copies(out)
    table, problems = csvs[run.NATIONAL_CSV], csvs[run.PROBLEMS_CSV]
    header = table[0]
    elisa, in_totals_column = header.index(ELISA), header.index("В итоге")
    for file, (region, planned) in GOOD.items():
        (row,) = [row for row in table if row[1] == file]
        assert row[0] == region and row[in_totals_column] == "да", row[:4]
        assert row[elisa] == str(planned * 6 // 5)  # × 1,2
    copies = set(os.listdir(out)) - set(OUTPUTS)
    outcome = Outcome({}, {}, {}, copies)
    for file in hostile_files:
        found = [row for row in problems[1:] if same_file(row[0], file)]
        outcome.rows[file] = found
        for row in found:
            assert is_russian_reason(row[5]), f"{file!r}: reason not Russian or shows OS/Python text: {row[5]!r}"
        mine = [row for row in table[1:] if same_file(row[1], file)]
        assert len(mine) <= 1, mine
        outcome.in_totals[file] = bool(mine) and mine[0][in_totals_column] == "да"
        outcome.elisa[file] = mine[0][elisa] if mine else ""
        assert found or outcome.in_totals[file], f"{file!r}: neither in the totals nor in problems.csv"
    (total,) = [row for row in table if row[0] == TOTALS]
    included = [file for file, inside in outcome.in_totals.items() if inside]
    for file in included:
        assert hostile_files[file] is not None, f"{file!r} entered the totals (ELISA {outcome.elisa[file]!r})"
        assert outcome.elisa[file] == str(hostile_files[file]), (file, outcome.elisa[file])
    expected = 1200 + 2400 + sum(hostile_files[file] or 0 for file in included)
    assert total[1] == f"регионов в итоге: {2 + len(included)}" and total[elisa] == str(expected), total[:5]
    return outcome


def refused(outcome: Outcome, file: str) -> None:
    """The file has a problem row (checked Russian above) and stays out of the totals."""
    assert outcome.rows[file], f"{file!r}: no row in problems.csv"
    assert not outcome.in_totals[file], f"{file!r} is in the totals"


def consolidated(outcome: Outcome, file: str) -> None:
    """The file is in the totals (its ELISA checked above) and its refreshed copy was written."""
    assert outcome.in_totals[file], f"{file!r} is not in the totals: {outcome.rows[file]}"
    assert file in outcome.copies, f"{file!r}: no refreshed copy in OUT ({outcome.rows[file]})"


# --- the cases run through the library ---


@dataclass(frozen=True)
class Attack:
    """A hostile file (or two) built into the folder, and what must become of it."""

    build: Callable[[Material, Path], dict[str, int | None]]  # → hostile file name → ELISA if in the totals
    then: Callable[[Outcome], None]


def _number(name: str, value: str, source: str = "kursk") -> Callable[[Material, Path], dict[str, int | None]]:
    def build(material: Material, folder: Path) -> dict[str, int | None]:
        hostile.with_cell_number(getattr(material, source), folder / f"{source}_huge.xlsx", name, value)
        return {f"{source}_huge.xlsx": None}

    return build


def _two_huge(material: Material, folder: Path) -> dict[str, int | None]:
    hostile.with_cell_number(material.kursk, folder / "kursk_1e308.xlsx", "in_planned_screenings", "1E+308")
    hostile.with_cell_number(material.tula, folder / "tula_1e308.xlsx", "in_planned_screenings", "1E+308")
    return {"kursk_1e308.xlsx": None, "tula_1e308.xlsx": None}


def _region_name(material: Material, folder: Path) -> dict[str, int | None]:
    # the title sheet's region cell as a shared string; "_x0001_" decodes to U+0001: a region the list does not know
    sheet, cell = hostile.defined_cell(material.kursk, "xl_addin_region")
    hostile.with_shared_string(material.kursk, folder / "region_control.xlsx", sheet, cell, "Курская_x0001_ обл.")
    return {"region_control.xlsx": None}


def _product_name(material: Material, folder: Path) -> dict[str, int | None]:
    shutil.copy(material.kursk_product, folder / "product_control.xlsx")
    return {"product_control.xlsx": 600}


def _not_utf8_name(material: Material, folder: Path) -> dict[str, int | None]:
    name = os.fsencode(folder) + b"/\xcf\xf0\xe8\xec\xe5\xf0_cp1251.xlsx"  # "Пример" in Windows-1251
    descriptor = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(material.kursk.read_bytes())
    return {os.fsdecode(os.path.basename(name)): 600}


def _control_in_input(material: Material, folder: Path) -> dict[str, int | None]:
    sheet, cell = hostile.defined_cell(material.kursk, "in_on_art")
    hostile.with_shared_string(material.kursk, folder / "input_control.xlsx", sheet, cell, "9_x0001_00")
    return {"input_control.xlsx": None}  # a text in a number's cell: an input error


def _nesting(part: str) -> Callable[[Material, Path], dict[str, int | None]]:
    def build(material: Material, folder: Path) -> dict[str, int | None]:
        hostile.with_nesting(material.kursk, folder / "nested.xlsx", part)
        return {"nested.xlsx": 600}

    return build


def _decoy(
    first: bool, namespace: str = hostile.MAIN, far_cell: str | None = None
) -> Callable[[Material, Path], dict[str, int | None]]:
    def build(material: Material, folder: Path) -> dict[str, int | None]:
        decoy(material, folder / "decoy.xlsx", first=first, namespace=namespace, far_cell=far_cell)
        return {"decoy.xlsx": None}  # ambiguous: refused (issue 19 §2)

    return build


def decoy(
    material: Material, target: Path, *, first: bool, namespace: str = hostile.MAIN, far_cell: str | None = None
) -> None:
    """Курская область (500 planned screenings) with a second «Ввод» entry whose sheet says 999999 (ELISA 1199999).

    Which «Ввод» a program shows depends on the program: LibreOffice 7 shows the FIRST entry as «Ввод»
    and renames the other «Ввод -1», whichever holds 999999 (checked by hand: with the decoy first its
    ELISA is 1199999, with the decoy last 600). Two readers, two truths: such a workbook is refused.
    """
    hostile.with_second_sheet(material.kursk, target, title="Ввод", name="in_planned_screenings", value="999999",
                              first=first, namespace=namespace, far_cell=far_cell)  # fmt: skip


def _renamed_xls(material: Material, folder: Path) -> dict[str, int | None]:
    (folder / "renamed.xlsx").write_bytes(hostile.legacy_xls())
    return {"renamed.xlsx": None}


def _long_name(material: Material, folder: Path) -> dict[str, int | None]:
    name = "к" * 120 + "abcd.xlsx"  # 120 × 2 + 9 = 249 bytes (the limit of a name is 255)
    assert len(name.encode("utf-8")) == 249
    shutil.copy(material.kursk, folder / name)
    return {name: 600}


def _directory(material: Material, folder: Path) -> dict[str, int | None]:
    (folder / "y.xlsx").mkdir()
    return {"y.xlsx": None}


def _xls_reason(outcome: Outcome) -> None:
    (rows,) = outcome.rows.values()
    assert rows and all("парол" not in row[5] for row in rows), rows  # it has no password
    assert any(".xls" in row[5] for row in rows), rows  # it says what the file is


def _each(check: Callable[[Outcome, str], None]) -> Callable[[Outcome], None]:
    def then(outcome: Outcome) -> None:
        for file in outcome.rows:
            check(outcome, file)

    return then


def _either(outcome: Outcome) -> None:
    """In the totals (with its ELISA of 600, checked by check_invariants) or refused with a Russian row: both fine."""


def _valid_third(material: Material, folder: Path) -> dict[str, int | None]:
    shutil.copy(material.kursk, folder / "kursk.xlsx")
    return {"kursk.xlsx": 600}


ATTACKS = {
    "no_attack_a_valid_third_workbook": Attack(_valid_third, _each(consolidated)),  # the harness itself: must pass
    "planned_screenings_1.7e308": Attack(_number("in_planned_screenings", "1.7E+308"), _each(refused)),
    "1e308_in_two_workbooks": Attack(_two_huge, _each(refused)),
    "x0001_in_region_name_shared_string": Attack(_region_name, _each(refused)),
    "x0001_in_product_name": Attack(_product_name, _each(consolidated)),
    "file_name_not_utf8": Attack(_not_utf8_name, _either),
    "control_character_in_input_cell": Attack(_control_in_input, _each(refused)),
    "nested_5000_in_workbook_xml": Attack(_nesting("xl/workbook.xml"), _each(consolidated)),
    "nested_5000_in_workbook_rels": Attack(_nesting("xl/_rels/workbook.xml.rels"), _each(consolidated)),
    "nested_5000_in_content_types": Attack(_nesting("[Content_Types].xml"), _each(consolidated)),
    "second_vvod_sheet_first": Attack(_decoy(first=True), _each(refused)),
    "second_vvod_sheet_first_filled_far": Attack(_decoy(first=True, far_cell="XFD1048576"), _each(refused)),
    "duplicate_sheet_names": Attack(_decoy(first=False), _each(refused)),
    # LibreOffice 7 ignores the foreign entry (ELISA 600); issue 19 §2 asks for a refusal all the same
    "sheet_entry_in_foreign_namespace": Attack(_decoy(first=True, namespace=hostile.FOREIGN), _each(refused)),
    "real_xls_renamed_xlsx": Attack(_renamed_xls, _xls_reason),
    "file_name_249_bytes": Attack(_long_name, _each(consolidated)),
    "directory_named_xlsx": Attack(_directory, _each(refused)),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_hostile_file_costs_only_itself(material: Material, tmp_path: Path, attack: str) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    for file, path in material.good.items():
        shutil.copy(path, folder / file)
    files = ATTACKS[attack].build(material, folder)
    before = fingerprint(folder)
    out = tmp_path / "out"
    run.refresh(folder, out, material.regions, jobs=2)
    outcome = check_invariants(out, folder, before, files)
    ATTACKS[attack].then(outcome)


def test_the_product_name_reaches_the_products_table_without_its_control_character(
    material: Material, tmp_path: Path
) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    shutil.copy(material.kursk_product, folder / "product_control.xlsx")
    run.refresh(folder, tmp_path / "out", material.regions, jobs=1)
    rows = read_csv(tmp_path / "out" / run.NATIONAL_PRODUCTS_CSV)
    (row,) = [row for row in rows if row[0] == "D-01"]
    assert row[1].startswith("ИФА") and row[1].endswith("ВИЧ 1/2, 96 тестов") and "\x01" not in row[1], row
    assert row[3] == "7"  # 600 tests / 96 a pack = 6,25 → 7 packs


# --- the cases of the command line and of the Python API, each in its own process ---


def _environment() -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(REPO)}


def run_bounded(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``arguments`` in their own process group; fail the test if they are not done in SUBPROCESS_LIMIT s.

    On the limit the whole group is killed (a worker blocked on a FIFO would otherwise outlive the test).
    """
    process = subprocess.Popen(arguments, cwd=cwd, env=_environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=SUBPROCESS_LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{arguments[1:4]} still running after {SUBPROCESS_LIMIT} s (blocked?)")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(arguments, process.returncode, stdout, stderr)


def _release(fifo: Path) -> None:
    """Let go of anything still waiting to read ``fifo`` (it then reads the end of file)."""
    with contextlib.suppress(OSError):  # ENXIO: nobody is reading it
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.fixture
def folder_with_fifo(material: Material, tmp_path: Path) -> Any:
    folder = tmp_path / "received"
    folder.mkdir()
    for file, path in material.good.items():
        shutil.copy(path, folder / file)
    os.mkfifo(folder / "x.xlsx")
    yield folder
    _release(folder / "x.xlsx")


def test_a_fifo_named_xlsx_does_not_block_the_refresh(
    material: Material, folder_with_fifo: Path, tmp_path: Path
) -> None:
    before = fingerprint(folder_with_fifo)
    out = tmp_path / "out"
    done = run_bounded([sys.executable, "-m", "xl_addin.cli", "refresh", str(folder_with_fifo), "--out", str(out),
                        "--regions", str(material.regions_csv), "--jobs", "2"], tmp_path)  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, (done.returncode, done.stderr)  # x.xlsx is an error row
    refused(check_invariants(out, folder_with_fifo, before, {"x.xlsx": None}), "x.xlsx")


READ_REQUESTS = """
import json, sys
from xl_addin.api import read_requests
frame = read_requests(sys.argv[1], sys.argv[2])
planned = frame["in_planned_screenings"] if "in_planned_screenings" in frame else [None] * len(frame)
print(json.dumps({str(file): [str(status), str(value)] for file, status, value
                  in zip(frame["file"], frame["status"], planned)}, ensure_ascii=False))
"""


def test_a_fifo_named_xlsx_does_not_block_read_requests(
    material: Material, folder_with_fifo: Path, tmp_path: Path
) -> None:
    before = fingerprint(folder_with_fifo)
    done = run_bounded([sys.executable, "-c", READ_REQUESTS, str(folder_with_fifo), str(material.regions_csv)],
                       tmp_path)  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    statuses = json.loads(done.stdout)
    assert statuses["good_tomsk.xlsx"][0] == statuses["good_irkutsk.xlsx"][0] == "OK"
    assert is_russian_reason(statuses["x.xlsx"][0]), statuses["x.xlsx"]
    assert fingerprint(folder_with_fifo) == before


CRASHED = re.compile(r"Fatal Python error|panicked|memory allocation of|Traceback|Segmentation fault")


def test_read_requests_survives_a_second_input_sheet_filled_far(material: Material, tmp_path: Path) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    for file, path in material.good.items():
        shutil.copy(path, folder / file)
    decoy(material, folder / "decoy.xlsx", first=True, far_cell="XFD1048576")
    done = run_bounded([sys.executable, "-c", READ_REQUESTS, str(folder), str(material.regions_csv)], tmp_path)
    assert done.returncode == 0 and not CRASHED.search(done.stderr), (done.returncode, done.stderr[-2000:])
    status, planned = json.loads(done.stdout)["decoy.xlsx"]
    assert is_russian_reason(status) and planned in ("None", "nan"), (status, planned)  # refused, as by refresh


def test_check_survives_a_second_input_sheet_filled_far(material: Material, tmp_path: Path) -> None:
    decoy(material, tmp_path / "decoy.xlsx", first=True, far_cell="XFD1048576")
    done = run_bounded([sys.executable, "-m", "xl_addin.cli", "check", str(tmp_path / "decoy.xlsx")], tmp_path)
    assert done.returncode == 1 and not CRASHED.search(done.stderr), (done.returncode, done.stderr[-2000:])
    assert is_russian_reason(done.stdout + done.stderr), done.stdout + done.stderr  # refused, with its reason
    assert "999999" not in done.stdout  # nothing of the decoy sheet is shown as the workbook's


def test_refresh_dot_from_inside_the_folder(material: Material, tmp_path: Path) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    for file, path in material.good.items():
        shutil.copy(path, folder / file)
    before = fingerprint(folder)
    done = run_bounded([sys.executable, "-m", "xl_addin.cli", "refresh", ".", "--regions", str(material.regions_csv),
                        "--jobs", "2"], folder)  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, (done.returncode, done.stderr)  # both workbooks are clean
    out = tmp_path / "received-refreshed"  # IN_DIR-refreshed beside the folder, as for any other folder
    check_invariants(out, folder, before, {})
    assert sorted(os.listdir(folder)) == sorted(GOOD)  # nothing written inside the received folder
