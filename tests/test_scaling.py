"""The structure of cost on large scenarios: work counted in operations, never timed.

Each test counts what would grow with the square of the input if a pairwise loop or a list
search inside a loop came back: similarity computations for P4, evidence comparisons for the
engine. Sizes double; the counts must grow no faster than the input.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import yaml

from coopscore.core import engine, metrics
from coopscore.core.conditions import Evidence
from coopscore.core.diagnostics import Diagnostic
from coopscore.core.diagnostics import p4_competition as p4
from coopscore.formats.findings import findings
from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import Rubric

PAIR_FUNCTIONS = ("structure_similarity", "rounded_similarity", "structure_krugman")


def _members(count: int, seed: int = 0) -> list[dict[str, Any]]:
    """``count`` cities with distinct three-sector structures spread like real ones."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        primary, secondary = round(rng.uniform(0.01, 0.3), 4), round(rng.uniform(0.25, 0.6), 4)
        shares = {
            "primary": primary,
            "secondary": secondary,
            "tertiary": round(1 - primary - secondary, 4),
        }
        out.append({"id": f"c{index}", "kind": "city", "sector_shares": shares})
    return out


def _scenario(data: dict[str, Any]) -> LoadedScenario:
    text = yaml.dump({"schema_version": 1, "as_of": 2021, **data}, Dumper=yaml.CSafeDumper)
    return parse_scenario("large.yaml", text)


@contextmanager
def _counting(
    monkeypatch: pytest.MonkeyPatch, module: Any, names: tuple[str, ...]
) -> Iterator[list[int]]:
    """Count the calls of ``module``'s functions ``names`` while the block runs."""
    calls = [0]

    def counted(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            return function(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as patch:
        for name in names:
            patch.setattr(module, name, counted(getattr(module, name)))
        yield calls


def _p4(rubric: Rubric, members: list[dict[str, Any]]) -> Diagnostic:
    return p4.diagnose(_scenario({"members": members}), rubric.spec.diagnostics.P4, rubric)


# ---------------------------------------------------------------- P4 pairs


def test_p4_lists_a_bounded_number_of_pairs_for_2000_members(rubric: Rubric) -> None:
    members = _members(2000)
    members[5]["sector_shares"] = {"agriculture": 0.5, "other": 0.5}  # incomparable with all
    loaded = _scenario({"members": members})
    found = {d.id: d for d in engine.assess(loaded, rubric).diagnostics}
    conv = found["P4"].measures["convergence"]
    spec = rubric.spec.diagnostics.P4
    assert len(conv["pairs"]) == max(p4.PAIRS_LISTED, spec.top_pairs)
    assert len(conv["highest"]) == spec.top_pairs
    assert len(conv["incomparable"]) <= p4.EXAMPLES_LISTED
    assert conv["incomparable_pairs"] == len(members) - 1  # counted exactly, listed by example
    assert conv["comparable_pairs"] == math.comb(len(members) - 1, 2)
    low, high = conv["similar_pairs_bounds"]
    assert 0 < low <= high <= conv["comparable_pairs"]
    assert conv["status"] == "flagged"  # these structures converge: some pair reaches 0.9
    assert len(findings(found["P4"], "en")) < 20  # words do not grow with the members


def test_p4_similarity_computations_grow_linearly(
    rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Below its fixed allowance P4 compares every pair; a small one shows the regime beyond it.
    monkeypatch.setattr(p4, "WORK_BASE", 1_000)
    counts = []
    for size in (250, 500, 1000):
        members = _members(size)
        with _counting(monkeypatch, metrics, PAIR_FUNCTIONS) as calls:
            _p4(rubric, members)
        counts.append(calls[0])
        # three searches, each within its budget (and one leaf pair beyond it), and the list
        budget = p4.WORK_BASE + p4.WORK_PER_STRUCTURE * size
        assert calls[0] <= 3 * (budget + metrics.LEAF_SIZE**2) + 100
    for smaller, larger in itertools.pairwise(counts):
        assert larger <= 2.2 * smaller, counts  # every pair compared would make this 4×
    assert counts[-1] < math.comb(1000, 2) // 10


def test_p4_members_sharing_a_structure_are_compared_once(
    rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    members = [{**m, "id": f"{m['id']}-{copy}"} for m in _members(20) for copy in range(100)]
    with _counting(monkeypatch, metrics, PAIR_FUNCTIONS) as calls:
        conv = _p4(rubric, members).measures["convergence"]
    assert conv["structures"] == 20 and conv["exhaustive"]
    assert conv["similar_pairs"] is not None and conv["similar_pairs"] >= 20 * math.comb(100, 2)
    assert calls[0] <= 4 * math.comb(20, 2)  # not 2000 members' 2 million pairs


def test_p4_out_of_budget_gives_a_range_that_holds_the_true_count(
    rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    members = _members(300, seed=3)
    spec = rubric.spec.diagnostics.P4
    true = sum(_similarity(a, b) >= spec.similarity_at_least for a, b in _all_pairs(members))
    monkeypatch.setattr(p4, "WORK_BASE", 100)
    monkeypatch.setattr(p4, "WORK_PER_STRUCTURE", 1)
    d = _p4(rubric, members)
    conv = d.measures["convergence"]
    low, high = conv["similar_pairs_bounds"]
    assert not conv["exhaustive"] and conv["similar_pairs"] is None
    assert low <= true <= high and low < high
    assert any("work limit" in line for line in findings(d, "en"))
    assert d.status == ("flagged" if low else "unknown")


def _similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    keys = sorted(a["sector_shares"])
    value = metrics.similarity(
        [a["sector_shares"][k] for k in keys], [b["sector_shares"][k] for k in keys]
    )
    assert value is not None
    return round(value, 4)


def _all_pairs(items: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for index, first in enumerate(items):
        for second in items[index + 1 :]:
            yield first, second


# ---------------------------------------------------------------- evidence


def test_merging_evidence_compares_items_with_the_same_path_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def items(count: int, value: int) -> list[Evidence]:
        return [Evidence(f"adjacent_pairs[{i}].status", value, i + 1) for i in range(count)]

    counts = []
    for size in (1000, 2000):
        first, then = items(size, 1), items(size, 2)
        with _counting(monkeypatch, Evidence, ("__eq__",)) as calls:
            merged = engine._merged(first, then)
        assert len(merged) == 2 * size
        counts.append(calls[0])
    assert counts[1] <= 2 * counts[0] + 1 and counts[1] <= 2 * 2000


def test_evaluating_a_criterion_compares_evidence_linearly(
    rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    criterion = next(c for c in rubric.criteria if c.spec.code == "ADJ003")
    counts = []
    for size in (500, 1000):
        # unmet, so the partial condition reads every pair's focus_areas a second time
        pairs = [{"name": f"pair {i}", "focus_areas": []} for i in range(size)]
        loaded = _scenario({"adjacent_pairs": pairs})
        with _counting(monkeypatch, Evidence, ("__eq__",)) as calls:
            engine.evaluate(criterion, loaded, 0.5)
        counts.append(calls[0])
    assert counts[1] <= 2.2 * counts[0] + 10, counts
