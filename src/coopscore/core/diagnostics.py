"""The four problems of the Middle Reaches (§一(二)) as diagnostics P1–P4.

Each diagnostic reads its own data from the scenario, computes its measures with
:mod:`coopscore.core.metrics` and compares them with the thresholds in the rubric's ``diagnostics``
section. Three outcomes, as everywhere in coopscore:

* ``flagged``: the data shows the problem;
* ``clear``: the data shows it is absent;
* ``unknown``: the scenario lacks the data (or too little of it). Unknown is never flagged and
  never turned into 0; ``missing`` says what would settle it.

A diagnostic made of parts (P2's three, P4's convergence and local protection) is flagged when
one part is flagged, clear when every part is clear, and unknown otherwise (Kleene's ``or``).
Recommendations are linked only to flagged diagnostics.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations, islice, product
from typing import TYPE_CHECKING, Any, Literal

from coopscore.core import metrics
from coopscore.core.conditions import Context, Tri, any3
from coopscore.formats.i18n import LANGS, Lang, label
from coopscore.paths import Path, format_path

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import (
        Bilingual,
        P1Spec,
        P2Spec,
        P3Spec,
        P4Spec,
        ProblemSpec,
        Rubric,
    )
    from coopscore.model.scenario import ActivityYear, Member

Status = Literal["flagged", "clear", "unknown"]
CauseStatus = Literal["present", "absent", "unknown"]

ACTIVITY_FIELDS = ("meetings", "agreements", "projects_landed")
MORE_DOMAINS = ("infrastructure", "ecology", "public_services")
LESS_DOMAINS = ("industry_innovation", "urban_rural", "institutional")
PROTECTION = ("market_access", "quality_standards", "administrative_fees", "household_registration")
LEVELS = {"province": "province", "municipality": "province"}

# P4 lists the most similar pairs (at least this many, or the rubric's top_pairs if more) and
# names a few incomparable pairs; it counts all of them.
PAIRS_LISTED = 10
EXAMPLES_LISTED = 10
# Work allowed per group of comparable members (one step: a box pair or a pair compared): a
# fixed allowance plus so much per distinct structure, so that P4's cost grows linearly with the
# members, not with the pairs they make.
WORK_BASE = 20_000
WORK_PER_STRUCTURE = 16
# Similarities are shown, and compared with the threshold, rounded to 4 places; bounds decide
# a pair only when it lies at least this far from the threshold.
MARGIN = 1e-4

# Words of P4's summary lines, in the form of coopscore.formats.i18n's labels.
WORDS: dict[str, dict[Lang, str]] = {
    "p4_count": {
        "en": "{similar} of {pairs} comparable pairs reach it; mean similarity {mean}",
        "zh": "{pairs} 对可比成员中 {similar} 对达到该值;平均相似系数 {mean}",
    },
    "p4_bounded": {
        "en": "{structures} distinct structures: not every pair fits in the work limit, so the "
        "count is a range and the pairs listed are the most similar found",
        "zh": "共 {structures} 种不同的产业结构:超出逐对比较的计算上限,相似对数为区间,"
        "所列为已找到的最相似成员对",
    },
}


def status_of(value: Tri) -> Status:
    return "unknown" if value is None else "flagged" if value else "clear"


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _both(key: str, **values: Any) -> dict[str, str]:
    return {lang: label(key, lang, **values) for lang in LANGS}


@dataclass(frozen=True)
class CauseResult:
    """One cause the paper names for a problem, with its status in this scenario."""

    id: str
    name: Bilingual
    status: CauseStatus
    evidence: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": {"en": self.name.en, "zh": self.name.zh},
            "status": self.status,
            "evidence": list(self.evidence),
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Diagnostic:
    """One problem's verdict, the numbers behind it and the data it read.

    ``data`` lists the scenario paths read, each ``path @ file:line``; ``missing`` the paths
    that would settle an unknown. ``recommendations`` holds the rubric's linked recommendation
    ids only when the diagnostic is flagged (empty otherwise). ``causes`` is filled for P1 and
    ``series`` (year, value) for P1's activity series, with ``None`` for a missing year.
    """

    id: str
    name: Bilingual
    section: str
    status: Status
    measures: dict[str, Any]
    data: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    causes: tuple[CauseResult, ...] = ()
    series: tuple[tuple[int, float | None], ...] = ()
    reason: dict[str, str] | None = field(default=None)

    @property
    def flagged(self) -> bool | None:
        return None if self.status == "unknown" else self.status == "flagged"

    def chart_series(self) -> tuple[list[int], list[float | None]]:
        """Years and values for a chart; ``None`` marks a missing year (draw a gap, not 0)."""
        return [y for y, _ in self.series], [v for _, v in self.series]

    def findings(self, lang: Lang) -> list[str]:
        """The key numbers in words, one line each, in ``lang``."""
        lines = FINDINGS[self.id](self, lang) if self.id in FINDINGS else []
        if self.reason:
            lines.append(self.reason[lang])
        return lines

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": {"en": self.name.en, "zh": self.name.zh},
            "section": self.section,
            "status": self.status,
            "flagged": self.flagged,
            "measures": self.measures,
            "findings": {lang: self.findings(lang) for lang in LANGS},
            "data": list(self.data),
            "missing": list(self.missing),
            "recommendations": list(self.recommendations),
        }
        if self.reason:
            out["reason"] = dict(self.reason)
        if self.causes:
            out["causes"] = [c.to_dict() for c in self.causes]
        if self.series:
            years, values = self.chart_series()
            out["series"] = {"years": years, "values": values}
        return out


class _Reader:
    """Cites what a diagnostic reads: ``path @ file:line`` for each path.

    Each list keeps the order of first mention; the sets beside them make a repeated path
    cost O(1) instead of a scan of everything cited so far.
    """

    def __init__(self, scenario: LoadedScenario) -> None:
        self.scenario = scenario
        self.used: list[str] = []
        self.missing: list[str] = []
        self._used: set[str] = set()
        self._missing: set[str] = set()

    def cite(self, path: Path) -> None:
        line = self.scenario.document.line_of(path)
        text = f"{format_path(path)} @ {self.scenario.file}:{line if line is not None else '?'}"
        if text not in self._used:
            self._used.add(text)
            self.used.append(text)

    def lack(self, path: str) -> None:
        if path not in self._missing:
            self._missing.add(path)
            self.missing.append(path)


def _make(
    key: str,
    spec: ProblemSpec,
    value: Tri,
    measures: dict[str, Any],
    reader: _Reader,
    **extra: Any,
) -> Diagnostic:
    status = status_of(value)
    recs = tuple(spec.recommendations) if status == "flagged" else ()
    return Diagnostic(
        id=key,
        name=spec.name,
        section=spec.section,
        status=status,
        measures=measures,
        data=tuple(reader.used),
        missing=tuple(reader.missing) if status == "unknown" else (),
        recommendations=recs,
        **extra,
    )


# ---------------------------------------------------------------------------- P1


def activity_series(
    items: Sequence[ActivityYear],
) -> tuple[tuple[str, ...], list[tuple[int, float | None]], list[Path]]:
    """The yearly series P1 reads: its basis (fields summed), (year, value) pairs, paths read.

    ``events`` is the basis when any year states it; otherwise the activity fields stated in
    any year, summed. A year whose basis fields are not all stated, or that the list skips,
    has no value (``None``), never 0.
    """
    if not items:
        return (), [], []
    if any(i.events is not None for i in items):
        basis: tuple[str, ...] = ("events",)
    else:
        basis = tuple(f for f in ACTIVITY_FIELDS if any(getattr(i, f) is not None for i in items))
    if not basis:
        return (), [], []
    by_year = {item.year: (index, item) for index, item in enumerate(items)}
    series: list[tuple[int, float | None]] = []
    paths: list[Path] = []
    for year in range(min(by_year), max(by_year) + 1):
        if year not in by_year:
            series.append((year, None))
            continue
        index, item = by_year[year]
        values = [getattr(item, f) for f in basis]
        for name, value in zip(basis, values, strict=True):
            if value is not None:
                paths.append(("activity", index, name))
        known = [v for v in values if v is not None]
        series.append((year, float(sum(known)) if len(known) == len(values) else None))
    return basis, series, paths


def _causes(scenario: LoadedScenario, rubric: Rubric) -> tuple[CauseResult, ...]:
    out: list[CauseResult] = []
    for cause in rubric.causes:
        ctx = Context(scenario.data, scenario.model.as_of, scenario.document.line_of)
        value = cause.present(ctx, scenario.data, ())
        evidence = tuple(
            f"{e.describe()} @ {scenario.file}:{e.line if e.line is not None else '?'}"
            for e in ctx.evidence
        )
        state: CauseStatus = "unknown" if value is None else "present" if value else "absent"
        missing = tuple(ctx.unknown) if value is None else ()
        out.append(CauseResult(cause.spec.id, cause.spec.name, state, evidence, missing))
    return tuple(out)


def diagnose_p1(scenario: LoadedScenario, spec: P1Spec, rubric: Rubric) -> Diagnostic:
    """高开低走: recent activity (mean of the latest ``recent_years``) over the peak year."""
    reader = _Reader(scenario)
    basis, series, paths = activity_series(scenario.model.activity or [])
    for path in paths:
        reader.cite(path)
    causes = _causes(scenario, rubric)
    measures: dict[str, Any] = {"momentum_below": spec.momentum_below}
    known = [(y, v) for y, v in series if v is not None]
    if not known:
        reader.lack("activity" if not scenario.model.activity else "activity[].events")
        empty = _both("p1_no_series")
        return _make("P1", spec, None, measures, reader, causes=causes, reason=empty)
    end = series[-1][0]
    start = end - spec.recent_years + 1
    recent = [v for y, v in known if y >= start]
    before = [v for y, v in known if y < start]
    top = metrics.peak(series)
    assert top is not None
    momentum = metrics.momentum(recent, top[1])
    measures.update(
        {
            "basis": list(basis),
            "first_year": series[0][0],
            "last_year": end,
            "known_years": len(known),
            "missing_years": [y for y, v in series if v is None],
            "peak_year": top[0],
            "peak": top[1],
            "recent_years": [start, end],
            "recent_mean": _round(metrics.mean(recent)),
            "momentum": _round(momentum),
            "slope": _round(metrics.ols_slope(known)),
            "slope_since_peak": _round(metrics.ols_slope([p for p in known if p[0] >= top[0]])),
            "sparkline": metrics.sparkline([v for _, v in series]),
        }
    )
    reason: dict[str, str] | None = None
    value: Tri = None
    if len(known) < spec.min_years:
        reason = _both("p1_too_few", known=len(known), needed=spec.min_years)
        reader.lack("activity")
    elif not before or not recent:
        reason = _both("p1_no_before" if not before else "p1_no_recent", start=start, end=end)
        reader.lack("activity")
    elif momentum is None:
        reason = _both("p1_no_peak")
    else:
        value = momentum < spec.momentum_below
    return _make(
        "P1",
        spec,
        value,
        measures,
        reader,
        causes=causes,
        series=tuple(series),
        reason=reason,
    )


# ---------------------------------------------------------------------------- P2


def _part(value: Tri, **measures: Any) -> tuple[Tri, dict[str, Any]]:
    return value, {"status": status_of(value), **measures}


def _domain_balance(scenario: LoadedScenario, spec: P2Spec, reader: _Reader) -> tuple[Tri, Any]:
    items = scenario.model.cooperation_items
    if items is None:
        reader.lack("cooperation_items")
        return _part(None, threshold=spec.domain_share_at_least)
    counts: dict[str, int | None] = {d: getattr(items, d) for d in (*MORE_DOMAINS, *LESS_DOMAINS)}
    for domain, count in counts.items():
        if count is None:
            reader.lack(f"cooperation_items.{domain}")
        else:
            reader.cite(("cooperation_items", domain))
    measures: dict[str, Any] = {"counts": counts, "threshold": spec.domain_share_at_least}
    if any(c is None for c in counts.values()):
        return _part(None, **measures)
    more = sum(counts[d] or 0 for d in MORE_DOMAINS)
    less = sum(counts[d] or 0 for d in LESS_DOMAINS)
    share = metrics.ratio(more, more + less)
    measures.update({"more": more, "less": less, "share_more": _round(share)})
    if share is None or more + less < spec.min_count:
        return _part(None, **measures, too_few=True)
    return _part(share >= spec.domain_share_at_least, **measures)


def _landing(scenario: LoadedScenario, spec: P2Spec, reader: _Reader) -> tuple[Tri, Any]:
    agreements = landed = 0
    years: list[int] = []
    for index, item in enumerate(scenario.model.activity or []):
        if item.agreements is not None and item.projects_landed is not None:
            agreements += item.agreements
            landed += item.projects_landed
            years.append(item.year)
            reader.cite(("activity", index, "agreements"))
            reader.cite(("activity", index, "projects_landed"))
    measures: dict[str, Any] = {"threshold": spec.landing_ratio_below}
    if not years:
        reader.lack("activity[].agreements")
        reader.lack("activity[].projects_landed")
        return _part(None, **measures)
    value = metrics.ratio(landed, agreements)
    measures.update(
        {"agreements": agreements, "landed": landed, "years": years, "ratio": _round(value)}
    )
    if value is None or agreements < spec.min_count:
        return _part(None, **measures, too_few=True)
    return _part(value < spec.landing_ratio_below, **measures)


def _market(scenario: LoadedScenario, spec: P2Spec, reader: _Reader) -> tuple[Tri, Any]:
    initiatives = scenario.model.initiatives
    measures: dict[str, Any] = {"threshold": spec.market_share_at_most}
    gov = initiatives.government_led if initiatives else None
    market = initiatives.market_led if initiatives else None
    for name, count in (("government_led", gov), ("market_led", market)):
        if count is None:
            reader.lack(f"initiatives.{name}")
        else:
            reader.cite(("initiatives", name))
    if gov is None or market is None:
        return _part(None, **measures)
    value = metrics.ratio(market, gov + market)
    measures.update({"government_led": gov, "market_led": market, "share": _round(value)})
    if value is None or gov + market < spec.min_count:
        return _part(None, **measures, too_few=True)
    return _part(value <= spec.market_share_at_most, **measures)


def diagnose_p2(scenario: LoadedScenario, spec: P2Spec) -> Diagnostic:
    """三多三少: (a) domain balance, (b) landing ratio, (c) market share."""
    reader = _Reader(scenario)
    parts = {
        "domain_balance": _domain_balance(scenario, spec, reader),
        "landing_ratio": _landing(scenario, spec, reader),
        "market_share": _market(scenario, spec, reader),
    }
    value = any3(v for v, _ in parts.values())
    measures = {name: m for name, (_, m) in parts.items()}
    return _make("P2", spec, value, measures, reader)


# ---------------------------------------------------------------------------- P3


def diagnose_p3(scenario: LoadedScenario, spec: P3Spec, rubric: Rubric) -> Diagnostic:
    """后继乏力: the share of adjacent pairs (ended ones left out) that lack follow-through.

    Per pair: stalled (status ``stalled``, or no status and no activity for more than
    ``stalled_after_years``), unfocused (``focus_areas: []``), shallow (``point_to_point``).
    The share is bounded from the pairs known to be weak and those that might be.
    """
    reader = _Reader(scenario)
    as_of = scenario.model.as_of
    param = rubric.spec.params.get("stalled_after_years", 3)
    after = spec.stalled_after_years
    if after is None:
        after = param if isinstance(param, int) else 3
    measures: dict[str, Any] = {
        "threshold": spec.weak_share_at_least,
        "weak_if": list(spec.weak_if),
        "stalled_after_years": after,
    }
    pairs = scenario.model.adjacent_pairs
    if pairs is None:
        reader.lack("adjacent_pairs")
        return _make("P3", spec, None, measures, reader)
    counted = [(i, p) for i, p in enumerate(pairs) if p.status != "ended"]
    counts = {"stalled": [0, 0], "unfocused": [0, 0], "shallow": [0, 0]}
    weak_low = weak_high = 0
    weak_names: list[str] = []
    for index, pair in counted:
        tests: dict[str, Tri] = {}
        if pair.status is not None:
            reader.cite(("adjacent_pairs", index, "status"))
            tests["stalled"] = pair.status == "stalled"
        elif pair.last_active is not None and as_of is not None:
            reader.cite(("adjacent_pairs", index, "last_active"))
            tests["stalled"] = as_of - pair.last_active > after
        else:
            tests["stalled"] = None
        if pair.focus_areas is not None:
            reader.cite(("adjacent_pairs", index, "focus_areas"))
        tests["unfocused"] = None if pair.focus_areas is None else not pair.focus_areas
        if pair.stage is not None and "shallow" in spec.weak_if:
            reader.cite(("adjacent_pairs", index, "stage"))
        tests["shallow"] = None if pair.stage is None else pair.stage == "point_to_point"
        for name, test in tests.items():
            counts[name][0] += test is True
            counts[name][1] += test is None
        weak = any3(tests[name] for name in spec.weak_if)
        weak_low += weak is True
        weak_high += weak is not False
        if weak is True:
            weak_names.append(_name(pair.name, index))
        elif weak is None:
            for name in spec.weak_if:
                if tests[name] is None:
                    reader.lack(f"adjacent_pairs[{index}].{_field_for(name)}")
    n = len(counted)
    measures.update(
        {
            "pairs": n,
            "ended_left_out": len(pairs) - n,
            **{name: {"known": c[0], "unknown": c[1]} for name, c in counts.items()},
            "weak_known": weak_low,
            "weak_possible": weak_high,
            "weak_share": _round(weak_low / n) if n and weak_low == weak_high else None,
            "weak_share_bounds": [_round(weak_low / n), _round(weak_high / n)] if n else None,
            "weak_pairs": weak_names,
        }
    )
    if n == 0:
        return _make("P3", spec, None, measures, reader, reason=_both("p3_no_pairs"))
    low, high = weak_low / n, weak_high / n
    threshold = spec.weak_share_at_least
    value: Tri = True if low >= threshold else False if high < threshold else None
    return _make("P3", spec, value, measures, reader)


def _field_for(test: str) -> str:
    return {"stalled": "status", "unfocused": "focus_areas", "shallow": "stage"}[test]


def _name(text: Any, index: int) -> str:
    if isinstance(text, str):
        return text
    return str(getattr(text, "en", None) or getattr(text, "zh", None) or f"#{index}")


# ---------------------------------------------------------------------------- P4


def _level(member: Member) -> str:
    return LEVELS.get(member.kind or "", member.kind or "unspecified")


@dataclass(frozen=True)
class _Group:
    """Members of one level with the same sectors, collapsed to their distinct structures."""

    level: str
    keys: tuple[str, ...]
    structures: list[metrics.Structure]
    owners: list[list[int]]  # positions of the members with each structure, in file order

    @property
    def size(self) -> int:
        return sum(len(o) for o in self.owners)


@dataclass(frozen=True)
class _Found:
    """What one group's bounded searches found."""

    tally: metrics.Tally
    nearest: metrics.Nearest
    min_krugman: float | None
    total: float  # Σ similarity over the group's pairs
    compared: int  # pairs compared one by one, by all three searches
    exact: bool  # every search finished within its budget


