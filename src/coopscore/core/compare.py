"""Two assessments of one cluster side by side: what moved, what closed, what opened.

Works on the JSON contract, so an assessment saved earlier (``assess --format json``) and a
scenario scored now compare the same way. Assessments made with different rubrics measure
different things: comparing them is refused unless forced.

A saved assessment is file text anyone may have written: :func:`load_saved` reads it and checks
every part the comparison reads (``rubric``, ``scenario``, ``score``, ``coverage``,
``dimensions``, ``criteria``, ``gaps``) before any of it is used, naming the JSON path of what
is wrong. Other fields are not read, and not checked.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from coopscore.errors import InputError
from coopscore.paths import format_path

MAX_JSON_NUMBER_CHARS = 100

# What a JSON reader is told for each kind of mismatch (pydantic's wording names Python types).
EXPECTED = {
    "model_type": "expected an object",
    "dict_type": "expected an object",
    "list_type": "expected a list",
    "string_type": "expected text",
    "float_type": "expected a number",
    "int_type": "expected a whole number",
}


class CompareError(ValueError):
    """The two assessments cannot be compared honestly."""


class _Saved(BaseModel):
    """What the comparison reads of a saved assessment; any other field is left alone.

    A number that is not finite passes here: the comparison shows it as unknown. A file cannot
    hold one, since :func:`load_saved` refuses NaN and Infinity as it reads the JSON.
    """

    model_config = ConfigDict(
        extra="ignore", strict=True, frozen=True, allow_inf_nan=True, defer_build=True
    )


def _within(low: float, high: float) -> Callable[[float], float]:
    def check(value: float) -> float:
        if math.isfinite(value) and not low <= value <= high:
            raise ValueError(f"expected a number from {low:g} to {high:g}")
        return value

    return check


Score = Annotated[float, AfterValidator(_within(0, 100))]
Share = Annotated[float, AfterValidator(_within(0, 1))]


class _Rubric(_Saved):
    id: str
    version: str
    digest: str


class _Scenario(_Saved):
    id: str
    name: str
    as_of: int | None = None


class _Dimension(_Saved):
    id: str
    name: str
    score: Score | None
    coverage: Share


class _Criterion(_Saved):
    code: str
    slug: str
    status: Literal["met", "partial", "unmet", "unknown", "not_applicable"]


class _Gap(_Saved):
    code: str
    title: str | None = None


class _Assessment(_Saved):
    rubric: _Rubric
    scenario: _Scenario
    score: Score | None
    coverage: Share
    dimensions: list[_Dimension]
    criteria: list[_Criterion]
    gaps: list[_Gap]


class _NotJson(ValueError):
    """A value Python's json module would read but the JSON contract does not allow."""


def _constant(name: str) -> float:
    raise _NotJson(f"{name} is not a JSON number")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJson(f"the number {text[:24]} is too large")
    return value


def _int(text: str) -> int:
    if len(text) > MAX_JSON_NUMBER_CHARS:
        raise _NotJson(f"a number of {len(text):,} digits is too large")
    return int(text)


