"""The ``csv`` format: one row per scenario, for spreadsheets.

The dimension columns are those of the rubric in use, and every text cell is made safe to open
in a spreadsheet (it cannot run as a formula).

The last columns are the scenario's place by score (``rank``), its rank range (``rank_best``,
``rank_worst``) and whether that place is certain (``separable``: ``true`` or ``false``); they
need every scenario's bounds, so the rows are written when the batch ends and wait in a scratch
file until then. A file that failed has them empty.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from functools import partial
from typing import IO, Any

from coopscore.core.assessment import Assessment
from coopscore.core.trend import Trend
from coopscore.errors import Problem
from coopscore.formats import ranks
from coopscore.formats.escaping import csv_cell
from coopscore.formats.ranks import Scratch
from coopscore.formats.registry import Format, View
from coopscore.report.i18n import Lang
from coopscore.report.summary import Placing, Standing, Summary


class CsvWriter:
    HEAD = ("id", "path", "name", "as_of", "score", "score_lower", "score_upper", "coverage")
    TAIL = ("thin", "gaps_high", "gaps_medium", "gaps_low", "top_recommendation", "error")
    RANKS = ("rank", "rank_best", "rank_worst", "separable")

    def __init__(
        self, out: IO[str], lang: Lang, dimensions: Sequence[str], scratch: Scratch | None = None
    ) -> None:
        self.lang = lang
        self.columns = (*self.HEAD, *dimensions, *self.TAIL, *self.RANKS)
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(self.columns)
        self.out = out
        self.held = ranks.Held(scratch)
        self.render: Callable[[Assessment], tuple[list[Any], Placing]] = partial(
            placed_row, lang=lang, dimensions=tuple(dimensions)
        )

    def add(self, rendered: tuple[list[Any], Placing]) -> None:
        self.held.add(*rendered)

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None:
        blank = [""] * (len(self.columns) - len(self.RANKS) - 3)
        self.held.add(["", csv_cell(path), *blank, csv_cell(reason)], None)

    def close(self) -> None:
        for row, standing in self.held.replay():
            self.writer.writerow([*row, *_rank_cells(standing)])
        self.out.flush()


def _rank_cells(s: Standing | None) -> list[Any]:
    if s is None:
        return [""] * len(CsvWriter.RANKS)
    if s.best is None or s.separable is None:
        return [s.place, "", "", ""]
    return [s.place, s.best, s.worst, "true" if s.separable else "false"]


def placed_row(
    assessment: Assessment, lang: Lang, dimensions: Sequence[str]
) -> tuple[list[Any], Placing]:
    """One assessment's row (but for its rank columns), and what ranking it needs."""
    return csv_row(assessment, lang, dimensions), Placing.of(assessment)


def csv_row(assessment: Assessment, lang: Lang, dimensions: Sequence[str]) -> list[Any]:
    """One assessment's row of ``CsvWriter.columns``, up to ``error``."""
    s = Summary.of(assessment, lang)
    dims = dict(s.dimensions)
    return [
        csv_cell(s.id),
        csv_cell(s.path),
        csv_cell(s.name),
        s.as_of if s.as_of is not None else "",
        _num(s.score, 1),
        _num(s.score_bounds[0] if s.score_bounds else None, 1),
        _num(s.score_bounds[1] if s.score_bounds else None, 1),
        _num(s.coverage, 3),
        *(_num(dims.get(d), 1) for d in dimensions),
        csv_cell(" ".join(s.thin)),
        s.high,
        s.medium,
        s.low,
        csv_cell(s.top_recommendation),
        "",
    ]


def _num(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


class Csv(Format):
    def batch(
        self, out: IO[str], view: View, dimensions: Sequence[str], scratch: Scratch | None = None
    ) -> CsvWriter:
        return CsvWriter(out, view.language, dimensions, scratch)

    def trend(self, result: Trend, view: View) -> str:
        from coopscore.formats import trend_out  # only when a trend is rendered

        return trend_out.csv_text(result)


FORMAT = Csv()
