"""The ``json`` format: the JSON contract, for programs; a batch is one array.

In a batch each scored scenario's object also carries its ``rank``, ``rank_range`` and
``separable`` (see :mod:`coopscore.formats.ranks`), so the array is written when the batch ends;
until then the objects wait in a scratch file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import IO, TYPE_CHECKING, Any

from coopscore.contract.write import record
from coopscore.errors import Problem
from coopscore.formats import json_out
from coopscore.formats.escaping import json_dumps
from coopscore.formats.registry import Format, View
from coopscore.report.i18n import Lang

# What only some subjects need is imported where it is used, so that ``assess -f json`` loads
# no other analysis and no batch machinery.
if TYPE_CHECKING:
    from coopscore.core.agreement import Agreement
    from coopscore.core.assessment import Assessment
    from coopscore.core.compare import Comparison
    from coopscore.core.plan import Plan
    from coopscore.core.sensitivity import Result
    from coopscore.core.trend import Trend
    from coopscore.formats.ranks import Scratch
    from coopscore.model.rubric import Rubric
    from coopscore.report.summary import Placing


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
    return dump(record(assessment, lang))


def placed_text(assessment: Assessment, lang: Lang) -> tuple[str, Placing]:
    """One assessment's object on one line, and what ranking it needs."""
    from coopscore.report.summary import Placing

    return json_text(assessment, lang), Placing.of(assessment)


class JsonWriter:
    """A JSON array: objects held back until the batch ends, then written with their ranks."""

    def __init__(self, out: IO[str], lang: Lang, scratch: Scratch | None = None) -> None:
        from coopscore.formats import ranks

        self.out, self.lang = out, lang
        self.held = ranks.Held(scratch)
        self.render: Callable[[Assessment], tuple[str, Placing]] = partial(placed_text, lang=lang)

    def add(self, rendered: tuple[str, Placing]) -> None:
        self.held.add(*rendered)

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None:
        self.held.add(dump(error_object(path, reason, problems)), None)

    def close(self) -> None:
        from coopscore.formats import ranks

        count = 0
        for text, standing in self.held.replay():
            if standing is not None:
                text = ranks.with_fields(text, ranks.fields(standing))
            self.out.write(("[\n" if count == 0 else ",\n") + text)
            count += 1
        self.out.write("[]\n" if count == 0 else "\n]\n")
        self.out.flush()


class Json(Format):
    def assessment(self, result: Assessment, view: View) -> str:
        return json_out.render(result, view.language)

    def plan(self, result: Plan, rubric: Rubric, view: View) -> str:
        from coopscore.formats import plan_out

        return plan_out.to_json(result)

    def compare(self, result: Comparison, view: View) -> str:
        from coopscore.formats import compare_out

        return compare_out.to_json(result, view.language)

    def sensitivity(self, result: Result, view: View) -> str:
        from coopscore.formats import sensitivity_out

        return sensitivity_out.to_json(result)

    def batch(
        self, out: IO[str], view: View, dimensions: Sequence[str], scratch: Scratch | None = None
    ) -> JsonWriter:
        return JsonWriter(out, view.language, scratch)

    def agreement(self, result: Agreement, view: View) -> str:
        from coopscore.formats import agree_out

        return agree_out.to_json(result)

    def trend(self, result: Trend, view: View) -> str:
        from coopscore.formats import trend_out  # only when a trend is rendered

        return trend_out.json_text(result, view.language)


FORMAT = Json()
