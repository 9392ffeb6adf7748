"""Reading a table back from terminal text: the tables ``formats.to_terminal`` draws, a row of
titles over a rule of ``─`` per column, cells apart by spaces, a row that takes several lines
set apart from the next by a blank line."""

from __future__ import annotations

import re
from itertools import pairwise

from rich.cells import cell_len

Cell = list[str]  # a cell's lines, each stripped
Row = list[Cell]


def _slice(line: str, start: int, end: int) -> str:
    """The characters of ``line`` within cells ``start`` to ``end`` (wide ones count two)."""
    out, at = [], 0
    for char in line:
        if start <= at < end:
            out.append(char)
        at += cell_len(char)
    return "".join(out)


def _spans(rule: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer("─+", rule)]


def _fits(line: str, spans: list[tuple[int, int]]) -> bool:
    """Nothing of ``line`` stands in a gap between two columns."""
    return all(not _slice(line, end, start).strip() for (_, end), (start, _) in pairwise(spans))


def tables(text: str) -> list[list[Row]]:
    """Every ruled table in ``text``: its rows (titles left out), each a list of cells."""
    lines = text.splitlines()
    found: list[list[Row]] = []
    for n, line in enumerate(lines):
        if not line.strip() or line.strip("─ "):
            continue
        spans = _spans(line)
        body: list[str] = []
        for following in lines[n + 1 :]:
            if following.strip() and not _fits(following, spans):
                break
            if not following.strip() and body and not body[-1].strip():
                break
            body.append(following)
        while body and not body[-1].strip():
            body.pop()
        tall = any(not b.strip() for b in body)
        groups: list[list[str]] = [[]]
        for b in body:
            if tall and not b.strip():
                groups.append([])
            elif tall:
                groups[-1].append(b)
            else:
                groups.append([b])
        rows = []
        for group in (g for g in groups if g):
            cells = [[_slice(x, a, b).strip() for x in group] for a, b in spans]
            rows.append([[piece for piece in cell if piece] for cell in cells])
        found.append(rows)
    return found


def column(text: str, index: int, joined: str = " ", table: int = 0) -> list[str]:
    """The cells of one column of the ``table``-th table, each cell's lines joined."""
    return [joined.join(row[index]) for row in tables(text)[table]]
