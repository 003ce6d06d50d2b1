"""The parts of a received workbook's zip, unpacked by the reading itself: never past their declared sizes.

:func:`opening.check_archive` bounds the sizes the zip's directory declares (the zip-bomb
limits).  Every part the reading parses comes through :class:`Package`, which unpacks it
from the file's own bytes in chunks, stops with a Russian reason as soon as it unpacks past
its declared size, and checks its size and CRC-32 at the end: the limits hold for exactly
the bytes that are parsed.  Part names are looked up case-insensitively, as OPC (and Excel)
treat them; a zip holding two parts whose names differ only in case is refused (which one a
reader took would depend on the reader).

After the reading, :meth:`Package.verify_rest` unpacks every part the reading did not unpack
whole (the other sheets, styles, pictures, the VBA project …) the same way and parses each XML
part: a refreshed copy is the received file part for part, so a part that is damaged on arrival
(encrypted, cut short, failing its CRC, broken XML) refuses the workbook with its name, as Excel
would refuse to open it without a repair, instead of being copied on.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from xl_addin.consolidation.opening import UnreadableWorkbookError
from xl_addin.zipcopy import compressed_chunks

#: How many bytes are unpacked (and parsed) at a time.
CHUNK = 64 * 1024
#: The parts that are XML (a package's parts, its relationships and its content types).
XML_PARTS = (".xml", ".rels")


class Package:
    """A workbook's zip (its directory read by ``archive``) and the file's bytes (``source``) to unpack parts from."""

    def __init__(self, archive: zipfile.ZipFile, source: BinaryIO) -> None:
        self.source = source
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            key = info.filename.lower()
            if key in self.infos:
                raise UnreadableWorkbookError(
                    f"в архиве книги две части с именем «{info.filename}»: неясно, какую читать; пересохраните книгу в Excel"
                )
            self.infos[key] = info
        #: Parts unpacked whole, their size and CRC-32 checked (:meth:`chunks` to the end).
        self.verified: set[str] = set()
        #: The parts read whole by :meth:`read` (workbook.xml, its relationships, the styles), by name as asked.
        self.whole: dict[str, bytes] = {}

    def has(self, name: str) -> bool:
        """Whether the zip holds the part ``name`` (case-insensitive)."""
        return name.lower() in self.infos

    def read(self, name: str) -> bytes:
        """The whole part (a small one: workbook.xml, its relationships)."""
        found = self.whole.get(name)
        if found is None:
            found = self.whole[name] = b"".join(self.chunks(name))
        return found

    def chunks(self, name: str) -> Iterator[bytes]:
        """The part ``name`` unpacked, :data:`CHUNK` bytes at most at a time; UnreadableWorkbookError (Russian) when
        it is missing, encrypted, packed an unknown way, unpacks past its declared size, is cut short or fails its
        CRC-32."""
        info = self.infos.get(name.lower())
        if info is None:
            raise UnreadableWorkbookError(f"файл повреждён: в книге нет части {name}")
        _require_known_packing(info)
        return self._checked(info)

    def _checked(self, info: zipfile.ZipInfo, packed: bytes | None = None) -> Iterator[bytes]:
        """The part ``info`` unpacked (from its ``packed`` bytes when they were read already), checked against its
        declared size and CRC-32."""
        crc, produced = 0, 0
        try:
            for data in self._unpacked(info, compressed_chunks(self.source, info) if packed is None else [packed]):
                produced += len(data)
                if produced > info.file_size:
                    raise UnreadableWorkbookError(
                        f"часть {info.filename} распаковывается больше заявленных {info.file_size} байт: "
                        "файл повреждён или это zip-бомба; не распаковываю"
                    )
                crc = zlib.crc32(data, crc)
                yield data
        except zlib.error as error:
            raise UnreadableWorkbookError(f"файл повреждён (zip): часть {info.filename} не распаковывается") from error
        except zipfile.BadZipFile as error:  # zipcopy's own reasons are Russian
            raise UnreadableWorkbookError(f"файл повреждён (zip): {error}") from error
        if produced != info.file_size:
            raise UnreadableWorkbookError(
                f"файл повреждён: часть {info.filename} обрезана (распаковано {produced} из {info.file_size} байт)"
            )
        if crc != info.CRC:
            raise UnreadableWorkbookError(f"файл повреждён: контрольная сумма части {info.filename} не сходится")
        self.verified.add(info.filename.lower())

    def verify_rest(self) -> None:
        """Unpack every part not yet unpacked whole, and parse each XML part (``.xml``, ``.rels``) through
        defusedxml: UnreadableWorkbookError naming the first damaged part.  Legacy VML drawings (``.vml``) are
        not XML that parsers accept even from Excel: they are unpacked and checked, not parsed.

        A part whose packed bytes, way of packing, declared size and CRC-32 are those of a part found sound
        before in this process (:data:`_SOUND`: every file made from one template shares most of its parts) is
        sound: the same bytes unpack to the same part, which passes the same checks; it is not unpacked again."""
        for key, info in self.infos.items():
            if key in self.verified or info.is_dir():
                continue
            _require_known_packing(info)
            xml = key.endswith(XML_PARTS)
            packed = self._packed(info) if info.compress_size <= _SOUND_PART else None
            known = None if packed is None else (info.compress_type, info.file_size, info.CRC, xml, packed)
            if known is not None and known in _SOUND:
                continue
            chunks = self._checked(info, packed)
            if xml:
                _parse_whole(chunks, info.filename)
            else:
                for _ in chunks:
                    pass
            if known is not None:
                _remember_sound(known)

    def identity(self, name: str) -> tuple[int, int, int, bytes] | None:
        """What the part ``name`` unpacks to depends on alone: (way of packing, declared size, declared CRC-32,
        packed bytes); None for a part that is missing, encrypted, packed an unknown way or larger than
        :data:`_SOUND_PART` packed, or whose packed bytes cannot be read (its reading says why)."""
        info = self.infos.get(name.lower())
        if info is None or info.flag_bits & 0x1 or info.compress_size > _SOUND_PART:
            return None
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        try:
            return info.compress_type, info.file_size, info.CRC, self._packed(info)
        except UnreadableWorkbookError:
            return None

    def _packed(self, info: zipfile.ZipInfo) -> bytes:
        """The part's packed bytes as the zip holds them (read, not unpacked)."""
        try:
            return b"".join(compressed_chunks(self.source, info))
        except zipfile.BadZipFile as error:  # zipcopy's own reasons are Russian
            raise UnreadableWorkbookError(f"файл повреждён (zip): {error}") from error

    def _unpacked(self, info: zipfile.ZipInfo, packed: Iterable[bytes]) -> Iterator[bytes]:
        if info.compress_type == zipfile.ZIP_STORED:
            for chunk in packed:
                for start in range(0, len(chunk), CHUNK):
                    yield chunk[start : start + CHUNK]
            return
        inflater = zlib.decompressobj(-15)
        for chunk in packed:
            data = chunk
            while data:
                out = inflater.decompress(data, CHUNK)
                data = inflater.unconsumed_tail
                if out:
                    yield out
        rest = inflater.flush()
        if rest:
            yield rest


