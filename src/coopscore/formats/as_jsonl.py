"""The ``jsonl`` format: one JSON-contract object per line, one line per file, in input order.

Each scored scenario's line carries its ``rank``, ``rank_range`` and ``separable``, as in the
``json`` format; a rank range needs every scenario's bounds, so the lines are written when the
last file is scored. Until then they wait in a scratch file, and memory holds only a few
numbers per scenario (see :mod:`coopscore.formats.ranks`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from coopscore.formats import ranks
from coopscore.formats.as_json import JsonWriter
from coopscore.formats.ranks import Scratch
from coopscore.formats.registry import Format, View


class JsonlWriter(JsonWriter):
    def close(self) -> None:
        for text, standing in self.held.replay():
            if standing is not None:
                text = ranks.with_fields(text, ranks.fields(standing))
            self.out.write(text + "\n")
        self.out.flush()


class Jsonl(Format):
    def batch(
        self, out: IO[str], view: View, dimensions: Sequence[str], scratch: Scratch | None = None
    ) -> JsonlWriter:
        return JsonlWriter(out, view.language, scratch)


FORMAT = Jsonl()
