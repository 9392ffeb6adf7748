"""Section marks (§二(三), §一(一)3, §三(一)2–3) and the outline of the paper they point into.

A mark sends a reader to a place in the paper, so it is worth only as much as that place
exists. A rubric that names its paper's outline (``paper_outline``) has every mark checked
against it when it loads: a mistyped §一(一)5 is then an error at its line, with the mark that
was probably meant, instead of a citation nobody can follow.

Marks are read by one grammar, from any text: ``§`` and a part (一…), then optionally a
subsection ``(一)``, a numbered point ``3`` and a point enumerated inside it ``.5``; a range
adds ``–`` and the last sibling (``§三(一)–(五)``, ``§三(一)2–3``). A ``§`` that starts no
well-formed mark is a problem of its own, never read as its well-formed beginning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, Protocol

from coopscore.errors import InputError, Problem
from coopscore.model.yamlload import Document, parse
from coopscore.paths import Path, format_path
from coopscore.patterns import Lazy

_DIGITS = "一二三四五六七八九"
_NUMERAL = "[一二三四五六七八九十]{1,3}"
_OPEN, _CLOSE = "(\uff08", ")\uff09"  # ASCII and full-width brackets
_HEAD = re.compile(
    rf"§(?P<part>{_NUMERAL})"
    rf"(?:[{_OPEN}](?P<sub>{_NUMERAL})[{_CLOSE}]"
    r"(?:(?P<point>[1-9][0-9]{0,2})(?:\.(?P<inner>[1-9][0-9]{0,2}))?)?)?"
)
_DASHES = "–—-~～"
_TAIL_NUMBER = re.compile(r"[1-9][0-9]{0,2}")
_TAIL_SUB = re.compile(rf"[{_OPEN}](?P<n>{_NUMERAL})[{_CLOSE}]")
_TAIL_PART = re.compile(rf"§?(?P<n>{_NUMERAL})")
# What may not follow a mark directly: it would make the text a longer, malformed mark.
_CONTINUES = re.compile(rf"[{_OPEN}A-Za-z0-9]|\.[0-9]")
# Where the text of a malformed mark ends, for the message that quotes it.
_TOKEN_END = Lazy(r"[\s,;:\"'`\uff0c\uff1b\uff1a\u3002\u3001\u201c\u201d]")
_LEVELS = ("part", "subsection", "point")
MAX_DEPTH = 4  # part, subsection, point, point inside a point


def cjk_number(text: str) -> int | None:
    """一…九十九 as an int; ``None`` for a spelling no writer uses (一一, 十十)."""
    if len(text) == 1:
        return 10 if text == "十" else _DIGITS.index(text) + 1
    tens, sep, ones = text.partition("十")
    if not sep or len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    high = _DIGITS.index(tens) + 1 if tens else 1
    if text == "十十" or (tens and high == 1):  # 一十 is not written
        return None
    return high * 10 + (_DIGITS.index(ones) + 1 if ones else 0)


def cjk_numeral(number: int) -> str:
    """1…99 in the numerals the paper numbers its parts with."""
    tens, ones = divmod(number, 10)
    high = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
    return high + (_DIGITS[ones - 1] if ones else "")


Key = tuple[int, ...]  # (part, subsection, point, inner point), as deep as the mark goes


def mark_text(key: Key) -> str:
    """The one way a mark is written: ``§二(三)``, ``§一(一)3.5``."""
    out = "§" + cjk_numeral(key[0])
    if len(key) > 1:
        out += f"({cjk_numeral(key[1])})"
    if len(key) > 2:
        out += str(key[2])
    if len(key) > 3:
        out += f".{key[3]}"
    return out


class Found(NamedTuple):
    """One mark in a text: where it stands, what it says, and the keys it names.

    ``keys`` holds one key, or the first and last of a range; ``error`` is set (and ``keys``
    empty) when the text after ``§`` is no well-formed mark.
    """

    start: int
    text: str
    keys: tuple[Key, ...] = ()
    error: str | None = None


def _head_key(match: re.Match[str]) -> Key | None:
    parts: list[int] = []
    for name in ("part", "sub"):
        value = match.group(name)
        if value is None:
            return tuple(parts)
        number = cjk_number(value)
        if number is None:
            return None
        parts.append(number)
    parts.extend(int(match.group(name)) for name in ("point", "inner") if match.group(name))
    return tuple(parts)


def _tail(text: str, at: int, key: Key) -> tuple[Key, int] | None:
    """The last sibling of a range that starts with ``key``, and where it ends."""
    if at >= len(text) or text[at] not in _DASHES:
        return None
    if len(key) >= 3:
        match = _TAIL_NUMBER.match(text, at + 1)
        number = int(match.group()) if match else None
    else:
        pattern = _TAIL_SUB if len(key) == 2 else _TAIL_PART
        match = pattern.match(text, at + 1)
        number = cjk_number(match.group("n")) if match else None
    if match is None or number is None:
        return None
    return (*key[:-1], number), match.end()


def _token(text: str, start: int) -> str:
    """The malformed mark as a reader sees it: up to a space or a separator, brackets kept."""
    end = _TOKEN_END().search(text, start)
    token = text[start : end.start() if end else len(text)]
    depth = 0
    for index, char in enumerate(token):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
            if depth < 0:  # closes a bracket opened before the mark
                return token[:index]
    return token[:40]


def find_marks(text: str) -> Iterator[Found]:
    """Every § in ``text``, read as a mark or reported as malformed, in order."""
    at = text.find("§")
    while at >= 0:
        match = _HEAD.match(text, at)
        key = _head_key(match) if match else None
        found: Found
        if match is None or not key:
            found = Found(at, _token(text, at), error="not a section mark")
        else:
            end = match.end()
            keys: tuple[Key, ...] = (key,)
            tail = _tail(text, end, key)
            if tail is not None:
                keys, end = (key, tail[0]), tail[1]
            if _CONTINUES.match(text, end):
                found = Found(at, _token(text, at), error="not a section mark")
            else:
                found = Found(at, text[at:end], keys)
        yield found
        at = text.find("§", at + max(len(found.text), 1))


class Section(NamedTuple):
    """One entry of an outline: the mark that names it, its heading and its numbering."""

    key: Key
    heading: str
    numbered: str
    line: int | None = None

    @property
    def mark(self) -> str:
        return mark_text(self.key)


class Outline:
    """The sections one paper has, by key, in the paper's order."""

    __slots__ = ("_children", "id", "sections", "title", "unnumbered")

    def __init__(
        self, id: str, title: str, sections: dict[Key, Section], unnumbered: tuple[str, ...] = ()
    ) -> None:
        self.id = id
        self.title = title
        self.sections = sections
        self.unnumbered = unnumbered
        self._children: dict[Key, tuple[Key, ...]] | None = None

    def __repr__(self) -> str:
        return (
            f"Outline(id={self.id!r}, title={self.title!r}, sections={self.sections!r}, "
            f"unnumbered={self.unnumbered!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Outline):
            return NotImplemented
        return (self.id, self.title, self.sections, self.unnumbered) == (
            other.id,
            other.title,
            other.sections,
            other.unnumbered,
        )

    __hash__ = None  # type: ignore[assignment]  # its sections are a dict

    @property
    def children(self) -> dict[Key, tuple[Key, ...]]:
        """Each key's direct children, in order; the parts are the children of ``()``."""
        if self._children is None:
            kids: dict[Key, list[Key]] = {}
            for key in self.sections:
                kids.setdefault(key[:-1], []).append(key)
            self._children = {parent: tuple(keys) for parent, keys in kids.items()}
        return self._children

    def __contains__(self, key: object) -> bool:
        return key in self.sections


def _label(key: Key) -> str:
    """A key's own component as a reader counts it: §一, (一), 3, 3.5."""
    if len(key) == 1:
        return mark_text(key)
    if len(key) == 2:
        return f"({cjk_numeral(key[1])})"
    return ".".join(str(n) for n in key[2:])


def _describe(outline: Outline, parent: Key) -> str:
    """What ``parent`` holds, e.g. '§一(一) has points 1–3'."""
    kids = outline.children.get(parent, ())
    where = mark_text(parent) if parent else "the paper"
    level = "point" if len(parent) >= 2 else _LEVELS[len(parent)]
    if not kids:
        return f"{where} has no numbered {level}s"
    if len(kids) == 1:
        return f"{where} has one {level}, {_label(kids[0])}"
    return f"{where} has {level}s {_label(kids[0])}–{_label(kids[-1])}"


def _suggest(outline: Outline, key: Key, ancestor: Key) -> str | None:
    """The mark probably meant, where one stands out: the section itself when it has no
    points to number (§二(四) for §二(四)1), or the same number one level down in a sibling
    (§一(一)3.5 for §一(一)5, the paper's 五是 of point 3)."""
    if ancestor == key[:-1] and not outline.children.get(ancestor):
        return mark_text(ancestor)
    below = [
        kid
        for sibling in outline.children.get(ancestor, ())
        for kid in outline.children.get(sibling, ())
        if len(kid) == len(key) + 1 and kid[-1] == key[-1] and kid[:-2] == key[:-1]
    ]
    return mark_text(below[0]) if len(below) == 1 else None


def key_problem(outline: Outline, key: Key) -> str | None:
    """Why ``key`` names no section of ``outline`` (with a likely mark), or ``None``."""
    if key in outline:
        return None
    ancestor = key[:-1]
    while ancestor and ancestor not in outline:
        ancestor = ancestor[:-1]
    message = f"{mark_text(key)} is not a section of {outline.id}: {_describe(outline, ancestor)}"
    suggestion = _suggest(outline, key, ancestor)
    return message + (f"; did you mean {suggestion}?" if suggestion else "")


def mark_problems(outline: Outline, text: str) -> list[str]:
    """What is wrong with the marks in ``text``: malformed, unknown, or a backward range."""
    out: list[str] = []
    for found in find_marks(text):
        if found.error is not None:
            out.append(f"{found.text!r} is {found.error}; write it like §二(三) or §一(一)3")
            continue
        bad = [p for p in (key_problem(outline, k) for k in dict.fromkeys(found.keys)) if p]
        if bad:
            out.extend(bad)
        elif len(found.keys) == 2 and found.keys[1][-1] <= found.keys[0][-1]:
            out.append(f"{found.text}: a range must end on a later section than it starts")
    return out


# ------------------------------------------------------------------ the outline file

_TOP_KEYS = ("id", "title", "source", "unnumbered", "sections")
_ENTRY_KEYS = ("mark", "numbered", "heading", "note", "sections")
_UNNUMBERED_KEYS = ("name", "heading", "note")
Reporter = Callable[[Path, str], None]


def parse_outline(file: str, text: str) -> Outline:
    """An outline file's text → ``Outline``; every problem is reported with its line.

    The entries must nest as their marks do and be numbered 1, 2, 3… in order, so that the
    outline cannot itself place a section where the paper does not have it.
    """
    document = parse(file, text)
    data = document.data
    if not isinstance(data, dict):
        raise InputError.single(file, "expected a mapping at the top of the outline", line=1)
    issues: list[Problem] = []

    def report(path: Path, message: str) -> None:
        where = format_path(path) or None
        issues.append(Problem(file, message, document.line_of(path), path=where))

    _check_keys(data, _TOP_KEYS, (), report)
    for name in ("id", "title", "source"):
        value = data.get(name)
        if (value is not None or name != "source") and not _is_text(value):
            report((name,), f"{name!r} must be a text")
    unnumbered: list[str] = []
    extra = data.get("unnumbered", [])
    for index, item in enumerate(extra if isinstance(extra, list) else []):
        where: Path = ("unnumbered", index)
        if not isinstance(item, dict) or not _is_text(item.get("name")):
            report(where, "each unnumbered part needs a 'name'")
            continue
        _check_keys(item, _UNNUMBERED_KEYS, where, report)
        unnumbered.append(item["name"])
    if not isinstance(extra, list):
        report(("unnumbered",), "'unnumbered' must be a list")
    sections: dict[Key, Section] = {}
    entries = data.get("sections")
    if isinstance(entries, list) and entries:
        _entries(document, entries, (), ("sections",), sections, report)
    else:
        report(("sections",), "'sections' must be a non-empty list of the paper's parts")
    if issues:
        raise InputError(sorted(issues, key=lambda p: p.line or 0))
    return Outline(data["id"], data["title"], sections, tuple(unnumbered))


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_keys(
    item: dict[Any, Any], allowed: tuple[str, ...], where: Path, report: Reporter
) -> None:
    for key in item:
        if key not in allowed:
            report((*where, key), f"unknown key {key!r}; valid keys here: {', '.join(allowed)}")


def _one_key(raw: object) -> Key | None:
    """The key of a text that is exactly one mark (no range, nothing around it)."""
    if not isinstance(raw, str):
        return None
    found = list(find_marks(raw))
    if len(found) != 1 or len(found[0].keys) != 1 or found[0].text != raw:
        return None
    return found[0].keys[0]


def _entries(
    document: Document,
    entries: list[Any],
    parent: Key,
    where: Path,
    out: dict[Key, Section],
    report: Reporter,
) -> None:
    """Check one level of entries against their parent, then descend."""
    for index, entry in enumerate(entries):
        path: Path = (*where, index)
        expected = mark_text((*parent, index + 1))
        if not isinstance(entry, dict):
            report(path, f"expected the entry of {expected}: a mapping with mark and heading")
            continue
        _check_keys(entry, _ENTRY_KEYS, path, report)
        key = _one_key(entry.get("mark"))
        if key is None or mark_text(key) != expected:
            report((*path, "mark"), f"expected 'mark: {expected}', the next section here")
            continue
        heading, numbered = entry.get("heading"), entry.get("numbered")
        if not _is_text(heading):
            report((*path, "heading"), f"{expected}: give its heading as the paper writes it")
        if not _is_text(numbered):
            report((*path, "numbered"), f"{expected}: say how the paper numbers it, e.g. 一是")
        line = document.line_of((*path, "mark"))
        out[key] = Section(key, str(heading), str(numbered), line)
        kids = entry.get("sections")
        if kids is None:
            continue
        if not isinstance(kids, list) or not kids:
            report((*path, "sections"), f"{expected}: 'sections' must be a non-empty list")
        elif len(key) >= MAX_DEPTH:
            report((*path, "sections"), f"{expected}: a point inside a point has no points")
        else:
            _entries(document, kids, key, (*path, "sections"), out, report)


class Outlines(Protocol):
    """Where a rubric's ``paper_outline`` is looked up: by id, with the ids there are."""

    def find(self, name: str) -> Outline | None: ...

    def names(self) -> list[str]: ...


OUTLINE_ID = Lazy(r"^[a-z0-9][a-z0-9-]{0,79}$")
