"""plan's output: the ranked steps, grouped by recommendation, in three formats."""

from __future__ import annotations

from typing import Any

from coopscore.core.plan import Plan, Step
from coopscore.formats.escaping import json_dumps
from coopscore.report import numbers


def to_dict(plan: Plan) -> dict[str, Any]:
    def step(s: Step) -> dict[str, Any]:
        return {
            "code": s.code,
            "slug": s.result.spec.slug,
            "status": s.result.status,
            "severity": s.result.spec.severity,
            "dimension": s.result.spec.dimension,
            "layer": s.result.spec.layer,
            "recommendations": list(s.result.spec.recommendations),
            "score_gain": numbers.json_gain(s.score_gain),
            "lower_gain": numbers.json_gain(s.lower_gain),
            "dimension_gain": numbers.json_gain(s.dimension_gain),
        }

    return {
        "scenario": plan.scenario_id,
        "score": numbers.json_score(plan.score),
        "score_bounds": numbers.json_bounds(plan.score_bounds),
        "steps": [step(s) for s in plan.steps],
        "by_recommendation": [
            {"recommendation": rec, "gaps": [s.code for s in items]} for rec, items in plan.groups
        ],
    }


def to_json(plan: Plan) -> str:
    return json_dumps(to_dict(plan), indent=2) + "\n"
