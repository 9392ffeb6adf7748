"""P1 高开低走 (§一(二)1), in words: the yearly series, its peak and recent mean, the causes.

And for ``explain``: what it computes, the data it reads, what its settings set. Every text in
English and Chinese side by side.
"""

from __future__ import annotations

from coopscore.core.diagnostics import Diagnostic
from coopscore.report.findings import counts, num, pct, saying, series_basis, tally_of, threshold
from coopscore.report.i18n import Lang, label

# Its findings' sentences (``say``), each in both languages.
LABELS: dict[str, dict[Lang, str]] = {
    "causes": {
        "en": "causes the paper names: {present} of {total} stated present, {absent} stated "
        "absent, {unknown} unknown",
        "zh": "文献所列原因:{total} 项中已说明存在 {present} 项,已说明不存在 {absent} 项,"
        "未知 {unknown} 项",
    },
    "series": {
        "en": "{basis} per year {first}–{last}: {spark}",
        "zh": "{basis} 逐年 {first}–{last}:{spark}",
    },
    "momentum": {
        "en": "peak {peak} in {peak_year}; mean {mean} in {start}–{end} = {momentum} of the peak",
        "zh": "峰值 {peak}({peak_year} 年);{start}–{end} 年均 {mean},为峰值的 {momentum}",
    },
    "recent_known": {
        "en": " ({known} of {years} recent years known; the mean leaves the others out, not 0)",
        "zh": "(近期 {years} 年中已知 {known} 年;均值不计其余年份,不按 0 计)",
    },
    "slope": {
        "en": "trend {slope} per year; since the peak {since} per year",
        "zh": "趋势 每年 {slope};峰值以来 每年 {since}",
    },
}
# What each measure beside a threshold is called.
MEASURES: dict[str, dict[Lang, str]] = {
    "momentum": {"en": "recent mean / peak", "zh": "近期均值/峰值"},
}
# Decimals a measure is shown with beside its threshold (two unless named here).
DIGITS: dict[str, int] = {}
# What it measures, and the scenario data it reads; the settings named as the rubric's
# diagnostics: section names them.
FORMULA: dict[Lang, str] = {
    "en": "Momentum = the mean of the yearly series over its latest recent_years years, "
    "divided by its peak year's value. The series is activity[].events where any year "
    "states it, else the sum of meetings, agreements and projects_landed; a year the list "
    "leaves out, or that does not state every field summed, is missing, never 0. Also "
    "shown: the peak year, an OLS trend and a sparkline. Flagged when momentum is below "
    "momentum_below, with at least min_years known years, some before the recent period "
    "and some in it. The causes the paper names are judged beside it; they do not flag.",
    "zh": "势头 = 年度序列最近 recent_years 年的均值 ÷ 峰值年份的数值。任何一年给出 "
    "activity[].events 时序列即为 events,否则为 meetings、agreements、projects_landed "
    "之和;列表缺少的年份,或未给出全部求和字段的年份,记为缺失,绝不记为 0。同时给出峰值"
    "年份、最小二乘趋势和迷你走势图。当势头低于 momentum_below,且已知年份不少于 min_years、"
    "近期之前与近期之内都有已知年份时,判定存在。论文所列成因另行判断,不影响判定。",
}
DATA: tuple[str, ...] = (
    "activity[].year",
    "activity[].events",
    "activity[].meetings",
    "activity[].agreements",
    "activity[].projects_landed",
)
# Each of its settings: what it sets, in words.
SETTINGS: dict[str, dict[Lang, str]] = {
    "recent_years": {
        "en": "the latest years of the series that count as recent",
        "zh": "序列中算作“近期”的最近年数",
    },
    "momentum_below": {
        "en": "flagged when recent mean / peak is below this",
        "zh": "近期均值 ÷ 峰值低于此值即存在",
    },
    "min_years": {"en": "known years needed to judge a trend", "zh": "判断趋势所需的已知年数"},
}

say = saying(LABELS)


def findings(d: Diagnostic, lang: Lang) -> list[str]:
    """The key numbers in words, one line each, in ``lang``."""
    m = d.measures
    lines = []
    if "peak_year" in m:
        start, end = m["recent_years"]
        momentum = say(
            "momentum",
            lang,
            peak=num(m["peak"]),
            peak_year=m["peak_year"],
            start=start,
            end=end,
            mean=num(m["recent_mean"]),
            momentum=pct(m["momentum"]),
        )
        if m["recent_known_years"] < end - start + 1:
            years = end - start + 1
            momentum += say("recent_known", lang, known=m["recent_known_years"], years=years)
        lines += [
            say(
                "series",
                lang,
                basis=series_basis(m["basis"], lang),
                first=m["first_year"],
                last=m["last_year"],
                spark=m["sparkline"],
            ),
            momentum,
        ]
    lines.append(threshold(d, "momentum", lang))
    if "peak_year" in m:
        if m["slope"] is not None:
            slope, since = num(m["slope"]), num(m["slope_since_peak"])
            lines.append(say("slope", lang, slope=slope, since=since))
        if m["missing_years"]:
            lines.append(label("p1_missing", lang, years=", ".join(map(str, m["missing_years"]))))
    if d.causes:
        lines.append(say("causes", lang, **counts(tally_of(d, "causes"))))
    for cause in d.causes:
        name = cause.name.zh if lang == "zh" else cause.name.en
        lines.append(label("cause_line", lang, name=name, status=label(cause.status, lang)))
    return lines
