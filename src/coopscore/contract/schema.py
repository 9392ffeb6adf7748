"""The JSON Schema of the contract, generated from its types, and its fields one by one.

pydantic writes the schema of :class:`~coopscore.contract.assessment.AssessmentRecord`; it is
then put in draft-07 form, as the scenario and rubric schemas are (definitions under
``definitions``), given its ``$id``, and stripped of the titles pydantic derives from names.
Every object stays open: the contract allows fields to be added. ``docs/gen_reference.py``
writes it to ``schemas/assessment.schema.json``; a test checks that the shipped file is this.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coopscore.contract.assessment import AssessmentRecord

ID = "https://coopscore.invalid/schemas/assessment.schema.json"
TITLE = "coopscore assessment (the JSON contract)"
DESCRIPTION = (
    "One object of `coopscore assess --format json`, or of the array `batch --format json` "
    "writes (which adds rank, rank_range and separable). Fields may be added in a minor "
    "version, never removed or renamed; see the versioning policy."
)
REF = "#/definitions/{model}"


def _untitled(node: Any) -> Any:
    """``node`` without the ``title`` keywords pydantic derives from field and type names."""
    if isinstance(node, list):
        return [_untitled(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title":
            continue
        if key in ("properties", "definitions"):  # names, then schemas
            out[key] = {name: _untitled(sub) for name, sub in value.items()}
        else:
            out[key] = _untitled(value)
    return out


def schema() -> dict[str, Any]:
    """The schema of one record, in draft-07 form."""
    from pydantic import TypeAdapter

    data = TypeAdapter(AssessmentRecord).json_schema(ref_template=REF)
    definitions = data.pop("$defs", {})
    body = _untitled({**data, "definitions": definitions})
    body.pop("description", None)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": ID,
        "title": TITLE,
        "description": DESCRIPTION,
        **body,
    }


def _resolve(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = definitions[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _kinds(node: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    node = _resolve(node, definitions)
    if "anyOf" in node:
        return [k for option in node["anyOf"] for k in _kinds(option, definitions)]
    if "type" in node:
        return [node["type"]]
    return ["any"]


def _objects(node: dict[str, Any], definitions: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The object schemas ``node`` allows (through references and ``anyOf``)."""
    node = _resolve(node, definitions)
    for option in node.get("anyOf", [node]):
        option = _resolve(option, definitions)
        if "properties" in option:
            yield option


def _items(node: dict[str, Any], definitions: dict[str, Any]) -> Iterator[dict[str, Any]]:
    node = _resolve(node, definitions)
    for option in node.get("anyOf", [node]):
        option = _resolve(option, definitions)
        if option.get("type") == "array" and "items" in option:
            yield option["items"]


def fields(found: dict[str, Any]) -> Iterator[tuple[str, list[str], bool]]:
    """Every field of the schema: its path (``gaps[].evidence[].line``), its JSON types, and
    whether every record has it."""
    definitions = found.get("definitions", {})

    def walk(node: dict[str, Any], path: str) -> Iterator[tuple[str, list[str], bool]]:
        for shape in _objects(node, definitions):
            required = shape.get("required", [])
            for key, sub in shape["properties"].items():
                here = f"{path}.{key}" if path else key
                yield here, _kinds(sub, definitions), key in required
                if key != "measures":  # a diagnostic's measures: data, not fields
                    yield from walk(sub, here)
        for items in _items(node, definitions):
            yield from walk(items, path + "[]")

    yield from walk(found, "")
