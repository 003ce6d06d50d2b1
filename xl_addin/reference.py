"""The function reference (docs/functions.md), generated from the catalogue — never typed twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xl_addin.catalog import PARTS, ExcelFunction
from xl_addin.files import atomic_write_text

HEADER = """# Справочник функций xl_addin

<!-- Файл создан командой `xl-addin docs`; не правьте вручную: тест сверяет его с кодом. -->

Функции вводятся в ячейку Excel как обычные: `=ELISA_VOLUME(B5)`. В русском Excel аргументы
разделяются точкой с запятой. Диапазон (например, пять лет) передаётся ссылкой на ячейки:
`=HBV_SCREEN_VOLUME(B10:F10)`. Необязательные аргументы (в квадратных скобках) можно не указывать.

При неверном входе (отрицательное число, дробное число людей, текст, логическое значение, пустая
ячейка, противоречивые данные) функция возвращает короткий текст, начинающийся с `#`, который
называет аргумент и значение, например `#planned_screenings = -5: отрицательное число недопустимо`.
Из терминала то же самое: `xl-addin calc ELISA_VOLUME 1000`.

Правило округления (docs/interpretation.md, R1): исследования и комплекты — вверх, люди — до
ближайшего целого (половина вверх), предельные числа — вниз. Вычисления точные (десятичные дроби
без двоичных погрешностей).

Последний раздел — арифметика заказа (упаковки, стоимость, запасы): её нет в письме; правила
округления — docs/interpretation.md, P1.
"""


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "{" + "; ".join(_show(item) for item in value) + "}"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",")


def function_entry(function: ExcelFunction) -> str:
    """One function's section of the reference."""
    lines = [
        f"### {function.name}",
        "",
        f"`{function.signature}` — {function.summary}.",
        "",
        (
            f"**Раздел письма:** {function.section}. «{function.quote}»"
            if function.from_letter
            else f"**Раздел:** {function.section}. Цитаты из письма нет: {function.quote}."
        ),
        "",
        f"**Формула:** {function.formula}",
        "",
        f"**Округление:** {function.rounding.value}.",
        "",
    ]
    if function.note:
        lines += [function.note, ""]
    lines += ["| аргумент | что это | принимает |", "|---|---|---|"]
    for argument in function.arguments:
        name = f"[{argument.name}]" if argument.optional else argument.name
        lines.append(f"| `{name}` | {argument.doc} | {argument.kind.value} |")
    example = function.example
    call = f"={function.name}({'; '.join(_show(value) for value in example.args)})"
    lines += ["", f"**Пример:** `{call}` → `{_show(example.result)}` ({example.arithmetic}).", ""]
    return "\n".join(lines)


def reference_markdown() -> str:
    """The whole reference as Markdown."""
    parts = [HEADER]
    for title, functions in PARTS:
        parts.append(f"## {title}\n")
        parts.extend(function_entry(function) for function in functions)
    return "\n".join(parts).rstrip() + "\n"


def write_reference(target: Path) -> None:
    """Write the reference to ``target`` atomically."""
    atomic_write_text(target, reference_markdown())
