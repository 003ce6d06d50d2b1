"""An anonymous temporary file that a refresh writes each workbook's report into as it arrives, so that the parent's
memory stays flat however many workbooks there are (the products' order lines, the supply plans)."""

from __future__ import annotations

import tempfile
from types import TracebackType
from typing import IO, TypeVar

_S = TypeVar("_S", bound="Spool")


class Spool:
    """A text file that lives as long as its ``with`` block (deleted on close, never named on disk).

    >>> Spool()._open()
    Traceback (most recent call last):
    RuntimeError: Spool is used outside its with-block
    """

    def __init__(self) -> None:
        self._file: IO[str] | None = None

    def __enter__(self: _S) -> _S:
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._file is not None:
            self._file.close()

    def _open(self) -> IO[str]:
        if self._file is None:
            raise RuntimeError(f"{type(self).__name__} is used outside its with-block")
        return self._file
