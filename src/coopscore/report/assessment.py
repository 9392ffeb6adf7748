"""The report of one assessment: the summary first, then the score, the dimensions, each gap
with the facts that decide it, the four problems, what is not applicable, what is unknown,
what contradicts itself, and the recommendations.

Every output that shows an assessment as a document draws this one report, so each says the
same thing in the same words."""

from __future__ import annotations

from collections.abc import Mapping

from coopscore import __version__
from coopscore.core.assessment import Assessment, CriterionResult, DimensionResult
from coopscore.core.conditions import Evidence
from coopscore.report import briefing, diagnostics, numbers
from coopscore.report.blocks import (
    Bar,
    Builder,
    Bullets,
    Chart,
    Column,
    Fact,
    Facts,
    Heading,
    Inline,
    Report,
    Span,
    inline,
)
from coopscore.report.notes import (
    NO_NAMES,
    cited_lines,
    contradictions,
    decisive_first,
    folded,
    modified,
    provenance,
    said,
    score_formula,
    selection_note,
)
from coopscore.report.words import Words

KEEP = "\u00a0"  # joins words a writer keeps on one line
BRIEF = 3  # facts shown under a gap unless every fact is asked for
# The most characters of a scenario line a report quotes: wider than any terminal, and bounded,
# so a file written on one line (flow YAML) costs each quote this much, not its whole text.
QUOTE_CHARS = 400
LINES = 3  # lines named in the gap table; the facts under each gap name them all
# The facts whose own line says most: a stated value, not a list's count (cited at its key).
_QUOTED = (None, "age", "exists")


def kept(text: str) -> str:
    return text.replace(" ", KEEP)


def title(a: Assessment, words: Words) -> str:
    return words.pick(a.scenario_name) or a.scenario_id


def _header(a: Assessment, words: Words, out: Builder) -> None:
    """The scenario's name and date, then how the file was named and what made the report."""
    as_of = f"({words('as_of')} {a.as_of if a.as_of is not None else '?'})"
    out.heading(inline(Span(title(a, words), "strong"), "  ", kept(as_of)), level=1)
    parts: list[str | Span] = [Span(kept(a.shown_file), "code")]
    for piece in provenance(a.rubric, words.lang):
        parts += [" · ", Span(kept(piece), "dim")]
    out.paragraph(inline(*parts))
    warning = modified(a.rubric, words.lang)
    if warning:
        out.paragraph(inline(Span(warning, "bad"), " (", Span(a.rubric.file, "code"), ")"))
    note = selection_note(a, words.lang)
    if note:
        out.note(note)


def _standing(a: Assessment, words: Words, out: Builder) -> None:
    """The overall score with its bounds and coverage, or why it is withheld."""
    if a.score is None:
        verdict = words(
            "withheld",
            coverage=numbers.percent(a.coverage),
            floor=numbers.percent(a.coverage_floor),
        )
        if a.score_bounds is not None:
            lower, upper = (numbers.score(v) for v in a.score_bounds)
            verdict += f" ({words('withheld_bounds', lower=lower, upper=upper)})"
        out.paragraph(inline(Span(f"{words('score')}: {verdict}", "strong")))
        return
    score = numbers.score_with_bounds(a.score, a.score_bounds)
    coverage = numbers.percent(a.coverage)
    out.paragraph(
        inline(
            Span(f"{words('score')}: {kept(score)}", "strong"),
            "   ",
            Span(f"{words('coverage')}: {coverage}", "strong"),
        )
    )


def _thin(d: DimensionResult) -> str:
    return numbers.score(d.score) + ("*" if d.thin else "")


def _dimensions(a: Assessment, words: Words, out: Builder) -> None:
    """The dimensions as a table and as bars with their bounds, and which are thin."""
    columns = [
        Column("", "code"),
        Column(words("dimension"), "name"),
        Column(words("score"), "number"),
        Column(words("bounds"), "bounds"),
        Column(words("coverage"), "number"),
        Column(words("gaps"), "number"),
    ]
    rows = []
    for d in a.dimensions:
        count = sum(1 for r in d.results if r.is_gap and r.spec.code not in a.hidden)
        rows.append(
            (
                inline(Span(d.spec.id, "code")),
                words.pick(d.spec.name),
                _thin(d),
                numbers.bounds(d.score_bounds),
                numbers.percent(d.coverage),
                str(count),
            )
        )
    out.heading(words("dimensions"))
    out.table(columns, rows, title=words("dimensions"))  # the writers show the words once
    bars = []
    for d in a.dimensions:
        lower, upper = d.score_bounds if d.score_bounds is not None else (None, None)
        bars.append(Bar(d.spec.id, words.pick(d.spec.name), d.score, lower, upper, d.thin))
    out.add(Chart(words("chart_title"), tuple(bars), words("chart_legend")))
    thin = [d.spec.id for d in a.dimensions if d.thin]
    if thin:
        out.note(words("thin_note", dimensions=", ".join(thin)))
    if any(d.score is None for d in a.dimensions):
        out.note(words("no_dimension_point_note"))


