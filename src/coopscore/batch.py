"""Batch scoring: expand the paths a user gives, score each file, and report each outcome.

Scenarios are scored one at a time and handed on at once, so that streaming formats keep memory
flat however many files there are. A file that cannot be read or validated becomes a ``Failed``
outcome and the batch goes on.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from coopscore.assessment import Assessment
from coopscore.engine import assess
from coopscore.errors import InputError, Problem
from coopscore.loader import read_scenario
from coopscore.rubric import Rubric
from coopscore.selection import Selection, apply
from coopscore.yamlload import MAX_BYTES

SUFFIXES = (".yaml", ".yml")
GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Scored:
    path: str
    assessment: Assessment


@dataclass(frozen=True)
class Failed:
    path: str
    problems: tuple[Problem, ...]

    @property
    def reason(self) -> str:
        """The first problems, located by line within this file (or by file if elsewhere)."""
        parts = []
        for p in self.problems[:3]:
            if p.file != self.path:
                parts.append(str(p))
            elif p.line is not None:
                parts.append(f"line {p.line}: {p.message}")
            else:
                parts.append(p.message)
        more = len(self.problems) - 3
        return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


Outcome = Scored | Failed


def expand(arguments: Sequence[str], stdin: TextIO | None = None) -> list[str]:
    """Files as given, folders' ``*.yaml``/``*.yml`` (sorted), globs (sorted), ``-`` from stdin.

    A path that exists nowhere is kept: scoring it yields a clear "no such file" failure.
    """
    found: list[str] = []
    for argument in arguments:
        if argument == "-":
            lines = stdin.read().splitlines() if stdin is not None else []
            found.extend(
                line.strip() for line in lines if line.strip() and not line.startswith("#")
            )
            continue
        path = Path(argument)
        if path.is_dir():
            found.extend(
                str(child)
                for child in sorted(path.iterdir())
                if child.suffix.lower() in SUFFIXES and child.is_file()
            )
        elif not path.exists() and GLOB_CHARS & set(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            found.extend(m for m in matches if Path(m).is_file()) if matches else found.append(
                argument
            )
        else:
            found.append(argument)
    seen: set[str] = set()
    unique = []
    for item in found:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def score_each(
    paths: Iterable[str], rubric: Rubric, selection: Selection, max_bytes: int = MAX_BYTES
) -> Iterator[Outcome]:
    """Score every path in order; failures are outcomes, not exceptions."""
    for path in paths:
        try:
            scenario = read_scenario(path, max_bytes)
        except InputError as error:
            yield Failed(path, tuple(error.problems))
            continue
        yield Scored(path, apply(assess(scenario, rubric), selection))
