"""Two assessments of one cluster side by side: what moved, what closed, what opened.

Works on the JSON contract, so an assessment saved earlier (``assess --format json``) and a
scenario scored now compare the same way. Assessments made with different rubrics measure
different things: comparing them is refused unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class CompareError(ValueError):
    """The two assessments cannot be compared honestly."""


@dataclass
class Comparison:
    old: dict[str, Any]
    new: dict[str, Any]
    dimensions: list[dict[str, Any]] = field(default_factory=list)
    closed: list[dict[str, Any]] = field(default_factory=list)
    opened: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[dict[str, Any]] = field(default_factory=list)
    lost: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def side(a: dict[str, Any]) -> dict[str, Any]:
            return {"scenario": a["scenario"], "score": a["score"], "coverage": a["coverage"]}

        return {
            "rubric": self.new["rubric"],
            "old": side(self.old),
            "new": side(self.new),
            "score_delta": delta(self.old["score"], self.new["score"]),
            "coverage_delta": delta(self.old["coverage"], self.new["coverage"], 3),
            "dimensions": self.dimensions,
            "gaps_closed": self.closed,
            "gaps_opened": self.opened,
            "gaps_changed": self.changed,
            "unknowns_resolved": self.resolved,
            "became_unknown": self.lost,
            "warnings": self.warnings,
        }


def delta(old: float | None, new: float | None, digits: int = 1) -> float | None:
    return None if old is None or new is None else round(new - old, digits)


GAP = ("unmet", "partial")


def compare(old: dict[str, Any], new: dict[str, Any], force: bool = False) -> Comparison:
    for name, side in (("old", old), ("new", new)):
        if not {"rubric", "scenario", "dimensions", "criteria"} <= set(side):
            raise CompareError(f"the {name} input is not a coopscore assessment")
    result = Comparison(old, new)
    if old["rubric"].get("digest") != new["rubric"].get("digest"):
        a, b = old["rubric"], new["rubric"]
        message = (
            "the assessments use different rubrics "
            f"({a.get('id')} {a.get('version')} #{a.get('digest')} vs "
            f"{b.get('id')} {b.get('version')} #{b.get('digest')})"
        )
        if not force:
            raise CompareError(
                message + "; their scores are not comparable (use --force to compare anyway)"
            )
        result.warnings.append(message)
    if old["scenario"]["id"] != new["scenario"]["id"]:
        result.warnings.append(
            f"different scenario ids: {old['scenario']['id']} and {new['scenario']['id']}"
        )
    before = {d["id"]: d for d in old["dimensions"]}
    for d in new["dimensions"]:
        o = before.get(d["id"], {"score": None, "coverage": None})
        result.dimensions.append(
            {
                "id": d["id"],
                "name": d["name"],
                "old_score": o["score"],
                "new_score": d["score"],
                "score_delta": delta(o["score"], d["score"]),
                "old_coverage": o["coverage"],
                "new_coverage": d["coverage"],
                "coverage_delta": delta(o["coverage"], d["coverage"], 3),
            }
        )
    was = {c["code"]: c for c in old["criteria"]}
    titles = {g["code"]: g for g in [*old["gaps"], *new["gaps"]]}
    for c in new["criteria"]:
        prior = was.get(c["code"])
        if prior is None:
            continue
        a, b = prior["status"], c["status"]
        row = {"code": c["code"], "slug": c["slug"], "old": a, "new": b}
        if "title" in titles.get(c["code"], {}):
            row["title"] = titles[c["code"]]["title"]
        if a in GAP and b == "met":
            result.closed.append(row)
        elif b in GAP and a in ("met", "unknown", "not_applicable"):
            result.opened.append(row)
        elif a in GAP and b in GAP and a != b:
            result.changed.append(row)
        if a == "unknown" and b != "unknown":
            result.resolved.append(row)
        elif b == "unknown" and a != "unknown":
            result.lost.append(row)
    return result
