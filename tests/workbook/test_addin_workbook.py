"""Issue 13, read from the generated files themselves: the cascade chart's XML, the ``xlwings.conf`` rows,
the VBA project's document modules against the sheets' code names, and what the add-in workbook tells the user.

The chart and the sheets are read from the saved zip (``xl/charts/chart1.xml``, ``xl/worksheets/*.xml``),
the VBA project's ``PROJECT`` stream with ``olefile`` (MS-OVBA 2.3.1: ``Document=<name>/&H…`` per
document module), never through the code that wrote them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import olefile
import pytest
from openpyxl import load_workbook

from tests.conftest import REPO
from tests.workbook.libreoffice import recalculate
from xl_addin import cli
from xl_addin.workbook import addin
from xl_addin.workbook.generate import generate
from xl_addin.workbook.writer import Region

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
AXES = ("catAx", "valAx", "dateAx", "serAx")
#: The letter's cascade (Appendix 2, "Для оценки объема"): detected, observed, to be treated, 1st line, 2nd line.
CASCADE_STEPS = 5


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """One generated workbook per (variant, language), with distinct stems for one soffice call."""
    folder = tmp_path_factory.mktemp("issue13")
    made = {}
    for variant in ("native", "udf"):
        for lang in ("ru", "en"):
            out = folder / f"{variant}-{lang}"
            (path,) = generate(out, [Region("Тульская область", "67", 626)], lang=lang, variant=variant).written
            made[variant, lang] = path.rename(folder / f"{variant}-{lang}{path.suffix}")
    return made


def _chart(path: Path, kind: str = "barChart") -> ElementTree.Element:
    """The workbook's one chart part of ``kind``: the cascade's bar chart (the supply plan's is a line chart, issue
    22); openpyxl names the parts chart1.xml …, LibreOffice may not."""
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", name)]
        charts = [ElementTree.fromstring(archive.read(name)) for name in names]
    found = [chart for chart in charts if next(chart.iter(f"{C}{kind}"), None) is not None]
    assert len(found) == 1, names
    return found[0]


def _categories(chart: ElementTree.Element) -> list[str]:
    """Each series' category reference (its formula), checking that none is a number reference."""
    found = []
    for series in chart.iter(f"{C}ser"):
        categories = series.find(f"{C}cat")
        assert categories is not None
        assert categories.find(f"{C}numRef") is None
        (formula,) = [element.text for element in categories.iterfind(f"{C}strRef/{C}f")]
        found.append(str(formula))
    return found


