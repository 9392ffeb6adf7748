"""compare's output: deltas per dimension, gaps closed and opened, unknowns resolved.

Every number is rounded here, when it is shown, and never before: the table and Markdown
through :mod:`coopscore.report.numbers`, the JSON to the decimals of the JSON contract
(``numbers.json_score``, ``numbers.json_share``; :data:`coopscore.core.compare.SAVED` reads
saved files at the same precision). A delta is rounded as a delta, never computed from
rounded values.

Both sides may be saved JSON assessments, so every value read from them is file text: it is
escaped for the terminal or Markdown like any scenario text.
"""

from __future__ import annotations

from typing import Any

from coopscore.core.compare import (
    Caveat,
    Comparison,
    NotComparable,
    Side,
    StatusChange,
)
from coopscore.formats.escaping import json_dumps
from coopscore.report import compare as report
from coopscore.report import numbers
from coopscore.report.i18n import Lang, label, pick
from coopscore.report.words import Words


def _l(key: str, lang: Lang, **values: Any) -> str:
    return label("compare_" + key, lang, **values)


def caveat(w: Caveat, lang: Lang) -> str:
    """What a reader is warned of, in the chosen language."""
    return report.caveat(w, Words(lang))


def refusal(error: NotComparable, lang: Lang) -> str:
    """Why two assessments are not compared, in the chosen language."""
    return report.refusal(error, Words(lang))


def _name(side: Side, lang: Lang) -> str:
    return pick(side.scenario_name, lang) or side.scenario_id


def to_dict(c: Comparison, lang: Lang) -> dict[str, Any]:
    """The comparison as ``compare --format json`` prints it: names in ``lang``, rounded."""

    def side(s: Side) -> dict[str, Any]:
        scenario = {"id": s.scenario_id, "name": _name(s, lang), "path": s.path, "as_of": s.as_of}
        return {
            "scenario": scenario,
            "score": numbers.json_score(s.score),
            "score_bounds": numbers.json_bounds(s.score_bounds),
            "coverage": numbers.json_share(s.coverage),
        }

    def changes(items: list[StatusChange]) -> list[dict[str, Any]]:
        out = []
        for r in items:
            row: dict[str, Any] = {"code": r.code, "slug": r.slug, "old": r.old, "new": r.new}
            if r.title is not None:
                row["title"] = pick(r.title, lang)
            out.append(row)
        return out

    return {
        "rubric": {"id": c.rubric.id, "version": c.rubric.version, "digest": c.rubric.digest},
        "old": side(c.old),
        "new": side(c.new),
        "score_delta": numbers.json_score(c.score_delta),
        "coverage_delta": numbers.json_share(c.coverage_delta),
        "dimensions": [
            {
                "id": d.id,
                "name": pick(d.name, lang),
                "old_score": numbers.json_score(d.old_score),
                "new_score": numbers.json_score(d.new_score),
                "score_delta": numbers.json_score(d.score_delta),
                "old_score_bounds": numbers.json_bounds(d.old_bounds),
                "new_score_bounds": numbers.json_bounds(d.new_bounds),
                "old_coverage": numbers.json_share(d.old_coverage),
                "new_coverage": numbers.json_share(d.new_coverage),
                "coverage_delta": numbers.json_share(d.coverage_delta),
            }
            for d in c.dimensions
        ],
        "gaps_closed": changes(c.closed),
        "gaps_opened": changes(c.opened),
        "gaps_changed": changes(c.changed),
        "gaps_persisting": changes(c.persisting),
        "unknowns_resolved": changes(c.resolved),
        "became_unknown": changes(c.lost),
        "warnings": [caveat(w, lang) for w in c.warnings],
    }


def to_json(c: Comparison, lang: Lang) -> str:
    """``compare --format json``: strict JSON, never ``NaN``."""
    return json_dumps(to_dict(c, lang), indent=2) + "\n"
