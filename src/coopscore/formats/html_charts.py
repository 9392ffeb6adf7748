"""The HTML report's charts as geometry: rectangles, lines and texts the template draws as SVG.

No charting library: the shapes are few, and keeping them as data lets the template write
every label through its autoescaping, like any other text of the page. Charts print in black
and white (grey bars, black whiskers, a hatch for thin scores), and a chart never draws a
value it does not have: an unscored dimension shows its bounds only, a missing year no bar.
Every number drawn is also in the table beside the chart.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from coopscore.report import numbers

# Horizontal charts: a label column, the plot, and a column for the value printed beside it.
WIDTH = 720
LABEL_WIDTH = 180
VALUE_WIDTH = 160
ROW = 26
BAR = 14
TOP = 12
AXIS = 28
# Label text longer than this (a wide character counts twice) is cut with an ellipsis: what
# fits the label column at 12px.
LABEL_UNITS = 25


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    kind: str  # a CSS class: bar, bar-thin, grid


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # whisker, axis, grid


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start, middle, end
    kind: str = "label"


@dataclass(frozen=True)
class Chart:
    """One SVG: ``title`` and ``description`` (how to read it, then every value drawn) are its
    text alternative; ``caption`` says how to read it under the chart."""

    id: str
    title: str
    caption: str
    description: str
    width: int
    height: int
    rects: tuple[Rect, ...]
    lines: tuple[Line, ...]
    labels: tuple[Label, ...]


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal chart: a value (or none) and the bounds around it (or none)."""

    label: str
    value: float | None
    bounds: tuple[float, float] | None = None
    shown: str = ""  # the value as printed beside the bar
    thin: bool = False


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _clamp(value: float, top: float) -> float:
    return min(max(value, 0.0), top)


def short(text: str, units: int = LABEL_UNITS) -> str:
    """``text`` cut to ``units`` (wide characters count twice), an ellipsis marking the cut."""
    used = 0
    out: list[str] = []
    for char in text:
        width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + width > units - 1:
            return "".join(out).rstrip() + "…"
        used += width
        out.append(char)
    return text


def _ticks(top: float) -> list[float]:
    """Four steps from 0 to ``top``."""
    return [top * n / 4 for n in range(5)]


# Round tops for a scale: each splits into four steps with short decimals (1.6: 0.4, 0.8…).
NICE = (1.0, 1.2, 1.6, 2.0, 2.4, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def _nice(top: float) -> float:
    """The smallest round number (``NICE`` × 10ⁿ) at least ``top``; 1 when ``top`` is not
    positive, so that a chart of zeros still has a scale."""
    if not math.isfinite(top) or top <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(top))
    return next(m * power for m in NICE if m * power >= top * (1 - 1e-9))


