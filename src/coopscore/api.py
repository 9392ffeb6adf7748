"""The Python API: score scenarios from a notebook or a program, as the command line does.

>>> import coopscore
>>> result = coopscore.assess("example:middle-reaches-2021")
>>> result.score_bounds                                        # doctest: +SKIP
Bounds(lower=..., upper=...)
>>> result.to_frame("gaps")                                    # doctest: +SKIP

``assess`` scores one scenario through the same pipeline as ``coopscore assess``
(``pipeline.scoring.score``), so it accepts and refuses the same inputs with the same messages;
bad input raises :class:`coopscore.InputError`, whose ``problems`` name the file, the line and
what was expected. ``batch`` scores many, as ``coopscore batch`` does, and ``trend`` follows one
cluster through the years, as ``coopscore trend`` does.

What comes back are thin, frozen views of the assessment the engine made: their attributes
read it, they hold no copy. Numbers are the engine's own, unrounded; ``to_dict`` gives the
JSON contract (the very dict ``assess --format json`` writes, rounded as it rounds), and
``to_frame`` gives pandas DataFrames (``pip install 'coopscore[pandas]'``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, cast, get_args

from coopscore.contract.write import record
from coopscore.core import assessment as core
from coopscore.core import trend as core_trend
from coopscore.core.conditions import Evidence as CoreEvidence
from coopscore.core.diagnostics import Diagnostic as CoreDiagnostic
from coopscore.core.selection import Selection
from coopscore.errors import InputError, Problem
from coopscore.formats import as_csv, ranks, to_html, trend_out
from coopscore.formats.as_json import error_object
from coopscore.model.rubric import Rubric
from coopscore.pipeline import batch as pipeline_batch
from coopscore.pipeline import scoring
from coopscore.pipeline.inputs import read_rubric
from coopscore.report import assessment as report_assessment
from coopscore.report import trend as report_trend
from coopscore.report.findings import findings
from coopscore.report.i18n import Lang, label, pick
from coopscore.report.summary import Placing, Standing, Summary, standings_in_order
from coopscore.report.words import Words

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Batch",
    "Bounds",
    "Change",
    "Criterion",
    "Diagnostic",
    "Dimension",
    "Evidence",
    "Failure",
    "Gap",
    "InputError",
    "PanelReading",
    "Problem",
    "Recommendation",
    "Result",
    "Series",
    "Trend",
    "VerdictChange",
    "assess",
    "batch",
    "trend",
]

Source = str | os.PathLike[str] | Mapping[str, Any]
"""A scenario: a path, ``example:NAME``, YAML text (anything with a line break) or a mapping."""

FrameKind = Literal["criteria", "dimensions", "gaps"]
PANDAS_HINT = "pip install 'coopscore[pandas]'"
# What names a scenario given as text or as a mapping in messages and reports.
TEXT_NAME = "<text>"
MAPPING_NAME = "<mapping>"
# What names the snapshots together in a refusal that is about all of them.
TREND_NAME = "<trend>"
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)


class Bounds(NamedTuple):
    """The lowest and highest value the unknown facts allow; the point lies within them."""

    lower: float
    upper: float


def _bounds(value: tuple[float, float] | None) -> Bounds | None:
    return None if value is None else Bounds(*value)


@dataclass(frozen=True)
class Evidence:
    """A fact the verdict rests on: the scenario path, the value found, and where it stands
    (``file``: the scenario's own, or the base it extends that stated the fact)."""

    _fact: CoreEvidence
    file: str

    @property
    def path(self) -> str:
        return self._fact.path

    @property
    def value(self) -> Any:
        return self._fact.value

    @property
    def line(self) -> int | None:
        return self._fact.line

    @property
    def measure(self) -> str | None:
        """What was computed from the value (``len``, ``distinct``, ``age``…), if anything."""
        return self._fact.measure

    @property
    def measured(self) -> Any:
        return self._fact.measured

    def __str__(self) -> str:
        line = self.line if self.line is not None else "?"
        return f"{self._fact.describe()} @ {self.file}:{line}"


@dataclass(frozen=True)
class Criterion:
    """One criterion's verdict: its status and its credit, an interval while facts are unknown."""

    _result: core.CriterionResult
    _lang: Lang

    @property
    def code(self) -> str:
        return self._result.spec.code

    @property
    def slug(self) -> str:
        return self._result.spec.slug

    @property
    def title(self) -> str:
        return pick(self._result.spec.title, self._lang)

    @property
    def dimension(self) -> str:
        return self._result.spec.dimension

    @property
    def severity(self) -> str:
        return self._result.spec.severity

    @property
    def status(self) -> str:
        """``met``, ``partial``, ``gap``, ``unknown`` or ``not_applicable``."""
        return self._result.status

    @property
    def credit(self) -> float | None:
        return self._result.credit

    @property
    def credit_bounds(self) -> Bounds | None:
        return _bounds(self._result.credit_bounds)

    @property
    def applicable(self) -> bool | None:
        """``None`` when whether the criterion applies is itself unknown."""
        return self._result.applicable

    @property
    def source(self) -> str:
        """The paper's section the criterion is drawn from, such as ``§二(三)``."""
        return self._result.spec.section


@dataclass(frozen=True)
class Gap(Criterion):
    """A criterion the scenario's stated facts fall short of, with the evidence for it."""

    _file: str

    @property
    def recommendations(self) -> tuple[str, ...]:
        return tuple(self._result.spec.recommendations)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(Evidence(e, e.file or self._file) for e in self._result.evidence)


@dataclass(frozen=True)
class Dimension:
    """One of the rubric's dimensions: its score with bounds, and how much of it is known."""

    _result: core.DimensionResult
    _lang: Lang

    @property
    def id(self) -> str:
        return self._result.spec.id

    @property
    def name(self) -> str:
        return pick(self._result.spec.name, self._lang)

    @property
    def score(self) -> float | None:
        return self._result.score

    @property
    def score_bounds(self) -> Bounds | None:
        return _bounds(self._result.score_bounds)

    @property
    def coverage(self) -> float:
        return self._result.coverage

    @property
    def thin(self) -> bool:
        """Scored on less than half of its criteria's weight."""
        return self._result.thin


@dataclass(frozen=True)
class Diagnostic:
    """One of the paper's problem patterns (P1–P4): flagged, clear or unknown, and why."""

    _result: CoreDiagnostic
    _lang: Lang

    @property
    def id(self) -> str:
        return self._result.id

    @property
    def name(self) -> str:
        return pick(self._result.name, self._lang)

    @property
    def section(self) -> str:
        return self._result.section

    @property
    def status(self) -> str:
        return self._result.status

    @property
    def flagged(self) -> bool | None:
        return self._result.flagged

    @property
    def findings(self) -> tuple[str, ...]:
        """The key numbers in words, in the result's language."""
        return tuple(findings(self._result, self._lang))

    @property
    def missing(self) -> tuple[str, ...]:
        """The scenario paths that would settle an unknown."""
        return self._result.missing

    @property
    def recommendations(self) -> tuple[str, ...]:
        return self._result.recommendations


@dataclass(frozen=True)
class Recommendation:
    """A recommendation of the rubric, with its priority and the gaps it would close."""

    _result: core.RecommendationResult
    _lang: Lang

    @property
    def id(self) -> str:
        return self._result.spec.id

    @property
    def title(self) -> str:
        return pick(self._result.spec.title, self._lang)

    @property
    def priority(self) -> float:
        return self._result.priority

    @property
    def gaps(self) -> tuple[str, ...]:
        return self._result.gaps

    @property
    def actions(self) -> tuple[str, ...]:
        actions = self._result.spec.actions
        return tuple(actions.zh if self._lang == "zh" else actions.en)

    @property
    def source(self) -> str:
        return self._result.spec.section


@dataclass(frozen=True)
class Result:
    """One scenario's assessment: score and bounds, coverage, dimensions, gaps, diagnostics and
    recommendations, read from the engine's assessment (``.assessment``) in ``lang``."""

    assessment: core.Assessment
    lang: Lang = "en"

    @property
    def id(self) -> str:
        return self.assessment.scenario_id

    @property
    def name(self) -> str:
        return pick(self.assessment.scenario_name, self.lang) or self.assessment.scenario_id

    @property
    def file(self) -> str:
        return self.assessment.file

    @property
    def as_of(self) -> int | None:
        return self.assessment.as_of

    @property
    def score(self) -> float | None:
        """The point score (0–100); ``None`` when withheld for too little coverage."""
        return self.assessment.score

    @property
    def score_bounds(self) -> Bounds | None:
        return _bounds(self.assessment.score_bounds)

    @property
    def coverage(self) -> float:
        """The share of the criteria's weight whose facts are known (0–1)."""
        return self.assessment.coverage

    @property
    def coverage_floor(self) -> float:
        return self.assessment.coverage_floor

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        return tuple(Dimension(d, self.lang) for d in self.assessment.dimensions)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(Criterion(r, self.lang) for r in self.assessment.results)

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Stated shortfalls only: an unstated fact is unknown, never a gap."""
        return tuple(Gap(g, self.lang, self.file) for g in self.assessment.gaps)

    @property
    def unknowns(self) -> tuple[str, ...]:
        """The scenario paths left unstated that criteria read (data gaps, not gaps)."""
        return tuple(path for r in self.assessment.unknowns for path in r.unknown)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(Diagnostic(d, self.lang) for d in self.assessment.diagnostics)

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return tuple(Recommendation(r, self.lang) for r in self.assessment.recommendations)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: the same dict ``coopscore assess --format json`` writes."""
        return cast("dict[str, Any]", record(self.assessment, self.lang))

    def to_frame(self, kind: FrameKind = "criteria") -> pd.DataFrame:
        """A DataFrame of the ``criteria`` (one row each), ``dimensions`` or ``gaps``."""
        if kind == "criteria":
            return _frame([_criterion_row(c) for c in self.criteria], CRITERIA_COLUMNS)
        if kind == "dimensions":
            return _frame([_dimension_row(d) for d in self.dimensions], DIMENSION_COLUMNS)
        if kind == "gaps":
            return _frame([_gap_row(g) for g in self.gaps], GAP_COLUMNS)
        raise ValueError(f"kind must be one of {', '.join(get_args(FrameKind))}, not {kind!r}")

    def to_html(self) -> str:
        """The whole HTML report, as ``coopscore assess --format html`` writes it: the
        assessment's report drawn by the HTML writer."""
        return to_html.document(report_assessment.build(self.assessment, Words(self.lang)))

    def _repr_html_(self) -> str:
        page = self.to_html()
        found = _BODY.search(page)
        body = found.group(1) if found else page
        return f'<div class="coopscore-report">{body}</div>'

    def __repr__(self) -> str:
        score = "withheld" if self.score is None else f"{self.score:.1f}"
        return f"<coopscore.Result {self.id}: score {score}, coverage {self.coverage:.0%}>"


CRITERIA_COLUMNS = (
    "code",
    "slug",
    "title",
    "dimension",
    "severity",
    "status",
    "credit",
    "credit_lower",
    "credit_upper",
    "applicable",
    "source",
)
DIMENSION_COLUMNS = ("id", "name", "score", "score_lower", "score_upper", "coverage", "thin")
GAP_COLUMNS = (
    "code",
    "slug",
    "title",
    "dimension",
    "severity",
    "status",
    "credit_lower",
    "credit_upper",
    "source",
    "recommendations",
    "evidence",
)


def _lower(b: Bounds | None) -> float | None:
    return None if b is None else b.lower


def _upper(b: Bounds | None) -> float | None:
    return None if b is None else b.upper


def _criterion_row(c: Criterion) -> tuple[Any, ...]:
    b = c.credit_bounds
    return (
        c.code,
        c.slug,
        c.title,
        c.dimension,
        c.severity,
        c.status,
        c.credit,
        _lower(b),
        _upper(b),
        c.applicable,
        c.source,
    )


def _dimension_row(d: Dimension) -> tuple[Any, ...]:
    b = d.score_bounds
    return (d.id, d.name, d.score, _lower(b), _upper(b), d.coverage, d.thin)


def _gap_row(g: Gap) -> tuple[Any, ...]:
    b = g.credit_bounds
    return (
        g.code,
        g.slug,
        g.title,
        g.dimension,
        g.severity,
        g.status,
        _lower(b),
        _upper(b),
        g.source,
        " ".join(g.recommendations),
        "; ".join(str(e) for e in g.evidence),
    )


@dataclass(frozen=True)
class Failure:
    """A file a batch could not score, with its problems (file, line, message)."""

    path: str
    problems: tuple[Problem, ...]

    @property
    def reason(self) -> str:
        return scoring.Failed(self.path, self.problems).reason


@dataclass(frozen=True)
class Batch:
    """Many scenarios' results in input order, and the files that failed.

    Iterating gives the results; ``to_frame()`` is one row per file with the columns of
    ``coopscore batch --format csv``; ``to_list()`` is the array ``--format json`` writes.
    """

    results: tuple[Result, ...]
    failures: tuple[Failure, ...]
    dimensions: tuple[str, ...]
    # Every input in order: a result or a failure.
    outcomes: tuple[Result | Failure, ...]

    def __iter__(self) -> Iterator[Result]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index: int) -> Result:
        return self.results[index]

    def standings(self) -> list[Standing | None]:
        """Each outcome's place and rank range among the scored ones (``None`` if it failed)."""
        return standings_in_order(
            [Placing.of(o.assessment) if isinstance(o, Result) else None for o in self.outcomes]
        )

    def to_list(self) -> list[dict[str, Any]]:
        """The JSON array of ``coopscore batch --format json``: contract objects with ranks."""
        out: list[dict[str, Any]] = []
        for outcome, standing in zip(self.outcomes, self.standings(), strict=True):
            if isinstance(outcome, Failure):
                out.append(error_object(outcome.path, outcome.reason, outcome.problems))
            else:
                assert standing is not None
                out.append({**outcome.to_dict(), **ranks.fields(standing)})
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per file, the columns of ``coopscore batch --format csv``, numbers unrounded;
        a failed file has only ``path`` and ``error``."""
        w = as_csv.CsvWriter
        columns = (*w.HEAD, *self.dimensions, *w.TAIL, *w.RANKS)
        rows = [
            _batch_row(o, s, self.dimensions)
            for o, s in zip(self.outcomes, self.standings(), strict=True)
        ]
        # Whole numbers and yes/no stay so beside a failed file's empty cells.
        return _frame(rows, columns).astype(BATCH_TYPES)


BATCH_TYPES = {
    **dict.fromkeys(
        ("as_of", "gaps_high", "gaps_medium", "gaps_low", "rank", "rank_best", "rank_worst"),
        "Int64",
    ),
    "separable": "boolean",
}


def _batch_row(
    outcome: Result | Failure, standing: Standing | None, dimensions: Sequence[str]
) -> list[Any]:
    if isinstance(outcome, Failure):
        blank: list[Any] = [None] * (
            len(as_csv.CsvWriter.HEAD) + len(dimensions) + len(as_csv.CsvWriter.TAIL)
        )
        blank[1], blank[-1] = outcome.path, outcome.reason
        return [*blank, None, None, None, None]
    s = Summary.of(outcome.assessment, outcome.lang)
    dims = dict(s.dimensions)
    bounds = s.score_bounds
    assert standing is not None
    return [
        s.id,
        s.path,
        s.name,
        s.as_of,
        s.score,
        None if bounds is None else bounds[0],
        None if bounds is None else bounds[1],
        s.coverage,
        *(dims.get(d) for d in dimensions),
        " ".join(s.thin),
        s.high,
        s.medium,
        s.low,
        s.top_recommendation,
        None,
        standing.place,
        standing.best,
        standing.worst,
        standing.separable,
    ]


# ---------------------------------------------------------------------------------- trend


@dataclass(frozen=True)
class Series:
    """One series of a trend, the overall score or one dimension's, through the snapshots: each
    year's point score (``None`` where withheld) and bounds, and the least-squares slope in
    points per year with its bounds."""

    _series: core_trend.Series
    lang: Lang = "en"

    @property
    def dimension(self) -> str:
        """A dimension's id, or ``"overall"``."""
        return self._series.key

    @property
    def name(self) -> str:
        return report_trend.series_name(self._series, Words(self.lang))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(p.year for p in self._series.points)

    @property
    def scores(self) -> tuple[float | None, ...]:
        return tuple(p.score for p in self._series.points)

    @property
    def bounds(self) -> tuple[Bounds, ...]:
        return tuple(Bounds(*p.bounds) for p in self._series.points)

    @property
    def coverage(self) -> tuple[float, ...]:
        return tuple(p.coverage for p in self._series.points)

    @property
    def slope(self) -> float | None:
        """Points per year; ``None`` unless every snapshot has a point score."""
        return self._series.slope

    @property
    def slope_bounds(self) -> Bounds | None:
        """The least and the most steep the trend can be within every year's bounds."""
        return _bounds(self._series.slope_bounds)

    @property
    def direction(self) -> str:
        """``up`` or ``down`` when both slope bounds lie on that side of zero, else
        ``uncertain``."""
        return self._series.direction


