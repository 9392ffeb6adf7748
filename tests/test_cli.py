"""The assess command end to end through typer's CliRunner: formats, languages, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopscore import __version__
from coopscore.cli.app import app

from .conftest import ROOT

SMALL = str(ROOT / "tests" / "data" / "small.yaml")
runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"coopscore {__version__}"


def test_assess_table_shows_dimensions_gaps_evidence_and_recommendations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Named relative to the working folder, once, in the header.
    monkeypatch.chdir(Path(SMALL).parent)
    result = runner.invoke(app, ["assess", Path(SMALL).name], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Institutions" in out and "Enclaves" in out
    assert "INS003  high  No execution layer (unmet)  §二(二) → R1" in out
    assert "    institutions.execution: no items  (line 11)" in out
    assert "    park — management: direct_custody  (line 13, enclaves[0].management)" in out
    assert "      13 │   - {name: park, mode: industrial, management: direct_custody}" in out
    assert out.count(Path(SMALL).name) == 1
    assert "R1" in out and "Data gaps" in out


def test_assess_json_contract() -> None:
    result = runner.invoke(app, ["assess", SMALL, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in (
        "coopscore_version",
        "rubric",
        "scenario",
        "score",
        "coverage",
        "dimensions",
        "gaps",
        "unknowns",
        "diagnostics",
        "recommendations",
    ):
        assert key in data
    assert data["scenario"] == {
        "id": "small",
        "name": "Small cluster",
        "path": SMALL,
        "as_of": 2021,
    }
    assert [d["id"] for d in data["dimensions"]] == [f"D{i}" for i in range(1, 9)]
    gap = next(g for g in data["gaps"] if g["code"] == "INS003")
    assert gap["slug"] == "missing-execution-layer"
    assert gap["status"] == "unmet" and gap["severity"] == "high"
    assert gap["recommendations"] == ["R1"] and gap["source"] == "§二(二)"
    assert gap["evidence"][0] == {
        "path": "institutions.execution",
        "value": 0,
        "line": 11,
        "measure": "len",
    }
    assert data["score"] is None  # most of this scenario is unknown
    assert {"code": "MOD001", "path": "cooperation_model.driver"} in data["unknowns"]
    assert [d["id"] for d in data["diagnostics"]] == ["P1", "P2", "P3", "P4"]
    p1 = data["diagnostics"][0]
    assert p1["status"] == "unknown" and p1["flagged"] is None and p1["missing"] == ["activity"]
    priorities = [r["priority"] for r in data["recommendations"]]
    assert priorities == sorted(priorities, reverse=True)
    first = data["recommendations"][0]
    assert first["priority"] > 0 and set(first["gaps"]) <= {g["code"] for g in data["gaps"]}


def test_lang_zh_switches_labels_and_env_var_works() -> None:
    result = runner.invoke(app, ["assess", SMALL, "--lang", "zh"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "缺少执行层" in result.output and "维度" in result.output
    result = runner.invoke(app, ["assess", SMALL], env={"COOPSCORE_LANG": "zh", "COLUMNS": "200"})
    assert "缺少执行层" in result.output
    data = json.loads(runner.invoke(app, ["assess", SMALL, "-f", "json", "--lang", "zh"]).output)
    assert data["dimensions"][1]["name"] == "制度健全"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "high"], 1),
        (["--fail-on", "low"], 1),
        (["--fail-under", "50"], 1),  # withheld score cannot pass a threshold
        ([], 0),
    ],
)
def test_thresholds_set_exit_code(args: list[str], code: int) -> None:
    result = runner.invoke(app, ["assess", SMALL, "-f", "json", *args])
    assert result.exit_code == code


def test_fail_on_passes_when_no_gap_of_that_severity(tmp_path: Path) -> None:
    f = tmp_path / "ok.yaml"
    f.write_text("schema_version: 1\ninstitutions:\n  execution: [{name: office}]\n")
    assert runner.invoke(app, ["assess", str(f), "--fail-on", "high"]).exit_code == 0


def test_bad_input_exits_2_with_a_located_message_and_no_traceback(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("schema_version: 1\nmembres: []\n")
    result = runner.invoke(app, ["assess", str(f)])
    assert result.exit_code == 2
    assert f"{f}:2" in result.output and "did you mean 'members'" in result.output
    assert "Traceback" not in result.output
    assert runner.invoke(app, ["assess", str(tmp_path / "none.yaml")]).exit_code == 2
    assert runner.invoke(app, ["assess", str(tmp_path)]).exit_code == 2


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["assess", SMALL, "--format", "pdf"]).exit_code == 2
    assert runner.invoke(app, ["assess"]).exit_code == 2


def test_other_rubric_is_used_and_a_broken_one_exits_2(tmp_path: Path) -> None:
    text = (ROOT / "rubrics" / "yrd-lessons.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(text.replace('version: "1.0.0"', 'version: "9.9"'), encoding="utf-8")
    data = json.loads(
        runner.invoke(app, ["assess", SMALL, "-f", "json", "--rubric", str(mine)]).output
    )
    assert data["rubric"]["version"] == "9.9"
    mine.write_text(text.replace("dimension: D3", "dimension: D9", 1), encoding="utf-8")
    result = runner.invoke(app, ["assess", SMALL, "--rubric", str(mine)])
    assert result.exit_code == 2 and "unknown dimension 'D9'" in result.output


def test_python_dash_m_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "coopscore", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and __version__ in done.stdout


def test_fail_under_reads_the_score_as_the_reports_show_it() -> None:
    """A score of 66.77 is shown, and written to JSON, as 66.8: --fail-under 66.8 passes, and
    a threshold above it fails with the number every output shows."""
    shown = json.loads(
        runner.invoke(app, ["assess", "example:middle-reaches-2021", "-f", "json"]).stdout
    )
    score = shown["score"]
    passed = runner.invoke(
        app, ["assess", "example:middle-reaches-2021", "--fail-under", str(score)]
    )
    assert passed.exit_code == 0, passed.output
    above = f"{score + 0.1:.1f}"
    failed = runner.invoke(app, ["assess", "example:middle-reaches-2021", "--fail-under", above])
    assert failed.exit_code == 1
    assert f"score {score:.1f} is below --fail-under {above}" in failed.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explain_a_dimension_or_recommendation_with_a_scenario_says_what_it_gave(
    lang: str,
) -> None:
    """D# shows the dimension's score, bounds and verdicts there; R# its priority and the
    gaps it closes there: the numbers assess gives."""
    mr = "example:middle-reaches-2021"
    record = json.loads(runner.invoke(app, ["assess", mr, "-f", "json"]).stdout)
    d6 = next(d for d in record["dimensions"] if d["id"] == "D6")
    bounds = f"({d6['score_bounds']['lower']:.1f}–{d6['score_bounds']['upper']:.1f})"
    shown = runner.invoke(app, ["explain", "D6", "-s", mr, "--lang", lang]).stdout
    assert f"{d6['score']:.1f}" in shown and bounds in shown and f"{mr}" in shown
    statuses = {c["code"]: c["status"] for c in record["criteria"] if c["code"].startswith("ADJ")}
    assert all(code in shown for code in statuses)
    r1 = next(r for r in record["recommendations"] if r["id"] == "R1")
    shown = runner.invoke(app, ["explain", "R1", "-s", mr, "--lang", lang]).stdout
    assert f"{r1['priority']:g}" in shown and ", ".join(r1["gaps"]) in shown
    assert shown != runner.invoke(app, ["explain", "R1", "--lang", lang]).stdout


def test_a_bad_value_names_the_environment_variable_only_when_it_came_from_there() -> None:
    given = runner.invoke(app, ["assess", "x.yaml", "--lang", "fr"], env={"COOPSCORE_LANG": ""})
    assert given.exit_code == 2 and "Invalid value for '--lang': 'fr'" in given.output
    assert "env var" not in given.output
    read = runner.invoke(app, ["assess", "x.yaml"], env={"COOPSCORE_LANG": "fr"})
    assert read.exit_code == 2 and "(env var: 'COOPSCORE_LANG')" in read.output
