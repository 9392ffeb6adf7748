"""agree's output: whether the files describe one cluster, where they part ways (in status, then
in bounds), how much they agree, and each file's score bounds side by side.

Every value read from the files is file text, escaped where it enters the terminal or Markdown.
"""

from __future__ import annotations

from typing import Any

from coopscore.core.agreement import Agreement, Unit
from coopscore.core.cluster import Check, Cluster, Field, Pair
from coopscore.formats import json_out
from coopscore.formats.escaping import json_dumps, rich_text
from coopscore.report import numbers
from coopscore.report.i18n import Lang, label, pick
from coopscore.report.notes import fact_line, said

SHOWN_MEMBERS = 6  # member ids named in a line, at most


def _ratio(value: float | None) -> str:
    return numbers.MISSING if value is None else f"{value:.2f}"


def measures(a: Agreement, lang: Lang) -> list[tuple[str, str]]:
    """The chance-corrected measures: alpha for any number of files, and kappa for two."""
    out = [(label("agree_alpha", lang), _ratio(a.alpha))]
    if len(a.assessments) == 2:
        out.append((label("agree_kappa", lang), _ratio(a.kappa)))
    return out


# ------------------------------------------------------------------------- the cluster check


def _where(c: Cluster, field: Field) -> str:
    line, file = c.line(field), c.file_of(field)
    return file if line is None else f"{file}:{line}"


def _ids(ids: tuple[str, ...], lang: Lang) -> str:
    if not ids:
        return label("none_listed", lang)
    shown = ", ".join(ids[:SHOWN_MEMBERS])
    more = len(ids) - SHOWN_MEMBERS
    return shown + (" " + label("more_items", lang, count=more) if more > 0 else "")


def pair_line(check: Check, p: Pair, lang: Lang) -> str:
    """One file against the first: one cluster (and why), not checked, or what differs."""
    first, other = check.clusters[0], check.clusters[p.other]
    n = p.other + 1
    if p.same:
        key = {"members": "cluster_same_members", "name": "cluster_same_name"}.get(
            p.basis or "", "cluster_same_id" if p.basis == "id" else "cluster_unchecked"
        )
        return label(key, lang, n=n, count=p.common)
    assert p.basis is not None
    places = {"first": _where(first, p.basis), "other": _where(other, p.basis)}
    if p.basis == "members":
        return label(
            "cluster_diff_members",
            lang,
            n=n,
            only_first=_ids(p.only_first, lang),
            only_other=_ids(p.only_other, lang),
            **places,
        )
    if p.basis == "name":
        values = {"first_value": pick(first.name, lang), "other_value": pick(other.name, lang)}
        return label("cluster_diff_name", lang, n=n, **values, **places)
    values = {"first_value": first.id or "", "other_value": other.id or ""}
    return label("cluster_diff_id", lang, n=n, **values, **places)


def cluster_lines(check: Check | None, lang: Lang) -> list[str]:
    """Every file's line of the check, plain text (to be escaped by the caller)."""
    if check is None:
        return []
    return [pair_line(check, p, lang) for p in check.pairs]


def mismatch_lines(check: Check, lang: Lang) -> list[str]:
    """What differs, file by file, for the error that refuses the comparison."""
    return [pair_line(check, p, lang) for p in check.differing]


def _forced(a: Agreement) -> bool:
    return a.cluster is not None and not a.cluster.same


def summary(a: Agreement, lang: Lang) -> list[str]:
    """The headline lines, plain text (to be escaped by the caller)."""
    overlap = {True: "yes", False: "no", None: "unknown"}[a.bounds_overlap]
    lines = [label("cluster_forced", lang)] if _forced(a) else []
    lines += cluster_lines(a.cluster, lang)
    lines.append(
        label(
            "agree_share",
            lang,
            share=numbers.percent(a.share),
            agreed=sum(u.agrees for u in a.units),
            total=len(a.units),
        )
    )
    lines += [f"{name}: {value}" for name, value in measures(a, lang)]
    lines.append(label("agree_bounds_count", lang, count=len(a.bounds_disagreements)))
    lines.append(label("agree_overlap", lang, answer=label(overlap, lang)))
    return lines


# ------------------------------------------------------------------------------- the bounds


