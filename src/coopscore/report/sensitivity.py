"""The report of ``sensitivity``: each scenario's rank under perturbed weights and under what
its facts allow, then the pairs whose order does not always hold."""

from __future__ import annotations

from coopscore.core.sensitivity import Result
from coopscore.report import numbers
from coopscore.report.blocks import Builder, Column, Inline, Report, Span, inline
from coopscore.report.words import Words

PAIRS_SHOWN = 20
PAIR_WARNING = 0.9


def ranks(best: int | None, worst: int | None) -> str:
    """``3`` or ``2–4``; a dash when the facts give no range."""
    if best is None or worst is None:
        return numbers.MISSING
    return str(best) if best == worst else f"{best}–{worst}"


def title(result: Result, words: Words) -> str:
    return words(
        "sens_title",
        runs=result.runs,
        spread=numbers.percent(result.spread),
        aggregation=words(f"agg_{result.aggregation}"),
        seed=result.seed,
    )


COLUMNS = (
    ("sens_scenario", "name"),
    ("sens_nominal_score", "number"),
    ("sens_nominal_rank", "number"),
    ("sens_median_rank", "number"),
    ("sens_ranks", "bounds"),
    ("sens_stability", "name"),
    ("sens_fact_ranks", "bounds"),
)


def shown_names(result: Result, words: Words) -> dict[str, str]:
    """Each scenario as the reader knows it: its name in the reader's language (as a batch
    shows it), its id when it has none, and both where two scenarios share a name."""
    named = {id_: words.pick(name) for id_, name in result.names}
    ids = [r.id for r in result.ranked]
    shown = {id_: named.get(id_) or id_ for id_ in ids}
    counts: dict[str, int] = {}
    for text in shown.values():
        counts[text] = counts.get(text, 0) + 1
    return {
        id_: f"{text} ({id_})" if counts[text] > 1 and text != id_ else text
        for id_, text in shown.items()
    }


def _rows(result: Result, words: Words) -> list[tuple[str | Inline, ...]]:
    names = shown_names(result, words)
    return [
        (
            names[r.id],
            numbers.score(r.nominal_score),
            str(r.nominal_rank),
            f"{r.median_rank:g}",
            ranks(r.p5, r.p95),
            inline(
                Span(words("sens_stable"), "good")
                if r.stable
                else Span(words("sens_unstable"), "medium")
            ),
            ranks(r.facts_best, r.facts_worst),
        )
        for r in result.ranked
    ]


def build(result: Result, words: Words) -> Report:
    out = Builder()
    heading = title(result, words)
    out.heading(heading, level=1)
    out.table([Column(words(key), role) for key, role in COLUMNS], _rows(result, words))  # type: ignore[arg-type]
    out.note(words("sens_columns"))
    warning = words("warning")
    if result.zeroed:
        zeroed = words("sens_zeroed", scenarios=", ".join(result.zeroed))
        out.paragraph(inline(Span(warning, "bad"), f": {zeroed}"))
    shaky = [p for p in result.pairs if p.holds < 1.0][:PAIRS_SHOWN]
    names = shown_names(result, words)
    if shaky:
        out.table(
            [
                Column(words("sens_ahead"), "name"),
                Column(words("sens_behind"), "name"),
                Column(words("sens_holds"), "number"),
            ],
            [
                (
                    names.get(p.ahead, p.ahead),
                    names.get(p.behind, p.behind),
                    numbers.percent(p.holds),
                )
                for p in shaky
            ],
            title=words("sens_pairs"),
        )
    else:
        out.paragraph(words("sens_all_hold"))
    unstable = [r.id for r in result.ranked if not r.stable]
    weak = [p for p in result.pairs if p.holds < PAIR_WARNING]
    if unstable or weak:
        share = numbers.percent(PAIR_WARNING)
        said = words("sens_warning", ranks=len(unstable), pairs=len(weak), share=share)
        out.paragraph(inline(Span(warning, "bad"), f": {said}"))
    return out.report(heading, words.lang)
