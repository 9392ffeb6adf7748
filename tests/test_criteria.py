"""Every criterion of the bundled rubric, on scenarios that meet it, miss it, or leave it unknown.

The cases live in ``criteria/cases.yaml``: for each code a scenario fragment (or a list of them)
per expected status.
A criterion added to the rubric without cases fails ``test_every_criterion_has_cases``.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopscore.core.engine import assess, evaluate
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_rubric

from .conftest import scenario_from

CASES: dict[str, dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "criteria" / "cases.yaml").read_text(encoding="utf-8")
)
REQUIRED = ("met", "unmet", "unknown")
# Where met and partial read one fact, a stated fact that fails met also decides partial: the
# criterion can never be unmet_or_partial, and its cases say why under this key.
NO_OPEN_DEPTH = "no_open_depth"
STATUSES = ("met", "partial", "unmet", "unmet_or_partial", "unknown", "not_applicable")
# The credit each exact status allows, with the cases' partial credit of 0.5.
EXACT = {
    "met": (1.0, 1.0),
    "partial": (0.5, 0.5),
    "unmet": (0.0, 0.0),
    "unmet_or_partial": (0.0, 0.5),
}


def _params() -> list[Any]:
    out = []
    for code, cases in sorted(CASES.items()):
        for status, given in cases.items():
            if status == NO_OPEN_DEPTH:
                continue
            fragments = given if isinstance(given, list) else [given]
            for n, fragment in enumerate(fragments):
                suffix = f"-{n + 1}" if len(fragments) > 1 else ""
                out.append(pytest.param(code, status, fragment, id=f"{code}-{status}{suffix}"))
    return out


def test_every_criterion_has_cases(rubric: Rubric) -> None:
    codes = {c.code for c in rubric.criteria}
    missing = {code: [s for s in REQUIRED if s not in CASES.get(code, {})] for code in codes}
    assert {k: v for k, v in missing.items() if v} == {}
    assert set(CASES) <= codes, f"cases for codes not in the rubric: {set(CASES) - codes}"


def test_partial_cases_exist_where_partial_credit_is_defined(rubric: Rubric) -> None:
    lacking = [c.code for c in rubric.criteria if c.partial and "partial" not in CASES[c.code]]
    assert lacking == []


def test_open_depth_cases_exist_where_partial_credit_is_defined(rubric: Rubric) -> None:
    """Where a criterion can earn partial credit, one case fails it with its depth unknown."""
    lacking = [
        c.code
        for c in rubric.criteria
        if c.partial and not {"unmet_or_partial", NO_OPEN_DEPTH} & set(CASES[c.code])
    ]
    assert lacking == []
    for code, cases in CASES.items():
        if NO_OPEN_DEPTH in cases:
            assert isinstance(cases[NO_OPEN_DEPTH], str) and cases[NO_OPEN_DEPTH].strip(), code
            assert "unmet_or_partial" not in cases, code


@pytest.mark.parametrize(("code", "status", "fragment"), _params())
def test_criterion_case(code: str, status: str, fragment: dict[str, Any]) -> None:
    assert status in STATUSES
    criterion = read_rubric_cached().criterion(code)
    assert criterion is not None
    scenario = scenario_from(fragment or {})
    result = evaluate(criterion, scenario, 0.5)
    assert result.status == status, (result.evidence, result.unknown)
    if status in EXACT:
        assert result.credit_bounds == EXACT[status]
    if status == "unknown":
        assert result.credit_bounds is not None
        assert result.credit_bounds[1] == 1.0 or result.applicable is None  # not certainly a gap
    if status in ("unmet", "partial", "unmet_or_partial"):
        # a gap always carries evidence located in the file
        assert result.evidence
        assert all(e.line is not None for e in result.evidence)
    if status in ("unknown", "unmet_or_partial"):
        assert result.unknown, "an open criterion must say what to find out"


_CACHE: list[Rubric] = []


def read_rubric_cached() -> Rubric:
    if not _CACHE:
        _CACHE.append(read_rubric())
    return _CACHE[0]


# ---------------------------------------------------------------- agreement with P1 and P3


def _assessed(rubric: Rubric, fragment: dict[str, Any]) -> Any:
    return assess(scenario_from(fragment), rubric)


def test_the_adjacent_share_threshold_is_p3s(rubric: Rubric) -> None:
    share = rubric.spec.params["weak_pair_share"]
    p3 = rubric.spec.diagnostics.P3
    assert isinstance(share, str) and share.endswith("%") and p3 is not None
    assert Fraction(share[:-1]) / 100 == Fraction(repr(p3.weak_share_at_least))


@pytest.mark.parametrize(
    "statuses",
    [
        ["active"] * 4,
        ["stalled", "active", "active", "active"],
        ["stalled", "active"],
        ["stalled", "stalled", "active"],
        ["stalled"] * 3 + ["active", "ended", "ended"],
        ["stalled", "active", "active", "ended", "ended", "ended"],
    ],
)
def test_adj002_is_unmet_exactly_when_p3_flags_stalled_pairs(
    rubric: Rubric, statuses: list[str]
) -> None:
    pairs = [
        {"name": f"p{i}", "status": s, "focus_areas": ["water"]} for i, s in enumerate(statuses)
    ]
    a = _assessed(rubric, {"adjacent_pairs": pairs})
    adj002 = next(r for r in a.results if r.spec.code == "ADJ002")
    p3 = next(d for d in a.diagnostics if d.id == "P3")
    assert (adj002.status == "unmet") == (p3.status == "flagged"), (adj002.status, p3.status)
    counted = [s for s in statuses if s != "ended"]
    expected = "met" if "stalled" not in counted else None
    assert expected is None or adj002.status == expected


@pytest.mark.parametrize("others", ["active", "dormant", None])
def test_a_dormant_decision_layer_is_ins004s_gap_as_it_is_p1s_cause(
    rubric: Rubric, others: str | None
) -> None:
    lower = [{"name": "Body"} | ({"status": others} if others else {})]
    fragment = {
        "institutions": {
            "decision": [{"name": "Leaders' forum", "status": "dormant", "last_met": 2016}],
            "coordination": lower,
            "execution": lower,
        }
    }
    a = _assessed(rubric, fragment)
    ins004 = next(r for r in a.results if r.spec.code == "INS004")
    p1 = next(d for d in a.diagnostics if d.id == "P1")
    push = next(c for c in p1.causes if c.id == "no-high-level-push")
    assert ins004.status == "unmet" and push.status == "present"
    assert any(e.path == "institutions.decision[0].status" for e in ins004.evidence)


def test_a_lower_dormant_layer_under_a_live_decision_layer_is_partial(rubric: Rubric) -> None:
    fragment = {
        "institutions": {
            "decision": [{"name": "Leaders' forum", "status": "active"}],
            "coordination": [{"name": "Joint conference", "status": "dormant"}],
        }
    }
    a = _assessed(rubric, fragment)
    assert next(r for r in a.results if r.spec.code == "INS004").status == "partial"
    p1 = next(d for d in a.diagnostics if d.id == "P1")
    causes = {c.id: c.status for c in p1.causes}
    assert causes["no-high-level-push"] == "absent"
    assert causes["no-effective-coordination"] == "present"


def test_council_none_is_ins015s_gap_and_leaves_the_council_criteria_out(rubric: Rubric) -> None:
    a = _assessed(rubric, {"council": "none"})
    status = {r.spec.code: r for r in a.results}
    gap = status["INS015"]
    assert gap.status == "unmet" and gap.spec.recommendations == ["R1"]
    assert [(e.path, e.value, e.line) for e in gap.evidence] == [("council", "none", 3)]
    for code in ("INS005", "INS010", "INS011", "INS012", "INS013"):
        assert status[code].status == "not_applicable", code
    r1 = next(r for r in a.recommendations if r.spec.id == "R1")
    assert "INS015" in r1.gaps and r1.priority > 0


# ---------------------------------------------------------------- one stated failure


def test_one_platform_stated_without_recognition_is_a_certain_gap(rubric: Rubric) -> None:
    """The gap is about the platforms that lack recognition: one stated is enough, with its line."""
    fragment = {
        "platforms": [
            {"name": "Instruments", "mutual_recognition": False},
            {"name": "Talent pool", "utilisation": "high"},
        ]
    }
    a = _assessed(rubric, fragment)
    shr002 = next(r for r in a.results if r.spec.code == "SHR002")
    assert shr002.is_gap and shr002.credit_bounds is not None
    assert shr002.credit_bounds[1] < 1.0
    stated = [e for e in shr002.evidence if e.path == "platforms[0].mutual_recognition"]
    assert [(e.value, e.line) for e in stated] == [(False, 5)]
    assert "platforms[1].mutual_recognition" in shr002.unknown
    assert "SHR002" in [g.spec.code for g in a.gaps]