def _tick_text(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def horizontal(chart_id: str, title: str, caption: str, bars: Sequence[Bar], top: float) -> Chart:
    """Bars from 0 to their value on a 0–``top`` scale, whiskers over their bounds."""
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top = top if math.isfinite(top) and top > 0 else 1.0

    def x(value: float) -> float:
        return LABEL_WIDTH + plot * _clamp(value, top) / top

    rects: list[Rect] = []
    lines: list[Line] = []
    labels: list[Label] = []
    bottom = TOP + ROW * len(bars)
    for tick in _ticks(top):
        lines.append(Line(x(tick), TOP, x(tick), bottom, "grid"))
        labels.append(Label(x(tick), bottom + 16, _tick_text(tick), "middle", "tick"))
    lines.append(Line(LABEL_WIDTH, TOP, LABEL_WIDTH, bottom, "axis"))
    for n, bar in enumerate(bars):
        middle = TOP + ROW * n + ROW / 2
        labels.append(Label(LABEL_WIDTH - 8, middle + 4, short(bar.label), "end"))
        value = _finite(bar.value)
        if value is not None:
            kind = "bar-thin" if bar.thin else "bar"
            rects.append(Rect(x(0), middle - BAR / 2, x(value) - x(0), BAR, kind))
        span = bar.bounds
        if span is not None and _finite(span[0]) is not None and _finite(span[1]) is not None:
            low, high = x(span[0]), x(span[1])
            lines.append(Line(low, middle, high, middle, "whisker"))
            lines.append(Line(low, middle - 6, low, middle + 6, "whisker"))
            lines.append(Line(high, middle - 6, high, middle + 6, "whisker"))
        labels.append(Label(WIDTH - VALUE_WIDTH + 8, middle + 4, bar.shown, "start", "value"))
    described = "; ".join(f"{short(b.label)}: {b.shown}" for b in bars)
    return Chart(
        chart_id,
        title,
        caption,
        f"{caption} {described}",
        WIDTH,
        int(bottom + AXIS),
        tuple(rects),
        tuple(lines),
        tuple(labels),
    )


def dimensions(chart_id: str, title: str, caption: str, bars: Sequence[Bar]) -> Chart:
    """Dimension scores on 0–100, with their bounds."""
    return horizontal(chart_id, title, caption, bars, 100.0)


def priorities(chart_id: str, title: str, caption: str, bars: Sequence[Bar]) -> Chart:
    """Recommendation priorities, on a scale up to the highest one."""
    top = max((v for b in bars if (v := _finite(b.value)) is not None), default=0.0)
    return horizontal(chart_id, title, caption, bars, _nice(top))


# The yearly series: years along the bottom, values up.
SERIES_HEIGHT = 200
SERIES_LEFT = 48
SERIES_RIGHT = 16


def series(
    chart_id: str,
    title: str,
    caption: str,
    points: Sequence[tuple[int, float | None]],
    missing: str,
) -> Chart:
    """A bar per known year; a missing year gets no bar, and ``missing`` in the text
    alternative and at its place in the chart (as ``?``)."""
    known = [v for _, v in points if _finite(v) is not None]
    top = _nice(max((max(v or 0.0, 0.0) for v in known), default=0.0))
    width = max(WIDTH // 2, SERIES_LEFT + SERIES_RIGHT + 44 * len(points))
    width = min(width, WIDTH)
    plot = width - SERIES_LEFT - SERIES_RIGHT
    step = plot / max(len(points), 1)
    base = SERIES_HEIGHT - AXIS

    def y(value: float) -> float:
        return base - (base - TOP) * _clamp(value, top) / top

    rects: list[Rect] = []
    lines: list[Line] = []
    labels: list[Label] = []
    for tick in _ticks(top):
        lines.append(Line(SERIES_LEFT, y(tick), width - SERIES_RIGHT, y(tick), "grid"))
        labels.append(Label(SERIES_LEFT - 6, y(tick) + 4, _tick_text(tick), "end", "tick"))
    lines.append(Line(SERIES_LEFT, base, width - SERIES_RIGHT, base, "axis"))
    for n, (year, raw) in enumerate(points):
        centre = SERIES_LEFT + step * (n + 0.5)
        labels.append(Label(centre, base + 16, str(year), "middle", "tick"))
        value = _finite(raw)
        if value is None:
            labels.append(Label(centre, base - 4, "?", "middle", "missing"))
            continue
        bar = min(step * 0.6, 32.0)
        rects.append(Rect(centre - bar / 2, y(value), bar, base - y(value), "bar"))
        labels.append(Label(centre, y(value) - 4, f"{value:g}", "middle", "value"))
    described = ", ".join(
        f"{year} {missing if _finite(value) is None else f'{value:g}'}" for year, value in points
    )
    return Chart(
        chart_id,
        title,
        caption,
        f"{caption} {described}",
        int(width),
        SERIES_HEIGHT,
        tuple(rects),
        tuple(lines),
        tuple(labels),
    )


def score_bar(
    label: str, score: float | None, bounds: tuple[float, float] | None, thin: bool, unscored: str
) -> Bar:
    """A dimension's row: ``28.6 (33.3–44.4)``; without a score, ``0.0–50.0 (not scored)``."""
    if score is None:
        shown = f"{numbers.bounds(bounds)} ({unscored})" if bounds is not None else unscored
    else:
        shown = numbers.score_with_bounds(score, bounds) + ("*" if thin else "")
    return Bar(label, score, bounds, shown, thin)
