"""The Python API tells what the command line tells: the same JSON, CSV and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

import coopscore
from coopscore.api import Batch, Result, Trend
from coopscore.cli.app import app

from .conftest import ROOT, SCENARIOS

runner = CliRunner()
MR = "example:middle-reaches-2021"
EXAMPLES = ["example:middle-reaches-2021", "example:yangtze-delta-2020"]
SMALL = ROOT / "tests" / "data" / "small.yaml"


def cli(*args: str, status: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == status, result.output
    return result.stdout


@pytest.fixture(scope="module")
def mr() -> Result:
    return coopscore.assess(MR)


def near(value: float | None, contract: float | None, digits: int = 1) -> bool:
    """An unrounded number against the contract's rounding of it to ``digits`` places."""
    if value is None or contract is None:
        return value is contract
    return abs(value - contract) <= 0.5 * 10**-digits + 1e-9


def share(value: float | None, contract: float | None) -> bool:
    return near(value, contract, 3)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_to_dict_is_the_json_the_cli_writes(lang: str) -> None:
    result = coopscore.assess(MR, lang=lang)
    written = json.loads(cli("assess", MR, "--format", "json", "--lang", lang))
    assert result.to_dict() == written


def test_every_attribute_reads_what_the_contract_says(mr: Result) -> None:
    d = mr.to_dict()
    assert (mr.id, mr.name, mr.file, mr.as_of) == (
        d["scenario"]["id"],
        d["scenario"]["name"],
        d["scenario"]["path"],
        d["scenario"]["as_of"],
    )
    assert near(mr.score, d["score"]) and mr.score_bounds is not None
    assert near(mr.score_bounds.lower, d["score_bounds"]["lower"])
    assert near(mr.score_bounds.upper, d["score_bounds"]["upper"])
    assert mr.score_bounds.lower <= (mr.score or 0) <= mr.score_bounds.upper
    assert share(mr.coverage, d["coverage"]) and mr.coverage_floor == d["coverage_floor"]

    assert [x.id for x in mr.dimensions] == [x["id"] for x in d["dimensions"]]
    for dim, want in zip(mr.dimensions, d["dimensions"], strict=True):
        assert (dim.name, dim.thin) == (want["name"], want["thin"])
        assert near(dim.score, want["score"]) and share(dim.coverage, want["coverage"])
        if dim.score_bounds is not None:
            assert near(dim.score_bounds.lower, want["score_bounds"]["lower"])
            assert near(dim.score_bounds.upper, want["score_bounds"]["upper"])

    assert [c.code for c in mr.criteria] == [c["code"] for c in d["criteria"]]
    for c, want in zip(mr.criteria, d["criteria"], strict=True):
        assert (c.slug, c.status, c.credit, c.applicable) == (
            want["slug"],
            want["status"],
            want["credit"],
            want["applicable"],
        )

    assert mr.gaps and [g.code for g in mr.gaps] == [g["code"] for g in d["gaps"]]
    for gap, want in zip(mr.gaps, d["gaps"], strict=True):
        assert (gap.title, gap.dimension, gap.severity, gap.status, gap.source) == (
            want["title"],
            want["dimension"],
            want["severity"],
            want["status"],
            want["source"],
        )
        assert list(gap.recommendations) == want["recommendations"]
        assert [(e.path, e.value, e.line) for e in gap.evidence] == [
            (e["path"], e["value"], e["line"]) for e in want["evidence"]
        ]
        assert all(e.file == mr.file for e in gap.evidence)
        assert all(f"@ {mr.file}:{e.line}" in str(e) for e in gap.evidence)

    assert mr.unknowns == tuple(u["path"] for u in d["unknowns"])
    assert [(x.id, x.status, x.section, x.flagged) for x in mr.diagnostics] == [
        (x["id"], x["status"], x["section"], x["flagged"]) for x in d["diagnostics"]
    ]
    for diag, want in zip(mr.diagnostics, d["diagnostics"], strict=True):
        assert list(diag.findings) == want["findings"]["en"]
        assert diag.name == want["name"]["en"]
        assert list(diag.missing) == want["missing"]
        assert list(diag.recommendations) == want["recommendations"]
    assert [(r.id, r.priority, list(r.gaps)) for r in mr.recommendations] == [
        (r["id"], r["priority"], r["gaps"]) for r in d["recommendations"]
    ]
    assert all(r.title and r.actions and r.source for r in mr.recommendations)


def test_chinese_results_speak_chinese() -> None:
    zh = coopscore.assess(MR, lang="zh")
    assert zh.name == zh.to_dict()["scenario"]["name"] and zh.name != coopscore.assess(MR).name
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.gaps[0].title)


