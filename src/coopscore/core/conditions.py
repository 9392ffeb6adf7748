"""The rubric's condition language, compiled once into three-valued evaluators.

A condition answers ``True``, ``False`` or ``None`` (unknown). Unknown propagates by Kleene's
rules: ``all`` is false as soon as one part is false, ``any`` true as soon as one part is true,
and otherwise unknown if any part is unknown. So a fact the scenario does not state can never
turn into a verdict by itself.

Forms (paths are dotted scenario paths; ``[]`` fans out over a list's items)::

    {all: [C, ...]}   {any: [C, ...]}   {not: C}   {coalesce: [C, ...]}  # first known answer
    {path: P, <op>: V, measure: len|distinct|age|max|min|sum}
        op: eq ne gt gte lt lte in not_in contains exists
        measure age = as_of - value (years before the scenario's as-of year)
    {each: P, where: C, all: C}    {each: P, where: C, any: C}
    {each: P, among: D, where: C, count: {<op>: N}}     # items of D where C
    {each: P, among: D, where: C, count: {<op>: 'N%'}}  # their share of the items of D
        inside ``each``, paths are relative to the item; ``among`` (default: every item)
        narrows the items counted and, for a share, the items it is a share of

A list entry stands for as many things as its ``count`` says (one when it states none), and
every count weighs it so: ``len`` of a list, and the items ``each ... count`` counts. So one
entry with ``count: 3`` and three entries give the same verdict. A share is bounded from the
items known to match and those that might: an item left unknown keeps it unknown only when it
could move the share across the bound. A share of no items is unknown (guard it with
``applies``).

Compiling checks every path against the scenario model and every operand against what its test
needs (a number for ``gt``, a list for ``in``, true or false for ``exists``, a value of the
field's type for ``eq``, a measure that suits the field), so a condition that compiles cannot fail
when it is evaluated.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from typing import Any, NamedTuple

from pydantic import BaseModel

from coopscore.core.tally import ItemTally, shown_count, shown_share
from coopscore.model import schemapath
from coopscore.paths import Path, PathKey, format_path, parse_pattern

Tri = bool | None


class Choices:
    """The values of an ``in`` list, searched in constant time, answering as ``value in list``.

    Python's ``in`` on a list asks ``is`` or ``==`` of each item; a set asks the same of the
    items with the same hash, and equal builtin values hash alike (``1``, ``1.0`` and ``True``
    too), so for every hashable value the answer is the list's. A value without a hash (a
    list or mapping) can only equal another such value: those are searched among the
    unhashable items alone, which a compiled condition never has.
    """

    __slots__ = ("hashed", "unhashable", "values")

    def __init__(self, values: Iterable[Any]) -> None:
        self.values = list(values)
        self.hashed: set[Any] = set()
        self.unhashable: list[Any] = []
        for value in self.values:
            try:
                self.hashed.add(value)
            except TypeError:
                self.unhashable.append(value)

    def __contains__(self, value: Any) -> bool:
        try:
            return value in self.hashed or value in self.unhashable
        except TypeError:
            return value in self.unhashable

    def __iter__(self) -> Iterator[Any]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        return repr(self.values)


class Numbers:
    """The numbers of a ``count`` ``in`` list, exactly and sorted, for searches by bisection:
    whether a count may equal one, and whether one lies in a range of counts or shares."""

    __slots__ = ("every", "whole")

    def __init__(self, values: Iterable[Any]) -> None:
        self.every = sorted({_exact(v) for v in values})
        self.whole = [v for v in self.every if v.denominator == 1]

    def __contains__(self, value: Any) -> bool:
        return self.inside(_exact(value), _exact(value))

    def inside(
        self,
        low: Fraction | None,
        high: Fraction | None,
        whole: bool = False,
        low_open: bool = False,
        high_open: bool = False,
    ) -> bool:
        """Whether one of the numbers lies between ``low`` and ``high`` (``None``: no bound;
        an open end itself left out)."""
        found = self.whole if whole else self.every
        if low is None:
            at = 0
        else:
            at = (bisect.bisect_right if low_open else bisect.bisect_left)(found, low)
        if at >= len(found):
            return False
        return high is None or found[at] < high or (found[at] == high and not high_open)


def _numbers(target: Any) -> Numbers:
    """The operand of a test as ``Numbers``: one value, or the list ``in`` and ``not_in`` take."""
    if isinstance(target, Numbers):
        return target
    return Numbers(target if isinstance(target, list | tuple) else [target])


OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
    "in": lambda value, options: value in options,
    "not_in": lambda value, options: value not in options,
    "contains": lambda value, item: isinstance(value, list) and item in value,
}
MEASURES = ("len", "distinct", "age", "max", "min", "sum")
# The measures that read a list whole: a list that is not exhaustive leaves them open.
LIST_MEASURES = ("len", "distinct", "max", "min", "sum")
MAX_PATH = 200  # characters: every path of the scenario model is far shorter
ORDERED = ("gt", "gte", "lt", "lte")
SHARE_OPS = (*ORDERED, "eq", "ne")
PERCENT = re.compile(r"(\d{1,3}(?:\.\d{1,6})?)%")


def all3(values: Iterable[Tri]) -> Tri:
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def any3(values: Iterable[Tri]) -> Tri:
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


class Evidence(NamedTuple):
    """A fact the engine read: the scenario path, the value found there, and its line.

    ``measure`` names what was computed from the value (``len`` of a list, ``distinct``
    values, ``age`` in years before ``as_of``...); ``measured`` is the result where it differs.
    ``subject`` is the ``name`` of the nearest list item the path lies in, as the scenario
    gave it (text or ``{en, zh}``), so that a report can say what the fact is about.
    ``open``: what was measured reads a list that is not exhaustive, so a count is at least
    the value shown (more items may exist), and a share, a largest or a sum may move.
    """

    path: str
    value: Any
    line: int | None
    measure: str | None = None
    measured: Any = None
    subject: Any = None
    open: bool = False
    # The file that stated the fact when it is not the scenario's own (a base it extends).
    file: str | None = None

    def describe(self) -> str:
        shown = _show(self.value)
        if self.measure == "age":
            return f"{self.path} = {shown} ({self.measured} years before as_of)"
        if self.measure:
            return f"{self.measure}({self.path}) = {shown}"
        return f"{self.path} = {shown}"


def _show(value: Any, limit: int = 60) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Contradiction(NamedTuple):
    """A stated value that decides a ``coalesce`` while a fallback after it says otherwise.

    ``coalesce`` takes the first known answer, so stating that value overrides the fallback:
    the one place where leaving a fact out can move a verdict rather than open it. Each such
    case is reported with what both sides read.
    """

    stated: tuple[Evidence, ...]
    fallback: tuple[Evidence, ...]
    stated_answer: bool
    fallback_answer: bool


class Context:
    """What one evaluation reads from and records into."""

    __slots__ = (
        "_seen",
        "_unknown",
        "as_of",
        "contradictions",
        "data",
        "evidence",
        "file_of",
        "line_of",
        "open_lists",
        "unknown",
    )

    def __init__(
        self,
        data: Any,
        as_of: int | None,
        line_of: Callable[[Path], int | None],
        open_lists: frozenset[Path] = frozenset(),
        *,
        file_of: Callable[[Path], str | None] | None = None,
    ) -> None:
        self.data = data
        self.as_of = as_of
        self.line_of = line_of
        # The paths of the lists that are not exhaustive (at least their items, maybe more).
        self.open_lists = open_lists
        self.evidence: list[Evidence] = []
        self.unknown: list[str] = []
        self.contradictions: list[Contradiction] = []
        # The items of ``evidence`` by (path, measure), and the set of ``unknown``: every
        # record is checked against a few items, not the whole list, so a long list stays fast.
        self._seen: dict[tuple[str, str | None], list[Evidence]] = {}
        self._unknown: set[str] = set()
        # The file that stated a path, where it is not the scenario's own (``Document.file_of``).
        self.file_of = file_of

    def saw(
        self,
        path: Path,
        value: Any,
        shown: str | None = None,
        measure: str | None = None,
        measured: Any = None,
        opened: bool = False,
    ) -> None:
        item = Evidence(
            shown or format_path(path),
            value,
            self.line_of(path),
            measure,
            measured,
            _subject(self.data, path),
            opened,
            self.file_of(path) if self.file_of is not None else None,
        )
        same = self._seen.setdefault((item.path, measure), [])
        if item not in same:
            same.append(item)
            self.evidence.append(item)

    def missing(self, text: str) -> None:
        if text not in self._unknown:
            self._unknown.add(text)
            self.unknown.append(text)

    def aside(self) -> Context:
        """A fresh context that reads the same scenario and records apart."""
        return Context(self.data, self.as_of, self.line_of, self.open_lists, file_of=self.file_of)

    def is_open(self, path: Path) -> bool:
        """The list at ``path`` is not exhaustive: more items than those listed may exist."""
        return path in self.open_lists


def _subject(data: Any, path: Path) -> Any:
    """The ``name`` of the innermost list item on ``path`` that has one, else ``None``."""
    found, node = None, data
    for key in path:
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            node = node[key]
            name = node.get("name") if isinstance(node, dict) else None
            if isinstance(name, str | dict):
                found = name
        elif isinstance(key, str) and isinstance(node, dict) and key in node:
            node = node[key]
        else:
            break
    return found


Evaluator = Callable[[Context, Any, Path], Tri]


class ConditionError(ValueError):
    """A malformed condition; ``where`` is the path inside the rubric document."""

    def __init__(self, message: str, where: tuple[PathKey, ...]) -> None:
        super().__init__(message)
        self.where = where


class Compiler(NamedTuple):
    """Compiles condition data against a scenario model, checking every path it names."""

    model: type[BaseModel]
    params: dict[str, Any]

    def compile(
        self, spec: Any, where: tuple[PathKey, ...], scope: tuple[str, ...] = ()
    ) -> Evaluator:
        if not isinstance(spec, dict) or not spec:
            raise ConditionError("a condition must be a non-empty mapping", where)
        for combinator in ("all", "any", "coalesce"):
            if combinator in spec and "each" not in spec:
                return self._combine(spec, combinator, where, scope)
        if "not" in spec:
            self._only(spec, {"not"}, where)
            inner = self.compile(spec["not"], (*where, "not"), scope)

            def negate(ctx: Context, node: Any, base: Path) -> Tri:
                value = inner(ctx, node, base)
                return None if value is None else not value

            return negate
        if "each" in spec:
            return self._each(spec, where, scope)
        if "path" in spec:
            return self._leaf(spec, where, scope)
        raise ConditionError(
            f"unknown condition form with keys {_keys(spec)}; expected all, any, not, "
            "coalesce, path or each",
            where,
        )

    def _only(self, spec: dict[str, Any], allowed: set[str], where: tuple[PathKey, ...]) -> None:
        extra = set(spec) - allowed
        if extra:
            raise ConditionError(f"unexpected key(s) {_keys(extra)} in this condition", where)

    def _param(self, value: Any, where: tuple[PathKey, ...]) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            name = value[1:]
            if name not in self.params:
                raise ConditionError(f"unknown parameter {value!r}; define it under params", where)
            return self.params[name]
        return value

    def _combine(
        self, spec: dict[str, Any], name: str, where: tuple[PathKey, ...], scope: tuple[str, ...]
    ) -> Evaluator:
        self._only(spec, {name}, where)
        parts = spec[name]
        if not isinstance(parts, list) or not parts:
            raise ConditionError(f"{name!r} takes a non-empty list of conditions", (*where, name))
        children = [self.compile(p, (*where, name, i), scope) for i, p in enumerate(parts)]
        if name == "all":
            return lambda ctx, node, base: all3([c(ctx, node, base) for c in children])
        if name == "any":
            return lambda ctx, node, base: any3([c(ctx, node, base) for c in children])

        def coalesce(ctx: Context, node: Any, base: Path) -> Tri:
            for position, child in enumerate(children):
                value = child(ctx, node, base)
                if value is not None:
                    _contradicted(ctx, children[position:], node, base, value)
                    return value
            return None

        return coalesce

    def _resolve(
        self, text: Any, where: tuple[PathKey, ...], scope: tuple[str, ...]
    ) -> tuple[tuple[str, ...], Any]:
        if not isinstance(text, str):
            raise ConditionError("a path must be text such as 'institutions.execution'", where)
        if len(text) > MAX_PATH:
            raise ConditionError(
                f"a path of {len(text):,} characters is longer than any scenario path "
                f"(at most {MAX_PATH})",
                where,
            )
        try:
            parts = parse_pattern(text)
        except ValueError as exc:
            raise ConditionError(str(exc), where) from None
        try:
            annotation = schemapath.resolve(self.model, scope + parts)
        except KeyError as exc:
            bad = (scope + parts)[: exc.args[0] + 1]
            raise ConditionError(
                f"unknown scenario path {text!r} (no field {_show(bad[-1])} there)", where
            ) from None
        return parts, annotation

    def _leaf(
        self, spec: dict[str, Any], where: tuple[PathKey, ...], scope: tuple[str, ...]
    ) -> Evaluator:
        ops = [k for k in spec if k in OPS or k == "exists"]
        self._only(spec, {"path", "measure", *ops}, where)
        if len(ops) != 1:
            raise ConditionError(
                f"a path condition needs exactly one test of {[*OPS, 'exists']}", where
            )
        parts, annotation = self._resolve(spec["path"], (*where, "path"), scope)
        op = ops[0]
        at = (*where, op)
        expected = self._param(spec[op], at)
        other: tuple[str, ...] | None = None
        if isinstance(expected, dict):
            if op not in (*ORDERED, "eq", "ne"):
                raise ConditionError(f"{op!r} takes a value, not {{path: ...}}", at)
            if set(expected) != {"path"} or "[]" in str(expected["path"]):
                raise ConditionError("compare with a value or {path: other.path}", at)
            other, right = self._resolve(expected["path"], (*at, "path"), scope)
            if op in ORDERED and schemapath.kind_of(right) != "number":
                raise ConditionError(
                    f"{op!r} compares numbers; {expected['path']!r} is not a number field", at
                )
        measure = spec.get("measure")
        if measure is not None and (not isinstance(measure, str) or measure not in MEASURES):
            raise ConditionError(f"unknown measure {measure!r}; expected one of {MEASURES}", where)
        fans = "[]" in parts
        if fans and measure not in ("len", "distinct", "max", "min", "sum") and op != "exists":
            raise ConditionError(
                "a path with [] needs a measure: distinct, len, max, min or sum", where
            )
        path_text = spec["path"]
        if measure is not None:
            _check_measure(measure, annotation, fans, path_text, where)
        left = "number" if measure is not None else schemapath.kind_of(annotation)
        if other is None:
            note = _origin(spec[op])
            try:
                _check_operand(op, expected, left, None if measure else annotation, path_text)
            except ConditionError as exc:
                raise ConditionError(f"{exc}{note}", at) from None
        elif op in ORDERED and left not in ("number", "mixed"):
            raise ConditionError(_not_numeric(op, path_text, left), at)
        pattern = spec["path"]
        test = OPS.get(op)
        if op in ("in", "not_in"):
            expected = Choices(expected)  # a membership test per item stays constant time
        bounded = fans and measure == "distinct" and op in (*ORDERED, "eq", "ne") and other is None

        def shown(base: Path) -> str:
            return f"{format_path(base)}.{pattern}" if base else pattern

        reads_list = measure in LIST_MEASURES or op == "contains" or (fans and op == "exists")
        floor = schemapath.lower_bound(schemapath.list_item(annotation) or annotation)

        def leaf(ctx: Context, node: Any, base: Path) -> Tri:
            if bounded:
                return distinct_leaf(ctx, node, base, shown(base))
            found = _walk(node, parts, base)
            if isinstance(found, Missing):
                if op == "exists":
                    return expected is False
                ctx.missing(shown(base))
                return None
            stated_path, value = found
            raw = value
            opened = (
                _open_along(node, parts, base, ctx.open_lists)
                if reads_list and ctx.open_lists
                else None
            )
            more = opened is not None
            if measure is not None:
                value = _measure(measure, value, ctx)
                if value is None:
                    ctx.missing("as_of" if measure == "age" else shown(base))
                    return None
            if measure is None and isinstance(value, dict):
                # a section of fields is cited as stated, not copied whole into the evidence
                ctx.saw(stated_path, True, shown(base) if fans else None, "exists")
            elif measure is None:
                ctx.saw(stated_path, value, shown(base) if fans else None, opened=more)
            elif measure == "age":
                ctx.saw(stated_path, raw, shown(base) if fans else None, measure, value)
            elif measure == "distinct":
                ctx.saw(stated_path, _distinct(raw), shown(base), measure, value, more)
            else:
                ctx.saw(stated_path, value, shown(base) if fans else None, measure, opened=more)
            if op == "exists":
                if opened is not None:  # an item not listed may lack it
                    ctx.missing(format_path(opened))
                    return None
                return expected is True
            target = expected
            if other is not None:
                second = _walk(node, other, base)
                if isinstance(second, Missing):
                    ctx.missing(format_path(second.path))
                    return None
                ctx.saw(*second)
                target = second[1]
            assert test is not None
            if opened is not None:
                answer = _open_answer(op, test, measure, value, target, floor)
                if answer is None:
                    ctx.missing(format_path(opened))
                return answer
            try:
                return bool(test(value, target))
            except TypeError:
                return False

        def distinct_leaf(ctx: Context, node: Any, base: Path, full: str) -> Tri:
            """Unstated items only matter when they could change the answer; a list that is
            not exhaustive may hold any number of further values."""
            list_path, values, extra, gaps = _distinct_bounds(node, parts, base, ctx.open_lists)
            more = any(gap[:-1] in ctx.open_lists for gap in gaps if gap[-1] == "[]")
            if gaps and gaps[0] == (*list_path, "[]") and len(gaps) == 1 and not values:
                if more:
                    ctx.saw(list_path, values, full, "distinct", 0, True)
                ctx.missing(format_path(list_path))
                return None
            low = len(values)
            high = None if extra is None else Fraction(low + extra)
            answer = _decide(op, Fraction(low), high, expected, whole=True)
            ctx.saw(list_path, values, full, "distinct", low, more)
            if answer is not None:
                return answer
            for gap in gaps:
                ctx.missing(format_path(tuple(k for k in gap if k != "[]")))
            return None

        return leaf

    def _each(
        self, spec: dict[str, Any], where: tuple[PathKey, ...], scope: tuple[str, ...]
    ) -> Evaluator:
        quantifiers = [k for k in ("all", "any", "count") if k in spec]
        self._only(spec, {"each", "where", "among", *quantifiers}, where)
        if len(quantifiers) != 1:
            raise ConditionError("'each' needs exactly one of all, any or count", where)
        parts, annotation = self._resolve(spec["each"], (*where, "each"), scope)
        if "[]" in parts or schemapath.kind_of(annotation) != "list":
            raise ConditionError(f"'each' needs a list path, {spec['each']!r} is not one", where)
        item_scope = (*scope, *parts, "[]")
        keep = (
            self.compile(spec["where"], (*where, "where"), item_scope) if "where" in spec else None
        )
        quantifier = quantifiers[0]
        if "among" in spec and quantifier != "count":
            raise ConditionError(
                "'among' narrows what 'count' counts; with all or any, use 'where'",
                (*where, "among"),
            )
        if quantifier == "count":
            among = (
                self.compile(spec["among"], (*where, "among"), item_scope)
                if "among" in spec
                else None
            )
            return self._count(spec, where, parts, keep, among)
        inner = self.compile(spec[quantifier], (*where, quantifier), item_scope)
        combine = all3 if quantifier == "all" else any3

        def each(ctx: Context, node: Any, base: Path) -> Tri:
            found = _walk(node, parts, base)
            if isinstance(found, Missing):
                ctx.missing(format_path((*base, *parts)))
                return None
            list_path, items = found
            more = ctx.is_open(list_path)
            if not items or more:
                ctx.saw(list_path, sum(_weight(i) for i in items), measure="len", opened=more)
            results: list[Tri] = []
            for index in range(len(items)):
                item_path = (*list_path, index)
                kept = keep(ctx, node, item_path) if keep else True
                value = inner(ctx, node, item_path)
                if quantifier == "all":
                    results.append(any3([None if kept is None else not kept, value]))
                else:
                    results.append(all3([kept, value]))
            if more:  # an item not listed could answer either way
                results.append(None)
            answer = combine(results)
            if more and answer is None:
                ctx.missing(format_path(list_path))
            return answer

        return each

    def _count(
        self,
        spec: dict[str, Any],
        where: tuple[PathKey, ...],
        parts: tuple[str, ...],
        keep: Evaluator | None,
        among: Evaluator | None,
    ) -> Evaluator:
        """``each ... count``: how many items match, or what share of them, in three values."""
        bound = spec["count"]
        if not isinstance(bound, dict) or len(bound) != 1 or next(iter(bound)) not in OPS:
            raise ConditionError("'count' takes one comparison, e.g. {gte: 2}", (*where, "count"))
        ((op, raw),) = bound.items()
        limit = self._param(raw, (*where, "count", op))
        try:
            share = _check_count(op, limit)
        except ConditionError as exc:
            raise ConditionError(f"{exc}{_origin(raw)}", (*where, "count", op)) from None
        if op in ("in", "not_in"):
            limit = Numbers(limit)  # sorted once, searched by bisection at each count

        def count(ctx: Context, node: Any, base: Path) -> Tri:
            found = _walk(node, parts, base)
            if isinstance(found, Missing):
                ctx.missing(format_path((*base, *parts)))
                return None
            list_path, items = found
            start = len(ctx.evidence)
            tally = ItemTally()  # the one tally every count of a list goes through
            for index, item in enumerate(items):
                item_path = (*list_path, index)
                inside = among(ctx, node, item_path) if among else True
                if inside is False:
                    continue
                hit = keep(ctx, node, item_path) if keep else True
                tally.add(inside, hit, _weight(item))
            summary = len(ctx.evidence)
            more = ctx.is_open(list_path)  # items not listed: any number, each unknown
            if share is not None:
                value = _share_test(ctx, list_path, tally, op, share, more)
            else:
                ctx.saw(list_path, shown_count(tally), measure="matching", opened=more)
                low, high = tally.matching
                top = None if more else Fraction(high)
                value = _decide(op, Fraction(low), top, limit, whole=True)
            if value is None and more:
                ctx.missing(format_path(list_path))
            if len(ctx.evidence) > summary:  # the count leads the facts of the items it counted
                ctx.evidence.insert(start, ctx.evidence.pop())
            return value

        return count


def _weight(item: Any) -> int:
    """How many things a list entry stands for: its ``count``, one when it states none."""
    if isinstance(item, dict):
        count = item.get("count")
        if type(count) is int and count >= 1:
            return count
    return 1


def _share_test(
    ctx: Context, list_path: Path, tally: ItemTally, op: str, share: Fraction, more: bool = False
) -> Tri:
    """The share of matching items among those counted, bounded over every unknown item.

    ``more``: the list is not exhaustive, so any number of items not listed may be counted,
    matching or not; the share can then come near 0 (reaching it only when no item surely
    matches) and near 1 (reaching it only when no counted item surely fails)."""
    ctx.saw(list_path, shown_share(tally), measure="share", opened=more)
    bounds = tally.share()
    if bounds is None:  # no item is surely counted: the share may not exist
        return None
    if more:
        return _decide(
            op, Fraction(0), Fraction(1), share, low_open=tally.yes > 0, high_open=tally.no > 0
        )
    return _decide(op, *bounds, share)


def _decide(
    op: str,
    low: Fraction | None,
    high: Fraction | None,
    target: Any,
    whole: bool = False,
    low_open: bool = False,
    high_open: bool = False,
) -> Tri:
    """``op`` on a value known to lie between ``low`` and ``high``: an answer only when every
    value gives it.

    ``None`` is an end without bound (a count of a list that is not exhaustive has no upper
    end); ``low_open``/``high_open`` leave out that end itself (a share that unseen items can
    bring near 0 but not to it). ``whole``: the value is a whole number (a count), so no value
    lies strictly between two whole numbers. The numbers of ``in`` and ``not_in`` come as
    ``Numbers`` (or a list, made one here), searched by bisection."""
    if low is not None and low == high and not (low_open or high_open):
        if op in ORDERED:
            return bool(OPS[op](low, _exact(target)))
        return _numbers(target).inside(low, low) == (op in ("eq", "in"))
    if op in ORDERED:
        can_true, can_false = _reachable(op, low, high, _exact(target), low_open, high_open)
        return None if can_true and can_false else can_true
    if _numbers(target).inside(low, high, whole, low_open, high_open):
        return None
    return op in ("ne", "not_in")


def _reachable(
    op: str,
    low: Fraction | None,
    high: Fraction | None,
    bound: Fraction,
    low_open: bool,
    high_open: bool,
) -> tuple[bool, bool]:
    """Whether some value between the ends makes ``op`` (gt, gte, lt, lte) true, and false."""
    below = low is None or low < bound  # some value lies under the bound
    at_low = low is not None and low == bound and not low_open  # the bound itself, from below
    over = high is None or high > bound
    at_high = high is not None and high == bound and not high_open
    if op == "gt":
        return over, below or at_low or (at_high and not over)
    if op == "gte":
        return over or at_high or at_low, below
    if op == "lt":
        return below, over or at_high or (at_low and not below)
    return below or at_low or at_high, over  # lte


def _open_answer(
    op: str,
    test: Callable[[Any, Any], bool],
    measure: str | None,
    value: Any,
    target: Any,
    floor: float | None,
) -> Tri:
    """``op`` on what was read from a list that is not exhaustive: items not listed may add to
    it. A count or a number of distinct values is at least what is listed; a largest value at
    least, a smallest at most, the listed one; a sum at least the listed one when no value can
    be negative. ``contains`` finds an item or leaves it open."""
    try:
        if op == "contains" or measure is None:
            return True if test(value, target) else None
        number = _exact(value)
        ends: dict[str, tuple[Fraction | None, Fraction | None]] = {
            "len": (number, None),
            "distinct": (number, None),
            "max": (number, None),
            "min": (None, number),
            "sum": (number if floor is not None and floor >= 0 else None, None),
        }
        low, high = ends[measure]
        return _decide(op, low, high, target, whole=measure in ("len", "distinct"))
    except (TypeError, ValueError):
        return None


def _exact(value: Any) -> Fraction:
    """A number as a fraction, as it is written: 0.3 is 3/10, not the float nearest to it."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def _contradicted(
    ctx: Context, parts: list[Evaluator], node: Any, base: Path, answer: bool
) -> None:
    """Record the first known fallback after ``parts[0]`` (which answered) if it says otherwise.

    Fallbacks are read aside, so the verdict's evidence stays what decided it. A fallback that
    only reads what the stated part read is the same fact, not a contradiction.
    """
    for fallback in parts[1:]:
        aside = ctx.aside()
        other = fallback(aside, node, base)
        if other is None:
            continue
        if other != answer:
            stated = ctx.aside()
            parts[0](stated, node, base)
            read = {e.path for e in stated.evidence}
            if any(e.path not in read for e in aside.evidence):
                found = Contradiction(tuple(stated.evidence), tuple(aside.evidence), answer, other)
                ctx.contradictions.append(found)
        return


