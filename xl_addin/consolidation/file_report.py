"""What a worker's reading of one received file gives the parent of a refresh (:class:`FileReport`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xl_addin.consolidation.plan_file import FilePlan
from xl_addin.consolidation.products import FileProducts
from xl_addin.consolidation.reading import Problem


@dataclass
class FileReport:
    """What one received file gave: its region, the core's values, its problems."""

    file: str
    region: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    inputs_valid: bool = False
    published_2006: int | None = None
    status: str = ""
    #: ``problems`` as problems.csv rows (encoded by the worker; problems added later are encoded then).
    rows: bytes = b""
    #: The products sheet's order lines (None: the workbook has no products sheet).
    products: FileProducts | None = None
    #: The inputs the national table shows beside the results (``national.SHOWN_INPUTS``), as typed.
    shown_inputs: dict[str, Any] = field(default_factory=dict)
    #: The supply plan's products for the national plan (None: the workbook has no plan).
    plan: FilePlan | None = None
