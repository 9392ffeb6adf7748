"""The ``html`` format: one self-contained page per scenario, and a batch's index of them.

A page is the assessment's report (``report.assessment``) drawn by the HTML writer
(``formats.to_html``), so it says what every other output says, in the same words: a page a
reader can open offline or print, with no script and nothing fetched. A batch's index is the
ranking (``report.index``) drawn by the same writer; its only relative links are to the pages
the batch wrote. Jinja2 is imported by the writer only, and the registry imports this module
only when ``--format html`` is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from coopscore.core.assessment import Assessment
from coopscore.core.trend import Trend
from coopscore.formats import to_html
from coopscore.formats.registry import FolderPages, Format, View
from coopscore.report import assessment as assessment_report
from coopscore.report import index as index_report
from coopscore.report import trend as trend_report
from coopscore.report.i18n import Lang
from coopscore.report.summary import Summary
from coopscore.report.words import Words

HTML_LANG = to_html.HTML_LANG


def render(a: Assessment, lang: Lang = "en") -> str:
    """One scenario's report as a self-contained HTML page, its summary first."""
    return to_html.document(assessment_report.build(a, Words(lang)))


def report(assessment: Assessment, lang: Lang) -> tuple[str, Summary]:
    """One scenario's page and its row in the index (run in a batch's workers)."""
    return render(assessment, lang), Summary.of(assessment, lang)


def index(
    rows: Sequence[Summary],
    failed: Sequence[tuple[str, str]],
    lang: Lang,
    dimensions: Sequence[str],
) -> str:
    """The batch's ``index.html``: the ranking, each name linked to the page written for it,
    the dimension matrix and the files that failed."""
    built = index_report.build(rows, failed, dimensions, Words(lang))
    return to_html.document(built, pages={r.report for r in rows if r.report})


class Html(Format):
    def assessment(self, result: Assessment, view: View) -> str:
        return render(result, view.language)

    def pages(self, view: View, dimensions: Sequence[str]) -> FolderPages:
        lang, dims = view.language, tuple(dimensions)
        return FolderPages(
            ".html", partial(report, lang=lang), partial(index, lang=lang, dimensions=dims)
        )

    def trend(self, result: Trend, view: View) -> str:
        return to_html.document(trend_report.build(result, Words(view.language)))


FORMAT = Html()
