"""Hostile text in every text field of a scenario, its file name and the rubric, checked in
every output: the Markdown report and index, Mermaid charts, the terminal, CSV and JSON."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token
from rich.console import Console

from coopscore.cli import sinks
from coopscore.contract.read import compare
from coopscore.core import plan as planning
from coopscore.core import sensitivity as sens
from coopscore.core.assessment import Assessment
from coopscore.core.engine import assess
from coopscore.errors import InputError, Problem
from coopscore.formats import (
    as_csv,
    as_json,
    as_markdown,
    as_table,
    json_out,
    plan_out,
    rubric_docs,
    sensitivity_out,
    to_terminal,
)
from coopscore.formats.escaping import json_dumps, visible, web_url
from coopscore.formats.registry import View
from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import Rubric, parse_rubric
from coopscore.model.yamlload import parse
from coopscore.pipeline.batch import Failed, Scored
from coopscore.report import assessment
from coopscore.report import compare as compare_report
from coopscore.report import explain as explaining
from coopscore.report import plan as plan_report
from coopscore.report import sensitivity as sensitivity_report
from coopscore.report.words import Words

from .conftest import ROOT, RUBRICS, SCENARIOS
from .test_escaping import HIDDEN, NASTY, TEXT, autolinked, strict

PARSER = MarkdownIt("commonmark").enable("table")
BASE_SCENARIO = SCENARIOS / "middle-reaches-2021.yaml"
BASE_RUBRIC = RUBRICS / "yrd-lessons.yaml"
# Free-text fields of the scenario model (names are text or {en, zh}).
SCENARIO_TEXT = ("name", "note", "title", "author", "url", "section", "topic", "scope")
SCENARIO_TEXT_TOP = ("description",)
# Tags markdown-it writes for what the report and the rubric docs are made of, and no others.
TAGS = {"p", "h1", "h2", "h3", "h4", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"}
TAGS |= {"code", "pre", "strong", "em", "a", "br", "ol", "blockquote"}  # notes are quotes
FENCE_OPEN = re.compile(r"```+(mermaid|text)")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def _data(path: Path) -> dict[str, Any]:
    data = parse(str(path), path.read_text(encoding="utf-8")).data
    assert isinstance(data, dict)
    return data


SCENARIO_DATA = _data(BASE_SCENARIO)
RUBRIC_DATA = _data(BASE_RUBRIC)
# The other side of a comparison: a small scenario, so that gaps open and close between them.
SMALL = parse_scenario("small.yaml", (ROOT / "tests" / "data" / "small.yaml").read_text("utf-8"))


class Texts:
    """Hands out the drawn texts in turn, so that every field gets one of them."""

    def __init__(self, texts: list[str]) -> None:
        self.texts, self.n = texts, 0

    def __call__(self) -> str:
        self.n += 1
        return self.texts[self.n % len(self.texts)]

    def fill(self, node: dict[str, Any], key: str) -> None:
        """Replace the text (or each language of the text) at ``node[key]``, if there is one."""
        value = node.get(key)
        if isinstance(value, str):
            node[key] = self()
        elif isinstance(value, dict):
            for lang in ("en", "zh"):
                if isinstance(value.get(lang), str):
                    value[lang] = self()
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            node[key] = [self() for _ in value]


def _mappings(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _mappings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _mappings(item)


def hostile_scenario(texts: Texts) -> dict[str, Any]:
    data = copy.deepcopy(SCENARIO_DATA)
    del data["id"]  # the id is then the file name's stem: hostile too
    for key in SCENARIO_TEXT_TOP:
        texts.fill(data, key)
    for node in _mappings(data):
        for key in SCENARIO_TEXT:
            texts.fill(node, key)
    data["sources"][texts()] = {"title": texts(), "url": texts(), "author": texts()}
    for member in data["members"]:
        shares = member.get("sector_shares")
        key = texts()
        if shares and key not in shares:  # a key from the file shows in every path under it
            first = next(iter(shares))
            shares[key] = shares.pop(first)
    code = RUBRIC_DATA["criteria"][0]["code"]
    data["not_applicable"] = {code: texts() + " - a reason"}
    return data


def hostile_rubric(texts: Texts) -> dict[str, Any]:
    data = copy.deepcopy(RUBRIC_DATA)
    data.pop("paper_outline", None)  # hostile sections are no marks of the paper's outline
    for key in ("id", "version", "title", "source"):
        texts.fill(data, key)
    for dim in data["dimensions"]:
        for key in ("name", "summary", "section"):
            texts.fill(dim, key)
    for rec in data["recommendations"]:
        for key in ("title", "section"):
            texts.fill(rec, key)
        for lang in ("en", "zh"):
            texts.fill(rec["actions"], lang)
    for criterion in data["criteria"]:
        for key in ("title", "rationale", "yrd_practice", "section"):
            texts.fill(criterion, key)
    for key in ("P1", "P2", "P3", "P4"):
        problem = data.setdefault("diagnostics", {}).setdefault(key, {})
        problem["name"] = {"en": texts(), "zh": texts()}
        problem["section"] = texts()
        for cause in problem.get("causes", []):
            texts.fill(cause, "name")
    return data


def load(
    scenario: dict[str, Any], rubric: dict[str, Any], name: str
) -> tuple[LoadedScenario, Rubric]:
    """Written as YAML and read back; text that YAML or the models refuse is not a case here."""
    try:
        loaded_rubric = parse_rubric(
            "rubric.yaml", yaml.dump(rubric, Dumper=yaml.CSafeDumper, allow_unicode=True)
        )
        loaded = parse_scenario(
            name, yaml.dump(scenario, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        )
    except InputError:
        assume(False)
        raise
    return loaded, loaded_rubric


# ------------------------------------------------------------------------------ checks


def _all_tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _all_tokens(token.children or [])


def check_markdown(text: str) -> None:
    """No HTML from the data, no script or handler, no scheme in a link, rows and fences whole."""
    tokens = PARSER.parse(text)
    for token in _all_tokens(tokens):
        if token.type == "html_block":  # only the rubric docs' own "Generated by" line 3
            assert token.map == [2, 3] and token.content.startswith("<!-- Generated by `coop")
        if token.type == "html_inline":
            assert token.content == "<br>", token.content  # the only tag we write
        if token.type == "link_open":  # a report's relative file, or a URL the HTML links
            href = str(token.attrs["href"])
            relative = not urlsplit(href).scheme and not urlsplit(href).netloc
            assert relative or web_url(unquote(href)) is not None, href
        if token.type == "fence":  # Mermaid charts, and the rubric docs' conditions
            assert token.info in ("mermaid", "text"), token.info
            if token.info == "mermaid":
                check_mermaid(token.content)
    html = PARSER.renderer.render(tokens, PARSER.options, {})
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert not re.search(r"<[^>]+\son\w+=", lowered)
    assert not any("javascript:" in href for href in re.findall(r'href="([^"]*)"', lowered))
    assert set(re.findall(r"</?([a-z][a-z0-9]*)", html)) <= TAGS
    fences = sum(1 for t in tokens if t.type == "fence")
    assert fences == sum(bool(FENCE_OPEN.fullmatch(line)) for line in text.splitlines())
    check_tables(text, tokens)
    assert not HIDDEN.search(text.replace("\n", ""))
    assert not autolinked(text), autolinked(text)


def check_tables(text: str, tokens: list[Token]) -> None:
    """Every line that starts with ``|`` is a row of a table with one cell count."""
    lines = text.splitlines()
    rows = 0
    for token in tokens:
        if token.type == "table_open":
            assert token.map is not None
            start, end = token.map
            widths = {len(escapedSplit(line.strip().strip("|"))) for line in lines[start:end]}
            assert len(widths) == 1, lines[start:end]
            rows += end - start
    assert rows == sum(1 for line in lines if line.startswith("|"))


MERMAID_LINE = re.compile(
    r'xychart-beta|    title "[^"`%]*(%[^%"`][^"`%]*)*%?"'
    r'|    x-axis \[("[^"`]*"(, "[^"`]*")*)?\]'
    r'|    y-axis "[^"`]*" 0 --> [0-9.e+]+'
    r"|    bar \[[-0-9.e+, ]*\]"
)


def check_mermaid(content: str) -> None:
    assert "`" not in content and "%%" not in content and "<" not in content
    for line in content.splitlines():
        assert MERMAID_LINE.fullmatch(line), line


def check_terminal(render: Any) -> None:
    """Plain and styled terminal output: no control character but line breaks and rich's SGR."""
    console = Console(
        file=io.StringIO(), width=120, force_terminal=True, color_system="truecolor", record=True
    )
    render(console)
    out = SGR.sub("", console.file.getvalue())  # type: ignore[attr-defined]
    assert not HIDDEN.search(console.export_text().replace("\n", ""))
    assert "\x1b" not in out  # no link (OSC 8), no cursor move, nothing of the data's
    assert not HIDDEN.search(out.replace("\n", ""))


