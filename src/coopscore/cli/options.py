"""Options and output helpers shared by every command.

Light to import (Typer, the format registry, the escaping helpers and the file writer), since
every command module starts from it; what reads a rubric or scores a file is in ``steps``.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn, Optional, TypeAlias

import typer

from coopscore.errors import InputError
from coopscore.files.fsio import exists, write_text
from coopscore.formats import registry
from coopscore.formats.escaping import terminal
from coopscore.formats.registry import View

if TYPE_CHECKING:
    from coopscore.formats.i18n import Lang

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
    print(f"{kind}: {terminal(text)}", file=sys.stderr)


def fail_input(error: InputError, debug: bool = False) -> NoReturn:
    if debug:
        raise error
    for problem in error.problems:
        say("error", problem)
    raise typer.Exit(EXIT_INPUT)


def to_file(output: str | None) -> bool:
    """Whether ``-o`` names a file (``-`` and no ``-o`` are standard output)."""
    return output is not None and output != STDOUT


def emit(text: str, output: str | None, debug: bool = False) -> None:
    """The command's output, to standard output or atomically to ``-o FILE``."""
    if not to_file(output):
        sys.stdout.write(text)
        return
    assert output is not None
    try:
        write_text(output, text)  # never over a file this run read
    except InputError as error:
        fail_input(error, debug)


def write_new(output: str | None, text: str, force: bool, debug: bool) -> None:
    """To standard output, or to a file that is new unless ``force`` (never over an input)."""
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


def view(format: str, lang: Lang, output: str | None) -> View:
    """How a format's text will be seen: a format that draws gets the terminal, unless ``-o``."""
    console = None
    if registry.entry(format).draws and not to_file(output):
        # Imported here: rich is loaded only when a drawing format goes to the terminal.
        from rich.console import Console

        console = Console()
    return View(lang, console)


def show_progress(quiet: bool, to_file: bool) -> bool:
    """Only for a person at a terminal: not with --quiet, not when the results are piped."""
    return not quiet and sys.stderr.isatty() and (to_file or sys.stdout.isatty())


def language(lang: LangOption) -> Lang:
    return "zh" if lang is LangOption.zh else "en"