def _keys(keys: Iterable[Any]) -> list[str]:
    """Keys as text, sorted: a YAML key may be a number, which does not sort with text."""
    return sorted(str(key) for key in keys)


def _origin(raw: Any) -> str:
    """Where an operand came from, when it is a parameter."""
    return f" (from params.{raw[1:]})" if isinstance(raw, str) and raw.startswith("$") else ""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _found(value: Any) -> str:
    """An operand as a message names it."""
    if value is None:
        return "found null"
    if isinstance(value, bool):
        return f"found {'true' if value else 'false'} (a boolean)"
    if isinstance(value, list):
        return "found a list"
    if isinstance(value, dict):
        return "found a mapping"
    return f"found {_show(value)}"


KIND_NAMES = {
    "list": "a list",
    "mapping": "a mapping",
    "model": "a section of fields",
    "number": "a number",
    "bool": "true or false",
    "text": "text",
    "choice": "one of a set of values",
    "mixed": "a value of several types",
}


VALUE_TESTS: dict[str, Callable[[Any], bool]] = {
    "number": _is_number,
    "bool": lambda value: isinstance(value, bool),
    "text": lambda value: isinstance(value, str),
}


def _not_numeric(op: str, path: str, kind: str) -> str:
    return f"{op!r} compares numbers, but {path!r} holds {KIND_NAMES.get(kind, kind)}"


