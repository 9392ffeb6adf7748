"""Text from input files, escaped for each output it enters.

Scenario files, their names and rubric files may come from anyone, and their text reaches
Markdown reports, Mermaid charts, the terminal, CSV and JSON. Each output has its own way of
turning text into structure (HTML tags, table rows, fences, rich markup, escape sequences,
spreadsheet formulas), so each has its own function here, and every renderer uses them:

* ``visible`` and ``terminal``: control characters, line separators and bidi overrides shown
  as ``\\x1b`` / ``\\u2028`` escapes, never sent raw;
* ``rich_text``: text for rich that is never read as markup or emoji codes (file text never
  goes into a markup string);
* ``markdown_text``, ``markdown_cell``, ``code_span``, ``code_block``, ``markdown_link`` and
  ``link_target``: Markdown from which no HTML, emphasis, link or block can come;
* ``mermaid_label``: a quoted chart label that cannot end its string, line or fence;
* ``html_text`` and ``web_url``: text for an autoescaping HTML template, and the only links
  an HTML page may carry (absolute http(s) URLs);
* ``csv_cell``: a text cell a spreadsheet cannot run as a formula;
* ``json_dumps``: strict JSON (no ``NaN``), with the same characters escaped.

Only text from files goes through these; labels and numbers the program writes itself do not
need to, though passing them through is harmless.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from coopscore.patterns import Lazy

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls, DEL, C1 controls (NEL included), the line and paragraph separators, the bidi
# marks, embeddings, overrides and isolates, and lone surrogates (which cannot be encoded).
_HIDDEN = Lazy("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control, separator and bidi character written as an escape.

    ESC becomes ``\\x1b``, NEL ``\\x85``, U+2028 ``\\u2028``: what the file holds stays readable
    and nothing in it can move the cursor, clear a screen, open a link or reorder a line.
    """
    return _HIDDEN().sub(_escape_char, text) if _HIDDEN().search(text) else text


def _str(value: object) -> str:
    return "" if value is None else str(value)


def one_line(value: object) -> str:
    """Every run of whitespace, line breaks included, as one space; no space at the ends."""
    return " ".join(_str(value).split())


# ---------------------------------------------------------------------------------- terminal


def terminal(value: object) -> str:
    """Plain text safe to print on a terminal: controls made visible (see ``visible``)."""
    return visible(_str(value))


def rich_text(value: object, style: str = "") -> Text:
    """A rich ``Text`` of file text: never parsed as markup or emoji codes, controls visible."""
    from rich.text import Text

    return Text(terminal(value), style=style)


# ---------------------------------------------------------------------------------- Markdown


class Markdown(str):
    """Text that is Markdown already (made with this module): cells keep it as it is."""

    __slots__ = ()


# What would open a block at the start of a line (``>`` and ``~`` are escaped everywhere): a
# heading, a list item, a thematic break, a setext underline.
_BLOCK_START = Lazy(r"[#+\-=]")
_ORDERED = Lazy(r"(\d{1,9})([.)])(?=\s|$)")


# Every character that can open inline structure: escapes, code, emphasis, links and images,
# raw HTML, entities, strikethrough; and ``|``, which splits a table row.
_INLINE_TABLE = str.maketrans({char: "\\" + char for char in "\\`*_[]<>&~|"})


# A word joiner put where GitHub's extended autolinks (and linkify) would start a link in
# plain text: inside ``www.``, between the slashes of ``//`` (so no ``http://``, ``ftp://``,
# ``//host``), and before the ``@`` of an address (so no e-mail, ``mailto:`` or ``xmpp:``
# link, which need one). It shows nothing, and no link rule matches across it. A scheme
# without ``//`` or ``@`` (``example:NAME``, ``javascript:``) is linked by neither.
JOINER = "\u2060"
_AUTOLINK = Lazy(r"(?i)(?<=www)(?=\.)|(?<=/)(?=/)|(?<=\S)(?=@)")


def no_autolink(text: str) -> str:
    """``text`` that no Markdown renderer's autolink rule turns into a link: a word joiner
    inside every ``www.``, ``//`` and ``x@`` (see ``JOINER``)."""
    if "@" not in text and "/" not in text and "." not in text:
        return text  # none of the three can occur
    return _AUTOLINK().sub(JOINER, text)


@lru_cache(maxsize=8192)
def _inline(text: str) -> str:
    """``text`` escaped for a Markdown line (a pure function of the string: the same labels
    and names recur in every report of a batch)."""
    return no_autolink(visible(one_line(text)).translate(_INLINE_TABLE))


