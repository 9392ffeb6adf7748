"""The condition language: three-valued logic, each form, and path checking at compile time."""

from __future__ import annotations

from typing import Any

import pytest

from coopscore.core.conditions import Compiler, ConditionError, Context, all3, any3
from coopscore.model.scenario import Scenario

from .conftest import scenario_from

COMPILER = Compiler(Scenario, {"years": 2})


def run(spec: dict[str, Any], fragment: dict[str, Any]) -> tuple[bool | None, Context]:
    loaded = scenario_from(fragment)
    ctx = Context(loaded.data, loaded.model.as_of, loaded.document.line_of)
    return COMPILER.compile(spec, ())(ctx, loaded.data, ()), ctx


@pytest.mark.parametrize(
    ("values", "all_", "any_"),
    [
        ([True, True], True, True),
        ([True, None], None, True),
        ([False, None], False, None),
        ([None, None], None, None),
        ([False, False], False, False),
        ([], True, False),
    ],
)
def test_kleene_truth_tables(
    values: list[bool | None], all_: bool | None, any_: bool | None
) -> None:
    assert all3(values) is all_
    assert any3(values) is any_


def test_a_missing_fact_is_unknown_and_named() -> None:
    value, ctx = run({"path": "council.charter", "eq": True}, {"council": {}})
    assert value is None
    assert ctx.unknown == ["council.charter"]


def test_not_keeps_unknown_unknown() -> None:
    assert run({"not": {"path": "council.charter", "eq": True}}, {})[0] is None
    assert (
        run({"not": {"path": "council.charter", "eq": True}}, {"council": {"charter": False}})[0]
        is True
    )


def test_measures_len_distinct_and_age() -> None:
    enclaves = [{"name": "a", "mode": "talent"}, {"name": "b", "mode": "talent"}]
    assert run({"path": "enclaves", "measure": "len", "eq": 2}, {"enclaves": enclaves})[0] is True
    value, ctx = run(
        {"path": "enclaves[].mode", "measure": "distinct", "eq": 1}, {"enclaves": enclaves}
    )
    assert value is True
    assert ctx.evidence[0].value == ["talent"]
    body = {"institutions": {"decision": [{"name": "f", "last_met": 2018}]}}
    spec = {"path": "institutions.decision[].last_met", "measure": "max", "lt": 2019}
    assert run(spec, body)[0] is True
    each = {
        "each": "institutions.decision",
        "any": {"path": "last_met", "measure": "age", "lte": "$years"},
    }
    assert run(each, body)[0] is False  # 2021 - 2018 = 3 > 2


def test_unstated_items_matter_only_when_they_could_change_a_distinct_count() -> None:
    enclaves = [{"name": "a", "mode": "talent"}, {"name": "b"}]
    modes = {"path": "enclaves[].mode", "measure": "distinct"}
    assert run({**modes, "gte": 1}, {"enclaves": enclaves})[0] is True  # 1 or 2: both >= 1
    value, ctx = run({**modes, "gte": 2}, {"enclaves": enclaves})
    assert value is None  # 1 or 2 distinct: undecided
    assert ctx.unknown == ["enclaves[1].mode"]
    two = [{"name": n, "mode": m} for n, m in (("a", "talent"), ("b", "industrial"))]
    assert run({**modes, "lt": 2}, {"enclaves": two})[0] is False
    nested = {
        "judicial": {
            "cooperation": [{"name": "a", "fields": ["intellectual_property"]}, {"name": "b"}]
        }
    }
    deep = {"path": "judicial.cooperation[].fields[]", "measure": "distinct", "lte": 5}
    assert run(deep, nested)[0] is None  # an unstated list could hold any number of fields
    assert run({"path": "enclaves[].mode", "measure": "distinct", "eq": 0}, {})[0] is None


def test_age_without_as_of_is_unknown() -> None:
    loaded = scenario_from({"adjacent_pairs": [{"name": "p", "last_active": 2015}]})
    data = dict(loaded.data)
    ctx = Context(data, None, loaded.document.line_of)
    spec = {"each": "adjacent_pairs", "all": {"path": "last_active", "measure": "age", "lte": 3}}
    assert COMPILER.compile(spec, ())(ctx, data, ()) is None
    assert ctx.unknown == ["as_of"]


def test_each_count_is_decided_only_when_unknown_items_cannot_change_it() -> None:
    spec = {
        "each": "cooperation_model.sub_clusters",
        "where": {"path": "active", "eq": True},
        "count": {"gte": 2},
    }
    clusters = [{"name": "a", "active": True}, {"name": "b"}, {"name": "c", "active": True}]
    assert run(spec, {"cooperation_model": {"sub_clusters": clusters}})[0] is True
    clusters = [{"name": "a", "active": True}, {"name": "b"}]
    assert run(spec, {"cooperation_model": {"sub_clusters": clusters}})[0] is None
    clusters = [{"name": "a", "active": False}, {"name": "b", "active": False}]
    assert run(spec, {"cooperation_model": {"sub_clusters": clusters}})[0] is False


