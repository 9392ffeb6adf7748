"""How numbers are shown, in one place, so that the same value prints the same everywhere.

Scores have one decimal, shares are whole percents, and a value that is not there (or not
finite, as a saved JSON file may hold) is a dash. Deltas are computed from unrounded values by
the caller and only rounded here.
"""

from __future__ import annotations

import math

MISSING = "—"


def _missing(value: float | None) -> bool:
    return value is None or not math.isfinite(value)


def score(value: float | None) -> str:
    """``50.9``; ``—`` when withheld or unknown."""
    return MISSING if value is None or _missing(value) else f"{value:.1f}"


def percent(value: float | None) -> str:
    """``62%`` for 0.62."""
    return MISSING if value is None or _missing(value) else f"{value:.0%}"


def score_change(value: float | None) -> str:
    """``+4.7`` / ``-1.0``: a change of score, always signed."""
    return MISSING if value is None or _missing(value) else f"{value:+.1f}"


def percent_change(value: float | None) -> str:
    """``+5 pt``: a change of a share, in percentage points."""
    return MISSING if value is None or _missing(value) else f"{value * 100:+.0f} pt"


def gain(value: float | None) -> str:
    """``+4.7``: what a step would add."""
    return MISSING if value is None or _missing(value) else f"+{value:.1f}"
