"""The texts of a received workbook's string cells: shared strings (``xl/sharedStrings.xml``) and inline strings.

A string item (``<si>``, or a cell's ``<is>``) shows the text of its ``<t>``, or of its rich
text runs' ``<t>`` joined; the phonetic runs (``<rPh>``) are not shown (Excel shows them only
on request, as furigana above the text).  OOXML escapes a character XML cannot hold as
``_xHHHH_`` (and an underscore that would start one as ``_x005F_``): :func:`unescape` decodes
them as openpyxl and calamine do.  The shared strings are streamed once through defusedxml,
keeping only the items a watched cell refers to and stopping after the last of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from xl_addin.consolidation.parts import Package, streaming_parser

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """``_xHHHH_`` decoded (one pass, left to right: ``_x005F_`` keeps the escape after it); a surrogate code,
    which no text can hold, stays as written.

    >>> unescape("a_x000D_b"), unescape("_x005F_x0001_"), unescape("_xD800_"), unescape("x_1")
    ('a\\rb', '_x0001_', '_xD800_', 'x_1')
    """
    if "_x" not in text:
        return text
    return _ESCAPED.sub(_character, text)


def _character(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


class RichText:
    """The handlers that take one string item's text from an expat parser, then give the parser back.

    Installed at the item's start tag (:meth:`install`); at the item's end tag it restores
    the handlers it found and calls ``done`` with the item's text (unescaped).
    """

    def __init__(self, expat: Any, done: Callable[[str], None]) -> None:
        self.expat, self.done = expat, done
        self.text_tag, self.phonetic_tag = f"{MAIN}}}t", f"{MAIN}}}rPh"
        self.parts: list[str] = []
        self.depth = self.phonetic = 0
        self.inside_text = False
        self.saved: tuple[Any, Any, Any] = (None, None, None)

    def install(self) -> None:
        """Take the parser's handlers until the current element ends."""
        expat = self.expat
        self.saved = (expat.StartElementHandler, expat.EndElementHandler, expat.CharacterDataHandler)
        self.parts, self.depth, self.phonetic, self.inside_text = [], 0, 0, False
        expat.StartElementHandler, expat.EndElementHandler = self._start, self._end
        expat.CharacterDataHandler = self._text

    def _start(self, name: str, _: dict[str, str]) -> None:
        self.depth += 1
        if name == self.phonetic_tag:
            self.phonetic += 1
        elif name == self.text_tag and not self.phonetic:
            self.inside_text = True

    def _text(self, data: str) -> None:
        if self.inside_text:
            self.parts.append(data)

    def _end(self, name: str) -> None:
        if not self.depth:  # the item's own end tag
            expat = self.expat
            expat.StartElementHandler, expat.EndElementHandler, expat.CharacterDataHandler = self.saved
            self.done(unescape("".join(self.parts)))
            return
        self.depth -= 1
        if name == self.phonetic_tag:
            self.phonetic -= 1
        elif name == self.text_tag:
            self.inside_text = False


class _Enough(Exception):  # noqa: N818 - not an error: every item asked for is read
    """Stops the parse after the last item asked for."""


class _SharedStrings:
    def __init__(self, expat: Any, wanted: set[int]) -> None:
        self.wanted, self.last = wanted, max(wanted)
        self.found: dict[int, str] = {}
        self.index = -1
        self.item_tag = f"{MAIN}}}si"
        self.rich = RichText(expat, self._done)

    def start(self, name: str, _: dict[str, str]) -> None:
        if name == self.item_tag:
            self.index += 1
            if self.index > self.last:
                raise _Enough
            if self.index in self.wanted:
                self.rich.install()

    def _done(self, text: str) -> None:
        self.found[self.index] = text


def shared_strings(package: Package, part: str, wanted: Iterable[int]) -> dict[int, str]:
    """The texts of the shared string items ``wanted`` (0-based) of ``part``; an index past the last item is absent.

    One defused streaming pass, stopped after the last item asked for.
    """
    asked = set(wanted)
    if not asked:
        return {}
    defused, expat = streaming_parser()
    handlers = _SharedStrings(expat, asked)
    expat.StartElementHandler = handlers.start
    try:
        for chunk in package.chunks(part):
            defused.feed(chunk)
        defused.close()
    except _Enough:
        pass
    return handlers.found
