"""An OLE compound file is told by what its directory lists (issue 19, §4): an Excel 97–2003 workbook (a stream
«Workbook») renamed .xlsx is not "a workbook with a password", and an encrypted workbook (streams
«EncryptionInfo» and «EncryptedPackage») is.

The files are compound files (MS-CFB, version 3) built here byte by byte; olefile (a test extra) reads
each back, so the test's files are real compound files, not the reader's idea of one.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from xl_addin.consolidation import check_one
from xl_addin.consolidation.opening import UnreadableWorkbookError, ole_streams
from xl_addin.consolidation.reading import read_workbook

olefile = pytest.importorskip("olefile")

SECTOR = 512
END, FREE, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(
    name: str, kind: int, right: int = NO_STREAM, child: int = NO_STREAM, start: int = END, size: int = 0
) -> bytes:
    """A 128-byte directory entry: name, its length with the final NUL, type, colour (black), siblings, child, start
    sector and size."""
    encoded = (name.encode("utf-16-le") + b"\0\0") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, NO_STREAM, right, child, bytes(16), 0, 0, 0, start, size
    )


def compound_file(streams: list[str], stream_size: int = 4096) -> bytes:
    """A compound file whose root holds ``streams`` (each ``stream_size`` bytes of ``x``, in regular sectors):
    sector 0 the FAT, sector 1 the directory, then each stream's sectors."""
    per_stream = stream_size // SECTOR
    fat = [FAT_SECTOR, END]
    entries = [_entry("Root Entry", 5, child=1 if streams else NO_STREAM)]
    for number, name in enumerate(streams, start=1):
        first = len(fat)
        fat += [*range(first + 1, first + per_stream), END]
        right = number + 1 if number < len(streams) else NO_STREAM
        entries.append(_entry(name, 2, right=right, start=first, size=stream_size))
    assert len(entries) <= SECTOR // 128 and len(fat) <= SECTOR // 4
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"), bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6),
        0, 1, 1, 0, 4096, END, 0, END, 0,
    ) + struct.pack("<109I", 0, *[FREE] * 108)  # fmt: skip
    directory = b"".join(entries).ljust(SECTOR, b"\0")
    for free in range(len(entries), SECTOR // 128):
        directory = directory[: free * 128] + _entry("", 0) + directory[(free + 1) * 128 :]
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *fat, *[FREE] * (SECTOR // 4 - len(fat)))
    return header + fat_sector + directory + b"x" * stream_size * len(streams)


@pytest.mark.parametrize(
    "streams",
    [["Workbook", "\x05SummaryInformation"], ["EncryptionInfo", "EncryptedPackage"], ["Book"], ["WordDocument"]],
)
def test_the_hand_made_compound_files_are_real(tmp_path: Path, streams: list[str]) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(compound_file(streams))
    with olefile.OleFileIO(str(path)) as ole:
        assert sorted(entry[0] for entry in ole.listdir()) == sorted(streams)
    expected = {"root entry"} | {name.lower() for name in streams} & {
        "workbook",
        "book",
        "encryptioninfo",
        "encryptedpackage",
    }
    assert ole_streams(path.read_bytes()) == expected


RENAMED = (
    "книга старого формата Excel 97–2003 (.xls), переименованная в .xlsx: откройте её в Excel, сохраните как .xlsx"
)
PASSWORD = "книга защищена паролем (зашифрована): снимите пароль на открытие и пришлите снова"


@pytest.mark.parametrize(
    ("name", "streams", "reason"),
    [
        ("renamed.xlsx", ["Workbook", "\x05SummaryInformation"], RENAMED),
        ("renamed95.xlsx", ["Book"], RENAMED),
        ("encrypted.xlsx", ["EncryptionInfo", "EncryptedPackage"], PASSWORD),
        ("encrypted.xls", ["EncryptionInfo", "EncryptedPackage"], PASSWORD),
        ("real.xls", ["Workbook"], "старый формат .xls: сохраните книгу в Excel как .xlsx"),
        ("document.xlsx", ["WordDocument"], "не книга Excel .xlsx/.xlsm: составной файл OLE без книги внутри"),
    ],
)
def test_an_ole_file_is_told_by_its_streams(tmp_path: Path, name: str, streams: list[str], reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(compound_file(streams))
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(path)
    assert str(refused.value).startswith(reason)
    with pytest.raises(UnreadableWorkbookError):  # check tells the same
        check_one.check_workbook(path)


def test_a_stream_name_inside_a_streams_data_is_not_a_directory_entry(tmp_path: Path) -> None:
    """«Workbook» written in another stream's bytes, even at a 128-byte boundary, is not taken for an entry."""
    data = bytearray(compound_file(["WordDocument"]))
    inside = 3 * SECTOR  # the stream's first sector
    data[inside : inside + 16] = "Workbook".encode("utf-16-le")
    assert ole_streams(bytes(data)) == {"root entry"}
