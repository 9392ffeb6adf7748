"""JSON Schemas of the scenario and rubric formats, in draft-07 form.

The YAML language server (used by editors to validate and complete YAML) reads draft-07 well but
not all of 2020-12, which pydantic emits; so definitions move to ``definitions`` and the schema
declares draft-07. The generated files are committed under ``schemas/`` and kept current by a test.
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
        _overlay(out)
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
