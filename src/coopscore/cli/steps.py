"""What the scoring commands do alike: read the rubric, score one file, check the thresholds.

Every problem with an input ends the run with exit 2 and its problems on standard error.
"""

from __future__ import annotations

import typer

from coopscore.cli.options import DEFAULT_MAX_BYTES, EXIT_INPUT, fail_input, say, spoken
from coopscore.core.assessment import EXTRAS, Assessment, Extra
from coopscore.core.selection import Selection, SelectionError
from coopscore.errors import InputError
from coopscore.model.rubric import Rubric, severity_rank
from coopscore.pipeline import scoring as pipeline
from coopscore.pipeline.inputs import read_rubric
from coopscore.report.i18n import Lang, label
from coopscore.report.numbers import json_score
from coopscore.report.problems import message


def breaches(
    assessment: Assessment, fail_under: float | None, fail_on: str | None, lang: Lang = "en"
) -> list[str]:
    """Why the run should exit 1, if it should, in ``lang`` (run where a file is scored: in a
    batch's worker, so the language is given, not taken from the run)."""
    reasons: list[str] = []
    name = assessment.scenario_id
    if fail_under is not None:
        limit = f"{fail_under:g}"
        # The score as every output shows it (one decimal): a run never fails on a difference
        # that no report shows (66.77 printed as 66.8 is not below 66.8).
        shown = json_score(assessment.score)
        if shown is None:
            reasons.append(label("fail_withheld", lang, name=name, limit=limit))
        elif shown < fail_under:
            score = f"{shown:.1f}"
            reasons.append(label("fail_under", lang, name=name, score=score, limit=limit))
    if fail_on is not None:
        hits = [
            g.spec.code
            for g in assessment.gaps
            if severity_rank(g.spec.severity) <= severity_rank(fail_on)
        ]
        if hits:
            severity = label(fail_on, lang)
            reasons.append(
                label(
                    "fail_on",
                    lang,
                    name=name,
                    count=len(hits),
                    severity=severity,
                    codes=", ".join(hits),
                )
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
        say("error", message(str(error), spoken()))
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
