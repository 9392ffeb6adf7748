"""One small row per scored scenario: what rankings, CSV and the report index need, and no more.

Keeping only these rows (not whole assessments) is what keeps a large batch's memory flat.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopscore.core.assessment import Assessment
from coopscore.core.bounds import rank_ranges
from coopscore.formats.i18n import Lang, pick


@dataclass(frozen=True)
class Summary:
    id: str
    name: str
    path: str
    shown: str  # how the reader named the file (example:NAME, or a path below the working folder)
    as_of: int | None
    score: float | None
    score_bounds: tuple[float, float] | None
    coverage: float
    dimensions: tuple[tuple[str, float | None], ...]
    thin: tuple[str, ...]  # dimensions scored on less than half of their criterion weight
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
            shown=a.shown_file,
            as_of=a.as_of,
            score=a.score,
            score_bounds=a.score_bounds,
            coverage=a.coverage,
            dimensions=tuple((d.spec.id, d.score) for d in a.dimensions),
            thin=tuple(d.spec.id for d in a.dimensions if d.thin),
            high=sum(g.spec.severity == "high" for g in gaps),
            medium=sum(g.spec.severity == "medium" for g in gaps),
            low=sum(g.spec.severity == "low" for g in gaps),
            top_recommendation=f"{top.spec.id} {pick(top.spec.title, lang)}" if top else None,
            report=report,
        )


@dataclass(frozen=True)
class Standing:
    """Where a scenario stands in a ranking: its place by point score, and the best and worst
    place its bounds and everyone else's allow. ``separable`` is false when its bounds overlap
    another scenario's: the facts given do not order the two."""

    place: int
    best: int | None
    worst: int | None
    separable: bool

    @property
    def span(self) -> str:
        if self.best is None or self.worst is None:
            return "—"
        return str(self.best) if self.best == self.worst else f"{self.best}–{self.worst}"


def standings(order: list[Summary]) -> list[Standing]:
    """The rank range of each row of ``order`` (already ranked), given all rows' bounds."""
    ranges = rank_ranges([r.score_bounds for r in order])
    out = []
    for n, found in enumerate(ranges, 1):
        best, worst = found if found is not None else (None, None)
        out.append(Standing(n, best, worst, found is not None and best == worst))
    return out


def ranked(rows: list[Summary]) -> list[Summary]:
    """Highest score first; withheld scores last (by coverage), then by id for stable output."""
    return sorted(rows, key=lambda r: (r.score is None, -(r.score or 0.0), -r.coverage, r.id))
