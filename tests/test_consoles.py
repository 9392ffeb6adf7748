"""The terminal writer decides without rich what rich's console decides, and its lines keep the
spans rich's ``Text`` keeps: a drawing is the same whether rich draws it or not."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from coopscore.formats import consoles, to_terminal
from coopscore.formats.to_terminal import Styled
from coopscore.report.blocks import Heading, Paragraph, Report, Span, inline

VARIABLES = ("COLUMNS", "LINES", "TERM", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR")


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


SETTINGS: list[dict[str, str]] = [
    {},
    {"COLUMNS": "100"},
    {"COLUMNS": "0"},
    {"COLUMNS": "1"},
    {"COLUMNS": "abc"},
    {"COLUMNS": "-5"},
    {"COLUMNS": "72", "LINES": "20"},
    {"TERM": "dumb", "COLUMNS": "90"},
    {"NO_COLOR": "1", "COLUMNS": "60"},
    {"FORCE_COLOR": ""},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": "0", "COLUMNS": "77"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "2", "COLUMNS": "50"},
]


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("size", [None, (132, 40), (0, 0)])
@pytest.mark.parametrize("case", SETTINGS)
def test_a_terminal_decides_as_rich_does(
    monkeypatch: pytest.MonkeyPatch,
    case: dict[str, str],
    size: tuple[int, int] | None,
    tty: bool,
) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in case.items():
        monkeypatch.setenv(name, value)

    def terminal_size(descriptor: int = 1) -> os.terminal_size:
        if size is None:
            raise OSError("not a terminal")
        return os.terminal_size(size)

    monkeypatch.setattr(os, "get_terminal_size", terminal_size)
    stream: io.StringIO = Tty() if tty else io.StringIO()
    ours = consoles.terminal(file=stream)
    theirs = consoles.console(file=stream)
    assert ours.plain == (theirs.color_system is None and not theirs.is_terminal)
    assert ours.width == theirs.width >= 1
    if ours.plain:
        assert ours._console is None  # rich was not asked


def test_each_case_is_met() -> None:
    """The table above reaches both answers: drawn plain and drawn by rich."""
    seen = set()
    for case in SETTINGS:
        for tty in (False, True):
            with pytest.MonkeyPatch.context() as patch:
                for name in VARIABLES:
                    patch.delenv(name, raising=False)
                for name, value in case.items():
                    patch.setenv(name, value)
                seen.add(consoles.terminal(file=Tty() if tty else io.StringIO()).plain)
    assert seen == {True, False}


STYLES = st.sampled_from(["", "bold", "dim", "bold red", "underline", "yellow"])
WORDS = st.text(st.sampled_from("ab 中文\u00a0-/"), max_size=8)


@st.composite
def steps(draw: Any) -> list[tuple[Any, ...]]:
    """A line built as a drawing builds one: appended parts, slices, copies, stylings and
    stripped ends."""
    out: list[tuple[Any, ...]] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["append", "add", "slice", "stylize", "rstrip", "copy"]))
        if kind in ("append", "add"):
            out.append((kind, draw(WORDS), draw(STYLES), draw(st.booleans())))
        elif kind == "slice":
            out.append((kind, draw(st.integers(-3, 12)), draw(st.integers(-3, 12))))
        elif kind == "stylize":
            out.append((kind, draw(STYLES)))
        else:
            out.append((kind,))
    return out


def _run(line: Any, make: Any, program: list[tuple[Any, ...]]) -> Any:
    for step in program:
        kind = step[0]
        if kind == "append":
            _, words, style, as_line = step
            line.append(make(words, style)) if as_line else line.append(words, style)
        elif kind == "add":
            _, words, style, as_line = step
            line = line + (make(words, style) if as_line else words)
        elif kind == "slice":
            line = line[step[1] : step[2]]
        elif kind == "stylize":
            line.stylize(step[1])
        elif kind == "rstrip":
            line.rstrip()
        else:
            line = line.copy()
    return line


@settings(max_examples=300, deadline=None)
@given(WORDS, STYLES, steps())
def test_a_line_keeps_the_spans_rich_keeps(
    start: str, style: str, program: list[tuple[Any, ...]]
) -> None:
    ours = _run(Styled(start, style), Styled, program)
    theirs = _run(Text(start, style), Text, program)
    made = ours.rich()
    assert (made.plain, made.style, made.spans) == (theirs.plain, theirs.style, theirs.spans)


def test_a_styled_terminal_draws_through_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setenv("COLUMNS", "40")
    report = Report(
        "t",
        "en",
        (Heading(inline("Title")), Paragraph(inline("plain ", Span("gap", "high"), " text"))),
    )
    shown = Tty()
    drawn = consoles.terminal(file=shown)
    assert not drawn.plain
    to_terminal.draw(report, drawn)
    reference = Tty()
    to_terminal.draw(report, consoles.console(file=reference))
    assert "\x1b[" in shown.getvalue()
    assert shown.getvalue() == reference.getvalue()


def test_a_plain_terminal_writes_the_lines_rich_would(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    report = Report(
        "t",
        "en",
        (
            Heading(inline("A title long enough to wrap at thirty columns")),
            Paragraph(inline("plain ", Span("gap", "high"), " text " * 9)),
        ),
    )
    written, reference = io.StringIO(), io.StringIO()
    drawn = consoles.terminal(file=written)
    assert drawn.plain and drawn.width == 30
    to_terminal.draw(report, drawn)
    to_terminal.draw(report, Console(file=reference))
    assert written.getvalue() == reference.getvalue()
    assert len(written.getvalue().splitlines()) > 3
