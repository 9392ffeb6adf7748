"""examples: the bundled example scenarios, usable anywhere as ``example:NAME``."""

from __future__ import annotations

import typer

from coopscore.cli.options import Command, LangArg, LangOption, language, show
from coopscore.errors import InputError
from coopscore.files import examples as bundled
from coopscore.pipeline.inputs import read_scenario
from coopscore.report import examples as report
from coopscore.report.words import Words


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(examples)


def examples(lang: LangArg = LangOption.en) -> None:
    """List the bundled example scenarios; use them anywhere as example:NAME."""
    found = []
    for name in bundled.names():
        path = bundled.resolve(f"example:{name}")
        try:
            model = read_scenario(path).model
        except InputError as error:  # a broken bundled file is a bug; say so plainly
            found.append(report.Example(f"example:{name}", problem=error.problems[0].message))
            continue
        found.append(report.Example(f"example:{name}", model.name, model.as_of))
    show(report.build(found, Words(language(lang))))
