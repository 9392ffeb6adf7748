"""How far independent encodings of one cluster agree, criterion by criterion.

Content analysis checks its coders this way: the same material, coded by two or more people,
and a measure of how much they agree beyond chance. Here each file is one analyst's encoding,
each criterion a unit, and its status the code. Krippendorff's alpha (nominal) is reported
for any number of files, and Cohen's kappa beside it for two; both are 1 for perfect agreement
and 0 for agreement at chance. They are undefined (``None``) when every file gives every
criterion the same status, as there is then no variation to agree about.

Two files may give a criterion the same status and still allow it different credit (an open
criterion whose depth one file leaves open and the other does not), or disagree on whether it
applies at all: that is a bounds disagreement, listed apart, since it moves the score bounds
without moving the status. Whether the files describe one cluster at all is checked first
(:mod:`coopscore.core.cluster`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from coopscore.core.assessment import Assessment, CriterionResult
from coopscore.core.cluster import Check, check


class Coded(NamedTuple):
    """One criterion as one file judged it."""

    file: str
    result: CriterionResult


class Unit(NamedTuple):
    """One criterion across all files; ``agrees`` when every file gave it the same status."""

    code: str
    coded: tuple[Coded, ...]

    @property
    def agrees(self) -> bool:
        return len({c.result.status for c in self.coded}) == 1

    @property
    def bounds_agree(self) -> bool:
        """Every file allows it the same credit, and agrees on whether it applies."""
        return len({(c.result.credit_bounds, c.result.applicable) for c in self.coded}) == 1

    @property
    def rank(self) -> int:
        """0: statuses differ; 1: same status, different bounds; 2: full agreement."""
        return 0 if not self.agrees else 1 if not self.bounds_agree else 2


class Agreement(NamedTuple):
    assessments: tuple[Assessment, ...]
    units: tuple[Unit, ...]  # status disagreements, bounds disagreements, then the rest
    share: float  # criteria on which every file agrees
    kappa: float | None  # two files only
    alpha: float | None  # any number of files
    bounds_overlap: bool | None  # whether every pair of overall score bounds overlaps
    cluster: Check | None = None  # whether the files describe one cluster; None: not known

    @property
    def disagreements(self) -> tuple[Unit, ...]:
        """Criteria whose status differs between the files."""
        return tuple(u for u in self.units if not u.agrees)

    @property
    def bounds_disagreements(self) -> tuple[Unit, ...]:
        """Criteria with one status in every file, but different credit bounds or applicability."""
        return tuple(u for u in self.units if u.agrees and not u.bounds_agree)


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two equally long codings."""
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    left, right = Counter(first), Counter(second)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    if expected == 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Sequence[Sequence[str]]) -> float | None:
    """Krippendorff's alpha for nominal codes; each unit lists the codes its coders gave."""
    pairs: dict[tuple[str, str], float] = {}
    for codes in units:
        m = len(codes)
        if m < 2:
            continue  # a unit coded once cannot be paired
        counts = Counter(codes)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairable = nc * (nk - 1) if c == k else nc * nk
                pairs[(c, k)] = pairs.get((c, k), 0.0) + pairable / (m - 1)
    totals: dict[str, float] = {}
    for (c, _), value in pairs.items():
        totals[c] = totals.get(c, 0.0) + value
    n = sum(totals.values())
    if n <= 1:
        return None
    disagree = sum(v for (c, k), v in pairs.items() if c != k)
    chance = sum(totals[c] * totals[k] for c in totals for k in totals if c != k) / (n - 1)
    if chance == 0:
        return None
    return 1.0 - disagree / chance


def _overlap(assessments: Sequence[Assessment]) -> bool | None:
    spans = [a.score_bounds for a in assessments]
    if any(s is None for s in spans):
        return None
    known = [s for s in spans if s is not None]
    return max(s[0] for s in known) <= min(s[1] for s in known)


def agree(assessments: Sequence[Assessment]) -> Agreement:
    """Compare two or more assessments of one cluster made with one rubric."""
    if len(assessments) < 2:
        raise ValueError("agreement needs at least two assessments")
    by_file = [{r.spec.code: r for r in a.results} for a in assessments]
    codes = [r.spec.code for r in assessments[0].results]
    units = [
        Unit(
            code,
            tuple(
                Coded(a.file, found[code]) for a, found in zip(assessments, by_file, strict=True)
            ),
        )
        for code in codes
        if all(code in found for found in by_file)
    ]
    statuses = [[c.result.status for c in u.coded] for u in units]
    share = sum(u.agrees for u in units) / len(units) if units else 1.0
    kappa = None
    if len(assessments) == 2:
        kappa = cohen_kappa([s[0] for s in statuses], [s[1] for s in statuses])
    alpha = krippendorff_alpha(statuses)
    ordered = sorted(units, key=lambda u: u.rank)  # stable: rubric order within each group
    clusters = [a.cluster for a in assessments]
    same = check([c for c in clusters if c is not None]) if None not in clusters else None
    return Agreement(
        tuple(assessments), tuple(ordered), share, kappa, alpha, _overlap(assessments), same
    )
