"""compare's output: deltas per dimension, gaps closed and opened, unknowns resolved."""

from __future__ import annotations

from typing import Any

from coopscore.compare import Comparison
from coopscore.i18n import Lang, label


def _l(key: str, lang: Lang) -> str:
    return label("compare_" + key, lang)


def _num(value: Any, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}" if signed else f"{value:.1f}"


def _pct(value: Any, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value * 100:+.0f} pt" if signed else f"{value:.0%}"


def rows(c: Comparison) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [
        (
            _l("overall", "en"),
            _num(c.old["score"]),
            _num(c.new["score"]),
            _num(
                c.new["score"] - c.old["score"]
                if None not in (c.old["score"], c.new["score"])
                else None,
                True,
            ),
            _pct(c.old["coverage"]),
            _pct(c.new["coverage"]),
            _pct(c.new["coverage"] - c.old["coverage"], True),
        )
    ]
    for d in c.dimensions:
        out.append(
            (
                f"{d['id']} {d['name']}",
                _num(d["old_score"]),
                _num(d["new_score"]),
                _num(d["score_delta"], True),
                _pct(d["old_coverage"]),
                _pct(d["new_coverage"]),
                _pct(d["coverage_delta"], True),
            )
        )
    return out


def _headers(lang: Lang) -> list[str]:
    cov = _l("coverage", lang)
    return [
        _l("dimension", lang), _l("old", lang), _l("new", lang), _l("delta", lang),
        f"{cov} ({_l('old', lang)})", f"{cov} ({_l('new', lang)})", f"{cov} {_l('delta', lang)}",
    ]  # fmt: skip


def _lists(c: Comparison) -> list[tuple[str, list[dict[str, Any]]]]:
    return [
        ("closed", c.closed),
        ("opened", c.opened),
        ("changed", c.changed),
        ("resolved", c.resolved),
        ("lost", c.lost),
    ]


def _item(row: dict[str, Any]) -> str:
    title = f" — {row['title']}" if row.get("title") else ""
    return f"{row['code']} {row['slug']}{title}: {row['old']} → {row['new']}"


def terminal(c: Comparison, console: Any, lang: Lang) -> None:
    from rich.markup import escape
    from rich.table import Table

    old, new = c.old["scenario"], c.new["scenario"]
    arrow = f"{escape(old['id'])} ({old['as_of']}) → {escape(new['id'])} ({new['as_of']})"
    console.print(f"[bold]{_l('title', lang)}[/bold]: {arrow}")
    table = Table()
    for n, header in enumerate(_headers(lang)):
        table.add_column(header, justify="left" if n == 0 else "right")
    for row in rows(c):
        table.add_row(*(escape(v) for v in row))
    console.print(table)
    for key, items in _lists(c):
        console.print(f"[bold]{_l(key, lang)}[/bold] ({len(items)})")
        for item in items:
            console.print(f"  {escape(_item(item))}")
        if not items:
            console.print(f"  {_l('none', lang)}")


def markdown(c: Comparison, lang: Lang) -> str:
    from coopscore.render.markdown import inline, table

    old, new = c.old["scenario"], c.new["scenario"]
    out = [
        f"# {_l('title', lang)}: {inline(old['name'])} ({old['as_of']}) → "
        f"{inline(new['name'])} ({new['as_of']})",
        "",
        table(_headers(lang), rows(c)),
        "",
    ]
    for key, items in _lists(c):
        out += [f"## {_l(key, lang)} ({len(items)})", ""]
        out += [f"- {inline(_item(row))}" for row in items] or [f"- {_l('none', lang)}"]
        out.append("")
    if c.warnings:
        out += ["## Warnings", ""] + [f"- {inline(w)}" for w in c.warnings] + [""]
    return "\n".join(out)
