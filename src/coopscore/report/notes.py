"""What every output says beside an assessment's scores: how they are computed, that a
selection hides gaps without changing them, which stated facts contradict their fallback, and
each fact read, in words (``said``), with the line it stands on."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coopscore import __version__
from coopscore.core.assessment import Assessment, RubricRef
from coopscore.core.conditions import Evidence
from coopscore.report.i18n import Lang, english, label, pick


def score_formula(a: Assessment, lang: Lang | None = None) -> str:
    """The scoring rule with this rubric's partial credit and coverage floor filled in: in
    English as the JSON contract states it (``lang`` None), or in ``lang`` for a report or a
    record written in another language."""
    values = {"partial": a.partial_credit, "floor": a.coverage_floor}
    return english("score_formula", **values) if lang is None else label("formula", lang, **values)


def selection_note(a: Assessment, lang: Lang | None = None) -> str | None:
    """Said wherever a selection hides gaps: it never changes the scores. As the command line
    has always said it in English (``lang`` None), or in ``lang``."""
    if a.selection is None:
        return None
    values = {"selection": a.selection, "shown": len(a.gaps), "total": len(a.all_gaps)}
    if lang is None:
        return english("selection_note", **values)
    return label("selection_shown", lang, **values)


def _facts(items: tuple[Evidence, ...], lang: Lang, names: Mapping[str, str]) -> str:
    return "; ".join(fact_line(said(e, lang, names=names)) for e in items)


def contradictions(a: Assessment, lang: Lang) -> list[str]:
    """Each contradiction in words, with the lines of both facts (plain text, to be escaped)."""
    names = dict(a.names)
    return [
        label(
            "contradiction",
            lang,
            criteria=", ".join(w.criteria),
            stated=_facts(w.contradiction.stated, lang, names),
            stated_answer=label("yes" if w.contradiction.stated_answer else "no", lang),
            fallback=_facts(w.contradiction.fallback, lang, names),
            fallback_answer=label("yes" if w.contradiction.fallback_answer else "no", lang),
        )
        for w in a.warnings
    ]


# -------------------------------------------------------------------------- facts in words


@dataclass(frozen=True)
class Style:
    """How an output marks text it did not write: ``text`` for prose from a file (a name),
    ``ref`` for what a reader looks up as it is (a path, a value, a code). Each output passes
    its own escaping; plain text is for outputs that escape whole lines."""

    text: Callable[[str], str] = str
    ref: Callable[[str], str] = str


PLAIN = Style()
DIGEST_SHOWN = 12  # characters of the rubric's digest a header shows


def provenance(rubric: RubricRef, lang: Lang, style: Style = PLAIN) -> list[str]:
    """What made a report, as the pieces of its header line: the tool and its version, the
    rubric's id and version, and the start of its digest."""
    return [
        f"{style.ref('coopscore')} {__version__}",
        label("prov_rubric", lang, id=style.ref(rubric.id), version=style.text(rubric.version)),
        label("prov_digest", lang, digest=style.ref(rubric.digest[:DIGEST_SHOWN])),
    ]


def modified(rubric: RubricRef, lang: Lang) -> str | None:
    """The header's warning when the rubric is not the bundled one (its criteria may differ)."""
    return None if rubric.bundled else label("prov_modified", lang)


LONGEST_VALUE = 60  # characters of a value shown; a long note is cut with "…"

# The counts the condition language states for a share and for ``each ... count``.
_NUMBER = r"[0-9][0-9.e+]*%?"
_SPANNED = rf"{_NUMBER}(?: to {_NUMBER})?"
_SHARE_OF = re.compile(rf"({_SPANNED}) of ({_SPANNED}) \(({_SPANNED})\)")
_SPAN = re.compile(rf"({_NUMBER})(?: to ({_NUMBER}))?")
_MATCHING = re.compile(rf"({_NUMBER}(?: to {_NUMBER})?) of ({_NUMBER}(?: to {_NUMBER})?)")


