"""Options and output helpers shared by every command.

Light to import (Typer, the format registry, the escaping helpers and the file writer), since
every command module starts from it; what reads a rubric or scores a file is in ``steps``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, Optional, TypeAlias

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from coopscore.errors import InputError, Problem
from coopscore.files.fsio import exists, write_text
from coopscore.formats import registry
from coopscore.formats.escaping import terminal
from coopscore.formats.registry import View

if TYPE_CHECKING:
    from coopscore.report.blocks import Report
    from coopscore.report.i18n import Lang

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_INTERNAL = 70  # a fault of ours (EX_SOFTWARE), never bad input
# "-" as an output means standard output, for every command that takes -o.
STDOUT = "-"


# Each command's --format choices are the registered formats that render its subject.
if TYPE_CHECKING:
    AssessFormat: TypeAlias = str
    BatchFormat: TypeAlias = str
    PlanFormat: TypeAlias = str
    CompareFormat: TypeAlias = str
    SensitivityFormat: TypeAlias = str
    AgreeFormat: TypeAlias = str
    TrendFormat: TypeAlias = str
else:
    AssessFormat = Literal[tuple(registry.names("assessment"))]
    BatchFormat = Literal[tuple(registry.names("batch"))]
    PlanFormat = Literal[tuple(registry.names("plan"))]
    CompareFormat = Literal[tuple(registry.names("compare"))]
    SensitivityFormat = Literal[tuple(registry.names("sensitivity"))]
    AgreeFormat = Literal[tuple(registry.names("agreement"))]
    TrendFormat = Literal[tuple(registry.names("trend"))]
FORMAT_FLAGS = ("--format", "-f")


class LangOption(str, Enum):
    en = "en"
    zh = "zh"


class SeverityOption(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


# -h as well as --help, on every command; --help first, as the usage hint names it.
HELP = {"help_option_names": ["--help", "-h"]}


def _spoken(value: LangOption | None) -> LangOption | None:
    """``--lang`` (or ``COOPSCORE_LANG``) as soon as it is read: what ``say`` speaks from now."""
    if value is not None:
        speak(language(value))
    return value


LangArg = Annotated[
    LangOption,
    typer.Option(
        "--lang",
        envvar="COOPSCORE_LANG",
        metavar="LANG",
        help="Language of all labels and messages: en or zh.",
        callback=_spoken,
    ),
]
RubricArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--rubric", help="Rubric file to use instead of the bundled one.", metavar="PATH"),
]
FailUnder = Annotated[
    Optional[float],  # noqa: UP045
    typer.Option(
        "--fail-under",
        help="Exit 1 when a score is below SCORE (0 to 100), or is withheld.",
        min=0,
        max=100,
        metavar="SCORE",
    ),
]
FailOn = Annotated[
    Optional[SeverityOption],  # noqa: UP045
    typer.Option(
        "--fail-on",
        help="Exit 1 when a shown gap of SEVERITY (high, medium or low) or worse is found.",
        metavar="SEVERITY",
    ),
]
SelectArg = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--select",
        help="Show only these gaps: codes, code prefixes, slugs, dimensions (D3) or severities, "
        "separated by commas or with --select again. Scores never change.",
        metavar="CODE[,CODE…]",
    ),
]
IgnoreArg = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--ignore",
        help="Hide these gaps (the same tokens as --select). Scores never change.",
        metavar="CODE[,CODE…]",
    ),
]
OutputArg = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically) instead of standard output; - for standard output.",
        metavar="FILE",
    ),
]
DebugArg = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]
VerboseArg = Annotated[
    bool, typer.Option("--verbose", "-v", help="Show every fact behind each gap, not the first 3.")
]
NoWaivers = Annotated[
    bool,
    typer.Option(
        "--no-waivers", help="Ignore the scenario's not_applicable marks: judge every criterion."
    ),
]
MaxBytes = Annotated[
    int,
    typer.Option(
        "--max-bytes", min=1, help="Refuse scenario files larger than N bytes.", metavar="N"
    ),
]


def format_option(subject: registry.Subject) -> Any:
    """``--format FORMAT``, its help naming the formats that render ``subject``."""
    names = registry.names(subject)
    listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    return typer.Option(
        *FORMAT_FLAGS,
        metavar="FORMAT",
        help=f"Output format: {listed}. Without it, the one -o FILE's extension names "
        "(.html, .md, .json, .jsonl, .csv), else table.",
    )


# The format a known extension of ``-o FILE`` names.
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
}


def chosen_format(format: str | None, output: str | None, subject: registry.Subject) -> str:
    """The format to write: ``--format`` if given, else the one ``-o FILE``'s extension names,
    else ``table``. An extension that names another format than ``--format`` (``-o x.html
    -f json``), or a format the command does not write, is refused (exit 2)."""
    suffix = os.path.splitext(output or "")[1].lower() if to_file(output) else ""
    named = EXTENSIONS.get(suffix)
    names = registry.names(subject)
    if named is None:
        return format or "table"
    if format is not None and format != named:
        say(
            "error",
            word("cli_format_clash", output=output, suffix=suffix, named=named, format=format),
        )
        raise typer.Exit(EXIT_INPUT)
    if named not in names:
        say(
            "error",
            word(
                "cli_format_unwritten",
                output=output,
                suffix=suffix,
                named=named,
                names=word("joint_comma").join(names),
            ),
        )
        raise typer.Exit(EXIT_INPUT)
    return named


class _Argument(TyperArgument):
    """An argument shown by its metavar alone: no type beside it, no braces around it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = str(self.display_name_raw)
        return name if self.required else f"[{name}]"