def _require_known_packing(info: zipfile.ZipInfo) -> None:
    """UnreadableWorkbookError unless the part is stored or deflated, without a zip password."""
    if info.flag_bits & 0x1:
        raise UnreadableWorkbookError(f"часть {info.filename} зашифрована паролем zip: такую книгу не читаю")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UnreadableWorkbookError(f"часть {info.filename} сжата неизвестным способом ({info.compress_type})")


#: The parts found sound by :meth:`Package.verify_rest` in this process, each as (way of packing, declared size,
#: declared CRC-32, parsed as XML, packed bytes): equal packed bytes unpack to equal parts (inflating is a
#: function of its input), so a part equal in all five passes the same checks.  Parts packed larger than
#: :data:`_SOUND_PART` are not kept, and the set is emptied past :data:`_SOUND_KEPT` bytes.
_SOUND: set[tuple[int, int, int, bool, bytes]] = set()
_SOUND_PART = 1024 * 1024
_SOUND_KEPT = 8 * 1024 * 1024
_sound_bytes = 0


def _remember_sound(known: tuple[int, int, int, bool, bytes]) -> None:
    global _sound_bytes  # noqa: PLW0603 - the one process-wide memory of sound parts
    if _sound_bytes + len(known[4]) > _SOUND_KEPT:
        _SOUND.clear()
        _sound_bytes = 0
    _SOUND.add(known)
    _sound_bytes += len(known[4])


def _parse_whole(chunks: Iterator[bytes], name: str) -> None:
    """Parse a part through defusedxml's parser, building nothing; UnreadableWorkbookError when it is not
    well-formed (a DTD or entity: defusedxml's own exception, told by the reading)."""
    from xml.etree.ElementTree import ParseError

    parser, expat = streaming_parser()
    expat.StartElementHandler = expat.EndElementHandler = expat.CharacterDataHandler = None
    try:
        for chunk in chunks:
            parser.feed(chunk)
        parser.close()
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise UnreadableWorkbookError(
            f"файл повреждён: XML части {name} испорчен (строка {line}, столбец {column}); пересохраните книгу в Excel"
        ) from error


def streaming_parser() -> tuple[Any, Any]:
    """defusedxml's parser building nothing, and its pyexpat parser (on which defusedxml installed its guards
    against DTD entities and external references) for the caller's own lean handlers: (parser to feed, expat)."""
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(target=_NoTarget())
    expat: Any = parser.parser
    expat.DefaultHandlerExpand = None  # ElementTree's fallback for text: a pass takes only the text it wants
    expat.ordered_attributes = False
    return parser, expat


class _NoTarget:
    """defusedxml's parser needs a target; a pass's own expat handlers replace the target's."""

    def close(self) -> None:
        """Nothing is built."""
