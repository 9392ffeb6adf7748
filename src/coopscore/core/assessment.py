"""What an assessment is: plain immutable results, independent of how they are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from coopscore.core.conditions import Contradiction, Evidence
from coopscore.core.diagnostics.results import Diagnostic
from coopscore.model.rubric import CriterionSpec, DimensionSpec, RecommendationSpec, severity_rank

if TYPE_CHECKING:  # made only for ``agree``: its module is not loaded to score a file
    from coopscore.core.cluster import Cluster

Status = Literal["met", "partial", "unmet", "unmet_or_partial", "unknown", "not_applicable"]
# A gap is a criterion that is certainly not met (its credit's upper bound is below 1): unmet,
# partial, or not met with its depth open. Only a stated fact can make one.
GAP_STATUSES: tuple[Status, ...] = ("unmet", "partial", "unmet_or_partial")
Bounds = tuple[float, float]
# What an assessment carries beyond its results, each made only for a reader that shows it:
# the facts to find out first, the scenario's lines (quoted beside evidence), its cluster.
Extra = Literal["find_out", "source_lines", "cluster"]
EXTRAS: frozenset[Extra] = frozenset(("find_out", "source_lines", "cluster"))


class CriterionResult(NamedTuple):
    spec: CriterionSpec
    status: Status
    credit: float | None
    evidence: tuple[Evidence, ...]
    unknown: tuple[str, ...] = ()
    reason: str | None = None
    waived: bool = False  # not applicable because the scenario says so (with its reason)
    # The credit the facts still allow, [low, high] within [0, 1]; None when it does not apply.
    credit_bounds: Bounds | None = None
    applicable: bool | None = True  # None: whether it applies is itself unknown
    contradictions: tuple[Contradiction, ...] = ()  # a stated value overriding its fallback

    @property
    def is_gap(self) -> bool:
        return self.status in GAP_STATUSES


class ScoreWarning(NamedTuple):
    """Something the reader must weigh beside the score; ``kind`` says what."""

    kind: Literal["contradiction"]
    contradiction: Contradiction
    criteria: tuple[str, ...]  # the criteria whose verdict the stated value decided


class Fact(NamedTuple):
    """An unstated fact, the criteria it keeps open, and how far stating it surely narrows the
    overall score's bounds (see ``core.next_facts``)."""

    path: str
    criteria: tuple[str, ...]
    narrowing: float


class DimensionResult(NamedTuple):
    spec: DimensionSpec
    score: float | None
    coverage: float
    results: tuple[CriterionResult, ...]
    # The least and the most the score could be, over every value the unknowns could take.
    score_bounds: Bounds | None = None

    @property
    def thin(self) -> bool:
        """Scored on less than half of its criterion weight: a score to read with care."""
        return self.score is not None and self.coverage < 0.5


class RecommendationResult(NamedTuple):
    spec: RecommendationSpec
    priority: float
    gaps: tuple[str, ...]


class RubricRef(NamedTuple):
    id: str
    version: str
    digest: str
    file: str
    # The text is the bundled rubric's (read by default, or an identical copy): reports mark
    # any other rubric as modified.
    bundled: bool = False


class Assessment(NamedTuple):
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
    sources: dict[str, Any]
    diagnostics: tuple[Diagnostic, ...] = ()
    score_bounds: Bounds | None = None
    warnings: tuple[ScoreWarning, ...] = ()
    # How the reader named the file (``example:NAME``, or a path relative to the working
    # folder); reports name it so, and JSON keeps ``file``.
    shown: str | None = None
    find_out: tuple[Fact, ...] = ()  # what to find out first, most narrowing first

    @property
    def shown_file(self) -> str:
        return self.shown or self.file

    hidden: frozenset[str] = frozenset()
    selection: str | None = None
    # The scenario's text, line by line, as read: reports quote the line a fact stands on.
    source_lines: tuple[str, ...] = ()
    # Which cluster the file says it describes (its id, name and members), for ``agree``.
    cluster: Cluster | None = None
    # How the reader named the files of a scenario where that is not their path (a base
    # ``example:NAME``): (file, name). Reports show the name; JSON keeps the file.
    names: tuple[tuple[str, str], ...] = ()

    def shown_name(self, file: str) -> str:
        """How the reader named ``file`` (a base the scenario extends), as reports show it."""
        return next((name for path, name in self.names if path == file), file)

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
