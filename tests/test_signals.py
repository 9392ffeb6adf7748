"""SIGTERM and repeated Ctrl-C end a real batch cleanly: exit code, no traceback, no leftovers."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "middle-reaches-2021.yaml"
FILES = 1500


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(FILES):
        shutil.copy(SCENARIO, folder / f"s{n:04d}.yaml")
    return folder


def start(many: Path, out: Path, jobs: int = 2) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "coopscore", "batch", str(many), "-f", "markdown"]
    return subprocess.Popen(
        [*command, "-d", str(out), "--jobs", str(jobs), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell job has
    )


def wait_for_reports(out: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir() and any(p.suffix == ".md" for p in out.iterdir()):
            return
        time.sleep(0.02)
    pytest.fail("the batch wrote no report in time")


def workers_left(folder: Path) -> list[str]:
    done = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True)
    return done.stdout.split()


@pytest.mark.parametrize(
    ("signals", "code"),
    [([signal.SIGTERM], 143), ([signal.SIGINT] * 4, 130), ([signal.SIGTERM] * 3, 143)],
    ids=["SIGTERM", "Ctrl-C four times", "SIGTERM three times"],
)
def test_a_stopped_batch_keeps_its_reports_and_leaves_nothing_behind(
    many: Path, tmp_path: Path, signals: list[int], code: int
) -> None:
    out = tmp_path / "reports"
    process = start(many, out)
    wait_for_reports(out, process)
    for signum in signals:
        os.kill(process.pid, signum)
        time.sleep(0.05)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    names = [p.name for p in out.iterdir()]
    assert names and all(n.endswith(".md") for n in names), names  # no temporary is left
    assert len(names) < FILES  # it was stopped before the end
    time.sleep(0.2)
    assert workers_left(many) == []


# Run in a process of its own: a signal sent to the test runner itself would end the runner
# if anything went wrong, instead of failing this test.
DEFERRED = """
import os, signal, sys, time
from coopscore import signals
signals.install()
reached = []
try:
    with signals.deferred():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)  # the handler has run by now, and must not have raised here
        reached.append(True)
except signals.Stopped as stopped:
    print(reached, stopped.code)
"""


def test_a_signal_inside_a_deferred_block_stops_the_run_when_it_ends() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DEFERRED], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "[True] 143\n", "")


@pytest.mark.parametrize("delay", [0.15, 0.3, 0.5, 0.8])
def test_sigterm_to_the_whole_group_at_any_moment_ends_the_run(
    many: Path, tmp_path: Path, delay: float
) -> None:
    """As ``timeout`` or ``kill -TERM -PGID`` send it: the workers get it too, at start-up,
    while forking, or in the middle of a reply."""
    out = tmp_path / "reports"
    process = start(many, out, jobs=4)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    # Before its handlers are set up (the first tenths of a second) the default action ends it,
    # and there is nothing to clean up yet.
    early = process.returncode == -signal.SIGTERM and not out.exists()
    assert process.returncode == 143 or early, stderr
    assert "Traceback" not in stderr
    if out.is_dir():
        assert all(p.name.endswith(".md") for p in out.iterdir())


# A signal that lands where Python cannot raise (here a finalizer; in a run, a library's
# callback) is swallowed there: nothing is printed of it, and the next check stops the run.
UNRAISABLE = """
import os, signal
from coopscore import signals
signals.install()
class Finalized:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        sum(range(1000))  # the handler runs here, inside the finalizer
finalized = Finalized()
del finalized
try:
    signals.check()
except signals.Stopped as stopped:
    print(signals.stopping(), stopped.code)
"""


def test_a_signal_swallowed_in_a_finalizer_prints_no_traceback_and_still_stops() -> None:
    done = subprocess.run(
        [sys.executable, "-c", UNRAISABLE], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "True 143\n", "")
