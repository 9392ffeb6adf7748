"""What an assessment is: plain immutable results, independent of how they are shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from coopscore.core.conditions import Evidence
from coopscore.core.diagnostics.results import Diagnostic
from coopscore.model.rubric import CriterionSpec, DimensionSpec, RecommendationSpec, severity_rank

Status = Literal["met", "partial", "unmet", "unknown", "not_applicable"]
GAP_STATUSES: tuple[Status, ...] = ("unmet", "partial")


@dataclass(frozen=True)
class CriterionResult:
    spec: CriterionSpec
    status: Status
    credit: float | None
    evidence: tuple[Evidence, ...]
    unknown: tuple[str, ...] = ()
    reason: str | None = None
    waived: bool = False  # not applicable because the scenario says so (with its reason)

    @property
    def is_gap(self) -> bool:
        return self.status in GAP_STATUSES


@dataclass(frozen=True)
class DimensionResult:
    spec: DimensionSpec
    score: float | None
    coverage: float
    results: tuple[CriterionResult, ...]


@dataclass(frozen=True)
class RecommendationResult:
    spec: RecommendationSpec
    priority: float
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class RubricRef:
    id: str
    version: str
    digest: str
    file: str


@dataclass(frozen=True)
class Assessment:
    scenario_id: str
    scenario_name: Any
    file: str
    as_of: int | None
    rubric: RubricRef
    score: float | None
    coverage: float
    coverage_floor: float
    partial_credit: float
    dimensions: tuple[DimensionResult, ...]
    recommendations: tuple[RecommendationResult, ...]
    sources: dict[str, Any] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    hidden: frozenset[str] = frozenset()
    selection: str | None = None

    @property
    def results(self) -> list[CriterionResult]:
        return [r for d in self.dimensions for r in d.results]

    @property
    def all_gaps(self) -> list[CriterionResult]:
        """Every gap, whatever --select/--ignore hide; by severity, then code."""
        gaps = [r for r in self.results if r.is_gap]
        return sorted(gaps, key=lambda r: (severity_rank(r.spec.severity), r.spec.code))

    @property
    def gaps(self) -> list[CriterionResult]:
        """The gaps to show and to fail on: those the selection leaves visible."""
        return [r for r in self.all_gaps if r.spec.code not in self.hidden]

    @property
    def waived(self) -> list[CriterionResult]:
        """Criteria that do not apply, each with its reason (a scenario waiver or the rubric)."""
        return [r for r in self.results if r.status == "not_applicable"]

    @property
    def unknowns(self) -> list[CriterionResult]:
        return [r for r in self.results if r.status == "unknown"]