def _dimension_heading(d: DimensionResult, words: Words) -> Heading:
    """``D1 Cooperation model — 33.3 (bounds 33.3 to 44.4)``."""
    score = _thin(d)
    if d.score_bounds is not None:
        lower, upper = (numbers.score(v) for v in d.score_bounds)
        score += f" ({words('withheld_bounds', lower=lower, upper=upper)})"
    return Heading(
        inline(Span(d.spec.id, "code"), f" {words.pick(d.spec.name)} — ", Span(score, "strong")),
        level=3,
        anchor=f"dim-{d.spec.id}",
    )


def _gap_heading(g: CriterionResult, words: Words) -> Heading:
    """``CODE severity  Title (status)  §mark → R#  slug``."""
    sev = g.spec.severity
    recs = ", ".join(g.spec.recommendations) or "—"
    return Heading(
        inline(
            Span(g.spec.code, "code"),
            "  ",
            Span(kept(words(sev)), sev),
            "  ",
            f"{words.pick(g.spec.title)} ({kept(words(g.status))})",
            "  ",
            kept(f"{g.spec.section} → {recs}"),
            "  ",
            Span(g.spec.slug, "dim"),
        ),
        level=4,
        anchor=f"gap-{g.spec.code}",
    )


def _quote(a: Assessment, line: int | None) -> str | None:
    """The scenario's own line ``line``, as the file has it (its first ``QUOTE_CHARS``)."""
    if line is None or not 0 < line <= len(a.source_lines):
        return None
    return a.source_lines[line - 1][:QUOTE_CHARS]


def facts(a: Assessment, result: CriterionResult, words: Words) -> Facts:
    """The facts behind a verdict, most decisive first; the first stated value among those a
    brief report shows carries the scenario's own line."""
    ordered = decisive_first(result.evidence)
    quoted: Evidence | None = next(
        (e for e in ordered[:BRIEF] if e.measure in _QUOTED and e.line is not None and not e.file),
        None,
    )
    items = []
    names = dict(a.names)
    for e in ordered:
        s = said(e, words.lang, names=names)
        quote = _quote(a, e.line) if e is quoted else None
        items.append(Fact(s.fact, s.at, s.path, s.subject, e.line, quote))
    return Facts(tuple(items), more=words("more_verbose", count="{count}"), brief=BRIEF, indent=2)


def lines_cited(
    g: CriterionResult, words: Words, limit: int = LINES, names: Mapping[str, str] = NO_NAMES
) -> str:
    """The lines a gap's facts stand on, in order: ``491, 496, 501 (+4 more)``; a base file's
    as ``base.yaml:306`` (or as the reader named it, ``names``)."""
    lines = cited_lines(g.evidence, names)
    text = ", ".join(lines[:limit]) or numbers.MISSING
    if len(lines) > limit:
        text += " " + words("more", count=len(lines) - limit)
    return text


def _gap_table(
    gaps: list[CriterionResult], words: Words, out: Builder, names: Mapping[str, str] = NO_NAMES
) -> None:
    """The shown gaps at a glance: each one's severity, the recommendations that close it
    and the scenario lines it stands on."""
    columns = [
        Column(words("code"), "code"),
        Column(words("gap"), "prose"),
        Column(words("severity"), "name"),
        Column(words("recommendation"), "prose"),
        Column(words("lines"), "prose"),
    ]
    rows = [
        (
            inline(Span(g.spec.code, "code")),
            f"{words.pick(g.spec.title)} ({words(g.status)})",
            inline(Span(words(g.spec.severity), g.spec.severity)),
            _codes(g.spec.recommendations),
            lines_cited(g, words, names=names),
        )
        for g in gaps
    ]
    out.table(columns, rows, title=words("gaps"))


def _gap_reasons(g: CriterionResult, words: Words) -> Bullets:
    """Why the gap matters (with the paper's section) and what the delta did about it."""
    why = inline(
        Span(words("why"), "strong"), f" ({g.spec.section}): {words.pick(g.spec.rationale)}"
    )
    practice = inline(Span(words("yrd_practice"), "strong"), f": {words.pick(g.spec.yrd_practice)}")
    return Bullets((why, practice), indent=2)