@dataclass(frozen=True)
class VerdictChange:
    """A criterion whose verdict differs between two snapshots, with the facts each side read."""

    _changed: core_trend.Changed
    _files: tuple[str, str]

    @property
    def code(self) -> str:
        return self._changed.code

    @property
    def before(self) -> str:
        return self._changed.before

    @property
    def after(self) -> str:
        return self._changed.after

    @property
    def evidence_before(self) -> tuple[Evidence, ...]:
        file = self._files[0]
        return tuple(Evidence(e, e.file or file) for e in self._changed.evidence_before)

    @property
    def evidence_after(self) -> tuple[Evidence, ...]:
        file = self._files[1]
        return tuple(Evidence(e, e.file or file) for e in self._changed.evidence_after)


@dataclass(frozen=True)
class Change:
    """Between two consecutive snapshots: the gaps opened and closed, every changed verdict."""

    _step: core_trend.Step

    @property
    def from_year(self) -> int | None:
        return self._step.before.as_of

    @property
    def to_year(self) -> int | None:
        return self._step.after.as_of

    @property
    def opened(self) -> tuple[str, ...]:
        return self._step.opened

    @property
    def closed(self) -> tuple[str, ...]:
        """Gaps met or partly met now; a gap whose facts are no longer stated is not closed."""
        return self._step.closed

    @property
    def changed(self) -> tuple[VerdictChange, ...]:
        files = (self._step.before.file, self._step.after.file)
        return tuple(VerdictChange(c, files) for c in self._step.changed)


