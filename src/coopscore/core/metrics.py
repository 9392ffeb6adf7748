"""Quantitative measures behind the P1–P4 diagnostics: pure functions, no I/O.

Every function returns ``None`` when its measure is undefined for the input (a zero vector, fewer
members or points than the formula needs, a zero denominator). ``None`` is never replaced by 0:
an undefined measure is unknown, and a diagnostic built on it stays unknown.
"""

from __future__ import annotations

import heapq
import itertools
import math
import operator
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

Number = float | int
Point = tuple[float, ...]

BLOCKS = "▁▂▃▄▅▆▇█"
MISSING_MARK = "·"


def _shares(values: Sequence[Number]) -> list[float] | None:
    """Normalise to shares summing to 1; ``None`` for an empty or all-zero vector."""
    if any(v < 0 for v in values):
        raise ValueError("shares cannot be negative")
    total = float(sum(values))
    if not values or total <= 0:
        return None
    return [v / total for v in values]


def _check_lengths(x: Sequence[Number], y: Sequence[Number]) -> None:
    if len(x) != len(y):
        raise ValueError(f"vectors of different lengths ({len(x)} and {len(y)})")


class Structure(NamedTuple):
    """A sector vector normalised once, so that comparing two structures costs O(sectors).

    ``shares`` sum to 1 (what the Krugman index compares), ``square`` is Σ shares² (what the
    similarity coefficient divides by) and ``unit`` is the shares scaled to length 1: the
    similarity of two structures is the dot product of their unit vectors, their Euclidean
    distance ``sqrt(2 − 2·S)``.
    """

    shares: Point
    square: float
    unit: Point


def structure(values: Sequence[Number]) -> Structure | None:
    """The normalised structure of one member; ``None`` for an empty or all-zero vector."""
    shares = _shares(values)
    if shares is None:
        return None
    square = sum(p * p for p in shares)
    length = math.sqrt(square)
    return Structure(tuple(shares), square, tuple(p / length for p in shares))


def structure_similarity(a: Structure, b: Structure) -> float:
    """:func:`similarity` of two normalised structures (the same arithmetic, in the same order)."""
    dot = sum(p * q for p, q in zip(a.shares, b.shares, strict=True))
    norm = math.sqrt(a.square * b.square)
    return min(1.0, max(0.0, dot / norm))


def rounded_similarity(a: Structure, b: Structure) -> float:
    """``round(structure_similarity(a, b), 4)``, from the unit vectors where that is safe.

    The dot product of the unit vectors is the same coefficient up to rounding error (about
    1e-15); only when it lies that close to a rounding boundary is the exact arithmetic redone.
    """
    dot: float = sum(map(operator.mul, a.unit, b.unit))
    value = min(1.0, max(0.0, dot))
    scaled = value * 10_000.0
    if abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
        return round(value, 4)
    return round(structure_similarity(a, b), 4)


def structure_krugman(a: Structure, b: Structure) -> float:
    """:func:`krugman` of two normalised structures."""
    return min(2.0, sum(abs(p - q) for p, q in zip(a.shares, b.shares, strict=True)))


def similarity(x: Sequence[Number], y: Sequence[Number]) -> float | None:
    """Industrial-structure similarity coefficient (产业结构相似系数) of two members.

    S_ij = Σ_k x_ik·x_jk / sqrt(Σ_k x_ik² · Σ_k x_jk²), where x_ik is the share of sector k in
    member i: the cosine of the two share vectors. With non-negative shares S lies in [0, 1]; 1
    means identical structures. Source: UNIDO (1979), *World Industry since 1960: Progress and
    Prospects*, the structural similarity coefficient used throughout Chinese studies of
    industrial convergence.

    The coefficient is scale-free, so shares need not sum exactly to 1. ``None`` when either
    vector is all zeros (no structure to compare).
    """
    _check_lengths(x, y)
    a, b = structure(x), structure(y)
    if a is None or b is None:
        return None
    return structure_similarity(a, b)


def krugman(x: Sequence[Number], y: Sequence[Number]) -> float | None:
    """Krugman specialisation (dissimilarity) index of two members.

    K_ij = Σ_k |x_ik − x_jk| over sector shares, each vector first normalised to sum to 1, so
    K lies in [0, 2]: 0 for identical structures, 2 for members with no sector in common.
    Source: Krugman, P. (1991), *Geography and Trade*, MIT Press (the regional specialisation
    index). ``None`` when either vector is all zeros.
    """
    _check_lengths(x, y)
    a, b = structure(x), structure(y)
    if a is None or b is None:
        return None
    return structure_krugman(a, b)


