"""A report drawn for the terminal: every block fitted to the width, nothing cut.

Every piece of text is escaped (``escaping.terminal``: controls made visible) and put in
``Styled`` lines, never read as markup. Lines are broken by ``fitting``, the one line breaker,
and printed as they are: a terminal that shows no styles gets their text, one that does gets
them through rich's console as rich ``Text`` with the same spans, which it wraps no further.
A table gives each column the width its role allows (codes, numbers and bounds whole, paths
folded at ``/``, prose between words); when even that does not fit, each row is shown as a
short list of "title: value" lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

from coopscore.formats import fitting
from coopscore.formats.consoles import Terminal
from coopscore.formats.escaping import terminal
from coopscore.report import numbers
from coopscore.report.blocks import (
    Bar,
    Block,
    Bullets,
    Chart,
    Facts,
    Heading,
    Inline,
    LineChart,
    Note,
    Paragraph,
    Report,
    Table,
    repeats_heading,
    series_table,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

FILE_WIDTH = 100  # a report saved to a file is drawn at this width
QUOTE_CHARS = 400  # at most this much of a scenario line is quoted
STYLES = {
    "plain": "",
    "strong": "bold",
    "dim": "dim",
    "code": "bold",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "good": "green",
    "bad": "bold red",
    "link": "underline",
}
_NUMERIC = frozenset({"number", "bounds"})
# The marks whose text is looked up as written: broken only as a path is (``fitting``).
ROLES = {"code": "code"}


class Styled:
    """A line of text with styled spans: the part of rich's ``Text`` a drawing uses, keeping
    the spans rich's would keep, so that ``rich()`` is the ``Text`` the same steps would have
    made. ``style`` applies to the whole line; each span is (start, end, style)."""

    __slots__ = ("plain", "roles", "spans", "style")

    def __init__(
        self, plain: str = "", style: str = "", spans: list[tuple[int, int, str]] | None = None
    ) -> None:
        self.plain, self.style = plain, style
        self.spans: list[tuple[int, int, str]] = [] if spans is None else spans
        # The parts a report gave a role (a code, a path): (start, end, role), for the line
        # breaker (``fitting.breaks``); a drawn line no longer needs them.
        self.roles: list[tuple[int, int, str]] = []

    def __len__(self) -> int:
        return len(self.plain)

    def __repr__(self) -> str:
        return f"Styled({self.plain!r}, {self.style!r}, {self.spans!r})"

    def append(self, text: str | Styled, style: str = "", role: str = "") -> Styled:
        """``text`` added at the end: a string in ``style`` (and ``role``), a line with its own
        style, spans and roles (nothing, when it is empty)."""
        if not text:
            return self
        at = len(self.plain)
        if isinstance(text, str):
            if style:
                self.spans.append((at, at + len(text), style))
            if role:
                self.roles.append((at, at + len(text), role))
            self.plain += text
            return self
        self.roles.extend((start + at, end + at, kind) for start, end, kind in text.roles)
        if text.style:
            self.spans.append((at, at + len(text.plain), text.style))
        self.spans.extend((start + at, end + at, kind) for start, end, kind in text.spans)
        self.plain += text.plain
        return self

    def __add__(self, other: str | Styled) -> Styled:
        return self.copy().append(other)

    def __getitem__(self, part: slice) -> Styled:
        start, stop, step = part.indices(len(self.plain))
        if step != 1:
            raise TypeError("a line is sliced in steps of one")
        spans = [
            (max(a, start) - start, min(b, stop) - start, kind)
            for a, b, kind in self.spans
            if min(b, stop) > max(a, start)
        ]
        return Styled(self.plain[start:stop], self.style, spans)

    def copy(self) -> Styled:
        out = Styled(self.plain, self.style, list(self.spans))
        out.roles = list(self.roles)
        return out

    def stylize(self, style: str) -> None:
        """``style`` over the whole line (nothing on an empty line)."""
        if style and self.plain:
            self.spans.append((0, len(self.plain), style))

    def rstrip(self) -> None:
        """Trailing whitespace removed, with the spans that covered it."""
        stripped = self.plain.rstrip()
        if len(stripped) < len(self.plain):
            end = len(stripped)
            self.spans = [(a, min(b, end), kind) for a, b, kind in self.spans if a < end]
        self.plain = stripped

    def rich(self) -> Text:
        """The line as rich's ``Text``, for a terminal that shows styles."""
        from rich.text import Span, Text

        return Text(self.plain, self.style, spans=[Span(*span) for span in self.spans])


def styled(text: Inline, base: str = "") -> Styled:
    """An inline text as one line, each span escaped and styled by its mark."""
    out = Styled(style=base)
    for span in text:
        shown = terminal(span.text).replace("\n", " ")
        out.append(shown, style=STYLES.get(span.mark, ""), role=ROLES.get(span.mark, ""))
    return out


