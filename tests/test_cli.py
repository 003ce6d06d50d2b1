"""The command line: `xl-addin functions`, `xl-addin calc`, `xl-addin docs`, argparse's words in Russian."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xl_addin import cli
from xl_addin.catalog import FUNCTIONS


def test_functions_lists_every_function_with_its_help_and_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["functions"]) == 0
    out = capsys.readouterr().out
    for function in FUNCTIONS.values():
        assert f"  {function.signature}\n      {function.summary} — {function.section}\n" in out
    assert "VIRAL_LOAD_VOLUME(on_art; starting_art; observed; [examined])" in out


@pytest.mark.parametrize(
    ("argv", "printed"),
    [
        (["ELISA_VOLUME", "1000"], "1200"),  # 1000 × 1,2
        (["elisa_volume", "7"], "9"),  # 8,4 → 9; the name's case does not matter
        (["HBV_SCREEN_VOLUME", "1000,1000,1000,1000,1001"], "1161"),  # mean 1000,2 × 1,16 → 1161
        (["HBV_SCREEN_VOLUME", "1234.4"], "1432"),  # one number (decimal point): a mean, 1431,904 → 1432
        (["HBV_SCREEN_VOLUME", "1234,4"], "719"),  # in a range a comma separates cells: mean 619 × 1,16 = 718,04
        (["ANTI_HBC_IGM_VOLUME", "100;110;120", "50"], "170"),  # semicolons also separate cells
        (["ART_NEED_RANGE", "101"], "13\t20"),  # 13,13 → 13; 20,2 → 20 (people, half up)
        (["VIRAL_LOAD_VOLUME", "10", "0", "0", "6000"], "46"),  # optional argument given
        (["VIRAL_LOAD_VOLUME", "100", "50", "200"], "1475"),  # optional argument left out
        (["REGIMEN_BALANCE_CHECK", "1000", "1100", "900", "0,1"], "OK"),
        (["ART_NEED_2006", "Республика Башкортостан"], "630"),
        (["ART_NEED_2006", "73"], "5862"),
        (["ART_NEED_COEFFICIENT", "6"], "0.35"),
        (["PACKS_TO_ORDER", "1200", "300", "200", "60", "3", "50"], "18"),  # 1500 − 250 − 200 = 1050; 17,5 → 18
        (["PACKS_TO_ORDER", "1200", "300", "200", "60"], "12"),  # optional ones left out: 700 / 60 = 11,67 → 12
        (["ORDER_COST", "3", "0,1"], "0.3"),  # exactly 0,3
        (["ORDER_COST", "3", "1234,565"], "3703.7"),  # 3703,695 → 3703,70
        (["MONTHS_OF_STOCK", "250", "1400"], "2.1"),  # 3000 / 1400 = 2,14… → 2,1
        (["CONSUMPTION_DEVIATION", "1999", "2000"], "-0.001"),  # −0,0005: away from zero
    ],
)
def test_calc_prints_the_result(argv: list[str], printed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["calc", *argv]) == 0
    assert capsys.readouterr().out == printed + "\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ELISA_VOLUME", "-5"], "planned_screenings = -5: отрицательное число недопустимо"),
        (["ELISA_VOLUME", "2.5"], "planned_screenings = 2,5: нужно целое число (количество не бывает дробным)"),
        (["ELISA_VOLUME", "много"], "planned_screenings = «много»: текст, а нужно число"),
        (["ELISA_VOLUME", ""], "planned_screenings = пусто: пустое значение; введите число (0, если таких нет)"),
        (["ELISA_VOLUME", "ИСТИНА"], "planned_screenings = ИСТИНА: логическое значение, а нужно число"),
        (
            ["HBV_SCREEN_VOLUME", "1000,,1000"],
            "hiv_examined_by_year, ячейка 2 = пусто: пустое значение; введите число (0, если таких нет)",
        ),
        (["PACKS_TO_ORDER", "100", "0", "0", "0"], "pack_size = 0: нужно целое число больше 0"),
        (
            ["MONTHS_OF_STOCK", "5", "0"],
            "need = 0: при нулевой потребности запас в месяцах не определён (деление на 0)",
        ),
        (
            ["P24_SCREEN_VOLUME", "10", "11"],
            "ib_positive_or_indeterminate = 11: больше, чем направлено на ИБ (elisa_positive_to_ib = 10)",
        ),
    ],
)
def test_calc_bad_input_prints_the_same_clear_error_and_exits_1(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["calc", *argv]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"Ошибка: {message}\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["NO_SUCH"], "xl-addin: нет функции «NO_SUCH»; список: xl-addin functions"),
        (["ELISA"], "xl-addin: нет функции «ELISA»; возможно: ELISA_VOLUME"),
        (
            ["ELISA_VOLUME"],
            "xl-addin: ELISA_VOLUME ждёт 1 аргумент(а/ов): ELISA_VOLUME(planned_screenings); получено 0",
        ),
        (
            ["VIRAL_LOAD_VOLUME", "1", "2", "3", "4", "5"],
            "xl-addin: VIRAL_LOAD_VOLUME ждёт 3–4 аргумент(а/ов): VIRAL_LOAD_VOLUME(on_art; starting_art; observed; [examined]); получено 5",
        ),
    ],
)
def test_calc_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["calc", *argv]) == 2
    assert capsys.readouterr().err == message + "\n"


def test_the_installed_console_command_runs() -> None:
    command = shutil.which("xl-addin")
    if command is None:
        pytest.skip("xl-addin is not installed as a console command (pip install . puts it on PATH)")
    done = subprocess.run([command, "calc", "ELISA_VOLUME", "-5"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "Ошибка: planned_screenings = -5: отрицательное число недопустимо\n"


def test_python_dash_m_runs_the_same_main() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "xl_addin.cli", "calc", "ELISA_VOLUME", "1000"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "1200\n")


def test_docs_writes_the_reference(tmp_path: Path) -> None:
    target = tmp_path / "functions.md"
    assert cli.main(["docs", "--out", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Справочник функций xl_addin")


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """``xl-addin functions | head``: the reader closes the pipe (here before anything is written, so every write
    meets the closed pipe); the command ends without a traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "xl_addin.cli", "functions"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    with process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # what head does once it has its lines
        errors = process.stderr.read().decode("utf-8", "replace")
        assert process.wait(timeout=60) == 1  # the output was cut: not a success
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


