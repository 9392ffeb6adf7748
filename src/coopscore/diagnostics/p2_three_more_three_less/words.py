"""P2 三多三少 (§一(二)2), in words: its three parts, each beside its threshold.

And for ``explain``: what it computes, the data it reads, what its settings set. Every text in
English and Chinese side by side.
"""

from __future__ import annotations

from typing import Any

from coopscore.core.diagnostics import Diagnostic
from coopscore.diagnostics.p2_three_more_three_less.logic import DOMAINS
from coopscore.report.findings import counts, listed, num, pct, saying, tally_of, threshold
from coopscore.report.i18n import Lang, label, pick

# Its findings' sentences (``say``), each in both languages.
LABELS: dict[str, dict[Lang, str]] = {
    "domains": {
        "en": "(a) items in infrastructure, ecology, public services {more} vs industry & "
        "innovation, urban–rural, institutional {less}: share {share}",
        "zh": "(a) 基础设施、生态环保、公共服务 {more} 项,产业和科技创新、城乡融合、体制机制 "
        "{less} 项:占比 {share}",
    },
    "domain_tally": {
        "en": "(a) domains: {present} of {total} stated with items, {absent} stated as 0, "
        "{unknown} unknown",
        "zh": "(a) 领域:{total} 个中已说明有合作事项的 {present} 个,已说明为 0 的 {absent} 个,"
        "未知 {unknown} 个",
    },
    "items": {
        "en": "(a) counted from {entries} tagged entries ({items} items), by domain:",
        "zh": "(a) 由 {entries} 条标注领域的事项(合 {items} 项)分领域计数:",
    },
    "item_domain": {
        "en": "(a) {domain} {count}: {items}",
        "zh": "(a) {domain} {count} 项:{items}",
    },
    "too_few": {
        "en": " (fewer than {min}: too few to judge)",
        "zh": "(不足 {min}:数量过少,无法判断)",
    },
    "landing": {
        "en": "(b) {landed} projects landed of {agreements} agreements: ratio {ratio}",
        "zh": "(b) 签订协议 {agreements} 项,落地项目 {landed} 个:落地率 {ratio}",
    },
    "landing_years": {
        "en": "(b) years: {present} state both agreements and landed projects, {unknown} state "
        "one of them only (unknown, left out of the ratio)",
        "zh": "(b) 年份:{present} 年同时说明协议数与落地项目数,{unknown} 年只说明其一"
        "(未知,不计入落地率)",
    },
    "market": {
        "en": "(c) {market} of {total} initiatives market-led: {share}",
        "zh": "(c) {total} 项合作中市场主导 {market} 项:{share}",
    },
    "market_partial": {
        "en": "(c) initiatives: government-led {government}, market-led {market}",
        "zh": "(c) 合作事项:政府主导 {government},市场主导 {market}",
    },
}
# What each measure beside a threshold is called.
MEASURES: dict[str, dict[Lang, str]] = {
    "share_more": {
        "en": "(a) share of infrastructure, ecology, public services",
        "zh": "(a) 基础设施、生态环保、公共服务占比",
    },
    "ratio": {"en": "(b) landing ratio", "zh": "(b) 项目落地率"},
    "share": {"en": "(c) market-led share", "zh": "(c) 市场主导占比"},
}
# Decimals a measure is shown with beside its threshold (two unless named here).
DIGITS: dict[str, int] = {}
# What it measures, and the scenario data it reads; the settings named as the rubric's
# diagnostics: section names them.
FORMULA: dict[Lang, str] = {
    "en": "Three parts. (a) Domain balance: items in the three 'more' domains "
    "(infrastructure, ecology, public_services) over the items in all six domains; "
    "flagged at domain_share_at_least or more. (b) Landing ratio: projects_landed over "
    "agreements, summed over the years that state both; flagged below "
    "landing_ratio_below. (c) Market share: market-led over government-led plus "
    "market-led initiatives; flagged at market_share_at_most or less. A part with fewer "
    "than min_count items, agreements or initiatives stays unknown. P2 is flagged when "
    "one part is flagged, clear when all three are clear.",
    "zh": "三个部分。(a) 领域结构:三个“多”的领域(infrastructure、ecology、"
    "public_services)的合作事项占全部六个领域事项的比例;达到 domain_share_at_least "
    "即存在。(b) 落地率:在同时给出两者的年份中,projects_landed 之和 ÷ agreements "
    "之和;低于 landing_ratio_below 即存在。(c) 市场份额:市场主导的合作倡议 ÷(政府主导 + "
    "市场主导);不超过 market_share_at_most 即存在。事项、协议或倡议少于 min_count 的部分"
    "为未知。任一部分存在则 P2 存在,三部分均不存在则 P2 不存在。",
}
DATA: tuple[str, ...] = (
    "cooperation_items.infrastructure … institutional",
    "cooperation_items[].domain",
    "cooperation_items[].count",
    "activity[].agreements",
    "activity[].projects_landed",
    "initiatives.government_led",
    "initiatives.market_led",
)
# Each of its settings: what it sets, in words.
SETTINGS: dict[str, dict[Lang, str]] = {
    "domain_share_at_least": {
        "en": "(a) flagged when the three 'more' domains hold this share or more",
        "zh": "(a) 三个“多”的领域所占比例达到此值即存在",
    },
    "landing_ratio_below": {
        "en": "(b) flagged when landed projects / agreements is below this",
        "zh": "(b) 落地项目 ÷ 协议低于此值即存在",
    },
    "market_share_at_most": {
        "en": "(c) flagged when market-led / all initiatives is this or less",
        "zh": "(c) 市场主导倡议 ÷ 全部倡议不超过此值即存在",
    },
    "min_count": {
        "en": "smallest number of items, agreements or initiatives a part needs",
        "zh": "每一部分所需的最少事项、协议或倡议数",
    },
}