class _Option(TyperOption):
    """An option shown by its metavar (FILE, N, LANG); a flag shows none. Ranges and choices
    are said in the help text, in words."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag:
            return None
        return self.metavar or super().display_type_rich(ctx)

    def _get_number_range_help_str(self) -> str | None:
        return None


def _worded(params: list[Any]) -> None:
    """Show each parameter in our words (see ``_Argument`` and ``_Option``)."""
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Option


# What a choice option's value is called in its error.
# Other names for a choice, for the did-you-mean of a bad value: a file's extension, a word.
ALIASES = {"md": "markdown", "htm": "html", "text": "table", "txt": "table", "terminal": "table"}
_NOUNS = {
    "FORMAT": "a format",
    "LANG": "a language",
    "SEVERITY": "a severity",
    "HOW": "a way to combine scores",
}


def _reword(error: typer.BadParameter) -> None:
    """A bad option value said in our words, not pydantic's: what was given, what is expected,
    and the nearest choice (``'jsn' is not a format; expected one of table, json, markdown;
    did you mean 'json'?``)."""
    # Imported here: only a bad value needs the wording rules.
    from coopscore.model.loader import worded
    from coopscore.suggest import did_you_mean

    param = error.param
    errors = getattr(error.__cause__, "errors", None)
    if param is None or errors is None:
        return
    if getattr(param, "envvar", None) and error.ctx is not None:
        # Typer names the variable an option may be read from; only say so when it was
        source = error.ctx.get_parameter_source(param.name)
        if source is None or source.name != "ENVIRONMENT":
            error.param_hint = " / ".join(f"'{name}'" for name in param.opts)
    found = errors(include_url=False)
    if not found:
        return
    first = found[0]
    value = first.get("input")
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and descriptor.is_choice and isinstance(value, str):
        choices = [str(getattr(c, "value", c)) for c in descriptor.choices or ()]
        noun = _NOUNS.get(str(param.metavar), "a valid choice")
        message = f"{value!r} is not {noun}; expected one of {', '.join(choices)}"
        close = did_you_mean(value, choices, ALIASES)
        error.message = message + (f"; {close}" if close else "")
        return
    error.message = worded(first, found=str(value))


# The narrowest help and usage error drawn: below it rich's boxes hold a letter a line.
MIN_HELP_WIDTH = 40
_TYPER_WIDTH: list[int | None] = []  # typer's own width, before any run changed it


def _fit_help_width() -> None:
    """Help and usage errors drawn at a width they can be read at, whatever ``COLUMNS`` says.

    Typer draws them on a rich console, which takes ``COLUMNS`` as it is: ``0`` draws nothing
    at all (a usage error would exit 2 in silence), ``1`` a character a line, and a negative
    or non-numeric value is ignored only in part. A usable ``COLUMNS`` is left as it is."""
    text = os.environ.get("COLUMNS", "").strip()
    width = int(text) if text.isdigit() else 0
    usable = not text or width >= MIN_HELP_WIDTH
    drawn = sys.modules.get("typer.rich_utils")
    if usable and drawn is None:
        return
    # Imported here: only an unusable width needs typer's drawing settings.
    from typer import rich_utils

    if not _TYPER_WIDTH:
        _TYPER_WIDTH.append(rich_utils.MAX_WIDTH)
    if usable:
        rich_utils.MAX_WIDTH = _TYPER_WIDTH[0]  # as typer set it (TERMINAL_WIDTH), for a later run
    else:
        rich_utils.MAX_WIDTH = max(width, MIN_HELP_WIDTH) if width else 80


class _Worded:
    """What every command and group does alike: help in our words, ``-h`` as ``--help``, bad
    values said plainly."""

    params: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _worded(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        _worded([option])
        return option

    def main(self, *args: Any, **kwargs: Any) -> Any:
        _fit_help_width()
        _USAGE_WORDS.clear()  # a run's usage errors speak English until one is said otherwise
        said = sys.modules.get("coopscore.cli.typer_words")  # loaded once something was said
        if said is not None:
            said.frame_back()
        given = kwargs.get("args", args[0] if args else None)
        _RUN_ARGS[:] = list(sys.argv[1:] if given is None else given)
        speak_from_environment()  # what --help and a usage error speak, until --lang is read
        return super().main(*args, **kwargs)  # type: ignore[misc]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        lang = _reader_language(_RUN_ARGS)
        if lang == "en":
            super().format_help(ctx, formatter)  # type: ignore[misc]
            return
        from coopscore.cli.typer_words import help_in

        with help_in(lang, self, ctx, _USAGE_WORDS):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        given = list(args)  # the parser uses up the list it is given
        try:
            return list(super().parse_args(ctx, args))  # type: ignore[misc]
        except typer.BadParameter as error:
            _reword(error)
            raise _in_reader_language(error, ctx, given) from error.__cause__
        except UsageError as error:
            raise _in_reader_language(error, ctx, given) from error.__cause__

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), _USAGE_WORDS.get("usage"))


class Command(_Worded, TyperCommand):
    """Every command."""


class Group(_Worded, TyperGroup):
    """The root and the ``rubric`` group, shown and checked as ``Command`` is."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        given = list(args)
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            raise _in_reader_language(error, ctx, given) from error.__cause__


