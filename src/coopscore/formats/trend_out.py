"""A cluster through the years (``coopscore trend``) for programs: the JSON and the long CSV.

The terminal, Markdown and HTML draw the trend's report (``report.trend``) through the writers;
these carry the same numbers.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from coopscore.core.conditions import Evidence
from coopscore.core.trend import Step, Trend
from coopscore.formats.escaping import csv_cell, json_dumps
from coopscore.report import numbers
from coopscore.report.i18n import Lang, pick


def _slope(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _evidence(e: Evidence, file: str) -> dict[str, Any]:
    out: dict[str, Any] = {"path": e.path, "value": e.value, "file": e.file or file}
    out["line"] = e.line
    if e.measure:
        out["measure"] = e.measure
    return out


def to_dict(t: Trend, lang: Lang) -> dict[str, Any]:
    snapshots = []
    for a in t.snapshots:
        snapshots.append(
            {
                "as_of": a.as_of,
                "path": a.shown_file,
                "score": numbers.json_score(a.score),
                "score_bounds": numbers.json_bounds(a.score_bounds),
                "coverage": numbers.json_share(a.coverage),
                "dimensions": [
                    {
                        "id": d.spec.id,
                        "name": pick(d.spec.name, lang),
                        "score": numbers.json_score(d.score),
                        "score_bounds": numbers.json_bounds(d.score_bounds),
                        "coverage": numbers.json_share(d.coverage),
                        "thin": d.thin,
                    }
                    for d in a.dimensions
                ],
            }
        )
    out: dict[str, Any] = {
        "cluster": t.cluster,
        "snapshots": snapshots,
        "trends": [
            {
                "dimension": s.key,
                "slope": _slope(s.slope),
                "slope_bounds": None
                if s.slope_bounds is None
                else {"lower": _slope(s.slope_bounds[0]), "upper": _slope(s.slope_bounds[1])},
                "direction": s.direction,
            }
            for s in t.series
        ],
        "changes": [_step(step) for step in t.steps],
    }
    if t.reading is not None:
        r = t.reading
        out["high_start_low_finish"] = {
            "basis": "overall",
            "flagged": r.value,
            "flagged_on_points": r.point,
            "peak_year": r.peak_year,
            "last_year": r.last_year,
            "last_to_peak": None if r.ratio is None else round(r.ratio, 3),
            "momentum_below": r.momentum_below,
            "min_years": r.min_years,
            "snapshots_p1": [{"as_of": y, "status": v} for y, v in r.verdicts],
        }
    if t.forced:
        out["forced"] = [{"kind": m.kind, "values": list(m.values)} for m in t.forced]
    return out


def _step(step: Step) -> dict[str, Any]:
    before, after = step.before.shown_file, step.after.shown_file
    return {
        "from": step.before.as_of,
        "to": step.after.as_of,
        "opened": list(step.opened),
        "closed": list(step.closed),
        "changed": [
            {
                "code": c.code,
                "before": c.before,
                "after": c.after,
                "evidence_before": [_evidence(e, before) for e in c.evidence_before],
                "evidence_after": [_evidence(e, after) for e in c.evidence_after],
            }
            for c in step.changed
        ],
    }


def json_text(t: Trend, lang: Lang) -> str:
    return json_dumps(to_dict(t, lang), indent=2) + "\n"


# ----------------------------------------------------------------------------------- CSV

CSV_HEADER = ("cluster", "year", "dimension", "score", "lower", "upper", "coverage", "thin")


def csv_text(t: Trend) -> str:
    """Long form: one row per snapshot and series (``overall`` or a dimension id)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for s in t.series:
        for p in s.points:
            writer.writerow(
                (
                    csv_cell(t.cluster),
                    p.year,
                    csv_cell(s.key),
                    "" if p.score is None else numbers.json_score(p.score),
                    numbers.json_score(p.bounds[0]),
                    numbers.json_score(p.bounds[1]),
                    numbers.json_share(p.coverage),
                    "true" if p.thin else "false",
                )
            )
    return out.getvalue()
