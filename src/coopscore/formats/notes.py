"""What every output says beside an assessment's scores: how they are computed, and that a
selection hides gaps without changing them, and which stated facts contradict their fallback."""

from __future__ import annotations

from coopscore.core.assessment import Assessment
from coopscore.core.conditions import Evidence
from coopscore.formats.i18n import Lang, english, label


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


def _facts(items: tuple[Evidence, ...], lang: Lang) -> str:
    return "; ".join(
        f"{e.describe()} ({label('at_line', lang, line=e.line if e.line is not None else '?')})"
        for e in items
    )


def contradictions(a: Assessment, lang: Lang) -> list[str]:
    """Each contradiction in words, with the lines of both facts (plain text, to be escaped)."""
    return [
        label(
            "contradiction",
            lang,
            criteria=", ".join(w.criteria),
            stated=_facts(w.contradiction.stated, lang),
            stated_answer=label("yes" if w.contradiction.stated_answer else "no", lang),
            fallback=_facts(w.contradiction.fallback, lang),
            fallback_answer=label("yes" if w.contradiction.fallback_answer else "no", lang),
        )
        for w in a.warnings
    ]
