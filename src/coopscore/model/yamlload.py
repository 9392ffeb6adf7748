"""Safe YAML loading that remembers the line of every value.

libyaml's C parser composes the node tree (``yaml.compose`` with ``CSafeLoader``); we construct
plain Python data from it ourselves so that each value keeps its line, duplicate keys are caught
(PyYAML would silently keep the last one), aliases cannot expand without bound, and no tag can
build a Python object.

Resolution follows YAML 1.2's core schema where YAML 1.1 surprises analysts: only ``true`` and
``false`` are booleans (``no``, ``on``, ``yes`` stay text) and dates stay text.

Numbers are read only when later computations on them cannot overflow or lose whole numbers: a
whole number must lie within ±MAX_INT (the largest a float holds exactly), whatever its form
(``0x1F``, ``0b101``, ``017``, ``1_000``); a decimal must be finite, within ±MAX_INT and, unless it
is 0, at least MIN_FLOAT in size. A literal longer than MAX_NUMBER_CHARS is refused before it is
converted at all.

Lines are counted as editors and ``file:line`` readers count them: a line ends at ``\n``, at
``\r\n`` (one break) or at a lone ``\r``. libyaml also breaks lines at NEL (U+0085) and at the
line and paragraph separators (U+2028, U+2029); in a file that holds one of those, every mark is
placed again from its character index.
"""

from __future__ import annotations

import codecs
import gc
import math
import re
from bisect import bisect_right
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
MAX_INT = 2**53 - 1
MAX_FLOAT = float(MAX_INT)
MIN_FLOAT = 1e-12
MAX_NUMBER_CHARS = 100

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

# What libyaml counts as a line break beyond \n, \r\n and a lone \r.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK = re.compile(r"\r\n?|\n")
BREAK_NAMES = {
    "\x85": "next-line character (NEL, U+0085)",
    "\u2028": "line separator (U+2028)",
    "\u2029": "paragraph separator (U+2029)",
}
_BYTE_BREAK = re.compile(rb"\r\n?|\n")


class LineIndex:
    """Line and column (1-based) of a character index, with lines as editors count them.

    The start of every line is found once per text; each look-up is then a bisection.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        # libyaml does not count a byte-order mark in its indices (PyYAML's own reader does)
        self.offset = 1 if WITH_LIBYAML and text.startswith("\ufeff") else 0

    def line(self, index: int) -> int:
        return bisect_right(self.starts, index + self.offset)

    def column(self, index: int) -> int:
        at = index + self.offset
        return at - self.starts[bisect_right(self.starts, at) - 1] + 1

    def place(self, mark: Any) -> yaml.Mark:
        """A mark like libyaml's, its (0-based) line and column placed from its index."""
        line = self.line(mark.index)
        column = mark.index + self.offset - self.starts[line - 1]
        return yaml.Mark(mark.name, mark.index, line - 1, column, None, 0)


