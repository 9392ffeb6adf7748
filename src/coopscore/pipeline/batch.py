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
rubric's parts in them are sent as references to the copy each process already holds.
"""

from __future__ import annotations

import contextlib
import gc
import glob
import io
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, overload

from coopscore import signals
from coopscore.errors import InputError, Problem
from coopscore.files import examples, fsio
from coopscore.files.fsio import reason, shown
from coopscore.pipeline import scoring as pipeline
from coopscore.pipeline.scoring import Failed, Outcome, Scored, internal_error

__all__ = ["Failed", "Outcome", "Prepared", "Scored", "Settings", "expand", "score_each"]
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


@dataclass(frozen=True)
class Prepared:
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


@dataclass(frozen=True)
class Settings:
    """How every file of one batch is scored, the same in every process."""

    selection: Selection
    max_bytes: int = MAX_BYTES
    prepare: Prepare | None = None
    waivers: bool = True
    debug: bool = False


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
) -> Iterator[Scored | Prepared | Failed]:
    """Score every path, in order; failures are outcomes, not exceptions.

    ``jobs`` above 1 scores in that many processes (at most ``max_jobs()`` and one per file);
    ``rubric_file`` is where ``rubric`` was read from (``None``: the bundled one), for workers
    that cannot inherit it. With ``prepare``, each scored file is yielded as what ``prepare``
    makes of it; it must be picklable when ``jobs`` is above 1. ``debug`` prints the traceback
    of an internal error.
    """
    settings = Settings(selection, max_bytes, prepare, waivers, debug)
    if jobs > 1:
        files = list(paths)
        if len(files) > 1:
            return _in_workers(files, rubric, settings, min(jobs, max_jobs()), rubric_file)
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


@dataclass
class _Worker:
    """What a worker process holds for the whole batch."""

    rubric: Rubric
    settings: Settings
    shared: dict[int, int]


# The rubric a worker inherits when processes fork, and a worker's state once started.
_inherited: Rubric | None = None
_worker: _Worker | None = None


def _start_worker(rubric_file: str | None, digest: str, settings: Settings) -> None:
    """Load the rubric once per worker. Stopping is the parent's to decide: it ends the pool."""
    from coopscore import signals
    from coopscore.pipeline.inputs import read_rubric

    signals.for_worker()
    rubric = _inherited
    if rubric is None or rubric.digest != digest:
        rubric = read_rubric(rubric_file)
        for_long_runs()
    shared = {id(item): n for n, item in enumerate(_shared(rubric))}
    global _worker
    _worker = _Worker(rubric, settings, shared)


def _score_chunk(paths: list[str]) -> bytes:
    """Score a chunk in a worker; the outcomes go back pickled, with the rubric's digest."""
    worker = _worker
    assert worker is not None, "the worker was not started"
    rubric = worker.rubric
    outcomes = [_score(path, rubric, worker.settings) for path in paths]
    buffer = io.BytesIO()
    # the files read (a scenario and the bases it extends) go back too: the parent must never
    # write over one of them
    _Pickler(buffer, worker.shared).dump((rubric.digest, outcomes, fsio.read_identities()))
    return buffer.getvalue()


def _lost(paths: Sequence[str]) -> Iterator[Failed]:
    for path in paths:
        message = "not scored: the process scoring it stopped unexpectedly"
        yield Failed(path, (Problem(shown(path), message),))


def _result(future: Any) -> bytes:
    """A chunk's reply, waited for in short steps so that a stop is never missed.

    A signal normally interrupts the wait; one that a library swallowed on its way (it set
    the stop but raised nothing) is noticed here within a fifth of a second.
    """
    from concurrent.futures import TimeoutError as Waiting

    while True:
        try:
            data: bytes = future.result(timeout=0.2)
            return data
        except Waiting:
            signals.check()


def _in_workers(
    paths: list[str], rubric: Rubric, settings: Settings, jobs: int, rubric_file: str | None
) -> Iterator[Scored | Prepared | Failed]:
    """Score in worker processes, a bounded number of chunks at a time, yielding in order."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _inherited
    workers = min(jobs, len(paths))
    size = max(1, min(CHUNK, len(paths) // (workers * 8)))
    chunks = iter([paths[i : i + size] for i in range(0, len(paths), size)])
    context = multiprocessing.get_context(START_METHOD)
    shared = _shared(rubric)
    _inherited = rubric
    # Validators are built on first use: built here, forked workers inherit the scenario's
    # rather than each building its own.
    Scenario.model_rebuild()
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(rubric_file, rubric.digest, settings),
    )
    pending: deque[tuple[list[str], Future[bytes]]] = deque()

    def submit_next() -> None:
        for chunk in chunks:
            try:
                with signals.deferred():  # it may fork: a signal then would be lost in a hook
                    future = pool.submit(_score_chunk, chunk)
            except BrokenProcessPool as exc:
                future = Future()
                future.set_exception(exc)
            pending.append((chunk, future))
            return

    try:
        for _ in range(workers * IN_FLIGHT):
            submit_next()
        while pending:
            future = pending[0][1]
            try:
                data = _result(future)
            except BrokenProcessPool:
                # A worker died (killed, out of memory): name the files in flight, and score
                # the rest in this process.
                for lost, _ in pending:
                    yield from _lost(lost)
                for rest in chunks:
                    yield from _in_process(rest, rubric, settings)
                return
            pending.popleft()
            submit_next()  # keep the workers busy while this chunk is handed on
            digest, outcomes, read = _Unpickler(io.BytesIO(data), shared).load()
            fsio.remember(read)
            if digest != rubric.digest:
                raise InputError.single(
                    rubric.file, "the rubric changed while the batch ran; run it again"
                )
            yield from outcomes
    finally:
        # Stopped early or not, queued chunks are dropped and each worker ends once its
        # current chunk (a few files) is done: terminating one mid-reply could leave the pool
        # waiting for the rest of that reply for ever.
        # Stopped by a signal, the workers may have had it too: the entry point ends them and
        # the process without waiting on a pool that may never answer.
        pool.shutdown(wait=not signals.stopping(), cancel_futures=True)
        _inherited = None
