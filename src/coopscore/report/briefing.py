"""The executive summary every report opens with, in either language.

A reader handed a report decides from its first lines: where the score stands and how far the
unstated facts could move it, which gaps are certain, what to do first, and which facts to find
out first (``Assessment.find_out``: most narrowing first). ``summary`` says this as sentences;
``blocks`` lays them out as a report's blocks, and an output that writes its own text (Markdown)
can style the file text in them through a ``notes.Style``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from coopscore.core.assessment import Assessment, Fact
from coopscore.model.rubric import SEVERITIES
from coopscore.report import numbers
from coopscore.report.blocks import Block, Bullets, Heading, Paragraph, Span, inline
from coopscore.report.i18n import Lang, label, pick
from coopscore.report.notes import PLAIN, Style, folded, shape
from coopscore.report.words import Words

FIRST_STEPS = 3  # recommendations named
FIRST_FACTS = 5  # facts (after folding list indices) the terminal names without -v


@dataclass(frozen=True)
class Briefing:
    """The summary's sentences: ``gaps`` leads with the count, then one line per severity."""

    standing: str
    gaps: list[str]
    recommendations: list[str]
    find_out: list[str]


def summary(a: Assessment, lang: Lang, style: Style = PLAIN) -> Briefing:
    """What a reader needs first, as sentences in ``lang`` (file text styled by ``style``)."""
    return Briefing(
        standing(a, lang),
        gaps(a, lang, style),
        recommendations(a, lang, style),
        find_out(a, lang, style),
    )


def standing(a: Assessment, lang: Lang) -> str:
    """The score with its bounds and coverage, or why it is withheld, in one sentence."""
    values = {"coverage": numbers.percent(a.coverage)}
    if a.score_bounds is not None:
        values |= {"lower": numbers.score(a.score_bounds[0])}
        values |= {"upper": numbers.score(a.score_bounds[1])}
    bounded = a.score_bounds is not None
    if a.score is None:
        values["floor"] = numbers.percent(a.coverage_floor)
        return label("brief_withheld" if bounded else "brief_withheld_open", lang, **values)
    values["score"] = numbers.score(a.score)
    return label("brief_standing" if bounded else "brief_standing_open", lang, **values)


def gaps(a: Assessment, lang: Lang, style: Style = PLAIN) -> list[str]:
    """The certain gaps that the selection shows: their count by severity, high first."""
    shown, hidden = a.gaps, len(a.all_gaps) - len(a.gaps)
    if not a.all_gaps:
        return [label("no_gaps", lang)]
    sep = label("list_sep", lang)
    by_severity = [(s, [g for g in shown if g.spec.severity == s]) for s in SEVERITIES]
    present = [(s, found) for s, found in by_severity if found]
    counts = sep.join(
        label("brief_severity_count", lang, count=len(found), severity=label(s, lang))
        for s, found in present
    )
    head = label("brief_gaps", lang, count=len(shown), counts=counts or label("none", lang))
    if hidden:
        head += label("brief_gaps_hidden", lang, count=hidden)
    lines = [head]
    for s, found in present:
        codes = ", ".join(style.text(g.spec.code) for g in found)
        lines.append(label("brief_severity_codes", lang, severity=label(s, lang), codes=codes))
    return lines


def recommendations(a: Assessment, lang: Lang, style: Style = PLAIN) -> list[str]:
    """The first recommendations by priority that close a gap, with the gaps each closes."""
    first = [r for r in a.recommendations if r.priority > 0][:FIRST_STEPS]
    if not first:
        return [label("brief_no_steps", lang)]
    return [
        label(
            "brief_step",
            lang,
            id=style.text(r.spec.id),
            title=style.text(pick(r.spec.title, lang)),
            priority=f"{r.priority:g}",
            gaps=", ".join(style.text(code) for code in r.gaps),
        )
        for r in first
    ]


@dataclass(frozen=True)
class _Group:
    """Facts whose paths differ only in list indices, said as one."""

    paths: list[str]
    criteria: list[str]
    narrowing: float  # NaN when not known


def _groups(facts: Sequence[Fact]) -> list[_Group]:
    """Facts grouped by shape, in the order of their most narrowing member.

    Stating them all narrows the bounds by at least what the most narrowing one does: knowing
    more never widens them.
    """
    groups: dict[str, _Group] = {}
    for f in facts:
        group = groups.setdefault(shape(f.path), _Group([], [], f.narrowing))
        group.paths.append(f.path)
        group.criteria.extend(c for c in f.criteria if c not in group.criteria)
    return list(groups.values())


def _unstated(a: Assessment) -> list[Fact]:
    """The unstated facts without their narrowing, for an assessment made without it."""
    opened: dict[str, list[str]] = {}
    for r in a.unknowns:
        for path in r.unknown:
            opened.setdefault(path, []).append(r.spec.code)
    return [Fact(path, tuple(codes), math.nan) for path, codes in opened.items()]


def _points(narrowing: float) -> str | None:
    """Points the bounds surely narrow by, rounded down (it is a least value); ``None`` below
    a tenth, or when not known."""
    if not math.isfinite(narrowing):
        return None
    points = numbers.least_score(narrowing)
    return f"{points:.1f}" if points > 0 else None


def find_out(a: Assessment, lang: Lang, style: Style = PLAIN) -> list[str]:
    """The facts to find out first: how much each surely narrows the score's bounds, and the
    criteria that depend on it."""
    facts = list(a.find_out) or _unstated(a)
    if not facts:
        return [label("brief_all_stated", lang)]
    groups = _groups(facts)
    lines = []
    for g in groups:
        path = ", ".join(folded(g.paths, lang, style))
        criteria = ", ".join(style.text(c) for c in g.criteria)
        points = _points(g.narrowing)
        if points is None:
            lines.append(label("brief_fact_open", lang, path=path, criteria=criteria))
        else:
            values = {"path": path, "points": points, "criteria": criteria}
            lines.append(label("brief_fact", lang, **values))
    return lines


def blocks(a: Assessment, words: Words) -> list[Block]:
    """The summary as blocks: the standing, the certain gaps by severity, the first steps and
    the first facts to find out."""
    b = summary(a, words.lang)
    head, *severities = b.gaps
    out: list[Block] = [
        Heading(inline(words("summary"))),
        Paragraph(inline(b.standing), indent=1),
        Paragraph(inline(head), indent=1),
    ]
    out += [Paragraph(inline(line), indent=2) for line in severities]
    out.append(Paragraph(inline(Span(words("brief_steps"), "strong")), indent=1))
    out.append(Bullets(tuple(inline(line) for line in b.recommendations), indent=2))
    out.append(Paragraph(inline(Span(words("brief_find_out"), "strong")), indent=1))
    facts = tuple(inline(line) for line in b.find_out)
    out.append(Bullets(facts, indent=2, brief=FIRST_FACTS, more=words("more_verbose")))
    return out
