"""The report of ``explain``: a criterion, a dimension, a recommendation or a diagnostic, from
the rubric's data; with a scenario, what the criterion gave for it and the facts it read, in
words.

A diagnostic's thresholds are explained with the reasons the rubric gives for them: the
comments written above each setting in its ``diagnostics:`` section, which the command line
reads from the rubric's text and hands in as ``reasons``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coopscore.core.assessment import Assessment
from coopscore.core.conditions import LIST_MEASURES
from coopscore.core.diagnostics.results import Diagnostic
from coopscore.core.engine import evaluate
from coopscore.model.loader import LoadedScenario
from coopscore.model.rubric import (
    Criterion,
    DimensionSpec,
    ProblemSpec,
    RecommendationSpec,
    Rubric,
)
from coopscore.report import numbers
from coopscore.report.blocks import Builder, Bullets, Fact, Facts, Inline, Report, Span, inline
from coopscore.report.describe import words as condition_words
from coopscore.report.diagnostics import blocks as diagnostic_blocks
from coopscore.report.findings import words_of
from coopscore.report.i18n import Lang
from coopscore.report.notes import decisive_first, said
from coopscore.report.words import Words

__all__ = ["DiagnosticEntry", "Found", "RecommendationSpec", "build", "find", "keys"]


@dataclass(frozen=True)
class DiagnosticEntry:
    """A diagnostic the rubric switches on: its id and its settings."""

    id: str
    spec: ProblemSpec


Found = Criterion | DimensionSpec | RecommendationSpec | DiagnosticEntry


def find(rubric: Rubric, key: str) -> Found | None:
    upper = key.upper()
    for dim in rubric.dimensions:
        if dim.id == upper:
            return dim
    for rec in rubric.recommendations:
        if rec.id == upper:
            return rec
    for id_, spec in rubric.spec.diagnostics.enabled():
        if id_ == upper:
            return DiagnosticEntry(id_, spec)
    return rubric.criterion(upper) or rubric.criterion(key)


def keys(rubric: Rubric) -> list[str]:
    """Every key ``find`` answers to, for the did-you-mean of a mistyped one."""
    out = [d.id for d in rubric.dimensions] + [r.id for r in rubric.recommendations]
    out += [id_ for id_, _ in rubric.spec.diagnostics.enabled()]
    for c in rubric.criteria:
        out += [c.spec.code, c.spec.slug]
    return out


def _reads_lists(spec: Any) -> bool:
    """The condition counts or quantifies over a list (``each``, ``len``, ``distinct`` ...)."""
    if isinstance(spec, list):
        return any(_reads_lists(part) for part in spec)
    if not isinstance(spec, dict):
        return False
    if "each" in spec or "contains" in spec or "[]" in str(spec.get("path", "")):
        return True
    if spec.get("measure") in LIST_MEASURES:
        return True
    return any(_reads_lists(value) for value in spec.values() if isinstance(value, dict | list))


def _head(out: Builder, text: str, words: Words) -> None:
    """A part's title, as a line ending in a colon."""
    out.paragraph(inline(Span(f"{text}:", "strong")))


def _h(key: str, words: Words) -> str:
    return words("explain_" + key)


