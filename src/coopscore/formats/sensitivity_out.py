"""sensitivity's JSON (the table is ``report.sensitivity``, drawn by the table format)."""

from __future__ import annotations

from coopscore.core.sensitivity import Result
from coopscore.formats.escaping import json_dumps


def to_json(result: Result) -> str:
    data = {
        "runs": result.runs,
        "spread": result.spread,
        "aggregation": result.aggregation,
        "seed": result.seed,
        "scenarios": [{**r._asdict(), "stable": r.stable} for r in result.ranked],
        "pairs": [p._asdict() for p in result.pairs],
        "zeroed": list(result.zeroed),
    }
    return json_dumps(data, indent=2) + "\n"
