"""P4 区域竞争与合作诉求并存 (§一(二)4): competition beside cooperation.

Flagged when members of one level converge in their industrial structure (a pair's similarity
coefficient reaches the rubric's bound) or when local protection is stated. Primacy against
the rank-size expectation is reported beside them; it does not flag. Pairs, forms and cities
are counted as stated present, stated absent and unknown, never an unknown as absent.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import combinations, islice, product
from typing import TYPE_CHECKING, Any, NamedTuple

from coopscore.core import metrics
from coopscore.core.conditions import Tri, any3
from coopscore.core.diagnostics.reading import Reader, conclude, rounded
from coopscore.core.diagnostics.results import Diagnostic, Tally, Threshold, verdict_of

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import P4Spec, Rubric
    from coopscore.model.scenario import Member

ID = "P4"
PROTECTION = ("market_access", "quality_standards", "administrative_fees", "household_registration")
LEVELS = {"province": "province", "municipality": "province"}
URBAN = ("city", "municipality")  # the members primacy ranks
# Local protection flags from this many forms stated present (the paper names each one a
# problem, §一(二)4).
PROTECTION_AT_LEAST = 1

# P4 lists the most similar pairs (at least this many, or the rubric's top_pairs if more) and
# names a few incomparable pairs; it counts all of them.
PAIRS_LISTED = 10
EXAMPLES_LISTED = 10
# Work allowed per group of comparable members (one step: a box pair or a pair compared): a
# fixed allowance plus so much per distinct structure, so that P4's cost grows linearly with the
# members, not with the pairs they make.
WORK_BASE = 20_000
WORK_PER_STRUCTURE = 16
# Similarities are shown, and compared with the threshold, rounded to 4 places; bounds decide
# a pair only when it lies at least this far from the threshold.
MARGIN = 1e-4


def _level(member: Member) -> str:
    return LEVELS.get(member.kind or "", member.kind or "unspecified")


class _Group(NamedTuple):
    """Members of one level with the same sectors, collapsed to their distinct structures."""

    level: str
    keys: tuple[str, ...]
    structures: list[metrics.Structure]
    owners: list[list[int]]  # positions of the members with each structure, in file order

    @property
    def size(self) -> int:
        return sum(len(o) for o in self.owners)


class _Found(NamedTuple):
    """What one group's bounded searches found."""

    tally: metrics.Tally
    nearest: metrics.Nearest
    min_krugman: float | None
    total: float  # Σ similarity over the group's pairs
    compared: int  # pairs compared one by one, by all three searches
    exact: bool  # every search finished within its budget


def _pairs_of(n: int) -> int:
    return n * (n - 1) // 2


def _group(
    level: str, keys: tuple[str, ...], positions: list[int], members: Sequence[Member]
) -> _Group:
    slots: dict[metrics.Point, int] = {}
    structures: list[metrics.Structure] = []
    owners: list[list[int]] = []
    for position in positions:
        shares = members[position].sector_shares or {}
        found = metrics.structure([shares[k] for k in keys])
        if found is None:  # all zeros: its pairs stay unknown
            continue
        slot = slots.setdefault(found.shares, len(structures))
        if slot == len(structures):
            structures.append(found)
            owners.append([])
        owners[slot].append(position)
    return _Group(level, keys, structures, owners)


def _search(group: _Group, threshold: float, count: int) -> _Found:
    """Similar pairs counted, the most similar found, the least Krugman index: bounded work."""
    structures = group.structures
    weights = [len(o) for o in group.owners]
    budget = WORK_BASE + WORK_PER_STRUCTURE * len(structures)
    units = [s.unit for s in structures]

    def similar(i: int, j: int) -> bool:
        return metrics.rounded_similarity(structures[i], structures[j]) >= threshold

    def apart(i: int, j: int) -> float:
        return metrics.chord(metrics.structure_similarity(structures[i], structures[j]))

    near, far = metrics.chord(threshold + MARGIN), metrics.chord(threshold - MARGIN)
    tree = metrics.boxes(units, weights)
    assert tree is not None  # a searched group has members
    tally = metrics.count_close(tree, near, far, similar, budget)
    same = sum(_pairs_of(w) for w in weights)  # members with one structure: S = 1
    tally = metrics.Tally(tally.low + same, tally.high + same, tally.compared)
    nearest = metrics.nearest_pairs(
        tree, count, apart, 2, budget, lambda d: metrics.chord(1 - d * d / 2 - MARGIN)
    )
    low_k: float | None = 0.0 if same else None
    compared = tally.compared + nearest.compared
    exact = tally.exact and nearest.exact
    shares = metrics.boxes([s.shares for s in structures])
    if not same and shares is not None:

        def krugman(i: int, j: int) -> float:
            return metrics.structure_krugman(structures[i], structures[j])

        closest = metrics.nearest_pairs(shares, 1, krugman, 1, budget)
        low_k = closest.pairs[0][0] if closest.pairs else None
        compared += closest.compared
        exact = exact and closest.exact
    total = metrics.similarity_sum(units, weights)
    return _Found(tally, nearest, low_k, total, compared, exact)


