"""Markdown gap reports, parsed back with a CommonMark + tables parser."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.core.engine import assess
from coopscore.formats import as_markdown, json_out, to_markdown
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_scenario
from coopscore.report import numbers
from coopscore.report.blocks import Column, inline
from coopscore.report.i18n import LABELS

from .conftest import SCENARIOS, scenario_from

MR = str(SCENARIOS / "middle-reaches-2021.yaml")
PARSER = MarkdownIt("commonmark").enable("table")


def tables(text: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    tokens = PARSER.parse(text)
    out: list[list[list[str]]] = []
    row: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            out.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content)
        elif token.type == "tr_close":
            out[-1].append(row)
    return out


def fences(text: str) -> list[tuple[str, str]]:
    return [(t.info, t.content) for t in PARSER.parse(text) if t.type == "fence"]


@pytest.fixture(scope="module")
def mr_report(rubric: Rubric) -> tuple[str, dict[str, Any]]:
    a = assess(read_scenario(MR), rubric)
    return as_markdown.document(a, "en"), json_out.to_dict(a)


def test_report_has_dimension_table_gap_table_and_chart(
    mr_report: tuple[str, dict[str, Any]],
) -> None:
    text, data = mr_report
    found = tables(text)
    dims = next(t for t in found if t[0][:2] == ["", "Dimension"])
    assert [row[0] for row in dims[1:]] == [f"`{d['id']}`" for d in data["dimensions"]]
    assert [row[2].endswith("\\*") for row in dims[1:]] == [d["thin"] for d in data["dimensions"]]
    assert [row[3] for row in dims[1:]] == [
        f"{d['score_bounds']['lower']:.1f}–{d['score_bounds']['upper']:.1f}"
        for d in data["dimensions"]
    ]
    assert [row[2].removesuffix("\\*") for row in dims[1:]] == [
        "—" if d["score"] is None else f"{d['score']:.1f}" for d in data["dimensions"]
    ]
    gap_table = next(t for t in found if t[0][0] == "Code")
    assert [row[0] for row in gap_table[1:]] == [f"`{g['code']}`" for g in data["gaps"]]
    assert all(len(row) == len(gap_table[0]) for row in gap_table)
    (chart,) = [content for info, content in fences(text) if info == "text"]
    bars = chart.splitlines()
    assert [b.split()[0] for b in bars] == [d["id"] for d in data["dimensions"]]
    for bar, d in zip(bars, data["dimensions"], strict=True):  # point, thin mark and bounds
        point = numbers.score(d["score"]) + ("*" if d["thin"] else "")
        bounds = f"{d['score_bounds']['lower']:.1f}–{d['score_bounds']['upper']:.1f}"
        assert bar.endswith(f"  {point} {bounds}"), bar


def test_diagnostics_section_with_the_activity_series(
    mr_report: tuple[str, dict[str, Any]],
) -> None:
    text, data = mr_report
    for d in data["diagnostics"]:
        assert f"### `{d['id']}` " in text
    p1 = next(d for d in data["diagnostics"] if d["id"] == "P1")
    section = text[text.index("### `P1`") : text.index("### `P2`")]
    assert re.search(r"\b20\d\d:\s\d", section)  # the yearly values, each beside its year
    assert p1["flagged"] is True


def test_every_gap_code_recommendation_and_data_gap_appears(
    mr_report: tuple[str, dict[str, Any]],
) -> None:
    text, data = mr_report
    for gap in data["gaps"]:
        heading = next(
            line for line in text.splitlines() if line.startswith(f"#### `{gap['code']}`")
        )
        assert f"*{gap['slug']}*" in heading
    recs = next(t for t in tables(text) if t[0][1] == "Recommendation")
    assert [row[0] for row in recs[1:]] == [f"`{r['id']}`" for r in data["recommendations"]]
    for rec in data["recommendations"]:
        assert f"### `{rec['id']}` " in text  # its actions, under its title
    for unknown in data["unknowns"]:
        assert unknown["code"] in text
    assert "Liu Tao" in text or "刘陶" in text  # the scenario's cited source


def _table(heads: list[str], rows: list[tuple[str, str]]) -> str:
    columns = [Column(h) for h in heads]
    return "\n".join(to_markdown.table(columns, [tuple(inline(c) for c in r) for r in rows]))


def test_cells_with_pipes_and_newlines_do_not_break_tables() -> None:
    text = _table(["a", "b"], [("x | y", "line one\nline two"), ("z\\", "ok")])
    (parsed,) = tables(text)
    assert parsed[1][0] == "x \\| y" and "line one" in parsed[1][1] and "line two" in parsed[1][1]
    assert len(parsed[2]) == 2


def test_chinese_cells_keep_raw_columns_aligned() -> None:
    from wcwidth import wcswidth

    text = _table(["维度", "得分"], [("制度健全", "62.5"), ("D1 模式创新", "28.6")])
    widths = {wcswidth(line) for line in text.splitlines()}
    assert len(widths) == 1


def test_unscored_dimensions_are_drawn_as_unknown_not_zero(rubric: Rubric) -> None:
    a = assess(scenario_from({"institutions": {"execution": []}}), rubric)
    text = as_markdown.document(a, "en")
    (chart,) = [c for info, c in fences(text) if info == "text"]
    for d in a.dimensions:
        bar = next(line for line in chart.splitlines() if line.startswith(d.spec.id + " "))
        if d.score is None:
            assert bar.split("  ")[-1].split()[0] == numbers.MISSING, bar
        else:
            assert numbers.score(d.score) in bar


def test_whole_report_in_chinese(rubric: Rubric) -> None:
    text = as_markdown.document(assess(read_scenario(MR), rubric), "zh")
    for key in ("summary", "by_dimension", "why", "yrd_practice", "sources", "how_scored"):
        assert LABELS[key]["zh"] in text and LABELS[key]["en"] not in text, key
    assert "缺少" in text


def test_facts_cite_their_line_in_the_reports_language_and_the_file_once() -> None:
    """Evidence and the diagnostics' data lines give the line; the header names the file."""
    command = ["assess", "example:middle-reaches-2021", "-f", "markdown"]
    en = CliRunner().invoke(app, command)
    zh = CliRunner().invoke(app, [*command, "--lang", "zh"])
    assert en.exit_code == zh.exit_code == 0, en.output + zh.output
    cited = len(re.findall(r"\(line \d+", en.output))
    assert cited > 0 and "第" not in en.output.split("## ")[1]
    assert len(re.findall(r"\(第 \d+ 行", zh.output)) == cited
    events = read_scenario(str(SCENARIOS / "middle-reaches-2021.yaml")).document.line_of(
        ("activity", 0, "events")
    )
    p1 = zh.output[zh.output.index("### `P1`") : zh.output.index("### `P2`")]
    assert re.search(rf"行号: [\d, ]*\b{events}\b", p1)  # the series' line, cited
    for out in (en.output, zh.output):
        assert out.count("middle-reaches-2021.yaml") == 0
        assert out.count("example:middle-reaches-2021") == 1