def written(value: Any) -> str:
    """A value as YAML writes it: ``stalled``, ``true``, ``0.5``, ``a, b``; long text cut."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, list):
        text = ", ".join(written(v) for v in value) if value else "[]"
    elif isinstance(value, dict):
        text = "{…}"
    else:
        text = str(value)
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


def _span(text: str, lang: Lang) -> str:
    """``4``, ``4 to 5`` or ``80% to 100%`` (numbers only) in the reader's language."""
    found = _SPAN.fullmatch(text)
    if found is None or found[2] is None:
        return text
    return label("ev_range", lang, low=found[1], high=found[2])


def _items(count: Any, lang: Lang) -> str:
    if count == 0:
        return label("ev_no_items", lang)
    if count == 1:
        return label("ev_one_item", lang)
    return label("ev_items", lang, count=count)


def _count_words(e: Evidence, lang: Lang, style: Style, listed: bool = False) -> str:
    """A share or a count of matching items (stated as numbers by the condition language).

    ``listed``: read from a list that is not exhaustive, so the numbers are of the items
    listed, and those not listed can add matches (a count) or move a share anywhere."""
    value = str(e.value)
    if e.measure == "matching":
        found = _MATCHING.fullmatch(value)
        if found:
            return label(
                "ev_matching_listed" if listed else "ev_matching",
                lang,
                counted=_span(found[1], lang),
                of=_span(found[2], lang),
            )
    elif value == "no items":
        return label("ev_share_none", lang)
    else:
        found = _SHARE_OF.fullmatch(value)
        if found:
            share = label(
                "ev_share_of",
                lang,
                yes=_span(found[1], lang),
                known=_span(found[2], lang),
                percent=_span(found[3], lang),
            )
            return label("ev_share_listed" if listed else "ev_share", lang, share=share)
        if _SPAN.fullmatch(value):
            return label(
                "ev_share_listed" if listed else "ev_share", lang, share=_span(value, lang)
            )
    return style.ref(value)  # not a count the condition language writes: shown as it is


def value_words(e: Evidence, lang: Lang, style: Style = PLAIN) -> str:
    """What a fact says, in words: a stated value as written, a measure as what it counts.

    A fact read from a list that is not exhaustive says so: a count is "at least" it."""
    if e.open:
        return _open_words(e, lang, style)
    if e.measure == "len":
        return _items(e.value, lang)
    if e.measure == "distinct":
        values = e.value if isinstance(e.value, list) else [e.value]
        if not values:
            return label("ev_distinct_none", lang)
        shown = ", ".join(style.ref(written(v)) for v in values)
        return label("ev_distinct", lang, count=e.measured, values=shown)
    if e.measure == "age":
        return label("ev_age", lang, value=style.ref(written(e.value)), years=e.measured)
    if e.measure in ("max", "min", "sum"):
        return label(f"ev_{e.measure}", lang, value=style.ref(written(e.value)))
    if e.measure == "exists":
        return label("ev_stated", lang)
    if e.measure in ("matching", "share"):
        return _count_words(e, lang, style)
    return style.ref(written(e.value))


def described(e: Evidence, lang: Lang) -> str:
    """``path = value`` as criteria cite it, saying so when the list read is not exhaustive."""
    text = e.describe()
    return label("ev_not_exhaustive", lang, fact=text) if e.open else text


def _open_words(e: Evidence, lang: Lang, style: Style) -> str:
    """A fact of a list that is not exhaustive: "at least 2 (not exhaustive)"."""
    if e.measure == "len":
        return label("ev_at_least_items", lang, count=e.value)
    if e.measure == "distinct":
        values = e.value if isinstance(e.value, list) else [e.value]
        shown = ", ".join(style.ref(written(v)) for v in values) or "—"
        return label("ev_at_least_distinct", lang, count=e.measured, values=shown)
    if e.measure in ("matching", "share") and str(e.value) != "no items":
        said = _count_words(e, lang, style, listed=True)
        if said != style.ref(str(e.value)):
            return said
    fact = value_words(e._replace(open=False), lang, style)
    return label("ev_not_exhaustive", lang, fact=fact)