def _gaps(a: Assessment, words: Words, out: Builder) -> None:
    """The shown gaps as a table, then by dimension, each with why it matters and its facts."""
    gaps = a.gaps
    out.heading(words("gaps"))
    if not gaps:
        out.paragraph(inline(Span(words("no_gaps"), "good")))
        return
    _gap_table(gaps, words, out, dict(a.names))
    out.heading(words("by_dimension"))
    for d in a.dimensions:
        mine = [g for g in gaps if g.spec.dimension == d.spec.id]
        if not mine:
            continue
        out.add(_dimension_heading(d, words))
        out.note(inline(words.pick(d.spec.summary), " ", Span(d.spec.section, "dim")))
        for g in mine:
            out.add(_gap_heading(g, words), _gap_reasons(g, words), facts(a, g, words))


def _codes(items: tuple[str, ...] | list[str]) -> Inline:
    """Codes from a file, comma-separated, each marked as a code; a dash for none."""
    if not items:
        return inline("—")
    parts: list[str | Span] = []
    for n, code in enumerate(items):
        parts += [", " if n else "", Span(code, "code")]
    return inline(*parts)


def _criterion_line(r: CriterionResult, said: str) -> Inline:
    """A criterion named by its code and slug, then what is said of it."""
    return inline(Span(r.spec.code, "code"), " ", Span(r.spec.slug, "dim"), said)


def _rest(a: Assessment, words: Words, out: Builder) -> None:
    """What is not applicable, what is unknown and what contradicts itself."""
    waived = a.waived
    if waived:
        out.heading(words("not_applicable_head"))
        for r in waived:
            by = words("by_scenario" if r.waived else "by_rubric")
            why = r.reason or ("" if r.waived else words("na_applies_not_met"))
            out.paragraph(_criterion_line(r, f" ({by}): {why}"), indent=1)
    unknowns = a.unknowns
    if unknowns:
        out.heading(words("data_gaps"))
        out.note(words("criteria_unknown", count=len(unknowns)))
        for r in unknowns:
            paths = ", ".join(folded(r.unknown, words.lang)) or "?"
            out.paragraph(_criterion_line(r, f": {words('find_out')} {paths}"), indent=1)
    if a.warnings:
        out.heading(words("warnings_head"))
        for said_so in contradictions(a, words.lang):
            out.paragraph(said_so, indent=1)


def _recommendations(a: Assessment, words: Words, out: Builder) -> None:
    columns = [
        Column("", "code"),
        Column(words("recommendation"), "prose"),
        Column(words("priority"), "number"),
        Column(words("closes"), "prose"),
    ]
    rows = [
        (
            inline(Span(rec.spec.id, "code")),
            inline(f"{words.pick(rec.spec.title)} ", Span(rec.spec.section, "dim")),
            f"{rec.priority:g}",
            _codes(rec.gaps),
        )
        for rec in a.recommendations
    ]
    out.heading(words("recommendations"))
    out.table(columns, rows, title=words("recommendations"))
    for rec in a.recommendations:
        actions = rec.spec.actions.zh if words.lang == "zh" else rec.spec.actions.en
        if not actions:
            continue
        out.heading(
            inline(
                Span(rec.spec.id, "code"), f" {words.pick(rec.spec.title)} — {words('actions')}"
            ),
            level=3,
            anchor=f"rec-{rec.spec.id}",
        )
        out.add(Bullets(tuple(inline(action) for action in actions), indent=1))


def _sources(a: Assessment, words: Words, out: Builder) -> None:
    """The sources the scenario cites, each with its link when it gives one."""
    out.heading(words("sources"))
    items = []
    for key, source in a.sources.items():
        parts: list[str | Span] = [Span(key, "code"), f": {source.get('title', key)}"]
        for field in ("author", "year", "section"):
            if source.get(field):
                parts.append(f", {source[field]}")
        if source.get("url"):
            url = str(source["url"])
            parts += [", ", Span(url, "link", target=url)]
        items.append(inline(*parts))
    out.add(Bullets(tuple(items) if items else (inline(words("none")),), indent=1))


def _how_scored(a: Assessment, words: Words, out: Builder) -> None:
    out.heading(words("how_scored"))
    out.paragraph(score_formula(a, words.lang), indent=1)
    out.note(words("generated", version=__version__))


def build(a: Assessment, words: Words) -> Report:
    """The whole assessment, in reading order, in the reader's language."""
    out = Builder()
    _header(a, words, out)
    out.extend(briefing.blocks(a, words))
    _standing(a, words, out)
    _dimensions(a, words, out)
    _gaps(a, words, out)
    if a.diagnostics:
        out.heading(words("diagnostics"))
        for d in a.diagnostics:
            out.extend(diagnostics.blocks(d, words))
    _rest(a, words, out)
    _recommendations(a, words, out)
    _sources(a, words, out)
    _how_scored(a, words, out)
    return out.report(title(a, words), words.lang)
