"""P3 (§一(二)3), in words: the adjacent pairs that lack follow-through, test by test.

And for ``explain``: what it computes, the data it reads, what its settings set. Every text in
English and Chinese side by side.
"""

from __future__ import annotations

from coopscore.core.diagnostics import Diagnostic, Tally
from coopscore.report.findings import pct, saying, tally_of, threshold
from coopscore.report.i18n import Lang, label

# Its findings' sentences (``say``), each in both languages.
LABELS: dict[str, dict[Lang, str]] = {
    "pairs": {
        "en": "{weak} of {pairs} adjacent pairs lack follow-through ({strong} stated to follow "
        "through, {unknown} unknown{ended}): {share}",
        "zh": "{pairs} 对毗邻合作中 {weak} 对后继乏力(已说明并非如此的 {strong} 对,"
        "未知 {unknown} 对{ended}):{share}",
    },
    "pairs_open": {
        "en": "{weak} of the {pairs} adjacent pairs listed lack follow-through ({strong} stated "
        "to follow through, {unknown} unknown{ended}); the list is not exhaustive, so with the "
        "pairs not listed the share can be {share}",
        "zh": "所列 {pairs} 对毗邻合作中 {weak} 对后继乏力(已说明并非如此的 {strong} 对,"
        "未知 {unknown} 对{ended});清单未列全,计入未列出的合作对,占比可为 {share}",
    },
    "test": {
        "en": "{test}: {present} of {pairs} pairs, {absent} stated otherwise, {unknown} unknown"
        "{ended}",
        "zh": "{test}:{pairs} 对中 {present} 对,已说明并非如此的 {absent} 对,未知 {unknown} 对"
        "{ended}",
    },
    "may_have_ended": {
        "en": ", {open} of unstated status that may have ended",
        "zh": ",状态未说明、可能已结束 {open} 对",
    },
    "all_may_have_ended": {
        "en": "{pairs} adjacent pairs of unstated status: each may have ended",
        "zh": "{pairs} 对毗邻合作状态未说明:均可能已结束",
    },
    "stalled": {"en": "stalled", "zh": "停滞"},
    "unfocused": {"en": "no stated focus", "zh": "重点不突出"},
    "shallow": {"en": "point-to-point", "zh": "停留在点对点"},
}
# What each measure beside a threshold is called.
MEASURES: dict[str, dict[Lang, str]] = {
    "weak_share": {
        "en": "share of pairs lacking follow-through",
        "zh": "后继乏力的毗邻合作占比",
    },
}
# Decimals a measure is shown with beside its threshold (two unless named here).
DIGITS: dict[str, int] = {}
# What it measures, and the scenario data it reads; the settings named as the rubric's
# diagnostics: section names them.
FORMULA: dict[Lang, str] = {
    "en": "The share of adjacent pairs (ended ones left out) that lack follow-through. A "
    "pair lacks it when one of the tests in weak_if holds: stalled (status: stalled, or no "
    "status and no activity for more than stalled_after_years before as_of), unfocused "
    "(focus_areas: []), shallow (stage: point_to_point). A pair that cannot be told, "
    "or whose status is unstated and so may have ended, counts on both sides of the "
    "bound, so it can keep the verdict unknown but never flag it. Flagged when the share "
    "surely reaches weak_share_at_least. ADJ002-ADJ004 count the same pairs alike.",
    "zh": "毗邻合作(已结束的除外)中后继乏力者所占比例。weak_if 中任一检验成立即为后继"
    "乏力:stalled(status 为 stalled,或未给出 status 且在 as_of 之前超过 "
    "stalled_after_years 年没有活动)、unfocused(focus_areas: [])、shallow(stage 为 "
    "point_to_point)。无法判断的合作对,以及未给出 status、可能已结束的合作对,按各种"
    "可能计算,可使结论为未知,但不会导致判定存在。比例确定达到 weak_share_at_least 时"
    "判定存在。ADJ002–ADJ004 以同样方式计数。",
}
DATA: tuple[str, ...] = (
    "adjacent_pairs[].status",
    "adjacent_pairs[].last_active",
    "as_of",
    "adjacent_pairs[].focus_areas",
    "adjacent_pairs[].stage",
)
# Each of its settings: what it sets, in words.
SETTINGS: dict[str, dict[Lang, str]] = {
    "weak_share_at_least": {
        "en": "flagged when this share of the pairs lacks follow-through",
        "zh": "后继乏力的合作对达到此比例即存在",
    },
    "weak_if": {
        "en": "the tests that make a pair lack follow-through",
        "zh": "判定合作对后继乏力的检验",
    },
    "stalled_after_years": {
        "en": "years without activity after which a pair with no status counts as stalled",
        "zh": "未给出 status 的合作对在多少年没有活动后算作停滞",
    },
}

say = saying(LABELS)


def findings(d: Diagnostic, lang: Lang) -> list[str]:
    """The key numbers in words, one line each, in ``lang``."""
    m = d.measures
    if m.get("weak_share_bounds") is None:
        lines = [threshold(d, "weak_share", lang)]
        if m.get("pairs"):  # every pair left may have ended
            lines.append(say("all_may_have_ended", lang, pairs=m["pairs"]))
        return lines
    low, high = m["weak_share_bounds"]
    share = pct(low) if low == high else f"{pct(low)}–{pct(high)}"
    weak = tally_of(d, "weak")
    items = weak.items()
    lines = [
        say(
            "pairs_open" if weak.open else "pairs",
            lang,
            weak=_range(*items.matching, lang),
            pairs=_range(*items.counted, lang),
            strong=weak.absent,
            unknown=weak.unknown,
            share=share,
            ended=_may_have_ended(weak, lang),
        ),
        threshold(d, "weak_share", lang),
    ]
    for test in ("stalled", "unfocused", "shallow"):
        t = tally_of(d, test)
        counted = t.items()
        lines.append(
            say(
                "test",
                lang,
                test=say(test, lang),
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
    return say("may_have_ended", lang, open=t.maybe_out) if t.maybe_out else ""
