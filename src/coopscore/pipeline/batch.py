"""Batch scoring: expand the paths a user gives, score each file, and report each outcome.

Scenarios are scored one at a time and handed on at once, so that streaming formats keep memory
flat however many files there are. A file that cannot be read or validated becomes a ``Failed``
outcome and the batch goes on.

With ``jobs`` above 1, files are scored in that many worker processes, in chunks, and the
outcomes still come back in input order. Each worker has the rubric loaded once (inherited from
this process where processes fork, loaded from ``rubric_file`` where they start afresh). Only a
bounded number of chunks is in flight, so memory stays flat however many files there are. A
``prepare`` step, run in the worker, turns each scored file into what the caller keeps of it (a
JSON line, a CSV row), so that little has to travel back. Whole outcomes can travel too: the
rubric's parts in them are sent as references to the copy each process already holds. A worker
that dies or cannot start never stops the batch (see "Worker processes" below).
"""

from __future__ import annotations

import contextlib
import gc
import glob
import io
import os
import pickle
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TextIO, overload

from coopscore import signals
from coopscore.errors import InputError, Problem
from coopscore.files import examples, fsio
from coopscore.files.fsio import reason, shown
from coopscore.pipeline import scoring as pipeline
from coopscore.pipeline.scoring import Failed, Outcome, Scored, internal_error

__all__ = ["Failed", "Outcome", "Prepared", "Scored", "Settings", "expand", "score_each"]
from coopscore.core.assessment import EXTRAS, Extra
from coopscore.core.selection import Selection
from coopscore.model.rubric import Rubric
from coopscore.model.scenario import Scenario
from coopscore.model.yamlload import MAX_BYTES

SUFFIXES = (".yaml", ".yml")
GLOB_CHARS = frozenset("*?[")
# Files per task sent to a worker, at most; and chunks in flight per worker.
CHUNK = 16
IN_FLIGHT = 4
# Bytes of the path list read from standard input (``-``), at most.
MAX_LIST_BYTES = 64 * 1024 * 1024
# Worker processes at most, whatever --jobs asks for.
MAX_JOBS = 32
# Forking inherits the loaded rubric and imported modules; where forking is unsafe (macOS) or
# missing (Windows), workers start afresh and load the rubric themselves.
START_METHOD: str | None = "fork" if sys.platform == "linux" else None


class Prepared(NamedTuple):
    """A scored file as the caller keeps it, made in the process that scored it.

    ``output`` is what the caller writes or keeps (a JSON line, a CSV row, a summary row, a
    report); ``reasons`` are the thresholds the scenario breaches.
    """

    path: str
    output: Any
    reasons: tuple[str, ...] = ()


Prepare = Callable[[Scored], Prepared]


