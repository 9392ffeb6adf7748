"""Two assessments of one cluster side by side: what moved, what closed, what opened.

Each side is a :class:`Side`: the facts compare reads, taken from an :class:`Assessment` scored
now (its values exact) or from an assessment saved earlier with ``assess --format json`` (its
scores and shares rounded to what the JSON contract writes, :data:`SAVED`). Two sides are
compared at the precision of the coarser one, so a scenario and its own saved JSON show no
change; two assessments scored now are compared exactly. Nothing is rounded for display here.

Assessments made with different rubrics measure different things: comparing them is refused
unless forced. What the reader should know about a comparison is returned as facts
(:data:`Caveat`); their words are the formats'.

A saved assessment is file text anyone may have written: ``coopscore.contract.read`` reads it,
checks it against the JSON contract and gives it as a :class:`Side`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from pydantic import BaseModel

from coopscore.core.assessment import GAP_STATUSES, Assessment, Status


class CompareError(ValueError):
    """The two assessments cannot be compared honestly."""


# ----------------------------------------------------------------------- what a side holds


class Precision(NamedTuple):
    """How many decimals a side's numbers keep: scores (0–100) and shares (0–1)."""

    score: int
    share: int

    def coarser(self, other: Precision | None) -> Precision:
        if other is None:
            return self
        return Precision(min(self.score, other.score), min(self.share, other.share))


# What ``assess --format json`` writes: scores to one decimal, shares to three.
SAVED = Precision(score=1, share=3)


class RubricKey(NamedTuple):
    """Which rubric scored a side; the digest tells two versions of one rubric apart."""

    id: str
    version: str
    digest: str


class DimensionSide(NamedTuple):
    id: str
    name: Any  # as given: text, or a name in English and Chinese
    score: float | None
    coverage: float
    bounds: tuple[float, float] | None = None  # what the facts allow (None: not saved)
    thin: bool = False  # scored on less than half of its criterion weight


class CriterionSide(NamedTuple):
    code: str
    slug: str
    status: Status


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _rounded_bounds(value: tuple[float, float] | None, digits: int) -> tuple[float, float] | None:
    return None if value is None else (round(value[0], digits), round(value[1], digits))


class Side(NamedTuple):
    """One assessment as compare reads it, whether scored now or saved as JSON.

    ``precision`` is ``None`` when the numbers are exact (scored now), and :data:`SAVED` for a
    saved assessment, whose numbers were rounded when it was written. Names and titles are
    kept as given (text, or English and Chinese): choosing a language is the formats' work.
    """

    rubric: RubricKey
    scenario_id: str
    scenario_name: Any
    path: str | None
    as_of: int | None
    score: float | None
    coverage: float
    dimensions: tuple[DimensionSide, ...]
    criteria: tuple[CriterionSide, ...]
    # the title of each criterion this side knows: every one of a scored scenario, the gaps of
    # a saved assessment (the only criteria whose titles it holds)
    titles: Mapping[str, Any]
    precision: Precision | None = None
    score_bounds: tuple[float, float] | None = None

    @classmethod
    def of(cls, a: Assessment) -> Side:
        """An assessment scored now, with its exact numbers."""
        return cls(
            rubric=RubricKey(a.rubric.id, a.rubric.version, a.rubric.digest),
            scenario_id=a.scenario_id,
            scenario_name=a.scenario_name,
            path=a.file,
            as_of=a.as_of,
            score=a.score,
            coverage=a.coverage,
            dimensions=tuple(
                DimensionSide(d.spec.id, d.spec.name, d.score, d.coverage, d.score_bounds, d.thin)
                for d in a.dimensions
            ),
            criteria=tuple(CriterionSide(r.spec.code, r.spec.slug, r.status) for r in a.results),
            titles={r.spec.code: r.spec.title for r in a.results},
            score_bounds=a.score_bounds,
        )

    def at(self, precision: Precision | None) -> Side:
        """This side with its numbers kept to ``precision`` (as they would be saved)."""
        if precision is None or precision == self.precision:
            return self
        return self._replace(
            score=_rounded(self.score, precision.score),
            score_bounds=_rounded_bounds(self.score_bounds, precision.score),
            coverage=round(self.coverage, precision.share),
            dimensions=tuple(
                d._replace(
                    score=_rounded(d.score, precision.score),
                    coverage=round(d.coverage, precision.share),
                    bounds=_rounded_bounds(d.bounds, precision.score),
                )
                for d in self.dimensions
            ),
            precision=precision,
        )


