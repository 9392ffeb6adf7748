"""What the scoring commands do alike: read the rubric, score one file, check the thresholds.

Every problem with an input ends the run with exit 2 and its problems on standard error.
"""

from __future__ import annotations

import typer

from coopscore.cli.options import DEFAULT_MAX_BYTES, EXIT_INPUT, fail_input, say
from coopscore.core.assessment import EXTRAS, Assessment, Extra
from coopscore.core.selection import Selection, SelectionError
from coopscore.errors import InputError
from coopscore.model.rubric import Rubric, severity_rank
from coopscore.pipeline import scoring as pipeline
from coopscore.pipeline.inputs import read_rubric


def breaches(assessment: Assessment, fail_under: float | None, fail_on: str | None) -> list[str]:
    """Why the run should exit 1, if it should."""
    reasons: list[str] = []
    name = assessment.scenario_id
    if fail_under is not None:
        if assessment.score is None:
            reasons.append(f"{name}: score withheld, cannot meet --fail-under {fail_under:g}")
        elif assessment.score < fail_under:
            reasons.append(
                f"{name}: score {assessment.score:.1f} is below --fail-under {fail_under:g}"
            )
    if fail_on is not None:
        hits = [
            g.spec.code
            for g in assessment.gaps
            if severity_rank(g.spec.severity) <= severity_rank(fail_on)
        ]
        if hits:
            reasons.append(
                f"{name}: {len(hits)} gap(s) of severity {fail_on} or worse: {', '.join(hits)}"
            )
    return reasons


def setup(
    rubric: str | None, select: list[str] | None, ignore: list[str] | None, debug: bool
) -> tuple[Rubric, Selection]:
    """The rubric and the gap selection every scoring command starts from; bad ones exit 2."""
    loaded = load_rubric(rubric, debug)
    try:
        return loaded, Selection.parse(select or [], ignore or [], loaded)
    except SelectionError as error:
        say("error", error)
        raise typer.Exit(EXIT_INPUT) from None


def load_rubric(rubric: str | None, debug: bool) -> Rubric:
    """The rubric at ``rubric`` (or the bundled one); a bad one exits 2 with its problems."""
    try:
        return read_rubric(rubric)
    except InputError as error:
        fail_input(error, debug)


def assess_file(
    path: str,
    rubric: Rubric,
    waivers: bool,
    debug: bool,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extras: frozenset[Extra] = EXTRAS,
) -> Assessment:
    """Score one scenario (``example:NAME`` too) through the pipeline; bad input exits 2.

    ``extras``: what the reader shows beyond the results (``pipeline.scoring.score``)."""
    outcome = pipeline.score(
        path, rubric, max_bytes=max_bytes, waivers=waivers, debug=debug, extras=extras
    )
    if isinstance(outcome, pipeline.Failed):
        fail_input(outcome.error(), debug)
    return outcome.assessment