@dataclass(frozen=True)
class PanelReading:
    """高开低走 (§一(二)1) read across the snapshots on the overall score, with P1's thresholds."""

    _reading: core_trend.PanelReading

    @property
    def flagged(self) -> bool | None:
        """What every score within the bounds agrees on; ``None`` when they leave it open."""
        return self._reading.value

    @property
    def flagged_on_points(self) -> bool | None:
        return self._reading.point

    @property
    def peak_year(self) -> int | None:
        return self._reading.peak_year

    @property
    def last_year(self) -> int:
        return self._reading.last_year

    @property
    def last_to_peak(self) -> float | None:
        return self._reading.ratio

    @property
    def momentum_below(self) -> float:
        return self._reading.momentum_below

    @property
    def min_years(self) -> int:
        return self._reading.min_years

    @property
    def snapshots_p1(self) -> dict[int, str | None]:
        """Each snapshot's own P1 status, by year."""
        return dict(self._reading.verdicts)


@dataclass(frozen=True)
class Trend:
    """One cluster through the years, read from the core's trend (``.panel``) in ``lang``."""

    panel: core_trend.Trend
    lang: Lang = "en"

    @property
    def cluster(self) -> str:
        return self.panel.cluster

    @property
    def snapshots(self) -> tuple[Result, ...]:
        """Each snapshot's assessment, by ``as_of``."""
        return tuple(Result(a, self.lang) for a in self.panel.snapshots)

    @property
    def series(self) -> tuple[Series, ...]:
        """The overall series first, then one per dimension."""
        return tuple(Series(s, self.lang) for s in self.panel.series)

    @property
    def overall(self) -> Series:
        return Series(self.panel.series[0], self.lang)

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(Change(step) for step in self.panel.steps)

    @property
    def high_start_low_finish(self) -> PanelReading | None:
        """``None`` when the rubric does not switch P1 on."""
        reading = self.panel.reading
        return None if reading is None else PanelReading(reading)

    def to_dict(self) -> dict[str, Any]:
        """The JSON ``coopscore trend --format json`` writes."""
        return trend_out.to_dict(self.panel, self.lang)

    def to_frame(self) -> pd.DataFrame:
        """The long CSV's columns, unrounded: one row per snapshot and series."""
        rows = [
            (self.cluster, p.year, s.key, p.score, p.bounds[0], p.bounds[1], p.coverage, p.thin)
            for s in self.panel.series
            for p in s.points
        ]
        return _frame(rows, trend_out.CSV_HEADER).astype({"year": "Int64"})

    def to_html(self) -> str:
        """The HTML page ``coopscore trend --format html`` writes."""
        return to_html.document(report_trend.build(self.panel, Words(self.lang)))

    def _repr_html_(self) -> str:
        page = self.to_html()
        found = _BODY.search(page)
        body = found.group(1) if found else page
        return f'<div class="coopscore-trend">{body}</div>'

    def __repr__(self) -> str:
        years = [a.as_of for a in self.panel.snapshots]
        return f"<coopscore.Trend {self.cluster}: {len(years)} snapshots, {years[0]}–{years[-1]}>"