def check_csv(a: Assessment, path: str, reason: str) -> None:
    out = io.StringIO()
    writer = as_csv.CsvWriter(out, "en", [d.spec.id for d in a.dimensions])
    sink = sinks.Stream(writer)
    sink.add(sinks.Preparer(writer.render)(_scored(a)))
    sink.add(Failed(path, (Problem(path, reason),)))
    sink.close()
    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert header == list(writer.columns) and len(rows) == 2
    text = {"id", "path", "name", "thin", "top_recommendation", "error", "separable"}
    for row in rows:
        assert len(row) == len(header)
        for column, cell in zip(header, row, strict=True):
            assert not HIDDEN.search(cell)
            if column in text:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
            elif cell:
                float(cell)  # our numbers stay numbers


def _scored(a: Assessment) -> Scored:
    return Scored(a.file, a)


def check_json(text: str) -> None:
    strict(text)
    assert not HIDDEN.search(text.replace("\n", ""))


# ------------------------------------------------------------------------------- test


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.lists(TEXT, min_size=1, max_size=6), TEXT)
@example(NASTY, "<script>x</script>`\x1b[2J|\u2028")
@example(["%%{init: {'theme': 'dark'}}%%"], "%%{init: {}}%%")  # every field the same text
@example(["=1+1"], "-2+3")
@example(["[link=file:///etc/passwd]x[/link]\\"], "\x1b]8;;http://e\x07y")
def test_every_output_escapes_hostile_text(drawn: list[str], file_name: str) -> None:
    texts = Texts(drawn)
    scenario, rubric = load(hostile_scenario(texts), hostile_rubric(texts), file_name + ".yaml")
    a = assess(scenario, rubric)
    # every line the terminal may quote holds hostile text, as a file's line may
    a = a._replace(source_lines=tuple(texts() for _ in range(_last_line(a))))

    check_markdown(as_markdown.document(a, "en"))
    check_markdown(rubric_docs.render(rubric))
    report = f"{a.scenario_id}.md"
    row = dataclasses.replace(as_markdown.report(a, "en")[1], report=report)  # with its rubric
    dims = [d.spec.id for d in a.dimensions]
    check_markdown(as_markdown.index_page([row], [(a.file, texts())], "en", dims))
    comparison = compare(json_out.to_dict(assess(SMALL, rubric)), json_out.to_dict(a))
    assert comparison.opened or comparison.closed or comparison.changed
    check_markdown(as_markdown.FORMAT.compare(comparison, View()))
    made = planning.make(a, rubric, None)
    check_markdown(as_markdown.FORMAT.plan(made, rubric, View()))

    check_terminal(lambda console: _assessment(a, console))
    table = as_table.TableWriter
    check_terminal(lambda console: _table(table(console, "en"), a, texts()))
    compared = compare_report.build(comparison, Words("en"))
    check_terminal(lambda console: to_terminal.draw(compared, console))
    planned = plan_report.build(made, rubric, Words("en"))
    check_terminal(lambda console: to_terminal.draw(planned, console))
    for found in (rubric.criteria[0], rubric.dimensions[0], rubric.recommendations[0]):
        explained = explaining.build(rubric, found, Words("en"), scenario)
        check_terminal(lambda console, made=explained: to_terminal.draw(made, console, True))
    scores = tuple(d.score for d in a.dimensions)
    entries = [sens.Entry(a.scenario_id, scores), sens.Entry(texts(), scores)]
    ranking = sens.run(entries, [d.weight for d in rubric.dimensions], runs=10)
    weighed = sensitivity_report.build(ranking, Words("en"))
    check_terminal(lambda console: to_terminal.draw(weighed, console))
    check_json(sensitivity_out.to_json(ranking))

    check_csv(a, a.file, texts())
    check_json(json_out.render(a, "en"))
    check_json(as_json.json_text(a, "en"))
    check_json(plan_out.to_json(made))


