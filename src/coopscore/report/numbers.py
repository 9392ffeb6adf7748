"""How numbers are shown, in one place, so that the same value prints the same everywhere.

Scores have one decimal, shares are whole percents, and a value that is not there (or not
finite, as a saved JSON file may hold) is a dash. Deltas are computed from unrounded values by
the caller and only rounded here.

JSON keeps numbers as numbers, rounded to the decimals of the JSON contract (``json_score``,
``json_share``, ``json_gain``), so that every JSON output writes the same value alike.
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


def percent_change(value: float | None, unit: str = "pt") -> str:
    """``+5 pt``: a change of a share, in percentage points (``unit``: the reader's word)."""
    return MISSING if value is None or _missing(value) else f"{value * 100:+.0f} {unit}"


def gain(value: float | None) -> str:
    """``+4.7``: what a step would add."""
    return MISSING if value is None or _missing(value) else f"+{value:.1f}"


def bounds(value: tuple[float, float] | None) -> str:
    """``31.4–69.5``: the least and the most a score could be; ``—`` when none can be given."""
    if value is None or _missing(value[0]) or _missing(value[1]):
        return MISSING
    return f"{value[0]:.1f}–{value[1]:.1f}"


def score_with_bounds(
    value: float | None, span: tuple[float, float] | None, thin: bool = False
) -> str:
    """``50.9 (31.4–69.5)``: a point score beside its bounds, as every output shows it;
    ``50.9* (…)`` when it rests on less than half of its criterion weight."""
    point = score(value) + ("*" if thin and value is not None else "")
    if span is None:
        return point
    return f"{point} ({bounds(span)})"


# The JSON contract's decimals. A saved assessment is read back at this precision:
# ``coopscore.core.compare.SAVED`` states the same two numbers (the core cannot import formats).
JSON_SCORE_DIGITS = 1
JSON_SHARE_DIGITS = 3
JSON_GAIN_DIGITS = 2


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def json_score(value: float | None) -> float | None:
    """A score, a score's bound or a change of score, as JSON writes it: ``50.9``."""
    return _rounded(value, JSON_SCORE_DIGITS)


def json_bounds(value: tuple[float, float] | None) -> dict[str, float | None] | None:
    """A score's bounds as JSON writes them: ``{"lower": 29.6, "upper": 78.5}``."""
    if value is None:
        return None
    return {"lower": json_score(value[0]), "upper": json_score(value[1])}


def least_score(value: float) -> float:
    """A least value of score points (the bounds narrow by at least this much), rounded down
    to a tenth: never more than it surely is, and the same number in every output. A value
    not known (not finite) is returned as it is."""
    return math.floor(value * 10 + 1e-9) / 10 if math.isfinite(value) else value


def json_share(value: float | None) -> float | None:
    """A share (coverage, credit) or a change of one, as JSON writes it: ``0.625``."""
    return _rounded(value, JSON_SHARE_DIGITS)


def json_gain(value: float | None) -> float | None:
    """What a plan step adds to a score, as JSON writes it: ``4.76``."""
    return _rounded(value, JSON_GAIN_DIGITS)
