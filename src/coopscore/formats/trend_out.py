"""A cluster through the years (``coopscore trend``) in every output: the same facts in the same
words, from one set of builders.

Terminal and Markdown read alike (a text chart of the overall score, each series by year with
its bounds, the trends with their slope bounds, the panel's 高开低走 reading, and what changed
between consecutive snapshots with the evidence on both sides); JSON and CSV carry the same
numbers for programs; HTML draws each series as a line whose bounds are a band.
"""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from rich.cells import cell_len

from coopscore.core.conditions import Evidence
from coopscore.core.trend import OVERALL, Changed, Mismatch, PanelReading, Series, Step, Trend
from coopscore.formats.escaping import (
    code_block,
    csv_cell,
    html_text,
    json_dumps,
    markdown_cell,
    markdown_text,
    terminal,
)
from coopscore.formats.explaining import wrap
from coopscore.report import numbers
from coopscore.report.i18n import HTML_LANG, Lang, label, pick

WIDTH = 80
MAX_FACTS = 3  # facts shown per side of a changed verdict; JSON has them all
CHART = 50  # columns of the text chart, for 0–100


# ---------------------------------------------------------------------------- shared words


def slope_text(value: float | None) -> str:
    return numbers.MISSING if value is None else f"{value:+.2f}"


def slope_bounds_text(value: tuple[float, float] | None) -> str:
    if value is None:
        return numbers.MISSING
    return f"{value[0]:+.2f} … {value[1]:+.2f}"


def series_name(s: Series, lang: Lang) -> str:
    if s.key == OVERALL:
        return label("trend_overall", lang)
    return f"{s.key} {pick(s.name, lang)}"


def title(t: Trend, lang: Lang) -> str:
    years = [a.as_of for a in t.snapshots]
    return label(
        "trend_title", lang, cluster=t.cluster, count=len(years), first=years[0], last=years[-1]
    )


def refusal(m: Mismatch, lang: Lang) -> str:
    """Why the files are not one panel, in one line (file text is the caller's to escape)."""
    return label(
        f"trend_{'no_' if m.kind in ('cluster', 'rubric', 'year') else ''}{m.kind}",
        lang,
        values=", ".join(m.values),
        files=", ".join(m.files),
    )


def _verdict(value: bool | None, lang: Lang) -> str:
    return label("unknown" if value is None else "flagged" if value else "clear", lang)


def reading_lines(r: PanelReading, lang: Lang) -> list[str]:
    """The panel's 高开低走 reading: the rule, the verdict, each snapshot's own P1."""
    out = [label("trend_p1_rule", lang, share=numbers.percent(r.momentum_below), years=r.min_years)]
    if not r.enough:
        out.append(label("trend_p1_few", lang, count=len(r.verdicts), years=r.min_years))
    else:
        ratio = numbers.MISSING if r.ratio is None else numbers.percent(r.ratio)
        out.append(
            label(
                "trend_p1_value",
                lang,
                value=_verdict(r.value, lang),
                point=_verdict(r.point, lang),
                peak=r.peak_year if r.peak_year is not None else numbers.MISSING,
                ratio=ratio,
            )
        )
    each = ", ".join(f"{y} {label(v or 'unknown', lang)}" for y, v in r.verdicts)
    out.append(f"{label('trend_p1_each', lang)}: {each}")
    return out


def _fact(e: Evidence, file: str) -> str:
    line = e.line if e.line is not None else "?"
    return f"{e.describe()} @ {e.file or file}:{line}"


def facts(evidence: tuple[Evidence, ...], file: str, lang: Lang, limit: int = MAX_FACTS) -> str:
    if not evidence:
        return label("trend_nothing_read", lang)
    shown = [_fact(e, file) for e in evidence[:limit]]
    if len(evidence) > limit:
        shown.append(label("more", lang, count=len(evidence) - limit))
    return "; ".join(shown)


def changed_head(c: Changed, lang: Lang) -> str:
    """``INS004 Title: unknown → unmet``."""
    title = pick(c.result.spec.title, lang)
    return f"{c.code} {title}: {label(c.before, lang)} → {label(c.after, lang)}"