def chord(level: float) -> float:
    """The distance between unit vectors whose similarity is ``level``: sqrt(2 − 2·level)."""
    return math.sqrt(max(0.0, 2.0 - 2.0 * min(1.0, level)))


def similarity_sum(units: Sequence[Point], weights: Sequence[int]) -> float:
    """Σ S_ij over every pair of members, ``weights[i]`` members having structure ``units[i]``.

    Since S_ij = u_i·u_j, the sum over pairs is (|Σ_i w_i·u_i|² − Σ_i w_i) / 2: one pass, no
    pair visited. Pairs of members with the same structure count with S = 1.
    """
    if not units:
        return 0.0
    total = [0.0] * len(units[0])
    for unit, weight in zip(units, weights, strict=True):
        for k, value in enumerate(unit):
            total[k] += weight * value
    return (sum(v * v for v in total) - sum(weights)) / 2.0


# ---------------------------------------------------------------- many pairs, bounded work
#
# Comparing every pair of n members costs n²/2 comparisons. The searches below put the points
# in a k-d tree of boxes and decide whole boxes at once where their bounds allow: boxes too far
# apart hold no close pair, boxes close together at their farthest hold only close pairs. Only
# pairs near the radius are compared one by one, and never more than a stated budget of steps.

LEAF_SIZE = 4


class _Box:
    """A box of the tree: its bounds, what it holds, and its two halves (none for a leaf)."""

    __slots__ = ("children", "hi", "items", "lo", "spread", "weight")

    def __init__(
        self,
        lo: Point,
        hi: Point,
        weight: int,
        spread: int,
        items: tuple[int, ...],
        children: tuple[_Box, _Box] | None,
    ) -> None:
        self.lo = lo
        self.hi = hi
        self.weight = weight  # members in the box
        self.spread = spread  # pairs of members in the box with different points
        self.items = items  # the points of a leaf
        self.children = children


class Boxes(NamedTuple):
    """Points (``weights[i]`` members at point i) in a k-d tree of boxes, built once."""

    root: _Box
    weights: tuple[int, ...]


def boxes(points: Sequence[Point], weights: Sequence[int] | None = None) -> Boxes | None:
    """The tree of ``points`` (each of weight 1 unless stated); ``None`` for no point."""
    if not points:
        return None
    mass = tuple(weights) if weights is not None else (1,) * len(points)
    columns = [list(column) for column in zip(*points, strict=True)]
    return Boxes(_tree(columns, mass, list(range(len(points)))), mass)


def _tree(columns: list[list[float]], weights: tuple[int, ...], items: list[int]) -> _Box:
    """Split at the median of the widest side, down to leaves of at most LEAF_SIZE points."""
    lo = tuple(min(map(c.__getitem__, items)) for c in columns)
    hi = tuple(max(map(c.__getitem__, items)) for c in columns)
    mass = [weights[i] for i in items]
    weight = sum(mass)
    spread = (weight * weight - sum(m * m for m in mass)) // 2
    if len(items) <= LEAF_SIZE:
        return _Box(lo, hi, weight, spread, tuple(items), None)
    axis = max(range(len(columns)), key=lambda d: hi[d] - lo[d])
    items.sort(key=columns[axis].__getitem__)
    half = len(items) // 2
    left, right = _tree(columns, weights, items[:half]), _tree(columns, weights, items[half:])
    return _Box(lo, hi, weight, spread, (), (left, right))


def _gap(a: _Box, b: _Box, order: int) -> float:
    """The least distance between a point of ``a`` and one of ``b`` (L1 or L2)."""
    total = 0.0
    for low, high, other_low, other_high in zip(a.lo, a.hi, b.lo, b.hi, strict=True):
        part = other_low - high if other_low > high else low - other_high
        if part > 0:
            total += part if order == 1 else part * part
    return total if order == 1 else math.sqrt(total)


def _bounds(a: _Box, b: _Box) -> tuple[float, float]:
    """The least and the greatest squared L2 distance between a point of ``a`` and one of ``b``."""
    least = most = 0.0
    for low, high, other_low, other_high in zip(a.lo, a.hi, b.lo, b.hi, strict=True):
        below, above = other_low - high, low - other_high
        part = below if below > above else above
        if part > 0:
            least += part * part
        part = high - other_low if high - other_low > other_high - low else other_high - low
        most += part * part
    return least, most


def _pairs(a: _Box, b: _Box) -> Iterator[tuple[int, int]]:
    """Pairs of distinct points, one from each leaf (each pair once when the leaves are one)."""
    if a is b:
        for n, i in enumerate(a.items):
            for j in a.items[n + 1 :]:
                yield i, j
    else:
        for i in a.items:
            for j in b.items:
                yield i, j


