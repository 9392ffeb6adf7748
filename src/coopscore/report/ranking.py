"""The report of a batch's ranking: every scenario by score, with the bounds its unknowns allow
and the range of ranks those bounds leave open; then the files that could not be scored."""

from __future__ import annotations

from collections.abc import Sequence

from coopscore.report import numbers
from coopscore.report.blocks import Builder, Column, Inline, Report, Span, inline
from coopscore.report.summary import Summary, ranked, standings, told_apart
from coopscore.report.words import Words


def columns(words: Words) -> tuple[Column, ...]:
    return (
        Column("#", "number"),
        Column(words("rank_range_short"), "bounds"),
        Column(words("scenario"), "name"),
        Column(words("file"), "path"),
        Column(words("score"), "number"),
        Column(words("bounds"), "bounds"),
        Column(words("coverage_short"), "number"),
        Column(words("gaps_hml"), "number"),
        Column(words("first_recommendation"), "code"),
    )


def _name(r: Summary, name: str, linked: bool) -> str | Inline:
    """The scenario's name, a link to its own report when ``linked`` and it has one."""
    if linked and r.report:
        return inline(Span(name, "link", target=r.report))
    return name


def ranking(
    rows: Sequence[Summary], words: Words, out: Builder, linked: bool = False
) -> list[Summary]:
    """The ranking table and its notes; returns the rows, ranked. ``linked``: each scenario's
    name links to its own report (a batch's folder of pages)."""
    order = ranked(rows)
    if not order:  # every file failed (they are listed next): no table without a row
        out.paragraph(words("nothing_scored"))
        return order
    places = standings(order)
    names = told_apart(order, lambda r: r.name, files=False)  # the File column is beside it
    body: list[tuple[str | Inline, ...]] = []
    for r, s, name in zip(order, places, names, strict=True):
        first = (r.top_recommendation or numbers.MISSING).split(" ", 1)[0]
        body.append(
            (
                str(s.place),
                s.mark,
                _name(r, name, linked),
                inline(Span(r.shown, "code")),
                numbers.score(r.score),
                numbers.bounds(r.score_bounds),
                numbers.percent(r.coverage),
                f"{r.high}/{r.medium}/{r.low}",
                inline(Span(first, "code")),
            )
        )
    out.table(columns(words), body)
    out.note(words("rank_range_note"))
    if any(r.score is None for r in order):
        out.note(words("no_point_note"))
    if any(s.separable is False for s in places):
        out.note(words("not_separable"))
    return order


def failures(failed: Sequence[tuple[str, str]], words: Words, out: Builder) -> None:
    """The files that could not be scored, each with why."""
    if failed:
        out.table(
            (Column(words("file"), "path"), Column(words("error"), "prose")),
            [(path, reason) for path, reason in failed],
            title=words("failed_inputs"),
        )


def build(rows: Sequence[Summary], failed: Sequence[tuple[str, str]], words: Words) -> Report:
    """``rows`` in any order (they are ranked here); ``failed``: (file, why) of each file that
    could not be scored."""
    out = Builder()
    title = words("ranking")
    out.heading(title, level=1)
    ranking(rows, words, out)
    failures(failed, words, out)
    return out.report(title, words.lang)
