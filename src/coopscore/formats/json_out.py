"""The JSON contract of ``assess --format json`` (stable; fields may be added, never removed)."""

from __future__ import annotations

from typing import Any

from coopscore import __version__
from coopscore.core.assessment import Assessment, ScoreWarning
from coopscore.core.conditions import Evidence
from coopscore.formats.diagnostics_json import diagnostic
from coopscore.formats.escaping import json_dumps
from coopscore.report import numbers
from coopscore.report.i18n import Lang, pick
from coopscore.report.notes import score_formula


def evidence(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"path": e.path, "value": e.value, "line": e.line}
    if e.measure:
        out["measure"] = e.measure
    if e.measured is not None:
        out["measured"] = e.measured
    if e.open:  # read from a list that is not exhaustive: a count is at least the value
        out["exhaustive"] = False
    if e.file is not None:
        out["file"] = e.file
    return out


def _selection(a: Assessment) -> dict[str, Any]:
    if a.selection is None:
        return {}
    return {
        "selection": {
            "rule": a.selection,
            "shown": len(a.gaps),
            "hidden": len(a.all_gaps) - len(a.gaps),
            "note": "selection changes which gaps are listed and can fail the run; "
            "scores, coverage and recommendations use every criterion",
        }
    }


def bounds(value: tuple[float, float] | None) -> dict[str, float | None] | None:
    """A score's bounds as the contract writes them: ``{lower, upper}`` on the score's scale."""
    if value is None:
        return None
    return {"lower": numbers.json_score(value[0]), "upper": numbers.json_score(value[1])}


def _credit_bounds(value: tuple[float, float] | None) -> list[float | None] | None:
    return None if value is None else [numbers.json_share(value[0]), numbers.json_share(value[1])]


def warning(w: ScoreWarning) -> dict[str, Any]:
    c = w.contradiction
    return {
        "kind": w.kind,
        "criteria": list(w.criteria),
        "stated": {"answer": c.stated_answer, "evidence": [evidence(e) for e in c.stated]},
        "fallback": {"answer": c.fallback_answer, "evidence": [evidence(e) for e in c.fallback]},
    }


def to_dict(assessment: Assessment, lang: Lang = "en") -> dict[str, Any]:
    a = assessment
    return {
        "coopscore_version": __version__,
        "rubric": {"id": a.rubric.id, "version": a.rubric.version, "digest": a.rubric.digest},
        "scenario": {
            "id": a.scenario_id,
            "name": pick(a.scenario_name, lang) or a.scenario_id,
            "path": a.file,
            "as_of": a.as_of,
        },
        "score": numbers.json_score(a.score),
        "score_bounds": bounds(a.score_bounds),
        "coverage": numbers.json_share(a.coverage),
        "coverage_floor": a.coverage_floor,
        "score_formula": score_formula(a),
        "dimensions": [
            {
                "id": d.spec.id,
                "name": pick(d.spec.name, lang),
                "score": numbers.json_score(d.score),
                "score_bounds": bounds(d.score_bounds),
                "coverage": numbers.json_share(d.coverage),
                "thin": d.thin,
            }
            for d in a.dimensions
        ],
        "gaps": [
            {
                "code": g.spec.code,
                "slug": g.spec.slug,
                "title": pick(g.spec.title, lang),
                "dimension": g.spec.dimension,
                "severity": g.spec.severity,
                "status": g.status,
                "credit_bounds": _credit_bounds(g.credit_bounds),
                "recommendations": list(g.spec.recommendations),
                "evidence": [evidence(e) for e in g.evidence],
                "source": g.spec.section,
            }
            for g in a.gaps
        ],
        "not_applicable": [
            {
                "code": r.spec.code,
                "reason": r.reason,
                "by": "scenario" if r.waived else "rubric",
            }
            for r in a.waived
        ],
        "unknowns": [{"code": r.spec.code, "path": path} for r in a.unknowns for path in r.unknown],
        "warnings": [warning(w) for w in a.warnings],
        "find_out_first": [
            {
                "path": f.path,
                "criteria": list(f.criteria),
                "narrowing": numbers.json_score(f.narrowing),
            }
            for f in a.find_out
        ],
        "diagnostics": [diagnostic(d) for d in a.diagnostics],
        "recommendations": [
            {"id": r.spec.id, "priority": r.priority, "gaps": list(r.gaps)}
            for r in a.recommendations
        ],
        **_selection(a),
        "criteria": [
            {
                "code": r.spec.code,
                "slug": r.spec.slug,
                "status": r.status,
                "credit": r.credit,
                "credit_bounds": _credit_bounds(r.credit_bounds),
                "applicable": r.applicable,
            }
            for r in a.results
        ],
    }


def render(assessment: Assessment, lang: Lang = "en") -> str:
    """The JSON contract as text: strict JSON, never ``NaN`` (see ``escaping.json_dumps``)."""
    return json_dumps(to_dict(assessment, lang), indent=2, default=str) + "\n"
