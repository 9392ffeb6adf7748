"""A gap report in GitHub-flavoured Markdown, for briefings.

Tables are rendered with tabulate, and wide (Chinese) characters are measured with wcwidth so
columns line up. Every text from the scenario, its file name or the rubric goes through
``coopscore.formats.escaping``: it cannot emit HTML, markup or a block, break a table row, or
leave a Mermaid label or fence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tabulate import tabulate

from coopscore import __version__
from coopscore.core.assessment import Assessment, CriterionResult, RubricRef
from coopscore.formats import briefing
from coopscore.formats.escaping import (
    Markdown,
    code_span,
    markdown_cell,
    markdown_text,
    markdown_web_link,
    mermaid_label,
)
from coopscore.report import numbers
from coopscore.report.i18n import Lang, label, pick
from coopscore.report.notes import (
    cited_lines,
    contradictions,
    decisive_first,
    fact_line,
    folded,
    modified,
    provenance,
    said,
    score_formula,
    selection_note,
)

MAX_EVIDENCE = 8  # facts listed under a gap
MAX_LINES = 3  # lines named in the gap table


def cell(value: Any) -> str:
    """A table cell: file text escaped, ``Markdown`` kept; ``|`` escaped, line breaks ``<br>``."""
    return markdown_cell(value)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    body = [[cell(v) for v in row] for row in rows]
    return tabulate(
        body, headers=[cell(h) for h in headers], tablefmt="github", disable_numparse=True
    )


def score_text(value: float | None) -> str:
    return numbers.score(value)


def pct(value: float) -> str:
    return numbers.percent(value)


def inline(text: object) -> Markdown:
    """Text on one Markdown line, shown as it is: no HTML, emphasis, link or block."""
    return markdown_text(text)


def code(text: object) -> Markdown:
    """A code span that shows the text as it is, whatever backticks it holds."""
    return code_span(text)


def joined(items: Iterable[object], empty: str = "—") -> Markdown:
    """Ids from a file (recommendations, gap codes), escaped and comma-separated."""
    return Markdown(", ".join(inline(item) for item in items) or empty)


def at_line(line: int | None, lang: Lang) -> str:
    """``line 438`` in ``lang``: a report names its file once, in its header."""
    return label("at_line", lang, line=line if line is not None else "?")


def evidence_text(
    result: CriterionResult, lang: Lang = "en", limit: int | None = MAX_EVIDENCE
) -> list[Markdown]:
    """The facts behind a verdict in words, each with its line (the file is the report's);
    "(+N more)" when ``limit`` cuts them."""
    ordered = decisive_first(result.evidence)
    shown = ordered if limit is None else ordered[:limit]
    out = [Markdown(fact_line(said(e, lang, briefing.MARKDOWN))) for e in shown]
    if len(ordered) > len(shown):
        out.append(Markdown(label("more", lang, count=len(ordered) - len(shown))))
    return out


def lines_cited(result: CriterionResult, lang: Lang, limit: int = MAX_LINES) -> str:
    """The lines the facts stand on, in order: ``491, 496, 501 (+4 more)``."""
    lines = [markdown_text(at) for at in cited_lines(result.evidence)]
    text = ", ".join(lines[:limit]) or "—"
    if len(lines) > limit:
        text += " " + label("more", lang, count=len(lines) - limit)
    return text


def header_lines(rubric: RubricRef, lang: Lang) -> list[str]:
    """What made the report: tool, rubric and digest; a warning when the rubric is modified."""
    out = [f"- {label('tool', lang)}: {' · '.join(provenance(rubric, lang, briefing.MARKDOWN))}"]
    warning = modified(rubric, lang)
    if warning:
        out.append(f"- **{inline(warning)}**")
    return out


def chart(a: Assessment, lang: Lang) -> str:
    """A Mermaid bar chart of the scored dimensions; unscored ones are named, never drawn as 0."""
    scored = [d for d in a.dimensions if d.score is not None]
    lines = [
        "```mermaid",
        "xychart-beta",
        f"    title {mermaid_label(label('dimension_scores', lang))}",
        f"    x-axis [{', '.join(mermaid_label(d.spec.id) for d in scored)}]",
        f"    y-axis {mermaid_label(label('score', lang))} 0 --> 100",
        f"    bar [{', '.join(f'{d.score:.1f}' for d in scored)}]",
        "```",
    ]
    missing = [d.spec.id for d in a.dimensions if d.score is None]
    if missing:
        lines += ["", label("not_scored", lang, dims=joined(missing))]
    return "\n".join(lines)


def render(a: Assessment, lang: Lang = "en") -> str:
    name = pick(a.scenario_name, lang) or a.scenario_id
    out: list[str] = [f"# {inline(name)} — {label('report_title', lang)}", ""]
    out += [
        f"- {label('scenario', lang)}: {code(a.scenario_id)}",
        f"- {label('file', lang)}: {code(a.shown_file)}",
        f"- {label('as_of', lang)}: {inline(a.as_of) if a.as_of is not None else '?'}",
        *header_lines(a.rubric, lang),
    ]
    note = selection_note(a, lang)
    if note:
        out.append(f"- {label('selection', lang)}: {inline(note)}")
    out += ["", *briefing.markdown(a, lang)]
    out += [f"## {label('dimension_scores', lang)}", "", chart(a, lang), ""]
    out.append(
        table(
            [
                "",
                label("dimension", lang),
                label("score", lang),
                label("bounds", lang),
                label("coverage", lang),
                label("gaps", lang),
            ],
            [
                (
                    d.spec.id,
                    pick(d.spec.name, lang),
                    score_text(d.score) + ("*" if d.thin else ""),
                    numbers.bounds(d.score_bounds),
                    pct(d.coverage),
                    sum(1 for r in d.results if r.is_gap and r.spec.code not in a.hidden),
                )
                for d in a.dimensions
            ],
        )
    )
    thin = [d.spec.id for d in a.dimensions if d.thin]
    if thin:
        out += ["", inline(label("thin_note", lang, dimensions=", ".join(thin)))]
    out += ["", f"## {label('gaps', lang)}", ""]
    gaps = a.gaps
    if gaps:
        out.append(
            table(
                [
                    label("code", lang),
                    label("gap", lang),
                    label("severity", lang),
                    label("recommendation", lang),
                    label("lines", lang),
                ],
                [
                    (
                        g.spec.code,
                        f"{pick(g.spec.title, lang)} ({label(g.status, lang)})",
                        label(g.spec.severity, lang),
                        ", ".join(g.spec.recommendations) or "—",
                        lines_cited(g, lang),
                    )
                    for g in gaps
                ],
            )
        )
    else:
        out.append(label("no_gaps", lang))

    out += ["", f"## {label('by_dimension', lang)}", ""]
    for d in a.dimensions:
        out.append(
            f"### {inline(d.spec.id)} {inline(pick(d.spec.name, lang))} — {score_text(d.score)} "
            f"({label('bounds', lang)} {numbers.bounds(d.score_bounds)}, "
            f"{label('coverage', lang)} {pct(d.coverage)}, {inline(d.spec.section)})"
        )
        out += ["", inline(pick(d.spec.summary, lang)), ""]
        mine = [g for g in gaps if g.spec.dimension == d.spec.id]
        if not mine:
            out += [label("no_gaps_dim", lang), ""]
        for g in mine:
            out += [
                f"#### {inline(g.spec.code)} {code(g.spec.slug)} — "
                f"{inline(pick(g.spec.title, lang))} "
                f"({label(g.spec.severity, lang)}, {label(g.status, lang)})",
                "",
                f"- **{label('why', lang)}** ({inline(g.spec.section)}): "
                + inline(pick(g.spec.rationale, lang)),
                f"- **{label('yrd_practice', lang)}**: {inline(pick(g.spec.yrd_practice, lang))}",
                f"- **{label('closed_by', lang)}**: {joined(g.spec.recommendations)}",
                f"- **{label('evidence', lang)}**:",
            ]
            out += [f"  - {line}" for line in evidence_text(g, lang)]
            out.append("")

    out += [f"## {label('recommendations', lang)}", ""]
    for rec in a.recommendations:
        out.append(
            f"### {inline(rec.spec.id)} {inline(pick(rec.spec.title, lang))} "
            f"({inline(rec.spec.section)}) — {label('priority', lang)} {rec.priority:g}"
        )
        out.append("")
        closes = joined(rec.gaps, label("none", lang))
        out += [f"- **{label('closes', lang)}**: {closes}", f"- **{label('actions', lang)}**:"]
        actions = rec.spec.actions.zh if lang == "zh" else rec.spec.actions.en
        out += [f"  - {inline(action)}" for action in actions]
        out.append("")

    from coopscore.formats import diagnostics_md  # it builds on this module's helpers

    diagnostics = diagnostics_md.section(a, lang)
    if diagnostics:
        out += [diagnostics.rstrip(), ""]

    if a.waived:
        out += [f"## {label('not_applicable_head', lang)}", ""]
        for r in a.waived:
            by = label("by_scenario" if r.waived else "by_rubric", lang)
            out.append(
                f"- {inline(r.spec.code)} {code(r.spec.slug)} ({by}): {inline(r.reason or '')}"
            )
        out.append("")
    out += [f"## {label('data_gaps', lang)}", "", label("data_gaps_lead", lang), ""]
    unknowns = a.unknowns
    for r in unknowns:
        paths = ", ".join(folded(r.unknown, lang, briefing.MARKDOWN)) or "?"
        out.append(f"- {inline(r.spec.code)} {code(r.spec.slug)}: {paths}")
    if not unknowns:
        out.append(f"- {label('none', lang)}")
    out.append("")
    if a.warnings:
        out += [f"## {label('warnings_head', lang)}", ""]
        out += [f"- {inline(line)}" for line in contradictions(a, lang)]
        out.append("")

    out += [f"## {label('sources', lang)}", ""]
    if a.sources:
        for key, source in a.sources.items():
            bits = [inline(str(source.get("title", key)))]
            for field in ("author", "year", "section"):
                if source.get(field):
                    bits.append(inline(str(source[field])))
            if source.get("url"):
                bits.append(markdown_web_link(str(source["url"])))
            out.append(f"- {code(key)}: {', '.join(bits)}")
    else:
        out.append(f"- {label('none', lang)}")
    out += [
        "",
        f"## {label('how_scored', lang)}",
        "",
        inline(score_formula(a, lang)),
        "",
        label("generated", lang, version=__version__),
        "",
    ]
    return "\n".join(out)
