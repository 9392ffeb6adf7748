"""A saved record read back: ``assess --format json`` text, checked against the contract.

A saved assessment is file text anyone may have written. :func:`load_saved` parses it as
strict JSON (NaN and Infinity refused, numbers too large for a float refused, a key given
twice refused at its line, nesting too deep refused rather than crashing) and checks it
against :class:`~coopscore.contract.assessment.AssessmentRecord` before any of it is used,
naming the JSON path of what is wrong; every refusal is an :class:`InputError` at the file
(and line, where the text has one). :func:`read_saved` gives the record as a
:class:`~coopscore.core.compare.Side` to compare.

The checker is pydantic's, built from the contract's types on first use, not at import:
commands that never read a saved record never pay for it.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
from functools import cache
from typing import TYPE_CHECKING, Any

from coopscore.contract.assessment import AssessmentRecord
from coopscore.core.assessment import Assessment
from coopscore.core.compare import (
    SAVED,
    Comparable,
    CompareError,
    Comparison,
    CriterionSide,
    DimensionSide,
    RubricKey,
    Side,
)
from coopscore.core.compare import compare as compare_sides
from coopscore.errors import InputError
from coopscore.paths import format_path

if TYPE_CHECKING:
    from pydantic import TypeAdapter

MAX_JSON_NUMBER_CHARS = 100

# What ``assess --format json`` writes grows at most SAVED_EXPANSION times as fast as its
# scenario, over a fixed part of at most SAVED_BASE bytes: ``tests/test_saved_limit.py``
# measures it for every list of the scenario model, written as tersely as YAML allows (items
# that state the least and leave the most unknown, each unknown a line of the JSON).
SAVED_EXPANSION = 48
SAVED_BASE = 1024 * 1024


def saved_limit(scenario_bytes: int) -> int:
    """The size of the largest JSON ``assess`` writes for a scenario of ``scenario_bytes``."""
    return scenario_bytes * SAVED_EXPANSION + SAVED_BASE


# What a JSON reader is told for each kind of mismatch (pydantic's wording names Python types).
EXPECTED = {
    "model_type": "expected an object",
    "dict_type": "expected an object",
    "list_type": "expected a list",
    "string_type": "expected text",
    "float_type": "expected a number",
    "int_type": "expected a whole number",
    "bool_type": "expected true or false",
    "too_short": "expected a pair",
    "too_long": "expected a pair",
}


@cache
def _adapter() -> TypeAdapter[AssessmentRecord]:
    from pydantic import TypeAdapter

    return TypeAdapter(AssessmentRecord)


# ----------------------------------------------------------------------------- the JSON text


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


class _Duplicate(ValueError):
    """A key given twice in one JSON object."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate
    return out


def _duplicate_at(text: str) -> tuple[str, int, int, int]:
    """The first key given twice in one object of ``text`` (valid JSON that has one): the key,
    its line and column, and the line it was first given on.

    Read again key by key, with each key's offset kept, by a reader that only runs once a
    duplicate is known to be there.
    """
    found: list[tuple[str, int, int]] = []

    def parse_object(
        s_and_end: tuple[str, int], strict: bool, scan_once: Any, *_: Any
    ) -> tuple[dict[str, Any], int]:
        s, end = s_and_end
        seen: dict[str, int] = {}
        out: dict[str, Any] = {}
        end = _skip(s, end)
        if s[end] == "}":
            return out, end + 1
        while True:
            start = end
            key, end = json.decoder.scanstring(s, end + 1, strict)  # type: ignore[attr-defined]
            if key in seen and not found:
                found.append((key, seen[key], start))
            seen.setdefault(key, start)
            end = _skip(s, _skip(s, end) + 1)  # past the colon
            value, end = scan_once(s, end)
            out[key] = value
            end = _skip(s, end)
            if s[end] == "}":
                return out, end + 1
            end = _skip(s, end + 1)  # past the comma

    decoder = json.JSONDecoder(
        parse_constant=_constant, parse_float=_float, parse_int=_int, strict=True
    )
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    decoder.decode(text)
    key, first, at = found[0]
    line = text.count("\n", 0, at) + 1
    return key, line, at - text.rfind("\n", 0, at), text.count("\n", 0, first) + 1


def _skip(text: str, at: int) -> int:
    """The offset of the first character at or after ``at`` that is not JSON white space."""
    while at < len(text) and text[at] in " \t\n\r":
        at += 1
    return at


