"""plan: the gaps ranked by the score that closing each would add, by recommendation."""

from __future__ import annotations

from typing import Annotated

import typer

from coopscore.cli.options import (
    Command,
    DebugArg,
    LangArg,
    LangOption,
    NoWaivers,
    OutputArg,
    PlanFormat,
    RubricArg,
    chosen_format,
    emit,
    format_option,
    language,
    view,
)
from coopscore.cli.steps import assess_file, setup
from coopscore.core import plan as planning
from coopscore.formats import registry


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(plan)


def plan(
    file: Annotated[
        str, typer.Argument(help="Scenario YAML file (or example:NAME).", metavar="FILE")
    ],
    top: Annotated[
        int | None,
        typer.Option("--top", min=1, metavar="N", help="Only the N steps that add most."),
    ] = None,
    format: Annotated[PlanFormat | None, format_option("plan")] = None,
    output: OutputArg = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    no_waivers: NoWaivers = False,
    debug: DebugArg = False,
) -> None:
    """An action plan: gaps ranked by the score that closing each would add, by recommendation."""
    format = chosen_format(format, output, "plan")
    loaded, _ = setup(rubric, None, None, debug)
    result = planning.make(assess_file(file, loaded, not no_waivers, debug), loaded, top)
    shown_as = view(format, language(lang), output)
    emit(registry.load(format, "plan").plan(result, loaded, shown_as), output, debug)
