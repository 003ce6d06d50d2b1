"""Command line: ``xl-addin functions``, ``xl-addin calc NAME ARG…``, ``xl-addin docs``.

Exit codes: 0 success, 1 bad input (the same Russian message Excel shows), 2 usage error or a command that
could not do its work (an OUT_DIR that cannot be written, a full disk), 130 Ctrl+C.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xl_addin.catalog import FUNCTIONS, PARTS, ArgKind, ExcelFunction
from xl_addin.consolidation.outputs import INTERRUPTED, RefreshAbortedError, shown_path
from xl_addin.errors import ArgumentError, XlAddinError
from xl_addin.files import os_reason

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
#: Ctrl+C (128 + SIGINT, as a shell reports it).
EXIT_INTERRUPTED = 130
#: A progress callback of the API: (done, total).
Progress = Callable[[int, int], None]

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_BOOLEANS = {"true": True, "истина": True, "false": False, "ложь": False}


class UsageError(ArgumentError):
    """The command line was called wrongly (unknown function, wrong number of arguments)."""


def parse_token(token: str, *, decimal_comma: bool = True) -> Any:
    """Read one command-line value the way Excel would pass it.

    Numbers become floats (decimal point, or comma where it cannot separate
    cells), an empty token a blank (None), TRUE/ИСТИНА a boolean, anything else
    stays text so that the core can name it in its message.

    >>> parse_token("1000"), parse_token("0,05"), parse_token(""), parse_token("ИСТИНА"), parse_token("abc")
    (1000.0, 0.05, None, True, 'abc')
    """
    text = token.strip()
    if not text:
        return None
    if text.casefold() in _BOOLEANS:
        return _BOOLEANS[text.casefold()]
    if _NUMBER.fullmatch(text) and (decimal_comma or "," not in text):
        return float(text.replace(",", "."))
    return token


def parse_range(token: str) -> list[Any]:
    """A range as comma-separated numbers; with semicolons, commas are decimal commas.

    >>> parse_range("1,2,3"), parse_range("1,5; 2"), parse_range("5,,7")
    ([1.0, 2.0, 3.0], [1.5, 2.0], [5.0, None, 7.0])
    """
    if ";" in token:
        return [parse_token(part) for part in token.split(";")]
    return [parse_token(part, decimal_comma=False) for part in token.split(",")]


def parse_arguments(function: ExcelFunction, tokens: Sequence[str]) -> list[Any]:
    """Turn the tokens after NAME into the values Excel would pass; optional arguments may be left out."""
    required = sum(1 for argument in function.arguments if not argument.optional)
    if not required <= len(tokens) <= len(function.arguments):
        raise UsageError(
            f"{function.name} ждёт {required}"
            + (f"–{len(function.arguments)}" if len(function.arguments) > required else "")
            + f" аргумент(а/ов): {function.signature}; получено {len(tokens)}"
        )
    values: list[Any] = []
    for argument, token in zip(function.arguments, tokens, strict=False):
        if argument.kind.is_range:
            values.append(parse_range(token))
        elif argument.kind is ArgKind.SUBJECT:
            parsed = parse_token(token)
            values.append(parsed if not isinstance(parsed, bool) else token)
        else:
            values.append(parse_token(token))
    return values


def format_result(result: Any) -> str:
    """One line for the terminal.

    >>> format_result(1200), format_result(0.3), format_result([14, 20])
    ('1200', '0.3', '14\\t20')
    """
    if isinstance(result, list):
        return "\t".join(format_result(item) for item in result)
    return str(result)


def find_function(name: str) -> ExcelFunction:
    """The catalogue entry for ``name`` (case does not matter), or a UsageError with suggestions."""
    key = name.upper()
    if key in FUNCTIONS:
        return FUNCTIONS[key]
    close = [known for known in FUNCTIONS if key in known][:3] or difflib.get_close_matches(key, list(FUNCTIONS), n=3)
    hint = f"; возможно: {', '.join(close)}" if close else "; список: xl-addin functions"
    raise UsageError(f"нет функции «{name}»{hint}")


def list_functions() -> str:
    """Every Excel function with its one-line help and section of the letter."""
    lines = []
    for title, part in PARTS:
        lines.append(title)
        for function in part:
            lines.append(f"  {function.signature}")
            lines.append(f"      {function.summary} — {function.section}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def run_calc(name: str, tokens: Sequence[str]) -> str:
    """Evaluate one function from the terminal; project errors propagate."""
    function = find_function(name)
    return format_result(function.evaluate(*parse_arguments(function, tokens)))


@contextmanager
def progress_bar(what: str) -> Iterator[Progress | None]:
    """A tqdm progress bar on stderr when it is a terminal; nothing otherwise (the library never prints)."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(desc=what, unit=" книг", file=sys.stderr) as bar:

        def advance(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        yield advance


def run_generate(arguments: argparse.Namespace) -> str:
    """Generate the workbooks and return the one-line summary."""
    from xl_addin import api

    started = time.perf_counter()
    with progress_bar("Книги") as progress:
        written = api.generate(
            arguments.out, arguments.regions, arguments.formulas, arguments.lang, arguments.year,
            force=arguments.force, password=arguments.password, progress=progress, interpreter=arguments.interpreter,
            products=arguments.products,
        )  # fmt: skip
    return f"Записано книг: {len(written)} в {arguments.out} за {time.perf_counter() - started:.1f} с"


def run_carry(arguments: argparse.Namespace) -> tuple[str, int]:
    """Carry the workbooks forward; the summary line and the exit code (1 when anything was left behind)."""
    from xl_addin import api

    with progress_bar("Книги") as progress:
        result = api.carry(
            arguments.sources, arguments.out, products=arguments.products, lang=arguments.lang,
            formulas=arguments.formulas, password=arguments.password, force=arguments.force, jobs=arguments.jobs,
            progress=progress,
        )  # fmt: skip
    line = f"Перенесено книг: {len(result.written)} в {arguments.out}; отчёт: {result.report}"
    if result.errors:
        line += f" — не перенесено (ошибок): {result.errors}, значения остались в исходных книгах"
    return line, result.exit_code


def run_refresh(arguments: argparse.Namespace) -> tuple[str, int]:
    """Refresh a folder of filled workbooks; the summary line and the exit code (1 on any error, 0 with warnings only).

    ``xl-addin refresh .`` inside the received folder gives the default OUT_DIR beside it
    (``../ПАПКА-refreshed``), as for any other folder (:func:`xl_addin.api.refresh`).
    """
    from xl_addin import api
    from xl_addin.consolidation.excel_engine import ExcelUnavailableError
    from xl_addin.consolidation.previous import JUMP_PERCENT
    from xl_addin.consolidation.run import NATIONAL_PREVIOUS_CSV, NATIONAL_XLSX, PROBLEMS_CSV

    try:
        with progress_bar("Сводка") as progress:
            result = api.refresh(
                arguments.in_dir, arguments.out, arguments.jobs, progress, regions=arguments.regions, engine=arguments.engine,
                previous=arguments.previous, products=arguments.products,
            )  # fmt: skip
    except ExcelUnavailableError as error:
        raise UsageError(str(error)) from error
    summary, out_dir = result.summary, result.out
    warnings = summary.problems - summary.errors
    line = (
        f"Книг прочитано: {summary.received}, без ошибок: {summary.clean}, с ошибками: {summary.with_problems}, "
        f"не получено: {summary.not_received}{f', не заполнено: {summary.not_filled}' if summary.not_filled else ''}; ошибок: {summary.errors}, предупреждений и сведений: {warnings} "
        f"→ {shown_path(out_dir / PROBLEMS_CSV)}; сводка: {shown_path(out_dir / NATIONAL_XLSX)} ({summary.seconds:.1f} с)"
    )
    if summary.errors == 0 and warnings > summary.not_filled:  # an untouched book's row is information
        line += "\nОшибок нет, только предупреждения: код выхода 0 (прокомментируйте их в заявке)"
    if summary.jumps is not None:
        line += (f"\nК прошлой сводке: резких изменений (больше {JUMP_PERCENT} %): {summary.jumps} "
                 f"→ {shown_path(out_dir / NATIONAL_PREVIOUS_CSV)}, лист «Год к году»")  # fmt: skip
    if summary.skipped:
        line += "\nПропущены: " + ", ".join(summary.skipped)
    return line, result.exit_code


def run_check(path: Path) -> tuple[str, int]:
    """Check one filled workbook; the report (one line per finding, severity first) and the exit code."""
    from xl_addin.consolidation.isolated import check_files
    from xl_addin.consolidation.opening import UnreadableWorkbookError

    if not os.path.lexists(path):  # a folder, a pipe or a device called .xlsx is the reading's to name
        raise UsageError(f"книга не найдена: {shown_path(path)}")
    # read in a worker process within refresh's time limit, as refresh reads it: a file that hangs or crashes
    # its reader is told as such, never a hung or aborted command
    (checked,) = check_files([Path(path)], jobs=1)
    found = checked.check
    if found is None:
        raise UnreadableWorkbookError(checked.reason)
    lines = [f"Субъект: {found.region}"]
    lines += [f"{f.severity.value}: {f.name} ({f.label}): {f.text}" for f in found.findings]
    warnings = len(found.findings) - found.errors
    lines.append(f"Ошибок: {found.errors}, предупреждений и сведений: {warnings}; chk_all = {found.total}")
    return "\n".join(lines), EXIT_OK if found.errors == 0 else EXIT_BAD_INPUT


#: argparse's own words (what it passes to gettext) in Russian; one it may add in a later Python stays as it is.
_ARGPARSE_RU = {
    "usage: ": "вызов: ",
    "options": "параметры",
    "positional arguments": "аргументы",
    "show this help message and exit": "показать эту справку и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "expected one argument": "нужно значение",
    "expected at least one argument": "нужно хотя бы одно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "expected %s argument": "нужно значений: %s",
    "expected %s arguments": "нужно значений: %s",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр %(option)s: подходят %(matches)s",
    "not allowed with argument %s": "нельзя вместе с %s",
    "one of the arguments %s is required": "нужен один из аргументов %s",
    "ignored explicit argument %r": "параметр не принимает значения, а дано «%s»",
    "unexpected option string: %s": "неожиданный параметр: %s",
}
#: Type names in "«x» — не …" (``--year``, ``--jobs``).
_TYPE_RU = {"int": "целое число", "float": "число"}


def _ru(message: str) -> str:
    return _ARGPARSE_RU.get(message, message)


def _ru_plural(singular: str, plural: str, count: int) -> str:
    return _ru(singular if count == 1 else plural)


@contextmanager
def _russian_argparse() -> Iterator[None]:
    """argparse speaks Russian while the parser is built and parses (its words come from its module's gettext)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _ru, _ru_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class RussianArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose wrong values are told in Russian, the value in «», never as a Python repr."""

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            kind = _TYPE_RU.get(getattr(action.type, "__name__", ""), "допустимое значение")
            raise argparse.ArgumentError(action, f"«{arg_string}» — не {kind}") from None

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            allowed = ", ".join(map(str, action.choices))
            raise argparse.ArgumentError(action, f"недопустимое значение «{value}»: можно {allowed}")


def parse_command_line(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line parsed in Russian; a wrong call prints its usage and the reason, and exits with 2."""
    with _russian_argparse():
        return build_parser().parse_args(argv)


class _Version(argparse.Action):
    """``--version``: the version read when asked for (argparse's own action wants it when the parser is built)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option: str | None = None) -> None:
        import xl_addin

        sys.stdout.write(f"xl-addin {xl_addin.__version__}\n")  # to standard output, as argparse's own action
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``xl-addin`` (build and use it inside :func:`_russian_argparse`, as
    :func:`parse_command_line` does, for argparse's own words in Russian)."""
    parser = RussianArgumentParser(
        prog="xl-addin",
        description="Заявка на диагностику ВИЧ, гепатитов B и C и АРВ-препараты по письму 0100/11323-06-32.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="показать версию и выйти")
    commands = parser.add_subparsers(dest="command", required=True, metavar="КОМАНДА")
    commands.add_parser("functions", help="список функций Excel с кратким описанием и разделом письма")
    calc = commands.add_parser("calc", help="вычислить одну функцию: xl-addin calc ELISA_VOLUME 1000")
    calc.add_argument("name", metavar="ФУНКЦИЯ", help="имя функции, например ELISA_VOLUME")
    calc.add_argument(
        "args", nargs="*", metavar="АРГУМЕНТ", help="аргументы; диапазон — числа через запятую: 100,110,120"
    )
    generate = commands.add_parser(
        "generate", help="рабочие книги регионов (по умолчанию — все субъекты таблицы 2006 г.)"
    )
    generate.add_argument(
        "--out", type=Path, default=Path("workbooks"), metavar="ПАПКА", help="папка для книг (по умолчанию ./workbooks)"
    )
    generate.add_argument(
        "--regions", type=Path, metavar="ФАЙЛ.csv", help="свой список: CSV, столбец названий и, по желанию, кодов"
    )
    generate.add_argument(
        "--formulas",
        choices=["native", "udf"],
        default="native",
        help="native (.xlsx): только встроенные функции Excel; udf (.xlsm): функции надстройки xl_addin",
    )
    generate.add_argument("--lang", choices=["ru", "en"], default="ru", help="язык подписей")
    generate.add_argument("--year", type=int, default=2007, metavar="ГОД", help="год заявки (по умолчанию 2007)")
    generate.add_argument(
        "--password",
        metavar="ПАРОЛЬ",
        help="пароль защиты листов: латинские буквы, цифры, знаки (по умолчанию защита без пароля)",
    )
    generate.add_argument(
        "--interpreter",
        metavar="ПУТЬ",
        help="только udf: путь к python.exe у регионов, в Interpreter_Win листа xlwings.conf "
        "(по умолчанию не пишется: Python выбирают настройки xlwings пользователя)",
    )
    generate.add_argument(
        "--products",
        type=Path,
        metavar="ФАЙЛ.csv",
        help="список товаров для листа «Товары» (CSV; пример: workbook_templates/products-example.csv)",
    )
    generate.add_argument("--force", action="store_true", help="перезаписать и заполненные пользователем книги")
    carry = commands.add_parser(
        "carry", help="перенести введённое из книг прежних версий (2–4) в новые: xl-addin carry КНИГИ --out ПАПКА"
    )
    carry.add_argument(
        "sources", nargs="+", type=Path, metavar="КНИГА", help="заполненные книги или папки с ними (не изменяются)"
    )
    carry.add_argument("--out", type=Path, required=True, metavar="ПАПКА", help="куда писать новые книги и carry.csv")
    carry.add_argument(
        "--products", type=Path, metavar="ФАЙЛ.csv", help="новый список товаров: строки переносятся по коду товара"
    )
    carry.add_argument("--lang", choices=["ru", "en"], help="язык новых книг (по умолчанию — как у исходной)")
    carry.add_argument(
        "--formulas",
        choices=["native", "udf"],
        help="native (.xlsx) или udf (.xlsm); по умолчанию — как у исходной книги",
    )
    carry.add_argument("--password", metavar="ПАРОЛЬ", help="пароль защиты листов: латинские буквы, цифры, знаки")
    carry.add_argument("--jobs", type=int, metavar="N", help="число процессов (по умолчанию — число ядер)")
    carry.add_argument(
        "--force", action="store_true", help="перезаписать и заполненные книги в папке результата (исходные — никогда)"
    )
    refresh = commands.add_parser(
        "refresh", help="пересчитать папку заполненных книг и собрать сводку: xl-addin refresh ПАПКА"
    )
    refresh.add_argument("in_dir", metavar="ПАПКА", help="папка с полученными книгами (не изменяется)")
    refresh.add_argument("--out", type=Path, metavar="ПАПКА", help="куда писать (по умолчанию ПАПКА-refreshed)")
    refresh.add_argument(
        "--engine", choices=["python", "excel"], default="python", help="кто считает: ядро (везде) или Excel"
    )
    refresh.add_argument("--jobs", type=int, metavar="ЧИСЛО", help="процессов (по умолчанию — число ядер)")
    refresh.add_argument(
        "--regions", type=Path, metavar="ФАЙЛ.csv", help="список регионов (CSV); по умолчанию 89 субъектов письма"
    )
    refresh.add_argument(
        "--previous", type=Path, metavar="ПАПКА",
        help="папка прошлой сводки (xl-addin refresh): изменения к прошлому году, national_previous.csv, лист «Год к году»",
    )  # fmt: skip
    refresh.add_argument(
        "--products", type=Path, metavar="ФАЙЛ.csv",
        help="список товаров центра (тот же, что у generate --products): код не из списка — предупреждение",
    )  # fmt: skip
    check = commands.add_parser(
        "check", help="проверить одну заполненную книгу, как её проверит сводка: xl-addin check КНИГА.xlsx"
    )
    check.add_argument("workbook", type=Path, metavar="КНИГА", help="заполненная книга региона (не изменяется)")
    templates = commands.add_parser("templates", help="пустые шаблоны (ru, en) в workbook_templates/")
    templates.add_argument(
        "--out", type=Path, default=Path("workbook_templates"), metavar="ПАПКА", help="куда записать"
    )
    lite = commands.add_parser(
        "lite", help="main.py и requirements.txt для xlwings Lite (Excel на Windows, Mac и в браузере; docs/lite.md)"
    )
    lite.add_argument(
        "--out", type=Path, default=Path("lite"), metavar="ПАПКА", help="куда записать (по умолчанию ./lite)"
    )
    lite.add_argument(
        "--requirement",
        metavar="СТРОКА",
        help="строка requirements.txt (обязательно): адрес колеса https://…/xl_addin-…whl "
        "или xl_addin==ВЕРСИЯ из индекса организации (на PyPI xl_addin нет)",
    )
    docs = commands.add_parser("docs", help="записать справочник функций (docs/functions.md)")
    docs.add_argument("--out", type=Path, default=Path("docs/functions.md"), metavar="ФАЙЛ", help="куда записать")
    return parser


def _printable(text: str) -> str:
    r"""``text`` without lone surrogates (a path that is not UTF-8), which no terminal can be written.

    >>> _printable("out/\udcc0.xlsx") == "out/\ufffd.xlsx"
    True
    """
    return _SURROGATES.sub("\ufffd", text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``xl-addin`` command.

    Exit codes: 0 done, 1 errors found in the input, 2 the command could not do its work (a wrong call,
    an OUT_DIR that cannot be written, a full disk), 130 interrupted by Ctrl+C.
    """
    arguments = parse_command_line(argv)
    try:
        return _run(arguments)
    except (ArgumentError, RefreshAbortedError) as error:  # nothing was done, or the outputs could not be written
        print(f"xl-addin: {_printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except XlAddinError as error:
        print(f"Ошибка: {_printable(str(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader stopped early (`xl-addin check … | head`): no traceback (Python's docs)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's flush at exit would fail on the closed pipe again
        return EXIT_BAD_INPUT
    except OSError as error:  # the machine: a folder that cannot be written, a full disk
        where = f": {shown_path(error.filename)}" if error.filename else ""
        print(f"xl-addin: {os_reason(error)}{where}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(INTERRUPTED if arguments.command == "refresh" else "Прервано (Ctrl+C)", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(arguments: argparse.Namespace) -> int:
    """Run one command; its exit code."""
    if arguments.command == "functions":
        sys.stdout.write(list_functions())
    elif arguments.command == "calc":
        print(run_calc(arguments.name, arguments.args))
    elif arguments.command == "generate":
        print(run_generate(arguments))
    elif arguments.command == "carry":
        line, code = run_carry(arguments)
        print(_printable(line))
        return code
    elif arguments.command == "refresh":
        line, code = run_refresh(arguments)
        print(_printable(line))
        return code
    elif arguments.command == "check":
        text, code = run_check(arguments.workbook)
        print(_printable(text))
        return code
    elif arguments.command == "templates":
        from xl_addin.workbook.generate import write_templates

        written = write_templates(arguments.out)
        print(f"Шаблоны записаны: {', '.join(str(path) for path in written)}")
    elif arguments.command == "lite":
        from xl_addin.lite import write_lite

        main_file, requirements = write_lite(arguments.out, arguments.requirement)
        print(f"Для xlwings Lite записаны {main_file} и {requirements}: вставьте их во вкладки main.py и")
        print("requirements.txt надстройки (строку xlwings в requirements.txt оставьте); шаги — docs/lite.md")
    elif arguments.command == "docs":
        from xl_addin.reference import write_reference

        write_reference(arguments.out)
        print(f"Справочник записан: {arguments.out}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
