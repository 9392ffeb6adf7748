"""An action plan: each gap ranked by the score it would add if closed, recomputed exactly.

For every gap we re-score the assessment with that one criterion met and everything else as it
is; the gain is the difference, not an estimate: in the point score, and in the score's lower
bound (what closing the gap surely adds, whatever the unknowns turn out to be). Steps are
grouped by the recommendation that closes them and carry the layer (decision, coordination,
execution) the rubric assigns.
"""

from __future__ import annotations

from typing import NamedTuple

from coopscore.core.assessment import Assessment, CriterionResult
from coopscore.core.engine import aggregate
from coopscore.model.rubric import Rubric, severity_rank


class Step(NamedTuple):
    result: CriterionResult
    score_gain: float | None  # overall; None while the overall score is withheld
    dimension_gain: float
    lower_gain: float | None = None  # in the overall score's lower bound

    @property
    def code(self) -> str:
        return self.result.spec.code


class Plan(NamedTuple):
    scenario_id: str
    score: float | None
    steps: tuple[Step, ...]
    groups: tuple[tuple[str, tuple[Step, ...]], ...]  # recommendation id (or "—"), its steps
    scenario_name: object = None  # as the scenario's file gives it ({en, zh} or text), if at all
    score_bounds: tuple[float, float] | None = None  # the score's, as the assessment gives them


def _closed(results: list[CriterionResult], code: str) -> list[CriterionResult]:
    return [
        r._replace(status="met", credit=1.0, credit_bounds=(1.0, 1.0)) if r.spec.code == code else r
        for r in results
    ]


def make(assessment: Assessment, rubric: Rubric, top: int | None = None) -> Plan:
    results = assessment.results
    base = aggregate(results, rubric)
    base_dims = {d.spec.id: d.score for d in base.dimensions}
    steps = []
    for gap in assessment.gaps:
        after = aggregate(_closed(results, gap.spec.code), rubric)
        dim_after = next(d.score for d in after.dimensions if d.spec.id == gap.spec.dimension)
        dim_gain = (dim_after or 0.0) - (base_dims[gap.spec.dimension] or 0.0)
        gain = None
        if after.score is not None and base.score is not None:
            gain = after.score - base.score
        lower = None
        if after.score_bounds is not None and base.score_bounds is not None:
            lower = after.score_bounds[0] - base.score_bounds[0]
        steps.append(Step(gap, gain, dim_gain, lower))
    steps.sort(
        key=lambda s: (
            -(s.score_gain if s.score_gain is not None else -1.0),
            -s.dimension_gain,
            severity_rank(s.result.spec.severity),
            s.code,
        )
    )
    if top is not None:
        steps = steps[:top]
    groups: dict[str, list[Step]] = {}
    for step in steps:
        for rec in step.result.spec.recommendations or ["—"]:
            groups.setdefault(rec, []).append(step)
    ordered = sorted(
        groups.items(),
        key=lambda kv: (-sum(s.score_gain or s.dimension_gain for s in kv[1]), kv[0] == "—", kv[0]),
    )
    return Plan(
        assessment.scenario_id,
        assessment.score,
        tuple(steps),
        tuple((rec, tuple(items)) for rec, items in ordered),
        assessment.scenario_name,
        assessment.score_bounds,
    )
