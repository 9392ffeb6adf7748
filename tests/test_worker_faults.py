"""A worker that cannot start or dies never stops a batch: the file it was scoring fails, with
the reason, and every other file is scored; without workers the batch scores in this process.

The faults are generated: each way a process can end (signals, its own exit, an exception that
escapes scoring) at the first, a middle and the last file, at start-up, several at once. The
workers fork from this process, so a fault put into a function here happens in them.
"""

from __future__ import annotations

import faulthandler
import itertools
import multiprocessing
import os
import random
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coopscore.core.selection import Selection
from coopscore.model.rubric import Rubric
from coopscore.pipeline import batch as batching
from coopscore.pipeline import scoring as pipeline

from .conftest import SCENARIOS

FILES = 32  # two files a chunk with two workers: a death leaves one unbegun behind it
SOURCE = SCENARIOS / "yangtze-delta-2020.yaml"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("workers")
    text = SOURCE.read_text(encoding="utf-8")
    for n in range(FILES):
        (folder / f"s{n:02d}.yaml").write_text(text, encoding="utf-8")
    return batching.expand([str(folder)])


def _signal(signum: int) -> tuple[Callable[[], None], str]:
    def end() -> None:
        faulthandler.disable()  # the test runner's crash report is not the worker's
        os.kill(os.getpid(), signum)

    return end, f"died (signal {signum}, {signal.Signals(signum).name})"


def _exit() -> None:
    os._exit(3)


def _escape() -> None:
    raise SystemExit(5)  # not an Exception: scoring does not catch it, the worker ends


# Every way a worker can end, and what the file it was scoring then says.
ENDINGS: dict[str, tuple[Callable[[], None], str]] = {
    "SIGKILL": _signal(signal.SIGKILL),
    "SIGSEGV": _signal(signal.SIGSEGV),
    "SIGTERM": _signal(signal.SIGTERM),
    "SIGABRT": _signal(signal.SIGABRT),
    "exit": (_exit, "died (exit code 3)"),
    "escape": (_escape, "failed (SystemExit: 5)"),
}
MOMENTS = {"first": 0, "middle": FILES // 2 + 1, "last": FILES - 1}
# Each ending at one moment, the moments taking turns, and SIGKILL at every moment.
CASES = sorted({*zip(ENDINGS, itertools.cycle(MOMENTS)), *(("SIGKILL", m) for m in MOMENTS)})


def _fatal(monkeypatch: pytest.MonkeyPatch, targets: set[str], end: Callable[[], None]) -> None:
    """Reading any of ``targets`` in a worker ends it."""
    parent = os.getpid()
    real = pipeline.read_scenario

    def reading(path: str, max_bytes: int, shown: str = "") -> Any:
        if path in targets and os.getpid() != parent:
            end()
        return real(path, max_bytes, shown)

    monkeypatch.setattr(pipeline, "read_scenario", reading)


def _check(outcomes: list[Any], files: list[str], failed: dict[str, str]) -> None:
    """Every file in order; exactly ``failed`` failed, each saying why; no worker left."""
    assert [o.path for o in outcomes] == files
    found = {o.path: o.reason for o in outcomes if isinstance(o, batching.Failed)}
    assert set(found) == set(failed)
    for path, why in failed.items():
        assert found[path] == f"not scored: the worker scoring it {why}"
    assert all(isinstance(o, batching.Scored) for o in outcomes if o.path not in failed)
    assert not multiprocessing.active_children()


@pytest.mark.parametrize(("ending", "moment"), CASES)
def test_a_worker_that_ends_while_scoring_fails_that_file_alone(
    files: list[str], rubric: Rubric, monkeypatch: pytest.MonkeyPatch, ending: str, moment: str
) -> None:
    end, why = ENDINGS[ending]
    target = files[MOMENTS[moment]]
    _fatal(monkeypatch, {target}, end)
    outcomes = list(batching.score_each(files, rubric, Selection(), jobs=2))
    _check(outcomes, files, {target: why})


@pytest.mark.parametrize("seed", range(3))
def test_workers_that_die_again_and_again_are_replaced(
    files: list[str], rubric: Rubric, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Several deaths, some in the same chunk, some at once in both workers."""
    chosen = random.Random(seed).sample(files, 2 + seed * 3)
    end, why = ENDINGS["SIGKILL"]
    _fatal(monkeypatch, set(chosen), end)
    outcomes = list(batching.score_each(files, rubric, Selection(), jobs=3))
    _check(outcomes, files, dict.fromkeys(chosen, why))


def _dies_at_start(monkeypatch: pytest.MonkeyPatch, marker: Path | None) -> None:
    """Every worker (or, with a marker file, the first only) ends while it starts."""
    real = batching._start_worker

    def starting(*args: Any) -> Any:
        try:
            if marker is not None:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            os.kill(os.getpid(), signal.SIGKILL)
        except FileExistsError:
            pass
        return real(*args)

    monkeypatch.setattr(batching, "_start_worker", starting)


def test_a_worker_that_dies_at_start_up_leaves_the_others_to_score(
    files: list[str], rubric: Rubric, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _dies_at_start(monkeypatch, tmp_path / "once")
    told: list[str] = []
    outcomes = list(batching.score_each(files, rubric, Selection(), jobs=2, notify=told.append))
    _check(outcomes, files, {})
    assert told == []  # one worker was enough
    assert (tmp_path / "once").exists()  # and one did die


def test_when_no_worker_can_start_the_batch_scores_in_this_process(
    files: list[str], rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dies_at_start(monkeypatch, None)
    told: list[str] = []
    outcomes = list(batching.score_each(files, rubric, Selection(), jobs=2, notify=told.append))
    _check(outcomes, files, {})
    assert told == [
        "scoring in this process: no worker process could be started (signal 9, SIGKILL)"
    ]


@pytest.mark.parametrize(
    "error",
    [
        OSError(24, "Too many open files"),
        MemoryError(),
        ImportError("_multiprocessing.so: failed to map segment from shared object"),
    ],
)
def test_when_no_process_can_be_made_the_batch_scores_in_this_process(
    files: list[str], rubric: Rubric, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(multiprocessing.get_context(batching.START_METHOD), "Pipe", refused)
    told: list[str] = []
    outcomes = list(batching.score_each(files, rubric, Selection(), jobs=2, notify=told.append))
    _check(outcomes, files, {})
    why = "too many open files" if isinstance(error, OSError) else type(error).__name__
    assert told == [f"scoring in this process: no worker process could be started ({why})"]
