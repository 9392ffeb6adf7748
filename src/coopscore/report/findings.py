"""A diagnostic's findings in words: its key numbers, one line each, and where its data stands.

Every output (terminal, Markdown, JSON) takes its diagnostic sentences and citations from
here, so a number reads the same wherever it is shown. Each problem has one sentence builder,
found by the diagnostic's id; a diagnostic without one shows only its reason, if any.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coopscore.core.diagnostics import Citation, Diagnostic, Reason, ReasonId, Tally, Threshold
from coopscore.core.diagnostics.p2_three_more_three_less import DOMAINS
from coopscore.report.i18n import LABELS, Lang, label, pick
from coopscore.report.notes import described

# The label that explains each reason a diagnostic stays unknown.
REASONS: dict[ReasonId, str] = {
    "no_series": "p1_no_series",
    "too_few_years": "p1_too_few",
    "none_before": "p1_no_before",
    "none_recent": "p1_no_recent",
    "no_peak": "p1_no_peak",
    "no_pairs": "p3_no_pairs",
}
# Decimals a measure is shown with beside its threshold (two unless named here).
DIGITS = {"max_similarity": 3, "forms_present": 0}
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
    lines = FINDINGS[d.id](d, lang) if d.id in FINDINGS else []
    if any(t.open for t in d.tallies):
        lines.append(label("diag_open", lang))
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


def _listed(names: list[str], lang: Lang, sep: str = ", ") -> str:
    """The first few names, and how many more there are."""
    shown = sep.join(names[:LISTED])
    if len(names) > LISTED:
        shown += " " + label("more_items", lang, count=len(names) - LISTED)
    return shown


def _tally(d: Diagnostic, part: str) -> Tally:
    return next(t for t in d.tallies if t.part == part)


def _counts(t: Tally) -> dict[str, int]:
    return {"present": t.present, "absent": t.absent, "unknown": t.unknown, "total": t.total}


def _fixed(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def _value(t: Threshold, digits: int, lang: Lang) -> str:
    """The measured value: one number, a range the unknowns leave open, or unknown."""
    low, high = t.low, t.high
    if low is None or high is None:
        if low is not None:
            return f"≥ {_fixed(low, digits)}"
        if high is not None:
            return f"≤ {_fixed(high, digits)}"
        return label("unknown", lang)
    if low == high:
        return _fixed(low, digits)
    return f"{_fixed(low, digits)}–{_fixed(high, digits)}"


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
        return label(key, lang, d=_fixed(abs(low), digits))
    if low >= 0:
        return label(
            "distance_above_range", lang, low=_fixed(low, digits), high=_fixed(high, digits)
        )
    if high <= 0:
        return label(
            "distance_below_range", lang, low=_fixed(-high, digits), high=_fixed(-low, digits)
        )
    return label("distance_across", lang, below=_fixed(-low, digits), above=_fixed(high, digits))


def threshold_line(t: Threshold, lang: Lang) -> str:
    """``what: 0.66 vs 0.60 (flagged when at or above); 0.06 above: flagged``."""
    digits = DIGITS.get(t.measure, 2)
    gap = _distance(t, digits, lang)
    return label(
        "threshold_line",
        lang,
        what=label(f"measure_{t.measure}", lang),
        value=_value(t, digits, lang),
        bound=_fixed(t.bound, digits),
        rule=label(f"rule_{t.rule}", lang),
        distance=label("distance", lang, distance=gap) if gap else "",
        status=label(t.status, lang),
    )


def _threshold(d: Diagnostic, part: str, lang: Lang) -> str:
    return threshold_line(next(t for t in d.thresholds if t.part == part), lang)


def series_basis(names: list[str], lang: Lang) -> str:
    """What P1's yearly series sums, in words, each with its scenario key: ``events`` in
    English, ``活动(events)`` in Chinese."""
    return "+".join(
        label("series_field", lang, field=n, name=label(f"series_{n}", lang))
        if f"series_{n}" in LABELS
        else n
        for n in names
    )


def _p1(d: Diagnostic, lang: Lang) -> list[str]:
    m = d.measures
    lines = []
    if "peak_year" in m:
        start, end = m["recent_years"]
        momentum = label(
            "p1_momentum",
            lang,
            peak=_num(m["peak"]),
            peak_year=m["peak_year"],
            start=start,
            end=end,
            mean=_num(m["recent_mean"]),
            momentum=_pct(m["momentum"]),
        )
        if m["recent_known_years"] < end - start + 1:
            years = end - start + 1
            momentum += label("p1_recent_known", lang, known=m["recent_known_years"], years=years)
        lines += [
            label(
                "p1_series",
                lang,
                basis=series_basis(m["basis"], lang),
                first=m["first_year"],
                last=m["last_year"],
                spark=m["sparkline"],
            ),
            momentum,
        ]
    lines.append(_threshold(d, "momentum", lang))
    if "peak_year" in m:
        if m["slope"] is not None:
            slope, since = _num(m["slope"]), _num(m["slope_since_peak"])
            lines.append(label("p1_slope", lang, slope=slope, since=since))
        if m["missing_years"]:
            lines.append(label("p1_missing", lang, years=", ".join(map(str, m["missing_years"]))))
    if d.causes:
        lines.append(label("p1_causes", lang, **_counts(_tally(d, "causes"))))
    for cause in d.causes:
        name = cause.name.zh if lang == "zh" else cause.name.en
        lines.append(label("cause_line", lang, name=name, status=label(cause.status, lang)))
    return lines


def _item(item: dict[str, Any], lang: Lang) -> str:
    """One tagged item as the finding cites it: its name, year, count and line."""
    details = [str(item["year"])] if item["year"] is not None else []
    if item["count"] > 1:
        details.append(f"×{item['count']}")
    if item["line"] is not None:
        details.append(label("at_line", lang, line=item["line"]))
    shown = label("named", lang, names=("," if lang == "zh" else ", ").join(details))
    return pick(item["name"], lang) + (shown if details else "")


def _p2_items(a: dict[str, Any], lang: Lang) -> list[str]:
    items: list[dict[str, Any]] = a["items"]
    lines = [
        label("p2_items", lang, entries=len(items), items=sum(i["count"] for i in items)),
    ]
    for domain in DOMAINS:
        mine = [_item(i, lang) for i in items if i["domain"] == domain]
        if mine:
            shown = _listed(mine, lang, ";" if lang == "zh" else "; ")
            count = a["counts"][domain]
            lines.append(label("p2_item_domain", lang, domain=domain, count=count, items=shown))
    return lines


def _too_few(part: dict[str, Any], lang: Lang) -> str:
    """Why a part with a value stays unknown: its denominator is below the rubric's minimum."""
    return label("p2_too_few", lang, min=part["min_count"]) if part.get("too_few") else ""


