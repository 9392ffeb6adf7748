"""Two assessments of one cluster side by side: what moved, what closed, what opened.

Each side is a :class:`Side`: the facts compare reads, taken from an :class:`Assessment` scored
now (its values exact) or from an assessment saved earlier with ``assess --format json`` (its
scores and shares rounded to what the JSON contract writes, :data:`SAVED`). Two sides are
compared at the precision of the coarser one, so a scenario and its own saved JSON show no
change; two assessments scored now are compared exactly. Nothing is rounded for display here.

Assessments made with different rubrics measure different things: comparing them is refused
unless forced. What the reader should know about a comparison is returned as facts
(:data:`Caveat`); their words are the formats'.

A saved assessment is file text anyone may have written: :func:`load_saved` reads it and checks
every part the comparison reads (``rubric``, ``scenario``, ``score``, ``coverage``,
``dimensions``, ``criteria``, ``gaps``) before any of it is used, naming the JSON path of what
is wrong. Other fields are not read, and not checked.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from coopscore.core.assessment import GAP_STATUSES, Assessment, Status
from coopscore.errors import InputError
from coopscore.paths import format_path

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
}


class CompareError(ValueError):
    """The two assessments cannot be compared honestly."""


# ----------------------------------------------------------------------- what a side holds


@dataclass(frozen=True)
class Precision:
    """How many decimals a side's numbers keep: scores (0–100) and shares (0–1)."""

    score: int
    share: int

    def coarser(self, other: Precision | None) -> Precision:
        if other is None:
            return self
        return Precision(min(self.score, other.score), min(self.share, other.share))


# What ``assess --format json`` writes: scores to one decimal, shares to three.
SAVED = Precision(score=1, share=3)


@dataclass(frozen=True)
class RubricKey:
    """Which rubric scored a side; the digest tells two versions of one rubric apart."""

    id: str
    version: str
    digest: str


@dataclass(frozen=True)
class DimensionSide:
    id: str
    name: Any  # as given: text, or a name in English and Chinese
    score: float | None
    coverage: float
    bounds: tuple[float, float] | None = None  # what the facts allow (None: not saved)


@dataclass(frozen=True)
class CriterionSide:
    code: str
    slug: str
    status: Status


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _rounded_bounds(value: tuple[float, float] | None, digits: int) -> tuple[float, float] | None:
    return None if value is None else (round(value[0], digits), round(value[1], digits))


@dataclass(frozen=True)
class Side:
    """One assessment as compare reads it, whether scored now or saved as JSON.

    ``precision`` is ``None`` when the numbers are exact (scored now), and :data:`SAVED` for a
    saved assessment, whose numbers were rounded when it was written. Names and titles are
    kept as given (text, or English and Chinese): choosing a language is the formats' work.
    """

    rubric: RubricKey
    scenario_id: str
    scenario_name: Any
    path: str | None
    as_of: int | None
    score: float | None
    coverage: float
    dimensions: tuple[DimensionSide, ...]
    criteria: tuple[CriterionSide, ...]
    titles: Mapping[str, Any]  # the title of each criterion this side lists as a gap
    precision: Precision | None = None
    score_bounds: tuple[float, float] | None = None

    @classmethod
    def of(cls, a: Assessment) -> Side:
        """An assessment scored now, with its exact numbers."""
        return cls(
            rubric=RubricKey(a.rubric.id, a.rubric.version, a.rubric.digest),
            scenario_id=a.scenario_id,
            scenario_name=a.scenario_name,
            path=a.file,
            as_of=a.as_of,
            score=a.score,
            coverage=a.coverage,
            dimensions=tuple(
                DimensionSide(d.spec.id, d.spec.name, d.score, d.coverage, d.score_bounds)
                for d in a.dimensions
            ),
            criteria=tuple(CriterionSide(r.spec.code, r.spec.slug, r.status) for r in a.results),
            titles={g.spec.code: g.spec.title for g in a.all_gaps},
            score_bounds=a.score_bounds,
        )

    def at(self, precision: Precision | None) -> Side:
        """This side with its numbers kept to ``precision`` (as they would be saved)."""
        if precision is None or precision == self.precision:
            return self
        return replace(
            self,
            score=_rounded(self.score, precision.score),
            score_bounds=_rounded_bounds(self.score_bounds, precision.score),
            coverage=round(self.coverage, precision.share),
            dimensions=tuple(
                replace(
                    d,
                    score=_rounded(d.score, precision.score),
                    coverage=round(d.coverage, precision.share),
                    bounds=_rounded_bounds(d.bounds, precision.score),
                )
                for d in self.dimensions
            ),
            precision=precision,
        )