def load_saved(file: str, text: str) -> dict[str, Any]:
    """A saved assessment (``assess --format json``), read and checked; InputError otherwise.

    NaN and Infinity, which Python's json would accept, are refused, and so are numbers too large
    for a float; nesting too deep to read is refused rather than crashing.
    """
    try:
        data = json.loads(
            text.removeprefix("\ufeff"),
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except json.JSONDecodeError as exc:
        raise InputError.single(
            file, f"not JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    except _NotJson as exc:
        raise InputError.single(file, f"not a saved assessment: {exc}") from None
    except RecursionError:
        raise InputError.single(
            file, "not a saved assessment: the JSON is nested too deeply to read"
        ) from None
    problem = problem_in(data)
    if problem is not None:
        path, message = problem
        raise InputError.single(file, f"not a saved assessment: {message}", path=path)
    assert isinstance(data, dict)
    return data


def problem_in(data: Any) -> tuple[str, str] | None:
    """The first thing that keeps ``data`` from being compared: its JSON path and what is wrong.

    ``None`` when every part the comparison reads is as ``assess --format json`` writes it.
    """
    if not isinstance(data, dict):
        return "(document)", f"expected a JSON object, found {_kind(data)}"
    try:
        _Assessment.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = format_path([p for p in error["loc"] if isinstance(p, str | int)])
        kind = error["type"]
        if kind == "missing":
            return where, f"missing field {error['loc'][-1]!r}"
        expected = EXPECTED.get(kind) or error["msg"].removeprefix("Value error, ").rstrip(".")
        return where, f"{expected}, found {_kind(error.get('input'))}"
    except RecursionError:
        return "(document)", "nested too deeply to read"
    return None


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:30] + "…"


@dataclass
class Comparison:
    old: dict[str, Any]
    new: dict[str, Any]
    dimensions: list[dict[str, Any]] = field(default_factory=list)
    closed: list[dict[str, Any]] = field(default_factory=list)
    opened: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[dict[str, Any]] = field(default_factory=list)
    lost: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def side(a: dict[str, Any]) -> dict[str, Any]:
            return {"scenario": a["scenario"], "score": a["score"], "coverage": a["coverage"]}

        return {
            "rubric": self.new["rubric"],
            "old": side(self.old),
            "new": side(self.new),
            "score_delta": delta(self.old["score"], self.new["score"]),
            "coverage_delta": delta(self.old["coverage"], self.new["coverage"], 3),
            "dimensions": self.dimensions,
            "gaps_closed": self.closed,
            "gaps_opened": self.opened,
            "gaps_changed": self.changed,
            "unknowns_resolved": self.resolved,
            "became_unknown": self.lost,
            "warnings": self.warnings,
        }


def delta(old: float | None, new: float | None, digits: int = 1) -> float | None:
    return None if old is None or new is None else round(new - old, digits)


GAP = ("unmet", "partial")


def compare(old: Any, new: Any, force: bool = False) -> Comparison:
    """Compare two assessments in the JSON contract; CompareError when either is not one."""
    for name, side in (("old", old), ("new", new)):
        problem = problem_in(side)
        if problem is not None:
            where, message = problem
            raise CompareError(
                f"the {name} input is not a coopscore assessment: {message} at {where}"
            )
    result = Comparison(old, new)
    if old["rubric"].get("digest") != new["rubric"].get("digest"):
        a, b = old["rubric"], new["rubric"]
        message = (
            "the assessments use different rubrics "
            f"({a.get('id')} {a.get('version')} #{a.get('digest')} vs "
            f"{b.get('id')} {b.get('version')} #{b.get('digest')})"
        )
        if not force:
            raise CompareError(
                message + "; their scores are not comparable (use --force to compare anyway)"
            )
        result.warnings.append(message)
    if old["scenario"]["id"] != new["scenario"]["id"]:
        result.warnings.append(
            f"different scenario ids: {old['scenario']['id']} and {new['scenario']['id']}"
        )
    before = {d["id"]: d for d in old["dimensions"]}
    for d in new["dimensions"]:
        o = before.get(d["id"], {"score": None, "coverage": None})
        result.dimensions.append(
            {
                "id": d["id"],
                "name": d["name"],
                "old_score": o["score"],
                "new_score": d["score"],
                "score_delta": delta(o["score"], d["score"]),
                "old_coverage": o["coverage"],
                "new_coverage": d["coverage"],
                "coverage_delta": delta(o["coverage"], d["coverage"], 3),
            }
        )
    was = {c["code"]: c for c in old["criteria"]}
    titles = {g["code"]: g for g in [*old["gaps"], *new["gaps"]]}
    for c in new["criteria"]:
        prior = was.get(c["code"])
        if prior is None:
            continue
        a, b = prior["status"], c["status"]
        row = {"code": c["code"], "slug": c["slug"], "old": a, "new": b}
        if "title" in titles.get(c["code"], {}):
            row["title"] = titles[c["code"]]["title"]
        if a in GAP and b == "met":
            result.closed.append(row)
        elif b in GAP and a in ("met", "unknown", "not_applicable"):
            result.opened.append(row)
        elif a in GAP and b in GAP and a != b:
            result.changed.append(row)
        if a == "unknown" and b != "unknown":
            result.resolved.append(row)
        elif b == "unknown" and a != "unknown":
            result.lost.append(row)
    return result
