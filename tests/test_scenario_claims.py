"""What a bundled scenario's comments claim of a verdict is what the tool finds.

A comment sentence that names a criterion code (``GOV002``) or a dimension's verdicts (``the
D6 verdicts``) and a status word (met, unmet, partial, unknown…) claims that status; in
"from unmet to partial" the claim is the last status named. Each claim must match the
assessment of the file it stands in, or the comment must go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from coopscore.core.assessment import Assessment
from coopscore.core.engine import assess
from coopscore.model.rubric import Rubric
from coopscore.pipeline.inputs import read_scenario

from .conftest import SCENARIOS

CODE = re.compile(r"\b([A-Z]{3}[0-9]{3})\b")
DIMENSION = re.compile(r"\b(D[1-8]) verdicts?\b")
STATUS = re.compile(r"\b(unmet_or_partial|not[ _]applicable|unmet|met|partial|unknown)\b")
SENTENCE_END = re.compile(r"(?<=[.;])\s+")


@dataclass(frozen=True)
class Claim:
    line: int
    sentence: str
    codes: tuple[str, ...]
    dimensions: tuple[str, ...]
    status: str


def claims(text: str) -> list[Claim]:
    """Each comment sentence that names a code or a dimension's verdicts and a status."""
    found: list[Claim] = []
    block: list[tuple[int, str]] = []

    def close() -> None:
        joined = " ".join(part for _, part in block)
        first = block[0][0] if block else 0
        for sentence in SENTENCE_END.split(joined):
            statuses = STATUS.findall(sentence)
            codes, dims = CODE.findall(sentence), DIMENSION.findall(sentence)
            if statuses and (codes or dims):
                status = statuses[-1].replace(" ", "_")
                found.append(Claim(first, sentence, tuple(codes), tuple(dims), status))
        block.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        comment = line.split("#", 1)[1].strip() if line.lstrip().startswith("#") else None
        if comment is None:
            if block:
                close()
            continue
        block.append((number, comment))
    if block:
        close()
    return found


def wrong(a: Assessment, claim: Claim) -> list[str]:
    """What in ``claim`` the assessment contradicts."""
    status = {r.spec.code: r.status for r in a.results}
    out = [f"{c} is {status.get(c)}" for c in claim.codes if status.get(c) != claim.status]
    for dim in claim.dimensions:
        gaps = [r for r in a.results if r.spec.dimension == dim and r.is_gap]
        out += [f"{r.spec.code} is {r.status}" for r in gaps if r.status != claim.status]
    return out


def _assessed(path: Path, rubric: Rubric) -> Assessment:
    return assess(read_scenario(str(path)), rubric)


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=p.stem) for p in sorted(SCENARIOS.glob("*.yaml"))]
)
def test_comment_claims_match_the_verdicts(path: Path, rubric: Rubric) -> None:
    a = _assessed(path, rubric)
    problems = {
        f"{path.name}:{c.line}: {c.sentence}": wrong(a, c)
        for c in claims(path.read_text(encoding="utf-8"))
    }
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_claims_are_found_and_a_stale_one_fails(rubric: Rubric) -> None:
    path = SCENARIOS / "middle-reaches-2021.yaml"
    found = claims(path.read_text(encoding="utf-8"))
    named = {code for c in found for code in c.codes}
    assert {"GOV002", "MOD004"} <= named  # the file's own claims are read
    stale = claims(
        "# Including it softens\n# the D6 verdicts from unmet to partial, as the facts support.\n"
    )
    assert [(c.dimensions, c.status) for c in stale] == [(("D6",), "partial")]
    a = _assessed(path, rubric)
    status = {r.spec.code: r.status for r in a.results}
    assert status["ADJ002"] != "partial" and status["ADJ003"] != "partial"
    assert wrong(a, stale[0]) == [f"ADJ002 is {status['ADJ002']}", f"ADJ003 is {status['ADJ003']}"]
    assert wrong(a, claims("# so GOV002 is met.")[0]) == ["GOV002 is unknown"]
