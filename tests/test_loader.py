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
    assert "valid list" in problem


def test_values_out_of_range_are_refused() -> None:
    (problem,) = _problems("schema_version: 1\nmembers:\n  - id: a\n    population_m: -3\n")
    assert "s.yaml:4" in problem and "greater than or equal to 0" in problem


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
