"""``xl-addin generate``: one workbook per region, written atomically, never over a user's filled inputs."""

from __future__ import annotations

import sys
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xl_addin.errors import XlAddinError
from xl_addin.files import atomic_write
from xl_addin.workbook.layout import INPUTS
from xl_addin.workbook.names import named_cells
from xl_addin.workbook.regions import file_name
from xl_addin.workbook.writer import NATIVE_VARIANT, SUFFIX, Region, WorkbookWriter, write_workbook


class FilledWorkbookError(XlAddinError):
    """Generating would overwrite workbooks whose inputs a user has already filled."""


@dataclass(frozen=True)
class Summary:
    """What a generate run wrote."""

    written: tuple[Path, ...]
    seconds: float


def is_filled(path: Path) -> bool:
    """Whether an existing workbook holds any input typed by a user (unreadable files count as filled)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=False)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return True
    return any(
        cell.value is not None
        for field in INPUTS
        if field.name in book.defined_names
        for cell in named_cells(book, field.name)
    )


def generate(
    out: Path,
    regions: Sequence[Region],
    *,
    lang: str = "ru",
    year: int = 2007,
    variant: str = NATIVE_VARIANT,
    force: bool = False,
    password: str | None = None,
) -> Summary:
    """Write one workbook of ``variant`` per region into ``out``."""
    started = time.perf_counter()
    suffix = SUFFIX[variant]
    targets = [Path(out) / file_name(position, region, suffix) for position, region in enumerate(regions, start=1)]
    if not force:
        filled = [target.name for target in targets if target.exists() and is_filled(target)]
        if filled:
            raise FilledWorkbookError(
                "уже заполнены пользователем, не перезаписываю (добавьте --force): " + ", ".join(filled)
            )
    show_progress = sys.stderr.isatty()
    if regions:  # one workbook is built; from file to file only its region-specific cells change
        writer = WorkbookWriter(regions[0], lang=lang, year=year, variant=variant, password=password)
        writer.build()
        for done, (target, region) in enumerate(zip(targets, regions, strict=True), start=1):
            atomic_write(target, lambda path, region=region: writer.for_region(region).save(path))
            if show_progress:
                bar = "#" * (30 * done // len(targets))
                print(f"\r[{bar:<30}] {done}/{len(targets)} {region.name[:40]:<40}", end="", file=sys.stderr)
    if show_progress:
        print(file=sys.stderr)
    return Summary(tuple(targets), time.perf_counter() - started)


#: The blank templates committed in ``workbook_templates/``: language → (file name, placeholder region).
TEMPLATES = {
    "ru": ("template_ru.xlsx", Region("(название субъекта)")),
    "en": ("template_en.xlsx", Region("(region name)")),
}


def write_templates(out: Path) -> list[Path]:
    """Write the blank native templates (ru, en) into ``out``: ``xl-addin templates``."""
    written = []
    for lang, (name, region) in TEMPLATES.items():
        target = Path(out) / name
        atomic_write(target, lambda path, lang=lang, region=region: write_workbook(path, region, lang=lang))
        written.append(target)
    return written
