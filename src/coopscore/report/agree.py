"""The report of ``agree``: whether the files describe one cluster, how much they agree, each
file's score bounds side by side, and where they part ways (in status, then in bounds), each
file's verdict with the facts it read, in words.

Every value read from the files is file text, kept as it is here and escaped by the writer.
"""

from __future__ import annotations

from collections.abc import Mapping

from coopscore.core.agreement import Agreement, Coded, Unit
from coopscore.core.assessment import Assessment
from coopscore.core.cluster import Check, Cluster, Field, Pair
from coopscore.report import numbers
from coopscore.report.blocks import (
    Builder,
    Column,
    Fact,
    Facts,
    Inline,
    Report,
    Span,
    inline,
)
from coopscore.report.notes import NO_NAMES, decisive_first, said
from coopscore.report.words import Words

SHOWN_MEMBERS = 6  # member ids named in a line, at most
SHOWN_FACTS = 3  # facts shown beside a verdict before "(+n more)"


def _ratio(value: float | None) -> str:
    return numbers.MISSING if value is None else f"{value:.2f}"


def measures(a: Agreement, words: Words) -> list[tuple[str, str]]:
    """The chance-corrected measures: alpha for any number of files, and kappa for two."""
    out = [(words("agree_alpha"), _ratio(a.alpha))]
    if len(a.assessments) == 2:
        out.append((words("agree_kappa"), _ratio(a.kappa)))
    return out


# ------------------------------------------------------------------------- the cluster check


def _where(c: Cluster, field: Field) -> str:
    line, file = c.line(field), c.file_of(field)
    return file if line is None else f"{file}:{line}"


def _ids(ids: tuple[str, ...], words: Words) -> str:
    if not ids:
        return words("none_listed")
    shown = ", ".join(ids[:SHOWN_MEMBERS])
    more = len(ids) - SHOWN_MEMBERS
    return shown + (" " + words("more_items", count=more) if more > 0 else "")


def pair_line(check: Check, p: Pair, words: Words) -> str:
    """One file against the first: one cluster (and why), not checked, or what differs."""
    first, other = check.clusters[0], check.clusters[p.other]
    n = p.other + 1
    if p.same:
        key = {"members": "cluster_same_members", "name": "cluster_same_name"}.get(
            p.basis or "", "cluster_same_id" if p.basis == "id" else "cluster_unchecked"
        )
        return words(key, n=n, count=p.common)
    assert p.basis is not None
    places = {"first": _where(first, p.basis), "other": _where(other, p.basis)}
    if p.basis == "members":
        return words(
            "cluster_diff_members",
            n=n,
            only_first=_ids(p.only_first, words),
            only_other=_ids(p.only_other, words),
            **places,
        )
    if p.basis == "name":
        values = {"first_value": words.pick(first.name), "other_value": words.pick(other.name)}
        return words("cluster_diff_name", n=n, **values, **places)
    values = {"first_value": first.id or "", "other_value": other.id or ""}
    return words("cluster_diff_id", n=n, **values, **places)


def cluster_lines(check: Check | None, words: Words) -> list[str]:
    """Every file's line of the check."""
    if check is None:
        return []
    return [pair_line(check, p, words) for p in check.pairs]


def mismatch_lines(check: Check, words: Words) -> list[str]:
    """What differs, file by file, for the error that refuses the comparison."""
    return [pair_line(check, p, words) for p in check.differing]


def forced(a: Agreement) -> bool:
    return a.cluster is not None and not a.cluster.same


def summary(a: Agreement, words: Words) -> list[str]:
    """The headline lines: the cluster check, the share agreed, the measures, the bounds."""
    overlap = {True: "yes", False: "no", None: "unknown"}[a.bounds_overlap]
    lines = [words("cluster_forced")] if forced(a) else []
    lines += cluster_lines(a.cluster, words)
    lines.append(
        words(
            "agree_share",
            share=numbers.percent(a.share),
            agreed=sum(u.agrees for u in a.units),
            total=len(a.units),
        )
    )
    lines += [f"{name}: {value}" for name, value in measures(a, words)]
    lines.append(words("agree_bounds_count", count=len(a.bounds_disagreements)))
    lines.append(words("agree_overlap", answer=words(overlap)))
    return lines


# ------------------------------------------------------------------------------- the bounds


