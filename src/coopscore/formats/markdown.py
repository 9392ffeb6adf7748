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
from coopscore.core.assessment import Assessment, CriterionResult
from coopscore.formats import numbers
from coopscore.formats.escaping import (
    Markdown,
    code_span,
    markdown_cell,
    markdown_text,
    mermaid_label,
)
from coopscore.formats.i18n import Lang, label, pick
from coopscore.formats.notes import contradictions, score_formula, selection_note
from coopscore.paths import summarise


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


def located(what: object, where: object, lang: Lang) -> Markdown:
    """A fact (or its path) and the file:line it was read from, joined by "at" in ``lang``."""
    return Markdown(f"{code(what)} {label('located_at', lang)} {code(where)}")


def evidence_text(result: CriterionResult, file: str, lang: Lang = "en") -> list[Markdown]:
    ordered = sorted(result.evidence, key=lambda e: e.measure == "len")
    return [
        located(e.describe(), f"{file}:{e.line if e.line is not None else '?'}", lang)
        for e in ordered
    ]


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
    overall = (
        f"**{score_text(a.score)}**/100"
        if a.score is not None
        else label("withheld", lang, coverage=pct(a.coverage), floor=pct(a.coverage_floor))
    )
    if a.score_bounds is not None:
        lower, upper = (numbers.score(v) for v in a.score_bounds)
        overall += f" ({label('withheld_bounds', lang, lower=lower, upper=upper)})"
    out += [
        f"- {label('scenario', lang)}: {code(a.scenario_id)}",
        f"- {label('file', lang)}: {code(a.file)}",
        f"- {label('as_of', lang)}: {inline(a.as_of) if a.as_of is not None else '?'}",
        f"- {label('rubric', lang)}: {code(a.rubric.id)} {inline(a.rubric.version)}",
        f"- {label('score', lang)}: {overall}",
        f"- {label('coverage', lang)}: {pct(a.coverage)}",
    ]
    note = selection_note(a)
    if note:
        out.append(f"- {label('selection', lang)}: {inline(note)}")
    out += ["", f"## {label('dimension_scores', lang)}", "", chart(a, lang), ""]
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
                    label("severity", lang),
                    label("dimension", lang),
                    label("gap", lang),
                    label("evidence", lang),
                    label("section", lang),
                    label("recommendation", lang),
                ],
                [
                    (
                        g.spec.code,
                        label(g.spec.severity, lang),
                        g.spec.dimension,
                        f"{pick(g.spec.title, lang)} ({label(g.status, lang)})",
                        Markdown("\n".join(evidence_text(g, a.file, lang)[:3])),
                        g.spec.section,
                        ", ".join(g.spec.recommendations) or "—",
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
                f"#### {inline(g.spec.code)} {inline(g.spec.slug)} — "
                f"{inline(pick(g.spec.title, lang))} "
                f"({label(g.spec.severity, lang)}, {label(g.status, lang)})",
                "",
                f"- **{label('why', lang)}** ({inline(g.spec.section)}): "
                + inline(pick(g.spec.rationale, lang)),
                f"- **{label('yrd_practice', lang)}**: {inline(pick(g.spec.yrd_practice, lang))}",
                f"- **{label('closed_by', lang)}**: {joined(g.spec.recommendations)}",
                f"- **{label('evidence', lang)}**:",
            ]
            out += [f"  - {line}" for line in evidence_text(g, a.file, lang)]
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
                f"- {inline(r.spec.code)} {inline(r.spec.slug)} ({by}): {inline(r.reason or '')}"
            )
        out.append("")
    out += [f"## {label('data_gaps', lang)}", "", label("data_gaps_lead", lang), ""]
    unknowns = a.unknowns
    for r in unknowns:
        paths = ", ".join(code(p) for p in summarise(r.unknown)) or "?"
        out.append(f"- {inline(r.spec.code)} {inline(r.spec.slug)}: {paths}")
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
            for field in ("author", "year", "section", "url"):
                if source.get(field):
                    bits.append(inline(str(source[field])))
            out.append(f"- {code(key)}: {', '.join(bits)}")
    else:
        out.append(f"- {label('none', lang)}")
    out += [
        "",
        f"## {label('how_scored', lang)}",
        "",
        inline(score_formula(a)),
        "",
        label("generated", lang, version=__version__),
        "",
    ]
    return "\n".join(out)
