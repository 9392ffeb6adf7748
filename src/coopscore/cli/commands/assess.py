"""assess: one scenario scored on the eight dimensions, every gap with its evidence."""

from __future__ import annotations

from typing import Annotated

import typer

from coopscore.cli.options import (
    DEFAULT_MAX_BYTES,
    EXIT_THRESHOLD,
    AssessFormat,
    Command,
    DebugArg,
    FailOn,
    FailUnder,
    IgnoreArg,
    LangArg,
    LangOption,
    MaxBytes,
    NoWaivers,
    OutputArg,
    RubricArg,
    SelectArg,
    VerboseArg,
    chosen_format,
    emit,
    format_option,
    language,
    say,
    view,
)
from coopscore.cli.steps import assess_file, breaches, setup
from coopscore.core.selection import apply
from coopscore.formats import registry
from coopscore.report.notes import selection_note


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(assess)


def assess(
    file: Annotated[
        str, typer.Argument(help="Scenario YAML file (or example:NAME).", metavar="FILE")
    ],
    format: Annotated[AssessFormat | None, format_option("assessment")] = None,
    output: OutputArg = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    select: SelectArg = None,
    ignore: IgnoreArg = None,
    fail_under: FailUnder = None,
    fail_on: FailOn = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    no_waivers: NoWaivers = False,
    verbose: VerboseArg = False,
    debug: DebugArg = False,
) -> None:
    """Score one scenario on the eight dimensions and list every gap with its evidence."""
    format = chosen_format(format, output, "assessment")
    loaded_rubric, selection = setup(rubric, select, ignore, debug)
    shows = registry.entry(format).shows
    scored = assess_file(file, loaded_rubric, not no_waivers, debug, max_bytes, shows)
    result = apply(scored, selection)
    lang_ = language(lang)
    text = registry.load(format, "assessment").assessment(
        result, view(format, lang_, output, verbose)
    )
    emit(text, output, debug)
    note = selection_note(result, None if lang_ == "en" else lang_)
    if note and not registry.entry(format).draws:
        say("note", note)
    reasons = breaches(result, fail_under, fail_on.value if fail_on else None, lang_)
    for reason in reasons:
        say("fail", reason)
    if reasons:
        raise typer.Exit(EXIT_THRESHOLD)
