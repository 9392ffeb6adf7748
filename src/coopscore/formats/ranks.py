"""Rank ranges in the record formats of a batch (JSON, JSON Lines, CSV).

A scenario's rank range depends on every other scenario's score bounds, so it is known only when
the batch ends. Until then a format keeps a ``Placing`` per scored file (its id, score, coverage
and bounds: a few numbers, never the assessment) in memory, and the rendered records in a
scratch file handed to it, so that memory stays flat however many files there are.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from typing import IO, Any

from coopscore.errors import InputError
from coopscore.formats.escaping import json_dumps
from coopscore.report.summary import Placing, Standing, standings_in_order

HOLD_FAILED = "cannot hold the batch's records until it ends"

# Where held-back records go: a function that opens an anonymous temporary text file. Without
# one, they are held in memory.
Scratch = Callable[[], IO[str]]


def fields(s: Standing) -> dict[str, Any]:
    """The rank fields of one scored scenario's JSON object."""
    rank_range = None if s.best is None else {"best": s.best, "worst": s.worst}
    return {"rank": s.place, "rank_range": rank_range, "separable": s.separable}


def with_fields(text: str, extra: dict[str, Any]) -> str:
    """A one-line JSON object with ``extra``'s fields added at its end."""
    if not extra:
        return text
    added = json_dumps(extra)
    assert text.endswith("}") and added.startswith("{")
    return text[:-1] + (", " if text != "{}" else "") + added[1:]


class Held:
    """Records held back until the batch ends, one a line, each with its ``Placing`` (or None
    for a file that failed): replayed in input order with each one's standing."""

    def __init__(self, scratch: Scratch | None) -> None:
        self.file: IO[str] = scratch() if scratch is not None else io.StringIO()
        self.placings: list[Placing | None] = []

    def add(self, record: Any, placing: Placing | None) -> None:
        # A one-line text is held as it is, anything else as compact JSON: held records never
        # take more room than the output they become.
        if isinstance(record, str) and "\n" not in record and "\r" not in record:
            line = "s" + record + "\n"
        else:
            line = "j" + json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            self.file.write(line)
        except OSError as exc:
            why = os.strerror(exc.errno) if exc.errno else str(exc)
            raise InputError.single(
                "(temporary file)", f"{HOLD_FAILED}: {why[:1].lower()}{why[1:]}"
            ) from None
        self.placings.append(placing)

    def replay(self) -> Iterator[tuple[Any, Standing | None]]:
        """Each record as it was added, with its standing among all scored files."""
        found = standings_in_order(self.placings)
        self.placings = []
        self.file.seek(0)
        try:
            for line, standing in zip(self.file, found, strict=True):
                text = line[1:].removesuffix("\n")
                yield (text if line[0] == "s" else json.loads(text)), standing
        finally:
            self.file.close()
