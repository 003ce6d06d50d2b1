"""A refreshed copy is the received file part for part, so every part is checked, not only those the values come
from (issue 19, §8, found by the fuzz test): a part damaged on arrival refuses the workbook with its name."""

from __future__ import annotations

import os
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.refresh.test_refresh_cli import clean_inputs
from tests.workbook.filling import fill
from xl_addin.consolidation import run, sheet_scan
from xl_addin.consolidation.opening import UnreadableWorkbookError, read_whole
from xl_addin.consolidation.reading import read_workbook
from xl_addin.workbook.writer import Region, write_workbook


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("whole-package")
    write_workbook(work / "blank.xlsx", Region("Алтай"))
    fill(work / "blank.xlsx", work / "filled.xlsx", clean_inputs(1000))
    return work / "filled.xlsx"


def _rewritten(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """``source`` with ``part``'s bytes changed (its CRC and sizes written anew: only the content is damaged)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            copy.writestr(info, change(data) if info.filename == part else data)


@pytest.mark.parametrize(
    ("part", "change", "reason"),
    [
        ("docProps/app.xml", lambda data: data[: len(data) // 2], r"XML части docProps/app\.xml испорчен"),
        ("xl/_rels/workbook.xml.rels", lambda data: data, None),  # unchanged: read as before
        ("xl/theme/theme1.xml", lambda data: data.replace(b"<a:", b"<", 1), r"XML части xl/theme/theme1\.xml испорчен"),
        # the styles are read for their number formats (a date in a count cell): refused by the reading itself
        ("xl/styles.xml", lambda data: data + b"<extra/>", r"XML внутри книги испорчен"),
    ],
)
def test_a_part_the_values_do_not_need_is_checked_too(
    filled: Path, tmp_path: Path, part: str, change: Callable[[bytes], bytes], reason: str | None
) -> None:
    damaged = tmp_path / "damaged.xlsx"
    _rewritten(filled, damaged, part, change)
    if reason is None:
        assert read_workbook(damaged).inputs == read_workbook(filled).inputs
        return
    with pytest.raises(UnreadableWorkbookError, match=reason):
        read_workbook(damaged)


def test_a_part_flagged_encrypted_is_refused_by_its_name(filled: Path, tmp_path: Path) -> None:
    flagged = tmp_path / "flagged.xlsx"
    data = bytearray(filled.read_bytes())
    with zipfile.ZipFile(filled) as archive:
        info = archive.getinfo("docProps/app.xml")
    local = info.header_offset + 6  # the general purpose flags of the part's local header
    data[local] |= 0x1
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) >= 0:  # its entry in the central directory: flags at +8
        name_length = int.from_bytes(data[position + 28 : position + 30], "little")
        if data[position + 46 : position + 46 + name_length] == b"docProps/app.xml":
            data[position + 8] |= 0x1
        position += 4
    flagged.write_bytes(bytes(data))
    with pytest.raises(UnreadableWorkbookError, match=r"часть docProps/app\.xml зашифрована паролем zip"):
        read_workbook(flagged)


def _central_entry(data: bytes, name: bytes) -> int:
    """Where the central directory's entry of the part ``name`` starts."""
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) >= 0:
        name_length = int.from_bytes(data[position + 28 : position + 30], "little")
        if data[position + 46 : position + 46 + name_length] == name:
            return position
        position += 4
    raise AssertionError(f"no entry {name!r}")


def _crc_changed(data: bytearray, entry: int, _: int) -> None:
    data[entry + 16] ^= 0xFF  # the declared CRC-32; the packed bytes stay as they were


def _size_grown(data: bytearray, entry: int, _: int) -> None:
    size = int.from_bytes(data[entry + 24 : entry + 28], "little")  # the declared size unpacked
    data[entry + 24 : entry + 28] = (size + 1).to_bytes(4, "little")


def _packed_byte_changed(data: bytearray, _: int, start: int) -> None:
    data[start + 10] ^= 0x01  # a bit of the packed bytes, deep in the stream; the declared CRC stays


THEME = "xl/theme/theme1.xml"


