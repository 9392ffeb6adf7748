"""A report as a standalone HTML page: every block, every fact, charts drawn inline as SVG.

The writer knows blocks, not subjects. The page is one file a reader can open offline or
print: no script, nothing fetched, one style sheet inline (``_style.css`` and
``_document.css``). The template (``templates/document.html``) has one macro per block kind.

Escaping is Jinja2's autoescaping, with ``StrictUndefined``; every value printed first passes
``escaping.html_inline`` (the environment's ``finalize``): file text shows on one line with
its controls visible. The only links are spans a report marks as links whose target is an
http(s) URL (``escaping.web_url``) or one of the ``pages`` the caller wrote beside this one (a
batch's index links its scenarios' pages, by relative name: ``escaping.link_target``);
anything else is shown as text. A path (a table column of role ``path``, a fact's scenario
path) may fold only after a ``/`` or before a ``.``: never inside a name.

Charts: a bar chart draws each bar on a 0–100 scale as the terminal does (certain up to the
lower bound, then up to the point, then up to the upper bound), with a whisker over the
bounds and a dashed outline when thin; its labels wrap and are never cut, and a table beside
it names every bar with its numbers. A line chart draws each series with its bounds as a
shaded band, and the table beneath gives every point. When printed, headings stay with what
follows, rows, facts and figures are not split, table headers repeat on each page, and no
link's address is printed after it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2 import (
    BaseLoader,
    Environment,
    ModuleLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

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
    Facts,
    Heading,
    LineChart,
    Note,
    Paragraph,
    Report,
    Span,
    Table,
    repeats_heading,
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


def _finalize(value: Any) -> Any:
    """Every value a template prints: text on one line with controls visible; ``None`` is a
    dash. Markup (a macro's output) is kept; autoescaping comes after this."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return numbers.MISSING
    if isinstance(value, str):
        return _inline(value)
    return value


@lru_cache(maxsize=8192)
def _inline(text: str) -> str:
    """``html_inline`` of one text, remembered: a pure function of the string, and a batch's
    pages print the same labels, codes and names again and again."""
    return html_inline(text)


def _px(value: float) -> str:
    """A coordinate, to a tenth of a pixel."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@cache
def environment() -> Environment:
    """The one environment every page is rendered with: the templates as compiled ahead
    (``compiled_templates``) when those were compiled from these very sources by this very
    Jinja2, else compiled from the sources now."""
    return _environment(ModuleLoader(str(COMPILED)) if compiled_current() else _sources())


def _sources() -> BaseLoader:
    return PackageLoader("coopscore.formats", "templates")


def _environment(loader: BaseLoader) -> Environment:
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["px"] = _px
    env.filters["fold"] = fold
    return env


def fold(value: object) -> Markup:
    """A path as HTML that a line may break only after a ``/`` or before a ``.``: each piece
    kept whole (``span.fold``: no break inside, not even at a hyphen), ``<wbr>`` between."""
    pieces = [piece for piece in _FOLD.split(html_inline(value)) if piece]
    if len(pieces) < 2:
        return Markup('<span class="fold">{}</span>').format(pieces[0]) if pieces else Markup()
    return Markup("<wbr>").join(Markup('<span class="fold">{}</span>').format(p) for p in pieces)


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


@dataclass(frozen=True)
class Part:
    x: float
    width: float
    kind: str  # certain, toward, band: up to the lower bound, the point, the upper bound


@dataclass(frozen=True)
class BarRow:
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


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class BarChart:
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


@dataclass(frozen=True)
class Series:
    label: str
    style: int
    bands: tuple[str, ...]  # polygons: the upper bounds along, the lower bounds back
    paths: tuple[str, ...]  # polylines through the points, broken where a point is missing
    dots: tuple[tuple[float, float, bool], ...]  # x, y, and whether the score is thin


@dataclass(frozen=True)
class SeriesChart:
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
        dots = tuple((*at, p.thin) for at, p in zip(known, ordered, strict=True) if at is not None)
        series.append(Series(line.label, n % STYLES, tuple(bands), tuple(paths), dots))
    every = xs if len(xs) <= 12 else [xs[0], xs[len(xs) // 2], xs[-1]]
    x_ticks = tuple(Tick(sx(v), 0, x_text(v)) for v in every)
    y_ticks = tuple(Tick(0, sy(v), str(v)) for v in (0, 25, 50, 75, 100))
    at = [{p.x: p for p in line.points} for line in block.lines]
    rows = tuple(
        (
            x_text(x),
            *(p.text() if (p := points.get(x)) else numbers.MISSING for points in at),
        )
        for x in xs
    )
    title = " ".join(block.title.split())
    labels = [" ".join(line.label.split()) for line in block.lines]
    described = "; ".join(
        (f"{label}: " if label != title else "")  # a chart of one line is titled by its label
        + ", ".join(f"{x_text(p.x)} {p.text()}" for p in line.points)
        for label, line in zip(labels, block.lines, strict=True)
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


@dataclass(frozen=True)
class FactItem:
    fact: Any
    quoted: bool  # the first fact standing on its line shows that line


@dataclass(frozen=True)
class Item:
    """A block as the template takes it, with what the writer worked out for it."""

    kind: str
    block: Block
    level: int = 2
    id: str | None = None
    facts: tuple[FactItem, ...] = ()
    chart: Any = None
    repeats: bool = False  # a table's caption says what the heading before it says


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
            out.append(
                Item("table", block, repeats=repeats_heading(block, blocks[n - 1] if n else None))
            )
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
                drawn = replace(line_chart(unique(f"chart-{n}-{k}"), one), rows=())
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


def document(report: Report, pages: Collection[str] = ()) -> str:
    """``report`` as a standalone HTML page. ``pages``: the relative names of pages written
    beside it, which its link spans may lead to."""
    template = environment().get_template("document.html")
    allowed = frozenset(pages)
    return template.render(
        html_lang=HTML_LANG.get(report.lang, report.lang),
        title=report.title,
        version=__version__,
        groups=_groups(_items(report.blocks)),
        href=lambda span: href(span, allowed),
    )


# Compiling the templates costs several times what rendering a page does, at every start: they
# are shipped compiled (Jinja2's own ModuleLoader format) in ``compiled_templates/``, with the
# SHA-256 of each source and the Jinja2 version that compiled them. The compiled modules are
# used only when both still hold; ``tests/test_compiled_templates.py`` fails when they are not
# what these sources compile to. Rewrite them with ``python -m coopscore.formats.to_html``.
TEMPLATES = Path(__file__).resolve().parent / "templates"
COMPILED = Path(__file__).resolve().parent / "compiled_templates"
STAMP = "stamp.json"


def source_stamp() -> dict[str, Any]:
    """What the compiled templates must have been compiled from: the Jinja2 version and each
    template source's SHA-256."""
    digests = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(TEMPLATES.iterdir())
        if path.is_file()
    }
    return {"jinja2": jinja2.__version__, "templates": digests}


def compiled_current() -> bool:
    """Whether the shipped compiled templates were compiled from today's sources, by this
    Jinja2 (an unreadable stamp counts as no)."""
    try:
        stamp = json.loads((COMPILED / STAMP).read_text(encoding="utf-8"))
        return bool(stamp == source_stamp())
    except (OSError, ValueError):
        return False


def compile_into(target: Path) -> None:
    """Compile every template into ``target`` with its stamp (the folder is replaced)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    _environment(_sources()).compile_templates(str(target), zip=None, ignore_errors=False)
    stamp = json.dumps(source_stamp(), indent=2, sort_keys=True)
    (target / STAMP).write_text(stamp + "\n", encoding="utf-8")


if __name__ == "__main__":
    compile_into(COMPILED)