def _pairs_of(n: int) -> int:
    return n * (n - 1) // 2


def _group(
    level: str, keys: tuple[str, ...], positions: list[int], members: Sequence[Member]
) -> _Group:
    slots: dict[metrics.Point, int] = {}
    structures: list[metrics.Structure] = []
    owners: list[list[int]] = []
    for position in positions:
        shares = members[position].sector_shares or {}
        found = metrics.structure([shares[k] for k in keys])
        if found is None:  # all zeros: its pairs stay unknown
            continue
        slot = slots.setdefault(found.shares, len(structures))
        if slot == len(structures):
            structures.append(found)
            owners.append([])
        owners[slot].append(position)
    return _Group(level, keys, structures, owners)


def _search(group: _Group, threshold: float, count: int) -> _Found:
    """Similar pairs counted, the most similar found, the least Krugman index: bounded work."""
    structures = group.structures
    weights = [len(o) for o in group.owners]
    budget = WORK_BASE + WORK_PER_STRUCTURE * len(structures)
    units = [s.unit for s in structures]

    def similar(i: int, j: int) -> bool:
        return metrics.rounded_similarity(structures[i], structures[j]) >= threshold

    def apart(i: int, j: int) -> float:
        return metrics.chord(metrics.structure_similarity(structures[i], structures[j]))

    near, far = metrics.chord(threshold + MARGIN), metrics.chord(threshold - MARGIN)
    tree = metrics.boxes(units, weights)
    assert tree is not None  # a searched group has members
    tally = metrics.count_close(tree, near, far, similar, budget)
    same = sum(_pairs_of(w) for w in weights)  # members with one structure: S = 1
    tally = metrics.Tally(tally.low + same, tally.high + same, tally.compared)
    nearest = metrics.nearest_pairs(
        tree, count, apart, 2, budget, lambda d: metrics.chord(1 - d * d / 2 - MARGIN)
    )
    low_k: float | None = 0.0 if same else None
    compared = tally.compared + nearest.compared
    exact = tally.exact and nearest.exact
    shares = metrics.boxes([s.shares for s in structures])
    if not same and shares is not None:

        def krugman(i: int, j: int) -> float:
            return metrics.structure_krugman(structures[i], structures[j])

        closest = metrics.nearest_pairs(shares, 1, krugman, 1, budget)
        low_k = closest.pairs[0][0] if closest.pairs else None
        compared += closest.compared
        exact = exact and closest.exact
    total = metrics.similarity_sum(units, weights)
    return _Found(tally, nearest, low_k, total, compared, exact)


