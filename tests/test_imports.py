"""The package's imports go one way (issue 19, §7): no circle of imports, the layers never import upwards, and the
reader of received workbooks never builds one to learn the contract.

Every ``import`` of the package is counted, a lazy one inside a function too (a lazy import is still a dependency:
it only moves the moment it fails).  The graph is read from the source with ``ast``, nothing is imported.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "xl_addin"
#: Bottom to top: a module may import from its own layer and the layers before it, never from one after it.
LAYERS = (
    ("xl_addin.errors", "xl_addin.core", "xl_addin.files", "xl_addin.zipcopy", "xl_addin.sheet_xml"),
    ("xl_addin.catalog", "xl_addin.request"),
    ("xl_addin.workbook", "xl_addin.udfs", "xl_addin.reference", "xl_addin.lite", "xl_addin.frames"),
    ("xl_addin.consolidation",),
    ("xl_addin.carrying",),
    ("xl_addin.api",),
    ("xl_addin.cli",),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[name] |= {alias.name for alias in node.names if alias.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    if target in modules:
                        graph[name].add(target)
                    elif base in modules and base != "xl_addin":  # `from xl_addin import __version__` is the package's
                        graph[name].add(base)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def _layer(module: str) -> int:
    for number, layer in enumerate(LAYERS):
        if any(module == top or module.startswith(top + ".") for top in layer):
            return number
    raise AssertionError(f"{module}: in no layer of LAYERS")


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_circle_of_imports() -> None:
    assert _circles(_graph()) == []


@pytest.mark.parametrize("module", sorted(set(_graph()) - {"xl_addin"}))  # the package: its API's lazy table
def test_no_import_from_a_layer_above(module: str) -> None:
    upward = sorted(target for target in _graph()[module] if target != "xl_addin" and _layer(target) > _layer(module))
    assert upward == []


def test_the_reader_never_imports_the_writer() -> None:
    graph = _graph()
    reader = [name for name in graph if name.startswith("xl_addin.consolidation.")]
    writers = {"xl_addin.workbook.writer", "xl_addin.workbook.products_sheet", "xl_addin.workbook.generate"}
    assert sorted((name, target) for name in reader for target in graph[name] & writers) == []
