"""Shared fixtures: the bundled rubric, the repository's folders, and scenario building."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_rubric

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
RUBRICS = ROOT / "rubrics"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return read_rubric()


def scenario_from(fragment: dict[str, Any], name: str = "case.yaml") -> LoadedScenario:
    """A scenario with ``fragment``'s facts, written out as YAML so that lines are real."""
    data = {"schema_version": 1, "as_of": 2021, **fragment}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return parse_scenario(name, text)
