"""The structure of cost on large scenarios: work counted in operations, never timed.

Each test counts what would grow with the square of the input if a pairwise loop or a list
search inside a loop came back: similarity computations for P4, evidence comparisons for the
engine. Sizes double; the counts must grow no faster than the input.
"""

from __future__ import annotations

import io
import itertools
import math
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from coopscore.core import conditions, engine, metrics
from coopscore.core.conditions import Evidence
from coopscore.core.diagnostics import Diagnostic
from coopscore.diagnostics.p4_competition import logic as p4
from coopscore.formats import to_terminal
from coopscore.model.loader import LoadedScenario, parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.model.scenario import Scenario
from coopscore.pipeline.scoring import source_lines
from coopscore.report import assessment
from coopscore.report.findings import findings
from coopscore.report.words import Words

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
    calls: ClassVar[list[int]] = [0]

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


# ---------------------------------------------------------------- membership


class _Counted(str):
    """Text that counts its equality tests, which a list search makes with every item."""

    calls: ClassVar[list[int]] = [0]

    def __eq__(self, other: object) -> bool:
        _Counted.calls[0] += 1
        return str.__eq__(self, other)

    def __hash__(self) -> int:
        return str.__hash__(self)


def _membership_cost(size: int, spec: Callable[[list[_Counted]], dict[str, Any]]) -> int:
    """Equality tests made while one condition with an ``in`` list of ``size`` values is
    evaluated over ``size`` members (the list as long as the scenario: both grow together)."""
    ids = [_Counted(f"c{i}") for i in range(0, 2 * size, 2)]  # half of the members listed
    loaded = _scenario({"members": _members(size)})
    evaluator = conditions.Compiler(Scenario, {}).compile(spec(ids), ("met",))
    _Counted.calls[0] = 0
    ctx = conditions.Context(loaded.data, 2021, loaded.document.line_of)
    evaluator(ctx, loaded.data, ())
    return _Counted.calls[0]


@pytest.mark.parametrize("op", ["in", "not_in"])
@pytest.mark.parametrize("quantifier", ["all", "any", "count"])
def test_an_in_list_is_searched_in_constant_time_per_item(op: str, quantifier: str) -> None:
    def spec(ids: list[_Counted]) -> dict[str, Any]:
        test = {"path": "id", op: ids}
        if quantifier == "count":
            return {"each": "members", "where": test, "count": {"gte": 1}}
        return {"each": "members", quantifier: test}

    counts = [_membership_cost(size, spec) for size in (250, 500, 1000)]
    for smaller, larger in itertools.pairwise(counts):
        assert larger <= 2.2 * smaller + 10, counts  # a list search would make this 4×
    assert counts[-1] <= 2 * 1000, counts


def test_a_count_compared_with_a_long_in_list_is_searched_by_bisection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counts = []
    for size in (250, 500, 1000):
        # every pair counts its focus areas against ``size`` numbers: one search per pair
        pairs = [{"name": f"p{i}", "focus_areas": ["talent"] * (i % 3)} for i in range(size)]
        loaded = _scenario({"adjacent_pairs": pairs})
        numbers = [n / 2 for n in range(2 * size)]  # halves: a count may equal only whole ones
        spec = {"each": "adjacent_pairs", "all": {"each": "focus_areas", "count": {"in": numbers}}}
        evaluator = conditions.Compiler(Scenario, {}).compile(spec, ("met",))
        ctx = conditions.Context(loaded.data, 2021, loaded.document.line_of)
        with _counting(monkeypatch, conditions, ("_exact",)) as calls:
            assert evaluator(ctx, loaded.data, ()) is True
        counts.append(calls[0])
    for smaller, larger in itertools.pairwise(counts):
        assert larger <= 2.2 * smaller + 10, counts


_SCALARS = st.one_of(
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, -1.0, 2.5]),
    st.booleans(),
    st.none(),
    st.text(max_size=2),
)
_VALUES = st.one_of(
    _SCALARS,
    st.lists(_SCALARS, max_size=2),
    st.dictionaries(st.text(max_size=1), _SCALARS, max_size=2),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_VALUES, max_size=6), st.lists(_VALUES, max_size=6))
def test_choices_answer_as_a_list_search_does(values: list[Any], probes: list[Any]) -> None:
    choices = conditions.Choices(values)
    for value in [*probes, *values]:  # 1, 1.0 and True alike; lists and mappings by value
        assert (value in choices) == (value in values), value


@settings(max_examples=200, deadline=None)
@given(st.lists(_VALUES, max_size=8))
def test_distinct_values_are_those_a_list_search_finds(values: list[Any]) -> None:
    expected: list[Any] = []
    for value in values:
        if value not in expected:
            expected.append(value)
    assert conditions._distinct(values) == expected


def test_distinct_values_of_mappings_are_found_by_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = []
    for size in (500, 1000, 2000):
        values = [{"primary": i % (size // 2), "other": [i % 7]} for i in range(size)]
        with _counting(monkeypatch, conditions, ("_frozen",)) as calls:
            found = conditions._distinct(values)
        assert len(found) == len({(v["primary"], v["other"][0]) for v in values})
        assert found == [v for i, v in enumerate(values) if v not in values[:i]][: len(found)]
        counts.append(calls[0])
    for smaller, larger in itertools.pairwise(counts):
        assert larger <= 2.2 * smaller, counts


# ---------------------------------------------------------------- the terminal's quotes


def _one_line_scenario(members: int) -> LoadedScenario:
    """A scenario of ``members`` members written as one line of flow YAML."""
    data = {"schema_version": 1, "as_of": 2021, "members": _members(members)}
    data["cooperation_model"] = {"driver": "government_led"}  # a stated value: a gap to quote
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, default_flow_style=True, width=10**9)
    assert text.count("\n") <= 1
    return parse_scenario("flow.yaml", text)


def test_the_terminal_view_escapes_what_it_shows_not_whole_lines(
    rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[int] = []
    escape = to_terminal.terminal

    def counted(text: str) -> str:
        read.append(len(text))
        return escape(text)

    monkeypatch.setattr(to_terminal, "terminal", counted)
    for size in (200, 800):
        loaded = _one_line_scenario(size)
        a = engine.assess(loaded, rubric)
        a = a._replace(source_lines=source_lines(loaded))
        quoted = [r for r in a.gaps if r.evidence and r.evidence[0].line == 1]
        assert quoted, "no gap quotes the one line"
        read.clear()
        console = Console(file=io.StringIO(), width=80, record=True)
        to_terminal.draw(assessment.build(a, Words("en")), console)
        shown = console.export_text()
        assert len(loaded.document.text) > 20 * to_terminal.QUOTE_CHARS
        assert sum(read) <= 2 * len(shown), (sum(read), len(shown))
        assert "1 │ {" in shown  # the line is still quoted, cut
