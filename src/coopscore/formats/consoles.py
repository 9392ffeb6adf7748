"""The terminal a drawing format prints on, never narrower than one cell.

``COLUMNS=0`` (or a terminal that reports no width) would give a console of width 0, on which
nothing is drawn at all, and the command would end as if it had written its output. Such a
width is taken as unknown: the console is 80 columns wide, rich's own default. Every width
from 1 up is kept, and every writer ends at it (see ``fitting.breaks``).

A ``Terminal`` decides what rich's ``Console`` would decide, without loading rich: a stream
that is not a terminal (a pipe, a file; ``TTY_COMPATIBLE=0``; ``FORCE_COLOR`` set empty)
shows no styles, so its lines are written as their text (``plain``), at the width rich would
take (``COLUMNS``, else the size of the first standard stream that is a terminal, else 80).
Anything else (a terminal, ``FORCE_COLOR``, a notebook, Windows, IDLE) is drawn by rich's
console, made on first use: styles and colours are rich's, as they always were.
``tests/test_consoles.py`` holds the two to the same answers.
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

DEFAULT_WIDTH = 80


def console(**options: Any) -> Console:
    """A rich ``Console`` made with ``options``, at least one cell wide."""
    from rich.console import Console

    made = Console(**options)
    if made.width < 1:
        made.width = DEFAULT_WIDTH
    return made


class Terminal:
    """Standard output (``stderr``: standard error), or ``file``, as a drawing sees it."""

    def __init__(self, file: IO[str] | None = None, stderr: bool = False) -> None:
        self._file, self._stderr = file, stderr
        self._console: Console | None = None
        self.plain = _shows_no_styles(self.file)
        self._width = _width() if self.plain else None

    @property
    def file(self) -> IO[str] | None:
        """Where the lines go: read when they are written, as rich does."""
        return self._file or (sys.stderr if self._stderr else sys.stdout)

    @property
    def width(self) -> int:
        if self._width is not None:
            return self._width
        return self.console().width

    def console(self) -> Console:
        """rich's console for this stream, made once."""
        if self._console is None:
            self._console = console(file=self._file, stderr=self._stderr)
        return self._console

    def write(self, text: str) -> None:
        """``text`` written as it is; without a stream (closed at start) it goes nowhere, as
        rich's console would send it."""
        file = self.file
        if file is not None:
            file.write(text)
            file.flush()


def terminal(file: IO[str] | None = None, stderr: bool = False) -> Terminal:
    """The terminal a report is drawn on: standard output, or ``file``."""
    return Terminal(file, stderr)


def _shows_no_styles(file: IO[str] | None) -> bool:
    """Whether rich's console on ``file`` would write no escape code at all: it is not a
    terminal (``Console.is_terminal``), and none of the cases rich treats apart applies."""
    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return False
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return False
    if getattr(file, "rich_proxied_file", None) is not None:
        return False
    environ = os.environ
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible == "0":
        return True
    if compatible == "1":
        return False
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force == ""
    isatty = getattr(file, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:
        return True


def _width() -> int:
    """The width rich's console takes on a stream that is not a terminal (``Console.size``),
    at least one cell."""
    width = 0
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor)[0]
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    elif not width:
        width = DEFAULT_WIDTH
    return width if width >= 1 else DEFAULT_WIDTH
