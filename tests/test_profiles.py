"""The property tests' profile follows the CI environment variable, as conftest.py says."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

SHOW = (
    "import json, tests.conftest\n"
    "from hypothesis import settings\n"
    "s = settings.default\n"
    "print(json.dumps([s.derandomize, s.database is None, s.deadline is None]))"
)


def _profile(**env: str) -> list[bool]:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    done = subprocess.run(
        [sys.executable, "-c", SHOW],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=ROOT,
        env={**clean, **env},
    )
    found: list[bool] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CI": "1"}, [True, True, True]),
        ({}, [False, False, True]),
        ({"CI": "1", "HYPOTHESIS_PROFILE": "dev"}, [False, False, True]),
    ],
)
def test_the_ci_variable_selects_the_repeatable_profile(
    env: dict[str, str], expected: list[bool]
) -> None:
    assert _profile(**env) == expected