# ----------------------------------------------------------------------- the comparison


class DifferentRubrics(NamedTuple):
    """The sides were scored with different rubrics: their scores measure different things."""

    old: RubricKey
    new: RubricKey


class DifferentScenarios(NamedTuple):
    """The sides have different scenario ids: they may not describe one cluster."""

    old: str
    new: str


Caveat = DifferentRubrics | DifferentScenarios


class NotComparable(CompareError):
    """Refused: the rubrics differ and the comparison was not forced."""

    def __init__(self, fact: DifferentRubrics) -> None:
        super().__init__(fact)
        self.fact = fact


class DimensionDelta(NamedTuple):
    """One dimension on both sides; ``None`` where a side has no value (or lacks it)."""

    id: str
    name: Any
    old_score: float | None
    new_score: float | None
    old_coverage: float | None
    new_coverage: float | None
    old_bounds: tuple[float, float] | None = None
    new_bounds: tuple[float, float] | None = None
    old_thin: bool = False
    new_thin: bool = False

    @property
    def score_delta(self) -> float | None:
        return delta(self.old_score, self.new_score)

    @property
    def coverage_delta(self) -> float | None:
        return delta(self.old_coverage, self.new_coverage)


class StatusChange(NamedTuple):
    """A criterion whose status moved; ``title`` when either side knows it (a scored scenario
    knows every title, a saved assessment those of its gaps)."""

    code: str
    slug: str
    old: Status
    new: Status
    title: Any = None


