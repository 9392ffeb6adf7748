"""Diagnostics: problems a rubric may switch on by id, each a module of its own.

A diagnostic reads its own data from the scenario, computes its measures with
:mod:`coopscore.core.metrics` and compares them with the thresholds in the rubric's
``diagnostics`` section. Three outcomes, as everywhere in coopscore:

* ``flagged``: the data shows the problem;
* ``clear``: the data shows it is absent;
* ``unknown``: the scenario lacks the data (or too little of it). Unknown is never flagged and
  never turned into 0; ``missing`` says what would settle it.

Whatever a diagnostic counts it counts three ways (``Tally``: stated present, stated absent,
unknown), and each measured value stands beside the bound that flags it (``Threshold``).

A diagnostic made of parts (P2's three, P4's convergence and local protection) is flagged when
one part is flagged, clear when every part is clear, and unknown otherwise (Kleene's ``or``).
Recommendations are linked only to flagged diagnostics. Results are data only
(:mod:`.results`); the formats put them into words.

A new problem is one module with an ``ID`` and a ``diagnose(scenario, spec, rubric)``,
one line in ``REGISTRY`` and its settings in the rubric model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from coopscore.core.diagnostics import (
    p1_high_start_low_finish,
    p2_three_more_three_less,
    p3_adjacent_follow_through,
    p4_competition,
)
from coopscore.core.diagnostics.results import (
    CauseResult,
    CauseStatus,
    Citation,
    Diagnostic,
    Reason,
    ReasonId,
    Rule,
    Tally,
    Threshold,
    Verdict,
)

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import ProblemSpec, Rubric

__all__ = [
    "REGISTRY",
    "CauseResult",
    "CauseStatus",
    "Citation",
    "Diagnostic",
    "Diagnostician",
    "Reason",
    "ReasonId",
    "Rule",
    "Tally",
    "Threshold",
    "Verdict",
    "diagnose",
]

Spec = TypeVar("Spec", bound="ProblemSpec", contravariant=True)


class Diagnostician(Protocol[Spec]):
    """One problem: its id and a pure reading of a scenario against its rubric settings."""

    @property
    def ID(self) -> str: ...

    def diagnose(self, scenario: LoadedScenario, spec: Spec, rubric: Rubric) -> Diagnostic: ...


REGISTRY: dict[str, Diagnostician[Any]] = {
    p1_high_start_low_finish.ID: p1_high_start_low_finish,
    p2_three_more_three_less.ID: p2_three_more_three_less,
    p3_adjacent_follow_through.ID: p3_adjacent_follow_through,
    p4_competition.ID: p4_competition,
}


def diagnose(scenario: LoadedScenario, rubric: Rubric) -> tuple[Diagnostic, ...]:
    """The diagnostics the rubric switches on, in id order, with its thresholds. Pure."""
    return tuple(
        REGISTRY[key].diagnose(scenario, spec, rubric)
        for key, spec in rubric.spec.diagnostics.enabled()
    )
