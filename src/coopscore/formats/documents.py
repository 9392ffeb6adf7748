"""A format that draws reports: every subject is built once, by its builder in ``report/``,
and the format only draws the blocks it is given (``document``).

This is what keeps one story across outputs: the terminal, Markdown and HTML receive the same
report, in the same words, and differ only in how they draw it. A new document format is one
module whose ``FORMAT`` is a ``DocumentFormat`` with a ``document`` method, and one line in the
registry; every subject it lists then renders through it. Each builder is imported where its
subject is asked for, so a command loads only the analysis it renders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopscore.formats.registry import Format, Unsupported, View
from coopscore.report.words import Words

if TYPE_CHECKING:
    from coopscore.core.agreement import Agreement
    from coopscore.core.assessment import Assessment
    from coopscore.core.compare import Comparison
    from coopscore.core.plan import Plan
    from coopscore.core.sensitivity import Result
    from coopscore.core.trend import Trend
    from coopscore.model.rubric import Rubric
    from coopscore.report.blocks import Report


class DocumentFormat(Format):
    """Every subject as its report, drawn by ``document``."""

    def document(self, report: Report, view: View) -> str:
        """``report`` drawn: returned as text, or drawn on ``view.console`` (returning "").
        Every document format defines it; ``registry.load`` hands out no other."""
        raise Unsupported(type(self).__name__)

    def assessment(self, result: Assessment, view: View) -> str:
        from coopscore.report import assessment

        return self.document(assessment.build(result, Words(view.language)), view)

    def plan(self, result: Plan, rubric: Rubric, view: View) -> str:
        from coopscore.report import plan

        return self.document(plan.build(result, rubric, Words(view.language)), view)

    def compare(self, result: Comparison, view: View) -> str:
        from coopscore.report import compare

        return self.document(compare.build(result, Words(view.language)), view)

    def sensitivity(self, result: Result, view: View) -> str:
        from coopscore.report import sensitivity

        return self.document(sensitivity.build(result, Words(view.language)), view)

    def agreement(self, result: Agreement, view: View) -> str:
        from coopscore.report import agree

        return self.document(agree.build(result, Words(view.language)), view)

    def trend(self, result: Trend, view: View) -> str:
        from coopscore.report import trend

        return self.document(trend.build(result, Words(view.language)), view)
