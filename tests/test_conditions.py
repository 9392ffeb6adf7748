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
    nested = {"judicial": {"cooperation": [{"name": "a", "fields": ["ip"]}, {"name": "b"}]}}
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