def _check_measure(measure: str, annotation: Any, fans: bool, path: str, where: Path) -> None:
    """A measure must suit what the path holds: lengths of lists, ages of years, sums of numbers."""
    kind = schemapath.kind_of(annotation)
    if measure in ("len", "distinct"):
        if not fans and kind not in ("list", "mixed"):
            raise ConditionError(
                f"measure {measure!r} counts the items of a list, but {path!r} holds "
                f"{KIND_NAMES.get(kind, kind)}",
                where,
            )
        return
    if measure == "age" and not schemapath.whole_number(annotation):
        raise ConditionError(f"measure 'age' needs a year, but {path!r} holds no year", where)
    if measure in ("max", "min", "sum") and kind != "number":
        item = schemapath.list_item(annotation)
        if item is None or schemapath.kind_of(item) != "number":
            raise ConditionError(
                f"measure {measure!r} needs numbers, but {path!r} holds "
                f"{KIND_NAMES.get(kind, kind)}",
                where,
            )


def _check_operand(op: str, value: Any, left: str, annotation: Any, path: str) -> None:
    """The operand must be what ``op`` compares the path's value with (``where`` set by caller)."""
    if op == "exists":
        if not isinstance(value, bool):
            raise ConditionError(f"'exists' takes true or false, {_found(value)}", ())
        return
    if op in ORDERED:
        if left not in ("number", "mixed"):
            raise ConditionError(_not_numeric(op, path, left), ())
        if not _is_number(value):
            raise ConditionError(f"{op!r} compares with a number, {_found(value)}", ())
        return
    if op == "contains":
        if annotation is None:
            raise ConditionError("'contains' tests the items of a list; it takes no measure", ())
        item = schemapath.list_item(annotation)
        if left != "list" or item is None:
            raise ConditionError(f"'contains' needs a list path, but {path!r} is no list", ())
        _check_value(op, value, schemapath.kind_of(item), path, schemapath.choices(item))
        return
    allowed = schemapath.choices(annotation) if annotation is not None else []
    if op in ("in", "not_in"):
        if not isinstance(value, list):
            raise ConditionError(f"{op!r} takes a list of values, {_found(value)}", ())
        for option in value:
            _check_value(op, option, left, path, allowed)
        return
    _check_value(op, value, left, path, allowed)