@pytest.mark.parametrize(
    ("damage", "reasons"),
    [
        (_crc_changed, [f"файл повреждён: контрольная сумма части {THEME} не сходится"]),
        (_size_grown, [f"файл повреждён: часть {THEME} обрезана (распаковано {{size}} из {{grown}} байт)"]),
        (  # a flipped bit: the stream breaks, or unpacks to other bytes (another CRC, another length)
            _packed_byte_changed,
            [
                f"файл повреждён (zip): часть {THEME} не распаковывается",
                f"файл повреждён: контрольная сумма части {THEME} не сходится",
                f"файл повреждён: часть {THEME} обрезана (распаковано ",
                f"часть {THEME} распаковывается больше заявленных {{size}} байт",
            ],
        ),
    ],
    ids=["declared-crc", "declared-size", "packed-bytes"],
)
def test_a_part_equal_to_one_found_sound_before_is_sound_only_when_everything_is_equal(
    filled: Path, tmp_path: Path, damage: Callable[[bytearray, int, int], None], reasons: list[str]
) -> None:
    """The whole-package check remembers the parts it found sound (by their packed bytes, declared size and CRC):
    a part of another file that differs from a remembered one in any of these is checked again, and refused."""
    read_workbook(filled)  # its parts are now remembered as sound
    data = bytearray(filled.read_bytes())
    entry = _central_entry(bytes(data), THEME.encode())
    with zipfile.ZipFile(filled) as archive:
        info = archive.getinfo(THEME)
    local = info.header_offset
    start = (
        local
        + 30
        + int.from_bytes(data[local + 26 : local + 28], "little")
        + int.from_bytes(data[local + 28 : local + 30], "little")
    )
    damage(data, entry, start)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    expected = [reason.format(size=info.file_size, grown=info.file_size + 1) for reason in reasons]
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(damaged)
    assert any(str(refused.value).startswith(reason) for reason in expected), str(refused.value)


def test_a_sheet_equal_to_one_read_before_gives_its_values_and_only_its_own(filled: Path, tmp_path: Path) -> None:
    """The reading remembers its scans by what the part unpacks to: a file whose «Ввод» is another's gets that one's
    values, a file whose «Ввод» differs by one number gets its own, and a part equal but for its declared CRC is
    refused as always."""
    other = tmp_path / "other.xlsx"
    fill(filled, other, {"in_planned_screenings": 2000})
    first, second, again = (read_workbook(path).inputs["in_planned_screenings"] for path in (filled, other, filled))
    assert (first, second, again) == (1000, 2000, 1000)
    part = "xl/worksheets/sheet2.xml"  # «Ввод»: read to its end, its CRC checked by the reading
    data = bytearray(filled.read_bytes())
    _crc_changed(data, _central_entry(bytes(data), part.encode()), 0)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(damaged)
    assert str(refused.value) == f"файл повреждён: контрольная сумма части {part} не сходится"


@pytest.mark.parametrize("kept", [1, 3])
def test_the_memory_of_scans_keeps_at_most_its_count_and_reads_right_after_forgetting(
    filled: Path, monkeypatch: pytest.MonkeyPatch, kept: int
) -> None:
    """A workbook's six watched sheets through a memory of ``kept`` scans: never more kept, the same values read."""
    monkeypatch.setattr(sheet_scan, "_SCANNED", {})
    monkeypatch.setattr(sheet_scan, "_scanned_bytes", 0)
    monkeypatch.setattr(sheet_scan, "_SCANNED_COUNT", kept)
    first = read_workbook(filled)
    assert len(sheet_scan._SCANNED) == kept
    again = read_workbook(filled)
    assert len(sheet_scan._SCANNED) == kept
    assert (again.inputs, again.problems) == (first.inputs, first.problems)
    assert first.inputs["in_planned_screenings"] == 1000


@pytest.mark.parametrize("renamed", ["XL/workbook.xml", "xl/_rels/Workbook.xml.rels"])
def test_a_part_named_in_another_case_is_read_but_not_copied_with_a_second_name(
    filled: Path, tmp_path: Path, renamed: str
) -> None:
    """The reading finds a part whatever the case of its name (as Excel does); the copy, which replaces parts by their
    exact names, is then not written (with its reason) rather than written with two workbook parts."""
    received = tmp_path / "in" / "renamed.xlsx"
    received.parent.mkdir()
    with zipfile.ZipFile(filled) as original, zipfile.ZipFile(received, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            copy.writestr(renamed if info.filename.lower() == renamed.lower() else info.filename, original.read(info))
    report = run.process_file(received, tmp_path / "out", "python", "сейчас")
    assert report.region == "Алтай"
    assert [problem.problem for problem in report.problems] == [
        "обновлённая копия не записана: книга устроена не так, как ждёт xl_addin (проверьте её: xl-addin check)"
    ]
    assert not (tmp_path / "out" / "renamed.xlsx").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_the_one_read_of_a_file_never_waits_on_a_named_pipe(tmp_path: Path) -> None:
    """A pipe put where a workbook was (after its first check) is refused at once, not waited on for ever."""
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    found: list[str] = []

    def read() -> None:
        try:
            read_whole(pipe)
        except UnreadableWorkbookError as error:
            found.append(str(error))

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # let the thread end: a writer opens the pipe and closes it
        with pipe.open("wb"):
            pass
        reader.join()
        pytest.fail("read_whole waited on the named pipe")
    assert found == ["файл не открывается: это не обычный файл (канал или устройство)"]
