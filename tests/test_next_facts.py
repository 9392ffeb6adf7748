"""What to find out first: stating a fact narrows the bounds at least as much as promised."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from coopscore.core.assessment import Assessment, Bounds
from coopscore.core.engine import aggregate, assess, dimension_bounds, overall_bounds
from coopscore.core.next_facts import first
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_scenario

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


def _rebound_whole(a: Assessment, codes: frozenset[str], high: bool) -> Bounds | None:
    """The overall bounds with ``codes`` fixed at one end, by re-aggregating every dimension."""
    dimensions = []
    for d in a.dimensions:
        results = []
        for r in d.results:
            if r.spec.code in codes and r.credit_bounds is not None:
                value = r.credit_bounds[1] if high else r.credit_bounds[0]
                r = r._replace(credit_bounds=(value, value), applicable=True)
            results.append(r)
        bounds = dimension_bounds(results)
        dimensions.append(d._replace(results=tuple(results), score_bounds=bounds))
    return overall_bounds(dimensions)


@pytest.mark.parametrize(
    "file", sorted(p.relative_to(SCENARIOS).as_posix() for p in SCENARIOS.rglob("*.yaml"))
)
def test_the_narrowing_is_that_of_the_whole_assessment_re_aggregated(
    rubric: Rubric, file: str
) -> None:
    """Only the dimensions a fact touches are re-bounded; the numbers are those of bounding
    the whole assessment again, to the last bit."""
    a = assess(read_scenario(str(SCENARIOS / file)), rubric)
    facts = first(a)
    assert facts
    assert a.score_bounds is not None
    now = a.score_bounds[1] - a.score_bounds[0]
    for fact in facts:
        key = frozenset(fact.criteria)
        widths = []
        for high in (False, True):
            bounds = _rebound_whole(a, key, high)
            widths.append(0.0 if bounds is None else bounds[1] - bounds[0])
        assert fact.narrowing == max(0.0, now - max(widths)), fact


@pytest.mark.parametrize("dimension", range(8))
def test_a_dimension_that_counts_only_once_a_fact_is_stated_is_re_bounded_so(
    rubric: Rubric, dimension: int
) -> None:
    """Every criterion of one dimension may or may not apply: the dimension may drop out of
    the overall mean until a fact fixes one of them, which then surely counts."""
    a = assess(read_scenario(str(SCENARIOS / "middle-reaches-2021.yaml")), rubric)
    doubtful = {r.spec.code for r in a.dimensions[dimension].results}
    results = [
        r._replace(
            status="unknown",
            credit=None,
            credit_bounds=(0.0, 1.0),
            applicable=None,
            unknown=(f"doubt.{r.spec.code}",),
        )
        if r.spec.code in doubtful
        else r
        for r in a.results
    ]
    totals = aggregate(results, rubric)
    a = a._replace(dimensions=totals.dimensions, score_bounds=totals.score_bounds)
    facts = {f.path: f for f in first(a)}
    assert a.score_bounds is not None
    now = a.score_bounds[1] - a.score_bounds[0]
    for code in doubtful:
        fact = facts[f"doubt.{code}"]
        widths = []
        for high in (False, True):
            bounds = _rebound_whole(a, frozenset(fact.criteria), high)
            widths.append(0.0 if bounds is None else bounds[1] - bounds[0])
        assert fact.narrowing == max(0.0, now - max(widths)), fact
