"""compare, plan and sensitivity: what changed, what to do first, how robust a ranking is."""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    FORMAT_FLAGS,
    CompareFormat,
    DebugArg,
    LangArg,
    LangOption,
    NoWaivers,
    OutputArg,
    PlanFormat,
    RubricArg,
    SensitivityFormat,
    assess_file,
    emit,
    fail_input,
    language,
    say,
    view,
)
from coopscore.formats import registry

if TYPE_CHECKING:
    from coopscore.core.assessment import Assessment
    from coopscore.core.compare import Side
    from coopscore.model.rubric import Rubric


class AggregationOption(str, Enum):
    arithmetic = "arithmetic"
    geometric = "geometric"
    both = "both"


def register(app: typer.Typer) -> None:
    app.command()(compare)
    app.command()(plan)
    app.command()(sensitivity)


def _comparable(path: str, rubric: Rubric, waivers: bool, debug: bool) -> Assessment | Side:
    """A saved JSON assessment as it was written, or a scenario file scored now."""
    if not path.endswith(".json"):
        return assess_file(path, rubric, waivers, debug)
    from coopscore.core.compare import read_saved
    from coopscore.errors import InputError
    from coopscore.files.fsio import read_input
    from coopscore.model.yamlload import MAX_BYTES

    raw = read_input(path, MAX_BYTES, "saved assessment (.json)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError.single(path, "not UTF-8 text; expected a saved JSON assessment") from None
    return read_saved(path, text)


def compare(
    old: Annotated[str, typer.Argument(help="Earlier scenario (YAML) or saved assessment (JSON).")],
    new: Annotated[str, typer.Argument(help="Later scenario (YAML) or saved assessment (JSON).")],
    format: Annotated[CompareFormat, typer.Option(*FORMAT_FLAGS, help="Output format.")] = "table",
    output: OutputArg = None,
    force: Annotated[
        bool, typer.Option("--force", help="Compare even if the rubrics differ.")
    ] = False,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    no_waivers: NoWaivers = False,
    debug: DebugArg = False,
) -> None:
    """Compare two assessments of one cluster: score deltas, gaps closed and opened."""
    from coopscore.cli.options import setup
    from coopscore.core.compare import CompareError, NotComparable
    from coopscore.core.compare import compare as diff
    from coopscore.errors import InputError
    from coopscore.formats import compare_out

    loaded, _ = setup(rubric, None, None, debug)
    lang_ = language(lang)
    try:
        before = _comparable(old, loaded, not no_waivers, debug)
        after = _comparable(new, loaded, not no_waivers, debug)
    except InputError as error:
        fail_input(error, debug)
    try:
        result = diff(before, after, force)
    except NotComparable as error:
        say("error", compare_out.refusal(error, lang_))
        raise typer.Exit(EXIT_INPUT) from None
    except CompareError as error:
        say("error", error)
        raise typer.Exit(EXIT_INPUT) from None
    for warning in result.warnings:
        say("warning", compare_out.caveat(warning, lang_))
    shown_as = view(format, lang_, output)
    emit(registry.load(format, "compare").compare(result, shown_as), output, debug)


def plan(
    file: Annotated[
        str, typer.Argument(help="Scenario YAML file (or example:NAME).", metavar="FILE")
    ],
    top: Annotated[
        int | None, typer.Option("--top", min=1, help="Only the N steps that add most.")
    ] = None,
    format: Annotated[PlanFormat, typer.Option(*FORMAT_FLAGS, help="Output format.")] = "table",
    output: OutputArg = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    no_waivers: NoWaivers = False,
    debug: DebugArg = False,
) -> None:
    """An action plan: gaps ranked by the score that closing each would add, by recommendation."""
    from coopscore.cli.options import setup
    from coopscore.core import plan as planning

    loaded, _ = setup(rubric, None, None, debug)
    result = planning.make(assess_file(file, loaded, not no_waivers, debug), loaded, top)
    shown_as = view(format, language(lang), output)
    emit(registry.load(format, "plan").plan(result, loaded, shown_as), output, debug)


def sensitivity(
    paths: Annotated[
        list[str], typer.Argument(help="Scenario files, folders or globs.", metavar="PATH...")
    ],
    runs: Annotated[
        int, typer.Option("--runs", min=10, max=100_000, help="Random weightings.")
    ] = 1000,
    spread: Annotated[
        float,
        typer.Option("--spread", min=0.0, max=0.95, help="Weights vary uniformly within ±spread."),
    ] = 0.25,
    aggregation: Annotated[
        AggregationOption,
        typer.Option("--aggregation", help="Arithmetic, geometric, or both at random."),
    ] = AggregationOption.arithmetic,
    seed: Annotated[int, typer.Option("--seed", help="Random seed, for repeatable runs.")] = 0,
    format: Annotated[
        SensitivityFormat, typer.Option(*FORMAT_FLAGS, help="Output format.")
    ] = "table",
    output: OutputArg = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="The same as --format json.", hidden=True)
    ] = False,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """How robust is the ranking to the weights? Rank intervals and pairwise order stability."""
    from coopscore.cli.options import setup
    from coopscore.core import sensitivity as sens
    from coopscore.core.selection import Selection
    from coopscore.pipeline import batch as batching

    loaded, _ = setup(rubric, None, None, debug)
    entries, skipped, failed = [], [], []
    for outcome in batching.score_each(batching.expand(paths, sys.stdin), loaded, Selection()):
        if isinstance(outcome, batching.Failed):
            failed.append(outcome)
            continue
        a = outcome.assessment
        if a.score is None:
            skipped.append(a.scenario_id)
            continue
        entries.append(sens.Entry(a.scenario_id, tuple(d.score for d in a.dimensions)))
    for f in failed:
        say("error", f"{f.path}: {f.reason}")
    for s in skipped:
        say("note", f"{s}: score withheld (coverage below the floor), not ranked")
    if len(entries) < 2:
        print("error: sensitivity needs at least two scored scenarios", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT)
    weights = [d.weight for d in loaded.dimensions]
    result = sens.run(entries, weights, runs, spread, aggregation.value, seed)
    if json_output:
        format = "json"
    shown_as = view(format, language(lang), output)
    text = registry.load(format, "sensitivity").sensitivity(result, shown_as)
    emit(text, output, debug)
    if failed:
        raise typer.Exit(EXIT_INPUT)
