"""Safe YAML loading that remembers the line of every value.

libyaml's C parser composes the node tree (``yaml.compose`` with ``CSafeLoader``); we construct
plain Python data from it ourselves so that each value keeps its line, duplicate keys are caught
(PyYAML would silently keep the last one), aliases cannot expand without bound, and no tag can
build a Python object.

Resolution follows YAML 1.2's core schema where YAML 1.1 surprises analysts: only ``true`` and
``false`` are booleans (``no``, ``on``, ``yes`` stay text) and dates stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from coopscore.errors import InputError, Problem
from coopscore.paths import Path, format_path

_BaseLoader: type[yaml.SafeLoader]
try:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.CSafeLoader  # type: ignore[assignment]
    WITH_LIBYAML = True
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader
    WITH_LIBYAML = False

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"


_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_NULL, _BOOL, _INT, _FLOAT = _TAG + "null", _TAG + "bool", _TAG + "int", _TAG + "float"
_MERGE = _TAG + "merge"
_ScalarNode, _MappingNode = yaml.ScalarNode, yaml.MappingNode

# The tag of each plain scalar already resolved. Keys and short values repeat across a file and
# across a batch, so most scalars skip the regular expressions. Bounded, so memory stays flat.
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_CACHE_SIZE = 4_096
_PLAIN_CACHE_LENGTH = 64


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The C (or pure) safe loader with YAML 1.2-style booleans and no implicit timestamps.

    The composer asks ``resolve`` for the tag of every node. PyYAML's own resolver also walks
    path resolvers, which we never register; this one only looks at plain scalars (the
    result is the same) and remembers what it found.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _resolve_plain(value)
                if len(value) <= _PLAIN_CACHE_LENGTH and len(_PLAIN_TAGS) < _PLAIN_CACHE_SIZE:
                    _PLAIN_TAGS[value] = tag
            return tag
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers are registered: nothing to track."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_TAG + "bool", _TAG + "timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_RESOLVERS: dict[Any, list[tuple[str, re.Pattern[str]]]] = _Loader.yaml_implicit_resolvers


def _resolve_plain(value: str) -> str:
    """The tag of a plain (unquoted) scalar, as PyYAML's resolver would find it."""
    candidates = _RESOLVERS.get(value[:1], []) + _RESOLVERS.get(None, [])
    for tag, regexp in candidates:
        if regexp.match(value):
            return tag
    return _STR


_scalars = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Document:
    """Plain data from one YAML file and the line (1-based) of every path in it."""

    file: str
    data: Any
    lines: dict[Path, int]

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest stated ancestor."""
        while True:
            line = self.lines.get(path)
            if line is not None or not path:
                return line
            path = path[:-1]


def read_text(file: str, raw: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Decode a file's bytes as UTF-8 text, refusing binary, oversized or mis-encoded input."""
    if len(raw) > max_bytes:
        raise InputError.single(
            file,
            f"file is {len(raw):,} bytes, over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)",
        )
    if b"\x00" in raw:
        raise InputError.single(file, "this is a binary file, expected a UTF-8 YAML text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(
            file,
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8 "
            "(GBK and other encodings are not read)",
            line=line,
        ) from None