# The arguments of this run, for the language ``--help`` speaks: ``--help`` is answered while
# the arguments are read, before ``--lang``'s own value is.
_RUN_ARGS: list[str] = []
# How Typer frames a usage error (the usage line's prefix, the help hint, the box's title) when
# the run speaks another language than English; empty: Typer's own, in English.
_USAGE_WORDS: dict[str, str] = {}


def _in_reader_language(error: UsageError, ctx: Any, args: list[str]) -> UsageError:
    """A usage error in the language this run speaks, or is about to (``--lang zh`` among the
    arguments is read only after them), shown with the command's usage line and help hint.

    Typer's English sentences are catalogue forms (``problem_usage_*``), said again as any
    other reader's message is, and framed in words of the same language.
    """
    if error.ctx is None:  # the option parser's own errors come without the command
        error.ctx, error.cmd = ctx, ctx.command
    lang = _reader_language(args)
    if lang == "en":
        return error
    from coopscore.cli.typer_words import usage_error_in

    result: UsageError = usage_error_in(lang, error, _USAGE_WORDS)
    return result


def _reader_language(args: list[str]) -> Lang:
    """The language the arguments' ``--lang`` names (``--lang zh``, ``--lang=zh``), else this
    run's (``COOPSCORE_LANG``'s)."""
    named: Lang = spoken()
    for index, arg in enumerate(args):
        if arg == "--":
            break
        given = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            given = args[index + 1]
        if given in ("en", "zh"):
            named = "zh" if given == "zh" else "en"
    return named


