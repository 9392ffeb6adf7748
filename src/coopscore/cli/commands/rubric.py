"""rubric list, show, lint and docs: the rubric as a table, as its YAML, checked, documented."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
import yaml

from coopscore.cli.options import (
    EXIT_INPUT,
    HELP,
    Command,
    DebugArg,
    Group,
    LangArg,
    LangOption,
    RubricArg,
    SeverityOption,
    language,
    line,
    say,
    show,
    word,
    write_new,
)
from coopscore.cli.steps import load_rubric
from coopscore.formats import rubric_docs as reference
from coopscore.formats.escaping import terminal
from coopscore.report import criteria as criteria_report
from coopscore.report.explain import lint_warnings
from coopscore.report.problems import message
from coopscore.report.words import Words
from coopscore.suggest import did_you_mean

rubric_app = typer.Typer(
    help="List, show, lint and document a rubric.",
    no_args_is_help=True,
    cls=Group,
    context_settings=HELP,
)


def register(app: typer.Typer) -> None:
    app.add_typer(rubric_app, name="rubric")


@rubric_app.command("list", cls=Command)
def rubric_list(
    dimension: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--dimension", "-d", metavar="D#", help="Only this dimension, e.g. D3."),
    ] = None,
    severity: Annotated[
        Optional[SeverityOption],  # noqa: UP045
        typer.Option(
            "--severity", metavar="SEVERITY", help="Only this severity: high, medium or low."
        ),
    ] = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """List the criteria: code, slug, dimension, severity, weight and title."""
    loaded = load_rubric(rubric, debug)
    chosen = [
        c
        for c in loaded.criteria
        if (dimension is None or c.spec.dimension == dimension.upper())
        and (severity is None or c.spec.severity == severity.value)
    ]
    if not chosen:
        known = [d.id for d in loaded.dimensions]
        close = did_you_mean(dimension, known) if dimension else ""
        hint = word("cli_hint", hint=message(close, language(lang))) if close else ""
        say("error", word("rubric_no_match", hint=hint))
        raise typer.Exit(EXIT_INPUT)
    show(criteria_report.build(chosen, loaded.file, Words(language(lang))))


@rubric_app.command("show", cls=Command)
def rubric_show(
    key: Annotated[str, typer.Argument(help="A criterion code or slug.", metavar="CODE|SLUG")],
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """Print a criterion as it stands in the rubric file (its YAML data, both languages)."""
    loaded = load_rubric(rubric, debug)
    criterion = loaded.criterion(key)
    if criterion is None:
        close = did_you_mean(key, [k for c in loaded.criteria for k in (c.spec.code, c.spec.slug)])
        hint = word("cli_hint", hint=message(close, language(lang))) if close else ""
        say("error", word("rubric_no_criterion", key=repr(key), hint=hint))
        raise typer.Exit(EXIT_INPUT)
    data = criterion.spec.model_dump(exclude_none=True)
    print(f"# {terminal(loaded.file)}")
    dumped = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)
    sys.stdout.write("\n".join(terminal(line) for line in dumped.split("\n")))


@rubric_app.command("lint", cls=Command)
def rubric_lint(
    path: Annotated[
        str | None,
        typer.Argument(help="Rubric file (default: the bundled one).", metavar="PATH"),
    ] = None,
    lang: LangArg = LangOption.en,
) -> None:
    """Check a rubric file: every error with file:line; warnings for unused parts."""
    loaded = load_rubric(path, debug=False)

    warnings = lint_warnings(loaded, Words(language(lang)))
    for warning in warnings:
        print(line("warning", word("rubric_lint_warning", file=loaded.file, warning=warning)))
    counts = word(
        "rubric_lint_ok",
        file=loaded.file,
        criteria=len(loaded.criteria),
        dimensions=len(loaded.dimensions),
        recommendations=len(loaded.recommendations),
    )
    print(line("ok", counts))


@rubric_app.command("docs", cls=Command)
def rubric_docs(
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (e.g. docs/rubric.md); - for standard output.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """Generate the rubric reference (as in docs/rubric.md) from the rubric data.

    The reference is written in English, as the project's documentation is, whatever
    COOPSCORE_LANG says."""
    text = reference.render(load_rubric(rubric, debug))
    write_new(output, text, force, debug)
