"""The blocks a report is made of: what every output shows, before any output is chosen.

A report builder (one per subject: an assessment, a batch ranking, a plan, ...) turns the
core's results into a :class:`Report`, a flat sequence of these blocks, with every word already
in the reader's language. A writer (``formats/``) then draws the blocks for its medium and
escapes every piece of text on the way out: text in a block is kept as the file gave it.

Blocks carry meaning, not looks: a table column says what it holds (a code, a number, prose),
an inline span says what it is (a code, a severity), and each writer decides how that is drawn.
So the terminal can keep a bound whole while it wraps prose, and Markdown and HTML can show the
same thing with their own means.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias

_setattr = object.__setattr__


class Record:
    """A value: its fields set once, in ``__slots__``; equal to a value of its own class with
    equal fields, hashed by them, shown with them. Written by hand rather than as dataclasses,
    which compile half a dozen methods per class when a report's module is imported."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            _setattr(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: cannot delete {name}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Any:
        """A copy with ``changes``."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return type(self)(**values)


# What a piece of inline text is. Writers map each to their own look; unknown to a writer,
# a mark is shown as plain text, never dropped.
Mark = Literal[
    "plain",
    "strong",  # a title, a score
    "dim",  # what a reader may skip: a slug, a provenance line
    "code",  # a criterion code, an id, a scenario path: looked up as written
    "high",  # a severity or a flagged status
    "medium",
    "low",
    "good",  # a clear status, no gaps
    "bad",  # a warning
    "link",  # a URL (``Span.target``)
]


class Span(Record):
    """Text with one mark. ``target`` is a link's address (``mark == "link"``)."""

    __slots__ = ("mark", "target", "text")
    text: str
    mark: Mark
    target: str | None

    def __init__(self, text: str, mark: Mark = "plain", target: str | None = None) -> None:
        _setattr(self, "text", text)  # spans are many: set without ``_set``'s keywords
        _setattr(self, "mark", mark)
        _setattr(self, "target", target)


Inline: TypeAlias = tuple[Span, ...]


def inline(*parts: str | Span) -> Inline:
    """Plain strings and spans as one inline text; empty strings are dropped."""
    return tuple(p if isinstance(p, Span) else Span(p) for p in parts if p != "")


def plain_text(text: Inline) -> str:
    """The text of ``text`` with its marks dropped."""
    return "".join(s.text for s in text)


# What a table column holds, which decides how a writer may fit it. A code, a number or a
# bound is never cut or broken; a path folds at ``/`` or ``.``; a name and prose wrap between
# words (or between CJK characters).
Role = Literal["code", "number", "bounds", "name", "path", "prose"]
UNBROKEN: frozenset[Role] = frozenset({"code", "number", "bounds"})


class Column(Record):
    __slots__ = ("role", "title")
    title: str
    role: Role

    def __init__(self, title: str, role: Role = "prose") -> None:
        self._set(title=title, role=role)


Cell: TypeAlias = Inline


class Heading(Record):
    """A heading; level 1 is the report's title. A writer keeps it with what follows.
    ``anchor``: a stable id for links (HTML, Markdown)."""

    __slots__ = ("anchor", "level", "text")
    text: Inline
    level: int
    anchor: str | None

    def __init__(self, text: Inline, level: int = 2, anchor: str | None = None) -> None:
        self._set(text=text, level=level, anchor=anchor)


class Paragraph(Record):
    """``indent``: the nesting depth under the heading before it (0: none)."""

    __slots__ = ("indent", "text")
    text: Inline
    indent: int

    def __init__(self, text: Inline, indent: int = 0) -> None:
        self._set(text=text, indent=indent)


class Note(Record):
    """A paragraph a reader may skip: how a number is computed, what a mark means."""

    __slots__ = ("text",)
    text: Inline

    def __init__(self, text: Inline) -> None:
        self._set(text=text)


class Bullets(Record):
    """Items of one kind, each an inline text. With ``brief``, a brief writer (the terminal
    without ``-v``) shows the first ``brief`` and then ``more`` (a template with ``{count}``);
    the others show them all."""

    __slots__ = ("brief", "indent", "items", "more")
    items: tuple[Inline, ...]
    indent: int
    brief: int | None
    more: str

    def __init__(
        self,
        items: tuple[Inline, ...],
        indent: int = 0,
        brief: int | None = None,
        more: str = "(+{count})",
    ) -> None:
        self._set(items=items, indent=indent, brief=brief, more=more)


class Table(Record):
    __slots__ = ("columns", "rows", "title")
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str | None

    def __init__(
        self,
        columns: tuple[Column, ...],
        rows: tuple[tuple[Cell, ...], ...],
        title: str | None = None,
    ) -> None:
        for row in rows:
            if len(row) != len(columns):
                raise ValueError(f"a row of {len(row)} cells in a table of {len(columns)}")
        self._set(columns=columns, rows=rows, title=title)


class Fact(Record):
    """A fact read from a scenario, cited: a thing's name, the fact in words, and where it
    stands (``where``, in words: "line 306", or "base.yaml:306" for a fact another file
    stated), with its scenario ``path``. ``quote`` is the file's own line ``line``, shown where
    a writer has room for it."""

    __slots__ = ("fact", "line", "path", "quote", "subject", "where")
    fact: str
    where: str
    path: str
    subject: str
    line: int | None
    quote: str | None

    def __init__(
        self,
        fact: str,
        where: str,
        path: str = "",
        subject: str = "",
        line: int | None = None,
        quote: str | None = None,
    ) -> None:
        self._set(fact=fact, where=where, path=path, subject=subject, line=line, quote=quote)