def markdown_text(value: object) -> Markdown:
    """File text for one Markdown line: rendered as exactly that text, with no tag or markup.

    Line breaks and runs of whitespace become one space and controls are made visible;
    ``\\ ` * _ [ ] < > & ~ |`` are backslash-escaped, and so are a leading ``#``, ``+``, ``-``,
    ``=`` or ``1.`` that would start a block and a trailing ``#`` that a heading would drop.
    """
    return markdown_line(_inline(_str(value)))


def markdown_inline(value: object) -> Markdown:
    """File text for a piece of a Markdown line, beside other pieces: escaped as
    ``markdown_text`` is inside a line, and one space kept at an end where the text had
    whitespace, so that pieces joined read as the text did. ``markdown_line`` then makes the
    joined line safe at its ends."""
    raw = _str(value)
    core = _inline(raw)
    if not core:
        return Markdown(" " if raw else "")
    lead = " " if raw[:1].isspace() else ""
    trail = " " if raw[-1:].isspace() else ""
    return Markdown(lead + core + trail)


# A run of three backticks or tildes at the start of a line opens a fenced code block.
_FENCE_START = Lazy(r"(`{3,}|~{3,})")


def markdown_line(text: str) -> Markdown:
    """A line of inline Markdown (escaped pieces, code spans, emphasis) that opens no block:
    a leading ``#``, ``+``, ``-``, ``=`` or ``1.`` is escaped, a code span that starts the line
    with three backticks is kept from opening a fence (``JOINER`` before it), and a trailing
    ``#`` that a heading would drop is escaped. Leading spaces (an indented code block) are
    dropped."""
    text = text.strip(" ")
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    ordered = _ORDERED().match(text)
    if ordered:
        text = ordered.group(1) + "\\" + text[ordered.end(1) :]
    elif _BLOCK_START().match(text):
        text = "\\" + text
    elif _FENCE_START().match(text):
        text = JOINER + text
    return Markdown(text)


def markdown_cell(value: object) -> str:
    """A GitHub table cell: escaped like ``markdown_text``, line breaks as ``<br>``.

    ``Markdown`` values are kept, only their ``|`` escaped (GFM unescapes ``\\|`` even inside
    code spans) and their ``\\n`` made ``<br>``. Other text is escaped line by line. A cell
    never ends in a backslash, which would escape the ``|`` after it.
    """
    if isinstance(value, Markdown):
        text = "<br>".join(part.strip() for part in value.split("\n")).replace("|", "\\|")
    else:
        text = "<br>".join(_inline(part) for part in _str(value).splitlines())
    return text + " " if text.endswith("\\") else text


_BACKTICKS = Lazy(r"`+")


def _fence_length(text: str) -> int:
    return max((len(run) for run in _BACKTICKS().findall(text)), default=0) + 1


def code_span(value: object) -> Markdown:
    """A code span showing the text as it is, on one line.

    The fence is one backtick longer than the longest run of backticks inside; a space pads
    both ends when the text starts or ends with a backtick or a space (CommonMark then strips
    exactly that one). Line breaks become spaces and controls are made visible, so that the
    span cannot end a table row or a list item.
    """
    text = visible(" ".join(_str(value).splitlines()))
    if not text:
        return Markdown("` `")
    fence = "`" * _fence_length(text)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    if not text.strip(" "):
        pad = ""  # all spaces: CommonMark strips nothing
    return Markdown(f"{fence}{pad}{text}{pad}{fence}")


def visible_lines(text: str) -> list[str]:
    """Text split at its line breaks (all of them), each line with its controls visible."""
    return [visible(line) for line in text.splitlines()]


def code_block(text: str, info: str = "") -> list[str]:
    """A fenced code block as lines: the fence is longer than any backtick run inside."""
    body = visible_lines(text)
    fence = "`" * max(3, _fence_length("\n".join(body)))
    return [f"{fence}{one_line(info)}", *body, fence]


# Kept as they are in a link target: what a relative report file name needs. ``:`` is not, so
# no target can carry a scheme (``javascript:``); ``(``, ``)``, ``<``, ``>``, spaces and ``#``
# are encoded, so none can end the target early.
LINK_SAFE = "/"


def link_target(target: str) -> str:
    """A relative link target, percent-encoded; it can never name a scheme or another host."""
    encoded = quote(target, safe=LINK_SAFE)
    return "./" + encoded if encoded.startswith("/") else encoded


def markdown_link(text: object, target: str) -> Markdown:
    """A Markdown link to a relative file: escaped text, percent-encoded target."""
    shown = _inline(_str(text)) or "\\-"
    return Markdown(f"[{shown}]({link_target(target)})")


