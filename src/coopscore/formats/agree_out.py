"""agree's Markdown and JSON; the terminal draws ``report.agree``, whose sentences the
Markdown shares.

Every value read from the files is file text, escaped where it enters Markdown.
"""

from __future__ import annotations

from typing import Any

from coopscore.contract import write
from coopscore.core.agreement import Agreement, Unit
from coopscore.core.cluster import Check, Cluster
from coopscore.formats.escaping import json_dumps
from coopscore.report import agree as report
from coopscore.report import numbers
from coopscore.report.i18n import Lang
from coopscore.report.words import Words


def mismatch_lines(check: Check, lang: Lang) -> list[str]:
    """What differs, file by file, for the error that refuses the comparison."""
    return report.mismatch_lines(check, Words(lang))


# ------------------------------------------------------------------------------------ JSON


def _file(unit: Unit, index: int) -> dict[str, Any]:
    c = unit.coded[index]
    r = c.result
    return {
        "path": c.file,
        "status": r.status,
        "credit_bounds": None if r.credit_bounds is None else list(r.credit_bounds),
        "applicable": r.applicable,
        "evidence": [write.evidence(e) for e in r.evidence],
    }


def _name(name: Any) -> Any:
    """A name as written: a plain string, or ``{en, zh}``."""
    if name is None or isinstance(name, str):
        return name
    return {"en": name.en, "zh": name.zh}


def _cluster(check: Check | None) -> dict[str, Any] | None:
    if check is None:
        return None
    first = check.clusters[0]

    def stated(c: Cluster) -> dict[str, Any]:
        return {
            "path": c.file,
            "id": c.id,
            "name": _name(c.name),
            "members": None if c.members is None else [m.id for m in c.members],
        }

    return {
        "same": check.same,
        "files": [stated(c) for c in check.clusters],
        "pairs": [
            {
                "first": first.file,
                "other": check.clusters[p.other].file,
                "basis": p.basis,
                "same": p.same,
                **(
                    {"common": p.common, "only_first": p.only_first, "only_other": p.only_other}
                    if p.basis == "members"
                    else {}
                ),
            }
            for p in check.pairs
        ],
    }


def to_dict(a: Agreement) -> dict[str, Any]:
    out: dict[str, Any] = {
        "files": [
            {
                "path": x.file,
                "score": x.score,
                "score_bounds": write.bounds(x.score_bounds),
                "dimensions": [
                    {
                        "id": d.spec.id,
                        "score": numbers.json_score(d.score),
                        "score_bounds": write.bounds(d.score_bounds),
                    }
                    for d in x.dimensions
                ],
            }
            for x in a.assessments
        ],
        "cluster": _cluster(a.cluster),
        "criteria": len(a.units),
        "agreement": round(a.share, 3),
    }
    if report.forced(a):
        out["warnings"] = [{"kind": "different_clusters", "forced": True}]
    if len(a.assessments) == 2:
        out["kappa"] = None if a.kappa is None else round(a.kappa, 3)
    out["alpha"] = None if a.alpha is None else round(a.alpha, 3)
    out["bounds_overlap"] = a.bounds_overlap
    out["disagreements"] = [
        {"code": u.code, "files": [_file(u, i) for i in range(len(u.coded))]}
        for u in a.disagreements
    ]
    out["bounds_disagreements"] = [
        {"code": u.code, "files": [_file(u, i) for i in range(len(u.coded))]}
        for u in a.bounds_disagreements
    ]
    return out


def to_json(a: Agreement) -> str:
    return json_dumps(to_dict(a), indent=2) + "\n"
