"""What Typer says in English, said in the run's language: a command's ``--help`` and a
usage error.

Typer draws help from the English it holds (a command's text, its parameters' and its
subcommands') and from words of its own (panel titles, ``[default: …]``). While the help of a
run that speaks another language is drawn, each of these is said in that language: the help
texts are catalogue forms (``help_*``) matched against Typer's English, as a reader's messages
are (``report.problems``), and Typer's own words are catalogue entries (``help_frame_*``).
Everything is put back once the help is drawn.

A usage error is Typer's English sentence (a catalogue form, ``problem_usage_*``), drawn by
Typer after the command has returned, framed by its usage line, help hint and box title: those
are set for the run and put back by the next run (:func:`frame_back`).

Typer's rich tables break a line only at spaces and cut whatever does not fit with "…"; a
Chinese sentence has no spaces, so each help text is drawn by the wrapper every report uses,
which breaks between CJK characters too, and cuts nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from coopscore.report.i18n import LABELS, Lang, label
from coopscore.report.problems import message

# Typer's words around a command's help, each with its catalogue key (``help_frame_*``).
FRAME = {
    "ARGUMENTS_PANEL_TITLE": "arguments",
    "OPTIONS_PANEL_TITLE": "options",
    "COMMANDS_PANEL_TITLE": "commands",
    "DEFAULT_STRING": "default",
    "ENVVAR_STRING": "envvar",
    "REQUIRED_LONG_STRING": "required",
    "DEPRECATED_STRING": "deprecated",
}


class Folded:
    """Text that a table cell breaks as the reports' wrapper does: between words, and between
    CJK characters, keeping a code or an option whole; never cut."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from coopscore.formats import fitting

        plain = self.text.plain
        widest = max((fitting.cell_len(line) for line in plain.splitlines()), default=0)
        least = max((fitting.longest_piece(line) for line in plain.splitlines()), default=0)
        return Measurement(min(least, options.max_width), min(widest, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from coopscore.formats import fitting

        lines = [
            part
            for line in self.text.plain.splitlines() or [""]
            for part in fitting.lines(line, options.max_width) or [""]
        ]
        yield Text("\n".join(lines), style=self.text.style, no_wrap=True, overflow="ignore")


def _folding(make: Callable[..., Any]) -> Callable[..., Any]:
    """Typer's maker of help text, its plain text drawn as :class:`Folded`."""

    def made(*args: Any, **kwargs: Any) -> Any:
        drawn = make(*args, **kwargs)
        return Folded(drawn) if isinstance(drawn, Text) else drawn

    return made


# Typer's own hint and title around a usage error, as they were before a run changed them.
_ERROR_FRAME: dict[str, str] = {}


def usage_error_in(lang: Lang, error: Any, usage: dict[str, str]) -> Any:
    """``error`` said in ``lang``, its frame too; ``usage`` takes the usage line's prefix."""
    from typer import rich_utils
    from typer._click.exceptions import UsageError

    if not _ERROR_FRAME:
        _ERROR_FRAME.update(hint=rich_utils.RICH_HELP, title=rich_utils.ERRORS_PANEL_TITLE)
    usage["usage"] = label("cli_usage", lang)
    command = "[blue]'{command_path} {help_option}'[/]"
    rich_utils.RICH_HELP = label("cli_try_help", lang, command=command)
    rich_utils.ERRORS_PANEL_TITLE = label("cli_error_title", lang)
    return UsageError(message(error.format_message(), lang), error.ctx)


def frame_back() -> None:
    """Typer's English frame for usage errors, as it was before a run changed it."""
    if _ERROR_FRAME:
        from typer import rich_utils

        rich_utils.RICH_HELP = _ERROR_FRAME["hint"]
        rich_utils.ERRORS_PANEL_TITLE = _ERROR_FRAME["title"]


@contextlib.contextmanager
def help_in(lang: Lang, command: Any, ctx: Any, usage: dict[str, str]) -> Iterator[None]:
    """``command``'s help said in ``lang`` while it is drawn; ``usage`` takes the usage line's
    prefix (``cli.options`` draws that line)."""
    from typer import rich_utils

    def said(text: str | None) -> str | None:
        return text if not text else message(" ".join(text.split()), lang, "help_")

    items: list[Any] = [command, *command.get_params(ctx)]
    if hasattr(command, "list_commands"):
        items += [command.get_command(ctx, name) for name in command.list_commands(ctx)]
    kept = [(item, item.help, getattr(item, "short_help", None)) for item in items if item]
    frame = {name: getattr(rich_utils, name) for name in FRAME}
    make = getattr(rich_utils, "_make_rich_text", None)
    try:
        for item, text, short in kept:
            item.help = said(text)
            if short is not None:
                item.short_help = said(short)
        for name, key in FRAME.items():
            setattr(rich_utils, name, LABELS[f"help_frame_{key}"][lang].replace("{value}", "{}"))
        if make is not None:
            rich_utils._make_rich_text = _folding(make)
        usage["usage"] = label("cli_usage", lang)
        yield
    finally:
        for item, text, short in kept:
            item.help = text
            if short is not None:
                item.short_help = short
        for name, value in frame.items():
            setattr(rich_utils, name, value)
        if make is not None:
            rich_utils._make_rich_text = make
        usage.pop("usage", None)
