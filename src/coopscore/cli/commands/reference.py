"""explain, rubric list/show/lint/docs, schema: the rubric and the formats, from their data."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    STDOUT,
    DebugArg,
    LangArg,
    LangOption,
    RubricArg,
    SeverityOption,
    fail_input,
    language,
    load_rubric,
    say,
)

rubric_app = typer.Typer(help="List, show, lint and document a rubric.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(explain)
    app.add_typer(rubric_app, name="rubric")
    app.command()(schema)


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
    from coopscore.formats import explaining

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
        from coopscore.errors import InputError
        from coopscore.pipeline import scoring as pipeline

        try:  # what assess refuses, explain refuses too
            scored = pipeline.validated(scenario, loaded)
        except InputError as error:
            fail_input(error, debug)
    sys.stdout.write(explaining.render(loaded, found, lang_, scored))


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
    from coopscore.formats.i18n import pick
    from coopscore.formats.markdown import table

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
    import yaml

    from coopscore.formats.escaping import terminal

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
    from coopscore.formats import explaining
    from coopscore.formats.escaping import terminal

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
    from coopscore.formats import rubric_docs

    text = rubric_docs.render(load_rubric(rubric, debug))
    _write(output, text, force, debug)


def _write(output: str | None, text: str, force: bool, debug: bool) -> None:
    """To standard output, or to a file that is new unless ``force`` (never over an input)."""
    from coopscore.errors import InputError
    from coopscore.files.fsio import exists, write_text

    if output is None or output == STDOUT:
        sys.stdout.write(text)
        return
    if not force and exists(output):
        say("error", f"{output} exists; use --force to overwrite it")
        raise typer.Exit(EXIT_INPUT)
    try:
        write_text(output, text)
    except InputError as error:
        fail_input(error, debug)
    say("wrote", output)


def schema(
    which: Annotated[
        str, typer.Argument(help="scenario or rubric.", metavar="[scenario|rubric]")
    ] = "scenario",
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Write to this file.")  # noqa: UP045
    ] = None,
) -> None:
    """The JSON Schema (draft-07, for editors' YAML language server) of scenarios or rubrics."""
    from coopscore.model import schemas

    if which not in schemas.MODELS:
        say("error", f"unknown schema {which!r}; expected scenario or rubric")
        raise typer.Exit(EXIT_INPUT)
    text = schemas.text(which)
    _write(output, text, force=True, debug=False)
