"""What of a source goes into the current workbook, and what stays behind as a row of the report: plain values only.

Driven by the contracts, not by a list of names (the supply plan's tables of a later version are carried by the same
code): every ``in_*`` name the source's version holds is carried cell by cell into the same name of the current
version, checked by the current validation where the layer knows it —

- the letter's inputs (``layout.INPUTS``): a whole number ≥ 0, as the core counts it (``core.numbers.count``);
- the products table («Товары»): each column by its kind (``products_model.cell_valid``); a drop-down's choice in
  either language becomes the target language's; rows go to the same row, or, with a product list, to the list's
  row of the same code (the list's own columns win over what the source holds there, a difference is a row);
- any other name: as it is.

What cannot be carried is a report row and stays in the source: a name the current version dropped, a cell beyond
the current name's cells, a value the validation rejects, a product that is not on the new list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from xl_addin.carrying.source import Note, SourceBook
from xl_addin.core.numbers import count
from xl_addin.core.severity import Severity
from xl_addin.errors import InputError, describe_value
from xl_addin.request.layout import INPUT_BY_NAME
from xl_addin.request.plan_texts import ShipStatus
from xl_addin.request.products_layout import COLUMN_BY_NAME, FUNDING, INPUT_COLUMNS, TARGETS, Column, ColumnKind
from xl_addin.request.products_model import cell_valid
from xl_addin.request.untouched import LIST_COLUMNS, blank
from xl_addin.workbook.cells import text_problem

#: The products table's columns, read as rows.
PRODUCT_COLUMNS = tuple(column.name for column in INPUT_COLUMNS)
_PRODUCT_SET = frozenset(PRODUCT_COLUMNS)
LEFT_BEHIND = "значение осталось в исходной книге"


@dataclass
class Plan:
    """The values to write (name → cell index → value) and the report's rows, for one source."""

    values: dict[str, dict[int, Any]] = field(default_factory=dict)
    rows: list[Note] = field(default_factory=list)
    #: Cells carried (a range counts each of its filled cells) and product rows carried.
    carried: int = 0
    product_rows: int = 0

    def put(self, name: str, index: int, value: Any) -> None:
        """Write ``value`` into cell ``index`` of ``name``."""
        self.values.setdefault(name, {})[index] = value
        self.carried += 1


#: The supply plan's delivery status: a drop-down outside the products table (translated, :func:`in_language`).
STATUS_NAME = "in_ship_status"


def _choices(column: str) -> dict[str, tuple[str, str]]:
    """A drop-down's texts in either language (case-folded) → (Russian, English)."""
    pairs = [(t.ru, t.en) for t in TARGETS] if column == "in_product_covers" else [(ru, en) for _, ru, en in FUNDING]
    return {text.casefold(): (ru, en) for ru, en in pairs for text in (ru, en)}


def product_value(column: Column, value: Any, lang: str) -> tuple[Any, str | None]:
    """A filled cell of the products table as the current workbook in ``lang`` takes it, or why it does not.

    >>> product_value(COLUMN_BY_NAME["in_product_covers"], "elisa tests", "ru")
    ('ИФА: исследований', None)
    >>> product_value(COLUMN_BY_NAME["in_product_stock"], -3, "ru")[1]
    'столбец «Остаток, единиц» = -3: нужно целое число ≥ 0'
    """
    if column.kind is ColumnKind.CHOICE:
        found = _choices(column.name).get(value.strip().casefold()) if isinstance(value, str) else None
        if found is None:
            return value, f"столбец «{column.ru}» = {describe_value(value)}: нет в списке выбора"
        return found[0] if lang == "ru" else found[1], None
    if column.kind is ColumnKind.TEXT:
        problem = text_problem(value, line_breaks=True) if isinstance(value, str) else None
        return value, None if problem is None else f"столбец «{column.ru}» = {describe_value(value)}: {problem}"
    if not cell_valid(column.kind, value):
        return value, f"столбец «{column.ru}» = {describe_value(value)}: нужно {column.kind.value}"
    return value, None


def in_language(name: str, value: Any, lang: str) -> Any:
    """A drop-down's choice outside the products table in the target workbook's language (the supply plan's delivery
    status); any other value, and a status in neither language (the plan's own check flags it there), as it is.

    >>> in_language("in_ship_status", "Заявка", "en"), in_language("in_ship_status", "in transit", "ru")
    ('request', 'в пути')
    >>> in_language("in_ship_status", "потом", "en"), in_language("in_on_art", 5, "en")
    ('потом', 5)
    """
    if name != STATUS_NAME:
        return value
    status = ShipStatus.from_text(value, "ru") or ShipStatus.from_text(value, "en")
    return value if status is None else status.label(lang)


def input_value(name: str, value: Any, position: int | None) -> str | None:
    """Why the current validation rejects a filled cell of a name outside the products table, or None.

    >>> input_value("in_on_art", 1.5, None)
    'in_on_art = 1,5: нужно целое число (количество не бывает дробным)'
    >>> input_value("in_plan_table", "любой текст", 2) is None  # a name the layer does not describe: as it is
    True
    """
    if name not in INPUT_BY_NAME and name != "in_buffer_months":
        return None
    try:
        count(value, name, position)
    except InputError as error:
        return str(error)
    return None


