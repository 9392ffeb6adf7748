"""The ``markdown`` format: every subject's report drawn by the Markdown writer, and a batch's
folder of scenario reports with an index that links to each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from coopscore.core.assessment import Assessment, RubricRef
from coopscore.formats import to_markdown
from coopscore.formats.documents import DocumentFormat
from coopscore.formats.registry import FolderPages, View
from coopscore.report.summary import Summary
from coopscore.report.words import Words

if TYPE_CHECKING:
    from coopscore.report.blocks import Report
    from coopscore.report.i18n import Lang


@dataclass(frozen=True)
class Row(Summary):
    """A scenario's row in the index, with the rubric that scored it (for the index's header)."""

    rubric: RubricRef | None = None


def document(a: Assessment, lang: Lang) -> str:
    """One assessment's report: every block, every fact."""
    from coopscore.report import assessment

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
    from coopscore.report import index

    made = index.build(rows, failed, Words(lang), dimensions, rubric)
    pages = frozenset(r.report for r in rows if r.report)
    return to_markdown.document(made, pages)


class Markdown(DocumentFormat):
    def document(self, report: Report, view: View) -> str:
        return to_markdown.document(report)

    def pages(self, view: View, dimensions: Sequence[str]) -> FolderPages:
        lang, dims = view.language, tuple(dimensions)
        return FolderPages(
            ".md", partial(report, lang=lang), partial(index_page, lang=lang, dimensions=dims)
        )


FORMAT = Markdown()
