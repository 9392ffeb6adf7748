"""sensitivity: how robust a ranking of scenarios is to the dimension weights."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    Command,
    DebugArg,
    LangArg,
    LangOption,
    OutputArg,
    RubricArg,
    SensitivityFormat,
    chosen_format,
    emit,
    format_option,
    language,
    say,
    view,
    word,
)
from coopscore.cli.steps import setup
from coopscore.core import sensitivity as sens
from coopscore.core.engine import completed_scores
from coopscore.core.selection import Selection
from coopscore.formats import registry
from coopscore.pipeline import batch as batching
from coopscore.report.problems import reason


class AggregationOption(str, Enum):
    arithmetic = "arithmetic"
    geometric = "geometric"
    both = "both"


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(sensitivity)


def sensitivity(
    paths: Annotated[
        list[str], typer.Argument(help="Scenario files, folders or globs.", metavar="PATH...")
    ],
    runs: Annotated[
        int,
        typer.Option(
            "--runs", min=10, max=100_000, metavar="N", help="N random weightings (10 to 100,000)."
        ),
    ] = 1000,
    spread: Annotated[
        float,
        typer.Option(
            "--spread",
            min=0.0,
            max=0.95,
            metavar="SHARE",
            help="Weights vary uniformly within ±SHARE of their value (0 to 0.95).",
        ),
    ] = 0.25,
    aggregation: Annotated[
        AggregationOption,
        typer.Option(
            "--aggregation",
            metavar="HOW",
            help="How dimension scores combine: arithmetic, geometric, or both (at random).",
        ),
    ] = AggregationOption.arithmetic,
    seed: Annotated[
        int, typer.Option("--seed", metavar="N", help="Random seed, for repeatable runs.")
    ] = 0,
    format: Annotated[SensitivityFormat | None, format_option("sensitivity")] = None,
    output: OutputArg = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="The same as --format json.", hidden=True)
    ] = False,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """How robust is the ranking to the weights? Rank intervals and pairwise order stability."""
    format = chosen_format(format, output, "sensitivity")
    loaded, _ = setup(rubric, None, None, debug)
    entries, skipped, failed = [], [], []
    for outcome in batching.score_each(batching.expand(paths, sys.stdin), loaded, Selection()):
        if isinstance(outcome, batching.Failed):
            failed.append(outcome)
            continue
        a = outcome.assessment
        if a.score is None:
            skipped.append(f"{a.scenario_id} ({a.shown_file})")  # snapshots share an id
            continue
        scores = completed_scores(a.dimensions, a.score)
        entries.append(sens.Entry(a.scenario_id, scores, a.score_bounds, a.scenario_name))
    lang_ = language(lang)
    for f in failed:
        say("error", f"{f.path}: {reason(f.path, f.problems, lang_)}")
    for s in skipped:
        say("note", word("sens_withheld_note", id=s))
    if len(entries) < 2:
        say("error", word("sens_too_few"))
        raise typer.Exit(EXIT_INPUT)
    weights = [d.weight for d in loaded.dimensions]
    result = sens.run(entries, weights, runs, spread, aggregation.value, seed)
    if json_output:
        format = "json"
    shown_as = view(format, lang_, output)
    text = registry.load(format, "sensitivity").sensitivity(result, shown_as)
    emit(text, output, debug)
    if failed:
        raise typer.Exit(EXIT_INPUT)
