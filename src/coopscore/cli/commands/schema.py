"""schema: the JSON Schema of scenarios or rubrics, for editors."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from coopscore.cli.options import EXIT_INPUT, Command, say, write_new
from coopscore.model import schemas
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
    """The JSON Schema (draft-07, for editors' YAML language server) of scenarios or rubrics."""
    if which not in schemas.MODELS:
        close = did_you_mean(which, schemas.MODELS)
        hint = f"; {close}" if close else ""
        say("error", f"unknown schema {which!r}; expected scenario or rubric{hint}")
        raise typer.Exit(EXIT_INPUT)
    text = schemas.text(which)
    write_new(output, text, force, debug=False)