def bounds_rows(a: Agreement, lang: Lang) -> list[tuple[str, list[str], bool]]:
    """Overall, then each dimension: its label, each file's score and bounds, and whether the
    files' bounds differ."""
    rows = []
    overall = [x.score_bounds for x in a.assessments]
    rows.append(
        (
            label("agree_overall", lang),
            [numbers.score_with_bounds(x.score, x.score_bounds) for x in a.assessments],
            len({numbers.bounds(b) for b in overall}) > 1,
        )
    )
    first = a.assessments[0]
    by_file = [{d.spec.id: d for d in x.dimensions} for x in a.assessments]
    for d in first.dimensions:
        found = [f.get(d.spec.id) for f in by_file]
        cells = [
            numbers.MISSING if x is None else numbers.score_with_bounds(x.score, x.score_bounds)
            for x in found
        ]
        spans = {numbers.bounds(x.score_bounds) if x is not None else None for x in found}
        rows.append((d.spec.id, cells, len(spans) > 1))
    return rows


def _cell(c: Any, lang: Lang) -> str:
    r = c.result
    bounds = r.credit_bounds
    span = "—" if bounds is None else f"{bounds[0]:g}–{bounds[1]:g}"
    applies = "" if r.applicable is not None else "; " + label("applies_unknown", lang)
    lines = [f"{label(r.status, lang)} [{span}]{applies}"]
    lines += [fact_line(said(e, lang)) for e in r.evidence[:3]]
    if len(r.evidence) > 3:
        lines.append(label("more_items", lang, count=len(r.evidence) - 3))
    return "\n".join(lines)


def _lines(text: str) -> Any:
    """Our own line breaks kept; each line's file text escaped for the terminal."""
    from rich.text import Text

    return Text("\n").join(rich_text(line) for line in text.split("\n"))


# ------------------------------------------------------------------------------- the terminal


def _units_table(a: Agreement, units: tuple[Unit, ...], title: str, lang: Lang) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_lines=True)
    table.add_column(label("code", lang), max_width=28)
    for n in range(len(a.assessments)):
        table.add_column(f"#{n + 1}", overflow="fold", ratio=1)
    for u in units:
        title_text = pick(u.coded[0].result.spec.title, lang)
        table.add_row(
            Text.assemble(rich_text(u.code), "\n", (rich_text(title_text).plain, "dim")),
            *(_lines(_cell(c, lang)) for c in u.coded),
        )
    return table


def terminal(a: Agreement, console: Any, lang: Lang) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(label("agree_title", lang), style="bold"))
    files = Table(show_header=True)
    files.add_column("#", justify="right")
    files.add_column(label("file", lang), overflow="fold")
    for n, x in enumerate(a.assessments, 1):
        files.add_row(str(n), rich_text(x.shown_file))
    console.print(files)
    for line in summary(a, lang):
        forced = line == label("cluster_forced", lang)
        console.print(rich_text(line), style="bold red" if forced else None)
    bounds = Table(title=label("agree_bounds_title", lang), title_justify="left")
    bounds.add_column("")
    for n in range(len(a.assessments)):
        bounds.add_column(f"#{n + 1}", justify="right", overflow="fold")
    bounds.add_column("", no_wrap=True)
    differ = False
    for name, cells, differs in bounds_rows(a, lang):
        bounds.add_row(name, *cells, "≠" if differs else "")
        differ = differ or differs
    console.print(bounds)
    if differ:
        console.print(Text(label("agree_bounds_differ", lang), style="dim"))
    if a.disagreements:
        console.print(_units_table(a, a.disagreements, label("agree_disagreements", lang), lang))
    else:
        console.print(Text(label("agree_none", lang), style="green"))
    if a.bounds_disagreements:
        title = label("agree_bounds_disagreements", lang)
        console.print(_units_table(a, a.bounds_disagreements, title, lang))
    else:
        console.print(Text(label("agree_bounds_none", lang), style="green"))


# ------------------------------------------------------------------------------- Markdown


def _unit_sections(units: tuple[Unit, ...], lang: Lang) -> list[str]:
    from coopscore.formats.markdown import code, inline

    out = []
    for u in units:
        title = pick(u.coded[0].result.spec.title, lang)
        out += [f"### {inline(u.code)} {inline(title)}", ""]
        for n, c in enumerate(u.coded, 1):
            first, *rest = _cell(c, lang).split("\n")
            out.append(f"- #{n} {code(c.file)}: {inline(first)}")
            out += [f"  - {inline(line)}" for line in rest]
        out.append("")
    return out


