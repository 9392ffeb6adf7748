"""init and examples: start a scenario from the template, or from a bundled example."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from coopscore.cli.options import EXIT_INPUT, fail_input, say


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(examples)


def init(
    path: Annotated[
        str, typer.Argument(help="Where to write the template; - for stdout.", metavar="[PATH]")
    ] = "scenario.yaml",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented scenario template: every section, each field with a one-line comment."""
    from coopscore.errors import InputError
    from coopscore.files.fsio import exists, write_text
    from coopscore.model import template

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


def examples() -> None:
    """List the bundled example scenarios; use them anywhere as example:NAME."""
    from coopscore.errors import InputError
    from coopscore.files import examples as bundled
    from coopscore.formats.i18n import pick
    from coopscore.formats.markdown import table
    from coopscore.pipeline.inputs import read_scenario

    rows = []
    for name in bundled.names():
        path = bundled.resolve(f"example:{name}")
        try:
            model = read_scenario(path).model
        except InputError as error:  # a broken bundled file is a bug; say so plainly
            rows.append((f"example:{name}", f"(invalid: {error.problems[0].message})", ""))
            continue
        rows.append((f"example:{name}", pick(model.name, "en"), str(model.as_of or "")))
    print(table(["name", "scenario", "as of"], rows))
