"""sensitivity at 80 columns: every name whole, every column named, geometric zeros said."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from coopscore.cli.app import app

runner = CliRunner()
NAMES = ["middle-reaches-2021", "yangtze-delta-2020", "middle-reaches-with-recommendations"]
ARGS = ["sensitivity", *(f"example:{n}" for n in NAMES), "--runs", "50"]


def _rows(out: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in out.splitlines()
        if line.startswith("│")
    ]


def test_names_are_folded_not_cut_and_no_column_is_blank() -> None:
    result = runner.invoke(app, ARGS, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    joined = "".join(row[0] for row in _rows(result.stdout))
    for name in NAMES:
        assert name in joined
    header = next(line for line in result.stdout.splitlines() if line.startswith("┃"))
    assert all(cell.strip() for cell in header.strip("┃").split("┃"))


def test_geometric_aggregation_says_which_scenarios_a_zero_dimension_sinks() -> None:
    result = runner.invoke(app, [*ARGS, "--aggregation", "geometric"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "geometric aggregation: middle-reaches-2021" in " ".join(result.stdout.split())
    plain = runner.invoke(app, ARGS, env={"COLUMNS": "120"})
    assert "geometric aggregation:" not in plain.stdout
    data = json.loads(runner.invoke(app, [*ARGS, "--aggregation", "both", "-f", "json"]).stdout)
    assert "middle-reaches-2021" in data["zeroed"]