def _assessment(a: Assessment, console: Console) -> None:
    to_terminal.draw(assessment.build(a, Words("en")), console, verbose=True)


def _last_line(a: Assessment) -> int:
    return max((e.line or 0 for r in a.results for e in r.evidence), default=0)


def _table(writer: as_table.TableWriter, a: Assessment, reason: str) -> None:
    sink = sinks.Stream(writer)
    sink.add(_scored(a))
    sink.add(Failed(a.file, (Problem(a.file, reason),)))
    sink.close()


# ------------------------------------------------------------------- the file's name


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>.yaml",
        "a`b``c.yaml",
        "x\x1b[2J\x1b]8;;http://e\x07y.yaml",
        "line\u2028break\x85here.yaml",
        "pipe|and\nnewline.yaml",
        "[bold]r[/bold]\\.yaml",
    ],
)
def test_a_hostile_file_name_is_escaped_in_markdown_and_on_the_terminal(
    name: str, rubric: Rubric
) -> None:
    text = BASE_SCENARIO.read_text(encoding="utf-8")
    a = assess(parse_scenario(name, text), rubric)
    report = as_markdown.document(a, "en")
    check_markdown(report)
    shown = visible(" ".join(name.splitlines()))
    codes = [t.content for t in _all_tokens(PARSER.parse(report)) if t.type == "code_inline"]
    assert codes.count(shown) == 1  # the report's "File:" line, whole and as written
    assert not any(c.startswith(shown + ":") for c in codes)  # evidence cites its line only
    check_terminal(lambda console: _assessment(a, console))
    console = Console(file=io.StringIO(), width=400, record=True, no_color=True)
    _assessment(a, console)
    assert visible(name) in console.export_text()  # shown, escaped, never styled
    assert json.loads(json_out.render(a))["scenario"]["path"] == name


def test_a_saved_assessment_with_nan_compares_without_nan(rubric: Rubric) -> None:
    text = BASE_SCENARIO.read_text(encoding="utf-8")
    new = json_out.to_dict(assess(parse_scenario("new.yaml", text), rubric))
    old = json.loads(json.dumps(new))
    old["score"], old["dimensions"][0]["score"] = float("nan"), float("inf")
    comparison = compare(old, new)
    shown = as_markdown.FORMAT.compare(comparison, View())
    assert not re.search(r"\|\s*[+-]?(nan|inf)\s*\|", shown)
    assert "| **Overall**" in shown and re.search(r"\|\s+—", shown)  # NaN shown as unknown
    check_markdown(shown)
    check_json(json_dumps(comparison.to_dict(), indent=2))
