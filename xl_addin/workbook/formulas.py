"""The Excel formulas of a regional workbook's checks and input statuses, built from the layout.

The same layout entries are evaluated in Python by ``model.py``; the tests recalculate
the workbook with LibreOffice and require both to agree, sentence for sentence.
Only built-in Excel functions are used (``ISFORMULA`` with its ``_xlfn.`` prefix, Excel 2013+).
"""

from __future__ import annotations

from collections.abc import Callable

from xl_addin.catalog.native import NATIVE
from xl_addin.core.numbers import MAX_COUNT
from xl_addin.request import model
from xl_addin.request.layout import INPUT_BY_NAME, INPUTS, RESULTS, Check, Comparison, Source, operand
from xl_addin.request.products_layout import GIVEN_INPUTS, KIT_ROWS_NAME
from xl_addin.workbook.texts import STATUS


def validity(input_name: str) -> str:
    """An Excel condition that is TRUE when the input holds whole numbers from 0 to ``MAX_COUNT`` (or is an empty
    optional input)."""
    field = INPUT_BY_NAME[input_name]
    x = input_name
    if field.cells == 1:
        condition = f"IF(ISNUMBER({x}),AND({x}>=0,{x}=INT({x}),{x}<={MAX_COUNT}),FALSE)"
        return f"IF(ISBLANK({input_name}),TRUE,{condition})" if field.optional else condition
    condition = (
        f"IF(COUNT({input_name})={field.cells},AND(MIN({x})>=0,SUMPRODUCT({x}-INT({x}))=0,MAX({x})<={MAX_COUNT}),FALSE)"
    )
    return f"IF(COUNTBLANK({input_name})={field.cells},TRUE,{condition})" if field.optional else condition


def _blank(input_name: str) -> str:
    field = INPUT_BY_NAME[input_name]
    return f"ISBLANK({input_name})" if field.cells == 1 else f"COUNTBLANK({input_name})={field.cells}"


def input_status(input_name: str, lang: str = "ru") -> str:
    """The status cell beside an input: "OK", "не заполнено", or why the value is not a whole number from 0 to
    ``MAX_COUNT`` (docs/interpretation.md, R4), in the core's words.

    A kit total the drug rows of «Товары» give may be left blank: "OK" (docs/interpretation.md, P3).
    """
    field = INPUT_BY_NAME[input_name]
    says = STATUS[lang]
    blank = '"OK"' if field.optional else f'"{says["not_filled"]}"'
    if input_name in GIVEN_INPUTS and not field.optional:
        blank = f'IF(INDEX({KIT_ROWS_NAME},{GIVEN_INPUTS.index(input_name) + 1})>0,"OK",{blank})'
    x = input_name
    negative, fraction, logical, text = says["negative"], says["not_whole"], says["logical"], says["text"]
    large = f'"{says["too_large"]}"'
    if field.cells == 1:
        number = f'IF({x}<0,"{negative}",IF({x}<>INT({x}),"{fraction}",IF({x}>{MAX_COUNT},{large},"OK")))'
        return f'=IF(ISBLANK({x}),{blank},IF(ISNUMBER({x}),{number},IF(ISLOGICAL({x}),"{logical}","{text}")))'
    cells = field.cells
    number = (
        f'IF(MIN({x})<0,"{negative}",IF(SUMPRODUCT({x}-INT({x}))<>0,"{fraction}",'
        f'IF(MAX({x})>{MAX_COUNT},{large},"OK")))'
    )
    gaps = f'IF(COUNTBLANK({x})>0,"{says["gaps"]}"&COUNTBLANK({x}),"{text}")'
    return f"=IF(COUNTBLANK({x})={cells},{blank},IF(COUNT({x})={cells},{number},{gaps}))"


def operand_formula(text: str) -> str:
    """An operand of a comparison in Excel: a name, the sum of a range, or one cell of a two-cell result."""
    name, part = operand(text)
    if part is not None:
        return f"INDEX({name},{part + 1})"
    field = INPUT_BY_NAME.get(name)
    return f"SUM({name})" if field is not None and field.cells > 1 else name


def operand_valid(text: str) -> str:
    """TRUE when the operand is a whole number (an input) or a number (a result)."""
    name, _ = operand(text)
    return validity(name) if name in INPUT_BY_NAME else f"ISNUMBER({operand_formula(text)})"


def source_formula(source: Source) -> str:
    """A layout argument in Excel (without ``tail``, which needs the sheet's cell addresses)."""
    if source.part is not None:
        return f"INDEX({source.input},{source.part + 1})"
    if source.plus is not None:
        return f"({source.input}+{source.plus})"
    return source.input


def sources_valid(sources: tuple[Source, ...]) -> str:
    """TRUE when every input and result the arguments read is valid."""
    conditions: dict[str, None] = {}
    for source in sources:
        for name in source.inputs:
            text = name if source.part is None else f"{name}[{source.part}]"
            conditions[operand_valid(text)] = None
    return f"AND({','.join(conditions)})"