def test_a_bad_language_is_refused() -> None:
    with pytest.raises(ValueError, match="en, zh"):
        coopscore.assess(MR, lang="fr")


def test_yaml_text_and_a_mapping_score_like_the_file() -> None:
    text = SMALL.read_text(encoding="utf-8")
    from_file = coopscore.assess(SMALL).to_dict()
    from_text = coopscore.assess(text).to_dict()
    from_mapping = coopscore.assess(yaml.safe_load(text)).to_dict()
    for got in (from_text, from_mapping):
        assert got["score"] == from_file["score"]
        assert got["score_bounds"] == from_file["score_bounds"]
        assert [g["code"] for g in got["gaps"]] == [g["code"] for g in from_file["gaps"]]
    assert from_text["scenario"]["path"] == "<text>"
    assert from_mapping["scenario"]["path"] == "<mapping>"
    assert from_text["gaps"][0]["evidence"] == from_file["gaps"][0]["evidence"]


def test_a_path_object_is_a_path() -> None:
    assert coopscore.assess(SCENARIOS / "yangtze-delta-2020.yaml").id == "yangtze-delta-2020"


def test_bad_text_raises_input_error_with_file_and_line() -> None:
    with pytest.raises(coopscore.InputError) as caught:
        coopscore.assess("schema_version: 1\nid: x\nas_of: next year\n")
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.path) == ("<text>", 3, "as_of")
    assert "whole number" in problem.message


