"""init: a commented scenario template to start from."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from coopscore.cli.options import EXIT_INPUT, fail_input, say
from coopscore.errors import InputError
from coopscore.files.fsio import exists, write_text
from coopscore.model import template


def register(app: typer.Typer) -> None:
    app.command()(init)


def init(
    path: Annotated[
        str, typer.Argument(help="Where to write the template; - for stdout.", metavar="[PATH]")
    ] = "scenario.yaml",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented scenario template: every section, each field with a one-line comment."""
    text = template.render()
    if path == "-":
        sys.stdout.write(text)
        return
    if exists(path) and not force:
        say("error", f"{path} exists; use --force to overwrite it")
        raise typer.Exit(EXIT_INPUT)
    try:
        write_text(path, text)
    except InputError as error:
        fail_input(error)
    say("wrote", f"{path}; assess it with: coopscore assess {path}")