def comparison_formula(comparison: Comparison, lang: str = "ru") -> str:
    """``sum(left) ≤ right`` (or ``=``) as an Excel formula giving "OK" or the sentence, exactly as the model."""
    valid = ",".join(dict.fromkeys(operand_valid(text) for text in comparison.operands))
    left = "+".join(operand_formula(text) for text in comparison.left)
    right = "+".join(operand_formula(text) for text in comparison.right)
    if comparison.right_max:
        right = f"MAX({right},{','.join(operand_formula(text) for text in comparison.right_max)})"
    relation = "=" if comparison.equal else "<="
    first, middle, last = comparison.parts(lang)
    sentence = f'"{first}"&({left})&"{middle}"&({right})&"{last}"'
    formula = f'IF(AND({valid}),IF(({left}){relation}({right}),"OK",{sentence}),"{model.TEXTS[lang].no_data}")'
    optional = [operand(text)[0] for text in comparison.operands if _is_optional(text)]
    if optional:
        blanks = ",".join(_blank(name) for name in dict.fromkeys(optional))
        formula = f'IF(OR({blanks}),"OK",{formula})'
    return f"={formula}"


def _is_optional(text: str) -> bool:
    field = INPUT_BY_NAME.get(operand(text)[0])
    return field is not None and field.optional


def any_filled() -> str:
    """TRUE when the user has typed anything into the inputs."""
    return f"COUNTA({','.join(field.name for field in INPUTS)})>0"


def result_cells() -> int:
    """How many cells the results take."""
    return sum(result.cells for result in RESULTS)


def inputs_formula(lang: str = "ru") -> str:
    """``chk_inputs``: counts the input statuses that are not "OK"; grey "Не заполнено" for an empty workbook."""
    total = len(INPUTS)
    counted = 'COUNTIF(xl_addin_input_status,"OK")'
    return (
        f'=IF(NOT({any_filled()}),"{model.TEXTS[lang].not_filled}",'
        f'IF({counted}={total},"OK","{model.TEXTS[lang].inputs_bad}"&({total}-{counted})))'
    )


def numeric_formula(lang: str = "ru") -> str:
    """``chk_results_numeric``: every result cell holds a number."""
    names = ",".join(result.name for result in RESULTS)
    cells = result_cells()
    counted = f'IF(COUNT({names})={cells},"OK","{model.TEXTS[lang].results_bad}"&({cells}-COUNT({names})))'
    return f'=IF(NOT({any_filled()}),"{model.TEXTS[lang].not_filled}",{counted})'


def formulas_formula(lang: str = "ru") -> str:
    """``chk_results_formulas``: no result cell was typed over with a value (ISFORMULA, Excel 2013+)."""
    cells = [
        result.name if result.cells == 1 else f"INDEX({result.name},{part + 1})"
        for result in RESULTS
        for part in range(result.cells)
    ]
    typed_over = "+".join(f"(1-_xlfn.ISFORMULA({cell}))" for cell in cells)
    return f'=IF(({typed_over})=0,"OK","{model.TEXTS[lang].typed_over}"&({typed_over}))'


def trend_formula(lang: str = "ru") -> str:
    """``chk_pmtct_trend``: the PMTCT item 1 line, as ``model.trend_sentence``."""
    births = "in_hiv_births_by_year"
    estimate = NATIVE["PMTCT_PREGNANT_ESTIMATE"](f"INDEX({births},1)", f"INDEX({births},2)")
    pregnant = "in_pregnant_expecting_birth"
    shown = f'IF({validity(pregnant)},{pregnant},"—")'
    texts = model.TEXTS[lang]
    first, middle, last = texts.trend
    sentence = f'"{first}"&{estimate}&"{middle}"&{shown}&"{last}"'
    return f'=IF({_blank(births)},"{texts.no_trend}",IF({validity(births)},{sentence},"{texts.no_data}"))'


def function_check_formula(check: Check, argument: Callable[[Source], str], lang: str = "ru") -> str:
    """A check computed by a catalogue check function (native template), guarded like the model."""
    formula = NATIVE[check.function or ""](*(argument(source) for source in check.args), lang=lang)
    return f'=IF({sources_valid(check.args)},{formula},"{model.TEXTS[lang].no_data}")'


def all_formula(error_rows: str, counted: int, lang: str = "ru") -> str:
    """``chk_all``: "OK", the number of error checks not passed, or "Не заполнено" for an empty workbook."""
    passed = f'COUNTIF({error_rows},"OK")'
    return f'=IF(NOT({any_filled()}),"{model.TEXTS[lang].not_filled}",IF({passed}={counted},"OK",{counted}-{passed}))'
