"""`xl-addin generate`: files, names, validation, and never overwriting a user's inputs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.workbook.filling import fill
from tests.workbook.libreoffice import recalculate
from xl_addin import cli
from xl_addin.consolidation.reading import read_workbook
from xl_addin.request.layout import CHECKS, INPUTS, RESULTS
from xl_addin.workbook.compare import differences, snapshot
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.regions import RegionListError, read_regions
from xl_addin.workbook.writer import write_workbook


def test_generate_writes_one_blank_workbook_per_region_of_the_2006_table(tmp_path: Path) -> None:
    assert cli.main(["generate", "--out", str(tmp_path)]) == 0
    files = sorted(path.name for path in tmp_path.iterdir())
    assert len(files) == 89  # 90 rows of the table minus "Без определенного места жительства"
    assert files[0] == "001_Республика Башкорстан.xlsx"
    assert files[72] == "073_г. Санкт-Петербург.xlsx"
    assert files[65] == "066_Тульская область.xlsx"  # the guide's example (docs/user-guide.md)
    guide = (Path(__file__).parents[2] / "docs" / "user-guide.md").read_text(encoding="utf-8")
    examples = {name.replace("\\ ", " ") for name in re.findall(r"\b\d{3}_[^`/]*?\.xlsx\b", guide)}
    assert examples == {"066_Тульская область.xlsx"}
    assert examples <= set(files)
    book = load_workbook(tmp_path / files[0])
    for field in INPUTS:  # every input blank, unlocked, whole-number validated
        cells = named_cells(book, field.name)
        assert len(cells) == field.cells
        assert all(cell.value is None and not cell.protection.locked for cell in cells), field.name
        validations = book["Ввод"].data_validations.dataValidation
        assert all(any(cell.coordinate in dv.sqref for dv in validations) for cell in cells), field.name
        assert not any("B2" in dv.sqref for dv in validations)  # and only input cells are validated
    names = set(book.defined_names)
    assert {r.name for r in RESULTS} | {c.name for c in CHECKS} | {"chk_all", "xl_addin_template_version"} <= names


def test_generate_refuses_to_overwrite_filled_workbooks_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("название;код\nМуниципалитет А;1\nМуниципалитет Б;2\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions)]) == 0
    first = out / "001_Муниципалитет А.xlsx"
    fill(first, first, {"in_on_art": 77})
    before = first.read_bytes()
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions)]) == 1
    assert "001_Муниципалитет А.xlsx" in capsys.readouterr().err
    assert first.read_bytes() == before  # the user's input is not lost
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions), "--force"]) == 0
    assert named_cells(load_workbook(first), "in_on_art")[0].value is None


def test_a_blank_or_duplicated_region_name_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("Регион А\nРегион А\n", encoding="utf-8")
    assert cli.main(["generate", "--out", str(tmp_path / "out"), "--regions", str(regions)]) == 1
    assert capsys.readouterr().err == f"Ошибка: файл регионов {regions}, строка 2: название «Регион А» повторяется\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # line 3 of the file is blank: the duplicate stands on the file's line 5, the 3rd name
        ("название;код\nРегион А;1\n\nРегион Б;2\nРегион А;3\n", "строка 5: название «Регион А» повторяется"),
        ("название;код\n\nРегион А;1\n\n;2\n", "строка 5: пустое название"),
    ],
)
def test_a_refused_region_name_is_reported_at_its_line_in_the_file(tmp_path: Path, text: str, message: str) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text(text, encoding="utf-8")
    with pytest.raises(RegionListError) as refused:
        read_regions(regions)
    assert str(refused.value) == f"файл регионов {regions}, {message}"


@pytest.mark.parametrize("variant", ["native", "udf"])
def test_every_file_of_a_run_equals_a_workbook_built_for_its_region_alone(tmp_path: Path, variant: str) -> None:
    # generate builds one workbook and changes only the region's cells from file to file
    regions = tmp_path / "regions.csv"
    regions.write_text("Иркутская область\nг. Москва\nМуниципалитет без оценки 2006 г.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["generate", "--out", str(out), "--regions", str(regions), "--formulas", variant]) == 0
    suffix = ".xlsx" if variant == "native" else ".xlsm"
    made = sorted(out.iterdir())
    assert [path.suffix for path in made] == [suffix] * 3
    for path, region in zip(made, read_regions(regions), strict=True):
        alone = tmp_path / f"alone{suffix}"
        write_workbook(alone, region, variant=variant)
        keep = variant == "udf"
        assert (
            differences(snapshot(load_workbook(alone, keep_vba=keep)), snapshot(load_workbook(path, keep_vba=keep)))
            == []
        )
    moscow = load_workbook(made[1])
    assert moscow["Титул"]["A1"].value == "Заявка на 2007 год: г. Москва"
    assert (moscow["Титул"]["A1"].font.b, moscow["Титул"]["A1"].font.sz) == (True, 14)  # the cell keeps its style
    assert named_cells(moscow, "xl_addin_published_2006")[0].value == 5862  # row 73 of the letter's table
    assert named_cells(load_workbook(made[2]), "xl_addin_published_2006")[0].value is None


@pytest.fixture(scope="module")
def a_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """One generate run per variant over three regions: files 2 and 3 are copies of the run's one saved workbook."""
    work = tmp_path_factory.mktemp("run")
    regions = work / "regions.csv"
    regions.write_text("Иркутская область\nг. Москва\n Муниципалитет  «Южный» & Ко \n", encoding="utf-8")
    made = {}
    for variant in ("native", "udf"):
        out = work / variant
        assert cli.main(["generate", "--out", str(out), "--regions", str(regions), "--formulas", variant]) == 0
        made[variant] = sorted(out.iterdir())
    return made


