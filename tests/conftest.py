"""Shared fixtures: the bundled rubric, the repository's folders, and scenario building.

The property tests run under one of two Hypothesis profiles: ``ci`` when the ``CI`` environment
variable is set (derandomised, so a run is repeatable; no example database, so parallel workers
share no file; no deadline, so a loaded machine fails no test by its timing), ``dev`` otherwise.
``HYPOTHESIS_PROFILE`` names one explicitly. A test's own ``@settings`` still sets how many
examples it draws.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings

from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_rubric

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
RUBRICS = ROOT / "rubrics"

# Both start from Hypothesis's defaults, not from whatever profile it chose by itself.
DEFAULT = settings.get_profile("default")
settings.register_profile(
    "ci",
    parent=DEFAULT,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", parent=DEFAULT, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return read_rubric()


def scenario_from(fragment: dict[str, Any], name: str = "case.yaml") -> LoadedScenario:
    """A scenario with ``fragment``'s facts, written out as YAML so that lines are real."""
    data = {"schema_version": 1, "as_of": 2021, **fragment}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return parse_scenario(name, text)
