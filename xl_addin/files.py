"""Files: written atomically, named safely, their system errors told in Russian.

An interrupted run never leaves a half-written file where a user expects a
finished one; a temporary file is hidden and has a short name of its own (never
the target's name plus a suffix, which a long name would push past the 255 bytes
a file system allows).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

#: The start of every temporary name xl_addin makes (hidden, short; ``.xl_addin.k3j2h1.part``).
TEMPORARY_PREFIX = ".xl_addin."

#: An OSError in Russian, by its errno (the system's own text is English and never shown).
_REASONS = {
    errno.ENOSPC: "на диске нет места",
    errno.EDQUOT: "превышена квота на диске",
    errno.EACCES: "нет прав доступа",
    errno.EPERM: "операция не разрешена системой",
    errno.EROFS: "диск только для чтения",
    errno.EISDIR: "это папка, а не файл",
    errno.ENOTDIR: "часть пути — файл, а не папка",
    errno.ENOENT: "файл или папка не найдены",
    errno.EEXIST: "с этим именем уже есть файл или папка",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.EIO: "ошибка чтения или записи (диск или сеть)",
    errno.EMFILE: "открыто слишком много файлов",
    errno.ENFILE: "открыто слишком много файлов",
    errno.EBUSY: "файл занят другой программой",
    errno.ETXTBSY: "файл занят другой программой",
    errno.ELOOP: "путь зациклен символическими ссылками",
    errno.EFBIG: "файл слишком велик",
    errno.ENOMEM: "не хватило памяти",
    errno.EINVAL: "недопустимое имя или операция",
    errno.EXDEV: "папки на разных дисках",
    errno.ENOTEMPTY: "папка не пуста",
}


def os_reason(error: OSError) -> str:
    """What went wrong, in Russian, from the error's number (never the system's English text).

    >>> os_reason(OSError(errno.ENOSPC, "No space left on device"))
    'на диске нет места'
    >>> os_reason(IsADirectoryError(errno.EISDIR, "Is a directory")), os_reason(OSError("?"))
    ('это папка, а не файл', 'ошибка системы')
    >>> os_reason(OSError(errno.ECHILD, "No child processes"))
    'ошибка системы (ECHILD)'
    """
    number = error.errno
    if number is None:
        return "ошибка системы"
    return _REASONS.get(number) or f"ошибка системы ({errno.errorcode.get(number, number)})"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def temporary_file(folder: Path, suffix: str = ".part") -> Path:
    """A new empty hidden file in ``folder`` with a short name (``.xl_addin.XXXXXXXX.part``), closed."""
    handle, name = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=suffix, dir=folder)
    os.close(handle)
    return Path(name)


def atomic_write(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(temporary_path)``, then move the result onto ``target`` in one step.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> atomic_write(folder / "a.txt", lambda p: p.write_text("готово", encoding="utf-8"))
    >>> (folder / "a.txt").read_text(encoding="utf-8"), sorted(p.name for p in folder.iterdir())
    ('готово', ['a.txt'])
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_file(target.parent)
    try:
        write(temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a workbook is shared like any file
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def atomic_write_text(target: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    atomic_write(target, lambda path: path.write_text(text, encoding="utf-8"))


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _russian(character: str) -> bool:
    return "А" <= character <= "я" or character in "Ёё№«»–—"


def shown_name(name: str) -> str:
    """A file name as xl_addin shows it: always valid Unicode, whatever bytes the name holds.

    A name that is not UTF-8 (an archive unpacked with another code page: the system gives
    Python its bytes as surrogates) is decoded as cp1251 or cp866 when one of them gives a
    Russian name; otherwise each bad byte becomes U+FFFD.  Control characters become U+FFFD.
    The file itself keeps its name: only what is written about it changes.

    >>> shown_name("Алтай.xlsx")
    'Алтай.xlsx'
    >>> shown_name("Алтай.xlsx".encode("cp1251").decode("utf-8", "surrogateescape"))
    'Алтай.xlsx'
    >>> shown_name("Алтай.xlsx".encode("cp866").decode("utf-8", "surrogateescape"))
    'Алтай.xlsx'
    >>> shown_name("Заявка «Коми» — №2.xlsx".encode("cp1251").decode("utf-8", "surrogateescape"))
    'Заявка «Коми» — №2.xlsx'
    >>> shown_name(b"\\xb0\\xb1.xlsx".decode("utf-8", "surrogateescape")), shown_name("a\\x01b\\ud800")
    ('\ufffd\ufffd.xlsx', 'a\ufffdb\ufffd')
    """
    name = _CONTROL.sub("\ufffd", name)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is not an undecodable byte
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in name)
    for codec in ("cp1251", "cp866"):
        try:
            decoded = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if all(c.isascii() or _russian(c) for c in decoded):
            return shown_name(decoded)  # its control characters too
    return shown_name(raw.decode("utf-8", "replace"))


def unique_names(names: list[str]) -> list[str]:
    """``names`` as shown (:func:`shown_name`), two that would show alike told apart by a number.

    >>> unique_names(["a.xlsx", "a\\udcb0.xlsx", "a\\udcb1.xlsx"])
    ['a.xlsx', 'a\ufffd.xlsx', 'a\ufffd.xlsx (2)']
    """
    seen: set[str] = set()
    found = []
    for name in names:
        shown, number = shown_name(name), 1
        while shown in seen:
            number += 1
            shown = f"{shown_name(name)} ({number})"
        seen.add(shown)
        found.append(shown)
    return found
