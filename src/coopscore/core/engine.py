"""The engine: (scenario, rubric) → assessment. Pure: no I/O, no knowledge of any interface.

Scoring, stated once here and in every JSON output (``score_formula``):

* a criterion earns 1 when met, the rubric's ``partial_credit`` when partial, 0 when unmet;
  unknown and not-applicable criteria earn nothing and count in no denominator;
* a dimension's score is 100 × Σ(weight × credit) / Σ(weight) over its applicable criteria, where
  a criterion whose credit is open takes the credit, within what its facts allow, nearest the
  dimension's score (``core.bounds.completion``; with every open credit wholly open this is the
  mean of the known criteria); a dimension with no known criterion has bounds but no score; its
  coverage is Σ(weight of known) / Σ(weight of applicable);
* the overall score lifts the dimensions by the same rule with the dimension weights, and is
  withheld (null) when overall coverage is below the rubric's ``coverage_floor``.

Beside each score stand its bounds: the same formula with every criterion whose credit is open
at the least and at the most its facts allow, unknown ones included (``core.bounds``). The score
is one of the completions the bounds range over, so it always lies within them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from coopscore.core.assessment import (
    Assessment,
    Bounds,
    CriterionResult,
    DimensionResult,
    RecommendationResult,
    RubricRef,
    ScoreWarning,
    Status,
)
from coopscore.core.bounds import Term, completion, credit, mean_bounds, within
from coopscore.core.conditions import Context, Contradiction, Evidence
from coopscore.diagnostics import diagnose
from coopscore.errors import InputError, Problem
from coopscore.paths import format_path
from coopscore.suggest import did_you_mean

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import Criterion, Rubric
    from coopscore.model.scenario import Source


def evaluate(
    criterion: Criterion, scenario: LoadedScenario, partial_credit: float, waivers: bool = True
) -> CriterionResult:
    """Evaluate one criterion: waiver → applies → met → partial, in three-valued logic.

    The credit is an interval (see ``core.bounds``): a criterion that is certainly not met is a
    gap even when how far it falls short is open (``unmet_or_partial``). One whose applicability
    is open is still judged, so that its credit bounds are known; it stays ``unknown``.
    Evidence lists what decided the verdict first and what made the criterion applicable last.
    """
    data, spec = scenario.data, criterion.spec
    line_of = scenario.document.line_of
    reason = (scenario.model.not_applicable or {}).get(spec.code) if waivers else None
    if reason is not None:
        path = ("not_applicable", spec.code)
        waived = Evidence(
            format_path(path),
            reason,
            line_of(path),
            file=scenario.document.file_of(path),
        )
        return CriterionResult(
            spec,
            "not_applicable",
            None,
            (waived,),
            reason=reason,
            waived=True,
            credit_bounds=None,
            applicable=False,
        )
    opened = scenario.open_lists
    file_of = scenario.document.file_of
    scope = Context(data, scenario.model.as_of, line_of, opened, file_of=file_of)
    applies: bool | None = True
    if criterion.applies is not None:
        applies = criterion.applies(scope, data, ())
        if applies is False:
            return CriterionResult(
                spec,
                "not_applicable",
                None,
                tuple(scope.evidence),
                reason=None,  # the rubric's own condition: the reports say so in words
                credit_bounds=None,
                applicable=False,
            )
    ctx = Context(data, scenario.model.as_of, line_of, opened, file_of=file_of)
    met = criterion.met(ctx, data, ())
    partial: bool | None = False
    if met is not True and criterion.partial is not None:
        partial = criterion.partial(ctx, data, ())
    bounds = credit(met, partial, partial_credit)
    evidence = _merged(ctx.evidence, scope.evidence)
    found = tuple(ctx.contradictions) + tuple(scope.contradictions)
    if applies is None:
        unknown = tuple(dict.fromkeys((*scope.unknown, *ctx.unknown)))
        return CriterionResult(
            spec,
            "unknown",
            None,
            evidence,
            unknown,
            credit_bounds=bounds,
            applicable=None,
            contradictions=found,
        )
    status = _status(bounds, partial_credit)
    exact = bounds[0] if bounds[0] == bounds[1] else None
    unknown = tuple(ctx.unknown) if exact is None else ()
    return CriterionResult(
        spec, status, exact, evidence, unknown, credit_bounds=bounds, contradictions=found
    )


def _status(bounds: Bounds, partial_credit: float) -> Status:
    low, high = bounds
    if low == high:
        return "met" if low == 1.0 else "unmet" if low == 0.0 else "partial"
    if high < 1.0:
        return "unmet_or_partial"
    return "unknown"


def _merged(first: Sequence[Evidence], then: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """``first``, then the items of ``then`` not in ``first``.

    Items are looked up among those of ``first`` with the same path, measure and line, not in
    the whole list: values may be lists, so items cannot all be hashed.
    """
    kept: dict[tuple[str, str | None, int | None], list[Evidence]] = {}
    for item in first:
        kept.setdefault((item.path, item.measure, item.line), []).append(item)
    extra = (e for e in then if e not in kept.get((e.path, e.measure, e.line), ()))
    return (*first, *extra)


def _coverage(results: Sequence[CriterionResult]) -> float:
    """Σ(weight of known) / Σ(weight of applicable)."""
    known_weight = sum(r.spec.weight for r in results if r.credit is not None)
    applicable_weight = sum(r.spec.weight for r in results if r.status != "not_applicable")
    return known_weight / applicable_weight if applicable_weight else 0.0


def _criterion_terms(results: Sequence[CriterionResult]) -> list[Term]:
    return [
        Term(r.spec.weight, *r.credit_bounds, certain=r.applicable is True)
        for r in results
        if r.credit_bounds is not None and r.applicable is not False
    ]


def dimension_bounds(results: Sequence[CriterionResult]) -> Bounds | None:
    """A dimension's score bounds, from its criteria's credit bounds (0–100)."""
    return terms_bounds(_criterion_terms(results))


def terms_bounds(terms: Sequence[Term]) -> Bounds | None:
    """The bounds (0–100) of the weighted mean of ``terms``, as a score's bounds are found."""
    return _percent(mean_bounds(terms))


