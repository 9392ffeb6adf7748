"""The format registry: each format renders what its entry says, and every command offers it."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.formats import registry
from coopscore.formats.registry import FORMATS, SUBJECTS, Format

runner = CliRunner()

# The method of Format that renders each subject (a batch is a stream or a folder of pages).
METHODS = {"assessment", "plan", "compare", "sensitivity", "agreement", "trend"}


def _overrides(fmt: Format) -> set[str]:
    """The subjects a format renders: every one for a document format (each reaches its
    ``document`` as a report), else the methods it overrides."""
    found = {
        name
        for name in (*sorted(METHODS), "batch", "pages")
        if getattr(type(fmt), name) is not getattr(Format, name)
    }
    return found


@pytest.mark.parametrize("entry", FORMATS, ids=lambda e: e.name)
def test_a_format_renders_exactly_what_its_entry_lists(entry: registry.Entry) -> None:
    wanted = set(entry.renders) & METHODS
    if "batch" in entry.renders:
        wanted.add("pages" if entry.folder else "batch")
    assert _overrides(entry.load()) == wanted


def test_names_are_unique_and_every_subject_has_a_format() -> None:
    names = [e.name for e in FORMATS]
    assert len(names) == len(set(names))
    for subject in SUBJECTS:
        assert "json" in registry.names(subject)  # every result has its machine form


def test_a_subject_a_format_does_not_render_is_refused() -> None:
    with pytest.raises(LookupError):
        registry.load("csv", "assessment")
    with pytest.raises(LookupError):
        registry.entry("jsn")


@pytest.mark.parametrize(
    ("command", "subject"),
    [
        (["assess", "example:middle-reaches-2021"], "assessment"),
        (["batch", "example:middle-reaches-2021"], "batch"),
        (["plan", "example:middle-reaches-2021"], "plan"),
        (["compare", "example:middle-reaches-2021", "example:middle-reaches-2021"], "compare"),
        (
            ["sensitivity", "example:middle-reaches-2021", "example:yangtze-delta-2020"],
            "sensitivity",
        ),
    ],
)
def test_every_command_offers_the_formats_registered_for_its_subject(
    command: list[str], subject: registry.Subject
) -> None:
    refused = runner.invoke(app, [*command, "--format", "no-such-format"], env={"COLUMNS": "300"})
    assert refused.exit_code == 2
    listed = re.search(r"expected one of ([a-z, ]+)", refused.output)
    assert listed is not None, refused.output
    offered = set(listed.group(1).replace(",", " ").split())
    assert offered == set(registry.names(subject))
    for name in registry.names(subject):
        if registry.entry(name).folder and subject == "batch":
            continue  # writes into a folder; tested with the batch
        done = runner.invoke(app, [*command, "--format", name, "-o", "-"])
        assert done.exit_code == 0, (name, done.output)
        assert done.stdout.strip()
