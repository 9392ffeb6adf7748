"""Scenario validation: every problem located, typos get suggestions, references checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopscore.errors import InputError
from coopscore.model.loader import parse_scenario
from coopscore.pipeline.inputs import read_scenario


def _problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_scenario("s.yaml", text)
    return [str(p) for p in info.value.problems]


def test_a_minimal_scenario_is_valid_and_all_unknown() -> None:
    loaded = parse_scenario("dir/my-cluster.yaml", "schema_version: 1\n")
    assert loaded.id == "my-cluster"
    assert loaded.model.institutions is None


def test_unknown_key_suggests_the_nearest_valid_one() -> None:
    (problem,) = _problems("schema_version: 1\nmembres: []\n")
    assert problem.startswith("s.yaml:2:") and "did you mean 'members'" in problem


def test_nested_unknown_key_is_located_and_suggested() -> None:
    (problem,) = _problems("schema_version: 1\ninstitutions:\n  executon: []\n")
    assert "s.yaml:3" in problem and "'execution'" in problem


def test_all_problems_are_listed_at_once_in_line_order() -> None:
    problems = _problems(
        "schema_version: 1\n"
        "as_of: '2020'\n"
        "enclaves:\n"
        "  - name: a\n"
        "    mode: industrail\n"
        "  - mode: talent\n"
    )
    assert [p.split(":")[1] for p in problems] == ["2", "5", "6"]
    assert "found 'industrail'" in problems[1]
    assert "missing required field 'name'" in problems[2]


def test_wrong_types_are_not_coerced() -> None:
    (problem,) = _problems("schema_version: 1\ninstitutions:\n  execution: none\n")
    assert "expected a list, found 'none'" in problem


def test_values_out_of_range_are_refused() -> None:
    (problem,) = _problems("schema_version: 1\nmembers:\n  - id: a\n    population_m: -3\n")
    assert "s.yaml:4" in problem and "must be at least 0, found -3" in problem


def test_missing_schema_version_is_reported() -> None:
    (problem,) = _problems("as_of: 2020\n")
    assert "schema_version" in problem


def test_undeclared_source_is_reported_where_it_is_cited() -> None:
    (problem,) = _problems(
        "schema_version: 1\nsources:\n  a: {title: A}\nenclaves:\n  - {name: x, source: b}\n"
    )
    assert "s.yaml:5" in problem and "'b' is not declared" in problem


@pytest.mark.parametrize(
    ("text", "message"), [("- a\n- b\n", "found a list"), ("42\n", "single value")]
)
def test_top_level_must_be_a_mapping(text: str, message: str) -> None:
    (problem,) = _problems(text)
    assert message in problem


def test_missing_file_and_folder_are_clear(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_scenario(str(tmp_path / "nope.yaml"))
    with pytest.raises(InputError, match="folder"):
        read_scenario(str(tmp_path))


def test_cross_field_problems_are_listed_beside_type_errors() -> None:
    problems = _problems(
        "schema_version: 1\nas_of: 2021\nmembers:\n  - {id: sichuan, kind: provice}\n"
        "  - {id: chengdu, province: sichaun}\n"
    )
    assert len(problems) == 2
    assert "s.yaml:4" in problems[0] and "did you mean 'province'" in problems[0]
    assert "s.yaml:5" in problems[1] and "did you mean 'sichuan'" in problems[1]


# ---------------------------------------------------------------- closed vocabularies


@pytest.mark.parametrize(
    ("section", "found", "nearest"),
    [
        (
            "cooperation_model:\n  non_government_actors:\n    - name: a\n      kind: {}\n",
            "enterprize",
            "enterprise",
        ),
        (
            "cooperation_model:\n  non_government_actors:\n    - name: a\n      kind: {}\n",
            "行业协会",
            "association",
        ),
        (
            "cooperation_model:\n  non_government_actors:\n    - name: a\n      kind: {}\n",
            "enterprise_alliance",
            "association",
        ),
        (
            "judicial:\n  cooperation:\n    - name: a\n      fields: [civil_commercial, {}]\n",
            "环境资源",
            "environment_resources",
        ),
        (
            "judicial:\n  cooperation:\n    - name: a\n      fields: [civil_commercial, {}]\n",
            "intelectual_property",
            "intellectual_property",
        ),
        ("standards:\n  - name: a\n    domain: {}\n", "finanse", "finance"),
        ("platforms:\n  - name: a\n    kind: {}\n", "innovation_corridor", "science_technology"),
        ("public_services:\n  - name: a\n    kind: {}\n", "transit", "transport"),
    ],
)
def test_a_value_outside_a_vocabulary_names_the_values_and_the_nearest(
    section: str, found: str, nearest: str
) -> None:
    text = "schema_version: 1\n" + section.format(found)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if found in row)
    (problem,) = _problems(text)
    assert problem.startswith(f"s.yaml:{line}:"), problem
    assert f"found {found!r}; did you mean {nearest!r}?" in problem
    assert "expected '" in problem  # the allowed tokens are listed


def test_a_value_with_no_near_token_lists_them_all() -> None:
    (problem,) = _problems(
        "schema_version: 1\ncooperation_model:\n  non_government_actors:\n"
        "    - {name: a, kind: forum}\n"
    )
    assert "s.yaml:4:" in problem and "did you mean" not in problem
    assert "'enterprise', 'association', 'research' or 'civil_society'" in problem


def test_the_bundled_vocabularies_accept_their_tokens() -> None:
    loaded = parse_scenario(
        "s.yaml",
        "schema_version: 1\n"
        "cooperation_model:\n  non_government_actors: [{name: a, kind: civil_society}]\n"
        "judicial:\n  cooperation: [{name: c, fields: [environment_resources, maritime]}]\n"
        "standards: [{name: s, domain: e_commerce, count: 2}]\n"
        "platforms: [{name: p, kind: education}]\n"
        "public_services: [{name: q, kind: government_services}]\n",
    )
    assert loaded.model.standards is not None and loaded.model.standards[0].count == 2


# ---------------------------------------------------------------- council none


def test_council_none_states_there_is_none_and_a_typo_is_caught() -> None:
    assert parse_scenario("s.yaml", "schema_version: 1\ncouncil: none\n").model.council == "none"
    assert parse_scenario("s.yaml", "schema_version: 1\ncouncil:\n").model.council is None
    (problem,) = _problems("schema_version: 1\nas_of: 2020\ncouncil: None\n")
    assert problem.startswith("s.yaml:3:") and "did you mean 'none'?" in problem
    (problem,) = _problems("schema_version: 1\ncouncil: []\n")
    assert "'none' (the cluster has no council) or a mapping" in problem


# ---------------------------------------------------------------- member references

MEMBERS = (
    "schema_version: 1\nmembers:\n  - {id: hubei, kind: province}\n"
    "  - {id: xianning, kind: city, province: hubei}\n  - {id: yueyang, kind: city}\n"
)


@pytest.mark.parametrize(
    ("section", "path"),
    [
        (
            "adjacent_pairs:\n  - name: a\n    areas:\n      - yueyang\n      - xianing\n",
            "adjacent_pairs[0].areas[1]",
        ),
        (
            "cooperation_model:\n  sub_clusters:\n    - {name: a, members: [xianing]}\n",
            "cooperation_model.sub_clusters[0].members[0]",
        ),
        (
            "governance:\n  joint_monitoring:\n    - name: a\n      parties: [hubei, xianing]\n",
            "governance.joint_monitoring[0].parties[1]",
        ),
        (
            "judicial:\n  cooperation:\n    - {name: a, parties: [xianing]}\n",
            "judicial.cooperation[0].parties[0]",
        ),
    ],
)
def test_every_member_reference_is_checked_with_a_suggestion(section: str, path: str) -> None:
    text = MEMBERS + section
    line = max(n for n, row in enumerate(text.splitlines(), 1) if "xianing" in row)
    (problem,) = _problems(text)
    assert problem.startswith(f"s.yaml:{line}:"), problem
    assert "'xianing' in " in problem and "is not a member id; did you mean 'xianning'?" in problem
    assert problem.endswith(f"at {path}")


def test_member_references_are_free_when_no_members_are_given() -> None:
    loaded = parse_scenario(
        "s.yaml", "schema_version: 1\nadjacent_pairs: [{name: a, areas: [Xiaochi, Jiujiang]}]\n"
    )
    assert loaded.model.adjacent_pairs is not None


def test_a_far_reference_lists_the_members() -> None:
    (problem,) = _problems(MEMBERS + "adjacent_pairs: [{name: a, areas: [shanghai]}]\n")
    assert "members: hubei, xianning, yueyang" in problem


@pytest.mark.parametrize(
    ("members", "hint", "zh"),
    [
        ("members: []\n", "; the scenario lists no members at", "情景未列出任何成员"),
        ("members: [{id: a}, {id: b}]\n", "; members: a, b at", "成员:a, b"),
        (
            "members:\n" + "".join(f"  - {{id: m{i:02d}}}\n" for i in range(12)),
            "; members: m00, m01, m02, m03, m04, m05, m06, m07, m08, m09, … (12 in all) at",
            "(共 12 个)",
        ),
    ],
)
def test_an_unknown_member_id_names_the_members_there_are(members: str, hint: str, zh: str) -> None:
    from coopscore.errors import Problem
    from coopscore.report.problems import problem_text

    text = (
        f"id: s\n{members}cooperation_model:\n  sub_clusters:\n    - {{name: X, members: [zz]}}\n"
    )
    with pytest.raises(InputError) as refused:
        parse_scenario("s.yaml", text)
    (problem,) = [p for p in refused.value.problems if "is not a member id" in p.message]
    assert isinstance(problem, Problem)
    assert hint in str(problem), str(problem)
    assert zh in problem_text(problem, "zh")
