"""The rubric: dimensions, recommendations and criteria, loaded from YAML and checked.

The rubric is the single source of truth for what is scored, why (paper section, YRD practice)
and what closes each gap. Loading validates everything up front, so a broken rubric is reported
with its file and line before any scenario is scored.
"""

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path as FsPath
from typing import Any, Literal

from pydantic import ConfigDict, Field, ValidationError

from coopscore.conditions import Compiler, ConditionError, Evaluator
from coopscore.errors import InputError, Problem
from coopscore.fsio import read_input
from coopscore.loader import capped, validation_problems
from coopscore.paths import format_path
from coopscore.scenario import Model, Scenario
from coopscore.yamlload import MAX_BYTES, Document, parse, read_text

Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
DEFAULT_SEVERITY_WEIGHTS: dict[Severity, float] = {"high": 3.0, "medium": 2.0, "low": 1.0}


class Bilingual(Model):
    # Built at import, unlike the other models: the problems' default names are instances, and
    # a schema can show them as defaults only once their model is built.
    model_config = ConfigDict(defer_build=False)

    en: str
    zh: str


class BilingualList(Model):
    en: list[str]
    zh: list[str]


class Scoring(Model):
    partial_credit: float = Field(0.5, gt=0, lt=1)
    coverage_floor: float = Field(
        0.5, ge=0, le=1, description="Below this overall coverage the score is withheld."
    )
    severity_weights: dict[Severity, float] = Field(
        default_factory=lambda: dict(DEFAULT_SEVERITY_WEIGHTS)
    )


class DimensionSpec(Model):
    id: str = Field(pattern=r"^D[0-9]+$")
    name: Bilingual
    section: str
    weight: float = Field(1.0, gt=0)
    summary: Bilingual


class RecommendationSpec(Model):
    id: str = Field(pattern=r"^R[0-9]+$")
    title: Bilingual
    section: str
    actions: BilingualList


class CriterionSpec(Model):
    code: str = Field(pattern=r"^[A-Z]{3}[0-9]{3}$")
    slug: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    dimension: str
    title: Bilingual
    rationale: Bilingual
    severity: Severity
    weight: float = Field(gt=0, le=10)
    section: str
    yrd_practice: Bilingual
    recommendations: list[str]
    layer: Literal["decision", "coordination", "execution"] | None = None
    applies: dict[str, Any] | None = None
    met: dict[str, Any]
    partial: dict[str, Any] | None = None


class CauseSpec(Model):
    """A cause the paper names for a problem; ``present`` says, as a condition, when it holds."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: Bilingual
    present: dict[str, Any]


class ProblemSpec(Model):
    """What every diagnostic states: its name, the paper's mark and what it links to."""

    name: Bilingual
    section: str
    recommendations: list[str] = Field(
        default_factory=list, description="Recommendations linked when the problem is flagged."
    )


class P1Spec(ProblemSpec):
    """高开低走: recent activity far below its peak."""

    name: Bilingual = Bilingual(en="High start, low finish", zh="高开低走")
    section: str = "§一(二)1"
    recent_years: int = Field(
        3, ge=1, le=20, description="The latest years of the series that count as recent."
    )
    momentum_below: float = Field(
        0.5, gt=0, lt=1, description="Flagged when recent mean / peak is below this."
    )
    min_years: int = Field(3, ge=2, le=50, description="Known years needed to judge a trend.")
    causes: list[CauseSpec] = Field(default_factory=list)


class P2Spec(ProblemSpec):
    """三多三少: domain imbalance, few landed projects, few market-led initiatives."""

    name: Bilingual = Bilingual(en="Three more, three less", zh="三多三少")
    section: str = "§一(二)2"
    domain_share_at_least: float = Field(
        0.6, gt=0.5, lt=1, description="Flagged when the three 'more' domains hold this share."
    )
    landing_ratio_below: float = Field(
        0.5, gt=0, le=1, description="Flagged when landed projects / agreements is below this."
    )
    market_share_at_most: float = Field(
        0.4, gt=0, lt=0.5, description="Flagged when market-led / all initiatives is this or less."
    )
    min_count: int = Field(
        10, ge=1, description="Smallest denominator (items, agreements, initiatives) to judge."
    )


