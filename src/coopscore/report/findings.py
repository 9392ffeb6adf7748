"""A diagnostic's findings in words: its key numbers, one line each, and where its data stands.

Every output (terminal, Markdown, JSON) takes its diagnostic sentences and citations from
here, so a number reads the same wherever it is shown. Each problem says its own findings in
the ``words`` module of its folder (:mod:`coopscore.diagnostics`), reached through the
registry; this module holds what they share (numbers, thresholds, lists, citations). A
diagnostic without words shows only its reason, if any.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any, Protocol, cast

from coopscore import diagnostics as registry
from coopscore.core.diagnostics import Citation, Diagnostic, Reason, ReasonId, Tally, Threshold
from coopscore.report.i18n import LABELS, Lang, label
from coopscore.report.notes import described

Catalogue = Mapping[str, Mapping[Lang, str]]


class DiagnosticWords(Protocol):
    """What a problem's ``words`` module says: its findings, the names of its measures, and
    for ``explain`` what it computes (``FORMULA``), the data it reads (``DATA``) and what each
    of its settings sets (``SETTINGS``)."""

    LABELS: Catalogue
    MEASURES: Catalogue
    DIGITS: Mapping[str, int]
    FORMULA: Mapping[Lang, str]
    DATA: tuple[str, ...]
    SETTINGS: Catalogue

    def findings(self, d: Diagnostic, lang: Lang) -> list[str]: ...


def words_of(id_: str) -> DiagnosticWords | None:
    """The words of the problem ``id_``, from its folder; ``None`` for an unregistered id."""
    if id_ not in registry.REGISTRY:
        return None
    return cast("DiagnosticWords", import_module(registry.module(id_, "words")))


def saying(catalogue: Catalogue) -> Callable[..., str]:
    """``say(key, lang, **values)`` over a problem's own catalogue, as ``i18n.label`` does."""

    def say(key: str, lang: Lang, **values: Any) -> str:
        text = catalogue[key][lang]
        return text.format(**values) if values else text

    return say


# The label that explains each reason a diagnostic stays unknown.
REASONS: dict[ReasonId, str] = {
    "no_series": "p1_no_series",
    "too_few_years": "p1_too_few",
    "none_before": "p1_no_before",
    "none_recent": "p1_no_recent",
    "no_peak": "p1_no_peak",
    "no_pairs": "p3_no_pairs",
}
# Names listed in one finding before "(+N more)".
LISTED = 5


def where(c: Citation) -> str:
    """``file:line``, with ``?`` for a datum whose line is not known."""
    return f"{c.file}:{c.line if c.line is not None else '?'}"


def cited(c: Citation) -> str:
    """A datum read: ``path @ file:line``."""
    return f"{c.path} @ {where(c)}"


def evidence(c: Citation, lang: Lang = "en") -> str:
    """A fact with its value: ``path = value @ file:line`` (as criteria show their evidence)."""
    return f"{described(c.fact, lang)} @ {where(c)}"


def reason(r: Reason, lang: Lang) -> str:
    return label(REASONS[r.id], lang, **r.facts)


def findings(d: Diagnostic, lang: Lang) -> list[str]:
    """The key numbers in words, one line each, in ``lang``; the reason for an unknown last."""
    said = words_of(d.id)
    lines = said.findings(d, lang) if said is not None else []
    if any(t.open for t in d.tallies):
        lines.append(label("diag_open", lang))
    if d.reason:
        lines.append(reason(d.reason, lang))
    return lines


def num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "?"
    if isinstance(value, float):
        return f"{value:.{digits}f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def pct(value: float | None) -> str:
    return "?" if value is None else f"{value:.0%}"


def listed(names: list[str], lang: Lang, sep: str = ", ") -> str:
    """The first few names, and how many more there are."""
    shown = sep.join(names[:LISTED])
    if len(names) > LISTED:
        shown += " " + label("more_items", lang, count=len(names) - LISTED)
    return shown


def tally_of(d: Diagnostic, part: str) -> Tally:
    return next(t for t in d.tallies if t.part == part)


def counts(t: Tally) -> dict[str, int]:
    return {"present": t.present, "absent": t.absent, "unknown": t.unknown, "total": t.total}


def fixed(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def _value(t: Threshold, digits: int, lang: Lang) -> str:
    """The measured value: one number, a range the unknowns leave open, or unknown."""
    low, high = t.low, t.high
    if low is None or high is None:
        if low is not None:
            return f"≥ {fixed(low, digits)}"
        if high is not None:
            return f"≤ {fixed(high, digits)}"
        return label("unknown", lang)
    if low == high:
        return fixed(low, digits)
    return f"{fixed(low, digits)}–{fixed(high, digits)}"


def _distance(t: Threshold, digits: int, lang: Lang) -> str:
    """How far the value lies from the bound, above or below it; a range when it is open;
    nothing when the value is unknown."""
    gap = t.distance(digits)
    if gap is None:
        return ""
    low, high = gap
    if low == high:
        if low == 0:
            return label("distance_at", lang)
        key = "distance_above" if low > 0 else "distance_below"
        return label(key, lang, d=fixed(abs(low), digits))
    if low >= 0:
        return label("distance_above_range", lang, low=fixed(low, digits), high=fixed(high, digits))
    if high <= 0:
        return label(
            "distance_below_range", lang, low=fixed(-high, digits), high=fixed(-low, digits)
        )
    return label("distance_across", lang, below=fixed(-low, digits), above=fixed(high, digits))


def threshold_line(t: Threshold, lang: Lang, said: DiagnosticWords | None = None) -> str:
    """``what: 0.66 vs 0.60 (flagged when at or above); 0.06 above: flagged``; the measure
    named, and shown with as many decimals (two unless it says), as its problem's words say."""
    digits = said.DIGITS.get(t.measure, 2) if said is not None else 2
    names = said.MEASURES.get(t.measure) if said is not None else None
    gap = _distance(t, digits, lang)
    return label(
        "threshold_line",
        lang,
        what=names[lang] if names is not None else t.measure,
        value=_value(t, digits, lang),
        bound=fixed(t.bound, digits),
        rule=label(f"rule_{t.rule}", lang),
        distance=label("distance", lang, distance=gap) if gap else "",
        status=label(t.status, lang),
    )


def threshold(d: Diagnostic, part: str, lang: Lang) -> str:
    """The line of the diagnostic's threshold for ``part``."""
    return threshold_line(next(t for t in d.thresholds if t.part == part), lang, words_of(d.id))


def series_basis(names: list[str], lang: Lang) -> str:
    """What a yearly activity series sums, in words, each with its scenario key: ``events`` in
    English, ``活动(events)`` in Chinese."""
    return "+".join(
        label("series_field", lang, field=n, name=label(f"series_{n}", lang))
        if f"series_{n}" in LABELS
        else n
        for n in names
    )
