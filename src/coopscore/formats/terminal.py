"""The terminal view of one assessment: dimensions, gaps with evidence, recommendations.

Text from the scenario, its file name or the rubric is only ever put in ``rich.text.Text``
objects (``escaping.rich_text``), with its control characters made visible: it is never read as
rich markup or emoji codes and never sends an escape sequence.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from coopscore.core.assessment import Assessment, CriterionResult
from coopscore.formats import numbers
from coopscore.formats.escaping import rich_text, terminal
from coopscore.formats.findings import findings as findings_of
from coopscore.formats.i18n import Lang, label, pick
from coopscore.formats.notes import contradictions, selection_note
from coopscore.paths import summarise

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}
STATUS_STYLE = {"flagged": "bold red", "clear": "green", "unknown": "dim"}
MAX_EVIDENCE = 3


def evidence_lines(
    result: CriterionResult, file: str, limit: int = MAX_EVIDENCE, lang: Lang = "en"
) -> list[str]:
    # list sizes say least; the facts that decided the verdict come first
    ordered = sorted(result.evidence, key=lambda e: e.measure == "len")
    lines = [
        terminal(f"{e.describe()} @ {file}:{e.line if e.line is not None else '?'}")
        for e in ordered[:limit]
    ]
    if len(result.evidence) > limit:
        lines.append(label("more", lang, count=len(result.evidence) - limit))
    return lines


def fold_paths(paths: list[str]) -> list[str]:
    """Short data lines: list indices folded, then more than two fields of one object as ``.*``.

    Paths hold keys from the file; each line comes back with its controls made visible.
    """
    groups: dict[str, list[str]] = {}
    for path in (terminal(p) for p in summarise(paths)):
        parent = path.rsplit(".", 1)[0] if "." in path and " (" not in path else path
        groups.setdefault(parent, []).append(path)
    return [
        f"{parent}.* ({len(members)})" if len(members) > 2 else ", ".join(members)
        for parent, members in groups.items()
    ]


def diagnostics_table(a: Assessment, lang: Lang) -> Table:
    """P1–P4: status, key numbers (P1's sparkline and causes), data read, linked recommendations."""
    table = Table(title=label("diagnostics", lang), title_justify="left", show_lines=True)
    table.add_column("", no_wrap=True)
    table.add_column(label("problem", lang), max_width=24)
    table.add_column(label("status", lang), no_wrap=True)
    table.add_column(label("findings", lang), ratio=4, overflow="fold")
    table.add_column(label("section", lang), no_wrap=True)
    table.add_column("R", no_wrap=True)
    for d in a.diagnostics:
        findings = Text("\n").join(rich_text(line) for line in findings_of(d, lang))
        used = fold_paths([c.path for c in d.data])
        notes = []
        if used:
            notes.append(Text(f"{label('data_used', lang)}: {', '.join(used)}", style="dim"))
        if d.missing:
            missing = ", ".join(fold_paths(list(d.missing)))
            notes.append(Text(f"{label('find_out', lang)}: {missing}", style="dim"))
        table.add_row(
            rich_text(d.id),
            rich_text(pick(d.name, lang)),
            Text(label(d.status, lang), style=STATUS_STYLE[d.status]),
            Text("\n").join([findings, *notes]) if notes else findings,
            rich_text(d.section),
            ids(d.recommendations),
        )
    return table


def ids(items: tuple[str, ...] | list[str]) -> Text:
    """Ids from a file (recommendations, gap codes), comma-separated, as plain text."""
    return rich_text(", ".join(items) or "—")


def build(a: Assessment, lang: Lang = "en") -> Group:
    parts: list[Any] = []
    name = pick(a.scenario_name, lang) or a.scenario_id
    head = Text.assemble(
        (terminal(name), "bold"),
        f"  ({label('as_of', lang)} {terminal(a.as_of if a.as_of is not None else '?')})  ",
        (f"{label('rubric', lang)} {terminal(a.rubric.id)} {terminal(a.rubric.version)}", "dim"),
    )
    parts.append(head)
    if a.score is None:
        verdict = label(
            "withheld",
            lang,
            coverage=numbers.percent(a.coverage),
            floor=numbers.percent(a.coverage_floor),
        )
        if a.score_bounds is not None:
            lower, upper = (numbers.score(v) for v in a.score_bounds)
            verdict += f" ({label('withheld_bounds', lang, lower=lower, upper=upper)})"
        parts.append(Text(f"{label('score', lang)}: {verdict}", style="bold"))
    else:
        parts.append(
            Text(
                f"{label('score', lang)}: {numbers.score_with_bounds(a.score, a.score_bounds)}"
                f"   {label('coverage', lang)}: {numbers.percent(a.coverage)}",
                style="bold",
            )
        )

    note = selection_note(a)
    if note:
        parts.append(rich_text(note, style="italic"))

    dims = Table(title=label("dimensions", lang), title_justify="left", expand=False)
    for column in (
        "",
        label("dimension", lang),
        label("score", lang),
        label("bounds", lang),
        label("coverage", lang),
        label("gaps", lang),
    ):
        dims.add_column(
            column, justify="left" if column in ("", label("dimension", lang)) else "right"
        )
    for d in a.dimensions:
        count = sum(1 for r in d.results if r.is_gap and r.spec.code not in a.hidden)
        dims.add_row(
            rich_text(d.spec.id),
            rich_text(pick(d.spec.name, lang)),
            numbers.score(d.score) + ("*" if d.thin else ""),
            numbers.bounds(d.score_bounds),
            numbers.percent(d.coverage),
            str(count),
        )
    parts.append(dims)
    thin = [d.spec.id for d in a.dimensions if d.thin]
    if thin:
        parts.append(rich_text(label("thin_note", lang, dimensions=", ".join(thin)), style="dim"))

    gap_list = a.gaps
    if gap_list:
        table = Table(title=label("gaps", lang), title_justify="left", show_lines=True)
        table.add_column(label("code", lang), no_wrap=True)
        table.add_column(label("severity", lang), no_wrap=True)
        table.add_column(label("gap", lang), ratio=2)
        table.add_column(label("evidence", lang), ratio=4, overflow="fold")
        table.add_column(label("section", lang), no_wrap=True)
        table.add_column("R", no_wrap=True)
        for g in gap_list:
            sev = g.spec.severity
            status = "" if g.status == "unmet" else f" ({label(g.status, lang)})"
            table.add_row(
                rich_text(g.spec.code),
                Text(label(sev, lang), style=SEVERITY_STYLE[sev]),
                Text.assemble(
                    terminal(pick(g.spec.title, lang)), status, "\n", (terminal(g.spec.slug), "dim")
                ),
                Text("\n".join(evidence_lines(g, a.file, lang=lang))),
                rich_text(g.spec.section),
                ids(g.spec.recommendations),
            )
        parts.append(table)
    else:
        parts.append(Text(label("no_gaps", lang), style="green"))

    if a.diagnostics:
        parts.append(diagnostics_table(a, lang))

    waived = a.waived
    if waived:
        parts.append(Text(label("not_applicable_head", lang), style="bold"))
        for r in waived:
            by = label("by_scenario" if r.waived else "by_rubric", lang)
            parts.append(rich_text(f"  {r.spec.code} {r.spec.slug} ({by}): {r.reason or ''}"))

    unknowns = a.unknowns
    if unknowns:
        parts.append(Text(label("data_gaps", lang), style="bold"))
        parts.append(Text(label("criteria_unknown", lang, count=len(unknowns)), style="dim"))
        for r in unknowns:
            paths = ", ".join(summarise(r.unknown)) or "?"
            parts.append(
                rich_text(f"  {r.spec.code} {r.spec.slug}: {label('find_out', lang)} {paths}")
            )

    if a.warnings:
        parts.append(Text(label("warnings_head", lang), style="bold"))
        for line in contradictions(a, lang):
            parts.append(rich_text(f"  {line}"))

    recs = Table(title=label("recommendations", lang), title_justify="left")
    recs.add_column("", no_wrap=True)
    recs.add_column(label("recommendation", lang))
    recs.add_column(label("priority", lang), justify="right")
    recs.add_column(label("closes", lang))
    for rec in a.recommendations:
        recs.add_row(
            rich_text(rec.spec.id),
            Text.assemble(
                terminal(pick(rec.spec.title, lang)), " ", (terminal(rec.spec.section), "dim")
            ),
            f"{rec.priority:g}",
            ids(rec.gaps),
        )
    parts.append(recs)
    return Group(*parts)


def render(a: Assessment, console: Console, lang: Lang = "en") -> None:
    console.print(build(a, lang))
