"""The report of ``examples``: the bundled example scenarios, each usable as ``example:NAME``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coopscore.report.blocks import Builder, Column, Report, Span, inline
from coopscore.report.words import Words


@dataclass(frozen=True)
class Example:
    """A bundled scenario: how to name it, its name as written (text, or English and Chinese)
    and its year; ``problem`` when the file could not be read (a bug, said plainly)."""

    name: str
    scenario: Any = None
    as_of: int | None = None
    problem: str | None = None


def build(examples: Sequence[Example], words: Words) -> Report:
    out = Builder()
    title = words("examples_title")
    out.heading(title, level=1)
    rows = []
    for e in examples:
        shown = (
            inline(Span(words("examples_invalid", problem=e.problem), "bad"))
            if e.problem is not None
            else inline(words.pick(e.scenario))
        )
        year = "" if e.as_of is None else str(e.as_of)
        rows.append((inline(Span(e.name, "code")), shown, year))
    out.table(
        (
            Column(words("examples_name"), "path"),
            Column(words("scenario"), "name"),
            Column(words("examples_year"), "number"),
        ),
        rows,
    )
    out.note(words("examples_note"))
    return out.report(title, words.lang)
