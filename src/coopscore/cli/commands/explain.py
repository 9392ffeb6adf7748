"""explain: a criterion, dimension, recommendation or diagnostic, from the rubric's data.

A diagnostic's thresholds are explained with the reasons the rubric gives for them: the
comments written above each setting in its ``diagnostics:`` section, read from the rubric's
text.
"""

from __future__ import annotations

import re
from typing import Annotated, Optional

import typer

from coopscore.cli.options import (
    EXIT_INPUT,
    Command,
    DebugArg,
    LangArg,
    LangOption,
    RubricArg,
    fail_input,
    language,
    say,
    show,
    spoken,
    word,
)
from coopscore.cli.steps import load_rubric
from coopscore.errors import InputError
from coopscore.model.rubric import Rubric
from coopscore.pipeline import scoring as pipeline
from coopscore.pipeline.inputs import read_rubric_document
from coopscore.report import explain as explaining
from coopscore.report.problems import message
from coopscore.report.words import Words
from coopscore.suggest import did_you_mean


def register(app: typer.Typer) -> None:
    app.command(cls=Command)(explain)


def explain(
    key: Annotated[
        str,
        typer.Argument(
            help="A criterion code or slug, a dimension (D3), a recommendation (R4) or a "
            "diagnostic (P1 to P4).",
            metavar="CODE|SLUG|D#|R#|P#",
        ),
    ],
    scenario: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--scenario", "-s", help="Also show what this scenario gave and why.", metavar="FILE"
        ),
    ] = None,
    lang: LangArg = LangOption.en,
    rubric: RubricArg = None,
    debug: DebugArg = False,
) -> None:
    """Explain a criterion, dimension, recommendation or diagnostic (P1–P4) from the rubric."""
    loaded = load_rubric(rubric, debug)
    lang_ = language(lang)
    found = explaining.find(loaded, key)
    if found is None:
        say("error", _not_found(key, loaded))
        raise typer.Exit(EXIT_INPUT)
    scored = assessment = result = reasons = None
    if scenario is not None:
        try:  # what assess refuses, explain refuses too
            scored, assessment = pipeline.assessed(scenario, loaded)
        except InputError as error:
            fail_input(error, debug)
    if isinstance(found, explaining.DiagnosticEntry):
        reasons = _reasons(rubric, found.id, debug)
        if assessment is not None:  # what it found in the scenario
            result = next((d for d in assessment.diagnostics if d.id == found.id), None)
    report = explaining.build(loaded, found, Words(lang_), scored, reasons, result, assessment)
    show(report, verbose=True)


def _not_found(key: str, rubric: Rubric) -> str:
    """What ``key`` is not, with the key most likely meant, in this run's language."""
    if re.fullmatch(r"[Pp][0-9]+", key.strip()):
        on = word("joint_comma").join(id_ for id_, _ in rubric.spec.diagnostics.enabled())
        return word("explain_not_diagnostic", key=key.strip().upper(), on=on or word("cli_none"))
    close = message(did_you_mean(key, explaining.keys(rubric)), spoken())
    family = _family(key, rubric)
    hints = "".join(word("cli_hint", hint=h) for h in (family, close) if h)
    return word("explain_unknown", key=repr(key), hints=hints)


def _span(ids: list[str]) -> str:
    """``D1–D8`` for a run of ids, else the ids listed."""
    return f"{ids[0]}–{ids[-1]}" if len(ids) > 2 else word("cli_and").join(ids)


def _family(key: str, rubric: Rubric) -> str:
    """What the keys that begin as ``key`` does are (``dimensions are D1–D8``), or ``""``.

    A key is read as its letters and what follows: ``D9`` is a dimension's form, ``R6`` a
    recommendation's, ``ENCC`` and ``ENC9`` a criterion code of the ENC group."""
    letters = re.match(r"[A-Za-z]*", key.strip())
    head = letters.group(0).upper() if letters else ""
    if not head:
        return ""
    groups = {
        "dimensions": [d.id for d in rubric.dimensions],
        "recommendations": [r.id for r in rubric.recommendations],
    }
    for noun, ids in groups.items():
        if ids and all(re.match(rf"{re.escape(head)}\d", i) for i in ids):
            return word(f"explain_family_{noun}", span=_span(ids))
    codes: dict[str, list[str]] = {}
    for c in rubric.criteria:
        codes.setdefault(re.sub(r"[^A-Za-z].*", "", c.spec.code).upper(), []).append(c.spec.code)
    group = next((g for g in codes if g and head.startswith(g)), None)
    if group is None:
        return ""
    return word("explain_family_codes", group=group, span=_span(sorted(codes[group])))


def _reasons(rubric: str | None, diagnostic: str, debug: bool) -> dict[str, list[str]]:
    """The comments above each setting of ``diagnostic`` in the rubric's text, by setting;
    a setting the rubric leaves out is not a key."""
    try:
        document = read_rubric_document(rubric)
    except InputError as error:
        fail_input(error, debug)
    section = document.value_at(("diagnostics", diagnostic), {})
    out: dict[str, list[str]] = {}
    for name in section if isinstance(section, dict) else {}:
        line = document.lines.get(("diagnostics", diagnostic, name))
        out[str(name)] = document.comments_above(line) if line is not None else []
    return out
