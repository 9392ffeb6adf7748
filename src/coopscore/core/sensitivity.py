"""How robust is a ranking to the choice of weights? Composite-indicator practice (OECD/JRC).

Following the OECD/JRC *Handbook on Constructing Composite Indicators* (2008, ch. 7), the
dimension weights are perturbed at random (uniformly within ±spread of their nominal value) and,
optionally, the aggregation switched between arithmetic and geometric means. Each run re-ranks
the scenarios; we report the nominal rank, the median and the 5–95% interval of ranks, and for
each pair how often their nominal order holds. Scenarios whose score is withheld are not ranked.
"""

from __future__ import annotations

import math
import random
from typing import Literal, NamedTuple

from coopscore.core.bounds import rank_ranges

Aggregation = Literal["arithmetic", "geometric", "both"]


class Entry(NamedTuple):
    id: str
    scores: tuple[float | None, ...]  # one per dimension, None when the dimension has no score
    bounds: tuple[float, float] | None = None  # the overall score's bounds, from the facts
    name: object = None  # the scenario's name as its file gives it ({en, zh} or text), if any


class Ranked(NamedTuple):
    id: str
    nominal_score: float
    nominal_rank: int
    median_rank: float
    p5: int
    p95: int
    # The ranks the scenario's and everyone's score bounds allow (missing facts, not weights).
    facts_best: int | None = None
    facts_worst: int | None = None

    @property
    def stable(self) -> bool:
        return self.p5 == self.p95 == self.nominal_rank


class Pair(NamedTuple):
    ahead: str
    behind: str
    holds: float  # share of runs in which ``ahead`` stays ahead


class Result(NamedTuple):
    runs: int
    spread: float
    aggregation: Aggregation
    seed: int
    ranked: tuple[Ranked, ...]
    pairs: tuple[Pair, ...]
    # Scenarios with a dimension at 0: a geometric mean is 0 for them, whatever the weights.
    zeroed: tuple[str, ...] = ()
    names: tuple[tuple[str, object], ...] = ()  # each scenario id's name, where it has one


def aggregate(scores: tuple[float | None, ...], weights: list[float], geometric: bool) -> float:
    pairs = [(w, s) for w, s in zip(weights, scores, strict=True) if s is not None]
    total = sum(w for w, _ in pairs)
    if geometric:
        if any(s <= 0 for _, s in pairs):
            return 0.0  # a zero dimension cannot be compensated under geometric aggregation
        return math.exp(sum(w * math.log(s) for w, s in pairs) / total)
    return sum(w * s for w, s in pairs) / total


def ranks(values: list[float]) -> list[int]:
    """Competition ranks, 1 = highest: equal values share the better rank."""
    order = sorted(values, reverse=True)
    first: dict[float, int] = {}
    for position, value in enumerate(order, 1):
        first.setdefault(value, position)
    return [first[v] for v in values]


def percentile(sorted_values: list[int], q: float) -> int:
    """Nearest-rank percentile (q in 0..1)."""
    index = max(0, math.ceil(q * len(sorted_values)) - 1)
    return sorted_values[index]


def run(
    entries: list[Entry],
    weights: list[float],
    runs: int = 1000,
    spread: float = 0.25,
    aggregation: Aggregation = "arithmetic",
    seed: int = 0,
) -> Result:
    if not entries:
        return Result(runs, spread, aggregation, seed, (), ())
    rng = random.Random(seed)
    nominal = [aggregate(e.scores, weights, aggregation == "geometric") for e in entries]
    nominal_ranks = ranks(nominal)
    samples: list[list[int]] = [[] for _ in entries]
    n = len(entries)
    ahead = [[0] * n for _ in range(n)]
    for _ in range(runs):
        w = [base * rng.uniform(1 - spread, 1 + spread) for base in weights]
        geometric = aggregation == "geometric" or (aggregation == "both" and rng.random() < 0.5)
        values = [aggregate(e.scores, w, geometric) for e in entries]
        for i, r in enumerate(ranks(values)):
            samples[i].append(r)
        for i in range(n):
            for j in range(n):
                if values[i] > values[j]:
                    ahead[i][j] += 1
    by_facts = rank_ranges([e.bounds for e in entries])
    ranked = []
    for i, entry in enumerate(entries):
        facts = by_facts[i] or (None, None)
        s = sorted(samples[i])
        median = (s[(runs - 1) // 2] + s[runs // 2]) / 2
        ranked.append(
            Ranked(
                entry.id,
                nominal[i],
                nominal_ranks[i],
                median,
                percentile(s, 0.05),
                percentile(s, 0.95),
                *facts,
            )
        )
    pairs = []
    for i in range(n):
        for j in range(n):
            if nominal[i] > nominal[j]:
                pairs.append(Pair(entries[i].id, entries[j].id, ahead[i][j] / runs))
    ranked.sort(key=lambda r: (r.nominal_rank, r.id))
    pairs.sort(key=lambda p: (p.holds, p.ahead, p.behind))
    zeroed: tuple[str, ...] = ()
    if aggregation != "arithmetic":
        zeroed = tuple(e.id for e in entries if any(s is not None and s <= 0 for s in e.scores))
    names = tuple((e.id, e.name) for e in entries if e.name is not None)
    return Result(runs, spread, aggregation, seed, tuple(ranked), tuple(pairs), zeroed, names)
