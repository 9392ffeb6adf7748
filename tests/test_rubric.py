"""Rubric loading: the bundled rubric is complete, and each way of breaking one is reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopscore.errors import InputError
from coopscore.model.rubric import Rubric, parse_rubric
from coopscore.pipeline.inputs import read_rubric

from .conftest import RUBRICS

DEFAULT = (RUBRICS / "yrd-lessons.yaml").read_text(encoding="utf-8")

NAMED_GAPS = [
    "missing-execution-layer",
    "dormant-layer",
    "single-mode-enclave",
    "capitals-only-council",
    "no-implementation-plans",
    "stalled-adjacent-pair",
    "platforms-without-mutual-recognition",
]


def test_dimensions_follow_the_paper_and_recommendations_are_r1_to_r5(rubric: Rubric) -> None:
    assert [d.id for d in rubric.dimensions] == [f"D{i}" for i in range(1, 9)]
    assert [d.section for d in rubric.dimensions] == [
        f"§二({n})" for n in ("一", "二", "三", "四", "五", "六", "七", "八")
    ]
    assert [r.id for r in rubric.recommendations] == [f"R{i}" for i in range(1, 6)]


def test_named_gaps_are_covered_and_every_dimension_and_recommendation_is_used(
    rubric: Rubric,
) -> None:
    slugs = {c.spec.slug for c in rubric.criteria}
    assert set(NAMED_GAPS) <= slugs
    assert {c.spec.dimension for c in rubric.criteria} == {d.id for d in rubric.dimensions}
    linked = {r for c in rubric.criteria for r in c.spec.recommendations}
    assert linked == {r.id for r in rubric.recommendations}


def test_codes_are_stable_in_shape_and_sections_are_marked(rubric: Rubric) -> None:
    for c in rubric.criteria:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", c.spec.code)
        assert c.spec.section.startswith("§")
        assert c.spec.title.zh and c.spec.rationale.zh and c.spec.yrd_practice.zh


def test_example_code_from_the_brief(rubric: Rubric) -> None:
    found = rubric.criterion("INS003")
    assert found is not None and found.spec.slug == "missing-execution-layer"
    assert rubric.criterion("missing-execution-layer") is found


def _broken(old: str, new: str) -> str:
    assert old in DEFAULT, old
    return DEFAULT.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message", "needle"),
    [
        (
            "met: {path: institutions.execution, measure: len, gte: 1}",
            "met: {path: institutions.executor, measure: len, gte: 1}",
            "unknown scenario path 'institutions.executor'",
            "institutions.executor",
        ),
        (
            "code: INS002",
            "code: INS001",
            "duplicate code 'INS001'",
            "code: INS001\n    slug: missing-coord",
        ),
        (
            "recommendations: [R3]\n    layer: execution\n    met: {path: enclaves, measure",
            "recommendations: [R9]\n    layer: execution\n    met: {path: enclaves, measure",
            "unknown recommendation 'R9'",
            "[R9]",
        ),
        (
            "weight: 3\n    section: §二(二)\n    yrd_practice:\n      en: The joint-conf",
            "weight: -1\n    section: §二(二)\n    yrd_practice:\n      en: The joint-conf",
            "must be at least 0.000001",
            "weight: -1",
        ),
        ("dimension: D3", "dimension: D9", "unknown dimension 'D9'", "dimension: D9"),
        ("severity: high", "severity: critical", "'high', 'medium' or 'low'", "severity: critical"),
        (
            "lte: $dormant_after_years}",
            "lte: $dormant_years}",
            "unknown parameter",
            "$dormant_years",
        ),
    ],
)
def test_a_broken_rubric_names_file_and_line(old: str, new: str, message: str, needle: str) -> None:
    text = _broken(old, new)
    with pytest.raises(InputError) as info:
        parse_rubric("broken.yaml", text)
    problems = [p for p in info.value.problems if message in p.message]
    assert problems, str(info.value)
    assert problems[0].file == "broken.yaml"
    assert problems[0].line == _line_of(text, needle)


def test_read_rubric_from_a_path_and_refuses_missing(tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    copy.write_text(DEFAULT.replace("weight: 3", "weight: 5", 1), encoding="utf-8")
    mine = read_rubric(str(copy))
    assert mine.digest != read_rubric().digest
    with pytest.raises(InputError, match="no such file"):
        read_rubric(str(tmp_path / "none.yaml"))


def test_a_rubric_switches_diagnostics_on_by_id_and_without_the_section_reports_none(
    tmp_path: Path,
) -> None:
    import json

    import yaml
    from typer.testing import CliRunner

    from coopscore.cli.app import app
    from coopscore.pipeline.inputs import default_rubric_file

    data = yaml.safe_load(Path(default_rubric_file()).read_text(encoding="utf-8"))
    scenario = str(Path(__file__).parent.parent / "scenarios" / "middle-reaches-2021.yaml")
    found = {}
    for name, section in (("none", None), ("only-p3", {"P3": data["diagnostics"]["P3"]})):
        variant = {k: v for k, v in data.items() if k != "diagnostics"}
        if section is not None:
            variant["diagnostics"] = section
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(variant, allow_unicode=True), encoding="utf-8")
        args = ["assess", scenario, "--rubric", str(path), "-f", "json"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        found[name] = [d["id"] for d in json.loads(result.stdout)["diagnostics"]]
        report = CliRunner().invoke(app, [*args[:-2], "-f", "markdown"]).stdout
        assert ("### `P3`" in report) == (name == "only-p3")  # the problem's own section
        assert ("## Diagnostics" in report) == (name == "only-p3")
    assert found == {"none": [], "only-p3": ["P3"]}


def test_lint_lists_structure_and_condition_errors_together(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from coopscore.cli.app import app

    text = DEFAULT.replace("weight: 3", "weight: -1", 1)
    start = text.index("met:", text.index("criteria:"))
    line_break = text.index("\n", start)
    bad_condition = "met: {path: council.member_count, gte: abc}"
    text = text[:start] + bad_condition + text[line_break:]
    rubric = tmp_path / "two.yaml"
    rubric.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["rubric", "lint", str(rubric)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert any("weight" in e or "0.000001" in e for e in errors), errors
    assert any("abc" in e for e in errors), errors


def test_a_nested_condition_said_on_one_line_keeps_its_structure() -> None:
    """Inside an ``each``'s where, the parts of a combined condition stay apart, bracketed."""
    from coopscore.report.describe import inline, words

    spec = {
        "each": "adjacent_pairs",
        "where": {
            "not": {
                "coalesce": [
                    {"path": "status", "eq": "active"},
                    {"path": "last_active", "measure": "age", "lte": 3},
                ]
            }
        },
        "count": {"eq": "0%"},
    }
    for lang, separator in (("en", "; "), ("zh", ";")):
        said = words(spec, lang, {})  # type: ignore[arg-type]
        first, second = "`status`", "`last_active`"
        assert said.index(first) < said.index(separator) < said.index(second), said
        inner = inline(spec["where"], lang, {})  # type: ignore[arg-type]
        assert inner.count("(") == inner.count(")") >= 1 and separator in inner
