"""Lists that may be incomplete: ``{items: [...], exhaustive: false}``.

The loader reads the mapping form as the plain list and remembers which lists are not
exhaustive; the condition language reads such a list as "at least these items": every test
over it stays open where an item not listed could change the answer, and only there.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coopscore.contract import write
from coopscore.core.conditions import Compiler, Context
from coopscore.core.diagnostics import Diagnostic
from coopscore.core.engine import assess
from coopscore.diagnostics import diagnose
from coopscore.errors import InputError
from coopscore.formats import json_out
from coopscore.model import overlay, schemas, template
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.model.scenario import Scenario
from coopscore.pipeline.inputs import read_document, read_scenario
from coopscore.report.findings import findings
from coopscore.report.i18n import Lang, label
from coopscore.report.notes import value_words

from . import test_monotone as monotone
from .conftest import ROOT, scenario_from

COMPILER = Compiler(Scenario, {})


def open_(items: list[Any]) -> dict[str, Any]:
    return {"items": items, "exhaustive": False}


def run(spec: dict[str, Any], fragment: dict[str, Any]) -> tuple[bool | None, Context]:
    loaded = scenario_from(fragment)
    ctx = Context(loaded.data, loaded.model.as_of, loaded.document.line_of, loaded.open_lists)
    return COMPILER.compile(spec, ())(ctx, loaded.data, ()), ctx


def both(spec: dict[str, Any], build: Any) -> tuple[bool | None, bool | None]:
    """The answer with the list written plain, and written as not exhaustive."""
    return run(spec, build(lambda items: items))[0], run(spec, build(open_))[0]


# ---------------------------------------------------------------- the loader


TEXT = """\
schema_version: 1
enclaves:
  items:
    - name: A park
      mode: industrial
    - name: B park
      mode: talent
  exhaustive: false
judicial:
  cooperation:
    - name: Courts
      fields: {items: [environment_resources], exhaustive: false}