# ------------------------------------------------------------------------------ the functions


def assess(
    source: Source, *, rubric: str | os.PathLike[str] | None = None, lang: str = "en"
) -> Result:
    """Score one scenario against the rubric (the bundled one by default).

    ``source`` is a path, ``example:NAME`` (a bundled example), YAML text (a string with a line
    break) or a mapping of the scenario's fields. Raises :class:`InputError` for bad input,
    with each problem's file, line and message in ``.problems``.
    """
    language = _language(lang)
    loaded = _rubric(rubric)
    argument, text = _argument(source)
    outcome = scoring.score(argument, loaded, text=text)
    if isinstance(outcome, scoring.Failed):
        raise outcome.error()
    return Result(outcome.assessment, language)


def batch(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    rubric: str | os.PathLike[str] | None = None,
    lang: str = "en",
    jobs: int = 1,
) -> Batch:
    """Score many scenarios: files, folders (their ``*.yaml``), globs and ``example:NAME``.

    A file that cannot be scored is a :class:`Failure` in the result, as in ``coopscore batch``;
    a bad rubric raises :class:`InputError`. ``jobs`` above 1 scores in worker processes.
    """
    language = _language(lang)
    loaded = _rubric(rubric)
    given = [sources] if isinstance(sources, str | os.PathLike) else list(sources)
    failed: list[scoring.Failed] = []
    paths = pipeline_batch.expand([os.fspath(s) for s in given], None, failed)
    rubric_file = None if rubric is None else os.fspath(rubric)
    outcomes: list[Result | Failure] = [Failure(f.path, f.problems) for f in failed]
    for outcome in pipeline_batch.score_each(
        paths, loaded, Selection(), jobs=jobs, rubric_file=rubric_file
    ):
        if isinstance(outcome, scoring.Failed):
            outcomes.append(Failure(outcome.path, outcome.problems))
        else:
            outcomes.append(Result(outcome.assessment, language))
    return Batch(
        tuple(o for o in outcomes if isinstance(o, Result)),
        tuple(o for o in outcomes if isinstance(o, Failure)),
        tuple(d.id for d in loaded.dimensions),
        tuple(outcomes),
    )


