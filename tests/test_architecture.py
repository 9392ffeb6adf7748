"""The import rules ARCHITECTURE.md states, checked on the source: the flow goes one way.

Imports are read from the syntax tree, at module level and inside functions alike (a deferred
import is still a dependency); only ``if TYPE_CHECKING:`` blocks are left out, since they do
not run. The closure follows coopscore's own modules, so a rule cannot be dodged by going
through a third module.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "coopscore"

CLI = {"coopscore.cli", "coopscore.options", "coopscore.__main__"}
CORE = {
    "coopscore.conditions",
    "coopscore.engine",
    "coopscore.assessment",
    "coopscore.diagnostics",
    "coopscore.metrics",
    "coopscore.selection",
    "coopscore.plan",
    "coopscore.sensitivity",
    "coopscore.compare",
}
MODEL = {
    "coopscore.scenario",
    "coopscore.rubric",
    "coopscore.loader",
    "coopscore.consistency",
    "coopscore.schemapath",
    "coopscore.yamlload",
}
EDGES = {  # what only the outer layers may reach
    "coopscore.fsio",
    "coopscore.inputs",
    "coopscore.pipeline",
    "coopscore.batch",
    "coopscore.signals",
    "coopscore.examples",
    "coopscore.escaping",
    "coopscore.cli",
    "coopscore.options",
}
UI = {"typer", "rich", "tabulate", "markdown_it", "click"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST, package: str) -> set[str]:
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if _type_checking(node):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing package
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return found


@cache
def direct(name: str) -> frozenset[str]:
    """What module ``name`` imports: coopscore modules by name, others by top-level package."""
    path = modules()[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    known = modules()
    out: set[str] = set()
    for imported in _imports(ast.parse(path.read_text(encoding="utf-8")), package):
        if imported.startswith("coopscore"):
            if imported in known and imported != name:
                out.add(imported)
        else:
            out.add(imported.split(".")[0])
    return frozenset(out)


def closure(name: str) -> set[str]:
    seen: set[str] = set()
    stack = [name]
    while stack:
        for item in direct(stack.pop()):
            if item not in seen:
                seen.add(item)
                if item.startswith("coopscore"):
                    stack.append(item)
    return seen


def test_the_rules_see_every_layer() -> None:
    names = set(modules())
    for group in (CLI, CORE, MODEL, EDGES):
        assert group <= names, group - names  # a rule about a module that is gone checks nothing


def test_only_the_command_line_imports_typer() -> None:
    allowed = CLI | {n for n in modules() if n.startswith("coopscore.commands")}
    importers = {n for n in modules() if "typer" in direct(n)}
    assert importers <= allowed, importers - allowed


@pytest.mark.parametrize("name", sorted(CORE))
def test_the_core_does_no_io_and_knows_no_interface(name: str) -> None:
    reached = closure(name)
    assert not reached & EDGES, f"{name} reaches {sorted(reached & EDGES)}"
    assert not reached & UI, f"{name} reaches {sorted(reached & UI)}"
    assert not any(r.startswith(("coopscore.render", "coopscore.commands")) for r in reached)


@pytest.mark.parametrize("name", sorted(MODEL))
def test_the_models_read_no_file(name: str) -> None:
    reached = closure(name)
    assert not reached & EDGES, f"{name} reaches {sorted(reached & EDGES)}"
    assert not reached & UI, f"{name} reaches {sorted(reached & UI)}"


def test_renderers_never_reach_back_into_the_command_line() -> None:
    for name in modules():
        if name.startswith("coopscore.render"):
            reached = closure(name)
            assert not reached & (CLI | {"typer"}), name
            assert not any(r.startswith("coopscore.commands") for r in reached), name


def test_the_checker_sees_deferred_imports() -> None:
    """A guard on the guard: a function-level import counts, a TYPE_CHECKING one does not."""
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from coopscore.fsio import x\n"
        "def f():\n    from coopscore.render import markdown\n"
    )
    found = _imports(tree, "coopscore")
    assert "coopscore.render.markdown" in found and "coopscore.fsio" not in found
