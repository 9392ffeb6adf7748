"""The command line's root: the Typer app, and the module behind each command name.

Start-up stays quick because a command's module is imported only when that command runs
(each imports what it needs at its top). Importing this module loads no command: ``app``, the
whole command tree, is built when first asked for.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from functools import cache
from typing import Annotated

import typer

from coopscore import __version__

# Re-exported: the default size limit and the progress-bar rule, as seen from the app.
from coopscore.cli.options import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from coopscore.cli.options import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    HELP,
    Command,
    Group,
    say,
    speak_from_environment,
    spoken,
    word,
)
from coopscore.cli.options import show_progress as show_progress
from coopscore.files import fsio, streams
from coopscore.files.streams import EXIT_PIPE
from coopscore.signals import Stopped, exit_code, install, stopping

# Every command, in the order ``--help`` lists them (a group, rubric, comes last whatever its
# place here); each module's ``register(app)`` adds its command or group.
COMMANDS: dict[str, str] = {
    "assess": "coopscore.cli.commands.assess",
    "batch": "coopscore.cli.commands.batch",
    "explain": "coopscore.cli.commands.explain",
    "rubric": "coopscore.cli.commands.rubric",
    "schema": "coopscore.cli.commands.schema",
    "init": "coopscore.cli.commands.init",
    "examples": "coopscore.cli.commands.examples",
    "compare": "coopscore.cli.commands.compare",
    "plan": "coopscore.cli.commands.plan",
    "sensitivity": "coopscore.cli.commands.sensitivity",
    "agree": "coopscore.cli.commands.agree",
    "trend": "coopscore.cli.commands.trend",
}


def _version(value: bool) -> None:
    if value:
        print(f"coopscore {__version__}")
        raise typer.Exit()


def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """coopscore: rubric-based assessment of city-cluster cooperation."""
    fsio.forget()  # each command is one run, with its own inputs (its language: Group.main)


def build(names: Iterable[str]) -> typer.Typer:
    """The root app with these commands registered (their modules imported), in table order."""
    typer_app = typer.Typer(
        name="coopscore",
        help="Score a city cluster's cross-provincial cooperation against the Yangtze River "
        "Delta's integration experience, and show every gap with its evidence.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        cls=Group,
        context_settings=HELP,
    )
    typer_app.callback()(root)
    wanted = set(names)
    for name, module in COMMANDS.items():
        if name in wanted:
            register: Callable[[typer.Typer], None] = importlib.import_module(module).register
            register(typer_app)
    return typer_app


# What the command list says of each command: the first line of its help, kept here so that
# listing the commands imports none of them. tests/test_command_tree.py checks it against the
# commands themselves.
SUMMARIES: dict[str, str] = {
    "assess": "Score one scenario on the eight dimensions and list every gap with its evidence.",
    "batch": "Score many scenarios; a file that fails is reported and the batch goes on.",
    "explain": "Explain a criterion, dimension, recommendation or diagnostic (P1–P4) from the "
    "rubric.",
    "rubric": "List, show, lint and document a rubric.",
    "schema": "The JSON Schema (draft-07, for editors' YAML language server) of scenarios or "
    "rubrics.",
    "init": "Write a commented scenario template, or copy a bundled example with --from "
    "example:NAME.",
    "examples": "List the bundled example scenarios; use them anywhere as example:NAME.",
    "compare": "Compare two assessments of one cluster: score deltas, gaps closed and opened.",
    "plan": "An action plan: gaps ranked by the score that closing each would add, by "
    "recommendation.",
    "sensitivity": "How robust is the ranking to the weights? Rank intervals and pairwise order "
    "stability.",
    "agree": "Compare independent encodings of one cluster: where they disagree, how much they "
    "agree.",
    "trend": "Follow one cluster through the years: scores, trends with their bounds, gaps opened.",
}
GROUPS = {"rubric"}


def listing() -> typer.Typer:
    """The root app with every command named and summarised but none imported.

    Enough for what needs only the names: the command list of ``--help`` and the did-you-mean
    of a mistyped command.
    """
    typer_app = build([])
    for name in COMMANDS:
        if name in GROUPS:
            group = typer.Typer(help=SUMMARIES[name], cls=Group, context_settings=HELP)
            typer_app.add_typer(group, name=name)
        else:
            typer_app.command(name=name, help=SUMMARIES[name], cls=Command)(_placeholder)
    return typer_app


def _placeholder() -> None:
    """Never run: a command the line names is built for real (see ``narrowed``)."""


@cache
def whole() -> typer.Typer:
    """The app with every command: what ``--help`` lists and what a typo is matched against."""
    return build(COMMANDS)


def __getattr__(name: str) -> typer.Typer:
    """``app``, the whole app, built (every command module imported) when first asked for."""
    if name == "app":
        return whole()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def command_names(typer_app: typer.Typer) -> dict[str, object]:
    """The app's top-level command and group names, each with its registration."""
    names: dict[str, object] = {}
    for command in typer_app.registered_commands:
        if command.name:
            names[command.name] = command
        elif command.callback:
            names[typer.main.get_command_name(command.callback.__name__)] = command
    for group in typer_app.registered_groups:
        if group.name:
            names[group.name] = group
    return names


