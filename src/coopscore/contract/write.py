"""An assessment as its JSON-contract record: plain dicts of the shapes
:mod:`coopscore.contract.assessment` declares, numbers rounded to the contract's decimals.

Nothing here builds a pydantic model: the record costs what its dicts cost. The JSON, JSON
lines and CSV writers and the Python API's ``to_dict`` all take the record from here.
"""

from __future__ import annotations

from coopscore import __version__
from coopscore.contract.assessment import (
    AssessmentRecord,
    Bounds,
    Cause,
    Criterion,
    Diagnostic,
    Dimension,
    Evidence,
    FindOut,
    Gap,
    NotApplicable,
    Recommendation,
    Selection,
    Tally,
    Threshold,
    Unknown,
    Warning,
)
from coopscore.core import conditions, diagnostics
from coopscore.core.assessment import Assessment, ScoreWarning
from coopscore.report.findings import cited, findings, reason
from coopscore.report.findings import evidence as cited_fact
from coopscore.report.i18n import Lang, label, pick
from coopscore.report.notes import score_formula
from coopscore.report.numbers import JSON_SCORE_DIGITS, JSON_SHARE_DIGITS, json_score, least_score

SELECTION_NOTE = (
    "selection changes which gaps are listed and can fail the run; "
    "scores, coverage and recommendations use every criterion"
)


def _score(value: float) -> float:
    return round(value, JSON_SCORE_DIGITS)


def _share(value: float) -> float:
    return round(value, JSON_SHARE_DIGITS)


def evidence(e: conditions.Evidence) -> Evidence:
    out: Evidence = {"path": e.path, "value": e.value, "line": e.line}
    if e.measure:
        out["measure"] = e.measure
    if e.measured is not None:
        out["measured"] = e.measured
    if e.open:  # read from a list that is not exhaustive: a count is at least the value
        out["exhaustive"] = False
    if e.file is not None:
        out["file"] = e.file
    return out


def bounds(value: tuple[float, float] | None) -> Bounds | None:
    """A score's bounds as the contract writes them: ``{lower, upper}`` on the score's scale."""
    if value is None:
        return None
    return {"lower": _score(value[0]), "upper": _score(value[1])}


def credit_bounds(value: tuple[float, float] | None) -> list[float] | None:
    return None if value is None else [_share(value[0]), _share(value[1])]


def warning(w: ScoreWarning) -> Warning:
    c = w.contradiction
    return {
        "kind": w.kind,
        "criteria": list(w.criteria),
        "stated": {"answer": c.stated_answer, "evidence": [evidence(e) for e in c.stated]},
        "fallback": {"answer": c.fallback_answer, "evidence": [evidence(e) for e in c.fallback]},
    }


# ------------------------------------------------------------------------------ diagnostics


def cause(c: diagnostics.CauseResult) -> Cause:
    return {
        "id": c.id,
        "name": {"en": c.name.en, "zh": c.name.zh},
        "status": c.status,
        "evidence": [cited_fact(e) for e in c.evidence],
        "missing": list(c.missing),
    }


def tally(t: diagnostics.Tally) -> Tally:
    """What a diagnostic counted: stated present, stated absent and unknown, never merged;
    ``may_be_out`` splits the same way the things that may not count at all."""
    return {
        "part": t.part,
        "of": t.of,
        "present": t.present,
        "absent": t.absent,
        "unknown": t.unknown,
        "total": t.total,
        "may_be_out": {
            "present": t.open_present,
            "absent": t.open_absent,
            "unknown": t.open_unknown,
        },
        "exhaustive": not t.open,
    }


def threshold(t: diagnostics.Threshold) -> Threshold:
    """A measured value beside its bound: ``value`` when the data fixes it, ``bounds`` always
    (``null`` for a side the data leaves open), ``distance`` = value − threshold."""
    gap = t.distance(4)
    value = t.value
    return {
        "part": t.part,
        "measure": t.measure,
        "value": value,
        "bounds": [t.low, t.high],
        "threshold": t.bound,
        "flagged_when": t.rule,
        "distance": None if value is None or gap is None else gap[0],
        "distance_bounds": None if gap is None else list(gap),
        "status": t.status,
    }


