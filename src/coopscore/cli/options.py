"""Options and helpers shared by every command; light to import (typer and enums only)."""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn, Optional, TypeAlias

import typer

from coopscore.formats import registry
from coopscore.formats.registry import View

if TYPE_CHECKING:
    from coopscore.core.assessment import Assessment
    from coopscore.core.selection import Selection
    from coopscore.errors import InputError
    from coopscore.formats.i18n import Lang
    from coopscore.model.rubric import Rubric

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
# "-" as an output means standard output, for every command that takes -o.
STDOUT = "-"


# Each command's --format choices are the registered formats that render its subject.
if TYPE_CHECKING:
    AssessFormat: TypeAlias = str
    BatchFormat: TypeAlias = str
    PlanFormat: TypeAlias = str
    CompareFormat: TypeAlias = str
    SensitivityFormat: TypeAlias = str
else:
    AssessFormat = Literal[tuple(registry.names("assessment"))]
    BatchFormat = Literal[tuple(registry.names("batch"))]
    PlanFormat = Literal[tuple(registry.names("plan"))]
    CompareFormat = Literal[tuple(registry.names("compare"))]
    SensitivityFormat = Literal[tuple(registry.names("sensitivity"))]
FORMAT_FLAGS = ("--format", "-f")


class LangOption(str, Enum):
    en = "en"
    zh = "zh"


class SeverityOption(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


LangArg = Annotated[
    LangOption, typer.Option("--lang", envvar="COOPSCORE_LANG", help="Language of all labels.")
]
RubricArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--rubric", help="Rubric file to use instead of the bundled one.", metavar="PATH"),
]
FailUnder = Annotated[
    Optional[float],  # noqa: UP045
    typer.Option(
        "--fail-under", help="Exit 1 when a score is below this (or withheld).", min=0, max=100
    ),
]
FailOn = Annotated[
    Optional[SeverityOption],  # noqa: UP045
    typer.Option("--fail-on", help="Exit 1 when a shown gap of this severity or worse is found."),
]
SelectArg = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--select",
        help="Show only these gaps: codes, code prefixes, slugs, dimensions (D3) or severities. "
        "Scores never change.",
    ),
]
IgnoreArg = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--ignore", help="Hide these gaps (same tokens as --select). Scores never change."
    ),
]
OutputArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--output", "-o", help="Write to this file (atomically) instead of stdout; - for stdout."
    ),
]
DebugArg = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]
NoWaivers = Annotated[
    bool,
    typer.Option(
        "--no-waivers", help="Ignore the scenario's not_applicable marks: judge every criterion."
    ),
]
MaxBytes = Annotated[
    int,
    typer.Option("--max-bytes", min=1, help="Refuse scenario files larger than this.", metavar="N"),
]
# The loader's own limit (yamlload.MAX_BYTES), repeated so that start-up need not import yaml.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def say(kind: str, text: object) -> None:
    """One ``kind: text`` line on standard error; text from files cannot move the terminal."""
    from coopscore.formats.escaping import terminal

    print(f"{kind}: {terminal(text)}", file=sys.stderr)


def fail_input(error: InputError, debug: bool = False) -> NoReturn:
    if debug:
        raise error
    for problem in error.problems:
        say("error", problem)
    raise typer.Exit(EXIT_INPUT)


def breaches(assessment: Assessment, fail_under: float | None, fail_on: str | None) -> list[str]:
    """Why the run should exit 1, if it should."""
    reasons: list[str] = []
    name = assessment.scenario_id
    if fail_under is not None:
        if assessment.score is None:
            reasons.append(f"{name}: score withheld, cannot meet --fail-under {fail_under:g}")
        elif assessment.score < fail_under:
            reasons.append(
                f"{name}: score {assessment.score:.1f} is below --fail-under {fail_under:g}"
            )
    if fail_on is not None:
        from coopscore.model.rubric import severity_rank

        hits = [
            g.spec.code
            for g in assessment.gaps
            if severity_rank(g.spec.severity) <= severity_rank(fail_on)
        ]
        if hits:
            reasons.append(
                f"{name}: {len(hits)} gap(s) of severity {fail_on} or worse: {', '.join(hits)}"
            )
    return reasons


def setup(
    rubric: str | None, select: list[str] | None, ignore: list[str] | None, debug: bool
) -> tuple[Rubric, Selection]:
    """The rubric and the gap selection every scoring command starts from; bad ones exit 2."""
    from coopscore.core.selection import Selection, SelectionError

    loaded = load_rubric(rubric, debug)
    try:
        return loaded, Selection.parse(select or [], ignore or [], loaded)
    except SelectionError as error:
        say("error", error)
        raise typer.Exit(EXIT_INPUT) from None


def load_rubric(rubric: str | None, debug: bool) -> Rubric:
    """The rubric at ``rubric`` (or the bundled one); a bad one exits 2 with its problems."""
    from coopscore.errors import InputError
    from coopscore.pipeline.inputs import read_rubric

    try:
        return read_rubric(rubric)
    except InputError as error:
        fail_input(error, debug)


def assess_file(
    path: str, rubric: Rubric, waivers: bool, debug: bool, max_bytes: int = DEFAULT_MAX_BYTES
) -> Assessment:
    """Score one scenario (``example:NAME`` too) through the pipeline; bad input exits 2."""
    from coopscore.pipeline import scoring as pipeline

    outcome = pipeline.score(path, rubric, max_bytes=max_bytes, waivers=waivers, debug=debug)
    if isinstance(outcome, pipeline.Failed):
        fail_input(outcome.error(), debug)
    return outcome.assessment


def to_file(output: str | None) -> bool:
    """Whether ``-o`` names a file (``-`` and no ``-o`` are standard output)."""
    return output is not None and output != STDOUT


def emit(text: str, output: str | None, debug: bool = False) -> None:
    """The command's output, to standard output or atomically to ``-o FILE``."""
    if not to_file(output):
        sys.stdout.write(text)
        return
    from coopscore.errors import InputError
    from coopscore.files.fsio import write_text

    assert output is not None
    try:
        write_text(output, text)  # never over a file this run read
    except InputError as error:
        fail_input(error, debug)


def view(format: str, lang: Lang, output: str | None) -> View:
    """How a format's text will be seen: a format that draws gets the terminal, unless ``-o``."""
    console = None
    if registry.entry(format).draws and not to_file(output):
        from rich.console import Console

        console = Console()
    return View(lang, console)


def language(lang: LangOption) -> Lang:
    return "zh" if lang is LangOption.zh else "en"
