"""The terminal view of one assessment: a summary first, then the dimensions, each gap as a
compiler shows a diagnostic (its facts in words, the scenario's own line beneath the first),
the four problems, what is unknown, and the recommendations.

Text from the scenario, its file name or the rubric is only ever put in ``rich.text.Text``
objects (``escaping.rich_text``), with its control characters made visible: it is never read as
rich markup or emoji codes and never sends an escape sequence. Lines wrap at the console's
width between words, never inside what is joined by ``KEEP`` (``line 438``, a header's parts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

from coopscore.core.assessment import Assessment, CriterionResult, DimensionResult
from coopscore.core.conditions import Evidence
from coopscore.core.diagnostics import Diagnostic
from coopscore.formats import briefing
from coopscore.formats.escaping import rich_text, terminal
from coopscore.report import numbers
from coopscore.report.findings import findings as findings_of
from coopscore.report.i18n import Lang, label, pick
from coopscore.report.notes import (
    contradictions,
    decisive_first,
    folded,
    modified,
    provenance,
    said,
    selection_note,
    shape,
)

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}
STATUS_STYLE = {"flagged": "bold red", "clear": "green", "unknown": "dim"}
MAX_EVIDENCE = 3
# The most characters of a scenario line a quote shows: wider than any terminal, so the cut is
# never seen on an ordinary file, and bounded, so a file written on one line (flow YAML) costs
# each quote this much, not its whole text.
QUOTE_CHARS = 400
KEEP = "\u00a0"  # joins words that must stay on one line; printed as a space
_WORD = re.compile(r"[^ ]+")
# The facts whose own line says most: a stated value, not a list's count (cited at its key).
_QUOTED = (None, "age", "exists")


def kept(text: str) -> str:
    """``text`` as one unbreakable word (its spaces joined by ``KEEP``)."""
    return text.replace(" ", KEEP)


def _chop(plain: str, start: int, end: int, room: int) -> int:
    """Where to cut ``plain[start:end]`` so that its first part fills at most ``room`` cells
    (one character at least, so that every cut moves on)."""
    used, at = 0, start
    while at < end and used + cell_len(plain[at]) <= room:
        used += cell_len(plain[at])
        at += 1
    return max(at, start + 1)


def wrap(text: Text, width: int, indent: int = 0, hang: int = 2) -> list[Text]:
    """``text`` in lines of at most ``width`` cells, broken at spaces only: the first line
    indented by ``indent``, the others by ``indent + hang``. A word that does not fit moves to
    the next line, unless it holds wide (CJK) characters and no ``KEEP``: those may break
    anywhere. A word wider than a whole line is cut where it must be.

    However narrow the width, every line holds at least one character: an indent is capped
    at ``width - 1`` cells, so the text always moves on and the lines number at most one per
    character, plus one.
    """
    width = max(width, 1)
    first, rest = min(indent, width - 1), min(indent + hang, width - 1)
    plain = text.plain
    lines: list[Text] = []
    margin, begin, last, used = first, -1, 0, 0  # begin: where the line's text starts
    words = [[m.start(), m.end()] for m in _WORD.finditer(plain)]
    index = 0
    while index < len(words):
        start, end = words[index]
        if start >= end:  # the rest of a word that was cut
            index += 1
            continue
        gap = 0 if begin < 0 else cell_len(plain[last:start])  # the spaces kept between
        room = width - margin - used - gap
        size = cell_len(plain[start:end])
        if size <= room:
            begin = start if begin < 0 else begin
            used, last = used + gap + size, end
            index += 1
            continue
        wide = KEEP not in plain[start:end] and size > end - start
        fits = room > 0 and (not wide or cell_len(plain[start]) <= room)  # a part of it
        if begin >= 0 and (not fits or (not wide and size <= width - rest)):
            lines.append(_line(text, begin, last, margin))
            margin, begin, used = rest, -1, 0
            continue
        cut = _chop(plain, start, end, max(room, 1))
        lines.append(_line(text, start if begin < 0 else begin, cut, margin))
        margin, begin, used = rest, -1, 0
        words[index][0] = cut
    if begin >= 0:
        lines.append(_line(text, begin, last, margin))
    return lines or [Text(" " * first)]


def _line(text: Text, start: int, end: int, margin: int) -> Text:
    piece = text[start:end]
    piece.plain = piece.plain.replace(KEEP, " ")
    return Text(" " * margin) + piece


class Flowed:
    """Text wrapped at the console's width with a hanging indent (see ``wrap``)."""

    def __init__(self, text: Text, indent: int = 0, hang: int = 2) -> None:
        self.text, self.indent, self.hang = text, indent, hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Each line fits; should a character measure otherwise, rich folds it, never crops.
        for line in wrap(self.text, options.max_width, self.indent, self.hang):
            line.overflow = "fold"
            yield line


