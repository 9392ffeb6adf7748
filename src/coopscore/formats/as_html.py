"""The ``html`` format: one self-contained page per scenario, and a batch's index of them.

A page says what the Markdown report says (``formats.markdown``), built from the same
assessment, as a briefing a reader can open offline or print to PDF: no script, no font, style
sheet or image from elsewhere, and its charts drawn inline as SVG (``formats.html_charts``).

Escaping is Jinja2's autoescaping, on for every template, with ``StrictUndefined``; every
value a template prints first passes ``escaping.html_text`` (the environment's ``finalize``), so
file text shows on one line with its controls visible. The only links a page carries are the
http(s) URLs of the sources the scenario cites (``escaping.web_url``) and its own ``#anchors``;
the index links its pages by relative name (``escaping.link_target``). Jinja2 is imported here
only, and the registry imports this module only when ``--format html`` is chosen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from coopscore import __version__
from coopscore.core.assessment import Assessment, CriterionResult, DimensionResult
from coopscore.core.conditions import Evidence
from coopscore.core.diagnostics import Diagnostic
from coopscore.core.trend import Trend
from coopscore.formats import briefing, html_charts
from coopscore.formats.escaping import html_text, link_target, web_url
from coopscore.formats.registry import FolderPages, Format, View
from coopscore.paths import summarise
from coopscore.report import numbers
from coopscore.report.findings import findings, series_basis
from coopscore.report.i18n import HTML_LANG, Lang, label, pick
from coopscore.report.notes import (
    cited_lines,
    contradictions,
    described,
    score_formula,
    selection_note,
    where_stated,
)
from coopscore.report.summary import Summary, ranked, standings

# How many characters of the rubric's digest the header shows.
DIGEST_SHOWN = 12
# What an anchor may hold of an id (ids are slugs already; this keeps them so whatever comes).
_ANCHOR = re.compile(r"[^A-Za-z0-9_-]+")


def _finalize(value: Any) -> Any:
    """Every value a template prints: text on one line with controls visible; nothing is
    ``None``. Markup (a macro's output) is kept; autoescaping comes after this."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return numbers.MISSING
    if isinstance(value, str):
        return html_text(value)
    return value


def _px(value: float) -> str:
    """A coordinate, to a tenth of a pixel."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@cache
def environment() -> Environment:
    """The templates under ``formats/templates``, autoescaped whatever their name."""
    env = Environment(
        loader=PackageLoader("coopscore.formats", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["px"] = _px
    env.filters["anchor"] = slug
    return env


def slug(key: object) -> str:
    """An id as an anchor may hold it (ids are slugs already: this keeps them so)."""
    return _ANCHOR.sub("-", str(key))


def anchor(kind: str, key: str) -> str:
    """An in-page anchor name: ``gap-MOD001``."""
    return f"{kind}-{slug(key)}"


# ------------------------------------------------------------------------- what a page shows


@dataclass(frozen=True)
class Fact:
    """A datum read from the scenario (``path = value``) and the line it stands on."""

    text: str
    line: str


@dataclass(frozen=True)
class DimensionRow:
    id: str
    anchor: str
    name: str
    score: str
    bounds: str
    coverage: str
    gaps: int
    thin: bool


@dataclass(frozen=True)
class GapRow:
    code: str
    anchor: str
    title: str
    dimension: str
    severity: str
    severity_key: str
    status: str
    section: str
    recommendations: tuple[str, ...]
    lines: str


@dataclass(frozen=True)
class GapDetail:
    code: str
    anchor: str
    slug: str
    title: str
    severity: str
    severity_key: str
    status: str
    section: str
    rationale: str
    practice: str
    closed_by: tuple[str, ...]
    evidence: tuple[Fact, ...]


@dataclass(frozen=True)
class DimensionSection:
    id: str
    anchor: str
    name: str
    score: str
    bounds: str
    coverage: str
    section: str
    summary: str
    thin: bool
    gaps: tuple[GapDetail, ...]


@dataclass(frozen=True)
class SeriesRow:
    year: int
    value: str
    missing: bool


@dataclass(frozen=True)
class DiagnosticSection:
    id: str
    anchor: str
    name: str
    status: str
    status_key: str
    section: str
    findings: tuple[str, ...]
    chart: html_charts.Chart | None
    basis: str
    series: tuple[SeriesRow, ...]
    recommendations: tuple[str, ...]
    data: tuple[Fact, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class RecommendationSection:
    id: str
    anchor: str
    title: str
    section: str
    priority: str
    closes: tuple[str, ...]
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Waived:
    code: str
    slug: str
    by: str
    reason: str


@dataclass(frozen=True)
class Unknown:
    code: str
    slug: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    details: tuple[str, ...]
    url: str | None  # an http(s) URL that may be linked; None: shown as text, if at all
    shown_url: str | None


@dataclass(frozen=True)
class Provenance:
    version: str
    rubric_id: str
    rubric_version: str
    digest: str
    rubric_file: str
    bundled: bool


def _line(e: Evidence, lang: Lang) -> str:
    return where_stated(e, lang)


def _evidence(r: CriterionResult, lang: Lang) -> tuple[Fact, ...]:
    ordered = sorted(r.evidence, key=lambda e: e.measure == "len")  # as the Markdown orders
    return tuple(Fact(described(e, lang), _line(e, lang)) for e in ordered)


def _lines(r: CriterionResult) -> str:
    return ", ".join(cited_lines(r.evidence)) or "?"


def _gap_count(a: Assessment, d: DimensionResult) -> int:
    return sum(1 for r in d.results if r.is_gap and r.spec.code not in a.hidden)


def _dimension_rows(a: Assessment, lang: Lang) -> list[DimensionRow]:
    return [
        DimensionRow(
            d.spec.id,
            anchor("dim", d.spec.id),
            pick(d.spec.name, lang),
            numbers.score(d.score),
            numbers.bounds(d.score_bounds),
            numbers.percent(d.coverage),
            _gap_count(a, d),
            d.thin,
        )
        for d in a.dimensions
    ]


def _dimension_chart(a: Assessment, lang: Lang) -> html_charts.Chart:
    unscored = label("html_not_scored", lang)
    bars = [
        html_charts.score_bar(
            f"{d.spec.id} {pick(d.spec.name, lang)}", d.score, d.score_bounds, d.thin, unscored
        )
        for d in a.dimensions
    ]
    return html_charts.dimensions(
        "chart-dimensions",
        label("dimension_scores", lang),
        label("html_dimension_chart", lang),
        bars,
    )


def _gap_rows(gaps: Sequence[CriterionResult], lang: Lang) -> list[GapRow]:
    return [
        GapRow(
            g.spec.code,
            anchor("gap", g.spec.code),
            pick(g.spec.title, lang),
            g.spec.dimension,
            label(g.spec.severity, lang),
            g.spec.severity,
            label(g.status, lang),
            g.spec.section,
            tuple(g.spec.recommendations),
            _lines(g),
        )
        for g in gaps
    ]


def _gap_detail(g: CriterionResult, lang: Lang) -> GapDetail:
    return GapDetail(
        g.spec.code,
        anchor("gap", g.spec.code),
        g.spec.slug,
        pick(g.spec.title, lang),
        label(g.spec.severity, lang),
        g.spec.severity,
        label(g.status, lang),
        g.spec.section,
        pick(g.spec.rationale, lang),
        pick(g.spec.yrd_practice, lang),
        tuple(g.spec.recommendations),
        _evidence(g, lang),
    )


def _dimension_sections(
    a: Assessment, gaps: Sequence[CriterionResult], lang: Lang
) -> list[DimensionSection]:
    return [
        DimensionSection(
            d.spec.id,
            anchor("dim", d.spec.id),
            pick(d.spec.name, lang),
            numbers.score(d.score),
            numbers.bounds(d.score_bounds),
            numbers.percent(d.coverage),
            d.spec.section,
            pick(d.spec.summary, lang),
            d.thin,
            tuple(_gap_detail(g, lang) for g in gaps if g.spec.dimension == d.spec.id),
        )
        for d in a.dimensions
    ]


def _series_chart(d: Diagnostic, lang: Lang) -> tuple[html_charts.Chart | None, list[SeriesRow]]:
    years, values = d.chart_series()
    if not years:
        return None, []
    missing = label("html_missing", lang)
    rows = [
        SeriesRow(y, missing if v is None else f"{v:g}", v is None)
        for y, v in zip(years, values, strict=True)
    ]
    name = pick(d.name, lang)
    basis = series_basis(d.measures.get("basis", []), lang)
    chart = html_charts.series(
        anchor("chart", d.id),
        f"{name} ({basis})",
        label("html_series_chart", lang, name=name, basis=basis),
        list(zip(years, values, strict=True)),
        missing,
    )
    return chart, rows


def _diagnostics(a: Assessment, lang: Lang) -> list[DiagnosticSection]:
    out = []
    for d in a.diagnostics:
        chart, rows = _series_chart(d, lang)
        out.append(
            DiagnosticSection(
                d.id,
                anchor("diag", d.id),
                pick(d.name, lang),
                label(d.status, lang),
                d.status,
                d.section,
                tuple(findings(d, lang)),
                chart,
                "+".join(d.measures.get("basis", [])),
                tuple(rows),
                d.recommendations,
                tuple(Fact(c.path, _line(c.fact, lang)) for c in d.data),
                d.missing,
            )
        )
    return out


def _recommendations(a: Assessment, lang: Lang) -> list[RecommendationSection]:
    return [
        RecommendationSection(
            rec.spec.id,
            anchor("rec", rec.spec.id),
            pick(rec.spec.title, lang),
            rec.spec.section,
            f"{rec.priority:g}",
            rec.gaps,
            tuple(rec.spec.actions.zh if lang == "zh" else rec.spec.actions.en),
        )
        for rec in a.recommendations
    ]


def _priority_chart(a: Assessment, lang: Lang) -> html_charts.Chart | None:
    if not a.recommendations:
        return None
    bars = [
        html_charts.Bar(
            f"{r.spec.id} {pick(r.spec.title, lang)}", r.priority, None, f"{r.priority:g}"
        )
        for r in a.recommendations
    ]
    return html_charts.priorities(
        "chart-priorities", label("recommendations", lang), label("html_priority_chart", lang), bars
    )


def _sources(a: Assessment) -> list[Source]:
    out = []
    for key, source in a.sources.items():
        details = tuple(
            str(source[field]) for field in ("author", "year", "section") if source.get(field)
        )
        url = source.get("url")
        out.append(
            Source(
                str(key),
                str(source.get("title", key)),
                details,
                web_url(url),
                str(url) if url else None,
            )
        )
    return out


def _overall(a: Assessment, lang: Lang) -> str:
    if a.score is not None:
        return numbers.score_with_bounds(a.score, a.score_bounds)
    text = label(
        "withheld",
        lang,
        coverage=numbers.percent(a.coverage),
        floor=numbers.percent(a.coverage_floor),
    )
    if a.score_bounds is not None:
        text += f" ({numbers.bounds(a.score_bounds)})"
    return text


def context(a: Assessment, lang: Lang, summary: Any = None) -> dict[str, Any]:
    """What the report template shows, as plain text and numbers (nothing escaped yet).

    ``summary`` is the executive summary, shown first when given (``formats.briefing``).
    """
    gaps = a.gaps
    return {
        "lang": lang,
        "html_lang": HTML_LANG[lang],
        "t": partial(label, lang=lang),
        "name": pick(a.scenario_name, lang) or a.scenario_id,
        "scenario_id": a.scenario_id,
        "file": a.shown_file,
        "as_of": a.as_of if a.as_of is not None else "?",
        "overall": _overall(a, lang),
        "coverage": numbers.percent(a.coverage),
        "selection": selection_note(a),
        "provenance": Provenance(
            __version__,
            a.rubric.id,
            a.rubric.version,
            a.rubric.digest[:DIGEST_SHOWN],
            a.rubric.file,
            a.rubric.bundled,
        ),
        "summary": summary,
        "dimension_chart": _dimension_chart(a, lang),
        "dimension_rows": _dimension_rows(a, lang),
        "thin": [d.spec.id for d in a.dimensions if d.thin],
        "gap_rows": _gap_rows(gaps, lang),
        "gap_codes": frozenset(g.spec.code for g in gaps),  # gaps with a section to link
        "rec_ids": frozenset(r.spec.id for r in a.recommendations),
        "dimensions": _dimension_sections(a, gaps, lang),
        "diagnostics": _diagnostics(a, lang),
        "priority_chart": _priority_chart(a, lang),
        "recommendations": _recommendations(a, lang),
        "waived": [
            Waived(
                r.spec.code,
                r.spec.slug,
                label("by_scenario" if r.waived else "by_rubric", lang),
                r.reason or "",
            )
            for r in a.waived
        ],
        "unknowns": [
            Unknown(r.spec.code, r.spec.slug, tuple(summarise(r.unknown))) for r in a.unknowns
        ],
        "contradictions": contradictions(a, lang),
        "sources": _sources(a),
        "formula": score_formula(a, lang),
        "version": __version__,
    }


def render(a: Assessment, lang: Lang = "en", summary: Any = None) -> str:
    """One scenario's report as a self-contained HTML page, its executive summary first."""
    if summary is None:
        summary = briefing.summary(a, lang)
    return environment().get_template("report.html").render(context(a, lang, summary))


def report(assessment: Assessment, lang: Lang) -> tuple[str, Summary]:
    """One scenario's page and its row in the index (run in a batch's workers)."""
    return render(assessment, lang), Summary.of(assessment, lang)


# ----------------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class IndexRow:
    place: int
    span: str  # the rank range, with ≈ when not separable
    name: str
    href: str | None
    id: str
    path: str
    as_of: str
    score: str
    bounds: str
    coverage: str
    high: int
    medium: int
    low: int
    top_recommendation: str
    cells: tuple[str, ...]  # the dimension matrix: one score per dimension, * when thin


def index(
    rows: Sequence[Summary],
    failed: Sequence[tuple[str, str]],
    lang: Lang,
    dimensions: Sequence[str],
) -> str:
    """The batch's ``index.html``: the ranking, the dimension matrix and the files that failed."""
    order = ranked(list(rows))
    places = standings(order)
    shown = []
    for r, s in zip(order, places, strict=True):
        scores = dict(r.dimensions)
        shown.append(
            IndexRow(
                s.place,
                s.mark,
                r.name,
                link_target(r.report) if r.report else None,
                r.id,
                r.path,
                str(r.as_of) if r.as_of is not None else "?",
                numbers.score(r.score),
                numbers.bounds(r.score_bounds),
                numbers.percent(r.coverage),
                r.high,
                r.medium,
                r.low,
                r.top_recommendation or numbers.MISSING,
                tuple(
                    numbers.score(scores.get(d)) + ("*" if d in r.thin else "") for d in dimensions
                ),
            )
        )
    return (
        environment()
        .get_template("index.html")
        .render(
            lang=lang,
            html_lang=HTML_LANG[lang],
            t=partial(label, lang=lang),
            rows=shown,
            dimensions=list(dimensions),
            separable=not any(s.separable is False for s in places),
            thin=sorted({d for r in order for d in r.thin}),
            failed=list(failed),
            version=__version__,
        )
    )


class Html(Format):
    def assessment(self, result: Assessment, view: View) -> str:
        return render(result, view.language)

    def pages(self, view: View, dimensions: Sequence[str]) -> FolderPages:
        lang, dims = view.language, tuple(dimensions)
        return FolderPages(
            ".html", partial(report, lang=lang), partial(index, lang=lang, dimensions=dims)
        )

    def trend(self, result: Trend, view: View) -> str:
        from coopscore.formats import to_html
        from coopscore.report import trend
        from coopscore.report.words import Words

        return to_html.document(trend.build(result, Words(view.language)))


FORMAT = Html()
