"""What to find out first: the unstated facts whose statement would narrow the bounds most.

A fact left out keeps every criterion that needs it open. For each such fact (a scenario path
an open criterion names as unknown), we fix those criteria at the low end of their credit and
then at the high end, re-bound the dimensions they sit in and the whole, and keep the smaller
narrowing of the overall score bounds: what stating the fact narrows them by, whichever way it
turns out. Facts that open the same criteria narrow alike, so each distinct set of criteria is
re-bounded once; only bounds are recomputed, never the scores or priorities.
"""

from __future__ import annotations

from collections.abc import Sequence

from coopscore.core.assessment import Assessment, Bounds, CriterionResult, Fact
from coopscore.core.engine import dimension_bounds, overall_bounds


def _fixed(
    results: Sequence[CriterionResult], codes: frozenset[str], high: bool
) -> list[CriterionResult]:
    out: list[CriterionResult] = []
    for r in results:
        if r.spec.code in codes and r.credit_bounds is not None:
            value = r.credit_bounds[1] if high else r.credit_bounds[0]
            r = r._replace(credit_bounds=(value, value), applicable=True)
        out.append(r)
    return out


def _bounds_with(assessment: Assessment, codes: frozenset[str], high: bool) -> Bounds | None:
    """The overall bounds with the criteria ``codes`` fixed at one end of their credit."""
    dimensions = []
    for d in assessment.dimensions:
        if any(r.spec.code in codes for r in d.results):
            results = _fixed(d.results, codes, high)
            d = d._replace(results=tuple(results), score_bounds=dimension_bounds(results))
        dimensions.append(d)
    return overall_bounds(dimensions)


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
    for path, codes in opened.items():
        key = frozenset(codes)
        if key not in narrowing:
            low = _width(_bounds_with(assessment, key, high=False))
            high = _width(_bounds_with(assessment, key, high=True))
            narrowing[key] = max(0.0, now - max(low, high))
        facts.append(Fact(path, tuple(codes), narrowing[key]))
    facts.sort(key=lambda f: (-f.narrowing, f.path))
    return facts[:limit] if limit is not None else facts
