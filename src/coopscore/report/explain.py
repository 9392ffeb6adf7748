"""The report of ``explain``: a criterion, a dimension, a recommendation or a diagnostic, from
the rubric's data; with a scenario, what the criterion gave for it and the facts it read, in
words.

A diagnostic's thresholds are explained with the reasons the rubric gives for them: the
comments written above each setting in its ``diagnostics:`` section, which the command line
reads from the rubric's text and hands in as ``reasons``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coopscore.core.conditions import LIST_MEASURES
from coopscore.core.engine import evaluate
from coopscore.model.loader import LoadedScenario
from coopscore.model.rubric import (
    Criterion,
    DimensionSpec,
    ProblemSpec,
    RecommendationSpec,
    Rubric,
)
from coopscore.report.blocks import Builder, Bullets, Fact, Facts, Inline, Report, Span, inline
from coopscore.report.describe import words as condition_words
from coopscore.report.i18n import Lang
from coopscore.report.notes import decisive_first, said
from coopscore.report.words import Words

__all__ = ["DiagnosticEntry", "Found", "RecommendationSpec", "build", "find", "keys"]


@dataclass(frozen=True)
class DiagnosticEntry:
    """A diagnostic the rubric switches on: its id (P1–P4) and its settings."""

    id: str
    spec: ProblemSpec


Found = Criterion | DimensionSpec | RecommendationSpec | DiagnosticEntry


def find(rubric: Rubric, key: str) -> Found | None:
    upper = key.upper()
    for dim in rubric.dimensions:
        if dim.id == upper:
            return dim
    for rec in rubric.recommendations:
        if rec.id == upper:
            return rec
    for id_, spec in rubric.spec.diagnostics.enabled():
        if id_ == upper:
            return DiagnosticEntry(id_, spec)
    return rubric.criterion(upper) or rubric.criterion(key)


def keys(rubric: Rubric) -> list[str]:
    """Every key ``find`` answers to, for the did-you-mean of a mistyped one."""
    out = [d.id for d in rubric.dimensions] + [r.id for r in rubric.recommendations]
    out += [id_ for id_, _ in rubric.spec.diagnostics.enabled()]
    for c in rubric.criteria:
        out += [c.spec.code, c.spec.slug]
    return out


def _reads_lists(spec: Any) -> bool:
    """The condition counts or quantifies over a list (``each``, ``len``, ``distinct`` ...)."""
    if isinstance(spec, list):
        return any(_reads_lists(part) for part in spec)
    if not isinstance(spec, dict):
        return False
    if "each" in spec or "contains" in spec or "[]" in str(spec.get("path", "")):
        return True
    if spec.get("measure") in LIST_MEASURES:
        return True
    return any(_reads_lists(value) for value in spec.values() if isinstance(value, dict | list))


def _head(out: Builder, text: str, words: Words) -> None:
    """A part's title, as a line ending in a colon."""
    out.paragraph(inline(Span(f"{text}:", "strong")))


def _h(key: str, words: Words) -> str:
    return words("explain_" + key)


