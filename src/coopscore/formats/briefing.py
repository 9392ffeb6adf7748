"""The executive summary's sentences (``report.briefing``), for the outputs that write their own
text around them."""

from __future__ import annotations

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

__all__ = [
    "FIRST_FACTS",
    "FIRST_STEPS",
    "Briefing",
    "find_out",
    "gaps",
    "recommendations",
    "standing",
    "summary",
]
