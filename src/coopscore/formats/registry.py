"""The output formats, each registered once.

A format is a module whose ``FORMAT`` is a :class:`Format` that renders some of the subjects
below. ``FORMATS`` names each format's module without importing it, so offering the choices of
``--format`` costs nothing and a renderer is imported only when it is used. A new format is
one module and one line in ``FORMATS``.

Every method returns text, or writes to the stream it is handed; none opens a file. Writing a
folder of reports is the pipeline's job (:mod:`coopscore.cli.sinks`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from coopscore.core.agreement import Agreement
    from coopscore.core.assessment import Assessment, Extra
    from coopscore.core.compare import Comparison
    from coopscore.core.plan import Plan
    from coopscore.core.sensitivity import Result
    from coopscore.core.trend import Trend
    from coopscore.errors import Problem
    from coopscore.model.rubric import Rubric
    from coopscore.report.i18n import Lang
    from coopscore.report.summary import Summary

Subject = Literal["assessment", "batch", "plan", "compare", "sensitivity", "agreement", "trend"]
SUBJECTS: tuple[Subject, ...] = (
    "assessment",
    "batch",
    "plan",
    "compare",
    "sensitivity",
    "agreement",
    "trend",
)


class View(NamedTuple):
    """How the reader sees the text.

    ``console`` is a terminal to draw on directly (``consoles.Terminal``, or a rich ``Console``);
    formats that make text ignore it, and without it the table format renders plain text at a
    fixed width, for a file.
    ``verbose`` asks a drawing format for every fact behind each verdict.
    """

    language: Lang = "en"
    console: Any = None
    verbose: bool = False  # every fact behind a verdict, not only the first few


class BatchWriter(Protocol):
    """Takes a batch's outcomes in input order and writes them to its stream.

    ``render`` runs where a file is scored, which may be a worker process: it must be picklable,
    and ``add`` takes what it returned.
    """

    @property
    def render(self) -> Callable[[Assessment], Any]: ...

    def add(self, rendered: Any) -> None: ...

    def fail(self, path: str, reason: str, problems: Sequence[Problem]) -> None: ...

    def close(self) -> None: ...


class Pages(Protocol):
    """A folder format's pages: one document per scenario, and an index that links them."""

    @property
    def suffix(self) -> str: ...

    @property
    def render(self) -> Callable[[Assessment], tuple[str, Summary]]: ...

    def index(self, rows: Sequence[Summary], failed: Sequence[tuple[str, str]]) -> str: ...


class FolderPages:
    """The ``Pages`` of a folder format, from its two functions: one scenario's document (with
    its index row) and the index. ``render`` must be picklable: a ``functools.partial`` of a
    module-level function."""

    __slots__ = ("index_of", "render", "suffix")

    def __init__(
        self,
        suffix: str,
        render: Callable[[Assessment], tuple[str, Summary]],
        index_of: Callable[[Sequence[Summary], Sequence[tuple[str, str]]], str],
    ) -> None:
        self.suffix = suffix
        self.render = render
        self.index_of = index_of

    def index(self, rows: Sequence[Summary], failed: Sequence[tuple[str, str]]) -> str:
        return self.index_of(rows, failed)


class Unsupported(LookupError):
    """A format asked for a subject its entry does not list; ``load`` refuses that first."""


class Format:
    """What every format offers; a subject its entry does not list is never asked of it."""

    def assessment(self, result: Assessment, view: View) -> str:
        raise Unsupported(type(self).__name__)

    def plan(self, result: Plan, rubric: Rubric, view: View) -> str:
        raise Unsupported(type(self).__name__)

    def compare(self, result: Comparison, view: View) -> str:
        raise Unsupported(type(self).__name__)

    def sensitivity(self, result: Result, view: View) -> str:
        raise Unsupported(type(self).__name__)

    def agreement(self, result: Agreement, view: View) -> str:
        raise Unsupported(type(self).__name__)

    def trend(self, result: Trend, view: View) -> str:
        raise Unsupported(type(self).__name__)

    def batch(
        self,
        out: IO[str],
        view: View,
        dimensions: Sequence[str],
        scratch: Callable[[], IO[str]] | None = None,
    ) -> BatchWriter:
        """A writer that streams a batch's results to ``out`` (stream formats).

        ``scratch`` opens an anonymous temporary file for what a format holds back until the
        batch ends (the rank ranges need every file's bounds); without it, memory holds it.
        """
        raise Unsupported(type(self).__name__)

    def pages(self, view: View, dimensions: Sequence[str]) -> Pages:
        """One document per scenario and an index (folder formats)."""
        raise Unsupported(type(self).__name__)


class Entry(NamedTuple):
    name: str
    module: str
    renders: frozenset[Subject]
    folder: bool = False  # in a batch: one document per scenario, into --output-dir
    draws: bool = False  # drawn on the terminal (View.console) when printed to standard output
    # The parts of an assessment beyond its results that it shows (``Assessment.find_out``,
    # ``source_lines``, ``cluster``): only these are worked out for it.
    shows: frozenset[Extra] = frozenset()

    def load(self) -> Format:
        found: Format = importlib.import_module(self.module).FORMAT
        return found


def _subjects(*names: Subject) -> frozenset[Subject]:
    return frozenset(names)


FIND_OUT: frozenset[Extra] = frozenset(("find_out",))
# What a report a person reads shows: find-out-first and the scenario's own lines, quoted.
READ: frozenset[Extra] = frozenset(("find_out", "source_lines"))


FORMATS: tuple[Entry, ...] = (
    Entry("table", "coopscore.formats.as_table", frozenset(SUBJECTS), draws=True, shows=READ),
    Entry("json", "coopscore.formats.as_json", frozenset(SUBJECTS), shows=FIND_OUT),
    Entry("jsonl", "coopscore.formats.as_jsonl", _subjects("batch"), shows=FIND_OUT),
    Entry("csv", "coopscore.formats.as_csv", _subjects("batch", "trend")),
    Entry(
        "markdown",
        "coopscore.formats.as_markdown",
        frozenset(SUBJECTS),
        folder=True,
        shows=READ,
    ),
    Entry(
        "html",
        "coopscore.formats.as_html",
        frozenset(SUBJECTS),
        folder=True,
        shows=READ,
    ),
)


def names(subject: Subject) -> list[str]:
    """The ``--format`` choices of a command, in registration order."""
    return [e.name for e in FORMATS if subject in e.renders]


def folders() -> list[str]:
    """The formats a batch writes as a folder of documents."""
    return [e.name for e in FORMATS if e.folder]


def entry(name: str) -> Entry:
    for e in FORMATS:
        if e.name == name:
            return e
    raise LookupError(f"no format named {name!r}")


def load(name: str, subject: Subject) -> Format:
    """The format ``name``, refused for a subject it does not render."""
    found = entry(name)
    if subject not in found.renders:
        raise Unsupported(f"format {name!r} does not render a {subject}")
    return found.load()
