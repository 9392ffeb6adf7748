"""JSON Schemas of the scenario and rubric formats, in draft-07 form.

The YAML language server (used by editors to validate and complete YAML) reads draft-07 well but
not all of 2020-12, which pydantic emits; so definitions move to ``definitions`` and the schema
declares draft-07. The generated files are committed under ``schemas/`` and kept current by a test.

Every list of a scenario may also be written ``{items: [...], exhaustive: false}`` (a list that
may be incomplete, ``model.openlists``): the loader reads that form before the model does, so
the scenario schema allows it beside each list (``anyOf``).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from coopscore.model.rubric import RubricFile
from coopscore.model.scenario import Scenario

MODELS: dict[str, type[BaseModel]] = {"scenario": Scenario, "rubric": RubricFile}
TITLES = {
    "scenario": "coopscore scenario: one city cluster as an analyst describes it",
    "rubric": "coopscore rubric: dimensions, recommendations and criteria",
}


def schema(which: str) -> dict[str, Any]:
    data = MODELS[which].model_json_schema(ref_template="#/definitions/{model}")
    definitions = data.pop("$defs", {})
    out: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": TITLES[which],
        **{k: v for k, v in data.items() if k != "title"},
    }
    if definitions:
        out["definitions"] = definitions
    if which == "scenario":
        out = _with_open_lists(out)
        _overlay(out)
    return out


OPEN_LIST_HELP = (
    "A list that may be incomplete: the items the source names, and whether it names them all "
    "(exhaustive: true, the same as a plain list) or there may be more (exhaustive: false: "
    "比如, 等, 较少). Counts of it are at least the items listed."
)


def _wrapped(array: dict[str, Any]) -> dict[str, Any]:
    """The mapping form of a list: ``{items: [...], exhaustive: true|false}``."""
    return {
        "type": "object",
        "description": OPEN_LIST_HELP,
        "properties": {
            "items": array,
            "exhaustive": {
                "type": "boolean",
                "description": "false: the source names these items and there may be more; "
                "true: it names them all.",
            },
        },
        "required": ["items", "exhaustive"],
        "additionalProperties": False,
    }


def _with_open_lists(node: Any, alone: bool = True) -> Any:
    """Beside every array a scenario may hold, its mapping form (nested lists too).

    ``alone``: the node is a schema of its own, not one branch of an ``anyOf`` (whose array
    branches get the mapping form as a branch beside them)."""
    if isinstance(node, list):
        return [_with_open_lists(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {
        key: [_with_open_lists(b, alone=False) for b in value]
        if key == "anyOf" and isinstance(value, list)
        else _with_open_lists(value)
        for key, value in node.items()
    }
    if isinstance(out.get("anyOf"), list):
        branches: list[Any] = []
        for branch in out["anyOf"]:
            branches.append(branch)
            if isinstance(branch, dict) and branch.get("type") == "array":
                branches.append(_wrapped(branch))
        out["anyOf"] = branches
    elif alone and out.get("type") == "array":
        kept = ("description", "default", "title")
        array = {k: v for k, v in out.items() if k not in kept}
        return {**{k: v for k, v in out.items() if k in kept}, "anyOf": [array, _wrapped(array)]}
    return out


def _overlay(out: dict[str, Any]) -> None:
    """A scenario may extend a base and state only what differs (``model.overlay``): then
    ``schema_version`` comes from the base, and ``extends`` and ``remove`` are allowed."""
    out["properties"] = {
        "extends": {
            "type": "string",
            "description": "The base scenario this one states differences from: a path relative "
            "to this file, or example:NAME.",
        },
        "remove": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Facts of the base that no longer hold as stated: dotted paths, with "
            "[N] or [NAME] for a list item; they become unknown, not false.",
        },
        **out["properties"],
    }
    required = out.pop("required", [])
    if required:
        out["anyOf"] = [{"required": required}, {"required": ["extends"]}]


def text(which: str) -> str:
    return json.dumps(schema(which), ensure_ascii=False, indent=2) + "\n"
