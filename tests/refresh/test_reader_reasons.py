"""A file's reason is Russian, whatever the operating system or the zip library says (issue 19, §4): no
"Bad CRC-32", "Is a directory" or "Permission denied" reaches a problem row."""

from __future__ import annotations

import errno
import os
import re
import zipfile
from pathlib import Path

import pytest

from tests.refresh.test_refresh_cli import clean_inputs
from tests.refresh.xml_edit import sheet_part
from tests.workbook.filling import fill
from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.consolidation.reading import read_workbook
from xl_addin.files import os_reason
from xl_addin.workbook.writer import Region, write_workbook

LATIN_WORD = re.compile(r"\b(?!xl\b|xml\b|zip\b|xlsx\b|xlsm\b)[A-Za-z]{3,}\b")


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("reasons")
    write_workbook(work / "blank.xlsx", Region("Алтай"))
    fill(work / "blank.xlsx", work / "filled.xlsx", clean_inputs(1000))
    return work / "filled.xlsx"


def _flip_a_byte(filled: Path, target: Path, part: str) -> None:
    """``filled`` with one byte of ``part``'s stored (uncompressed) data changed: its CRC-32 no longer matches."""
    with zipfile.ZipFile(filled) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as copy:
        for info in original.infolist():
            copy.writestr(info.filename, original.read(info), zipfile.ZIP_STORED)
    with zipfile.ZipFile(target) as archive:
        info = archive.getinfo(part)
        data = archive.read(part)
    offset = data.index(b"<v>", data.index(b'r="D7"')) + 3  # D7's 900: "9" → "8", the XML stays well-formed
    raw = bytearray(target.read_bytes())
    start = raw.index(data[:200], info.header_offset)  # the part's bytes, stored as they are
    assert raw[start + offset] == ord("9")
    raw[start + offset] ^= 0x01  # what the zip's CRC-32 was computed over is gone
    target.write_bytes(bytes(raw))


def test_a_part_that_fails_its_crc_is_refused_in_russian(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "crc.xlsx"
    part = sheet_part(filled, "Ввод")
    _flip_a_byte(filled, target, part)
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(target)
    assert str(refused.value) == f"файл повреждён: контрольная сумма части {part} не сходится"


def test_a_folder_named_xlsx_is_refused_in_russian(tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(folder)
    assert str(refused.value) == "файл не открывается: это папка, а не файл"


def test_a_missing_file_is_refused_in_russian(tmp_path: Path) -> None:
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(tmp_path / "gone.xlsx")
    assert str(refused.value) == "файл не открывается: файл или папка не найдены"


@pytest.mark.parametrize("keep", [100, 4000, -100])
def test_a_cut_file_is_refused_in_russian(filled: Path, tmp_path: Path, keep: int) -> None:
    """Cut at the head, in the middle, or without its last 100 bytes (the zip's directory)."""
    target = tmp_path / "cut.xlsx"
    target.write_bytes(filled.read_bytes()[:keep])
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(target)
    assert not LATIN_WORD.search(str(refused.value)), str(refused.value)
    assert str(refused.value).startswith("файл повреждён")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOENT, "файл или папка не найдены"),
        (errno.EACCES, "нет прав доступа"),
        (errno.EPERM, "операция не разрешена системой"),
        (errno.EISDIR, "это папка, а не файл"),
        (errno.ENOSPC, "на диске нет места"),
        (errno.ENAMETOOLONG, "слишком длинное имя файла"),
        (errno.ELOOP, "путь зациклен символическими ссылками"),
        (errno.EROFS, "диск только для чтения"),
        (errno.EIO, "ошибка чтения или записи (диск или сеть)"),
    ],
)
def test_os_reason_is_russian_for_each_errno(code: int, reason: str) -> None:
    assert os_reason(OSError(code, "English text the user must not see")) == reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_called_xlsx_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    """Opening a pipe for reading waits for a writer that never comes: the reading refuses it before."""
    pipe = tmp_path / "x.xlsx"
    os.mkfifo(pipe)
    with pytest.raises(UnreadableWorkbookError) as refused:
        read_workbook(pipe)
    assert str(refused.value) == "файл не открывается: это не обычный файл (канал или устройство)"