def make_plan(
    source: SourceBook, target_cells: Mapping[str, int], *, lang: str, product_list: Sequence[Mapping[str, Any]] = ()
) -> Plan:
    """The plan of ``source`` into a current workbook in ``lang`` whose names have ``target_cells`` cells each, its
    products table filled from ``product_list`` (none: the source's rows stay where they are)."""
    plan = Plan(rows=list(source.notes))
    for name, cells in source.values.items():
        if name in _PRODUCT_SET:
            continue
        sheet, addresses = source.places[name]
        filled = [(index, value) for index, value in enumerate(cells) if not blank(value)]
        if filled and name not in target_cells:
            for index, value in filled:
                plan.rows.append(Note(sheet, addresses[index], name, _shown(value),
                                      f"поля {name} нет в текущей версии шаблона: не перенесено, {LEFT_BEHIND}",
                                      Severity.ERROR))  # fmt: skip
            continue
        for index, value in filled:
            problem: str | None
            if index >= target_cells[name]:
                problem = f"у поля {name} в текущей версии {target_cells[name]} яч.: не перенесено, {LEFT_BEHIND}"
            else:
                problem = input_value(name, value, index + 1 if len(cells) > 1 else None)
                if problem is not None:
                    problem = f"{problem} — проверка текущей версии не принимает: не перенесено, {LEFT_BEHIND}"
            if problem is None:
                plan.put(name, index, in_language(name, value, lang))
            else:
                plan.rows.append(Note(sheet, addresses[index], name, _shown(value), problem, Severity.ERROR))
    if all(column in source.values for column in PRODUCT_COLUMNS):
        _products(source, plan, lang, product_list)
    return plan


def _shown(value: Any) -> str:
    return "пусто" if value is None else str(value)


def _rows(source: SourceBook) -> list[dict[str, Any]]:
    length = len(source.values[PRODUCT_COLUMNS[0]])
    return [{column: source.values[column][index] for column in PRODUCT_COLUMNS} for index in range(length)]


def _code(value: Any) -> str:
    return str(value).strip().casefold() if not blank(value) else ""


def _products(source: SourceBook, plan: Plan, lang: str, product_list: Sequence[Mapping[str, Any]]) -> None:
    listed = {_code(entry.get("in_product_code")): index for index, entry in enumerate(product_list)}
    listed.pop("", None)
    taken: dict[int, int] = {}
    for index, row in enumerate(_rows(source)):
        if all(blank(value) for value in row.values()):
            continue
        where = source.places["in_product_code"]
        sheet, address = where[0], where[1][index]
        label = f"«{_shown(row['in_product_code'])} {_shown(row['in_product_name'])}»"
        target = index
        if product_list:
            found = listed.get(_code(row["in_product_code"]))
            if found is None:
                typed = any(not blank(row[name]) for name in PRODUCT_COLUMNS if name not in LIST_COLUMNS)
                plan.rows.append(Note(sheet, address, "in_product_code", _shown(row["in_product_code"]),
                                      f"товара {label} нет в новом списке товаров: строка не перенесена"
                                      + (", её значения остались в исходной книге" if typed else
                                         " (в ней только столбцы списка, данных региона нет)"),
                                      Severity.ERROR if typed else Severity.INFO))  # fmt: skip
                continue
            if found in taken:
                plan.rows.append(Note(sheet, address, "in_product_code", _shown(row["in_product_code"]),
                                      f"товар {label} уже перенесён из строки {taken[found] + 1} таблицы: строка не "
                                      "перенесена, её значения остались в исходной книге", Severity.ERROR))  # fmt: skip
                continue
            taken[found] = index
            target = found
        plan.product_rows += 1
        entry = product_list[target] if product_list else {}
        for name in PRODUCT_COLUMNS:
            _product_cell(plan, source, (name, index, target), row[name], entry.get(name), lang)


def _product_cell(
    plan: Plan, source: SourceBook, where: tuple[str, int, int], value: Any, listed: Any, lang: str
) -> None:
    """One cell of a carried row: the list's value where the list gives one (a different typed value is a row)."""
    name, index, target = where
    if blank(value):
        return
    sheet, addresses = source.places[name]
    column = COLUMN_BY_NAME[name]
    carried, problem = product_value(column, value, lang)
    if listed is not None and not blank(listed):
        same = carried == listed or (isinstance(carried, str) and str(listed).casefold() == carried.casefold())
        if not same:
            plan.rows.append(Note(sheet, addresses[index], name, _shown(value),
                                  f"в новом списке товаров здесь {describe_value(listed)}: взято значение списка, "
                                  f"набранное не перенесено ({LEFT_BEHIND})", Severity.WARNING))  # fmt: skip
        return
    if problem is not None:
        plan.rows.append(Note(sheet, addresses[index], name, _shown(value),
                              f"{problem} — проверка текущей версии не принимает: не перенесено, {LEFT_BEHIND}",
                              Severity.ERROR))  # fmt: skip
        return
    plan.put(name, target, carried)


__all__ = ["PRODUCT_COLUMNS", "Plan", "input_value", "make_plan", "product_value"]
