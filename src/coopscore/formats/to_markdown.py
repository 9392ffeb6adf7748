"""A report as a GitHub-flavoured Markdown document: every block, every fact, nothing cut.

The writer knows blocks, not subjects: whatever a builder made (an assessment, a plan, a
ranking) is written the same way. Every piece of text is escaped on the way out by the
Markdown helpers of ``escaping``: file text shows as written and can never make a link, an
emphasis, a tag or a block. The only links are the spans a report marks as links, and only
when their target is an http(s) URL (``escaping.web_url``) or one of the ``pages`` the caller
wrote beside the document (a batch's index links to its reports), percent-encoded as a relative
target (``escaping.link_target``).

Blocks become: headings ``#``..., paragraphs, notes as block quotes, bullet lists, GFM tables
(numbers and bounds right-aligned), facts as a list (nested under the item before them when a
list comes first), bar charts as text in a fenced block (the terminal's characters), and line
charts as a table of their series.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from coopscore.formats.escaping import (
    Markdown,
    code_block,
    code_span,
    markdown_cell,
    markdown_inline,
    markdown_line,
    markdown_link,
    markdown_text,
    markdown_web_link,
)
from coopscore.formats.fitting import BAR_CHARS, bar_cells, cell_len
from coopscore.report import numbers
from coopscore.report.blocks import (
    Bar,
    Block,
    Bullets,
    Chart,
    Column,
    Facts,
    Heading,
    Inline,
    LineChart,
    Note,
    Paragraph,
    Report,
    Span,
    Table,
    repeats_heading,
    series_table,
)

BAR_WIDTH = 40  # cells of a chart's bar, as on a wide terminal
NUMERIC = frozenset({"number", "bounds"})  # right-aligned columns
# How each mark is written; a mark not named here is plain text.
_WRAP = {"strong": "**", "high": "**", "bad": "**", "dim": "*"}


# -------------------------------------------------------------------------------- inline


def _runs(text: Inline) -> list[tuple[str, str, str | None]]:
    """Neighbouring spans written alike joined into one run (mark, text, target), so that
    text split over spans is escaped as one (no autolink can form across their seam)."""
    runs: list[tuple[str, str, str | None]] = []
    for span in text:
        kind = _kind(span)
        if runs and kind not in ("code", "link") and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + span.text, None)
        else:
            runs.append((kind, span.text, span.target))
    return runs


def _kind(span: Span) -> str:
    if span.mark in ("code", "link"):
        return span.mark
    return _WRAP.get(span.mark, "")


NO_PAGES: frozenset[str] = frozenset()


def _run(kind: str, text: str, target: str | None, pages: Collection[str] = NO_PAGES) -> str:
    if kind == "code":
        if not text.strip():
            return markdown_inline(text)
        return code_span(text.strip())
    if kind == "link":
        if target is not None and target in pages:
            return markdown_link(text, target)
        return markdown_web_link(target if target is not None else text, text)
    escaped = markdown_inline(text)
    core = escaped.strip(" ")
    if not kind or not core:
        return escaped
    lead = " " if escaped.startswith(" ") else ""
    trail = " " if escaped.endswith(" ") else ""
    return f"{lead}{kind}{core}{kind}{trail}"


def _joined(text: Inline, pages: Collection[str] = NO_PAGES) -> str:
    """The runs written one after another. A ``!`` just before a link is escaped: it would
    make the link an image."""
    out = ""
    for run in _runs(text):
        piece = _run(*run, pages=pages)
        if out.endswith("!") and piece.startswith("["):
            out = out[:-1] + "\\!"
        out += piece
    return out


def inline(text: Inline, pages: Collection[str] = NO_PAGES) -> Markdown:
    """Inline text as one safe Markdown line."""
    return markdown_line(_joined(text, pages))


def cell(text: Inline, pages: Collection[str] = NO_PAGES) -> str:
    """Inline text as a GFM table cell (``|`` escaped, even in code spans)."""
    return markdown_cell(Markdown(_joined(text, pages).strip(" ")))


def strong(text: str) -> Markdown:
    """A title of the writer's blocks (a table's, a chart's) as a strong line; empty when
    there is nothing to show (``****`` alone would be a thematic break)."""
    core = markdown_inline(text).strip(" ")
    return markdown_line(f"**{core}**") if core else Markdown("")


# -------------------------------------------------------------------------------- blocks


def table(
    columns: Sequence[Column], rows: Iterable[Sequence[Inline]], pages: Collection[str] = NO_PAGES
) -> list[str]:
    """A GFM table, its columns padded to one width (wide characters counted twice)."""
    head = [markdown_cell(c.title) for c in columns]
    body = [[cell(c, pages) for c in row] for row in rows]
    widths = [max([3, cell_len(h), *(cell_len(r[n]) for r in body)]) for n, h in enumerate(head)]
    numeric = [c.role in NUMERIC for c in columns]

    def line(cells: Sequence[str]) -> str:
        padded = (
            " " * (w - cell_len(c)) + c if right else c + " " * (w - cell_len(c))
            for c, w, right in zip(cells, widths, numeric, strict=True)
        )
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(
        "-" * (w + 1) + ":" if right else "-" * (w + 2)
        for w, right in zip(widths, numeric, strict=True)
    )
    return [line(head), rule + "|", *(line(r) for r in body)]


def _where(fact_where: str, path: str) -> str:
    inner = markdown_inline(fact_where).strip(" ")
    return f"({inner}, {code_span(path)})" if path else f"({inner})"


def facts(block: Facts, after_bullets: bool) -> list[str]:
    """Every fact, as "subject — fact (where, `path`)", each quoted line once beneath it.

    After a bulleted list (a gap's reasons) the facts are a list of their own, marked ``*``:
    a list with another marker is never read as part of the one before, nor as its last
    item's children (the facts are the scenario's, not the YRD practice's)."""
    bullet = "*" if after_bullets else "-"
    out = []
    quoted: set[int] = set()
    for fact in block.items:
        said = markdown_inline(fact.fact).strip(" ")
        if fact.subject:
            said = f"{markdown_inline(fact.subject).strip(' ')} — {said}"
        out.append(f"{bullet} {markdown_line(said + ' ' + _where(fact.where, fact.path))}")
        if fact.quote is not None and fact.line is not None and fact.line not in quoted:
            quoted.add(fact.line)
            out.append(f"  - {code_span(f'{fact.line} │ {fact.quote.strip()}')}")
    return out


def bar_value(bar: Bar) -> str:
    """A bar's numbers as the terminal prints them: the point, ``*`` when thin, the bounds."""
    point = numbers.score(bar.value) + ("*" if bar.thin else "")
    if bar.lower is None or bar.upper is None:
        return point
    return f"{point} {numbers.bounds((bar.lower, bar.upper))}"


def bar_line(bar: Bar, size: int = BAR_WIDTH) -> str:
    """The bar in the terminal's characters: certain, up to the point, up to the upper bound,
    and the rest of the scale."""
    return "".join(
        c * n
        for c, n in zip(BAR_CHARS, bar_cells(bar.value, bar.lower, bar.upper, size), strict=True)
    )


def chart(block: Chart) -> list[str]:
    """The bars as text in a fenced block, their names beneath, then the legend."""
    out = []
    if strong(block.title):
        out += [strong(block.title), ""]
    if block.bars:
        labels = [" ".join(b.label.split()) for b in block.bars]
        size = max(cell_len(x) for x in labels)
        rows = [
            f"{x}{' ' * (size - cell_len(x))}  {bar_line(b)}  {bar_value(b)}"
            for x, b in zip(labels, block.bars, strict=True)
        ]
        out += [*code_block("\n".join(rows), "text"), ""]
    named = [b for b in block.bars if b.name and b.name != b.label]
    if named:
        out += [
            f"- {markdown_line(f'{code_span(b.label)} {markdown_inline(b.name)}')}" for b in named
        ]
        out.append("")
    if block.legend:
        out += [markdown_text(block.legend), ""]
    return out[:-1] if out and out[-1] == "" else out


def _x(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def line_chart(block: LineChart) -> list[str]:
    """The series as a table: a row per line, a column per x (the point and its bounds)."""
    out = []
    if strong(block.title):
        out += [strong(block.title), ""]
    made = series_table(block)
    if made.rows:
        out += [*table(made.columns, made.rows), ""]
    if block.legend:
        out += [markdown_text(block.legend), ""]
    return out[:-1] if out and out[-1] == "" else out


def _block(block: Block, before: Block | None, pages: Collection[str]) -> list[str]:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return [f"{'#' * level} {inline(block.text, pages)}"]
    if isinstance(block, Paragraph):
        return [inline(block.text, pages)]
    if isinstance(block, Note):
        return [f"> {inline(block.text, pages)}"]
    if isinstance(block, Bullets):
        return [f"- {inline(item, pages)}" for item in block.items]
    if isinstance(block, Table):
        title = block.title if block.title and not repeats_heading(block, before) else ""
        head = [strong(title), ""] if strong(title) else []
        return [*head, *table(block.columns, block.rows, pages)]
    if isinstance(block, Facts):
        return facts(block, isinstance(before, Bullets) and bool(before.items))
    if isinstance(block, Chart):
        return chart(block)
    return line_chart(block)


def document(report: Report, pages: Collection[str] = NO_PAGES) -> str:
    """``report`` as one Markdown document, ending in a line break. A link span whose target is
    one of ``pages`` (relative paths of files written beside it) links there; any other link
    only to an http(s) URL."""
    out: list[str] = []
    before: Block | None = None
    for block in report.blocks:
        lines = _block(block, before, pages)
        if not lines:
            continue
        if out:
            out.append("")
        out += lines
        before = block
    return "\n".join(out) + "\n"