def for_long_runs() -> None:
    """Set this process's garbage collector up for scoring many files, for good.

    Scoring allocates many short-lived objects without reference cycles, so the collector's
    frequent young-generation passes find nothing to free. They are made rarer, and everything
    loaded so far (modules, the rubric) is moved out of the collector's sight. For a worker
    process, which exists only to score; a batch run in a longer-lived process uses
    ``long_run``, which puts everything back.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


@contextlib.contextmanager
def long_run() -> Iterator[None]:
    """``for_long_runs`` for the length of the block; workers forked inside inherit it."""
    thresholds = gc.get_threshold()
    for_long_runs()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def expand(
    arguments: Sequence[str], stdin: TextIO | None = None, failures: list[Failed] | None = None
) -> list[str]:
    """Files as given, folders' ``*.yaml``/``*.yml`` (sorted), globs (sorted), ``-`` from stdin.

    A path that exists nowhere is kept: scoring it yields a clear "no such file" failure. A
    folder that cannot be listed is added to ``failures`` when given, else an ``InputError``.
    """
    found: list[str] = []
    for argument in arguments:
        if argument.startswith(examples.PREFIX):
            try:
                found.append(examples.resolve(argument))
            except InputError:
                found.append(argument)  # scored as a failure that names it
            continue
        if argument == "-":
            found.extend(_listed(stdin))
            continue
        try:
            found.extend(_argument(argument))
        except OSError as exc:
            problem = Problem(shown(argument), f"cannot list this folder: {reason(exc)}")
            if failures is None:
                raise InputError([problem]) from None
            failures.append(Failed(argument, (problem,)))
    seen: set[str] = set()
    unique = []
    for item in found:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def _listed(stdin: TextIO | None) -> list[str]:
    """Paths one per line; ``#`` starts a comment line. Undecodable bytes stay as they are.

    The list is read up to ``MAX_LIST_BYTES``, and a NUL byte ends it as an error at once, so
    that ``- < /dev/zero`` or an endless stream cannot fill the memory.
    """
    if stdin is None:
        return []
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:
        text = stdin.read(MAX_LIST_BYTES + 1)
        raw = text.encode("utf-8", "surrogateescape")
    else:
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_LIST_BYTES:
            chunk = buffer.read1(1 << 16) if hasattr(buffer, "read1") else buffer.read(1 << 16)
            if not chunk or b"\0" in chunk:
                chunks.append(chunk)
                break
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    if b"\0" in raw:
        raise InputError.single("-", "standard input holds a NUL byte; give one path per line")
    if len(raw) > MAX_LIST_BYTES:
        message = f"the list of paths on standard input is over {MAX_LIST_BYTES:,} bytes"
        raise InputError.single("-", message)
    text = raw.decode("utf-8", "surrogateescape")
    return [line.strip() for line in text.splitlines() if line.strip() and line[:1] != "#"]


def _argument(argument: str) -> list[str]:
    """One path argument: a folder's scenarios, a glob's matches, or the path itself."""
    try:
        is_dir, exists = os.path.isdir(argument), os.path.lexists(argument)
    except ValueError:  # a NUL in the name: reading it says so
        return [argument]
    if is_dir:
        return _folder(Path(argument))
    if not exists and GLOB_CHARS & set(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        return [m for m in matches if os.path.isfile(m)] if matches else [argument]
    return [argument]


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Folders are skipped; anything else named like a scenario (a dangling symlink, a FIFO)
    is listed, so that scoring names it as a failure with its reason."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _folder(path: Path) -> list[str]:
    """A folder's ``*.yaml``/``*.yml`` files, sorted as paths sort, named as pathlib names them.

    No path object is made per file, and the names are sorted in place: in a folder of many
    thousands of files this is most of what the batch keeps in memory besides the rubric.
    """
    prefix = str(path)
    with os.scandir(path) as entries:
        files = [
            entry.name if prefix == "." else os.path.join(prefix, entry.name)
            for entry in entries
            if _suffix(entry.name).lower() in SUFFIXES and not _is_folder(entry)
        ]
    files.sort(key=os.path.normcase)
    return files


class Settings(NamedTuple):
    """How every file of one batch is scored, the same in every process."""

    selection: Selection
    max_bytes: int = MAX_BYTES
    prepare: Prepare | None = None
    waivers: bool = True
    debug: bool = False
    extras: frozenset[Extra] = EXTRAS  # what the reader shows beyond the results


@overload
def score_each(
    paths: Iterable[str],
    rubric: Rubric,
    selection: Selection,
    max_bytes: int = ...,
    *,
    jobs: int = ...,
    rubric_file: str | None = ...,
    waivers: bool = ...,
    prepare: None = ...,
    debug: bool = ...,
    notify: Callable[[str], None] | None = ...,
    extras: frozenset[Extra] = ...,
) -> Iterator[Outcome]: ...


@overload
def score_each(
    paths: Iterable[str],
    rubric: Rubric,
    selection: Selection,
    max_bytes: int = ...,
    *,
    jobs: int = ...,
    rubric_file: str | None = ...,
    waivers: bool = ...,
    prepare: Prepare,
    debug: bool = ...,
    notify: Callable[[str], None] | None = ...,
    extras: frozenset[Extra] = ...,
) -> Iterator[Prepared | Failed]: ...


def score_each(
    paths: Iterable[str],
    rubric: Rubric,
    selection: Selection,
    max_bytes: int = MAX_BYTES,
    *,
    jobs: int = 1,
    rubric_file: str | None = None,
    waivers: bool = True,
    prepare: Prepare | None = None,
    debug: bool = False,
    notify: Callable[[str], None] | None = None,
    extras: frozenset[Extra] = EXTRAS,
) -> Iterator[Scored | Prepared | Failed]:
    """Score every path, in order; failures are outcomes, not exceptions.

    ``jobs`` above 1 scores in that many processes (at most ``max_jobs()`` and one per file);
    ``rubric_file`` is where ``rubric`` was read from (``None``: the bundled one), for workers
    that cannot inherit it. With ``prepare``, each scored file is yielded as what ``prepare``
    makes of it; it must be picklable when ``jobs`` is above 1. ``debug`` prints the traceback
    of an internal error. ``notify`` is told, in a sentence, when the workers cannot be used
    and the files are scored in this process instead. ``extras`` are the parts of an assessment
    beyond its results that the reader shows (``pipeline.scoring.score``).
    """
    settings = Settings(selection, max_bytes, prepare, waivers, debug, extras)
    if jobs > 1:
        files = list(paths)
        if len(files) > 1:
            return _in_workers(files, rubric, settings, min(jobs, max_jobs()), rubric_file, notify)
        paths = files
    return _in_process(paths, rubric, settings)


def max_jobs() -> int:
    """More processes than CPUs only add memory and start-up: at most two per CPU, and 32."""
    return max(1, min(2 * default_jobs(), MAX_JOBS))


def _score(path: str, rubric: Rubric, settings: Settings) -> Scored | Prepared | Failed:
    """One file's outcome, made into what the caller keeps; a fault in that is its own too."""
    outcome = pipeline.score(
        path,
        rubric,
        settings.selection,
        max_bytes=settings.max_bytes,
        waivers=settings.waivers,
        debug=settings.debug,
        extras=settings.extras,
    )
    if isinstance(outcome, Failed) or settings.prepare is None:
        return outcome
    try:
        return settings.prepare(outcome)
    except Exception as exc:  # a bug of ours in rendering: this file fails, the batch goes on
        return Failed(path, (Problem(shown(path), internal_error(exc, settings.debug)),))


