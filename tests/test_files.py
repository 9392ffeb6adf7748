"""The file-system boundary: what coopscore reads, what it writes, and what it never replaces."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.errors import InputError
from coopscore.files import fsio

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "yangtze-delta-2020.yaml"
RUBRIC = ROOT / "rubrics" / "yrd-lessons.yaml"
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    copy = tmp_path / "s.yaml"
    shutil.copy(SCENARIO, copy)
    return copy


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- writing


def test_a_character_device_is_written_plainly_never_replaced(scenario: Path) -> None:
    before = os.stat("/dev/null")
    code, _ = run("assess", str(scenario), "-f", "json", "-o", "/dev/null")
    after = os.stat("/dev/null")
    assert code == 0
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (
        before.st_ino,
        before.st_rdev,
    )


def test_a_symlink_to_a_device_writes_to_the_device_and_keeps_the_link(
    scenario: Path, tmp_path: Path
) -> None:
    link = tmp_path / "sink"
    link.symlink_to("/dev/null")
    assert run("assess", str(scenario), "-o", str(link))[0] == 0
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_plainly(scenario: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def drain() -> None:  # a reader that opens the FIFO before or after coopscore does
        with fifo.open("rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=drain)
    thread.start()
    code, out = run("assess", str(scenario), "-f", "json", "-o", str(fifo))
    thread.join(timeout=30)
    assert code == 0, out
    assert b'"scenario"' in received[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once(scenario: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "coopscore", "assess", str(scenario), "-o", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "nothing read" in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", ["assess", "batch"])
def test_a_full_device_is_one_clear_error(scenario: Path, tmp_path: Path, command: str) -> None:
    full = tmp_path / "full"
    full.symlink_to("/dev/full")  # every write fails with ENOSPC
    args = ["-f", "json"] if command == "assess" else ["-f", "jsonl"]
    done = subprocess.run(
        [sys.executable, "-m", "coopscore", command, str(scenario), *args, "-o", str(full)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "no space left" in done.stderr and "Traceback" not in done.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_symlink_to_a_regular_file_replaces_the_file_and_keeps_the_link(
    scenario: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run("assess", str(scenario), "-f", "markdown", "-o", str(link))[0] == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# ")
    assert leftovers(tmp_path) == []


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        fsio.write_text(fresh, "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        private = tmp_path / "private.md"
        private.write_text("old", encoding="utf-8")
        private.chmod(0o600)
        fsio.write_text(private, "new")
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
        assert private.read_text(encoding="utf-8") == "new"
    finally:
        os.umask(old)


def test_a_long_legal_file_name_can_be_written(scenario: Path, tmp_path: Path) -> None:
    target = tmp_path / ("r" * 247 + ".md")  # 250 bytes, the most most file systems allow is 255
    assert run("assess", str(scenario), "-f", "markdown", "-o", str(target))[0] == 0
    assert target.is_file() and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: (d / "folder").mkdir() or str(d / "folder"), "this is a folder"),
        (lambda d: str(d / "new") + "/", "ends in '/'"),
        (lambda d: str(d / ("n" * 300 + ".md")), "too long"),
    ],
    ids=["existing folder", "trailing slash", "name too long"],
)
def test_a_bad_output_path_is_one_clear_line_and_leaves_nothing(
    scenario: Path, tmp_path: Path, make: Any, expected: str
) -> None:
    target = make(tmp_path)
    code, out = run("assess", str(scenario), "-o", target)
    assert code == 2 and expected in out
    assert [line for line in out.splitlines() if line.startswith("error:")] == out.splitlines()
    assert "Traceback" not in out and leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report", encoding="utf-8")

    def fail(*args: Any) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, "fsync", fail)  # as a full disk or read-only mount reports it
    code, out = run("assess", str(scenario), "-f", "markdown", "-o", str(target))
    assert code == 2 and out.startswith("error:") and len(out.splitlines()) == 1
    assert fsio.reason(OSError(error, "")) in out
    assert target.read_text(encoding="utf-8") == "old report" and leftovers(tmp_path) == []


def test_dash_means_standard_output(scenario: Path, tmp_path: Path) -> None:
    code, out = run("assess", str(scenario), "-f", "json", "-o", "-")
    assert code == 0 and out.lstrip().startswith("{")
    code, out = run("batch", str(scenario), "-f", "csv", "-o", "-")
    assert code == 0 and out.startswith("id,")
    code, out = run("schema", "-o", "-")
    assert code == 0 and '"$schema"' in out
    code, out = run("rubric", "docs", "-o", "-")
    assert code == 0 and out.startswith("# ")
    assert not (tmp_path / "-").exists() and not Path("-").exists()


# --------------------------------------------------------------------------- protected inputs


def test_inputs_are_protected_by_identity_not_by_path_text(scenario: Path, tmp_path: Path) -> None:
    before = scenario.read_bytes()
    hard = tmp_path / "hard.yaml"
    os.link(scenario, hard)
    soft = tmp_path / "soft.md"
    soft.symlink_to(scenario)
    soft_csv = tmp_path / "soft.csv"  # named as the format it is given (-o names a format)
    soft_csv.symlink_to(scenario)
    for target in (hard, soft, tmp_path / "." / "s.yaml"):
        code, out = run("assess", str(scenario), "-f", "markdown", "-o", str(target))
        assert code == 2 and "input of this run" in out
    for target in (hard, soft_csv, tmp_path / "." / "s.yaml"):
        code, out = run("batch", str(scenario), "-f", "csv", "-o", str(target))
        assert code == 2 and "input of this run" in out
    assert scenario.read_bytes() == before


def test_the_rubric_and_an_example_are_protected_too(scenario: Path, tmp_path: Path) -> None:
    rubric = tmp_path / "rubric.yaml"
    shutil.copy(RUBRIC, rubric)
    before = rubric.read_bytes()
    code, out = run("assess", str(scenario), "--rubric", str(rubric), "-o", str(rubric))
    assert code == 2 and "input of this run" in out and rubric.read_bytes() == before
    from coopscore.files import examples

    behind = Path(examples.resolve("example:yangtze-delta-2020"))
    text = behind.read_bytes()
    code, out = run("assess", "example:yangtze-delta-2020", "-o", str(behind))
    assert code == 2 and behind.read_bytes() == text


def test_a_markdown_batch_never_writes_over_an_input(tmp_path: Path) -> None:
    scenario = tmp_path / "cluster.md"  # a scenario whose report would be named like it
    text = SCENARIO.read_text(encoding="utf-8").replace("id: yangtze-delta-2020", "id: cluster")
    scenario.write_text(text, encoding="utf-8")
    code, out = run("batch", str(scenario), "-f", "markdown", "-d", str(tmp_path))
    assert code == 2 and "input of this run" in out
    assert scenario.read_text(encoding="utf-8") == text
    assert "input of this run" in (tmp_path / "index.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_only_regular_files_are_read_and_nothing_hangs(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe.yaml"
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/zero")
    else:
        target = tmp_path / "folder.yaml"
        target.mkdir()
    for args in (["assess", str(target)], ["assess", str(SCENARIO), "--rubric", str(target)]):
        done = subprocess.run(
            [sys.executable, "-m", "coopscore", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert "not a regular file" in done.stderr or "folder" in done.stderr
        assert "Traceback" not in done.stderr


def test_the_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(8 * 1024**3)  # sparse: reading it would take 8 GiB of memory
    with pytest.raises(InputError, match="over the limit"):
        fsio.read_input(str(huge), 5 * 1024 * 1024)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: os.symlink(d / "gone.yaml", d / "x.yaml") or d / "x.yaml", "does not exist"),
        (lambda d: os.symlink(d / "x.yaml", d / "x.yaml") or d / "x.yaml", "symbolic links"),
        (lambda d: d / ("n" * 300 + ".yaml"), "too long"),
        (lambda d: d / "a.yaml" / "b.yaml", "no such file"),
    ],
    ids=["dangling symlink", "symlink loop", "name too long", "missing folder"],
)
def test_unreadable_paths_are_named_with_their_reason(
    tmp_path: Path, make: Any, expected: str
) -> None:
    path = make(tmp_path)
    code, out = run("assess", str(path))
    assert code == 2 and expected in out and "Traceback" not in out


def test_a_batch_goes_on_past_every_kind_of_unreadable_file(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    shutil.copy(SCENARIO, good)
    os.symlink(tmp_path / "loop.yaml", tmp_path / "loop.yaml")
    os.symlink(tmp_path / "gone", tmp_path / "dangling.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    long_name = str(tmp_path / ("n" * 300 + ".yaml"))
    undecodable = os.fsdecode(os.fsencode(str(tmp_path)) + b"/\xff\xfe.yaml")
    code, out = run(
        "batch", str(tmp_path), long_name, undecodable, str(tmp_path / "pipe.yaml"), "-f", "jsonl"
    )
    assert code == 2 and "Traceback" not in out
    import json

    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert sum("scenario" in r for r in rows) == 1
    failed = [r for r in rows if "error" in r]
    assert len(failed) == 5  # loop, dangling, pipe (once), the long name, the undecodable one


def test_an_internal_error_fails_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopscore.pipeline import scoring as pipeline

    for name in ("a", "b"):
        shutil.copy(SCENARIO, tmp_path / f"{name}.yaml")
    real = pipeline.assess

    def broken(scenario: Any, *args: Any, **kwargs: Any) -> Any:
        if scenario.file.endswith("a.yaml"):
            raise ZeroDivisionError("float division by zero")
        return real(scenario, *args, **kwargs)

    monkeypatch.setattr(pipeline, "assess", broken)
    code, out = run("batch", str(tmp_path), "-f", "jsonl", "--jobs", "1")
    assert code == 2
    assert "internal error" in out and "--debug" in out and '"scenario"' in out


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize(
    ("args", "drop"),
    [
        (["-f", "json", "-d", "out"], "drop -d"),
        (["-f", "markdown", "-d", "out", "-o", "x.md"], "drop -o"),
        (["-f", "markdown", "-o", "x.md"], "--output-dir"),
    ],
)
def test_contradictory_batch_options_say_which_to_drop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], drop: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("batch", str(SCENARIO), *args)
    assert code == 2 and drop in out
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_jobs_are_capped_at_the_files_and_the_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopscore.core.selection import Selection
    from coopscore.pipeline import batch as batching
    from coopscore.pipeline.inputs import read_rubric

    asked: list[int] = []  # the workers each pool started
    pools: list[batching._Pool] = []
    real = batching._Pool.start

    def recording(pool: batching._Pool) -> None:
        if not pools or pools[-1] is not pool:
            pools.append(pool)
            asked.append(0)
        asked[-1] += 1
        real(pool)

    monkeypatch.setattr(batching._Pool, "start", recording)
    files = []
    for n in range(3):
        shutil.copy(SCENARIO, tmp_path / f"{n}.yaml")
        files.append(str(tmp_path / f"{n}.yaml"))
    outcomes = list(batching.score_each(files, read_rubric(), Selection(), jobs=10_000))
    assert len(outcomes) == 3 and asked == [3]
    list(batching.score_each(files * 40, read_rubric(), Selection(), jobs=10_000))
    assert asked[-1] <= 2 * batching.default_jobs()


def test_an_endless_path_list_on_stdin_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "coopscore", "batch", "-", "-f", "jsonl"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2 and "NUL" in done.stderr and "Traceback" not in done.stderr


def test_output_dir_dash_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("batch", str(SCENARIO), "-f", "markdown", "-d", "-")
    assert code == 2 and "needs a folder" in out and list(tmp_path.iterdir()) == []


def test_a_temporary_made_as_a_signal_lands_is_still_removed(tmp_path: Path) -> None:
    fd, temp = fsio._temporary(str(tmp_path), str(tmp_path / "report.md"))
    os.close(fd)  # as if Ctrl-C came before the writer took the file over
    assert leftovers(tmp_path) == [Path(temp).name]
    fsio.remove_temporaries()
    assert leftovers(tmp_path) == []


def test_every_command_with_output_takes_o_the_same_way(tmp_path: Path) -> None:
    mr, yrd = str(ROOT / "scenarios" / "middle-reaches-2021.yaml"), str(SCENARIO)
    for name, args in (
        ("plan.json", ["plan", mr, "-f", "json"]),
        ("plan.txt", ["plan", mr]),
        ("compare.md", ["compare", mr, yrd, "-f", "markdown", "--force"]),
        ("sensitivity.json", ["sensitivity", mr, yrd, "-f", "json", "--runs", "20"]),
        ("assess.txt", ["assess", mr]),
    ):
        target = tmp_path / name
        code, out = run(*args, "-o", str(target))
        assert code == 0, out
        text = target.read_text(encoding="utf-8")
        assert text.strip() and "\x1b" not in text
        if name.endswith(".json"):
            import json

            json.loads(text)
        code, out = run(*args, "-o", "-")
        assert code == 0 and out.strip()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "command",
    [
        ["assess", str(SCENARIO)],
        ["assess", str(SCENARIO), "-f", "html"],
        ["batch", str(SCENARIO), "-f", "csv"],
        ["plan", str(SCENARIO)],
        ["sensitivity", str(SCENARIO), str(ROOT / "scenarios" / "middle-reaches-2021.yaml")],
        ["schema", "scenario"],
        ["rubric", "docs"],
        ["init"],  # its file is an argument
    ],
    ids=lambda c: " ".join(a for a in c if "/" not in a),
)
def test_o_into_a_missing_folder_is_refused_and_makes_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "missing" / "deeper" / "out.txt"
    where = [str(target)] if command == ["init"] else ["-o", str(target)]
    code, out = run(*command, *where)
    assert code == 2 and "no such folder" in out and "Traceback" not in out
    assert list(tmp_path.iterdir()) == []


def test_fsio_make_folder_says_why_it_cannot(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    fsio.make_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    with pytest.raises(InputError, match="cannot create the folder"):
        fsio.make_folder(blocker / "sub")