def _condition(
    out: Builder, spec: Any, words: Words, params: Mapping[str, Any], depth: int
) -> None:
    """A condition in words, each of its lines at its own depth."""
    for line in condition_words(spec, words.lang, params).splitlines():
        pad = len(line) - len(line.lstrip())
        out.paragraph(coded(line.lstrip()), depth + pad // 2)


def coded(text: str) -> Inline:
    """A described condition's text with its `paths` as code spans: each output marks a code
    its own way (the terminal in bold, Markdown and HTML as code), none shows the backticks."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: the text as it is
        return inline(text)
    return inline(*(Span(p, "code") if n % 2 else p for n, p in enumerate(parts)))


def build(
    rubric: Rubric,
    found: Found,
    words: Words,
    scenario: LoadedScenario | None = None,
    reasons: Mapping[str, list[str]] | None = None,
    result: Diagnostic | None = None,
    assessed: Assessment | None = None,
) -> Report:
    """``reasons``: for a diagnostic, the rubric's comments on each of its settings;
    ``result``: what it found in ``scenario``; ``assessed``: the scenario's assessment, for
    what a dimension scored there and what a recommendation closes there."""
    out = Builder()
    if isinstance(found, DiagnosticEntry):
        title = f"{found.id} {words.pick(found.spec.name)} ({found.spec.section})"
        out.heading(inline(Span(found.id, "code"), title[len(found.id) :]), level=1)
        _diagnostic(out, rubric, found, words, reasons or {}, scenario, result)
    elif isinstance(found, DimensionSpec):
        title = f"{found.id} {words.pick(found.name)} ({found.section})"
        out.heading(inline(Span(found.id, "code"), title[len(found.id) :]), level=1)
        out.paragraph(words.pick(found.summary), 1)
        _head(out, _h("criteria", words), words)
        for c in rubric.criteria:
            if c.spec.dimension == found.id:
                out.paragraph(_criterion_line(c, words, severity=True), 1)
        if assessed is not None:
            _dimension_in(out, found.id, assessed, words)
    elif isinstance(found, RecommendationSpec):
        title = f"{found.id} {words.pick(found.title)} ({found.section})"
        out.heading(inline(Span(found.id, "code"), title[len(found.id) :]), level=1)
        _head(out, words("actions"), words)
        actions = found.actions.zh if words.lang == "zh" else found.actions.en
        out.add(Bullets(tuple(inline(" ".join(a.split())) for a in actions), indent=1))
        _head(out, words("closes"), words)
        for c in rubric.criteria:
            if found.id in c.spec.recommendations:
                out.paragraph(_criterion_line(c, words), 1)
        if assessed is not None:
            _recommendation_in(out, found.id, assessed, words)
    else:
        s = found.spec
        title = f"{s.code} {s.slug}: {words.pick(s.title)}"
        out.heading(inline(Span(s.code, "code"), f" {s.slug}: {words.pick(s.title)}"), level=1)
        _criterion(out, rubric, found, words, scenario)
    return out.report(title, words.lang)


def _in(out: Builder, assessed: Assessment, words: Words) -> None:
    out.heading(_h("in_scenario", words).format(file=assessed.shown_file) + ":", level=3)


def _dimension_in(out: Builder, dimension: str, assessed: Assessment, words: Words) -> None:
    """What the dimension scored in the scenario, and each of its criteria's verdicts."""
    found = next((d for d in assessed.dimensions if d.spec.id == dimension), None)
    if found is None:
        return
    _in(out, assessed, words)
    score = numbers.score_with_bounds(found.score, found.score_bounds, found.thin)
    coverage = numbers.percent(found.coverage)
    out.paragraph(f"{words('score')}: {score} · {words('coverage')}: {coverage}", 1)
    if found.thin:
        out.paragraph(words("thin_note", dimensions=dimension), 1)
    for r in found.results:
        said = f" {r.spec.slug}: {words(r.status)}"
        out.paragraph(inline(Span(r.spec.code, "code"), said), 1)


def _recommendation_in(out: Builder, rec: str, assessed: Assessment, words: Words) -> None:
    """The recommendation's priority in the scenario, and the scenario's gaps it closes."""
    found = next((r for r in assessed.recommendations if r.spec.id == rec), None)
    _in(out, assessed, words)
    if found is None or not found.gaps:
        out.paragraph(words("explain_closes_none"), 1)
        return
    gaps = ", ".join(found.gaps)
    out.paragraph(f"{words('priority')}: {found.priority:g} · {words('closes')}: {gaps}", 1)


def _criterion_line(c: Criterion, words: Words, severity: bool = False) -> Inline:
    """``INS003 slug [high] title``, or ``INS003 slug: title``."""
    s = c.spec
    if severity:
        mark = s.severity if s.severity in ("high", "medium", "low") else "plain"
        return inline(
            Span(s.code, "code"),
            f" {s.slug} ",
            Span(f"[{words(s.severity)}]", mark),
            f" {words.pick(s.title)}",
        )
    return inline(Span(s.code, "code"), f" {s.slug}: {words.pick(s.title)}")


def _criterion(
    out: Builder,
    rubric: Rubric,
    found: Criterion,
    words: Words,
    scenario: LoadedScenario | None,
) -> None:
    s = found.spec
    params = dict(rubric.spec.params)
    out.paragraph(
        f"{words('dimension')} {s.dimension} · {words(s.severity)} · "
        f"{_h('weight', words)} {s.weight:g} · {words('section')} {s.section} · "
        f"{words('closed_by')} {', '.join(s.recommendations) or '—'}",
        1,
    )
    _head(out, words("why"), words)
    out.paragraph(" ".join(words.pick(s.rationale).split()), 1)
    _head(out, words("yrd_practice"), words)
    out.paragraph(" ".join(words.pick(s.yrd_practice).split()), 1)
    for part in ("applies", "met", "partial"):
        spec = getattr(s, part)
        if spec is not None:
            _head(out, _h(part, words), words)
            _condition(out, spec, words, params, 1)
    if any(_reads_lists(getattr(s, part)) for part in ("applies", "met", "partial")):
        out.paragraph(words("explain_open_lists"), 1)
    if scenario is None:
        return
    result = evaluate(found, scenario, rubric.spec.scoring.partial_credit)
    out.heading(_h("in_scenario", words).format(file=scenario.shown_file) + ":", level=3)
    why = result.reason
    if why is None and result.status == "not_applicable" and not result.waived:
        why = words("na_applies_not_met")
    reason = f" ({why})" if why else ""
    out.paragraph(f"{_h('result', words)}: {words(result.status)}{reason}", 1)
    if result.evidence:
        out.paragraph(inline(Span(f"{_h('read', words)}:", "strong")), 1)
        items = []
        for e in decisive_first(result.evidence):
            fact = said(e, words.lang, names=scenario.document.names)
            items.append(Fact(fact.fact, fact.at, fact.path, fact.subject, e.line))
        out.add(Facts(tuple(items), brief=len(items), indent=2))
    if result.status == "unknown":
        out.paragraph(inline(Span(f"{_h('missing', words)}:", "strong")), 1)
        for path in result.unknown:
            out.paragraph(inline(Span(path, "code")), 2)


_NOT_SETTINGS = ("name", "section", "recommendations", "causes")
# A comment line that begins the Chinese of a reason: ``# zh: ...``.
_ZH = "zh:"


def reason_in(lines: list[str], lang: Lang) -> str:
    """A setting's reason, from the comment lines above it, in ``lang``: the English lines
    first, then, from a line that begins ``zh:``, the Chinese. A reason the rubric gives in
    one language only is shown in it."""
    at = next((i for i, text in enumerate(lines) if text.startswith(_ZH)), len(lines))
    english, chinese = lines[:at], lines[at:]
    if chinese:
        chinese = [chinese[0].removeprefix(_ZH).strip(), *chinese[1:]]
    if lang == "zh" and chinese:
        return _joined(chinese)
    return " ".join(english) if english else _joined(chinese)


def _joined(lines: list[str]) -> str:
    """Chinese lines run on; a space only where Latin letters or digits meet."""
    out = ""
    for text in lines:
        latin = out[-1:].isascii() and out[-1:].isalnum() and text[:1].isascii()
        out += (" " if latin and text[:1].isalnum() else "") + text
    return out


def _setting(value: Any, name: str, rubric: Rubric) -> str:
    if value is None and name == "stalled_after_years":
        fallback = rubric.spec.params.get("stalled_after_years", 3)
        return f"params.stalled_after_years ({fallback})"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _diagnostic(
    out: Builder,
    rubric: Rubric,
    found: DiagnosticEntry,
    words: Words,
    reasons: Mapping[str, list[str]],
    scenario: LoadedScenario | None,
    result: Diagnostic | None = None,
) -> None:
    """``result``: what the diagnostic found in ``scenario``, shown as the assessment shows it."""
    spec = found.spec
    said = words_of(found.id)
    _head(out, _h("measures", words), words)
    if said is not None:
        out.paragraph(said.FORMULA[words.lang], 1)
    _head(out, _h("settings", words), words)
    for name in type(spec).model_fields:
        if name in _NOT_SETTINGS:
            continue
        value = _setting(getattr(spec, name), name, rubric)
        own = said.SETTINGS.get(name) if said is not None else None
        what = (own[words.lang] if own else None) or type(spec).model_fields[name].description
        said_ = f"{name} = {value}: {what}" if what else f"{name} = {value}"
        out.paragraph(inline(Span(name, "code"), said_[len(name) :]), 1)
        why = reason_in(reasons.get(name, []), words.lang)
        if why:
            out.paragraph(f"{_h('reason', words)}: {why}", 3)
        elif name not in reasons:
            out.paragraph(_h("default", words), 3)
    causes = list(rubric.causes) if "causes" in type(spec).model_fields else []
    if causes:
        _head(out, _h("causes", words), words)
        for cause in causes:
            out.paragraph(
                inline(Span(cause.spec.id, "code"), f": {words.pick(cause.spec.name)}"), 1
            )
            _condition(out, cause.spec.present, words, dict(rubric.spec.params), 3)
    _head(out, _h("data", words), words)
    for path in said.DATA if said is not None else ():
        out.paragraph(inline(Span(path, "code")), 1)
    _head(out, _h("when_flagged", words), words)
    titles = {r.id: r for r in rubric.recommendations}
    for rec_id in spec.recommendations:
        rec = titles.get(rec_id)
        title = f" {words.pick(rec.title)} ({rec.section})" if rec is not None else ""
        out.paragraph(inline(Span(rec_id, "code"), title), 1)
    if not spec.recommendations:
        out.paragraph("—", 1)
    why = reason_in(reasons.get("recommendations", []), words.lang)
    if why:
        out.paragraph(f"{_h('reason', words)}: {why}", 3)
    if result is not None and scenario is not None:
        out.heading(_h("diagnostic_for", words).format(file=scenario.shown_file))
        out.extend(diagnostic_blocks(result, words))
    elif scenario is not None:
        out.paragraph(_h("diagnostic_result", words).format(file=scenario.shown_file))


def lint_warnings(rubric: Rubric, words: Words | None = None) -> list[str]:
    """Legal but likely unintended: unused dimensions or recommendations, repeated titles."""
    words = words or Words()
    warnings = []
    for dim in rubric.dimensions:
        if not any(c.spec.dimension == dim.id for c in rubric.criteria):
            warnings.append(words("lint_no_criterion", id=dim.id))
    for rec in rubric.recommendations:
        if not any(rec.id in c.spec.recommendations for c in rubric.criteria):
            warnings.append(words("lint_closes_nothing", id=rec.id))
    titles: dict[str, str] = {}
    for c in rubric.criteria:
        if c.spec.title.en in titles:
            other = titles[c.spec.title.en]
            warnings.append(words("lint_same_title", code=c.spec.code, other=other))
        titles.setdefault(c.spec.title.en, c.spec.code)
    return warnings
