"""sensitivity's output: rank intervals per scenario and the least stable pairs."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from coopscore.core.sensitivity import Result
from coopscore.formats.escaping import json_dumps, rich_text
from coopscore.report import numbers
from coopscore.report.i18n import Lang, label

PAIRS_SHOWN = 20
PAIR_WARNING = 0.9


def to_json(result: Result) -> str:
    data = {
        "runs": result.runs,
        "spread": result.spread,
        "aggregation": result.aggregation,
        "seed": result.seed,
        "scenarios": [{**asdict(r), "stable": r.stable} for r in result.ranked],
        "pairs": [asdict(p) for p in result.pairs],
        "zeroed": list(result.zeroed),
    }
    return json_dumps(data, indent=2) + "\n"


def _span(best: int | None, worst: int | None) -> str:
    if best is None or worst is None:
        return numbers.MISSING
    return str(best) if best == worst else f"{best}–{worst}"


def terminal(result: Result, console: Any, lang: Lang = "en") -> None:
    from rich.table import Table
    from rich.text import Text

    title = label(
        "sens_title",
        lang,
        runs=result.runs,
        spread=numbers.percent(result.spread),
        aggregation=label(f"agg_{result.aggregation}", lang),
        seed=result.seed,
    )
    console.print(Text(title, style="bold"))
    table = Table()
    keys = ("sens_scenario", "sens_nominal_score", "sens_nominal_rank", "sens_median_rank")
    for key in (*keys, "sens_ranks", "sens_stability", "sens_fact_ranks"):
        if key == "sens_scenario":
            table.add_column(label(key, lang), overflow="fold", min_width=12)
        else:
            table.add_column(label(key, lang), justify="right")
    for r in result.ranked:
        flag = (
            Text(label("sens_stable", lang), style="green")
            if r.stable
            else Text(label("sens_unstable", lang), style="yellow")
        )
        table.add_row(
            rich_text(r.id),
            numbers.score(r.nominal_score),
            str(r.nominal_rank),
            f"{r.median_rank:g}",
            f"{r.p5}–{r.p95}",
            flag,
            _span(r.facts_best, r.facts_worst),
        )
    console.print(table)
    console.print(Text(label("sens_columns", lang), style="dim"))
    if result.zeroed:
        zeroed = label("sens_zeroed", lang, scenarios=", ".join(result.zeroed))
        console.print(Text.assemble((label("warning", lang), "yellow"), ": ", rich_text(zeroed)))
    shaky = [p for p in result.pairs if p.holds < 1.0][:PAIRS_SHOWN]
    if shaky:
        pairs = Table(title=label("sens_pairs", lang))
        for key in ("sens_ahead", "sens_behind", "sens_holds"):
            pairs.add_column(label(key, lang), justify="right" if key == "sens_holds" else "left")
        for p in shaky:
            pairs.add_row(rich_text(p.ahead), rich_text(p.behind), numbers.percent(p.holds))
        console.print(pairs)
    else:
        console.print(Text(label("sens_all_hold", lang)))
    unstable = [r.id for r in result.ranked if not r.stable]
    weak = [p for p in result.pairs if p.holds < PAIR_WARNING]
    if unstable or weak:
        share = numbers.percent(PAIR_WARNING)
        warning = label("sens_warning", lang, ranks=len(unstable), pairs=len(weak), share=share)
        console.print(Text.assemble((label("warning", lang), "yellow"), ": ", warning))
