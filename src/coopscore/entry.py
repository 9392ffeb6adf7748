"""The console entry point: light work first, so that nothing heavy loads before it must.

``--version`` is answered before Typer is imported, and Ctrl-C and SIGTERM are routed through
``signals`` before the command line loads, so that a run stopped while it starts ends as
cleanly as one stopped later.

A command is a short-lived process. Its start-up allocates tens of thousands of long-lived
objects (modules, classes, validators) and almost no reference cycles, so the garbage
collector's passes over them free nothing: ``run`` holds them off. Once the command has
finished, ``main`` flushes the output and ends the process without tearing the interpreter
down object by object, which only frees memory that the system takes back anyway.

This module imports only what Python loads at start or builds in (``gc``, ``atexit``), so
that ``--version`` stays as quick as Python itself.
"""

from __future__ import annotations

import gc
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn

# Objects (allocated less freed) before the collector's first pass: more than a command's
# start-up allocates, so a short command never collects, and a long one still does, every
# this many objects. A batch sets its own (``pipeline.batch.long_run``) and puts this back.
START_THRESHOLD = 100_000

# Pydantic looks up every installed distribution's entry points for plugins the first time it
# builds a validator. coopscore's results must not depend on whatever else is installed beside
# it, so the console entry switches plugins off unless the environment already says otherwise.
PLUGINS_VARIABLE = "PYDANTIC_DISABLE_PLUGINS"
# Its values with which pydantic loads no plugin at all, and the module that looks them up.
PLUGINS_OFF = ("__all__", "1", "true")
PLUGIN_LOADER = "pydantic.plugin._loader"


class CollectorHeldOff:
    """The collector's first threshold raised to ``START_THRESHOLD`` inside the block, and the
    settings restored after it, so that a call from another program gets them back as they
    were."""

    def __enter__(self) -> None:
        self.thresholds = gc.get_threshold()
        gc.set_threshold(START_THRESHOLD, *self.thresholds[1:])

    def __exit__(self, *exc: object) -> None:
        gc.set_threshold(*self.thresholds)


def run() -> int | str | None:
    """Run the command that ``sys.argv`` names; its exit code, as ``SystemExit`` carries it.

    The process goes on afterwards: this is the entry for a call from another program, which
    gets its garbage collector settings back.
    """
    if sys.argv[1:] == ["--version"]:
        from coopscore import __version__

        print(f"coopscore {__version__}")
        return 0
    with CollectorHeldOff():
        from coopscore import signals

        signals.install()
        try:
            from coopscore.cli.app import main as command_line
        except signals.Stopped as stop:  # stopped while the command line was loading
            return stop.code
        try:
            command_line()
        except SystemExit as done:
            return done.code
    return 0


def main() -> NoReturn:
    """The ``coopscore`` console script and ``python -m coopscore``: run, then leave."""
    os.environ.setdefault(PLUGINS_VARIABLE, "__all__")
    skip_plugin_lookup()
    from coopscore.files import streams

    streams.install()  # before anything is written: every byte of output checked
    leave(run())


def skip_plugin_lookup() -> None:
    """With plugins off, answer pydantic's plugin lookup without importing ``importlib.metadata``.

    The first validator pydantic builds imports its plugin loader, which imports
    ``importlib.metadata`` (and ``email``, ``zipfile``, ``csv`` with it) at its top: about a
    tenth of a command's start-up, spent to learn that there is no plugin to load when
    ``PLUGINS_VARIABLE`` says so. Then a stand-in takes the loader's place and gives the
    loader's answer for that setting, no plugin. Should the setting change later in the
    process, or anything else of the loader be asked for, pydantic's own loader is imported
    and answers from then on.
    """
    if os.environ.get(PLUGINS_VARIABLE) not in PLUGINS_OFF or PLUGIN_LOADER in sys.modules:
        return
    stand_in = type(sys)(PLUGIN_LOADER)
    stand_in.__dict__.update(get_plugins=_no_plugins, __getattr__=_from_real_loader)
    sys.modules[PLUGIN_LOADER] = stand_in


def _no_plugins() -> object:
    """The stand-in's ``get_plugins``: none while plugins are off, else the loader's answer."""
    if os.environ.get(PLUGINS_VARIABLE) in PLUGINS_OFF:
        return ()
    get_plugins: Callable[[], object] = _from_real_loader("get_plugins")
    return get_plugins()


def _from_real_loader(name: str) -> Any:
    """Whatever else is asked of the stand-in comes from pydantic's own loader (but the
    module attributes the import system looks for, such as ``__path__``)."""
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_real_loader(), name)


def _real_loader() -> object:
    """Pydantic's plugin loader, imported in the stand-in's place."""
    import importlib

    if getattr(sys.modules.get(PLUGIN_LOADER), "get_plugins", None) is _no_plugins:
        del sys.modules[PLUGIN_LOADER]
    return importlib.import_module(PLUGIN_LOADER)


def leave(code: int | str | None) -> NoReturn:
    """End the process with ``code`` once what it wrote is out, without interpreter teardown.

    What the interpreter's own exit does that matters is done here first: the ``atexit``
    callbacks run, and standard output and error are flushed. Output that could not be
    delivered decides the code (``streams.settle``): one line and exit code 2, or a quiet 141
    when the reader went away; the interpreter never gets to report it its own way. Where
    ending here is not safe, the interpreter's own exit is taken instead: while another thread
    runs (that exit waits for it), and for an exit code that is not a number (that exit prints
    it). A signal that stops the run on the way out ends it at once with the signal's code.
    """
    import atexit

    from coopscore.files import streams

    signals = sys.modules.get("coopscore.signals")
    stopped: tuple[type[BaseException], ...] = (signals.Stopped,) if signals else ()
    try:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            _flush(stream)
        if code is None or isinstance(code, int):
            code = streams.settle(code or 0)
        if streams.undelivered():
            streams.release()
        threading = sys.modules.get("threading")
        if not isinstance(code, int) or (threading is not None and threading.active_count() > 1):
            raise SystemExit(code)
    except stopped as stop:  # a signal on the way out: nothing is left to clean up
        os._exit(getattr(stop, "code", 1))
    os._exit(code & 0xFF)


def _flush(stream: object) -> None:
    """Flush a standard stream; a failure is remembered by the stream (``streams.Whole``)."""
    flush = getattr(stream, "flush", None)
    if flush is None or getattr(stream, "closed", False):
        return
    try:  # noqa: SIM105 - contextlib is not loaded at start
        flush()
    except (OSError, ValueError):
        pass
