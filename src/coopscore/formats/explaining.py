"""What `explain` says about a criterion, a dimension or a recommendation (plain text).

The text goes to a terminal: every line is passed through ``escaping.terminal``, so that no
rubric or scenario text (nor a file name) can send a control character or escape sequence.
"""

from __future__ import annotations

import textwrap

from coopscore.core.engine import evaluate
from coopscore.formats.describe import words
from coopscore.formats.escaping import one_line, terminal
from coopscore.formats.i18n import Lang, label, pick
from coopscore.model.loader import LoadedScenario
from coopscore.model.rubric import Criterion, DimensionSpec, RecommendationSpec, Rubric

Found = Criterion | DimensionSpec | RecommendationSpec


def find(rubric: Rubric, key: str) -> Found | None:
    upper = key.upper()
    for dim in rubric.dimensions:
        if dim.id == upper:
            return dim
    for rec in rubric.recommendations:
        if rec.id == upper:
            return rec
    return rubric.criterion(upper) or rubric.criterion(key)


def _wrap(text: str, indent: str = "  ") -> list[str]:
    """A paragraph from the rubric, its line breaks folded, wrapped at 96 columns."""
    shown = terminal(one_line(text))
    return textwrap.wrap(shown, 96, initial_indent=indent, subsequent_indent=indent) or [indent]


def _h(key: str, lang: Lang) -> str:
    return label("explain_" + key, lang)


def render(rubric: Rubric, found: Found, lang: Lang, scenario: LoadedScenario | None = None) -> str:
    params = dict(rubric.spec.params)
    out: list[str] = []
    if isinstance(found, DimensionSpec):
        out += [
            f"{found.id} {pick(found.name, lang)} ({found.section})",
            *_wrap(pick(found.summary, lang)),
            "",
        ]
        out.append(f"{_h('criteria', lang)}:")
        for c in rubric.criteria:
            if c.spec.dimension == found.id:
                severity = label(c.spec.severity, lang)
                out.append(f"  {c.spec.code} {c.spec.slug} [{severity}] {pick(c.spec.title, lang)}")
    elif isinstance(found, RecommendationSpec):
        out += [f"{found.id} {pick(found.title, lang)} ({found.section})", ""]
        out.append(f"{label('actions', lang)}:")
        for action in found.actions.zh if lang == "zh" else found.actions.en:
            out += _wrap(action, "  - ")
        out += ["", f"{label('closes', lang)}:"]
        for c in rubric.criteria:
            if found.id in c.spec.recommendations:
                out.append(f"  {c.spec.code} {c.spec.slug}: {pick(c.spec.title, lang)}")
    else:
        s = found.spec
        out += [
            f"{s.code} {s.slug}: {pick(s.title, lang)}",
            f"  {label('dimension', lang)} {s.dimension} · {label(s.severity, lang)} · "
            f"{_h('weight', lang)} {s.weight:g} · {label('section', lang)} {s.section} · "
            f"{label('closed_by', lang)} {', '.join(s.recommendations) or '—'}",
            "",
            f"{label('why', lang)}:",
            *_wrap(pick(s.rationale, lang)),
            f"{label('yrd_practice', lang)}:",
            *_wrap(pick(s.yrd_practice, lang)),
            "",
        ]
        for part in ("applies", "met", "partial"):
            spec = getattr(s, part)
            if spec is not None:
                out.append(f"{_h(part, lang)}:")
                out += ["  " + line for line in words(spec, lang, params).splitlines()]
        if scenario is not None:
            result = evaluate(found, scenario, rubric.spec.scoring.partial_credit)
            out += ["", _h("in_scenario", lang).format(file=scenario.file) + ":"]
            reason = f" ({result.reason})" if result.reason else ""
            out.append(f"  {_h('result', lang)}: {label(result.status, lang)}{reason}")
            if result.evidence:
                out.append(f"  {_h('read', lang)}:")
                for e in result.evidence:
                    line = e.line if e.line is not None else "?"
                    out.append(f"    {e.describe()} @ {scenario.file}:{line}")
            if result.status == "unknown":
                out.append(f"  {_h('missing', lang)}:")
                out += [f"    {path}" for path in result.unknown]
    return "\n".join(terminal(line) for line in out) + "\n"


def lint_warnings(rubric: Rubric) -> list[str]:
    """Legal but likely unintended: unused dimensions or recommendations, repeated titles."""
    warnings = []
    for dim in rubric.dimensions:
        if not any(c.spec.dimension == dim.id for c in rubric.criteria):
            warnings.append(f"dimension {dim.id} has no criterion")
    for rec in rubric.recommendations:
        if not any(rec.id in c.spec.recommendations for c in rubric.criteria):
            warnings.append(f"recommendation {rec.id} closes no criterion")
    titles: dict[str, str] = {}
    for c in rubric.criteria:
        if c.spec.title.en in titles:
            warnings.append(f"{c.spec.code} has the same title as {titles[c.spec.title.en]}")
        titles.setdefault(c.spec.title.en, c.spec.code)
    return warnings