#: argparse's own English words (usage, errors, help of -h) that must not reach a user (issue 21).
ENGLISH = re.compile(
    r"\b((?i:usage|error|options|optional|positional|arguments?|required|invalid|choices?|choose|show|help message|"
    r"exit|expected|unrecognized|ambiguous|value)|OUT|REGIONS|YEAR|PASSWORD|PATH|FILE|SPEC|JOBS|NAME|ARGS)\b"
)


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (["--help"], 0, "вызов: xl-addin [-h] [--version] КОМАНДА ...\n"),
        (["--help"], 0, "  -h, --help  показать эту справку и выйти\n"),
        (["generate", "--help"], 0, "  --year ГОД            год заявки (по умолчанию 2007)\n"),
        (["refresh", "--help"], 0, "аргументы:\n  ПАПКА "),
        (["lite", "--help"], 0, "[--requirement СТРОКА]"),
        (["calc", "--help"], 0, "вызов: xl-addin calc [-h] ФУНКЦИЯ [АРГУМЕНТ ...]\n"),
        ([], 2, "xl-addin: ошибка: не указаны обязательные аргументы: КОМАНДА\n"),
        (["check"], 2, "xl-addin check: ошибка: не указаны обязательные аргументы: КНИГА\n"),
        (["generate", "--formulas", "xx"], 2, "аргумент --formulas: недопустимое значение «xx»: можно native, udf\n"),
        (["generate", "--lang", "de"], 2, "аргумент --lang: недопустимое значение «de»: можно ru, en\n"),
        (["generate", "--year", "abc"], 2, "xl-addin generate: ошибка: аргумент --year: «abc» — не целое число\n"),
        (["refresh", "in", "--jobs", "2.5"], 2, "аргумент --jobs: «2.5» — не целое число\n"),
        (["bogus"], 2, "аргумент КОМАНДА: недопустимое значение «bogus»: можно functions, calc, generate,"),
        (["generate", "--bad"], 2, "xl-addin: ошибка: неизвестные аргументы: --bad\n"),
        (["generate", "--out"], 2, "аргумент --out: нужно значение\n"),
        (["generate", "--force=1"], 2, "аргумент --force: параметр не принимает значения, а дано «1»\n"),
    ],
)
def test_help_and_argument_errors_are_russian(
    argv: list[str], code: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == code
    printed = capsys.readouterr()
    text = printed.out + printed.err
    assert said in text
    assert ENGLISH.findall(re.sub(r"--?[a-z-]+", "", text)) == []  # the options' own names aside
    assert "'" not in text  # a value in «», never a Python repr


def test_version_is_the_installed_packages_on_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version``: the version importlib.metadata gives for the installed package (read when asked for, not when
    the command line is imported), on standard output, exit 0."""
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stopped:
        cli.main(["--version"])
    assert stopped.value.code in (0, None)
    assert capsys.readouterr() == (f"xl-addin {version('xl_addin')}\n", "")


def test_argparse_speaks_english_again_after_the_command_line() -> None:
    """The Russian words are argparse's only while xl-addin parses: another parser in the process is untouched."""
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "usage: " in argparse.ArgumentParser(prog="other").format_usage()