def _check_value(op: str, value: Any, kind: str, path: str, allowed: list[Any]) -> None:
    """One value compared for equality with what ``path`` holds."""
    if value is None or isinstance(value, list | dict):
        hint = "; test a missing value with exists: false" if value is None else ""
        raise ConditionError(f"{op!r} compares with one plain value, {_found(value)}{hint}", ())
    if kind in ("list", "mapping", "model"):
        raise ConditionError(
            f"{op!r} compares plain values, but {path!r} holds {KIND_NAMES[kind]}; "
            "use a measure (len, distinct) or contains",
            (),
        )
    if allowed and value not in allowed:
        raise ConditionError(f"{value!r} is not a value of {path!r}; expected one of {allowed}", ())
    test = VALUE_TESTS.get(kind)
    if test is not None and not test(value):
        raise ConditionError(f"{op!r} needs {KIND_NAMES[kind]} for {path!r}, {_found(value)}", ())


def _check_count(op: str, limit: Any) -> Fraction | None:
    """``count`` compares a number of items: with a number, or a list of them for in/not_in;
    or, given as a percentage ('50%'), their share. Returns that share, if it is one."""
    if op == "contains":
        raise ConditionError("'count' compares a number of items; 'contains' does not apply", ())
    if isinstance(limit, str) and limit.endswith("%"):
        match = PERCENT.fullmatch(limit)
        share = Fraction(match.group(1)) / 100 if match else None
        if share is None or share > 1:
            raise ConditionError(
                f"a share is a percentage from 0% to 100%, such as '50%', {_found(limit)}", ()
            )
        if op not in SHARE_OPS:
            raise ConditionError(
                f"{op!r} does not compare a share; use one of {list(SHARE_OPS)}", ()
            )
        return share
    if op in ("in", "not_in"):
        if not isinstance(limit, list) or not all(_is_number(v) for v in limit):
            raise ConditionError(f"{op!r} takes a list of numbers, {_found(limit)}", ())
    elif not _is_number(limit):
        raise ConditionError(
            f"{op!r} compares the count with a number, {_found(limit)}; "
            "or give a share such as '50%'",
            (),
        )
    return None


