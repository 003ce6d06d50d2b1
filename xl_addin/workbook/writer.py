"""Writing a regional workbook from the layout with openpyxl, in either variant.

``native`` (.xlsx): built-in Excel functions only, no Python needed.  ``udf``
(.xlsm): result cells call the add-in's functions (``=ELISA_VOLUME(in_planned_screenings)``).
Every input is a workbook-scoped name ``in_*``, every result ``out_*``, every
check ``chk_*``; coefficients are ``k_*`` cells on the reference sheet, written
from the core.  A result whose inputs are not whole numbers from 0 to ``MAX_COUNT`` shows #N/A,
never a number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.catalog import FUNCTIONS
from xl_addin.catalog.native import NATIVE, art_need_bounds, name, treatment_need_bounds
from xl_addin.core import coefficients as k
from xl_addin.core.numbers import MAX_COUNT
from xl_addin.core.severity import Severity
from xl_addin.request import model
from xl_addin.request.layout import (
    ARV,
    CHECKS,
    DEFAULT_YEAR,
    DIAGNOSTICS,
    INPUT_BY_NAME,
    INPUTS,
    RESULTS,
    TEMPLATE_VERSION,
    Check,
    InputField,
    Result,
    Source,
)
from xl_addin.request.plan_layout import (
    DELIVERIES,
    PLAN,
    PLAN_CALC,
    YEAR_CELL,
    YEAR_NAME,
)
from xl_addin.request.products_model import FIRST_ROW
from xl_addin.request.untouched import LIST_COLUMNS, STAMP_NAME, list_fingerprint
from xl_addin.workbook import addin, formulas, saving
from xl_addin.workbook.cascade import write_cascade
from xl_addin.workbook.cells import Formula, put
from xl_addin.workbook.plan_sheet import PlanSheets
from xl_addin.workbook.printing import fit_row_heights, print_one_page_wide
from xl_addin.workbook.product_list import ProductEntry, fill_rows
from xl_addin.workbook.products_formulas import CALC_SHEET
from xl_addin.workbook.products_sheet import ProductsSheet, write_used_kits
from xl_addin.workbook.texts import HEADERS, LANGUAGES, SECTIONS, SHEETS, STATUS, TEXT

NATIVE_VARIANT, UDF_VARIANT = "native", "udf"
VARIANTS = (NATIVE_VARIANT, UDF_VARIANT)
#: File suffix of each variant.
SUFFIX = {NATIVE_VARIANT: ".xlsx", UDF_VARIANT: ".xlsm"}

SOURCE_COLUMN, STATUS_COLUMN = 2, 3  # B: where the number comes from, C: whether it is acceptable
FIRST_VALUE_COLUMN = 4  # D: inputs start here
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
ORANGE = PatternFill("solid", start_color="FFE0B2", end_color="FFE0B2")
GREY = PatternFill("solid", start_color="E7E6E6", end_color="E7E6E6")
YELLOW = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
BOLD = Font(bold=True)
HEADING = Font(bold=True, size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
SHRINK = Alignment(shrink_to_fit=True)
THOUSANDS = "#,##0"
#: An input that is not a whole number shows what was typed (1,5, not 2 beside «нужно целое число»): up to
#: nine decimals, thousands still grouped, by a conditional format over THOUSANDS.
TYPED_FRACTION = "#,##0.#########"


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


#: Two-cell results whose native formulas are the two ends of a range.
_RANGE_BOUNDS: dict[str, Callable[[str], tuple[str, str]]] = {
    "ART_NEED_RANGE": art_need_bounds,
    "TREATMENT_NEED_RANGE": treatment_need_bounds,
}


#: Checks of their own kind: their formulas, from ``formulas``.
_KIND_FORMULAS: dict[str, Callable[[str], str]] = {
    "inputs": formulas.inputs_formula,
    "numeric": formulas.numeric_formula,
    "formulas": formulas.formulas_formula,
    "pmtct_trend": formulas.trend_formula,
}


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
        year: int = DEFAULT_YEAR,
        variant: str = NATIVE_VARIANT,
        password: str | None = None,
        products: bool = True,
        product_list: Sequence[ProductEntry] = (),
        plan: bool | None = None,
    ) -> None:
        if lang not in LANGUAGES or variant not in VARIANTS:
            raise ValueError(f"lang={lang!r}, variant={variant!r}")
        self.region, self.lang, self.year, self.variant = region, lang, year, variant
        self.password, self.products, self.product_list = password, products, tuple(product_list)
        if self.product_list and not products:
            raise ValueError("a product list needs the products sheet (products=True)")
        #: the supply plan's sheets (issue 22): with the products sheet, unless left out (plan=False: a workbook the
        #: tests' formula engine computes in seconds, not minutes)
        self.plan = products if plan is None else plan
        if self.plan and not products:
            raise ValueError("the supply plan needs the products sheet (products=True)")
        self.sheets, self.headers, self.text = SHEETS[lang], HEADERS[lang], TEXT[lang]
        self.input_cells: dict[str, tuple[int, int]] = {}
        self._region_cells: dict[str, Cell] = {}
        if variant == UDF_VARIANT:
            self.book, self._foreign_sheets = addin.open_quickstart()
        else:
            self.book, self._foreign_sheets = Workbook(), []
            active = self.book.active
            assert active is not None  # a new Workbook has one sheet, active
            self._foreign_sheets.append(active.title)

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
        return formulas.source_formula(source)

    def _guarded(self, function: str, sources: tuple[Source, ...], otherwise: str) -> str:
        formula = NATIVE[function](*(self._argument(source) for source in sources))
        return f"IF({formulas.sources_valid(sources)},{formula},{otherwise})"

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
            cell.font, cell.alignment = BOLD, WRAP  # a header wider than its column prints whole, on two lines

    def _title(self, sheet: Worksheet) -> None:
        text = self.text
        self._region_cells["title"] = sheet["A1"]
        sheet["A1"].font = Font(bold=True, size=14)
        sheets = self.sheets
        steps = [text["step_inputs"].format(inputs=sheets["inputs"])]
        if self.products:  # the products sheet «Товары», when the workbook has it
            plan = text["step_plan"].format(plan=sheets[PLAN], deliveries=sheets[DELIVERIES]) if self.plan else ""
            steps.append(text["step_products"].format(products=sheets["products"]) + plan)
        steps.append(text["step_results"].format(diagnostics=sheets[DIAGNOSTICS], arv=sheets[ARV]))
        steps.append(text["step_checks"].format(checks=sheets["checks"]))
        if self.variant == UDF_VARIANT:  # only the add-in variant needs the add-in
            steps.append(text["step_udf"].format(xlwings=addin.pinned_xlwings_version()))
        lines = [text["letter"], *(f"{number}. {step}" for number, step in enumerate(steps, start=1))]
        for row, line in enumerate(lines, start=3):  # at most six lines: rows 3–8, above the version in row 9
            sheet.cell(row, 1, line).alignment = WRAP  # printed whole: fit_row_heights gives the row its lines
        sheet["A9"], sheet["B9"] = text["version"], TEMPLATE_VERSION
        self._define("xl_addin_template_version", _absolute(sheet.title, 2, 9))
        sheet["A10"] = text["region"]
        self._region_cells["region"] = sheet["B10"]
        sheet["B10"].font = BOLD  # styled: saved even blank, where a run's copies find it (region_copies)
        self._define("xl_addin_region", _absolute(sheet.title, 2, 10))
        sheet["A11"], sheet["B11"] = text["language"], self.lang  # the language of the check sentences
        self._define("xl_addin_lang", _absolute(sheet.title, 2, 11))
        sheet["A12"], sheet["B12"] = text["year"], self.year  # the supply plan's months (issue 22)
        self._define(YEAR_NAME, f"{quote_sheetname(sheet.title)}!{YEAR_CELL}")
        if self.products:  # which product list generate wrote: what differs from it, a region typed (untouched.py)
            columns = {name: [entry.get(name) for entry in self.product_list] for name in LIST_COLUMNS}
            sheet["A13"], sheet["B13"] = text["product_list"], list_fingerprint(columns)
            self._define(STAMP_NAME, _absolute(sheet.title, 2, 13))
        sheet.column_dimensions["A"].width = 100
        self._protect(sheet)  # the region and year are the workbook's identity: not changed by accident

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
        self._region_cells["published"] = cast(Cell, sheet.cell(row + 2, 2))  # a fresh cell, never merged
        self._region_cells["published"].number_format = "0"  # a count of persons; styled, so saved even when blank
        self._define("xl_addin_published_2006", _absolute(sheet.title, 2, row + 2))
        for column, width in zip("ABCD", (30, 10, 34, 44), strict=True):
            sheet.column_dimensions[column].width = width
        for column in "EFGHIJK":  # the rest of the row of shares by years since detection
            sheet.column_dimensions[column].width = 5
        for cells in sheet.iter_rows(min_col=3, max_col=4):
            for cell in cells:
                cell.alignment = WRAP
        self._protect(sheet)

    def _section(self, sheet: Worksheet, key: str) -> None:
        """A bold heading row (ВИЧ / гепатиты / АРВ) so that a printed sheet reads by section."""
        sheet.append([SECTIONS[self.lang][key]])
        sheet.cell(sheet.max_row, 1).font = HEADING

    def _inputs(self, sheet: Worksheet) -> None:
        self._header(sheet, self.headers["inputs"])
        text = self.text
        whole = DataValidation(
            type="whole", operator="between", formula1="0", formula2=str(MAX_COUNT), allow_blank=True,
            showErrorMessage=True, errorTitle=text["error_title"], error=text["error"],
            showInputMessage=True, promptTitle=text["prompt_title"], prompt=text["prompt"],
        )  # fmt: skip
        sheet.add_data_validation(whole)
        for field in INPUTS:
            if field.name in SECTIONS[self.lang]:
                self._section(sheet, field.name)
            headers = field.column_headers(self.year)
            if headers:  # a row of its own above the cells (``append([])`` would not move ``max_row``)
                header_row = sheet.max_row + 1
                for offset, header in enumerate(headers):
                    sheet.cell(header_row, FIRST_VALUE_COLUMN + offset, header).font = BOLD
                sheet.cell(header_row, FIRST_VALUE_COLUMN + offset).alignment = WRAP
            sheet.append([field.label(self.lang, self.year), field.source])
            row = sheet.max_row
            sheet.cell(row, 1).alignment = WRAP
            sheet.cell(row, SOURCE_COLUMN).alignment = WRAP  # one font size: printed ≥ 8 pt (test_print.py)
            self.input_cells[field.name] = (row, FIRST_VALUE_COLUMN)
            for offset in range(field.cells):
                cell = sheet.cell(row, FIRST_VALUE_COLUMN + offset)
                cell.protection, cell.fill, cell.number_format = UNLOCKED, YELLOW, THOUSANDS
                cell.alignment = SHRINK  # a long typed fraction (1 234,25) shown whole, not ###
            whole.add(_absolute(sheet.title, FIRST_VALUE_COLUMN, row, field.cells).split("!")[1].replace("$", ""))
            sheet.cell(row, FIRST_VALUE_COLUMN).comment = Comment(text["note"].format(source=field.source), "xl_addin")
            self._define(field.name, _absolute(sheet.title, FIRST_VALUE_COLUMN, row, field.cells))
            status = sheet.cell(row, STATUS_COLUMN, formulas.input_status(field.name, self.lang))
            status.alignment = WRAP
        last = sheet.max_row
        column = get_column_letter(STATUS_COLUMN)
        self._define("xl_addin_input_status", f"{quote_sheetname(sheet.title)}!${column}$2:${column}${last}")
        cells, first = f"{column}2:{column}{last}", f"{column}2"
        sheet.conditional_formatting.add(cells, FormulaRule(formula=[f'{first}="OK"'], fill=GREEN, stopIfTrue=True))
        sheet.conditional_formatting.add(
            cells, FormulaRule(formula=[f'{first}="{STATUS[self.lang]["not_filled"]}"'], fill=GREY, stopIfTrue=True)
        )
        sheet.conditional_formatting.add(cells, FormulaRule(formula=[f"LEN({first})>0"], fill=RED))
        self._show_fractions(sheet)
        # «Значение» over all the value columns (each 7 wide, narrower than the word): printed whole
        sheet.merge_cells(start_row=1, start_column=FIRST_VALUE_COLUMN, end_row=1, end_column=FIRST_VALUE_COLUMN + 11)
        widths = {"A": 30, "B": 20, "C": 13, **{get_column_letter(FIRST_VALUE_COLUMN + i): 7 for i in range(12)}}
        for letter, width in widths.items():
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
        self._protect(sheet)

    def _show_fractions(self, sheet: Worksheet) -> None:
        """A number with a fraction in an input cell is shown with it (TYPED_FRACTION); whole numbers keep THOUSANDS."""
        fraction = DifferentialStyle(numFmt=NumberFormat(numFmtId=200, formatCode=TYPED_FRACTION))
        last_column = max(first + INPUT_BY_NAME[name].cells - 1 for name, (_, first) in self.input_cells.items())
        top = get_column_letter(FIRST_VALUE_COLUMN) + "2"
        cells = f"{top}:{get_column_letter(last_column)}{sheet.max_row}"
        rule = Rule(type="expression", dxf=fraction, formula=[f"AND(ISNUMBER({top}),{top}<>INT({top}))"])
        sheet.conditional_formatting.add(cells, rule)

    def _result_formula(self, result: Result, part: int) -> str:
        """The only place where the two variants differ."""
        args = tuple(replace(source, part=part) for source in result.args) if result.pairwise else result.args
        if self.variant == UDF_VARIANT:
            call = self._call(result.function, args)
            if result.cells > 1 and not result.pairwise:
                return f"=INDEX({call},{part + 1})"
            if result.plan_input is None or result.plan_function is None:
                return f"={call}"
            plan = self._call(result.plan_function, result.plan_args)
            cells = INPUT_BY_NAME[result.plan_input].cells
            return f"=IF(COUNTBLANK({result.plan_input})={cells},{call},{plan})"
        bounds = _RANGE_BOUNDS.get(result.function)
        if bounds is not None:
            value = bounds(self._argument(result.args[0]))[part]
            return f"=IF({formulas.sources_valid(result.args)},{value},NA())"
        formula = self._guarded(result.function, args, "NA()")
        if result.plan_input is None or result.plan_function is None:
            return f"={formula}"
        plan = self._guarded(result.plan_function, result.plan_args, "NA()")
        cells = INPUT_BY_NAME[result.plan_input].cells
        return f"=IF(COUNTBLANK({result.plan_input})={cells},{formula},{plan})"

    def _results(self, sheet: Worksheet, key: str) -> None:
        self._header(sheet, self.headers["results_range" if key == ARV else "results"])  # ARV: «от» and «до»
        for result in (r for r in RESULTS if r.sheet == key):
            if result.name in SECTIONS[self.lang]:
                self._section(sheet, result.name)
            function = FUNCTIONS[result.function]
            sheet.append([self._label(result)])
            row = sheet.max_row
            sheet.cell(row, 1).alignment = WRAP
            for part in range(result.cells):
                sheet.cell(row, 2 + part, self._result_formula(result, part)).number_format = THOUSANDS
            sheet.cell(row, 4, function.section).alignment = WRAP
            sheet.cell(row, 5, function.formula)
            sheet.cell(row, 5).alignment = WRAP
            self._define(result.name, _absolute(sheet.title, 2, row, result.cells))
        if key == ARV:
            write_used_kits(self.book, sheet, self.lang, products=self.products)  # P3: the kits the letter reads
            write_cascade(sheet, self.text)
        for letter, width in zip("ABCDE", (46, 12, 12, 22, 44), strict=True):  # «препаратов» whole in C
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
        self._protect(sheet)

    def _published_formula(self, region: Region) -> str:
        texts, published = model.TEXTS[self.lang], region.published_2006
        if published is None:
            return f'="{texts.no_published}"'
        before, after = texts.estimate
        return (
            f'=IF(ISNUMBER(out_art_need_estimate),"{before}"&out_art_need_estimate&"{after}{published}",'
            f'"{before}{texts.no_estimate}{after}{published}")'
        )

    def region_values(self, region: Region) -> dict[str, str | int | None]:
        """What the region-specific cells hold for ``region``: key → value (a formula as a
        :class:`~xl_addin.workbook.cells.Formula`; any other text, the region's name above all, is a string)."""
        return {
            "title": self.text["title"].format(year=self.year, region=region.name),
            "region": region.name,
            "published": region.published_2006,
            "published_check": Formula(self._published_formula(region)),
        }

    def region_places(self) -> dict[str, tuple[str, str]]:
        """Where the region-specific cells are: key → (sheet title, cell), as :meth:`region_values` keys them."""
        return {key: (cell.parent.title, cell.coordinate) for key, cell in self._region_cells.items()}

    def _apply_region(self) -> None:
        """Write the few cells that depend on the region (title, region, published 2006 figure and its check)."""
        for key, value in self.region_values(self.region).items():
            put(self._region_cells[key], value)

    def without_region(self) -> Workbook:
        """The built workbook with its region-specific cells blank: the package a run's files are copied from
        (:mod:`xl_addin.workbook.region_copies`), which then holds no region's name."""
        for cell in self._region_cells.values():
            cell.value = None
        return self.book

    def _check_formula(self, check: Check) -> str | None:
        if check.kind == "published":
            return None  # region-specific: written by _apply_region
        if check.comparison is not None:
            return formulas.comparison_formula(check.comparison, self.lang)
        if check.function is not None:
            return formulas.function_check_formula(check, self._argument, self.lang)
        return _KIND_FORMULAS[check.kind](self.lang)

    def _checks(self, sheet: Worksheet) -> None:
        """Errors first with ``chk_all`` under them, then warnings and information apart (they do not count)."""
        self._header(sheet, self.headers["checks"])
        for severity in Severity:
            block = [check for check in CHECKS if check.severity is severity]
            if severity is not Severity.ERROR:
                sheet.append([])
                self._section(sheet, severity.name)
            top = sheet.max_row + 1
            word = severity.value if self.lang == "ru" else severity.en
            for check in block:
                row = sheet.max_row + 1  # the severity shows only where the check is not "OK"
                shown = f'=IF(B{row}="OK","","{word}")' if severity is not Severity.INFO else word
                sheet.append([self._label(check), self._check_formula(check), shown])
                if check.kind == "published":
                    self._region_cells["published_check"] = cast(Cell, sheet.cell(sheet.max_row, 2))
                self._define(check.name, _absolute(sheet.title, 2, sheet.max_row))
                sheet.cell(sheet.max_row, 1).alignment = sheet.cell(sheet.max_row, 2).alignment = WRAP
            if severity is Severity.ERROR:
                rows = f"$B${top}:$B${sheet.max_row}"
                sheet.append([self.text["total"], formulas.all_formula(rows, len(block), self.lang)])
                sheet.cell(sheet.max_row, 1).font = sheet.cell(sheet.max_row, 2).font = BOLD
                self._define("chk_all", _absolute(sheet.title, 2, sheet.max_row))
            if severity is not Severity.INFO:
                self._colour_checks(sheet, f"B{top}:B{sheet.max_row}", RED if severity is Severity.ERROR else ORANGE)
        for letter, width in zip("ABC", (52, 80, 14), strict=True):
            sheet.column_dimensions[letter].width = width
        self._protect(sheet)

    def _colour_checks(self, sheet: Worksheet, cells: str, failed: PatternFill) -> None:
        """Green "OK"; grey while there is nothing to check; ``failed`` for a sentence."""
        first = cells.split(":", maxsplit=1)[0]
        texts = model.TEXTS[self.lang]
        waiting = f'OR({first}="{texts.no_data}",{first}="{texts.not_filled}")'
        sheet.conditional_formatting.add(cells, FormulaRule(formula=[f'{first}="OK"'], fill=GREEN, stopIfTrue=True))
        sheet.conditional_formatting.add(cells, FormulaRule(formula=[waiting], fill=GREY, stopIfTrue=True))
        sheet.conditional_formatting.add(cells, FormulaRule(formula=[f"LEN({first})>0"], fill=failed))

    def build(self) -> Workbook:
        """The finished workbook."""
        # the products sheet («Товары», template version 4); products=False leaves it out (a shorter workbook)
        # and its calculation sheet, hidden, last
        # with the products sheet, the supply plan's (issue 22, version 5): deliveries and the plan after it, its
        # calculation sheet hidden, last
        keys = ("title", "inputs", DIAGNOSTICS, ARV, *(("products",) if self.products else ()),
                *((DELIVERIES, PLAN) if self.plan else ()), "checks", "reference",
                *((CALC_SHEET,) if self.products else ()), *((PLAN_CALC,) if self.plan else ()))  # fmt: skip
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
        products = None
        if self.products:
            products = ProductsSheet(self.book, self.lang, native=self.variant != UDF_VARIANT, protect=self._protect)
            products.settings(sheets["reference"])
            products.write(sheets["products"], sheets[CALC_SHEET])
            fill_rows(sheets["products"], self.product_list)
        if self.plan:
            PlanSheets(self.book, self.lang, self.year, protect=self._protect).write(
                sheets[DELIVERIES], sheets[PLAN], sheets[PLAN_CALC]
            )
        rows = {"products": FIRST_ROW - 1}
        for key, sheet in sheets.items():  # the tables' rows keep Excel's own heights (the plan's: set by it)
            if key not in (CALC_SHEET, PLAN_CALC, DELIVERIES, PLAN):
                fit_row_heights(sheet, rows.get(key))
        if products is not None:  # the sentences wrapped in merged cells
            products.fit_rows(sheets["products"])
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
    year: int = DEFAULT_YEAR,
    variant: str = NATIVE_VARIANT,
    password: str | None = None,
    products: bool = True,
    product_list: Sequence[ProductEntry] = (),
    plan: bool | None = None,
) -> None:
    """Build and save a workbook for ``region`` at ``path`` (the caller makes it atomic); ``products``: with the
    products sheet «Товары» (the template's default), ``product_list`` written into its rows; ``plan``: with the
    supply plan's sheets (the default with the products sheet)."""
    writer = WorkbookWriter(
        region, lang=lang, year=year, variant=variant, password=password, products=products,
        product_list=product_list, plan=plan,
    )  # fmt: skip
    saving.save(writer.build(), str(path))