WeakTest = Literal["stalled", "unfocused", "shallow"]
DEFAULT_WEAK: tuple[WeakTest, ...] = ("stalled", "unfocused")


class P3Spec(ProblemSpec):
    """后继乏力: adjacent pairs that stalled, have no focus or stay shallow."""

    name: Bilingual = Bilingual(
        en="Adjacent cooperation lacks follow-through", zh="毗邻合作后继乏力"
    )
    section: str = "§一(二)3"
    weak_share_at_least: float = Field(
        0.5, gt=0, le=1, description="Flagged when this share of pairs lacks follow-through."
    )
    weak_if: list[WeakTest] = Field(default_factory=lambda: list(DEFAULT_WEAK), min_length=1)
    stalled_after_years: int | None = Field(
        None, ge=0, description="Default: the rubric's params.stalled_after_years, else 3."
    )


class P4Spec(ProblemSpec):
    """Competition beside cooperation: converging structures, local protection, primacy."""

    name: Bilingual = Bilingual(en="Competition beside cooperation", zh="区域竞争与合作诉求并存")
    section: str = "§一(二)4"
    similarity_at_least: float = Field(
        0.9, gt=0, le=1, description="Flagged when a pair's similarity coefficient reaches this."
    )
    top_pairs: int = Field(
        3, ge=1, le=50, description="How many of the most similar pairs to list."
    )
    primacy_basis: Literal["population", "gdp"] = "population"


class DiagnosticsSpec(Model):
    """Thresholds and links of the four Middle Reaches problems (§一(二)) as diagnostics."""

    P1: P1Spec = Field(default_factory=P1Spec)
    P2: P2Spec = Field(default_factory=P2Spec)
    P3: P3Spec = Field(default_factory=P3Spec)
    P4: P4Spec = Field(default_factory=P4Spec)


class RubricFile(Model):
    id: str
    version: str
    title: Bilingual
    source: str
    scoring: Scoring = Field(default_factory=Scoring)
    params: dict[str, int | float | str] = Field(default_factory=dict)
    dimensions: list[DimensionSpec]
    recommendations: list[RecommendationSpec]
    criteria: list[CriterionSpec]
    diagnostics: DiagnosticsSpec = Field(default_factory=DiagnosticsSpec)


@dataclass(frozen=True)
class Criterion:
    spec: CriterionSpec
    applies: Evaluator | None
    met: Evaluator
    partial: Evaluator | None

    @property
    def code(self) -> str:
        return self.spec.code


@dataclass(frozen=True)
class Cause:
    spec: CauseSpec
    present: Evaluator


@dataclass(frozen=True)
class Rubric:
    """A validated rubric with its conditions compiled."""

    file: str
    spec: RubricFile
    criteria: tuple[Criterion, ...]
    digest: str
    causes: tuple[Cause, ...] = ()

    @property
    def dimensions(self) -> list[DimensionSpec]:
        return self.spec.dimensions

    @property
    def recommendations(self) -> list[RecommendationSpec]:
        return self.spec.recommendations

    def criterion(self, key: str) -> Criterion | None:
        for criterion in self.criteria:
            if key in (criterion.spec.code, criterion.spec.slug):
                return criterion
        return None


DEFAULT_RUBRIC = "yrd-lessons.yaml"


def default_rubric_file() -> str:
    """The bundled rubric's path: packaged data first, the source checkout second."""
    packaged = FsPath(str(resources.files("coopscore").joinpath("rubrics", DEFAULT_RUBRIC)))
    if packaged.is_file():
        return str(packaged)
    return str(FsPath(__file__).resolve().parents[2] / "rubrics" / DEFAULT_RUBRIC)


def read_rubric(file: str | None = None) -> Rubric:
    """Load the rubric at ``file``, or the bundled default (named ``rubrics/NAME`` in messages)."""
    if file is None:
        path = default_rubric_file()
        return parse_rubric(
            f"rubrics/{DEFAULT_RUBRIC}", read_text(path, read_input(path, MAX_BYTES))
        )
    raw = read_input(file, MAX_BYTES, "rubric file (.yaml)")
    return parse_rubric(file, read_text(file, raw))


