"""The rubric: dimensions, recommendations and criteria, loaded from YAML and checked.

The rubric is the single source of truth for what is scored, why (paper section, YRD practice)
and what closes each gap. Loading validates everything up front, so a broken rubric is reported
with its file and line before any scenario is scored.
"""

import contextlib
import hashlib
import unicodedata
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, ConfigDict, Field, ValidationError, field_validator

from coopscore.core.conditions import Compiler, ConditionError, Evaluator
from coopscore.errors import InputError, Problem
from coopscore.model.loader import capped, validation_problems
from coopscore.model.scenario import MAX_COUNT, Model, Scenario
from coopscore.model.sections import OUTLINE_ID, Outlines, mark_problems
from coopscore.model.yamlload import Document, parse
from coopscore.paths import format_path

Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")  # the one order, worst first


_SEVERITY_RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    """0 for the worst severity: the key every list of gaps is sorted by."""
    return _SEVERITY_RANK[severity]


DEFAULT_SEVERITY_WEIGHTS: dict[Severity, float] = {"high": 3.0, "medium": 2.0, "low": 1.0}

# Weights are factors of every sum a score is made of: within these bounds no sum over a rubric
# overflows, underflows or loses its smaller terms.
MIN_WEIGHT = 1e-6
MAX_WEIGHT = 1e6
MAX_CRITERION_WEIGHT = 10.0
MAX_PARAM = 1e9  # magnitude of a number under params
MAX_NAME = 200  # characters of an id, name, title or section mark
MAX_PROSE = 5_000  # characters of a rationale, summary, practice, action or source
MAX_YEARS = 200  # a span of years, longer than any a scenario can state

Weight = Annotated[float, Field(ge=MIN_WEIGHT, le=MAX_WEIGHT)]

# Characters no rubric text may hold: controls (C0, DEL, C1), invisible format characters
# (bidirectional overrides, zero-width marks), surrogates and the line and paragraph separators.
# They would reach terminals and documents unseen, or break lines where no reader sees a break.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _refused(text: str, allowed: str) -> str | None:
    if text.isprintable():  # the common case, at C speed: nothing refused can be in it
        return None
    for char in text:
        if char not in allowed and unicodedata.category(char) in _REFUSED_CATEGORIES:
            name = unicodedata.name(char, "a control character")
            return f"U+{ord(char):04X} ({name})"
    return None


def _text(value: str, allowed: str, limit: int) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > limit:
        raise ValueError(f"is {len(value):,} characters long, over the limit of {limit:,}")
    bad = _refused(value, allowed)
    if bad:
        raise ValueError(f"holds the invisible or control character {bad}; remove it")
    return value


def _name(value: str) -> str:
    """A name, id, title or section mark: one line of visible text."""
    return _text(value, "", MAX_NAME)


def _prose(value: str) -> str:
    """Prose may run over several lines (a YAML block scalar) and hold tabs."""
    return _text(value, "\n\t", MAX_PROSE)


Name = Annotated[str, AfterValidator(_name)]


# Default factories are plain functions: pydantic reads each factory's signature, and a builtin
# type's or a model class's costs far more to read than a function's.
def _no_items() -> list[Any]:
    return []


def _no_entries() -> dict[Any, Any]:
    return {}


Prose = Annotated[str, AfterValidator(_prose)]


class Bilingual(Model):
    """A name or title in English and Chinese."""

    # Built at import, unlike the other models: the problems' default names are instances, and
    # a schema can show them as defaults only once their model is built.
    model_config = ConfigDict(defer_build=False)

    en: Name
    zh: Name


class BilingualText(Model):
    """Prose in English and Chinese."""

    en: Prose
    zh: Prose


class BilingualList(Model):
    en: list[Prose]
    zh: list[Prose]


class Scoring(Model):
    partial_credit: float = Field(0.5, gt=0, lt=1)
    coverage_floor: float = Field(
        0.5, ge=0, le=1, description="Below this overall coverage the score is withheld."
    )
    severity_weights: dict[Severity, Weight] = Field(
        default_factory=lambda: dict(DEFAULT_SEVERITY_WEIGHTS),
        description="A weight for each of high, medium and low.",
    )

    @field_validator("severity_weights")
    @classmethod
    def _every_severity(cls, value: dict[Severity, float]) -> dict[Severity, float]:
        missing = [s for s in SEVERITIES if s not in value]
        if missing:
            raise ValueError(f"give a weight for every severity; missing: {', '.join(missing)}")
        return value


class DimensionSpec(Model):
    id: str = Field(pattern=r"^D[0-9]+$", max_length=12)
    name: Bilingual
    section: Name
    weight: Weight = 1.0
    summary: BilingualText


