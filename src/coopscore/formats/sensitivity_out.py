"""sensitivity's JSON (the table is ``report.sensitivity``, drawn by the table format)."""

from __future__ import annotations

from dataclasses import asdict

from coopscore.core.sensitivity import Result
from coopscore.formats.escaping import json_dumps


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
