"""xlwings Lite: the two files a user pastes into the add-in (``xl-addin lite``).

xlwings Lite is a free Excel add-in (Microsoft 365 / Excel 2021+ on Windows and macOS, Excel on the
web) that runs Python in Pyodide inside Excel: the code is the ``main.py`` tab, the packages the
``requirements.txt`` tab, installed with micropip.  The project's functions need nothing from it but
xlwings, which Lite brings: ``xl_addin.udfs`` imports only the catalogue and the core, and every base
dependency of the wheel is marked ``sys_platform != "emscripten"`` (pyproject.toml), so micropip
installs xl_addin alone.

``main.py`` imports the functions of ``xl_addin.udfs``.  Lite sets ``XLWINGS_ON_SERVER``, so
``xw.func`` there is xlwings' Office.js decorator; ``xlwings.server.custom_functions_meta(main)``
finds every function that carries its ``__xlfunc__`` in main's namespace and registers it under
the same name, with the same argument names, Russian description and argument help as the classic
add-in (tests/lite runs this in Pyodide).  docs/lite.md is the user's step-by-step page.
"""

from __future__ import annotations

import re
from pathlib import Path

from xl_addin import __version__
from xl_addin.catalog import PARTS
from xl_addin.errors import ArgumentError

MAIN_PY, REQUIREMENTS_TXT = "main.py", "requirements.txt"
#: The distribution name as a requirement may spell it (PEP 503: -, _ and . are the same, case ignored).
_NAME = re.compile(r"xl[-_.]addin(?![\w.-])", re.IGNORECASE)
_WHEEL_URL = re.compile(r"https?://\S+/xl_addin-[^/\s]+-py3-none-any\.whl")


def missing_requirement(version: str = __version__) -> ArgumentError:
    """The refusal when no requirement is given: xl_addin is on no public index, so the line must name where it is.

    >>> print(missing_requirement("0.1.0"))
    не указан --requirement: xl_addin не опубликован на PyPI, строку xl_addin==0.1.0 Lite не установит. Укажите адрес колеса, например --requirement https://…/xl_addin-0.1.0-py3-none-any.whl (колесо: pip wheel . --no-deps -w dist; docs/lite.md, шаг 1), или --requirement xl_addin==0.1.0, если пакет лежит в индексе вашей организации
    """
    known = version if version != "0.0.0" else "ВЕРСИЯ"  # run from the sources: no installed version to name
    return ArgumentError(
        f"не указан --requirement: xl_addin не опубликован на PyPI, строку xl_addin=={known} Lite не установит. "
        f"Укажите адрес колеса, например --requirement https://…/xl_addin-{known}-py3-none-any.whl "
        "(колесо: pip wheel . --no-deps -w dist; docs/lite.md, шаг 1), "
        f"или --requirement xl_addin=={known}, если пакет лежит в индексе вашей организации"
    )


def check_requirement(requirement: str) -> str:
    """The one line of requirements.txt, checked: a requirement naming xl_addin, or the https address of its wheel.

    xlwings Lite hands each line of its requirements.txt to micropip as it is: options of pip
    (``--index-url``) and comments are not requirements; an organisation's own index is set for
    the whole add-in by its administrator (self-hosted Lite: ``XLWINGS_PYPI_INDEX_URL``).  Extras
    would bring pandas or a second xlwings into Lite.

    >>> check_requirement(" xl_addin==0.2.0 ")
    'xl_addin==0.2.0'
    >>> check_requirement("https://example.org/wheels/xl_addin-0.1.0-py3-none-any.whl")
    'https://example.org/wheels/xl_addin-0.1.0-py3-none-any.whl'
    >>> check_requirement("xl_addin[analysis]")
    Traceback (most recent call last):
    xl_addin.errors.ArgumentError: --requirement «xl_addin[analysis]»: без extras — они поставили бы в Lite pandas или второй xlwings; функциям они не нужны
    """
    line = requirement.strip()
    if not line or "\n" in line or "\r" in line:
        raise ArgumentError("--requirement: нужна одна непустая строка — требование или адрес колеса .whl")
    if line.startswith(("#", "-")):
        raise ArgumentError(
            f"--requirement «{line}»: xlwings Lite передаёт строку micropip как есть, параметры pip и комментарии "
            "он не понимает; свой индекс пакетов задаёт администратор Lite (XLWINGS_PYPI_INDEX_URL), "
            "здесь — имя с версией (xl_addin==0.1.0) или адрес колеса"
        )
    if "://" in line:
        if not _WHEEL_URL.fullmatch(line):
            raise ArgumentError(
                f"--requirement «{line}»: адрес должен вести к колесу проекта, "
                "https://…/xl_addin-ВЕРСИЯ-py3-none-any.whl (его пишет pip wheel . --no-deps)"
            )
        return line
    if not _NAME.match(line):
        raise ArgumentError(f"--requirement «{line}»: требование должно называть xl_addin, например xl_addin==0.1.0")
    if "[" in line:
        raise ArgumentError(
            f"--requirement «{line}»: без extras — они поставили бы в Lite pandas или второй xlwings; функциям они не нужны"
        )
    return line


def main_py(version: str = __version__) -> str:
    """The text of main.py: the catalogue's functions imported from ``xl_addin.udfs``, part by part.

    >>> text = main_py("0.1.0")
    >>> "    ELISA_VOLUME,\\n" in text, compile(text, "main.py", "exec") is not None
    (True, True)
    """
    lines = [
        '"""Функции xl_addin в xlwings Lite: заявка на диагностику ВИЧ-инфекции, гепатитов B и C',
        "и на АРВ-препараты по письму Роспотребнадзора от 20.10.2006 N 0100/11323-06-32.",
        "",
        f"Файл создан командой `xl-addin lite` (xl_addin {version}). Вставьте его целиком во вкладку",
        "main.py, а строку из requirements.txt добавьте во вкладку requirements.txt под строкой xlwings",
        "(её не удаляйте). Функции появятся в Excel под теми же именами, что и в надстройке xlwings",
        "для Windows, например =ELISA_VOLUME(1000) → 1200. Порядок действий: docs/lite.md,",
        "справочник функций: docs/functions.md.",
        '"""',
        "",
        "from xl_addin.udfs import (",
    ]
    for title, part in PARTS:
        lines.append(f"    # {title}")
        lines.extend(f"    {function.name}," for function in part)
    lines.append(")")
    return "\n".join(lines) + "\n"


def requirements_txt(requirement: str | None) -> str:
    """The text of requirements.txt: one line, the project's wheel or its version on the organisation's index.

    >>> requirements_txt("xl_addin==0.2.0")
    'xl_addin==0.2.0\\n'
    """
    if requirement is None:
        raise missing_requirement()
    return check_requirement(requirement) + "\n"


def write_lite(out: Path, requirement: str | None) -> tuple[Path, Path]:
    """Write main.py and requirements.txt into ``out`` (created if needed); the two paths.

    ``requirement`` None: refused (:func:`missing_requirement`), nothing written.
    Both files are the project's own output, rewritten every time (nothing a user fills in).
    """
    text = requirements_txt(requirement)  # checked before anything is written
    out.mkdir(parents=True, exist_ok=True)
    main, requirements = out / MAIN_PY, out / REQUIREMENTS_TXT
    main.write_text(main_py(), encoding="utf-8", newline="\n")
    requirements.write_text(text, encoding="utf-8", newline="\n")
    return main, requirements


__all__ = ["check_requirement", "main_py", "missing_requirement", "requirements_txt", "write_lite"]
