"""Batch output formats. Each writer takes outcomes one by one and is closed at the end.

``jsonl``, ``json`` and ``csv`` write each outcome as it arrives; ``table`` and ``markdown`` keep
one small summary row per scenario for the final ranking.

Each writer's ``render`` turns one assessment into what the writer writes or keeps (a JSON
text, a CSV row, a summary row, a report). It is a picklable function, so a batch scored in
worker processes runs it there (see ``Preparer``); ``add`` then takes the ``Prepared`` result.
A ``Scored`` outcome is rendered on the spot: the output is the same either way. The Markdown
renderer (and tabulate) is imported only by the formats that use it.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any, Protocol

from coopscore.core.assessment import Assessment
from coopscore.errors import InputError
from coopscore.files.fsio import Identity, write_text
from coopscore.formats import json_out
from coopscore.formats.escaping import csv_cell, json_dumps, markdown_link, rich_text, terminal
from coopscore.formats.i18n import Lang, label
from coopscore.formats.summary import Summary, ranked
from coopscore.pipeline.batch import Failed, Outcome, Prepared, Scored


class Writer(Protocol):
    @property
    def render(self) -> Callable[[Assessment], Any]: ...

    def add(self, outcome: Outcome | Prepared) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Preparer:
    """Run where a file is scored: the writer's rendering and the thresholds it breaches."""

    render: Callable[[Assessment], Any]
    check: Callable[[Assessment], Sequence[str]] | None = None

    def __call__(self, scored: Scored) -> Prepared:
        a = scored.assessment
        reasons = tuple(self.check(a)) if self.check is not None else ()
        return Prepared(scored.path, self.render(a), reasons)


def _output(outcome: Scored | Prepared, render: Callable[[Assessment], Any]) -> Any:
    return outcome.output if isinstance(outcome, Prepared) else render(outcome.assessment)


def error_object(failed: Failed) -> dict[str, Any]:
    return {
        "path": failed.path,
        "error": failed.reason,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "message": p.message,
            }
            for p in failed.problems
        ],
    }


def _dump(obj: Any) -> str:
    return json_dumps(obj, default=str)


def json_text(assessment: Assessment, lang: Lang) -> str:
    """One assessment's JSON-contract object on one line."""
    return _dump(json_out.to_dict(assessment, lang))