class RecommendationSpec(Model):
    id: str = Field(pattern=r"^R[0-9]+$", max_length=12)
    title: Bilingual
    section: Name
    actions: BilingualList


class CriterionSpec(Model):
    code: str = Field(pattern=r"^[A-Z]{3}[0-9]{3}$")
    slug: str = Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=80)
    dimension: Name
    title: Bilingual
    rationale: BilingualText
    severity: Severity
    weight: float = Field(ge=MIN_WEIGHT, le=MAX_CRITERION_WEIGHT)
    section: Name
    yrd_practice: BilingualText
    recommendations: list[Name]
    layer: Literal["decision", "coordination", "execution"] | None = None
    applies: dict[str, Any] | None = None
    met: dict[str, Any]
    partial: dict[str, Any] | None = None


class CauseSpec(Model):
    """A cause the paper names for a problem; ``present`` says, as a condition, when it holds."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=80)
    name: Bilingual
    present: dict[str, Any]


class ProblemSpec(Model):
    """What every diagnostic states: its name, the paper's mark and what it links to."""

    name: Bilingual
    section: Name
    recommendations: list[Name] = Field(
        default_factory=_no_items, description="Recommendations linked when the problem is flagged."
    )


class P1Spec(ProblemSpec):
    """高开低走: recent activity far below its peak."""

    name: Bilingual = Bilingual(en="High start, low finish", zh="高开低走")
    section: Name = "§一(二)1"
    recent_years: int = Field(
        3, ge=1, le=20, description="The latest years of the series that count as recent."
    )
    momentum_below: float = Field(
        0.5, gt=0, lt=1, description="Flagged when recent mean / peak is below this."
    )
    min_years: int = Field(3, ge=2, le=50, description="Known years needed to judge a trend.")
    causes: list[CauseSpec] = Field(default_factory=_no_items)


class P2Spec(ProblemSpec):
    """三多三少: domain imbalance, few landed projects, few market-led initiatives."""

    name: Bilingual = Bilingual(en="Three more, three less", zh="三多三少")
    section: Name = "§一(二)2"
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
        10,
        ge=1,
        le=MAX_COUNT,
        description="Smallest denominator (items, agreements, initiatives) to judge.",
    )


WeakTest = Literal["stalled", "unfocused", "shallow"]
DEFAULT_WEAK: tuple[WeakTest, ...] = ("stalled", "unfocused")


class P3Spec(ProblemSpec):
    """后继乏力: adjacent pairs that stalled, have no focus or stay shallow."""

    name: Bilingual = Bilingual(
        en="Adjacent cooperation lacks follow-through", zh="毗邻合作后继乏力"
    )
    section: Name = "§一(二)3"
    weak_share_at_least: float = Field(
        0.5, gt=0, le=1, description="Flagged when this share of pairs lacks follow-through."
    )
    weak_if: list[WeakTest] = Field(default_factory=lambda: list(DEFAULT_WEAK), min_length=1)
    stalled_after_years: int | None = Field(
        None,
        ge=0,
        le=MAX_YEARS,
        description="Default: the rubric's params.stalled_after_years, else 3.",
    )


class P4Spec(ProblemSpec):
    """Competition beside cooperation: converging structures, local protection, primacy."""

    name: Bilingual = Bilingual(en="Competition beside cooperation", zh="区域竞争与合作诉求并存")
    section: Name = "§一(二)4"
    similarity_at_least: float = Field(
        0.9, gt=0, le=1, description="Flagged when a pair's similarity coefficient reaches this."
    )
    top_pairs: int = Field(
        3, ge=1, le=50, description="How many of the most similar pairs to list."
    )
    primacy_basis: Literal["population", "gdp"] = "population"


class DiagnosticsSpec(Model):
    """The diagnostics a rubric switches on, by id, with their thresholds and links.

    The bundled rubric switches on the four Middle Reaches problems (§一(二)); a rubric drawn
    from another paper names only those that fit it, or none (no ``diagnostics:`` section).
    ``P1: {}`` switches one on with its default thresholds.
    """

    P1: P1Spec | None = None
    P2: P2Spec | None = None
    P3: P3Spec | None = None
    P4: P4Spec | None = None

    def enabled(self) -> list[tuple[str, ProblemSpec]]:
        """The switched-on diagnostics, in id order."""
        found = ((key, getattr(self, key)) for key in ("P1", "P2", "P3", "P4"))
        return [(key, spec) for key, spec in found if spec is not None]


ParamName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=80)]


def _param_value(value: int | float | str) -> int | float | str:
    """One check for whichever type the value has, so that the message is about that type."""
    if isinstance(value, str):
        return _name(value)
    if not -MAX_PARAM <= value <= MAX_PARAM:
        raise ValueError(f"a parameter must lie within ±{MAX_PARAM:,.0f}, found {value!r}")
    return value


