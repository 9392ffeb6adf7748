"""A report as a standalone HTML page: every block, every fact, charts drawn inline as SVG.

The writer knows blocks, not subjects. The page is one file a reader can open offline or
print: no script, nothing fetched, one style sheet inline (``templates/_style.css`` and
``templates/_document.css``). The page is written by one function per block kind
(``_heading``, ``_table``, ``_chart`` ...), each appending its pieces to the page.

Every value printed passes ``_text``: file text first through ``escaping.html_inline`` (on one
line, its controls visible), then through ``markupsafe.escape`` (``<``, ``>``, ``&`` and
quotes as entities); ``None`` is a dash. Nothing reaches the page unescaped but the writer's
own tags. The only links are spans a report marks as links whose target is an http(s) URL
(``escaping.web_url``) or one of the ``pages`` the caller wrote beside this one (a batch's
index links its scenarios' pages, by relative name: ``escaping.link_target``); anything else
is shown as text. A path (a table column of role ``path``, a fact's scenario path) may fold
only after a ``/`` or before a ``.``: never inside a name.

Charts: a bar chart draws each bar on a 0–100 scale as the terminal does (certain up to the
lower bound, then up to the point, then up to the upper bound), with a whisker over the
bounds and a dashed outline when thin; its labels wrap and are never cut, and a table beside
it names every bar with its numbers. A line chart draws each series with its bounds as a
shaded band, and the table beneath gives every point. When printed, headings stay with what
follows, rows, facts and figures are not split, table headers repeat on each page, and no
link's address is printed after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from markupsafe import Markup, escape

from coopscore import __version__
from coopscore.formats import fitting
from coopscore.formats.escaping import html_inline, link_target, visible, web_url
from coopscore.formats.fitting import cell_len
from coopscore.formats.to_markdown import bar_value
from coopscore.report import numbers
from coopscore.report.blocks import (
    Bar,
    Block,
    Bullets,
    Chart,
    Fact,
    Facts,
    Heading,
    Inline,
    LineChart,
    Note,
    Paragraph,
    Report,
    Span,
    Table,
    series_table,
)

# The value of <html lang>: Chinese reports are in simplified characters.
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
_ANCHOR = re.compile(r"[^A-Za-z0-9_-]+")
# Where a path may fold: after a slash, before a dot (never inside a name).
_FOLD = re.compile(r"(?<=[/\\])|(?=\.)")

# Bar charts: pixels per terminal cell of a label at 12px (a CJK character is two cells), the
# widest a label may be before it wraps, the plot, and the rows.
CELL_PX = 7.0
LABEL_CELLS = 24
PLOT_WIDTH = 400.0
LINE_HEIGHT = 14.0
BAR = 12.0
TOP = 8.0
# Line charts.
SERIES_WIDTH = 560.0
SERIES_HEIGHT = 220.0
SERIES_LEFT = 40.0
SERIES_RIGHT = 28.0
SERIES_TOP = 10.0
SERIES_AXIS = 28.0
T = TypeVar("T")
STYLES = 4  # series styles in the style sheet (line dashes, bands), reused in turn


def _text(value: Any) -> str:
    """A value as the page prints it: file text on one line with its controls visible, then
    escaped; a dash for ``None``; markup the writer made is kept as it is."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        value = numbers.MISSING
    elif isinstance(value, str):
        return _escaped(value)
    return str(escape(value))


@lru_cache(maxsize=8192)
def _escaped(text: str) -> str:
    """File text as the page prints it (a pure function of the string: the same labels and
    names recur in every page of a batch)."""
    return str(escape(html_inline(text)))


def _px(value: float) -> str:
    """A coordinate, to a tenth of a pixel."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


STYLE_SHEETS = ("_style.css", "_document.css")
_TEMPLATES = Path(__file__).with_name("templates")


@cache
def style_sheet() -> str:
    """The page's style sheet: ``_style.css``, then ``_document.css``, each as the file has it."""
    return "".join((_TEMPLATES / name).read_text(encoding="utf-8") for name in STYLE_SHEETS)