def _rows(
    group: _Group, found: _Found, members: Sequence[Member], count: int
) -> Iterator[dict[str, Any]]:
    """Candidate rows for the list of most similar pairs: up to ``count`` per structure pair."""
    keys = [(i, i) for i, o in enumerate(group.owners) if len(o) > 1]
    keys += [(i, j) for _, i, j in found.nearest.pairs]
    for i, j in keys:
        a, b = group.structures[i], group.structures[j]
        s = round(metrics.structure_similarity(a, b), 4)
        k = round(metrics.structure_krugman(a, b), 4)
        if i == j:
            couples: Iterator[tuple[int, ...]] = combinations(group.owners[i], 2)
        else:
            couples = product(group.owners[i], group.owners[j])
        for x, y in islice(couples, count):
            first, second = members[min(x, y)], members[max(x, y)]
            yield {
                "a": first.id,
                "b": second.id,
                "level": group.level,
                "sectors": len(group.keys),
                "similarity": s,
                "krugman": k,
            }


def _incomparable(
    by_sectors: dict[tuple[str, tuple[str, ...]], list[int]], members: Sequence[Member]
) -> tuple[int, list[list[str]]]:
    """Pairs of one level whose sectors differ: how many, and a few of them as examples."""
    heads: dict[str, list[int]] = {}
    stated: Counter[str] = Counter()
    same = 0
    for (level, _), positions in by_sectors.items():
        heads.setdefault(level, []).append(positions[0])
        stated[level] += len(positions)
        same += _pairs_of(len(positions))
    total = sum(_pairs_of(n) for n in stated.values()) - same
    examples: list[list[str]] = []
    for firsts in heads.values():
        for i, j in islice(combinations(firsts, 2), EXAMPLES_LISTED - len(examples)):
            examples.append([members[min(i, j)].id, members[max(i, j)].id])
    return total, examples


def _convergence(
    members: Sequence[Member], spec: P4Spec, reader: Reader
) -> tuple[Tri, dict[str, Any], Tally, Threshold]:
    """Converging structures among members of one level, at a cost that grows with the
    members, not with the pairs they make.

    Members with the same structure are compared once; pairs are counted and the most similar
    found through :mod:`coopscore.core.metrics`' bounded searches. The count is exact unless the
    searches reach their work limit; then it is a range, and the verdict follows the range.
    Pairs are listed up to a fixed number; incomparable ones are counted and a few named.
    """
    per_level = Counter(_level(m) for m in members)
    without: list[str] = []
    by_sectors: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for index, member in enumerate(members):
        if member.sector_shares is None:
            without.append(member.id)
            if per_level[_level(member)] > 1:
                reader.lack(f"members[{index}].sector_shares")
            continue
        reader.cite(("members", index, "sector_shares"), member.sector_shares)
        key = (_level(member), tuple(sorted(member.sector_shares)))
        by_sectors.setdefault(key, []).append(index)
    groups = [_group(lv, keys, pos, members) for (lv, keys), pos in by_sectors.items()]
    count = max(PAIRS_LISTED, spec.top_pairs)
    threshold = spec.similarity_at_least
    searched = [(g, _search(g, threshold, count)) for g in groups if g.size > 1]
    possible = sum(_pairs_of(n) for n in per_level.values())
    comparable = sum(_pairs_of(g.size) for g in groups)
    rows = (row for g, f in searched for row in _rows(g, f, members, count))
    pairs = heapq.nsmallest(count, rows, key=lambda p: (-p["similarity"], p["a"], p["b"]))
    low = sum(f.tally.low for _, f in searched)
    high = sum(f.tally.high for _, f in searched)
    exhaustive = all(f.exact for _, f in searched)
    krugman = [f.min_krugman for _, f in searched if f.min_krugman is not None]
    total = sum(f.total for _, f in searched)
    measures: dict[str, Any] = {
        "threshold": threshold,
        "pairs": pairs,
        "highest": pairs[: spec.top_pairs],
        "max_similarity": pairs[0]["similarity"] if pairs else None,
        "mean_similarity": rounded(total / comparable, 4) if comparable else None,
        "min_krugman": rounded(min(krugman), 4) if krugman else None,
        "comparable_pairs": comparable,
        "similar_pairs": low if low == high else None,
        "similar_pairs_bounds": [low, high],
        "structures": sum(len(g.structures) for g in groups),
        "comparisons": sum(f.compared for _, f in searched),
        "exhaustive": exhaustive,
        "pairs_unknown": possible - comparable,
        "members_without_sectors": without,
    }
    incomparable, examples = _incomparable(by_sectors, members)
    if incomparable:
        measures["incomparable"] = examples
        measures["incomparable_pairs"] = incomparable
    more = reader.is_open(("members",))  # members not listed may converge with these
    measures["members_exhaustive"] = not more
    value: Tri
    if low:
        value = True
    elif possible and possible == comparable and not high and not more:
        value = False
    else:
        value = None
        if more:
            reader.lack("members")
    # pairs that reach the bound, pairs surely below it, and pairs that cannot be told: no
    # comparable sector shares, or left open by a search that reached its work limit
    tally = Tally(
        "convergence",
        "pairs",
        low,
        comparable - high,
        possible - comparable + high - low,
        open=more,
    )
    top = measures["max_similarity"]
    settled = exhaustive and possible == comparable
    line = Threshold(
        "convergence",
        "max_similarity",
        top,
        top if settled else 1.0 if top is not None else None,
        threshold,
        "at_least",
        verdict_of(value),
    )
    return value, {"status": verdict_of(value), **measures}, tally, line


