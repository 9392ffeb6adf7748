"""Output streams as coopscore writes them: every byte delivered, or an error that says so.

Python's buffered writer can drop the rest of a write that the system took only in part (at a
file size limit, on a full disk) and report success, so every output of coopscore, standard
output and the files ``fsio`` writes alike, sits on ``Whole``: it writes again until every
byte is out and raises on the first error. For the process's own streams (``install``, by the
console entry before anything is written):

- a standard descriptor (0, 1 or 2) that is closed is held on the null device, so that no file
  the run opens takes its number;
- standard output is checked: a write that fails, or any write to a standard output that was
  closed, raises, and the first failure is remembered, so that the run ends with exit code 2
  and one line (``settle``), whoever caught the error on its way up;
- a reader that went away (``| head``), behind standard output or a pipe given to ``-o``, is
  remembered too: the run then ends quietly with ``EXIT_PIPE``, as a shell reports a command
  that SIGPIPE ended;
- standard error is forgiving: messages and the progress bar go out while it takes them and
  are dropped, never raised, once it cannot (closed, full, its reader gone), so that no message
  can end or change a run. Its exit code says what happened.

Light: it imports only what Python loads at start, so that ``--version`` stays quick.
"""

from __future__ import annotations

import errno
import io
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

# A usage, input or output error; and a reader that went away (128 + SIGPIPE, as shells say).
EXIT_OUTPUT = 2
EXIT_PIPE = 141
STDOUT = "standard output"
STDERR = "standard error"

_REASONS = {
    errno.ENOENT: "no such file",
    errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "this is a folder",
    errno.EEXIST: "a file of that name exists",
    errno.EIO: "input/output error",
    errno.EFBIG: "the file is too large (over the file size limit)",
    errno.EBADF: "it is closed",
    errno.EPIPE: "its reader went away",
    errno.EMFILE: "too many open files",
    errno.ENFILE: "too many open files in the system",
    errno.ENOMEM: "out of memory",
    errno.EAGAIN: "the system has no room for another process",
}


def reason(exc: OSError) -> str:
    """What an ``OSError`` means, in the words used everywhere in coopscore."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or type(exc).__name__).lower()


class _State:
    """What became of this process's outputs."""

    failure: OSError | None = None  # standard output's first failure
    reported = False
    reader_gone = False


_state = _State()
_kept: list[object] = []  # the streams replaced by ``install``: never finalized, never flushed


class Whole(io.RawIOBase):
    """A descriptor written to its last byte, or an ``OSError`` naming ``name``.

    A short write is followed by another for the rest; the first error is raised, and raised
    again by every later write, so that a failure cannot be followed by a silent success.
    ``checked`` marks standard output, whose failure decides the exit code (``settle``);
    ``closed_at_start`` one whose descriptor was closed when the process began.
    """

    def __init__(
        self,
        fd: int,
        name: str,
        *,
        closefd: bool = True,
        checked: bool = False,
        closed_at_start: bool = False,
    ) -> None:
        super().__init__()
        self._fd, self.name, self._closefd = fd, name, closefd
        self._checked, self._closed_at_start = checked, closed_at_start
        self._failure: OSError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        if self._closed_at_start:
            return False
        try:
            return os.isatty(self._fd)
        except OSError:
            return False

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        try:
            if self._failure is not None:
                failed = self._failure
                raise type(failed)(failed.errno, failed.strerror)
            if self._closed_at_start:
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            while view:
                try:
                    written = os.write(self._fd, view)
                except BlockingIOError:  # a descriptor another program left non-blocking
                    _wait_writable(self._fd)
                    continue
                if written <= 0:
                    raise OSError(errno.EIO, os.strerror(errno.EIO))
                view = view[written:]
        except OSError as exc:
            self._fail(exc)
            raise
        return total

    def _fail(self, exc: OSError) -> None:
        exc.filename = self.name
        exc.coopscore_output = True  # type: ignore[attr-defined]
        if self._failure is None:
            self._failure = exc
        if exc.errno == errno.EPIPE:
            _state.reader_gone = True
        if self._checked and _state.failure is None:
            _state.failure = exc

    def close(self) -> None:
        if self.closed:
            return
        try:
            super().close()
        finally:
            if self._closefd:
                os.close(self._fd)


class Forgiving(Whole):
    """Standard error: written while it takes what is written, quietly dropped after."""

    def write(self, data: Any) -> int:
        try:
            return super().write(data)
        except OSError:
            return len(memoryview(data).cast("B"))

    def _fail(self, exc: OSError) -> None:
        if self._failure is None:
            self._failure = exc


def _wait_writable(fd: int) -> None:
    import select

    select.select([], [fd], [], 1.0)


def text(raw: Whole, encoding: str = "utf-8", errors: str = "strict", **options: Any) -> TextIO:
    """A text stream over ``raw``, buffered, newlines as written."""
    stream = io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=encoding, errors=errors, newline="", **options
    )
    return stream


def from_output(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure of one of coopscore's outputs (already remembered)."""
    return bool(getattr(exc, "coopscore_output", False))


def _reserve(fd: int) -> bool:
    """Hold a closed standard descriptor on the null device; whether it was closed."""
    try:
        os.fstat(fd)
        return False
    except OSError:
        pass
    try:
        held = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return True
    if held != fd:
        os.dup2(held, fd)
        os.close(held)
    return True


def install() -> None:
    """This process's standard output checked and standard error forgiving (see above)."""
    closed = {fd: _reserve(fd) for fd in (0, 1, 2)}
    out, err = sys.stdout, sys.stderr
    for stream in (out, err):
        if stream is not None:
            try:  # noqa: SIM105 - contextlib is not loaded at start
                stream.flush()
            except (OSError, ValueError):
                pass
            _kept.append(stream)
    stdout = Whole(1, STDOUT, closefd=False, checked=True, closed_at_start=closed[1])
    sys.stdout = text(
        stdout,
        getattr(out, "encoding", None) or "utf-8",
        "backslashreplace",
        line_buffering=stdout.isatty(),
    )
    stderr = Forgiving(2, STDERR, closefd=False, closed_at_start=closed[2])
    sys.stderr = text(
        stderr,
        getattr(err, "encoding", None) or "utf-8",
        "backslashreplace",
        line_buffering=True,
        write_through=True,
    )


def begin() -> None:
    """Start a new run: what became of an earlier run's outputs in this process is forgotten."""
    _state.failure, _state.reported, _state.reader_gone = None, False, False


def settle(code: int) -> int:
    """The exit code once the outputs are accounted for.

    A reader that went away: ``EXIT_PIPE``, quietly. Standard output that failed: one line on
    standard error (once) and ``EXIT_OUTPUT``. Otherwise ``code``.
    """
    if _state.reader_gone:
        return EXIT_PIPE
    failure = _state.failure
    if failure is None:
        return code
    if not _state.reported:
        _state.reported = True
        message(f"error: cannot write to {STDOUT}: {reason(failure)}")
    return EXIT_OUTPUT


def message(line: str) -> None:
    """One line on standard error, if it can take it; never an error."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def undelivered() -> bool:
    """Whether standard output failed or its reader went away in this run."""
    return _state.failure is not None or _state.reader_gone


def release() -> None:
    """Set standard output aside once it has failed, so that nothing tries it again (the
    interpreter's exit would report the failure its own way)."""
    _kept.append(sys.stdout)
    sys.stdout = None


def set_aside() -> None:
    """Keep the standard streams as they are, never to be flushed or closed, before they are
    replaced: in a forked process, what they hold is its parent's to write."""
    _kept.extend((sys.stdout, sys.stderr))
