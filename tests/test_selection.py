"""--select / --ignore change what is shown and what fails, never the scores."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.core.selection import Selection, SelectionError
from coopscore.model.rubric import Rubric

from .conftest import SCENARIOS

MR = str(SCENARIOS / "middle-reaches-2021.yaml")
runner = CliRunner()


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["assess", MR, "-f", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_selection_hides_gaps_but_keeps_scores() -> None:
    full = _json()
    only = _json("--select", "ADJ")
    assert {g["code"][:3] for g in only["gaps"]} == {"ADJ"}
    assert only["score"] == full["score"] and only["dimensions"] == full["dimensions"]
    assert only["selection"]["hidden"] == len(full["gaps"]) - len(only["gaps"])
    ignored = _json("--ignore", "high,D3")
    assert all(g["severity"] != "high" and g["dimension"] != "D3" for g in ignored["gaps"])
    assert ignored["score"] == full["score"]


def test_selection_changes_what_fails() -> None:
    assert runner.invoke(app, ["assess", MR, "--fail-on", "high"]).exit_code == 1
    assert runner.invoke(app, ["assess", MR, "--fail-on", "high", "--select", "low"]).exit_code == 0


def test_tokens_match_codes_prefixes_slugs_dimensions_and_severities(rubric: Rubric) -> None:
    sel = Selection.parse(["INS003,single-mode-enclave", "D7"], [], rubric)
    shown = {c.code for c in rubric.criteria if sel.shows(c.spec)}
    d7 = {c.code for c in rubric.criteria if c.spec.dimension == "D7"}
    assert shown == {"INS003", "ENC002"} | d7
    with pytest.raises(SelectionError):
        Selection.parse(["XYZ"], [], rubric)


def test_unknown_token_is_a_usage_error() -> None:
    result = runner.invoke(app, ["assess", MR, "--select", "NOPE"])
    assert result.exit_code == 2 and "matches no criterion" in result.output


def test_terminal_says_that_scores_are_unchanged() -> None:
    result = runner.invoke(app, ["assess", MR, "--select", "ENC"], env={"COLUMNS": "200"})
    assert "scores and coverage are computed on every criterion" in result.output


def test_terminal_gap_counts_follow_the_selection() -> None:
    def gap_column(args: list[str]) -> dict[str, str]:
        result = runner.invoke(app, ["assess", MR, *args], env={"COLUMNS": "200"})
        rows = [re.split(r"\s{2,}", line) for line in result.output.splitlines()]
        table = [cells for cells in rows if len(cells) == 6 and re.fullmatch(r"D\d", cells[0])]
        return {cells[0]: cells[-1] for cells in table}

    everything, adjacent = gap_column([]), gap_column(["--select", "ADJ"])
    assert set(everything) == set(adjacent) and int(everything["D6"]) > 0
    assert adjacent["D6"] == everything["D6"]
    assert all(adjacent[d] == "0" for d in adjacent if d != "D6")
    assert any(everything[d] != "0" for d in everything if d != "D6")
