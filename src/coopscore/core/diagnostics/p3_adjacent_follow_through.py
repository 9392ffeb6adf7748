"""P3 毗邻合作后继乏力 (§一(二)3): adjacent cooperation that lacks follow-through.

Per pair (ended ones left out): stalled (status ``stalled``, or no status and no activity for
more than ``stalled_after_years``), unfocused (``focus_areas: []``), shallow
(``point_to_point``). The share of weak pairs is bounded from the pairs known to be weak and
those that might be, so an unknown pair can keep the verdict unknown but never flag it. Each
test counts the pairs it holds for, those stated otherwise and those it cannot tell apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coopscore.core.conditions import Tri, any3
from coopscore.core.diagnostics.reading import Reader, conclude, rounded
from coopscore.core.diagnostics.results import Diagnostic, Reason, Tally, Threshold, verdict_of

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import P3Spec, Rubric

ID = "P3"
# The field each weakness test reads, named when that field would settle an unknown pair.
FIELD_FOR = {"stalled": "status", "unfocused": "focus_areas", "shallow": "stage"}


def _name(text: Any, index: int) -> str:
    if isinstance(text, str):
        return text
    return str(getattr(text, "en", None) or getattr(text, "zh", None) or f"#{index}")


def diagnose(scenario: LoadedScenario, spec: P3Spec, rubric: Rubric) -> Diagnostic:
    """Flagged when the share of weak pairs surely reaches ``weak_share_at_least``."""
    reader = Reader(scenario)
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
        line = _threshold(None, None, spec.weak_share_at_least, None)
        return conclude(ID, spec, None, measures, reader, thresholds=(line,))
    counted = [(i, p) for i, p in enumerate(pairs) if p.status != "ended"]
    counts = {"stalled": [0, 0], "unfocused": [0, 0], "shallow": [0, 0]}
    weak_low = weak_high = 0
    weak_names: list[str] = []
    for index, pair in counted:
        tests: dict[str, Tri] = {}
        if pair.status is not None:
            reader.cite(("adjacent_pairs", index, "status"), pair.status)
            tests["stalled"] = pair.status == "stalled"
        elif pair.last_active is not None and as_of is not None:
            reader.cite(("adjacent_pairs", index, "last_active"), pair.last_active)
            tests["stalled"] = as_of - pair.last_active > after
        else:
            tests["stalled"] = None
        focus = pair.focus_areas
        if focus is not None:
            reader.cite(("adjacent_pairs", index, "focus_areas"), focus)
        open_focus = reader.is_open(("adjacent_pairs", index, "focus_areas"))
        # an empty list that is not exhaustive states no focus and no lack of one
        tests["unfocused"] = None if focus is None or (open_focus and not focus) else not focus
        if pair.stage is not None and "shallow" in spec.weak_if:
            reader.cite(("adjacent_pairs", index, "stage"), pair.stage)
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
                    reader.lack(f"adjacent_pairs[{index}].{FIELD_FOR[name]}")
    n = len(counted)
    more = reader.is_open(("adjacent_pairs",))
    # per test: pairs it holds for, pairs it is stated not to, pairs it cannot be told for
    tallies = [
        Tally(name, "pairs", c[0], n - c[0] - c[1], c[1], more) for name, c in counts.items()
    ]
    weak_tally = Tally("weak", "pairs", weak_low, n - weak_high, weak_high - weak_low, more)
    measures.update(
        {
            "pairs": n,
            "ended_left_out": len(pairs) - n,
            **{
                t.part: {"known": t.present, "unknown": t.unknown, "absent": t.absent}
                for t in tallies
            },
            "weak_known": weak_low,
            "weak_possible": weak_high,
            "weak_share": rounded(weak_low / n) if n and weak_low == weak_high else None,
            "weak_share_bounds": [rounded(weak_low / n), rounded(weak_high / n)] if n else None,
            "weak_pairs": weak_names,
        }
    )
    threshold = spec.weak_share_at_least
    if n == 0:
        line = _threshold(None, None, threshold, None)
        return conclude(
            ID,
            spec,
            None,
            measures,
            reader,
            reason=Reason("no_pairs"),
            tallies=(weak_tally, *tallies),
            thresholds=(line,),
        )
    low, high = weak_low / n, weak_high / n
    value: Tri = True if low >= threshold else False if high < threshold else None
    if more:
        # pairs not listed, any number of them, weak or not: the share can come near 0
        # (reaching it only with no pair surely weak) and near 1 (only with none surely strong)
        can_flag = weak_high == n or threshold < 1
        can_clear = threshold > 0
        value = None if can_flag and can_clear else can_flag
        if value is None:
            reader.lack("adjacent_pairs")
        low, high = 0.0, 1.0
    line = _threshold(low, high, threshold, value)
    return conclude(
        ID, spec, value, measures, reader, tallies=(weak_tally, *tallies), thresholds=(line,)
    )


def _threshold(low: float | None, high: float | None, bound: float, value: Tri) -> Threshold:
    """The share of weak pairs as the interval the unknown pairs leave, beside its bound."""
    return Threshold(
        "weak_share",
        "weak_share",
        rounded(low),
        rounded(high),
        bound,
        "at_least",
        verdict_of(value),
    )