def fold(value: object) -> Markup:
    """A path as HTML that a line may break only after a ``/`` or before a ``.``: each piece
    kept whole (``span.fold``: no break inside, not even at a hyphen), ``<wbr>`` between."""
    pieces = [piece for piece in _FOLD.split(html_inline(value)) if piece]
    return Markup("<wbr>".join(f'<span class="fold">{escape(p)}</span>' for p in pieces))


def href(span: Span, pages: Collection[str]) -> str | None:
    """Where a link span may lead: an http(s) URL (``web_url``), or one of ``pages`` (the
    pages written beside this one) by its relative name; ``None``: shown as text."""
    if span.mark != "link":
        return None
    target = span.target if span.target is not None else span.text
    url = web_url(target)
    if url is not None:
        return url
    return link_target(target) if target in pages else None


# ------------------------------------------------------------------------------ bar charts


class Part(NamedTuple):
    x: float
    width: float
    kind: str  # certain, toward, band: up to the lower bound, the point, the upper bound


class BarRow(NamedTuple):
    label: str
    name: str
    title: str  # the row's text alternative: label, name and numbers
    value: str
    label_lines: tuple[str, ...]
    label_y: float
    bar_y: float
    middle: float
    parts: tuple[Part, ...]
    whisker: tuple[float, float] | None
    point: float | None
    thin: bool


class Tick(NamedTuple):
    x: float
    y: float
    text: str


class BarChart(NamedTuple):
    id: str
    description: str
    width: float
    height: float
    top: float
    bottom: float
    plot_left: float
    plot_width: float
    bar: float
    line_height: float
    ticks: tuple[Tick, ...]
    rows: tuple[BarRow, ...]


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 100.0)


def label_lines(text: str, cells: int = LABEL_CELLS) -> tuple[str, ...]:
    """A label broken into lines of at most ``cells`` cells by the one line breaker: never
    cut, and broken inside a word only when the word alone is wider than a line."""
    text = " ".join(visible(text).split())
    if not text:
        return ("",)
    return tuple(text[a:b].strip() for a, b in fitting.breaks(text, cells))


def bar_chart(chart_id: str, block: Chart) -> BarChart:
    labels = [label_lines(b.label) for b in block.bars]
    label_w = max((cell_len(x) for lines in labels for x in lines), default=0) * CELL_PX
    values = [bar_value(b) for b in block.bars]
    value_w = max((cell_len(v) for v in values), default=0) * CELL_PX
    left = label_w + 16
    rows = []
    y = TOP
    for bar, lines, value in zip(block.bars, labels, values, strict=True):
        height = max(len(lines) * LINE_HEIGHT, BAR) + 10
        middle = y + height / 2
        bar_y = middle - BAR / 2
        label_y = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
        rows.append(_bar_row(bar, lines, value, left, label_y, bar_y, middle))
        y += height
    ticks = tuple(Tick(left + PLOT_WIDTH * t / 100, 0, str(t)) for t in (0, 25, 50, 75, 100))
    described = "; ".join(r.title for r in rows)
    title = " ".join(block.title.split())
    return BarChart(
        chart_id,
        f"{title}: {described}" if title else described,
        left + PLOT_WIDTH + 16 + value_w,
        y + 22,
        TOP,
        y,
        left,
        PLOT_WIDTH,
        BAR,
        LINE_HEIGHT,
        ticks,
        tuple(rows),
    )


