"""A problem is its own folder and one registry line: logic, words and documentation together,
and no other module knows it by id. A throwaway problem, written to a temporary folder and put
on the registry, runs and is told in every output without any other file changed."""

from __future__ import annotations

import ast
import re
import string
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import coopscore.diagnostics as registry
from coopscore.cli.app import app
from coopscore.diagnostics import REGISTRY, logic
from coopscore.formats import registry as formats
from coopscore.model.rubric import DiagnosticsSpec, ProblemSpec
from coopscore.report.findings import words_of

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "coopscore"
SCENARIO = ROOT / "scenarios" / "middle-reaches-2021.yaml"
# The modules that once knew each problem by id, and the report's block of a diagnostic.
SHARED = ("report/findings.py", "report/explain.py", "report/diagnostics.py")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_each_problem_folder_has_its_logic_words_and_documentation(key: str) -> None:
    folder = PACKAGE / "diagnostics" / REGISTRY[key]
    assert {"logic.py", "words.py", "README.md"} <= {p.name for p in folder.iterdir()}
    assert key == logic(key).ID
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {key} ") and "§" in readme


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_each_problem_says_everything_in_both_languages(key: str) -> None:
    said = words_of(key)
    assert said is not None
    catalogues = [said.LABELS, said.MEASURES, said.SETTINGS, {"formula": said.FORMULA}]
    for catalogue in catalogues:
        for name, text in catalogue.items():
            assert text["en"] and text["zh"], (key, name)
            assert _fields(text["en"]) == _fields(text["zh"]), (key, name)
            assert re.search(r"[\u4e00-\u9fff]", text["zh"]), (key, name)


def test_no_shared_report_module_names_a_problem() -> None:
    for relative in SHARED:
        tree = ast.parse((PACKAGE / relative).read_text(encoding="utf-8"))
        named = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in REGISTRY
        }
        assert not named, (relative, named)


LOGIC = '''
"""A throwaway problem: counts the members and flags any."""

from __future__ import annotations

from typing import Any

from coopscore.core.diagnostics.results import Diagnostic

ID = "P9"


def diagnose(scenario: Any, spec: Any, rubric: Any) -> Diagnostic:
    members = len(scenario.model.members or [])
    return Diagnostic(
        id=ID, name=spec.name, section=spec.section, status="flagged",
        measures={"members": members},
    )
'''
WORDS = '''
"""Its words."""

from __future__ import annotations

from coopscore.report.findings import saying

LABELS = {"members": {"en": "members counted: {n} widgets", "zh": "成员计数:{n} 个部件"}}
MEASURES = {}
DIGITS = {}
FORMULA = {"en": "Counts the widgets.", "zh": "统计部件。"}
DATA = ("members[]",)
SETTINGS = {}
say = saying(LABELS)


def findings(d, lang):
    return [say("members", lang, n=d.measures["members"])]
'''


@pytest.fixture
def throwaway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "p9_throwaway"
    folder.mkdir()
    (folder / "__init__.py").write_text('"""A throwaway problem."""\n', encoding="utf-8")
    (folder / "logic.py").write_text(textwrap.dedent(LOGIC), encoding="utf-8")
    (folder / "words.py").write_text(textwrap.dedent(WORDS), encoding="utf-8")
    monkeypatch.setattr(registry, "__path__", [*registry.__path__, str(tmp_path)])
    monkeypatch.setitem(REGISTRY, "P9", "p9_throwaway")
    spec = ProblemSpec.model_validate(
        {"name": {"en": "Widget count", "zh": "部件计数"}, "section": "§一(二)"}
    )
    enabled = DiagnosticsSpec.enabled
    monkeypatch.setattr(DiagnosticsSpec, "enabled", lambda self: [*enabled(self), ("P9", spec)])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", formats.names("assessment"))
def test_a_new_problem_folder_runs_and_is_told_in_every_output(
    throwaway: None, fmt: str, lang: str
) -> None:
    result = CliRunner().invoke(
        app,
        ["assess", str(SCENARIO), "--format", fmt, "--lang", lang],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code in (0, 1), result.output
    sentence = {"en": "members counted: ", "zh": "成员计数:"}[lang]
    shown = " ".join(result.output.split())
    assert "P9" in shown, fmt
    assert re.search(re.escape(sentence) + r"\d+", shown), (fmt, lang)


def test_the_docs_include_each_problems_readme() -> None:
    page = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    included = set(
        re.findall(r'^--8<-- "src/coopscore/diagnostics/([a-z0-9_]+)/README.md"', page, re.M)
    )
    assert included == set(REGISTRY.values())