def _condition(
    out: Builder, spec: Any, words: Words, params: Mapping[str, Any], depth: int
) -> None:
    """A condition in words, each of its lines at its own depth."""
    for line in condition_words(spec, words.lang, params).splitlines():
        pad = len(line) - len(line.lstrip())
        out.paragraph(line.lstrip(), depth + pad // 2)


def build(
    rubric: Rubric,
    found: Found,
    words: Words,
    scenario: LoadedScenario | None = None,
    reasons: Mapping[str, list[str]] | None = None,
) -> Report:
    """``reasons``: for a diagnostic, the rubric's comments on each of its settings."""
    out = Builder()
    if isinstance(found, DiagnosticEntry):
        title = f"{found.id} {words.pick(found.spec.name)} ({found.spec.section})"
        out.heading(inline(Span(found.id, "code"), title[len(found.id) :]), level=1)
        _diagnostic(out, rubric, found, words, reasons or {}, scenario)
    elif isinstance(found, DimensionSpec):
        title = f"{found.id} {words.pick(found.name)} ({found.section})"
        out.heading(inline(Span(found.id, "code"), title[len(found.id) :]), level=1)
        out.paragraph(words.pick(found.summary), 1)
        _head(out, _h("criteria", words), words)
        for c in rubric.criteria:
            if c.spec.dimension == found.id:
                out.paragraph(_criterion_line(c, words, severity=True), 1)
    elif isinstance(found, RecommendationSpec):
        title = f"{found.id} {words.pick(found.title)} ({found.section})"
        out.heading(inline(Span(found.id, "code"), title[len(found.id) :]), level=1)
        _head(out, words("actions"), words)
        actions = found.actions.zh if words.lang == "zh" else found.actions.en
        out.add(Bullets(tuple(inline(" ".join(a.split())) for a in actions), indent=1))
        _head(out, words("closes"), words)
        for c in rubric.criteria:
            if found.id in c.spec.recommendations:
                out.paragraph(_criterion_line(c, words), 1)
    else:
        s = found.spec
        title = f"{s.code} {s.slug}: {words.pick(s.title)}"
        out.heading(inline(Span(s.code, "code"), f" {s.slug}: {words.pick(s.title)}"), level=1)
        _criterion(out, rubric, found, words, scenario)
    return out.report(title, words.lang)


def _criterion_line(c: Criterion, words: Words, severity: bool = False) -> Inline:
    """``INS003 slug [high] title``, or ``INS003 slug: title``."""
    s = c.spec
    if severity:
        mark = s.severity if s.severity in ("high", "medium", "low") else "plain"
        return inline(
            Span(s.code, "code"),
            f" {s.slug} ",
            Span(f"[{words(s.severity)}]", mark),
            f" {words.pick(s.title)}",
        )
    return inline(Span(s.code, "code"), f" {s.slug}: {words.pick(s.title)}")


def _criterion(
    out: Builder,
    rubric: Rubric,
    found: Criterion,
    words: Words,
    scenario: LoadedScenario | None,
) -> None:
    s = found.spec
    params = dict(rubric.spec.params)
    out.paragraph(
        f"{words('dimension')} {s.dimension} · {words(s.severity)} · "
        f"{_h('weight', words)} {s.weight:g} · {words('section')} {s.section} · "
        f"{words('closed_by')} {', '.join(s.recommendations) or '—'}",
        1,
    )
    _head(out, words("why"), words)
    out.paragraph(" ".join(words.pick(s.rationale).split()), 1)
    _head(out, words("yrd_practice"), words)
    out.paragraph(" ".join(words.pick(s.yrd_practice).split()), 1)
    for part in ("applies", "met", "partial"):
        spec = getattr(s, part)
        if spec is not None:
            _head(out, _h(part, words), words)
            _condition(out, spec, words, params, 1)
    if any(_reads_lists(getattr(s, part)) for part in ("applies", "met", "partial")):
        out.paragraph(words("explain_open_lists"), 1)
    if scenario is None:
        return
    result = evaluate(found, scenario, rubric.spec.scoring.partial_credit)
    out.heading(_h("in_scenario", words).format(file=scenario.file) + ":", level=3)
    reason = f" ({result.reason})" if result.reason else ""
    out.paragraph(f"{_h('result', words)}: {words(result.status)}{reason}", 1)
    if result.evidence:
        out.paragraph(inline(Span(f"{_h('read', words)}:", "strong")), 1)
        items = []
        for e in decisive_first(result.evidence):
            fact = said(e, words.lang)
            items.append(Fact(fact.fact, fact.at, fact.path, fact.subject, e.line))
        out.add(Facts(tuple(items), brief=len(items), indent=2))
    if result.status == "unknown":
        out.paragraph(inline(Span(f"{_h('missing', words)}:", "strong")), 1)
        for path in result.unknown:
            out.paragraph(inline(Span(path, "code")), 2)


# What each diagnostic measures, and the scenario data it reads; the settings are named as the
# rubric's diagnostics: section names them.
FORMULAS: dict[str, dict[Lang, str]] = {
    "P1": {
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
        "年份、OLS 趋势和迷你走势图。当势头低于 momentum_below,且已知年份不少于 min_years、"
        "近期之前与近期之内都有已知年份时,判定存在。论文所列成因另行判断,不影响判定。",
    },
    "P2": {
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
    },
    "P3": {
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
    },
    "P4": {
        "en": "Two parts. Convergence: the UNIDO similarity coefficient of the sector shares "
        "of two members of one level (provinces with municipalities; cities) that state the "
        "same sectors, S = Σ a·b / √(Σ a² · Σ b²); flagged when a pair reaches "
        "similarity_at_least (the Krugman index is shown beside it). Local protection: "
        "flagged when one of market_access, quality_standards, administrative_fees and "
        "household_registration is stated present under barriers. P4 is flagged when one "
        "part is flagged. Shown, not flagged: the top_pairs most similar pairs, and two- and "
        "four-city primacy of the member cities against the rank-size expectation, by "
        "primacy_basis.",
        "zh": "两个部分。结构趋同:同一层级(省与直辖市;城市)且给出相同产业划分的两个成员"
        "之间的联合国工业发展组织(UNIDO)相似系数,S = Σ a·b / √(Σ a² · Σ b²);任一对达到 "
        "similarity_at_least 即存在(同时给出克鲁格曼指数)。地方保护:barriers 下 "
        "market_access、quality_standards、administrative_fees、household_registration "
        "任一项被说明存在即存在。任一部分存在则 P4 存在。另列出(不影响判定):最相似的 "
        "top_pairs 对成员,以及按 primacy_basis 计算的成员城市二城市、四城市首位度与位序-规模"
        "法则预期之比。",
    },
}
DATA: dict[str, tuple[str, ...]] = {
    "P1": (
        "activity[].year",
        "activity[].events",
        "activity[].meetings",
        "activity[].agreements",
        "activity[].projects_landed",
    ),
    "P2": (
        "cooperation_items.infrastructure … institutional",
        "cooperation_items[].domain",
        "cooperation_items[].count",
        "activity[].agreements",
        "activity[].projects_landed",
        "initiatives.government_led",
        "initiatives.market_led",
    ),
    "P3": (
        "adjacent_pairs[].status",
        "adjacent_pairs[].last_active",
        "as_of",
        "adjacent_pairs[].focus_areas",
        "adjacent_pairs[].stage",
    ),
    "P4": (
        "members[].kind",
        "members[].sector_shares",
        "barriers.market_access",
        "barriers.quality_standards",
        "barriers.administrative_fees",
        "barriers.household_registration",
        "members[].population_m",
        "members[].gdp_bn_cny",
    ),
}
# Each setting of a diagnostic: what it sets, in words.
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
    "similarity_at_least": {
        "en": "flagged when a pair's similarity coefficient reaches this",
        "zh": "任一对成员的相似系数达到此值即存在",
    },
    "top_pairs": {"en": "how many of the most similar pairs to list", "zh": "列出最相似的几对"},
    "primacy_basis": {
        "en": "what primacy is measured by: population (population_m) or gdp (gdp_bn_cny)",
        "zh": "首位度的依据:population(population_m)或 gdp(gdp_bn_cny)",
    },
}
_NOT_SETTINGS = ("name", "section", "recommendations", "causes")


