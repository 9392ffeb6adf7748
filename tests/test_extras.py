"""A format is given only the parts of an assessment it shows, and that changes none of its text.

``registry.Entry.shows`` names what each format prints beyond the results (the facts to find out
first, the scenario's lines, its cluster); the pipeline works out only those. Every format's
text must be the same as with everything worked out.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from coopscore.core.assessment import EXTRAS, Assessment, Extra
from coopscore.formats import registry
from coopscore.formats.registry import View
from coopscore.model.rubric import Rubric
from coopscore.pipeline import scoring

from .conftest import ROOT

SCENARIO = str(ROOT / "scenarios" / "middle-reaches-2021.yaml")


def _scored(rubric: Rubric, extras: frozenset[Extra]) -> Assessment:
    outcome = scoring.score(SCENARIO, rubric, extras=extras)
    assert isinstance(outcome, scoring.Scored)
    return outcome.assessment


def _texts(entry: registry.Entry, assessment: Assessment, rubric: Rubric) -> list[Any]:
    """Everything the format makes of one assessment: its view, and its batch record."""
    found = entry.load()
    view = View("en")
    dimensions = [d.id for d in rubric.dimensions]
    out: list[Any] = []
    if "assessment" in entry.renders:
        out.append(found.assessment(assessment, view))
    if "batch" in entry.renders:
        if entry.folder:
            out.append(found.pages(view, dimensions).render(assessment))
        else:
            out.append(found.batch(io.StringIO(), view, dimensions).render(assessment))
    return out


@pytest.mark.parametrize("entry", registry.FORMATS, ids=lambda e: e.name)
def test_a_format_shows_the_same_with_only_the_parts_it_names(
    entry: registry.Entry, rubric: Rubric
) -> None:
    whole = _scored(rubric, EXTRAS)
    given = _scored(rubric, entry.shows)
    assert _texts(entry, given, rubric) == _texts(entry, whole, rubric)


def test_parts_not_asked_for_are_not_worked_out(rubric: Rubric) -> None:
    whole = _scored(rubric, EXTRAS)
    assert whole.find_out and whole.source_lines and whole.cluster is not None
    bare = _scored(rubric, frozenset())
    assert (bare.find_out, bare.source_lines, bare.cluster) == ((), (), None)
    assert bare.score == whole.score and bare.results == whole.results


@pytest.mark.parametrize(("name", "part"), [("json", "find_out"), ("table", "source_lines")])
def test_each_part_a_format_names_changes_its_text(name: str, part: Extra, rubric: Rubric) -> None:
    """Without a part it names, the format's text differs: the names are not idle."""
    entry = registry.entry(name)
    assert part in entry.shows
    whole = _scored(rubric, EXTRAS)
    less = _scored(rubric, entry.shows - {part})
    assert _texts(entry, less, rubric) != _texts(entry, whole, rubric)
