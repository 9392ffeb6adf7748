"""The four problems of the Middle Reaches (§一(二)) as diagnostics P1–P4.

Each diagnostic reads its own data from the scenario, computes its measures with
:mod:`coopscore.metrics` and compares them with the thresholds in the rubric's ``diagnostics``
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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from coopscore import metrics
from coopscore.conditions import Context, Tri, any3
from coopscore.i18n import LANGS, Lang, label
from coopscore.paths import Path, format_path

if TYPE_CHECKING:
    from coopscore.loader import LoadedScenario
    from coopscore.rubric import Bilingual, P1Spec, P2Spec, P3Spec, P4Spec, ProblemSpec, Rubric
    from coopscore.scenario import ActivityYear, Member

Status = Literal["flagged", "clear", "unknown"]
CauseStatus = Literal["present", "absent", "unknown"]

ACTIVITY_FIELDS = ("meetings", "agreements", "projects_landed")
MORE_DOMAINS = ("infrastructure", "ecology", "public_services")
LESS_DOMAINS = ("industry_innovation", "urban_rural", "institutional")
PROTECTION = ("market_access", "quality_standards", "administrative_fees", "household_registration")
LEVELS = {"province": "province", "municipality": "province"}


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
    """Cites what a diagnostic reads: ``path @ file:line`` for each path."""

    def __init__(self, scenario: LoadedScenario) -> None:
        self.scenario = scenario
        self.used: list[str] = []
        self.missing: list[str] = []

    def cite(self, path: Path) -> None:
        line = self.scenario.document.line_of(path)
        text = f"{format_path(path)} @ {self.scenario.file}:{line if line is not None else '?'}"
        if text not in self.used:
            self.used.append(text)

    def lack(self, path: str) -> None:
        if path not in self.missing:
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


def _convergence(
    members: Sequence[Member], spec: P4Spec, reader: _Reader
) -> tuple[Tri, dict[str, Any]]:
    pairs: list[dict[str, Any]] = []
    unknown_pairs = 0
    incomparable: list[list[str]] = []
    without: list[str] = []
    for index, member in enumerate(members):
        if member.sector_shares is None:
            without.append(member.id)
            if sum(1 for m in members if _level(m) == _level(member)) > 1:
                reader.lack(f"members[{index}].sector_shares")
        else:
            reader.cite(("members", index, "sector_shares"))
    possible = 0
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if _level(a) != _level(b):
                continue
            possible += 1
            if a.sector_shares is None or b.sector_shares is None:
                unknown_pairs += 1
                continue
            if set(a.sector_shares) != set(b.sector_shares):
                incomparable.append([a.id, b.id])
                unknown_pairs += 1
                continue
            keys = sorted(a.sector_shares)
            x = [a.sector_shares[k] for k in keys]
            y = [b.sector_shares[k] for k in keys]
            s, k = metrics.similarity(x, y), metrics.krugman(x, y)
            if s is None or k is None:
                unknown_pairs += 1
                continue
            pairs.append(
                {
                    "a": a.id,
                    "b": b.id,
                    "level": _level(a),
                    "sectors": len(keys),
                    "similarity": round(s, 4),
                    "krugman": round(k, 4),
                }
            )
    pairs.sort(key=lambda p: (-p["similarity"], p["a"], p["b"]))
    threshold = spec.similarity_at_least
    measures: dict[str, Any] = {
        "threshold": threshold,
        "pairs": pairs,
        "highest": pairs[: spec.top_pairs],
        "max_similarity": pairs[0]["similarity"] if pairs else None,
        "mean_similarity": _round(metrics.mean([p["similarity"] for p in pairs]), 4),
        "min_krugman": min((p["krugman"] for p in pairs), default=None),
        "pairs_unknown": unknown_pairs,
        "members_without_sectors": without,
    }
    if incomparable:
        measures["incomparable"] = incomparable
    value: Tri
    if any(p["similarity"] >= threshold for p in pairs):
        value = True
    elif possible and not unknown_pairs:
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
    """P1–P4 for one scenario, with the rubric's thresholds, causes and links. Pure."""
    spec = rubric.spec.diagnostics
    return (
        diagnose_p1(scenario, spec.P1, rubric),
        diagnose_p2(scenario, spec.P2),
        diagnose_p3(scenario, spec.P3, rubric),
        diagnose_p4(scenario, spec.P4),
    )


# ---------------------------------------------------------------------------- words


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "?"
    if isinstance(value, float):
        return f"{value:.{digits}f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


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
    if not conv["pairs"]:
        lines.append(label("p4_no_pairs", lang))
    else:
        lines.append(label("p4_threshold", lang, threshold=_num(conv["threshold"])))
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