def _codes(codes: tuple[str, ...], lang: Lang) -> str:
    return ", ".join(codes) or label("none", lang)


def chart_rows(s: Series) -> list[str]:
    """A text chart: per year the bounds as ``[---]`` and the point as ``*`` on 0–100."""

    def col(value: float) -> int:
        return max(0, min(CHART - 1, round(value / 100 * (CHART - 1))))

    out = []
    for p in s.points:
        row = [" "] * CHART
        low, high = col(p.bounds[0]), col(p.bounds[1])
        for i in range(low, high + 1):
            row[i] = "-"
        row[low], row[high] = "[", "]"
        if p.score is not None:
            row[col(p.score)] = "*"
        shown = numbers.score_with_bounds(p.score, p.bounds)
        out.append(f"{p.year} |{''.join(row)}| {shown}")
    return out


# ---------------------------------------------------------------------------------- JSON


def _bounds(value: tuple[float, float] | None) -> dict[str, float | None] | None:
    if value is None:
        return None
    return {"lower": numbers.json_score(value[0]), "upper": numbers.json_score(value[1])}


def _slope(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _evidence(e: Evidence, file: str) -> dict[str, Any]:
    out: dict[str, Any] = {"path": e.path, "value": e.value, "file": e.file or file}
    out["line"] = e.line
    if e.measure:
        out["measure"] = e.measure
    return out


def to_dict(t: Trend, lang: Lang) -> dict[str, Any]:
    snapshots = []
    for a in t.snapshots:
        snapshots.append(
            {
                "as_of": a.as_of,
                "path": a.shown_file,
                "score": numbers.json_score(a.score),
                "score_bounds": _bounds(a.score_bounds),
                "coverage": numbers.json_share(a.coverage),
                "dimensions": [
                    {
                        "id": d.spec.id,
                        "name": pick(d.spec.name, lang),
                        "score": numbers.json_score(d.score),
                        "score_bounds": _bounds(d.score_bounds),
                        "coverage": numbers.json_share(d.coverage),
                    }
                    for d in a.dimensions
                ],
            }
        )
    out: dict[str, Any] = {
        "cluster": t.cluster,
        "snapshots": snapshots,
        "trends": [
            {
                "dimension": s.key,
                "slope": _slope(s.slope),
                "slope_bounds": None
                if s.slope_bounds is None
                else {"lower": _slope(s.slope_bounds[0]), "upper": _slope(s.slope_bounds[1])},
                "direction": s.direction,
            }
            for s in t.series
        ],
        "changes": [_step(step) for step in t.steps],
    }
    if t.reading is not None:
        r = t.reading
        out["high_start_low_finish"] = {
            "basis": "overall",
            "flagged": r.value,
            "flagged_on_points": r.point,
            "peak_year": r.peak_year,
            "last_year": r.last_year,
            "last_to_peak": None if r.ratio is None else round(r.ratio, 3),
            "momentum_below": r.momentum_below,
            "min_years": r.min_years,
            "snapshots_p1": [{"as_of": y, "status": v} for y, v in r.verdicts],
        }
    if t.forced:
        out["forced"] = [{"kind": m.kind, "values": list(m.values)} for m in t.forced]
    return out


def _step(step: Step) -> dict[str, Any]:
    before, after = step.before.shown_file, step.after.shown_file
    return {
        "from": step.before.as_of,
        "to": step.after.as_of,
        "opened": list(step.opened),
        "closed": list(step.closed),
        "changed": [
            {
                "code": c.code,
                "before": c.before,
                "after": c.after,
                "evidence_before": [_evidence(e, before) for e in c.evidence_before],
                "evidence_after": [_evidence(e, after) for e in c.evidence_after],
            }
            for c in step.changed
        ],
    }


def json_text(t: Trend, lang: Lang) -> str:
    return json_dumps(to_dict(t, lang), indent=2) + "\n"


# ----------------------------------------------------------------------------------- CSV

CSV_HEADER = ("cluster", "year", "dimension", "score", "lower", "upper", "coverage")


def csv_text(t: Trend) -> str:
    """Long form: one row per snapshot and series (``overall`` or a dimension id)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for s in t.series:
        for p in s.points:
            writer.writerow(
                (
                    csv_cell(t.cluster),
                    p.year,
                    csv_cell(s.key),
                    "" if p.score is None else numbers.json_score(p.score),
                    numbers.json_score(p.bounds[0]),
                    numbers.json_score(p.bounds[1]),
                    numbers.json_share(p.coverage),
                )
            )
    return out.getvalue()


# ------------------------------------------------------------------------------ terminal


def _wrap(text: str, indent: str = "", more: str = "    ") -> list[str]:
    """At most 80 cells a line (a wide character takes two)."""
    return wrap(text, WIDTH, indent, indent + more)


def _cut(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, or padded with spaces."""
    if cell_len(text) > width:
        while cell_len(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - cell_len(text))


def text_lines(t: Trend, lang: Lang) -> list[str]:
    """The terminal's text, plain, at 80 columns (file text escaped here)."""
    out = _wrap(terminal(title(t, lang)))
    for m in t.forced:
        out += _wrap(label("trend_forced", lang, what=terminal(refusal(m, lang))))
    out += ["", label("trend_snapshots", lang)]
    for a in t.snapshots:
        out += _wrap(
            f"{a.as_of}  {terminal(a.shown_file)}  "
            f"{numbers.score_with_bounds(a.score, a.score_bounds)}  "
            f"{label('coverage', lang)} {numbers.percent(a.coverage)}",
            "  ",
        )
    overall = t.series[0]
    out += ["", label("trend_chart", lang)]
    out += ["  " + row for row in chart_rows(overall)]
    out += ["", label("trend_series", lang)]
    for s in t.series:
        name = _cut(terminal(series_name(s, lang)), 34)
        for n, p in enumerate(s.points):
            head = name if n == 0 else " " * 34
            out.append(
                f"  {head} {p.year}  {numbers.score(p.score):>5}  "
                f"{numbers.bounds(p.bounds):>11}  {numbers.percent(p.coverage):>4}"
            )
    out += ["", label("trend_trends", lang)]
    for s in t.series:
        name = _cut(terminal(series_name(s, lang)), 30)
        out.append(
            f"  {name} {slope_text(s.slope):>6}  {slope_bounds_text(s.slope_bounds):>15}  "
            f"{label('dir_' + s.direction, lang)}"
        )
    out += _wrap(label("trend_slope_note", lang), "  ", "")
    if t.reading is not None:
        out += ["", label("trend_p1", lang)]
        for line in reading_lines(t.reading, lang):
            out += _wrap(line, "  ", "  ")
    out += ["", label("trend_changes", lang)]
    for step in t.steps:
        out.append(f"  {step.before.as_of} → {step.after.as_of}")
        out += _wrap(f"{label('trend_opened', lang)}: {_codes(step.opened, lang)}", "    ")
        out += _wrap(f"{label('trend_closed', lang)}: {_codes(step.closed, lang)}", "    ")
        out.append(f"    {label('trend_changed', lang)} ({len(step.changed)})")
        for c in step.changed:
            head = changed_head(c, lang)
            out += _wrap(terminal(head), "      ")
            before = facts(c.evidence_before, step.before.shown_file, lang)
            after = facts(c.evidence_after, step.after.shown_file, lang)
            out += _wrap(terminal(f"{label('trend_before', lang)}: {before}"), "        ")
            out += _wrap(terminal(f"{label('trend_after', lang)}: {after}"), "        ")
    return out


def text(t: Trend, lang: Lang) -> str:
    return "\n".join(text_lines(t, lang)) + "\n"


# ------------------------------------------------------------------------------ Markdown


def markdown(t: Trend, lang: Lang) -> str:
    out = [f"# {markdown_text(title(t, lang))}", ""]
    for m in t.forced:
        out += [f"> {markdown_text(label('trend_forced', lang, what=refusal(m, lang)))}", ""]
    out += [f"## {label('trend_snapshots', lang)}", ""]
    heads = (label("trend_year", lang), label("trend_file", lang), label("score", lang))
    out += [f"| {' | '.join(heads)} | {label('coverage', lang)} |", "|---|---|---|---|"]
    for a in t.snapshots:
        score = numbers.score_with_bounds(a.score, a.score_bounds)
        out.append(
            f"| {a.as_of} | {markdown_cell(a.shown_file)} | {score} | "
            f"{numbers.percent(a.coverage)} |"
        )
    out += ["", f"## {label('trend_series', lang)}", ""]
    for s in t.series:
        out += [f"**{markdown_text(series_name(s, lang))}**", ""]
        out += code_block("\n".join(chart_rows(s)), "text")
        out.append("")
    out += [f"## {label('trend_trends', lang)}", ""]
    cols = (
        label("dimension", lang),
        label("trend_slope", lang),
        label("trend_slope_bounds", lang),
        label("trend_direction", lang),
    )
    out += [f"| {' | '.join(cols)} |", "|---|---:|---:|---|"]
    for s in t.series:
        out.append(
            f"| {markdown_cell(series_name(s, lang))} | {slope_text(s.slope)} | "
            f"{slope_bounds_text(s.slope_bounds)} | {label('dir_' + s.direction, lang)} |"
        )
    out += ["", markdown_text(label("trend_slope_note", lang)), ""]
    if t.reading is not None:
        out += [f"## {markdown_text(label('trend_p1', lang))}", ""]
        out += [f"- {markdown_text(line)}" for line in reading_lines(t.reading, lang)]
        out.append("")
    out += [f"## {label('trend_changes', lang)}", ""]
    for step in t.steps:
        out += [f"### {step.before.as_of} → {step.after.as_of}", ""]
        out.append(f"- {label('trend_opened', lang)}: {markdown_text(_codes(step.opened, lang))}")
        out.append(f"- {label('trend_closed', lang)}: {markdown_text(_codes(step.closed, lang))}")
        out.append(f"- {label('trend_changed', lang)} ({len(step.changed)})")
        for c in step.changed:
            head = changed_head(c, lang)
            out.append(f"  - {markdown_text(head)}")
            before = facts(c.evidence_before, step.before.shown_file, lang)
            after = facts(c.evidence_after, step.after.shown_file, lang)
            out.append(f"    - {label('trend_before', lang)}: {markdown_text(before)}")
            out.append(f"    - {label('trend_after', lang)}: {markdown_text(after)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------- HTML

SVG_W, SVG_H, PAD_L, PAD_R, PAD_T, PAD_B = 360, 180, 40, 16, 12, 28


def _e(value: object) -> str:
    return html.escape(html_text(value), quote=True)


def svg(s: Series, lang: Lang) -> str:
    """One series as a line over a band (its bounds), years across, 0–100 up."""
    points = s.points
    years = [p.year for p in points]
    first, last = min(years), max(years)
    span = max(last - first, 1)

    def x(year: int) -> float:
        return PAD_L + (SVG_W - PAD_L - PAD_R) * (year - first) / span

    def y(value: float) -> float:
        return PAD_T + (SVG_H - PAD_T - PAD_B) * (1 - max(0.0, min(100.0, value)) / 100)

    upper = [f"{x(p.year):.1f},{y(p.bounds[1]):.1f}" for p in points]
    lower = [f"{x(p.year):.1f},{y(p.bounds[0]):.1f}" for p in reversed(points)]
    parts = [f'<polygon class="band" points="{" ".join(upper + lower)}"/>']
    for tick in (0, 50, 100):
        parts.append(
            f'<line class="grid" x1="{PAD_L}" y1="{y(tick):.1f}" x2="{SVG_W - PAD_R}" '
            f'y2="{y(tick):.1f}"/><text class="tick" x="{PAD_L - 6}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{tick}</text>'
        )
    known = [p for p in points if p.score is not None]
    if len(known) > 1:
        line = " ".join(f"{x(p.year):.1f},{y(p.score or 0.0):.1f}" for p in known)
        parts.append(f'<polyline class="line" points="{line}"/>')
    for p in points:
        parts.append(
            f'<text class="tick" x="{x(p.year):.1f}" y="{SVG_H - 8}" '
            f'text-anchor="middle">{p.year}</text>'
        )
        if p.score is not None:
            parts.append(f'<circle class="dot" cx="{x(p.year):.1f}" cy="{y(p.score):.1f}" r="3"/>')
    described = "; ".join(
        f"{p.year} {numbers.score_with_bounds(p.score, p.bounds)}" for p in points
    )
    name = series_name(s, lang)
    return (
        f'<svg role="img" viewBox="0 0 {SVG_W} {SVG_H}" width="{SVG_W}" height="{SVG_H}">'
        f"<title>{_e(name)}</title><desc>{_e(described)}</desc>{''.join(parts)}</svg>"
    )


STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .5rem}
.band{fill:#ddd;stroke:none}.line{fill:none;stroke:#000;stroke-width:2}.dot{fill:#000}
.grid{stroke:#eee}.tick{font-size:11px;fill:#555}figure{display:inline-block;margin:.5rem}
"""


def html_page(t: Trend, lang: Lang) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{HTML_LANG[lang]}"><head><meta charset="utf-8">',
        f"<title>{_e(title(t, lang))}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(title(t, lang))}</h1>",
    ]
    out += [
        f"<p><strong>{_e(label('trend_forced', lang, what=refusal(m, lang)))}</strong></p>"
        for m in t.forced
    ]
    out.append(f"<h2>{_e(label('trend_snapshots', lang))}</h2><table>")
    heads = ("trend_year", "trend_file", "score", "coverage")
    out.append("<tr>" + "".join(f"<th>{_e(label(h, lang))}</th>" for h in heads) + "</tr>")
    for a in t.snapshots:
        out.append(
            f"<tr><td>{a.as_of}</td><td>{_e(a.shown_file)}</td>"
            f"<td>{_e(numbers.score_with_bounds(a.score, a.score_bounds))}</td>"
            f"<td>{_e(numbers.percent(a.coverage))}</td></tr>"
        )
    out.append("</table>")
    out.append(f"<h2>{_e(label('trend_series', lang))}</h2>")
    for s in t.series:
        out.append(f"<figure>{svg(s, lang)}<figcaption>{_e(series_name(s, lang))}")
        out.append("</figcaption></figure>")
    out.append(f"<h2>{_e(label('trend_trends', lang))}</h2><table>")
    cols = ("dimension", "trend_slope", "trend_slope_bounds", "trend_direction")
    out.append("<tr>" + "".join(f"<th>{_e(label(h, lang))}</th>" for h in cols) + "</tr>")
    for s in t.series:
        cells = (
            series_name(s, lang),
            slope_text(s.slope),
            slope_bounds_text(s.slope_bounds),
            label("dir_" + s.direction, lang),
        )
        out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    out.append(f"</table><p>{_e(label('trend_slope_note', lang))}</p>")
    if t.reading is not None:
        out.append(f"<h2>{_e(label('trend_p1', lang))}</h2><ul>")
        out += [f"<li>{_e(line)}</li>" for line in reading_lines(t.reading, lang)]
        out.append("</ul>")
    out.append(f"<h2>{_e(label('trend_changes', lang))}</h2>")
    for step in t.steps:
        out.append(f"<h3>{step.before.as_of} → {step.after.as_of}</h3><ul>")
        out.append(f"<li>{_e(label('trend_opened', lang))}: {_e(_codes(step.opened, lang))}</li>")
        out.append(f"<li>{_e(label('trend_closed', lang))}: {_e(_codes(step.closed, lang))}</li>")
        out.append(f"<li>{_e(label('trend_changed', lang))} ({len(step.changed)})<ul>")
        for c in step.changed:
            head = changed_head(c, lang)
            before = facts(c.evidence_before, step.before.shown_file, lang)
            after = facts(c.evidence_after, step.after.shown_file, lang)
            out.append(
                f"<li>{_e(head)}<ul><li>{_e(label('trend_before', lang))}: {_e(before)}</li>"
                f"<li>{_e(label('trend_after', lang))}: {_e(after)}</li></ul></li>"
            )
        out.append("</ul></li></ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