def flowed(text: Text, indent: int = 0, hang: int = 2) -> Flowed:
    return Flowed(text, indent, hang)


def joined(parts: Iterable[Text], sep: str = "  ") -> Text:
    return Text(sep).join(parts)


# ----------------------------------------------------------------------------------- parts


def header(a: Assessment, lang: Lang) -> list[Any]:
    """The scenario's name, then how it was named and what made the report."""
    name = pick(a.scenario_name, lang) or a.scenario_id
    as_of = f"({label('as_of', lang)} {a.as_of if a.as_of is not None else '?'})"
    title = Text.assemble((terminal(name), "bold"), "  ", kept(as_of))
    parts = [rich_text(kept(a.shown_file))]
    parts += [Text(kept(terminal(p)), style="dim") for p in provenance(a.rubric, lang)]
    out: list[Any] = [flowed(title), flowed(Text(" · ").join(parts))]
    warning = modified(a.rubric, lang)
    if warning:
        out.append(flowed(Text(warning, style="bold red")))
    return out


def fact_text(e: Evidence, lang: Lang) -> Text:
    """A fact in words; where it stands (``line N`` and the path) is kept on one line."""
    s = said(e, lang)
    where = kept(f"({s.at}, {s.path})" if s.path else f"({s.at})")
    head = f"{s.subject} — {s.fact}" if s.subject else s.fact
    return rich_text(f"{head}  {where}")


def quoted(a: Assessment, line: int | None, indent: int) -> Text | None:
    """The scenario's own line ``line``, numbered, as the file has it; long lines are cut.

    Only the line's first ``QUOTE_CHARS`` characters are read, so a quote costs no more than
    it can show however long the line is."""
    if line is None or not 0 < line <= len(a.source_lines):
        return None
    whole = a.source_lines[line - 1]
    excerpt = whole[:QUOTE_CHARS].rstrip().expandtabs(2)
    shown = terminal(excerpt) + ("…" if len(whole) > QUOTE_CHARS else "")
    quote = Text.assemble(" " * indent, (f"{line} │ ", "dim"), (shown, "dim"))
    quote.no_wrap, quote.overflow = True, "ellipsis"
    return quote


def evidence_lines(
    a: Assessment, result: CriterionResult, lang: Lang, limit: int = MAX_EVIDENCE, indent: int = 4
) -> list[Any]:
    """The first facts in words, the line of the first stated value quoted beneath it."""
    ordered = decisive_first(result.evidence)
    shown = ordered[:limit]
    quote_at = next((e for e in shown if e.measure in _QUOTED and e.line is not None), None)
    out: list[Any] = []
    for e in shown:
        out.append(flowed(fact_text(e, lang), indent))
        if e is quote_at:
            quote = quoted(a, e.line, indent + 2)
            if quote is not None:
                out.append(quote)
    if len(ordered) > limit:
        out.append(Text(" " * indent + label("more", lang, count=len(ordered) - limit), "dim"))
    return out


def gap_heading(g: CriterionResult, lang: Lang) -> Text:
    """``CODE severity  Title (status)  §mark → R#  slug``, wrapped between its parts."""
    sev = g.spec.severity
    recs = ", ".join(g.spec.recommendations) or "—"
    return joined(
        [
            Text(kept(terminal(g.spec.code)), style="bold"),
            Text(kept(label(sev, lang)), style=SEVERITY_STYLE[sev]),
            rich_text(f"{pick(g.spec.title, lang)} ({kept(label(g.status, lang))})"),
            rich_text(kept(f"{g.spec.section} → {recs}")),
            rich_text(g.spec.slug, style="dim"),
        ]
    )


def dimension_heading(d: DimensionResult, lang: Lang) -> Text:
    score = numbers.score(d.score) + ("*" if d.thin else "")
    bounds = ""
    if d.score_bounds is not None:
        lower, upper = (numbers.score(v) for v in d.score_bounds)
        bounds = f" ({label('withheld_bounds', lang, lower=lower, upper=upper)})"
    return Text.assemble(
        (terminal(f"{d.spec.id} {pick(d.spec.name, lang)}"), "bold"),
        " — ",
        (kept(f"{score}{bounds}"), "bold"),
    )


def gap_list(a: Assessment, lang: Lang) -> list[Any]:
    """The shown gaps, by dimension, each with its facts."""
    gaps = a.gaps
    if not gaps:
        return [Text(label("no_gaps", lang), style="green")]
    out: list[Any] = [Text(label("by_dimension", lang), style="bold underline")]
    for d in a.dimensions:
        mine = [g for g in gaps if g.spec.dimension == d.spec.id]
        if not mine:
            continue
        out.append(flowed(dimension_heading(d, lang)))
        for g in mine:
            out.append(flowed(gap_heading(g, lang), indent=2, hang=4))
            out += evidence_lines(a, g, lang)
    return out


