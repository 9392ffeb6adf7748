"""Bounds are exact and only narrow as facts are added: checked against brute force."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from coopscore.core.bounds import Term, credit, mean_bounds, rank_ranges, separable

TRI = (True, False, None)


def test_credit_intervals_follow_the_three_valued_facts() -> None:
    p = 0.5
    assert credit(True, None, p) == (1.0, 1.0)
    assert credit(False, True, p) == (p, p)
    assert credit(False, False, p) == (0.0, 0.0)
    assert credit(False, None, p) == (0.0, p)  # certainly not met, depth open
    assert credit(None, True, p) == (p, 1.0)
    assert credit(None, False, p) == (0.0, 1.0)
    assert credit(None, None, p) == (0.0, 1.0)


def _refines(coarse: bool | None, fine: bool | None) -> bool:
    return coarse is None or coarse == fine


def test_knowing_more_never_widens_a_credit() -> None:
    for met, partial, met2, partial2 in itertools.product(TRI, TRI, TRI, TRI):
        if _refines(met, met2) and _refines(partial, partial2):
            low, high = credit(met, partial, 0.4)
            low2, high2 = credit(met2, partial2, 0.4)
            assert low <= low2 <= high2 <= high, (met, partial, met2, partial2)


def _brute(terms: list[Term]) -> tuple[float, float] | None:
    """Every choice of which optional terms count, each term at either end of its interval."""
    means: list[float] = []
    optional = [t for t in terms if not t.certain]
    for keep in itertools.product((False, True), repeat=len(optional)):
        chosen = [t for t in terms if t.certain] + [
            t for t, k in zip(optional, keep, strict=True) if k
        ]
        chosen = [t for t in chosen if t.weight > 0]
        if not chosen:
            continue
        for ends in itertools.product((0, 1), repeat=len(chosen)):
            weight = sum(t.weight for t in chosen)
            total = sum(
                t.weight * (t.high if e else t.low) for t, e in zip(chosen, ends, strict=True)
            )
            means.append(total / weight)
    return (min(means), max(means)) if means else None


unit = st.floats(0, 1, allow_nan=False)


@st.composite
def terms(draw: st.DrawFn) -> list[Term]:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        a, b = sorted((draw(unit), draw(unit)))
        out.append(Term(draw(st.sampled_from([0.0, 1.0, 2.0, 3.5])), a, b, draw(st.booleans())))
    return out


@settings(max_examples=300, deadline=None)
@given(terms())
def test_mean_bounds_are_the_exact_extremes(found: list[Term]) -> None:
    got, want = mean_bounds(found), _brute(found)
    assert (got is None) == (want is None)
    if got is not None and want is not None:
        assert abs(got[0] - want[0]) < 1e-9 and abs(got[1] - want[1]) < 1e-9


@settings(max_examples=200, deadline=None)
@given(terms(), st.data())
def test_narrowing_a_term_or_settling_whether_it_counts_never_widens(
    found: list[Term], data: st.DataObject
) -> None:
    before = mean_bounds(found)
    narrowed = []
    for t in found:
        low = data.draw(st.floats(t.low, t.high))
        high = data.draw(st.floats(low, t.high))
        certain = t.certain or data.draw(st.booleans())
        if not t.certain and not certain and data.draw(st.booleans()):
            continue  # settled: it does not count
        narrowed.append(Term(t.weight, low, high, certain))
    after = mean_bounds(narrowed)
    if after is not None:
        assert before is not None
        assert before[0] - 1e-9 <= after[0] <= after[1] <= before[1] + 1e-9


def test_rank_ranges_say_who_can_be_where() -> None:
    bounds = [(0.8, 0.9), (0.5, 0.85), (0.1, 0.2), None]
    assert rank_ranges(bounds) == [(1, 2), (1, 2), (3, 3), None]
    assert not separable((0.8, 0.9), (0.5, 0.85)) and separable((0.8, 0.9), (0.1, 0.2))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(unit, unit).map(lambda p: (min(p), max(p))), max_size=5))
def test_rank_ranges_are_the_best_and_worst_over_every_outcome(
    bounds: list[tuple[float, float]],
) -> None:
    """Each score at either end of its bounds, ties broken for and against the item."""
    ranges = rank_ranges(bounds)
    for i in range(len(bounds)):
        best, worst = len(bounds), 1
        for ends in itertools.product((0, 1), repeat=len(bounds)):
            values = [b[e] for b, e in zip(bounds, ends, strict=True)]
            mine = values[i]
            others = values[:i] + values[i + 1 :]
            best = min(best, 1 + sum(v > mine for v in others))
            worst = max(worst, 1 + sum(v >= mine for v in others))
        assert ranges[i] == (best, worst)
