"""explain: a criterion, dimension or recommendation, from the rubric's data."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    DebugArg,
    LangArg,
    LangOption,
    RubricArg,
    fail_input,
    language,
)
from coopscore.cli.steps import load_rubric
from coopscore.errors import InputError
from coopscore.formats import explaining
from coopscore.pipeline import scoring as pipeline


def register(app: typer.Typer) -> None:
    app.command()(explain)


def explain(
    key: Annotated[
        str,
        typer.Argument(
            help="A criterion code or slug, a dimension (D3) or a recommendation (R4).",
            metavar="CODE|SLUG|D#|R#",
        ),
    ],
    scenario: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--scenario", "-s", help="Also show what this scenario gave and why.", metavar="FILE"
        ),
    ] = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """Explain a criterion, dimension or recommendation: why, the paper, what "met" requires."""
    loaded = load_rubric(rubric, debug)
    lang_ = language(lang)
    found = explaining.find(loaded, key)
    if found is None:
        print(
            f"error: {key!r} is no criterion code or slug, dimension or recommendation",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_INPUT)
    scored = None
    if scenario is not None:
        try:  # what assess refuses, explain refuses too
            scored = pipeline.validated(scenario, loaded)
        except InputError as error:
            fail_input(error, debug)
    sys.stdout.write(explaining.render(loaded, found, lang_, scored))
