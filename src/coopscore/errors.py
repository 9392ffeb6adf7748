"""Errors a user can act on: each names the file, the line and what was expected."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with an input file, located as precisely as the input allows."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str | None = None

    @property
    def where(self) -> str:
        """``file:line:column``, as far as it is known."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    @property
    def shown_path(self) -> str:
        """The scenario path, its middle left out past 80 characters (``""`` when none)."""
        path = self.path or ""
        return path[:60] + "…" + path[-15:] if len(path) > 80 else path

    def __str__(self) -> str:
        path = self.shown_path
        at = f" at {path}" if path else ""
        return f"{self.where}: {self.message}{at}"


class InputError(Exception):
    """Bad input (scenario, rubric or path): reported without a traceback, exit code 2."""

    def __init__(self, problems: list[Problem] | None = None) -> None:
        self.problems: list[Problem] = [] if problems is None else problems

    def __repr__(self) -> str:
        return f"InputError(problems={self.problems!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InputError):
            return NotImplemented
        return self.problems == other.problems

    __hash__ = None  # type: ignore[assignment]  # its problems are a list

    @classmethod
    def single(
        cls,
        file: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
    ) -> InputError:
        return cls([Problem(file, message, line, column, path)])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