def test_bad_file_raises_the_problems_the_cli_prints(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "bad" / "typo-key.yaml"
    with pytest.raises(coopscore.InputError) as caught:
        coopscore.assess(bad)
    problems = caught.value.problems
    assert problems and all(p.file == str(bad) for p in problems)
    assert all(p.line is not None for p in problems)
    done = runner.invoke(app, ["assess", str(bad)])
    assert done.exit_code == 2
    assert all(p.message in done.output for p in problems)


def test_a_missing_file_and_a_missing_example_raise_input_error() -> None:
    with pytest.raises(coopscore.InputError, match="no such file"):
        coopscore.assess("no/such/scenario.yaml")
    with pytest.raises(coopscore.InputError, match="no bundled example"):
        coopscore.assess("example:nowhere")


def test_a_mapping_that_is_not_plain_data_is_an_input_error() -> None:
    with pytest.raises(coopscore.InputError) as caught:
        coopscore.assess({"schema_version": 1, "as_of": object()})
    assert caught.value.problems[0].file == "<mapping>"


def test_a_bad_rubric_raises_input_error(tmp_path: Path) -> None:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("id: x\n  bad: [\n", encoding="utf-8")
    with pytest.raises(coopscore.InputError) as caught:
        coopscore.assess(MR, rubric=rubric)
    assert caught.value.problems[0].file == str(rubric)


# ------------------------------------------------------------------------------ DataFrames


def test_criteria_frame_is_the_default_and_matches_the_contract(mr: Result) -> None:
    frame = mr.to_frame()
    assert list(frame.columns[:6]) == ["code", "slug", "title", "dimension", "severity", "status"]
    criteria = mr.to_dict()["criteria"]
    assert list(frame["code"]) == [c["code"] for c in criteria]
    assert list(frame["status"]) == [c["status"] for c in criteria]
    for row, c in zip(frame.itertuples(), criteria, strict=True):
        if c["credit_bounds"] is not None:
            assert share(row.credit_lower, c["credit_bounds"][0])
            assert share(row.credit_upper, c["credit_bounds"][1])


def test_dimension_and_gap_frames(mr: Result) -> None:
    dims = mr.to_frame("dimensions")
    assert list(dims.columns) == [
        "id",
        "name",
        "score",
        "score_lower",
        "score_upper",
        "coverage",
        "thin",
    ]
    assert list(dims["id"]) == [d.id for d in mr.dimensions]
    assert list(dims["thin"]) == [d.thin for d in mr.dimensions]
    gaps = mr.to_frame("gaps")
    assert list(gaps["code"]) == [g.code for g in mr.gaps]
    first = mr.gaps[0]
    assert gaps["evidence"][0].startswith(str(first.evidence[0]))
    with pytest.raises(ValueError, match="criteria, dimensions, gaps"):
        mr.to_frame("everything")  # type: ignore[arg-type]


def csv_rows(*args: str, status: int = 0) -> list[dict[str, str]]:
    text = cli("batch", *args, "--format", "csv", status=status)
    return list(csv.DictReader(io.StringIO(text)))


def same_cell(value: Any, cell: str, digits: int) -> bool:
    if cell == "":
        return value is None or value == "" or (isinstance(value, float) and value != value)
    if str(value) in ("True", "False"):
        return cell == str(value).lower()
    if isinstance(value, float):
        return f"{value:.{digits}f}" == cell
    return str(value) == cell


def test_batch_frame_is_the_csv_unrounded(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.yaml")
    result = coopscore.batch([*EXAMPLES, missing])
    assert isinstance(result, Batch) and len(result) == 2 and len(result.failures) == 1
    frame = result.to_frame()
    rows = csv_rows(*EXAMPLES, missing, status=2)
    assert list(frame.columns) == list(rows[0].keys())
    assert len(frame) == len(rows) == 3
    for (_, got), want in zip(frame.iterrows(), rows, strict=True):
        for column, cell in want.items():
            digits = 3 if column == "coverage" else 1
            value = got[column]
            if column == "error" and cell:
                assert value and value in cell  # the CSV cell is the same reason, made safe
                continue
            assert same_cell(None if pd.isna(value) else value, cell, digits), (column, value, cell)


def test_batch_to_list_is_the_json_array_the_cli_writes() -> None:
    result = coopscore.batch(EXAMPLES)
    assert result.to_list() == json.loads(cli("batch", *EXAMPLES, "--format", "json"))


def test_batch_takes_folders_and_globs() -> None:
    by_folder = coopscore.batch(SCENARIOS)
    by_glob = coopscore.batch(str(SCENARIOS / "*.yaml"))
    ids = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
    assert sorted(r.id for r in by_folder) == sorted(r.id for r in by_glob) == ids


def test_missing_pandas_names_the_extra(mr: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'coopscore\[pandas\]'"):
        mr.to_frame()
    with pytest.raises(ImportError, match=r"coopscore\[pandas\]"):
        coopscore.batch(EXAMPLES[:1]).to_frame()


# ---------------------------------------------------------------------------------- trend

PANEL = str(SCENARIOS / "middle-reaches-panel")


@pytest.fixture(scope="module")
def panel() -> Trend:
    return coopscore.trend(PANEL)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_trend_to_dict_is_the_json_the_cli_writes(lang: str) -> None:
    written = json.loads(cli("trend", PANEL, "--format", "json", "--lang", lang))
    assert coopscore.trend(PANEL, lang=lang).to_dict() == written


def test_trend_attributes_read_what_the_contract_says(panel: Trend) -> None:
    d = panel.to_dict()
    assert panel.cluster == d["cluster"] == "middle-reaches"
    assert [r.as_of for r in panel.snapshots] == [s["as_of"] for s in d["snapshots"]]
    assert [Path(r.file).name for r in panel.snapshots] == [
        Path(s["path"]).name for s in d["snapshots"]
    ]
    assert [s.dimension for s in panel.series] == [t["dimension"] for t in d["trends"]]
    assert panel.overall == panel.series[0] and panel.overall.dimension == "overall"
    for series, want in zip(panel.series, d["trends"], strict=True):
        assert series.direction == want["direction"]
        assert series.slope_bounds is not None
        assert near(series.slope_bounds.lower, want["slope_bounds"]["lower"], 3)
        assert near(series.slope_bounds.upper, want["slope_bounds"]["upper"], 3)
        assert near(series.slope, want["slope"], 3)
        assert series.years == (2015, 2018, 2021)
        for score, bounds in zip(series.scores, series.bounds, strict=True):
            assert score is None or bounds.lower <= score <= bounds.upper
    for change, want in zip(panel.changes, d["changes"], strict=True):
        assert (change.from_year, change.to_year) == (want["from"], want["to"])
        assert list(change.opened) == want["opened"] and list(change.closed) == want["closed"]
        assert [c.code for c in change.changed] == [c["code"] for c in want["changed"]]
        for c, w in zip(change.changed, want["changed"], strict=True):
            assert (c.before, c.after) == (w["before"], w["after"])
            got = [(e.path, Path(e.file).resolve(), e.line) for e in c.evidence_after]
            said = [(e["path"], Path(e["file"]).resolve(), e["line"]) for e in w["evidence_after"]]
            assert got == said
    reading = panel.high_start_low_finish
    assert reading is not None
    wanted = d["high_start_low_finish"]
    assert reading.flagged == wanted["flagged"] and reading.last_year == wanted["last_year"]
    assert reading.snapshots_p1 == {s["as_of"]: s["status"] for s in wanted["snapshots_p1"]}


def test_trend_frame_is_the_long_csv_unrounded(panel: Trend) -> None:
    frame = panel.to_frame()
    rows = list(csv.DictReader(io.StringIO(cli("trend", PANEL, "--format", "csv"))))
    assert list(frame.columns) == list(rows[0].keys())
    assert len(frame) == len(rows) == 3 * len(panel.series)
    for (_, got), want in zip(frame.iterrows(), rows, strict=True):
        assert (got["cluster"], got["dimension"]) == (want["cluster"], want["dimension"])
        assert str(got["year"]) == want["year"]
        assert bool(got["thin"]) == (want["thin"] == "true")
        for column in ("score", "lower", "upper", "coverage"):
            value, cell = got[column], want[column]
            if cell == "":
                assert pd.isna(value), column
            else:
                digits = 3 if column == "coverage" else 1
                assert near(float(value), float(cell), digits), (column, value, cell)


def test_a_what_if_trend_from_a_mapping_cites_each_fact_where_it_stands() -> None:
    what_if = {"extends": MR, "as_of": 2022, "council": {"member_count": 9}}
    result = coopscore.trend([MR, what_if])
    assert [r.as_of for r in result.snapshots] == [2021, 2022]
    (change,) = result.changes
    assert change.closed == ("INS010",)
    ins010 = next(c for c in change.changed if c.code == "INS010")
    files = {e.path: e.file for e in ins010.evidence_after}
    assert files["council.member_count"] == "<mapping>"  # stated by the what-if itself
    assert files["council.capital_members"].endswith("middle-reaches-2021.yaml")  # by the base
    assert all(e.file.endswith("middle-reaches-2021.yaml") for e in ins010.evidence_before)


def test_gap_evidence_names_the_base_that_stated_it(tmp_path: Path) -> None:
    overlay = tmp_path / "over.yaml"
    overlay.write_text(f"extends: {MR}\nid: over\n", encoding="utf-8")
    result = coopscore.assess(overlay)
    facts = [e for g in result.gaps for e in g.evidence]
    assert facts and all(e.file.endswith("middle-reaches-2021.yaml") for e in facts)
    assert all("middle-reaches-2021.yaml:" in str(e) for e in facts)


def test_a_trend_of_two_clusters_is_refused_unless_forced() -> None:
    with pytest.raises(coopscore.InputError) as caught:
        coopscore.trend(EXAMPLES)
    (problem,) = caught.value.problems
    assert "middle-reaches-2021, yangtze-delta-2020" in problem.message
    assert "force=True" in problem.message
    forced = coopscore.trend(EXAMPLES, force=True)
    assert forced.to_dict()["forced"][0]["kind"] == "cluster"
    with pytest.raises(coopscore.InputError, match="two or more"):
        coopscore.trend(MR)


def test_a_trend_in_chinese_is_refused_in_chinese() -> None:
    with pytest.raises(coopscore.InputError) as caught:
        coopscore.trend(EXAMPLES, lang="zh")
    assert "不同的城市群" in caught.value.problems[0].message
    assert "force=True" in caught.value.problems[0].message


def test_trend_repr_html_is_the_pages_body(panel: Trend) -> None:
    shown = panel._repr_html_()
    assert shown.startswith('<div class="coopscore-trend">') and "<body" not in shown
    assert shown.count("<svg") == len(panel.series)
    assert repr(panel) == "<coopscore.Trend middle-reaches: 3 snapshots, 2015–2021>"


# ---------------------------------------------------------------------------- notebook view


def test_repr_html_is_the_reports_body(mr: Result) -> None:
    page = mr.to_html()
    shown = mr._repr_html_()
    assert "<body" not in shown and "<style" not in shown
    assert shown.startswith('<div class="coopscore-report">')
    for gap in mr.gaps:
        assert f'id="h-gap-{gap.code}"' in shown
    body = page.split("<body>", 1)[1].split("</body>", 1)[0]
    assert body in shown


def test_importing_coopscore_stays_light() -> None:
    code = (
        "import json, sys, coopscore\n"
        "before = set(sys.modules)\n"
        "coopscore.InputError\n"
        "print(json.dumps([sorted(before), 'coopscore.api' in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded, api_loaded = json.loads(done.stdout)
    assert not {"yaml", "pydantic", "typer", "jinja2", "coopscore.api"} & set(loaded)
    assert api_loaded is False
    assert "assess" in dir(coopscore)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        coopscore.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_the_wheel_ships_its_type_marker() -> None:
    assert (ROOT / "src" / "coopscore" / "py.typed").is_file()
