"""schema: the JSON Schema of scenarios or rubrics, for editors."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from coopscore.cli.options import EXIT_INPUT, Command, say, spoken, word, write_new
from coopscore.model import schemas
from coopscore.report.problems import message
from coopscore.suggest import did_you_mean


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(schema)


def schema(
    which: Annotated[
        str,
        typer.Argument(help="Which schema: scenario or rubric.", metavar="scenario|rubric"),
    ] = "scenario",
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE; - for standard output."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """The JSON Schema (draft-07, for editors' YAML language server) of scenarios or rubrics.

    The schema's descriptions are in English whatever COOPSCORE_LANG says; messages follow it."""
    if which not in schemas.MODELS:
        close = did_you_mean(which, schemas.MODELS)
        hint = word("cli_hint", hint=message(close, spoken())) if close else ""
        say("error", word("schema_unknown", which=repr(which), hint=hint))
        raise typer.Exit(EXIT_INPUT)
    text = schemas.text(which)
    write_new(output, text, force, debug=False)
