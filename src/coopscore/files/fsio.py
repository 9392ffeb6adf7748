"""Where coopscore touches the file system: reading inputs and writing outputs safely.

Reading: only regular files are read, the size limit is checked before the content is, and a
FIFO or device is refused without being opened for long (no hang, no reading ``/dev/zero``).
Every file read is remembered by identity (device and inode) so that no output of the same run
can replace it, whatever path text names it.

Writing: a regular file (or a new one) is replaced atomically: a reader or a crash sees the old
file or the new one, never a torn one. A new file gets the permissions the user's umask gives;
a replaced one keeps its mode. A symlink to a regular file replaces the file it points to and
keeps the link. A character device or FIFO (``/dev/null``, ``/dev/stdout``, a pipe) is written
plainly, never replaced; a folder, block device or socket is refused. Every byte is written or
the write fails (``streams.Whole``). Every failure is an ``InputError`` with one clear line, and
no temporary file is left behind; a pipe whose reader went away raises ``BrokenPipeError``,
which ends the run quietly (``streams.settle``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from coopscore.errors import InputError
from coopscore.files import streams
from coopscore.files.streams import reason as reason
from coopscore.signals import deferred

Identity = tuple[int, int]

# Seconds a FIFO given as an output may take to get a reader.
READER_WAIT = 5.0

# Temporary files made and not yet renamed over their target or removed.
_pending: set[str] = set()

# Files this process has read: no output of this process may replace them.
_read: set[Identity] = set()

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def shown(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be printed (undecodable bytes shown as ``\\xNN``)."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def kind(mode: int) -> str:
    """``a folder``, ``a FIFO (named pipe)``…, or ``a regular file``."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def identity(st: os.stat_result) -> Identity:
    return (st.st_dev, st.st_ino)


def protect(paths: Iterable[str]) -> frozenset[Identity]:
    """The identities of the files among ``paths`` that exist; the rest are skipped."""
    found: set[Identity] = set()
    for path in paths:
        with contextlib.suppress(OSError, ValueError):
            found.add(identity(os.stat(path)))
    return frozenset(found)


def hand_over() -> frozenset[Identity]:
    """The files this process has read since it last handed them over, then forgotten here:
    a worker tells the process that writes, and writes nothing itself."""
    read = frozenset(_read)
    _read.clear()
    return read


def remember(identities: Iterable[Identity]) -> None:
    """Files another process of this run has read: no output may replace them either."""
    _read.update(identities)


def forget() -> None:
    """Start a new run: files read by an earlier run in this process are no longer inputs."""
    _read.clear()


def _open_problem(file: str, exc: OSError, what: str) -> InputError:
    if exc.errno == errno.ENOENT and _lexists(file):
        return InputError.single(shown(file), f"a symlink to a {what} that does not exist")
    message = "no such file" if exc.errno == errno.ENOENT else f"cannot read the {what}: "
    if exc.errno != errno.ENOENT:
        message += reason(exc)
    else:
        hint = missing_hint(file)
        message += f"; {hint}" if hint else ""
    return InputError.single(shown(file), message)


# Extensions written for one another: a file saved as ``x.yml`` asked for as ``x.yaml``.
_TWINS = {".yaml": (".yml",), ".yml": (".yaml",), ".json": (".jsonl",), ".jsonl": (".json",)}
MAX_LISTED = 10_000  # entries of a folder looked through for a name in another case


