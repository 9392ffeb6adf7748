"""The contract of the bounds: knowing less never narrows them.

A scenario with one stated fact removed must have bounds that contain the bounds of the full
scenario, for every criterion's credit, every dimension and the overall score. ``coalesce`` is
the one exception, by design: a stated value overrides its fallback, so removing it can move a
verdict. Those cases are reported as contradictions, and are the only ones exempted here.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coopscore.core.assessment import Assessment
from coopscore.core.engine import assess
from coopscore.errors import InputError
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_document

from .conftest import ROOT, SCENARIOS

FILES = [*sorted(SCENARIOS.glob("*.yaml")), ROOT / "tests" / "data" / "small.yaml"]
KEPT = {"schema_version", "id", "name", "as_of"}  # the scenario's identity, not its facts
# A list entry's ``count`` defaults to one: leaving it out states one item, it does not open
# the number (see the README's counting rules).
DEFAULTED = {"count"}
EPSILON = 1e-9


def _keys(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every mapping key at any depth, as the path that reaches it."""
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if not (path == () and key in KEPT) and key not in DEFAULTED:
                found.append((*path, key))
            found += _keys(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _keys(item, (*path, index))
    return found


def _without(data: Any, path: tuple[Any, ...]) -> Any:
    out = copy.deepcopy(data)
    node = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out


def _assessed(data: Any, rubric: Rubric) -> Assessment | None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        return assess(parse_scenario("case.yaml", text), rubric)
    except InputError:
        return None  # removing a field the model requires, or one another field needs


def _contains(outer: tuple[float, float] | None, inner: tuple[float, float] | None) -> bool:
    if inner is None:
        return True
    return outer is not None and outer[0] - EPSILON <= inner[0] and inner[1] <= outer[1] + EPSILON


def check(full: Assessment, less: Assessment) -> None:
    """``less`` (one fact fewer) allows everything ``full`` allows."""
    settled = {r.spec.code: r for r in full.results}
    moved = {r.spec.code for r in full.results if r.contradictions}
    for r in less.results:
        f = settled[r.spec.code]
        if r.spec.code in moved:
            continue
        if f.applicable is not False:  # where the criterion may count, its credit may still be
            assert r.applicable is not False, r.spec.code
            assert _contains(r.credit_bounds, f.credit_bounds), (r.spec.code, r, f)
        if f.applicable is None:
            assert r.applicable is None, r.spec.code
        if f.is_gap and r.applicable is True:
            pass  # a certain gap may become open, never a gap in the other direction
        if r.is_gap:
            assert f.is_gap, (r.spec.code, "a gap appeared when a fact was removed")
    for d_full, d_less in zip(full.dimensions, less.dimensions, strict=True):
        if any(c.spec.code in moved for c in d_full.results):
            continue
        assert _contains(d_less.score_bounds, d_full.score_bounds), d_full.spec.id
    if not moved:
        assert _contains(less.score_bounds, full.score_bounds)


@pytest.fixture(scope="module")
def documents() -> list[Any]:
    return [copy.deepcopy(read_document(str(path)).data) for path in FILES]


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_removing_any_stated_fact_never_narrows_the_bounds(
    documents: list[Any], rubric: Rubric, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(documents) - 1), label=str(FILES))
    document = documents[index]
    path = data.draw(st.sampled_from(_keys(document)), label="removed")
    full = _assessed(document, rubric)
    assert full is not None, FILES[index]
    less = _assessed(_without(document, path), rubric)
    assume(less is not None)
    assert less is not None
    check(full, less)


def test_removing_a_fact_that_a_stated_value_overrides_is_flagged(rubric: Rubric) -> None:
    """A pair stated stalled but active last year: the stated status wins, and says so."""
    base = {
        "schema_version": 1,
        "id": "pair",
        "name": "pair",
        "as_of": 2021,
        "adjacent_pairs": [
            {"name": "A–B", "areas": ["a", "b"], "status": "stalled", "last_active": 2020}
        ],
    }
    full = _assessed(base, rubric)
    assert full is not None
    assert [w.kind for w in full.warnings] == ["contradiction"]
    warning = full.warnings[0]
    stated = {e.path for e in warning.contradiction.stated}
    fallback = {e.path for e in warning.contradiction.fallback}
    assert any(p.endswith("status") for p in stated)
    assert any(p.endswith("last_active") for p in fallback)
    assert all(
        e.line is not None for e in (*warning.contradiction.stated, *warning.contradiction.fallback)
    )
