"""Each escaping function, checked against the parser or renderer of its output."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Console

from coopscore.formats import escaping
from coopscore.formats.escaping import (
    Markdown,
    code_block,
    code_span,
    csv_cell,
    json_dumps,
    link_target,
    markdown_cell,
    markdown_link,
    markdown_text,
    mermaid_label,
    rich_text,
    terminal,
    visible,
)

PARSER = MarkdownIt("commonmark").enable("table")
# Every character a terminal, a table row or a bidi algorithm could act on.
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
NASTY = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt; &#60;i&#62; &amp;",
    "[bold]x[/bold]",
    "[/]",
    "[link=file:///etc/passwd]x[/link]",
    "%%{init: {'theme': 'dark'}}%%",
    "\x1b[2J\x1b[H",
    "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x9b31m",
    "a\u2028b\u2029c\x85d",
    "\u202eevil\u202c",
    "```",
    "a``b`",
    "|",
    "x\\",
    "\\",
    "# h",
    "- item",
    "1. one",
    "12) two",
    "> quote",
    "---",
    "===",
    "~~~",
    "    indented",
    "*em* _em_ **strong**",
    "[x](javascript:alert(1))",
    "<http://example.org>",
    ":smile:",
    "=1+1",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
    "-1",
    '"',
    # text that GitHub's extended autolinks, or linkify, would make a link of
    "www.example.org/x",
    "WWW.evil.example",
    "(www.x.y",
    "https://evil.example/a_b?c=(d)",
    "http://x.y",
    "ftp://files.example",
    "mail@example.com",
    "a.b+c_d@e-f.org",
    "mailto:x@y.z",
    "xmpp:foo@bar.baz/txt",
    "//evil.example/",
    "https://trusted.example@evil.example/",
    "http://example.org:99999/",
    "javascript:alert(1)",
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=6)), max_size=5).map("".join),
)


# GitHub's extended autolinks (GFM §6.9), in the rendered text, as a small recognizer: ``www.``
# where a word may start, then a domain character; http(s):// or ftp:// then a domain
# character; and an e-mail address (``mailto:`` and ``xmpp:`` lead to one). Domain characters
# are taken broadly (any word character), so that the test errs on the side of a link.
GFM_AUTOLINK = re.compile(
    r"(?:^|(?<=[\s*_~(]))www\.[\w-]"
    r"|(?:https?|ftp)://[\w-]"
    r"|[A-Za-z0-9.+_-]@[\w-]+\.[\w-]",
    re.IGNORECASE,
)


def linkifier() -> MarkdownIt:
    """markdown-it with GFM's tables and linkify on, fuzzy links (bare ``example.org``) off,
    as GitHub leaves those alone."""
    parser = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
    parser.linkify.set({"fuzzy_link": False})
    return parser


LINKIFY = linkifier()


def autolinked(markdown: str) -> list[str]:
    """What a Markdown renderer would make a link of without being asked: linkify's links, and
    the spans of the rendered text (outside code and links) that ``GFM_AUTOLINK`` finds."""
    found: list[str] = []
    for token in LINKIFY.parse(markdown):
        if token.type != "inline":
            continue
        shown, depth = [], 0
        for child in token.children or []:
            if child.type == "link_open":
                if child.markup == "linkify":
                    found.append(str(child.attrs.get("href")))
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth == 0:
                shown.append(child.content)
                continue
            shown.append(" ")  # code, breaks and markup: the text runs no further
        found += [m.group() for m in GFM_AUTOLINK.finditer("".join(shown))]
    return found


def inline_children(text: str) -> list[Token]:
    """The inline tokens of a document that must be one paragraph (or nothing at all)."""
    tokens = PARSER.parse(text)
    if not tokens:
        return []
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], text
    return tokens[1].children or []


# ---------------------------------------------------------------------------- visible


@given(TEXT)
@example("\x00\x1b\x7f\x80\x85\x9f\u2028\u2029\u202e\u2066\ud800")
def test_visible_leaves_no_control_character(text: str) -> None:
    shown = visible(text)
    assert not HIDDEN.search(shown)
    assert not re.search("[\ud800-\udfff]", shown)
    shown.encode("utf-8")  # no lone surrogate left to fail the output's encoding


def test_visible_writes_readable_escapes() -> None:
    assert visible("a\x1b[31mb") == "a\\x1b[31mb"
    assert visible("\x00\x7f\x85\x9b") == "\\x00\\x7f\\x85\\x9b"
    assert visible("\u2028\u202e") == "\\u2028\\u202e"
    assert visible("长三角 §二(三) é") == "长三角 §二(三) é"


# ----------------------------------------------------------------------------- terminal


@given(TEXT)
def test_terminal_text_holds_no_control_character(text: str) -> None:
    assert not HIDDEN.search(terminal(text))


@given(TEXT)
def test_rich_text_is_shown_as_written_and_never_styled(text: str) -> None:
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=500)
    console.print(rich_text(text), end="")
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b" not in out  # no style, no link, no escape sequence of the data
    assert out.replace("\n", "") == terminal(text).replace("\n", "")


# ----------------------------------------------------------------------------- Markdown


@given(TEXT)
@example("<img src=x onerror=alert(1)>")
@example("1. one")
@example("# a #")
@example("\u2060")
def test_markdown_text_renders_as_exactly_the_text(text: str) -> None:
    # The word joiner is what defuses autolinks; shown text is compared without it, on both sides.
    expected = visible(" ".join(text.split())).replace(escaping.JOINER, "")
    for prefix in ("", "- ", "### ", "text "):
        tokens = PARSER.parse(prefix + markdown_text(text))
        inline = [t for t in tokens if t.type == "inline"]
        assert not [t for t in tokens if t.type not in BLOCKS[prefix]], (prefix, text)
        children = inline[0].children if inline else []
        assert all(c.type == "text" for c in children or []), (prefix, text)
        shown = "".join(c.content for c in children or []).replace(escaping.JOINER, "")
        if prefix == "text ":
            assert shown.rstrip() == ("text " + expected).rstrip()
        else:
            assert shown == expected
        assert not autolinked(prefix + markdown_text(text)), (prefix, text)


BLOCKS = {
    "": {"paragraph_open", "inline", "paragraph_close"},
    "text ": {"paragraph_open", "inline", "paragraph_close"},
    "- ": {"bullet_list_open", "list_item_open", "paragraph_open", "inline"}
    | {"paragraph_close", "list_item_close", "bullet_list_close"},
    "### ": {"heading_open", "inline", "heading_close"},
}


def test_markdown_text_escapes_html_and_block_starts() -> None:
    assert markdown_text("<b>&amp;") == "\\<b\\>\\&amp;"
    assert markdown_text("1. one") == "1\\. one"
    assert markdown_text("62.5") == "62.5"
    assert markdown_text("# title #") == "\\# title \\#"
    assert markdown_text("Liu Tao (2021), §一") == "Liu Tao (2021), §一"
    html = PARSER.render("- " + markdown_text("<img src=x onerror=alert(1)>"))
    assert "<img" not in html and "&lt;img" in html


def table_cells(cell: str) -> list[Token]:
    tokens = PARSER.parse(f"| h | i |\n|---|---|\n| {cell} | end |\n")
    (row,) = [i for i, t in enumerate(tokens) if t.type == "tr_open"][1:]
    cells = [tokens[i + 1] for i in range(row, len(tokens)) if tokens[i].type == "td_open"]
    assert len(cells) == 2 and cells[1].content == "end", cell
    return cells


@given(TEXT)
@example("x | y\nline two")
@example("a\u2028b\x85c\rd")
@example("<br><script>")
def test_markdown_cell_keeps_one_row_and_lets_no_tag_through(text: str) -> None:
    cell = markdown_cell(text)
    (first, _) = table_cells(cell)
    lines: list[str] = [""]
    for child in first.children or []:
        if child.type == "html_inline":
            assert child.content == "<br>"  # ours: the cell's line breaks
            lines.append("")
        else:
            assert child.type == "text"
            lines[-1] += child.content
    expected = [visible(" ".join(part.split())) for part in text.splitlines()] or [""]
    assert [line.replace(escaping.JOINER, "") for line in lines] == expected
    assert not autolinked(f"| a |\n|---|\n| {cell} |")


def test_markdown_cells_keep_markdown_and_escape_its_pipes() -> None:
    cell = markdown_cell(Markdown(f"{code_span('a|b')}\n{code_span('c`|`d')}"))
    (first, _) = table_cells(cell)
    codes = [c.content for c in first.children or [] if c.type == "code_inline"]
    assert codes == ["a|b", "c`|`d"]
    # the backslash is escaped, and a space keeps the pipe after it a pipe
    assert markdown_cell("ends with \\") == "ends with \\\\ "
    (first, _) = table_cells(markdown_cell("ends with \\"))
    assert first.content.endswith("\\\\")


@given(TEXT)
@example("a```b``c")
@example("`start")
@example("end`")
@example(" both ")
@example("   ")
def test_code_span_shows_the_text_whatever_its_backticks(text: str) -> None:
    span = code_span(text)
    inside = visible(" ".join(text.splitlines())) or " "
    runs = [len(r) for r in re.findall("`+", inside)]
    fence = len(span) - len(span.lstrip("`"))
    assert fence == max(runs, default=0) + 1
    children = inline_children(span)
    assert [c.type for c in children] == ["code_inline"], span
    assert children[0].content == inside


def test_code_block_fence_outlasts_the_content() -> None:
    lines = code_block("a\n````\nb\x1b", "text")
    assert lines[0] == "`````text" and lines[-1] == "`````"
    (fence,) = [t for t in PARSER.parse("\n".join(lines)) if t.type == "fence"]
    assert fence.content == "a\n````\nb\\x1b\n"


@given(TEXT)
@example("javascript:alert(1)")
@example("JaVaScRiPt:alert(1)")
@example("//evil.example/x")
@example("/etc/passwd")
@example("report (1).md")
@example("a b<c>d#e?f")
def test_link_targets_stay_relative_and_reach_the_file(target: str) -> None:
    href = link_target(target)
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and ":" not in href
    assert unquote(href) in (target, "./" + target)
    tokens = inline_children(markdown_link(f"name {target}", target))
    assert tokens[0].type == "link_open", target
    assert unquote(str(tokens[0].attrs["href"])) in (target, "./" + target)


def test_javascript_link_is_impossible() -> None:
    html = PARSER.render(markdown_link("click", "javascript:alert(document.cookie)"))
    assert 'href="javascript%3Aalert%28document.cookie%29"' in html
    assert "javascript:" not in html


# ------------------------------------------------------------------------------ Mermaid


@given(TEXT)
@example("%%{init: {'theme': 'dark'}}%%")
@example('a"b\n```\nc')
@example("%%%")
def test_mermaid_label_is_one_safe_string(text: str) -> None:
    label = mermaid_label(text)
    assert label.startswith('"') and label.endswith('"') and len(label) >= 2
    inner = label[1:-1]
    assert '"' not in inner and "`" not in inner and "%%" not in inner
    assert "<" not in inner and ">" not in inner
    assert len(label.splitlines()) == 1 and not HIDDEN.search(label)


# ---------------------------------------------------------------------------------- CSV


@given(TEXT)
@example('=HYPERLINK("http://evil")')
@example("\tx")
@example("＝1+1")
def test_csv_cell_cannot_start_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert not cell.startswith(escaping.FORMULA_START)
    assert not HIDDEN.search(cell)
    shown = terminal(text)
    assert cell == ("'" + shown if shown.startswith(escaping.FORMULA_START) else shown)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([cell, "1.5"])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [[cell, "1.5"]]


def test_csv_cells_from_owasp() -> None:
    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@x", "\tx", "\rx", "ok")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@x",
        "\\x09x",  # a tab or CR is shown as an escape: it can start no formula
        "\\x0dx",
        "ok",
    ]


# --------------------------------------------------------------------------------- JSON


def strict(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def test_json_dumps_writes_non_finite_numbers_as_null() -> None:
    value = {"a": float("nan"), "b": [float("inf"), (1.5, float("-inf"))], "c": 2}
    assert strict(json_dumps(value)) == {"a": None, "b": [None, [1.5, None]], "c": 2}
    assert strict(json_dumps({"x": 1.0}, indent=2)) == {"x": 1.0}


@given(TEXT)
def test_json_dumps_round_trips_and_escapes_hidden_characters(text: str) -> None:
    out = json_dumps({"t": text, "n": [1, 2.5]}, indent=2)
    assert strict(out) == {"t": text, "n": [1, 2.5]}
    assert not HIDDEN.search(out.replace("\n", ""))


@settings(max_examples=20)
@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=4))
def test_json_dumps_matches_json_for_plain_data(value: dict[str, Any]) -> None:
    plain = json.dumps(value, ensure_ascii=False, indent=2)
    assert json_dumps(value, indent=2) == re.sub(
        "[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]",
        lambda m: f"\\u{ord(m.group()):04x}",
        plain,
    )
