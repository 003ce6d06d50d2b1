"""Writing a regional workbook from the layout with openpyxl, in either variant.

``native`` (.xlsx): built-in Excel functions only, no Python needed.  ``udf``
(.xlsm): result cells call the add-in's functions (``=ELISA_VOLUME(in_planned_screenings)``).
Every input is a workbook-scoped name ``in_*``, every result ``out_*``, every
check ``chk_*``; coefficients are ``k_*`` cells on the reference sheet, written
from the core.  A result whose inputs are not whole numbers ≥ 0 shows #N/A,
never a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.catalog import FUNCTIONS
from xl_addin.catalog.native import NATIVE, down, name, up
from xl_addin.core import coefficients as k
from xl_addin.workbook import addin, model
from xl_addin.workbook.layout import (
    ARV,
    CHECKS,
    DIAGNOSTICS,
    INPUT_BY_NAME,
    INPUTS,
    RESULTS,
    TEMPLATE_VERSION,
    Check,
    Comparison,
    InputField,
    Result,
    Source,
)
from xl_addin.workbook.texts import HEADERS, LANGUAGES, SHEETS, TEXT

NATIVE_VARIANT, UDF_VARIANT = "native", "udf"
VARIANTS = (NATIVE_VARIANT, UDF_VARIANT)
#: File suffix of each variant.
SUFFIX = {NATIVE_VARIANT: ".xlsx", UDF_VARIANT: ".xlsm"}

FIRST_VALUE_COLUMN = 3  # C: inputs start here; B holds each input's status
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
YELLOW = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
BOLD = Font(bold=True)
UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class Region:
    """The region a workbook is made for, with its published 2006 figure when the letter has one."""

    name: str
    code: str = ""
    published_2006: int | None = None


def _absolute(sheet: str, first_column: int, row: int, cells: int = 1) -> str:
    start = f"${get_column_letter(first_column)}${row}"
    if cells == 1:
        return f"{quote_sheetname(sheet)}!{start}"
    return f"{quote_sheetname(sheet)}!{start}:${get_column_letter(first_column + cells - 1)}${row}"


def print_one_page_wide(sheet: Worksheet) -> None:
    """Print setup of every sheet the project writes: A4 landscape, one page wide, as many pages tall as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # a write-only sheet lacks the constant
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def validity(input_name: str) -> str:
    """An Excel condition that is TRUE when the input holds whole numbers ≥ 0 (or is an empty optional input)."""
    field = INPUT_BY_NAME[input_name]
    if field.cells == 1:
        condition = f"IF(ISNUMBER({input_name}),AND({input_name}>=0,{input_name}=INT({input_name})),FALSE)"
        return f"IF(ISBLANK({input_name}),TRUE,{condition})" if field.optional else condition
    condition = (
        f"IF(COUNT({input_name})={field.cells},"
        f"AND(MIN({input_name})>=0,SUMPRODUCT({input_name}-INT({input_name}))=0),FALSE)"
    )
    return f"IF(COUNTBLANK({input_name})={field.cells},TRUE,{condition})" if field.optional else condition