def markdown_web_link(url: object, text: object = None) -> Markdown:
    """A cited URL: a link exactly when the HTML report would link it (``web_url``), written
    so that it is followed as given; otherwise the text as text that cannot become a link.
    ``text`` is what the link shows (the URL itself when not given).

    The target stands in ``<...>``, where no character needs a backslash (``web_url`` lets no
    blank, ``<``, ``>`` or backslash through) and only ``&`` must be written as an entity.
    """
    shown = url if text is None else text
    target = web_url(url)
    if target is None:
        return markdown_text(shown)
    # No word joiner in the label: a link's text is never linked again, and a URL copied from
    # it must be the URL.
    label = visible(one_line(_str(shown))).translate(_INLINE_TABLE) or "\\-"
    return Markdown(f"[{label}](<{target.replace('&', '&amp;')}>)")


# ----------------------------------------------------------------------------------- Mermaid

_MERMAID = str.maketrans({'"': "'", "`": "'", "<": "‹", ">": "›"})
_PERCENTS = Lazy(r"%(?=%)")


def mermaid_label(value: object) -> str:
    """A double-quoted Mermaid label on one line.

    No ``"`` (it would end the string), no backtick (no fence can close), no ``<``/``>`` (no
    tag in the drawn SVG), no ``%%`` (no comment or ``%%{init}%%`` directive), no line break,
    and no text a renderer could turn into a link (``no_autolink``).
    """
    text = no_autolink(visible(one_line(value)).translate(_MERMAID))
    return '"' + _PERCENTS().sub("% ", text) + '"'


# -------------------------------------------------------------------------------------- HTML


def html_text(value: object) -> str:
    """File text for an HTML page, on one line, controls and bidi characters visible.

    The template's autoescaping then turns ``<``, ``>``, ``&`` and quotes into entities; this
    step keeps what HTML would not show (or would reorder) readable, as ``visible`` does.
    """
    return visible(one_line(value))


def html_inline(value: object) -> str:
    """File text for a piece of an HTML line, beside other pieces: as ``html_text``, with one
    space kept at an end where the text had whitespace."""
    raw = _str(value)
    core = html_text(raw)
    if not core:
        return " " if raw else ""
    lead = " " if raw[:1].isspace() else ""
    trail = " " if raw[-1:].isspace() else ""
    return lead + core + trail


WEB_SCHEMES = ("http", "https")
# Never in a link a page offers: blanks, controls, quotes, backslashes (which browsers read as
# ``/``), angle brackets, backticks, bidi characters and lone surrogates.
_URL_REFUSED = Lazy(
    "[\x00-\x20\x7f-\x9f\\\\\"'<>`\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
_URL_KEPT = "".join(chr(c) for c in range(0x21, 0x7F))


def web_url(value: object) -> str | None:
    """``value`` as an absolute http(s) URL a reader may follow, or ``None`` if it is not one.

    A host is required, ASCII only (no look-alike letters) and without a user name or password
    before it (``http://trusted@elsewhere``); no character ``_URL_REFUSED`` names may appear.
    Other non-ASCII characters are percent-encoded. Anything else gets no link at all.
    """
    if not isinstance(value, str) or _URL_REFUSED().search(value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    if "@" in parts.netloc or not parts.netloc.isascii():
        return None
    return quote(value, safe=_URL_KEPT)


# --------------------------------------------------------------------------------------- CSV

# OWASP's list for CSV injection, and the full-width forms some spreadsheets also accept.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_cell(value: object) -> str:
    """A CSV text cell: controls visible, and a leading ``'`` if it could start a formula.

    Only for text (names, paths, reasons): numbers the program formats itself are written as
    they are, so that they stay numbers.
    """
    text = terminal(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# -------------------------------------------------------------------------------------- JSON


def finite(value: Any) -> Any:
    """``value`` with every ``NaN`` or infinite float, however deep, replaced by ``None``."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


# What ``visible`` escapes, less C0: ``json.dumps`` escapes C0 in strings, and indentation puts
# line breaks between them.
_JSON_HIDDEN = Lazy("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_dumps(
    value: Any, indent: int | None = None, default: Callable[[Any], Any] | None = None
) -> str:
    """Strict JSON: never ``NaN`` or ``Infinity`` (a non-finite number is written ``null``).

    Characters ``visible`` escapes are written as ``\\uXXXX``: the data read back is the same,
    and the text printed on a terminal holds no raw control, separator or bidi character.
    """
    try:
        text = json.dumps(
            value, ensure_ascii=False, allow_nan=False, indent=indent, default=default
        )
    except ValueError:
        text = json.dumps(
            finite(value), ensure_ascii=False, allow_nan=False, indent=indent, default=default
        )
    return _JSON_HIDDEN().sub(_json_escape, text) if _JSON_HIDDEN().search(text) else text
