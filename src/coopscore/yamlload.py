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


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The C (or pure) safe loader with YAML 1.2-style booleans and no implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_TAG + "bool", _TAG + "timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

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

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node, f"too many values (over {MAX_NODES:,}, aliases counted as expanded)", path
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels", path)
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.open:
            raise self.fail(node, "an alias refers to itself (recursive alias)", path)
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path, depth)
            if node.tag != _TAG + "seq":
                raise self.fail(node, f"tag {node.tag!r} is not allowed", path)
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        finally:
            self.open.discard(id(node))

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        if node.tag != _TAG + "map":
            raise self.fail(node, f"tag {node.tag!r} is not allowed", path)
        out: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise self.fail(key_node, "merge keys (<<) are not supported; write keys out", path)
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be plain text, not a list or mapping", path)
            key = self.scalar(key_node, path)
            if not isinstance(key, str | int):
                key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise self.fail(
                    key_node, f"duplicate key {key!r} (first given on line {seen[key]})", path
                )
            seen[key] = line
            child = (*path, key)
            self.lines[child] = line
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def scalar(self, node: yaml.Node, path: Path) -> Any:
        tag = node.tag
        if tag == _TAG + "str":
            return node.value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return node.value.lower() == "true"
        if tag == _TAG + "int":
            return _scalars.construct_yaml_int(node)  # type: ignore[arg-type]
        if tag == _TAG + "float":
            return _scalars.construct_yaml_float(node)  # type: ignore[arg-type]
        if tag == _TAG + "timestamp":
            return str(node.value)
        raise self.fail(node, f"tag {tag!r} is not allowed (only plain YAML data is read)", path)