@dataclass(frozen=True)
class Said:
    """A fact as a report says it: the thing it is about (a list item's name, or ""), the
    fact itself, the line it stands on, and the scenario path (or "" when the fact names it)."""

    subject: str
    fact: str
    at: str
    path: str


NO_NAMES: Mapping[str, str] = {}


def said(
    e: Evidence, lang: Lang, style: Style = PLAIN, names: Mapping[str, str] = NO_NAMES
) -> Said:
    """``e`` in words; the subject is the item's name in ``lang`` (the other when it has none).
    ``names``: how the reader named a base file (``Assessment.names``), shown for its path."""
    at = where_stated(e, lang, style.text, names)
    value = value_words(e, lang, style)
    name = pick(e.subject, lang)
    if not name:
        return Said("", f"{style.ref(e.path)}: {value}", at, "")
    field = e.path.rsplit("].", 1)[1] if "]." in e.path else ""
    fact = f"{style.ref(field)}: {value}" if field else value
    return Said(style.text(name), fact, at, style.ref(e.path))


def where_stated(
    e: Evidence, lang: Lang, escape: Callable[[str], str] = str, names: Mapping[str, str] = NO_NAMES
) -> str:
    """``line 12``, or ``base.yaml:12`` for a fact that a base the scenario extends stated
    (``escape`` is the output's helper, through which the file's name passes; ``names`` how the
    reader named it, ``example:NAME``)."""
    line = e.line if e.line is not None else "?"
    if e.file is None:
        return label("at_line", lang, line=line)
    return f"{escape(names.get(e.file, e.file))}:{line}"


def cited_lines(evidence: Iterable[Evidence], names: Mapping[str, str] = NO_NAMES) -> list[str]:
    """The lines facts stand on, in order: the scenario's own as numbers, then a base's as
    ``file:line`` (the file as the reader named it, ``names``)."""
    own = sorted({e.line for e in evidence if e.line is not None and e.file is None})
    based = sorted({(e.file, e.line) for e in evidence if e.line is not None and e.file})
    return [*map(str, own), *(f"{names.get(file, file)}:{line}" for file, line in based)]


def fact_line(s: Said, gap: str = " ") -> str:
    """``Name — status: stalled (line 496, adjacent_pairs[0].status)``, or
    ``council.member_count: 4 (line 344)`` for a fact that no named item holds."""
    where = f"{s.at}, {s.path}" if s.path else s.at
    head = f"{s.subject} — {s.fact}" if s.subject else s.fact
    return f"{head}{gap}({where})"


def decisive_first(evidence: tuple[Evidence, ...]) -> list[Evidence]:
    """The facts that decided a verdict first; list sizes, which say least, last."""
    return sorted(evidence, key=lambda e: e.measure == "len")


# Paths that differ only in list indices: ``adjacent_pairs[0].stage`` and ``[1].stage``.
_INDEX = re.compile(r"\[\d+\]")


def shape(path: str) -> str:
    """``adjacent_pairs[*].stage`` for ``adjacent_pairs[3].stage``."""
    return _INDEX.sub("[*]", path)


def folded(paths: Iterable[str], lang: Lang, style: Style = PLAIN, keep: int = 2) -> list[str]:
    """Paths with list indices folded when more than ``keep`` share a shape, as
    ``paths.summarise`` folds them, the count said in ``lang``."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(shape(path), []).append(path)
    out: list[str] = []
    for found, members in groups.items():
        if len(members) > keep:
            out.append(label("folded", lang, path=style.ref(found), count=len(members)))
        else:
            out += [style.ref(p) for p in members]
    return out
