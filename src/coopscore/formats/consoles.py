"""The terminal a drawing format prints on: rich's console, never narrower than one cell.

``COLUMNS=0`` (or a terminal that reports no width) would give rich a console of width 0, on
which it draws nothing at all, and the command would end as if it had written its output. Such
a width is taken as unknown: the console is 80 columns wide, rich's own default. Every width
from 1 up is kept, and every writer ends at it (see ``fitting.breaks``).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

DEFAULT_WIDTH = 80


def console(**options: Any) -> Console:
    """A rich ``Console`` made with ``options``, at least one cell wide."""
    made = Console(**options)
    if made.width < 1:
        made.width = DEFAULT_WIDTH
    return made
