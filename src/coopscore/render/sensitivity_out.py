"""sensitivity's output: rank intervals per scenario and the least stable pairs."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from coopscore.escaping import json_dumps, rich_text
from coopscore.render import numbers
from coopscore.sensitivity import Result

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
    }
    return json_dumps(data, indent=2) + "\n"


def terminal(result: Result, console: Any) -> None:
    from rich.table import Table

    console.print(
        f"[bold]Weight sensitivity[/bold]: {result.runs} runs, weights ±{result.spread:.0%}, "
        f"{result.aggregation} aggregation, seed {result.seed}"
    )
    table = Table()
    for header in ("scenario", "nominal score", "nominal rank", "median rank", "5–95% ranks", ""):
        table.add_column(header, justify="left" if header == "scenario" else "right")
    for r in result.ranked:
        flag = "" if r.stable else "[yellow]unstable[/yellow]"
        table.add_row(
            rich_text(r.id),
            numbers.score(r.nominal_score),
            str(r.nominal_rank),
            f"{r.median_rank:g}",
            f"{r.p5}–{r.p95}",
            flag,
        )
    console.print(table)
    shaky = [p for p in result.pairs if p.holds < 1.0][:PAIRS_SHOWN]
    if shaky:
        pairs = Table(title="Pairs whose order does not always hold")
        for header in ("ahead (nominal)", "behind", "order holds"):
            pairs.add_column(header, justify="right" if header == "order holds" else "left")
        for p in shaky:
            pairs.add_row(rich_text(p.ahead), rich_text(p.behind), numbers.percent(p.holds))
        console.print(pairs)
    else:
        console.print("Every pair keeps its nominal order in every run.")
    unstable = [r.id for r in result.ranked if not r.stable]
    weak = [p for p in result.pairs if p.holds < PAIR_WARNING]
    if unstable or weak:
        console.print(
            f"[yellow]warning[/yellow]: {len(unstable)} rank(s) move under these weights; "
            f"{len(weak)} pair(s) hold their order in under {PAIR_WARNING:.0%} of runs."
        )
