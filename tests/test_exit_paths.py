"""What a run that fails on our side looks like: one line, a code, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coopscore.cli import app as cli
from coopscore.formats import registry


def _main(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.setattr(sys, "argv", ["coopscore", *argv])
    with pytest.raises(SystemExit) as done:
        cli.main()
    code = done.value.code
    assert isinstance(code, int)
    return code


def _broken(name: str, subject: str) -> registry.Format:
    raise KeyError("no-such-label")


def test_a_fault_in_rendering_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(registry, "load", _broken)
    code = _main(monkeypatch, "assess", "example:middle-reaches-2021", "-f", "json")
    err = capsys.readouterr().err
    assert code == 70
    assert "internal error (KeyError" in err and "--debug" in err
    assert "Traceback" not in err


def test_with_debug_the_traceback_is_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(registry, "load", _broken)
    code = _main(monkeypatch, "assess", "example:middle-reaches-2021", "--debug")
    assert code == 70 and "Traceback" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_an_error_line_not_a_traceback() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "coopscore", "schema", "scenario"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
