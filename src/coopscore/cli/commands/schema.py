"""schema: the JSON Schema of scenarios or rubrics, for editors."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from coopscore.cli.options import EXIT_INPUT, say, write_new
from coopscore.model import schemas


def register(app: typer.Typer) -> None:
    app.command()(schema)


def schema(
    which: Annotated[
        str, typer.Argument(help="scenario or rubric.", metavar="[scenario|rubric]")
    ] = "scenario",
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Write to this file.")  # noqa: UP045
    ] = None,
) -> None:
    """The JSON Schema (draft-07, for editors' YAML language server) of scenarios or rubrics."""
    if which not in schemas.MODELS:
        say("error", f"unknown schema {which!r}; expected scenario or rubric")
        raise typer.Exit(EXIT_INPUT)
    text = schemas.text(which)
    write_new(output, text, force=True, debug=False)
