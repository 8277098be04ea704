"""The tree says the architecture: lower layers never import higher ones, and nothing imports in a circle.

The stages, lowest first: the base (errors, i18n, model, comparators), the contract with
plugins, reading, the method, output, the command line.  The built-in plugins sit beside
the method (they implement it) and are loaded by name, so nothing imports them.  Every
import counts, the ones inside functions and under ``TYPE_CHECKING`` too: a lazy import
from a lower layer is still a dependency that runs backwards.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "chuyenhoa"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_only(tree: ast.Module) -> set[int]:
    """The ids of import nodes under ``if TYPE_CHECKING:``: names for annotations, never run."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", None)) == "TYPE_CHECKING":
            found.update(id(n) for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return found


def imports_of(path: Path, *, typing: bool = True) -> set[str]:
    """Every chuyenhoa module ``path`` imports, wherever the import stands (without ``typing``: those that run)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set() if typing else _type_only(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "chuyenhoa")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            if base.split(".")[0] != "chuyenhoa":
                continue
            for alias in node.names:  # `from chuyenhoa.x import y` may name a module y
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return {m for m in found if m != name}


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}
RUNTIME = {name: imports_of(path, typing=False) for name, path in MODULES.items()}

BASE = ("chuyenhoa.errors", "chuyenhoa.i18n", "chuyenhoa.model", "chuyenhoa.comparators", "chuyenhoa.collector",
        "chuyenhoa.awards.model")
#: The award vertical keeps the same stages inside one folder.
AWARD_READING = ("chuyenhoa.awards.nominees",)
AWARD_OUTPUT = ("chuyenhoa.awards.render",)


def stage(module: str) -> str:
    if module in BASE:
        return "base"
    if module in AWARD_READING:
        return "reading"
    if module in AWARD_OUTPUT:
        return "output"
    if module.startswith("chuyenhoa.awards"):
        return "method"
    parts = module.split(".")
    if len(parts) == 1:
        return "top"
    return parts[1] if len(parts) > 2 or parts[1] in ("plugins", "builtin", "reading", "store", "method", "output",
                                                      "cli", "packs") else "top"


#: stage → the stages it must never import.  The history store sits between reading and the method: it keeps
#: what reading produced and hands it back as a Dataset, gets verdicts as plain values, and so never imports
#: the method (which imports it, lazily, for ``evaluate --db``).
FORBIDDEN = {
    "base": {"plugins", "builtin", "reading", "store", "method", "output", "cli", "packs", "top"},
    "reading": {"store", "method", "output", "cli", "builtin", "packs", "top"},
    "store": {"method", "output", "cli", "builtin", "packs", "top"},
    "method": {"output", "cli", "builtin", "packs", "top"},
    "output": {"cli", "builtin", "top"},
    "builtin": {"store", "output", "cli", "packs", "top"},
    "packs": {"cli", "builtin", "top"},
    "plugins": {"store", "method", "output", "cli", "builtin", "packs", "top"},
}


def test_the_stages_are_folders():
    """A new module lands in a stage, not beside them."""
    loose = sorted(m for m in MODULES if stage(m) == "top" and m not in
                   ("chuyenhoa", "chuyenhoa.__main__", "chuyenhoa.testing"))
    assert loose == []


#: The contract names the types its hooks pass (a Dataset, an AwardsResult) in annotations only; what
#: it runs is checked by the next test.
CONTRACT = "chuyenhoa.plugins.hookspecs"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage(m) in FORBIDDEN and m != CONTRACT))
def test_no_import_runs_up_the_stages(module):
    wrong = sorted(f"{target} ({stage(target)})" for target in GRAPH[module]
                   if stage(target) in FORBIDDEN[stage(module)])
    assert wrong == [], f"{module} ({stage(module)}) imports a higher stage"


def test_the_contract_runs_nothing_but_the_base():
    assert sorted(RUNTIME[CONTRACT] - set(BASE)) == []


def test_the_contract_names_no_type_of_output_or_command_line():
    assert sorted(m for m in GRAPH[CONTRACT] if stage(m) in ("output", "cli", "builtin", "packs", "top")) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage(m) in ("output", "reading", "store")))
def test_output_and_reading_never_look_up_the_process_wide_host(module):
    """Output is handed the plan or the spec; it never asks the process for a host."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    calls = [n.lineno for n in ast.walk(tree) if (isinstance(n, ast.Name) and n.id == "get_host")
             or (isinstance(n, ast.Attribute) and n.attr == "get_host")]
    assert calls == [], f"{module} looks up the host on lines {calls}"


def cycles() -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in GRAPH:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return groups


def test_no_import_circle_but_errors_and_i18n():
    assert cycles() == [["chuyenhoa.errors", "chuyenhoa.i18n"]]


def test_the_layout_test_sees_a_backward_import():
    """The checks above read real imports: a reading module importing the engine is caught."""
    GRAPH_BEFORE = set(GRAPH["chuyenhoa.reading.tables"])
    try:
        GRAPH["chuyenhoa.reading.tables"].add("chuyenhoa.method.engine")
        with pytest.raises(AssertionError):
            test_no_import_runs_up_the_stages("chuyenhoa.reading.tables")
    finally:
        GRAPH["chuyenhoa.reading.tables"] = GRAPH_BEFORE


def test_the_layout_test_sees_the_store_import_the_method():
    """The store gets verdicts as plain values: a store module importing the engine is caught."""
    assert stage("chuyenhoa.store.record") == "store"
    before = set(GRAPH["chuyenhoa.store.record"])
    try:
        GRAPH["chuyenhoa.store.record"].add("chuyenhoa.method.result")
        with pytest.raises(AssertionError):
            test_no_import_runs_up_the_stages("chuyenhoa.store.record")
    finally:
        GRAPH["chuyenhoa.store.record"] = before
