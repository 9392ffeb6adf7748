"""What the unknowns of a scenario still allow: credit intervals, score bounds, rank ranges.

A fact a scenario does not state could be any value. So a criterion's credit is an interval
``[low, high]`` within [0, 1] (met is [1, 1], partial [p, p], unmet [0, 0], wholly unknown
[0, 1], and "not met, depth open" [0, p]), and a criterion whose applicability is open may
count or not. A score's bounds are the least and the most it could be over every such choice.
Knowing more narrows each interval, so it can only narrow the bounds.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Term:
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
    sign = 1.0 if lowest else -1.0

    def value(t: Term) -> float:
        return t.low if lowest else t.high

    weight = total = 0.0
    for t in terms:
        if t.certain and t.weight > 0:
            weight += t.weight
            total += t.weight * value(t)
    optional = sorted(
        (t for t in terms if not t.certain and t.weight > 0), key=lambda t: sign * value(t)
    )
    for t in optional:
        if weight and sign * value(t) >= sign * (total / weight):
            break
        weight += t.weight
        total += t.weight * value(t)
    return total / weight if weight else None


def mean_bounds(terms: Sequence[Term]) -> Interval | None:
    """The bounds of the weighted mean of ``terms``; None when nothing can count."""
    low, high = _extreme(terms, lowest=True), _extreme(terms, lowest=False)
    if low is None or high is None:
        return None
    return (low, high)


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
