"""Text fitted to a width: the one line breaker, and table columns sized by what they hold.

Lines break between words, or between two CJK characters, never inside a run of Latin
letters or digits (an identifier such as ``population_m`` stays whole), never inside a section
mark (``§三(五)``), never before a closing mark (``，。）"``) or after an opening one (``（《"``),
so no line starts with a lone comma or ends with an open bracket, and the last line of a text
is never one CJK character alone. ``KEEP`` (a no-break space) joins what should stay on one
line and prints as a space. What is wider than a line breaks where it costs least: at a
``KEEP``, then after a path's ``/`` (a scenario path's ``.``), then after ``-``, ``_`` or ``.``
in a name wider than the whole line, then before a closing mark (after an opening one) glued
to a piece that fits a line alone; only a piece with no such place is cut, where it must be.
A span a report gave a role (a code, a path) breaks only so, never at its spaces.

Widths are terminal cells (a CJK character takes two). Every function ends at any width from
one cell up: each line holds at least one character, so the text always moves on.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

KEEP = "\u00a0"
_CLOSING = frozenset("，。、；：！？）》」』】〕〉…·%‰,.;:!?)]}”’")
_OPENING = frozenset("（《「『【〔〈([{“‘")


@lru_cache(maxsize=4096)
def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@lru_cache(maxsize=4096)
def _cells(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\u2060\ufeff":
        return 0
    return 2 if _wide(char) else 1


def cell_len(text: str) -> int:
    """``text``'s width in terminal cells: two for a wide (CJK) character, none for a
    combining mark. Measured here rather than by the terminal library, so the Markdown and
    HTML writers can fit text without loading it."""
    if text.isascii():
        return len(text)
    return sum(_cells(c) for c in text)


BAR_CHARS = ("█", "▓", "░", "·")


def bar_cells(
    value: float | None, lower: float | None, upper: float | None, size: int
) -> list[int]:
    """How many of ``size`` cells each part of a bar takes: certain (up to the lower bound),
    up to the point, up to the upper bound, and the rest of the scale (0–100)."""
    point = value
    lower = lower if lower is not None else point
    upper = upper if upper is not None else point
    if lower is None or upper is None:
        return [0, 0, 0, size]
    point = point if point is not None else lower
    marks = [round(size * v / 100) for v in (lower, point, upper)]
    a, b, c = marks[0], max(marks[1], marks[0]), max(marks[2], marks[1], marks[0])
    return [a, b - a, c - b, size - c]


# ------------------------------------------------------------------------------ line breaking
#
# A line breaks where the text allows it, and the more readily the less it costs a reader:
# between words and between CJK characters first (``FREE``), at a ``KEEP`` only when what it
# joins is wider than a line (``KEPT``), inside a path only after its ``/`` (or, in a scenario
# path, after its ``.``) when the path is wider than a line (``INNER``), inside a file's name
# only after ``-``, ``_`` or ``.`` when the name alone is wider than the line (``WORD``), then
# where two pieces are glued by a mark (before a closing mark, after an opening one) when what
# they make is wider than the line (``GLUED``: a line starts with ``。`` rather than cut a token
# that fits a line alone), and anywhere only when one character is all that is left.

FREE, KEPT, INNER, WORD, GLUED = 0, 1, 2, 3, 4
Spans = Sequence[tuple[int, int, str]]  # (start, end, role) of text a report gave a role


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    gap: int  # cells of space before it on the same line (0 when glued to the one before)
    glued: bool  # no break allowed before it


_ATOM = re.compile(r" +|[^ ]")
# A section mark of the paper (``§一(二)1``, ``§一(一)3.5``, ``§三（四）``) is one piece: never
# broken inside.
_SECTION = re.compile(
    r"§[一二三四五六七八九十]+(?:[(（][一二三四五六七八九十]+[)）])?(?:[0-9]+(?:\.[0-9]+)?)?"
)


def _roled(text: str, roles: Spans) -> list[bool]:
    """For each character, whether it stands in a span with a role (a code, a path, a
    number): its spaces and CJK characters are no place for an ordinary break."""
    out = [False] * len(text)
    for start, end, _ in roles:
        out[max(start, 0) : max(end, 0)] = [True] * (max(end, 0) - max(start, 0))
    return out


def _quote_sides(text: str) -> dict[int, bool]:
    """For each straight double quote, whether it opens (``True``) or closes a quotation,
    counted in pairs: ``服务"跨省通办"。`` opens at the first and closes at the second."""
    sides: dict[int, bool] = {}
    opened = False
    for found in re.finditer('"', text):
        opened = not opened
        sides[found.start()] = opened
    return sides


def _opens(text: str, at: int, quotes: dict[int, bool]) -> bool:
    char = text[at]
    return char in _OPENING or (char == '"' and quotes.get(at, False))


def _closes(text: str, at: int, quotes: dict[int, bool]) -> bool:
    char = text[at]
    return char in _CLOSING or (char == '"' and not quotes.get(at, True))


def _pieces(text: str, roles: Spans = ()) -> list[_Piece]:
    """``text`` as unbreakable pieces, each with the space before it and whether a line may
    break before it."""
    pieces: list[_Piece] = []
    at, n, gap = 0, len(text), 0
    kept = _kept_words(text)
    roled = _roled(text, roles) if roles else [False] * n
    quotes = _quote_sides(text) if '"' in text else {}
    while at < n:
        char = text[at]
        if char == " " and not roled[at]:
            end = at
            while end < n and text[end] == " " and not roled[end]:
                end += 1
            gap, at = end - at, end
            continue
        end = at + 1
        mark = _SECTION.match(text, at) if char == "§" else None
        if mark is not None:
            end = mark.end()
        if roled[at] or not _wide(char) or mark is not None:
            # A run of Latin letters, digits and marks, a section mark or a span with a role:
            # one piece, however long (it breaks inside only when wider than a line). A
            # section mark that ends on a CJK character (``§三（四）``, ``§五``) ends its piece:
            # what follows it meets a CJK character, where a line may break.
            while (
                end < n
                and (roled[end] or (text[end] != " " and not _wide(text[end])))
                and not (mark is not None and _wide(text[end - 1]) and not roled[end])
            ):
                mark = _SECTION.match(text, end) if text[end] == "§" else None
                end = mark.end() if mark is not None else end + 1
        prev = at - 1
        # Two pieces that touch meet at a CJK character (Latin runs are whole pieces): a line
        # may break there, unless the next one closes, the last one opens, or ``KEEP`` joins.
        glued = (
            gap == 0
            and bool(pieces)
            and (
                _closes(text, at, quotes)
                or _opens(text, prev, quotes)
                or KEEP in (char, text[prev])
                or (kept[at] and kept[prev])
            )
        )
        pieces.append(_Piece(at, end, gap, glued))
        gap, at = 0, end
    return pieces


def _kept_words(text: str) -> list[bool]:
    """For each character, whether it stands in a run of CJK characters that ``KEEP`` touches
    (``校验值\u00a01601d18603b7``): such a run stays on one line with what it is kept with."""
    out = [False] * len(text)
    at, n = 0, len(text)
    while at < n:
        if not _wide(text[at]):
            at += 1
            continue
        end = at
        while end < n and _wide(text[end]):
            end += 1
        if (at > 0 and text[at - 1] == KEEP) or (end < n and text[end] == KEEP):
            out[at:end] = [True] * (end - at)
        at = end
    return out


_WORD = re.compile(r"[^ ]+")


def _groups(text: str, roles: Spans = ()) -> list[tuple[int, int, int]]:
    """Pieces joined while no break is allowed between them: (start, end, gap before)."""
    if text.isascii() and not roles:
        return _ascii_groups(text)
    return _piece_groups(text, roles)


def _ascii_groups(text: str) -> list[tuple[int, int, int]]:
    """``_groups`` of ASCII text, where no character is wide, no section mark or ``KEEP`` can
    stand, and so every run of characters between spaces is a group of its own."""
    groups: list[tuple[int, int, int]] = []
    last = 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        groups.append((start, end, start - last))
        last = end
    return groups


def _piece_groups(text: str, roles: Spans = ()) -> list[tuple[int, int, int]]:
    """``_groups`` of any text, piece by piece."""
    groups: list[tuple[int, int, int]] = []
    for p in _pieces(text, roles):
        if p.glued and groups:
            start, _, gap = groups[-1]
            groups[-1] = (start, p.end, gap)
        else:
            groups.append((p.start, p.end, p.gap))
    return groups


_GAPS = frozenset((" ", KEEP))


def _inner(
    text: str, start: int, end: int, roled: list[bool] | None, quotes: dict[int, bool]
) -> list[tuple[int, int, int]]:
    """Where a group may still break when it is wider than a line: (end of the part before,
    start of the part after, ``KEPT``, ``INNER`` or ``WORD``). ``roled``: which characters
    stand in a span with a role (None: none does); ``quotes``: which straight quotes open."""
    out: list[tuple[int, int, int]] = []
    at = start
    while at < end:
        char = text[at]
        if char in _GAPS:
            stop = at
            while stop < end and text[stop] in _GAPS:
                stop += 1
            if at > start and stop < end:
                plain = roled is None or not any(roled[at:stop])
                out.append((at, stop, KEPT if plain else INNER))
            at = stop
            continue
        if _wide(char):
            after = at + 1
            if after < end and _cjk_break(text, after, roled, quotes):
                out.append((after, after, INNER))
            at = after
            continue
        stop = at
        while stop < end and text[stop] not in _GAPS and not _wide(text[stop]):
            mark = _SECTION.match(text, stop) if text[stop] == "§" else None
            stop = mark.end() if mark is not None else stop + 1
            if mark is not None and _wide(text[stop - 1]):
                break  # a section mark ending on a CJK character ends its run, as in ``_pieces``
        out += _run_breaks(text, at, stop, end, quotes)
        if stop < end and _wide(text[stop - 1]) and _cjk_break(text, stop, roled, quotes):
            out.append((stop, stop, INNER))
        at = stop
    return out


def _cjk_break(text: str, at: int, roled: list[bool] | None, quotes: dict[int, bool]) -> bool:
    """Whether a group wider than a line may break at ``at``, just after a CJK character:
    not before a closing mark or after an opening one, and before a Latin character only
    inside a span with a role (elsewhere the two would be pieces of their own)."""
    return (
        text[at] not in _GAPS
        and not _closes(text, at, quotes)
        and not _opens(text, at - 1, quotes)
        and (_wide(text[at]) or roled is not None)
    )


# A file's name, as a citation writes it (``base.yaml:12``): its dots are inside the name.
_FILE_NAME = re.compile(r"\.(?:ya?ml|json|jsonl|csv|md|html|txt)\b")


def _run_breaks(
    text: str, start: int, stop: int, end: int, quotes: dict[int, bool]
) -> list[tuple[int, int, int]]:
    """The breaks inside a run of Latin characters: after ``/`` in a path (or after ``.``
    where the run is neither a path nor a file's name, as a scenario path), else after ``-``,
    ``_`` or ``.``; never
    inside a section mark, and never where a line would start with a closing mark."""
    run = text[start:stop]
    outer = "/" if "/" in run or _FILE_NAME.search(run) else "."
    out: list[tuple[int, int, int]] = []
    at = start
    while at < stop:
        char = text[at]
        if char == "§":
            mark = _SECTION.match(text, at)
            if mark is not None:
                at = mark.end()
                continue
        after = at + 1
        if after < end and text[after] not in _GAPS and not _closes(text, after, quotes):
            if char == outer:
                out.append((after, after, INNER))
            elif char in "-_./":
                out.append((after, after, WORD))
        at = after
    return out


def fits_up_to(text: str, room: int, start: int = 0, end: int | None = None) -> int:
    """Where ``text[start:end]`` stops fitting in ``room`` cells: the end of its longest start
    that does."""
    end = len(text) if end is None else end
    used, at = 0, start
    while at < end and used + cell_len(text[at]) <= room:
        used += cell_len(text[at])
        at += 1
    return at


def _chop(text: str, start: int, end: int, room: int) -> int:
    """Where to cut ``text[start:end]`` so its first part fills at most ``room`` cells (one
    character at least, so that every cut moves on)."""
    return max(fits_up_to(text, room, start, end), start + 1)


class _Lines:
    """Lines being filled: each (start, end) of the text, the indents they stand at."""

    def __init__(self, text: str, size: int, first: int, rest: int) -> None:
        self.text, self.size, self.rest = text, size, rest
        self.lines: list[tuple[int, int]] = []
        self.margin, self.begin, self.last, self.used = first, -1, 0, 0

    def room(self) -> int:
        return self.size - self.margin

    def end_line(self) -> None:
        if self.begin >= 0:
            self.lines.append((self.begin, self.last))
        self.margin, self.begin, self.used = self.rest, -1, 0

    def put(
        self, start: int, end: int, gap: int, inner: list[tuple[int, int, int]], top: bool = False
    ) -> None:
        """``text[start:end]`` (with ``gap`` spaces before it) on the lines: on this line when
        it fits, whole on the next when it fits there, else broken at its easiest breaks."""
        grown = cell_len(self.text[start:end])
        space = gap if self.begin >= 0 else 0
        if self.used + space + grown <= self.room():
            self.begin = start if self.begin < 0 else self.begin
            self.used, self.last = self.used + space + grown, end
            return
        if self.begin >= 0 and grown <= self.size - self.rest:
            self.end_line()  # it moves whole to the next line
            self.put(start, end, 0, inner, top)
            return
        easiest = min((level for _, _, level in inner), default=None)
        if easiest is not None and (easiest < WORD or grown > self.size):
            if top and self.begin >= 0:
                self.end_line()  # what must break starts a line of its own
                gap = 0
            parts = [(a, b) for a, b, level in inner if level == easiest]
            deeper = [b for b in inner if b[2] > easiest]
            edges = [start, *(x for a, b in parts for x in (a, b)), end]
            for n in range(0, len(edges), 2):
                a, b = edges[n], edges[n + 1]
                inside = [x for x in deeper if a < x[0] and x[1] < b]
                self.put(a, b, gap if n == 0 else edges[n] - edges[n - 1], inside)
            return
        if grown <= self.size:
            # Wider than the room beside the indent, not than the line, and nowhere to break:
            # it stands alone on a line whose indent shrinks (``fitted_margin``), whole.
            self.end_line()
            self.lines.append((start, end))
            return
        self.cut(start, end, space)

    def cut(self, start: int, end: int, space: int) -> None:
        """A piece wider than any line, with no break left: cut where it must be."""
        while start < end:
            room = self.room() - self.used - space
            if self.begin >= 0 and (room < 1 or cell_len(self.text[start]) > room):
                self.end_line()
                space = 0
                continue
            at = _chop(self.text, start, end, max(room, 1))
            if at >= end:
                self.begin = start if self.begin < 0 else self.begin
                self.used, self.last = self.used + space + cell_len(self.text[start:end]), end
                return
            self.lines.append((start if self.begin < 0 else self.begin, at))
            self.margin, self.begin, self.used, space = self.rest, -1, 0, 0
            start = at


def breaks(
    text: str, size: int, indent: int = 0, hang: int = 0, roles: Spans = ()
) -> list[tuple[int, int]]:
    """Where ``text`` breaks into lines of at most ``size`` cells: (start, end) of each line's
    text. The first line is indented by ``indent`` cells, the others by ``indent + hang``;
    indents are capped at ``size - 1`` so every line holds a character. ``roles`` are the
    spans a report gave a role (a code, a path): they break only as their role allows."""
    size = max(size, 1)
    first, rest = min(indent, size - 1), min(indent + hang, size - 1)
    filling = _Lines(text, size, first, rest)
    groups = _groups(text, roles)
    roled: list[bool] | None = None
    quotes: dict[int, bool] | None = None
    glue: list[int] = []
    for start, end, gap in groups:
        if start >= end:
            continue
        grown = cell_len(text[start:end])
        inner: list[tuple[int, int, int]] = []
        if grown > size - rest:
            if quotes is None:  # worked out once, for the first group that must break
                roled = _roled(text, roles) if roles else None
                quotes = _quote_sides(text) if '"' in text else {}
                glue = [p.start for p in _pieces(text, roles) if p.glued]
            inner = _inner(text, start, end, roled, quotes)
            taken = {x for a, b, _ in inner for x in (a, b)}
            within = glue[bisect_right(glue, start) : bisect_left(glue, end)]
            inner += [(at, at, GLUED) for at in within if at not in taken]
        filling.put(start, end, gap, inner, top=True)
    filling.end_line()
    found = filling.lines or [(0, 0)]
    return _no_orphan(text, found, groups, size - rest)


def _no_orphan(
    text: str, found: list[tuple[int, int]], groups: list[tuple[int, int, int]], room: int
) -> list[tuple[int, int]]:
    """The last line never holds one CJK character alone (``存`` / ``在``): the piece
    before it comes down with it, where both fit on the line."""
    if len(found) < 2:
        return found
    (begin, _), (start, end) = found[-2], found[-1]
    alone = text[start:end].rstrip("".join(_CLOSING))
    if len(alone) != 1 or not _wide(alone):
        return found
    before = [s for s, _, _ in groups if begin < s < start]
    if not before or not any(s == start for s, _, _ in groups):
        return found
    moved = before[-1]
    if cell_len(text[moved:end]) > room:
        return found
    kept = moved
    while kept > begin and text[kept - 1] in _GAPS:
        kept -= 1
    return [*found[:-2], (begin, kept), (moved, end)]


def lines(text: str, size: int, indent: int = 0, hang: int = 0, roles: Spans = ()) -> list[str]:
    """``text`` broken into lines of at most ``size`` cells, indents included."""
    size = max(size, 1)
    first, rest = min(indent, size - 1), min(indent + hang, size - 1)
    out = []
    for n, (start, end) in enumerate(breaks(text, size, indent, hang, roles)):
        piece = text[start:end].replace(KEEP, " ")
        margin = fitted_margin(first if n == 0 else rest, cell_len(piece), size)
        out.append(" " * margin + piece)
    return out


def fitted_margin(margin: int, used: int, size: int) -> int:
    """An indent shrunk where a line's one wide character would not fit beside it."""
    return max(0, min(margin, size - used))


_WORD_ENDS = re.compile(r"(?<=[-_.])")


def _segments(text: str) -> list[str]:
    """A path's names, each with the ``/`` after it (or ``.`` when it has no ``/``)."""
    sep = "/" if "/" in text else "."
    parts = [p + sep for p in text.split(sep)]
    parts[-1] = parts[-1][: -len(sep)]
    return parts


def path_lines(text: str, size: int) -> list[str]:
    """A path broken after ``/`` (or ``.`` when it has no ``/``); a name wider than the line
    breaks after a ``-``, ``_`` or ``.`` within it, and inside a word only where a word alone
    is wider than the line."""
    size = max(size, 1)
    out: list[str] = []
    line = ""
    for segment in _segments(text):
        pieces = [segment] if cell_len(segment) <= size else _WORD_ENDS.split(segment)
        for part in pieces:
            if cell_len(line + part) <= size:
                line += part
                continue
            if line:
                out.append(line)
                line = ""
            while cell_len(part) > size:
                cut = _chop(part, 0, len(part), size)
                out.append(part[:cut])
                part = part[cut:]
            line = part
        if line and cell_len(segment) > size:
            out.append(line)  # a long name broken in words ends its line
            line = ""
    if line or not out:
        out.append(line)
    return out


def longest_piece(text: str) -> int:
    """The widest piece ``text`` cannot be broken inside: the least width it wraps to whole."""
    return max((cell_len(text[s:e]) for s, e, _ in _groups(text)), default=0)


def longest_segment(text: str) -> int:
    """The widest word of a path's names, with the separator after it (see ``path_lines``)."""
    words = (w for segment in _segments(text) for w in _WORD_ENDS.split(segment))
    return max((cell_len(w) for w in words), default=0)


# ------------------------------------------------------------------------------ table widths

Role = str
_WHOLE = frozenset({"code", "number", "bounds"})
GUTTER = 2  # cells between two columns


NAME_LEAST = 8  # a name narrower than this breaks only if it must (``决策层`` stays whole)
CJK_NAME_LEAST = 12  # a Chinese name breaks between characters: keep short ones whole
PROSE_LEAST = 12


def least(text: str, role: Role) -> int:
    """The narrowest a cell of ``role`` can be drawn: whole for codes, numbers and bounds;
    a path at its longest name; a name or prose at its longest word, and no narrower than a
    few characters unless it is shorter."""
    whole = cell_len(text)
    if role in _WHOLE:
        return whole
    if role == "path":
        return min(whole, longest_segment(text))
    floor = NAME_LEAST if role == "name" else PROSE_LEAST
    if role == "name" and any(_wide(c) for c in text):
        floor = CJK_NAME_LEAST
    return min(whole, max(longest_piece(text), floor))


def title_least(text: str) -> int:
    """A column title breaks between its words only: a one-word title stays whole, but for a
    Chinese word of four characters or more, which may break in the middle (``首要/建议``)."""
    text = text.strip()
    if " " in text:
        return longest_piece(text)
    if in_halves(text):
        return cell_len(text[: (len(text) + 1) // 2])
    return cell_len(text)


def in_halves(title: str) -> bool:
    """Whether a column title may break in its middle: one Chinese word of four characters or
    more (``首要/建议``); any other title breaks between its words only."""
    title = title.strip()
    return len(title) >= 4 and all(_wide(c) for c in title)


def gutter(
    roles: Sequence[Role], titles: Sequence[str], rows: Sequence[Sequence[str]], size: int
) -> int:
    """Two cells between columns, or one when only that lets the table fit."""
    for cells in (GUTTER, 1):
        if columns(roles, titles, rows, size, cells) is not None:
            return cells
    return GUTTER


def columns(
    roles: Sequence[Role],
    titles: Sequence[str],
    rows: Sequence[Sequence[str]],
    size: int,
    gap: int = GUTTER,
) -> list[int] | None:
    """Each column's width for a table drawn in ``size`` cells with ``gap`` cells between
    columns, or None when even the narrowest layout does not fit (then a writer stacks each row
    as a list).

    A column starts at its least width; the room left goes to the columns that want more, in
    proportion to how much more they want, but never beyond what their widest cell needs.
    """
    count = len(roles)
    if count == 0:
        return []
    need = [title_least(t) for t in titles]
    body = [0] * count  # the widest cell, title aside
    for row in rows:
        for j, cell in enumerate(row):
            need[j] = max(need[j], least(cell, roles[j]))
            body[j] = max(body[j], cell_len(cell))
    room = size - gap * (count - 1)
    if sum(need) > room:
        return None
    # Cells first, then titles: a title wraps between its words before a cell does.
    widths = _shared(need, [max(n, b) for n, b in zip(need, body, strict=True)], room)
    whole = [max(b, cell_len(t)) for b, t in zip(body, titles, strict=True)]
    return _shared(widths, [max(w, x) for w, x in zip(widths, whole, strict=True)], room)


def _shared(start: list[int], want: list[int], room: int) -> list[int]:
    """``start`` grown toward ``want`` within ``room`` by fair shares: a column that wants less
    than an equal share of what is left gets all it wants; the others share the rest equally."""
    widths = list(start)
    spare = room - sum(widths)
    count = len(widths)
    waiting = sorted(
        (j for j in range(count) if want[j] > widths[j]), key=lambda j: want[j] - widths[j]
    )
    while waiting and spare > 0:
        share = spare // len(waiting)
        j = waiting[0]
        if want[j] - widths[j] <= share:
            spare -= want[j] - widths[j]
            widths[j] = want[j]
            waiting.pop(0)
            continue
        for k in waiting:
            widths[k] += share
        spare -= share * len(waiting)
        for k in waiting[:spare]:
            widths[k] += 1
        break
    return widths


def cell_lines(text: str, role: Role, size: int) -> list[str]:
    """A cell's text in lines of at most ``size`` cells, as its role allows."""
    if role == "path":
        return path_lines(text, size)
    return lines(text, size)