def _protection(
    scenario: LoadedScenario, reader: Reader
) -> tuple[Tri, dict[str, Any], Tally, Threshold]:
    """The forms of local protection stated present, stated absent and unknown: an unstated
    form is counted as unknown, never as absent, and bounds how many forms may be present."""
    barriers = scenario.model.barriers
    stated: list[str] = []
    cleared: list[str] = []
    unknown: list[str] = []
    for name in PROTECTION:
        value = getattr(barriers, name) if barriers else None
        if value is None:
            unknown.append(name)
            reader.lack(f"barriers.{name}")
        else:
            reader.cite(("barriers", name), value)
            (stated if value else cleared).append(name)
    enough = PROTECTION_AT_LEAST
    present, possible = len(stated), len(stated) + len(unknown)
    result: Tri = True if present >= enough else False if possible < enough else None
    measures = {"status": verdict_of(result), "stated": stated, "cleared": cleared}
    tally = Tally("local_protection", "forms", present, len(cleared), len(unknown))
    line = Threshold(
        "local_protection",
        "forms_present",
        present,
        possible,
        enough,
        "at_least",
        verdict_of(result),
    )
    return result, {**measures, "unknown": unknown}, tally, line


def _primacy(
    members: Sequence[Member], spec: P4Spec, reader: Reader
) -> tuple[dict[str, Any], Tally]:
    """Primacy among the member cities whose size is stated; those without one are named as
    unknown (they could rank anywhere), never taken as small. A municipality (直辖市, such as
    Shanghai) is a city here, though province-level when structures are compared."""
    attr = "population_m" if spec.primacy_basis == "population" else "gdp_bn_cny"
    cities: list[tuple[str, float]] = []
    unstated: list[str] = []
    for index, member in enumerate(members):
        value = getattr(member, attr)
        if member.kind in URBAN and value is not None:
            reader.cite(("members", index, attr), value)
            cities.append((member.id, float(value)))
        elif member.kind in URBAN:
            unstated.append(member.id)
    cities.sort(key=lambda c: -c[1])
    sizes = [v for _, v in cities]
    two, four = metrics.primacy_two_city(sizes), metrics.primacy_four_city(sizes)
    expected_two, expected_four = metrics.rank_size_primacy(2), metrics.rank_size_primacy(4)
    more = reader.is_open(("members",))  # a city not listed could rank anywhere
    tally = Tally("primacy", "cities", len(cities), 0, len(unstated), open=more)
    return {
        "basis": attr,
        "cities": [{"id": i, "value": v} for i, v in cities],
        "cities_unknown": unstated,
        "two_city": rounded(two),
        "two_city_rank_size": rounded(expected_two),
        "two_city_vs_rank_size": rounded(two / expected_two if two and expected_two else None),
        "four_city": rounded(four),
        "four_city_rank_size": rounded(expected_four),
        "four_city_vs_rank_size": rounded(four / expected_four if four and expected_four else None),
    }, tally


def diagnose(scenario: LoadedScenario, spec: P4Spec, rubric: Rubric) -> Diagnostic:
    """Converging structures or local protection flag; primacy is measured beside them."""
    reader = Reader(scenario)
    members = scenario.model.members or []
    convergence, converging, pairs, similarity = _convergence(members, spec, reader)
    protection, protecting, forms, present = _protection(scenario, reader)
    primacy, cities = _primacy(members, spec, reader)
    measures = {"convergence": converging, "local_protection": protecting, "primacy": primacy}
    return conclude(
        ID,
        spec,
        any3([convergence, protection]),
        measures,
        reader,
        tallies=(pairs, forms, cities),
        thresholds=(similarity, present),
    )
