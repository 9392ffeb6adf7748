"""The ``markdown`` format: every subject's report drawn by the Markdown writer, and a batch's
folder of scenario reports with an index that links to each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from coopscore.core.agreement import Agreement
from coopscore.core.assessment import Assessment, RubricRef
from coopscore.core.compare import Comparison
from coopscore.core.plan import Plan
from coopscore.core.trend import Trend
from coopscore.formats import to_markdown
from coopscore.formats.registry import FolderPages, Format, View
from coopscore.model.rubric import Rubric
from coopscore.report import agree, assessment, compare, index, plan, trend
from coopscore.report.i18n import Lang
from coopscore.report.summary import Summary
from coopscore.report.words import Words


@dataclass(frozen=True)
class Row(Summary):
    """A scenario's row in the index, with the rubric that scored it (for the index's header)."""

    rubric: RubricRef | None = None


def document(a: Assessment, lang: Lang) -> str:
    """One assessment's report: every block, every fact."""
    return to_markdown.document(assessment.build(a, Words(lang)))


def report(a: Assessment, lang: Lang) -> tuple[str, Summary]:
    """One scenario's page in a batch's folder and its row in the index."""
    row = Summary.of(a, lang)
    return document(a, lang), Row(**vars(row), rubric=a.rubric)


def index_page(
    rows: Sequence[Summary],
    failed: Sequence[tuple[str, str]],
    lang: Lang,
    dimensions: Sequence[str],
) -> str:
    """The batch's ``index.md``; it links to the reports written beside it, and to no other
    relative target."""
    rubric = next((r.rubric for r in rows if isinstance(r, Row) and r.rubric is not None), None)
    made = index.build(rows, failed, Words(lang), dimensions, rubric)
    pages = frozenset(r.report for r in rows if r.report)
    return to_markdown.document(made, pages)


class Markdown(Format):
    def assessment(self, result: Assessment, view: View) -> str:
        return document(result, view.language)

    def plan(self, result: Plan, rubric: Rubric, view: View) -> str:
        return to_markdown.document(plan.build(result, rubric, Words(view.language)))

    def compare(self, result: Comparison, view: View) -> str:
        return to_markdown.document(compare.build(result, Words(view.language)))

    def pages(self, view: View, dimensions: Sequence[str]) -> FolderPages:
        lang, dims = view.language, tuple(dimensions)
        return FolderPages(
            ".md", partial(report, lang=lang), partial(index_page, lang=lang, dimensions=dims)
        )

    def agreement(self, result: Agreement, view: View) -> str:
        return to_markdown.document(agree.build(result, Words(view.language)))

    def trend(self, result: Trend, view: View) -> str:
        return to_markdown.document(trend.build(result, Words(view.language)))


FORMAT = Markdown()
