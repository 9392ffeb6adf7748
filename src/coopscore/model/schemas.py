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
    return out


def text(which: str) -> str:
    return json.dumps(schema(which), ensure_ascii=False, indent=2) + "\n"
