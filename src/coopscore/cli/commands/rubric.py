"""rubric list, show, lint and docs: the rubric as a table, as its YAML, checked, documented."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
import yaml

from coopscore.cli.options import (
    EXIT_INPUT,
    DebugArg,
    LangArg,
    LangOption,
    RubricArg,
    SeverityOption,
    language,
    say,
    write_new,
)
from coopscore.cli.steps import load_rubric
from coopscore.formats import explaining
from coopscore.formats import rubric_docs as reference
from coopscore.formats.escaping import terminal
from coopscore.formats.i18n import pick
from coopscore.formats.markdown import table

rubric_app = typer.Typer(help="List, show, lint and document a rubric.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(rubric_app, name="rubric")


@rubric_app.command("list")
def rubric_list(
    dimension: Annotated[
        Optional[str], typer.Option("--dimension", "-d", help="Only this dimension, e.g. D3.")  # noqa: UP045
    ] = None,
    severity: Annotated[
        Optional[SeverityOption], typer.Option("--severity", help="Only this severity.")  # noqa: UP045
    ] = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """List the criteria: code, slug, dimension, severity, weight and title."""
    loaded = load_rubric(rubric, debug)
    rows = [
        (
            c.spec.code,
            c.spec.slug,
            c.spec.dimension,
            c.spec.severity,
            f"{c.spec.weight:g}",
            pick(c.spec.title, language(lang)),
        )
        for c in loaded.criteria
        if (dimension is None or c.spec.dimension == dimension.upper())
        and (severity is None or c.spec.severity == severity.value)
    ]
    if not rows:
        print("error: no criterion matches", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT)
    print(table(["code", "slug", "dimension", "severity", "weight", "title"], rows))


@rubric_app.command("show")
def rubric_show(
    key: Annotated[str, typer.Argument(help="A criterion code or slug.", metavar="CODE|SLUG")],
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """Print a criterion as it stands in the rubric file (its YAML data)."""
    loaded = load_rubric(rubric, debug)
    criterion = loaded.criterion(key)
    if criterion is None:
        say("error", f"no criterion {key!r}")
        raise typer.Exit(EXIT_INPUT)
    data = criterion.spec.model_dump(exclude_none=True)
    print(f"# {terminal(loaded.file)}")
    dumped = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)
    sys.stdout.write("\n".join(terminal(line) for line in dumped.split("\n")))


@rubric_app.command("lint")
def rubric_lint(
    path: Annotated[
        str | None,
        typer.Argument(help="Rubric file (default: the bundled one).", metavar="PATH"),
    ] = None,
) -> None:
    """Check a rubric file: every error with file:line; warnings for unused parts."""
    loaded = load_rubric(path, debug=False)

    warnings = explaining.lint_warnings(loaded)
    for warning in warnings:
        print(f"warning: {terminal(loaded.file)}: {terminal(warning)}")
    counts = (
        f"{len(loaded.criteria)} criteria in {len(loaded.dimensions)} dimensions, "
        f"{len(loaded.recommendations)} recommendations"
    )
    print(f"ok: {terminal(loaded.file)}: {counts}")


@rubric_app.command("docs")
def rubric_docs(
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="Write to this file (e.g. docs/rubric.md); - for stdout."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """Generate the rubric reference (as in docs/rubric.md) from the rubric data."""
    text = reference.render(load_rubric(rubric, debug))
    write_new(output, text, force, debug)
