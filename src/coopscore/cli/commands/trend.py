"""trend: snapshots of one cluster through the years, their trends and what changed between them."""

from __future__ import annotations

from typing import Annotated

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    Command,
    DebugArg,
    LangArg,
    LangOption,
    NoWaivers,
    OutputArg,
    RubricArg,
    TrendFormat,
    VerboseArg,
    chosen_format,
    emit,
    fail_input,
    format_option,
    language,
    say,
    view,
)
from coopscore.cli.steps import assess_file, setup
from coopscore.core.trend import FORCEABLE, NotOnePanel
from coopscore.core.trend import trend as panel
from coopscore.errors import InputError
from coopscore.formats import registry
from coopscore.pipeline.batch import expand
from coopscore.report import trend as report_trend
from coopscore.report.i18n import label
from coopscore.report.words import Words


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(trend)


def trend(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Snapshots of one cluster (YAML files, folders, globs or example:NAME), each "
            "with its as_of.",
            metavar="FILE...",
        ),
    ],
    format: Annotated[TrendFormat | None, format_option("trend")] = None,
    output: OutputArg = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    no_waivers: NoWaivers = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Go on when the files describe different clusters (ids) or share a year.",
        ),
    ] = False,
    verbose: VerboseArg = False,
    debug: DebugArg = False,
) -> None:
    """Follow one cluster through the years: scores, trends with their bounds, gaps opened."""
    format = chosen_format(format, output, "trend")
    loaded, _ = setup(rubric, None, None, debug)
    lang_ = language(lang)
    try:
        paths = expand(files)
    except InputError as error:
        fail_input(error, debug)
    assessments = [assess_file(p, loaded, not no_waivers, debug) for p in paths]
    p1 = loaded.spec.diagnostics.P1
    try:
        result = panel(
            assessments,
            p1.momentum_below if p1 is not None else None,
            p1.min_years if p1 is not None else 3,
            force,
        )
    except NotOnePanel as error:
        for m in error.mismatches:
            say("error", report_trend.refusal(m, Words(lang_)))
        if any(m.kind in FORCEABLE for m in error.mismatches):
            say("error", label("trend_force_hint", lang_))
        raise typer.Exit(EXIT_INPUT) from None
    shown_as = view(format, lang_, output, verbose)
    emit(registry.load(format, "trend").trend(result, shown_as), output, debug)
