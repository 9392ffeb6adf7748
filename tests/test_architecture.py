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

# The layers, innermost first, and what each may import of coopscore. A module belongs to the
# layer of its package; the top-level modules are the foundation (and the two entry points).
FOUNDATION = {
    "coopscore",
    "coopscore.errors",
    "coopscore.paths",
    "coopscore.patterns",
    "coopscore.signals",
    "coopscore.suggest",
}
ENTRY = {"coopscore.entry", "coopscore.__main__"}
ALLOWED = {
    "foundation": {"foundation"},
    "model": {"foundation", "model", "core"},  # a rubric compiles its conditions once
    "core": {"foundation", "model", "core"},
    "files": {"foundation", "files"},
    "report": {"foundation", "model", "core", "report"},
    # the JSON contract: its types, its writer and its reader; of the report, only the words
    # and numbers every output shares (CONTRACT_WORDS)
    "contract": {"foundation", "model", "core", "report", "contract"},
    "formats": {"foundation", "model", "core", "report", "contract", "formats"},
    "pipeline": {"foundation", "model", "core", "files", "pipeline"},
    "api": {
        "foundation",
        *("model", "core", "files", "report", "contract", "formats", "pipeline", "api"),
    },
    "cli": {
        "foundation",
        *("model", "core", "files", "report", "contract", "formats", "pipeline", "api", "cli"),
    },
}
# What the contract may read of the report: the shared words and numbers, never a builder.
CONTRACT_WORDS = {
    "coopscore.report.findings",
    "coopscore.report.i18n",
    "coopscore.report.notes",
    "coopscore.report.numbers",
}
# Third-party packages a layer may not reach, even through another module.
UI = {"typer", "rich", "tabulate", "markdown_it", "click"}
FORBIDDEN = {
    "foundation": UI,
    "model": UI,
    "core": UI,
    "files": UI,
    "pipeline": UI,
    "report": UI | {"jinja2"},
    "contract": UI | {"jinja2"},
    "formats": {"typer", "click"},
    "api": {"typer", "click"},
}
# Imports the map lists under "does not yet follow", each to be removed with its debt.
KNOWN_DEBTS: set[tuple[str, str]] = set()
# The problems (P1, P2 ...), a folder each: their registry and their logic are the core, their
# words are the report.
DIAGNOSTICS = "coopscore.diagnostics"


def layer(name: str) -> str:
    if name in FOUNDATION:
        return "foundation"
    if name in ENTRY:
        return "cli"
    if name == DIAGNOSTICS or name.startswith(DIAGNOSTICS + "."):
        return "report" if name.rsplit(".", 1)[-1] == "words" else "core"
    return name.split(".")[1]


def wordless(name: str) -> bool:
    """Core modules and models, which must not even see the words of a report."""
    return layer(name) in {"core", "model"}


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


def test_every_module_has_a_layer() -> None:
    layers = {layer(name) for name in modules()}
    assert layers == set(ALLOWED), layers ^ set(ALLOWED)


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_point_inwards(name: str) -> None:
    """Each module imports only from its own layer and the layers beneath it."""
    own = layer(name)
    wrong = {
        d
        for d in direct(name)
        if d.startswith("coopscore")
        and layer(d) not in ALLOWED[own]
        and (name, d) not in KNOWN_DEBTS
    }
    assert not wrong, f"{name} ({own}) imports {sorted(wrong)}"


@pytest.mark.parametrize("name", sorted(n for n in modules() if layer(n) == "contract"))
def test_the_contract_reads_only_the_reports_shared_words(name: str) -> None:
    used = {d for d in direct(name) if d.startswith("coopscore") and layer(d) == "report"}
    assert used <= CONTRACT_WORDS, f"{name} imports {sorted(used - CONTRACT_WORDS)}"


def test_the_core_cannot_reach_the_contract() -> None:
    assert "contract" not in ALLOWED["core"] and "contract" not in ALLOWED["model"]
    assert layer("coopscore.contract.read") == "contract"


@pytest.mark.parametrize("name", sorted(n for n in modules() if layer(n) in FORBIDDEN))
def test_inner_layers_reach_no_interface_library(name: str) -> None:
    reached = closure(name) & FORBIDDEN[layer(name)]
    assert not reached, f"{name} reaches {sorted(reached)}"


def test_only_the_command_line_imports_typer() -> None:
    importers = {n for n in modules() if "typer" in direct(n)}
    assert importers and all(layer(n) == "cli" for n in importers), importers


@pytest.mark.parametrize("name", sorted(n for n in modules() if wordless(n)))
def test_the_core_does_no_io_and_writes_no_words(name: str) -> None:
    """The core and the models reach no file, no process control and no label catalogue."""
    reached = {r for r in closure(name) if r.startswith("coopscore")}
    assert all(layer(r) in {"foundation", "model", "core"} for r in reached), reached
    assert "coopscore.signals" not in reached


def test_the_layer_rules_bite() -> None:
    """A guard on the guard: a core module importing a format or a file reader is caught."""
    assert "formats" not in ALLOWED["core"] and "files" not in ALLOWED["core"]
    assert "pipeline" not in ALLOWED["formats"] and "cli" not in ALLOWED["pipeline"]
    assert layer("coopscore.core.engine") == "core" and layer("coopscore.errors") == "foundation"


def test_a_diagnostics_logic_is_core_and_its_words_are_report() -> None:
    """A guard on the guard: the folders of the problems sit on both sides of the line."""
    folder = "coopscore.diagnostics.p1_high_start_low_finish"
    assert layer("coopscore.diagnostics") == "core" and wordless("coopscore.diagnostics")
    assert layer(f"{folder}.logic") == "core" and wordless(f"{folder}.logic")
    assert layer(f"{folder}.words") == "report" and not wordless(f"{folder}.words")
    logics = [n for n in modules() if n.startswith("coopscore.diagnostics.") and "logic" in n]
    assert logics and all(wordless(n) for n in logics)


def test_the_checker_sees_deferred_imports() -> None:
    """A guard on the guard: a function-level import counts, a TYPE_CHECKING one does not."""
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from coopscore.files.fsio import x\n"
        "def f():\n    from coopscore.formats import markdown\n"
    )
    found = _imports(tree, "coopscore")
    assert "coopscore.formats.markdown" in found and "coopscore.files.fsio" not in found


WRITERS = (
    "coopscore.formats.to_terminal",
    "coopscore.formats.to_markdown",
    "coopscore.formats.to_html",
)


@pytest.mark.parametrize("name", WRITERS)
def test_a_writer_knows_no_subject(name: str) -> None:
    """The writers draw blocks: they import no analysis and no report builder, only the blocks,
    the shared numbers and language tags, and the other formats' helpers."""
    allowed = {
        "coopscore",
        "coopscore.report",
        "coopscore.report.blocks",
        "coopscore.report.numbers",
        "coopscore.report.i18n",
    }
    reached = closure(name)
    assert "coopscore.report.blocks" in reached  # the check below is not vacuous
    for found in reached:
        if found.startswith("coopscore.") and layer(found) in ("report", "core", "model"):
            assert found in allowed, (name, found)
