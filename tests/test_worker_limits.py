"""A batch with workers under the system's limits, or whose workers are killed from outside,
always ends: every file accounted for (scored, or named with its reason), or one line and exit
code 2, or 143 when it was told to stop. Never a hang, never a traceback.

The limits are generated around what this machine needs: descriptors from the fewest Python
starts with, memory around the batch's own peak.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from .conftest import ROOT, SCENARIOS

TIMEOUT = 90
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
BATCH = ["batch", "scenarios", "-f", "jsonl", "--jobs", "2"]
BUNDLED = len(list(SCENARIOS.glob("*.yaml")))


def limited(which: int, value: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(which, (value, value))

    return limit


def run(
    arguments: list[str], preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopscore", *arguments],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        cwd=ROOT,
        env=BUFFERED,
        timeout=TIMEOUT,
        check=False,
    )


def accounted(done: subprocess.CompletedProcess[str], files: int) -> None:
    """The contract: every file scored or named with its reason, or one error line and exit 2."""
    assert "Traceback" not in done.stderr, done.stderr
    said = done.stderr.splitlines()
    assert all(line.startswith(("error: ", "note: ")) for line in said), said
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    failed = [row for row in rows if "error" in row]
    if done.returncode == 0:
        assert len(rows) == files and not failed
    else:
        assert done.returncode == 2, done.stderr
        assert said and said[-1].startswith("error: ")
        if len(rows) == files:  # all there: each failure named, and counted
            noun = "file" if files == 1 else "files"
            assert said[-1] == f"error: {len(failed)} of {files} {noun} could not be scored"
        else:  # the run could not go on: it said why, once
            assert len([line for line in said if line.startswith("error: ")]) == 1


@cache
def fewest_descriptors() -> int:
    """The fewest open files this interpreter starts with here."""
    for n in range(3, 64):
        done = subprocess.run(
            [sys.executable, "-c", "import coopscore.cli.app"],
            capture_output=True,
            preexec_fn=limited(resource.RLIMIT_NOFILE, n),
            cwd=ROOT,
            timeout=TIMEOUT,
            check=False,
        )
        if done.returncode == 0:
            return n
    pytest.skip("Python does not start with fewer than 64 open files here")


@pytest.mark.parametrize("extra", [0, 1, 2, 4, 7, 11])
def test_a_batch_with_few_file_descriptors_scores_everything_or_says_why(extra: int) -> None:
    done = run(BATCH, limited(resource.RLIMIT_NOFILE, fewest_descriptors() + extra))
    accounted(done, BUNDLED)


@cache
def peak_kib() -> int:
    """The batch's own peak address space here, in KiB."""
    code = (
        "import atexit, sys\n"
        "def peak():\n"
        "    with open('/proc/self/status') as status:\n"
        "        line = next(l for l in status if l.startswith('VmPeak'))\n"
        "    print(line.split()[1], file=sys.stderr)\n"
        "atexit.register(peak)\n"
        f"sys.argv = ['coopscore', *{BATCH!r}]\n"
        "from coopscore.entry import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT
    )
    return int(done.stderr.split()[-1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.parametrize("factor", [1.0, 1.05, 1.25, 2.0])
def test_a_batch_with_little_memory_scores_everything_or_says_why(factor: float) -> None:
    kib = int(peak_kib() * factor)
    done = run(BATCH, limited(resource.RLIMIT_AS, kib * 1024))
    accounted(done, BUNDLED)


# ----------------------------------------------------------------- killed from the outside

FILES = 100


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(FILES):
        shutil.copy(SCENARIOS / "yangtze-delta-2020.yaml", folder / f"s{n:03d}.yaml")
    return folder


def start(arguments: list[str], preexec: Callable[[], None] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coopscore", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec,
        cwd=ROOT,
        env=BUFFERED,
    )


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(n) for n in path.read_text().split()] if path.exists() else []


def wait_for_workers(process: subprocess.Popen[str], count: int) -> list[int]:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        found = children(process.pid)
        if len(found) >= count:
            time.sleep(0.1)  # scoring by now
            return found
        time.sleep(0.02)
    pytest.fail("the workers did not start")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    "signum", [signal.SIGKILL, signal.SIGSEGV, signal.SIGTERM], ids=lambda s: s.name
)
def test_a_worker_killed_from_outside_fails_at_most_its_own_file(many: Path, signum: int) -> None:
    process = start(["batch", str(many), "-f", "jsonl", "--jobs", "2"])
    victim = wait_for_workers(process, 2)[0]
    os.kill(victim, signum)
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    accounted(done, FILES)
    failed = [json.loads(line) for line in stdout.splitlines() if '"error"' in line]
    assert len(failed) <= 1  # only the file it was scoring, if it was scoring one
    name = signal.Signals(signum).name
    for row in failed:
        assert row["error"] == f"not scored: the worker scoring it died (signal {signum}, {name})"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.parametrize("moment", ["workers refused", "after a worker died"])
def test_sigterm_ends_the_batch_with_143_whatever_became_of_its_workers(
    many: Path, moment: str
) -> None:
    arguments = ["batch", str(many), "-f", "jsonl", "--jobs", "2"]
    if moment == "workers refused":
        process = start(arguments, limited(resource.RLIMIT_NOFILE, fewest_descriptors() + 2))
        deadline = time.monotonic() + TIMEOUT
        assert process.stderr is not None
        # The note that no worker could start: the batch now scores in its own process.
        # (Record formats hold their output until the batch ends, so standard output is quiet.)
        assert process.stderr.readline().startswith("note:")
        assert time.monotonic() < deadline and process.poll() is None
    else:
        process = start(arguments)
        os.kill(wait_for_workers(process, 2)[0], signal.SIGKILL)
        time.sleep(0.2)
    os.kill(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr
    assert children(process.pid) == []
