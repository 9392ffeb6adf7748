"""The report of ``rubric list``: the rubric's criteria as a table, in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence

from coopscore.model.rubric import Criterion
from coopscore.report.blocks import Builder, Column, Inline, Report, Role, Span, inline
from coopscore.report.words import Words

COLUMNS: tuple[tuple[str, Role], ...] = (
    ("code", "code"),
    ("slug", "path"),  # a slug folds after its hyphens, never inside a word
    ("dimension_short", "code"),
    ("severity", "name"),
    ("list_weight", "number"),
    ("list_title", "prose"),
)


def _row(c: Criterion, words: Words) -> tuple[str | Inline, ...]:
    s = c.spec
    mark = s.severity if s.severity in ("high", "medium", "low") else "plain"
    return (
        inline(Span(s.code, "code")),
        inline(Span(s.slug, "dim")),
        s.dimension,
        inline(Span(words(s.severity), mark)),
        f"{s.weight:g}",
        words.pick(s.title),
    )


def build(criteria: Sequence[Criterion], rubric_file: str, words: Words) -> Report:
    """``criteria``: those chosen (by dimension or severity), in the rubric's order."""
    out = Builder()
    title = words("list_heading", count=len(criteria), file=rubric_file)
    out.heading(title, level=1)
    out.table(
        [Column(words(key), role) for key, role in COLUMNS], [_row(c, words) for c in criteria]
    )
    return out.report(title, words.lang)
