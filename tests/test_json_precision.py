"""JSON outputs round numbers by one rule (``report.numbers``), the one saved files are read at."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from coopscore.core.compare import SAVED
from coopscore.report import numbers

from .conftest import SCENARIOS

MR = str(SCENARIOS / "middle-reaches-2021.yaml")
RECOMMENDED = str(SCENARIOS / "middle-reaches-with-recommendations.yaml")


def _json(*arguments: str) -> Any:
    from coopscore.cli.app import app

    result = CliRunner().invoke(app, [*arguments, "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text else 0


def test_the_saved_precision_is_the_json_contracts() -> None:
    """The core cannot import formats, so it states the two numbers again; they must agree."""
    assert (SAVED.score, SAVED.share) == (numbers.JSON_SCORE_DIGITS, numbers.JSON_SHARE_DIGITS)


def test_the_json_helpers_round_and_keep_none() -> None:
    assert numbers.json_score(50.94) == 50.9
    assert numbers.json_share(0.62549) == 0.625
    assert numbers.json_gain(4.756) == 4.76
    assert numbers.json_score(None) is numbers.json_share(None) is numbers.json_gain(None) is None


def test_assess_plan_and_compare_write_numbers_to_the_contracts_decimals() -> None:
    a = _json("assess", MR)
    scores = [a["score"], *(d["score"] for d in a["dimensions"])]
    shares = [a["coverage"], *(d["coverage"] for d in a["dimensions"])]
    plan = _json("plan", MR)
    gains = [s["score_gain"] for s in plan["steps"]] + [plan["score"]]
    c = _json("compare", MR, RECOMMENDED)
    scores += [c["score_delta"], *(d["score_delta"] for d in c["dimensions"])]
    shares += [c["coverage_delta"], *(d["coverage_delta"] for d in c["dimensions"])]
    assert all(_decimals(v) <= numbers.JSON_SCORE_DIGITS for v in scores if v is not None)
    assert all(_decimals(v) <= numbers.JSON_SHARE_DIGITS for v in shares if v is not None)
    assert all(_decimals(v) <= numbers.JSON_GAIN_DIGITS for v in gains if v is not None)
