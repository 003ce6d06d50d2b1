"""Copying a zip part for part without unpacking it, with some parts replaced or added.

A refreshed copy is the received workbook plus one sheet, and a generated region's
workbook is the run's one saved workbook with its region's cells written in: every
other part is copied as the compressed bytes it was saved as (no inflate, no
deflate), which is most of the cost of a copy saved.  Written with :mod:`struct` to the zip format
(APPNOTE 4.3): local headers with the sizes and CRC taken from the source's
central directory, then the central directory.  No ZIP64: a received file is at
most 20 MB and unpacks to at most 200 MB (``opening``), far below 4 GB.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LOCAL_SIGNATURE, _CENTRAL_SIGNATURE, _END_SIGNATURE = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
_DATA_DESCRIPTOR_FLAG, _UTF8_FLAG = 0x08, 0x800
_VERSION = 20  # 2.0: deflate
_LIMIT = 0xFFFFFFFF


#: A part deflated: its CRC-32, its deflated bytes and its size unpacked.
Deflated = tuple[int, bytes, int]


def deflate(data: bytes) -> Deflated:
    """``data`` deflated as a zip stores it (raw deflate, level 6), with its CRC-32 and size."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zlib.crc32(data), packer.compress(data) + packer.flush(), len(data)


def compressed_chunks(source_file: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes as stored in the zip (compressed), read past its local header; checked before the first."""
    source_file.seek(info.header_offset)
    header = source_file.read(_LOCAL.size)
    if len(header) != _LOCAL.size or header[:4] != _LOCAL_SIGNATURE:
        raise zipfile.BadZipFile(f"часть {info.filename}: испорчен локальный заголовок")
    fields = _LOCAL.unpack(header)
    source_file.seek(fields[-2] + fields[-1], 1)  # the name and the extra field
    return _chunks(source_file, info)


def _chunks(source_file: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    left = info.compress_size
    while left:
        chunk = source_file.read(min(left, 1 << 20))
        if not chunk:
            raise zipfile.BadZipFile(f"часть {info.filename} обрезана")
        left -= len(chunk)
        yield chunk


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), (max(year, 1980) - 1980) << 9 | (month << 5) | day


def _info(name: str, like: zipfile.ZipInfo | None) -> zipfile.ZipInfo:
    """A new part's entry: ``like``'s date and attributes (the part it replaces), else a fixed date."""
    info = zipfile.ZipInfo(name, like.date_time if like is not None else (1980, 1, 1, 0, 0, 0))
    info.external_attr = like.external_attr if like is not None else 0o600 << 16
    info.create_system = like.create_system if like is not None else 3
    return info


class _Entry:
    """One part as it goes into the central directory."""

    def __init__(self, info: zipfile.ZipInfo, offset: int, method: int, crc: int, packed: int, size: int) -> None:
        self.info, self.offset, self.method, self.crc, self.packed, self.size = info, offset, method, crc, packed, size


class ZipCopy:
    """A zip being written: raw copies of another zip's parts and new parts, then the central directory."""

    def __init__(self, target: BinaryIO) -> None:
        self._out = target
        self._entries: list[_Entry] = []

    def _name(self, info: zipfile.ZipInfo) -> tuple[bytes, int]:
        try:
            return info.filename.encode("ascii"), info.flag_bits & ~(_DATA_DESCRIPTOR_FLAG | _UTF8_FLAG)
        except UnicodeEncodeError:
            return info.filename.encode("utf-8"), (info.flag_bits & ~_DATA_DESCRIPTOR_FLAG) | _UTF8_FLAG

    def _header(self, info: zipfile.ZipInfo, method: int, crc: int, packed: int, size: int) -> None:
        self._entries.append(_Entry(info, self._out.tell(), method, crc, packed, size))
        self._out.write(self._local(info, method, crc, packed, size))

    def _local(self, info: zipfile.ZipInfo, method: int, crc: int, packed: int, size: int) -> bytes:
        """The local header of a part and its name."""
        if packed > _LIMIT or size > _LIMIT:
            raise ValueError(f"часть {info.filename} больше 4 ГБ")
        name, flags = self._name(info)
        time, date = _dos_time(info.date_time)
        return _LOCAL.pack(_LOCAL_SIGNATURE, _VERSION, 0, flags, method, time, date, crc, packed, size, len(name),
                           0) + name  # fmt: skip

    def copy_raw(self, source_file: BinaryIO, info: zipfile.ZipInfo) -> None:
        """Copy ``info``'s compressed bytes from ``source_file`` (the zip ``info`` belongs to) unchanged."""
        chunks = compressed_chunks(source_file, info)
        self._header(info, info.compress_type, info.CRC, info.compress_size, info.file_size)
        for chunk in chunks:
            self._out.write(chunk)

    def add(self, name: str, data: bytes, like: zipfile.ZipInfo | None = None) -> None:
        """A new part (or a replacement, keeping ``like``'s date), deflated."""
        self.add_deflated(name, deflate(data), like)

    def add_deflated(self, name: str, deflated: Deflated, like: zipfile.ZipInfo | None = None) -> None:
        """A part already deflated by :func:`deflate` (a part that recurs from file to file is deflated once)."""
        crc, packed, size = deflated
        self._header(_info(name, like), zipfile.ZIP_DEFLATED, crc, len(packed), size)
        self._out.write(packed)

    def add_chunks(self, name: str, chunks: Iterable[bytes], like: zipfile.ZipInfo | None = None) -> None:
        """A part given in pieces, deflated as they come (as :func:`deflate`: a part too big to hold whole is never
        held); its local header is written again once its size and CRC are known (the target is seekable)."""
        info, start = _info(name, like), self._out.tell()
        self._header(info, zipfile.ZIP_DEFLATED, 0, 0, 0)
        packer, crc, size, packed = zlib.compressobj(6, zlib.DEFLATED, -15), 0, 0, 0
        for chunk in chunks:
            crc, size = zlib.crc32(chunk, crc), size + len(chunk)
            data = packer.compress(chunk)
            packed += len(data)
            self._out.write(data)
        data = packer.flush()
        packed += len(data)
        self._out.write(data)
        end = self._out.tell()
        self._out.seek(start)
        self._out.write(self._local(info, zipfile.ZIP_DEFLATED, crc, packed, size))
        self._out.seek(end)
        entry = self._entries[-1]
        entry.crc, entry.packed, entry.size = crc, packed, size

    def finish(self) -> None:
        """Write the central directory and its end record."""
        start = self._out.tell()
        for entry in self._entries:
            name, flags = self._name(entry.info)
            time, date = _dos_time(entry.info.date_time)
            system = entry.info.create_system
            self._out.write(_CENTRAL.pack(_CENTRAL_SIGNATURE, _VERSION, system, _VERSION, 0, flags, entry.method, time,
                                          date, entry.crc, entry.packed, entry.size, len(name), 0, 0, 0, 0,
                                          entry.info.external_attr, entry.offset))  # fmt: skip
            self._out.write(name)
        size = self._out.tell() - start
        count = len(self._entries)
        if count > 0xFFFF or start > _LIMIT:
            raise ValueError(f"в архиве {count} частей: больше, чем пишется без ZIP64")
        self._out.write(_END.pack(_END_SIGNATURE, 0, 0, count, count, size, start, 0))
