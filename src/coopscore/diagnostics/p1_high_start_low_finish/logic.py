"""P1 高开低走 (§一(二)1): cooperation that started high and has since fallen off.

Recent activity (the mean of the latest ``recent_years``) is compared with the peak year; the
causes the paper names (conditions in the rubric) are judged beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from coopscore.core import metrics
from coopscore.core.conditions import Context, Tri
from coopscore.core.diagnostics.reading import Reader, conclude, rounded
from coopscore.core.diagnostics.results import (
    CauseResult,
    CauseStatus,
    Citation,
    Diagnostic,
    Reason,
    Tally,
    Threshold,
    verdict_of,
)
from coopscore.paths import Path

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import P1Spec, Rubric
    from coopscore.model.scenario import ActivityYear

ID = "P1"
ACTIVITY_FIELDS = ("meetings", "agreements", "projects_landed")


def activity_series(
    items: Sequence[ActivityYear],
) -> tuple[tuple[str, ...], list[tuple[int, float | None]], list[tuple[Path, Any]]]:
    """The yearly series P1 reads: its basis (fields summed), (year, value) pairs, data read.

    ``events`` is the basis when any year states it; otherwise the activity fields stated in
    any year, summed. A year whose basis fields are not all stated, or that the list skips,
    has no value (``None``), never 0. Each datum read comes with its path.
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
    read: list[tuple[Path, Any]] = []
    for year in range(min(by_year), max(by_year) + 1):
        if year not in by_year:
            series.append((year, None))
            continue
        index, item = by_year[year]
        values = [getattr(item, f) for f in basis]
        for name, value in zip(basis, values, strict=True):
            if value is not None:
                read.append((("activity", index, name), value))
        known = [v for v in values if v is not None]
        series.append((year, float(sum(known)) if len(known) == len(values) else None))
    return basis, series, read


def _causes(scenario: LoadedScenario, rubric: Rubric) -> tuple[CauseResult, ...]:
    out: list[CauseResult] = []
    for cause in rubric.causes:
        doc = scenario.document
        ctx = Context(
            scenario.data,
            scenario.model.as_of,
            doc.line_of,
            scenario.open_lists,
            file_of=doc.file_of,
        )
        value = cause.present(ctx, scenario.data, ())
        evidence = tuple(Citation(e.file or scenario.file, e) for e in ctx.evidence)
        state: CauseStatus = "unknown" if value is None else "present" if value else "absent"
        missing = tuple(ctx.unknown) if value is None else ()
        out.append(CauseResult(cause.spec.id, cause.spec.name, state, evidence, missing))
    return tuple(out)


def _cause_tally(causes: tuple[CauseResult, ...]) -> Tally:
    """The causes by status: an unstated cause is counted as unknown, never as absent."""
    states = [c.status for c in causes]
    return Tally(
        "causes", "causes", states.count("present"), states.count("absent"), states.count("unknown")
    )


def _threshold(momentum: float | None, spec: P1Spec, value: Tri) -> Threshold:
    bounds = (rounded(momentum), rounded(momentum))
    return Threshold(
        "momentum", "momentum", *bounds, spec.momentum_below, "below", verdict_of(value)
    )


def diagnose(scenario: LoadedScenario, spec: P1Spec, rubric: Rubric) -> Diagnostic:
    """Flagged when recent activity falls below ``momentum_below`` of the peak."""
    reader = Reader(scenario)
    basis, series, read = activity_series(scenario.model.activity or [])
    for path, datum in read:
        reader.cite(path, datum)
    causes = _causes(scenario, rubric)
    measures: dict[str, Any] = {"momentum_below": spec.momentum_below}
    known = [(y, v) for y, v in series if v is not None]
    if not known:
        reader.lack("activity" if not scenario.model.activity else "activity[].events")
        empty = Reason("no_series")
        return conclude(
            ID,
            spec,
            None,
            measures,
            reader,
            causes=causes,
            reason=empty,
            tallies=(_cause_tally(causes),),
            thresholds=(_threshold(None, spec, None),),
        )
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
            "recent_mean": rounded(metrics.mean(recent)),
            "recent_known_years": len(recent),
            "momentum": rounded(momentum),
            "slope": rounded(metrics.ols_slope(known)),
            "slope_since_peak": rounded(metrics.ols_slope([p for p in known if p[0] >= top[0]])),
            "sparkline": metrics.sparkline([v for _, v in series]),
        }
    )
    reason: Reason | None = None
    value: Tri = None
    if len(known) < spec.min_years:
        reason = Reason("too_few_years", {"known": len(known), "needed": spec.min_years})
        reader.lack("activity")
        # Too few years to show a rise and a fall: no trend is drawn from them.
        measures["slope"] = measures["slope_since_peak"] = None
    elif not before or not recent:
        reason = Reason(
            "none_before" if not before else "none_recent", {"start": start, "end": end}
        )
        reader.lack("activity")
    elif momentum is None:
        reason = Reason("no_peak")
    else:
        value = momentum < spec.momentum_below
    more = reader.is_open(("activity",))
    if more and value is not None:
        # Years not listed may hold a higher peak (only lowering the momentum) or, after the
        # last year listed, a recent year that raises it: only a flag the series ends at as_of
        # with stays; a clear verdict is open.
        as_of = scenario.model.as_of
        if value is False or (as_of is not None and as_of > end):
            value = None
            reader.lack("activity")
    years = Tally("series", "years", len(known), 0, len(series) - len(known), open=more)
    return conclude(
        ID,
        spec,
        value,
        measures,
        reader,
        causes=causes,
        series=tuple(series),
        reason=reason,
        tallies=(years, _cause_tally(causes)),
        thresholds=(_threshold(momentum, spec, value),),
    )
