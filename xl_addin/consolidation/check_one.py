"""``xl-addin check FILE``: one filled workbook checked by the core, without Excel and without writing anything.

The same reading and the same checks as ``refresh`` (``reading.read_workbook``,
``model.evaluate`` and, for the products sheet, ``products.evaluate_file`` and the supply plan's
``plan_file.evaluate_plan_file``), for a region
that wants to know before sending its request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xl_addin.consolidation.plan_file import evaluate_plan_file
from xl_addin.consolidation.products import evaluate_file, take_kits_from_rows
from xl_addin.consolidation.reading import Problem, read_workbook
from xl_addin.consolidation.untouched import not_filled, untouched
from xl_addin.core.severity import Severity
from xl_addin.request import model
from xl_addin.request.layout import CHECKS
from xl_addin.request.products_layout import ProductCheck
from xl_addin.request.products_model import kit_totals_from_products


@dataclass(frozen=True)
class Finding:
    """One check of the workbook that is not "OK" (or an input that is not acceptable), with its severity."""

    name: str
    label: str
    severity: Severity
    text: str


@dataclass(frozen=True)
class WorkbookCheck:
    """What ``check_workbook`` found: the region, every finding, the core's ``chk_all``, the inputs and values."""

    region: str
    findings: tuple[Finding, ...]
    total: object
    inputs: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    published_2006: int | None = None
    #: The inputs as the workbook computes with them: ``inputs`` with the kit totals its drug rows give (P3) in
    #: place of what was typed on «Ввод» (``"#…"`` when the rows give no number), so that ``model.evaluate`` of
    #: these alone, with no products, gives the workbook's results (the Python API's ``compute``).
    used_inputs: dict[str, Any] = field(default_factory=dict)
    #: The workbook's language (its check sentences are in it).
    lang: str = "ru"
    #: Nobody has filled the workbook in (:func:`~xl_addin.consolidation.untouched.untouched`): its one finding is
    #: information («книга не заполнена»), as refresh lists it.
    untouched: bool = False

    @property
    def warnings(self) -> int:
        """How many findings are warnings (information is not counted)."""
        return sum(finding.severity is Severity.WARNING for finding in self.findings)

    @property
    def errors(self) -> int:
        """How many findings are errors (the exit code of ``xl-addin check`` is 1 when any is)."""
        return sum(finding.severity is Severity.ERROR for finding in self.findings)


def check_workbook(path: Path) -> WorkbookCheck:
    """Read ``path`` by its names and evaluate every check in the workbook's language; nothing is written.

    Raises the reading's errors (unreadable file, not a workbook of this template version).
    """
    reading = read_workbook(Path(path))
    blank = untouched(reading)
    rows = take_kits_from_rows(reading)  # the drug rows give the kit totals (P3)
    values = model.evaluate(reading.inputs, reading.published_2006, reading.typed_over, reading.lang, products=rows)
    findings = [_input_finding(problem) for problem in reading.problems]
    findings += [
        Finding(check.name, check.ru if reading.lang == "ru" else check.en, check.severity, str(values[check.name]))
        for check in CHECKS
        if values[check.name] != model.OK
    ]
    products = evaluate_file(reading, values)
    if products is not None:  # the products sheet's bad cells, then its failed checks, as refresh lists them
        findings += [_input_finding(p) for p in products.problems if p.name not in products.checks]
        findings += [
            Finding(check.check_name, check.value[2] if reading.lang == "ru" else check.value[3], p.severity, p.value)
            for check in ProductCheck
            for p in products.problems
            if p.name == check.check_name
        ]
        plan = evaluate_plan_file(reading, products)  # the supply plan's rows, as refresh lists them (issue 22)
        if plan is not None:
            findings += [_input_finding(p) for p in plan.problems]
    if blank:  # one row of information instead of an error per empty input (refresh says the same)
        row = not_filled("", reading)
        findings = [Finding("книга", f"лист {row.sheet}" if row.sheet else "книга", row.severity, row.problem)]
    return WorkbookCheck(
        reading.region, tuple(findings), values["chk_all"], reading.inputs, values, reading.published_2006,
        used_inputs(reading.inputs, rows, reading.lang), reading.lang, blank,
    )  # fmt: skip


def used_inputs(inputs: dict[str, Any], rows: list[dict[str, Any]] | None, lang: str) -> dict[str, Any]:
    """``inputs`` with each kit total the drug rows give (decision P3) in place of the typed one.

    >>> pi = {"in_product_covers": "АРВ: компонент 1 — ИП, первый ряд", "in_product_units_per_pack": 120,
    ...       "in_product_units_per_kit": 730, "in_product_kits_requested": 100, "in_product_stock": 7300}
    >>> used = used_inputs({"in_kits_pi": None, "in_on_art": 5}, [pi], "ru")
    >>> used["in_kits_pi"], used["in_reserve_kits_left"], used["in_on_art"]
    (90, 10, 5)
    >>> used_inputs({"in_kits_pi": 7}, None, "ru")["in_kits_pi"]
    7
    """
    if rows is None:
        return dict(inputs)
    found = dict(inputs)
    for name, given in kit_totals_from_products(rows, lang).items():
        found[name] = f"#{given.message}" if isinstance(given, model.ErrorValue) else given
    return found


def _input_finding(problem: Problem) -> Finding:
    return Finding(problem.name, f"{problem.sheet}!{problem.cell}", problem.severity, problem.problem)
