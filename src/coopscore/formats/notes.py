"""What every output says beside an assessment's scores: how they are computed, and that a
selection hides gaps without changing them."""

from __future__ import annotations

from coopscore.core.assessment import Assessment
from coopscore.formats.i18n import english


def score_formula(a: Assessment) -> str:
    """The scoring rule with this rubric's partial credit and coverage floor filled in."""
    return english("score_formula", partial=a.partial_credit, floor=a.coverage_floor)


def selection_note(a: Assessment) -> str | None:
    """Said wherever a selection hides gaps: it never changes the scores."""
    if a.selection is None:
        return None
    return english(
        "selection_note", selection=a.selection, shown=len(a.gaps), total=len(a.all_gaps)
    )
