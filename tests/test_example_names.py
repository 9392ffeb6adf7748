"""``example:NAME`` reads only a bundled example, named exactly; anything else is refused with
the list and the name most likely meant, and never reaches another file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.errors import InputError
from coopscore.files import examples

runner = CliRunner()
BUNDLED = examples.names()
LOOKALIKES = {"e": "е", "a": "а", "o": "о", "i": "і", "-": "‐", "1": "l", "2": "２"}


def _hostile(name: str) -> st.SearchStrategy[str]:
    """Ways to write something near ``name`` that is not ``name``."""
    others = st.sampled_from(["../rubrics/yrd-lessons", "../../../../tmp/x", "x", "", "."])
    edits = st.sampled_from(
        [
            lambda n: "../" + n,
            lambda n: "./" + n,
            lambda n: "..\\" + n,
            lambda n: "/" + n,
            lambda n: str(examples.folder() / n),
            lambda n: n + "/",
            lambda n: n + "\\",
            lambda n: n + "\x00",
            lambda n: n + "\x00.yaml",
            lambda n: n + ".",
            lambda n: n + " ",
            lambda n: " " + n,
            lambda n: n + ".yml",
            lambda n: n + "/../" + n,
            lambda n: n.upper(),
            lambda n: n.title(),
            lambda n: n.replace("-", "_"),
        ]
    )
    lookalike = st.sampled_from(sorted(LOOKALIKES)).filter(lambda c: c in name)
    return st.one_of(
        others,
        edits.map(lambda edit: edit(name)),
        lookalike.map(lambda c: name.replace(c, LOOKALIKES[c], 1)),
    )


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(BUNDLED).flatmap(_hostile))
def test_only_a_bundled_name_written_exactly_is_read(name: str) -> None:
    if name in BUNDLED or name.removesuffix(".yaml") in BUNDLED:
        return  # an edit that changed nothing
    with pytest.raises(InputError) as info:
        examples.resolve(examples.PREFIX + name)
    (problem,) = info.value.problems
    assert "no bundled example" in problem.message
    assert all(examples.PREFIX + n in problem.message for n in BUNDLED)


@pytest.mark.parametrize("name", BUNDLED)
def test_a_near_miss_names_the_example_meant(name: str) -> None:
    for written in (name.upper(), name.replace("-", "_"), name + ".", name[:-1]):
        with pytest.raises(InputError) as info:
            examples.resolve(examples.PREFIX + written)
        assert f"did you mean '{examples.PREFIX}{name}'?" in str(info.value), written


def test_a_path_outside_the_examples_is_never_read(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("schema_version: 1\n", encoding="utf-8")
    for name in (
        str(tmp_path / "x"),
        f"../../../../../../../..{tmp_path}/x",
        "../rubrics/yrd-lessons",
    ):
        done = runner.invoke(app, ["assess", examples.PREFIX + name])
        assert done.exit_code == 2, done.output
        assert "no bundled example" in done.output


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_name_is_read(name: str) -> None:
    assert Path(examples.resolve(examples.PREFIX + name)).name == f"{name}.yaml"
    assert Path(examples.resolve(examples.PREFIX + name + ".yaml")).name == f"{name}.yaml"
