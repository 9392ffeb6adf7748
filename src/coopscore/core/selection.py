"""--select / --ignore: which gaps are shown and can fail a run. Scores never change.

Tokens work as in ruff: a code (``INS003``), a code prefix (``INS``, ``ENC00``), a slug
(``missing-execution-layer``), a dimension (``D3``) or a severity (``high``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from coopscore.core.assessment import Assessment
from coopscore.model.rubric import SEVERITIES, CriterionSpec, Rubric
from coopscore.suggest import did_you_mean


class SelectionError(ValueError):
    """A token that matches nothing in the rubric."""


def _matches(token: str, spec: CriterionSpec) -> bool:
    if token in SEVERITIES:
        return spec.severity == token
    if re.fullmatch(r"D\d+", token):
        return spec.dimension == token
    return spec.code.startswith(token.upper()) or spec.slug == token


def _tokens(rubric: Rubric) -> list[str]:
    """Every token the rubric answers to: codes, their families, slugs, dimensions, severities."""
    out: dict[str, None] = {}
    for c in rubric.criteria:
        out.update(dict.fromkeys((c.spec.code, c.spec.code[:3], c.spec.slug)))
    out.update(dict.fromkeys(d.id for d in rubric.dimensions))
    out.update(dict.fromkeys(SEVERITIES))
    return list(out)


class Selection(NamedTuple):
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def parse(cls, select: Sequence[str], ignore: Sequence[str], rubric: Rubric) -> Selection:
        def tokens(values: Sequence[str]) -> tuple[str, ...]:
            out = [t.strip() for v in values for t in v.split(",") if t.strip()]
            for token in out:
                if not any(_matches(token, c.spec) for c in rubric.criteria):
                    close = did_you_mean(token, _tokens(rubric))
                    hint = f"; {close}" if close else ""
                    raise SelectionError(
                        f"{token!r} matches no criterion, dimension or severity{hint}"
                    )
            return tuple(out)

        return cls(tokens(select), tokens(ignore))

    @property
    def active(self) -> bool:
        return bool(self.select or self.ignore)

    def shows(self, spec: CriterionSpec) -> bool:
        if self.select and not any(_matches(t, spec) for t in self.select):
            return False
        return not any(_matches(t, spec) for t in self.ignore)

    def describe(self) -> str:
        parts = []
        if self.select:
            parts.append(f"--select {','.join(self.select)}")
        if self.ignore:
            parts.append(f"--ignore {','.join(self.ignore)}")
        return " ".join(parts)


def apply(assessment: Assessment, selection: Selection) -> Assessment:
    """The same assessment with the gaps the selection leaves out hidden from view."""
    if not selection.active:
        return assessment
    hidden = frozenset(r.spec.code for r in assessment.results if not selection.shows(r.spec))
    return assessment._replace(hidden=hidden, selection=selection.describe())
