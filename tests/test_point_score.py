"""The point score is one completion of the unknowns, so it always lies within its bounds.

Each open credit takes the value its facts allow nearest the mean of its dimension (mean
imputation held to what is stated); the overall score lifts the dimensions by the same rule.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopscore.core.assessment import Assessment
from coopscore.core.bounds import Term, completion, mean_bounds
from coopscore.core.engine import assess, completed_scores
from coopscore.errors import InputError
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_document

from .conftest import ROOT, SCENARIOS

EPSILON = 1e-9
FILES = [*sorted(SCENARIOS.glob("*.yaml")), ROOT / "tests" / "data" / "small.yaml"]
unit = st.floats(0, 1, allow_nan=False)


@st.composite
def terms(draw: st.DrawFn, open_whole: bool = False) -> list[Term]:
    out = []
    for _ in range(draw(st.integers(0, 7))):
        weight = draw(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.5]))
        certain = draw(st.booleans())
        if draw(st.booleans()):
            value = draw(unit)
            out.append(Term(weight, value, value, certain))
        elif open_whole:
            out.append(Term(weight, 0.0, 1.0, certain))
        else:
            a, b = sorted((draw(unit), draw(unit)))
            out.append(Term(weight, a, b, certain))
    return out


def _exact_mean(found: list[Term]) -> float | None:
    exact = [t for t in found if t.certain and t.weight > 0 and t.low == t.high]
    weight = sum(t.weight for t in exact)
    return sum(t.weight * t.low for t in exact) / weight if weight else None


@settings(max_examples=400, deadline=None)
@given(terms())
def test_the_completion_lies_within_the_bounds_and_is_its_own_fixed_point(
    found: list[Term],
) -> None:
    point = completion(found)
    if _exact_mean(found) is None:
        assert point is None  # nothing stated anchors a point
        return
    bounds = mean_bounds(found)
    assert point is not None and bounds is not None
    assert bounds[0] - EPSILON <= point <= bounds[1] + EPSILON
    counted = [t for t in found if t.certain and t.weight > 0]
    weight = sum(t.weight for t in counted)
    again = sum(t.weight * min(max(point, t.low), t.high) for t in counted) / weight
    assert abs(again - point) < EPSILON


@settings(max_examples=300, deadline=None)
@given(terms(open_whole=True))
def test_with_every_open_credit_wholly_open_it_is_the_mean_of_the_known(
    found: list[Term],
) -> None:
    point, old = completion(found), _exact_mean(found)
    assert (point is None) == (old is None)
    if point is not None and old is not None:
        assert abs(point - old) < EPSILON


def test_a_certain_gap_of_open_depth_lowers_the_point() -> None:
    known = [Term(1.0, 1.0, 1.0), Term(1.0, 1.0, 1.0)]
    # Not met, depth open: its credit is at most the partial credit, 0.5.
    assert completion([*known, Term(1.0, 0.0, 0.5)]) == pytest.approx(2.5 / 3)
    # Wholly unknown, it leaves the mean where the stated facts put it.
    assert completion([*known, Term(1.0, 0.0, 1.0)]) == pytest.approx(1.0)


# ----------------------------------------------------------------- generated scenarios


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if path or key not in {"schema_version", "id", "name", "as_of"}:
                found.append((*path, key))
            found += _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _leaves(item, (*path, index))
    return found


def _drop(data: Any, paths: list[tuple[Any, ...]]) -> Any:
    out = copy.deepcopy(data)
    for path in sorted(paths, key=len, reverse=True):
        node = out
        try:
            for key in path[:-1]:
                node = node[key]
            if isinstance(node, dict):
                node.pop(path[-1], None)
        except (KeyError, IndexError, TypeError):
            continue
    return out


def _scenarios() -> list[Any]:
    return [copy.deepcopy(read_document(str(f)).data) for f in FILES]


BASES = _scenarios()


def _assess(data: Any, rubric: Rubric) -> Assessment | None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        return assess(parse_scenario("case.yaml", text), rubric)
    except InputError:
        return None


def check_points(a: Assessment) -> None:
    for d in a.dimensions:
        if d.score is not None:
            assert d.score_bounds is not None
            low, high = d.score_bounds
            assert low - EPSILON <= d.score <= high + EPSILON, (d.spec.id, d.score, low, high)
    if a.score is not None:
        assert a.score_bounds is not None
        low, high = a.score_bounds
        assert low - EPSILON <= a.score <= high + EPSILON, (a.score, low, high)
        # the completion behind the overall point: its values, weighted, give that point back
        values = completed_scores(a.dimensions, a.score)
        pairs = [(d.spec.weight, v) for d, v in zip(a.dimensions, values, strict=True)]
        pairs = [(w, v) for w, v in pairs if v is not None and w > 0]
        mean = sum(w * v for w, v in pairs) / sum(w for w, _ in pairs)
        assert abs(mean - a.score) < 1e-6


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_every_bundled_point_lies_within_its_bounds(file: Any, rubric: Rubric) -> None:
    a = _assess(copy.deepcopy(read_document(str(file)).data), rubric)
    assert a is not None
    check_points(a)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, len(BASES) - 1), st.integers(0, 2**32 - 1), st.floats(0.05, 0.9))
def test_points_lie_within_bounds_for_generated_scenarios(
    rubric: Rubric, which: int, seed: int, share: float
) -> None:
    """Random subsets of a bundled scenario's facts left unstated: open credits of every shape."""
    base = BASES[which]
    rng = random.Random(seed)
    leaves = _leaves(base)
    dropped = [p for p in leaves if rng.random() < share]
    a = _assess(_drop(base, dropped), rubric)
    if a is not None:
        check_points(a)
