"""A diagnostic's findings in words: its key numbers, one line each, and where its data stands.

Every output (terminal, Markdown, JSON) takes its diagnostic sentences and citations from
here, so a number reads the same wherever it is shown. Each problem has one sentence builder,
found by the diagnostic's id; a diagnostic without one shows only its reason, if any.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coopscore.core.diagnostics import Citation, Diagnostic, Reason, ReasonId
from coopscore.core.diagnostics.p4_competition import PROTECTION
from coopscore.formats.i18n import Lang, label

# The label that explains each reason a diagnostic stays unknown.
REASONS: dict[ReasonId, str] = {
    "no_series": "p1_no_series",
    "too_few_years": "p1_too_few",
    "none_before": "p1_no_before",
    "none_recent": "p1_no_recent",
    "no_peak": "p1_no_peak",
    "no_pairs": "p3_no_pairs",
}


def where(c: Citation) -> str:
    """``file:line``, with ``?`` for a datum whose line is not known."""
    return f"{c.file}:{c.line if c.line is not None else '?'}"


def cited(c: Citation) -> str:
    """A datum read: ``path @ file:line``."""
    return f"{c.path} @ {where(c)}"


def evidence(c: Citation) -> str:
    """A fact with its value: ``path = value @ file:line`` (as criteria show their evidence)."""
    return f"{c.fact.describe()} @ {where(c)}"


def reason(r: Reason, lang: Lang) -> str:
    return label(REASONS[r.id], lang, **r.facts)


def findings(d: Diagnostic, lang: Lang) -> list[str]:
    """The key numbers in words, one line each, in ``lang``; the reason for an unknown last."""
    lines = FINDINGS[d.id](d, lang) if d.id in FINDINGS else []
    if d.reason:
        lines.append(reason(d.reason, lang))
    return lines


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "?"
    if isinstance(value, float):
        return f"{value:.{digits}f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def _pct(value: float | None) -> str:
    return "?" if value is None else f"{value:.0%}"


def _p1(d: Diagnostic, lang: Lang) -> list[str]:
    m = d.measures
    if "peak_year" not in m:
        return []
    lines = [
        label(
            "p1_series",
            lang,
            basis="+".join(m["basis"]),
            first=m["first_year"],
            last=m["last_year"],
            spark=m["sparkline"],
        ),
        label(
            "p1_momentum",
            lang,
            peak=_num(m["peak"]),
            peak_year=m["peak_year"],
            start=m["recent_years"][0],
            end=m["recent_years"][1],
            mean=_num(m["recent_mean"]),
            momentum=_pct(m["momentum"]),
            threshold=_pct(m["momentum_below"]),
        ),
        label("p1_slope", lang, slope=_num(m["slope"]), since=_num(m["slope_since_peak"])),
    ]
    if m["missing_years"]:
        lines.append(label("p1_missing", lang, years=", ".join(map(str, m["missing_years"]))))
    for cause in d.causes:
        name = cause.name.zh if lang == "zh" else cause.name.en
        lines.append(label("cause_line", lang, name=name, status=label(cause.status, lang)))
    return lines


def _p2(d: Diagnostic, lang: Lang) -> list[str]:
    a, b, c = (d.measures[k] for k in ("domain_balance", "landing_ratio", "market_share"))
    lines = []
    if a.get("share_more") is not None:
        lines.append(
            label(
                "p2_domains",
                lang,
                more=a["more"],
                less=a["less"],
                share=_pct(a["share_more"]),
                threshold=_pct(a["threshold"]),
                status=label(a["status"], lang),
            )
        )
    else:
        lines.append(label("p2_domains_unknown", lang))
    if b.get("ratio") is not None:
        lines.append(
            label(
                "p2_landing",
                lang,
                landed=b["landed"],
                agreements=b["agreements"],
                ratio=_num(b["ratio"]),
                threshold=_num(b["threshold"]),
                status=label(b["status"], lang),
            )
        )
    else:
        lines.append(label("p2_landing_unknown", lang))
    if c.get("share") is not None:
        lines.append(
            label(
                "p2_market",
                lang,
                market=c["market_led"],
                total=c["market_led"] + c["government_led"],
                share=_pct(c["share"]),
                threshold=_pct(c["threshold"]),
                status=label(c["status"], lang),
            )
        )
    else:
        lines.append(label("p2_market_unknown", lang))
    return lines


def _p3(d: Diagnostic, lang: Lang) -> list[str]:
    m = d.measures
    if not m.get("pairs"):
        return []
    low, high = m["weak_share_bounds"]
    share = _pct(low) if low == high else f"{_pct(low)}–{_pct(high)}"
    known, possible = m["weak_known"], m["weak_possible"]
    return [
        label(
            "p3_pairs",
            lang,
            weak=known if known == possible else f"{known}–{possible}",
            pairs=m["pairs"],
            share=share,
            threshold=_pct(m["threshold"]),
        ),
        label(
            "p3_counts",
            lang,
            stalled=m["stalled"]["known"],
            unfocused=m["unfocused"]["known"],
            shallow=m["shallow"]["known"],
        ),
    ]


def _p4(d: Diagnostic, lang: Lang) -> list[str]:
    conv, prot, prim = (d.measures[k] for k in ("convergence", "local_protection", "primacy"))
    lines = []
    for pair in conv["highest"]:
        lines.append(
            label(
                "p4_pair",
                lang,
                a=pair["a"],
                b=pair["b"],
                s=f"{pair['similarity']:.3f}",
                k=f"{pair['krugman']:.3f}",
            )
        )
    if not conv["comparable_pairs"]:
        lines.append(label("p4_no_pairs", lang))
    else:
        lines.append(label("p4_threshold", lang, threshold=_num(conv["threshold"])))
        low, high = conv["similar_pairs_bounds"]
        similar = low if low == high else f"{low}–{high}"
        mean = _num(conv["mean_similarity"], 3)
        lines.append(
            label("p4_count", lang, similar=similar, pairs=conv["comparable_pairs"], mean=mean)
        )
        if not conv["exhaustive"]:
            lines.append(label("p4_bounded", lang, structures=conv["structures"]))
    if prot["stated"] or prot["cleared"]:
        lines.append(
            label(
                "p4_barriers",
                lang,
                stated=", ".join(prot["stated"]) or label("none", lang),
                count=len(prot["stated"]),
                total=len(PROTECTION),
            )
        )
    else:
        lines.append(label("p4_barriers_unknown", lang))
    if prim["two_city"] is not None:
        lines.append(
            label(
                "p4_primacy",
                lang,
                basis=prim["basis"],
                cities=len(prim["cities"]),
                two=_num(prim["two_city"]),
                expected=_num(prim["two_city_rank_size"]),
            )
        )
    if prim["four_city"] is not None:
        lines.append(
            label(
                "p4_primacy4",
                lang,
                four=_num(prim["four_city"]),
                expected=_num(prim["four_city_rank_size"]),
            )
        )
    return lines


FINDINGS: dict[str, Callable[[Diagnostic, Lang], list[str]]] = {
    "P1": _p1,
    "P2": _p2,
    "P3": _p3,
    "P4": _p4,
}