@pytest.mark.parametrize("variant", ["native", "udf"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_cascade_chart_shows_both_axes_and_text_categories(
    workbooks: dict[tuple[str, str], Path], variant: str, lang: str
) -> None:
    path = workbooks[variant, lang]
    chart = _chart(path)
    axes = [axis for name in AXES for axis in chart.iter(f"{C}{name}")]
    assert len(axes) == 2  # a bar chart: categories and values
    for axis in axes:
        deleted = axis.findall(f"{C}delete")
        assert [element.get("val") for element in deleted] == ["0"], axis.tag  # written, and "not deleted"
    references = _categories(chart)
    assert len(references) == 2  # the letter's upper end and the region's plan
    (reference,) = set(references)  # both on the same steps
    sheet_title, cells = reference.rsplit("!", 1)
    book = load_workbook(path)
    labels = [row[0].value for row in book[sheet_title.strip("'")][cells.replace("$", "")]]
    assert len(labels) == CASCADE_STEPS
    assert all(isinstance(label, str) and label[:2] in {"1.", "2.", "3.", "4."} for label in labels), labels


def test_libreoffice_opens_the_chart_of_both_variants(workbooks: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    files = [workbooks["native", "ru"], workbooks["udf", "ru"]]
    for original, saved in zip(files, recalculate(files, tmp_path), strict=True):
        # LibreOffice read the chart and wrote it again: one bar chart, its two series on the same text
        # categories, both axes shown
        chart, written = _chart(saved), _chart(original)
        assert len(list(chart.iter(f"{C}barChart"))) == 1
        cells = {reference.rsplit("!", 1)[1] for reference in _categories(written)}
        assert [reference.rsplit("!", 1)[1] for reference in _categories(chart)] == [*cells, *cells]
        axes = [axis for name in AXES for axis in chart.iter(f"{C}{name}")]
        assert [axis.find(f"{C}delete").get("val") for axis in axes] == ["0", "0"]  # type: ignore[union-attr]


def _cells(path: Path) -> dict[str, object]:
    """Every non-empty cell of the ``xlwings.conf`` sheet (hidden, last), by coordinate."""
    book = load_workbook(path, keep_vba=True)
    assert book.sheetnames[-1] == "xlwings.conf"
    sheet = book["xlwings.conf"]
    assert sheet.sheet_state == "hidden"
    return {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None}


def _one_region(tmp_path: Path) -> Path:
    regions = tmp_path / "regions.csv"
    regions.write_text("Тульская область\n", encoding="utf-8")
    return regions


def test_the_config_sheet_names_only_the_udf_module(workbooks: dict[tuple[str, str], Path]) -> None:
    # no Interpreter_Win = python, no empty Conda/PYTHONPATH rows: the user's own xlwings settings stay in force
    for lang in ("ru", "en"):
        assert _cells(workbooks["udf", lang]) == {"A1": "UDF Modules", "B1": "xl_addin.udfs"}


def test_generate_interpreter_writes_interpreter_win(tmp_path: Path) -> None:
    python = r"C:\Users\region\venv\Scripts\python.exe"
    argv = ["generate", "--out", str(tmp_path / "out"), "--regions", str(_one_region(tmp_path)), "--formulas", "udf"]
    assert cli.main([*argv, "--interpreter", python]) == 0
    (made,) = (tmp_path / "out").iterdir()
    # xlwings reads A1 down to the first blank cell of column A: both rows, one block
    assert _cells(made) == {"A1": "UDF Modules", "B1": "xl_addin.udfs", "A2": "Interpreter_Win", "B2": python}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--formulas", "native", "--interpreter", "python.exe"], "только в книги с надстройкой"),
        (["--formulas", "udf", "--interpreter", " "], "пустой путь к Python"),
    ],
)
def test_interpreter_is_refused_for_native_workbooks_and_when_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    argv = ["generate", "--out", str(tmp_path / "out"), "--regions", str(_one_region(tmp_path)), *extra]
    assert cli.main(argv) == cli.EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _documents(path: Path) -> list[str]:
    """The ``Document=`` module names of the VBA project's PROJECT stream."""
    with zipfile.ZipFile(path) as archive, olefile.OleFileIO(archive.read("xl/vbaProject.bin")) as project:
        text = project.openstream("PROJECT").read().decode("cp1252")
    return re.findall(r"^Document=([^/\r\n]+)/&H", text, flags=re.MULTILINE)


def _code_names(path: Path) -> tuple[str | None, list[str | None]]:
    """The workbook's code name and each sheet's, from the workbook and sheet XML."""
    with zipfile.ZipFile(path) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        sheets = [name for name in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)]
        properties = [ElementTree.fromstring(archive.read(name)).find(f"{MAIN}sheetPr") for name in sheets]
    # seven sheets, the supply plan's two (issue 22), the products' and the plan's calculation sheets, xlwings.conf
    assert len(sheets) == len(workbook.findall(f"{MAIN}sheets/{MAIN}sheet")) == 12
    book_properties = workbook.find(f"{MAIN}workbookPr")
    assert book_properties is not None
    return book_properties.get("codeName"), [None if p is None else p.get("codeName") for p in properties]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_document_module_of_the_vba_project_names_a_sheet_or_the_workbook(
    workbooks: dict[tuple[str, str], Path], lang: str
) -> None:
    path = workbooks["udf", lang]
    documents = _documents(path)
    assert "ThisWorkbook" in documents and len(documents) >= 3  # the quickstart's: the workbook and two sheets
    book_name, sheet_names = _code_names(path)
    assert None not in sheet_names, sheet_names  # every sheet has a code name
    assert len(set(sheet_names)) == len(sheet_names), sheet_names  # of its own
    assert book_name == "ThisWorkbook"
    assert set(documents) <= {book_name, *sheet_names}, (documents, sheet_names)


def test_the_add_in_workbook_says_to_recalculate_after_import_functions(
    workbooks: dict[tuple[str, str], Path],
) -> None:
    for lang in ("ru", "en"):
        udf_title = load_workbook(workbooks["udf", lang], keep_vba=True).worksheets[0]
        lines = [str(cell.value) for cell in udf_title["A"] if cell.value is not None]
        (step,) = [line for line in lines if "Import Functions" in line]
        assert "Ctrl+Alt+F9" in step.split("Import Functions", 1)[1], step  # pressed after the import
        native_title = load_workbook(workbooks["native", lang]).worksheets[0]
        assert not any("Ctrl+Alt+F9" in str(cell.value) for cell in native_title["A"])
    guide = (REPO / "docs" / "user-guide.md").read_text(encoding="utf-8")
    add_in_section = guide.split("## Надстройка для книги `.xlsm`", 1)[1]
    assert "Ctrl+Alt+F9" in add_in_section.split("Import Functions", 1)[1]


def test_a_different_xlwings_is_refused_with_the_add_in_as_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    pinned = re.search(r'"xlwings==([\d.]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned is not None and addin.pinned_xlwings_version() == pinned.group(1)
    real_version = addin.importlib.metadata.version
    monkeypatch.setattr(
        addin.importlib.metadata, "version", lambda name: "0.0.1" if name == "xlwings" else real_version(name)
    )
    with pytest.raises(addin.AddinSetupError) as refused:
        addin.quickstart_path()
    assert "xlwings.xlam" in str(refused.value) and f"pip install xlwings=={pinned.group(1)}" in str(refused.value)