ParamValue = Annotated[int | float | str, AfterValidator(_param_value)]


def _default_scoring() -> Scoring:
    return Scoring()


def _default_diagnostics() -> DiagnosticsSpec:
    return DiagnosticsSpec()


class RubricFile(Model):
    id: Name
    version: Name
    title: Bilingual
    source: Prose
    paper_outline: str | None = Field(
        None,
        pattern=OUTLINE_ID.pattern,
        description="The bundled outline of the cited paper (liu-chen-2021): every section "
        "mark in the rubric must name one of its sections. Without it no mark is checked.",
    )
    scoring: Scoring = Field(default_factory=_default_scoring)
    params: dict[ParamName, ParamValue] = Field(
        default_factory=_no_entries, description="Values that conditions name as $name."
    )
    dimensions: list[DimensionSpec] = Field(min_length=1)
    recommendations: list[RecommendationSpec]
    criteria: list[CriterionSpec] = Field(min_length=1)
    diagnostics: DiagnosticsSpec = Field(default_factory=_default_diagnostics)


class Criterion(NamedTuple):
    spec: CriterionSpec
    applies: Evaluator | None
    met: Evaluator
    partial: Evaluator | None

    @property
    def code(self) -> str:
        return self.spec.code


class Cause(NamedTuple):
    spec: CauseSpec
    present: Evaluator


class Rubric(NamedTuple):
    """A validated rubric with its conditions compiled."""

    file: str
    spec: RubricFile
    criteria: tuple[Criterion, ...]
    digest: str
    causes: tuple[Cause, ...] = ()
    bundled: bool = False  # the bundled rubric's text (set where it is read)

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


def parse_rubric(file: str, text: str, outlines: Outlines | None = None) -> Rubric:
    """Parse and check rubric text; ``outlines`` finds the outline that ``paper_outline`` names.

    Without ``outlines`` the section marks are not checked: ``pipeline.inputs.read_rubric``,
    through which every command reads its rubric, always passes the bundled outlines.
    """
    document = parse(file, text)
    if not isinstance(document.data, dict):
        raise InputError.single(file, "expected a mapping at the top of the rubric", line=1)
    try:
        spec = RubricFile.model_validate(document.data)
    except ValidationError as exc:
        typed = validation_problems(document, exc, RubricFile)
        seen = {p.path for p in typed}
        extra = [p for p in _raw_condition_problems(document) if p.path not in seen]
        raise InputError(capped(file, typed + extra)) from None
    problems = _check(document, spec)
    problems += _section_problems(document, spec.paper_outline, outlines)
    compiler = Compiler(Scenario, dict(spec.params))
    criteria: list[Criterion] = []
    for index, item in enumerate(spec.criteria):
        raw = {part: getattr(item, part) for part in _PARTS}
        compiled = _compile_parts(compiler, document, index, item.code, raw, problems)
        met = compiled["met"]
        if met is not None:
            criteria.append(Criterion(item, compiled["applies"], met, compiled["partial"]))
    causes: list[Cause] = []
    p1_causes = spec.diagnostics.P1.causes if spec.diagnostics.P1 is not None else []
    for index, cause in enumerate(p1_causes):
        where = ("diagnostics", "P1", "causes", index, "present")
        try:
            causes.append(Cause(cause, compiler.compile(cause.present, where)))
        except ConditionError as exc:
            problems.append(_at(document, exc.where, f"P1 cause {cause.id}: {exc}"))
    if problems:
        raise InputError(capped(file, problems))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Rubric(file, spec, tuple(criteria), digest, tuple(causes))


def _section_problems(
    document: Document, outline_id: str | None, outlines: Outlines | None
) -> list[Problem]:
    """Every section mark the rubric's text holds must name a section of its paper's outline.

    Marks are read from every text, not only ``section``: a rationale that cites §一(一)5 sends
    a reader as far astray as a ``section`` field would. A ``section`` field must hold a mark.
    """
    if outline_id is None or outlines is None:
        return []
    outline = outlines.find(outline_id)
    if outline is None:
        known = ", ".join(outlines.names()) or "none"
        message = f"no bundled paper outline {outline_id!r}; bundled: {known}"
        return [_at(document, ("paper_outline",), message)]
    problems: list[Problem] = []
    # Only a text with a § or under a ``section`` key can hold a problem: the path to a text
    # is built for those alone, not for each of the rubric's thousands of values.
    stack: list[tuple[tuple[Any, ...], Any]] = [((), document.data)]
    while stack:
        where, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, dict | list):
                stack.append(((*where, key), value))
            elif isinstance(value, str) and ("§" in value or key == "section"):
                found = mark_problems(outline, value)
                if not found and key == "section" and "§" not in value:
                    found = [f"{value!r} names no section mark; write it like §二(三)"]
                problems += [_at(document, (*where, key), message) for message in found]
    return problems


