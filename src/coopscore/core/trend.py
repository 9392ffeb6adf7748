"""A cluster through the years: snapshots of one cluster, their series, trends and changes.

A snapshot is one assessment of the cluster as of a year (``as_of``). Every series carries each
year's point score (``None`` where it is withheld) and its bounds. The trend is the least-squares
slope of the scores on the years, in points per year. Since the slope is linear in the scores,
``Σ c_i y_i`` with ``c_i = (x_i − x̄) / Σ(x_j − x̄)²``, its least and greatest values over every
score the bounds allow sit at the bounds' corners: each year at its lower or upper bound by the
sign of ``c_i``. The point slope is drawn only when every snapshot has a point, so it always
lies within its bounds; the slope bounds are always drawn from the bounds.

Pure: the assessments come in, data goes out; the words are the formats'.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal, NamedTuple

from coopscore.core.assessment import Assessment, Bounds, CriterionResult, Status
from coopscore.core.conditions import Evidence
from coopscore.core.diagnostics.results import Verdict

Direction = Literal["up", "down", "uncertain"]
OVERALL = "overall"
FULL: Bounds = (0.0, 100.0)  # what a score without stated bounds may be


class TrendError(ValueError):
    """The files cannot make one panel."""


class Mismatch(NamedTuple):
    """Why the snapshots are not one panel: ``kind`` names it, ``files`` the files involved."""

    kind: Literal["cluster", "rubric", "no_year", "same_year", "too_few"]
    values: tuple[str, ...]
    files: tuple[str, ...]


class NotOnePanel(TrendError):
    def __init__(self, mismatches: Sequence[Mismatch]) -> None:
        super().__init__(", ".join(m.kind for m in mismatches))
        self.mismatches = tuple(mismatches)


class Point(NamedTuple):
    year: int
    score: float | None
    bounds: Bounds
    coverage: float
    thin: bool = False  # a dimension's score resting on less than half of its criterion weight


class Series(NamedTuple):
    """One dimension's (or the overall) scores through the snapshots, and its trend."""

    key: str  # a dimension id, or "overall"
    name: object  # the dimension's name as the rubric gives it (None for overall)
    points: tuple[Point, ...]
    slope: float | None  # points per year; None unless every snapshot has a point
    slope_bounds: Bounds | None  # None with fewer than two distinct years

    @property
    def direction(self) -> Direction:
        if self.slope_bounds is None:
            return "uncertain"
        low, high = self.slope_bounds
        return "up" if low > 0 else "down" if high < 0 else "uncertain"


class Changed(NamedTuple):
    """A criterion whose verdict differs between two snapshots, with what each side read."""

    code: str
    result: CriterionResult  # the later snapshot's
    before: Status
    after: Status
    evidence_before: tuple[Evidence, ...]
    evidence_after: tuple[Evidence, ...]


class Step(NamedTuple):
    """Between two consecutive snapshots: the gaps opened and closed, every changed verdict."""

    before: Assessment
    after: Assessment
    opened: tuple[str, ...]
    closed: tuple[str, ...]
    changed: tuple[Changed, ...]


class PanelReading(NamedTuple):
    """高开低走 read across the snapshots, on the overall scores, with P1's thresholds.

    Flagged when the overall score peaks before the last snapshot and the last is below
    ``momentum_below`` of that peak. ``value`` is what the bounds make certain (``None``: open
    within them); ``point`` is the reading of the point scores (``None`` when a point is
    withheld, or too few snapshots).
    """

    value: bool | None
    point: bool | None
    peak_year: int | None
    last_year: int
    ratio: float | None  # last / peak of the point scores
    momentum_below: float
    min_years: int
    enough: bool  # at least ``min_years`` snapshots
    verdicts: tuple[tuple[int, Verdict | None], ...]  # each snapshot's own P1 verdict


class Trend(NamedTuple):
    cluster: str
    snapshots: tuple[Assessment, ...]  # by as_of
    series: tuple[Series, ...]  # overall first, then the dimensions
    steps: tuple[Step, ...]
    reading: PanelReading | None  # None when the rubric does not switch P1 on
    forced: tuple[Mismatch, ...] = ()  # what --force let through


def slope(points: Sequence[tuple[float, float]]) -> float | None:
    """The least-squares slope of y on x; None without two distinct x."""
    weights = _weights([x for x, _ in points])
    if weights is None:
        return None
    return sum(c * y for c, (_, y) in zip(weights, points, strict=True))


def slope_bounds(years: Sequence[float], bounds: Sequence[Bounds]) -> Bounds | None:
    """The least and greatest slope over every series within ``bounds``: exact, at corners."""
    weights = _weights(years)
    if weights is None:
        return None
    low = sum(c * (lo if c > 0 else hi) for c, (lo, hi) in zip(weights, bounds, strict=True))
    high = sum(c * (hi if c > 0 else lo) for c, (lo, hi) in zip(weights, bounds, strict=True))
    return (low, high)


def _weights(xs: Sequence[float]) -> list[float] | None:
    """``c_i = (x_i − x̄) / Σ(x_j − x̄)²``: the slope is ``Σ c_i y_i``."""
    if len(xs) < 2:
        return None
    mean = sum(xs) / len(xs)
    sxx = sum((x - mean) ** 2 for x in xs)
    if sxx == 0:
        return None
    return [(x - mean) / sxx for x in xs]