@pytest.mark.parametrize("variant", ["native", "udf"])
def test_no_file_of_a_run_holds_another_regions_name(a_run: dict[str, list[Path]], variant: str) -> None:
    names = ["Иркутская область", "г. Москва", "Муниципалитет  «Южный» &amp; Ко"]
    for path, own in zip(a_run[variant], names, strict=True):
        with zipfile.ZipFile(path) as archive:
            everything = b"".join(archive.read(name) for name in archive.namelist())
        assert [name for name in names if name.encode() in everything] == [own], path.name


def test_libreoffice_reads_and_recalculates_the_copies_of_a_run(a_run: dict[str, list[Path]], tmp_path: Path) -> None:
    files = [*a_run["native"], *a_run["udf"]]
    work_files = []
    for number, path in enumerate(files):  # soffice keeps base names: make them unique
        unique = tmp_path / f"{number}{path.suffix}"
        unique.write_bytes(path.read_bytes())
        work_files.append(unique)
    shown = []
    for path in recalculate(work_files, tmp_path):
        book = load_workbook(path, data_only=True)
        shown.append(
            (book["Титул"]["A1"].value, named_cells(book, "xl_addin_region")[0].value,
             named_cells(book, "xl_addin_published_2006")[0].value, named_cells(book, "chk_art_need_2006")[0].value)
        )  # fmt: skip
    # blank inputs: no estimate; the published figures are rows 35 and 73 of the letter's table (4066, 5862)
    expected = [
        ("Заявка на 2007 год: Иркутская область", "Иркутская область", 4066,
         "Оценка не вычислена; опубликовано в 2006 г.: 4066"),
        ("Заявка на 2007 год: г. Москва", "г. Москва", 5862, "Оценка не вычислена; опубликовано в 2006 г.: 5862"),
        ("Заявка на 2007 год: Муниципалитет  «Южный» & Ко", "Муниципалитет  «Южный» & Ко", None,
         "Опубликованной оценки 2006 г. для этого субъекта нет"),
    ]  # fmt: skip
    assert shown == expected * 2


@pytest.mark.parametrize("variant", ["native", "udf"])
def test_refresh_reads_the_region_of_every_copy(a_run: dict[str, list[Path]], variant: str) -> None:
    regions = [read_workbook(path).region for path in a_run[variant]]
    assert regions == ["Иркутская область", "г. Москва", "Муниципалитет  «Южный» & Ко"]
