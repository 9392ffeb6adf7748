"""Messages say exactly what is true and help the likely mistake: counts of the value itself,
the file meant beside a missing one, a saved assessment given where a scenario goes, the format
an output file's extension names, and the range a mistyped key belongs to."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.cli.options import EXTENSIONS
from coopscore.errors import InputError
from coopscore.files import examples
from coopscore.files.fsio import read_input
from coopscore.formats import registry
from coopscore.model.loader import parse_scenario, shown
from coopscore.model.rubric import Rubric

runner = CliRunner()
MR = "example:middle-reaches-2021"


@given(st.text(min_size=61, max_size=200))
def test_a_long_value_is_counted_as_it_is_not_as_it_is_quoted(value: str) -> None:
    assert shown(value).endswith(f"({len(value):,} characters)")


@settings(max_examples=20, deadline=None)
@given(st.integers(81, 150), st.sampled_from(string.ascii_lowercase + string.digits + "-_"))
def test_a_long_id_is_reported_with_its_own_length(length: int, char: str) -> None:
    with pytest.raises(InputError) as info:
        parse_scenario("s.yaml", f"schema_version: 1\nid: a{char * (length - 1)}\n")
    assert f"({length} characters)" in str(info.value)


def _missing(path: str) -> str:
    with pytest.raises(InputError) as info:
        read_input(path, 1000)
    return str(info.value)


@settings(max_examples=25, deadline=None)
@given(st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=12))
def test_a_missing_file_names_its_twin_beside_it(
    tmp_path_factory: pytest.TempPathFactory, stem: str
) -> None:
    folder = tmp_path_factory.mktemp("twins")
    for present, asked in ((".yml", ".yaml"), (".yaml", ".yml")):
        (folder / f"{stem}{present}").write_text("x", encoding="utf-8")
        assert f"there is '{folder / (stem + present)}'" in _missing(str(folder / (stem + asked)))
        (folder / f"{stem}{present}").unlink()
    if stem.swapcase() != stem:
        (folder / f"{stem}.yaml").write_text("x", encoding="utf-8")
        assert f"there is '{folder / (stem + '.yaml')}'" in _missing(
            str(folder / f"{stem.swapcase()}.yaml")
        )


@pytest.mark.parametrize("name", examples.names())
def test_a_bundled_scenario_path_from_elsewhere_names_the_example(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert f"the bundled example of that name is example:{name}" in _missing(
        f"scenarios/{name}.yaml"
    )
    for prefix in ("Example:", "EXAMPLE:", "eXample:"):
        assert f"did you mean 'example:{name}'?" in _missing(f"{prefix}{name}")


def test_a_saved_assessment_given_as_a_scenario_is_one_line(tmp_path: Path) -> None:
    saved = tmp_path / "mr.json"
    done = runner.invoke(app, ["assess", MR, "-f", "json", "-o", str(saved)])
    assert done.exit_code == 0, done.output
    refused = runner.invoke(app, ["assess", str(saved)])
    assert refused.exit_code == 2
    lines = [line for line in refused.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "saved assessment" in lines[0] and "compare" in lines[0], lines


SIGNS = {
    "html": lambda text: text.startswith("<!DOCTYPE html>"),
    "markdown": lambda text: text.startswith("# "),
    "json": lambda text: isinstance(json.loads(text), dict),
    "table": lambda text: not text.startswith(("<", "#", "{")),
}


@pytest.mark.parametrize("suffix", [*EXTENSIONS, ".txt", ".out", ""])
def test_the_output_file_extension_chooses_the_format(suffix: str, tmp_path: Path) -> None:
    target = tmp_path / f"report{suffix}"
    done = runner.invoke(app, ["assess", MR, "-o", str(target)])
    named = EXTENSIONS.get(suffix, "table")
    if named not in registry.names("assessment"):
        assert done.exit_code == 2 and "does not write" in done.output
        return
    assert done.exit_code == 0, done.output
    assert SIGNS[named](target.read_text(encoding="utf-8")), suffix
    for other in registry.names("assessment"):
        again = runner.invoke(app, ["assess", MR, "-o", str(tmp_path / f"x{suffix}"), "-f", other])
        if suffix in EXTENSIONS and other != named:
            assert again.exit_code == 2 and f"--format is {other}" in again.output
        else:
            assert again.exit_code == 0, again.output


def test_a_mistyped_key_hears_the_range_of_its_kind(rubric: Rubric) -> None:
    dims = [d.id for d in rubric.dimensions]
    recs = [r.id for r in rubric.recommendations]
    cases = {
        f"D{len(dims) + 1}": f"dimensions are {dims[0]}–{dims[-1]}",
        f"R{len(recs) + 1}": f"recommendations are {recs[0]}–{recs[-1]}",
    }
    for group in sorted({c.spec.code[:3] for c in rubric.criteria}):
        codes = sorted(c.spec.code for c in rubric.criteria if c.spec.code.startswith(group))
        span = f"{codes[0]}–{codes[-1]}" if len(codes) > 2 else " and ".join(codes)
        cases[group + group[-1]] = f"the criterion codes of {group} are {span}"
        cases[f"{group}9{len(codes) + 80}"] = f"the criterion codes of {group} are {span}"
    for key, expected in cases.items():
        done = runner.invoke(app, ["explain", key])
        assert done.exit_code == 2 and expected in done.output, (key, done.output)