def missing_hint(file: str) -> str:
    """What a missing ``file`` was most likely meant to be: the same name with the other YAML
    extension, or in another case, in its folder; a bundled example (``Example:NAME``,
    ``scenarios/NAME.yaml`` run from elsewhere). ``""`` when nothing is near."""
    from coopscore.files import examples  # a missing file only

    path = Path(file)
    head, _, rest = file.partition(":")
    if head.casefold() == examples.PREFIX[:-1] and head != examples.PREFIX[:-1]:
        return f"did you mean {examples.PREFIX + rest!r}? (lower case)"
    for twin in _TWINS.get(path.suffix.lower(), ()):
        other = path.with_suffix(twin)
        if _lexists(str(other)):
            return f"there is {str(other)!r}"
    try:
        with os.scandir(path.parent if str(path.parent) else ".") as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_LISTED:
                    break
                if entry.name != path.name and entry.name.casefold() == path.name.casefold():
                    return f"there is {str(path.with_name(entry.name))!r}"
    except (OSError, ValueError):
        pass
    stem = path.stem if path.suffix.lower() in (".yaml", ".yml") else ""
    if stem in examples.names():
        return f"the bundled example of that name is {examples.PREFIX + stem}"
    return ""


def exists(path: str) -> bool:
    """Whether anything (a file, folder, device, even a dangling symlink) has this name."""
    return _lexists(path)


def _lexists(path: str) -> bool:
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def read_input(file: str, max_bytes: int, what: str = "scenario file") -> bytes:
    """The bytes of one regular file of at most ``max_bytes``; anything else is an InputError.

    The kind and size are checked before anything is read, and once more on the open file, so
    a file swapped in between is caught too.
    """
    try:
        before = os.stat(file)
    except OSError as exc:
        raise _open_problem(file, exc, what) from None
    except ValueError:  # a NUL in the name
        raise InputError.single(shown(file), "the file name contains a NUL character") from None
    _check_readable(file, before, max_bytes, what)
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise _open_problem(file, exc, what) from None
    try:
        st = os.fstat(fd)
        _check_readable(file, st, max_bytes, what)
        _read.add(identity(st))
        chunks: list[bytes] = []
        left = max_bytes + 1  # one byte more tells a file that grew past the limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InputError.single(shown(file), f"cannot read the {what}: {reason(exc)}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _check_readable(file: str, st: os.stat_result, max_bytes: int, what: str) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError.single(shown(file), f"this is a folder; give a {what}")
    if not stat.S_ISREG(st.st_mode):
        raise InputError.single(
            shown(file), f"this is {kind(st.st_mode)}, not a regular file; give a {what}"
        )
    if st.st_size > max_bytes:
        raise InputError.single(
            shown(file),
            f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)",
        )


def _refuse(target: str, message: str) -> InputError:
    return InputError.single(shown(target), f"cannot write here: {message}")


def _target_stat(target: str) -> os.stat_result | None:
    """The file ``target`` names (following symlinks), or None when there is none yet."""
    if target.endswith(("/", os.sep)):
        raise _refuse(target, "the name ends in '/', so it names a folder; give a file name")
    try:
        return os.stat(target)
    except FileNotFoundError:
        if _lexists(target):
            raise _refuse(target, "a symlink to a file that does not exist") from None
        return None
    except OSError as exc:
        raise _refuse(target, reason(exc)) from None
    except ValueError:
        raise _refuse(target, "the file name contains a NUL character") from None


def _classify(target: str, protected: frozenset[Identity]) -> os.stat_result | None:
    st = _target_stat(target)
    if st is None:
        return None
    if identity(st) in protected or identity(st) in _read:
        raise _refuse(target, "this is an input of this run; refusing to write over it")
    if stat.S_ISDIR(st.st_mode):
        raise _refuse(target, "this is a folder; give a file name")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise _refuse(target, f"this is {kind(st.st_mode)}; only files, pipes and terminals")
    return st