def test_the_gap_table_is_narrow_and_says_when_lines_are_cut(
    mr_report: tuple[str, dict[str, Any]],
) -> None:
    text, data = mr_report
    gap_table = next(t for t in tables(text) if t[0][0] == "Code")
    assert gap_table[0] == ["Code", "Gap", "Severity", "Recommendation", "Lines"]
    adj = next(row for row in gap_table if row[0] == "`ADJ002`")
    lines = {e["line"] for e in next(g for g in data["gaps"] if g["code"] == "ADJ002")["evidence"]}
    first = ", ".join(str(n) for n in sorted(lines)[:3])
    assert adj[4] == f"{first} (+{len(lines) - 3} more)"
    adj003 = next(g for g in data["gaps"] if g["code"] == "ADJ003")
    section = text[text.index("#### `ADJ003`") :]
    assert all(f"line {e['line']}" in section for e in adj003["evidence"] if e["line"])
    assert "-v shows all" not in text  # Markdown shows every fact


def test_assess_writes_markdown_with_output_option(tmp_path: Any) -> None:
    target = tmp_path / "sub" / "report.md"
    target.parent.mkdir()
    result = CliRunner().invoke(app, ["assess", MR, "-f", "markdown", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    data = json.loads(CliRunner().invoke(app, ["assess", MR, "-f", "json"]).output)
    assert all(g["code"] in text for g in data["gaps"])
    assert list(tmp_path.joinpath("sub").iterdir()) == [target]  # no temporary file left
