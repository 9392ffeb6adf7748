"""The P1–P4 diagnostics as a Markdown section, with P1's activity series as a Mermaid chart.

``section(a, lang)`` is the report's diagnostics section; ``markdown.render`` includes it.
"""

from __future__ import annotations

from coopscore.core.assessment import Assessment
from coopscore.core.diagnostics import Diagnostic
from coopscore.formats.escaping import mermaid_label
from coopscore.formats.markdown import at_line, code, inline, joined, table
from coopscore.report.findings import findings
from coopscore.report.i18n import Lang, label, pick


def chart(d: Diagnostic, lang: Lang) -> list[str]:
    """A bar per known year; missing years are named under the chart, never drawn as 0."""
    years, values = d.chart_series()
    known = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
    if not known:
        return []
    basis = "+".join(d.measures.get("basis", []))
    top = max(v for _, v in known)
    lines = [
        "```mermaid",
        "xychart-beta",
        f"    title {mermaid_label(f'{pick(d.name, lang)} ({basis})')}",
        f"    x-axis [{', '.join(mermaid_label(y) for y, _ in known)}]",
        f"    y-axis {mermaid_label(basis)} 0 --> {max(top, 1):g}",
        f"    bar [{', '.join(f'{v:g}' for _, v in known)}]",
        "```",
    ]
    missing = [str(y) for y, v in zip(years, values, strict=True) if v is None]
    if missing:
        lines += ["", label("p1_missing", lang, years=", ".join(missing))]
    return lines


def block(d: Diagnostic, lang: Lang) -> list[str]:
    out = [
        f"### {inline(d.id)} {inline(pick(d.name, lang))} — {label(d.status, lang)} "
        f"({inline(d.section)})",
        "",
    ]
    out += [f"- {inline(line)}" for line in findings(d, lang)]
    if d.series:
        out += ["", *chart(d, lang)]
    out.append("")
    if d.recommendations:
        out += [f"- **{label('closed_by', lang)}**: {joined(d.recommendations)}"]
    if d.data:
        out.append(f"- **{label('data_read', lang)}**:")
        out += [f"  - {code(c.path)} ({at_line(c.line, lang)})" for c in d.data]
    if d.missing:
        out.append(f"- **{label('to_settle', lang)}**: {', '.join(code(p) for p in d.missing)}")
    out.append("")
    return out


def section(a: Assessment, lang: Lang = "en") -> str:
    if not a.diagnostics:
        return ""
    out = [f"## {label('diagnostics', lang)}", ""]
    out.append(
        table(
            ["", label("problem", lang), label("status", lang), label("section", lang), "R"],
            [
                (
                    d.id,
                    pick(d.name, lang),
                    label(d.status, lang),
                    d.section,
                    ", ".join(d.recommendations) or "—",
                )
                for d in a.diagnostics
            ],
        )
    )
    out.append("")
    for d in a.diagnostics:
        out += block(d, lang)
    return "\n".join(out)
