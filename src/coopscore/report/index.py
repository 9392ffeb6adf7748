"""The index of a batch's folder of reports: what made them, the ranking with a link to each
scenario's own report, every dimension's score side by side, and the files that failed."""

from __future__ import annotations

from collections.abc import Sequence

from coopscore import __version__
from coopscore.core.assessment import RubricRef
from coopscore.report import numbers, ranking
from coopscore.report.blocks import Builder, Column, Inline, Report, Span, inline
from coopscore.report.notes import modified, provenance
from coopscore.report.summary import Summary, told_apart
from coopscore.report.words import Words


def _made(rubric: RubricRef | None, words: Words, out: Builder) -> None:
    """The tool, rubric and digest that made the reports; a warning when the rubric is
    modified."""
    if rubric is None:
        out.paragraph(inline(f"{words('tool')}: ", Span("coopscore", "code"), f" {__version__}"))
        return
    out.paragraph(f"{words('tool')}: " + " · ".join(provenance(rubric, words.lang)))
    warning = modified(rubric, words.lang)
    if warning:
        out.paragraph(inline(Span(warning, "bad")))


def _matrix(
    order: Sequence[Summary], dimensions: Sequence[str], words: Words, out: Builder
) -> None:
    """A row per scenario, a column per dimension: each score, ``*`` when thin."""
    columns = [Column(words("scenario"), "name"), *(Column(d, "number") for d in dimensions)]
    rows: list[tuple[str | Inline, ...]] = []
    for r, label in zip(order, told_apart(order, lambda r: r.id), strict=True):
        scores = dict(r.dimensions)
        name: str | Inline = inline(Span(label, "link", target=r.report)) if r.report else label
        cells = (numbers.score(scores.get(d)) + ("*" if d in r.thin else "") for d in dimensions)
        rows.append((name, *cells))
    out.table(columns, rows)
    thin = sorted({d for r in order for d in r.thin})
    if thin:
        out.note(words("thin_note", dimensions=", ".join(thin)))


def build(
    rows: Sequence[Summary],
    failed: Sequence[tuple[str, str]],
    words: Words,
    dimensions: Sequence[str],
    rubric: RubricRef | None = None,
) -> Report:
    """``rows`` in any order (ranked here), each linking to its report when it names one
    (``Summary.report``); ``failed``: (file, why) of each file that could not be scored."""
    out = Builder()
    title = words("index_title")
    out.heading(title, level=1)
    _made(rubric, words, out)
    out.heading(words("ranking"))
    order = ranking.ranking(rows, words, out, linked=True)
    if order:
        out.heading(words("matrix"))
        _matrix(order, dimensions, words, out)
    ranking.failures(failed, words, out)
    return out.report(title, words.lang)
