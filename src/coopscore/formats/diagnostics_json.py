"""The diagnostics' part of the JSON contract: one object per diagnostic, findings in both
languages, each datum read as ``path @ file:line``. Fields may be added, never removed."""

from __future__ import annotations

from typing import Any

from coopscore.core.diagnostics import CauseResult, Diagnostic, Tally, Threshold
from coopscore.report.findings import cited, evidence, findings, reason
from coopscore.report.i18n import LANGS


def cause(c: CauseResult) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": {"en": c.name.en, "zh": c.name.zh},
        "status": c.status,
        "evidence": [evidence(e) for e in c.evidence],
        "missing": list(c.missing),
    }


def tally(t: Tally) -> dict[str, Any]:
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


def threshold(t: Threshold) -> dict[str, Any]:
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


def diagnostic(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": d.id,
        "name": {"en": d.name.en, "zh": d.name.zh},
        "section": d.section,
        "status": d.status,
        "flagged": d.flagged,
        "measures": d.measures,
        "findings": {lang: findings(d, lang) for lang in LANGS},
        "data": [cited(c) for c in d.data],
        "missing": list(d.missing),
        "recommendations": list(d.recommendations),
        "tallies": [tally(t) for t in d.tallies],
        "thresholds": [threshold(t) for t in d.thresholds],
    }
    if d.reason:
        out["reason"] = {lang: reason(d.reason, lang) for lang in LANGS}
    if d.causes:
        out["causes"] = [cause(c) for c in d.causes]
    if d.series:
        years, values = d.chart_series()
        out["series"] = {"years": years, "values": values}
    return out
