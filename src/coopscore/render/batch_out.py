"""Batch output formats. Each writer takes outcomes one by one and is closed at the end.

``jsonl``, ``json`` and ``csv`` write each outcome as it arrives; ``table`` and ``markdown`` keep
one small summary row per scenario for the final ranking.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any, Protocol

from coopscore.batch import Failed, Outcome, Scored
from coopscore.fsio import write_text
from coopscore.i18n import Lang, label
from coopscore.render import json_out, markdown
from coopscore.summary import Summary, ranked

DIMENSIONS = tuple(f"D{i}" for i in range(1, 9))


class Writer(Protocol):
    def add(self, outcome: Outcome) -> None: ...

    def close(self) -> None: ...


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
    return json.dumps(obj, ensure_ascii=False, default=str)


class JsonlWriter:
    def __init__(self, out: IO[str], lang: Lang) -> None:
        self.out, self.lang = out, lang

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Scored):
            self.out.write(_dump(json_out.to_dict(outcome.assessment, self.lang)) + "\n")
        else:
            self.out.write(_dump(error_object(outcome)) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """A JSON array, written item by item."""

    def __init__(self, out: IO[str], lang: Lang) -> None:
        self.out, self.lang, self.count = out, lang, 0

    def add(self, outcome: Outcome) -> None:
        obj = (
            json_out.to_dict(outcome.assessment, self.lang)
            if isinstance(outcome, Scored)
            else error_object(outcome)
        )
        self.out.write(("[\n" if self.count == 0 else ",\n") + _dump(obj))
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


class CsvWriter:
    COLUMNS = (
        "id",
        "path",
        "name",
        "as_of",
        "score",
        "coverage",
        *DIMENSIONS,
        "gaps_high",
        "gaps_medium",
        "gaps_low",
        "top_recommendation",
        "error",
    )

    def __init__(self, out: IO[str], lang: Lang) -> None:
        self.lang = lang
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(self.COLUMNS)
        self.out = out

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failed):
            row: list[Any] = ["", outcome.path] + [""] * (len(self.COLUMNS) - 3) + [outcome.reason]
            self.writer.writerow(row)
            return
        s = Summary.of(outcome.assessment, self.lang)
        dims = dict(s.dimensions)
        self.writer.writerow(
            [
                s.id,
                s.path,
                s.name,
                s.as_of if s.as_of is not None else "",
                _num(s.score, 1),
                _num(s.coverage, 3),
                *(_num(dims.get(d), 1) for d in DIMENSIONS),
                s.high,
                s.medium,
                s.low,
                s.top_recommendation or "",
                "",
            ]
        )

    def close(self) -> None:
        self.out.flush()


def _num(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


class MarkdownWriter:
    """One report per scenario (``<id>.md``) and an ``index.md`` linking them."""

    def __init__(self, folder: Path, lang: Lang, protected: list[str]) -> None:
        self.folder, self.lang, self.protected = folder, lang, protected
        self.rows: list[Summary] = []
        self.failed: list[tuple[str, str]] = []
        self.names: set[str] = set()

    def _name(self, scenario_id: str) -> str:
        name, n = f"{scenario_id}.md", 2
        while name in self.names or name == "index.md":
            name, n = f"{scenario_id}-{n}.md", n + 1
        self.names.add(name)
        return name

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failed):
            self.failed.append((outcome.path, outcome.reason))
            return
        a = outcome.assessment
        name = self._name(a.scenario_id)
        write_text(self.folder / name, markdown.render(a, self.lang), self.protected)
        self.rows.append(Summary.of(a, self.lang, report=name))

    def close(self) -> None:
        write_text(
            self.folder / "index.md", index(self.rows, self.failed, self.lang), self.protected
        )


def index(rows: list[Summary], failed: list[tuple[str, str]], lang: Lang) -> str:
    order = ranked(rows)
    out = [f"# {label('index_title', lang)}", "", f"## {label('ranking', lang)}", ""]
    out.append(
        markdown.table(
            [
                label("rank", lang),
                label("scenario", lang),
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
                    f"[{markdown.inline(r.name)}]({r.report})",
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
            [label("scenario", lang), *DIMENSIONS],
            [
                (
                    f"[{r.id}]({r.report})",
                    *(markdown.score_text(dict(r.dimensions).get(d)) for d in DIMENSIONS),
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

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failed):
            self.failed.append((outcome.path, outcome.reason))
        else:
            self.rows.append(Summary.of(outcome.assessment, self.lang))

    def close(self) -> None:
        from rich.markup import escape
        from rich.table import Table

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
                f"{escape(r.name)}\n[dim]{escape(r.path)}[/dim]",
                markdown.score_text(r.score),
                markdown.pct(r.coverage),
                str(r.high),
                str(r.medium),
                str(r.low),
                escape(r.top_recommendation or "—"),
            )
        self.console.print(table)
        if self.failed:
            errors = Table(title=label("failed_inputs", lang), title_justify="left")
            errors.add_column(label("file", lang))
            errors.add_column(label("error", lang))
            for path, reason in self.failed:
                errors.add_row(escape(path), escape(reason))
            self.console.print(errors)