def _in_process(
    paths: Iterable[str], rubric: Rubric, settings: Settings
) -> Iterator[Scored | Prepared | Failed]:
    for path in paths:
        signals.check()
        yield _score(path, rubric, settings)


def _shared(rubric: Rubric) -> list[Any]:
    """The rubric's models and containers, in an order every process that loads it agrees on."""
    from pydantic import BaseModel

    found: list[Any] = []
    seen: set[int] = set()
    stack: list[Any] = [rubric.spec]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        if isinstance(item, BaseModel):
            children: Iterable[Any] = item.__dict__.values()
        elif isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        seen.add(id(item))
        found.append(item)
        stack.extend(reversed(list(children)))
    return found


class _Pickler(pickle.Pickler):
    """Pickles the rubric's parts as references to the receiving process's own copy."""

    def __init__(self, file: io.BytesIO, shared: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: Any) -> int | None:
        return self.shared.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, shared: list[Any]) -> None:
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, pid: Any) -> Any:
        return self.shared[pid]


# Worker processes -----------------------------------------------------------------------
#
# Each worker is a process of its own with a pipe of its own, so that this process always knows
# which files each one holds. It is sent the paths of a chunk and replies once per file, so that
# when a worker dies (killed, out of memory, a crash) the file it was scoring is known: that
# file alone fails, with the reason, and the files it had not begun go to another worker. A
# worker that dies once it has started is replaced; one that cannot start is not, and when
# none is left the rest is scored in this process. This process runs no thread: it waits on
# the pipes and the processes' ends together, a fifth of a second at a time, so that a stop is
# never missed and nothing can be left waiting for a reply that will not come.

