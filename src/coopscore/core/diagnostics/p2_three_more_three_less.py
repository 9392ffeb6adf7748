"""P2 三多三少 (§一(二)2): cooperation crowded into the easy domains, led by governments.

Three parts, each flagged, clear or unknown: (a) the share of items in infrastructure,
ecology and public services, (b) landed projects per agreement, (c) the market-led share of
initiatives. One flagged part flags P2; all three clear make it clear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coopscore.core import metrics
from coopscore.core.conditions import Tri, any3
from coopscore.core.diagnostics.reading import Reader, conclude, rounded
from coopscore.core.diagnostics.results import Diagnostic, verdict_of

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import P2Spec, Rubric

ID = "P2"
MORE_DOMAINS = ("infrastructure", "ecology", "public_services")
LESS_DOMAINS = ("industry_innovation", "urban_rural", "institutional")

Part = tuple[Tri, dict[str, Any]]


def _part(value: Tri, **measures: Any) -> Part:
    return value, {"status": verdict_of(value), **measures}


def _domain_balance(scenario: LoadedScenario, spec: P2Spec, reader: Reader) -> Part:
    items = scenario.model.cooperation_items
    if items is None:
        reader.lack("cooperation_items")
        return _part(None, threshold=spec.domain_share_at_least)
    counts: dict[str, int | None] = {d: getattr(items, d) for d in (*MORE_DOMAINS, *LESS_DOMAINS)}
    for domain, count in counts.items():
        if count is None:
            reader.lack(f"cooperation_items.{domain}")
        else:
            reader.cite(("cooperation_items", domain), count)
    measures: dict[str, Any] = {"counts": counts, "threshold": spec.domain_share_at_least}
    if any(c is None for c in counts.values()):
        return _part(None, **measures)
    more = sum(counts[d] or 0 for d in MORE_DOMAINS)
    less = sum(counts[d] or 0 for d in LESS_DOMAINS)
    share = metrics.ratio(more, more + less)
    measures.update({"more": more, "less": less, "share_more": rounded(share)})
    if share is None or more + less < spec.min_count:
        return _part(None, **measures, too_few=True)
    return _part(share >= spec.domain_share_at_least, **measures)


def _landing(scenario: LoadedScenario, spec: P2Spec, reader: Reader) -> Part:
    agreements = landed = 0
    years: list[int] = []
    for index, item in enumerate(scenario.model.activity or []):
        if item.agreements is not None and item.projects_landed is not None:
            agreements += item.agreements
            landed += item.projects_landed
            years.append(item.year)
            reader.cite(("activity", index, "agreements"), item.agreements)
            reader.cite(("activity", index, "projects_landed"), item.projects_landed)
    measures: dict[str, Any] = {"threshold": spec.landing_ratio_below}
    if not years:
        reader.lack("activity[].agreements")
        reader.lack("activity[].projects_landed")
        return _part(None, **measures)
    value = metrics.ratio(landed, agreements)
    measures.update(
        {"agreements": agreements, "landed": landed, "years": years, "ratio": rounded(value)}
    )
    if value is None or agreements < spec.min_count:
        return _part(None, **measures, too_few=True)
    return _part(value < spec.landing_ratio_below, **measures)


def _market(scenario: LoadedScenario, spec: P2Spec, reader: Reader) -> Part:
    initiatives = scenario.model.initiatives
    measures: dict[str, Any] = {"threshold": spec.market_share_at_most}
    gov = initiatives.government_led if initiatives else None
    market = initiatives.market_led if initiatives else None
    for name, count in (("government_led", gov), ("market_led", market)):
        if count is None:
            reader.lack(f"initiatives.{name}")
        else:
            reader.cite(("initiatives", name), count)
    if gov is None or market is None:
        return _part(None, **measures)
    value = metrics.ratio(market, gov + market)
    measures.update({"government_led": gov, "market_led": market, "share": rounded(value)})
    if value is None or gov + market < spec.min_count:
        return _part(None, **measures, too_few=True)
    return _part(value <= spec.market_share_at_most, **measures)


def diagnose(scenario: LoadedScenario, spec: P2Spec, rubric: Rubric) -> Diagnostic:
    """(a) domain balance, (b) landing ratio, (c) market share, against the rubric's bounds."""
    reader = Reader(scenario)
    parts = {
        "domain_balance": _domain_balance(scenario, spec, reader),
        "landing_ratio": _landing(scenario, spec, reader),
        "market_share": _market(scenario, spec, reader),
    }
    value = any3(v for v, _ in parts.values())
    measures = {name: m for name, (_, m) in parts.items()}
    return conclude(ID, spec, value, measures, reader)