def _rows(
    group: _Group, found: _Found, members: Sequence[Member], count: int
) -> Iterator[dict[str, Any]]:
    """Candidate rows for the list of most similar pairs: up to ``count`` per structure pair."""
    keys = [(i, i) for i, o in enumerate(group.owners) if len(o) > 1]
    keys += [(i, j) for _, i, j in found.nearest.pairs]
    for i, j in keys:
        a, b = group.structures[i], group.structures[j]
        s = round(metrics.structure_similarity(a, b), 4)
        k = round(metrics.structure_krugman(a, b), 4)
        if i == j:
            couples: Iterator[tuple[int, ...]] = combinations(group.owners[i], 2)
        else:
            couples = product(group.owners[i], group.owners[j])
        for x, y in islice(couples, count):
            first, second = members[min(x, y)], members[max(x, y)]
            yield {
                "a": first.id,
                "b": second.id,
                "level": group.level,
                "sectors": len(group.keys),
                "similarity": s,
                "krugman": k,
            }


def _incomparable(
    by_sectors: dict[tuple[str, tuple[str, ...]], list[int]], members: Sequence[Member]
) -> tuple[int, list[list[str]]]:
    """Pairs of one level whose sectors differ: how many, and a few of them as examples."""
    heads: dict[str, list[int]] = {}
    stated: Counter[str] = Counter()
    same = 0
    for (level, _), positions in by_sectors.items():
        heads.setdefault(level, []).append(positions[0])
        stated[level] += len(positions)
        same += _pairs_of(len(positions))
    total = sum(_pairs_of(n) for n in stated.values()) - same
    examples: list[list[str]] = []
    for firsts in heads.values():
        for i, j in islice(combinations(firsts, 2), EXAMPLES_LISTED - len(examples)):
            examples.append([members[min(i, j)].id, members[max(i, j)].id])
    return total, examples