def _split(a: _Box, b: _Box) -> list[tuple[_Box, _Box]]:
    if a is b:
        assert a.children is not None
        left, right = a.children
        return [(left, left), (right, right), (left, right)]
    if a.children is not None and (b.children is None or a.weight >= b.weight):
        return [(child, b) for child in a.children]
    assert b.children is not None
    return [(a, child) for child in b.children]


class Tally(NamedTuple):
    """Pairs of members found close: ``low`` certainly, ``high`` possibly; equal when exact."""

    low: int
    high: int
    compared: int  # pairs of points compared one by one

    @property
    def exact(self) -> bool:
        return self.low == self.high


def count_close(
    tree: Boxes, near: float, far: float, close: Callable[[int, int], bool], budget: int
) -> Tally:
    """Pairs of members at different points closer than a radius (L2).

    Pairs closer than ``near`` are close and pairs farther than ``far`` are not, whatever
    ``close`` says; between the two ``close(i, j)`` decides. The undecided box pairs holding most
    members are split first, so that when ``budget`` steps (a box pair bounded or a pair
    compared is one) run out, what is left undecided, counted in ``high`` only, is as little as
    the budget allows.
    """
    weights, near2, far2 = tree.weights, near * near, far * far
    low = compared = steps = 0
    order = itertools.count()
    queue: list[tuple[int, int, _Box, _Box]] = []
    pending = [(tree.root, tree.root)]
    while True:
        for a, b in pending:  # bound each new box pair: decided whole, or queued
            steps += 1
            inside = a.spread if a is b else a.weight * b.weight
            least, most = _bounds(a, b)
            if inside and least <= far2:
                if most <= near2:
                    low += inside
                else:
                    heapq.heappush(queue, (-inside, next(order), a, b))
        if not queue or steps >= budget:
            break
        _, _, a, b = heapq.heappop(queue)
        pending = []
        if a.children is not None or b.children is not None:
            pending = _split(a, b)
            continue
        for i, j in _pairs(a, b):
            steps += 1
            compared += 1
            if close(i, j):
                low += weights[i] * weights[j]
    return Tally(low, low - sum(q[0] for q in queue), compared)


class Nearest(NamedTuple):
    """The closest pairs of points found, nearest first; ``exact`` unless the budget ran out."""

    pairs: tuple[tuple[float, int, int], ...]
    exact: bool
    compared: int


def nearest_pairs(
    tree: Boxes,
    count: int,
    distance: Callable[[int, int], float],
    order: int,
    budget: int,
    widen: Callable[[float], float] = lambda d: d,
) -> Nearest:
    """The ``count`` closest pairs of distinct points, best first through the box tree.

    ``distance`` is an Lp distance (``order`` 1 or 2) or one that never falls below it. Pairs
    no farther than ``widen(d)``, d the ``count``-th distance, are kept too, so that the caller
    can break near-ties its own way (at most ``4 × count`` of them).
    """
    queue: list[tuple[float, int, _Box, _Box]] = [(0.0, 0, tree.root, tree.root)]
    found: list[tuple[float, int, int]] = []
    limit, steps, compared = math.inf, 0, 0
    order_of = itertools.count(1)
    while queue and queue[0][0] <= limit:
        if steps >= budget:
            return Nearest(tuple(sorted(found)), False, compared)
        _, _, a, b = heapq.heappop(queue)
        steps += 1
        if a.children is None and b.children is None:
            for i, j in _pairs(a, b):
                compared += 1
                steps += 1
                found.append((distance(i, j), i, j))
            found, limit = _keep(found, count, widen)
            continue
        for x, y in _split(a, b):
            gap = 0.0 if x is y else _gap(x, y, order)
            if gap <= limit:
                heapq.heappush(queue, (gap, next(order_of), x, y))
    return Nearest(tuple(sorted(found)), True, compared)


def _keep(
    found: list[tuple[float, int, int]], count: int, widen: Callable[[float], float]
) -> tuple[list[tuple[float, int, int]], float]:
    """The pairs still in the running, and the distance beyond which no pair can enter."""
    if len(found) < count:
        return found, math.inf
    found.sort()
    limit = widen(found[count - 1][0])
    kept = [p for p in found[: 4 * count] if p[0] <= limit]
    return kept, limit if len(kept) < 4 * count else kept[-1][0]


