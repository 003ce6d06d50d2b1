"""The Python API: the regions' requests as pandas DataFrames, for analysts at the federal centre.

``xl_addin.read_requests`` reads a folder of filled workbooks, ``xl_addin.compute`` runs
the letter's rules on a frame of inputs (one row per region or scenario),
``xl_addin.refresh`` is the batch of ``xl-addin refresh``, ``xl_addin.generate`` writes
the regional workbooks.  The command line calls these functions and nothing else.
Columns are named in ``xl_addin.frames``; a worked example: docs/python-api.md.

pandas is an extra (``pip install 'xl_addin[analysis]'``): only the functions that return
DataFrames import it, when called, so ``generate`` and ``refresh`` work without it.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xl_addin.core.severity import Severity
from xl_addin.errors import ArgumentError, XlAddinError
from xl_addin.files import shown_name
from xl_addin.frames import INPUT_COLUMNS, RESULT_COLUMNS, inputs_of, row_of_inputs, row_of_results
from xl_addin.request import model
from xl_addin.request.layout import CHECKS, DEFAULT_YEAR, INPUTS
from xl_addin.workbook.regions import Region, default_regions, published_figure, read_regions

if TYPE_CHECKING:  # pandas is imported when a function is called, not when xl_addin is
    import pandas as pd

    from xl_addin.carrying.run import CarryResult
    from xl_addin.consolidation.run import Summary

#: A progress callback: (done, total), after each workbook.
Progress = Callable[[int, int], None]
#: What ``regions`` may be: None (the letter's 89 subjects), a CSV file, or names / Region objects.
Regions = None | str | Path | Sequence[str | Region]
FORMULAS = ("native", "udf")


class ExtraNotInstalledError(XlAddinError, ImportError):
    """A function needs a package of an extra that is not installed (pandas for the Python API's tables)."""


def _no_pandas() -> ExtraNotInstalledError:
    """The error to raise when pandas cannot be imported: it names the extra that installs it."""
    return ExtraNotInstalledError(
        "таблицы Python API строит pandas, а он не установлен: pip install 'xl_addin[analysis]' "
        "(из папки проекта: pip install '.[analysis]')"
    )


def region_list(regions: Regions = None) -> list[Region]:
    """The regions of a call: the letter's 89 subjects, a CSV list, or the names given.

    >>> [region.published_2006 for region in region_list(["Тульская область", "Пермский край"])]
    [626, 888]
    """
    if regions is None:
        return default_regions()
    if isinstance(regions, (str, Path)):
        return read_regions(Path(regions))
    found = []
    for region in regions:
        found.append(region if isinstance(region, Region) else Region(region, "", published_figure(region)))
    return found


def _folder(folder: str | Path) -> Path:
    path = Path(folder)
    if not path.is_dir():
        raise ArgumentError(f"папка с книгами не найдена: {path}")
    return path


def read_requests(
    folder: str | Path, regions: Regions = None, *, jobs: int | None = None, progress: Progress | None = None
) -> pd.DataFrame:
    """One row per received workbook of ``folder`` (index: region), never modifying the folder.

    Columns: ``file``, ``status`` ("OK", the number of errors, "не заполнена" for a workbook nobody has filled
    in — no errors then, as ``refresh`` counts it — or why the file was not read),
    every input (``frames.INPUT_COLUMNS``) as the workbook computes with it (a kit total that the
    products sheet's drug rows give, decision P3, is that sum, not what was typed on «Ввод»), the
    workbook's ``published_2006`` figure and ``lang``, every result recomputed by the core
    (``frames.RESULT_COLUMNS``), every check (``chk_…``, ``chk_all``), and the numbers of
    ``errors`` and ``warnings``.  A region that ``regions`` does not list counts one error more.
    So ``compute`` of the unchanged frame gives each row's results and checks as its workbook shows them.

    Each file is read in a worker process (``jobs`` of them; the machine's cores by default) within
    refresh's time limit, as ``refresh`` reads it: a file that blocks, runs too long or crashes its
    reader is its own row ("не прочитан: …"), never the caller's problem.  ``progress(done, total)``
    is called after each file.
    """
    try:
        import pandas as pd
    except ImportError as error:
        raise _no_pandas() from error

    from xl_addin.consolidation.isolated import check_files
    from xl_addin.consolidation.run import UNKNOWN_REGION, UNREAD, received_files
    from xl_addin.consolidation.untouched import NOT_FILLED

    if jobs is not None and jobs < 1:
        raise ArgumentError(f"jobs = {jobs}: нужно целое число ≥ 1")
    known = {region.name for region in region_list(regions)}
    files, _ = received_files(_folder(folder))
    rows, index = [], []
    for checked in check_files(files, jobs=jobs, progress=progress):
        found = checked.check
        if found is None:
            index.append(f"({UNREAD}) {checked.path.name}")
            rows.append(
                {"file": checked.path.name, "status": f"{UNREAD}: {checked.reason}", "errors": 1, "warnings": 0}
            )
            continue
        errors = found.errors + (found.region not in known)
        status = UNKNOWN_REGION if found.region not in known else NOT_FILLED if found.untouched else str(found.total)
        index.append(found.region)
        rows.append({
            "file": checked.path.name, "status": status,
            **row_of_inputs(found.used_inputs), "published_2006": found.published_2006, "lang": found.lang,
            **row_of_results(found.values),
            **{check.name: found.values[check.name] for check in CHECKS}, "chk_all": found.total,
            "errors": errors, "warnings": found.warnings,
        })  # fmt: skip
    columns = ["file", "status", *INPUT_COLUMNS, "published_2006", "lang", *RESULT_COLUMNS, *(c.name for c in CHECKS)]
    columns += ["chk_all", "errors", "warnings"]
    frame: pd.DataFrame = pd.DataFrame(rows, index=pd.Index(index, name="region"), columns=columns)
    return frame


def compute(frame: pd.DataFrame) -> pd.DataFrame:
    """The results of the letter for each row of ``frame`` (input columns as in ``read_requests``).

    Exact, the same core as the workbooks; a row with bad input is not an exception: its
    ``errors`` column says why, as the Excel functions do ("#on_art = -5: …"), and the
    results that need that input are empty.  The index is kept.  The optional columns
    ``published_2006`` (the letter's 2006 figure the workbook compares with) and ``lang``
    ("ru" or "en", the language of the check sentences) are read when present, so a frame
    from ``read_requests`` gives, unchanged, what each workbook shows.

    >>> import pandas as pd
    >>> out = compute(pd.DataFrame({"planned_screenings": [1000, -5]}, index=["A", "B"]))
    >>> int(out.loc["A", "elisa_volume"]), out.loc["B", "errors"].split(";")[0]
    (1200, '#in_planned_screenings = -5: отрицательное число недопустимо')
    """
    try:
        import pandas as pd
    except ImportError as error:
        raise _no_pandas() from error

    rows = []
    for _, row in frame.iterrows():
        given = {str(column): value for column, value in row.items()}
        inputs = inputs_of(given)
        values = model.evaluate(inputs, _published(given.get("published_2006")), lang=_lang(given.get("lang")))
        problems = [model.input_problem(field, inputs[field.name]) for field in INPUTS]
        errors = "; ".join(f"#{problem}" for problem in problems if problem is not None)
        rows.append({
            **row_of_results(values), **{check.name: values[check.name] for check in CHECKS},
            "chk_all": values["chk_all"], "errors": errors,
        })  # fmt: skip
    columns = [*RESULT_COLUMNS, *(check.name for check in CHECKS), "chk_all", "errors"]
    results: pd.DataFrame = pd.DataFrame(rows, index=frame.index, columns=columns)
    return results


def _published(value: object) -> int | None:
    """A frame's ``published_2006`` cell as the workbook's figure (blank, NaN or not a whole number: none).

    >>> import numpy
    >>> _published(4066.0), _published(numpy.int64(111)), _published(float("nan")), _published(None), _published("4066")
    (4066, 111, None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not float(value).is_integer():
        return None  # numbers.Real: pandas gives numpy's integers and floats too
    return int(float(value))


def _lang(value: object) -> str:
    """A frame's ``lang`` cell: "en" for an English workbook, else Russian (blank or missing too)."""
    return "en" if value == "en" else "ru"


@dataclass(frozen=True)
class RefreshResult:
    """What ``refresh`` did: the folder written, the exit code, the summary, and the five tables.

    ``national``, ``problems``, ``products``, ``supply_plan`` and ``redistribution`` are read from national.csv,
    problems.csv, national_products.csv, national_supply_plan.csv and national_redistribution.csv when first asked
    for (pandas is not loaded by a caller that does not need them, such as the command line).
    """

    out: Path
    exit_code: int
    summary: Summary

    @property
    def national(self) -> pd.DataFrame:
        """national.csv as a DataFrame (every cell as its text)."""
        from xl_addin.consolidation.run import NATIONAL_CSV

        return _read_csv(self.out / NATIONAL_CSV)

    @property
    def problems(self) -> pd.DataFrame:
        """problems.csv as a DataFrame (every cell as its text)."""
        from xl_addin.consolidation.run import PROBLEMS_CSV

        return _read_csv(self.out / PROBLEMS_CSV)

    @property
    def products(self) -> pd.DataFrame:
        """national_products.csv as a DataFrame (every cell as its text; roubles with a decimal comma)."""
        from xl_addin.consolidation.run import NATIONAL_PRODUCTS_CSV

        return _read_csv(self.out / NATIONAL_PRODUCTS_CSV)

    @property
    def supply_plan(self) -> pd.DataFrame:
        """national_supply_plan.csv as a DataFrame (every cell as its text; months ``ММ.ГГГГ``, months of stock with a
        decimal comma): per code, pack size and month of the request year, the regions' plans added up (issue 22)."""
        from xl_addin.consolidation.run import NATIONAL_PLAN_CSV

        return _read_csv(self.out / NATIONAL_PLAN_CSV)

    @property
    def redistribution(self) -> pd.DataFrame:
        """national_redistribution.csv as a DataFrame (every cell as its text; months ``ММ.ГГГГ``): per product-month
        with a region in stockout, the regions short and those above their maximum (issue 22)."""
        from xl_addin.consolidation.run import NATIONAL_MOVES_CSV

        return _read_csv(self.out / NATIONAL_MOVES_CSV)

    @property
    def previous(self) -> pd.DataFrame | None:
        """national_previous.csv as a DataFrame (every cell as its text): the comparison with the previous campaign
        of ``refresh(previous=…)``; None when none was given."""
        from xl_addin.consolidation.run import NATIONAL_PREVIOUS_CSV

        path = self.out / NATIONAL_PREVIOUS_CSV
        return _read_csv(path) if self.summary.jumps is not None and path.is_file() else None


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError as error:
        raise _no_pandas() from error

    return pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def refresh(
    folder: str | Path,
    out: str | Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    *,
    regions: Regions = None,
    engine: str = "python",
    previous: str | Path | None = None,
    products: str | Path | None = None,
) -> RefreshResult:
    """Refresh every workbook of ``folder`` into ``out`` (default: FOLDER-refreshed beside it) and consolidate them.

    ``folder`` is made absolute first: ``refresh(".")`` inside the received folder writes ``../ПАПКА-refreshed``.

    ``exit_code`` is 1 when any problem is an error, 0 with warnings only (docs/interpretation.md, S1).
    The received folder is never modified.
    ``previous``: the folder a previous campaign's ``refresh`` wrote (``--previous``): ``RefreshResult.previous``, the
    sheet «Год к году» and national_previous.csv give each region's and the nation's change against it.
    ``products``: the centre's product list (the CSV of ``generate --products``, ``--products``): a code of the
    national products table not on it is a warning row (the products table and the supply plan add up by code).
    A list that cannot be read raises ProductListError before anything is written.
    """
    from xl_addin.consolidation.run import refresh as run_refresh

    in_dir = Path(os.path.abspath(_folder(folder)))  # "." inside the received folder has a name once absolute
    if out is None and not in_dir.name:
        raise ArgumentError(f"у папки {shown_name(str(in_dir))} нет имени: укажите, куда писать (out, --out ПАПКА)")
    out_dir = Path(out) if out is not None else in_dir.with_name(in_dir.name + "-refreshed")
    resolved_in, resolved_out = in_dir.resolve(), out_dir.resolve()
    if resolved_out == resolved_in or resolved_in in resolved_out.parents:
        raise ArgumentError(f"--out {out_dir} внутри {in_dir}: полученные книги не изменяются, выберите другую папку")
    if jobs is not None and jobs < 1:
        raise ArgumentError(f"--jobs = {jobs}: нужно целое число ≥ 1")
    known = None
    if products is not None:
        from xl_addin.workbook.product_list import read_product_list

        known = frozenset(str(entry.get("in_product_code", "")).strip().casefold()
                          for entry in read_product_list(Path(products), "ru"))  # fmt: skip
    summary = run_refresh(
        in_dir, out_dir, region_list(regions), engine=engine, jobs=jobs, progress=progress,
        previous=None if previous is None else Path(previous), products=known,
    )  # fmt: skip
    return RefreshResult(out_dir, 0 if summary.errors == 0 else 1, summary)


def generate(
    out: str | Path,
    regions: Regions = None,
    formulas: str = "native",
    lang: str = "ru",
    year: int | None = None,
    *,
    force: bool = False,
    password: str | None = None,
    progress: Progress | None = None,
    interpreter: str | None = None,
    products: str | Path | None = None,
) -> list[Path]:
    """Write one regional workbook per region into ``out``; the files written.

    ``formulas``: "native" (.xlsx, built-in Excel functions) or "udf" (.xlsm, the add-in's functions).
    ``interpreter`` ("udf" only): the path of the regions' python.exe, written as ``Interpreter_Win`` on
    the workbooks' ``xlwings.conf`` sheet; by default the sheet leaves the choice to each user's xlwings settings.
    ``products``: a CSV list of products written into every workbook's «Товары» sheet
    (:mod:`xl_addin.workbook.product_list`; the shipped example: ``workbook_templates/products-example.csv``).
    """
    from xl_addin.workbook.generate import generate as write_all
    from xl_addin.workbook.product_list import read_product_list

    if formulas not in FORMULAS:
        raise ArgumentError(f"formulas = {formulas!r}: нужно одно из {', '.join(FORMULAS)}")
    if lang not in ("ru", "en"):
        raise ArgumentError(f"lang = {lang!r}: нужно ru или en")
    summary = write_all(
        Path(out), region_list(regions), lang=lang, year=DEFAULT_YEAR if year is None else year,
        variant=formulas, force=force, password=password, progress=progress, interpreter=interpreter,
        product_list=() if products is None else read_product_list(Path(products), lang),
    )  # fmt: skip
    return list(summary.written)


def carry(
    sources: str | Path | Sequence[str | Path],
    out: str | Path,
    *,
    products: str | Path | None = None,
    lang: str | None = None,
    formulas: str | None = None,
    password: str | None = None,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> CarryResult:
    """Carry filled workbooks (files, or folders of them) of template versions 2–4 into current ones in ``out``.

    Each target keeps its source's file name, region, request year and — unless ``lang`` ("ru", "en") or
    ``formulas`` ("native", "udf") say otherwise — its language and variant; it gets the current formulas,
    validation and, with ``products``, the product list (a source's rows go to the list's row of the same code).
    Every value the region typed is carried; what cannot be (a name the current version dropped, a value its
    validation rejects, a product not on the new list) is a row of the report ``out/carry.csv`` and stays in the
    source, as does a result typed over (the target has its formula again).  Sources are never changed; a bad one
    is a row.  A target that exists is overwritten when nobody typed into it, a filled one only with ``force``.
    ``CarryResult.exit_code`` is 1 when any row is an error.
    """
    from xl_addin.carrying.run import run_carry
    from xl_addin.workbook.generate import check_password
    from xl_addin.workbook.product_list import read_product_list

    if lang not in (None, "ru", "en"):
        raise ArgumentError(f"lang = {lang!r}: нужно ru или en")
    if formulas not in (None, *FORMULAS):
        raise ArgumentError(f"formulas = {formulas!r}: нужно одно из {', '.join(FORMULAS)}")
    if jobs is not None and jobs < 1:
        raise ArgumentError(f"jobs = {jobs}: нужно целое число ≥ 1")
    check_password(password)
    listed = {}
    if products is not None:  # read in each language a target may have (a choice in either language is taken)
        languages = (lang,) if lang else ("ru", "en")
        listed = {language: read_product_list(Path(products), language) for language in languages}
    paths = [Path(sources)] if isinstance(sources, (str, Path)) else [Path(source) for source in sources]
    if not paths:
        raise ArgumentError("не указано ни одной книги для переноса")
    return run_carry(
        paths, Path(out), lang=lang, variant=formulas, password=password, force=force, product_lists=listed,
        jobs=jobs, progress=progress,
    )  # fmt: skip


def severity_counts(problems: pd.DataFrame) -> dict[str, int]:
    """How many problem rows of each severity a ``RefreshResult.problems`` frame holds.

    >>> import pandas as pd
    >>> severity_counts(pd.DataFrame({"Серьёзность": ["ошибка", "предупреждение", "ошибка"]}))
    {'ошибка': 2, 'предупреждение': 1, 'сведения': 0}
    """
    column: list[str] = problems["Серьёзность"].tolist() if len(problems) else []
    return {severity.value: column.count(severity.value) for severity in Severity}


__all__ = [
    "ExtraNotInstalledError",
    "RefreshResult",
    "carry",
    "compute",
    "generate",
    "read_requests",
    "refresh",
    "region_list",
    "severity_counts",
]
