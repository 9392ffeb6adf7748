"""Typer is handed only the invoked command; what a user sees must not change."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from coopscore.cli import app, command_names, narrowed

runner = CliRunner()
NAMES = sorted(command_names(app))


def test_the_app_registers_every_command_it_documents() -> None:
    assert {"assess", "batch", "explain", "rubric", "schema", "compare", "plan"} <= set(NAMES)


def test_a_named_command_is_the_only_one_kept() -> None:
    before = (list(app.registered_commands), list(app.registered_groups))
    only = narrowed(app, ["assess", "scenario.yaml", "-f", "json"])
    assert list(command_names(only)) == ["assess"]
    assert (app.registered_commands, app.registered_groups) == before  # the app is untouched


def test_a_group_is_kept_with_its_subcommands() -> None:
    only = narrowed(app, ["rubric", "list"])
    assert list(command_names(only)) == ["rubric"]


@pytest.mark.parametrize(
    "argv", [[], ["--help"], ["--version"], ["asess", "x.yaml"], ["scenario.yaml"]]
)
def test_without_a_known_command_the_whole_app_is_kept(argv: list[str]) -> None:
    assert narrowed(app, argv) is app


@pytest.mark.parametrize("name", NAMES)
def test_a_commands_help_reads_the_same_from_the_narrowed_app(name: str) -> None:
    whole = runner.invoke(app, [name, "--help"], prog_name="coopscore")
    alone = runner.invoke(narrowed(app, [name, "--help"]), [name, "--help"], prog_name="coopscore")
    assert whole.exit_code == alone.exit_code == 0
    assert f"coopscore {name}" in alone.output
    assert alone.output == whole.output


def test_a_mistyped_command_still_gets_its_suggestion() -> None:
    result = runner.invoke(narrowed(app, ["asess"]), ["asess"], prog_name="coopscore")
    assert result.exit_code == 2
    assert "assess" in result.output
