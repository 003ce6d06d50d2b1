"""Opening a received workbook safely: size and zip-bomb limits before unzipping, old and encrypted
formats recognised, XML parsed only through defusedxml (:mod:`xl_addin.consolidation.ooxml`).

The limits (docs/refresh-guide.md): a file above :data:`MAX_FILE_BYTES` is refused
unread; a zip whose parts unpack to more than :data:`MAX_UNPACKED_BYTES`, or any
part packed more than :data:`MAX_RATIO` times, is refused before anything is
unpacked; the reading then unpacks each part itself, never past its declared size
(:mod:`xl_addin.consolidation.parts`).  A generated workbook is about 30 KB and unpacks
to about 250 KB.  An OLE compound file is told by its directory (:func:`ole_streams`):
an encrypted workbook from an Excel 97–2003 one.  Reasons are Russian, an operating
system's error too (:func:`xl_addin.files.os_reason`).
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from xl_addin.errors import XlAddinError
from xl_addin.files import os_reason

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls and password-encrypted .xlsx both start so
_ZIP_SIGNATURE = b"PK\x03\x04"


class UnreadableWorkbookError(XlAddinError):
    """A received file cannot be read as a workbook: not a zip, truncated, .xls, encrypted, too big, a zip bomb."""


def check_before_opening(path: Path) -> None:
    """Raise UnreadableWorkbookError with a Russian reason unless ``path`` is safe to open as a workbook."""
    check_file(path)
    with open_archive(path) as archive:
        check_archive(archive)


def check_file(path: Path) -> None:
    """The checks that need no unzipping: the file is a regular file (not a folder, a named pipe or a device: the
    reading never waits on one) that opens, is not too big, is a zip and not .xls or encrypted."""
    streams: set[str] = set()
    try:
        kind = path.stat().st_mode
        if stat.S_ISDIR(kind):
            raise IsADirectoryError(errno.EISDIR, "")
        if not stat.S_ISREG(kind):  # a named pipe would block the reading forever, a device never end
            raise UnreadableWorkbookError("файл не открывается: это не обычный файл (канал или устройство)")
        # opened without blocking, then checked again: a pipe put in the file's place since is not waited on
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise UnreadableWorkbookError("файл не открывается: это не обычный файл (канал или устройство)")
            size = opened.st_size
            head = handle.read(8)
            if head.startswith(_OLE_SIGNATURE) and size <= MAX_FILE_BYTES:
                handle.seek(0)
                streams = ole_streams(handle.read(MAX_FILE_BYTES))
    except OSError as error:
        raise UnreadableWorkbookError(f"файл не открывается: {os_reason(error)}") from error
    if size > MAX_FILE_BYTES:
        raise UnreadableWorkbookError(
            f"файл {size // (1024 * 1024)} МБ больше допустимых {MAX_FILE_BYTES // (1024 * 1024)} МБ; не открываю"
        )
    if head.startswith(_OLE_SIGNATURE):
        raise UnreadableWorkbookError(_ole_reason(path, streams))
    if not head.startswith(_ZIP_SIGNATURE):
        raise UnreadableWorkbookError("не книга Excel .xlsx/.xlsm (файл не является zip-архивом)")


def _ole_reason(path: Path, streams: set[str]) -> str:
    """Why an OLE compound file is not read: an encrypted workbook holds the streams EncryptionInfo and
    EncryptedPackage, an Excel 97–2003 workbook the stream Workbook (Book before Excel 97); a compound file whose
    directory is not found is taken for an encrypted workbook, as before."""
    if {"encryptioninfo", "encryptedpackage"} <= streams:
        return "книга защищена паролем (зашифрована): снимите пароль на открытие и пришлите снова"
    if path.suffix.lower() == ".xls":
        return "старый формат .xls: сохраните книгу в Excel как .xlsx"
    if streams & {"workbook", "book"}:
        return (
            f"книга старого формата Excel 97–2003 (.xls), переименованная в {path.suffix or 'файл без расширения'}: "
            "откройте её в Excel, сохраните как .xlsx и пришлите снова"
        )
    if "root entry" in streams:
        return "не книга Excel .xlsx/.xlsm: составной файл OLE без книги внутри (документ другой программы?)"
    return "книга защищена паролем (зашифрована): снимите пароль на открытие и пришлите снова"


def ole_streams(data: bytes) -> set[str]:
    """The names (lower case) of the streams and storages an OLE compound file's directory lists.

    Every directory entry of a compound file (MS-CFB) is a 128-byte record in a sector, and
    sectors start at multiples of 512 bytes, so the names are looked for where entries can be:
    at offsets that are multiples of 128, with the name's length field (bytes, the final NUL
    included) and an object type (1 storage, 2 stream, 5 root) that agree.  Bounded by the
    file's size (at most :data:`MAX_FILE_BYTES`), which is all it reads.

    >>> entry = "Workbook".encode("utf-16-le") + bytes(48) + (18).to_bytes(2, "little") + bytes([2]) + bytes(61)
    >>> sorted(ole_streams(bytes(512) + entry)), ole_streams(bytes(100) + entry)
    (['workbook'], set())
    """
    found = set()
    for name in _OLE_NAMES:
        encoded = name.encode("utf-16-le")
        start = data.find(encoded)
        while start >= 0:
            entry = data[start : start + 128]
            if (
                start % 128 == 0
                and len(entry) == 128
                and int.from_bytes(entry[64:66], "little") == len(encoded) + 2
                and entry[66] in (1, 2, 5)
            ):
                found.add(name.lower())
                break
            start = data.find(encoded, start + 1)
    return found


_OLE_NAMES = ("EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "Root Entry")


def read_whole(path: Path) -> bytes:
    """The file's bytes (a file :func:`check_file` let through: at most :data:`MAX_FILE_BYTES`; one that grew since
    is refused), read once: the reading and the refreshed copy take their parts from them."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:  # opened without blocking and checked again: a pipe put in the file's place since is not waited on
        with os.fdopen(os.open(path, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UnreadableWorkbookError("файл не открывается: это не обычный файл (канал или устройство)")
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise UnreadableWorkbookError(f"файл не открывается: {os_reason(error)}") from error
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableWorkbookError(f"файл больше допустимых {MAX_FILE_BYTES // (1024 * 1024)} МБ; не открываю")
    return data


def open_archive(path: Path | BinaryIO) -> zipfile.ZipFile:
    """The file (or its bytes) as a zip (its directory is read, nothing is unpacked), or UnreadableWorkbookError."""
    try:
        return zipfile.ZipFile(path)
    except OSError as error:
        raise UnreadableWorkbookError(f"файл не открывается: {os_reason(error)}") from error
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise UnreadableWorkbookError("файл повреждён или обрезан (zip): оглавление архива не читается") from error


def check_archive(archive: zipfile.ZipFile) -> None:
    """The zip-bomb limits, from the zip's directory alone, before anything is unpacked."""
    parts = archive.infolist()
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableWorkbookError(
            f"внутри архива {unpacked // (1024 * 1024)} МБ данных, больше допустимых "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} МБ: похоже на zip-бомбу; не распаковываю"
        )
    for part in parts:
        if part.compress_size and part.file_size / part.compress_size > MAX_RATIO and part.file_size > 1024 * 1024:
            raise UnreadableWorkbookError(
                f"часть {part.filename} сжата в {part.file_size // part.compress_size} раз: похоже на zip-бомбу; не распаковываю"
            )


def require_defused_xml() -> None:
    """openpyxl parses through defusedxml only when that package is importable: make sure it is.

    The reading of received workbooks no longer uses openpyxl (it parses through defusedxml
    itself, :mod:`xl_addin.consolidation.ooxml`); this stays for whatever opens an untrusted file
    with openpyxl."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise UnreadableWorkbookError(
            "defusedxml не установлен: без него чужие книги не открываю (pip install defusedxml)"
        )