class WorkbookWriter:
    """Builds one workbook of either variant; call :meth:`build` then save the returned workbook.

    The two variants differ only in the formula text of result cells
    (:meth:`_result_formula`); the add-in one also carries xlwings' VBA project
    and its ``xlwings.conf`` sheet.
    """

    def __init__(
        self,
        region: Region,
        *,
        lang: str = "ru",
        year: int = 2007,
        variant: str = NATIVE_VARIANT,
        password: str | None = None,
    ) -> None:
        if lang not in LANGUAGES or variant not in VARIANTS:
            raise ValueError(f"lang={lang!r}, variant={variant!r}")
        self.region, self.lang, self.year, self.variant = region, lang, year, variant
        self.password = password
        self.sheets, self.headers, self.text = SHEETS[lang], HEADERS[lang], TEXT[lang]
        self.input_cells: dict[str, tuple[int, int]] = {}
        self._region_cells: dict[str, Cell] = {}
        if variant == UDF_VARIANT:
            self.book, self._foreign_sheets = addin.open_quickstart()
        else:
            self.book, self._foreign_sheets = Workbook(), []
            self._foreign_sheets.append(self.book.active.title)

    def _label(self, item: InputField | Result | Check) -> str:
        return item.ru if self.lang == "ru" else item.en

    # --- names -----------------------------------------------------------------------------
    def _define(self, defined: str, reference: str) -> None:
        self.book.defined_names[defined] = DefinedName(defined, attr_text=reference)

    def _argument(self, source: Source) -> str:
        if source.tail is not None:
            row, first = self.input_cells[source.input]
            cells = INPUT_BY_NAME[source.input].cells
            return _absolute(self.sheets["inputs"], first + cells - source.tail, row, source.tail)
        if source.plus is not None:
            return f"({source.input}+{source.plus})"
        return source.input

    @staticmethod
    def _valid_all(sources: tuple[Source, ...]) -> str:
        names = dict.fromkeys(name_ for source in sources for name_ in source.inputs)
        return f"AND({','.join(validity(name_) for name_ in names)})"

    def _guarded(self, function: str, sources: tuple[Source, ...], otherwise: str) -> str:
        formula = NATIVE[function](*(self._argument(source) for source in sources))
        return f"IF({self._valid_all(sources)},{formula},{otherwise})"

    def _call(self, function: str, sources: tuple[Source, ...]) -> str:
        return f"{function}({','.join(self._argument(source) for source in sources)})"

    # --- sheets ----------------------------------------------------------------------------
    def _protect(self, sheet: Worksheet) -> None:
        """Everything but the input cells is locked; a password only when the user asked for one."""
        sheet.protection.sheet = True
        if self.password:
            sheet.protection.password = self.password

    def _header(self, sheet: Worksheet, titles: tuple[str, ...]) -> None:
        sheet.append(list(titles))
        for cell in sheet[1]:
            cell.font = BOLD

    def _title(self, sheet: Worksheet) -> None:
        text = self.text
        self._region_cells["title"] = sheet["A1"]
        sheet["A1"].font = Font(bold=True, size=14)
        sheets = self.sheets
        lines = [
            text["letter"],
            text["step_inputs"].format(inputs=sheets["inputs"]),
            text["step_results"].format(diagnostics=sheets[DIAGNOSTICS], arv=sheets[ARV]),
            text["step_checks"].format(checks=sheets["checks"]),
            text["step_udf"].format(xlwings=addin.pinned_xlwings_version()),
        ]
        for row, line in enumerate(lines, start=3):
            sheet.cell(row, 1, line)
        sheet["A9"], sheet["B9"] = text["version"], TEMPLATE_VERSION
        self._define("xl_addin_template_version", _absolute(sheet.title, 2, 9))
        sheet["A10"] = text["region"]
        self._region_cells["region"] = sheet["B10"]
        self._define("xl_addin_region", _absolute(sheet.title, 2, 10))
        sheet.column_dimensions["A"].width = 100

    def _reference(self, sheet: Worksheet) -> None:
        self._header(sheet, self.headers["reference"])
        for coefficient in k.COEFFICIENTS.values():
            sheet.append([coefficient.key, float(coefficient.value), coefficient.section, coefficient.meaning])
            self._define(name(coefficient), _absolute(sheet.title, 2, sheet.max_row))
        row = sheet.max_row + 2
        sheet.cell(row, 1, self.text["by_years"])
        for offset, coefficient in enumerate(k.ART_NEED_BY_YEARS):
            sheet.cell(row, 2 + offset, float(coefficient.value))
        self._define("k_art_need_by_years", _absolute(sheet.title, 2, row, len(k.ART_NEED_BY_YEARS)))
        sheet.cell(row + 2, 1, self.text["published"])
        self._region_cells["published"] = sheet.cell(row + 2, 2)
        self._define("xl_addin_published_2006", _absolute(sheet.title, 2, row + 2))
        for column, width in zip("ABCD", (34, 12, 36, 80), strict=True):
            sheet.column_dimensions[column].width = width
        self._protect(sheet)

    def _inputs(self, sheet: Worksheet) -> None:
        self._header(sheet, self.headers["inputs"])
        sheet.cell(1, FIRST_VALUE_COLUMN + 12, self.headers["source"]).font = BOLD
        text = self.text
        whole = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
            showErrorMessage=True, errorTitle=text["error_title"], error=text["error"],
            showInputMessage=True, promptTitle=text["prompt_title"], prompt=text["prompt"],
        )  # fmt: skip
        sheet.add_data_validation(whole)
        row = 1
        for field in INPUTS:
            if field.headers:
                row += 1
                for offset, header in enumerate(field.headers):
                    sheet.cell(row, FIRST_VALUE_COLUMN + offset, header).font = BOLD
            row += 1
            sheet.cell(row, 1, self._label(field))
            self.input_cells[field.name] = (row, FIRST_VALUE_COLUMN)
            for offset in range(field.cells):
                cell = sheet.cell(row, FIRST_VALUE_COLUMN + offset)
                cell.protection = UNLOCKED
                cell.fill = YELLOW
            whole.add(_absolute(sheet.title, FIRST_VALUE_COLUMN, row, field.cells).split("!")[1].replace("$", ""))
            sheet.cell(row, FIRST_VALUE_COLUMN).comment = Comment(text["note"].format(source=field.source), "xl_addin")
            sheet.cell(row, FIRST_VALUE_COLUMN + 12, field.source)
            self._define(field.name, _absolute(sheet.title, FIRST_VALUE_COLUMN, row, field.cells))
            sheet.cell(row, 2, f'=IF({validity(field.name)},"OK","✗")')
        last = sheet.max_row
        self._define("xl_addin_input_status", f"{quote_sheetname(sheet.title)}!$B$2:$B${last}")
        sheet.conditional_formatting.add(f"B2:B{last}", FormulaRule(formula=['B2="OK"'], fill=GREEN))
        sheet.conditional_formatting.add(f"B2:B{last}", FormulaRule(formula=['B2="✗"'], fill=RED))
        sheet.column_dimensions["A"].width = 70
        self._protect(sheet)

    def _result_formula(self, result: Result, part: int) -> str:
        """The only place where the two variants differ."""
        if self.variant == UDF_VARIANT:
            call = self._call(result.function, result.args)
            if result.cells > 1:
                return f"=INDEX({call},{part + 1})"
            if result.plan_input is None or result.plan_function is None:
                return f"={call}"
            plan = self._call(result.plan_function, result.plan_args)
            cells = INPUT_BY_NAME[result.plan_input].cells
            return f"=IF(COUNTBLANK({result.plan_input})={cells},{call},{plan})"
        if result.function == "ART_NEED_RANGE":
            base = self._argument(result.args[0])
            value = (up if part == 0 else down)(f"{base}*{name(k.ART_NEED_LOW if part == 0 else k.ART_NEED_HIGH)}")
            return f"=IF({self._valid_all(result.args)},{value},NA())"
        formula = self._guarded(result.function, result.args, "NA()")
        if result.plan_input is None or result.plan_function is None:
            return f"={formula}"
        plan = self._guarded(result.plan_function, result.plan_args, "NA()")
        cells = INPUT_BY_NAME[result.plan_input].cells
        return f"=IF(COUNTBLANK({result.plan_input})={cells},{formula},{plan})"

    def _results(self, sheet: Worksheet, key: str) -> None:
        self._header(sheet, self.headers["results"])
        for result in (r for r in RESULTS if r.sheet == key):
            function = FUNCTIONS[result.function]
            sheet.append([self._label(result)])
            row = sheet.max_row
            for part in range(result.cells):
                sheet.cell(row, 2 + part, self._result_formula(result, part))
            sheet.cell(row, 4, function.section)
            sheet.cell(row, 5, function.formula)
            self._define(result.name, _absolute(sheet.title, 2, row, result.cells))
        if key == ARV:
            self._cascade(sheet)
        sheet.column_dimensions["A"].width = 60
        sheet.column_dimensions["D"].width = 22
        sheet.column_dimensions["E"].width = 80
        self._protect(sheet)

    def _cascade(self, sheet: Worksheet) -> None:
        """The ART cascade (Appendix 2): detected → under observation → need range → planned on ART, as a chart."""
        first = sheet.max_row + 2
        sheet.cell(first, 1, self.text["cascade"]).font = BOLD
        sheet.cell(first, 2, self.text["persons"]).font = BOLD
        values = (
            "in_detected_cumulative", "out_dispensary_expected",
            "INDEX(out_art_need_range,1)", "INDEX(out_art_need_range,2)", "in_planned_on_art",
        )  # fmt: skip
        for offset, (label, value) in enumerate(zip(self.text["cascade_steps"], values, strict=True), start=1):
            sheet.cell(first + offset, 1, label)
            sheet.cell(first + offset, 2, f"={value}")
        last = first + len(values)
        chart = BarChart()
        chart.type, chart.title, chart.legend = "bar", self.text["cascade"], None
        chart.y_axis.title = self.text["persons"]
        chart.add_data(Reference(sheet, min_col=2, min_row=first, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first + 1, max_row=last))
        chart.x_axis.scaling.orientation = "maxMin"  # detected on top, as the cascade reads
        chart.height, chart.width = 7.5, 18
        sheet.add_chart(chart, f"A{last + 2}")

    def _published_formula(self) -> str:
        published = self.region.published_2006
        if published is None:
            return f'="{model.published_sentence(0, None)}"'
        return (
            f'=IF(ISNUMBER(out_art_need_estimate),"Оценка "&out_art_need_estimate&"; опубликовано в 2006 г.: {published}",'
            f'"Оценка не вычислена; опубликовано в 2006 г.: {published}")'
        )

    def _apply_region(self) -> None:
        """Write the few cells that depend on the region (title, published 2006 figure and its check)."""
        cells = self._region_cells
        cells["title"].value = self.text["title"].format(year=self.year, region=self.region.name)
        cells["region"].value = self.region.name
        cells["published"].value = self.region.published_2006
        cells["published_check"].value = self._published_formula()

    def for_region(self, region: Region) -> Workbook:
        """The built workbook, made for another region: only its region-specific cells change."""
        self.region = region
        self._apply_region()
        for title in self.sheets.values():
            # openpyxl remembers the notes' drawing of the previous save and, in a workbook with VBA,
            # would look for it in the quickstart's archive: our notes are written afresh every time
            self.book[title].legacy_drawing = None
        return self.book

    def _check_formula(self, check: Check, result_cells: int) -> str | None:
        if check.kind == "inputs":
            total = len(INPUTS)
            return (
                f'=IF(COUNTIF(xl_addin_input_status,"OK")={total},"OK",'
                f'"{model.INPUTS_BAD}"&({total}-COUNTIF(xl_addin_input_status,"OK")))'
            )
        if check.kind == "numeric":
            names = ",".join(result.name for result in RESULTS)
            return f'=IF(COUNT({names})={result_cells},"OK","{model.RESULTS_BAD}"&({result_cells}-COUNT({names})))'
        if check.kind == "published":
            return None  # region-specific: written by _apply_region
        if check.comparison is not None:
            return self._comparison_formula(check.comparison)
        no_data = f'"{model.NO_DATA}"'
        return "=" + self._guarded(check.function or "", check.args, no_data)

    @staticmethod
    def _comparison_formula(comparison: Comparison) -> str:
        operands = (*comparison.left, comparison.right)
        valid = ",".join(f"ISNUMBER({o})" if o.startswith("out_") else validity(o) for o in operands)
        left = "+".join(comparison.left)
        first, middle, last = comparison.sentence
        sentence = f'"{first}"&({left})&"{middle}"&{comparison.right}&"{last}"'
        formula = f'IF(AND({valid}),IF({left}<={comparison.right},"OK",{sentence}),"{model.NO_DATA}")'
        right = INPUT_BY_NAME.get(comparison.right)
        if right is not None and right.optional:
            formula = f'IF(ISBLANK({comparison.right}),"OK",{formula})'
        return f"={formula}"

    def _checks(self, sheet: Worksheet) -> None:
        self._header(sheet, self.headers["checks"])
        result_cells = sum(result.cells for result in RESULTS)
        ordered = [c for c in CHECKS if not c.information] + [c for c in CHECKS if c.information]
        counted = 0
        for check in ordered:
            if check.information and counted == 0:
                counted = sheet.max_row - 1
                self._chk_all(sheet, counted)
            sheet.append([self._label(check), self._check_formula(check, result_cells)])
            if check.kind == "published":
                self._region_cells["published_check"] = sheet.cell(sheet.max_row, 2)
            self._define(check.name, _absolute(sheet.title, 2, sheet.max_row))
        last = counted + 2  # the checks and chk_all; information lines below them are neither red nor green
        sheet.conditional_formatting.add(f"B2:B{last}", FormulaRule(formula=['B2="OK"'], fill=GREEN))
        sheet.conditional_formatting.add(f"B2:B{last}", FormulaRule(formula=['B2<>"OK"'], fill=RED))
        sheet.column_dimensions["A"].width = 70
        sheet.column_dimensions["B"].width = 100
        self._protect(sheet)

    def _chk_all(self, sheet: Worksheet, counted: int) -> None:
        rows = f"$B$2:$B${counted + 1}"
        sheet.append([self.text["total"], f'=IF(COUNTIF({rows},"OK")={counted},"OK",{counted}-COUNTIF({rows},"OK"))'])
        self._define("chk_all", _absolute(sheet.title, 2, sheet.max_row))

    def build(self) -> Workbook:
        """The finished workbook."""
        keys = ("title", "inputs", DIAGNOSTICS, ARV, "checks", "reference")
        sheets = {key: self.book.create_sheet(self.sheets[key], index) for index, key in enumerate(keys)}
        for title in self._foreign_sheets:
            del self.book[title]
        for sheet in sheets.values():  # a region prints and signs its request
            print_one_page_wide(sheet)
        self._title(sheets["title"])
        self._reference(sheets["reference"])
        self._inputs(sheets["inputs"])
        self._results(sheets[DIAGNOSTICS], DIAGNOSTICS)
        self._results(sheets[ARV], ARV)
        self._checks(sheets["checks"])
        if self.variant == UDF_VARIANT:
            addin.configure(self.book)
        self._apply_region()
        self.book.active = 0
        return self.book


def write_workbook(
    path: Path,
    region: Region,
    *,
    lang: str = "ru",
    year: int = 2007,
    variant: str = NATIVE_VARIANT,
    password: str | None = None,
) -> None:
    """Build and save a workbook for ``region`` at ``path`` (the caller makes it atomic)."""
    WorkbookWriter(region, lang=lang, year=year, variant=variant, password=password).build().save(path)
