"""The engine's arithmetic and the Unknown-is-not-No rule, on small hand-made rubrics."""

from __future__ import annotations

import pytest

from coopscore.core.engine import _stated, assess
from coopscore.model.rubric import Rubric, parse_rubric
from coopscore.model.scenario import Source

from .conftest import scenario_from

HEADER = """
id: t
version: "1"
title: {en: T, zh: T}
source: test
scoring: {partial_credit: 0.5, coverage_floor: 0.5}
dimensions:
  - {id: D1, name: {en: A, zh: A}, section: x, weight: 1, summary: {en: a, zh: a}}
  - {id: D2, name: {en: B, zh: B}, section: x, weight: 3, summary: {en: b, zh: b}}
recommendations:
  - {id: R1, title: {en: r, zh: r}, section: x, actions: {en: [], zh: []}}
  - {id: R2, title: {en: r, zh: r}, section: x, actions: {en: [], zh: []}}
criteria:
"""


def criterion(
    code: str, dim: str, weight: int, path: str, severity: str = "high", recs: str = "[R1]"
) -> str:
    return f"""
  - code: {code}
    slug: s-{code.lower()}
    dimension: {dim}
    title: {{en: t, zh: t}}
    rationale: {{en: t, zh: t}}
    severity: {severity}
    weight: {weight}
    section: x
    yrd_practice: {{en: t, zh: t}}
    recommendations: {recs}
    met: {{path: {path}, measure: len, gte: 2}}
    partial: {{path: {path}, measure: len, gte: 1}}
"""


@pytest.fixture
def small() -> Rubric:
    text = HEADER
    text += criterion("AAA001", "D1", 1, "enclaves")
    text += criterion("AAA002", "D1", 3, "platforms", "medium")
    text += criterion("BBB001", "D2", 2, "standards", "low", "[R2]")
    return parse_rubric("t.yaml", text)


def _text_lines(loaded: object) -> list[str]:
    import yaml

    data = loaded.document.data  # type: ignore[attr-defined]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).splitlines()


def items(n: int) -> list[dict[str, str]]:
    return [{"name": f"x{i}"} for i in range(n)]


def test_weighted_scores_and_coverage(small: Rubric) -> None:
    a = assess(scenario_from({"enclaves": items(2), "platforms": items(1), "standards": []}), small)
    d1, d2 = a.dimensions
    # D1: (1*1 + 3*0.5) / 4 = 62.5 ; D2: 0 ; overall (1*62.5 + 3*0) / 4
    assert d1.score == pytest.approx(62.5)
    assert d2.score == pytest.approx(0.0)
    assert a.score == pytest.approx(62.5 / 4)
    assert a.coverage == pytest.approx(1.0)


def test_unknown_lowers_coverage_never_the_score(small: Rubric) -> None:
    full = assess(
        scenario_from({"enclaves": items(2), "platforms": items(2), "standards": items(2)}), small
    )
    partial = assess(scenario_from({"enclaves": items(2), "platforms": items(2)}), small)
    assert full.score == partial.score == pytest.approx(100.0)
    assert partial.coverage == pytest.approx(4 / 6)
    assert partial.dimensions[1].score is None
    assert [(u.spec.code, u.unknown) for u in partial.unknowns] == [("BBB001", ("standards",))]


def test_score_is_withheld_below_the_coverage_floor(small: Rubric) -> None:
    a = assess(scenario_from({"standards": []}), small)
    assert a.coverage == pytest.approx(2 / 6)
    assert a.score is None
    assert a.dimensions[1].score == 0.0  # the dimension still shows what is known


def test_recommendation_priority_follows_severity_weight_and_credit(small: Rubric) -> None:
    a = assess(scenario_from({"enclaves": [], "platforms": items(1), "standards": []}), small)
    by_id = {r.spec.id: r for r in a.recommendations}
    # R1: high(3) * 1 * 1 + medium(2) * 3 * 0.5 = 6 ; R2: low(1) * 2 * 1 = 2
    assert by_id["R1"].priority == pytest.approx(6.0)
    assert by_id["R1"].gaps == ("AAA001", "AAA002")
    assert by_id["R2"].priority == pytest.approx(2.0)
    assert [r.spec.id for r in a.recommendations] == ["R1", "R2"]


def test_gaps_sort_by_severity_then_code(small: Rubric) -> None:
    a = assess(scenario_from({"enclaves": [], "platforms": [], "standards": []}), small)
    assert [(g.spec.code, g.status) for g in a.gaps] == [
        ("AAA001", "unmet"),
        ("AAA002", "unmet"),
        ("BBB001", "unmet"),
    ]


def test_execution_layer_deleted_is_unknown_and_stated_absent_is_a_located_gap(
    rubric: Rubric,
) -> None:
    stated = scenario_from({"institutions": {"decision": items(1), "execution": []}})
    result = {r.spec.code: r for r in assess(stated, rubric).results}["INS003"]
    assert result.status == "unmet"
    (evidence,) = result.evidence
    assert evidence.path == "institutions.execution" and evidence.value == 0
    written = stated.document.data and _text_lines(stated)
    assert evidence.line == written.index("  execution: []") + 1
    unknown = scenario_from({"institutions": {"decision": items(1)}})
    result = {r.spec.code: r for r in assess(unknown, rubric).results}["INS003"]
    assert result.status == "unknown"
    assert result.unknown == ("institutions.execution",)


def test_unknown_paths_are_folded_for_reading() -> None:
    from coopscore.paths import summarise

    paths = [f"enclaves[{i}].mode" for i in range(9)] + ["council.charter", "x[0].a", "x[1].a"]
    assert summarise(paths) == ["enclaves[*].mode (9 items)", "council.charter", "x[0].a", "x[1].a"]


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "A plan"},
        {"title": "A plan", "author": "A body", "year": 2016, "url": "https://x", "note": "n"},
        {"title": "规划", "section": "§二(三)", "year": 2019},
    ],
)
def test_sources_are_reported_as_a_dump_of_their_stated_fields(fields: dict[str, object]) -> None:
    source = Source.model_validate(fields)
    assert _stated(source) == source.model_dump(exclude_none=True) == fields