def narrowed(argv: list[str]) -> typer.Typer:
    """The app for ``argv``: only the command it invokes, when it starts with one.

    Typer builds the options of every registered command before it parses anything, and a
    command's module imports what the command needs; only the invoked command can matter, and
    its ``--help`` reads the same. A leading ``--version`` is answered before any command is
    looked up, so it needs none. Otherwise (``--help``, a typo, nothing) every command is listed
    by name and summary without being imported, so that the command list and the did-you-mean
    hint are complete.
    """
    if argv and argv[0] in COMMANDS:
        return build([argv[0]])
    if argv[:1] == ["--version"]:
        return build([])
    return listing()


def main() -> None:
    """Console entry point."""
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 never crashes us
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    install()  # a no-op when coopscore.entry has done it already
    streams.begin()
    speak_from_environment()
    code: int | str | None = 0
    try:
        try:
            narrowed(sys.argv[1:])(prog_name="coopscore")
        finally:
            _flush_stdout()  # what is written is delivered, or the run says it was not
    except Stopped as stop:
        say("interrupted", word("cli_no_partial"))
        code = stop.code
    except SystemExit as done:
        code = done.code
    except BrokenPipeError:  # the reader went away (``| head``): nothing more to say to it
        _quiet_stdout()
        code = EXIT_PIPE
    except OSError as exc:
        if stopping():
            raise
        if not streams.from_output(exc):  # an output's failure is said once, by ``settle``
            say("error", _refused(exc))
        code = EXIT_INPUT
    except MemoryError:  # the memory the process may use ran out: not a fault of ours
        if stopping():
            raise
        with contextlib.suppress(MemoryError):
            say("error", word("cli_out_of_memory"))
        code = EXIT_INPUT
    except Exception as exc:
        if not stopping():
            code = _internal(exc)
        else:
            # a library wrapped the stop in an error of its own (pydantic building a validator)
            say("interrupted", word("cli_no_partial"))
            code = exit_code()
    finally:
        fsio.remove_temporaries()
    if stopping():
        _end_now(code)
    if code is None or isinstance(code, int):
        code = streams.settle(code or 0)
    raise SystemExit(code)


def _flush_stdout() -> None:
    """Flush standard output; a failure of coopscore's own stream is remembered by it."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except OSError as exc:
        if not streams.from_output(exc):
            raise


def _refused(exc: OSError) -> str:
    """An error the system gave (no file descriptor, memory or process left), in our words."""
    # Imported here: only an error needs the words of the readers.
    from coopscore.report.problems import message

    name = f"{fsio.shown(exc.filename)}: " if isinstance(exc.filename, str) else ""
    return word("cli_refused", name=name, reason=message(fsio.reason(exc), spoken()))


def _internal(exc: Exception) -> int:
    """A fault of ours: one line that says so, the traceback only with ``--debug``."""
    if "--debug" in sys.argv[1:]:
        traceback.print_exc()
        hint = ""
    else:
        hint = word("cli_debug_hint")
    say("error", word("cli_internal", error=f"{type(exc).__name__}: {exc}", hint=hint))
    return EXIT_INTERNAL


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that the flush at exit cannot fail too."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _end_now(code: int | str | None) -> None:
    """End a stopped run at once: workers killed, output flushed, no interpreter teardown.

    A worker killed by the same signal in the middle of a reply can leave the process pool's
    manager thread waiting for the rest of it, and the interpreter's exit would wait for that
    thread for ever. Everything worth keeping is already written (reports atomically), so
    the process ends here with its exit code.
    """
    # Imported here: only a stopped run needs it, and it is slow to import.
    import multiprocessing

    children = multiprocessing.active_children()
    for child in children:
        child.kill()
    for child in children:
        child.join(timeout=2)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code if isinstance(code, int) else 1)