def make_folder(folder: str | Path) -> None:
    """Create ``folder`` and the folders above it that are missing: for an output folder that
    the command promises to create (``batch --output-dir``), never for ``-o FILE``."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise InputError.single(
            shown(os.fspath(folder)), f"cannot create the folder: {reason(exc)}"
        ) from None


@contextlib.contextmanager
def atomic_writer(target: str | Path, protected: Iterable[Identity] = ()) -> Iterator[IO[str]]:
    """A text handle for ``target``; on success the text replaces it atomically.

    On any error, including KeyboardInterrupt, the temporary file is removed and ``target`` is
    untouched. ``protected`` holds identities (see ``protect``) that must not be written over,
    beside every file this process has read.
    """
    path = os.fspath(target)
    st = _classify(path, frozenset(protected))
    if st is not None and not stat.S_ISREG(st.st_mode):
        with _plain(path) as handle:
            yield handle
        return
    real = os.path.realpath(path) if st is not None else path
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):  # a mistyped folder is said, never made (make_folder does)
        raise _refuse(path, f"no such folder: {shown(folder)}")
    fd, temp = _temporary(folder, path)
    try:
        try:
            if st is not None:
                _keep_mode(fd, st)
            with streams.text(
                streams.Whole(fd, shown(path)), "utf-8", "backslashreplace"
            ) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            # checked again at the end: a worker may have read the target (a base that a
            # scenario extends) since the writer opened
            _classify(path, frozenset(protected))
            os.replace(temp, real)
        except OSError as exc:
            raise _refuse(path, reason(exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    finally:
        _pending.discard(temp)


def scratch() -> IO[str]:
    """An anonymous temporary text file, for output held back until a batch ends.

    It has no name in any folder (or loses it at once), so it is gone when closed or when the
    process ends, however it ends.
    """
    try:
        return tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
    except OSError as exc:
        folder = shown(tempfile.gettempdir())
        raise InputError.single(folder, f"cannot make a temporary file: {reason(exc)}") from None


def remove_temporaries() -> None:
    """Remove every temporary file this process made and has not yet renamed or removed.

    ``atomic_writer`` removes its own on every way out; this is the last resort for a signal
    that arrives at the very moment one is made, before it is in the writer's hands.
    """
    for temp in list(_pending):
        with contextlib.suppress(OSError):
            os.unlink(temp)
        _pending.discard(temp)


def _temporary(folder: str, target: str) -> tuple[int, str]:
    """A new, short-named file in ``folder``: 0666 less the umask, like any new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
    for _ in range(100):
        temp = os.path.join(folder, f".cs-{os.urandom(4).hex()}.tmp")
        try:
            with deferred():  # made and registered together, or not at all
                fd = os.open(temp, flags, 0o666)
                _pending.add(temp)
            return fd, temp
        except FileExistsError:
            continue
        except OSError as exc:
            message = f"cannot create a file in {shown(folder)} ({reason(exc)})"
            raise _refuse(target, message) from None
    raise _refuse(target, "no free temporary name")  # pragma: no cover


def _keep_mode(fd: int, st: os.stat_result) -> None:
    """A replaced file keeps its permission bits, and its owner where we may set it."""
    os.fchmod(fd, stat.S_IMODE(st.st_mode))
    with contextlib.suppress(OSError):
        if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            os.fchown(fd, st.st_uid, st.st_gid)


@contextlib.contextmanager
def _plain(path: str) -> Iterator[IO[str]]:
    """Write to a device or pipe as it is: never create, truncate or replace the node.

    A FIFO is given a few seconds for a reader to open it, then refused, instead of waiting
    for one for ever; writes then block as usual.
    """
    fd = _open_plain(path)
    os.set_blocking(fd, True)
    try:
        with streams.text(streams.Whole(fd, shown(path))) as handle:
            yield handle
    except BrokenPipeError:  # the reader went away: remembered, and the run ends quietly
        raise
    except OSError as exc:
        raise _refuse(path, reason(exc)) from None


def _open_plain(path: str) -> int:
    flags = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC | os.O_NONBLOCK
    deadline = time.monotonic() + READER_WAIT
    while True:
        try:
            return os.open(path, flags)
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise _refuse(path, reason(exc)) from None
            if time.monotonic() >= deadline:
                message = f"a FIFO that nothing read within {READER_WAIT:g} seconds"
                raise _refuse(path, message) from None
            time.sleep(0.05)


def write_text(target: str | Path, text: str, protected: Iterable[Identity] = ()) -> None:
    with atomic_writer(target, protected) as handle:
        handle.write(text)