def _setting(value: Any, name: str, rubric: Rubric) -> str:
    if value is None and name == "stalled_after_years":
        fallback = rubric.spec.params.get("stalled_after_years", 3)
        return f"params.stalled_after_years ({fallback})"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _diagnostic(
    out: Builder,
    rubric: Rubric,
    found: DiagnosticEntry,
    words: Words,
    reasons: Mapping[str, list[str]],
    scenario: LoadedScenario | None,
) -> None:
    spec = found.spec
    _head(out, _h("measures", words), words)
    out.paragraph(FORMULAS[found.id][words.lang], 1)
    _head(out, _h("settings", words), words)
    for name in type(spec).model_fields:
        if name in _NOT_SETTINGS:
            continue
        value = _setting(getattr(spec, name), name, rubric)
        what = SETTINGS.get(name, {}).get(words.lang) or type(spec).model_fields[name].description
        said_ = f"{name} = {value}: {what}" if what else f"{name} = {value}"
        out.paragraph(inline(Span(name, "code"), said_[len(name) :]), 1)
        why = " ".join(reasons.get(name, []))
        if why:
            out.paragraph(f"{_h('reason', words)}: {why}", 3)
        elif name not in reasons:
            out.paragraph(_h("default", words), 3)
    causes = list(rubric.causes) if found.id == "P1" else []
    if causes:
        _head(out, _h("causes", words), words)
        for cause in causes:
            out.paragraph(
                inline(Span(cause.spec.id, "code"), f": {words.pick(cause.spec.name)}"), 1
            )
            _condition(out, cause.spec.present, words, dict(rubric.spec.params), 3)
    _head(out, _h("data", words), words)
    for path in DATA[found.id]:
        out.paragraph(inline(Span(path, "code")), 1)
    _head(out, _h("when_flagged", words), words)
    titles = {r.id: r for r in rubric.recommendations}
    for rec_id in spec.recommendations:
        rec = titles.get(rec_id)
        title = f" {words.pick(rec.title)} ({rec.section})" if rec is not None else ""
        out.paragraph(inline(Span(rec_id, "code"), title), 1)
    if not spec.recommendations:
        out.paragraph("—", 1)
    why = " ".join(reasons.get("recommendations", []))
    if why:
        out.paragraph(f"{_h('reason', words)}: {why}", 3)
    if scenario is not None:
        out.paragraph(_h("diagnostic_result", words).format(file=scenario.file))


def lint_warnings(rubric: Rubric) -> list[str]:
    """Legal but likely unintended: unused dimensions or recommendations, repeated titles."""
    warnings = []
    for dim in rubric.dimensions:
        if not any(c.spec.dimension == dim.id for c in rubric.criteria):
            warnings.append(f"dimension {dim.id} has no criterion")
    for rec in rubric.recommendations:
        if not any(rec.id in c.spec.recommendations for c in rubric.criteria):
            warnings.append(f"recommendation {rec.id} closes no criterion")
    titles: dict[str, str] = {}
    for c in rubric.criteria:
        if c.spec.title.en in titles:
            warnings.append(f"{c.spec.code} has the same title as {titles[c.spec.title.en]}")
        titles.setdefault(c.spec.title.en, c.spec.code)
    return warnings