def _raw_condition_problems(document: Document) -> list[Problem]:
    """Condition errors in a rubric that also has other errors, so that lint lists them all.

    The conditions are compiled from the raw data, as far as it goes: a criterion whose
    conditions cannot even be read this way is left to the errors already found.
    """
    data = document.data
    raw_params = data.get("params")
    params = raw_params if isinstance(raw_params, dict) else {}
    criteria = data.get("criteria")
    if not isinstance(criteria, list):
        return []
    compiler = Compiler(Scenario, dict(params))
    problems: list[Problem] = []
    for index, item in enumerate(criteria):
        if not isinstance(item, dict):
            continue
        code = item["code"] if isinstance(item.get("code"), str) else f"criteria[{index}]"
        raw = {part: item.get(part) for part in _PARTS if isinstance(item.get(part), dict)}
        with contextlib.suppress(Exception):  # unreadable raw data: validation reports it
            _compile_parts(compiler, document, index, code, raw, problems)
    return problems


_PARTS = ("applies", "met", "partial")


def _compile_parts(
    compiler: Compiler,
    document: Document,
    index: int,
    code: str,
    raw: dict[str, Any],
    problems: list[Problem],
) -> dict[str, Evaluator | None]:
    """One criterion's conditions compiled; each that does not compile adds its problem."""
    compiled: dict[str, Evaluator | None] = dict.fromkeys(_PARTS)
    for part, condition in raw.items():
        if condition is None:
            continue
        try:
            compiled[part] = compiler.compile(condition, ("criteria", index, part))
        except ConditionError as exc:
            problems.append(_at(document, exc.where, f"{code}: {exc}"))
    return compiled


def _at(document: Document, where: tuple[Any, ...], message: str) -> Problem:
    return Problem(document.file, message, document.line_of(where), path=format_path(where))


def _repeated(ids: list[str]) -> list[int]:
    """The indices of ids given before (each id looked up once, however long the list)."""
    seen: set[str] = set()
    out: list[int] = []
    for index, value in enumerate(ids):
        if value in seen:
            out.append(index)
        seen.add(value)
    return out


def _one_of(ids: dict[str, None], limit: int = 12) -> str:
    shown = list(ids)[:limit]
    more = f" and {len(ids) - limit:,} more" if len(ids) > limit else ""
    return f"one of {shown}{more}" if ids else "none: the rubric defines none"


def _check(document: Document, spec: RubricFile) -> list[Problem]:
    """Cross-references: unique ids and codes, known dimensions and recommendations."""
    problems: list[Problem] = []
    dims = dict.fromkeys(d.id for d in spec.dimensions)
    recs = dict.fromkeys(r.id for r in spec.recommendations)
    for kind, items in (("dimensions", spec.dimensions), ("recommendations", spec.recommendations)):
        for index in _repeated([item.id for item in items]):
            problems.append(_at(document, (kind, index, "id"), f"duplicate id {items[index].id!r}"))
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
                    f"{item.code}: unknown dimension {item.dimension!r}; expected {_one_of(dims)}",
                )
            )
        for r_index, rec in enumerate(item.recommendations):
            if rec not in recs:
                problems.append(
                    _at(
                        document,
                        ("criteria", index, "recommendations", r_index),
                        f"{item.code}: unknown recommendation {rec!r}; expected {_one_of(recs)}",
                    )
                )
    diagnostics = spec.diagnostics
    for key, problem in diagnostics.enabled():
        for r_index, rec in enumerate(problem.recommendations):
            if rec not in recs:
                problems.append(
                    _at(
                        document,
                        ("diagnostics", key, "recommendations", r_index),
                        f"{key}: unknown recommendation {rec!r}; expected {_one_of(recs)}",
                    )
                )
    causes = diagnostics.P1.causes if diagnostics.P1 is not None else []
    for index in _repeated([c.id for c in causes]):
        where = ("diagnostics", "P1", "causes", index, "id")
        problems.append(_at(document, where, f"duplicate cause id {causes[index].id!r}"))
    years = spec.params.get("stalled_after_years")
    if years is not None and (type(years) is not int or not 0 <= years <= MAX_YEARS):
        # P3 reads it as whole years, and would fall back to 3 without a word otherwise
        problems.append(
            _at(
                document,
                ("params", "stalled_after_years"),
                f"P3 reads params.stalled_after_years as whole years: give a whole number "
                f"from 0 to {MAX_YEARS}, found {years!r}",
            )
        )
    return problems
