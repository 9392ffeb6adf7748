"""What the unknowns of a scenario still allow: credit intervals, score bounds, rank ranges.

A fact a scenario does not state could be any value. So a criterion's credit is an interval
``[low, high]`` within [0, 1] (met is [1, 1], partial [p, p], unmet [0, 0], wholly unknown
[0, 1], and "not met, depth open" [0, p]), and a criterion whose applicability is open may
count or not. A score's bounds are the least and the most it could be over every such choice.
Knowing more narrows each interval, so it can only narrow the bounds.

The point score is one completion of the unknowns (``completion``): each open part takes the
value, within its own interval, closest to the mean it is part of. So a point always lies
within its bounds, and a certain gap of open depth always lowers it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

Tri = bool | None
Interval = tuple[float, float]


def credit(met: Tri, partial: Tri, partial_credit: float) -> Interval:
    """The credit ``met`` and ``partial`` (three-valued) still allow."""
    if met is True:
        return (1.0, 1.0)
    low = partial_credit if partial is True else 0.0
    if met is False:
        if partial is None:
            return (0.0, partial_credit)
        return (low, low)
    return (low, 1.0)


class Term(NamedTuple):
    """One weighted part of a mean: its value lies in ``[low, high]``.

    ``certain`` says whether it counts for sure; one that is not may drop out of the mean
    (a criterion whose applicability is unknown, a dimension none of whose criteria surely
    applies).
    """

    weight: float
    low: float
    high: float
    certain: bool = True


def _extreme(terms: Sequence[Term], lowest: bool) -> float | None:
    """The least (or greatest) weighted mean the terms allow.

    Every term at its own extreme; of the terms that may drop out, those that pull the mean
    further are taken in order of how far they pull, while each still does. This is exact:
    the optimum holds exactly the optional terms beyond it.
    """
    weight = total = 0.0
    optional: list[tuple[float, float]] = []  # (value, weight) of the terms that may drop out
    for t in terms:
        if t.weight > 0:
            value = t.low if lowest else t.high
            if t.certain:
                weight += t.weight
                total += t.weight * value
            else:
                optional.append((value, t.weight))
    if optional:
        sign = 1.0 if lowest else -1.0
        optional.sort(key=lambda o: sign * o[0])  # stable: ties keep the terms' order
        for value, part in optional:
            if weight and sign * value >= sign * (total / weight):
                break
            weight += part
            total += part * value
    return total / weight if weight else None


def mean_bounds(terms: Sequence[Term]) -> Interval | None:
    """The bounds of the weighted mean of ``terms``; None when nothing can count."""
    low, high = _extreme(terms, lowest=True), _extreme(terms, lowest=False)
    if low is None or high is None:
        return None
    return (low, high)


def completion(terms: Sequence[Term]) -> float | None:
    """The weighted mean when every open term takes the value in its interval nearest the mean.

    Mean imputation constrained by what each term allows: the mean ``m`` solves
    ``m = (Σ exact + Σ open clamp(m, low, high)) / Σ weight`` over the terms that surely count
    (an uncertain term drops out, as it may). The right side grows more slowly than ``m`` when
    any exact term counts, so the solution is unique; it is found exactly among the sorted
    interval ends (n log n), not by iterating. When every open interval is [0, 1] it is the
    mean of the exact terms alone. None when no exact term counts: nothing anchors a point.
    """
    counted = [t for t in terms if t.certain and t.weight > 0]
    exact = [t for t in counted if t.low == t.high]
    open_ = [t for t in counted if t.low != t.high]
    exact_weight = sum(t.weight for t in exact)
    if not exact_weight:
        return None
    exact_total = sum(t.weight * t.low for t in exact)
    weight = exact_weight + sum(t.weight for t in open_)

    def excess(m: float) -> float:  # increasing in m; zero at the solution
        return weight * m - exact_total - sum(t.weight * min(max(m, t.low), t.high) for t in open_)

    ends = sorted(
        {min(t.low for t in counted), max(t.high for t in counted)}
        | {t.low for t in open_}
        | {t.high for t in open_}
    )
    first, last = 0, len(ends) - 1  # excess(ends[first]) <= 0 <= excess(ends[last])
    while last - first > 1:
        middle = (first + last) // 2
        if excess(ends[middle]) <= 0:
            first = middle
        else:
            last = middle
    a, b = ends[first], ends[last]
    # Within [a, b] each open term is pinned at an end or follows m; solve the linear equation.
    fixed = exact_total
    free = 0.0
    for t in open_:
        if t.low >= b:
            fixed += t.weight * t.low
        elif t.high <= a:
            fixed += t.weight * t.high
        else:
            free += t.weight
    m = fixed / (weight - free)
    m = min(max(m, a), b)  # rounding only: the solution lies in [a, b]
    point = sum(t.weight * t.low for t in exact) + sum(
        t.weight * min(max(m, t.low), t.high) for t in open_
    )
    return point / weight


def within(point: float | None, bounds: Interval | None) -> float | None:
    """``point`` held inside ``bounds`` against rounding: both come from the same completion
    space, so this moves a point by at most a few units in the last place."""
    if point is None or bounds is None:
        return point
    return min(max(point, bounds[0]), bounds[1])


def rank_ranges(bounds: Sequence[Interval | None]) -> list[tuple[int, int] | None]:
    """The best and worst rank (1 is the top) each item could take, given everyone's bounds.

    An item is surely above another when its lower bound exceeds the other's upper bound, and
    may be above it when its upper bound reaches the other's lower bound (a tie may fall
    either way). Items without bounds take no rank. Sorting makes this n log n.
    """
    ranked = [b for b in bounds if b is not None]
    lows = sorted(b[0] for b in ranked)
    highs = sorted(b[1] for b in ranked)
    n = len(ranked)
    out: list[tuple[int, int] | None] = []
    for b in bounds:
        if b is None:
            out.append(None)
            continue
        low, high = b
        surely_above = n - bisect_right(lows, high)  # never itself: its low <= its high
        maybe_above = n - bisect_left(highs, low) - 1  # less itself: its high >= its low
        out.append((1 + surely_above, 1 + maybe_above))
    return out


def separable(a: Interval, b: Interval) -> bool:
    """Whether the facts given order two items: their bounds do not overlap."""
    return a[1] < b[0] or b[1] < a[0]
