"""The documentation site's references are current and complete, and nothing left the README.

The command reference and the JSON contract's field list are generated (``docs/gen_reference.py``);
these tests regenerate them in memory and compare, then check coverage against the sources
themselves: every command and option of the Typer app, every field the JSON writer writes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
import typer
import yaml

from coopscore.cli import app as cli
from coopscore.formats import json_out
from coopscore.pipeline import scoring
from coopscore.pipeline.inputs import read_rubric

from .conftest import ROOT, SCENARIOS

# One worker runs the whole module, so that its module-scoped fixture runs once.
pytestmark = pytest.mark.xdist_group("docs")

DOCS = ROOT / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_reference", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated() -> dict[Path, str]:
    outputs: dict[Path, str] = _generator().outputs()
    return outputs


def test_generated_files_are_current(generated: dict[Path, str]) -> None:
    for path, text in generated.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of date: run python docs/gen_reference.py"
        )


def _walk(group: Any, ctx: Any) -> Iterator[tuple[str, Any]]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        path = f"{ctx.command_path} {name}"
        yield path, command
        if hasattr(command, "list_commands"):
            yield from _walk(command, command.context_class(command, info_name=name, parent=ctx))


def test_every_command_and_option_is_in_the_reference() -> None:
    page = (DOCS / "commands.md").read_text(encoding="utf-8")
    root = typer.main.get_command(cli.whole())
    found = list(_walk(root, root.context_class(root, info_name="coopscore")))
    assert {p.split()[1] for p, _ in found} == set(cli.COMMANDS)
    for path, command in found:
        assert f"## `{path}`" in page, path
        section = page.split(f"## `{path}`", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            if param.hidden:
                continue
            for option in [*param.opts, *param.secondary_opts]:
                if param.param_type_name == "option":
                    assert re.search(rf"`[^`]*{re.escape(option)}\b", section), (path, option)


def _keys(value: Any, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, sub in value.items():
            if path.endswith("measures"):  # a diagnostic's own measures: data, not fields
                continue
            here = f"{path}.{key}" if path else key
            yield here
            yield from _keys(sub, here)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item, path + "[]")


@pytest.fixture(scope="module")
def contracts() -> list[dict[str, Any]]:
    rubric = read_rubric()
    out = []
    for file in sorted(SCENARIOS.glob("*.yaml")):
        outcome = scoring.score(str(file), rubric)
        assert isinstance(outcome, scoring.Scored)
        for lang in ("en", "zh"):
            out.append(json.loads(json.dumps(json_out.to_dict(outcome.assessment, lang))))
    return out


def test_every_json_field_is_in_the_reference(contracts: list[dict[str, Any]]) -> None:
    page = (DOCS / "generated" / "json-fields.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", page, re.MULTILINE))
    written = {k for c in contracts for k in _keys(c)}
    assert written and not written - listed, sorted(written - listed)
    contract = (DOCS / "json-contract.md").read_text(encoding="utf-8")
    assert '--8<-- "docs/generated/json-fields.md"' in contract
    for field in {re.split(r"[.\[]", k)[0] for k in written}:
        assert f"`{field}`" in contract or f"`{field}`" in page


def test_the_output_validates_against_the_shipped_schema(contracts: list[dict[str, Any]]) -> None:
    schema = json.loads((ROOT / "schemas" / "assessment.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for contract in contracts:
        validator.validate(contract)
    broken = {**contracts[0], "score": "high"}
    assert not validator.is_valid(broken)
    assert not validator.is_valid({k: v for k, v in contracts[0].items() if k != "gaps"})


def _site() -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may name Python objects (!!python/name:…); they are not needed here.
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config: dict[str, Any] = yaml.load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
        Loader=Loader,
    )
    return config


def _pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages(value)


def test_every_page_in_the_nav_exists_and_every_page_is_in_it() -> None:
    nav = set(_pages(_site()["nav"]))
    on_disk = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if "generated" not in p.parts}
    assert nav == on_disk


def test_the_chinese_pages_are_written_in_chinese() -> None:
    for name in ("index.md", "reading-a-report.md", "writing-a-scenario.md"):
        text = (DOCS / "zh" / name).read_text(encoding="utf-8")
        han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        assert han > 400, name
        assert "，" in text and "。" in text  # full-width punctuation
        prose = re.sub(r"```.*?```|`[^`]*`", "", text, flags=re.DOTALL)
        assert not re.search(r"[\u4e00-\u9fff][,;:]", prose), name


def _sections(text: str) -> list[str]:
    return re.findall(r"^#{1,3} (.+)$", text, re.MULTILINE)


def test_the_readme_is_a_short_front_page_in_two_languages_and_the_manual_keeps_the_rest() -> None:
    """The README is at most 200 lines, in English and Chinese, each linking the other; what it
    no longer holds is in the site, the complete manual first of all."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese = (ROOT / "README.zh.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200 and len(chinese.splitlines()) <= 200
    assert "README.zh.md" in readme.splitlines()[2] and "README.md" in chinese.splitlines()[2]
    assert "coopscore assess example:middle-reaches-2021" in readme and "未知不等于否" in chinese
    manual = (DOCS / "manual.md").read_text(encoding="utf-8")
    site = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    for section in (
        "### Exit codes and errors",
        "### Files: what is read and what is written",
        "### The JSON contract",
        "### Rank ranges in a batch",
        "### Measuring it",
        "### Counting",
        "### Bounds: what the unknowns still allow",
        "### The condition language",
    ):
        assert section in manual and section in site


def test_the_readme_links_the_site_and_the_changelog() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CHANGELOG.md" in readme and "mkdocs" in readme
