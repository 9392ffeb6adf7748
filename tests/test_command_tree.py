"""Typer is handed only the invoked command; what a user sees must not change."""

from __future__ import annotations

import importlib
import sys

import pytest
import typer
from typer.testing import CliRunner

from coopscore.cli.app import COMMANDS, app, build, command_names, main, narrowed

runner = CliRunner()
NAMES = sorted(command_names(app))


def test_the_app_registers_every_command_it_documents() -> None:
    assert {"assess", "batch", "explain", "rubric", "schema", "compare", "plan"} <= set(NAMES)
    assert set(NAMES) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_module_registers_the_command_it_is_listed_for(name: str) -> None:
    alone = typer.Typer()
    importlib.import_module(COMMANDS[name]).register(alone)
    assert list(command_names(alone)) == [name]
    assert list(command_names(build([name]))) == [name]


def test_a_named_command_is_the_only_one_kept() -> None:
    before = (list(app.registered_commands), list(app.registered_groups))
    only = narrowed(["assess", "scenario.yaml", "-f", "json"])
    assert list(command_names(only)) == ["assess"]
    assert (app.registered_commands, app.registered_groups) == before  # the app is untouched


def test_a_group_is_kept_with_its_subcommands() -> None:
    only = narrowed(["rubric", "list"])
    assert list(command_names(only)) == ["rubric"]


@pytest.mark.parametrize("argv", [["--version"], ["--version", "assess"]])
def test_a_leading_version_needs_no_command(argv: list[str]) -> None:
    only = narrowed(argv)
    assert command_names(only) == {}
    shown = runner.invoke(only, argv, prog_name="coopscore")
    assert (shown.exit_code, shown.output) == (0, runner.invoke(app, argv).output)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["--help", "assess"],
        ["--help", "--version"],
        ["asess", "x.yaml"],
        ["scenario.yaml"],
    ],
)
def test_without_a_known_command_every_command_is_listed(argv: list[str]) -> None:
    assert set(command_names(narrowed(argv))) == set(COMMANDS)


@pytest.mark.parametrize("name", NAMES)
def test_a_commands_help_reads_the_same_from_the_narrowed_app(name: str) -> None:
    whole = runner.invoke(app, [name, "--help"], prog_name="coopscore")
    alone = runner.invoke(narrowed([name, "--help"]), [name, "--help"], prog_name="coopscore")
    assert whole.exit_code == alone.exit_code == 0
    assert f"coopscore {name}" in alone.output
    assert alone.output == whole.output


def _main(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """Run the console entry point in this process; its exit status."""
    monkeypatch.setattr(sys, "argv", ["coopscore", *argv])
    with pytest.raises(SystemExit) as stop:
        main()
    return int(stop.value.code or 0)


def test_a_mistyped_command_still_gets_its_suggestion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(["asess", "x.yaml"], monkeypatch) == 2
    assert "Did you mean 'assess'?" in capsys.readouterr().err


def test_help_before_a_command_lists_every_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(["--help", "assess"], monkeypatch) == 0
    shown = capsys.readouterr().out
    assert all(name in shown for name in NAMES)


def test_a_command_runs_through_the_narrowed_app(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(["rubric", "list", "--dimension", "D1"], monkeypatch) == 0
    assert "MOD001" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["--help"], [], ["asess"], ["rubrc", "list"], ["--bogus"], ["-h"]]
)
@pytest.mark.parametrize("width", ["80", "120"])
def test_the_command_list_reads_as_the_whole_app_does(argv: list[str], width: str) -> None:
    """The list built from the summaries, importing no command, prints what the commands do."""
    from coopscore.cli.app import listing, whole

    runner = CliRunner()
    real = runner.invoke(whole(), argv, env={"COLUMNS": width})
    listed = runner.invoke(listing(), argv, env={"COLUMNS": width})
    assert (listed.exit_code, listed.output) == (real.exit_code, real.output)


def test_every_command_has_a_summary_and_only_commands_do() -> None:
    from coopscore.cli.app import COMMANDS, SUMMARIES

    assert list(SUMMARIES) == list(COMMANDS)