# The loader's own limit (yamlload.MAX_BYTES), repeated so that start-up need not import yaml.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


# The language of this run's messages: set once, by the root command (from COOPSCORE_LANG) and
# again by ``--lang`` as it is read; every ``say`` line and ``word`` is in it.
_SPOKEN: list[Lang] = ["en"]
# The kinds of line ``say`` prints, each a label (``say_error``: "error", "错误").
KINDS = ("error", "warning", "note", "fail", "wrote", "ok", "interrupted")


def speak(lang: Lang) -> None:
    """The language of every message from now on in this run."""
    _SPOKEN[0] = lang


def speak_from_environment() -> None:
    """At a run's start: ``COOPSCORE_LANG`` when it names a language, else English."""
    chosen = os.environ.get("COOPSCORE_LANG", "")
    speak("zh" if chosen == "zh" else "en")


def spoken() -> Lang:
    """The language of this run's messages."""
    return _SPOKEN[0]


def word(key: str, /, **values: Any) -> str:
    """A message of the command line, from the catalogues, in this run's language."""
    # Imported here: the catalogues are read once, when a message is first said.
    from coopscore.report.i18n import label

    return label(key, spoken(), **values)


def line(kind: str, text: object) -> str:
    """``kind: text`` in this run's language (``error: ...``, ``错误:...``); text from files
    cannot move the terminal."""
    assert kind in KINDS, kind
    return word("say_line", kind=word(f"say_{kind}"), text=terminal(text))


def say(kind: str, text: object) -> None:
    """One ``kind: text`` line on standard error (see ``line``).

    Never an error: a standard error that cannot take the line (closed, full) is passed by.
    """
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(line(kind, text), file=stream)


def said(problem: Problem) -> str:
    """A problem with an input (file:line: what is wrong), in this run's language."""
    from coopscore.report.problems import problem_text

    return problem_text(problem, spoken())


def fail_input(error: InputError, debug: bool = False) -> NoReturn:
    if debug:
        raise error
    for problem in error.problems:
        say("error", said(problem))
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


def write_new(output: str | None, text: str, force: bool, debug: bool, then: str = "") -> None:
    """To standard output, or to a file that is new unless ``force`` (never over an input);
    ``then`` follows the file's name in the ``wrote:`` line."""
    if output is None or output == STDOUT:
        sys.stdout.write(text)
        return
    if not force and exists(output):
        say("error", word("cli_exists", file=output))
        raise typer.Exit(EXIT_INPUT)
    try:
        write_text(output, text)
    except InputError as error:
        fail_input(error, debug)
    say("wrote", output + then)


def view(format: str, lang: Lang, output: str | None, verbose: bool = False) -> View:
    """How a format's text will be seen: a format that draws gets the terminal, unless ``-o``."""
    console = None
    if registry.entry(format).draws and not to_file(output):
        # Imported here: only a drawing format that goes to the terminal needs it.
        from coopscore.formats.consoles import terminal

        console = terminal()
    return View(lang, console, verbose)


def show(made: Report, verbose: bool = False) -> None:
    """A report drawn on the terminal at its width (``COLUMNS`` honoured)."""
    # Imported here: only a report drawn needs them.
    from coopscore.formats import to_terminal
    from coopscore.formats.consoles import terminal

    to_terminal.draw(made, terminal(), verbose)


def show_progress(quiet: bool, to_file: bool) -> bool:
    """Only for a person at a terminal: not with --quiet, not when the results are piped."""
    return not quiet and sys.stderr.isatty() and (to_file or sys.stdout.isatty())


def language(lang: LangOption) -> Lang:
    return "zh" if lang is LangOption.zh else "en"