say = saying(LABELS)


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
        say("items", lang, entries=len(items), items=sum(i["count"] for i in items)),
    ]
    for domain in DOMAINS:
        mine = [_item(i, lang) for i in items if i["domain"] == domain]
        if mine:
            shown = listed(mine, lang, ";" if lang == "zh" else "; ")
            count = a["counts"][domain]
            lines.append(say("item_domain", lang, domain=domain, count=count, items=shown))
    return lines


def _too_few(part: dict[str, Any], lang: Lang) -> str:
    """Why a part with a value stays unknown: its denominator is below the rubric's minimum."""
    return say("too_few", lang, min=part["min_count"]) if part.get("too_few") else ""


def findings(d: Diagnostic, lang: Lang) -> list[str]:
    """The key numbers in words, one line each, in ``lang``."""
    a, b, c = (d.measures[k] for k in ("domain_balance", "landing_ratio", "market_share"))
    lines = []
    if a.get("share_more") is not None:
        share = say("domains", lang, more=a["more"], less=a["less"], share=pct(a["share_more"]))
        lines.append(share + _too_few(a, lang))
    domains = tally_of(d, "domain_balance")
    tally = say("domain_tally", lang, **counts(domains))
    unstated = [k for k, v in a.get("counts", {}).items() if v is None]
    if unstated:
        tally += label("unknown_list", lang, names=", ".join(unstated))
    lines.append(tally)
    if a.get("form") == "items":
        lines += _p2_items(a, lang)
    lines.append(threshold(d, "domain_balance", lang))
    if b.get("ratio") is not None:
        landing = say(
            "landing",
            lang,
            landed=b["landed"],
            agreements=b["agreements"],
            ratio=num(b["ratio"]),
        )
        lines.append(landing + _too_few(b, lang))
    years = tally_of(d, "landing_ratio")
    if years.total:
        line = say("landing_years", lang, **counts(years))
        if b.get("years_unknown"):
            line += label("unknown_list", lang, names=", ".join(map(str, b["years_unknown"])))
        lines.append(line)
    lines.append(threshold(d, "landing_ratio", lang))
    if c.get("share") is not None:
        total = c["market_led"] + c["government_led"]
        market = say("market", lang, market=c["market_led"], total=total, share=pct(c["share"]))
        lines.append(market + _too_few(c, lang))
    else:
        shown = {
            k: label("unknown", lang) if c.get(f"{k}_led") is None else c[f"{k}_led"]
            for k in ("government", "market")
        }
        lines.append(say("market_partial", lang, **shown))
    lines.append(threshold(d, "market_share", lang))
    return lines