class Comparison:
    """Both sides at one precision (see :func:`compare`), and what moved between them."""

    __slots__ = (
        "changed",
        "closed",
        "dimensions",
        "lost",
        "new",
        "old",
        "opened",
        "persisting",
        "resolved",
        "warnings",
    )

    def __init__(self, old: Side, new: Side) -> None:
        self.old = old
        self.new = new
        self.dimensions: list[DimensionDelta] = []
        self.closed: list[StatusChange] = []
        self.opened: list[StatusChange] = []
        self.changed: list[StatusChange] = []
        self.persisting: list[StatusChange] = []  # a gap on both sides, its status the same
        self.resolved: list[StatusChange] = []
        self.lost: list[StatusChange] = []
        self.warnings: list[Caveat] = []

    def _parts(self) -> tuple[Any, ...]:
        return (
            self.old,
            self.new,
            self.dimensions,
            self.closed,
            self.opened,
            self.changed,
            self.persisting,
            self.resolved,
            self.lost,
            self.warnings,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comparison):
            return NotImplemented
        return self._parts() == other._parts()

    __hash__ = None  # type: ignore[assignment]  # filled as the sides are compared

    def __repr__(self) -> str:
        names = (
            *("old", "new", "dimensions", "closed", "opened", "changed", "persisting"),
            *("resolved", "lost"),
        )
        shown = ", ".join(
            f"{n}={v!r}" for n, v in zip((*names, "warnings"), self._parts(), strict=True)
        )
        return f"Comparison({shown})"

    @property
    def score_delta(self) -> float | None:
        return delta(self.old.score, self.new.score)

    @property
    def coverage_delta(self) -> float | None:
        return delta(self.old.coverage, self.new.coverage)

    @property
    def rubric(self) -> RubricKey:
        return self.new.rubric

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain data: numbers unrounded, names as the sides give them."""

        def side(s: Side) -> dict[str, Any]:
            scenario = {
                "id": s.scenario_id,
                "name": _plain(s.scenario_name),
                "path": s.path,
                "as_of": s.as_of,
            }
            return {"scenario": scenario, "score": s.score, "coverage": s.coverage}

        def rows(changes: list[StatusChange]) -> list[dict[str, Any]]:
            return [{**c._asdict(), "title": _plain(c.title)} for c in changes]

        return {
            "rubric": self.rubric._asdict(),
            "old": side(self.old),
            "new": side(self.new),
            "score_delta": self.score_delta,
            "coverage_delta": self.coverage_delta,
            "dimensions": [
                {
                    **d._asdict(),
                    "name": _plain(d.name),
                    "score_delta": d.score_delta,
                    "coverage_delta": d.coverage_delta,
                }
                for d in self.dimensions
            ],
            "gaps_closed": rows(self.closed),
            "gaps_opened": rows(self.opened),
            "gaps_changed": rows(self.changed),
            "gaps_persisting": rows(self.persisting),
            "unknowns_resolved": rows(self.resolved),
            "became_unknown": rows(self.lost),
            "warnings": [_caveat(w) for w in self.warnings],
        }


def _plain(value: Any) -> Any:
    return value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else value


def _caveat(w: Caveat) -> dict[str, Any]:
    if isinstance(w, DifferentRubrics):
        return {"kind": "different_rubrics", "old": w.old._asdict(), "new": w.new._asdict()}
    return {"kind": "different_scenarios", "old": w.old, "new": w.new}


def delta(old: float | None, new: float | None) -> float | None:
    """``new - old``, unrounded; ``None`` when either is missing."""
    return None if old is None or new is None else new - old


Comparable = Assessment | Side


def _side(value: Comparable) -> Side:
    return Side.of(value) if isinstance(value, Assessment) else value


def compare(old: Comparable, new: Comparable, force: bool = False) -> Comparison:
    """Compare two assessments: each scored now or a :class:`Side` (``contract.read`` reads a
    saved one).

    Both sides are taken to the coarser side's precision first, so every delta is the
    difference of values known to the same decimals: exact between two assessments scored
    now, and zero between a scenario and its own saved JSON. :class:`NotComparable` when the
    rubrics differ and ``force`` is not given.
    """
    a, b = _side(old), _side(new)
    precision = a.precision.coarser(b.precision) if a.precision else b.precision
    result = Comparison(a.at(precision), b.at(precision))
    a, b = result.old, result.new
    if a.rubric.digest != b.rubric.digest:
        fact = DifferentRubrics(a.rubric, b.rubric)
        if not force:
            raise NotComparable(fact)
        result.warnings.append(fact)
    if a.scenario_id != b.scenario_id:
        result.warnings.append(DifferentScenarios(a.scenario_id, b.scenario_id))
    before = {d.id: d for d in a.dimensions}
    for d in b.dimensions:
        o = before.get(d.id)
        result.dimensions.append(
            DimensionDelta(
                d.id,
                d.name,
                o.score if o else None,
                d.score,
                o.coverage if o else None,
                d.coverage,
                o.bounds if o else None,
                d.bounds,
                o.thin if o else False,
                d.thin,
            )
        )
    was = {c.code: c for c in a.criteria}
    titles = {**a.titles, **b.titles}
    for c in b.criteria:
        prior = was.get(c.code)
        if prior is None:
            continue
        s, t = prior.status, c.status
        row = StatusChange(c.code, c.slug, s, t, titles.get(c.code))
        if s in GAP_STATUSES and t == "met":
            result.closed.append(row)
        elif t in GAP_STATUSES and s in ("met", "unknown", "not_applicable"):
            result.opened.append(row)
        elif s in GAP_STATUSES and t in GAP_STATUSES:
            (result.changed if s != t else result.persisting).append(row)
        if s == "unknown" and t != "unknown":
            result.resolved.append(row)
        elif t == "unknown" and s != "unknown":
            result.lost.append(row)
    return result
