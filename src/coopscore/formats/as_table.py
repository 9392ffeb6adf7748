"""The ``table`` format: what a person reads on a terminal.

Drawn on the terminal it is handed (``View.console``); without one, for a file, it is plain
text at a fixed width, so a saved view does not depend on the window it was made in.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import partial
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from coopscore.errors import Problem
from coopscore.formats import consoles, numbers, terminal
from coopscore.formats.escaping import rich_text
from coopscore.formats.escaping import terminal as plain
from coopscore.formats.i18n import Lang, label
from coopscore.formats.registry import Format, View

# What only some subjects need is imported where it is used: ``assess`` loads no other analysis.
if TYPE_CHECKING:
    from coopscore.core.agreement import Agreement
    from coopscore.core.assessment import Assessment
    from coopscore.core.compare import Comparison
    from coopscore.core.plan import Plan
    from coopscore.core.sensitivity import Result
    from coopscore.formats.summary import Summary
    from coopscore.model.rubric import Rubric

FILE_WIDTH = 120


def drawn(draw: Callable[[Console], None], view: View) -> str:
    """Drawn on ``view.console`` now (returning ""), or as plain text for a file."""
    if view.console is not None:
        draw(view.console)
        return ""
    console = Console(record=True, width=FILE_WIDTH, file=io.StringIO())
    draw(console)
    return console.export_text()


class TableWriter:
    """A ranking table printed when the batch ends (one summary row kept per scenario)."""

    def __init__(self, console: Console, lang: Lang) -> None:
        from coopscore.formats.summary import Summary

        self.console, self.lang = console, lang
        self.rows: list[Summary] = []
        self.failed: list[tuple[str, str]] = []
        self.render: Callable[[Assessment], Summary] = partial(Summary.of, lang=lang)

    def add(self, rendered: Summary) -> None:
        self.rows.append(rendered)

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None:
        self.failed.append((path, reason))

    def close(self) -> None:
        from coopscore.formats.summary import ranked, standings

        lang = self.lang
        table = Table(title=label("ranking", lang), title_justify="left")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column(label("rank_range_short", lang), justify="right", no_wrap=True)
        table.add_column(label("scenario", lang), overflow="fold", ratio=1, min_width=16)
        table.add_column(label("score", lang), justify="right", no_wrap=True)
        table.add_column(label("bounds", lang), justify="right", no_wrap=True)
        table.add_column(label("coverage_short", lang), justify="right", no_wrap=True)
        table.add_column(label("gaps_hml", lang), justify="right", no_wrap=True)
        table.add_column(label("first_recommendation", lang), no_wrap=True)
        order = ranked(self.rows)
        for r, s in zip(order, standings(order), strict=True):
            first = (r.top_recommendation or "—").split(" ", 1)[0]
            table.add_row(
                str(s.place),
                s.mark,
                Text.assemble(plain(r.name), "\n", (plain(r.shown), "dim")),
                numbers.score(r.score),
                numbers.bounds(r.score_bounds),
                numbers.percent(r.coverage),
                f"{r.high}/{r.medium}/{r.low}",
                rich_text(first),
            )
        self.console.print(table)
        if order:
            self.console.print(Text(label("rank_range_note", lang), style="dim"))
            if any(s.separable is False for s in standings(order)):
                self.console.print(Text(label("not_separable", lang), style="dim"))
        if self.failed:
            errors = Table(title=label("failed_inputs", lang), title_justify="left")
            errors.add_column(label("file", lang))
            errors.add_column(label("error", lang))
            for path, reason in self.failed:
                errors.add_row(rich_text(path), rich_text(reason))
            self.console.print(errors)


class TableFormat(Format):
    def assessment(self, result: Assessment, view: View) -> str:
        return drawn(partial(_assessment, result, view.language), view)

    def plan(self, result: Plan, rubric: Rubric, view: View) -> str:
        from coopscore.formats import plan_out

        return drawn(lambda c: plan_out.terminal(result, rubric, c, view.language), view)

    def compare(self, result: Comparison, view: View) -> str:
        from coopscore.formats import compare_out

        return drawn(lambda c: compare_out.terminal(result, c, view.language), view)

    def sensitivity(self, result: Result, view: View) -> str:
        from coopscore.formats import sensitivity_out

        return drawn(lambda c: sensitivity_out.terminal(result, c, view.language), view)

    def batch(
        self,
        out: IO[str],
        view: View,
        dimensions: Sequence[str],
        scratch: Callable[[], IO[str]] | None = None,
    ) -> TableWriter:
        return TableWriter(consoles.console(file=out), view.language)

    def agreement(self, result: Agreement, view: View) -> str:
        from coopscore.formats import agree_out

        return drawn(lambda c: agree_out.terminal(result, c, view.language), view)


def _assessment(result: Assessment, lang: Lang, console: Any) -> None:
    terminal.render(result, console, lang)


FORMAT = TableFormat()