def _p2(d: Diagnostic, lang: Lang) -> list[str]:
    a, b, c = (d.measures[k] for k in ("domain_balance", "landing_ratio", "market_share"))
    lines = []
    if a.get("share_more") is not None:
        share = label(
            "p2_domains", lang, more=a["more"], less=a["less"], share=_pct(a["share_more"])
        )
        lines.append(share + _too_few(a, lang))
    domains = _tally(d, "domain_balance")
    tally = label("p2_domain_tally", lang, **_counts(domains))
    unstated = [k for k, v in a.get("counts", {}).items() if v is None]
    if unstated:
        tally += label("unknown_list", lang, names=", ".join(unstated))
    lines.append(tally)
    if a.get("form") == "items":
        lines += _p2_items(a, lang)
    lines.append(_threshold(d, "domain_balance", lang))
    if b.get("ratio") is not None:
        landing = label(
            "p2_landing",
            lang,
            landed=b["landed"],
            agreements=b["agreements"],
            ratio=_num(b["ratio"]),
        )
        lines.append(landing + _too_few(b, lang))
    years = _tally(d, "landing_ratio")
    if years.total:
        line = label("p2_landing_years", lang, **_counts(years))
        if b.get("years_unknown"):
            line += label("unknown_list", lang, names=", ".join(map(str, b["years_unknown"])))
        lines.append(line)
    lines.append(_threshold(d, "landing_ratio", lang))
    if c.get("share") is not None:
        total = c["market_led"] + c["government_led"]
        market = label(
            "p2_market", lang, market=c["market_led"], total=total, share=_pct(c["share"])
        )
        lines.append(market + _too_few(c, lang))
    else:
        shown = {
            k: label("unknown", lang) if c.get(f"{k}_led") is None else c[f"{k}_led"]
            for k in ("government", "market")
        }
        lines.append(label("p2_market_partial", lang, **shown))
    lines.append(_threshold(d, "market_share", lang))
    return lines


