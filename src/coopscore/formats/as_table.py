"""The ``table`` format: what a person reads on a terminal.

Drawn on the terminal it is handed (``View.console``); without one, for a file, it is plain
text at a fixed width, so a saved view does not depend on the window it was made in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import IO, TYPE_CHECKING

from rich.console import Console

from coopscore.errors import Problem
from coopscore.formats import consoles, to_terminal
from coopscore.formats.registry import Format, View
from coopscore.report.words import Words

# A subject's builder is imported where it is drawn: ``assess`` loads no other analysis.
if TYPE_CHECKING:
    from coopscore.core.agreement import Agreement
    from coopscore.core.assessment import Assessment
    from coopscore.core.compare import Comparison
    from coopscore.core.plan import Plan
    from coopscore.core.sensitivity import Result
    from coopscore.core.trend import Trend
    from coopscore.model.rubric import Rubric
    from coopscore.report.blocks import Report
    from coopscore.report.i18n import Lang
    from coopscore.report.summary import Summary

FILE_WIDTH = 120


def report(made: Report, view: View) -> str:
    """A report drawn on ``view.console`` now (returning ""), or as plain text for a file."""
    if view.console is not None:
        to_terminal.draw(made, view.console, view.verbose)
        return ""
    return to_terminal.text(made, FILE_WIDTH)


class TableWriter:
    """A ranking table printed when the batch ends (one summary row kept per scenario)."""

    def __init__(self, console: Console, lang: Lang) -> None:
        from coopscore.report.summary import Summary

        self.console, self.lang = console, lang
        self.rows: list[Summary] = []
        self.failed: list[tuple[str, str]] = []

        self.render: Callable[[Assessment], Summary] = partial(Summary.of, lang=lang)

    def add(self, rendered: Summary) -> None:
        self.rows.append(rendered)

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None:
        self.failed.append((path, reason))

    def close(self) -> None:
        from coopscore.report import ranking as ranking_report

        made = ranking_report.build(self.rows, self.failed, Words(self.lang))
        to_terminal.draw(made, self.console)


class TableFormat(Format):
    def assessment(self, result: Assessment, view: View) -> str:
        from coopscore.report import assessment

        return report(assessment.build(result, Words(view.language)), view)

    def plan(self, result: Plan, rubric: Rubric, view: View) -> str:
        from coopscore.report import plan as plan_report

        return report(plan_report.build(result, rubric, Words(view.language)), view)

    def compare(self, result: Comparison, view: View) -> str:
        from coopscore.report import compare as compare_report

        return report(compare_report.build(result, Words(view.language)), view)

    def sensitivity(self, result: Result, view: View) -> str:
        from coopscore.report import sensitivity as sensitivity_report

        return report(sensitivity_report.build(result, Words(view.language)), view)

    def batch(
        self,
        out: IO[str],
        view: View,
        dimensions: Sequence[str],
        scratch: Callable[[], IO[str]] | None = None,
    ) -> TableWriter:
        return TableWriter(consoles.console(file=out), view.language)

    def agreement(self, result: Agreement, view: View) -> str:
        from coopscore.report import agree as agree_report

        return report(agree_report.build(result, Words(view.language)), view)

    def trend(self, result: Trend, view: View) -> str:
        from coopscore.report import trend  # only when a trend is rendered

        return report(trend.build(result, Words(view.language)), view)


FORMAT = TableFormat()
