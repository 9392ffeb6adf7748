"""Regular expressions compiled when first used.

Compiling a pattern runs Python's own regular-expression compiler, which costs about as much as
defining a class; a module-level ``re.compile`` pays that at every start-up, even in a command
that never uses the pattern (the JSON output never escapes Markdown). A ``Lazy`` pattern is
compiled on its first use, once per process.
"""

from __future__ import annotations

import re
from typing import AnyStr, Generic


class Lazy(Generic[AnyStr]):
    """A pattern and its flags; calling it gives the compiled pattern."""

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern: AnyStr = pattern
        self._flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    def __call__(self) -> re.Pattern[AnyStr]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self._flags)
        return compiled
