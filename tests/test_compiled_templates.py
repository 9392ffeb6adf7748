"""The HTML templates ship compiled: what is shipped is what today's sources compile to, a
page reads the same through either, and a source changed since is compiled from itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest
from jinja2 import ModuleLoader

from coopscore.formats import to_html

from .test_output_safety import Texts
from .test_to_markdown import HOSTILE, hostile_report


def _stamp() -> dict[str, object]:
    loaded: dict[str, object] = json.loads((to_html.COMPILED / to_html.STAMP).read_text())
    return loaded


def test_the_shipped_compiled_templates_name_todays_sources() -> None:
    assert _stamp()["templates"] == to_html.source_stamp()["templates"], (
        "a template changed: run python -m coopscore.formats.to_html"
    )


def test_the_shipped_modules_are_what_the_sources_compile_to(tmp_path: Path) -> None:
    if _stamp()["jinja2"] != jinja2.__version__:
        assert not to_html.compiled_current()  # another Jinja2 compiles from the sources
        pytest.skip(f"compiled by Jinja2 {_stamp()['jinja2']}, this is {jinja2.__version__}")
    to_html.compile_into(tmp_path / "fresh")
    shipped = {p.name: p.read_bytes() for p in to_html.COMPILED.iterdir() if p.is_file()}
    fresh = {p.name: p.read_bytes() for p in (tmp_path / "fresh").iterdir()}
    assert {k: v for k, v in shipped.items() if k in fresh} == fresh
    assert to_html.compiled_current()


def test_a_page_reads_the_same_through_the_compiled_and_the_source_templates() -> None:
    report = hostile_report(Texts([*HOSTILE, "一二三"]), "zh")
    compiled = to_html._environment(ModuleLoader(str(to_html.COMPILED)))
    sources = to_html._environment(to_html._sources())
    args = {"html_lang": "en", "title": report.title, "version": "0", "href": lambda s: None}
    groups = to_html._groups(to_html._items(report.blocks))
    page = compiled.get_template("document.html").render(groups=groups, **args)
    assert page == sources.get_template("document.html").render(groups=groups, **args)
    assert "<table" in page


def test_a_source_changed_since_compiling_is_compiled_from_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(to_html.TEMPLATES, copy)
    style = copy / "_style.css"
    style.write_text(style.read_text(encoding="utf-8") + "/* changed */\n", encoding="utf-8")
    monkeypatch.setattr(to_html, "TEMPLATES", copy)
    assert not to_html.compiled_current()
    (tmp_path / "stamp.json").write_text("not json")
    monkeypatch.setattr(to_html, "COMPILED", tmp_path)
    assert not to_html.compiled_current()  # an unreadable stamp is no stamp