def test_each_all_and_any_over_items() -> None:
    spec_all = {"each": "platforms", "all": {"path": "mutual_recognition", "eq": True}}
    spec_any = {"each": "platforms", "any": {"path": "mutual_recognition", "eq": True}}
    mixed = {"platforms": [{"name": "a", "mutual_recognition": True}, {"name": "b"}]}
    assert run(spec_all, mixed)[0] is None
    assert run(spec_any, mixed)[0] is True
    assert run(spec_all, {"platforms": []})[0] is True
    assert run(spec_any, {"platforms": []})[0] is False


def test_coalesce_takes_the_first_known_answer() -> None:
    spec = {
        "coalesce": [
            {"path": "council.charter", "eq": True},
            {"path": "council.rules_of_procedure", "eq": True},
        ]
    }
    assert run(spec, {"council": {"rules_of_procedure": True}})[0] is True
    assert run(spec, {"council": {"charter": False, "rules_of_procedure": True}})[0] is False


def test_compare_two_paths() -> None:
    spec = {"path": "council.member_count", "gt": {"path": "council.capital_members"}}
    assert run(spec, {"council": {"member_count": 4, "capital_members": 4}})[0] is False
    assert run(spec, {"council": {"member_count": 41, "capital_members": 4}})[0] is True
    assert run(spec, {"council": {"member_count": 41}})[0] is None


