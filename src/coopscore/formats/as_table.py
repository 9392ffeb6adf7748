"""The ``table`` format: what a person reads on a terminal.

Drawn on the terminal it is handed (``View.console``); without one, for a file, it is plain
text at a fixed width, so a saved view does not depend on the window it was made in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import IO, TYPE_CHECKING

from coopscore.errors import Problem
from coopscore.formats import consoles, to_terminal
from coopscore.formats.consoles import Terminal
from coopscore.formats.documents import DocumentFormat
from coopscore.formats.registry import View
from coopscore.report.words import Words

# A subject's builder is imported where it is drawn: ``assess`` loads no other analysis.
if TYPE_CHECKING:
    from coopscore.core.assessment import Assessment
    from coopscore.report.blocks import Report
    from coopscore.report.i18n import Lang
    from coopscore.report.summary import Summary

FILE_WIDTH = 120


class TableWriter:
    """A ranking table printed when the batch ends (one summary row kept per scenario)."""

    def __init__(self, console: Terminal, lang: Lang) -> None:
        from coopscore.report.summary import Summary

        self.console, self.lang = console, lang
        self.rows: list[Summary] = []
        self.failed: list[tuple[str, str]] = []

        self.render: Callable[[Assessment], Summary] = partial(Summary.of, lang=lang)

    def add(self, rendered: Summary) -> None:
        self.rows.append(rendered)

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None:
        """A file that could not be scored: why, in the table's language (``reason`` is the
        English the data formats carry)."""
        from coopscore.report.problems import reason as said

        self.failed.append((path, said(path, problems, self.lang) if problems else reason))

    def close(self) -> None:
        from coopscore.report import ranking as ranking_report

        made = ranking_report.build(self.rows, self.failed, Words(self.lang))
        to_terminal.draw(made, self.console)


class TableFormat(DocumentFormat):
    def document(self, report: Report, view: View) -> str:
        """Drawn on ``view.console`` now (returning ""), or as plain text for a file, every
        fact shown."""
        if view.console is not None:
            to_terminal.draw(report, view.console, view.verbose)
            return ""
        return to_terminal.text(report, FILE_WIDTH)

    def batch(
        self,
        out: IO[str],
        view: View,
        dimensions: Sequence[str],
        scratch: Callable[[], IO[str]] | None = None,
    ) -> TableWriter:
        return TableWriter(consoles.terminal(file=out), view.language)


FORMAT = TableFormat()
