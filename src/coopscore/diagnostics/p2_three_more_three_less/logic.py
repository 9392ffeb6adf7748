"""P2 三多三少 (§一(二)2): cooperation crowded into the easy domains, led by governments.

Three parts, each flagged, clear or unknown: (a) the share of items in infrastructure,
ecology and public services, (b) landed projects per agreement, (c) the market-led share of
initiatives. One flagged part flags P2; all three clear make it clear.

(a) reads either a count per domain or a list of items tagged with their domains; from a list,
each domain's count is made from its entries, so that the classification can be audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from coopscore.core import metrics
from coopscore.core.conditions import Tri, any3
from coopscore.core.diagnostics.reading import Reader, conclude, rounded
from coopscore.core.diagnostics.results import Diagnostic, Rule, Tally, Threshold, verdict_of

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import P2Spec, Rubric
    from coopscore.model.scenario import CooperationItem, CooperationItems

ID = "P2"
MORE_DOMAINS = ("infrastructure", "ecology", "public_services")
LESS_DOMAINS = ("industry_innovation", "urban_rural", "institutional")
DOMAINS = (*MORE_DOMAINS, *LESS_DOMAINS)


class Part(NamedTuple):
    """One of P2's three parts: its verdict, its measures, what it counted, its threshold."""

    value: Tri
    measures: dict[str, Any]
    tally: Tally
    threshold: Threshold


def _part(
    name: str,
    measure: str,
    rule: Rule,
    value: Tri,
    measures: dict[str, Any],
    tally: Tally,
    measured: float | None = None,
) -> Part:
    status = verdict_of(value)
    shown = rounded(measured)
    line = Threshold(name, measure, shown, shown, measures["threshold"], rule, status)
    return Part(value, {"status": status, **measures}, tally, line)


def _stated(name: str, of: str, counts: Sequence[int | None], more: bool = False) -> Tally:
    """Counts by what they state: some (> 0), none (0, a stated absence) or nothing (unknown).

    ``more``: the counts come from a list that is not exhaustive (each is at least itself)."""
    return Tally(
        name,
        of,
        sum(1 for c in counts if c),
        sum(1 for c in counts if c == 0),
        sum(1 for c in counts if c is None),
        open=more,
    )


def _tagged(items: Sequence[CooperationItem], reader: Reader) -> tuple[dict[str, int], list[Any]]:
    """Domain counts made from tagged items, each counted once or by its ``count``; every item
    is cited at its line and listed, so that its classification can be checked."""
    counts = dict.fromkeys(DOMAINS, 0)
    listed: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        weight = item.count or 1
        counts[item.domain] += weight
        reader.cite(("cooperation_items", index, "domain"), item.domain)
        listed.append(
            {
                "index": index,
                "name": item.name if isinstance(item.name, str) else item.name.model_dump(),
                "domain": item.domain,
                "year": item.year,
                "count": weight,
                "line": reader.scenario.document.line_of(("cooperation_items", index)),
            }
        )
    return counts, listed


def _by_domain(items: CooperationItems, reader: Reader) -> dict[str, int | None]:
    counts: dict[str, int | None] = {d: getattr(items, d) for d in DOMAINS}
    for domain, count in counts.items():
        if count is None:
            reader.lack(f"cooperation_items.{domain}")
        else:
            reader.cite(("cooperation_items", domain), count)
    return counts


