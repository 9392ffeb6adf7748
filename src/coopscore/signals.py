"""Ctrl-C and SIGTERM end a run the same way: cleanly, once, with a clear exit code.

The first signal raises ``Stopped`` where the program is, so every ``finally`` runs: temporary
files are removed, worker processes are ended, reports already written stay. Further signals
while that happens are ignored, so pressing Ctrl-C again cannot interrupt the clean-up with a
traceback. ``Stopped`` is not a ``KeyboardInterrupt``, so no library turns it into another exit
code on the way out.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any


class Stopped(BaseException):
    """The run was asked to stop by a signal; ``code`` is the exit code to end with."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.code = 128 + signum


_stopping = False
_owner = 0  # the process that installed the handlers
_signum: int = signal.SIGINT
_deferring = 0
_caught: int | None = None
_previous_unraisable: Any = sys.unraisablehook  # the hook before ours, for what is not ours


def _handle(signum: int, frame: FrameType | None) -> None:
    global _stopping, _caught, _signum
    if os.getpid() != _owner:  # a process forked from ours, before it set its own handling
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    if _stopping:
        return
    if _deferring:
        _caught = signum
        return
    _stopping, _signum = True, signum
    raise Stopped(signum)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A signal that arrives inside the block stops the run when the block ends, not in it.

    For steps that must not be cut in two, such as making a temporary file and registering
    it for removal.
    """
    global _deferring, _caught, _stopping, _signum
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
        if not _deferring and _caught is not None and not _stopping:
            signum, _caught = _caught, None
            _stopping, _signum = True, signum
            raise Stopped(signum)


def install() -> None:
    """Route SIGINT and SIGTERM through ``Stopped`` for this process (once: again is a no-op)."""
    global _stopping, _caught, _owner, _previous_unraisable
    if _owner == os.getpid():
        return
    _stopping, _caught, _owner = False, None, os.getpid()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            signal.signal(signum, _handle)
    # A signal that lands where Python cannot raise (a finalizer, a library's callback) is
    # reported as "Exception ignored": not for ``Stopped``, which ``check`` raises again.
    if sys.unraisablehook is not _unraisable:
        _previous_unraisable, sys.unraisablehook = sys.unraisablehook, _unraisable
    # Past a file size limit a write must fail with an error that can be reported, not end the
    # process (Python ignores SIGXFSZ at start; this keeps it so, whoever started us).
    if hasattr(signal, "SIGXFSZ"):
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _unraisable(info: Any) -> None:
    """``sys.unraisablehook``: a ``Stopped`` is not shown (the run stops at the next ``check``);
    anything else goes to the hook there was before."""
    if not isinstance(info.exc_value, Stopped):
        _previous_unraisable(info)


def for_worker() -> None:
    """A worker process leaves stopping to its parent: Ctrl-C ignored, SIGTERM ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def stopping() -> bool:
    """Whether a signal has asked this run to stop."""
    return _stopping


def check() -> None:
    """Raise ``Stopped`` again if a signal asked to stop: for loops that must not miss one
    that a library caught and swallowed on its way up."""
    if _stopping:
        raise Stopped(_signum)


def exit_code() -> int:
    """The exit code of a run a signal stopped: 128 + the signal's number."""
    return 128 + _signum
