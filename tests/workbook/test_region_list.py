"""A user's region list (``--regions``) is read or refused in Russian, naming the file and line (issue 19, §3, §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xl_addin.workbook.cells import MAX_LIST_FILE_BYTES
from xl_addin.workbook.regions import RegionListError, read_regions


def _list(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "регионы.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def test_a_quoted_name_with_the_delimiter_is_one_name(tmp_path: Path) -> None:
    path = _list(tmp_path, 'название;код\r\n"Тульская область; Тула";71\r\nПермский край;59\r\n')
    regions = read_regions(path)
    assert [(r.name, r.code) for r in regions] == [("Тульская область; Тула", "71"), ("Пермский край", "59")]
    assert regions[1].published_2006 == 888  # the letter's table, row «Пермский край»


def test_a_name_starting_with_an_equals_sign_is_read_as_text(tmp_path: Path) -> None:
    (region,) = read_regions(_list(tmp_path, "=cmd|' /C calc'!A0\n"))
    assert region.name == "=cmd|' /C calc'!A0"  # written as a string cell by generate (test_generate_user_text.py)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Тула\x01\n", r"строка 1, название «Тула\x01»: недопустимый символ U\+0001 \(знак 5\)"),
        ('Тула\n"Перм\nский край"\n', r"строка 2, название «Перм\nский край»: недопустимый символ U\+000A"),
        ("Тула\n" + "я" * 300 + "\n", r"строка 2, название «я{39}…»: длиннее 255 знаков \(300\)"),
        ('Тула\n"Пермь\n', r"строка 2: не читается как CSV \(незакрытая кавычка\?\)"),
        ("Тула;71\x02\n", r"строка 1, код «71\x02»: недопустимый символ U\+0002"),
        ("Тула\n\nТула\n", r"строка 3: название «Тула» повторяется"),
        ("название\n", r"нет ни одного названия"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(tmp_path: Path, content: str, reason: str) -> None:
    with pytest.raises(RegionListError, match=reason):
        read_regions(_list(tmp_path, content))


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = _list(tmp_path, b"")
    with path.open("wb") as handle:  # a 50 MB line: a few kilobytes are a real list
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(RegionListError, match=rf"52428800 байт — больше {MAX_LIST_FILE_BYTES} байт"):
        read_regions(path)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.write_bytes("Тула\n".encode("cp1251")), "не в кодировке UTF-8"),
        (lambda path: path.mkdir(), "это папка или не обычный файл"),
        (lambda path: None, "файл или папка не найдены"),
    ],
)
def test_a_file_that_cannot_be_read_is_said_so(tmp_path: Path, make: object, reason: str) -> None:
    path = tmp_path / "регионы.csv"
    make(path)  # type: ignore[operator]
    with pytest.raises(RegionListError, match=reason):
        read_regions(path)