def parse(file: str, text: str) -> Document:
    """Parse one YAML document into plain data with a line map; InputError if it is invalid."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or "invalid YAML").strip()
        if exc.context:
            message = f"{exc.context.strip()}: {message}"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            message += " (a tab: indent with spaces)"
        raise InputError.single(
            file,
            f"YAML syntax error: {message}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.single(file, f"YAML error: {exc}") from None
    if node is None:
        raise InputError.single(file, "the file is empty, expected a YAML mapping")
    builder = _Builder(file)
    data = builder.build(node, (), 0)
    return Document(file, data, builder.lines)


def _char_at(text: str, line: int, column: int) -> str:
    rows = text.splitlines()
    return rows[line][column] if line < len(rows) and column < len(rows[line]) else ""


class _Builder:
    """Plain data from composed nodes, recording the line of every path on the way.

    Plain-text scalars, by far the most common values, are handled inline by their parent
    mapping or list: the same checks, one call fewer per value.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Path, int] = {}
        self.count = 0
        self.open: set[int] = set()

    def fail(self, node: yaml.Node, message: str, path: Path) -> InputError:
        mark = node.start_mark
        return InputError(
            [Problem(self.file, message, mark.line + 1, mark.column + 1, format_path(path))]
        )

    def too_many(self, node: yaml.Node, path: Path) -> InputError:
        return self.fail(
            node, f"too many values (over {MAX_NODES:,}, aliases counted as expanded)", path
        )

    def too_deep(self, node: yaml.Node, path: Path) -> InputError:
        return self.fail(node, f"nesting deeper than {MAX_DEPTH} levels", path)

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.too_many(node, path)
        if depth > MAX_DEPTH:
            raise self.too_deep(node, path)
        lines = self.lines
        if path not in lines:
            lines[path] = node.start_mark.line + 1
        if isinstance(node, _ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.open:
            raise self.fail(node, "an alias refers to itself (recursive alias)", path)
        self.open.add(id(node))
        try:
            if isinstance(node, _MappingNode):
                return self.mapping(node, path, depth)
            if node.tag != _SEQ:
                raise self.fail(node, f"tag {node.tag!r} is not allowed", path)
            return self.sequence(node, path, depth + 1)
        finally:
            self.open.discard(id(node))

    def sequence(self, node: yaml.Node, path: Path, depth: int) -> list[Any]:
        out: list[Any] = []
        lines = self.lines
        for index, item in enumerate(node.value):
            child = (*path, index)
            if item.tag == _STR and isinstance(item, _ScalarNode):
                self.count += 1
                if self.count > MAX_NODES:
                    raise self.too_many(item, child)
                if depth > MAX_DEPTH:
                    raise self.too_deep(item, child)
                if child not in lines:
                    lines[child] = item.start_mark.line + 1
                out.append(item.value)
            else:
                out.append(self.build(item, child, depth))
        return out

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        if node.tag != _MAP:
            raise self.fail(node, f"tag {node.tag!r} is not allowed", path)
        out: dict[Any, Any] = {}
        lines = self.lines
        depth += 1
        for key_node, value_node in node.value:
            key_tag = key_node.tag
            if key_tag == _MERGE:
                raise self.fail(key_node, "merge keys (<<) are not supported; write keys out", path)
            if not isinstance(key_node, _ScalarNode):
                raise self.fail(key_node, "a key must be plain text, not a list or mapping", path)
            if key_tag == _STR:
                key = key_node.value
            else:
                key = self.scalar(key_node, path)
                if not isinstance(key, str | int):
                    key = str(key_node.value)
            child = (*path, key)
            if key in out:
                raise self.fail(
                    key_node, f"duplicate key {key!r} (first given on line {lines[child]})", path
                )
            lines[child] = key_node.start_mark.line + 1
            if value_node.tag == _STR and isinstance(value_node, _ScalarNode):
                self.count += 1
                if self.count > MAX_NODES:
                    raise self.too_many(value_node, child)
                if depth > MAX_DEPTH:
                    raise self.too_deep(value_node, child)
                out[key] = value_node.value
            else:
                out[key] = self.build(value_node, child, depth)
        return out

    def scalar(self, node: yaml.Node, path: Path) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return node.value.lower() == "true"
        if tag == _INT:
            return _scalars.construct_yaml_int(node)  # type: ignore[arg-type]
        if tag == _FLOAT:
            return _scalars.construct_yaml_float(node)  # type: ignore[arg-type]
        if tag == _TAG + "timestamp":
            return str(node.value)
        raise self.fail(node, f"tag {tag!r} is not allowed (only plain YAML data is read)", path)
