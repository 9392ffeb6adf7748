"""batch: many scenarios scored; a file that fails is reported and the batch goes on."""

from __future__ import annotations

import contextlib
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from coopscore.cli import sinks
from coopscore.cli.options import (
    DEFAULT_MAX_BYTES,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_THRESHOLD,
    STDOUT,
    BatchFormat,
    Command,
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
    chosen_format,
    fail_input,
    format_option,
    language,
    say,
    show_progress,
    word,
)
from coopscore.cli.steps import breaches, setup
from coopscore.errors import InputError
from coopscore.files import fsio
from coopscore.formats import registry
from coopscore.formats.registry import View
from coopscore.pipeline import batch as batching
from coopscore.report.problems import message
from coopscore.signals import Stopped

if TYPE_CHECKING:
    from rich.progress import Progress


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(batch)


def batch(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Scenario files, folders (their *.yaml/*.yml), globs, or - for paths on stdin.",
            metavar="PATH...",
        ),
    ],
    format: Annotated[BatchFormat | None, format_option("batch")] = None,
    output_dir: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output-dir",
            "-d",
            help="Folder for the reports and their index (--format markdown or html).",
            metavar="DIR",
        ),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="Write table, json, jsonl or csv to FILE (atomically); - for standard output.",
            metavar="FILE",
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
    format = chosen_format(format, output, "batch")
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
        say("error", word("batch_no_files"))
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
                sink = sinks.ReportFolder(Path(output_dir), pages, protected, lang_)
            else:
                out = (
                    sys.stdout
                    if output is None
                    else stack.enter_context(fsio.atomic_writer(output, protected))
                )
                writer = chosen.load().batch(out, shown_as, dimensions, fsio.scratch)
                sink = sinks.Stream(writer)
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
                breaches,
                fail_under=fail_under,
                fail_on=fail_on.value if fail_on else None,
                lang=lang_,
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
                notify=lambda text: say("note", message(text, lang_)),
                extras=chosen.shows,
            )
            # Ended whichever way the loop ends: the workers with it, at once.
            stack.callback(getattr(outcomes, "close", lambda: None))
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
            if progress is not None:
                progress.stop()  # cleared before the ranking or the index is written
            sink.close()
            if isinstance(sink, sinks.ReportFolder):
                failed += len(sink.lost)
                for path, why in sink.failed:  # the index lists them too
                    say("error", f"{path}: {why}")
                index = fsio.shown(str(sink.folder / sink.index_name))
                if sink.index_lost is None:
                    say("note", word("batch_wrote", count=len(sink.rows), index=index))
                else:
                    say("error", sink.index_lost)
                    say("note", word("batch_index_lost", count=len(sink.rows), index=index))
    except InputError as error:
        fail_input(error, debug)
    except (KeyboardInterrupt, Stopped) as stop:
        code = stop.code if isinstance(stop, Stopped) else EXIT_INTERRUPTED
        say("interrupted", word("cli_kept"))
        raise typer.Exit(code) from None
    total = len(files) + len(unlisted)
    if failed:
        say("error", word("batch_failed", failed=failed, total=total))
        raise typer.Exit(EXIT_INPUT)
    if isinstance(sink, sinks.ReportFolder) and sink.index_lost is not None:
        raise typer.Exit(EXIT_INPUT)
    if breached:
        raise typer.Exit(EXIT_THRESHOLD)


def _check_batch_options(format: str, output: str | None, output_dir: str | None) -> None:
    """Options that contradict each other are a usage error that says which to drop."""
    problem = None
    if registry.entry(format).folder:
        if output is not None and output_dir is not None:
            problem = word("batch_drop_output", format=format)
        elif output_dir is None:
            problem = word("batch_needs_dir", format=format)
        elif output_dir == STDOUT:
            problem = word("batch_dir_not_stdout")
    elif output_dir is not None:
        folders = word("cli_or").join(registry.folders())
        problem = word("batch_drop_dir", folders=folders, format=format)
    if problem is not None:
        say("error", problem)
        raise typer.Exit(EXIT_INPUT)


def _progress(quiet: bool, to_file: bool) -> Progress | None:
    if not show_progress(quiet, to_file):
        return None
    # Imported here: rich is loaded only when a terminal shows the bar.
    from rich.progress import Progress

    from coopscore.formats.consoles import console

    # Refreshed by the batch loop, not by a thread: worker processes are forked from this one.
    return Progress(console=console(stderr=True), transient=True, auto_refresh=False)