def _parse(file: str, text: str) -> tuple[dict[str, Any], AssessmentRecord]:
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(
            text,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
            object_pairs_hook=_unique,
        )
    except _Duplicate:
        key, line, column, first = _duplicate_at(text)
        raise InputError.single(
            file,
            f"not a saved assessment: duplicate key {key!r} (first given on line {first})",
            line=line,
            column=column,
        ) from None
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
    checked = _check(data)
    if isinstance(checked, tuple):
        path, message = checked
        raise InputError.single(file, f"not a saved assessment: {message}", path=path)
    assert isinstance(data, dict)
    incoherent = _incoherent(checked)
    if incoherent is not None:
        path, message = incoherent
        raise InputError.single(file, f"not a saved assessment: {message}", path=path)
    return data, checked


def _incoherent(record: AssessmentRecord) -> tuple[str, str] | None:
    """Where a record's numbers contradict each other, as no assessment's can: bounds that run
    backwards, or a point outside its bounds (the writer rounds both alike, which keeps order)."""
    scored: list[tuple[str, Any, Any]] = [("", record.get("score"), record.get("score_bounds"))]
    for index, d in enumerate(record["dimensions"]):
        scored.append((f"dimensions[{index}].", d.get("score"), d.get("score_bounds")))
    for prefix, score, bounds in scored:
        if bounds is None:
            continue
        lower, upper = bounds["lower"], bounds["upper"]
        if lower > upper:
            return f"{prefix}score_bounds", f"bounds {lower:g} to {upper:g} run backwards"
        if score is not None and not lower <= score <= upper:
            return (
                f"{prefix}score",
                f"score {score:g} lies outside its bounds {lower:g} to {upper:g}",
            )
    return None


# ----------------------------------------------------------------------------- the record


def _check(data: Any) -> AssessmentRecord | tuple[str, str]:
    """The record checked against the contract, or the JSON path and what is wrong there."""
    from pydantic import ValidationError

    if not isinstance(data, dict):
        return "(document)", f"expected a JSON object, found {_kind(data)}"
    try:
        return _adapter().validate_python(data, strict=True)
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


def _pair(bounds: Any) -> tuple[float, float] | None:
    return None if bounds is None else (bounds["lower"], bounds["upper"])


def side(record: AssessmentRecord) -> Side:
    """A checked record as compare reads it: its numbers as saved, rounded to ``SAVED``."""
    scenario = record["scenario"]
    return Side(
        rubric=RubricKey(
            record["rubric"]["id"], record["rubric"]["version"], record["rubric"]["digest"]
        ),
        scenario_id=scenario["id"],
        scenario_name=scenario["name"],
        path=scenario.get("path"),
        as_of=scenario.get("as_of"),
        score=record["score"],
        coverage=record["coverage"],
        dimensions=tuple(
            DimensionSide(
                d["id"],
                d["name"],
                d["score"],
                d["coverage"],
                _pair(d.get("score_bounds")),
                d.get("thin") is True,
            )
            for d in record["dimensions"]
        ),
        criteria=tuple(
            CriterionSide(c["code"], c["slug"], c["status"]) for c in record["criteria"]
        ),
        titles={g["code"]: g["title"] for g in record["gaps"]},
        precision=SAVED,
        score_bounds=_pair(record.get("score_bounds")),
    )


def load_saved(file: str, text: str) -> dict[str, Any]:
    """A saved assessment (``assess --format json``), read and checked; InputError otherwise."""
    return _parse(file, text)[0]


def read_saved(file: str, text: str) -> Side:
    """A saved assessment as a side to compare, checked as :func:`load_saved` checks it."""
    return side(_parse(file, text)[1])


def _as_side(name: str, value: Comparable | dict[str, Any]) -> Comparable:
    if isinstance(value, Assessment | Side):
        return value
    checked = _check(value)
    if isinstance(checked, tuple):
        where, message = checked
        raise CompareError(f"the {name} input is not a coopscore assessment: {message} at {where}")
    return side(checked)


def compare(
    old: Comparable | dict[str, Any], new: Comparable | dict[str, Any], force: bool = False
) -> Comparison:
    """:func:`coopscore.core.compare.compare`, where either side may also be a saved record's
    data (as ``json.loads`` gives it): CompareError when it is not one."""
    return compare_sides(_as_side("old", old), _as_side("new", new), force)
