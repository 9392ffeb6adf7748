"""The command line. Heavy modules are imported inside commands so that start-up stays quick."""

from __future__ import annotations

import copy
import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from coopscore import __version__
from coopscore.cli.options import (
    DEFAULT_MAX_BYTES,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_THRESHOLD,
    FORMAT_FLAGS,
    STDOUT,
    AssessFormat,
    BatchFormat,
    DebugArg,
    FailOn,
    FailUnder,
    IgnoreArg,
    LangArg,
    LangOption,
    MaxBytes,
    NoWaivers,
    RubricArg,
    SelectArg,
    assess_file,
    breaches,
    emit,
    fail_input,
    language,
    say,
    setup,
    view,
)
from coopscore.formats import registry
from coopscore.formats.registry import View

if TYPE_CHECKING:
    from rich.progress import Progress


app = typer.Typer(
    name="coopscore",
    help="Score a city cluster's cross-provincial cooperation against the Yangtze River Delta's "
    "integration experience, and show every gap with its evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"coopscore {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """coopscore: rubric-based assessment of city-cluster cooperation."""
    from coopscore.files import fsio

    fsio.forget()  # each command is one run, with its own inputs


@app.command()
def assess(
    file: Annotated[str, typer.Argument(help="Scenario YAML file.", metavar="FILE")],
    format: Annotated[AssessFormat, typer.Option(*FORMAT_FLAGS, help="Output format.")] = "table",
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of stdout; - for stdout.",
        ),
    ] = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    select: SelectArg = None,
    ignore: IgnoreArg = None,
    fail_under: FailUnder = None,
    fail_on: FailOn = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    no_waivers: NoWaivers = False,
    debug: DebugArg = False,
) -> None:
    """Score one scenario on the eight dimensions and list every gap with its evidence."""
    from coopscore.core.selection import apply
    from coopscore.formats.notes import selection_note

    loaded_rubric, selection = setup(rubric, select, ignore, debug)
    scored = assess_file(file, loaded_rubric, not no_waivers, debug, max_bytes)
    result = apply(scored, selection)
    lang_ = language(lang)
    text = registry.load(format, "assessment").assessment(result, view(format, lang_, output))
    emit(text, output, debug)
    note = selection_note(result)
    if note and not registry.entry(format).draws:
        say("note", note)
    reasons = breaches(result, fail_under, fail_on.value if fail_on else None)
    for reason in reasons:
        say("fail", reason)
    if reasons:
        raise typer.Exit(EXIT_THRESHOLD)


