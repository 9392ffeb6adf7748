"""compare's output: deltas per dimension, gaps closed and opened, unknowns resolved.

Both sides may be saved JSON assessments, so every value read from them is file text: it is
escaped for the terminal or Markdown like any scenario text.
"""

from __future__ import annotations

from typing import Any

from coopscore.core.compare import Comparison
from coopscore.formats import numbers
from coopscore.formats.escaping import rich_text, visible
from coopscore.formats.i18n import Lang, label


def _l(key: str, lang: Lang) -> str:
    return label("compare_" + key, lang)


def _num(value: Any, signed: bool = False) -> str:
    return numbers.score_change(value) if signed else numbers.score(value)


def _pct(value: Any, signed: bool = False) -> str:
    return numbers.percent_change(value) if signed else numbers.percent(value)


def rows(c: Comparison, lang: Lang = "en") -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [
        (
            _l("overall", lang),
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


def _status(value: Any, lang: Lang) -> str:
    """A criterion status in the chosen language (as the saved file spells it otherwise)."""
    return label(value, lang) if value in _STATUSES else str(value)


_STATUSES = frozenset({"met", "partial", "unmet", "unknown", "not_applicable"})


def _item(row: dict[str, Any], lang: Lang = "en") -> str:
    title = f" — {row['title']}" if row.get("title") else ""
    change = f"{_status(row['old'], lang)} → {_status(row['new'], lang)}"
    return f"{row['code']} {row['slug']}{title}: {change}"


def _side(scenario: dict[str, Any]) -> str:
    return f"{scenario['id']} ({scenario['as_of']})"


def terminal(c: Comparison, console: Any, lang: Lang) -> None:
    """The comparison on a terminal; every value from the two sides shown as plain text."""
    from rich.table import Table
    from rich.text import Text

    old, new = c.old["scenario"], c.new["scenario"]
    arrow = visible(f"{_side(old)} → {_side(new)}")
    console.print(Text.assemble((_l("title", lang), "bold"), ": ", arrow))
    table = Table()
    for n, header in enumerate(_headers(lang)):
        table.add_column(header, justify="left" if n == 0 else "right")
    for row in rows(c, lang):
        table.add_row(*(rich_text(v) for v in row))
    console.print(table)
    for key, items in _lists(c):
        console.print(Text.assemble((_l(key, lang), "bold"), f" ({len(items)})"))
        for item in items:
            console.print(rich_text(f"  {_item(item, lang)}"))
        if not items:
            console.print(Text(f"  {_l('none', lang)}"))


def markdown(c: Comparison, lang: Lang) -> str:
    from coopscore.formats.markdown import inline, table

    old, new = c.old["scenario"], c.new["scenario"]
    out = [
        f"# {_l('title', lang)}: {inline(old['name'])} ({inline(old['as_of'])}) → "
        f"{inline(new['name'])} ({inline(new['as_of'])})",
        "",
        table(_headers(lang), rows(c, lang)),
        "",
    ]
    for key, items in _lists(c):
        out += [f"## {_l(key, lang)} ({len(items)})", ""]
        out += [f"- {inline(_item(row, lang))}" for row in items] or [f"- {_l('none', lang)}"]
        out.append("")
    if c.warnings:
        out += ["## Warnings", ""] + [f"- {inline(w)}" for w in c.warnings] + [""]
    return "\n".join(out)
