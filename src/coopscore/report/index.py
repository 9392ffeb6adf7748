"""The index of a batch's folder of reports: the ranking, each name leading to its scenario's
page, every scenario's dimension scores side by side, and the files that could not be scored."""

from __future__ import annotations

from collections.abc import Sequence

from coopscore.report import numbers
from coopscore.report.blocks import Builder, Column, Inline, Report
from coopscore.report.ranking import failures, name, ranking
from coopscore.report.summary import Summary, ranked
from coopscore.report.words import Words


def build(
    rows: Sequence[Summary],
    failed: Sequence[tuple[str, str]],
    dimensions: Sequence[str],
    words: Words,
) -> Report:
    """``rows`` in any order (ranked here), each with the name of its page (``report``);
    ``failed``: (file, why); ``dimensions``: the rubric's dimension ids, in its order."""
    out = Builder()
    title = words("index_title")
    out.heading(title, level=1)
    out.heading(words("ranking"), anchor="ranking")
    ranking(rows, words, out, linked=True)
    order = ranked(rows)
    if order and dimensions:
        out.heading(words("matrix"), anchor="matrix")
        matrix = (Column(words("scenario"), "name"), *(Column(d, "number") for d in dimensions))
        body: list[tuple[str | Inline, ...]] = []
        for r in order:
            scores = dict(r.dimensions)
            cells = [
                numbers.score(scores.get(d)) + ("*" if d in r.thin else "") for d in dimensions
            ]
            body.append((name(r, linked=True), *cells))
        out.table(matrix, body)
        thin = sorted({d for r in order for d in r.thin})
        if thin:
            out.note(words("thin_note", dimensions=", ".join(thin)))
    failures(failed, words, out)
    return out.report(title, words.lang)