def dimension_table(a: Assessment, lang: Lang) -> Table:
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
    return dims


def fold_paths(paths: Sequence[str], lang: Lang = "en") -> list[str]:
    """Short data lines: list indices folded, then more than two fields of one object as ``.*``.

    Paths hold keys from the file; each line comes back with its controls made visible.
    """
    by_shape: dict[str, list[str]] = {}
    for path in paths:
        by_shape.setdefault(shape(path), []).append(path)
    groups: dict[str, list[str]] = {}
    for found, members in by_shape.items():
        if len(members) > 2:  # a fold is a line of its own
            groups[found] = [terminal(folded(members, lang)[0])]
            continue
        for path in members:
            parent = path.rsplit(".", 1)[0] if "." in path else path
            groups.setdefault("." + parent, []).append(terminal(path))
    return [
        f"{terminal(parent[1:])}.* ({len(members)})"
        if parent.startswith(".") and len(members) > 2
        else ", ".join(members)
        for parent, members in groups.items()
    ]


def diagnostics_list(a: Assessment, lang: Lang) -> list[Any]:
    """P1–P4: status, the section and recommendations, then the findings, data read, and what
    to state to settle what is open."""
    out: list[Any] = [Text(label("diagnostics", lang), style="bold underline")]
    for d in a.diagnostics:
        out.append(flowed(_diagnostic_heading(d, lang), hang=4))
        for line in findings_of(d, lang):
            out.append(flowed(rich_text(line), indent=2))
        used = fold_paths([c.path for c in d.data], lang)
        if used:
            out.append(flowed(rich_text(f"{label('data_used', lang)}: {', '.join(used)}"), 2))
        if d.missing:
            missing = ", ".join(fold_paths(list(d.missing), lang))
            out.append(flowed(rich_text(f"{label('find_out', lang)}: {missing}"), 2))
    return out


def _diagnostic_heading(d: Diagnostic, lang: Lang) -> Text:
    recs = ", ".join(d.recommendations) or "—"
    return joined(
        [
            Text.assemble((f"{kept(terminal(d.id))} {terminal(pick(d.name, lang))}", "bold")),
            Text(kept(label(d.status, lang)), style=STATUS_STYLE[d.status]),
            rich_text(kept(f"{d.section} → {recs}")),
        ]
    )


def ids(items: tuple[str, ...] | list[str]) -> Text:
    """Ids from a file (recommendations, gap codes), comma-separated, as plain text."""
    return rich_text(", ".join(items) or "—")


def recommendations_table(a: Assessment, lang: Lang) -> Table:
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
    return recs


def build(a: Assessment, lang: Lang = "en") -> Group:
    parts: list[Any] = header(a, lang)
    note = selection_note(a, lang)
    if note:
        parts.append(flowed(rich_text(note, style="italic")))
    parts += briefing.terminal(a, lang)

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
        parts.append(flowed(Text(f"{label('score', lang)}: {verdict}", style="bold")))
    else:
        parts.append(
            Text(
                f"{label('score', lang)}: {numbers.score_with_bounds(a.score, a.score_bounds)}"
                f"   {label('coverage', lang)}: {numbers.percent(a.coverage)}",
                style="bold",
            )
        )
    parts.append(dimension_table(a, lang))
    thin = [d.spec.id for d in a.dimensions if d.thin]
    if thin:
        parts.append(rich_text(label("thin_note", lang, dimensions=", ".join(thin)), style="dim"))

    parts += gap_list(a, lang)

    if a.diagnostics:
        parts += diagnostics_list(a, lang)

    waived = a.waived
    if waived:
        parts.append(Text(label("not_applicable_head", lang), style="bold"))
        for r in waived:
            by = label("by_scenario" if r.waived else "by_rubric", lang)
            reason = f"{r.spec.code} {r.spec.slug} ({by}): {r.reason or ''}"
            parts.append(flowed(rich_text(reason), indent=2))

    unknowns = a.unknowns
    if unknowns:
        parts.append(Text(label("data_gaps", lang), style="bold"))
        parts.append(Text(label("criteria_unknown", lang, count=len(unknowns)), style="dim"))
        for r in unknowns:
            paths = ", ".join(folded(r.unknown, lang)) or "?"
            state = f"{r.spec.code} {r.spec.slug}: {label('find_out', lang)} {paths}"
            parts.append(flowed(rich_text(state), indent=2))

    if a.warnings:
        parts.append(Text(label("warnings_head", lang), style="bold"))
        for said_so in contradictions(a, lang):
            parts.append(flowed(rich_text(said_so), indent=2))

    parts.append(recommendations_table(a, lang))
    return Group(*parts)


def render(a: Assessment, console: Console, lang: Lang = "en") -> None:
    console.print(build(a, lang))
