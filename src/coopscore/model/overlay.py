"""A scenario that names a base (``extends:``) and states only what differs from it.

Merging works on the YAML data of both files, before validation, and keeps for every path of
the result the line and the file that stated it, so that evidence points into the file a fact
comes from. Mappings merge key by key; a list whose items all carry an ``id`` or a ``name``
merges item by item (an overlay item replaces the base item of the same id or name, or is
added after the base's items); any other list is replaced as a whole. A list written
``{items: [...], exhaustive: ...}`` merges as a list, its ``exhaustive`` taken from the overlay
when stated. ``remove: [path, ...]`` takes facts out of the base: they become unstated
(unknown), not false.

Reading the files is not done here (see ``pipeline.inputs``): this module works on parsed
documents only.
"""

from __future__ import annotations

import json
import re
from typing import Any

from coopscore.errors import InputError, Problem
from coopscore.model.yamlload import Document
from coopscore.paths import Path, PathKey, format_path
from coopscore.patterns import Lazy
from coopscore.suggest import did_you_mean

EXTENDS = "extends"
REMOVE = "remove"
OVERLAY_KEYS = (EXTENDS, REMOVE)

_SEGMENT = Lazy(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[[^\]]+\])*)")


def base_of(document: Document) -> str | None:
    """The base a scenario names in ``extends:``, or None; an InputError when it is not text."""
    data = document.data
    if not isinstance(data, dict) or EXTENDS not in data:
        return None
    value = data[EXTENDS]
    if not isinstance(value, str) or not value.strip():
        raise _problem(
            document,
            (EXTENDS,),
            "extends: expected the base scenario's path (relative to this file) or example:NAME",
        )
    return value.strip()


def _problem(document: Document, path: Path, message: str) -> InputError:
    return InputError(
        [Problem(document.file, message, document.line_of(path), path=format_path(path))]
    )


_NONE: frozenset[Path] = frozenset()


class _Out:
    """The merged document's lines and the file of every path, filled as the merge goes."""

    __slots__ = ("lines", "origins")

    def __init__(self, lines: dict[Path, int], origins: dict[Path, str]) -> None:
        self.lines = lines
        self.origins = origins


def merge(base: Document, overlay: Document) -> Document:
    """The scenario ``overlay`` describes: ``base`` with the overlay's facts stated on top.

    The result is named after the overlay (its file and text); every path keeps the line and
    the file of the document that stated it (``Document.file_of``).
    """
    if not isinstance(base.data, dict):
        raise InputError.single(base.file, "expected a mapping of scenario fields at the top", 1)
    if not isinstance(overlay.data, dict):
        raise InputError.single(overlay.file, "expected a mapping of scenario fields at the top", 1)
    removed = _removals(base, overlay)
    out = _Out({}, {})
    stated = {k: v for k, v in overlay.data.items() if k not in OVERLAY_KEYS}
    data = _merge(out, base, (), base.data, overlay, (), stated, removed)
    names = {**base.names, **overlay.names}
    return Document(overlay.file, data, out.lines, overlay.text, origins=out.origins, names=names)


def _note(out: _Out, doc: Document, src: Path, dst: Path) -> None:
    line = doc.lines.get(src)
    if line is not None:
        out.lines[dst] = line
        out.origins[dst] = doc.origins.get(src, doc.file)


def _copy(
    out: _Out, doc: Document, src: Path, value: Any, dst: Path, removed: frozenset[Path]
) -> Any:
    """``value`` (at ``src`` in ``doc``) copied to ``dst``, recording its lines and file."""
    _note(out, doc, src, dst)
    if isinstance(value, dict):
        return {
            k: _copy(out, doc, (*src, k), v, (*dst, k), removed)
            for k, v in value.items()
            if (*src, k) not in removed
        }
    if isinstance(value, list):
        kept: list[Any] = []
        for index, item in enumerate(value):
            if (*src, index) not in removed:
                kept.append(_copy(out, doc, (*src, index), item, (*dst, len(kept)), removed))
        return kept
    return value


def _items(value: Any) -> tuple[list[Any], PathKey | None] | None:
    """A list's items and where they sit: a plain list, or ``{items: [...], ...}``."""
    if isinstance(value, list):
        return value, None
    listed = isinstance(value, dict) and isinstance(value.get("items"), list)
    if listed and set(value) <= {"items", "exhaustive"}:
        return value["items"], "items"
    return None


def item_key(item: Any) -> tuple[str, str] | None:
    """What identifies a list item across files: its ``id``, else its ``name``."""
    if not isinstance(item, dict):
        return None
    for field in ("id", "name"):
        if field in item and item[field] is not None:
            value = item[field]
            text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
            return field, text
    return None


