"""examples: the bundled example scenarios, usable anywhere as ``example:NAME``."""

from __future__ import annotations

import typer

from coopscore.cli.options import Command
from coopscore.errors import InputError
from coopscore.files import examples as bundled
from coopscore.formats.markdown import table
from coopscore.pipeline.inputs import read_scenario
from coopscore.report.i18n import pick


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(examples)


def examples() -> None:
    """List the bundled example scenarios; use them anywhere as example:NAME."""
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