def dimension_term(weight: float, bounds: Bounds, certain: bool) -> Term:
    """A dimension with score ``bounds`` (0–100) as a term of the overall mean."""
    return Term(weight, bounds[0] / 100.0, bounds[1] / 100.0, certain=certain)


def dimension_score(results: Sequence[CriterionResult], bounds: Bounds | None) -> float | None:
    """A dimension's point score (0–100): one completion of its open credits, within bounds."""
    point = completion(_criterion_terms(results))
    return within(None if point is None else 100.0 * point, bounds)


def _percent(bounds: Bounds | None) -> Bounds | None:
    return None if bounds is None else (100.0 * bounds[0], 100.0 * bounds[1])


def _surely_counts(d: DimensionResult) -> bool:
    return surely_counts(d.results)


def surely_counts(results: Sequence[CriterionResult]) -> bool:
    """Whether a dimension of these results surely counts in the overall score: some criterion
    of weight surely applies. One that may not count may drop out of the mean."""
    return any(r.applicable is True and r.spec.weight > 0 for r in results)


def _dimension_terms(dimensions: Sequence[DimensionResult], points: bool) -> list[Term]:
    """Dimensions as terms of the overall mean; with ``points``, a scored dimension is exact at
    its score. One none of whose criteria surely applies may drop out."""
    terms = []
    for d in dimensions:
        if d.score_bounds is None:
            continue
        bounds = d.score_bounds
        if points and d.score is not None:
            bounds = (d.score, d.score)
        terms.append(dimension_term(d.spec.weight, bounds, _surely_counts(d)))
    return terms


def overall_bounds(dimensions: Sequence[DimensionResult]) -> Bounds | None:
    """Dimensions at their own bounds; one none of whose criteria surely applies may drop out."""
    return terms_bounds(_dimension_terms(dimensions, points=False))


def overall_point(dimensions: Sequence[DimensionResult], bounds: Bounds | None) -> float | None:
    """The overall point score: the dimensions' scores, and for a dimension with bounds but no
    score the value within its bounds nearest the overall score (the rule of ``completion``)."""
    point = completion(_dimension_terms(dimensions, points=True))
    return within(None if point is None else 100.0 * point, bounds)


def completed_scores(
    dimensions: Sequence[DimensionResult], overall: float | None
) -> tuple[float | None, ...]:
    """Each dimension's value in the completion behind ``overall``: its score, or for a dimension
    with bounds but no score the value within them nearest ``overall``; None for one that drops
    out. Their weighted mean is ``overall``: what re-weighting (``sensitivity``) starts from."""
    values: list[float | None] = []
    for d in dimensions:
        if d.score is not None:
            values.append(d.score)
        elif overall is None or d.score_bounds is None or not _surely_counts(d):
            values.append(None)
        else:
            values.append(min(max(overall, d.score_bounds[0]), d.score_bounds[1]))
    return tuple(values)


class Totals(NamedTuple):
    """What the criterion results add up to: dimension scores, overall score, priorities."""

    dimensions: tuple[DimensionResult, ...]
    score: float | None
    coverage: float
    recommendations: tuple[RecommendationResult, ...]
    score_bounds: Bounds | None = None