def _series(key: str, name: object, points: tuple[Point, ...]) -> Series:
    years = [float(p.year) for p in points]
    scores = [p.score for p in points]
    point = None
    if all(s is not None for s in scores):
        point = slope([(x, s) for x, s in zip(years, scores, strict=True) if s is not None])
    return Series(key, name, points, point, slope_bounds(years, [p.bounds for p in points]))


def check(assessments: Sequence[Assessment]) -> list[Mismatch]:
    """What keeps the assessments from being snapshots of one cluster: different ids, rubrics,
    a snapshot without a year, two of the same year, fewer than two."""
    found: list[Mismatch] = []
    if len(assessments) < 2:
        found.append(Mismatch("too_few", (str(len(assessments)),), ()))
    undated = [a for a in assessments if a.as_of is None]
    if undated:
        found.append(Mismatch("no_year", (), tuple(a.shown_file for a in undated)))
    ids = sorted({a.scenario_id for a in assessments})
    if len(ids) > 1:
        found.append(Mismatch("cluster", tuple(ids), tuple(a.shown_file for a in assessments)))
    digests = sorted({a.rubric.digest for a in assessments})
    if len(digests) > 1:
        found.append(Mismatch("rubric", tuple(digests), tuple(a.shown_file for a in assessments)))
    by_year: dict[int, list[Assessment]] = {}
    for a in assessments:
        if a.as_of is not None:
            by_year.setdefault(a.as_of, []).append(a)
    for year, same in sorted(by_year.items()):
        if len(same) > 1:
            files = tuple(a.shown_file for a in same)
            found.append(Mismatch("same_year", (str(year),), files))
    return found


FORCEABLE = frozenset({"cluster", "rubric", "same_year"})


def trend(
    assessments: Sequence[Assessment],
    momentum_below: float | None = None,
    min_years: int = 3,
    force: bool = False,
) -> Trend:
    """The panel of ``assessments``; ``momentum_below`` and ``min_years`` are the rubric's P1
    thresholds (``momentum_below`` None: P1 is off, no panel reading). Raises ``NotOnePanel``
    for what ``check`` finds, except what ``force`` lets through (different clusters or
    rubrics, two snapshots of one year)."""
    mismatches = check(assessments)
    blocking = [m for m in mismatches if not (force and m.kind in FORCEABLE)]
    if blocking:
        raise NotOnePanel(blocking)
    ordered = tuple(sorted(assessments, key=lambda a: a.as_of or 0))
    years = [a.as_of or 0 for a in ordered]
    overall = tuple(
        Point(y, a.score, a.score_bounds or FULL, a.coverage)
        for y, a in zip(years, ordered, strict=True)
    )
    series = [_series(OVERALL, None, overall)]
    for index, spec in enumerate(d.spec for d in ordered[0].dimensions):
        points = []
        for y, a in zip(years, ordered, strict=True):
            found = [d for d in a.dimensions if d.spec.id == spec.id]
            d = found[0] if found else (a.dimensions[index] if index < len(a.dimensions) else None)
            if d is None:
                points.append(Point(y, None, FULL, 0.0))
            else:
                points.append(Point(y, d.score, d.score_bounds or FULL, d.coverage, d.thin))
        series.append(_series(spec.id, spec.name, tuple(points)))
    steps = tuple(_step(a, b) for a, b in itertools.pairwise(ordered))
    reading = None
    if momentum_below is not None:
        reading = _reading(ordered, overall, momentum_below, min_years)
    forced = tuple(m for m in mismatches if m not in blocking)
    return Trend(ordered[0].scenario_id, ordered, tuple(series), steps, reading, forced)


def _step(before: Assessment, after: Assessment) -> Step:
    old = {r.spec.code: r for r in before.results}
    opened, closed, changed = [], [], []
    for r in after.results:
        was = old.get(r.spec.code)
        if was is None:
            continue
        if r.is_gap and not was.is_gap:
            opened.append(r.spec.code)
        if was.is_gap and not r.is_gap and r.status != "unknown":
            closed.append(r.spec.code)  # a gap whose facts are no longer stated is not closed
        if r.status != was.status:
            changed.append(Changed(r.spec.code, r, was.status, r.status, was.evidence, r.evidence))
    return Step(before, after, tuple(opened), tuple(closed), tuple(changed))


def _reading(
    ordered: tuple[Assessment, ...],
    overall: tuple[Point, ...],
    momentum_below: float,
    min_years: int,
) -> PanelReading:
    verdicts = tuple(
        (p.year, next((d.status for d in a.diagnostics if d.id == "P1"), None))
        for p, a in zip(overall, ordered, strict=True)
    )
    last = overall[-1]
    earlier = overall[:-1]
    enough = len(overall) >= min_years
    # certain: some earlier year's least is above the last's greatest by the threshold
    surely = any(last.bounds[1] < momentum_below * p.bounds[0] for p in earlier)
    surely_not = all(last.bounds[0] >= momentum_below * p.bounds[1] for p in earlier)
    value: bool | None = None
    if enough:
        value = True if surely else False if surely_not else None
    point: bool | None = None
    peak_year: int | None = None
    ratio: float | None = None
    if all(p.score is not None for p in overall):
        peak = max(overall, key=lambda p: (p.score or 0.0, -p.year))
        peak_year = peak.year
        if peak.score:
            ratio = (last.score or 0.0) / peak.score
        if enough:
            point = peak.year != last.year and ratio is not None and ratio < momentum_below
    return PanelReading(
        value, point, peak_year, last.year, ratio, momentum_below, min_years, enough, verdicts
    )
