"""What `assess` writes, `compare` reads: the saved-JSON size limit and its duplicate keys.


The limit is derived, not guessed: for every list of objects in the scenario schema, items
written as tersely as YAML allows are added, and the JSON grows by at most ``SAVED_EXPANSION``
bytes per byte of scenario, over a fixed part of at most ``SAVED_BASE``; so the largest scenario
``assess`` reads gives JSON within ``saved_limit(MAX_BYTES)``, the default of ``compare``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.cli.commands import compare as compare_command
from coopscore.contract.read import SAVED_BASE, SAVED_EXPANSION, load_saved, saved_limit
from coopscore.core.engine import assess
from coopscore.errors import InputError
from coopscore.formats import json_out
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.model.schemas import schema
from coopscore.model.yamlload import MAX_BYTES
from coopscore.pipeline.inputs import read_rubric

from .conftest import SCENARIOS

runner = CliRunner()


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _options(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    node = _resolve(node, defs)
    found = [_resolve(o, defs) for o in node.get("anyOf", [node])]
    return [o for o in found if o.get("type") != "null"]


def _least(node: dict[str, Any], defs: dict[str, Any], name: str, every: bool = False) -> Any:
    """The shortest value a field of this schema takes (an object with its required fields, or
    with ``every`` field)."""
    for option in _options(node, defs):
        if "enum" in option:
            return min(option["enum"], key=lambda v: len(str(v)))
        kind = option.get("type")
        if kind == "string":
            return "x" * max(1, option.get("minLength", 1))
        if kind == "integer":
            return max(option.get("minimum", 0), 2000 if "year" in name.lower() else 0)
        if kind == "number":
            return option.get("minimum", 0)
        if kind == "boolean":
            return True
        if kind == "array":
            return []
        if kind == "object" and "properties" not in option:
            return {}
        if kind == "object":
            return {
                k: _least(v, defs, k)
                for k, v in option["properties"].items()
                if k in option.get("required", []) or (every and k not in ("source", "note"))
            }
    raise AssertionError(f"no plain value for {node}")


def lists(every: bool = False) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every list of objects in the scenario schema (two levels deep), with its least item."""
    root = schema("scenario")
    defs = root["definitions"]

    def walk(props: dict[str, Any], path: tuple[str, ...]) -> Iterator[Any]:
        for key, value in props.items():
            for option in _options(value, defs):
                if option.get("type") == "array":
                    item = _resolve(option.get("items", {}), defs)
                    if "properties" in item:
                        yield (*path, key), _least(item, defs, key, every)
                elif "properties" in option and len(path) < 1:
                    yield from walk(option["properties"], (*path, key))

    yield from walk(root["properties"], ())


def _scenario(path: tuple[str, ...], item: dict[str, Any], count: int) -> str:
    """A scenario whose list at ``path`` holds ``count`` copies of ``item``, made distinct
    where the model asks it (ids, names, years), as one line of flow YAML."""
    data: dict[str, Any] = {"schema_version": 1, "as_of": 2021}
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    items = []
    for index in range(count):
        one = dict(item)
        for key in ("id", "name"):
            if key in one:
                one[key] = str(index)
        if "year" in one:
            one["year"] = 1949 + index
        items.append(one)
    node[path[-1]] = items
    return yaml.dump(data, default_flow_style=True, width=10**9)


def _bytes(text: str, rubric: Rubric, lang: str) -> int:
    a = assess(parse_scenario("s.yaml", text), rubric)
    return len(json_out.render(a, lang).encode())  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_json_grows_within_the_expansion_the_limit_is_derived_from(
    rubric: Rubric, lang: str
) -> None:
    measured = []
    for path, item in lists():
        texts = [_scenario(path, item, count) for count in (30, 60)]
        try:
            small, large = (_bytes(t, rubric, lang) for t in texts)
        except InputError:  # an item the model refuses alone (a member needs its province)
            continue
        grown = len(texts[1].encode()) - len(texts[0].encode())
        measured.append(((large - small) / grown, path))
        assert small - SAVED_EXPANSION * len(texts[0].encode()) <= SAVED_BASE
    assert len(measured) >= 20, measured  # the schema's lists were found and scored
    worst = max(measured)
    assert worst[0] <= SAVED_EXPANSION, worst
    assert worst[0] >= SAVED_EXPANSION / 2, worst  # the bound is near what the worst takes
    empty = _bytes("schema_version: 1\nas_of: 2021\n", rubric, lang)
    assert empty <= SAVED_BASE


def test_compare_reads_by_default_what_assess_writes_for_the_largest_scenario() -> None:
    assert saved_limit(MAX_BYTES) == compare_command.SAVED_MAX_BYTES
    shown = " ".join(runner.invoke(app, ["compare", "--help"]).output.replace("│", " ").split())
    assert f"{saved_limit(MAX_BYTES) // 2**20} MiB for a saved assessment" in shown


@cache
def _saved() -> str:
    """What ``assess --format json`` writes for the Middle Reaches."""
    mr = SCENARIOS / "middle-reaches-2021.yaml"
    loaded = parse_scenario(str(mr), mr.read_text("utf-8"))
    return json_out.render(assess(loaded, read_rubric()))


def test_compare_reads_saved_json_beyond_the_scenario_limit(tmp_path: Path) -> None:
    data = json.loads(_saved())
    data["padding"] = "x" * (MAX_BYTES + 1)  # a field compare does not read
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data), encoding="utf-8")
    done = runner.invoke(app, ["compare", str(big), str(big), "-f", "json"])
    assert done.exit_code == 0, done.output
    refused = runner.invoke(app, ["compare", str(big), str(big), "--max-bytes", "1000"])
    assert refused.exit_code == 2
    assert "over the limit of 1,000 bytes (raise it with --max-bytes)" in refused.output


def _objects(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        if node:
            yield path
        for key, value in node.items():
            yield from _objects(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, (*path, index))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_key_given_twice_is_refused_at_its_line(data: st.DataObject) -> None:
    parsed = json.loads(_saved())
    where = data.draw(st.sampled_from(list(_objects(parsed))))
    node: Any = parsed
    for key in where:
        node = node[key]
    key = data.draw(st.sampled_from(sorted(node)))
    marker = "\u2063dup\u2063"
    node[marker] = 0  # becomes the repeated key, written last in its object
    text = json.dumps(parsed, indent=data.draw(st.sampled_from([None, 1, 2])), ensure_ascii=False)
    at = text.index(json.dumps(marker, ensure_ascii=False))  # where the repeated key stands
    text = text.replace(json.dumps(marker, ensure_ascii=False), json.dumps(key), 1)
    with pytest.raises(InputError) as info:
        load_saved("old.json", text)
    (problem,) = info.value.problems
    assert problem.line == text.count("\n", 0, at) + 1
    assert problem.column == at - text.rfind("\n", 0, at)
    assert f"duplicate key {key!r}" in problem.message