def trend(
    sources: Source | Iterable[Source],
    *,
    rubric: str | os.PathLike[str] | None = None,
    lang: str = "en",
    force: bool = False,
) -> Trend:
    """Follow one cluster through the years: snapshots with one ``id`` and different
    ``as_of``, as ``coopscore trend`` does.

    Each source is what ``assess`` takes, and a folder or a glob stands for its ``*.yaml``
    files, as in ``batch``. Raises :class:`InputError` for a snapshot that cannot be scored,
    and for snapshots that are not one panel (different clusters or rubrics, a snapshot
    without ``as_of``, two of one year, fewer than two); ``force`` goes on past different
    clusters, rubrics or a shared year, and the result says so.
    """
    language = _language(lang)
    loaded = _rubric(rubric)
    given = [sources] if isinstance(sources, str | os.PathLike | Mapping) else list(sources)
    assessments: list[core.Assessment] = []
    for source in given:
        argument, text = _argument(source)
        paths = [argument] if text is not None else pipeline_batch.expand([argument])
        for path in paths:
            outcome = scoring.score(path, loaded, text=text)
            if isinstance(outcome, scoring.Failed):
                raise outcome.error()
            assessments.append(outcome.assessment)
    p1 = loaded.spec.diagnostics.P1
    try:
        result = core_trend.trend(
            assessments,
            p1.momentum_below if p1 is not None else None,
            p1.min_years if p1 is not None else 3,
            force,
        )
    except core_trend.NotOnePanel as error:
        raise InputError([_refused(m, language) for m in error.mismatches]) from None
    return Trend(result, language)