def _bar_row(
    bar: Bar,
    lines: tuple[str, ...],
    value: str,
    left: float,
    label_y: float,
    bar_y: float,
    middle: float,
) -> BarRow:
    def x(v: float) -> float:
        return left + PLOT_WIDTH * _clamp(v) / 100

    point = bar.value
    lower = bar.lower if bar.lower is not None else point
    upper = bar.upper if bar.upper is not None else point
    parts: list[Part] = []
    whisker = None
    if lower is not None and upper is not None:
        mid = point if point is not None else lower
        marks = (x(0), x(lower), max(x(mid), x(lower)), max(x(upper), x(mid), x(lower)))
        for kind, (a, b) in zip(("certain", "toward", "band"), pairwise(marks), strict=True):
            if b > a:
                parts.append(Part(a, b - a, kind))
        if bar.lower is not None and bar.upper is not None:
            whisker = (x(bar.lower), x(bar.upper))
    name = " ".join(bar.name.split())
    label = " ".join(bar.label.split())
    title = f"{label} {name}: {value}" if name and name != label else f"{label}: {value}"
    return BarRow(
        label,
        name if name != label else "",
        title,
        value,
        lines,
        label_y,
        bar_y,
        middle,
        tuple(parts),
        whisker,
        x(point) if point is not None else None,
        bar.thin,
    )


# ----------------------------------------------------------------------------- line charts


class Series(NamedTuple):
    label: str
    style: int
    bands: tuple[str, ...]  # polygons: the upper bounds along, the lower bounds back
    paths: tuple[str, ...]  # polylines through the points, broken where a point is missing
    dots: tuple[tuple[float, float], ...]


class SeriesChart(NamedTuple):
    id: str
    description: str
    width: float
    height: float
    left: float
    right: float
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[Series, ...]
    rows: tuple[tuple[str, ...], ...]


