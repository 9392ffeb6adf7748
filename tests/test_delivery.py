"""A run never reports success for output it did not deliver.

Generated faults, each in a real process: a file size limit below, at and above what a command
writes; standard output and error closed; a reader that goes away after k bytes; a full device.
Each run either delivers every byte and ends as it would have (0), or ends with exactly one line
and exit code 2, or, when its reader went away, quietly with 141.
"""

from __future__ import annotations

import fcntl
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from coopscore.formats import ranks

from .conftest import ROOT

MR = "example:middle-reaches-2021"
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
TIMEOUT = 60
FULL = Path("/dev/full")
TOO_LARGE = (
    "error: cannot write to standard output: the file is too large (over the file size limit)\n"
)
CLOSED = "error: cannot write to standard output: it is closed\n"
NO_SPACE = "error: cannot write to standard output: no space left on the device\n"

# Commands whose output is one stream to standard output, of tens of kilobytes each.
STREAMS = {
    "assess json": ["assess", MR, "-f", "json"],
    "batch jsonl": ["batch", "scenarios", "-f", "jsonl", "--jobs", "2"],
    "schema": ["schema", "scenario"],
    "rubric docs": ["rubric", "docs"],
}


def run(
    arguments: list[str],
    preexec: Callable[[], None] | None = None,
    stdout: int | None = subprocess.PIPE,
    stderr: int | None = subprocess.PIPE,
    cwd: Path = ROOT,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "coopscore", *arguments],
        stdout=stdout,
        stderr=stderr,
        preexec_fn=preexec,
        cwd=cwd,
        env=BUFFERED,
        timeout=TIMEOUT,
        check=False,
    )


_whole: dict[str, bytes] = {}


def whole(name: str) -> bytes:
    """What the command writes when nothing stands in its way (once per test process)."""
    if name not in _whole:
        done = run(STREAMS[name])
        assert done.returncode == 0, done.stderr
        _whole[name] = done.stdout
    return _whole[name]


def file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # as a careless parent might leave it

    return limit


def closing(*fds: int) -> Callable[[], None]:
    def close() -> None:
        for fd in fds:
            os.close(fd)

    return close


@pytest.mark.parametrize("name", ["assess json", "batch jsonl", "schema"])
@pytest.mark.parametrize("part", [0.3, "one byte short", "all"])
def test_standard_output_at_a_file_size_limit_is_all_written_or_an_error(
    name: str, part: float | str, tmp_path: Path
) -> None:
    expected = whole(name)
    size = {"one byte short": len(expected) - 1, "all": len(expected)}.get(
        str(part), int(len(expected) * float(part) if not isinstance(part, str) else 0)
    )
    out = tmp_path / "out"
    with out.open("wb") as target:
        done = run(STREAMS[name], file_size_limit(size), stdout=target.fileno())
    written = out.read_bytes()
    if size >= len(expected):
        assert (done.returncode, done.stderr, written) == (0, b"", expected)
    else:
        # A batch's record formats hold every record until the ranks are known: the limit may
        # stop that first, and then nothing reaches standard output.
        held = name.startswith("batch") and done.stderr.decode().startswith(
            f"error: (temporary file): {ranks.HOLD_FAILED}: "
        )
        assert done.returncode == 2 and (held or done.stderr.decode() == TOO_LARGE)
        assert expected.startswith(written) and len(written) <= size  # a prefix, never more


@pytest.mark.parametrize("part", [0.3, 1.0])
def test_a_file_given_with_o_at_a_file_size_limit_is_whole_or_not_there(
    part: float, tmp_path: Path
) -> None:
    expected = whole("assess json")
    target = tmp_path / "report.json"
    done = run(
        [*STREAMS["assess json"], "-o", str(target)], file_size_limit(int(len(expected) * part))
    )
    if part >= 1:
        assert (done.returncode, target.read_bytes()) == (0, expected)
    else:
        assert done.returncode == 2
        lines = done.stderr.decode().splitlines()
        assert len(lines) == 1 and "file is too large" in lines[0] and str(target) in lines[0]
        assert list(tmp_path.iterdir()) == []  # no partial file, no temporary


@pytest.mark.parametrize(
    "arguments",
    [["--version"], ["examples"], STREAMS["assess json"], STREAMS["batch jsonl"], ["assess", MR]],
    ids=["version", "examples", "assess json", "batch jsonl", "assess table"],
)
def test_a_closed_standard_output_is_one_line_and_exit_2(arguments: list[str]) -> None:
    done = run(arguments, closing(1), stdout=None)
    assert (done.returncode, done.stderr.decode()) == (2, CLOSED)


def test_a_closed_standard_output_given_in_the_shell_way(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "coopscore", *STREAMS["assess json"]]
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *command],
        capture_output=True,
        cwd=ROOT,
        env=BUFFERED,
        timeout=TIMEOUT,
        check=False,
    )
    assert (done.returncode, done.stderr.decode()) == (2, CLOSED)


