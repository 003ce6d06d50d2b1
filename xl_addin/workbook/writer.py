"""Writing a regional workbook from the layout with openpyxl (native-formula variant).

Every input is a workbook-scoped name ``in_*``, every result ``out_*``, every
check ``chk_*``; coefficients are ``k_*`` cells on the reference sheet, written
from the core.  A result whose inputs are not whole numbers ≥ 0 shows #N/A,
never a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from xl_addin.catalog import FUNCTIONS
from xl_addin.catalog.native import NATIVE, down, name, up
from xl_addin.core import coefficients as k
from xl_addin.workbook import model
from xl_addin.workbook.layout import (
    ARV,
    CHECKS,
    DIAGNOSTICS,
    INPUT_BY_NAME,
    INPUTS,
    RESULTS,
    TEMPLATE_VERSION,
    Check,
    Result,
    Source,
)

SHEETS = {
    "ru": {"title": "Титул", "inputs": "Ввод", DIAGNOSTICS: "Диагностика", ARV: "АРВ", "checks": "Проверки", "reference": "Справка"},
    "en": {"title": "Title", "inputs": "Inputs", DIAGNOSTICS: "Diagnostics", ARV: "ARV drugs", "checks": "Checks", "reference": "Reference"},
}  # fmt: skip
FIRST_VALUE_COLUMN = 3  # C: inputs start here; B holds each input's status
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
BOLD = Font(bold=True)


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
    """Builds one workbook; call :meth:`build` then save the returned openpyxl workbook."""

    def __init__(self, region: Region, *, lang: str = "ru", year: int = 2007) -> None:
        self.region, self.lang, self.year = region, lang, year
        self.sheets = SHEETS[lang]
        self.book = Workbook()
        self.input_cells: dict[str, tuple[int, int]] = {}

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

    # --- sheets ----------------------------------------------------------------------------
    def _title(self) -> None:
        sheet = self.book.active
        sheet.title = self.sheets["title"]
        sheet["A1"] = f"Заявка на {self.year} год: {self.region.name}"
        sheet["A1"].font = Font(bold=True, size=14)
        lines = [
            "По письму Роспотребнадзора от 20.10.2006 N 0100/11323-06-32.",
            f"1. Заполните жёлтые ячейки на листе «{self.sheets['inputs']}» целыми числами (0, если таких нет).",
            f"2. Результаты — на листах «{self.sheets[DIAGNOSTICS]}» и «{self.sheets[ARV]}».",
            f"3. Лист «{self.sheets['checks']}»: всё зелёное — заявка согласована с критериями письма.",
        ]
        for row, line in enumerate(lines, start=3):
            sheet.cell(row, 1, line)
        sheet["A9"], sheet["B9"] = "Версия шаблона", TEMPLATE_VERSION
        self._define("xl_addin_template_version", _absolute(sheet.title, 2, 9))
        sheet.column_dimensions["A"].width = 100

    def _reference(self) -> None:
        sheet = self.book.create_sheet(self.sheets["reference"])
        sheet.append(["Коэффициент", "Значение", "Раздел письма", "Смысл"])
        for coefficient in k.COEFFICIENTS.values():
            sheet.append([coefficient.key, float(coefficient.value), coefficient.section, coefficient.meaning])
            self._define(name(coefficient), _absolute(sheet.title, 2, sheet.max_row))
        row = sheet.max_row + 2
        sheet.cell(row, 1, "Доли по годам после выявления (1…10)")
        for offset, coefficient in enumerate(k.ART_NEED_BY_YEARS):
            sheet.cell(row, 2 + offset, float(coefficient.value))
        self._define("k_art_need_by_years", _absolute(sheet.title, 2, row, len(k.ART_NEED_BY_YEARS)))
        sheet.cell(row + 2, 1, "Опубликовано в письме: нуждаются в АРТ в 2006 г.")
        sheet.cell(row + 2, 2, self.region.published_2006)
        for column, width in zip("ABCD", (34, 12, 36, 80), strict=True):
            sheet.column_dimensions[column].width = width
        for row_cells in sheet.iter_rows(min_row=1, max_row=1):
            for cell in row_cells:
                cell.font = BOLD

    def _inputs(self) -> None:
        sheet = self.book.create_sheet(self.sheets["inputs"], 1)
        sheet.append(["Показатель", "Статус", "Значение"])
        for cell in sheet[1]:
            cell.font = BOLD
        whole = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
            showErrorMessage=True, errorTitle="Неверное значение",
            error="Введите целое число не меньше 0 (0, если таких нет).",
            showInputMessage=True, promptTitle="Целое число ≥ 0", prompt="Количество людей, исследований или комплектов.",
        )  # fmt: skip
        sheet.add_data_validation(whole)
        yellow = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
        row = 1
        for field in INPUTS:
            if field.headers:
                row += 1
                for offset, header in enumerate(field.headers):
                    sheet.cell(row, FIRST_VALUE_COLUMN + offset, header).font = BOLD
            row += 1
            sheet.cell(row, 1, field.ru if self.lang == "ru" else field.en)
            self.input_cells[field.name] = (row, FIRST_VALUE_COLUMN)
            for offset in range(field.cells):
                cell = sheet.cell(row, FIRST_VALUE_COLUMN + offset)
                cell.protection = Protection(locked=False)
                cell.fill = yellow
                whole.add(cell.coordinate)
            sheet.cell(row, FIRST_VALUE_COLUMN).comment = Comment(f"Источник: {field.source}", "xl_addin")
            sheet.cell(row, FIRST_VALUE_COLUMN + 12, field.source)
            self._define(field.name, _absolute(sheet.title, FIRST_VALUE_COLUMN, row, field.cells))
            sheet.cell(row, 2, f'=IF({validity(field.name)},"OK","✗")')
        last = sheet.max_row
        self._define("xl_addin_input_status", f"{quote_sheetname(sheet.title)}!$B$2:$B${last}")
        sheet.conditional_formatting.add(f"B2:B{last}", FormulaRule(formula=['B2="OK"'], fill=GREEN))
        sheet.conditional_formatting.add(f"B2:B{last}", FormulaRule(formula=['B2="✗"'], fill=RED))
        sheet.column_dimensions["A"].width = 70
        sheet.protection.sheet = True

    def _result_formula(self, result: Result, part: int) -> str:
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

    def _results(self) -> None:
        for key in (DIAGNOSTICS, ARV):
            sheet = self.book.create_sheet(self.sheets[key], 2 if key == DIAGNOSTICS else 3)
            sheet.append(["Показатель", "Значение", "", "Раздел письма", "Формула"])
            for cell in sheet[1]:
                cell.font = BOLD
            for result in (r for r in RESULTS if r.sheet == key):
                function = FUNCTIONS[result.function]
                sheet.append([result.ru if self.lang == "ru" else result.en])
                row = sheet.max_row
                for part in range(result.cells):
                    sheet.cell(row, 2 + part, self._result_formula(result, part))
                sheet.cell(row, 4, function.section)
                sheet.cell(row, 5, function.formula)
                self._define(result.name, _absolute(sheet.title, 2, row, result.cells))
            sheet.column_dimensions["A"].width = 60
            sheet.column_dimensions["E"].width = 80
            sheet.protection.sheet = True

    def _check_formula(self, check: Check, result_cells: int) -> str:
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
            published = self.region.published_2006
            if published is None:
                return f'="{model.published_sentence(0, None)}"'
            return (
                f'=IF(ISNUMBER(out_art_need_estimate),"Оценка "&out_art_need_estimate&"; опубликовано в 2006 г.: {published}",'
                f'"Оценка не вычислена; опубликовано в 2006 г.: {published}")'
            )
        if check.comparison is not None:
            comparison = check.comparison
            operands = (*comparison.left, comparison.right)
            valid = ",".join(f"ISNUMBER({o})" if o.startswith("out_") else validity(o) for o in operands)
            left = "+".join(comparison.left)
            first, middle, last = comparison.sentence
            sentence = f'"{first}"&({left})&"{middle}"&{comparison.right}&"{last}"'
            return f'=IF(AND({valid}),IF({left}<={comparison.right},"OK",{sentence}),"{model.NO_DATA}")'
        no_data = f'"{model.NO_DATA}"'
        return "=" + self._guarded(check.function or "", check.args, no_data)

    def _checks(self) -> None:
        sheet = self.book.create_sheet(self.sheets["checks"], 4)
        sheet.append(["Проверка", "Результат"])
        for cell in sheet[1]:
            cell.font = BOLD
        result_cells = sum(result.cells for result in RESULTS)
        ordered = [c for c in CHECKS if not c.information] + [c for c in CHECKS if c.information]
        counted = 0
        for check in ordered:
            if check.information and counted == 0:
                counted = sheet.max_row - 1
                self._chk_all(sheet, counted)
            sheet.append([check.ru if self.lang == "ru" else check.en, self._check_formula(check, result_cells)])
            self._define(check.name, _absolute(sheet.title, 2, sheet.max_row))
        last = sheet.max_row
        sheet.conditional_formatting.add(f"B2:B{last}", FormulaRule(formula=['B2="OK"'], fill=GREEN))
        sheet.conditional_formatting.add(f"B2:B{last}", FormulaRule(formula=['B2<>"OK"'], fill=RED))
        sheet.column_dimensions["A"].width = 70
        sheet.column_dimensions["B"].width = 100
        sheet.protection.sheet = True

    def _chk_all(self, sheet: object, counted: int) -> None:
        rows = f"$B$2:$B${counted + 1}"
        sheet.append(  # type: ignore[attr-defined]
            ["Итого: проблем", f'=IF(COUNTIF({rows},"OK")={counted},"OK",{counted}-COUNTIF({rows},"OK"))']
        )
        self._define("chk_all", _absolute(sheet.title, 2, sheet.max_row))  # type: ignore[attr-defined]

    def build(self) -> Workbook:
        """The finished workbook."""
        self._title()
        self._reference()
        self._inputs()
        self._results()
        self._checks()
        return self.book


def write_workbook(path: Path, region: Region, *, lang: str = "ru", year: int = 2007) -> None:
    """Build and save a native workbook for ``region`` at ``path`` (the caller makes it atomic)."""
    WorkbookWriter(region, lang=lang, year=year).build().save(path)
