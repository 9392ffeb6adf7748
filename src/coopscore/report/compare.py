"""The report of ``compare``: the scores side by side with their bounds, then what moved.

Both sides may be saved JSON assessments, so every value read from them is file text, kept
as it is here and escaped by the writer. A delta is computed from unrounded values by the
core and only rounded here (``report.numbers``).
"""

from __future__ import annotations

from typing import Any

from coopscore.core.compare import (
    Caveat,
    Comparison,
    DifferentRubrics,
    NotComparable,
    RubricKey,
    Side,
    StatusChange,
)
from coopscore.report import numbers
from coopscore.report.blocks import Builder, Bullets, Column, Inline, Report, Span, inline
from coopscore.report.words import Words


def _w(words: Words, key: str, **values: Any) -> str:
    return words("compare_" + key, **values)


def _rubric(r: RubricKey) -> str:
    return f"{r.id} {r.version} #{r.digest}"


def caveat(w: Caveat, words: Words) -> str:
    """What a reader is warned of."""
    if isinstance(w, DifferentRubrics):
        return _w(words, "different_rubrics", old=_rubric(w.old), new=_rubric(w.new))
    return _w(words, "different_scenarios", old=w.old, new=w.new)


def refusal(error: NotComparable, words: Words) -> str:
    """Why two assessments are not compared."""
    return _w(words, "not_comparable", reason=caveat(error.fact, words))


def name(side: Side, words: Words) -> str:
    """A side's scenario name in the reader's language, else its id."""
    return words.pick(side.scenario_name) or side.scenario_id


def _side(side: Side) -> str:
    return side.scenario_id if side.as_of is None else f"{side.scenario_id} ({side.as_of})"


def changes(c: Comparison) -> list[tuple[str, list[StatusChange]]]:
    """The criteria that moved, list by list, in the order they are shown."""
    return [
        ("closed", c.closed),
        ("opened", c.opened),
        ("changed", c.changed),
        ("persisting", c.persisting),
        ("resolved", c.resolved),
        ("lost", c.lost),
    ]


def item(row: StatusChange, words: Words) -> Inline:
    """``ENC001 slug — title: gap → met``."""
    title = words.pick(row.title) if row.title is not None else ""
    return inline(
        Span(row.code, "code"),
        " ",
        Span(row.slug, "dim"),
        f" — {title}" if title else "",
        f": {words(row.old)} → {words(row.new)}",
    )


def columns(words: Words) -> tuple[Column, ...]:
    cov, old, new, delta = (_w(words, k) for k in ("coverage", "old", "new", "delta"))
    return (
        Column(_w(words, "dimension"), "name"),
        Column(old, "bounds"),
        Column(new, "bounds"),
        Column(delta, "number"),
        Column(cov, "bounds"),
        Column(_w(words, "coverage_delta"), "number"),
    )


def _coverage(old: float | None, new: float | None) -> str:
    """``52% → 71%``: the coverage before and after."""
    return f"{numbers.percent(old)} → {numbers.percent(new)}"


def rows(c: Comparison, words: Words) -> list[tuple[str | Inline, ...]]:
    """Overall, then each dimension: both scores with their bounds, the change of score, the
    coverage before and after, and its change."""
    out: list[tuple[str | Inline, ...]] = [
        (
            inline(Span(_w(words, "overall"), "strong")),
            numbers.score_with_bounds(c.old.score, c.old.score_bounds),
            numbers.score_with_bounds(c.new.score, c.new.score_bounds),
            numbers.score_change(c.score_delta),
            _coverage(c.old.coverage, c.new.coverage),
            numbers.percent_change(c.coverage_delta, _w(words, "points")),
        )
    ]
    for d in c.dimensions:
        shown = words.pick(d.name)
        out.append(
            (
                inline(Span(d.id, "code"), f" {shown}" if shown else ""),
                numbers.score_with_bounds(d.old_score, d.old_bounds, d.old_thin),
                numbers.score_with_bounds(d.new_score, d.new_bounds, d.new_thin),
                numbers.score_change(d.score_delta),
                _coverage(d.old_coverage, d.new_coverage),
                numbers.percent_change(d.coverage_delta, _w(words, "points")),
            )
        )
    return out


def build(c: Comparison, words: Words) -> Report:
    out = Builder()
    title = words("titled", title=_w(words, "title"), name=f"{_side(c.old)} → {_side(c.new)}")
    out.heading(title, level=1)
    names = (name(c.old, words), name(c.new, words))
    if names != (c.old.scenario_id, c.new.scenario_id):
        out.paragraph(f"{names[0]} → {names[1]}")
    out.table(columns(words), rows(c, words))
    thin = [d.id for d in c.dimensions if d.old_thin or d.new_thin]
    if thin:
        out.note(words("thin_note", dimensions=", ".join(thin)))
    points = [c.old.score, c.new.score]
    points += [v for d in c.dimensions for v in (d.old_score, d.new_score)]
    if any(v is None for v in points):
        out.note(words("no_point_note"))
    for key, items in changes(c):
        out.heading(f"{_w(words, key)} ({len(items)})")
        if items:
            out.add(Bullets(tuple(item(row, words) for row in items)))
        else:
            out.paragraph(_w(words, "none"), indent=1)
    if c.warnings:
        out.heading(_w(words, "warnings"))
        out.add(Bullets(tuple(inline(Span(caveat(w, words), "bad")) for w in c.warnings)))
    return out.report(title, words.lang)
