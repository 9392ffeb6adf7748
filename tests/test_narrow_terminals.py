"""However narrow the terminal, every command ends, and its output grows no faster than its input.

The wrappers are checked on generated text at generated widths and indents; every command's
terminal output at the widths 1 to 12 and a few drawn at random, each run under a timer.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.formats import fitting, to_terminal

from .conftest import ROOT

runner = CliRunner()
MR = "example:middle-reaches-2021"
MRR = "example:middle-reaches-with-recommendations"
SECONDS = 20

# Widths 1 to 12, where an indent fills the line, and a few drawn at random (fixed per seed).
WIDTHS = [*range(1, 13), *random.Random(2021).sample(range(13, 160), 2)]


class TookTooLong(Exception):
    pass


@contextlib.contextmanager
def timer(seconds: float) -> Iterator[None]:
    """Raise ``TookTooLong`` in this thread once ``seconds`` have passed."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


WORD = st.one_of(
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=12),
    st.lists(st.sampled_from(["line", "438", "§二(三)", "D3"]), min_size=2, max_size=4).map(
        fitting.KEEP.join
    ),
)
TEXT = st.lists(WORD, max_size=20).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.integers(1, 40), st.integers(0, 30), st.integers(0, 12))
def test_the_terminal_wrapper_ends_and_moves_on_at_any_width(
    text: str, width: int, indent: int, hang: int
) -> None:
    with timer(5):
        lines = to_terminal.flow(to_terminal.Styled(text), width, indent, hang)
    plain = text.replace(fitting.KEEP, " ")
    assert len(lines) <= len(text) + 1  # at least one character on every line
    for line in lines:
        content = line.plain.lstrip(" ")
        # a line fits, unless it is one character wider than the whole line (a wide one at 1)
        assert cell_len(line.plain) <= width or len(content) == 1, (line.plain, width)
    # nothing is lost or repeated: the words come back in order
    assert "".join(line.plain.replace(" ", "") for line in lines) == plain.replace(" ", "")


COMMANDS = {
    "assess": ["assess", MR],
    "assess zh": ["assess", MR, "--lang", "zh"],
    "batch": ["batch", "scenarios", "-q"],
    "explain": ["explain", "ENC002", "--scenario", MR],
    "rubric list": ["rubric", "list"],
    "examples": ["examples"],
    "compare": ["compare", MR, MRR],
    "plan": ["plan", MR],
    "sensitivity": ["sensitivity", "scenarios"],
    "agree": ["agree", MR, MRR],
    "help": ["--help"],
    "bad input": ["assess", "tests/bad/typo-key.yaml"],
}


def _run(command: list[str], width: int) -> tuple[int, str]:
    with timer(SECONDS):
        result = runner.invoke(app, command, env={"COLUMNS": str(width)})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


# Each command's exit code and output at 80 columns, computed once per test process.
AT_80: dict[str, tuple[int, str]] = {}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_ends_at_every_width_with_output_linear_in_its_input(
    name: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    command = COMMANDS[name]
    if name not in AT_80:
        AT_80[name] = _run(command, 80)
    code, output = _run(command, width)
    reference_code, reference = AT_80[name]
    assert code == reference_code
    # Narrow lines hold fewer characters each, never more characters in all than a bounded
    # multiple of the 80-column output (which is itself linear in the input).
    assert len(output) <= 8 * len(reference) + 4096, (len(output), len(reference))


@pytest.mark.parametrize("width", [1, 4])
def test_the_console_entry_ends_at_widths_where_the_indent_fills_the_line(width: int) -> None:
    """The command that grew without bound, run as an analyst runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "coopscore", "assess", MR],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**_environment(), "COLUMNS": str(width)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # the title, wrapped a few characters a line, is all there
    assert "MiddleReachesoftheYangtzeRivercitycluster" in "".join(done.stdout.split())
    assert len(done.stdout) < 200_000


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "COLUMNS"}


@pytest.mark.parametrize("name", ["assess", "batch", "plan", "compare", "sensitivity", "agree"])
def test_a_terminal_of_no_width_is_drawn_at_80_columns_never_left_empty(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``COLUMNS=0`` says nothing of the width: rich alone would draw nothing, and exit 0."""
    monkeypatch.chdir(ROOT)
    if name not in AT_80:
        AT_80[name] = _run(COMMANDS[name], 80)
    assert _run(COMMANDS[name], 0) == AT_80[name]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(" ab,.()[]!?;:-_/x1\t"), max_size=40))
