"""The ``html`` format: one self-contained page per scenario, and a batch's index of them.

A page is a subject's report drawn by the HTML writer (``formats.to_html``), so it says what
every other output says, in the same words: a page a reader can open offline or print, with
no script and nothing fetched. A batch's index is ``report.index`` drawn by the same writer;
its only relative links are to the pages the batch wrote. The registry imports this module
only when ``--format html`` is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from coopscore.core.assessment import Assessment, RubricRef
from coopscore.formats import to_html
from coopscore.formats.documents import DocumentFormat
from coopscore.formats.registry import FolderPages, View
from coopscore.report.summary import Summary
from coopscore.report.words import Words

if TYPE_CHECKING:
    from coopscore.report.blocks import Report
    from coopscore.report.i18n import Lang

HTML_LANG = to_html.HTML_LANG


@dataclass(frozen=True)
class Row(Summary):
    """A scenario's row in the index, with the rubric that scored it (for the index's header)."""

    rubric: RubricRef | None = None


def render(a: Assessment, lang: Lang = "en") -> str:
    """One scenario's report as a self-contained HTML page, its summary first."""
    from coopscore.report import assessment

    return to_html.document(assessment.build(a, Words(lang)))


def report(a: Assessment, lang: Lang) -> tuple[str, Summary]:
    """One scenario's page and its row in the index (run in a batch's workers)."""
    row = Summary.of(a, lang)
    return render(a, lang), Row(**vars(row), rubric=a.rubric)


def index(
    rows: Sequence[Summary],
    failed: Sequence[tuple[str, str]],
    lang: Lang,
    dimensions: Sequence[str],
) -> str:
    """The batch's ``index.html``: the ranking, each name linked to the page written for it,
    the dimension matrix and the files that failed."""
    from coopscore.report import index as index_report

    rubric = next((r.rubric for r in rows if isinstance(r, Row) and r.rubric is not None), None)
    built = index_report.build(rows, failed, Words(lang), dimensions, rubric)
    return to_html.document(built, pages={r.report for r in rows if r.report})


class Html(DocumentFormat):
    def document(self, report: Report, view: View) -> str:
        return to_html.document(report)

    def pages(self, view: View, dimensions: Sequence[str]) -> FolderPages:
        lang, dims = view.language, tuple(dimensions)
        return FolderPages(
            ".html", partial(report, lang=lang), partial(index, lang=lang, dimensions=dims)
        )


FORMAT = Html()
