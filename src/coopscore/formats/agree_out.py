"""agree's output: where independent encodings of one cluster part ways, and how much they agree.

Every value read from the files is file text, escaped where it enters the terminal or Markdown.
"""

from __future__ import annotations

from typing import Any

from coopscore.core.agreement import Agreement, Unit
from coopscore.formats import json_out, numbers
from coopscore.formats.escaping import json_dumps, rich_text
from coopscore.formats.i18n import Lang, label, pick
from coopscore.formats.notes import fact_line, said


def _ratio(value: float | None) -> str:
    return numbers.MISSING if value is None else f"{value:.2f}"


def measure(a: Agreement) -> tuple[str, str]:
    """The chance-corrected measure this many files get: its name and its value."""
    if a.alpha is not None or len(a.assessments) > 2:
        return "Krippendorff's alpha", _ratio(a.alpha)
    return "Cohen's kappa", _ratio(a.kappa)


def summary(a: Agreement, lang: Lang) -> list[str]:
    """The headline lines, plain text (to be escaped by the caller)."""
    name, value = measure(a)
    overlap = {True: "yes", False: "no", None: "unknown"}[a.bounds_overlap]
    return [
        label(
            "agree_share",
            lang,
            share=numbers.percent(a.share),
            agreed=sum(u.agrees for u in a.units),
            total=len(a.units),
        ),
        f"{name}: {value}",
        label("agree_overlap", lang, answer=label(overlap, lang)),
    ]


def _cell(c: Any, lang: Lang) -> str:
    r = c.result
    bounds = r.credit_bounds
    span = "—" if bounds is None else f"{bounds[0]:g}–{bounds[1]:g}"
    lines = [f"{label(r.status, lang)} [{span}]"]
    lines += [fact_line(said(e, lang)) for e in r.evidence[:3]]
    if len(r.evidence) > 3:
        lines.append(label("more_items", lang, count=len(r.evidence) - 3))
    return "\n".join(lines)


def _lines(text: str) -> Any:
    """Our own line breaks kept; each line's file text escaped for the terminal."""
    from rich.text import Text

    return Text("\n").join(rich_text(line) for line in text.split("\n"))


def terminal(a: Agreement, console: Any, lang: Lang) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(label("agree_title", lang), style="bold"))
    files = Table(show_header=True)
    files.add_column("#", justify="right")
    files.add_column(label("file", lang))
    files.add_column(label("score", lang), justify="right")
    for n, x in enumerate(a.assessments, 1):
        files.add_row(
            str(n), rich_text(x.shown_file), numbers.score_with_bounds(x.score, x.score_bounds)
        )
    console.print(files)
    for line in summary(a, lang):
        console.print(rich_text(line))
    if not a.disagreements:
        console.print(Text(label("agree_none", lang), style="green"))
        return
    table = Table(title=label("agree_disagreements", lang), title_justify="left", show_lines=True)
    table.add_column(label("code", lang), max_width=28)
    for n in range(len(a.assessments)):
        table.add_column(f"#{n + 1}", overflow="fold", ratio=1)
    for u in a.disagreements:
        title = pick(u.coded[0].result.spec.title, lang)
        table.add_row(
            Text.assemble(rich_text(u.code), "\n", (rich_text(title).plain, "dim")),
            *(_lines(_cell(c, lang)) for c in u.coded),
        )
    console.print(table)


def markdown(a: Agreement, lang: Lang) -> str:
    from coopscore.formats.markdown import code, inline, table

    out = [f"# {label('agree_title', lang)}", ""]
    out.append(
        table(
            ["#", label("file", lang), label("score", lang)],
            [
                (n, code(x.shown_file), numbers.score_with_bounds(x.score, x.score_bounds))
                for n, x in enumerate(a.assessments, 1)
            ],
        )
    )
    out += [""] + [f"- {inline(line)}" for line in summary(a, lang)] + [""]
    out += [f"## {label('agree_disagreements', lang)} ({len(a.disagreements)})", ""]
    if not a.disagreements:
        out += [label("agree_none", lang), ""]
    for u in a.disagreements:
        title = pick(u.coded[0].result.spec.title, lang)
        out += [f"### {inline(u.code)} {inline(title)}", ""]
        for n, c in enumerate(u.coded, 1):
            first, *rest = _cell(c, lang).split("\n")
            out.append(f"- #{n} {code(c.file)}: {inline(first)}")
            out += [f"  - {inline(line)}" for line in rest]
        out.append("")
    return "\n".join(out)


def _file(unit: Unit, index: int) -> dict[str, Any]:
    c = unit.coded[index]
    r = c.result
    return {
        "path": c.file,
        "status": r.status,
        "credit_bounds": None if r.credit_bounds is None else list(r.credit_bounds),
        "evidence": [json_out.evidence(e) for e in r.evidence],
    }


def to_dict(a: Agreement) -> dict[str, Any]:
    out: dict[str, Any] = {
        "files": [
            {
                "path": x.file,
                "score": x.score,
                "score_bounds": json_out.bounds(x.score_bounds),
            }
            for x in a.assessments
        ],
        "criteria": len(a.units),
        "agreement": round(a.share, 3),
    }
    if len(a.assessments) == 2:
        out["kappa"] = None if a.kappa is None else round(a.kappa, 3)
    else:
        out["alpha"] = None if a.alpha is None else round(a.alpha, 3)
    out["bounds_overlap"] = a.bounds_overlap
    out["disagreements"] = [
        {"code": u.code, "files": [_file(u, i) for i in range(len(u.coded))]}
        for u in a.disagreements
    ]
    return out


def to_json(a: Agreement) -> str:
    return json_dumps(to_dict(a), indent=2) + "\n"
