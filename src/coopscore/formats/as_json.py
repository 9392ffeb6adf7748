"""The ``json`` format: the JSON contract, for programs; a batch is one array."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import IO, Any

from coopscore.core.agreement import Agreement
from coopscore.core.assessment import Assessment
from coopscore.core.compare import Comparison
from coopscore.core.plan import Plan
from coopscore.core.sensitivity import Result
from coopscore.errors import Problem
from coopscore.formats import agree_out, compare_out, json_out, plan_out, sensitivity_out
from coopscore.formats.escaping import json_dumps
from coopscore.formats.i18n import Lang
from coopscore.formats.registry import Format, View
from coopscore.model.rubric import Rubric


def error_object(path: str, reason: str, problems: Sequence[Problem]) -> dict[str, Any]:
    """A file that could not be scored, in the batch formats' JSON."""
    return {
        "path": path,
        "error": reason,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "message": p.message,
            }
            for p in problems
        ],
    }


def dump(obj: Any) -> str:
    return json_dumps(obj, default=str)


def json_text(assessment: Assessment, lang: Lang) -> str:
    """One assessment's JSON-contract object on one line."""
    return dump(json_out.to_dict(assessment, lang))


class JsonWriter:
    """A JSON array, written item by item."""

    def __init__(self, out: IO[str], lang: Lang) -> None:
        self.out, self.lang, self.count = out, lang, 0
        self.render: Callable[[Assessment], str] = partial(json_text, lang=lang)

    def _item(self, text: str) -> None:
        self.out.write(("[\n" if self.count == 0 else ",\n") + text)
        self.count += 1

    def add(self, rendered: str) -> None:
        self._item(rendered)

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None:
        self._item(dump(error_object(path, reason, problems)))

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


class Json(Format):
    def assessment(self, result: Assessment, view: View) -> str:
        return json_out.render(result, view.language)

    def plan(self, result: Plan, rubric: Rubric, view: View) -> str:
        return plan_out.to_json(result)

    def compare(self, result: Comparison, view: View) -> str:
        return compare_out.to_json(result, view.language)

    def sensitivity(self, result: Result, view: View) -> str:
        return sensitivity_out.to_json(result)

    def batch(self, out: IO[str], view: View, dimensions: Sequence[str]) -> JsonWriter:
        return JsonWriter(out, view.language)

    def agreement(self, result: Agreement, view: View) -> str:
        return agree_out.to_json(result)


FORMAT = Json()
