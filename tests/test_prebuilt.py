"""Cached validators: used when they match, rebuilt when they do not, never a change in result.

Installing validators changes the model classes of the process, so every install here runs in
a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest

from coopscore import prebuilt
from coopscore.rubric import RubricFile
from coopscore.scenario import Scenario

from .conftest import ROOT

INSTALL = """
import json, sys
from pathlib import Path
from coopscore import prebuilt
from coopscore.rubric import RubricFile
from coopscore.scenario import Scenario
outcome = prebuilt.install((Scenario, RubricFile), Path(sys.argv[1]))
complete = type(Scenario.__pydantic_validator__).__name__ == "SchemaValidator"
print(json.dumps([outcome, complete]))
"""


def _install(folder: Path) -> tuple[str, bool]:
    done = subprocess.run(
        [sys.executable, "-c", INSTALL, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    outcome, complete = json.loads(done.stdout)
    return outcome, complete


def _coopscore(*arguments: str, cache: Path | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if cache is None:
        env["COOPSCORE_NO_CACHE"] = "1"
    else:
        env["COOPSCORE_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "coopscore", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env=env,
    )


def test_the_first_run_builds_and_stores_and_the_next_loads(tmp_path: Path) -> None:
    assert _install(tmp_path) == ("built", True)
    entries = list(tmp_path.glob("validators-*.pickle"))
    assert len(entries) == 1
    assert _install(tmp_path) == ("cached", True)


def test_a_torn_entry_is_rebuilt_and_replaced(tmp_path: Path) -> None:
    _install(tmp_path)
    (entry,) = tmp_path.glob("validators-*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    assert _install(tmp_path) == ("built", True)
    assert _install(tmp_path) == ("cached", True)


def test_an_entry_holding_something_else_is_rebuilt(tmp_path: Path) -> None:
    _install(tmp_path)
    (entry,) = tmp_path.glob("validators-*.pickle")
    entry.write_bytes(pickle.dumps({"coopscore.scenario.Scenario": "not a validator"}))
    assert _install(tmp_path) == ("built", True)


def test_entries_for_other_sources_or_versions_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / "validators-000000000000000000000000.pickle"
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"old")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept")
    _install(tmp_path)
    assert not stale.exists()
    assert unrelated.exists()
    assert len(list(tmp_path.glob("validators-*.pickle"))) == 1


def test_a_folder_that_cannot_be_created_costs_only_the_rebuild(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert _install(blocker / "cache") == ("built", True)


def test_the_digest_follows_the_library_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    models = (Scenario, RubricFile)
    before = prebuilt.digest(models)
    assert prebuilt.digest(models) == before
    monkeypatch.setattr(pydantic, "VERSION", pydantic.VERSION + ".other")
    assert prebuilt.digest(models) != before
    monkeypatch.undo()
    assert prebuilt.digest((Scenario,)) != before


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"COOPSCORE_NO_CACHE": "1", "COOPSCORE_CACHE_DIR": "/x"}, None),
        ({"COOPSCORE_NO_CACHE": "0", "COOPSCORE_CACHE_DIR": "/x"}, Path("/x")),
        ({"COOPSCORE_CACHE_DIR": "/x", "XDG_CACHE_HOME": "/y"}, Path("/x")),
        ({"XDG_CACHE_HOME": "/y"}, Path("/y/coopscore")),
        ({}, Path.home() / ".cache" / "coopscore"),
    ],
)
def test_the_cache_folder_comes_from_the_environment(
    environ: dict[str, str], expected: Path | None
) -> None:
    if sys.platform == "win32" and not environ:
        pytest.skip("the default folder differs on Windows")
    assert prebuilt.cache_folder(environ) == expected


@pytest.mark.parametrize(
    "arguments",
    [
        ["assess", "scenarios/middle-reaches-2021.yaml", "-f", "json"],
        ["assess", "scenarios/yangtze-delta-2020.yaml", "-f", "markdown"],
        ["batch", "scenarios", "tests/bad", "-f", "jsonl", "--jobs", "1"],
    ],
)
def test_cached_validators_give_the_same_results_and_errors(
    tmp_path: Path, arguments: list[str]
) -> None:
    built = _coopscore(*arguments, cache=tmp_path)
    assert list(tmp_path.glob("validators-*.pickle"))
    cached = _coopscore(*arguments, cache=tmp_path)
    without = _coopscore(*arguments, cache=None)
    assert built.stdout  # something was scored
    assert (cached.returncode, cached.stdout, cached.stderr) == (
        without.returncode,
        without.stdout,
        without.stderr,
    )
    assert (built.returncode, built.stdout, built.stderr) == (
        without.returncode,
        without.stdout,
        without.stderr,
    )