def parse_rubric(file: str, text: str) -> Rubric:
    document = parse(file, text)
    if not isinstance(document.data, dict):
        raise InputError.single(file, "expected a mapping at the top of the rubric", line=1)
    try:
        spec = RubricFile.model_validate(document.data)
    except ValidationError as exc:
        raise InputError(capped(file, validation_problems(document, exc, RubricFile))) from None
    problems = _check(document, spec)
    compiler = Compiler(Scenario, dict(spec.params))
    criteria: list[Criterion] = []
    for index, item in enumerate(spec.criteria):
        compiled: dict[str, Evaluator | None] = {}
        for part in ("applies", "met", "partial"):
            raw = getattr(item, part)
            compiled[part] = None
            if raw is None:
                continue
            try:
                compiled[part] = compiler.compile(raw, ("criteria", index, part))
            except ConditionError as exc:
                problems.append(_at(document, exc.where, f"{item.code}: {exc}"))
        met = compiled["met"]
        if met is not None:
            criteria.append(Criterion(item, compiled["applies"], met, compiled["partial"]))
    causes: list[Cause] = []
    for index, cause in enumerate(spec.diagnostics.P1.causes):
        where = ("diagnostics", "P1", "causes", index, "present")
        try:
            causes.append(Cause(cause, compiler.compile(cause.present, where)))
        except ConditionError as exc:
            problems.append(_at(document, exc.where, f"P1 cause {cause.id}: {exc}"))
    if problems:
        raise InputError(problems)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Rubric(file, spec, tuple(criteria), digest, tuple(causes))


def _at(document: Document, where: tuple[Any, ...], message: str) -> Problem:
    return Problem(document.file, message, document.line_of(where), path=format_path(where))


def _check(document: Document, spec: RubricFile) -> list[Problem]:
    """Cross-references: unique ids and codes, known dimensions and recommendations."""
    problems: list[Problem] = []
    dims = [d.id for d in spec.dimensions]
    recs = [r.id for r in spec.recommendations]
    for kind, ids in (("dimensions", dims), ("recommendations", recs)):
        for index, value in enumerate(ids):
            if value in ids[:index]:
                problems.append(_at(document, (kind, index, "id"), f"duplicate id {value!r}"))
    codes: dict[str, int] = {}
    slugs: dict[str, int] = {}
    for index, item in enumerate(spec.criteria):
        for seen, key, value in ((codes, "code", item.code), (slugs, "slug", item.slug)):
            if value in seen:
                first = document.line_of(("criteria", seen[value], key))
                problems.append(
                    _at(
                        document,
                        ("criteria", index, key),
                        f"duplicate {key} {value!r} (first on line {first})",
                    )
                )
            else:
                seen[value] = index
        if item.dimension not in dims:
            problems.append(
                _at(
                    document,
                    ("criteria", index, "dimension"),
                    f"{item.code}: unknown dimension {item.dimension!r}; expected one of {dims}",
                )
            )
        for r_index, rec in enumerate(item.recommendations):
            if rec not in recs:
                problems.append(
                    _at(
                        document,
                        ("criteria", index, "recommendations", r_index),
                        f"{item.code}: unknown recommendation {rec!r}; expected one of {recs}",
                    )
                )
    diagnostics = spec.diagnostics
    for key in ("P1", "P2", "P3", "P4"):
        problem: ProblemSpec = getattr(diagnostics, key)
        for r_index, rec in enumerate(problem.recommendations):
            if rec not in recs:
                problems.append(
                    _at(
                        document,
                        ("diagnostics", key, "recommendations", r_index),
                        f"{key}: unknown recommendation {rec!r}; expected one of {recs}",
                    )
                )
    cause_ids = [c.id for c in diagnostics.P1.causes]
    for index, value in enumerate(cause_ids):
        if value in cause_ids[:index]:
            where = ("diagnostics", "P1", "causes", index, "id")
            problems.append(_at(document, where, f"duplicate cause id {value!r}"))
    for severity in SEVERITIES:
        if spec.scoring.severity_weights.get(severity, 1.0) <= 0:
            problems.append(
                _at(document, ("scoring", "severity_weights", severity), "weights must be > 0")
            )
    return problems
