"""The Russian texts of a refresh's rows about files it could not process: one place for each kind of failure."""

from __future__ import annotations

from xl_addin.core.severity import Severity
from xl_addin.files import os_reason

#: How a check that is not "OK" is introduced in problems.csv, by its severity.
CHECK_FAILED = {Severity.ERROR: "проверка не пройдена", Severity.WARNING: "предупреждение, нужен комментарий"}
#: The status of a file that could not be read (its row names the file instead of a region).
UNREAD = "не прочитан"
#: The status of a file whose region the region list does not know (its row is kept out of the totals).
UNKNOWN_REGION = "субъект не из списка"
#: The start of the problem text of a file that met an error xl_addin does not know, at any step (a bug to report).
UNEXPECTED = "не обработан из-за непредвиденной ошибки xl_addin (сообщите разработчикам)"


def unexpected_text(error: BaseException) -> str:
    """The row of an error xl_addin did not foresee: marked as a bug to report, short, never failing itself.

    >>> unexpected_text(ZeroDivisionError("division by zero"))
    'не обработан из-за непредвиденной ошибки xl_addin (сообщите разработчикам): ZeroDivisionError: division by zero'
    """
    try:
        said = str(error)
    except Exception:  # noqa: BLE001 - an error whose own text fails: its kind is enough
        said = ""
    return f"{UNEXPECTED}: {type(error).__name__}: {said}"[:300].rstrip(": ")


def copy_reason(error: Exception) -> str:
    """Why a refreshed copy was not written, in Russian (a system error by its number; never a Python repr).

    >>> import errno
    >>> copy_reason(OSError(errno.ENOSPC, "No space")), copy_reason(ValueError("часть x обрезана"))
    ('на диске нет места', 'часть x обрезана')
    >>> copy_reason(KeyError("xl/workbook.xml"))
    'книга устроена не так, как ждёт xl_addin (проверьте её: xl-addin check)'
    """
    if isinstance(error, OSError):
        return os_reason(error)
    said = str(error)
    if isinstance(error, KeyError) or not any("а" <= letter <= "я" for letter in said.lower()):
        return "книга устроена не так, как ждёт xl_addin (проверьте её: xl-addin check)"
    return said


def time_limit_text(seconds: float) -> str:
    """The problem text of a file not done within its time limit.

    >>> time_limit_text(60), time_limit_text(0.5)
    ('не обработан за 60 с: книга читается слишком долго (проверьте её: xl-addin check)', 'не обработан за 0,5 с: книга читается слишком долго (проверьте её: xl-addin check)')
    """
    shown = f"{seconds:g}".replace(".", ",")
    return f"не обработан за {shown} с: книга читается слишком долго (проверьте её: xl-addin check)"


def died_text(exit_code: int | None) -> str:
    """The problem text of a file whose worker process died while reading it (killed, out of memory, a crash)."""
    return (
        f"не обработан: процесс, читавший книгу, аварийно завершился (код {exit_code}; например, не хватило памяти); "
        "остальные книги обработаны (проверьте эту: xl-addin check)"
    )


def task_failed_text(error: BaseException, time_limit: float | None) -> str:
    """Why a file's task in a worker gave no answer: not done within ``time_limit``, its worker died, or anything else.

    >>> from concurrent.futures import TimeoutError as FuturesTimeoutError
    >>> task_failed_text(FuturesTimeoutError(), 60)
    'не обработан за 60 с: книга читается слишком долго (проверьте её: xl-addin check)'
    >>> task_failed_text(RuntimeError("x"), 60)
    'не обработан из-за непредвиденной ошибки xl_addin (сообщите разработчикам): RuntimeError: x'
    """
    from concurrent.futures import TimeoutError as FuturesTimeoutError  # the builtin TimeoutError only from 3.11

    from pebble import ProcessExpired

    if isinstance(error, (FuturesTimeoutError, TimeoutError)):
        return time_limit_text(time_limit or 0)
    if isinstance(error, ProcessExpired):
        return died_text(error.exitcode)
    return unexpected_text(error)
