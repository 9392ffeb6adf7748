"""The command line. Heavy modules are imported inside commands so that start-up stays quick."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from coopscore import __version__

if TYPE_CHECKING:
    from coopscore.assessment import Assessment
    from coopscore.errors import InputError


class Format(str, Enum):
    table = "table"
    json = "json"


class LangOption(str, Enum):
    en = "en"
    zh = "zh"


class SeverityOption(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


app = typer.Typer(
    name="coopscore",
    help="Score a city cluster's cross-provincial cooperation against the Yangtze River Delta's "
    "integration experience, and show every gap with its evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        print(f"coopscore {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """coopscore: rubric-based assessment of city-cluster cooperation."""


LangArg = Annotated[
    LangOption, typer.Option("--lang", envvar="COOPSCORE_LANG", help="Language of all labels.")
]
RubricArg = Annotated[
    str | None,
    typer.Option("--rubric", help="Rubric file to use instead of the bundled one.", metavar="PATH"),
]
FailUnder = Annotated[
    float | None,
    typer.Option(
        "--fail-under", help="Exit 1 when the score is below this (or withheld).", min=0, max=100
    ),
]
FailOn = Annotated[
    SeverityOption | None,
    typer.Option("--fail-on", help="Exit 1 when a gap of this severity or worse is found."),
]
DebugArg = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]


def fail_input(error: InputError) -> NoReturn:
    for problem in error.problems:
        print(f"error: {problem}", file=sys.stderr)
    raise typer.Exit(EXIT_INPUT)


def breaches(assessment: Assessment, fail_under: float | None, fail_on: str | None) -> list[str]:
    """Why the run should exit 1, if it should."""
    reasons: list[str] = []
    if fail_under is not None:
        if assessment.score is None:
            reasons.append(f"score withheld, cannot be checked against --fail-under {fail_under:g}")
        elif assessment.score < fail_under:
            reasons.append(f"score {assessment.score:.1f} is below --fail-under {fail_under:g}")
    if fail_on is not None:
        order = ["high", "medium", "low"]
        worst = order[: order.index(fail_on) + 1]
        hits = [g.spec.code for g in assessment.gaps if g.spec.severity in worst]
        if hits:
            reasons.append(f"{len(hits)} gap(s) of severity {fail_on} or worse: {', '.join(hits)}")
    return reasons


@app.command()
def assess(
    file: Annotated[str, typer.Argument(help="Scenario YAML file.", metavar="FILE")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    fail_under: FailUnder = None,
    fail_on: FailOn = None,
    debug: DebugArg = False,
) -> None:
    """Score one scenario on the eight dimensions and list every gap with its evidence."""
    from coopscore.engine import assess as run
    from coopscore.errors import InputError
    from coopscore.loader import read_scenario
    from coopscore.rubric import read_rubric

    try:
        loaded_rubric = read_rubric(rubric)
        scenario = read_scenario(file)
    except InputError as error:
        if debug:
            raise
        fail_input(error)
    result = run(scenario, loaded_rubric)
    if format is Format.json:
        from coopscore.render import json_out

        sys.stdout.write(json_out.render(result, lang.value))
    else:
        from rich.console import Console

        from coopscore.render import terminal

        terminal.render(result, Console(), lang.value)
    reasons = breaches(result, fail_under, fail_on.value if fail_on else None)
    for reason in reasons:
        print(f"fail: {reason}", file=sys.stderr)
    if reasons:
        raise typer.Exit(EXIT_THRESHOLD)


def main() -> None:
    """Console entry point."""
    os.environ.setdefault("COLUMNS", os.environ.get("COLUMNS", ""))  # keep rich's own detection
    app(prog_name="coopscore")