class Missing:
    """A path that leads nowhere in the data: what the scenario does not state."""

    __slots__ = ("path",)

    def __init__(self, path: Path) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"Missing(path={self.path!r})"


def _walk(root: Any, parts: tuple[str, ...], base: Path) -> Missing | tuple[Path, Any]:
    """Follow ``parts`` from ``base`` in ``root``; fan-outs collect every item's value."""
    node = root
    for key in base:
        node = node[key]
    return _follow(node, parts, base)


def _follow(node: Any, parts: tuple[str, ...], path: Path) -> Missing | tuple[Path, Any]:
    for position, part in enumerate(parts):
        if part == "[]":
            if node is None:
                return Missing(path)
            values: list[Any] = []
            for index, item in enumerate(_items(node)):
                found = _follow(item, parts[position + 1 :], (*path, index))
                if isinstance(found, Missing):
                    return found
                sub = found[1]
                if "[]" in parts[position + 1 :]:
                    values.extend(sub)
                else:
                    values.append(sub)
            return path, values
        if not isinstance(node, dict) or node.get(part) is None:
            return Missing((*path, part))
        node = node[part]
        path = (*path, part)
    return path, node


def _open_along(
    root: Any, parts: tuple[str, ...], base: Path, open_lists: frozenset[Path]
) -> Path | None:
    """The first list that ``parts`` reads whole (fans out over, or ends at) and that is not
    exhaustive, or None."""
    node = root
    for key in base:
        node = node[key]
    if "[]" not in parts:
        end = (*base, *parts)
        return end if end in open_lists else None
    return _open_fan(node, parts, base, open_lists)


