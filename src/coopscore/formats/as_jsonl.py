"""The ``jsonl`` format: one JSON-contract object per line, each written as it is scored."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import IO

from coopscore.core.assessment import Assessment
from coopscore.errors import Problem
from coopscore.formats.as_json import dump, error_object, json_text
from coopscore.formats.i18n import Lang
from coopscore.formats.registry import Format, View


class JsonlWriter:
    def __init__(self, out: IO[str], lang: Lang) -> None:
        self.out, self.lang = out, lang
        self.render: Callable[[Assessment], str] = partial(json_text, lang=lang)

    def _line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def add(self, rendered: str) -> None:
        self._line(rendered)

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None:
        self._line(dump(error_object(path, reason, problems)))

    def close(self) -> None:
        self.out.flush()


class Jsonl(Format):
    def batch(self, out: IO[str], view: View, dimensions: Sequence[str]) -> JsonlWriter:
        return JsonlWriter(out, view.language)


FORMAT = Jsonl()