def markdown(a: Agreement, lang: Lang) -> str:
    from coopscore.formats.markdown import code, inline, table

    out = [f"# {label('agree_title', lang)}", ""]
    out.append(
        table(
            ["#", label("file", lang)],
            [(n, code(x.shown_file)) for n, x in enumerate(a.assessments, 1)],
        )
    )
    out += [""] + [f"- {inline(line)}" for line in summary(a, lang)] + [""]
    out += [f"## {label('agree_bounds_title', lang)}", ""]
    rows = bounds_rows(a, lang)
    out.append(
        table(
            ["", *(f"#{n}" for n in range(1, len(a.assessments) + 1)), ""],
            [(name, *cells, "≠" if differs else "") for name, cells, differs in rows],
        )
    )
    if any(differs for _, _, differs in rows):
        out += ["", inline(label("agree_bounds_differ", lang))]
    out += ["", f"## {label('agree_disagreements', lang)} ({len(a.disagreements)})", ""]
    if not a.disagreements:
        out += [label("agree_none", lang), ""]
    out += _unit_sections(a.disagreements, lang)
    title = label("agree_bounds_disagreements", lang)
    out += [f"## {title} ({len(a.bounds_disagreements)})", ""]
    if not a.bounds_disagreements:
        out += [label("agree_bounds_none", lang), ""]
    out += _unit_sections(a.bounds_disagreements, lang)
    return "\n".join(out)


# ------------------------------------------------------------------------------------ JSON


def _file(unit: Unit, index: int) -> dict[str, Any]:
    c = unit.coded[index]
    r = c.result
    return {
        "path": c.file,
        "status": r.status,
        "credit_bounds": None if r.credit_bounds is None else list(r.credit_bounds),
        "applicable": r.applicable,
        "evidence": [json_out.evidence(e) for e in r.evidence],
    }


def _name(name: Any) -> Any:
    """A name as written: a plain string, or ``{en, zh}``."""
    if name is None or isinstance(name, str):
        return name
    return {"en": name.en, "zh": name.zh}


def _cluster(check: Check | None) -> dict[str, Any] | None:
    if check is None:
        return None
    first = check.clusters[0]

    def stated(c: Cluster) -> dict[str, Any]:
        return {
            "path": c.file,
            "id": c.id,
            "name": _name(c.name),
            "members": None if c.members is None else [m.id for m in c.members],
        }

    return {
        "same": check.same,
        "files": [stated(c) for c in check.clusters],
        "pairs": [
            {
                "first": first.file,
                "other": check.clusters[p.other].file,
                "basis": p.basis,
                "same": p.same,
                **(
                    {"common": p.common, "only_first": p.only_first, "only_other": p.only_other}
                    if p.basis == "members"
                    else {}
                ),
            }
            for p in check.pairs
        ],
    }


def to_dict(a: Agreement) -> dict[str, Any]:
    out: dict[str, Any] = {
        "files": [
            {
                "path": x.file,
                "score": x.score,
                "score_bounds": json_out.bounds(x.score_bounds),
                "dimensions": [
                    {
                        "id": d.spec.id,
                        "score": numbers.json_score(d.score),
                        "score_bounds": json_out.bounds(d.score_bounds),
                    }
                    for d in x.dimensions
                ],
            }
            for x in a.assessments
        ],
        "cluster": _cluster(a.cluster),
        "criteria": len(a.units),
        "agreement": round(a.share, 3),
    }
    if _forced(a):
        out["warnings"] = [{"kind": "different_clusters", "forced": True}]
    if len(a.assessments) == 2:
        out["kappa"] = None if a.kappa is None else round(a.kappa, 3)
    out["alpha"] = None if a.alpha is None else round(a.alpha, 3)
    out["bounds_overlap"] = a.bounds_overlap
    out["disagreements"] = [
        {"code": u.code, "files": [_file(u, i) for i in range(len(u.coded))]}
        for u in a.disagreements
    ]
    out["bounds_disagreements"] = [
        {"code": u.code, "files": [_file(u, i) for i in range(len(u.coded))]}
        for u in a.bounds_disagreements
    ]
    return out


def to_json(a: Agreement) -> str:
    return json_dumps(to_dict(a), indent=2) + "\n"