def _p3(d: Diagnostic, lang: Lang) -> list[str]:
    m = d.measures
    if m.get("weak_share_bounds") is None:
        lines = [_threshold(d, "weak_share", lang)]
        if m.get("pairs"):  # every pair left may have ended
            lines.append(label("p3_all_may_have_ended", lang, pairs=m["pairs"]))
        return lines
    low, high = m["weak_share_bounds"]
    share = _pct(low) if low == high else f"{_pct(low)}–{_pct(high)}"
    weak = _tally(d, "weak")
    items = weak.items()
    lines = [
        label(
            "p3_pairs",
            lang,
            weak=_range(*items.matching, lang),
            pairs=_range(*items.counted, lang),
            strong=weak.absent,
            unknown=weak.unknown,
            share=share,
            ended=_may_have_ended(weak, lang),
        ),
        _threshold(d, "weak_share", lang),
    ]
    for test in ("stalled", "unfocused", "shallow"):
        t = _tally(d, test)
        counted = t.items()
        lines.append(
            label(
                "p3_test",
                lang,
                test=label(f"p3_{test}", lang),
                present=_range(*counted.matching, lang),
                pairs=_range(*counted.counted, lang),
                absent=t.absent,
                unknown=t.unknown,
                ended=_may_have_ended(t, lang),
            )
        )
    return lines


def _range(low: int, high: int, lang: Lang) -> str:
    return str(low) if low == high else label("ev_range", lang, low=low, high=high)


def _may_have_ended(t: Tally, lang: Lang) -> str:
    """The pairs of unstated status, which may have ended and so may not count."""
    return label("p3_may_have_ended", lang, open=t.maybe_out) if t.maybe_out else ""


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
    lines.append(_threshold(d, "convergence", lang))
    if conv["comparable_pairs"]:
        low, high = conv["similar_pairs_bounds"]
        similar = low if low == high else f"{low}–{high}"
        lines.append(
            label(
                "p4_count",
                lang,
                similar=similar,
                pairs=conv["comparable_pairs"],
                bound=_fixed(conv["threshold"], DIGITS["max_similarity"]),
                below=conv["comparable_pairs"] - high,
                mean=_num(conv["mean_similarity"], 3),
                unknown=conv["pairs_unknown"],
            )
        )
        if not conv["exhaustive"]:
            lines.append(label("p4_bounded", lang, structures=conv["structures"]))
    forms = _tally(d, "local_protection")
    names = label("named", lang, names=", ".join(prot["stated"])) if prot["stated"] else ""
    lines.append(label("p4_barriers", lang, names=names, **_counts(forms)))
    lines.append(_threshold(d, "local_protection", lang))
    cities = _tally(d, "primacy")
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
    elif cities.total:
        lines.append(label("p4_primacy_unknown", lang, basis=prim["basis"]))
    if prim["four_city"] is not None:
        lines.append(
            label(
                "p4_primacy4",
                lang,
                four=_num(prim["four_city"]),
                expected=_num(prim["four_city_rank_size"]),
            )
        )
    if cities.unknown:
        ids = _listed(prim["cities_unknown"], lang)
        lines.append(
            label("p4_cities_unknown", lang, count=cities.unknown, basis=prim["basis"], ids=ids)
        )
    return lines


FINDINGS: dict[str, Callable[[Diagnostic, Lang], list[str]]] = {
    "P1": _p1,
    "P2": _p2,
    "P3": _p3,
    "P4": _p4,
}
