"""What to find out first: stating a fact narrows the bounds at least as much as promised."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from coopscore.core.engine import assess
from coopscore.core.next_facts import first
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric

from .conftest import SCENARIOS

MR = yaml.safe_load((SCENARIOS / "middle-reaches-2021.yaml").read_text(encoding="utf-8"))


def _width(data: Any, rubric: Rubric) -> float:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    bounds = assess(parse_scenario("mr.yaml", text), rubric).score_bounds
    assert bounds is not None
    return bounds[1] - bounds[0]


def _stated(data: Any, path: str, value: object) -> Any:
    out = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    node = out
    *parents, leaf = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value
    return out


ECO = [{"name": "Boundary river compensation", "parties": ["hubei", "hunan"], "fields": ["water"]}]


@pytest.mark.parametrize(
    ("path", "values"),
    [
        ("governance.eco_compensation", [[], ECO]),
        ("judicial.uniform_application", [True, False]),
    ],
)
def test_stating_a_fact_narrows_the_bounds_as_much_as_promised(
    rubric: Rubric, path: str, values: list[object]
) -> None:
    text = yaml.safe_dump(MR, allow_unicode=True, sort_keys=False)
    a = assess(parse_scenario("mr.yaml", text), rubric)
    facts = {f.path: f for f in first(a)}
    assert path in facts and facts[path].narrowing > 0
    now = _width(MR, rubric)
    for value in values:
        after = _width(_stated(MR, path, value), rubric)
        assert now - after >= facts[path].narrowing - 1e-9, (value, now, after)


def test_facts_come_most_narrowing_first_and_only_open_ones(rubric: Rubric) -> None:
    text = yaml.safe_dump(MR, allow_unicode=True, sort_keys=False)
    a = assess(parse_scenario("mr.yaml", text), rubric)
    facts = first(a)
    assert facts == sorted(facts, key=lambda f: (-f.narrowing, f.path))
    open_codes = {
        r.spec.code
        for r in a.results
        if r.credit_bounds is not None
        and (r.credit_bounds[0] != r.credit_bounds[1] or r.applicable is None)
    }
    assert {c for f in facts for c in f.criteria} <= open_codes
    assert len(first(a, 3)) == 3
