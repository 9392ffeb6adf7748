"""The commented scenario template written by `coopscore init`, generated from the model.

Every field appears with a one-line comment taken from the model's own description, so the
template, the JSON Schema and the validation never disagree. Fields are written with no value
(unknown); list items are shown as commented examples. `assess` accepts the template as it is.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from coopscore.model import schemapath
from coopscore.model.scenario import SCHEMA_VERSION, Scenario

HEADER = """\
# yaml-language-server: $schema={schema}
#
# A coopscore scenario: one city cluster as you describe it. The line above points your
# editor's YAML language server at the JSON Schema installed with coopscore, for completion and
# checks. To share this file, write the schema beside it (coopscore schema scenario -o
# scenario.schema.json) and point the line at scenario.schema.json.
#
# Unknown is not No. Leave a field empty (or delete it) when you do not know it: it is then
# unknown, lowers coverage and never the score. Write false, 0, [] or a status such as
# `stalled` only when you know the thing is absent. Any object can cite `source:` (keys
# declared under `sources`) and carry a `note:`. Text may be a string or {{en: ..., zh: ...}}.
#
# Every list may be written as a plain list (the source names every item) or, when the source
# only gives examples (比如, 如, 等) or says there are few (较少), as
#   {{items: [...], exhaustive: false}}
# meaning: these are the items named; there may be more. Counts of such a list are "at least".
# A few (较少) is present: list what is named, with a small count or none, never no entry.
"""
COLUMN = 40
SKIP = {"source", "note"}


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for option in schemapath.options(annotation):
        if (
            isinstance(option, type)
            and issubclass(option, BaseModel)
            and option.__name__ != "LocalizedText"
        ):
            return option
    return None


def _item_model(annotation: Any) -> type[BaseModel] | None:
    try:
        return _model_of(schemapath.resolve_annotation_item(annotation))
    except KeyError:
        return None


def _comment(name: str, field: Any) -> str:
    text = field.description or name.replace("_", " ").capitalize() + "."
    choices = schemapath.choices(field.annotation)
    if choices:
        # a section that may instead be stated absent (``council: none``) lists its fields below
        lead = " Or: " if _model_of(field.annotation) is not None else " One of: "
        text += lead + ", ".join(str(c) for c in choices) + "."
    return text


def _line(prefix: str, name: str, value: str, comment: str) -> str:
    head = f"{prefix}{name}:{(' ' + value) if value else ''}"
    return f"{head.ljust(COLUMN)} # {comment}" if len(head) < COLUMN else f"{head}  # {comment}"


def _fields(model: type[BaseModel], indent: str, commented: bool, out: list[str]) -> None:
    for name, field in model.model_fields.items():
        if name in SKIP or name == "schema_version":
            continue
        prefix = f"{indent}# " if commented else indent
        kind = schemapath.kind_of(field.annotation)
        nested = _model_of(field.annotation)
        if kind == "list":
            item = _item_model(field.annotation)
            out.append(_line(prefix, name, "", _comment(name, field)))
            if item is not None:
                _item(item, indent + "  ", out)
        elif nested is not None and kind in ("model", "mixed"):
            out.append(_line(prefix, name, "", _comment(name, field)))
            # a section that may be stated absent (``council: none``) keeps its fields commented:
            # written out empty, they would state that the section exists
            _fields(nested, indent + "  ", commented or kind == "mixed", out)
        else:
            out.append(_line(prefix, name, "", _comment(name, field)))


def _item(model: type[BaseModel], indent: str, out: list[str]) -> None:
    names = [n for n in model.model_fields if n not in SKIP]
    for position, name in enumerate(names):
        field = model.model_fields[name]
        lead = "- " if position == 0 else "  "
        nested = _model_of(field.annotation)
        if schemapath.kind_of(field.annotation) == "model" and nested is not None:
            out.append(_line(f"{indent}# {lead}", name, "", _comment(name, field)))
            _fields(nested, indent + "    ", True, out)
        else:
            out.append(_line(f"{indent}# {lead}", name, "", _comment(name, field)))


def render(schema_ref: str = "scenario.schema.json") -> str:
    version = Scenario.model_fields["schema_version"].description or ""
    out = [
        HEADER.format(schema=schema_ref).rstrip(),
        "",
        _line("", "schema_version", str(SCHEMA_VERSION), version),
    ]
    _fields(Scenario, "", False, out)
    return "\n".join(out) + "\n"


MODELINE = re.compile(r"^# yaml-language-server: \$schema=.*$", re.MULTILINE)
_ID_VALUE = re.compile(r"^(\s*id:[ \t]*)('[^']*'|\"[^\"]*\"|[^\s#]+)(.*)$")


def adopt(text: str, scenario_id: str, schema_ref: str, id_line: int | None) -> str:
    """A scenario's text as the start of a new one: the new id (on line ``id_line``, where the
    old one is stated, or after ``schema_version``), the modeline pointing at ``schema_ref``;
    every other line, comments and section marks with them, as it was."""
    modeline = f"# yaml-language-server: $schema={schema_ref}"
    text, found = MODELINE.subn(lambda _: modeline, text, count=1)
    if not found:
        text = f"{modeline}\n{text}"
        id_line = id_line + 1 if id_line is not None else None
    lines = text.splitlines(keepends=True)
    if id_line is not None and 0 < id_line <= len(lines):
        row = lines[id_line - 1]
        body = row.rstrip("\r\n")
        match = _ID_VALUE.match(body)
        if match:
            lines[id_line - 1] = match.expand(rf"\g<1>{scenario_id}\g<3>") + row[len(body) :]
            return "".join(lines)
    at = next((n for n, row in enumerate(lines) if row.startswith("schema_version:")), -1)
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    lines.insert(at + 1, f"id: {scenario_id}{ending}")
    return "".join(lines)