def _convergence(
    members: Sequence[Member], spec: P4Spec, reader: _Reader
) -> tuple[Tri, dict[str, Any]]:
    """Converging structures among members of one level, at a cost that grows with the
    members, not with the pairs they make.

    Members with the same structure are compared once; pairs are counted and the most similar
    found through :mod:`coopscore.core.metrics`' bounded searches. The count is exact unless the
    searches reach their work limit; then it is a range, and the verdict follows the range.
    Pairs are listed up to a fixed number; incomparable ones are counted and a few named.
    """
    per_level = Counter(_level(m) for m in members)
    without: list[str] = []
    by_sectors: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for index, member in enumerate(members):
        if member.sector_shares is None:
            without.append(member.id)
            if per_level[_level(member)] > 1:
                reader.lack(f"members[{index}].sector_shares")
            continue
        reader.cite(("members", index, "sector_shares"))
        key = (_level(member), tuple(sorted(member.sector_shares)))
        by_sectors.setdefault(key, []).append(index)
    groups = [_group(lv, keys, pos, members) for (lv, keys), pos in by_sectors.items()]
    count = max(PAIRS_LISTED, spec.top_pairs)
    threshold = spec.similarity_at_least
    searched = [(g, _search(g, threshold, count)) for g in groups if g.size > 1]
    possible = sum(_pairs_of(n) for n in per_level.values())
    comparable = sum(_pairs_of(g.size) for g in groups)
    rows = (row for g, f in searched for row in _rows(g, f, members, count))
    pairs = heapq.nsmallest(count, rows, key=lambda p: (-p["similarity"], p["a"], p["b"]))
    low = sum(f.tally.low for _, f in searched)
    high = sum(f.tally.high for _, f in searched)
    exhaustive = all(f.exact for _, f in searched)
    krugman = [f.min_krugman for _, f in searched if f.min_krugman is not None]
    total = sum(f.total for _, f in searched)
    measures: dict[str, Any] = {
        "threshold": threshold,
        "pairs": pairs,
        "highest": pairs[: spec.top_pairs],
        "max_similarity": pairs[0]["similarity"] if pairs else None,
        "mean_similarity": _round(total / comparable, 4) if comparable else None,
        "min_krugman": _round(min(krugman), 4) if krugman else None,
        "comparable_pairs": comparable,
        "similar_pairs": low if low == high else None,
        "similar_pairs_bounds": [low, high],
        "structures": sum(len(g.structures) for g in groups),
        "comparisons": sum(f.compared for _, f in searched),
        "exhaustive": exhaustive,
        "pairs_unknown": possible - comparable,
        "members_without_sectors": without,
    }
    incomparable, examples = _incomparable(by_sectors, members)
    if incomparable:
        measures["incomparable"] = examples
        measures["incomparable_pairs"] = incomparable
    value: Tri
    if low:
        value = True
    elif possible and possible == comparable and not high:
        value = False
    else:
        value = None
    return value, {"status": status_of(value), **measures}