# Seconds a worker may take to start (to load the rubric) before it counts as one that could not.
START_WAIT = 60.0
# A chunk sent to a worker that is still busy with the one before must fit in the pipe, so that
# the send cannot wait on a worker that is itself waiting to send its reply.
SMALL = 16 * 1024


class _Worker(NamedTuple):
    """What a worker process holds for the whole batch."""

    rubric: Rubric
    settings: Settings
    shared: dict[int, int]


# The rubric a worker inherits when processes fork; the parent's ends of the workers' pipes,
# which a forked worker closes (so that only the parent holds them); a worker's state.
_inherited: Rubric | None = None
_parent_ends: list[Any] = []
_worker: _Worker | None = None


def _dumps(message: object, shared: dict[int, int] | None = None) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, shared or {}).dump(message)
    return buffer.getvalue()


def _run_worker(conn: Any, rubric_file: str | None, digest: str, settings: Settings) -> None:
    """A worker process: start, say so, then score each path it is sent, one reply per file,
    until its pipe closes. It never returns: it ends with ``os._exit``, so that nothing this
    process inherited (a buffer of standard output) is written twice."""
    code = 0
    try:
        for end in _parent_ends:
            with contextlib.suppress(OSError):
                end.close()
        _fresh_std_streams()
        worker = _start_worker(rubric_file, digest, settings)
        conn.send_bytes(_dumps(("ready", worker.rubric.digest)))
        fsio.hand_over()  # what the parent read itself, it knows
        while True:
            try:
                paths = pickle.loads(conn.recv_bytes())
            except EOFError:  # the batch is over, or the parent is gone
                break
            for path in paths:
                outcome = _score(path, worker.rubric, worker.settings)
                # the files read (a scenario and the bases it extends) go back too: the parent
                # must never write over one of them
                read = fsio.hand_over()
                conn.send_bytes(_dumps(("scored", (outcome, read)), worker.shared))
    except BaseException as exc:  # a fault here ends this worker: the parent says why
        code = 1
        with contextlib.suppress(BaseException):
            conn.send_bytes(_dumps(("fault", f"{type(exc).__name__}: {exc}")))
    finally:
        os._exit(code)


def _fresh_std_streams() -> None:
    """Standard output and error of this worker's own, unbuffered where it matters: what the
    parent had buffered when it forked is its to write, never this process's."""
    from coopscore.files import streams

    streams.set_aside()
    sys.stdout = streams.text(streams.Whole(1, streams.STDOUT, closefd=False))
    sys.stderr = streams.text(
        streams.Forgiving(2, streams.STDERR, closefd=False),
        line_buffering=True,
        write_through=True,
    )


def _start_worker(rubric_file: str | None, digest: str, settings: Settings) -> _Worker:
    """Load the rubric once per worker. Stopping is the parent's to decide: it ends the pool."""
    from coopscore.pipeline.inputs import read_rubric

    signals.for_worker()
    rubric = _inherited
    if rubric is None or rubric.digest != digest:
        rubric = read_rubric(rubric_file)
        for_long_runs()
    shared = {id(item): n for n, item in enumerate(_shared(rubric))}
    global _worker
    _worker = _Worker(rubric, settings, shared)
    return _worker


def _how(exitcode: int | None) -> str:
    """How a worker process ended, in words: ``signal 9, SIGKILL`` or ``exit code 3``."""
    import signal

    if exitcode is None:
        return "it stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
        return f"signal {-exitcode}, {name}"
    return f"exit code {exitcode}"


