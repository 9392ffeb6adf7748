"""The executive summary in Markdown: the sentences of ``report.briefing``, their file text
escaped for Markdown (``MARKDOWN``)."""

from __future__ import annotations

from coopscore.core.assessment import Assessment
from coopscore.formats.escaping import code_span, markdown_text
from coopscore.report.briefing import (
    FIRST_FACTS,
    FIRST_STEPS,
    Briefing,
    find_out,
    gaps,
    recommendations,
    standing,
    summary,
)
from coopscore.report.i18n import Lang, label
from coopscore.report.notes import Style

__all__ = [
    "FIRST_FACTS",
    "FIRST_STEPS",
    "MARKDOWN",
    "Briefing",
    "find_out",
    "gaps",
    "markdown",
    "recommendations",
    "standing",
    "summary",
]

MARKDOWN = Style(markdown_text, code_span)


def markdown(a: Assessment, lang: Lang) -> list[str]:
    """The summary as a Markdown section: the standing, then gaps, steps and facts as lists."""
    b = summary(a, lang, MARKDOWN)
    head, *severities = b.gaps
    out = [f"## {label('summary', lang)}", "", b.standing, "", f"- {head}"]
    out += [f"  - {line}" for line in severities]
    out.append(f"- **{label('brief_steps', lang)}**:")
    out += [f"  {n}. {line}" for n, line in enumerate(b.recommendations, 1)]
    out.append(f"- **{label('brief_find_out', lang)}**:")
    out += [f"  - {line}" for line in b.find_out]
    return [*out, ""]