def flow(text: Styled, size: int, indent: int = 0, hang: int = 2) -> list[Styled]:
    """``text`` broken into lines of at most ``size`` cells (see ``fitting.breaks``)."""
    size = max(size, 1)
    first, rest = min(indent, size - 1), min(indent + hang, size - 1)
    out = []
    found = fitting.breaks(text.plain, size, indent, hang, text.roles)
    for n, (start, end) in enumerate(found):
        piece = text[start:end]
        piece.plain = piece.plain.replace(fitting.KEEP, " ")
        margin = fitting.fitted_margin(first if n == 0 else rest, cell_len(piece.plain), size)
        out.append(Styled(" " * margin) + piece)
    return out


class Drawing:
    """The lines of one report at one width."""

    def __init__(self, size: int, verbose: bool = False) -> None:
        self.size, self.verbose = max(size, 1), verbose
        self.lines: list[Styled] = []
        self.last: Block | None = None  # the block drawn before the one being drawn

    def blank(self) -> None:
        if self.lines and self.lines[-1].plain.strip():
            self.lines.append(Styled())

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.lines += flow(styled(block.text), self.size, 2 * block.indent, 0)
        elif isinstance(block, Note):
            self.lines += flow(styled(block.text, "dim"), self.size, 0, 0)
        elif isinstance(block, Bullets):
            brief = block.brief is not None and not self.verbose
            shown = block.items[: block.brief] if brief else block.items
            for item in shown:
                self.lines += flow(Styled("- ") + styled(item), self.size, 2 * block.indent)
            hidden = len(block.items) - len(shown)
            if hidden > 0:
                more = Styled(block.more.format(count=hidden), "dim")
                self.lines += flow(more, self.size, 2 * block.indent)
        elif isinstance(block, Table):
            self.table(block.replace(title=None) if repeats_heading(block, self.last) else block)
        elif isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, LineChart):
            self.table(series_table(block).replace(title=block.title or None))
            if block.legend:
                self.lines += flow(Styled(terminal(block.legend), "dim"), self.size, 0, 0)

    def heading(self, block: Heading) -> None:
        style = {1: "bold", 2: "bold underline"}.get(block.level, "bold")
        if block.level <= 3:
            self.blank()
        indent = 0 if block.level <= 3 else 2
        self.lines += flow(styled(block.text, style), self.size, indent, 4)

    def facts(self, block: Facts) -> None:
        indent = 2 * block.indent
        shown = block.items if self.verbose else block.items[: block.brief]
        quoted = False
        for fact in shown:
            head = f"{fact.subject} — {fact.fact}" if fact.subject else fact.fact
            # ``(where, path)``: each a citation, kept whole where it fits, the two kept
            # together where both fit (``KEEP``).
            where = Styled("(").append(terminal(fact.where), role="path")
            if fact.path:
                where.append("," + fitting.KEEP).append(terminal(fact.path), role="path")
            where.append(")").style = "dim"
            text = Styled(terminal(head)) + Styled("  ") + where
            self.lines += flow(text, self.size, indent)
            if fact.quote is not None and fact.line is not None and not quoted:
                quoted = True
                self.lines.append(self.quote(fact.line, fact.quote, indent + 2))
        hidden = len(block.items) - len(shown)
        if hidden > 0:
            self.lines += flow(Styled(block.more.format(count=hidden), "dim"), self.size, indent)

    def quote(self, line: int, text: str, indent: int) -> Styled:
        """The scenario's own line, numbered and cut at the width: a quote, not the fact."""
        shown = terminal(text[:QUOTE_CHARS].rstrip().expandtabs(2))
        head = " " * min(indent, self.size - 1) + f"{line} │ "
        room = self.size - cell_len(head)
        if room < 1:
            return Styled(head[: self.size], "dim")
        if cell_len(shown) > room:
            shown = shown[: fitting.fits_up_to(shown, room - 1)] + "…"
        return Styled(head + shown, "dim")

    def table(self, block: Table) -> None:
        if block.title:
            self.blank()
            self.lines += flow(Styled(terminal(block.title), "bold"), self.size)
        roles = [c.role for c in block.columns]
        titles = [terminal(c.title) for c in block.columns]
        cells = [[styled(c) for c in row] for row in block.rows]
        plain = [[c.plain for c in row] for row in cells]
        gap = fitting.gutter(roles, titles, plain, self.size)
        widths = fitting.columns(roles, titles, plain, self.size, gap)
        if widths is None:
            self.stacked(titles, roles, cells)
            return
        heads = [self.title(t, w) for t, w in zip(titles, widths, strict=True)]
        self.row(heads, widths, roles, gap)
        self.lines.append(Styled((" " * gap).join("─" * w for w in widths), "dim"))
        tall = False
        drawn = []
        for row in cells:
            parts = [self.cell(c, r, w) for c, r, w in zip(row, roles, widths, strict=True)]
            tall = tall or any(len(p) > 1 for p in parts)
            drawn.append(parts)
        for n, parts in enumerate(drawn):
            if tall and n:
                self.lines.append(Styled())
            self.row(parts, widths, roles, gap)

    def title(self, title: str, size: int) -> list[Styled]:
        """A column title: whole when it fits; a Chinese word in two halves (``维度/增益``),
        never cut where a half would not end; else broken between words."""
        half = (len(title) + 1) // 2
        whole = fitting.cell_len(title)
        if whole > size and fitting.in_halves(title) and fitting.cell_len(title[:half]) <= size:
            return [Styled(title[:half], "bold"), Styled(title[half:], "bold")]
        return self.cell(Styled(title, "bold"), "prose", size)

    def cell(self, text: Styled, role: str, size: int) -> list[Styled]:
        if role == "path":
            out, at = [], 0
            for piece in fitting.path_lines(text.plain, size):
                out.append(text[at : at + len(piece)])
                at += len(piece)
            return out
        return flow(text, size, 0, 0)

    def row(
        self, parts: Sequence[list[Styled]], widths: Sequence[int], roles: Sequence[str], gap: int
    ) -> None:
        height = max((len(p) for p in parts), default=1)
        for k in range(height):
            line = Styled()
            for j, (part, size) in enumerate(zip(parts, widths, strict=True)):
                piece = part[k] if k < len(part) else Styled()
                pad = " " * max(size - cell_len(piece.plain), 0)
                cell = Styled(pad) + piece if roles[j] in _NUMERIC else piece + Styled(pad)
                line += cell if j == 0 else Styled(" " * gap) + cell
            line.rstrip()
            self.lines.append(line)

    def stacked(
        self, titles: Sequence[str], roles: Sequence[str], rows: Sequence[Sequence[Styled]]
    ) -> None:
        """Each row as its first cell, then "title: value" lines beneath it."""
        for n, row in enumerate(rows):
            if n:
                self.lines.append(Styled())
            first = row[0].copy()
            first.stylize("bold")
            self.lines += flow(first, self.size)
            for title, cell in zip(titles[1:], row[1:], strict=True):
                if not cell.plain:
                    continue
                self.lines += flow(Styled(f"{title}: ", "dim") + cell, self.size, 2, 2)

    def chart(self, block: Chart) -> None:
        self.blank()
        self.lines += flow(Styled(terminal(block.title), "bold"), self.size)
        labels = [terminal(b.label) for b in block.bars]
        values = _aligned([_value(b) for b in block.bars])
        label_w = max((cell_len(x) for x in labels), default=0)
        value_w = max((cell_len(v) for v in values), default=0)
        bar_w = min(40, self.size - label_w - value_w - 2 * fitting.GUTTER)
        for lab, bar, value in zip(labels, block.bars, values, strict=True):
            if bar_w >= 10:
                line = (
                    Styled(lab.ljust(label_w)) + Styled(" " * fitting.GUTTER) + bar_text(bar, bar_w)
                )
                line += Styled(" " * fitting.GUTTER + value)
                self.lines.append(line)
            else:
                self.lines += flow(Styled(f"{lab}  {value}"), self.size)
        if block.legend:
            self.lines += flow(Styled(terminal(block.legend), "dim"), self.size)


