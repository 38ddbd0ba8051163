"""The house rules, checked on the source: layers, import cycles, module size, no patching.

- The core never imports the GUI or the command line, nor Qt; the command line never imports
  the GUI (it opens the window through one lazy import in ``blogeditor.cli``'s ``main``).
- No import cycles anywhere: every import that runs counts, at the top of a module or inside a
  function (``if TYPE_CHECKING:`` blocks are left out: they never run, they only name types).
- No module over 500 lines.
- No feature attaches itself to another object with ``# type: ignore[attr-defined]``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "blogeditor"
MAX_LINES = 500
def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, name: str, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node):
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
            if not top_level_only or isinstance(node, (ast.If, ast.Try, ast.With)):
                for field in ("body", "orelse", "handlers", "finalbody"):
                    inner = getattr(node, field, None)
                    if isinstance(inner, list):
                        visit([n for n in inner if isinstance(n, ast.stmt)] +
                              [s for h in inner if isinstance(h, ast.ExceptHandler) for s in h.body])

    visit(tree.body)
    return found


def _graph(top_level_only: bool) -> dict[str, set[str]]:
    modules = _modules()
    return {name: {i for i in _imports(path, name, top_level_only=top_level_only) if i in modules}
            for name, path in modules.items()}


def _all_imports(name: str) -> set[str]:
    return _imports(_modules()[name], name, top_level_only=False)


@pytest.mark.parametrize("layer", ["blogeditor.core", "blogeditor.cli"])
def test_layers_only_import_downwards(layer: str) -> None:
    forbidden = {"blogeditor.core": ("blogeditor.gui", "blogeditor.cli", "PySide6"),
                 "blogeditor.cli": ("blogeditor.gui",)}[layer]
    offenders = {}
    for name in _modules():
        if not name.startswith(layer):
            continue
        bad = sorted(i for i in _all_imports(name) if i.startswith(forbidden))
        # The command line's entry opens the window: that one lazy import is the door.
        if name == "blogeditor.cli":
            bad = [i for i in bad if i.partition(".run")[0] != "blogeditor.gui.app"]
        if bad:
            offenders[name] = bad
    assert offenders == {}


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = [0]

    def connect(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def test_no_import_cycles() -> None:
    graph = _graph(top_level_only=False)
    # A package's __init__ importing its own modules is not a cycle worth breaking.
    for name in graph:
        graph[name] = {i for i in graph[name] if not (name.startswith(i + ".") and
                                                      _modules()[i].name == "__init__.py")}
    assert _cycles(graph) == []


def test_modules_stay_small() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines())
             for name, path in _modules().items()}
    too_big = {n: s for n, s in sizes.items() if s > MAX_LINES}
    assert too_big == {}


def test_nothing_is_attached_to_another_object_past_the_type_checker() -> None:
    offenders = [f"{name}:{n}" for name, path in _modules().items()
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if "type: ignore[attr-defined]" in line]
    assert offenders == []
