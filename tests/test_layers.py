"""The package's layers: every import runs downwards, and no modules import each other in a loop.

core → glossary → engine → documents → translation, lookup, interchange, corpus → serve → cli.
Every import counts: module level, inside functions and under TYPE_CHECKING.
The façade (``termloc/__init__.py``, which loads names lazily), ``termloc.dask``
and ``__main__`` stand above everything, and nothing inside may import them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "termloc"

#: Each subpackage's floor; a module may import its own package and lower floors.
LAYERS = {
    "core": 0,
    "glossary": 1,
    "engine": 2,
    "documents": 3,
    "translation": 4,
    "lookup": 4,
    "interchange": 4,
    "corpus": 4,
    # The web workbench (``termloc serve``): above the layers whose work it shows, below the command.
    "serve": 5,
    "cli": 6,
}
#: The façade and ``python -m termloc``: above every layer.
TOP = 7
#: Modules beside the façade, above every layer too: ``python -m termloc`` and ``termloc.dask``.
FACADES = {"__main__", "dask"}


@dataclass(frozen=True)
class Import:
    """One import in one module."""

    importer: str
    imported: str
    line: int


def module_names(package: Path, name: str = "termloc") -> dict[str, Path]:
    """Every module of the package tree under ``package``, by dotted name."""
    found: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join([name, *parts])] = path
    return found


def imports(modules: dict[str, Path]) -> list[Import]:
    """Every import of a package module by a package module, wherever it stands in the file."""
    found: list[Import] = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # ``from package import module`` imports the module itself.
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]  # ``import termloc.core.errors as e`` and the like
                if target:
                    found.append(Import(name, target, node.lineno))
    return found


def floor(module: str) -> int:
    """The layer of a dotted module name."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in FACADES:
        return TOP
    return LAYERS.get(parts[1], -1)


def upward(found: list[Import]) -> list[str]:
    """Imports of a higher floor, or of a sibling package on the same floor."""
    wrong = []
    for item in found:
        here, there = floor(item.importer), floor(item.imported)
        same_package = item.importer.split(".")[:2] == item.imported.split(".")[:2]
        if here == -1 or there == -1:
            wrong.append(f"{item.importer}:{item.line}: {item.imported} is in no layer")
        elif there > here or (there == here and not same_package and here != TOP):
            wrong.append(f"{item.importer}:{item.line} imports {item.imported} (floor {there} from floor {here})")
    return wrong


def cycles(found: list[Import]) -> list[list[str]]:
    """Each loop of modules that import each other (one per strongly connected set)."""
    return [component for component in find_strong_components(build_import_graph(found)) if len(component) > 1]


def build_import_graph(found: list[Import]) -> dict[str, set[str]]:
    """The modules each module imports, leaving out a module's imports of itself."""
    graph: dict[str, set[str]] = {}
    for item in found:
        if item.importer != item.imported:
            graph.setdefault(item.importer, set()).add(item.imported)
    return graph


def find_strong_components(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected sets of ``graph`` (Tarjan's algorithm), each sorted, in the order closed."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_every_subpackage_has_a_layer() -> None:
    folders = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert folders == set(LAYERS)


def test_no_import_runs_upwards() -> None:
    assert upward(imports(module_names(PACKAGE))) == []


def test_no_modules_import_each_other_in_a_loop() -> None:
    assert cycles(imports(module_names(PACKAGE))) == []


def test_the_package_is_read_whole() -> None:
    """The reader sees the imports that matter: function-level ones and those under TYPE_CHECKING."""
    found = {(i.importer, i.imported) for i in imports(module_names(PACKAGE))}
    assert ("termloc.cli", "termloc.cli.convert") in found  # from termloc.cli import convert
    assert ("termloc.engine.converter", "termloc.engine.markup") in found  # inside a method
    assert ("termloc.__main__", "termloc.cli") in found


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small package laid out in termloc's layers, to plant faults in."""
    package = tmp_path / "termloc"
    for folder in LAYERS:
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "core" / "errors.py").write_text("X = 1\n", encoding="utf-8")
    (package / "engine" / "converter.py").write_text("from termloc.core.errors import X\n", encoding="utf-8")
    return package


def test_a_planted_upward_import_is_reported(tree: Path) -> None:
    assert upward(imports(module_names(tree))) == []
    (tree / "core" / "errors.py").write_text(
        "def f():\n    from termloc.engine.converter import X\n    return X\n", encoding="utf-8"
    )
    assert upward(imports(module_names(tree))) == [
        "termloc.core.errors:2 imports termloc.engine.converter (floor 2 from floor 0)"
    ]


def test_a_planted_sideways_import_is_reported(tree: Path) -> None:
    (tree / "lookup" / "index.py").write_text("from termloc.interchange import tbx\n", encoding="utf-8")
    (tree / "interchange" / "tbx.py").write_text("Y = 2\n", encoding="utf-8")
    assert upward(imports(module_names(tree))) == [
        "termloc.lookup.index:1 imports termloc.interchange.tbx (floor 4 from floor 4)"
    ]


def test_a_planted_loop_is_reported(tree: Path) -> None:
    assert cycles(imports(module_names(tree))) == []
    (tree / "engine" / "markup.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from termloc.engine import converter\n",
        encoding="utf-8",
    )
    (tree / "engine" / "converter.py").write_text("from . import markup\n", encoding="utf-8")
    assert cycles(imports(module_names(tree))) == [["termloc.engine.converter", "termloc.engine.markup"]]
