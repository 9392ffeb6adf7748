"""The diagnostics' formulas against values worked out by hand, their edge cases and invariants."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopscore.core import metrics

# ---------------------------------------------------------------- similarity (UNIDO)


def test_similarity_hand_computed() -> None:
    # (1,2,3)·(4,5,6) = 32; |a|² = 14, |b|² = 77; 32 / sqrt(1078) = 0.974631846...
    assert metrics.similarity([1, 2, 3], [4, 5, 6]) == pytest.approx(0.974631846, abs=1e-9)
    # two-sector shares: (0.5·0.2 + 0.5·0.8) / sqrt(0.5 · 0.68) = 0.5 / 0.583095 = 0.857493
    assert metrics.similarity([0.5, 0.5], [0.2, 0.8]) == pytest.approx(0.857493, abs=1e-6)


def test_similarity_limits_and_scale() -> None:
    assert metrics.similarity([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) == pytest.approx(1.0)
    assert metrics.similarity([1, 0], [0, 1]) == 0.0
    # the coefficient does not care whether shares or values are given
    assert metrics.similarity([2, 3, 5], [0.2, 0.3, 0.5]) == pytest.approx(1.0)
    assert metrics.similarity([1], [3]) == pytest.approx(1.0)


def test_similarity_undefined_for_zero_vectors_never_zero() -> None:
    assert metrics.similarity([0, 0, 0], [0.2, 0.3, 0.5]) is None
    assert metrics.similarity([0.2, 0.3, 0.5], [0, 0, 0]) is None
    assert metrics.similarity([], []) is None


def test_similarity_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="different lengths"):
        metrics.similarity([0.5, 0.5], [1.0])
    with pytest.raises(ValueError, match="negative"):
        metrics.similarity([-0.1, 1.1], [0.5, 0.5])


# ---------------------------------------------------------------- Krugman


def test_krugman_hand_computed() -> None:
    # |0.2-0.5| + |0.3-0.3| + |0.5-0.2| = 0.6
    assert metrics.krugman([0.2, 0.3, 0.5], [0.5, 0.3, 0.2]) == pytest.approx(0.6)
    # values are normalised first: (2,3,5) is (0.2,0.3,0.5)
    assert metrics.krugman([2, 3, 5], [0.5, 0.3, 0.2]) == pytest.approx(0.6)
    assert metrics.krugman([1, 0], [0, 1]) == pytest.approx(2.0)
    assert metrics.krugman([0.1, 0.9], [0.1, 0.9]) == 0.0


def test_krugman_undefined_for_zero_vectors() -> None:
    assert metrics.krugman([0, 0], [0.5, 0.5]) is None
    with pytest.raises(ValueError):
        metrics.krugman([0.5, 0.5], [1.0])


# ---------------------------------------------------------------- primacy


def test_two_city_primacy() -> None:
    assert metrics.primacy_two_city([10, 5, 2]) == pytest.approx(2.0)
    assert metrics.primacy_two_city([5, 12.5]) == pytest.approx(2.5)  # order does not matter
    assert metrics.primacy_two_city([7]) is None  # one member
    assert metrics.primacy_two_city([]) is None
    assert metrics.primacy_two_city([3, 0]) is None


def test_four_city_primacy() -> None:
    # 20 / (8 + 6 + 6) = 1
    assert metrics.primacy_four_city([6, 20, 8, 6, 1]) == pytest.approx(1.0)
    assert metrics.primacy_four_city([3, 2, 1]) is None  # needs four cities
    assert metrics.primacy_four_city([1, 0, 0, 0]) is None


def test_rank_size_expectation() -> None:
    assert metrics.rank_size_primacy(2) == pytest.approx(2.0)
    # 1 / (1/2 + 1/3 + 1/4) = 12/13
    assert metrics.rank_size_primacy(4) == pytest.approx(12 / 13)
    assert metrics.rank_size_primacy(1) is None
    # a city system that follows the rank-size rule exactly meets the expectation
    zipf = [120 / r for r in range(1, 6)]
    assert metrics.primacy_two_city(zipf) == pytest.approx(metrics.rank_size_primacy(2))
    assert metrics.primacy_four_city(zipf) == pytest.approx(metrics.rank_size_primacy(4))


def test_primacy_rejects_negative_sizes() -> None:
    with pytest.raises(ValueError):
        metrics.primacy_two_city([3, -1])


# ---------------------------------------------------------------- trend and momentum


def test_ols_slope_hand_computed() -> None:
    assert metrics.ols_slope([(0, 1), (1, 3), (2, 5)]) == pytest.approx(2.0)
    assert metrics.ols_slope([(2019, 4), (2021, 1)]) == pytest.approx(-1.5)
    # x̄ = 2016.5, ȳ = 21/8; Σ(x−x̄)(y−ȳ) = −5.5, Σ(x−x̄)² = 42
    series = list(zip(range(2013, 2021), [1, 2, 6, 2, 5, 2, 3, 0], strict=True))
    assert metrics.ols_slope(series) == pytest.approx(-5.5 / 42)


def test_ols_slope_needs_two_distinct_points() -> None:
    assert metrics.ols_slope([(2020, 5)]) is None  # a single data point
    assert metrics.ols_slope([]) is None
    assert metrics.ols_slope([(2020, 5), (2020, 7)]) is None


def test_peak_first_of_ties_and_missing_years() -> None:
    assert metrics.peak([(2015, 3), (2016, 5), (2017, 5)]) == (2016, 5.0)
    assert metrics.peak([(2015, None), (2016, 2)]) == (2016, 2.0)
    assert metrics.peak([(2015, None)]) is None
    assert metrics.peak([]) is None


def test_momentum_and_mean() -> None:
    assert metrics.momentum([2, 3, 0], 6) == pytest.approx((5 / 3) / 6)
    assert metrics.momentum([6], 6) == pytest.approx(1.0)
    assert metrics.momentum([], 6) is None
    assert metrics.momentum([0, 0], 0) is None  # no peak: undefined, not 0
    assert metrics.mean([]) is None
    assert metrics.mean([1, 2]) == pytest.approx(1.5)


def test_ratio() -> None:
    assert metrics.ratio(1, 4) == pytest.approx(0.25)
    assert metrics.ratio(3, 2) == pytest.approx(1.5)  # a landing ratio may exceed 1
    assert metrics.ratio(0, 0) is None
    assert metrics.ratio(2, 0) is None


# ---------------------------------------------------------------- sparkline


def test_sparkline_hand_computed() -> None:
    # index = round(v / 6 * 7): 1→1, 2→2, 6→7, 5→6, 3→4 (3.5 rounds to even), 0→0
    assert metrics.sparkline([1, 2, 6, 2, 5, 2, 3, 0]) == "▂▃█▃▇▃▅▁"
    assert metrics.sparkline([0, 7]) == "▁█"
    assert metrics.sparkline([5, 5]) == "██"  # the scale starts at 0, not at the minimum
    assert metrics.sparkline([0, 0]) == "▁▁"


def test_sparkline_marks_missing_years() -> None:
    assert metrics.sparkline([None, 4, None, 0]) == "·█·▁"
    assert metrics.sparkline([None, None]) == "··"
    assert metrics.sparkline([]) == ""


# ---------------------------------------------------------------- invariants

share = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def vector_pairs(draw: st.DrawFn) -> tuple[list[float], list[float]]:
    n = draw(st.integers(min_value=1, max_value=12))
    x = draw(st.lists(share, min_size=n, max_size=n))
    y = draw(st.lists(share, min_size=n, max_size=n))
    return x, y


@given(vector_pairs())
def test_similarity_is_bounded_and_symmetric(pair: tuple[list[float], list[float]]) -> None:
    x, y = pair
    s = metrics.similarity(x, y)
    assert s == metrics.similarity(y, x)
    if sum(x) == 0 or sum(y) == 0:
        assert s is None
    else:
        assert s is not None and 0.0 <= s <= 1.0


@given(vector_pairs())
def test_krugman_is_bounded_and_symmetric(pair: tuple[list[float], list[float]]) -> None:
    x, y = pair
    k = metrics.krugman(x, y)
    other = metrics.krugman(y, x)
    if sum(x) == 0 or sum(y) == 0:
        assert k is None and other is None
    else:
        assert k is not None and other is not None
        assert 0.0 <= k <= 2.0
        assert k == pytest.approx(other)


@given(st.lists(share, min_size=1, max_size=12).filter(lambda v: sum(v) > 0))
def test_a_structure_is_identical_to_itself(x: list[float]) -> None:
    assert metrics.similarity(x, x) == pytest.approx(1.0)
    assert metrics.krugman(x, x) == pytest.approx(0.0, abs=1e-12)


@given(st.lists(st.floats(min_value=0.01, max_value=1e4, allow_nan=False), min_size=2, max_size=20))
def test_primacy_is_at_least_one(sizes: list[float]) -> None:
    two = metrics.primacy_two_city(sizes)
    assert two is not None and two >= 1.0


@given(
    st.floats(min_value=-100, max_value=100, allow_nan=False),
    st.floats(min_value=-10, max_value=10, allow_nan=False),
    st.integers(min_value=2, max_value=15),
)
def test_slope_of_a_straight_line_is_its_gradient(a: float, b: float, n: int) -> None:
    points = [(2000 + i, a + b * i) for i in range(n)]
    slope = metrics.ols_slope(points)
    assert slope is not None and math.isclose(slope, b, rel_tol=1e-6, abs_tol=1e-6)


@given(st.lists(st.one_of(st.none(), share), max_size=30))
def test_sparkline_has_one_mark_per_year(values: list[float | None]) -> None:
    line = metrics.sparkline(values)
    assert len(line) == len(values)
    for value, mark in zip(values, line, strict=True):
        assert (mark == metrics.MISSING_MARK) == (value is None)
        if value is not None:
            assert mark in metrics.BLOCKS


# ---------------------------------------------------------------- many pairs, bounded work


@given(vector_pairs().filter(lambda p: sum(p[0]) > 0 and sum(p[1]) > 0))
def test_rounded_similarity_is_the_coefficient_rounded(
    pair: tuple[list[float], list[float]],
) -> None:
    a, b = metrics.structure(pair[0]), metrics.structure(pair[1])
    assert a is not None and b is not None
    assert metrics.rounded_similarity(a, b) == round(metrics.structure_similarity(a, b), 4)
    assert metrics.structure_similarity(a, b) == metrics.similarity(*pair)


def _cloud(count: int, dims: int, seed: int) -> list[metrics.Structure]:
    rng = random.Random(seed)
    out = [metrics.structure([rng.uniform(0.1, 1.0) for _ in range(dims)]) for _ in range(count)]
    return [s for s in out if s is not None]


def test_similarity_sum_adds_every_pair() -> None:
    points = _cloud(40, 3, 1)
    weights = [1 + i % 3 for i in range(len(points))]
    members = [p for p, w in zip(points, weights, strict=True) for _ in range(w)]
    brute = sum(
        metrics.structure_similarity(a, b) for i, a in enumerate(members) for b in members[i + 1 :]
    )
    units = [p.unit for p in points]
    assert metrics.similarity_sum(units, weights) == pytest.approx(brute, rel=1e-9)


@pytest.mark.parametrize(("dims", "level"), [(2, 0.99), (3, 0.95), (3, 0.999), (5, 0.9)])
def test_counting_close_pairs_agrees_with_every_pair(dims: int, level: float) -> None:
    points = _cloud(300, dims, dims)
    weights = [1 + i % 2 for i in range(len(points))]
    tree = metrics.boxes([p.unit for p in points], weights)
    assert tree is not None

    def close(i: int, j: int) -> bool:
        return metrics.structure_similarity(points[i], points[j]) >= level

    pairs = [(i, j) for i in range(len(points)) for j in range(i + 1, len(points))]
    true = sum(weights[i] * weights[j] for i, j in pairs if close(i, j))
    near, far = metrics.chord(level + 1e-9), metrics.chord(level - 1e-9)
    exact = metrics.count_close(tree, near, far, close, 10**9)
    assert exact.exact and exact.low == true
    assert exact.compared < len(pairs)  # whole boxes were decided at once
    bounded = metrics.count_close(tree, near, far, close, 200)
    assert bounded.low <= true <= bounded.high


@pytest.mark.parametrize("order", [1, 2])
def test_nearest_pairs_agree_with_every_pair(order: int) -> None:
    points = _cloud(250, 3, 7)
    coords = [p.unit if order == 2 else p.shares for p in points]

    def distance(i: int, j: int) -> float:
        gaps = [abs(x - y) for x, y in zip(coords[i], coords[j], strict=True)]
        return sum(gaps) if order == 1 else math.sqrt(sum(g * g for g in gaps))

    tree = metrics.boxes(coords)
    assert tree is not None
    every = sorted(distance(i, j) for i in range(len(points)) for j in range(i + 1, len(points)))
    found = metrics.nearest_pairs(tree, 5, distance, order, 10**9)
    assert found.exact
    assert [d for d, _, _ in found.pairs[:5]] == pytest.approx(every[:5])
    cut = metrics.nearest_pairs(tree, 5, distance, order, 3)
    assert not cut.exact and all(d >= every[0] for d, _, _ in cut.pairs)