def x_text(value: float) -> str:
    """An x value as the table shows it: a year as ``2021``, otherwise as short as exact."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def point_text(value: float | None, lower: float | None, upper: float | None) -> str:
    span = None if lower is None or upper is None else (lower, upper)
    return numbers.score_with_bounds(value, span)


def _runs(items: Sequence[T | None]) -> list[list[T]]:
    """Unbroken runs of the items that are there (a missing point breaks a line or a band)."""
    out: list[list[T]] = [[]]
    for item in items:
        if item is None:
            if out[-1]:
                out.append([])
        else:
            out[-1].append(item)
    return [run for run in out if run]


def _points(pairs: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_px(a)},{_px(b)}" for a, b in pairs)


def line_chart(chart_id: str, block: LineChart) -> SeriesChart:
    xs = sorted({p.x for line in block.lines for p in line.points})
    lo, hi = (xs[0], xs[-1]) if xs else (0.0, 1.0)
    spread = hi - lo if hi > lo else 1.0
    left, right = SERIES_LEFT, SERIES_WIDTH - SERIES_RIGHT
    bottom = SERIES_HEIGHT - SERIES_AXIS

    def sx(v: float) -> float:
        return left + (right - left) * ((v - lo) / spread if hi > lo else 0.5)

    def sy(v: float) -> float:
        return bottom - (bottom - SERIES_TOP) * _clamp(v) / 100

    series = []
    for n, line in enumerate(block.lines):
        ordered = sorted(line.points, key=lambda p: p.x)
        known = [(sx(p.x), sy(p.value)) if p.value is not None else None for p in ordered]
        spans = [
            (sx(p.x), sy(p.upper), sy(p.lower))
            if p.lower is not None and p.upper is not None
            else None
            for p in ordered
        ]
        bands = []
        for run in _runs(spans):
            upper = [(a, b) for a, b, _ in run]
            lower = [(a, c) for a, _, c in reversed(run)]
            if len(run) == 1:  # one point: a short bar of its bounds
                a, b, c = run[0]
                upper, lower = [(a - 3, b), (a + 3, b)], [(a + 3, c), (a - 3, c)]
            bands.append(_points(upper + lower))
        paths = [_points(run) for run in _runs(known) if len(run) > 1]
        dots = tuple(p for p in known if p is not None)
        series.append(Series(line.label, n % STYLES, tuple(bands), tuple(paths), dots))
    every = xs if len(xs) <= 12 else [xs[0], xs[len(xs) // 2], xs[-1]]
    x_ticks = tuple(Tick(sx(v), 0, x_text(v)) for v in every)
    y_ticks = tuple(Tick(0, sy(v), str(v)) for v in (0, 25, 50, 75, 100))
    at = [{p.x: p for p in line.points} for line in block.lines]
    rows = tuple(
        (
            x_text(x),
            *(
                point_text(p.value, p.lower, p.upper) if (p := points.get(x)) else numbers.MISSING
                for points in at
            ),
        )
        for x in xs
    )
    title = " ".join(block.title.split())
    described = "; ".join(
        f"{' '.join(line.label.split())}: "
        + ", ".join(f"{x_text(p.x)} {point_text(p.value, p.lower, p.upper)}" for p in line.points)
        for line in block.lines
    )
    return SeriesChart(
        chart_id,
        f"{title}: {described}" if title else described,
        SERIES_WIDTH,
        SERIES_HEIGHT,
        left,
        right,
        bottom,
        x_ticks,
        y_ticks,
        tuple(series),
        rows,
    )


# ---------------------------------------------------------------------------------- blocks


class FactItem(NamedTuple):
    fact: Fact
    quoted: bool  # the first fact standing on its line shows that line


class Item(NamedTuple):
    """A block as the page draws it, with what the writer worked out for it."""

    kind: str
    block: Any
    level: int = 2
    id: str | None = None
    facts: tuple[FactItem, ...] = ()
    chart: Any = None


def slug(key: str) -> str:
    return _ANCHOR.sub("-", key).strip("-") or "section"


def _items(blocks: Sequence[Block]) -> list[Item]:
    ids: set[str] = set()

    def unique(base: str) -> str:
        name, n = base, 1
        while name in ids:
            n += 1
            name = f"{base}-{n}"
        ids.add(name)
        return name

    out = []
    for n, block in enumerate(blocks):
        if isinstance(block, Heading):
            anchor = unique(f"h-{slug(block.anchor)}") if block.anchor else None
            out.append(Item("heading", block, min(max(block.level, 1), 6), anchor))
        elif isinstance(block, Paragraph):
            out.append(Item("paragraph", block))
        elif isinstance(block, Note):
            out.append(Item("note", block))
        elif isinstance(block, Bullets):
            out.append(Item("bullets", block))
        elif isinstance(block, Table):
            out.append(Item("table", block))
        elif isinstance(block, Facts):
            seen: set[int] = set()
            facts = []
            for f in block.items:
                quoted = f.quote is not None and f.line is not None and f.line not in seen
                if quoted and f.line is not None:
                    seen.add(f.line)
                facts.append(FactItem(f, quoted))
            out.append(Item("facts", block, facts=tuple(facts)))
        elif isinstance(block, Chart):
            chart_id = unique(f"chart-{n}")
            out.append(Item("chart", block, chart=bar_chart(chart_id, block)))
        elif isinstance(block, LineChart):
            # One small chart per line (lines that cross are hard to tell apart), then the
            # numbers of every line in one table.
            for k, line in enumerate(block.lines):
                one = LineChart(line.label, (line,))
                drawn = line_chart(unique(f"chart-{n}-{k}"), one)._replace(rows=())
                out.append(Item("line_chart", one, chart=drawn))
            out.append(Item("table", series_table(block).replace(title=block.title or None)))
    return out


# A heading is kept on one page with the block after it when that block is short enough to
# move whole; before a table the heading only avoids a break after it (a long table would
# leave a half-empty page).
_MOVABLE = frozenset({"paragraph", "note", "bullets", "facts", "chart", "line_chart"})


def _groups(items: Sequence[Item]) -> list[list[Item]]:
    out: list[list[Item]] = []
    pending: list[Item] = []
    for item in items:
        if item.kind == "heading":
            pending.append(item)
            continue
        if pending and item.kind in _MOVABLE:
            out.append([*pending, item])
        else:
            out += [[h] for h in pending]
            out.append([item])
        pending = []
    out += [[h] for h in pending]
    return out


class Page:
    """The pieces of one page, written in reading order and joined once at the end."""

    def __init__(self, pages: Collection[str]) -> None:
        self.out: list[str] = []
        self.pages = frozenset(pages)

    def text(self, value: object, path: bool = False) -> str:
        """A value printed: folded where a path may break, else as ``_text``."""
        return str(fold(value)) if path else _text(value)

    def inline(self, spans: Inline, path: bool = False) -> str:
        parts = []
        for s in spans:
            url = href(s, self.pages)
            mark = s.mark
            if url is not None:
                shown = self.text(s.text, path)
                parts.append(f'<a href="{_text(url)}" rel="noopener noreferrer">{shown}</a>')
            elif mark == "code":
                parts.append(f"<code>{self.text(s.text, True)}</code>")
            elif mark == "strong":
                parts.append(f"<strong>{self.text(s.text, path)}</strong>")
            elif mark in ("high", "bad"):
                parts.append(
                    f'<strong class="mark-{_text(mark)}">{self.text(s.text, path)}</strong>'
                )
            elif mark in ("dim", "medium", "low", "good"):
                parts.append(f'<span class="mark-{_text(mark)}">{self.text(s.text, path)}</span>')
            else:
                parts.append(self.text(s.text, path))
        return "".join(parts)

    def block(self, item: Item) -> None:
        draw = _DRAWN.get(item.kind)
        if draw is not None:
            draw(self, item)
            self.out.append("\n")

    def heading(self, item: Item) -> None:
        anchor = f' id="{_text(item.id)}"' if item.id else ""
        level = _text(item.level)
        self.out.append(f"<h{level}{anchor}>{self.inline(item.block.text)}</h{level}>")

    def paragraph(self, item: Item) -> None:
        indent = item.block.indent
        shown = f' class="indent-{_text(indent)}"' if indent else ""
        self.out.append(f"<p{shown}>{self.inline(item.block.text)}</p>")

    def note(self, item: Item) -> None:
        self.out.append(f'<p class="note">{self.inline(item.block.text)}</p>')

    def bullets(self, item: Item) -> None:
        indent = item.block.indent
        out = self.out
        out.append(f'<ul class="indent-{_text(indent)}">\n' if indent else "<ul>\n")
        for text in item.block.items:
            out.append(f"<li>{self.inline(text)}</li>\n")
        out.append("</ul>")

    def table(self, item: Item) -> None:
        block: Table = item.block
        out = self.out
        out.append('<div class="table">\n<table>\n')
        if block.title:
            out.append(f"<caption>{_text(block.title)}</caption>\n")
        out.append("<thead>\n<tr>\n")
        for c in block.columns:
            out.append(f'<th scope="col" class="{_text(c.role)}">{_text(c.title)}</th>\n')
        out.append("</tr>\n</thead>\n<tbody>\n")
        roles = [(_text(c.role), c.role == "path") for c in block.columns]
        for row in block.rows:
            out.append("<tr>\n")
            for j, cell in enumerate(row):
                role, path = roles[j]
                tag = "td" if j else 'th scope="row"'
                end = "td" if j else "th"
                out.append(f'<{tag} class="{role}">{self.inline(cell, path)}</{end}>\n')
            out.append("</tr>\n")
        out.append("</tbody>\n</table>\n</div>")

    def facts(self, item: Item) -> None:
        out = self.out
        out.append('<ul class="evidence">\n')
        for f in item.facts:
            fact = f.fact
            subject = (
                f'<span class="subject">{_text(fact.subject)}</span> — ' if fact.subject else ""
            )
            path = f", <code>{fold(fact.path)}</code>" if fact.path else ""
            out.append(
                f"<li>{subject}{_text(fact.fact)} "
                f'<span class="where">({_text(fact.where)}{path})</span>\n'
            )
            if f.quoted:
                out.append(
                    f'<br><span class="quote"><span class="line-no">{_text(fact.line)}</span> '
                    f"<code>{_text(fact.quote)}</code></span>\n"
                )
            out.append("</li>\n")
        out.append("</ul>")

    def chart(self, item: Item) -> None:
        c: BarChart = item.chart
        out = self.out
        cid = _text(c.id)
        out.append(f'<figure class="chart bars" id="{cid}">\n')
        if item.block.title:
            out.append(f'<figcaption class="title">{_text(item.block.title)}</figcaption>\n')
        width, height = _px(c.width), _px(c.height)
        out.append(
            f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" aria-labelledby="{cid}-title">\n'
            f'<title id="{cid}-title">{_text(c.description)}</title>\n'
        )
        top, bottom, below = _px(c.top), _px(c.bottom), _px(c.bottom + 14)
        for tick in c.ticks:
            x = _px(tick.x)
            out.append(
                f'<line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"></line>\n'
                f'<text class="tick" x="{x}" y="{below}" text-anchor="middle">'
                f"{_text(tick.text)}</text>\n"
            )
        label_x, plot_left, plot_width = _px(c.plot_left - 8), _px(c.plot_left), _px(c.plot_width)
        bar, value_x = _px(c.bar), _px(c.plot_left + c.plot_width + 8)
        for r in c.rows:
            thin = " thin" if r.thin else ""
            out.append(f'<g class="row{thin}">\n<title>{_text(r.title)}</title>\n')
            for n, line in enumerate(r.label_lines):
                y = _px(r.label_y + n * c.line_height)
                out.append(
                    f'<text class="label" x="{label_x}" y="{y}" text-anchor="end">'
                    f"{_text(line)}</text>\n"
                )
            bar_y = _px(r.bar_y)
            out.append(
                f'<rect class="track" x="{plot_left}" y="{bar_y}" width="{plot_width}" '
                f'height="{bar}"></rect>\n'
            )
            for part in r.parts:
                out.append(
                    f'<rect class="{_text(part.kind)}" x="{_px(part.x)}" y="{bar_y}" '
                    f'width="{_px(part.width)}" height="{bar}"></rect>\n'
                )
            if r.whisker:
                a, b = _px(r.whisker[0]), _px(r.whisker[1])
                mid, up, down = _px(r.middle), _px(r.middle - 5), _px(r.middle + 5)
                out.append(
                    f'<line class="whisker" x1="{a}" y1="{mid}" x2="{b}" y2="{mid}"></line>\n'
                    f'<line class="whisker" x1="{a}" y1="{up}" x2="{a}" y2="{down}"></line>\n'
                    f'<line class="whisker" x1="{b}" y1="{up}" x2="{b}" y2="{down}"></line>\n'
                )
            if r.point is not None:
                x = _px(r.point)
                out.append(
                    f'<line class="point" x1="{x}" y1="{_px(r.bar_y - 3)}" x2="{x}" '
                    f'y2="{_px(r.bar_y + c.bar + 3)}"></line>\n'
                )
            out.append(
                f'<text class="value" x="{value_x}" y="{_px(r.middle + 4)}">'
                f"{_text(r.value)}</text>\n</g>\n"
            )
        out.append('</svg>\n<table class="legend">\n<tbody>\n')
        for r in c.rows:
            out.append(
                f'<tr><th scope="row" class="code">{_text(r.label)}</th>'
                f'<td class="name">{_text(r.name)}</td>'
                f'<td class="bounds">{_text(r.value)}</td></tr>\n'
            )
        out.append("</tbody>\n</table>\n")
        if item.block.legend:
            out.append(f'<p class="legend">{_text(item.block.legend)}</p>\n')
        out.append("</figure>")

    def line_chart(self, item: Item) -> None:
        c: SeriesChart = item.chart
        out = self.out
        cid = _text(c.id)
        out.append(f'<figure class="chart lines" id="{cid}">\n')
        if item.block.title:
            out.append(f'<figcaption class="title">{_text(item.block.title)}</figcaption>\n')
        if c.series:
            width, height = _px(c.width), _px(c.height)
            out.append(
                f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
                f'height="{height}" aria-labelledby="{cid}-title">\n'
                f'<title id="{cid}-title">{_text(c.description)}</title>\n'
            )
            left, right, bottom = _px(c.left), _px(c.right), _px(c.bottom)
            for tick in c.y_ticks:
                y = _px(tick.y)
                out.append(
                    f'<line class="grid" x1="{left}" y1="{y}" x2="{right}" y2="{y}"></line>\n'
                    f'<text class="tick" x="{_px(c.left - 6)}" y="{_px(tick.y + 4)}" '
                    f'text-anchor="end">{_text(tick.text)}</text>\n'
                )
            for tick in c.x_ticks:
                out.append(
                    f'<text class="tick" x="{_px(tick.x)}" y="{_px(c.bottom + 16)}" '
                    f'text-anchor="middle">{_text(tick.text)}</text>\n'
                )
            out.append(
                f'<line class="axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"></line>\n'
            )
            for s in c.series:
                out.append(
                    f'<g class="series series-{_text(s.style)}">\n<title>{_text(s.label)}</title>\n'
                )
                for band in s.bands:
                    out.append(f'<polygon class="band" points="{_text(band)}"></polygon>\n')
                for path in s.paths:
                    out.append(f'<polyline class="line" points="{_text(path)}"></polyline>\n')
                for p in s.dots:
                    out.append(
                        f'<circle class="dot" cx="{_px(p[0])}" cy="{_px(p[1])}" r="3"></circle>\n'
                    )
                out.append("</g>\n")
            out.append("</svg>\n")
            if len(c.series) > 1:
                out.append('<ul class="series-key">\n')
                for s in c.series:
                    out.append(
                        '<li><svg class="swatch" viewBox="0 0 24 10" width="24" height="10" '
                        f'aria-hidden="true"><g class="series series-{_text(s.style)}">'
                        '<line class="line" x1="0" y1="5" x2="24" y2="5"></line></g></svg> '
                        f"{_text(s.label)}</li>\n"
                    )
                out.append("</ul>\n")
        if c.rows:
            out.append('<table class="data">\n<thead>\n<tr>\n<td></td>\n')
            for s in c.series:
                out.append(f'<th scope="col" class="bounds">{_text(s.label)}</th>\n')
            out.append("</tr>\n</thead>\n<tbody>\n")
            for row in c.rows:
                cells = "".join(f'<td class="bounds">{_text(cell)}</td>' for cell in row[1:])
                out.append(f'<tr><th scope="row" class="number">{_text(row[0])}</th>{cells}</tr>\n')
            out.append("</tbody>\n</table>\n")
        if item.block.legend:
            out.append(f'<p class="legend">{_text(item.block.legend)}</p>\n')
        out.append("</figure>")


_DRAWN: dict[str, Callable[[Page, Item], None]] = {
    "heading": Page.heading,
    "paragraph": Page.paragraph,
    "note": Page.note,
    "bullets": Page.bullets,
    "table": Page.table,
    "facts": Page.facts,
    "chart": Page.chart,
    "line_chart": Page.line_chart,
}


def document(report: Report, pages: Collection[str] = ()) -> str:
    """``report`` as a standalone HTML page. ``pages``: the relative names of pages written
    beside it, which its link spans may lead to."""
    page = Page(pages)
    out = page.out
    out.append(
        "<!DOCTYPE html>\n"
        f'<html lang="{_text(HTML_LANG.get(report.lang, report.lang))}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="coopscore {_text(__version__)}">\n'
        f"<title>{_text(report.title)}</title>\n"
        f"<style>\n{style_sheet()}</style>\n"
        "</head>\n<body>\n<main>\n"
    )
    for group in _groups(_items(report.blocks)):
        if len(group) > 1:
            out.append('<div class="keep">\n')
            for item in group:
                page.block(item)
                out.append("\n")
            out.append("</div>\n")
        else:
            page.block(group[0])
            out.append("\n")
    out.append("</main>\n</body>\n</html>\n")
    return "".join(out)