def bounds_rows(a: Agreement, words: Words) -> list[tuple[str, list[str], bool]]:
    """Overall, then each dimension: its label, each file's score and bounds, and whether the
    files' bounds differ."""
    rows = []
    overall = [x.score_bounds for x in a.assessments]
    rows.append(
        (
            words("agree_overall"),
            [numbers.score_with_bounds(x.score, x.score_bounds) for x in a.assessments],
            len({numbers.bounds(b) for b in overall}) > 1,
        )
    )
    first = a.assessments[0]
    by_file = [{d.spec.id: d for d in x.dimensions} for x in a.assessments]
    for d in first.dimensions:
        found = [f.get(d.spec.id) for f in by_file]
        cells = [
            numbers.MISSING
            if x is None
            else numbers.score_with_bounds(x.score, x.score_bounds, x.thin)
            for x in found
        ]
        spans = {numbers.bounds(x.score_bounds) if x is not None else None for x in found}
        rows.append((f"{d.spec.id} {words.pick(d.spec.name)}", cells, len(spans) > 1))
    return rows


# ------------------------------------------------------------------------------ the verdicts


def credit(c: Coded) -> str:
    """A credit interval as ``0–0.5``; a dash when there is none."""
    bounds = c.result.credit_bounds
    return numbers.MISSING if bounds is None else f"{bounds[0]:g}–{bounds[1]:g}"


def verdict(c: Coded, words: Words) -> str:
    """``gap [0–0]``, and whether the criterion applies when that is unknown."""
    r = c.result
    applies = "" if r.applicable is not None else "; " + words("applies_unknown")
    return f"{words(r.status)} [{credit(c)}]{applies}"


def facts(c: Coded, words: Words, names: Mapping[str, str] = NO_NAMES) -> Facts:
    items = []
    for e in decisive_first(c.result.evidence):
        s = said(e, words.lang, names=names)
        items.append(Fact(s.fact, s.at, s.path, s.subject, e.line))
    return Facts(tuple(items), words("more_verbose", count="{count}"), SHOWN_FACTS, indent=2)


def _units(
    out: Builder, units: tuple[Unit, ...], words: Words, files: tuple[Assessment, ...]
) -> None:
    """Each criterion, file by file (``files``: the assessments in the files' order, which
    name each file and its bases as the reader did)."""
    for u in units:
        title = words.pick(u.coded[0].result.spec.title)
        out.heading(inline(Span(u.code, "code"), f" {title}" if title else ""), level=3)
        for n, (c, a) in enumerate(zip(u.coded, files, strict=True), 1):
            out.paragraph(inline(f"#{n} ", Span(a.shown_file, "dim"), f": {verdict(c, words)}"), 1)
            if c.result.evidence:
                out.add(facts(c, words, dict(a.names)))


def build(a: Agreement, words: Words) -> Report:
    out = Builder()
    title = words("agree_title")
    out.heading(title, level=1)
    out.table(
        (Column("#", "number"), Column(words("file"), "path")),
        [(str(n), x.shown_file) for n, x in enumerate(a.assessments, 1)],
    )
    for line in summary(a, words):
        bad = line == words("cluster_forced")
        out.paragraph(inline(Span(line, "bad")) if bad else line)
    out.heading(words("agree_bounds_title"), level=2)
    rows = bounds_rows(a, words)
    heads = [Column("", "name")]
    heads += [Column(f"#{n}", "bounds") for n in range(1, len(a.assessments) + 1)]
    heads.append(Column("", "code"))
    body: list[tuple[str | Inline, ...]] = [
        (name, *cells, "≠" if differs else "") for name, cells, differs in rows
    ]
    out.table(heads, body)
    thin = sorted({d.spec.id for x in a.assessments for d in x.dimensions if d.thin})
    if thin:
        out.note(words("thin_note", dimensions=", ".join(thin)))
    if any(differs for _, _, differs in rows):
        out.note(words("agree_bounds_differ"))
    out.heading(f"{words('agree_disagreements')} ({len(a.disagreements)})", level=2)
    if a.disagreements:
        _units(out, a.disagreements, words, a.assessments)
    else:
        out.paragraph(inline(Span(words("agree_none"), "good")))
    heading = words("agree_bounds_disagreements")
    out.heading(f"{heading} ({len(a.bounds_disagreements)})", level=2)
    if a.bounds_disagreements:
        _units(out, a.bounds_disagreements, words, a.assessments)
    else:
        out.paragraph(inline(Span(words("agree_bounds_none"), "good")))
    return out.report(title, words.lang)
