"""Issue 19, §1 and §4: whatever one received file holds or is called, `refresh` writes all its outputs.

Each attack is one hostile file (or two) beside two good workbooks, run through the real command
line: every output is written, the good regions are in the totals, the hostile file has its row in
problems.csv (or, where nothing is wrong with its numbers, is consolidated under a name that can be
shown), nothing is printed as a traceback, the received folder stays byte for byte, and every
refreshed copy's XML parts are well-formed.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import load_workbook

from tests.refresh.test_refresh_cli import _read_csv, clean_inputs, generated
from tests.workbook.filling import fill, product_columns
from xl_addin import cli
from xl_addin.consolidation.table_cells import OUT_OF_RANGE
from xl_addin.workbook.names import named_cells

REGIONS = ["Алтай", "Тыва", "Коми", "Адыгея"]
OUTPUTS = (
    "national.xlsx",
    "national.csv",
    "national_products.csv",
    "national_supply_plan.csv",
    "national_redistribution.csv",
    "problems.csv",
)
ELISA = "ИФА: исследований"
GOOD = {"Алтай": 1000, "Тыва": 2000}  # planned screenings: ELISA 1200 + 2400 = 3600 (× 1,2)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("barrier")
    regions, blank = generated(work, REGIONS)
    good = work / "good"
    good.mkdir()
    for region, screenings in GOOD.items():
        fill(blank[region], good / blank[region].name, clean_inputs(screenings))
    return {"work": work, "regions": regions, "blank": blank, "good": good}


def _named(folder: Path, name: bytes) -> Path:
    """A path in ``folder`` whose file name is the bytes ``name`` (not necessarily UTF-8)."""
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


def _set_region(source: Path, target: Path, region: str) -> None:
    """A copy of ``source`` whose title sheet names the region ``region`` (typed over the locked cell)."""
    book = load_workbook(source)
    named_cells(book, "xl_addin_region")[0].value = region
    book.save(target)


@dataclass(frozen=True)
class Attack:
    """Hostile files put beside the good ones, and what the run must say of them."""

    make: Callable[[dict[str, Path], Path], None]
    #: The names of the hostile files as the outputs show them.
    shown: tuple[str, ...]
    #: A part of the problem row each hostile file must have (None: its numbers are fine, it is consolidated);
    #: "|" separates parts of which one is enough.
    reason: str | None
    in_totals: bool = False


def _huge(blank: dict[str, Path], folder: Path) -> None:
    fill(blank["Коми"], folder / "huge.xlsx", clean_inputs(1000) | {"in_planned_screenings": 1.7e308})


def _huge_in_two(blank: dict[str, Path], folder: Path) -> None:
    fill(blank["Коми"], folder / "huge1.xlsx", clean_inputs(1000) | {"in_planned_screenings": 1e308})
    fill(blank["Адыгея"], folder / "huge2.xlsx", clean_inputs(1000) | {"in_planned_screenings": 1e308})


def _control_in_region(blank: dict[str, Path], folder: Path) -> None:
    fill(blank["Коми"], folder / "filled.xlsx", clean_inputs(1000))
    _set_region(folder / "filled.xlsx", folder / "control.xlsx", "Коми_x0001_")  # the reader decodes it: U+0001
    (folder / "filled.xlsx").unlink()


def _control_in_product(blank: dict[str, Path], folder: Path) -> None:
    product = {"in_product_code": "D-01_x0002_", "in_product_name": "ИФА_x0001_ 96 тестов",
               "in_product_covers": ELISA, "in_product_units_per_pack": 96, "in_product_price": 5000,
               "in_product_funding": "федеральный бюджет"}  # fmt: skip
    fill(blank["Коми"], folder / "product.xlsx", clean_inputs(1000) | product_columns([product]))


def _cp1251_name(blank: dict[str, Path], folder: Path) -> None:
    fill(blank["Коми"], _named(folder, "Коми.xlsx".encode("cp1251")), clean_inputs(1000))


def _cp866_name(blank: dict[str, Path], folder: Path) -> None:
    fill(blank["Коми"], _named(folder, "Коми.xlsx".encode("cp866")), clean_inputs(1000))


def _undecodable_name(blank: dict[str, Path], folder: Path) -> None:
    fill(blank["Коми"], _named(folder, b"\xb0\xb1.xlsx"), clean_inputs(1000))


def _broken_with_undecodable_name(blank: dict[str, Path], folder: Path) -> None:
    _named(folder, b"\xb0\xb2.xlsx").write_bytes(b"not a workbook")


def _long_name(blank: dict[str, Path], folder: Path) -> None:
    fill(blank["Коми"], folder / ("к" * 122 + ".xlsx"), clean_inputs(1000))  # 249 bytes: the longest a copy allows


ATTACKS = {
    # an input past the plausible bound (an input error once core.numbers has one) or, before, its results
    "huge-number": Attack(_huge, ("huge.xlsx",), f"in_planned_screenings|{OUT_OF_RANGE}"),
    "huge-numbers-in-two": Attack(_huge_in_two, ("huge1.xlsx", "huge2.xlsx"), f"in_planned_screenings|{OUT_OF_RANGE}"),
    "control-character-in-region": Attack(_control_in_region, ("control.xlsx",), "субъекта нет в списке"),
    "control-character-in-product": Attack(_control_in_product, ("product.xlsx",), None, in_totals=True),
    "name-in-cp1251": Attack(_cp1251_name, ("Коми.xlsx",), None, in_totals=True),
    "name-in-cp866": Attack(_cp866_name, ("Коми.xlsx",), None, in_totals=True),
    "name-undecodable": Attack(_undecodable_name, ("\ufffd\ufffd.xlsx",), None, in_totals=True),
    "broken-with-undecodable-name": Attack(_broken_with_undecodable_name, ("\ufffd\ufffd.xlsx",), "не книга Excel"),
    "name-of-249-bytes": Attack(_long_name, ("к" * 122 + ".xlsx",), None, in_totals=True),
}


def _fingerprint(folder: Path) -> dict[bytes, str]:
    raw = os.fsencode(folder)
    return {name: hashlib.sha256((Path(os.fsdecode(raw + b"/" + name))).read_bytes()).hexdigest()
            for name in sorted(os.listdir(raw))}  # fmt: skip


def _well_formed(copy: Path) -> None:
    with zipfile.ZipFile(copy) as archive:
        for part in archive.namelist():
            if part.endswith((".xml", ".rels")):
                fromstring(archive.read(part))  # raises on XML that is not well-formed


_RUNS: dict[str, dict[str, Any]] = {}


def _attacked(made: dict[str, Any], name: str) -> dict[str, Any]:
    """The run of one attack (once per module): its folder before and after, its outputs, its exit code."""
    if name in _RUNS:
        return _RUNS[name]
    attack = ATTACKS[name]
    folder = made["work"] / f"in-{name}"
    folder.mkdir()
    for good in made["good"].iterdir():
        (folder / good.name).write_bytes(good.read_bytes())
    attack.make(made["blank"], folder)
    before = _fingerprint(folder)
    out = made["work"] / f"out-{name}"
    code = cli.main(["refresh", str(folder), "--out", str(out), "--regions", str(made["regions"]), "--jobs", "2"])
    _RUNS[name] = {"attack": attack, "folder": folder, "out": out, "code": code, "before": before,
                   "after": _fingerprint(folder)}  # fmt: skip
    return _RUNS[name]


@pytest.fixture(params=list(ATTACKS))
def attacked(request: pytest.FixtureRequest, made: dict[str, Any]) -> dict[str, Any]:
    return _attacked(made, request.param)


def test_every_output_is_written_and_the_folder_is_untouched(attacked: dict[str, Any]) -> None:
    assert attacked["code"] in (0, 1)
    for name in OUTPUTS:
        assert (attacked["out"] / name).is_file(), name
    assert attacked["after"] == attacked["before"]
    assert not [name for name in os.listdir(os.fsencode(attacked["out"])) if name.startswith(b".")]


def test_every_received_workbook_has_a_well_formed_copy_under_its_own_name(attacked: dict[str, Any]) -> None:
    received = set(os.listdir(os.fsencode(attacked["folder"])))
    written = set(os.listdir(os.fsencode(attacked["out"])))
    readable = {name for name in received if name not in (b"\xb0\xb2.xlsx",)}  # the broken file has no copy
    assert readable <= written
    for name in readable:
        _well_formed(Path(os.fsdecode(os.fsencode(attacked["out"]) + b"/" + name)))


def test_the_good_regions_are_in_the_totals(attacked: dict[str, Any]) -> None:
    table = _read_csv(attacked["out"] / "national.csv")
    header, total = table[0], table[-2]
    included = {row[0] for row in table[1:-2] if row[3] == "да"}
    attack: Attack = attacked["attack"]
    extra = 1 if attack.in_totals else 0
    assert {"Алтай", "Тыва"} <= included and len(included) == 2 + extra
    assert total[header.index(ELISA)] == str(3600 + 1200 * extra)


def test_the_hostile_file_is_named_in_the_outputs(attacked: dict[str, Any]) -> None:
    attack: Attack = attacked["attack"]
    problems = _read_csv(attacked["out"] / "problems.csv")[1:]
    files = {row[1] for row in _read_csv(attacked["out"] / "national.csv")[1:-2]}
    for shown in attack.shown:
        if attack.reason is None:
            assert shown in files
            continue
        rows = [row for row in problems if row[0] == shown]
        assert any(part in " ".join(row) for row in rows for part in attack.reason.split("|")), rows
        assert all(any("а" <= letter <= "я" for letter in row[5].lower()) for row in rows)  # a Russian reason


@pytest.mark.parametrize("name", ["control-character-in-region", "control-character-in-product"])
def test_texts_with_control_characters_are_escaped_in_xlsx_and_replaced_in_csv(made: dict[str, Any], name: str) -> None:
    out = _attacked(made, name)["out"]
    with zipfile.ZipFile(out / "national.xlsx") as archive:
        xml = "".join(archive.read(part).decode("utf-8") for part in archive.namelist() if part.endswith(".xml"))
    csv_text = "".join((out / output).read_text(encoding="utf-8-sig") for output in OUTPUTS[1:])
    if name == "control-character-in-region":
        assert "Коми_x0001_" in xml and "Коми\ufffd" in csv_text
    else:
        assert "ИФА_x0001_ 96 тестов" in xml and "D-01_x0002_" in xml
        assert "ИФА\ufffd 96 тестов" in csv_text and "D-01\ufffd" in csv_text
    assert not any(chr(code) in csv_text + xml for code in (1, 2))


def test_all_attacks_in_one_folder_print_only_the_summary(
    made: dict[str, Any], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for good in made["good"].iterdir():
        (folder / good.name).write_bytes(good.read_bytes())
    for attack in ATTACKS.values():
        if attack.make is not _huge_in_two:  # its files would be duplicates of _huge's region
            attack.make(made["blank"], folder)
    capfd.readouterr()
    code = cli.main(["refresh", str(folder), "--out", str(tmp_path / "out"), "--regions", str(made["regions"])])
    out, err = capfd.readouterr()
    assert code == 1 and err == ""
    assert out.startswith("Книг прочитано: 10,") and "Traceback" not in out  # 2 good, 8 hostile
    files = {row[0] for row in _read_csv(tmp_path / "out" / "problems.csv")[1:]}
    assert {"Коми.xlsx", "Коми.xlsx (2)"} <= files  # the cp1251 and the cp866 name show alike: told apart
    for name in OUTPUTS:
        assert (tmp_path / "out" / name).is_file()
