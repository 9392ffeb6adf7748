"""Quantitative measures behind the P1–P4 diagnostics: pure functions, no I/O.

Every function returns ``None`` when its measure is undefined for the input (a zero vector, fewer
members or points than the formula needs, a zero denominator). ``None`` is never replaced by 0:
an undefined measure is unknown, and a diagnostic built on it stays unknown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Number = float | int

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
    a, b = _shares(x), _shares(y)
    if a is None or b is None:
        return None
    dot = sum(p * q for p, q in zip(a, b, strict=True))
    norm = math.sqrt(sum(p * p for p in a) * sum(q * q for q in b))
    return min(1.0, max(0.0, dot / norm))


def krugman(x: Sequence[Number], y: Sequence[Number]) -> float | None:
    """Krugman specialisation (dissimilarity) index of two members.

    K_ij = Σ_k |x_ik − x_jk| over sector shares, each vector first normalised to sum to 1, so
    K lies in [0, 2]: 0 for identical structures, 2 for members with no sector in common.
    Source: Krugman, P. (1991), *Geography and Trade*, MIT Press (the regional specialisation
    index). ``None`` when either vector is all zeros.
    """
    _check_lengths(x, y)
    a, b = _shares(x), _shares(y)
    if a is None or b is None:
        return None
    return min(2.0, sum(abs(p - q) for p, q in zip(a, b, strict=True)))


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