def _open_fan(
    node: Any, parts: tuple[str, ...], path: Path, open_lists: frozenset[Path]
) -> Path | None:
    for position, part in enumerate(parts):
        if part == "[]":
            if path in open_lists:
                return path
            for index, item in enumerate(_items(node)):
                found = _open_fan(item, parts[position + 1 :], (*path, index), open_lists)
                if found is not None:
                    return found
            return None
        if not isinstance(node, dict) or node.get(part) is None:
            return None
        node = node[part]
        path = (*path, part)
    return None


def _gather(
    node: Any,
    parts: tuple[str, ...],
    path: Path,
    known: list[Any],
    open_lists: frozenset[Path] = frozenset(),
) -> list[Path]:
    """Collect the values a fanned-out path reaches; return where items leave it unstated.

    A gap where a whole list is unstated, or a list is not exhaustive, is returned with a
    trailing ``"[]"`` key: it could hold any number of values.
    """
    gaps: list[Path] = []
    for position, part in enumerate(parts):
        if part == "[]":
            if node is None:
                return [(*path, "[]")]
            if path in open_lists:
                gaps.append((*path, "[]"))
            for index, item in enumerate(_items(node)):
                gaps.extend(_gather(item, parts[position + 1 :], (*path, index), known, open_lists))
            return gaps
        if not isinstance(node, dict) or node.get(part) is None:
            # unstated above a fan-out, it could hold any number of values
            rest = parts[position + 1 :]
            return [(*path, part, "[]") if "[]" in rest else (*path, part)]
        node = node[part]
        path = (*path, part)
    known.append(node)
    return gaps


