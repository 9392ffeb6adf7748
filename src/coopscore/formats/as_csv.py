"""The ``csv`` format: one row per scenario, for spreadsheets.

The dimension columns are those of the rubric in use, and every text cell is made safe to open
in a spreadsheet (it cannot run as a formula).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from functools import partial
from typing import IO, Any

from coopscore.core.assessment import Assessment
from coopscore.errors import Problem
from coopscore.formats.escaping import csv_cell
from coopscore.formats.i18n import Lang
from coopscore.formats.registry import Format, View
from coopscore.formats.summary import Summary


class CsvWriter:
    HEAD = ("id", "path", "name", "as_of", "score", "score_lower", "score_upper", "coverage")
    TAIL = ("thin", "gaps_high", "gaps_medium", "gaps_low", "top_recommendation", "error")

    def __init__(self, out: IO[str], lang: Lang, dimensions: Sequence[str]) -> None:
        self.lang = lang
        self.columns = (*self.HEAD, *dimensions, *self.TAIL)
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(self.columns)
        self.out = out
        self.render: Callable[[Assessment], list[Any]] = partial(
            csv_row, lang=lang, dimensions=tuple(dimensions)
        )

    def add(self, rendered: list[Any]) -> None:
        self.writer.writerow(rendered)

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None:
        blank = [""] * (len(self.columns) - 3)
        self.writer.writerow(["", csv_cell(path), *blank, csv_cell(reason)])

    def close(self) -> None:
        self.out.flush()


def csv_row(assessment: Assessment, lang: Lang, dimensions: Sequence[str]) -> list[Any]:
    """One assessment's row of ``CsvWriter.columns``."""
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
    def batch(self, out: IO[str], view: View, dimensions: Sequence[str]) -> CsvWriter:
        return CsvWriter(out, view.language, dimensions)


FORMAT = Csv()
