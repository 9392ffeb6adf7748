"""What to find out first: the unstated facts whose statement would narrow the bounds most.

A fact left out keeps every criterion that needs it open. For each such fact (a scenario path
an open criterion names as unknown), we fix those criteria at the low end of their credit and
then at the high end, re-bound the dimensions they sit in and the whole, and keep the smaller
narrowing of the overall score bounds: what stating the fact narrows them by, whichever way it
turns out. Facts that open the same criteria narrow alike, so each distinct set of criteria is
re-bounded once; only bounds are recomputed, never the scores or priorities.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coopscore.core.assessment import (
    Assessment,
    Bounds,
    CriterionResult,
    DimensionResult,
    Fact,
)
from coopscore.core.bounds import Term
from coopscore.core.engine import dimension_bounds, dimension_term, surely_counts, terms_bounds

Rebound = Callable[[frozenset[str], bool], Bounds | None]


def _rebounder(dimensions: Sequence[DimensionResult]) -> Rebound:
    """What the overall bounds become with some criteria fixed at one end of their credit.

    Fixing criteria changes only the dimensions they sit in: the others keep their terms of the
    overall mean, found once here. A changed dimension is re-bounded from its criteria's terms,
    each fixed one exact and surely applicable, and the overall mean is taken over the same
    terms in the same order as ``engine.overall_bounds`` takes them, so the bounds are the very
    numbers a re-aggregation of the whole assessment gives.
    """
    terms: list[Term | None] = []
    home: dict[str, list[int]] = {}
    for index, d in enumerate(dimensions):
        for r in d.results:
            home.setdefault(r.spec.code, []).append(index)
        bounds = d.score_bounds
        surely = surely_counts(d.results)
        terms.append(None if bounds is None else dimension_term(d.spec.weight, bounds, surely))

    def rebound(codes: frozenset[str], high: bool) -> Bounds | None:
        changed = list(terms)
        for index in sorted({i for c in codes for i in home.get(c, ())}):
            d = dimensions[index]
            results = [_fixed(r, high) if r.spec.code in codes else r for r in d.results]
            bounds = dimension_bounds(results)
            changed[index] = (
                None
                if bounds is None
                else dimension_term(d.spec.weight, bounds, surely_counts(results))
            )
        return terms_bounds([t for t in changed if t is not None])

    return rebound


def _fixed(r: CriterionResult, high: bool) -> CriterionResult:
    """A criterion once its fact is known at one end: its credit exact, and surely applying."""
    if r.credit_bounds is None:
        return r
    value = r.credit_bounds[1] if high else r.credit_bounds[0]
    return r._replace(credit_bounds=(value, value), applicable=True)


def _width(bounds: tuple[float, float] | None) -> float:
    return 0.0 if bounds is None else bounds[1] - bounds[0]


def first(assessment: Assessment, limit: int | None = None) -> list[Fact]:
    """The unstated facts, most narrowing first (then by path, for a stable order)."""
    results = assessment.results
    now = _width(assessment.score_bounds)
    opened: dict[str, list[str]] = {}
    for r in results:
        if r.credit_bounds is None or (r.credit_bounds[0] == r.credit_bounds[1] and r.applicable):
            continue
        for path in r.unknown:
            codes = opened.setdefault(path, [])
            if r.spec.code not in codes:
                codes.append(r.spec.code)
    narrowing: dict[frozenset[str], float] = {}
    facts = []
    rebound = _rebounder(assessment.dimensions)
    for path, codes in opened.items():
        key = frozenset(codes)
        if key not in narrowing:
            low = _width(rebound(key, False))
            high = _width(rebound(key, True))
            narrowing[key] = max(0.0, now - max(low, high))
        facts.append(Fact(path, tuple(codes), narrowing[key]))
    facts.sort(key=lambda f: (-f.narrowing, f.path))
    return facts[:limit] if limit is not None else facts
