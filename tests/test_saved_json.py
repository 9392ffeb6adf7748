"""A saved assessment given to compare is checked before use: a clear refusal, never a crash."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.contract.read import compare, load_saved
from coopscore.core.compare import CompareError
from coopscore.core.engine import assess
from coopscore.errors import InputError
from coopscore.formats import as_markdown, json_out, to_terminal
from coopscore.formats.registry import View
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric
from coopscore.report import compare as compare_report
from coopscore.report.words import Words

from .conftest import SCENARIOS

MR = SCENARIOS / "middle-reaches-2021.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def saved(rubric: Rubric) -> str:
    """What ``assess --format json`` writes for the Middle Reaches."""
    loaded = parse_scenario(str(MR), MR.read_text(encoding="utf-8"))
    return json_out.render(assess(loaded, rubric))


def _refusal(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_saved("old.json", text)
    (problem,) = info.value.problems
    assert problem.file == "old.json"
    return str(problem)


def test_what_assess_writes_is_read_back_as_it_is(saved: str) -> None:
    assert load_saved("old.json", saved) == json.loads(saved)
    assert load_saved("old.json", "\ufeff" + saved) == json.loads(saved)


def test_a_saved_assessment_compares_with_itself(saved: str) -> None:
    data = load_saved("old.json", saved)
    result = compare(data, copy.deepcopy(data))
    assert result.to_dict()["score_delta"] == 0.0
    assert result.closed == result.opened == []


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.pop(key)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_drop("dimensions"), "missing field 'dimensions' at dimensions"),
        (_drop("criteria"), "missing field 'criteria' at criteria"),
        (_drop("rubric"), "missing field 'rubric' at rubric"),
        (_set(("score",), "57.1"), 'expected a number, found "57.1" at score'),
        (_set(("score",), True), "expected a number, found true at score"),
        (_set(("score",), 1000), "expected a number from 0 to 100, found 1000 at score"),
        (_set(("coverage",), None), "expected a number, found null at coverage"),
        (_set(("dimensions",), {"D1": {}}), "expected a list, found an object at dimensions"),
        (_set(("dimensions", 2), [1]), "expected an object, found a list at dimensions[2]"),
        (_set(("dimensions", 2, "score"), "x"), 'found "x" at dimensions[2].score'),
        (_set(("dimensions", 0, "coverage"), -0.5), "from 0 to 1, found -0.5"),
        (
            _set(("criteria", 3, "status"), "great"),
            "'met', 'partial', 'unmet', 'unmet_or_partial', 'unknown'",
        ),
        (_set(("criteria", 3, "code"), 7), "expected text, found 7 at criteria[3].code"),
        (_set(("rubric",), []), "expected an object, found a list at rubric"),
        (_set(("rubric", "digest"), None), "expected text, found null at rubric.digest"),
        (_set(("scenario", "id"), ["a"]), "expected text, found a list at scenario.id"),
        (_set(("scenario", "as_of"), "2021"), "expected a whole number"),
        (_set(("gaps", 0), "MOD001"), 'expected an object, found "MOD001" at gaps[0]'),
    ],
)
def test_a_part_the_comparison_reads_is_checked(
    saved: str, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = json.loads(saved)
    change(data)
    shown = _refusal(json.dumps(data))
    assert "not a saved assessment" in shown and message in shown, shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": ' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
        ("[1, 2]", "expected a JSON object, found a list"),
        ('"text"', "expected a JSON object"),
        ("", "old.json:1:1: not JSON"),
        ('{"score": 1,\n}', "old.json:2:1: not JSON"),
        ('{"score": 1' + "0" * 5000 + "}", "a number of 5,001 digits is too large"),
    ],
)
def test_what_is_not_an_assessment_at_all(text: str, message: str) -> None:
    assert message in _refusal(text)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400", "-1E999"])
def test_numbers_json_does_not_have_are_refused(saved: str, literal: str) -> None:
    data = json.loads(saved)
    text = json.dumps(data).replace(f'"score": {json.dumps(data["score"])}', f'"score": {literal}')
    assert literal in text
    assert "not a saved assessment" in _refusal(text)


def test_compare_itself_refuses_what_it_cannot_read(saved: str) -> None:
    good = json.loads(saved)
    for bad in ([], None, {"rubric": {}}, {**good, "criteria": [{"code": "X"}]}):
        with pytest.raises(CompareError, match="is not a coopscore assessment"):
            compare(bad, good)
        with pytest.raises(CompareError, match="the new input"):
            compare(good, bad)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(-1e6, 1e6) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)
WHERE = st.sampled_from(
    [
        ("score",),
        ("coverage",),
        ("rubric",),
        ("rubric", "digest"),
        ("scenario",),
        ("scenario", "name"),
        ("scenario", "as_of"),
        ("dimensions",),
        ("dimensions", 1),
        ("dimensions", 1, "name"),
        ("dimensions", 1, "coverage"),
        ("criteria", 0),
        ("criteria", 0, "status"),
        ("gaps",),
        ("gaps", 0, "title"),
    ]
)


@settings(max_examples=150, deadline=None)
@given(WHERE, JSON)
def test_whatever_is_put_anywhere_is_refused_or_compared(
    saved: str, where: tuple[Any, ...], value: Any
) -> None:
    data = json.loads(saved)
    _set(where, value)(data)
    try:
        loaded = load_saved("old.json", json.dumps(data))
    except InputError as error:
        assert "old.json" in str(error)
        return
    result = compare(loaded, json.loads(saved), force=True)
    as_markdown.FORMAT.compare(result, View())
    to_terminal.text(compare_report.build(result, Words("en")), 120)
    json.dumps(result.to_dict(), allow_nan=False)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "[1, 2]",
        '{"rubric": {}, "scenario": {}, "dimensions": [], "criteria": []}',
        "NaN",
    ],
)
def test_the_compare_command_refuses_a_broken_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "old.json"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(path), str(MR)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "error:" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("edit", "where", "said"),
    [
        (lambda d: d.update(score=99.0), "at score", "score 99 lies outside its bounds"),
        (
            lambda d: d["dimensions"][2].update(score=0.0),
            "at dimensions[2].score",
            "lies outside its bounds",
        ),
        (
            lambda d: d["dimensions"][0].update(score_bounds={"lower": 90.0, "upper": 10.0}),
            "at dimensions[0].score_bounds",
            "bounds 90 to 10 run backwards",
        ),
    ],
)
def test_a_saved_assessment_whose_numbers_contradict_each_other_is_refused(
    saved: str, edit: Callable[[dict[str, Any]], None], where: str, said: str
) -> None:
    """No assessment puts a point outside its bounds: a file that does was not written by
    assess as it stands, and comparing with it would print a contradiction."""
    data = json.loads(saved)
    edit(data)
    problem = _refusal(json.dumps(data))
    assert "not a saved assessment: " in problem and said in problem and where in problem
