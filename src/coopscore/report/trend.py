"""The report of ``trend``: one cluster through the years, in the same blocks as every report.

The snapshots with their scores and bounds; each series (overall first, then the dimensions)
as a line chart whose bounds are a band and as a table of years; the trends with their slope
bounds; the panel's 高开低走 reading; and between consecutive snapshots the gaps opened and
closed and each changed verdict with the facts on both sides, cited at their file and line.
"""

from __future__ import annotations

from coopscore.core.assessment import Assessment
from coopscore.core.conditions import Evidence
from coopscore.core.trend import OVERALL, Changed, Mismatch, PanelReading, Series, Trend
from coopscore.report import numbers
from coopscore.report.blocks import (
    Builder,
    Bullets,
    Column,
    Fact,
    Facts,
    Line,
    LineChart,
    Point,
    Report,
    Span,
    inline,
)
from coopscore.report.notes import said
from coopscore.report.words import Words


def slope_text(value: float | None) -> str:
    return numbers.MISSING if value is None else f"{value:+.2f}"


def slope_bounds_text(value: tuple[float, float] | None) -> str:
    if value is None:
        return numbers.MISSING
    return f"{value[0]:+.2f} … {value[1]:+.2f}"


def series_name(s: Series, words: Words) -> str:
    if s.key == OVERALL:
        return words("trend_overall")
    return f"{s.key} {words.pick(s.name)}"


def title(t: Trend, words: Words) -> str:
    years = [a.as_of for a in t.snapshots]
    # the cluster as the latest snapshot names it, as a batch shows it; its id if unnamed
    named = words.pick(t.snapshots[-1].scenario_name) if t.snapshots else ""
    cluster = named or t.cluster
    if words.lang == "zh" and cluster[-1:].isascii():
        cluster += " "  # an id, set apart from the Chinese that follows
    return words("trend_title", cluster=cluster, count=len(years), first=years[0], last=years[-1])


def refusal(m: Mismatch, words: Words) -> str:
    """Why the files are not one panel, in one line."""
    return words(
        f"trend_{'no_' if m.kind in ('cluster', 'rubric', 'year') else ''}{m.kind}",
        values=", ".join(m.values),
        files=", ".join(m.files),
    )


def _verdict(value: bool | None, words: Words) -> str:
    return words("unknown" if value is None else "flagged" if value else "clear")


def reading_lines(r: PanelReading, words: Words) -> list[str]:
    """The panel's 高开低走 reading: the rule, the verdict, each snapshot's own P1."""
    out = [words("trend_p1_rule", share=numbers.percent(r.momentum_below), years=r.min_years)]
    if not r.enough:
        out.append(words("trend_p1_few", count=len(r.verdicts), years=r.min_years))
    else:
        ratio = numbers.MISSING if r.ratio is None else numbers.percent(r.ratio)
        out.append(
            words(
                "trend_p1_value",
                value=_verdict(r.value, words),
                point=_verdict(r.point, words),
                peak=r.peak_year if r.peak_year is not None else numbers.MISSING,
                ratio=ratio,
            )
        )
    each = ", ".join(f"{y} {words(v or 'unknown')}" for y, v in r.verdicts)
    out.append(f"{words('trend_p1_each')}: {each}")
    return out


def _facts(evidence: tuple[Evidence, ...], side: Assessment, words: Words) -> Facts:
    """A side's facts in words, each cited at the file that stated it (as the reader named
    it) and its line."""
    items = []
    for e in evidence:
        s = said(e, words.lang)
        line = e.line if e.line is not None else "?"
        file = side.shown_name(e.file) if e.file else side.shown_file
        items.append(Fact(s.fact, f"{file}:{line}", s.path, s.subject, e.line))
    return Facts(tuple(items), more=words("more_verbose"), indent=4)


def _changed(out: Builder, c: Changed, before: Assessment, after: Assessment, words: Words) -> None:
    out.paragraph(
        inline(
            Span(c.code, "code"),
            f" {words.pick(c.result.spec.title)}: {words(c.before)} → {words(c.after)}",
        ),
        2,
    )
    for key, evidence, file in (
        ("trend_before", c.evidence_before, before),
        ("trend_after", c.evidence_after, after),
    ):
        if evidence:
            out.paragraph(f"{words(key)}:", 3)
            out.add(_facts(evidence, file, words))
        else:
            out.paragraph(f"{words(key)}: {words('trend_nothing_read')}", 3)


def _codes(codes: tuple[str, ...], words: Words) -> str:
    return ", ".join(codes) or words("none")


def build(t: Trend, words: Words) -> Report:
    out = Builder()
    heading = title(t, words)
    out.heading(heading, level=1)
    for m in t.forced:
        out.paragraph(inline(Span(words("trend_forced", what=refusal(m, words)), "bad")))

    out.heading(words("trend_snapshots"))
    out.table(
        [
            Column(words("trend_year"), "code"),
            Column(words("trend_file"), "path"),
            Column(words("score"), "number"),
            Column(words("bounds"), "bounds"),
            Column(words("coverage"), "number"),
        ],
        [
            (
                str(a.as_of),
                a.shown_file,
                numbers.score(a.score),
                numbers.bounds(a.score_bounds),
                numbers.percent(a.coverage),
            )
            for a in t.snapshots
        ],
    )
    if any(p.score is None for s in t.series for p in s.points):
        out.note(words("no_point_note"))

    out.heading(words("trend_series"))
    out.add(
        LineChart(
            "",
            tuple(
                Line(
                    series_name(s, words),
                    tuple(
                        Point(p.year, p.score, p.bounds[0], p.bounds[1], p.thin) for p in s.points
                    ),
                )
                for s in t.series
            ),
            key=words("dimension"),
            legend=words("trend_series_legend"),
        )
    )
    thin = [s.key for s in t.series if any(p.thin and p.score is not None for p in s.points)]
    if thin:
        out.note(words("thin_note", dimensions=", ".join(thin)))
    out.heading(words("trend_trends"))
    out.table(
        [
            Column(words("dimension"), "name"),
            Column(words("trend_slope"), "number"),
            Column(words("trend_slope_bounds"), "bounds"),
            Column(words("trend_direction"), "name"),
        ],
        [
            (
                series_name(s, words),
                slope_text(s.slope),
                slope_bounds_text(s.slope_bounds),
                words("dir_" + s.direction),
            )
            for s in t.series
        ],
    )
    out.note(words("trend_slope_note"))

    if t.reading is not None:
        out.heading(words("trend_p1"))
        out.add(Bullets(tuple(inline(line) for line in reading_lines(t.reading, words))))

    out.heading(words("trend_changes"))
    for step in t.steps:
        out.heading(f"{step.before.as_of} → {step.after.as_of}", level=3)
        out.paragraph(f"{words('trend_opened')}: {_codes(step.opened, words)}", 1)
        out.paragraph(f"{words('trend_closed')}: {_codes(step.closed, words)}", 1)
        out.paragraph(f"{words('trend_changed')} ({len(step.changed)})", 1)
        for c in step.changed:
            _changed(out, c, step.before, step.after, words)
    return out.report(heading, words.lang)
