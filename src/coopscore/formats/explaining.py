"""What `explain` says about a criterion, a dimension, a recommendation or a diagnostic.

The text goes to a terminal: every line is passed through ``escaping.terminal``, so that no
rubric or scenario text (nor a file name) can send a control character or escape sequence.
Lines are wrapped to the width the command line passes (the terminal's, ``COLUMNS``
honoured), measured in terminal cells so that Chinese text fits too, and a wrapped line is
indented past its bullet, so that it never reads as an item of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coopscore.core.conditions import LIST_MEASURES
from coopscore.core.engine import evaluate
from coopscore.formats.escaping import one_line, terminal
from coopscore.model.loader import LoadedScenario
from coopscore.model.rubric import (
    Criterion,
    DimensionSpec,
    ProblemSpec,
    RecommendationSpec,
    Rubric,
)
from coopscore.report.describe import words
from coopscore.report.i18n import Lang, label, pick
from coopscore.report.notes import described

WIDTH = 100  # when the command line gives none


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


# ------------------------------------------------------------------------------- wrapping

# A wide character with the closing punctuation that must stay on its line; any other run
# without spaces; a run of spaces.
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)
_CLOSING = ",。、;:?!)」』》〉】,.;:?!)"
_TOKENS = re.compile(rf"[{_WIDE}][{_CLOSING}]*|[^\s{_WIDE}]+|\s+")
_WIDE_START = re.compile(rf"[{_WIDE}]")
_BULLETS = frozenset({"-", "–", "—", "*", "•", "+", ">"})


def _cells(text: str) -> int:
    """Terminal cells: two for a wide (East Asian) character, none for a combining mark."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _chunks(text: str) -> list[tuple[str, bool]]:
    """The pieces a line may break between, each with whether a space comes before it: words
    at spaces, and Chinese text between two characters (never before closing punctuation)."""
    chunks: list[tuple[str, bool]] = []
    space, after_wide = False, False
    for token in _TOKENS.findall(text):
        if token.isspace():
            space = bool(chunks)
            continue
        wide = bool(_WIDE_START.match(token))
        if chunks and token in _BULLETS:  # a dash that began a line would read as a bullet
            chunks[-1] = (chunks[-1][0] + (" " if space else "") + token, chunks[-1][1])
        elif chunks and not space and not (wide and after_wide):
            chunks[-1] = (chunks[-1][0] + token, chunks[-1][1])
        else:
            chunks.append((token, space))
        space, after_wide = False, wide
    return chunks


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` on lines of at most ``width`` cells: the first starts with ``first``, the
    others with ``rest`` (``first`` turned to spaces when not given)."""
    rest = " " * _cells(first) if rest is None else rest
    lines: list[str] = []
    line, used, empty = first, _cells(first), True
    for chunk, space in _chunks(text):
        gap = 1 if space and not empty else 0
        size = _cells(chunk)
        if not empty and used + gap + size > width:
            lines.append(line)
            line, used, empty, gap = rest, _cells(rest), True, 0
        while empty and used + size > width and len(chunk) > 1:  # longer than a whole line
            cut = 1
            while cut < len(chunk) and used + _cells(chunk[: cut + 1]) <= width:
                cut += 1
            lines.append(line + chunk[:cut])
            chunk = chunk[cut:]
            size = _cells(chunk)
            line, used = rest, _cells(rest)
        line += " " * gap + chunk
        used += gap + size
        empty = False
    lines.append(line)
    return lines


def _paragraph(text: str, width: int, indent: str = "  ") -> list[str]:
    """A paragraph from the rubric, its line breaks folded, every line at ``indent``."""
    return wrap(terminal(one_line(text)), width, indent, indent)


def _item(text: str, width: int, indent: str = "  ") -> list[str]:
    """A list entry: its wrapped lines indented past it, so none reads as an entry."""
    return wrap(terminal(text), width, indent, indent + "    ")


def _bullet(text: str, width: int, indent: str = "  ") -> list[str]:
    """A bulleted entry (``- ``): its wrapped lines under its text, not under its bullet."""
    return wrap(terminal(one_line(text)), width, indent + "- ", indent + "  ")


def _h(key: str, lang: Lang) -> str:
    return label("explain_" + key, lang)


# ------------------------------------------------------------------------------ rendering


def render(
    rubric: Rubric,
    found: Found,
    lang: Lang,
    scenario: LoadedScenario | None = None,
    width: int = WIDTH,
    reasons: Mapping[str, list[str]] | None = None,
) -> str:
    """``reasons``: for a diagnostic, the rubric's comments on each of its settings."""
    width = max(width, 40)
    params = dict(rubric.spec.params)
    out: list[str] = []
    if isinstance(found, DiagnosticEntry):
        out += _diagnostic(rubric, found, lang, width, reasons or {}, scenario)
    elif isinstance(found, DimensionSpec):
        out += [
            *_item(f"{found.id} {pick(found.name, lang)} ({found.section})", width, ""),
            *_paragraph(pick(found.summary, lang), width),
            "",
        ]
        out.append(f"{_h('criteria', lang)}:")
        for c in rubric.criteria:
            if c.spec.dimension == found.id:
                severity = label(c.spec.severity, lang)
                entry = f"{c.spec.code} {c.spec.slug} [{severity}] {pick(c.spec.title, lang)}"
                out += _item(entry, width)
    elif isinstance(found, RecommendationSpec):
        out += [*_item(f"{found.id} {pick(found.title, lang)} ({found.section})", width, ""), ""]
        out.append(f"{label('actions', lang)}:")
        for action in found.actions.zh if lang == "zh" else found.actions.en:
            out += _bullet(action, width)
        out += ["", f"{label('closes', lang)}:"]
        for c in rubric.criteria:
            if found.id in c.spec.recommendations:
                out += _item(f"{c.spec.code} {c.spec.slug}: {pick(c.spec.title, lang)}", width)
    else:
        out += _criterion(rubric, found, lang, width, params, scenario)
    return "\n".join(terminal(line) for line in out) + "\n"


def _criterion(
    rubric: Rubric,
    found: Criterion,
    lang: Lang,
    width: int,
    params: dict[str, Any],
    scenario: LoadedScenario | None,
) -> list[str]:
    s = found.spec
    out = [
        *_item(f"{s.code} {s.slug}: {pick(s.title, lang)}", width, ""),
        *_item(
            f"{label('dimension', lang)} {s.dimension} · {label(s.severity, lang)} · "
            f"{_h('weight', lang)} {s.weight:g} · {label('section', lang)} {s.section} · "
            f"{label('closed_by', lang)} {', '.join(s.recommendations) or '—'}",
            width,
        ),
        "",
        f"{label('why', lang)}:",
        *_paragraph(pick(s.rationale, lang), width),
        f"{label('yrd_practice', lang)}:",
        *_paragraph(pick(s.yrd_practice, lang), width),
        "",
    ]
    for part in ("applies", "met", "partial"):
        spec = getattr(s, part)
        if spec is not None:
            out.append(f"{_h(part, lang)}:")
            out += _condition(spec, lang, params, width, "  ")
    if any(_reads_lists(getattr(s, part)) for part in ("applies", "met", "partial")):
        out += _paragraph(label("explain_open_lists", lang), width)
    if scenario is not None:
        result = evaluate(found, scenario, rubric.spec.scoring.partial_credit)
        out += ["", _h("in_scenario", lang).format(file=scenario.file) + ":"]
        reason = f" ({result.reason})" if result.reason else ""
        out += _item(f"{_h('result', lang)}: {label(result.status, lang)}{reason}", width)
        if result.evidence:
            out.append(f"  {_h('read', lang)}:")
            for e in result.evidence:
                line = e.line if e.line is not None else "?"
                file = e.file or scenario.file
                out += _item(f"{described(e, lang)} @ {file}:{line}", width, "    ")
        if result.status == "unknown":
            out.append(f"  {_h('missing', lang)}:")
            out += [f"    {path}" for path in result.unknown]
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


def _condition(
    spec: dict[str, Any], lang: Lang, params: Mapping[str, Any], width: int, indent: str
) -> list[str]:
    """A condition in words, each of its lines wrapped past its own indent."""
    out: list[str] = []
    for line in words(spec, lang, params).splitlines():
        pad = line[: len(line) - len(line.lstrip())]
        out += _item(line.lstrip(), width, indent + pad)
    return out


# ----------------------------------------------------------------------------- diagnostics

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
    rubric: Rubric,
    found: DiagnosticEntry,
    lang: Lang,
    width: int,
    reasons: Mapping[str, list[str]],
    scenario: LoadedScenario | None,
) -> list[str]:
    spec = found.spec
    out = [*_item(f"{found.id} {pick(spec.name, lang)} ({spec.section})", width, ""), ""]
    out.append(f"{_h('measures', lang)}:")
    out += _paragraph(FORMULAS[found.id][lang], width)
    out += ["", f"{_h('settings', lang)}:"]
    for name in type(spec).model_fields:
        if name in _NOT_SETTINGS:
            continue
        value = _setting(getattr(spec, name), name, rubric)
        what = SETTINGS.get(name, {}).get(lang) or type(spec).model_fields[name].description
        out += _item(f"{name} = {value}: {what}" if what else f"{name} = {value}", width)
        why = " ".join(reasons.get(name, []))
        if why:
            out += wrap(terminal(f"{_h('reason', lang)}: {why}"), width, "      ", "        ")
        elif name not in reasons:
            out += _item(_h("default", lang), width, "      ")
    causes = [c for c in rubric.causes] if found.id == "P1" else []
    if causes:
        out += ["", f"{_h('causes', lang)}:"]
        for cause in causes:
            out += _item(f"{cause.spec.id}: {pick(cause.spec.name, lang)}", width)
            out += _condition(cause.spec.present, lang, dict(rubric.spec.params), width, "      ")
    out += ["", f"{_h('data', lang)}:"]
    out += [f"  {path}" for path in DATA[found.id]]
    out += ["", f"{_h('when_flagged', lang)}:"]
    titles = {r.id: r for r in rubric.recommendations}
    for rec_id in spec.recommendations:
        rec = titles.get(rec_id)
        title = f" {pick(rec.title, lang)} ({rec.section})" if rec is not None else ""
        out += _item(f"{rec_id}{title}", width)
    if not spec.recommendations:
        out.append("  —")
    why = " ".join(reasons.get("recommendations", []))
    if why:
        out += wrap(terminal(f"{_h('reason', lang)}: {why}"), width, "      ", "        ")
    if scenario is not None:
        shown = _h("diagnostic_result", lang).format(file=scenario.file)
        out += ["", *_paragraph(shown, width, "")]
    return out


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