def _distinct_bounds(
    root: Any, parts: tuple[str, ...], base: Path, open_lists: frozenset[Path] = frozenset()
) -> tuple[Path, list[Any], int | None, list[Path]]:
    """Distinct stated values, and how many more unstated items could add (None: any number)."""
    node = root
    for key in base:
        node = node[key]
    fan = parts.index("[]")
    known: list[Any] = []
    gaps = _gather(node, parts, base, known, open_lists)
    extra: int | None = len(gaps)
    if any(gap and gap[-1] == "[]" for gap in gaps):
        extra = None
    return (*base, *parts[:fan]), _distinct(known), extra, gaps


def _items(node: Any) -> list[Any]:
    """What ``[]`` fans out over: a list's items; a single value (``source: key``) is one item."""
    return node if isinstance(node, list) else [node]


def _distinct(values: Any) -> list[Any]:
    """Distinct values in first-seen order, each looked up by its hash, so long lists stay fast.

    A list or mapping is looked up by ``_frozen``, a hashable form equal exactly when it is."""
    seen: list[Any] = []
    hashed: set[Any] = set()
    for value in values if isinstance(values, list) else [values]:
        key = _frozen(value)
        if key in hashed:
            continue
        hashed.add(key)
        seen.append(value)
    return seen


class _Frozen(tuple[Any, ...]):
    """A list's or mapping's hashable form: never equal to a value a scenario states."""

    __slots__ = ()


def _frozen(value: Any) -> Any:
    """``value`` itself when it has a hash; a list as its items' forms, a mapping as the set of
    its keys with their values' forms (so two are equal exactly when the originals are)."""
    if isinstance(value, list):
        return _Frozen(("list", tuple(_frozen(v) for v in value)))
    if isinstance(value, dict):
        return _Frozen(("dict", frozenset((k, _frozen(v)) for k, v in value.items())))
    return value


def _measure(measure: str, value: Any, ctx: Context) -> Any:
    if measure == "age":
        return None if ctx.as_of is None or not isinstance(value, int) else ctx.as_of - value
    values = value if isinstance(value, list) else [value]
    if measure == "len":
        return sum(_weight(v) for v in values)
    if measure == "distinct":
        return len(_distinct(values))
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if not numbers:
        return 0 if measure == "sum" else None
    if measure == "max":
        return max(numbers)
    if measure == "min":
        return min(numbers)
    return sum(numbers)