def _aligned(values: Sequence[str]) -> list[str]:
    """``point bounds`` values in two columns: points right-aligned, bounds right-aligned."""
    split = [v.split(" ", 1) if " " in v else [v, ""] for v in values]
    point_w = max((cell_len(p) for p, _ in split), default=0)
    bound_w = max((cell_len(b) for _, b in split), default=0)
    return [
        (p.rjust(point_w) + (" " + b.rjust(bound_w) if bound_w else "")).rstrip() for p, b in split
    ]


def _value(bar: Bar) -> str:
    point = numbers.score(bar.value) + ("*" if bar.thin else "")
    if bar.lower is None or bar.upper is None:
        return point
    return f"{point} {numbers.bounds((bar.lower, bar.upper))}"


def bar_text(bar: Bar, size: int) -> Styled:
    parts = fitting.bar_cells(bar.value, bar.lower, bar.upper, size)
    styles = ("", "", "dim", "dim")
    out = Styled()
    for char, count, style in zip(fitting.BAR_CHARS, parts, styles, strict=True):
        out.append(char * count, style)
    return out


def lines(report: Report, size: int, verbose: bool = False) -> Iterator[Styled]:
    drawing = Drawing(size, verbose)
    for block in report.blocks:
        drawing.block(block)
        drawing.last = block
    yield from drawing.lines


def draw(report: Report, console: Terminal | Console, verbose: bool = False) -> None:
    """``report`` printed on ``console`` at its width: as text where no style shows, else
    through rich's console."""
    if isinstance(console, Terminal):
        if console.plain:
            drawn = lines(report, console.width, verbose)
            console.write("".join(line.plain + "\n" for line in drawn))
            return
        console = console.console()
    for line in lines(report, console.width, verbose):
        console.print(line.rich(), soft_wrap=True, no_wrap=True, overflow="ignore", crop=False)


def text(report: Report, size: int = FILE_WIDTH, verbose: bool = True) -> str:
    """``report`` as plain text, for a file: every fact shown."""
    return "".join(line.plain.rstrip() + "\n" for line in lines(report, size, verbose))
