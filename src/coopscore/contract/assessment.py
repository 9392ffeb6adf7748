"""The JSON contract of ``assess --format json``, as types: one record per assessment.

Each object of the record is a ``TypedDict``: the writer (:mod:`coopscore.contract.write`)
builds plain dicts of these shapes, at no cost at start-up, and the reader
(:mod:`coopscore.contract.read`) and the shipped JSON Schema (:mod:`coopscore.contract.schema`)
take the same types through pydantic, which reads the value constraints (:data:`Score`,
:data:`Share`) from their ``Annotated`` metadata.

A field is ``NotRequired`` when saved files written before it existed lack it, or when the
writer gives it only sometimes (``selection``, the optional parts of evidence and of a
diagnostic, the rank fields of a batch). Fields may be added, never removed or renamed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field
from typing_extensions import NotRequired, TypedDict

from coopscore.core.assessment import Status
from coopscore.core.diagnostics.results import CauseStatus, Rule, Verdict


def _within(low: float, high: float) -> Callable[[float], float]:
    """A number from ``low`` to ``high``, said in the reader's words; a number that is not
    finite passes (a file cannot hold one: the reader refuses NaN and Infinity as it parses)."""

    def check(value: float) -> float:
        if math.isfinite(value) and not low <= value <= high:
            raise ValueError(f"expected a number from {low:g} to {high:g}")
        return value

    return check


def _stated(low: float, high: float) -> Any:
    """The range as the schema states it (the reader checks it with :func:`_within`)."""
    return Field(json_schema_extra={"minimum": low, "maximum": high})


# A score, on the scale 0–100, rounded to one decimal in the record.
Score = Annotated[float, AfterValidator(_within(0, 100)), _stated(0, 100)]
# A share of weight or a credit, from 0 to 1, rounded to three decimals in the record.
Share = Annotated[float, AfterValidator(_within(0, 1)), _stated(0, 1)]
GapStatus = Literal["unmet", "partial", "unmet_or_partial"]


class Rubric(TypedDict):
    """Which rubric scored the scenario; the digest changes whenever the rubric file does."""

    id: str
    version: str
    digest: str


class Scenario(TypedDict):
    id: str
    name: str  # in the record's language
    path: NotRequired[str | None]  # None when the scenario was not read from a file
    as_of: NotRequired[int | None]


class Bounds(TypedDict):
    """The least and the most a score could be, over every value the unknowns could take."""

    lower: Score
    upper: Score


# A criterion's credit interval, [low, high] within [0, 1].
CreditBounds = Annotated[list[Share], Field(min_length=2, max_length=2)]


class Dimension(TypedDict):
    id: str
    name: str
    score: Score | None
    score_bounds: NotRequired[Bounds | None]
    coverage: Share
    thin: NotRequired[bool]


class Evidence(TypedDict):
    """A fact read from the scenario: its path, its value and its line (and file, if a base's)."""

    path: str
    value: Any
    line: int | None
    measure: NotRequired[str]
    measured: NotRequired[Any]
    exhaustive: NotRequired[bool]  # false: read from a list that may be incomplete
    file: NotRequired[str]


class Gap(TypedDict):
    code: str
    slug: str
    title: str
    dimension: str
    severity: str
    status: GapStatus
    credit_bounds: NotRequired[CreditBounds | None]
    recommendations: list[str]
    evidence: list[Evidence]
    source: str  # the paper's section


class NotApplicable(TypedDict):
    code: str
    reason: str | None
    by: Literal["scenario", "rubric"]


class Unknown(TypedDict):
    code: str
    path: str


class Answer(TypedDict):
    answer: Any
    evidence: list[Evidence]


class Warning(TypedDict):
    """A stated value that overrides a fallback saying otherwise."""

    kind: Literal["contradiction"]
    criteria: list[str]
    stated: Answer
    fallback: Answer


class FindOut(TypedDict):
    path: str
    criteria: list[str]
    narrowing: Score | None


class Bilingual(TypedDict):
    en: str
    zh: str


class Findings(TypedDict):
    """A diagnostic's key numbers in words, one line each, in both languages."""

    en: list[str]
    zh: list[str]


class MayBeOut(TypedDict):
    present: int
    absent: int
    unknown: int


class Tally(TypedDict):
    part: str
    of: str
    present: int
    absent: int
    unknown: int
    total: int
    may_be_out: MayBeOut
    exhaustive: bool


class Threshold(TypedDict):
    part: str
    measure: str
    value: float | None
    bounds: list[float | None]
    threshold: float
    flagged_when: Rule
    distance: float | None
    distance_bounds: list[float] | None
    status: Verdict


class Cause(TypedDict):
    id: str
    name: Bilingual
    status: CauseStatus
    evidence: list[str]
    missing: list[str]


class Series(TypedDict):
    years: list[int]
    values: list[float | None]


class Diagnostic(TypedDict):
    """One of the problems P1–P4: its verdict, its measures, its findings in both languages."""

    id: str
    name: Bilingual
    section: str
    status: Verdict
    flagged: NotRequired[bool | None]
    measures: dict[str, Any]  # keyed by measure: data, not field names
    findings: NotRequired[Findings]
    data: NotRequired[list[str]]
    missing: NotRequired[list[str]]
    recommendations: list[str]
    tallies: NotRequired[list[Tally]]
    thresholds: NotRequired[list[Threshold]]
    reason: NotRequired[Bilingual]
    causes: NotRequired[list[Cause]]
    series: NotRequired[Series]


class Recommendation(TypedDict):
    id: str
    priority: float
    gaps: list[str]


class Selection(TypedDict):
    rule: str
    shown: int
    hidden: int
    note: str


class Criterion(TypedDict):
    code: str
    slug: str
    status: Status
    credit: NotRequired[Share | None]
    credit_bounds: NotRequired[CreditBounds | None]
    applicable: NotRequired[bool | None]


class RankRange(TypedDict):
    best: int
    worst: int


class AssessmentRecord(TypedDict):
    """One assessment: what ``assess --format json`` writes, and each object of a batch's."""

    coopscore_version: str
    rubric: Rubric
    scenario: Scenario
    score: Score | None
    score_bounds: NotRequired[Bounds | None]
    coverage: Share
    coverage_floor: Share
    score_formula: str
    dimensions: list[Dimension]
    gaps: list[Gap]
    not_applicable: NotRequired[list[NotApplicable]]
    unknowns: list[Unknown]
    warnings: NotRequired[list[Warning]]
    find_out_first: NotRequired[list[FindOut]]
    diagnostics: list[Diagnostic]
    recommendations: list[Recommendation]
    selection: NotRequired[Selection]
    criteria: list[Criterion]
    # In a batch's records only: the place by point score, its range, whether it is certain.
    rank: NotRequired[int | None]
    rank_range: NotRequired[RankRange | None]
    separable: NotRequired[bool | None]