def _protection(scenario: LoadedScenario, reader: _Reader) -> tuple[Tri, dict[str, Any]]:
    barriers = scenario.model.barriers
    stated: list[str] = []
    cleared: list[str] = []
    unknown: list[str] = []
    for name in PROTECTION:
        value = getattr(barriers, name) if barriers else None
        if value is None:
            unknown.append(name)
            reader.lack(f"barriers.{name}")
        else:
            reader.cite(("barriers", name))
            (stated if value else cleared).append(name)
    result: Tri = True if stated else False if not unknown else None
    measures = {"status": status_of(result), "stated": stated, "cleared": cleared}
    return result, {**measures, "unknown": unknown}


def _primacy(members: Sequence[Member], spec: P4Spec, reader: _Reader) -> dict[str, Any]:
    attr = "population_m" if spec.primacy_basis == "population" else "gdp_bn_cny"
    cities: list[tuple[str, float]] = []
    for index, member in enumerate(members):
        value = getattr(member, attr)
        if member.kind == "city" and value is not None:
            reader.cite(("members", index, attr))
            cities.append((member.id, float(value)))
    cities.sort(key=lambda c: -c[1])
    sizes = [v for _, v in cities]
    two, four = metrics.primacy_two_city(sizes), metrics.primacy_four_city(sizes)
    expected_two, expected_four = metrics.rank_size_primacy(2), metrics.rank_size_primacy(4)
    return {
        "basis": attr,
        "cities": [{"id": i, "value": v} for i, v in cities],
        "two_city": _round(two),
        "two_city_rank_size": _round(expected_two),
        "two_city_vs_rank_size": _round(two / expected_two if two and expected_two else None),
        "four_city": _round(four),
        "four_city_rank_size": _round(expected_four),
        "four_city_vs_rank_size": _round(four / expected_four if four and expected_four else None),
    }