def test_ascii_text_breaks_where_the_piece_by_piece_reading_does(text: str) -> None:
    assert fitting._ascii_groups(text) == fitting._piece_groups(text)


# ------------------------------------------------------------------ no token cut, end to end
#
# Each command is drawn at 60 and 80 columns and once wide enough for nothing to wrap. Where
# the end of one line and the start of the next stand together in the wide drawing, the line
# broke inside a run of text: that is allowed after a path's ``/``, after a scenario path's
# ``.``, after a name's ``-`` or ``_``, and between CJK characters; anywhere else (a word, a
# number, a bound, a file's name) only inside a piece between two such places that alone is
# wider than the room beside the indent (a folder's name of 60 letters at 60 columns).

PANEL = ROOT / "scenarios" / "middle-reaches-panel"
SCENARIO = ROOT / "scenarios" / "middle-reaches-2021.yaml"
DRAWN = {
    "trend": ["trend", str(PANEL)],
    "agree": ["agree", str(SCENARIO), MRR],
    "explain ADJ002": ["explain", "ADJ002", "-s", MRR],
    "explain P3": ["explain", "P3"],
    "assess": ["assess", MRR],
    "batch": ["batch", str(ROOT / "scenarios"), "-q"],
    "plan": ["plan", MR],
    "compare": ["compare", MR, MRR],
    "sensitivity": ["sensitivity", str(ROOT / "scenarios")],
    "examples": ["examples"],
    "rubric list": ["rubric", "list"],
}
_CLOSING = frozenset("，。、；：！？）」』”’》〉,.;:!?)]}")
_OPENING = frozenset("（「『“‘《〈([{")
# Where a run of text may break: after ``/``, ``-`` or ``_``, after a ``.`` that no digit follows.
_BREAKS_AFTER = re.compile(r"[/_-]|\.(?!\d)")


def piece_across(tail: str, head: str) -> str:
    """The piece of ``tail + head`` that a break between them falls in: from the last place a
    run may break before the join to the first one after it (or the run's ends)."""
    joined, at = tail + head, len(tail)
    places = {m.end() for m in _BREAKS_AFTER.finditer(joined)}
    places |= {
        n for n in range(1, len(joined)) if fitting._wide(joined[n - 1]) or fitting._wide(joined[n])
    }
    left = max((p for p in places if p < at), default=0)
    right = min((p for p in places if p > at), default=len(joined))
    return joined[left:right]


