"""The JSON contract is one set of types: what is written, what is read back, what is shipped.

The shipped schema is the one generated from the types; what ``assess -f json`` writes for
every bundled scenario validates against it and is read back by the reader built from the same
types; and a value outside its range is refused by both, the schema and the reader alike.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.contract import read, schema
from coopscore.errors import InputError

from .conftest import ROOT, SCENARIOS

runner = CliRunner()
SHIPPED = ROOT / "schemas" / "assessment.schema.json"


@pytest.fixture(scope="module")
def written() -> list[tuple[str, str]]:
    """What ``assess -f json`` prints for every bundled scenario, in both languages."""
    out = []
    for file in sorted(SCENARIOS.glob("*.yaml")):
        for lang in ("en", "zh"):
            result = runner.invoke(app, ["assess", str(file), "-f", "json", "--lang", lang])
            assert result.exit_code in (0, 1), result.output
            out.append((f"{file.name}:{lang}", result.stdout))
    return out


def test_the_shipped_schema_is_the_generated_one() -> None:
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert shipped == schema.schema()
    assert shipped["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert shipped["$id"].endswith("/assessment.schema.json")
    jsonschema.Draft7Validator.check_schema(shipped)


def test_every_bundled_scenario_validates_and_reads_back(written: list[tuple[str, str]]) -> None:
    validator = jsonschema.Draft7Validator(schema.schema())
    assert len(written) >= 4
    for name, text in written:
        data = json.loads(text)
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (name, errors[:3])
        assert read.load_saved(name, text) == data
        side = read.read_saved(name, text)
        assert side.score == data["score"] and side.scenario_id == data["scenario"]["id"]


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("score",), 100.5, "from 0 to 100"),
        (("coverage_floor",), 1.5, "from 0 to 1"),
        (("dimensions", 0, "score_bounds", "upper"), 101, "from 0 to 100"),
        (("criteria", 0, "credit_bounds"), [0.5, 1.2], "from 0 to 1"),
        (("gaps", 0, "evidence", 0, "line"), "3", "expected a whole number"),
        (("dimensions", 0, "thin"), "no", "expected true or false"),
        (("gaps", 0, "status"), "met", "'unmet', 'partial' or 'unmet_or_partial'"),
    ],
)
def test_a_value_out_of_its_range_is_refused_by_schema_and_reader(
    written: list[tuple[str, str]], where: tuple[Any, ...], value: Any, message: str
) -> None:
    # the Middle Reaches, in English: it has gaps with evidence
    text = dict(written)["middle-reaches-2021.yaml:en"]
    data = json.loads(text)
    node: Any = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    assert not jsonschema.Draft7Validator(schema.schema()).is_valid(data)
    with pytest.raises(InputError) as info:
        read.load_saved("old.json", json.dumps(data, indent=2))
    (problem,) = info.value.problems
    assert problem.file == "old.json" and message in problem.message, problem.message


def test_fields_older_files_lack_are_not_required(written: list[tuple[str, str]]) -> None:
    data = json.loads(dict(written)["middle-reaches-2021.yaml:en"])
    for key in ("score_bounds", "warnings", "find_out_first"):
        del data[key]
    for d in data["dimensions"]:
        del d["score_bounds"], d["thin"]
    for c in data["criteria"]:
        del c["credit_bounds"], c["applicable"]
    assert jsonschema.Draft7Validator(schema.schema()).is_valid(data)
    side = read.read_saved("old.json", json.dumps(data))
    assert side.score_bounds is None and all(d.bounds is None for d in side.dimensions)


def test_a_missing_field_is_named_at_its_path(written: list[tuple[str, str]]) -> None:
    data = json.loads(dict(written)["middle-reaches-2021.yaml:en"])
    del data["gaps"][1]["source"]
    with pytest.raises(InputError, match=r"missing field 'source' at gaps\[1\]\.source"):
        read.load_saved("old.json", json.dumps(data))


def test_the_reader_is_built_on_first_use_not_at_import() -> None:
    code = (
        "import sys\n"
        "from coopscore.contract import read\n"
        "from coopscore.formats import json_out\n"
        "assert read._adapter.cache_info().currsize == 0\n"
        "assert 'coopscore.contract.schema' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