@pytest.mark.parametrize("closed", [(1,), (2,), (1, 2)], ids=["stdout", "stderr", "both"])
@pytest.mark.parametrize("format", ["markdown", "html"])
def test_a_batch_into_a_folder_needs_neither_standard_stream(
    closed: tuple[int, ...], format: str, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    done = run(
        ["batch", "scenarios", "-f", format, "-d", str(out), "--jobs", "2"],
        closing(*closed),
        stdout=None if 1 in closed else subprocess.PIPE,
        stderr=None if 2 in closed else subprocess.PIPE,
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    stems = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    assert names == sorted(
        [f"index.{format[:4] if format == 'html' else 'md'}"]
        + [f"{stem}.{format[:4] if format == 'html' else 'md'}" for stem in stems]
    )


def test_with_standard_error_closed_output_and_exit_code_still_tell_the_story(
    tmp_path: Path,
) -> None:
    (tmp_path / "bad.yaml").write_text("schema_version: 1\nmembres: []\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_bytes(
        (ROOT / "scenarios" / "yangtze-delta-2020.yaml").read_bytes()
    )
    done = run(["batch", str(tmp_path), "-f", "jsonl"], closing(2), stderr=None)
    assert done.returncode == 2
    rows = done.stdout.decode().splitlines()
    assert len(rows) == 2 and '"error"' in rows[0] and '"error"' not in rows[1]


def _small_pipe() -> tuple[int, int]:
    read, write = os.pipe()
    fcntl.fcntl(read, fcntl.F_SETPIPE_SZ, 4096)  # the least a pipe holds: the writer waits soon
    return read, write


@pytest.mark.parametrize(
    ("name", "k"),
    [
        ("assess json", 0),
        ("batch jsonl", 1),
        ("schema", 5000),
        ("rubric docs", 20_000),
        ("batch jsonl", 40_000),
        ("assess json", 3),
    ],
)
def test_a_reader_that_goes_away_after_k_bytes_ends_the_run_quietly_with_141(
    name: str, k: int
) -> None:
    assert len(whole(name)) > k + 3 * 4096 + 8192  # the rest cannot all wait in the pipe
    read, write = _small_pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "coopscore", *STREAMS[name]],
        stdout=write,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=BUFFERED,
        start_new_session=True,
    )
    os.close(write)
    got = b""
    while len(got) < k:
        chunk = os.read(read, k - len(got))
        assert chunk, "the output ended before k bytes"
        got += chunk
    os.close(read)
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, stderr) == (141, b"")
    assert whole(name).startswith(got)
    # its workers ended with it
    assert subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True).stdout == b""


FULL_COMMANDS = {
    **{f"assess {f}": ["assess", MR, "-f", f] for f in ["table", "json", "markdown", "html"]},
    **{f"batch {f}": ["batch", "scenarios", "-f", f] for f in ["table", "json", "jsonl", "csv"]},
    "version": ["--version"],
    "explain": ["explain", "ENC002"],
    "plan": ["plan", MR],
    "init": ["init", "-"],
}


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize("name", FULL_COMMANDS)
def test_a_full_device_behind_standard_output_is_one_line_and_exit_2(name: str) -> None:
    with FULL.open("wb") as full:
        done = run(FULL_COMMANDS[name], stdout=full.fileno())
    assert (done.returncode, done.stderr.decode()) == (2, NO_SPACE)


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "arguments", [["assess", MR, "-f", "json"], ["batch", "scenarios", "-f", "csv"]]
)
def test_a_full_device_given_with_o_is_one_line_and_exit_2(arguments: list[str]) -> None:
    done = run([*arguments, "-o", str(FULL)])
    assert done.returncode == 2
    assert (
        done.stderr.decode() == f"error: {FULL}: cannot write here: no space left on the device\n"
    )


def _sizes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in folder.iterdir()}


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_a_folder_of_reports_at_a_file_size_limit_names_every_report_it_lost(
    format: str, tmp_path: Path
) -> None:
    """The limit is set below every report's size, and between two reports' sizes."""
    reference = tmp_path / "reference"
    assert run(["batch", "scenarios", "-f", format, "-d", str(reference)]).returncode == 0
    sizes = _sizes(reference)
    index = next(name for name in sizes if name.startswith("index."))
    ordered = sorted(sizes.values())
    limits = {ordered[0] - 1, (ordered[1] + ordered[2]) // 2}
    for limit in sorted(limits):
        out = tmp_path / f"limit-{limit}"
        done = run(["batch", "scenarios", "-f", format, "-d", str(out)], file_size_limit(limit))
        # The reports are what they were; the index lists what was written, so its size moves.
        reports = {name for name, size in sizes.items() if size > limit and name != index}
        written = _sizes(out) if out.exists() else {}
        assert set(written) - {index} == set(sizes) - reports - {index}  # no temporary left
        assert all(size == sizes[name] for name, size in written.items() if name != index)
        errors = [line for line in done.stderr.decode().splitlines() if line.startswith("error:")]
        for name in reports:
            scenario = f"scenarios/{Path(name).stem}.yaml"
            assert any(line.startswith(f"error: {scenario}: ") for line in errors), (name, errors)
        lost = reports | ({index} - set(written))
        if index in lost:
            assert any(index in line and "too large" in line for line in errors)
        if reports:
            assert (
                errors[-1] == f"error: {len(reports)} of {len(sizes) - 1} "
                f"file{'s' if len(sizes) - 1 != 1 else ''} could not be scored"
            )
        assert done.returncode == (2 if lost else 0), done.stderr