def aggregate(results: Sequence[CriterionResult], rubric: Rubric) -> Totals:
    """Score criterion results by the formula above (also used to recompute what-ifs)."""
    scoring = rubric.spec.scoring
    by_dimension: dict[str, list[CriterionResult]] = {}
    gaps_of: dict[str, list[CriterionResult]] = {}
    for r in results:  # one pass, not one per dimension and one per recommendation
        by_dimension.setdefault(r.spec.dimension, []).append(r)
        for rec_id in dict.fromkeys(r.spec.recommendations) if r.is_gap else ():
            gaps_of.setdefault(rec_id, []).append(r)
    dimensions: list[DimensionResult] = []
    for dim in rubric.dimensions:
        mine = by_dimension.get(dim.id, [])
        bounds = dimension_bounds(mine)
        dimensions.append(
            DimensionResult(
                dim, dimension_score(mine, bounds), _coverage(mine), tuple(mine), bounds
            )
        )

    coverage = _coverage(results)
    score_bounds = overall_bounds(dimensions)
    score: float | None = None
    if coverage >= scoring.coverage_floor:
        score = overall_point(dimensions, score_bounds)

    recommendations: list[RecommendationResult] = []
    for rec in rubric.recommendations:
        linked = gaps_of.get(rec.id, [])
        priority = sum(
            scoring.severity_weights[r.spec.severity] * r.spec.weight * _shortfall(r)
            for r in linked
        )
        recommendations.append(
            RecommendationResult(rec, round(priority, 2), tuple(r.spec.code for r in linked))
        )
    recommendations.sort(key=lambda r: (-r.priority, r.spec.id))
    return Totals(tuple(dimensions), score, coverage, tuple(recommendations), score_bounds)


def _shortfall(gap: CriterionResult) -> float:
    """What a gap certainly lacks: 1 less its credit's upper bound (exact when known)."""
    high = gap.credit_bounds[1] if gap.credit_bounds is not None else (gap.credit or 0.0)
    return 1.0 - high


def waiver_problems(scenario: LoadedScenario, rubric: Rubric) -> list[Problem]:
    """A waiver must name a criterion of the rubric in use; a near miss gets the code meant."""
    codes = {c.spec.code: None for c in rubric.criteria}
    problems = []
    for code in scenario.model.not_applicable or {}:
        if code in codes:
            continue
        close = did_you_mean(code, codes)
        hint = f"; {close}" if close else ""
        problems.append(
            Problem(
                scenario.document.file_of(("not_applicable", code)) or scenario.file,
                f"not_applicable names {code!r}, which is no criterion of rubric "
                f"{rubric.spec.id}{hint}",
                scenario.document.line_of(("not_applicable", code)),
                path=f"not_applicable.{code}",
            )
        )
    return problems


def assess(scenario: LoadedScenario, rubric: Rubric, waivers: bool = True) -> Assessment:
    """Score a scenario; InputError when its waivers name criteria the rubric does not have."""
    problems = waiver_problems(scenario, rubric) if waivers else []
    if problems:
        raise InputError(problems)
    scoring = rubric.spec.scoring
    results = [evaluate(c, scenario, scoring.partial_credit, waivers) for c in rubric.criteria]
    totals = aggregate(results, rubric)

    model = scenario.model
    return Assessment(
        scenario_id=scenario.id,
        scenario_name=model.name,
        file=scenario.file,
        as_of=model.as_of,
        rubric=RubricRef(
            rubric.spec.id, rubric.spec.version, rubric.digest, rubric.file, rubric.bundled
        ),
        score=totals.score,
        coverage=totals.coverage,
        coverage_floor=scoring.coverage_floor,
        partial_credit=scoring.partial_credit,
        dimensions=totals.dimensions,
        recommendations=totals.recommendations,
        sources={k: _stated(v) for k, v in (model.sources or {}).items()},
        diagnostics=diagnose(scenario, rubric),
        score_bounds=totals.score_bounds,
        warnings=_contradictions(results),
    )


def _contradictions(results: Sequence[CriterionResult]) -> tuple[ScoreWarning, ...]:
    """Each stated value that overrides a fallback saying otherwise, once, with the criteria
    it decided, in rubric order."""
    seen: dict[tuple[tuple[str, int | None], ...], tuple[Contradiction, list[str]]] = {}
    for r in results:
        for c in r.contradictions:
            key = tuple((e.path, e.line) for e in (*c.stated, *c.fallback))
            codes = seen.setdefault(key, (c, []))[1]
            if r.spec.code not in codes:
                codes.append(r.spec.code)
    return tuple(ScoreWarning("contradiction", c, tuple(codes)) for c, codes in seen.values())


def _stated(source: Source) -> dict[str, Any]:
    """A source's stated fields (all plain values), without building the model's serializer."""
    return {name: value for name, value in source if value is not None}