def diagnostic(d: diagnostics.Diagnostic) -> Diagnostic:
    """One diagnostic: findings in both languages, each datum read as ``path @ file:line``."""
    out: Diagnostic = {
        "id": d.id,
        "name": {"en": d.name.en, "zh": d.name.zh},
        "section": d.section,
        "status": d.status,
        "flagged": d.flagged,
        "measures": d.measures,
        "findings": {"en": findings(d, "en"), "zh": findings(d, "zh")},
        "data": [cited(c) for c in d.data],
        "missing": list(d.missing),
        "recommendations": list(d.recommendations),
        "tallies": [tally(t) for t in d.tallies],
        "thresholds": [threshold(t) for t in d.thresholds],
    }
    if d.reason:
        out["reason"] = {"en": reason(d.reason, "en"), "zh": reason(d.reason, "zh")}
    if d.causes:
        out["causes"] = [cause(c) for c in d.causes]
    if d.series:
        years, values = d.chart_series()
        out["series"] = {"years": years, "values": values}
    return out


# ------------------------------------------------------------------------------- the record


def _selection(a: Assessment) -> Selection | None:
    if a.selection is None:
        return None
    return {
        "rule": a.selection,
        "shown": len(a.gaps),
        "hidden": len(a.all_gaps) - len(a.gaps),
        "note": SELECTION_NOTE,
    }


def record(assessment: Assessment, lang: Lang = "en") -> AssessmentRecord:
    """The assessment as the JSON contract writes it, names and titles in ``lang``."""
    a = assessment
    dimensions: list[Dimension] = [
        {
            "id": d.spec.id,
            "name": pick(d.spec.name, lang),
            "score": json_score(d.score),
            "score_bounds": bounds(d.score_bounds),
            "coverage": _share(d.coverage),
            "thin": d.thin,
        }
        for d in a.dimensions
    ]
    gaps: list[Gap] = [
        {
            "code": g.spec.code,
            "slug": g.spec.slug,
            "title": pick(g.spec.title, lang),
            "dimension": g.spec.dimension,
            "severity": g.spec.severity,
            "status": g.status,  # type: ignore[typeddict-item]  # a gap's status is a gap's
            "credit_bounds": credit_bounds(g.credit_bounds),
            "recommendations": list(g.spec.recommendations),
            "evidence": [evidence(e) for e in g.evidence],
            "source": g.spec.section,
        }
        for g in a.gaps
    ]
    waived: list[NotApplicable] = [
        {
            "code": r.spec.code,
            "reason": r.reason if r.waived else label("na_applies_not_met", "en"),
            "by": "scenario" if r.waived else "rubric",
        }
        for r in a.waived
    ]
    unknowns: list[Unknown] = [
        {"code": r.spec.code, "path": path} for r in a.unknowns for path in r.unknown
    ]
    find_out: list[FindOut] = [
        {
            "path": f.path,
            "criteria": list(f.criteria),
            "narrowing": least_score(f.narrowing),
        }
        for f in a.find_out
    ]
    recommendations: list[Recommendation] = [
        {"id": r.spec.id, "priority": r.priority, "gaps": list(r.gaps)} for r in a.recommendations
    ]
    criteria: list[Criterion] = [
        {
            "code": r.spec.code,
            "slug": r.spec.slug,
            "status": r.status,
            "credit": r.credit,
            "credit_bounds": credit_bounds(r.credit_bounds),
            "applicable": r.applicable,
        }
        for r in a.results
    ]
    out: AssessmentRecord = {
        "coopscore_version": __version__,
        "rubric": {"id": a.rubric.id, "version": a.rubric.version, "digest": a.rubric.digest},
        "scenario": {
            "id": a.scenario_id,
            "name": pick(a.scenario_name, lang) or a.scenario_id,
            "path": a.file,
            "as_of": a.as_of,
        },
        "score": json_score(a.score),
        "score_bounds": bounds(a.score_bounds),
        "coverage": _share(a.coverage),
        "coverage_floor": a.coverage_floor,
        "score_formula": score_formula(a, None if lang == "en" else lang),
        "dimensions": dimensions,
        "gaps": gaps,
        "not_applicable": waived,
        "unknowns": unknowns,
        "warnings": [warning(w) for w in a.warnings],
        "find_out_first": find_out,
        "diagnostics": [diagnostic(d) for d in a.diagnostics],
        "recommendations": recommendations,
        "criteria": criteria,
    }
    selection = _selection(a)
    if selection is not None:  # written before the criteria, as it always was
        criteria = out.pop("criteria")  # type: ignore[misc]
        out["selection"] = selection
        out["criteria"] = criteria
    return out
