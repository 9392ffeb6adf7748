"""Lists that may be incomplete: ``{items: [...], exhaustive: false}``.

Every list of a scenario may be written as a plain list (the source names every item) or as a
mapping of its ``items`` and whether they are ``exhaustive``. ``exhaustive: false`` says "these
are the items the source names; there may be more" (比如, 等, 较少); ``exhaustive: true`` means
the same as a plain list.

``unwrap`` turns the mapping form into the plain list in the data, moves the line of every
path inside ``items`` onto the list itself (so evidence still points at each item's line), moves
the file that stated it the same way (for a scenario merged from a base it extends), and
returns the paths of the lists that are not exhaustive. The model and everything that reads
plain lists keep working; the condition language reads the paths (``Context.open_lists``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from coopscore.errors import InputError, Problem
from coopscore.model import schemapath
from coopscore.model.yamlload import Document
from coopscore.paths import Path, format_path

ITEMS, EXHAUSTIVE = "items", "exhaustive"
KEYS = (ITEMS, EXHAUSTIVE)
FORM = "{items: [...], exhaustive: false}"


def unwrap(document: Document, model: type[BaseModel]) -> Document:
    """``document`` with every list written as a mapping turned into a plain list.

    Returns the same document when no list is written so; otherwise a new one, whose
    ``open_lists`` holds the (plain-list) paths of the lists that are not exhaustive.
    InputError, at file:line, for a mapping form that is not ``{items: [...], exhaustive: ...}``.
    """
    walk = _Walk(document)
    data = walk.node(document.data, model, ())
    if walk.problems:
        raise InputError(sorted(walk.problems, key=lambda p: p.line or 0))
    if not walk.wrapped:
        return document
    lines = _moved(document.lines, walk.wrapped)
    origins = _moved(document.origins, walk.wrapped)
    opened = frozenset(_plain(path, walk.wrapped) for path in walk.opened)
    return Document(
        document.file, data, lines, document.text, opened, origins=origins, names=document.names
    )


class _Walk:
    """One pass over the data beside the model's types; O(size of the data)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.wrapped: set[Path] = set()  # raw paths of the mappings that stood for lists
        self.opened: list[Path] = []  # raw paths of those not exhaustive
        self.problems: list[Problem] = []

    def fail(self, path: Path, message: str) -> None:
        document = self.document
        file = document.file_of(path) or document.file  # a base the scenario extends, or its own
        self.problems.append(Problem(file, message, document.line_of(path), path=format_path(path)))

    def node(self, value: Any, annotation: Any, path: Path) -> Any:
        if isinstance(value, dict):
            shape = _shape(annotation)
            if shape.item is not None and (
                not shape.takes_mapping or any(key in KEYS for key in value)
            ):
                return self.wrapper(value, annotation, path)
            return self.mapping(value, shape, path)
        if isinstance(value, list):
            item = _shape(annotation).item
            if item is None:
                return value
            return [self.node(v, item, (*path, i)) for i, v in enumerate(value)]
        return value

    def mapping(self, value: dict[Any, Any], shape: _Shape, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        fields, other = shape.fields, shape.other
        for key, child in value.items():
            out[key] = self.node(child, fields.get(key, other), (*path, key))
        return out

    def wrapper(self, value: dict[Any, Any], annotation: Any, path: Path) -> Any:
        if not any(key in KEYS for key in value):
            self.fail(
                path,
                f"expected a list, found a mapping; a list that may be incomplete is written "
                f"{FORM}",
            )
            return value
        extra = [k for k in value if k not in KEYS]
        for key in extra:
            self.fail(
                (*path, key),
                f"unknown key {str(key)!r} in a list written as a mapping; expected only "
                f"items and exhaustive, as in {FORM}",
            )
        if ITEMS not in value:
            self.fail(path, f"a list written as a mapping needs its items: {FORM}")
        elif not isinstance(value[ITEMS], list):
            found = "a mapping" if isinstance(value[ITEMS], dict) else _shown(value[ITEMS])
            self.fail((*path, ITEMS), f"expected a list under items, found {found}")
        if EXHAUSTIVE not in value:
            self.fail(
                path,
                "a list written as a mapping needs exhaustive: false (the source names some of "
                "the items; there may be more) or exhaustive: true (it names them all)",
            )
        elif not isinstance(value[EXHAUSTIVE], bool):
            self.fail(
                (*path, EXHAUSTIVE),
                f"expected true or false under exhaustive, found {_shown(value[EXHAUSTIVE])}",
            )
        if extra or not isinstance(value.get(ITEMS), list):
            return value
        self.wrapped.add(path)
        if value.get(EXHAUSTIVE) is False:
            self.opened.append(path)
        return self.node(value[ITEMS], annotation, (*path, ITEMS))


class _Shape:
    """What the walk reads of one annotation, worked out once for it.

    ``item``: a list's item type (None when no alternative is a list). ``takes_mapping``: the
    annotation also takes a mapping or a model, so a mapping where a list may stand is the
    list's mapping form only when it has one of ``KEYS`` (``cooperation_items``: counts by
    domain). ``fields`` and ``other``: the annotation of a key inside a mapping of this type,
    ``fields.get(key, other)``; the first alternative that knows the key decides.
    """

    __slots__ = ("annotation", "fields", "item", "other", "takes_mapping")

    def __init__(self, annotation: Any) -> None:
        self.annotation = annotation  # held, so that its id stays its own while cached
        self.item = schemapath.list_item(annotation)
        options = schemapath.options(annotation)
        self.takes_mapping = any(
            schemapath.kind_of(option) in ("mapping", "model") for option in options
        )
        self.fields: dict[Any, Any] = {}
        self.other: Any = None
        for option in options:
            if isinstance(option, type) and issubclass(option, BaseModel):
                for name, info in option.model_fields.items():
                    self.fields.setdefault(name, info.annotation)
            elif schemapath.kind_of(option) == "mapping":
                self.other = schemapath.mapping_value(option)
                break


# One shape per annotation of the model, found by identity: annotations are module-level
# objects (typing forms are not all hashable), and each shape holds its annotation, so an id
# is never reused while it is cached. The model's annotations are finite, and so is this.
_SHAPES: dict[int, _Shape] = {}


def _shape(annotation: Any) -> _Shape:
    shape = _SHAPES.get(id(annotation))
    if shape is None:
        shape = _SHAPES[id(annotation)] = _Shape(annotation)
    return shape


def _plain(path: Path, wrapped: set[Path]) -> Path:
    """A raw path with the ``items`` step of every mapping-form list on it dropped."""
    out: list[Any] = []
    for position, key in enumerate(path):
        if key == ITEMS and path[:position] in wrapped:
            continue
        out.append(key)
    return tuple(out)


_Where = TypeVar("_Where", int, str)


def _moved(where: dict[Path, _Where], wrapped: set[Path]) -> dict[Path, _Where]:
    """A map by path (the lines, or the files that stated them) with paths inside ``items``
    moved onto the list, ``exhaustive`` dropped."""
    out: dict[Path, _Where] = {}
    made: dict[Path, Path | None] = {}  # each path inside items, moved (None: dropped)
    for path, found in where.items():
        if ITEMS not in path and EXHAUSTIVE not in path:  # most paths: kept as they are
            out.setdefault(path, found)
            continue
        moved = made[path] = _moved_after(path, wrapped, made)
        if moved is not None:
            out.setdefault(moved, found)  # a list keeps its key's line and file
    return out


def _moved_after(path: Path, wrapped: set[Path], made: dict[Path, Path | None]) -> Path | None:
    """``_moved_path(path)``: a path is stated after its parent, so most paths inside
    ``items`` find their parent's move already made and extend it by their last key."""
    parent = path[:-1]
    if parent not in made:
        return _moved_path(path, wrapped)
    above, key = made[parent], path[-1]
    if above is None or (key == EXHAUSTIVE and parent in wrapped):
        return None
    return above if key == ITEMS and parent in wrapped else (*above, key)


def _moved_path(path: Path, wrapped: set[Path]) -> Path | None:
    """``_plain(path)``, or None for a path at or inside the ``exhaustive`` of a list written
    as a mapping; one pass, looking up only the prefixes that end before such a key."""
    dropped: list[int] = []
    for position, key in enumerate(path):
        if key in KEYS and path[:position] in wrapped:
            if key == EXHAUSTIVE:
                return None
            dropped.append(position)
    if not dropped:
        return path
    return tuple(key for position, key in enumerate(path) if position not in dropped)


def _shown(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    return repr(value)