class Facts(Record):
    """The facts behind a verdict, most decisive first. A brief writer shows the first
    ``brief`` and then ``more`` (a template with ``{count}``); a verbose one shows them all."""

    __slots__ = ("brief", "indent", "items", "more")
    items: tuple[Fact, ...]
    more: str
    brief: int
    indent: int

    def __init__(
        self, items: tuple[Fact, ...], more: str = "(+{count})", brief: int = 3, indent: int = 1
    ) -> None:
        self._set(items=items, more=more, brief=brief, indent=indent)


class Bar(Record):
    """One bar of a chart: a point (or none, when withheld) and the bounds its unknowns allow;
    ``thin`` marks a value that rests on few known criteria."""

    __slots__ = ("label", "lower", "name", "thin", "upper", "value")
    label: str
    name: str
    value: float | None
    lower: float | None
    upper: float | None
    thin: bool

    def __init__(
        self,
        label: str,
        name: str,
        value: float | None,
        lower: float | None = None,
        upper: float | None = None,
        thin: bool = False,
    ) -> None:
        self._set(label=label, name=name, value=value, lower=lower, upper=upper, thin=thin)


class Chart(Record):
    """Bars on a 0–100 scale, with their bounds and thin marks; ``legend`` says how to read it."""

    __slots__ = ("bars", "legend", "title")
    title: str
    bars: tuple[Bar, ...]
    legend: str

    def __init__(self, title: str, bars: tuple[Bar, ...], legend: str = "") -> None:
        self._set(title=title, bars=bars, legend=legend)


class Point(Record):
    """One point of a line and its bounds; ``thin`` marks a value that rests on few known
    criteria, as a chart's bar does."""

    __slots__ = ("lower", "thin", "upper", "value", "x")
    x: float
    value: float | None
    lower: float | None
    upper: float | None
    thin: bool

    def __init__(
        self,
        x: float,
        value: float | None,
        lower: float | None,
        upper: float | None,
        thin: bool = False,
    ) -> None:
        self._set(x=x, value=value, lower=lower, upper=upper, thin=thin)

    def text(self) -> str:
        """``50.9* (31.4–69.5)``: the point with its bounds, as every writer shows it."""
        from coopscore.report import numbers

        span = None if self.lower is None or self.upper is None else (self.lower, self.upper)
        return numbers.score_with_bounds(self.value, span, self.thin)


class Line(Record):
    """A series through time: points with their bounds (drawn as a band)."""

    __slots__ = ("label", "points")
    label: str
    points: tuple[Point, ...]

    def __init__(self, label: str, points: tuple[Point, ...]) -> None:
        self._set(label=label, points=points)


class LineChart(Record):
    """Series through time. ``key`` names what the lines are (the first column of its table)."""

    __slots__ = ("key", "legend", "lines", "title")
    title: str
    lines: tuple[Line, ...]
    legend: str
    key: str

    def __init__(
        self, title: str, lines: tuple[Line, ...], legend: str = "", key: str = ""
    ) -> None:
        self._set(title=title, lines=lines, legend=legend, key=key)


def repeats_heading(block: Block, before: Block | None) -> bool:
    """Whether ``block`` is a table whose title says what the heading just before it says: a
    writer shows the words once (HTML keeps the caption, for whoever reads the table alone)."""
    return (
        isinstance(block, Table)
        and bool(block.title)
        and isinstance(before, Heading)
        and plain_text(before.text) == block.title
    )


def series_table(chart: LineChart) -> Table:
    """A line chart's numbers as a table: a row per line, a column per x, each cell the point
    with its bounds. Every writer shows it, so the numbers are read the same everywhere."""
    from coopscore.report import numbers

    xs = sorted({p.x for line in chart.lines for p in line.points})

    def shown(x: float, line: Line) -> Inline:
        p = next((p for p in line.points if p.x == x), None)
        return inline(numbers.MISSING if p is None else p.text())

    columns = (Column(chart.key, "name"), *(Column(_x(x), "bounds") for x in xs))
    rows = tuple((inline(line.label), *(shown(x, line) for x in xs)) for line in chart.lines)
    return Table(columns, rows)


def _x(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


Block: TypeAlias = Heading | Paragraph | Note | Bullets | Table | Facts | Chart | LineChart


class Report(Record):
    """A whole report: its title, its language and its blocks in reading order."""

    __slots__ = ("blocks", "lang", "title")
    title: str
    lang: str
    blocks: tuple[Block, ...]

    def __init__(self, title: str, lang: str, blocks: tuple[Block, ...] = ()) -> None:
        self._set(title=title, lang=lang, blocks=blocks)


class Builder:
    """Collects blocks in order; a report builder's scratch pad."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def extend(self, blocks: Iterable[Block]) -> None:
        self.blocks.extend(blocks)

    def heading(self, text: str | Inline, level: int = 2, anchor: str | None = None) -> None:
        self.blocks.append(Heading(_inline(text), level, anchor))

    def paragraph(self, text: str | Inline, indent: int = 0) -> None:
        self.blocks.append(Paragraph(_inline(text), indent))

    def note(self, text: str | Inline) -> None:
        self.blocks.append(Note(_inline(text)))

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[str | Inline]],
        title: str | None = None,
    ) -> None:
        body = tuple(tuple(_inline(c) for c in row) for row in rows)
        self.blocks.append(Table(tuple(columns), body, title))

    def report(self, title: str, lang: str) -> Report:
        return Report(title, lang, tuple(self.blocks))


def _inline(text: str | Inline) -> Inline:
    return inline(text) if isinstance(text, str) else text
