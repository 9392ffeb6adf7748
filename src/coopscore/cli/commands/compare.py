"""compare: two assessments of one cluster, what moved, what closed, what opened."""

from __future__ import annotations

from typing import Annotated

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    Command,
    CompareFormat,
    DebugArg,
    LangArg,
    LangOption,
    NoWaivers,
    OutputArg,
    RubricArg,
    chosen_format,
    emit,
    fail_input,
    format_option,
    language,
    say,
    view,
)
from coopscore.cli.steps import assess_file, setup
from coopscore.contract.read import read_saved, saved_limit
from coopscore.core.assessment import Assessment
from coopscore.core.compare import CompareError, NotComparable, Side
from coopscore.core.compare import compare as diff
from coopscore.errors import InputError
from coopscore.files.fsio import read_input
from coopscore.formats import compare_out, registry
from coopscore.model.rubric import Rubric
from coopscore.model.yamlload import MAX_BYTES
from coopscore.report.problems import message


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(compare)


SAVED_MAX_BYTES = saved_limit(MAX_BYTES)


def _comparable(
    path: str, rubric: Rubric, waivers: bool, debug: bool, max_bytes: int | None
) -> Assessment | Side:
    """A saved JSON assessment as it was written, or a scenario file scored now."""
    if not path.endswith(".json"):
        return assess_file(path, rubric, waivers, debug, max_bytes or MAX_BYTES)
    raw = read_input(path, max_bytes or SAVED_MAX_BYTES, "saved assessment (.json)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError.single(path, "not UTF-8 text; expected a saved JSON assessment") from None
    saved = read_saved(path, text)
    if saved.rubric.digest != rubric.digest:
        return saved
    # Scored with this very rubric: every criterion's title is known, not only its gaps', and
    # in both languages (the file holds the one it was written in).
    known = {c.spec.code: c.spec.title for c in rubric.criteria}
    return saved._replace(titles={**saved.titles, **known})


def compare(
    old: Annotated[
        str,
        typer.Argument(
            help="Earlier scenario (YAML, or example:NAME) or saved assessment (JSON).",
            metavar="OLD",
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="Later scenario (YAML, or example:NAME) or saved assessment (JSON).",
            metavar="NEW",
        ),
    ],
    format: Annotated[CompareFormat | None, format_option("compare")] = None,
    output: OutputArg = None,
    force: Annotated[
        bool, typer.Option("--force", help="Compare even if the rubrics differ.")
    ] = False,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    no_waivers: NoWaivers = False,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            min=1,
            metavar="N",
            help=f"Refuse input files larger than N bytes (default: {MAX_BYTES // 2**20} MiB "
            f"for a scenario, {SAVED_MAX_BYTES // 2**20} MiB for a saved assessment: "
            "what assess writes for the largest scenario it reads).",
        ),
    ] = None,
    debug: DebugArg = False,
) -> None:
    """Compare two assessments of one cluster: score deltas, gaps closed and opened."""
    format = chosen_format(format, output, "compare")
    loaded, _ = setup(rubric, None, None, debug)
    lang_ = language(lang)
    try:
        before = _comparable(old, loaded, not no_waivers, debug, max_bytes)
        after = _comparable(new, loaded, not no_waivers, debug, max_bytes)
    except InputError as error:
        fail_input(error, debug)
    try:
        result = diff(before, after, force)
    except NotComparable as error:
        say("error", compare_out.refusal(error, lang_))
        raise typer.Exit(EXIT_INPUT) from None
    except CompareError as error:
        say("error", message(str(error), lang_))
        raise typer.Exit(EXIT_INPUT) from None
    if not registry.entry(format).draws:  # the table says them in its Warnings section
        for warning in result.warnings:
            say("warning", compare_out.caveat(warning, lang_))
    shown_as = view(format, lang_, output)
    emit(registry.load(format, "compare").compare(result, shown_as), output, debug)