def test_exists_is_about_being_stated() -> None:
    assert run({"path": "council", "exists": True}, {})[0] is False
    assert run({"path": "council", "exists": True}, {"council": {}})[0] is True


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"path": "institutions.executive", "measure": "len", "gte": 1}, "no field 'executive'"),
        ({"path": "enclaves[].mode", "eq": "talent"}, "needs a measure"),
        ({"path": "enclaves[].mode", "measure": "median", "gte": 1}, "unknown measure"),
        ({"path": "cooperation_model.driver", "eq": "market"}, "not a value"),
        ({"path": "council.charter"}, "exactly one test"),
        ({"path": "council.member_count", "gte": "$nope"}, "unknown parameter"),
        ({"path": "council.member_count", "gte": "many"}, "compares with a number"),
        ({"each": "council", "any": {"path": "charter", "eq": True}}, "needs a list path"),
        ({"all": []}, "non-empty list"),
        ({"whatever": 1}, "unknown condition form"),
        ({"path": "council.charter", "eq": True, "extra": 1}, "unexpected key"),
    ],
)
def test_malformed_conditions_are_refused(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        COMPILER.compile(spec, ())


# ---------------------------------------------------------------- counts, shares


def test_len_counts_an_entry_as_its_count() -> None:
    split = {"enclaves": [{"name": f"t{i}", "mode": "talent"} for i in range(7)]}
    joined = {"enclaves": [{"name": "Talent enclaves", "mode": "talent", "count": 7}]}
    for fragment in (split, joined):
        value, ctx = run({"path": "enclaves", "measure": "len", "eq": 7}, fragment)
        assert value is True
        assert ctx.evidence[0].value == 7
    plans = {"plans": {"special_plans": [{"name": "1+N", "count": 2}, {"name": "Market plan"}]}}
    assert run({"path": "plans.special_plans", "measure": "len", "eq": 3}, plans)[0] is True
    # distinct values are not multiplied: three enclaves of one mode are one mode
    assert run({"path": "enclaves[].mode", "measure": "distinct", "eq": 1}, joined)[0] is True


def test_each_count_weighs_each_item_by_its_count() -> None:
    spec = {"each": "enclaves", "where": {"path": "mode", "eq": "talent"}, "count": {"gte": 3}}
    weighed = {"enclaves": [{"name": "a", "mode": "talent", "count": 3}, {"name": "b"}]}
    assert run(spec, weighed)[0] is True
    # one each: at most two talent enclaves, whatever the second one is
    assert run(spec, {"enclaves": [{"name": "a", "mode": "talent"}, {"name": "b"}]})[0] is False


def test_a_count_equal_to_a_value_inside_its_bounds_is_unknown() -> None:
    spec = {"each": "enclaves", "where": {"path": "mode", "eq": "talent"}, "count": {"eq": 2}}
    one_or_two = {"enclaves": [{"name": "a", "mode": "talent"}, {"name": "b"}]}
    assert run(spec, one_or_two)[0] is None
    assert run({**spec, "count": {"eq": 3}}, one_or_two)[0] is False
    assert run({**spec, "count": {"ne": 3}}, one_or_two)[0] is True


PAIRS = "adjacent_pairs"
STALLED = {"path": "status", "eq": "stalled"}
NOT_ENDED = {"path": "status", "ne": "ended"}


def _pairs(*statuses: str | None) -> dict[str, Any]:
    items = [{"name": f"p{i}", **({"status": s} if s else {})} for i, s in enumerate(statuses)]
    return {PAIRS: items}


@pytest.mark.parametrize(
    ("statuses", "bound", "expected"),
    [
        (("stalled", "active", "active", "active"), "50%", True),  # 25% < 50%
        (("stalled", "active"), "50%", False),  # 50% is not below 50%
        (("stalled", "stalled", "stalled", "active"), "50%", False),
        # one unknown pair: 25% or 50%, on either side of the bound
        (("stalled", "active", "active", None), "50%", None),
        # one unknown pair: 50% or 75%, both at or above it
        (("stalled", "stalled", "active", None), "50%", False),
        (("active", "active", None), "34%", True),  # 0% or 33.3%: both below 34%
    ],
)
def test_a_share_is_decided_by_the_known_items_when_they_suffice(
    statuses: tuple[str | None, ...], bound: str, expected: bool | None
) -> None:
    spec = {"each": PAIRS, "where": STALLED, "count": {"lt": bound}}
    value, ctx = run(spec, _pairs(*statuses))
    assert value is expected
    share = [e for e in ctx.evidence if e.measure == "share"]
    assert share and share[0].path == PAIRS and share[0].line is not None
    if expected is None:
        assert ctx.unknown == [f"{PAIRS}[{len(statuses) - 1}].status"]


def test_among_narrows_what_a_share_is_of() -> None:
    spec = {"each": PAIRS, "among": NOT_ENDED, "where": STALLED, "count": {"lt": "50%"}}
    # one stalled of two pairs not ended: the ended pairs do not dilute the share
    assert run(spec, _pairs("stalled", "active", "ended", "ended"))[0] is False
    assert (
        run(
            {**spec, "among": {"path": "name", "ne": "x"}},
            _pairs("stalled", "active", "ended", "ended"),
        )[0]
        is True
    )
    # whether the last pair counts at all is unknown: 1/2, or 1/3 -- on both sides of 50%
    value, ctx = run(spec, _pairs("stalled", "active", None))
    assert value is None
    assert "adjacent_pairs[2].status" in ctx.unknown
    # a share of nothing is unknown: the rubric guards it with applies
    assert run(spec, _pairs("ended"))[0] is None
    assert run(spec, {PAIRS: []})[0] is None


def test_a_share_weighs_items_by_their_count_and_reads_percentages_exactly() -> None:
    spec = {"each": "enclaves", "where": {"path": "mode", "eq": "talent"}, "count": {"gte": "30%"}}
    items = [
        {"name": "t", "mode": "talent", "count": 3},
        {"name": "p", "mode": "industrial", "count": 7},
    ]
    assert run(spec, {"enclaves": items})[0] is True  # 3/10 is exactly 30%
    assert run({**spec, "count": {"eq": "30%"}}, {"enclaves": items})[0] is True
    assert run({**spec, "count": {"gt": "30%"}}, {"enclaves": items})[0] is False


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ({"in": "50%"}, "'in' does not compare a share"),
        ({"contains": "50%"}, "'contains' does not apply"),
        ({"lt": "150%"}, "a share is a percentage from 0% to 100%"),
        ({"lt": "half%"}, "a share is a percentage from 0% to 100%"),
        ({"lt": "abc"}, "'lt' compares the count with a number, found 'abc'"),
    ],
)
def test_malformed_shares_are_refused(count: dict[str, Any], message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        COMPILER.compile({"each": PAIRS, "where": STALLED, "count": count}, ())


def test_among_goes_with_count_only() -> None:
    with pytest.raises(ConditionError, match="'among' narrows what 'count' counts"):
        COMPILER.compile({"each": PAIRS, "among": NOT_ENDED, "all": STALLED}, ())


def test_a_stated_section_is_cited_as_stated_not_copied() -> None:
    value, ctx = run({"path": "council", "ne": "none"}, {"council": {"name": "C", "charter": True}})
    assert value is True
    assert [(e.path, e.value, e.measure) for e in ctx.evidence] == [("council", True, "exists")]
    value, ctx = run({"path": "council", "ne": "none"}, {"council": "none"})
    assert value is False and ctx.evidence[0].value == "none"
    assert run({"path": "council", "ne": "none"}, {})[0] is None


def test_a_distinct_count_under_an_unstated_section_is_unknown() -> None:
    spec = {"path": "cooperation_model.non_government_actors[].kind", "measure": "distinct"}
    value, ctx = run({**spec, "gte": 2}, {"institutions": {"decision": []}})
    assert value is None and ctx.unknown == ["cooperation_model"]