class _Process:
    """One worker process, its pipe, and the files it holds (sent, not yet answered)."""

    def __init__(self, process: Any, conn: Any) -> None:
        self.process, self.conn = process, conn
        self.ready = False
        self.held: deque[int] = deque()
        self.fault: str | None = None
        self.started = time.monotonic()

    def end(self) -> str:
        """End the process (it may have ended already); how it ended."""
        with contextlib.suppress(OSError):
            self.conn.close()
        self.process.join(timeout=1)
        if self.process.exitcode is None:
            with contextlib.suppress(OSError):
                self.process.kill()
            self.process.join(timeout=2)
        how = self.fault or _how(self.process.exitcode)
        with contextlib.suppress(ValueError, OSError):
            self.process.close()
        return how


class _Pool:
    """Worker processes scoring ``paths`` (see the note above); ``outcomes`` yields in order."""

    def __init__(
        self,
        paths: list[str],
        rubric: Rubric,
        settings: Settings,
        rubric_file: str | None,
        notify: Callable[[str], None] | None,
    ) -> None:
        import multiprocessing

        self.paths, self.rubric, self.settings = paths, rubric, settings
        self.rubric_file, self.notify = rubric_file, notify
        self.context: Any = multiprocessing.get_context(START_METHOD)
        self.shared = _shared(rubric)
        self.workers: list[_Process] = []
        self.results: dict[int, Any] = {}
        self.retry: list[int] = []  # files a dead worker held and had not begun
        self.cursor = 0  # the next file never sent
        self.why_not: str | None = None  # why a worker could not start

    def start(self) -> None:
        """One more worker; when it cannot start, why is kept and the pool goes on without it."""
        # Flushed before the fork, as the fork would: a failure here is the output's to report
        # (a full disk, a reader gone), never a worker's.
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        try:
            with signals.deferred():  # started and recorded together, or not at all
                ours, theirs = self.context.Pipe()
                try:
                    process = self.context.Process(
                        target=_run_worker,
                        args=(theirs, self.rubric_file, self.rubric.digest, self.settings),
                        daemon=True,
                    )
                    _parent_ends.append(ours)
                    process.start()
                except BaseException:
                    _parent_ends.remove(ours)
                    ours.close()
                    raise
                finally:
                    theirs.close()
                self.workers.append(_Process(process, ours))
        # no descriptor, memory or process; or, short of memory, a module of multiprocessing
        # that the system could not map in (ImportError)
        except (OSError, MemoryError, RuntimeError, ImportError) as exc:
            self.why_not = reason(exc) if isinstance(exc, OSError) else type(exc).__name__

    def outcomes(self, jobs: int) -> Iterator[Scored | Prepared | Failed]:
        count = len(self.paths)
        size = max(1, min(CHUNK, count // (jobs * 8)))
        window = jobs * IN_FLIGHT * size  # files sent or scored but not yet handed on, at most
        for _ in range(jobs):
            self.start()
        done = 0
        while done < count:
            signals.check()
            if not self.workers:
                yield from self._here(done)
                return
            self._send(size, done + window)
            self._receive()
            while done in self.results:
                yield self.results.pop(done)
                done += 1

    def _here(self, done: int) -> Iterator[Scored | Prepared | Failed]:
        """No worker left: the rest is scored in this process."""
        if self.notify is not None:
            why = f" ({self.why_not})" if self.why_not else ""
            self.notify(f"scoring in this process: no worker process could be started{why}")
        for index in range(done, len(self.paths)):
            signals.check()
            found = self.results.pop(index, None)
            if found is None:
                found = _score(self.paths[index], self.rubric, self.settings)
            yield found

    def _send(self, size: int, limit: int) -> None:
        for worker in list(self.workers):
            if not worker.ready or len(worker.held) >= 2 * size:
                continue
            chunk = self._next(size, limit)
            if not chunk:
                return
            data = pickle.dumps([self.paths[i] for i in chunk], pickle.HIGHEST_PROTOCOL)
            if worker.held and len(data) > SMALL:  # sent once the worker has answered
                self.retry.extend(chunk)
                continue
            try:
                worker.conn.send_bytes(data)
            except OSError:
                self.retry.extend(chunk)
                self._lose(worker)
                continue
            worker.held.extend(chunk)

    def _next(self, size: int, limit: int) -> list[int]:
        """Up to ``size`` files to send: those a dead worker left first, then new ones."""
        self.retry.sort()
        chunk, self.retry = self.retry[:size], self.retry[size:]
        while len(chunk) < size and self.cursor < min(limit, len(self.paths)):
            chunk.append(self.cursor)
            self.cursor += 1
        return chunk

    def _receive(self) -> None:
        from multiprocessing.connection import wait

        by_conn = {w.conn: w for w in self.workers}
        by_sentinel = {w.process.sentinel: w for w in self.workers}
        for ready in wait([*by_conn, *by_sentinel], timeout=0.2):
            worker = by_conn.get(ready) or by_sentinel.get(ready)
            if worker is None or worker not in self.workers:
                continue
            try:
                while worker.conn.poll():
                    self._take(worker, worker.conn.recv_bytes())
            except (EOFError, OSError):
                self._lose(worker)
                continue
            if ready is worker.process.sentinel or worker.fault is not None:
                self._lose(worker)
        now = time.monotonic()
        for worker in list(self.workers):
            if not worker.ready and now - worker.started > START_WAIT:
                worker.fault = f"it did not start within {START_WAIT:g} seconds"
                self._lose(worker)

    def _take(self, worker: _Process, data: bytes) -> None:
        kind, payload = _Unpickler(io.BytesIO(data), self.shared).load()
        if kind == "ready":
            if payload != self.rubric.digest:
                raise InputError.single(
                    self.rubric.file, "the rubric changed while the batch ran; run it again"
                )
            worker.ready = True
        elif kind == "scored":
            outcome, read = payload
            fsio.remember(read)
            self.results[worker.held.popleft()] = outcome
        else:
            worker.fault = str(payload)

    def _lose(self, worker: _Process) -> None:
        """A worker that ended: the file it was scoring fails, the rest are sent elsewhere."""
        self.workers.remove(worker)
        _parent_ends.remove(worker.conn)
        how = worker.end()
        if worker.held:
            index = worker.held.popleft()
            path = self.paths[index]
            what = "failed" if worker.fault else "died"
            message = f"not scored: the worker scoring it {what} ({how})"
            self.results[index] = Failed(path, (Problem(shown(path), message),))
            self.retry.extend(worker.held)
        if worker.ready and not signals.stopping():
            self.start()  # a replacement: a worker that started once can start again
        else:
            self.why_not = self.why_not or how

    def close(self) -> None:
        """Every worker ended: told to (its pipe closed) when the batch is done, killed when it
        was stopped."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.close()
            if signals.stopping() or self.cursor < len(self.paths) or worker.held:
                with contextlib.suppress(OSError, ValueError):
                    worker.process.kill()
        for worker in self.workers:
            with contextlib.suppress(ValueError, OSError):
                _parent_ends.remove(worker.conn)
            worker.end()
        self.workers.clear()


def _in_workers(
    paths: list[str],
    rubric: Rubric,
    settings: Settings,
    jobs: int,
    rubric_file: str | None,
    notify: Callable[[str], None] | None = None,
) -> Iterator[Scored | Prepared | Failed]:
    """Score in worker processes, a bounded number of files at a time, yielding in order."""
    global _inherited
    _inherited = rubric
    # Validators are built on first use: built here, forked workers inherit the scenario's
    # rather than each building its own.
    Scenario.model_rebuild()
    pool = _Pool(paths, rubric, settings, rubric_file, notify)
    try:
        yield from pool.outcomes(min(jobs, len(paths)))
    finally:
        pool.close()
        _inherited = None