def cut_tokens(narrow: str, wide: str, width: int) -> list[str]:
    """Where ``narrow``, drawn ``width`` columns wide, breaks a line inside a token that
    ``wide`` shows whole (but for a piece wider than the room beside the next line's indent),
    starts a line with a closing mark, ends one with an opening mark, or leaves one CJK
    character alone at the end of a text that ``wide`` shows on one line."""
    found = []
    for a, b in itertools.pairwise(narrow.splitlines()):
        if not a.strip() or not b.strip():
            continue
        end, start = a.rstrip()[-1], b.lstrip()[0]
        if start in _CLOSING:
            found.append(f"closing mark starts a line: {a!r} / {b!r}")
        if end in _OPENING:
            found.append(f"opening mark ends a line: {a!r} / {b!r}")
        tail, head = a.split()[-1], b.split()[0]
        alone = b.strip().rstrip("".join(_CLOSING))
        if len(alone) == 1 and fitting._wide(alone) and tail + b.strip() in wide:
            found.append(f"one character alone: {a!r} / {b!r}")
        if head == "-" or tail + head not in wide:
            continue  # broken at a space (before a bullet), or two cells of a table
        if fitting._wide(end) or fitting._wide(start):
            continue  # between CJK characters
        if tail.endswith(("/", "-", "_")) or (tail.endswith(".") and not head[:1].isdigit()):
            continue  # a path after its "/", a scenario path after its ".", a long name
        if cell_len(piece_across(tail, head)) > width - (len(b) - len(b.lstrip(" "))):
            continue  # a piece wider than its line's room: it breaks where it must
        found.append(f"cut: {tail!r} / {head!r}")
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", DRAWN)
def test_no_command_cuts_a_token_at_60_or_80_columns(
    name: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from another folder, so every file is cited by its whole path, as an installed
    package's examples are."""
    monkeypatch.chdir(tmp_path)
    command = [*DRAWN[name], "--lang", lang]
    _, wide = _run(command, 1000)
    for width in (60, 80):
        _, narrow = _run(command, width)
        assert not cut_tokens(narrow, wide, width), (width, cut_tokens(narrow, wide, width))


def test_the_detector_finds_what_the_wrapper_used_to_do() -> None:
    wide = "  武汉城市圈 — active: true  (scenarios/middle-reaches-2021.yaml:239, coop_model.a)\n"
    assert cut_tokens("(scenarios/middle-reaches-2021.yaml:239, coop\n  _model.a)\n", wide, 60)
    assert cut_tokens("(scenarios/middle-rea\nches-2021.yaml:239,\n", wide, 60)
    assert cut_tokens("(scenarios/middle-reaches-202\n1.yaml:239,\n", wide, 60)
    assert cut_tokens("  武汉城市\n圈\n", wide, 60)
    assert not cut_tokens("(scenarios/\nmiddle-reaches-2021.yaml:239,\ncoop_model.a)\n", wide, 60)
    assert not cut_tokens("  武汉城\n  市圈 — active:\n", wide, 60)


def test_the_detector_lets_a_piece_wider_than_its_room_break() -> None:
    """A folder's name wider than the room beside the indent must break inside; a cut in a
    narrower piece of the same path is still a cut."""
    folder = "a" * 60
    wide = f"  File: /tmp/{folder}/scenarios/middle-reaches-2015.yaml\n"
    cut = f"    /tmp/{folder[:50]}\n    {folder[50:]}/scenarios/\n"
    assert piece_across(f"/tmp/{folder[:50]}", f"{folder[50:]}/scenarios/") == f"{folder}/"
    assert not cut_tokens(cut, wide, 60)
    assert cut_tokens(cut, wide, 80)  # at 80 the name fits beside the indent
    assert cut_tokens(f"    /tmp/{folder}/scena\n    rios/middle-reaches-2015.yaml\n", wide, 60)
    assert cut_tokens(f"    /tmp/{folder}/scenarios/middle-reaches-2015.ya\n    ml\n", wide, 60)


def test_a_bundled_base_is_cited_by_the_name_a_reader_types(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Evidence a bundled example states reads ``example:NAME:LINE`` in every report, however
    the package is installed; JSON keeps the file's path, as its contract says."""
    monkeypatch.chdir(tmp_path)
    _, shown = _run(["assess", MRR, "-v"], 100)
    assert f"{MR}:" in shown
    assert "middle-reaches-2021.yaml" not in shown
    for form in ("markdown", "html"):
        _, text = _run(["assess", MRR, "--format", form], 100)
        assert f"{MR}:" in text and "middle-reaches-2021.yaml" not in text, form
    _, record = _run(["assess", MRR, "--format", "json"], 100)
    gaps = json.loads(record)["gaps"]
    files = {e["file"] for g in gaps for e in g["evidence"] if "file" in e}
    assert files and all(f.endswith("middle-reaches-2021.yaml") for f in files)
