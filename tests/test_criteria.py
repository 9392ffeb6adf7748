"""Every criterion of the bundled rubric, on scenarios that meet it, miss it, or leave it unknown.

The cases live in ``criteria/cases.yaml``: for each code a scenario fragment (or a list of them)
per expected status.
A criterion added to the rubric without cases fails ``test_every_criterion_has_cases``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coopscore.core.engine import evaluate
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_rubric

from .conftest import scenario_from

CASES: dict[str, dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "criteria" / "cases.yaml").read_text(encoding="utf-8")
)
REQUIRED = ("met", "unmet", "unknown")
STATUSES = ("met", "partial", "unmet", "unknown", "not_applicable")


def _params() -> list[Any]:
    out = []
    for code, cases in sorted(CASES.items()):
        for status, given in cases.items():
            fragments = given if isinstance(given, list) else [given]
            for n, fragment in enumerate(fragments):
                suffix = f"-{n + 1}" if len(fragments) > 1 else ""
                out.append(pytest.param(code, status, fragment, id=f"{code}-{status}{suffix}"))
    return out


def test_every_criterion_has_cases(rubric: Rubric) -> None:
    codes = {c.code for c in rubric.criteria}
    missing = {code: [s for s in REQUIRED if s not in CASES.get(code, {})] for code in codes}
    assert {k: v for k, v in missing.items() if v} == {}
    assert set(CASES) <= codes, f"cases for codes not in the rubric: {set(CASES) - codes}"


def test_partial_cases_exist_where_partial_credit_is_defined(rubric: Rubric) -> None:
    lacking = [c.code for c in rubric.criteria if c.partial and "partial" not in CASES[c.code]]
    assert lacking == []


@pytest.mark.parametrize(("code", "status", "fragment"), _params())
def test_criterion_case(code: str, status: str, fragment: dict[str, Any]) -> None:
    assert status in STATUSES
    criterion = read_rubric_cached().criterion(code)
    assert criterion is not None
    scenario = scenario_from(fragment or {})
    result = evaluate(criterion, scenario, 0.5)
    assert result.status == status, (result.evidence, result.unknown)
    if status in ("unmet", "partial"):
        # a gap always carries evidence located in the file
        assert result.evidence
        assert all(e.line is not None for e in result.evidence)
    if status == "unknown":
        assert result.unknown, "an unknown criterion must say what to find out"


_CACHE: list[Rubric] = []


def read_rubric_cached() -> Rubric:
    if not _CACHE:
        _CACHE.append(read_rubric())
    return _CACHE[0]