def _refused(m: core_trend.Mismatch, lang: Lang) -> Problem:
    message = report_trend.refusal(m, Words(lang))
    if m.kind in core_trend.FORCEABLE:
        message += "; " + label("trend_force_hint_api", lang)
    return Problem(m.files[0] if len(m.files) == 1 else TREND_NAME, message)


def _language(lang: str) -> Lang:
    if lang not in get_args(Lang):
        raise ValueError(f"lang must be one of {', '.join(get_args(Lang))}, not {lang!r}")
    return lang  # type: ignore[return-value]


def _rubric(rubric: str | os.PathLike[str] | None) -> Rubric:
    return _bundled_rubric() if rubric is None else read_rubric(os.fspath(rubric))


@cache
def _bundled_rubric() -> Rubric:
    return read_rubric()


def _argument(source: Source) -> tuple[str, str | None]:
    """What names the scenario, and its text when it is handed over in memory."""
    if isinstance(source, Mapping):
        import yaml

        try:
            text = yaml.safe_dump(dict(source), allow_unicode=True, sort_keys=False)
        except yaml.YAMLError as exc:
            message = f"expected plain data (text, numbers, lists, mappings): {exc}"
            raise InputError.single(MAPPING_NAME, message) from None
        return MAPPING_NAME, text
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        return TEXT_NAME, source
    if isinstance(source, str | os.PathLike):
        return os.fspath(source), None
    raise TypeError(f"a scenario is a path, YAML text or a mapping, not {type(source).__name__}")


def _frame(rows: Sequence[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of ``rows``; pandas is imported only here, and its absence says what to do."""
    try:
        import pandas
    except ImportError:
        raise ImportError(f"DataFrames need pandas: {PANDAS_HINT}") from None
    return pandas.DataFrame([list(r) for r in rows], columns=list(columns))