# ----------------------------------------------------------------------- a saved assessment


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
    path: str | None = None
    as_of: int | None = None


class _Bounds(_Saved):
    lower: Score
    upper: Score

    def pair(self) -> tuple[float, float]:
        return (self.lower, self.upper)


class _Dimension(_Saved):
    id: str
    name: str
    score: Score | None
    coverage: Share
    score_bounds: _Bounds | None = None  # absent from files saved before bounds existed


class _Criterion(_Saved):
    code: str
    slug: str
    status: Status


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
    score_bounds: _Bounds | None = None

    def side(self) -> Side:
        """The saved numbers as written: rounded to :data:`SAVED`."""
        return Side(
            rubric=RubricKey(self.rubric.id, self.rubric.version, self.rubric.digest),
            scenario_id=self.scenario.id,
            scenario_name=self.scenario.name,
            path=self.scenario.path,
            as_of=self.scenario.as_of,
            score=self.score,
            coverage=self.coverage,
            dimensions=tuple(
                DimensionSide(
                    d.id,
                    d.name,
                    d.score,
                    d.coverage,
                    d.score_bounds.pair() if d.score_bounds else None,
                )
                for d in self.dimensions
            ),
            criteria=tuple(CriterionSide(c.code, c.slug, c.status) for c in self.criteria),
            titles={g.code: g.title for g in self.gaps if g.title is not None},
            precision=SAVED,
            score_bounds=self.score_bounds.pair() if self.score_bounds else None,
        )


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


def _parse(file: str, text: str) -> tuple[dict[str, Any], _Assessment]:
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
    return data, checked


def load_saved(file: str, text: str) -> dict[str, Any]:
    """A saved assessment (``assess --format json``), read and checked; InputError otherwise.

    NaN and Infinity, which Python's json would accept, are refused, and so are numbers too large
    for a float; nesting too deep to read is refused rather than crashing.
    """
    return _parse(file, text)[0]


def read_saved(file: str, text: str) -> Side:
    """A saved assessment as a side to compare, checked as :func:`load_saved` checks it."""
    return _parse(file, text)[1].side()


def _check(data: Any) -> _Assessment | tuple[str, str]:
    if not isinstance(data, dict):
        return "(document)", f"expected a JSON object, found {_kind(data)}"
    try:
        return _Assessment.model_validate(data)
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


def problem_in(data: Any) -> tuple[str, str] | None:
    """The first thing that keeps ``data`` from being compared: its JSON path and what is wrong.

    ``None`` when every part the comparison reads is as ``assess --format json`` writes it.
    """
    checked = _check(data)
    return checked if isinstance(checked, tuple) else None


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


# ----------------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class DifferentRubrics:
    """The sides were scored with different rubrics: their scores measure different things."""

    old: RubricKey
    new: RubricKey


@dataclass(frozen=True)
class DifferentScenarios:
    """The sides have different scenario ids: they may not describe one cluster."""

    old: str
    new: str


Caveat = DifferentRubrics | DifferentScenarios


class NotComparable(CompareError):
    """Refused: the rubrics differ and the comparison was not forced."""

    def __init__(self, fact: DifferentRubrics) -> None:
        super().__init__(fact)
        self.fact = fact


@dataclass(frozen=True)
class DimensionDelta:
    """One dimension on both sides; ``None`` where a side has no value (or lacks it)."""

    id: str
    name: Any
    old_score: float | None
    new_score: float | None
    old_coverage: float | None
    new_coverage: float | None
    old_bounds: tuple[float, float] | None = None
    new_bounds: tuple[float, float] | None = None

    @property
    def score_delta(self) -> float | None:
        return delta(self.old_score, self.new_score)

    @property
    def coverage_delta(self) -> float | None:
        return delta(self.old_coverage, self.new_coverage)


@dataclass(frozen=True)
class StatusChange:
    """A criterion whose status moved; ``title`` when either side lists it as a gap."""

    code: str
    slug: str
    old: Status
    new: Status
    title: Any = None