class JsonlWriter:
    def __init__(self, out: IO[str], lang: Lang) -> None:
        self.out, self.lang = out, lang
        self.render: Callable[[Assessment], str] = partial(json_text, lang=lang)

    def add(self, outcome: Outcome | Prepared) -> None:
        if isinstance(outcome, Failed):
            self.out.write(_dump(error_object(outcome)) + "\n")
        else:
            self.out.write(_output(outcome, self.render) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """A JSON array, written item by item."""

    def __init__(self, out: IO[str], lang: Lang) -> None:
        self.out, self.lang, self.count = out, lang, 0
        self.render: Callable[[Assessment], str] = partial(json_text, lang=lang)

    def add(self, outcome: Outcome | Prepared) -> None:
        text = (
            _dump(error_object(outcome))
            if isinstance(outcome, Failed)
            else _output(outcome, self.render)
        )
        self.out.write(("[\n" if self.count == 0 else ",\n") + text)
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


class CsvWriter:
    """One row per scenario; the dimension columns are those of the rubric in use."""

    HEAD = ("id", "path", "name", "as_of", "score", "coverage")
    TAIL = ("gaps_high", "gaps_medium", "gaps_low", "top_recommendation", "error")

    def __init__(self, out: IO[str], lang: Lang, dimensions: Sequence[str]) -> None:
        self.lang = lang
        self.columns = (*self.HEAD, *dimensions, *self.TAIL)
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(self.columns)
        self.out = out
        self.render: Callable[[Assessment], list[Any]] = partial(
            csv_row, lang=lang, dimensions=tuple(dimensions)
        )

    def add(self, outcome: Outcome | Prepared) -> None:
        if isinstance(outcome, Failed):
            row: list[Any] = (
                ["", csv_cell(outcome.path)]
                + [""] * (len(self.columns) - 3)
                + [csv_cell(outcome.reason)]
            )
            self.writer.writerow(row)
            return
        self.writer.writerow(_output(outcome, self.render))

    def close(self) -> None:
        self.out.flush()


def csv_row(assessment: Assessment, lang: Lang, dimensions: Sequence[str]) -> list[Any]:
    """One assessment's row of ``CsvWriter.columns``; text cells cannot run as formulas."""
    s = Summary.of(assessment, lang)
    dims = dict(s.dimensions)
    return [
        csv_cell(s.id),
        csv_cell(s.path),
        csv_cell(s.name),
        s.as_of if s.as_of is not None else "",
        _num(s.score, 1),
        _num(s.coverage, 3),
        *(_num(dims.get(d), 1) for d in dimensions),
        s.high,
        s.medium,
        s.low,
        csv_cell(s.top_recommendation),
        "",
    ]


def _num(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


class MarkdownWriter:
    """One report per scenario (``<id>.md``) and an ``index.md`` linking them."""

    def __init__(
        self,
        folder: Path,
        lang: Lang,
        protected: Iterable[Identity],
        dimensions: Sequence[str],
    ) -> None:
        self.folder, self.lang, self.protected = folder, lang, frozenset(protected)
        self.dimensions = tuple(dimensions)
        self.rows: list[Summary] = []
        self.failed: list[tuple[str, str]] = []
        self.names: set[str] = set()
        self.lost: list[str] = []  # scored, but the report could not be written
        self.render: Callable[[Assessment], tuple[str, Summary]] = partial(report, lang=lang)

    def _name(self, scenario_id: str) -> str:
        """``<id>.md``; a repeated id gets ``<id>.2.md``, a name no id can have (ids hold no dot).

        ``index.md`` is the index's own, so a scenario with the id ``index`` gets ``index.2.md``.
        """
        name, n = f"{scenario_id}.md", 2  # an id is a slug: stated, or made by default_id
        while name in self.names or name == "index.md":
            name, n = f"{scenario_id}.{n}.md", n + 1
        self.names.add(name)
        return name

    def add(self, outcome: Outcome | Prepared) -> None:
        if isinstance(outcome, Failed):
            self.failed.append((outcome.path, outcome.reason))
            return
        text, row = _output(outcome, self.render)
        name = self._name(row.id)
        try:
            write_text(self.folder / name, text, self.protected)
        except InputError as error:  # this report is lost, not the batch
            self.failed.append((row.path, "; ".join(p.message for p in error.problems)))
            self.lost.append(row.path)
            self.names.discard(name)
            return
        self.rows.append(dataclasses.replace(row, report=name))

    def close(self) -> None:
        write_text(
            self.folder / "index.md",
            index(self.rows, self.failed, self.lang, self.dimensions),
            self.protected,
        )


def report(assessment: Assessment, lang: Lang) -> tuple[str, Summary]:
    """One scenario's Markdown report and its summary row."""
    from coopscore.formats import markdown

    return markdown.render(assessment, lang), Summary.of(assessment, lang)


def index(
    rows: list[Summary], failed: list[tuple[str, str]], lang: Lang, dimensions: Sequence[str]
) -> str:
    from coopscore.formats import markdown

    order = ranked(rows)
    out = [f"# {label('index_title', lang)}", "", f"## {label('ranking', lang)}", ""]
    out.append(
        markdown.table(
            [
                label("rank", lang),
                label("scenario", lang),
                label("file", lang),
                label("as_of", lang),
                label("score", lang),
                label("coverage", lang),
                label("high", lang),
                label("medium", lang),
                label("low", lang),
                label("top_recommendation", lang),
            ],
            [
                (
                    n,
                    markdown_link(r.name, r.report or ""),
                    markdown.code(r.path),
                    r.as_of or "?",
                    markdown.score_text(r.score),
                    markdown.pct(r.coverage),
                    r.high,
                    r.medium,
                    r.low,
                    r.top_recommendation or "—",
                )
                for n, r in enumerate(order, 1)
            ],
        )
    )
    out += ["", f"## {label('matrix', lang)}", ""]
    out.append(
        markdown.table(
            [label("scenario", lang), *dimensions],
            [
                (
                    markdown_link(r.id, r.report or ""),
                    *(markdown.score_text(dict(r.dimensions).get(d)) for d in dimensions),
                )
                for r in order
            ],
        )
    )
    if failed:
        out += ["", f"## {label('failed_inputs', lang)}", ""]
        out.append(markdown.table([label("file", lang), label("error", lang)], failed))
    out.append("")
    return "\n".join(out)


class TableWriter:
    """A ranking table printed when the batch ends (one summary row kept per scenario)."""

    def __init__(self, console: Any, lang: Lang) -> None:
        self.console, self.lang = console, lang
        self.rows: list[Summary] = []
        self.failed: list[tuple[str, str]] = []
        self.render: Callable[[Assessment], Summary] = partial(Summary.of, lang=lang)

    def add(self, outcome: Outcome | Prepared) -> None:
        if isinstance(outcome, Failed):
            self.failed.append((outcome.path, outcome.reason))
        else:
            self.rows.append(_output(outcome, self.render))

    def close(self) -> None:
        from rich.table import Table
        from rich.text import Text

        from coopscore.formats import markdown

        lang = self.lang
        table = Table(title=label("ranking", lang), title_justify="left")
        for header, justify in (
            ("#", "right"),
            (label("scenario", lang), "left"),
            (label("score", lang), "right"),
            (label("coverage", lang), "right"),
            (label("high", lang), "right"),
            (label("medium", lang), "right"),
            (label("low", lang), "right"),
            (label("top_recommendation", lang), "left"),
        ):
            table.add_column(header, justify=justify)  # type: ignore[arg-type]
        for n, r in enumerate(ranked(self.rows), 1):
            table.add_row(
                str(n),
                Text.assemble(terminal(r.name), "\n", (terminal(r.path), "dim")),
                markdown.score_text(r.score),
                markdown.pct(r.coverage),
                str(r.high),
                str(r.medium),
                str(r.low),
                rich_text(r.top_recommendation or "—"),
            )
        self.console.print(table)
        if self.failed:
            errors = Table(title=label("failed_inputs", lang), title_justify="left")
            errors.add_column(label("file", lang))
            errors.add_column(label("error", lang))
            for path, reason in self.failed:
                errors.add_row(rich_text(path), rich_text(reason))
            self.console.print(errors)
