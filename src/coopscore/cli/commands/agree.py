"""agree: two or more encodings of one cluster, criterion by criterion, with their agreement."""

from __future__ import annotations

from typing import Annotated

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    AgreeFormat,
    Command,
    DebugArg,
    LangArg,
    LangOption,
    NoWaivers,
    OutputArg,
    RubricArg,
    VerboseArg,
    chosen_format,
    emit,
    format_option,
    language,
    say,
    view,
    word,
)
from coopscore.cli.steps import assess_file, setup
from coopscore.core.agreement import agree as compare_codings
from coopscore.formats import agree_out, registry
from coopscore.report.i18n import label


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(agree)


def agree(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Two or more encodings of one cluster (YAML files or example:NAME).",
            metavar="FILE...",
        ),
    ],
    format: Annotated[AgreeFormat | None, format_option("agreement")] = None,
    output: OutputArg = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    no_waivers: NoWaivers = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Compare even when the files describe different clusters (by members, "
            "else name, else id).",
        ),
    ] = False,
    verbose: VerboseArg = False,
    debug: DebugArg = False,
) -> None:
    """Compare independent encodings of one cluster: where they disagree, how much they agree."""
    # The files must describe one cluster (core/cluster.py says how that is judged); otherwise
    # what differs is named and the run exits 2, unless --force.
    format = chosen_format(format, output, "agreement")
    if len(files) < 2:
        say("error", word("agree_too_few"))
        raise typer.Exit(EXIT_INPUT)
    loaded, _ = setup(rubric, None, None, debug)
    assessments = [assess_file(f, loaded, not no_waivers, debug) for f in files]
    result = compare_codings(assessments)
    lang_ = language(lang)
    if result.cluster is not None and not result.cluster.same and not force:
        for line in agree_out.mismatch_lines(result.cluster, lang_):
            say("error", line)
        say("error", label("cluster_force_hint", lang_))
        raise typer.Exit(EXIT_INPUT)
    shown_as = view(format, lang_, output, verbose)
    emit(registry.load(format, "agreement").agreement(result, shown_as), output, debug)
