"""Typer is handed only the invoked command; what a user sees must not change."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app, command_names, main, narrowed

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
    "argv",
    [
        [],
        ["--help"],
        ["--help", "assess"],
        ["--version"],
        ["--version", "assess"],
        ["asess", "x.yaml"],
        ["scenario.yaml"],
    ],
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
