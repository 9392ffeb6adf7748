"""The ``markdown`` format: reports for briefings, and a batch's folder of them with an index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from coopscore import __version__
from coopscore.core.assessment import Assessment, RubricRef
from coopscore.formats import markdown, to_markdown
from coopscore.formats.escaping import markdown_link
from coopscore.formats.registry import FolderPages, Format, View
from coopscore.report import numbers
from coopscore.report.i18n import Lang, label
from coopscore.report.summary import Summary, ranked, standings
from coopscore.report.words import Words

if TYPE_CHECKING:
    from coopscore.core.agreement import Agreement
    from coopscore.core.compare import Comparison
    from coopscore.core.plan import Plan
    from coopscore.core.trend import Trend
    from coopscore.model.rubric import Rubric


@dataclass(frozen=True)
class Row(Summary):
    """A scenario's row in the index, with the rubric that scored it (for the index's header)."""

    rubric: RubricRef | None = None


def report(assessment: Assessment, lang: Lang) -> tuple[str, Summary]:
    """One scenario's report and its row in the index."""
    row = Summary.of(assessment, lang)
    return markdown.render(assessment, lang), Row(**vars(row), rubric=assessment.rubric)


def index(
    rows: Sequence[Summary],
    failed: Sequence[tuple[str, str]],
    lang: Lang,
    dimensions: Sequence[str],
) -> str:
    """The batch's ``index.md``: the ranking, the dimension matrix and the files that failed."""
    order = ranked(list(rows))
    places = standings(order)
    out = [f"# {label('index_title', lang)}", ""]
    rubric = next((r.rubric for r in rows if isinstance(r, Row) and r.rubric is not None), None)
    if rubric is not None:
        out += [*markdown.header_lines(rubric, lang), ""]
    else:
        out += [f"- {label('tool', lang)}: {markdown.code('coopscore')} {__version__}", ""]
    out += [f"## {label('ranking', lang)}", ""]
    out.append(
        markdown.table(
            [
                label("rank", lang),
                label("rank_range", lang),
                label("scenario", lang),
                label("file", lang),
                label("as_of", lang),
                label("score", lang),
                label("bounds", lang),
                label("coverage", lang),
                label("high", lang),
                label("medium", lang),
                label("low", lang),
                label("top_recommendation", lang),
            ],
            [
                (
                    s.place,
                    s.mark,
                    markdown_link(r.name, r.report or ""),
                    markdown.code(r.path),
                    r.as_of or "?",
                    markdown.score_text(r.score),
                    numbers.bounds(r.score_bounds),
                    markdown.pct(r.coverage),
                    r.high,
                    r.medium,
                    r.low,
                    r.top_recommendation or "—",
                )
                for r, s in zip(order, places, strict=True)
            ],
        )
    )
    if order:
        out += ["", markdown.inline(label("rank_range_note", lang))]
        if any(s.separable is False for s in places):
            out += ["", markdown.inline(label("not_separable", lang))]
    out += ["", f"## {label('matrix', lang)}", ""]
    out.append(
        markdown.table(
            [label("scenario", lang), *dimensions],
            [
                (
                    markdown_link(r.id, r.report or ""),
                    *(
                        markdown.score_text(dict(r.dimensions).get(d))
                        + ("*" if d in r.thin else "")
                        for d in dimensions
                    ),
                )
                for r in order
            ],
        )
    )
    thin = sorted({d for r in order for d in r.thin})
    if thin:
        out += ["", markdown.inline(label("thin_note", lang, dimensions=", ".join(thin)))]
    if failed:
        out += ["", f"## {label('failed_inputs', lang)}", ""]
        out.append(markdown.table([label("file", lang), label("error", lang)], failed))
    out.append("")
    return "\n".join(out)


class Markdown(Format):
    def assessment(self, result: Assessment, view: View) -> str:
        return markdown.render(result, view.language)

    def plan(self, result: Plan, rubric: Rubric, view: View) -> str:
        from coopscore.report import plan as plan_report

        return to_markdown.document(plan_report.build(result, rubric, Words(view.language)))

    def compare(self, result: Comparison, view: View) -> str:

        from coopscore.formats import compare_out

        return compare_out.markdown(result, view.language)

    def pages(self, view: View, dimensions: Sequence[str]) -> FolderPages:
        lang, dims = view.language, tuple(dimensions)
        return FolderPages(
            ".md", partial(report, lang=lang), partial(index, lang=lang, dimensions=dims)
        )

    def agreement(self, result: Agreement, view: View) -> str:

        from coopscore.formats import agree_out

        return agree_out.markdown(result, view.language)

    def trend(self, result: Trend, view: View) -> str:
        from coopscore.formats import to_markdown
        from coopscore.report import trend
        from coopscore.report.words import Words

        return to_markdown.document(trend.build(result, Words(view.language)))


FORMAT = Markdown()