def _replace_marks(root: yaml.Node, lines: LineIndex) -> None:
    """Place every node's mark from its index; iterative, since nesting is checked later."""
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.start_mark = lines.place(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


class Document:
    """Plain data from one YAML file, the line (1-based) of every path in it, and its text.

    The text stays for what only the written line can tell: the hint for a value that a comma
    cut inside ``{...}``, and the comments of a rubric's thresholds.
    """

    __slots__ = ("_split", "data", "file", "lines", "names", "open_lists", "origins", "text")

    def __init__(
        self,
        file: str,
        data: Any,
        lines: dict[Path, int],
        text: str = "",
        open_lists: frozenset[Path] = frozenset(),
        *,
        origins: dict[Path, str] | None = None,
        names: dict[str, str] | None = None,
    ) -> None:
        self.file = file
        self.data = data
        self.lines = lines
        self.text = text
        # The paths of the lists that are not exhaustive (``model.openlists``): at least the
        # items listed, maybe more.
        self.open_lists = open_lists
        # For a scenario merged from a base (``extends:``): the file that stated each path,
        # where it is not this document's own file.
        self.origins: dict[Path, str] = {} if origins is None else origins
        # How the reader named a file of this scenario where that is not its path: a bundled
        # example is ``example:NAME``. Reports show that name; JSON keeps the path.
        self.names: dict[str, str] = {} if names is None else names
        self._split: list[str] | None = None

    def __repr__(self) -> str:
        return (
            f"Document(file={self.file!r}, data={self.data!r}, lines={self.lines!r}, "
            f"open_lists={self.open_lists!r})"
        )

    def __eq__(self, other: object) -> bool:
        """Equal data, lines and open lists from the same file; the text is not compared."""
        if not isinstance(other, Document):
            return NotImplemented
        return (self.file, self.data, self.lines, self.open_lists) == (
            other.file,
            other.data,
            other.lines,
            other.open_lists,
        )

    __hash__ = None  # type: ignore[assignment]  # its data and lines are mutable containers

    def file_of(self, path: Path) -> str | None:
        """The file that stated ``path`` (or its nearest stated ancestor) when it is another
        file than this document's own (a base it extends), else None."""
        if not self.origins:
            return None
        while True:
            if path in self.lines or not path:
                origin = self.origins.get(path)
                return origin if origin is not None and origin != self.file else None
            path = path[:-1]

    def shown_name(self, file: str | None = None) -> str:
        """How the reader named ``file`` (this document's own when None), as reports show it."""
        file = self.file if file is None else file
        return self.names.get(file, file)

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest stated ancestor."""
        while True:
            line = self.lines.get(path)
            if line is not None or not path:
                return line
            path = path[:-1]

    @property
    def _rows(self) -> list[str]:
        """The text's lines, split once however many problems look at them."""
        if self._split is None:
            self._split = _BREAK.split(self.text.removeprefix("\ufeff"))
        return self._split

    def line_text(self, line: int) -> str:
        """The text of a line (1-based), as an editor shows it; "" beyond the end."""
        rows = self._rows
        return rows[line - 1] if 0 < line <= len(rows) else ""

    def value_at(self, path: Path, default: Any = None) -> Any:
        """The data at ``path``, or ``default`` when the data has no such path."""
        node = self.data
        for part in path:
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not in_list and not (isinstance(node, dict) and part in node):
                return default
            node = node[part]
        return node

    def comments_above(self, line: int) -> list[str]:
        """The comment lines right above ``line`` (1-based), without their ``#``, in order."""
        rows = self._rows
        out: list[str] = []
        index = line - 2
        while 0 <= index < len(rows) and rows[index].lstrip().startswith("#"):
            out.append(rows[index].lstrip()[1:].strip())
            index -= 1
        return out[::-1]


def read_text(file: str, raw: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Decode a file's bytes as UTF-8 text, refusing binary, oversized or mis-encoded input."""
    if len(raw) > max_bytes:
        raise InputError.single(
            file,
            f"file is {len(raw):,} bytes, over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)",
        )
    if b"\x00" in raw or raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        wide = wide_encoding(raw)
        if wide is not None:
            raise InputError.single(file, f"the file is {wide}; save it as UTF-8")
        raise InputError.single(file, "this is a binary file, expected a UTF-8 YAML text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = len(_BYTE_BREAK.findall(raw, 0, exc.start)) + 1
        raise InputError.single(
            file,
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8 "
            "(GBK and other encodings are not read)",
            line=line,
        ) from None


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes are text in one of them, else None.

    Told by the byte-order mark, or without one by where the NUL bytes fall: text that is
    mostly ASCII has a NUL in every second byte (UTF-16), and every character of UTF-32 has
    NULs in the same two of its four bytes.
    Editors on Windows save "Unicode" text so.
    """
    for mark, name in _BOMS:
        if raw.startswith(mark):
            return name
    sample = raw[:4096]
    if len(sample) < 4:
        return None

    def nul_share(start: int, step: int) -> float:
        part = sample[start::step]
        return part.count(0) / len(part) if part else 0.0

    # UTF-32: the top byte of a character is always NUL, the next one for any character of the
    # Basic Multilingual Plane, and the lowest one seldom
    for high, next_high, low in ((3, 2, 0), (0, 1, 3)):
        if nul_share(high, 4) > 0.95 and nul_share(next_high, 4) > 0.9 and nul_share(low, 4) < 0.1:
            return "UTF-32"
    for start in (0, 1):  # big-endian: the NUL first; little-endian: the NUL second
        if nul_share(start, 2) > 0.7 and nul_share(1 - start, 2) < 0.1:
            return "UTF-16"
    return None


def parse(file: str, text: str) -> Document:
    """Parse one YAML document into plain data with a line map; InputError if it is invalid.

    The garbage collector is paused meanwhile: parsing makes many objects that all stay
    alive, so its passes would find nothing to free and their cost grows with the file.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse(file, text)
    finally:
        if paused:
            gc.enable()


def _parse(file: str, text: str) -> Document:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(file, text, exc) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(file, text, exc) from None
    except yaml.YAMLError as exc:
        raise InputError.single(file, f"YAML error: {exc}") from None
    if node is None:
        raise InputError.single(file, "the file is empty, expected a YAML mapping")
    if _OTHER_BREAKS.search(text):
        _replace_marks(node, LineIndex(text))
    builder = _Builder(file)
    data = builder.build(node, (), 0)
    return Document(file, data, builder.lines, text)


def _syntax_error(file: str, text: str, exc: yaml.MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    message = (exc.problem or "invalid YAML").strip()
    if exc.context:
        message = f"{exc.context.strip()}: {message}"
    if mark is None:
        return InputError.single(file, f"YAML syntax error: {message}")
    lines = LineIndex(text)
    at = mark.index + lines.offset
    if text[at : at + 1] == "\t":
        message += " (a tab: indent with spaces)"
    marks = [m.index for m in (exc.context_mark, mark) if m is not None]
    message += _break_hint(text, lines, min(marks), at)
    return InputError.single(
        file,
        f"YAML syntax error: {message}",
        line=lines.line(mark.index),
        column=lines.column(mark.index),
    )


def _break_hint(text: str, lines: LineIndex, first: int, at: int) -> str:
    """Why YAML saw a new line where an editor shows none: a separator on the lines read."""
    begin = lines.starts[lines.line(first) - 1]
    found = _OTHER_BREAKS.search(text, begin, at + 1)
    if found is None:
        return ""
    index = found.start() - lines.offset
    return (
        f" (YAML ends a line at the {BREAK_NAMES[found.group()]} on line {lines.line(index)}, "
        f"column {lines.column(index)}: remove it, or write the value in quotes)"
    )


def _reader_error(file: str, text: str, exc: yaml.reader.ReaderError) -> InputError:
    """A character YAML does not allow; libyaml gives its position in bytes, not characters."""
    index = exc.position
    if WITH_LIBYAML:
        index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
    lines = LineIndex(text)
    character = exc.character
    code = f"#x{ord(character):04x}" if isinstance(character, str) else f"#x{character:04x}"
    return InputError.single(
        file,
        f"character {code} is not allowed in YAML ({exc.reason}); "
        "write it as an escape in a double-quoted string if it is meant",
        line=lines.line(index),
        column=lines.column(index),
    )


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
        if tag in (_INT, _FLOAT):
            return self.number(node, path)
        if tag == _TAG + "timestamp":
            return str(node.value)
        raise self.fail(node, f"tag {tag!r} is not allowed (only plain YAML data is read)", path)

    def number(self, node: yaml.Node, path: Path) -> int | float:
        """A plain number, refused when arithmetic on it could overflow or lose exactness."""
        text = str(node.value)
        if len(text) > MAX_NUMBER_CHARS:
            raise self.fail(node, _too_long(text, node.tag == _INT), path)
        if node.tag == _INT:
            whole: int = _scalars.construct_yaml_int(node)  # type: ignore[arg-type]
            if abs(whole) > MAX_INT:
                raise self.fail(node, _too_large(text), path)
            return whole
        value: float = _scalars.construct_yaml_float(node)  # type: ignore[arg-type]
        if math.isnan(value):
            raise self.fail(node, f"{text} (not a number) is not allowed; give a number", path)
        if math.isinf(value) and text.lstrip("+-").lower() == ".inf":
            raise self.fail(node, f"{text} (infinity) is not allowed; give a finite number", path)
        if abs(value) > MAX_FLOAT:
            raise self.fail(node, _too_large(text), path)
        if (value and abs(value) < MIN_FLOAT) or (not value and _written_nonzero(text)):
            raise self.fail(
                node, f"{text} is too small to compute with: give 0 or at least {MIN_FLOAT:g}", path
            )
        return value


def _written_nonzero(text: str) -> bool:
    """The literal's digits before any exponent are not all zeros (so 0.0 came of underflow)."""
    return bool(re.search(r"[1-9]", re.split(r"[eE]", text)[0]))


def _significant(text: str) -> str:
    """The digits of a literal without sign, underscores, base prefix or leading zeros."""
    digits = text.lstrip("+-").replace("_", "")
    return re.sub(r"^0[xob]", "", digits).lstrip("0")


def _too_large(text: str) -> str:
    shown = (
        text if len(text) <= 24 else f"{text[:12]}…{text[-6:]} ({len(_significant(text)):,} digits)"
    )
    return f"{shown} is too large: numbers must lie within ±{MAX_INT:,}"


def _too_long(text: str, whole: bool) -> str:
    """Said of a literal too long to convert: a whole number that long is too large."""
    if whole and len(_significant(text)) > MAX_NUMBER_CHARS // 2:
        return _too_large(text)
    return (
        f"a number written with {len(text):,} characters is too long (at most {MAX_NUMBER_CHARS})"
    )
