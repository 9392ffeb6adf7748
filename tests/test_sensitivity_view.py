"""sensitivity at 80 columns: every name whole, every column named, geometric zeros said."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.files import examples
from coopscore.pipeline.inputs import read_scenario
from coopscore.report.i18n import pick

from .ruled import column, tables

runner = CliRunner()
NAMES = ["middle-reaches-2021", "yangtze-delta-2020", "middle-reaches-with-recommendations"]
ARGS = ["sensitivity", *(f"example:{n}" for n in NAMES), "--runs", "50"]


def test_names_are_folded_not_cut_and_no_column_is_blank() -> None:
    result = runner.invoke(app, ARGS, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    # each scenario by its name, as a batch shows it, folded between words but never cut
    names = column(result.stdout, 0, "")
    named = [read_scenario(examples.resolve(f"example:{n}")).model.name for n in NAMES]
    assert sorted("".join(n.split()) for n in names) == sorted(
        "".join(pick(n, "en").split()) for n in named
    )
    lines = result.stdout.splitlines()
    rule = next(n for n, line in enumerate(lines) if line.startswith("─"))
    columns = len(tables(result.stdout)[0][0])
    assert columns == 7 and len(lines[rule - 1].split()) == columns  # every column named


def test_geometric_aggregation_says_which_scenarios_a_zero_dimension_sinks() -> None:
    result = runner.invoke(app, [*ARGS, "--aggregation", "geometric"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "geometric aggregation: middle-reaches-2021" in " ".join(result.stdout.split())
    plain = runner.invoke(app, ARGS, env={"COLUMNS": "120"})
    assert "geometric aggregation:" not in plain.stdout
    data = json.loads(runner.invoke(app, [*ARGS, "--aggregation", "both", "-f", "json"]).stdout)
    assert "middle-reaches-2021" in data["zeroed"]
