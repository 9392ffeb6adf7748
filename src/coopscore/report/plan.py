"""The report of ``plan``: the ranked steps, then the steps grouped by recommendation."""

from __future__ import annotations

from coopscore.core.plan import Plan, Step
from coopscore.model.rubric import Rubric
from coopscore.report import numbers
from coopscore.report.blocks import Builder, Bullets, Column, Report, Span, inline
from coopscore.report.words import Words


def _row(step: Step, words: Words) -> tuple[str | tuple[Span, ...], ...]:
    s = step.result.spec
    return (
        inline(Span(s.code, "code")),
        words.pick(s.title),
        inline(Span(words(s.severity), s.severity)),
        words(step.result.status),
        s.dimension,
        words(s.layer) if s.layer else "—",
        numbers.gain(step.score_gain),
        numbers.gain(step.lower_gain),
        numbers.gain(step.dimension_gain),
    )


COLUMNS = (
    ("code", "code"),
    ("gap", "name"),
    ("severity", "name"),
    ("status", "name"),
    ("dimension_short", "code"),
    ("layer", "name"),
    ("score_gain", "number"),
    ("lower_gain", "number"),
    ("dimension_gain_short", "number"),
)


def _title(rubric: Rubric, rec: str, words: Words) -> str:
    found = next((r for r in rubric.recommendations if r.id == rec), None)
    if found is None:
        return f"— {words('no_recommendation')}"
    return f"{rec} {words.pick(found.title)} ({found.section})"


def build(plan: Plan, rubric: Rubric, words: Words) -> Report:
    out = Builder()
    name = words.pick(plan.scenario_name) or plan.scenario_id
    title = words("titled", title=words("plan_title"), name=name)
    out.heading(title, level=1)
    if plan.score is None:
        out.paragraph(words("plan_withheld"))
    else:
        score = numbers.score_with_bounds(plan.score, plan.score_bounds)
        out.paragraph(words("plan_base", score=score))
    out.heading(words("plan_steps_head"))
    if not plan.steps:  # nothing to close: a sentence, not a table without rows
        out.paragraph(inline(Span(words("no_gaps"), "good")))
        return out.report(title, words.lang)
    out.table(
        [Column(words(key), role) for key, role in COLUMNS],  # type: ignore[arg-type]
        [_row(s, words) for s in plan.steps],
    )
    if plan.groups:
        out.heading(words("plan_by_recommendation"))
    for rec, items in plan.groups:
        out.heading(_title(rubric, rec, words), level=3)
        out.add(
            Bullets(
                tuple(
                    inline(
                        Span(s.code, "code"),
                        f" {words.pick(s.result.spec.title)}: {numbers.gain(s.score_gain)}",
                    )
                    for s in items
                )
            )
        )
    return out.report(title, words.lang)
