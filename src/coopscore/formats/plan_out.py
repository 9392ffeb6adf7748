"""plan's output: the ranked steps, grouped by recommendation, in three formats."""

from __future__ import annotations

from typing import Any

from coopscore.core.plan import Plan, Step
from coopscore.formats.escaping import json_dumps
from coopscore.model.rubric import Rubric
from coopscore.report import numbers
from coopscore.report.i18n import Lang, label, pick


def _gain(value: float | None) -> str:
    return numbers.gain(value)


def _row(step: Step, lang: Lang) -> tuple[str, ...]:
    s = step.result.spec
    return (
        s.code,
        pick(s.title, lang),
        label(s.severity, lang),
        label(step.result.status, lang),
        s.dimension,
        label(s.layer, lang) if s.layer else "—",
        _gain(step.score_gain),
        _gain(step.lower_gain),
        _gain(step.dimension_gain),
    )


HEADERS = (
    "code",
    "gap",
    "severity",
    "status",
    "dimension",
    "layer",
    "score_gain",
    "lower_gain",
    "dimension_gain",
)


def headers(lang: Lang) -> list[str]:
    return [label(key, lang) for key in HEADERS]


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
        "steps": [step(s) for s in plan.steps],
        "by_recommendation": [
            {"recommendation": rec, "gaps": [s.code for s in items]} for rec, items in plan.groups
        ],
    }


def to_json(plan: Plan) -> str:
    return json_dumps(to_dict(plan), indent=2) + "\n"


def _title(rubric: Rubric, rec: str, lang: Lang) -> str:
    found = next((r for r in rubric.recommendations if r.id == rec), None)
    return (
        f"{rec} {pick(found.title, lang)} ({found.section})"
        if found
        else f"— {label('no_recommendation', lang)}"
    )


def markdown(plan: Plan, rubric: Rubric, lang: Lang) -> str:
    from coopscore.formats.markdown import inline, table

    out = [f"# {label('plan_title', lang)}: {inline(plan.scenario_id)}", ""]
    if plan.score is None:
        out += [label("plan_withheld", lang), ""]
    rows = [_row(s, lang) for s in plan.steps]
    out += [f"## {label('plan_steps_head', lang)}", "", table(headers(lang), rows), ""]
    for rec, items in plan.groups:
        out += [f"## {inline(_title(rubric, rec, lang))}", ""]
        out += [
            f"- {inline(s.code)} {inline(pick(s.result.spec.title, lang))}: {_gain(s.score_gain)}"
            for s in items
        ]
        out.append("")
    return "\n".join(out)