def _domain_balance(scenario: LoadedScenario, spec: P2Spec, reader: Reader) -> Part:
    items = scenario.model.cooperation_items
    measures: dict[str, Any] = {"threshold": spec.domain_share_at_least}
    if items is None:
        reader.lack("cooperation_items")
        tally = Tally("domain_balance", "domains", 0, 0, len(DOMAINS))
        return _part("domain_balance", "share_more", "at_least", None, measures, tally)
    counts: dict[str, int | None]
    unlisted = isinstance(items, list) and reader.is_open(("cooperation_items",))
    if isinstance(items, list):
        tagged, listed = _tagged(items, reader)
        # items not listed may fall in any domain: one with no entry is unknown, not 0
        counts = {d: (c if c or not unlisted else None) for d, c in tagged.items()}
        measures.update({"form": "items", "items": listed, "exhaustive": not unlisted})
    else:
        counts = _by_domain(items, reader)
        measures["form"] = "counts"
    measures["counts"] = counts
    tally = _stated("domain_balance", "domains", list(counts.values()), unlisted)

    def part(value: Tri, share: float | None = None) -> Part:
        return _part("domain_balance", "share_more", "at_least", value, measures, tally, share)

    if unlisted:  # items not listed may fall in either group: the share is open
        reader.lack("cooperation_items")
        return part(None)
    if tally.unknown:
        return part(None)
    more = sum(counts[d] or 0 for d in MORE_DOMAINS)
    less = sum(counts[d] or 0 for d in LESS_DOMAINS)
    share = metrics.ratio(more, more + less)
    measures.update({"more": more, "less": less, "share_more": rounded(share)})
    if share is None or more + less < spec.min_count:
        measures.update({"too_few": True, "min_count": spec.min_count})
        return part(None, share)
    return part(share >= spec.domain_share_at_least, share)


def _landing(scenario: LoadedScenario, spec: P2Spec, reader: Reader) -> Part:
    """Landed projects over agreements, summed over the years that state both; a year that
    states one of them only is left out and counted as unknown, never as 0."""
    agreements = landed = 0
    years: list[int] = []
    partial: list[int] = []
    for index, item in enumerate(scenario.model.activity or []):
        stated = {"agreements": item.agreements, "projects_landed": item.projects_landed}
        for name, count in stated.items():
            if count is not None:
                reader.cite(("activity", index, name), count)
        if item.agreements is not None and item.projects_landed is not None:
            agreements += item.agreements
            landed += item.projects_landed
            years.append(item.year)
        elif item.agreements is not None or item.projects_landed is not None:
            partial.append(item.year)
            missing = "agreements" if item.agreements is None else "projects_landed"
            reader.lack(f"activity[{index}].{missing}")
    measures: dict[str, Any] = {"threshold": spec.landing_ratio_below}
    if partial:
        measures["years_unknown"] = partial
    more = reader.is_open(("activity",))
    tally = Tally("landing_ratio", "years", len(years), 0, len(partial), open=more)

    def part(value: Tri, ratio: float | None = None) -> Part:
        return _part("landing_ratio", "ratio", "below", value, measures, tally, ratio)

    if years and more:  # years not listed may hold any agreements and projects
        measures.update({"agreements": agreements, "landed": landed, "years": years})
        reader.lack("activity")
        return part(None)
    if not years:
        reader.lack("activity[].agreements")
        reader.lack("activity[].projects_landed")
        return part(None)
    value = metrics.ratio(landed, agreements)
    measures.update(
        {"agreements": agreements, "landed": landed, "years": years, "ratio": rounded(value)}
    )
    if value is None or agreements < spec.min_count:
        measures.update({"too_few": True, "min_count": spec.min_count})
        return part(None, value)
    return part(value < spec.landing_ratio_below, value)


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
    tally = _stated("market_share", "kinds", [gov, market])

    def part(value: Tri, share: float | None = None) -> Part:
        return _part("market_share", "share", "at_most", value, measures, tally, share)

    if gov is None or market is None:
        measures.update({"government_led": gov, "market_led": market})
        return part(None)
    value = metrics.ratio(market, gov + market)
    measures.update({"government_led": gov, "market_led": market, "share": rounded(value)})
    if value is None or gov + market < spec.min_count:
        measures.update({"too_few": True, "min_count": spec.min_count})
        return part(None, value)
    return part(value <= spec.market_share_at_most, value)


def diagnose(scenario: LoadedScenario, spec: P2Spec, rubric: Rubric) -> Diagnostic:
    """(a) domain balance, (b) landing ratio, (c) market share, against the rubric's bounds."""
    reader = Reader(scenario)
    parts = {
        "domain_balance": _domain_balance(scenario, spec, reader),
        "landing_ratio": _landing(scenario, spec, reader),
        "market_share": _market(scenario, spec, reader),
    }
    value = any3(p.value for p in parts.values())
    measures = {name: p.measures for name, p in parts.items()}
    return conclude(
        ID,
        spec,
        value,
        measures,
        reader,
        tallies=tuple(p.tally for p in parts.values()),
        thresholds=tuple(p.threshold for p in parts.values()),
    )
