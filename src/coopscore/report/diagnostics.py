"""The four problems (P1–P4) as a report's blocks: each one's status, the paper's section and the
recommendations that answer it, its findings in sentences, the data it read, and what to state
to settle what it leaves open."""

from __future__ import annotations

from collections.abc import Sequence

from coopscore.core.diagnostics import Diagnostic
from coopscore.report import numbers
from coopscore.report.blocks import Block, Heading, Mark, Paragraph, Span, inline
from coopscore.report.findings import findings
from coopscore.report.notes import folded, shape
from coopscore.report.words import Words

KEEP = "\u00a0"  # joins words a writer keeps on one line ("§一(二)1 → R1")
STATUS_MARK: dict[str, Mark] = {"flagged": "high", "clear": "good", "unknown": "dim"}


def fold_paths(paths: Sequence[str], words: Words) -> list[str]:
    """Short data lines: list indices folded, then more than two fields of one object as
    ``parent.* (count)``."""
    by_shape: dict[str, list[str]] = {}
    for path in paths:
        by_shape.setdefault(shape(path), []).append(path)
    groups: dict[str, list[str]] = {}
    for found, members in by_shape.items():
        if len(members) > 2:  # a fold is a line of its own
            groups[found] = [folded(members, words.lang)[0]]
            continue
        for path in members:
            parent = path.rsplit(".", 1)[0] if "." in path else path
            groups.setdefault("." + parent, []).append(path)
    return [
        f"{parent[1:]}.* ({len(members)})"
        if parent.startswith(".") and len(members) > 2
        else ", ".join(members)
        for parent, members in groups.items()
    ]


def series(d: Diagnostic) -> str:
    """P1's yearly values, each beside its year (``2014:\u00a04 · 2015:\u00a08 · 2016:\u00a0—``), so
    that every output reads the same numbers; empty when no year is known."""
    years, values = d.chart_series()
    if all(v is None for v in values):
        return ""
    return " · ".join(
        f"{y}:{KEEP}{numbers.MISSING if v is None else f'{v:g}'}"
        for y, v in zip(years, values, strict=True)
    )


def heading(d: Diagnostic, words: Words) -> Heading:
    """``P1 High start, low finish  flagged  §一(二)1 → R1``."""
    recs = ", ".join(d.recommendations) or "—"
    return Heading(
        inline(
            Span(d.id, "code"),
            " ",
            Span(words.pick(d.name), "strong"),
            "  ",
            Span(words(d.status).replace(" ", KEEP), STATUS_MARK.get(d.status, "plain")),
            "  ",
            f"{d.section} → {recs}".replace(" ", KEEP),
        ),
        level=3,
    )


def blocks(d: Diagnostic, words: Words) -> list[Block]:
    """One diagnostic: its heading, then each finding, the data read and what to state."""
    out: list[Block] = [heading(d, words)]
    out += [Paragraph(inline(line), indent=1) for line in findings(d, words.lang)]
    yearly = series(d)
    if yearly:
        out.append(Paragraph(inline(yearly), indent=1))
    used = fold_paths([c.path for c in d.data], words)
    if used:
        lines = sorted({c.line for c in d.data if c.line is not None})
        cited = ", ".join(map(str, lines))
        where = f" ({words('lines')}: {cited})"
        said = f"{words('data_used')}: {', '.join(used)}{where if lines else ''}"
        out.append(Paragraph(inline(said), indent=1))
    if d.missing:
        missing = ", ".join(fold_paths(list(d.missing), words))
        out.append(Paragraph(inline(f"{words('find_out')}: {missing}"), indent=1))
    return out