def _ranked(sizes: Sequence[Number]) -> list[float]:
    if any(s < 0 for s in sizes):
        raise ValueError("city sizes cannot be negative")
    return sorted((float(s) for s in sizes), reverse=True)


def primacy_two_city(sizes: Sequence[Number]) -> float | None:
    """Two-city primacy index P1 / P2 (largest city over the second).

    Source: Jefferson, M. (1939), "The Law of the Primate City", *Geographical Review* 29(2).
    ``None`` with fewer than two cities or when the second is 0.
    """
    ranked = _ranked(sizes)
    if len(ranked) < 2 or ranked[1] <= 0:
        return None
    return ranked[0] / ranked[1]


def primacy_four_city(sizes: Sequence[Number]) -> float | None:
    """Four-city primacy index P1 / (P2 + P3 + P4).

    Source: Ginsburg, N. (1961), *Atlas of Economic Development*, University of Chicago Press.
    ``None`` with fewer than four cities or a zero denominator.
    """
    ranked = _ranked(sizes)
    if len(ranked) < 4 or sum(ranked[1:4]) <= 0:
        return None
    return ranked[0] / sum(ranked[1:4])


def rank_size_primacy(cities: int) -> float | None:
    """The primacy index a rank-size distribution implies for the top ``cities`` cities.

    Under the rank-size rule P_r = P_1 / r, the index P1 / (P2 + … + P_k) equals
    1 / Σ_{r=2..k} 1/r: 2 for the two-city index and 12/13 ≈ 0.92 for the four-city index
    (commonly rounded to 1). Source: Zipf, G. K. (1949), *Human Behavior and the Principle of
    Least Effort*; Auerbach (1913). ``None`` for fewer than two cities.
    """
    if cities < 2:
        return None
    return 1.0 / sum(1.0 / r for r in range(2, cities + 1))


def mean(values: Sequence[Number]) -> float | None:
    """Arithmetic mean; ``None`` for no values."""
    return float(sum(values)) / len(values) if values else None


def ols_slope(points: Sequence[tuple[Number, Number]]) -> float | None:
    """Least-squares slope of y on x: Σ(x−x̄)(y−ȳ) / Σ(x−x̄)².

    The ordinary least squares estimator (Legendre 1805, Gauss 1809; any econometrics text,
    e.g. Wooldridge, *Introductory Econometrics*, ch. 2). For a yearly series it is the average
    change per year. ``None`` with fewer than two points or when every x is the same.
    """
    if len(points) < 2:
        return None
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    sxx = sum((p[0] - mx) ** 2 for p in points)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx


def peak(series: Sequence[tuple[int, Number | None]]) -> tuple[int, float] | None:
    """The first year with the highest known value; ``None`` when no value is known."""
    known = [(year, float(v)) for year, v in series if v is not None]
    if not known:
        return None
    top = max(v for _, v in known)
    return next((year, v) for year, v in known if v == top)


def momentum(recent: Sequence[Number], peak_value: Number) -> float | None:
    """Recent activity relative to the peak: mean(recent values) / peak value.

    1 means activity has held at its peak, 0 that it has stopped. The measure states the
    paper's 高开低走 (high start, low finish: a peak in 2015–2017, fewer exchanges from 2018;
    Liu & Chen 2021, §一(二)1) as a ratio. ``None`` with no recent value or a peak of 0 or less.
    """
    average = mean(recent)
    if average is None or peak_value <= 0:
        return None
    return average / float(peak_value)


def ratio(part: Number, whole: Number) -> float | None:
    """part / whole, ``None`` when whole is 0 or less.

    Used for the shares and ratios of the paper's 三多三少 (Liu & Chen 2021, §一(二)2): the
    share of cooperation items in infrastructure, ecology and public services; the landing
    ratio, landed projects / agreements signed; and the market share, market-led initiatives
    / all initiatives.
    """
    if whole <= 0:
        return None
    return float(part) / float(whole)


def sparkline(values: Sequence[Number | None]) -> str:
    """One character per value, from ▁ (0 or the minimum) to █ (the maximum); · where unknown.

    The scale runs from min(0, smallest value) to the largest, so a count series starts at its
    true zero and small differences are not magnified. A word-sized graphic after Tufte, E.
    (2006), *Beautiful Evidence*.
    """
    known = [float(v) for v in values if v is not None]
    if not known:
        return MISSING_MARK * len(values)
    low, high = min(0.0, min(known)), max(known)
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append(MISSING_MARK)
        elif span == 0:
            out.append(BLOCKS[0])
        else:
            index = round((float(value) - low) / span * (len(BLOCKS) - 1))
            out.append(BLOCKS[index])
    return "".join(out)
