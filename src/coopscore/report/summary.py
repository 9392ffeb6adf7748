"""One small row per scored scenario: what rankings, CSV and the report index need, and no more.

Keeping only these rows (not whole assessments) is what keeps a large batch's memory flat.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from coopscore.core.assessment import Assessment
from coopscore.core.bounds import rank_ranges
from coopscore.report.i18n import Lang, pick


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


class Rankable(Protocol):
    """What a ranking needs of a scored scenario: a ``Summary`` or a ``Placing``."""

    @property
    def id(self) -> str: ...

    @property
    def score(self) -> float | None: ...

    @property
    def coverage(self) -> float: ...

    @property
    def score_bounds(self) -> tuple[float, float] | None: ...


@dataclass(frozen=True)
class Placing:
    """All a streaming batch format keeps of a scored scenario until the batch ends, to rank it."""

    id: str
    score: float | None
    coverage: float
    score_bounds: tuple[float, float] | None

    @classmethod
    def of(cls, a: Assessment) -> Placing:
        return cls(a.scenario_id, a.score, a.coverage, a.score_bounds)


@dataclass(frozen=True)
class Standing:
    """Where a scenario stands in a ranking: its place by point score, and the best and worst
    place its bounds and everyone else's allow.

    ``separable`` is true when the scenario's place is certain: its score bounds overlap no
    other ranked scenario's (closed intervals, so equal bounds at one point overlap), which is
    the same as ``best == worst``. A scenario without bounds (no criterion can apply) takes no
    rank range, and ``separable`` is None; it shifts no one else's range.
    """

    place: int
    best: int | None
    worst: int | None
    separable: bool | None

    @property
    def span(self) -> str:
        if self.best is None or self.worst is None:
            return "—"
        return str(self.best) if self.best == self.worst else f"{self.best}–{self.worst}"

    @property
    def mark(self) -> str:
        """The rank range as the tables show it: ``≈`` after one that is not separable."""
        return self.span + (" ≈" if self.separable is False else "")


R = TypeVar("R", bound=Rankable)


def standings(order: Sequence[Rankable]) -> list[Standing]:
    """The rank range of each row of ``order`` (already ranked), given all rows' bounds."""
    ranges = rank_ranges([r.score_bounds for r in order])
    out = []
    for n, found in enumerate(ranges, 1):
        if found is None:
            out.append(Standing(n, None, None, None))
        else:
            out.append(Standing(n, found[0], found[1], found[0] == found[1]))
    return out


def _key(r: Rankable) -> tuple[bool, float, float, str]:
    return (r.score is None, -(r.score or 0.0), -r.coverage, r.id)


def ranked(rows: Sequence[R]) -> list[R]:
    """Highest score first; withheld scores last (by coverage), then by id for stable output."""
    return sorted(rows, key=_key)


def standings_in_order(items: Sequence[Rankable | None]) -> list[Standing | None]:
    """Each item's standing, in the items' own order; ``None`` (a failed file) gets none and
    counts for no one else's place or range."""
    scored = sorted(
        ((n, item) for n, item in enumerate(items) if item is not None), key=lambda x: _key(x[1])
    )
    out: list[Standing | None] = [None] * len(items)
    for (n, _), s in zip(scored, standings([item for _, item in scored]), strict=True):
        out[n] = s
    return out


def told_apart(
    order: Sequence[Summary], label: Callable[[Summary], str], files: bool = True
) -> list[str]:
    """Each row's ``label``, told apart from the others: with its year where another row has
    the same label (snapshots of one cluster), and with its file where even that is shared
    (unless ``files`` is false: a table that shows the file beside it)."""
    first = [label(r) for r in order]
    seen = Counter(first)
    dated = [
        f"{text} ({r.as_of})" if seen[text] > 1 and r.as_of is not None else text
        for text, r in zip(first, order, strict=True)
    ]
    if not files:
        return dated
    seen = Counter(dated)
    return [
        f"{text} · {r.shown}" if seen[text] > 1 else text
        for text, r in zip(dated, order, strict=True)
    ]
