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
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

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


@dataclass(frozen=True)
class Span:
    """Text with one mark. ``target`` is a link's address (``mark == "link"``)."""

    text: str
    mark: Mark = "plain"
    target: str | None = None


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


@dataclass(frozen=True)
class Column:
    title: str
    role: Role = "prose"


Cell: TypeAlias = Inline


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the report's title. A writer keeps it with what follows."""

    text: Inline
    level: int = 2
    anchor: str | None = None  # a stable id for links (HTML, Markdown)


@dataclass(frozen=True)
class Paragraph:
    text: Inline
    indent: int = 0  # nesting depth under the heading before it (0: none)


@dataclass(frozen=True)
class Note:
    """A paragraph a reader may skip: how a number is computed, what a mark means."""

    text: Inline


@dataclass(frozen=True)
class Bullets:
    """Items of one kind, each an inline text."""

    items: tuple[Inline, ...]
    indent: int = 0


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str | None = None

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row of {len(row)} cells in a table of {len(self.columns)}")


@dataclass(frozen=True)
class Fact:
    """A fact read from a scenario, cited: a thing's name, the fact in words, and where it
    stands (``where``, in words: "line 306", or "base.yaml:306" for a fact another file
    stated), with its scenario ``path``. ``quote`` is the file's own line ``line``, shown where
    a writer has room for it."""

    fact: str
    where: str
    path: str = ""
    subject: str = ""
    line: int | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Facts:
    """The facts behind a verdict, most decisive first. A brief writer shows the first
    ``brief`` and then ``more`` (a template with ``{count}``); a verbose one shows them all."""

    items: tuple[Fact, ...]
    more: str = "(+{count})"
    brief: int = 3
    indent: int = 1


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a point (or none, when withheld) and the bounds its unknowns allow;
    ``thin`` marks a value that rests on few known criteria."""

    label: str
    name: str
    value: float | None
    lower: float | None = None
    upper: float | None = None
    thin: bool = False


@dataclass(frozen=True)
class Chart:
    """Bars on a 0–100 scale, with their bounds and thin marks; ``legend`` says how to read it."""

    title: str
    bars: tuple[Bar, ...]
    legend: str = ""


@dataclass(frozen=True)
class Point:
    x: float
    value: float | None
    lower: float | None
    upper: float | None


@dataclass(frozen=True)
class Line:
    """A series through time: points with their bounds (drawn as a band)."""

    label: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class LineChart:
    """Series through time. ``key`` names what the lines are (the first column of its table)."""

    title: str
    lines: tuple[Line, ...]
    legend: str = ""
    key: str = ""


def series_table(chart: LineChart) -> Table:
    """A line chart's numbers as a table: a row per line, a column per x, each cell the point
    with its bounds. Every writer shows it, so the numbers are read the same everywhere."""
    from coopscore.report import numbers

    xs = sorted({p.x for line in chart.lines for p in line.points})

    def shown(x: float, line: Line) -> Inline:
        p = next((p for p in line.points if p.x == x), None)
        if p is None:
            return inline(numbers.MISSING)
        span = None if p.lower is None or p.upper is None else (p.lower, p.upper)
        return inline(numbers.score_with_bounds(p.value, span))

    columns = (Column(chart.key, "name"), *(Column(_x(x), "bounds") for x in xs))
    rows = tuple((inline(line.label), *(shown(x, line) for x in xs)) for line in chart.lines)
    return Table(columns, rows)


def _x(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


Block: TypeAlias = Heading | Paragraph | Note | Bullets | Table | Facts | Chart | LineChart


@dataclass(frozen=True)
class Report:
    """A whole report: its title, its language and its blocks in reading order."""

    title: str
    lang: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


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