def _merge(
    out: _Out,
    base: Document,
    bsrc: Path,
    bval: Any,
    overlay: Document,
    osrc: Path,
    oval: Any,
    removed: frozenset[Path],
) -> Any:
    mappings = isinstance(bval, dict) and isinstance(oval, dict)
    if mappings and _items(oval) is None and _items(bval) is None:
        _note(out, overlay, osrc, bsrc)
        merged: dict[Any, Any] = {}
        for key, value in bval.items():
            path = (*bsrc, key)
            if path in removed:
                continue
            if key in oval:
                merged[key] = _merge(
                    out, base, path, value, overlay, (*osrc, key), oval[key], removed
                )
            else:
                merged[key] = _copy(out, base, path, value, path, removed)
        for key, value in oval.items():
            if key not in merged:
                merged[key] = _copy(out, overlay, (*osrc, key), value, (*bsrc, key), _NONE)
        return merged
    blist, olist = _items(bval), _items(oval)
    if blist is None or olist is None:
        return _copy(out, overlay, osrc, oval, bsrc, _NONE)
    bitems, bwhere = blist
    oitems, owhere = olist
    keys = [item_key(item) for item in oitems]
    if not oitems or any(k is None for k in keys):
        return _copy(out, overlay, osrc, oval, bsrc, _NONE)
    _note(out, overlay, osrc, bsrc)
    bpath = bsrc if bwhere is None else (*bsrc, bwhere)
    opath = osrc if owhere is None else (*osrc, owhere)
    # the merged list sits where the overlay puts it: a plain list, or under ``items``
    dpath = bsrc if owhere is None and bwhere is None else (*bsrc, "items")
    by_key = {k: i for i, k in enumerate(keys)}
    used: set[int] = set()
    result: list[Any] = []
    for index, item in enumerate(bitems):
        if (*bpath, index) in removed:
            continue
        at = by_key.get(item_key(item))
        if at is not None and at not in used:
            used.add(at)
            src, doc, gone = (*opath, at), overlay, _NONE
            result.append(_copy(out, doc, src, oitems[at], (*dpath, len(result)), gone))
        else:
            result.append(_copy(out, base, (*bpath, index), item, (*dpath, len(result)), removed))
    for at, item in enumerate(oitems):
        if at not in used:
            result.append(_copy(out, overlay, (*opath, at), item, (*dpath, len(result)), _NONE))
    if dpath == bsrc:
        return result
    wrapped: dict[str, Any] = {"items": result}
    _note(out, overlay if owhere is not None else base, opath if owhere else bpath, dpath)
    if isinstance(oval, dict) and "exhaustive" in oval:
        wrapped["exhaustive"] = oval["exhaustive"]
        _note(out, overlay, (*osrc, "exhaustive"), (*bsrc, "exhaustive"))
    elif isinstance(bval, dict) and "exhaustive" in bval:
        wrapped["exhaustive"] = bval["exhaustive"]
        _note(out, base, (*bsrc, "exhaustive"), (*bsrc, "exhaustive"))
    return wrapped


def _removals(base: Document, overlay: Document) -> frozenset[Path]:
    """The base paths the overlay's ``remove:`` names, each checked to be in the base."""
    assert isinstance(overlay.data, dict)
    if REMOVE not in overlay.data:
        return frozenset()
    value = overlay.data[REMOVE]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _problem(overlay, (REMOVE,), "remove: expected a list of scenario paths")
    found: set[Path] = set()
    problems: list[Problem] = []
    stated: list[str] | None = None  # the base's paths, gathered for the first bad one
    for index, text in enumerate(value):
        path = _resolve(base.data, text)
        if path is None:
            if stated is None:
                stated = _stated_paths(base.data)
            close = did_you_mean(text.strip(), _named_items(base.data, text) or stated)
            hint = close or (
                "write a path of the base, such as institutions.execution, or a list item "
                "by its position, id or name: adjacent_pairs[0]"
            )
            message = f"remove: {text!r} names no fact of the base scenario {base.file}; {hint}"
            where = (REMOVE, index)
            line = overlay.line_of(where)
            problems.append(Problem(overlay.file, message, line, path=format_path(where)))
            continue
        found.add(path)
    if problems:
        raise InputError(problems)
    return frozenset(found)


def _stated_paths(data: Any, limit: int = 5_000) -> list[str]:
    """The dotted paths of the base's mappings (``barriers.local_protection``), at most
    ``limit`` of them: what a misspelt ``remove:`` entry is matched against."""
    out: list[str] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack and len(out) < limit:
        prefix, node = stack.pop()
        if isinstance(node, dict) and not _items_only(node):
            for key, value in node.items():
                path = f"{prefix}.{key}" if prefix else str(key)
                out.append(path)
                stack.append((path, value))
    return out


def _named_items(data: Any, text: str) -> list[str]:
    """For ``list[NAME]``: the list's items as ``list[NAME]`` by each id and name, or ``[]``."""
    head, bracket, _ = text.strip().rpartition("[")
    if not bracket or not head:
        return []
    path = _resolve(data, head)
    node: Any = data
    for key in path or ():
        node = node[key]
    listed = _items(node) if path is not None else None
    if listed is None:
        return []
    names = []
    for item in listed[0]:
        for field in ("id", "name") if isinstance(item, dict) else ():
            value = item.get(field)
            for name in value.values() if isinstance(value, dict) else (value,):
                if isinstance(name, str):
                    names.append(f"{head}[{name}]")
    return names


def _items_only(node: dict[Any, Any]) -> bool:
    """A list written ``{items: [...], exhaustive: ...}``: its keys are no facts to name."""
    return "items" in node and set(node) <= {"items", "exhaustive"}


def _resolve(data: Any, text: str) -> Path | None:
    """A dotted path (``a.b[2]``, ``a.list[NAME]`` for the item of that id or name) in ``data``."""
    path: list[PathKey] = []
    node = data
    for chunk in text.strip().split("."):
        match = _SEGMENT().fullmatch(chunk)
        if match is None or not isinstance(node, dict) or match.group(1) not in node:
            return None
        path.append(match.group(1))
        node = node[match.group(1)]
        for selector in re.findall(r"\[([^\]]+)\]", match.group(2)):
            listed = _items(node)
            if listed is None:
                return None
            items, where = listed
            if where is not None:
                path.append(where)
            index = _select(items, selector)
            if index is None:
                return None
            path.append(index)
            node = items[index]
    return tuple(path) if path else None


def _select(items: list[Any], selector: str) -> int | None:
    if selector.isdigit():
        return int(selector) if int(selector) < len(items) else None
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        for field in ("id", "name"):
            value = item.get(field)
            names = value.values() if isinstance(value, dict) else (value,)
            if selector in names:
                return index
    return None