platforms: {items: [{name: P}], exhaustive: true}
"""


def test_the_mapping_form_is_read_as_the_plain_list_with_its_lines() -> None:
    loaded = parse_scenario("s.yaml", TEXT)
    assert [e["name"] for e in loaded.data["enclaves"]] == ["A park", "B park"]
    assert loaded.data["judicial"]["cooperation"][0]["fields"] == ["environment_resources"]
    assert loaded.data["platforms"] == [{"name": "P"}]
    assert loaded.model.enclaves is not None and len(loaded.model.enclaves) == 2
    lines = loaded.document.line_of
    assert lines(("enclaves",)) == 2  # the list keeps its key's line
    assert lines(("enclaves", 1, "mode")) == 7  # each item keeps its own
    assert lines(("judicial", "cooperation", 0, "fields", 0)) == 12
    assert ("enclaves", "items") not in loaded.document.lines
    assert ("enclaves", "exhaustive") not in loaded.document.lines


def test_only_lists_not_exhaustive_are_open() -> None:
    loaded = parse_scenario("s.yaml", TEXT)
    assert loaded.open_lists == {("enclaves",), ("judicial", "cooperation", 0, "fields")}


def test_exhaustive_true_is_the_plain_list() -> None:
    plain = scenario_from({"platforms": [{"name": "P"}]})
    mapped = scenario_from({"platforms": {"items": [{"name": "P"}], "exhaustive": True}})
    assert plain.data == mapped.data and mapped.open_lists == frozenset()


def test_a_plain_scenario_has_no_open_list() -> None:
    assert scenario_from({"enclaves": [{"name": "A"}]}).open_lists == frozenset()


def test_counts_by_domain_stay_a_mapping_and_items_may_be_open() -> None:
    counts = scenario_from({"cooperation_items": {"ecology": 2}})
    assert counts.data["cooperation_items"] == {"ecology": 2} and not counts.open_lists
    listed = scenario_from({"cooperation_items": open_([{"name": "a", "domain": "ecology"}])})
    assert listed.open_lists == {("cooperation_items",)}


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "enclaves:\n  items: []\n  exhaustive: false\n  complete: true\n",
            5,
            "unknown key 'complete' in a list written as a mapping",
        ),
        ("enclaves:\n  items: {name: A}\n  exhaustive: false\n", 3, "expected a list under items"),
        ("enclaves:\n  items: []\n  exhaustive: 'no'\n", 4, "expected true or false under"),
        ("enclaves:\n  exhaustive: false\n", 2, "needs its items"),
        ("enclaves:\n  items: []\n", 2, "needs exhaustive: false"),
        ("enclaves: {name: A}\n", 2, "expected a list, found a mapping"),
        (
            "judicial:\n  cooperation:\n    - name: C\n"
            "      fields: {items: x, exhaustive: false}\n",
            5,
            "expected a list under items, found 'x'",
        ),
    ],
)
def test_a_bad_mapping_form_is_located(body: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_scenario("s.yaml", "schema_version: 1\n" + body)
    shown = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"s.yaml:{line}:") and message in p for p in shown), shown


def test_the_items_of_an_open_list_are_still_validated() -> None:
    with pytest.raises(InputError) as caught:
        parse_scenario(
            "s.yaml",
            "schema_version: 1\nenclaves:\n  items:\n    - {name: A, mode: 3}\n"
            "  exhaustive: false\n",
        )
    assert any(p.line == 4 and "enclaves[0].mode" in str(p) for p in caught.value.problems)


# ---------------------------------------------------------------- each operator


def enclaves(modes: list[str | None]) -> Any:
    def build(wrap: Any) -> dict[str, Any]:
        items = [{"name": f"e{i}", **({"mode": m} if m else {})} for i, m in enumerate(modes)]
        return {"enclaves": wrap(items)}

    return build


@pytest.mark.parametrize(
    ("op", "limit", "plain", "opened"),
    [
        ("gte", 1, True, True),  # at least one listed: still true
        ("gte", 3, False, None),  # two listed: more may exist
        ("eq", 2, True, None),
        ("eq", 1, False, False),  # at least two: never one
        ("lt", 2, False, False),
        ("lte", 5, True, None),
        ("ne", 1, True, True),
    ],
)
def test_len_is_at_least_the_items_listed(
    op: str, limit: int, plain: bool, opened: bool | None
) -> None:
    spec = {"path": "enclaves", "measure": "len", op: limit}
    assert both(spec, enclaves(["industrial", "talent"])) == (plain, opened)


def test_an_open_count_is_said_to_be_at_least() -> None:
    value, ctx = run(
        {"path": "enclaves", "measure": "len", "gte": 3}, {"enclaves": open_([{"name": "a"}])}
    )
    assert value is None
    fact = ctx.evidence[0]
    assert (fact.measure, fact.value, fact.open) == ("len", 1, True)
    assert ctx.unknown == ["enclaves"]


def test_an_empty_open_list_is_at_least_nothing() -> None:
    spec = {"path": "enclaves", "measure": "len", "gte": 1}
    assert run(spec, {"enclaves": []})[0] is False
    assert run(spec, {"enclaves": open_([])})[0] is None


@pytest.mark.parametrize(
    ("quantifier", "test", "modes", "plain", "opened"),
    [
        ("any", "talent", ["industrial", "talent"], True, True),
        ("any", "talent", ["industrial"], False, None),  # any cannot be false
        ("all", "industrial", ["industrial"], True, None),  # all cannot be true
        ("all", "industrial", ["industrial", "talent"], False, False),
        ("any", "talent", [], False, None),
        ("all", "talent", [], True, None),
    ],
)
def test_each_any_and_all_over_an_open_list(
    quantifier: str, test: str, modes: list[str], plain: bool, opened: bool | None
) -> None:
    spec = {"each": "enclaves", quantifier: {"path": "mode", "eq": test}}
    assert both(spec, enclaves(modes)) == (plain, opened)


def test_none_is_not_any_and_cannot_be_true() -> None:
    spec = {"not": {"each": "enclaves", "any": {"path": "mode", "eq": "talent"}}}
    assert both(spec, enclaves(["industrial"])) == (True, None)
    assert both(spec, enclaves(["talent"])) == (False, False)


@pytest.mark.parametrize(
    ("count", "modes", "plain", "opened"),
    [
        ({"gte": 1}, ["talent", "industrial"], True, True),
        ({"gte": 2}, ["talent", "industrial"], False, None),
        ({"eq": 0}, ["industrial"], True, None),
        ({"lt": 1}, ["talent"], False, False),
        ({"in": [0, 1]}, ["talent"], True, None),
        ({"not_in": [0]}, ["talent"], True, True),
    ],
)
def test_each_count_has_no_upper_end(
    count: dict[str, Any], modes: list[str], plain: bool, opened: bool | None
) -> None:
    spec = {"each": "enclaves", "where": {"path": "mode", "eq": "talent"}, "count": count}
    assert both(spec, enclaves(modes)) == (plain, opened)


@pytest.mark.parametrize(
    ("count", "modes", "plain", "opened"),
    [
        ({"gte": "50%"}, ["talent", "industrial"], True, None),
        ({"lt": "100%"}, ["talent", "industrial"], True, True),  # a listed one fails: never 100%
        ({"gt": "0%"}, ["talent", "industrial"], True, True),  # a listed one matches: never 0%
        ({"eq": "0%"}, ["talent"], False, False),
        ({"eq": "0%"}, ["industrial"], True, None),
        ({"eq": "100%"}, ["talent"], True, None),
        ({"lte": "10%"}, ["talent", "talent"], False, None),
    ],
)
def test_an_open_share_can_near_any_value_the_listed_items_allow(
    count: dict[str, Any], modes: list[str], plain: bool, opened: bool | None
) -> None:
    spec = {"each": "enclaves", "where": {"path": "mode", "eq": "talent"}, "count": count}
    assert both(spec, enclaves(modes)) == (plain, opened)


@pytest.mark.parametrize(
    ("op", "limit", "modes", "plain", "opened"),
    [
        ("gte", 2, ["industrial", "talent"], True, True),  # more can only add
        ("gte", 3, ["industrial", "talent"], False, None),
        ("eq", 1, ["industrial"], True, None),
        ("lt", 2, ["industrial", "talent"], False, False),
        ("in", [1, 2], ["industrial"], True, None),
        ("lte", 1, ["industrial"], True, None),
    ],
)
def test_distinct_can_grow(
    op: str, limit: Any, modes: list[str], plain: bool, opened: bool | None
) -> None:
    spec = {"path": "enclaves[].mode", "measure": "distinct", op: limit}
    assert both(spec, enclaves(modes)) == (plain, opened)


def courts(fields: list[list[str]], outer: bool, inner: bool) -> dict[str, Any]:
    items = [{"name": f"c{i}", "fields": open_(f) if inner else f} for i, f in enumerate(fields)]
    return {"judicial": {"cooperation": open_(items) if outer else items}}


@pytest.mark.parametrize(
    ("outer", "inner", "answer"),
    [(False, False, False), (True, False, None), (False, True, None), (True, True, None)],
)
def test_a_nested_open_list_opens_a_distinct_count(
    outer: bool, inner: bool, answer: bool | None
) -> None:
    spec = {"path": "judicial.cooperation[].fields[]", "measure": "distinct", "gte": 2}
    value, ctx = run(spec, courts([["environment_resources"]], outer, inner))
    assert value is answer
    assert ctx.evidence[0].open is (outer or inner)


def test_a_nested_open_list_inside_an_item_opens_len_and_each() -> None:
    body = {
        "cooperation_model": {
            "sub_clusters": [
                {"name": "A", "mechanisms": open_([])},
                {"name": "B", "mechanisms": []},
            ]
        }
    }
    spec = {
        "each": "cooperation_model.sub_clusters",
        "any": {"path": "mechanisms", "measure": "len", "gte": 1},
    }
    value, ctx = run(spec, body)
    assert value is None
    assert "cooperation_model.sub_clusters[0].mechanisms" in ctx.unknown
    all_spec = {**spec, "all": spec["any"]}
    del all_spec["any"]
    assert run(all_spec, body)[0] is False  # B states none: all is false whatever A holds


@pytest.mark.parametrize(("item", "plain", "opened"), [("water", True, True), ("air", False, None)])
def test_contains_not_found_is_unknown(item: str, plain: bool, opened: bool | None) -> None:
    def build(wrap: Any) -> dict[str, Any]:
        return {"governance": {"emergency": [{"name": "A", "fields": wrap(["water", "health"])}]}}

    spec = {
        "each": "governance.emergency",
        "any": {"path": "fields", "contains": item},
    }
    assert both(spec, build) == (plain, opened)


def test_exists_over_a_fan_out_cannot_be_settled_by_the_items_listed() -> None:
    def build(wrap: Any) -> dict[str, Any]:
        return {"enclaves": wrap([{"name": "a", "mode": "talent"}])}

    assert both({"path": "enclaves[].mode", "exists": True}, build) == (True, None)
    assert both({"path": "enclaves[].mode", "exists": False}, build) == (False, None)


def members(sizes: list[float]) -> Any:
    def build(wrap: Any) -> dict[str, Any]:
        return {"members": wrap([{"id": f"m{i}", "population_m": s} for i, s in enumerate(sizes)])}

    return build


@pytest.mark.parametrize(
    ("measure", "op", "limit", "plain", "opened"),
    [
        ("max", "gte", 5, True, True),  # the largest can only grow
        ("max", "lt", 20, True, None),
        ("min", "lte", 2, True, True),  # the smallest can only shrink
        ("min", "gt", 1, True, None),
        ("sum", "gte", 12, True, True),  # no population is negative: the sum can only grow
        ("sum", "lt", 20, True, None),
        ("sum", "eq", 12, True, None),
    ],
)
def test_max_min_and_sum_open_as_unseen_items_allow(
    measure: str, op: str, limit: float, plain: bool, opened: bool | None
) -> None:
    spec = {"path": "members[].population_m", "measure": measure, op: limit}
    assert both(spec, members([2.0, 10.0])) == (plain, opened)


def test_an_exhaustive_list_inside_an_open_one_is_still_complete() -> None:
    body = {"judicial": {"cooperation": open_([{"name": "c", "fields": ["criminal"]}])}}
    spec = {"each": "judicial.cooperation", "any": {"path": "fields", "contains": "criminal"}}
    assert run(spec, body)[0] is True


# ---------------------------------------------------------------- the bounds, over every list


def _lists(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every list held under a mapping key, at any depth."""
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, list) and not (key == "items" and "exhaustive" in node):
                found.append((*path, key))  # (a list written as a mapping is open already)
            found += _lists(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _lists(item, (*path, index))
    return found


def _changed(data: Any, path: tuple[Any, ...], how: str) -> Any:
    out = copy.deepcopy(data)
    node = out
    for key in path[:-1]:
        node = node[key]
    if how == "open":
        node[path[-1]] = open_(node[path[-1]])
    else:
        del node[path[-1]]
    return out


@pytest.fixture(scope="module")
def documents() -> list[Any]:
    # each file as written, merged onto the bases it extends
    return [copy.deepcopy(read_document(str(path)).data) for path in monotone.FILES]


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_an_open_list_lies_between_the_full_list_and_no_list(
    documents: list[Any], rubric: Rubric, data: st.DataObject
) -> None:
    """Writing a list as not exhaustive never narrows a credit interval, a dimension's bounds
    or the score's; and it never widens them beyond what leaving the list out allows."""
    index = data.draw(st.integers(0, len(documents) - 1), label="file")
    document = documents[index]
    path = data.draw(st.sampled_from(_lists(document)), label="list")
    plain = monotone._assessed(document, rubric)
    opened = monotone._assessed(_changed(document, path, "open"), rubric)
    assert plain is not None and opened is not None, (monotone.FILES[index], path)
    monotone.check(plain, opened)
    unknown = monotone._assessed(_changed(document, path, "remove"), rubric)
    assume(unknown is not None)
    assert unknown is not None
    monotone.check(opened, unknown)


# ---------------------------------------------------------------- the diagnostics


def diagnosed(fragment: dict[str, Any], rubric: Rubric) -> dict[str, Diagnostic]:
    return {d.id: d for d in diagnose(scenario_from(fragment), rubric)}


def test_p1_a_clear_series_that_is_not_exhaustive_is_open(rubric: Rubric) -> None:
    series = [{"year": y, "events": 10} for y in range(2013, 2022)]
    assert diagnosed({"activity": series}, rubric)["P1"].status == "clear"
    d = diagnosed({"activity": open_(series)}, rubric)["P1"]
    assert d.status == "unknown" and "activity" in d.missing
    assert next(t for t in d.tallies if t.part == "series").open


def test_p1_a_fall_to_as_of_stays_flagged_though_years_may_be_missing(rubric: Rubric) -> None:
    series = [{"year": y, "events": 10 if y < 2018 else 0} for y in range(2013, 2022)]
    assert diagnosed({"activity": open_(series)}, rubric)["P1"].status == "flagged"


def test_p2_items_not_exhaustive_leave_the_domain_share_open(rubric: Rubric) -> None:
    items = [{"name": f"i{n}", "domain": "infrastructure"} for n in range(30)]
    plain = diagnosed({"cooperation_items": items}, rubric)["P2"]
    assert plain.measures["domain_balance"]["status"] == "flagged"
    d = diagnosed({"cooperation_items": open_(items)}, rubric)["P2"]
    part = d.measures["domain_balance"]
    assert part["status"] == "unknown" and part["exhaustive"] is False
    assert part["counts"]["infrastructure"] == 30 and part["counts"]["urban_rural"] is None
    tally = next(t for t in d.tallies if t.part == "domain_balance")
    assert (tally.present, tally.absent, tally.unknown, tally.open) == (1, 0, 5, True)


def test_p3_pairs_not_exhaustive_cannot_settle_the_share(rubric: Rubric) -> None:
    pairs = [{"name": n, "status": "stalled", "focus_areas": []} for n in "abc"]
    assert diagnosed({"adjacent_pairs": pairs}, rubric)["P3"].status == "flagged"
    d = diagnosed({"adjacent_pairs": open_(pairs)}, rubric)["P3"]
    assert d.status == "unknown" and "adjacent_pairs" in d.missing
    assert all(t.open for t in d.tallies)
    assert write.tally(d.tallies[0])["exhaustive"] is False


def test_p3_an_open_empty_focus_is_not_unfocused(rubric: Rubric) -> None:
    def pair(focus: Any) -> dict[str, Any]:
        return {"adjacent_pairs": [{"name": "a", "status": "active", "focus_areas": focus}]}

    def unfocused(d: Diagnostic) -> tuple[int, int]:
        t = next(t for t in d.tallies if t.part == "unfocused")
        return t.present, t.unknown

    assert unfocused(diagnosed(pair([]), rubric)["P3"]) == (1, 0)
    assert unfocused(diagnosed(pair(open_([])), rubric)["P3"]) == (0, 1)
    assert unfocused(diagnosed(pair(open_(["port"])), rubric)["P3"]) == (0, 0)


def test_p4_members_not_exhaustive_leave_convergence_open(rubric: Rubric) -> None:
    shares = ({"primary": 0.05, "secondary": 0.9, "tertiary": 0.05},)
    far = [
        {"id": "a", "kind": "province", "sector_shares": shares[0]},
        {
            "id": "b",
            "kind": "province",
            "sector_shares": {"primary": 0.05, "secondary": 0.05, "tertiary": 0.9},
        },
    ]
    plain = diagnosed({"members": far}, rubric)["P4"]
    assert plain.measures["convergence"]["status"] == "clear"
    d = diagnosed({"members": open_(far)}, rubric)["P4"]
    assert d.measures["convergence"]["status"] == "unknown" and "members" in d.missing
    assert all(t.open for t in d.tallies if t.part in ("convergence", "primacy"))
    assert not next(t for t in d.tallies if t.part == "local_protection").open


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_say_when_a_list_is_not_exhaustive(rubric: Rubric, lang: Lang) -> None:
    pairs = [{"name": "a", "status": "stalled", "focus_areas": []}]
    note = label("diag_open", lang)
    assert note not in findings(diagnosed({"adjacent_pairs": pairs}, rubric)["P3"], lang)
    assert note in findings(diagnosed({"adjacent_pairs": open_(pairs)}, rubric)["P3"], lang)


# ---------------------------------------------------------------- the words


@pytest.mark.parametrize(
    ("lang", "count", "words"),
    [
        ("en", 2, "at least 2 (not exhaustive)"),
        ("zh", 2, "至少 2 项(未列全)"),
        ("en", 0, "at least 0 (not exhaustive)"),
    ],
)
def test_a_count_of_an_open_list_is_said_to_be_at_least(lang: Lang, count: int, words: str) -> None:
    items = [{"name": f"e{i}"} for i in range(count)]
    _, ctx = run({"path": "enclaves", "measure": "len", "gte": 9}, {"enclaves": open_(items)})
    assert value_words(ctx.evidence[0], lang) == words
    _, plain = run({"path": "enclaves", "measure": "len", "gte": 9}, {"enclaves": items})
    assert "exhaustive" not in value_words(plain.evidence[0], lang)
    assert "未列全" not in value_words(plain.evidence[0], lang)


@pytest.mark.parametrize(("lang", "mark"), [("en", "(not exhaustive)"), ("zh", "(未列全)")])
def test_distinct_matching_and_largest_of_an_open_list_say_so(lang: Lang, mark: str) -> None:
    body = courts([["environment_resources"]], True, False)
    _, ctx = run({"path": "judicial.cooperation[].fields[]", "measure": "distinct", "gte": 2}, body)
    distinct = value_words(ctx.evidence[0], lang)
    assert "environment_resources" in distinct and mark in distinct
    assert ("至少 1" if lang == "zh" else "at least 1") in distinct
    spec = {"each": "enclaves", "where": {"path": "mode", "eq": "talent"}, "count": {"gte": 2}}
    _, ctx = run(spec, enclaves(["talent"])(open_))
    assert mark[:-1] in value_words(ctx.evidence[0], lang)  # a count of matches: more may
    _, ctx = run(
        {"path": "members[].population_m", "measure": "max", "lt": 9}, members([3.0])(open_)
    )
    assert value_words(ctx.evidence[0], lang).endswith(mark)


def test_json_evidence_marks_a_list_that_is_not_exhaustive() -> None:
    _, ctx = run(
        {"path": "enclaves", "measure": "len", "gte": 2}, {"enclaves": open_([{"name": "a"}])}
    )
    assert json_out.evidence(ctx.evidence[0])["exhaustive"] is False
    _, plain = run({"path": "enclaves", "measure": "len", "gte": 2}, {"enclaves": [{"name": "a"}]})
    assert "exhaustive" not in json_out.evidence(plain.evidence[0])


# ---------------------------------------------------------------- the schema


@pytest.mark.parametrize(
    ("fragment", "valid"),
    [
        ({"enclaves": [{"name": "A"}]}, True),
        ({"enclaves": open_([{"name": "A"}])}, True),
        ({"enclaves": {"items": [{"name": "A"}], "exhaustive": True}}, True),
        ({"judicial": {"cooperation": [{"name": "C", "fields": open_(["criminal"])}]}}, True),
        ({"cooperation_items": open_([{"name": "i", "domain": "ecology"}])}, True),
        ({"cooperation_items": {"ecology": 2}}, True),
        ({"enclaves": {"items": [{"name": "A"}]}}, False),  # exhaustive is required
        ({"enclaves": {"items": [{"name": "A"}], "exhaustive": "no"}}, False),
        ({"enclaves": {"items": {"name": "A"}, "exhaustive": False}}, False),
        ({"enclaves": {"items": [], "exhaustive": False, "complete": True}}, False),
        ({"enclaves": open_([{"name": "A", "mode": "nomadic"}])}, False),  # items still checked
    ],
)
def test_the_json_schema_takes_both_forms_of_every_list(
    fragment: dict[str, Any], valid: bool
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    committed = json.loads((ROOT / "schemas" / "scenario.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft7Validator(committed)
    errors = list(validator.iter_errors({"schema_version": 1, **fragment}))
    assert (errors == []) is valid, errors[:1]
    if valid:  # and the loader agrees
        scenario_from(fragment)
    else:
        with pytest.raises(InputError):
            scenario_from(fragment)


def _properties(node: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every property schema of every model in the schema, by name."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict) and "exhaustive" in node.get("required", []):
        return _properties(node["properties"]["items"])  # a list's mapping form
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            found.append((name, prop))
        for value in node.values():
            found += _properties(value)
    elif isinstance(node, list):
        for value in node:
            found += _properties(value)
    return found


def test_every_list_field_of_the_schema_has_the_mapping_form() -> None:
    data = schemas.schema("scenario")
    lists = 0
    for name, prop in _properties(data):
        if name in overlay.OVERLAY_KEYS:  # ``remove``: which facts of a base to drop, no fact
            continue
        options = prop.get("anyOf", [prop])
        arrays = [o for o in options if o.get("type") == "array"]
        forms = [o["properties"]["items"] for o in options if "exhaustive" in o.get("required", [])]
        assert arrays == forms, name
        lists += len(arrays)
    assert lists > 25
    assert "exhaustive" not in schemas.text("rubric")


# ---------------------------------------------------------------- the template and the examples


def test_the_init_template_says_how_to_write_a_list_that_may_be_incomplete() -> None:
    text = template.render()
    assert "{items: [...], exhaustive: false}" in text
    assert "较少" in text and "never no entry" in text
    assert "no entry of its own" not in text  # the old advice that made "few" read as none
    parse_scenario("template.yaml", text)  # and it is still a valid scenario


def test_the_middle_reaches_examples_leave_a_one_field_court_reading_open(
    rubric: Rubric,
) -> None:
    loaded = read_scenario(str(ROOT / "scenarios" / "middle-reaches-2021.yaml"))
    assert ("judicial", "cooperation") in loaded.open_lists
    assert ("enclaves",) in loaded.open_lists
    status = {r.spec.code: r for r in assess(loaded, rubric).results}
    assert status["JUD002"].status == "unknown" and status["JUD002"].credit_bounds == (0.0, 1.0)
    modes = {e["mode"] for e in loaded.data["enclaves"] if "mode" in e}
    assert {"talent", "science_innovation"} <= modes  # the few (较少) are present
    assert status["ENC002"].status != "unmet"
