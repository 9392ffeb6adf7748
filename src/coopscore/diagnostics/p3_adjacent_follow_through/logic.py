"""P3 毗邻合作后继乏力 (§一(二)3): adjacent cooperation that lacks follow-through.

Per pair (ended ones left out): stalled (status ``stalled``, or no status and no activity for
more than ``stalled_after_years``), unfocused (``focus_areas: []``), shallow
(``point_to_point``). A pair whose status is unstated may have ended, so it counts only
perhaps, as ADJ002–ADJ004 count it: both go through :class:`~coopscore.core.tally.ItemTally`.
The share of weak pairs is bounded from the pairs known to be weak and those that might be, so
an unknown pair can keep the verdict unknown but never flag it. Each test counts the pairs it
holds for, those stated otherwise, those it cannot tell apart and those that may have ended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coopscore.core.conditions import Tri, any3
from coopscore.core.diagnostics.reading import Reader, conclude, rounded
from coopscore.core.diagnostics.results import Diagnostic, Reason, Tally, Threshold, verdict_of
from coopscore.core.tally import ItemTally

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import P3Spec, Rubric
    from coopscore.model.scenario import AdjacentPair

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
    # Every pair not stated ended counts, one whose status is unstated perhaps (it may have
    # ended): through the same tally as ADJ002–ADJ004's shares, so the two agree.
    items = {name: ItemTally() for name in (*FIELD_FOR, "weak")}
    weak_names: list[str] = []
    stated_ended = 0
    for index, pair in enumerate(pairs):
        if pair.status == "ended":
            stated_ended += 1
            continue
        inside: Tri = None if pair.status is None else True
        tests = _tests(reader, index, pair, as_of, after, spec.weak_if)
        weak = any3(tests[name] for name in spec.weak_if)
        for name, test in (*tests.items(), ("weak", weak)):
            items[name].add(inside, test)
        if weak is True:  # weak if it counts (one of unstated status may have ended)
            weak_names.append(_name(pair.name, index))
        if pair.status is None:
            reader.lack(f"adjacent_pairs[{index}].status")
        if weak is None:
            for name in spec.weak_if:
                if tests[name] is None:
                    reader.lack(f"adjacent_pairs[{index}].{FIELD_FOR[name]}")
    weak_items = items.pop("weak")
    more = reader.is_open(("adjacent_pairs",))
    tallies = [Tally.of_items(name, "pairs", t, open=more) for name, t in items.items()]
    weak_tally = Tally.of_items("weak", "pairs", weak_items, open=more)
    bounds = weak_items.share()
    low, high = (None, None) if bounds is None else (float(bounds[0]), float(bounds[1]))
    measures.update(
        {
            "pairs": weak_items.counted[1],
            "pairs_surely_counted": weak_items.known,
            "pairs_may_have_ended": weak_items.open,
            "ended_left_out": stated_ended,
            **{
                t.part: {
                    "known": t.present,
                    "unknown": t.unknown,
                    "absent": t.absent,
                    "may_have_ended": t.maybe_out,
                }
                for t in tallies
            },
            "weak_known": weak_items.matching[0],
            "weak_possible": weak_items.matching[1],
            "weak_share": rounded(low) if low is not None and low == high else None,
            "weak_share_bounds": None if low is None else [rounded(low), rounded(high)],
            "weak_pairs": weak_names,
        }
    )
    threshold = spec.weak_share_at_least
    if low is None or high is None:
        line = _threshold(None, None, threshold, None)
        return conclude(
            ID,
            spec,
            None,
            measures,
            reader,
            reason=Reason("no_pairs") if not (weak_items.open or more) else None,
            tallies=(weak_tally, *tallies),
            thresholds=(line,),
        )
    value: Tri = True if low >= threshold else False if high < threshold else None
    if more:
        # pairs not listed, any number of them, weak or not: the share can come near 0
        # (reaching it only with no pair surely weak) and near 1 (only with none surely strong)
        can_flag = weak_items.matching[1] == weak_items.counted[1] or threshold < 1
        can_clear = threshold > 0
        value = None if can_flag and can_clear else can_flag
        if value is None:
            reader.lack("adjacent_pairs")
        low, high = 0.0, 1.0
        # the share every output shows is the one the verdict reads, not the listed pairs'
        measures.update({"weak_share": None, "weak_share_bounds": [low, high]})
    line = _threshold(low, high, threshold, value)
    return conclude(
        ID, spec, value, measures, reader, tallies=(weak_tally, *tallies), thresholds=(line,)
    )


def _tests(
    reader: Reader, index: int, pair: AdjacentPair, as_of: int | None, after: int, weak_if: Any
) -> dict[str, Tri]:
    """Each weakness test of one pair, as ADJ002–ADJ004 read it; cites what it reads."""
    tests: dict[str, Tri] = {}
    if pair.status is not None:
        reader.cite(("adjacent_pairs", index, "status"), pair.status)
        tests["stalled"] = pair.status != "active"
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
    if pair.stage is not None and "shallow" in weak_if:
        reader.cite(("adjacent_pairs", index, "stage"), pair.stage)
    tests["shallow"] = None if pair.stage is None else pair.stage == "point_to_point"
    return tests


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