def diagnose_p4(scenario: LoadedScenario, spec: P4Spec) -> Diagnostic:
    """Competition beside cooperation: converging structures or local protection.

    Primacy against the rank-size expectation is reported beside them; it does not flag.
    """
    reader = _Reader(scenario)
    members = scenario.model.members or []
    convergence, converging = _convergence(members, spec, reader)
    protection, protecting = _protection(scenario, reader)
    measures = {
        "convergence": converging,
        "local_protection": protecting,
        "primacy": _primacy(members, spec, reader),
    }
    return _make("P4", spec, any3([convergence, protection]), measures, reader)


# ---------------------------------------------------------------------------- all four


def diagnose(scenario: LoadedScenario, rubric: Rubric) -> tuple[Diagnostic, ...]:
    """The diagnostics the rubric switches on, for one scenario, with its thresholds. Pure."""
    spec = rubric.spec.diagnostics
    found: list[Diagnostic] = []
    if spec.P1 is not None:
        found.append(diagnose_p1(scenario, spec.P1, rubric))
    if spec.P2 is not None:
        found.append(diagnose_p2(scenario, spec.P2))
    if spec.P3 is not None:
        found.append(diagnose_p3(scenario, spec.P3, rubric))
    if spec.P4 is not None:
        found.append(diagnose_p4(scenario, spec.P4))
    return tuple(found)


# ---------------------------------------------------------------------------- words


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "?"
    if isinstance(value, float):
        return f"{value:.{digits}f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def _words(key: str, lang: Lang, **values: Any) -> str:
    return WORDS[key][lang].format(**values)


def _pct(value: float | None) -> str:
    return "?" if value is None else f"{value:.0%}"


def _p1_findings(d: Diagnostic, lang: Lang) -> list[str]:
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


def _p2_findings(d: Diagnostic, lang: Lang) -> list[str]:
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


def _p3_findings(d: Diagnostic, lang: Lang) -> list[str]:
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


def _p4_findings(d: Diagnostic, lang: Lang) -> list[str]:
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
            _words("p4_count", lang, similar=similar, pairs=conv["comparable_pairs"], mean=mean)
        )
        if not conv["exhaustive"]:
            lines.append(_words("p4_bounded", lang, structures=conv["structures"]))
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
    "P1": _p1_findings,
    "P2": _p2_findings,
    "P3": _p3_findings,
    "P4": _p4_findings,
}