@dataclass
class Comparison:
    """Both sides at one precision (see :func:`compare`), and what moved between them."""

    old: Side
    new: Side
    dimensions: list[DimensionDelta] = field(default_factory=list)
    closed: list[StatusChange] = field(default_factory=list)
    opened: list[StatusChange] = field(default_factory=list)
    changed: list[StatusChange] = field(default_factory=list)
    resolved: list[StatusChange] = field(default_factory=list)
    lost: list[StatusChange] = field(default_factory=list)
    warnings: list[Caveat] = field(default_factory=list)

    @property
    def score_delta(self) -> float | None:
        return delta(self.old.score, self.new.score)

    @property
    def coverage_delta(self) -> float | None:
        return delta(self.old.coverage, self.new.coverage)

    @property
    def rubric(self) -> RubricKey:
        return self.new.rubric

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain data: numbers unrounded, names as the sides give them."""

        def side(s: Side) -> dict[str, Any]:
            scenario = {
                "id": s.scenario_id,
                "name": _plain(s.scenario_name),
                "path": s.path,
                "as_of": s.as_of,
            }
            return {"scenario": scenario, "score": s.score, "coverage": s.coverage}

        def rows(changes: list[StatusChange]) -> list[dict[str, Any]]:
            return [{**vars(c), "title": _plain(c.title)} for c in changes]

        return {
            "rubric": vars(self.rubric),
            "old": side(self.old),
            "new": side(self.new),
            "score_delta": self.score_delta,
            "coverage_delta": self.coverage_delta,
            "dimensions": [
                {
                    **vars(d),
                    "name": _plain(d.name),
                    "score_delta": d.score_delta,
                    "coverage_delta": d.coverage_delta,
                }
                for d in self.dimensions
            ],
            "gaps_closed": rows(self.closed),
            "gaps_opened": rows(self.opened),
            "gaps_changed": rows(self.changed),
            "unknowns_resolved": rows(self.resolved),
            "became_unknown": rows(self.lost),
            "warnings": [_caveat(w) for w in self.warnings],
        }


def _plain(value: Any) -> Any:
    return value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else value


def _caveat(w: Caveat) -> dict[str, Any]:
    if isinstance(w, DifferentRubrics):
        return {"kind": "different_rubrics", "old": vars(w.old), "new": vars(w.new)}
    return {"kind": "different_scenarios", "old": w.old, "new": w.new}


def delta(old: float | None, new: float | None) -> float | None:
    """``new - old``, unrounded; ``None`` when either is missing."""
    return None if old is None or new is None else new - old


Comparable = Assessment | Side | dict[str, Any]


def _side(name: str, value: Any) -> Side:
    if isinstance(value, Assessment):
        return Side.of(value)
    if isinstance(value, Side):
        return value
    checked = _check(value)
    if isinstance(checked, tuple):
        where, message = checked
        raise CompareError(f"the {name} input is not a coopscore assessment: {message} at {where}")
    return checked.side()


def compare(old: Comparable, new: Comparable, force: bool = False) -> Comparison:
    """Compare two assessments: each scored now, a :class:`Side`, or a saved JSON's data.

    Both sides are taken to the coarser side's precision first, so every delta is the
    difference of values known to the same decimals: exact between two assessments scored
    now, and zero between a scenario and its own saved JSON. CompareError when a side is not
    an assessment; :class:`NotComparable` when the rubrics differ and ``force`` is not given.
    """
    a, b = _side("old", old), _side("new", new)
    precision = a.precision.coarser(b.precision) if a.precision else b.precision
    result = Comparison(a.at(precision), b.at(precision))
    a, b = result.old, result.new
    if a.rubric.digest != b.rubric.digest:
        fact = DifferentRubrics(a.rubric, b.rubric)
        if not force:
            raise NotComparable(fact)
        result.warnings.append(fact)
    if a.scenario_id != b.scenario_id:
        result.warnings.append(DifferentScenarios(a.scenario_id, b.scenario_id))
    before = {d.id: d for d in a.dimensions}
    for d in b.dimensions:
        o = before.get(d.id)
        result.dimensions.append(
            DimensionDelta(
                d.id,
                d.name,
                o.score if o else None,
                d.score,
                o.coverage if o else None,
                d.coverage,
                o.bounds if o else None,
                d.bounds,
            )
        )
    was = {c.code: c for c in a.criteria}
    titles = {**a.titles, **b.titles}
    for c in b.criteria:
        prior = was.get(c.code)
        if prior is None:
            continue
        s, t = prior.status, c.status
        row = StatusChange(c.code, c.slug, s, t, titles.get(c.code))
        if s in GAP_STATUSES and t == "met":
            result.closed.append(row)
        elif t in GAP_STATUSES and s in ("met", "unknown", "not_applicable"):
            result.opened.append(row)
        elif s in GAP_STATUSES and t in GAP_STATUSES and s != t:
            result.changed.append(row)
        if s == "unknown" and t != "unknown":
            result.resolved.append(row)
        elif t == "unknown" and s != "unknown":
            result.lost.append(row)
    return result