@app.command()
def batch(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Scenario files, folders (their *.yaml/*.yml), globs, or - for paths on stdin.",
            metavar="PATH...",
        ),
    ],
    format: Annotated[BatchFormat, typer.Option(*FORMAT_FLAGS, help="Output format.")] = "table",
    output_dir: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output-dir", "-d", help="Folder for the reports and their index (--format markdown)."
        ),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="Write table/json/jsonl/csv to this file (atomically); - for stdout.",
        ),
    ] = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    select: SelectArg = None,
    ignore: IgnoreArg = None,
    fail_under: FailUnder = None,
    fail_on: FailOn = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    no_waivers: NoWaivers = False,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Score in N processes (default: the number of CPUs); the output keeps the "
            "input order.",
        ),
    ] = None,
    debug: DebugArg = False,
) -> None:
    """Score many scenarios; a file that fails is reported and the batch goes on."""
    import contextlib
    import time
    from functools import partial
    from pathlib import Path

    from coopscore.cli import sinks
    from coopscore.errors import InputError
    from coopscore.files import fsio
    from coopscore.pipeline import batch as batching
    from coopscore.signals import Stopped

    _check_batch_options(format, output, output_dir)
    if output == STDOUT:
        output = None
    loaded_rubric, selection = setup(rubric, select, ignore, debug)
    unlisted: list[batching.Failed] = []
    try:
        files = batching.expand(paths, sys.stdin, unlisted)
    except InputError as error:
        fail_input(error, debug)
    if not files and not unlisted:
        print("error: no scenario files found in the paths given", file=sys.stderr)
        raise typer.Exit(EXIT_INPUT)
    lang_ = language(lang)
    failed, breached = len(unlisted), 0
    protected = fsio.protect(files)  # once: every write is checked against it by identity
    dimensions = [d.id for d in loaded_rubric.dimensions]  # columns come from the rubric

    try:  # around the stack too: closing the output file can fail as well (a full disk)
        with contextlib.ExitStack() as stack:
            chosen = registry.entry(format)
            shown_as = View(lang_)
            sink: sinks.Sink
            if chosen.folder:
                assert output_dir is not None  # checked above
                pages = chosen.load().pages(shown_as, dimensions)
                sink = sinks.ReportFolder(Path(output_dir), pages, protected)
            else:
                out = (
                    sys.stdout
                    if output is None
                    else stack.enter_context(fsio.atomic_writer(output, protected))
                )
                sink = sinks.Stream(chosen.load().batch(out, shown_as, dimensions))
            for failure in unlisted:
                sink.add(failure)
            progress = _progress(quiet, to_file=output is not None or output_dir is not None)
            task = None
            if progress is not None:
                stack.enter_context(progress)
                task = progress.add_task("scoring", total=len(files))
            stack.enter_context(batching.long_run())
            # Rendering and threshold checks run where each file is scored, in the workers.
            check = partial(
                breaches, fail_under=fail_under, fail_on=fail_on.value if fail_on else None
            )
            outcomes = batching.score_each(
                files,
                loaded_rubric,
                selection,
                max_bytes,
                jobs=jobs or batching.default_jobs(),
                rubric_file=rubric,
                waivers=not no_waivers,
                prepare=sinks.Preparer(sink.render, check),
                debug=debug,
            )
            shown = time.monotonic()
            for outcome in outcomes:
                if isinstance(outcome, batching.Failed):
                    failed += 1
                else:
                    breached += bool(outcome.reasons)
                    for reason in outcome.reasons:
                        say("fail", reason)
                sink.add(outcome)
                if progress is not None and task is not None:
                    progress.advance(task)
                    if time.monotonic() - shown > 0.1:
                        progress.refresh()
                        shown = time.monotonic()
            sink.close()
            if isinstance(sink, sinks.ReportFolder):
                failed += len(sink.lost)
                for path, why in sink.failed:  # the index lists them too
                    say("error", f"{path}: {why}")
    except InputError as error:
        fail_input(error, debug)
    except (KeyboardInterrupt, Stopped) as stop:
        code = stop.code if isinstance(stop, Stopped) else EXIT_INTERRUPTED
        print("interrupted: reports already written are kept", file=sys.stderr)
        raise typer.Exit(code) from None
    total = len(files) + len(unlisted)
    if failed:
        say("error", f"{failed} of {total} file(s) could not be scored")
        raise typer.Exit(EXIT_INPUT)
    if breached:
        raise typer.Exit(EXIT_THRESHOLD)


def _check_batch_options(format: str, output: str | None, output_dir: str | None) -> None:
    """Options that contradict each other are a usage error that says which to drop."""
    problem = None
    if registry.entry(format).folder:
        if output is not None and output_dir is not None:
            problem = f"drop -o/--output: --format {format} writes its reports into --output-dir"
        elif output_dir is None:
            problem = f"--format {format} writes one report per file: give --output-dir DIR"
        elif output_dir == STDOUT:
            problem = "--output-dir needs a folder; '-' (standard output) is only for -o"
    elif output_dir is not None:
        problem = (
            f"drop -d/--output-dir: it is for --format {' or '.join(registry.folders())}; "
            f"--format {format} "
            "writes to standard output or to -o FILE"
        )
    if problem is not None:
        say("error", problem)
        raise typer.Exit(EXIT_INPUT)


def show_progress(quiet: bool, to_file: bool) -> bool:
    """Only for a person at a terminal: not with --quiet, not when the results are piped."""
    return not quiet and sys.stderr.isatty() and (to_file or sys.stdout.isatty())


def _progress(quiet: bool, to_file: bool) -> Progress | None:
    if not show_progress(quiet, to_file):
        return None
    from rich.console import Console
    from rich.progress import Progress

    # Refreshed by the batch loop, not by a thread: worker processes are forked from this one.
    return Progress(console=Console(stderr=True), transient=True, auto_refresh=False)


def _register() -> None:
    from coopscore.cli.commands import register

    register(app)


_register()


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


def narrowed(typer_app: typer.Typer, argv: list[str]) -> typer.Typer:
    """The app with only the command that ``argv`` invokes, when it starts with one.

    Typer builds the options of every registered command before it parses anything, and that
    costs more than running most commands. Only the invoked command's options can matter, and
    its ``--help`` reads the same. When the line does not start with a known command name
    (``--help``, ``--version``, a typo) the whole app is kept, so that the command list and the
    did-you-mean hint are complete.
    """
    names = command_names(typer_app)
    if not argv or argv[0] not in names:
        return typer_app
    keep = names[argv[0]]
    only = copy.copy(typer_app)
    only.registered_commands = [c for c in typer_app.registered_commands if c is keep]
    only.registered_groups = [g for g in typer_app.registered_groups if g is keep]
    return only


def main() -> None:
    """Console entry point."""
    from coopscore.signals import Stopped, exit_code, install, stopping

    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 never crashes us
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    install()  # a no-op when coopscore.entry has done it already
    code: int | str | None = 0
    try:
        narrowed(app, sys.argv[1:])(prog_name="coopscore")
    except Stopped as stop:
        print("interrupted: no partial file is left", file=sys.stderr)
        code = stop.code
    except SystemExit as done:
        code = done.code
    except Exception:
        if not stopping():
            raise
        # a library wrapped the stop in an error of its own (pydantic building a validator)
        print("interrupted: no partial file is left", file=sys.stderr)
        code = exit_code()
    finally:
        from coopscore.files import fsio

        fsio.remove_temporaries()
    if stopping():
        _end_now(code)
    raise SystemExit(code)


def _end_now(code: int | str | None) -> None:
    """End a stopped run at once: workers killed, output flushed, no interpreter teardown.

    A worker killed by the same signal in the middle of a reply can leave the process pool's
    manager thread waiting for the rest of it, and the interpreter's exit would wait for that
    thread for ever. Everything worth keeping is already written (reports atomically), so
    the process ends here with its exit code.
    """
    import contextlib
    import multiprocessing
    import os

    children = multiprocessing.active_children()
    for child in children:
        child.kill()
    for child in children:
        child.join(timeout=2)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code if isinstance(code, int) else 1)
