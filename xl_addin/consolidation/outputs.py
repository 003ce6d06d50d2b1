"""The consolidation's files as one set, and the lock that keeps two refreshes out of one OUT_DIR.

national.xlsx, national.csv, national_products.csv and problems.csv are first written
under hidden temporary names beside them (:meth:`OutputSet.stage`); only when all four
are written are they put in place, together (:meth:`OutputSet.commit`).  A run that fails
before (a full disk, Ctrl+C, a bug) leaves the previous four as they were; a failure while
they are put in place (a few renames) puts the previous ones back.  Only a machine that
stops in the middle of those renames can leave a mix: each file is still whole.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

from xl_addin.errors import XlAddinError
from xl_addin.files import TEMPORARY_PREFIX, shown_name, temporary_file

#: The lock file of a refresh running into OUT_DIR (removed at its end).
LOCK_NAME = f"{TEMPORARY_PREFIX}lock"
#: The one line of a refresh stopped by Ctrl+C (the command line prints it and exits 130).
INTERRUPTED = "Прервано (Ctrl+C): прежние national.* и problems.csv сохранены"
#: Errors of a lock that another process holds.
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK}


class RefreshAbortedError(XlAddinError):
    """A refresh stopped before writing its consolidation: a full disk, an OUT_DIR that cannot be written,
    another refresh running into the same OUT_DIR, or a failure of xl_addin itself while writing the national
    files.  The previous national.*, national_products.csv and problems.csv are kept; the command exits 2."""


def shown_path(path: Path | str) -> str:
    """A path as a message shows it (:func:`~xl_addin.files.shown_name`: never a lone surrogate).

    >>> shown_path(Path("out") / "national.xlsx")
    'out/national.xlsx'
    """
    return shown_name(os.fspath(path))


class OutputSet:
    """Files written under temporary names in ``folder``, then put in place all together.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("old")
    >>> with OutputSet(folder) as outputs:
    ...     _ = outputs.stage("a.csv").write_text("new")
    ...     _ = outputs.stage("b.csv").write_text("new too")
    ...     outputs.commit()
    >>> sorted((path.name, path.read_text()) for path in folder.iterdir())
    [('a.csv', 'new'), ('b.csv', 'new too')]
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._staged: dict[str, Path] = {}

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for temporary in self._staged.values():  # left only when the set was not committed
            with suppress(OSError):
                temporary.unlink(missing_ok=True)

    def stage(self, name: str) -> Path:
        """The temporary path where the file ``name`` is to be written."""
        self._staged[name] = temporary_file(self.folder)
        return self._staged[name]

    def commit(self) -> None:
        """Put every staged file in place; on a failure, the previous files are put back and the error raised."""
        previous: dict[Path, Path | None] = {}  # target → its present file under a second name (None: none)
        put: list[Path] = []
        try:
            for name in self._staged:
                target = self.folder / name
                previous[target] = _kept_aside(target) if target.exists() else None
            for name, temporary in self._staged.items():
                os.replace(temporary, self.folder / name)
                put.append(self.folder / name)
        except BaseException:
            for target in put:
                with suppress(OSError):
                    aside = previous[target]
                    if aside is None:
                        target.unlink()
                    else:
                        os.replace(aside, target)
            raise
        finally:
            for aside in previous.values():
                if aside is not None:
                    with suppress(OSError):
                        aside.unlink(missing_ok=True)
        self._staged.clear()


def _kept_aside(target: Path) -> Path:
    """A second name for ``target``'s present file (a hard link; a copy where links are not allowed)."""
    aside = target.with_name(f"{TEMPORARY_PREFIX}{os.urandom(6).hex()}.old")
    try:
        os.link(target, aside)
    except OSError:
        shutil.copy2(target, aside)
    return aside


@contextmanager
def out_lock(folder: Path) -> Iterator[None]:
    """Hold OUT_DIR for one refresh: a second refresh into it is refused (:class:`RefreshAbortedError`).

    POSIX: ``flock`` on ``folder/.xl_addin.lock`` (freed by the system however the run ends);
    Windows: ``msvcrt.locking`` on the same file.  A file system that has no locks (some
    network shares) runs without one.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with out_lock(folder):
    ...     with out_lock(folder):
    ...         pass
    Traceback (most recent call last):
    xl_addin.consolidation.outputs.RefreshAbortedError: папка ... уже занята: в неё пишет другой запуск xl-addin refresh ...
    >>> list(folder.iterdir())
    []
    """
    path = folder / LOCK_NAME
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            locked = _lock(handle)
        except OSError as error:
            os.close(handle)
            if error.errno in _BUSY:
                raise RefreshAbortedError(
                    f"папка {shown_path(folder)} уже занята: в неё пишет другой запуск xl-addin refresh "
                    f"(файл {LOCK_NAME}); дождитесь его конца или укажите другую папку --out"
                ) from error
            raise
        try:
            same = os.path.samestat(os.fstat(handle), os.stat(path))
        except FileNotFoundError:
            same = False
        if same or not locked:
            break
        os.close(handle)  # the run that held it removed the file meanwhile: lock the new one
    try:
        yield
    finally:
        with suppress(OSError):  # Windows keeps an open file: it stays, harmless
            path.unlink(missing_ok=True)
        os.close(handle)


def _lock(handle: int) -> bool:
    """Lock an open file without waiting; False where the file system has no locks."""
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP}:
            return False
        raise
    return True
