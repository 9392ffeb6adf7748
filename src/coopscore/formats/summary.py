"""One small row per scored scenario: what rankings, CSV and the report index need, and no more.

Keeping only these rows (not whole assessments) is what keeps a large batch's memory flat.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopscore.core.assessment import Assessment
from coopscore.formats.i18n import Lang, pick


@dataclass(frozen=True)
class Summary:
    id: str
    name: str
    path: str
    as_of: int | None
    score: float | None
    coverage: float
    dimensions: tuple[tuple[str, float | None], ...]
    high: int
    medium: int
    low: int
    top_recommendation: str | None
    report: str | None = None

    @classmethod
    def of(cls, a: Assessment, lang: Lang = "en", report: str | None = None) -> Summary:
        gaps = a.gaps
        top = next((r for r in a.recommendations if r.priority > 0), None)
        return cls(
            id=a.scenario_id,
            name=pick(a.scenario_name, lang) or a.scenario_id,
            path=a.file,
            as_of=a.as_of,
            score=a.score,
            coverage=a.coverage,
            dimensions=tuple((d.spec.id, d.score) for d in a.dimensions),
            high=sum(g.spec.severity == "high" for g in gaps),
            medium=sum(g.spec.severity == "medium" for g in gaps),
            low=sum(g.spec.severity == "low" for g in gaps),
            top_recommendation=f"{top.spec.id} {pick(top.spec.title, lang)}" if top else None,
            report=report,
        )


def ranked(rows: list[Summary]) -> list[Summary]:
    """Highest score first; withheld scores last (by coverage), then by id for stable output."""
    return sorted(rows, key=lambda r: (r.score is None, -(r.score or 0.0), -r.coverage, r.id))
