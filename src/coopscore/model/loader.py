"""Scenario files → validated scenarios, with every problem located at file:line."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from coopscore.errors import InputError, Problem
from coopscore.model import consistency, schemapath
from coopscore.model.scenario import Scenario
from coopscore.model.yamlload import Document, parse
from coopscore.paths import Path, format_path

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario together with the raw data and line map the engine cites."""

    document: Document
    model: Scenario

    @property
    def file(self) -> str:
        return self.document.file

    @property
    def id(self) -> str:
        """The stated id, or one made from the file name that obeys the same pattern."""
        return self.model.id or default_id(self.file)

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.document.data
        return data


def default_id(file: str) -> str:
    """A scenario id from a file name, checked like a written ``id:``: lower-case letters,
    digits, ``-`` and ``_``, at most 80 characters. Anything else becomes ``-``; a name with
    nothing usable gives ``scenario``."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", FsPath(file).stem.lower()).strip("-_")[:80].rstrip("-_")
    return stem if stem else "scenario"


def parse_scenario(file: str, text: str) -> LoadedScenario:
    """Parse and validate scenario text; ``file`` is only used to name it in messages."""
    document = parse(file, text)
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        raise InputError.single(
            file, f"expected a mapping of scenario fields at the top, found {kind}", line=1
        )
    try:
        model = Scenario.model_validate(document.data)
    except ValidationError as exc:
        typed = validation_problems(document, exc, Scenario)
        seen = {p.path for p in typed}
        extra = [p for p in consistency.problems(document) if p.path not in seen]
        raise InputError(capped(file, typed + extra)) from None
    problems = consistency.problems(document)
    if problems:
        raise InputError(capped(file, problems))
    return LoadedScenario(document, model)


def data_path(data: Any, loc: tuple[Any, ...], missing: bool = False) -> Path:
    """Map a pydantic error location onto the data, dropping union-branch labels."""
    out: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            out.append(part)
            node = node[part]
        elif missing and part == loc[-1]:
            out.append(part)  # the required field that is not there
            break
    return tuple(out)


def validation_problems(document: Document, exc: ValidationError, model: Any) -> list[Problem]:
    """Turn pydantic errors into located problems, one per path, with key suggestions."""
    located: dict[Path, Any] = {}
    for error in exc.errors(include_url=False):
        path = data_path(document.data, error["loc"], error["type"] == "missing")
        located.setdefault(path, error)
    # a union reports each branch; the error deepest in the data says most
    above = {path[:depth] for path in located for depth in range(len(path))}
    deepest = [path for path in located if path not in above]
    ordered = sorted(deepest, key=lambda p: document.line_of(p) or 0)
    return [_problem(document, path, located[path], model) for path in ordered]


def capped(file: str, problems: list[Problem]) -> list[Problem]:
    """In line order, at most MAX_PROBLEMS of them, saying so when some are left out."""
    ordered = sorted(problems, key=lambda p: p.line or 0)
    if len(ordered) <= MAX_PROBLEMS:
        return ordered
    return [*ordered[:MAX_PROBLEMS], Problem(file, f"(stopped after {MAX_PROBLEMS} problems)")]


def _problem(document: Document, path: Path, error: Any, model: Any) -> Problem:
    kind = error["type"]
    found = error.get("input")
    if kind == "extra_forbidden":
        key = str(path[-1])
        valid = schemapath.field_names(model, path[:-1])
        close = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        if not close and valid:
            hint = f"; valid keys here: {', '.join(valid)}"
        message = f"unknown key {key!r}{hint}"
    elif kind == "missing":
        message = f"missing required field {path[-1]!r}"
    else:
        shown = repr(found) if not isinstance(found, dict | list) else type(found).__name__
        if len(shown) > 60:
            shown = shown[:40] + f"… ({len(shown)} characters)"
        text = error["msg"].removeprefix("Value error, ").rstrip(".")
        message = text if kind == "value_error" else f"{text}, found {shown}"
        if kind == "literal_error" and isinstance(found, str):
            choices = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
            close = difflib.get_close_matches(found, choices, n=1, cutoff=0.6)
            if close:
                message += f"; did you mean {close[0]!r}?"
    return Problem(document.file, message, line=document.line_of(path), path=format_path(path))
