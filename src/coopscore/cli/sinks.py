"""Where a batch's outcomes go: a format's stream writer, or a folder of reports.

A format renders; a sink hands it each outcome in input order and, for a folder format, names
and writes the files. ``render`` runs where a file is scored (see :class:`Preparer`): in a
worker process when the batch has several, so the parent only writes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from coopscore.core.assessment import Assessment
from coopscore.errors import InputError
from coopscore.files.fsio import Identity, make_folder, write_text
from coopscore.formats.registry import BatchWriter, Pages
from coopscore.model.loader import default_id
from coopscore.pipeline.batch import Prepared
from coopscore.pipeline.scoring import Failed, Outcome, Scored
from coopscore.report.i18n import Lang, label
from coopscore.report.problems import message, problem_text, reason
from coopscore.report.summary import Summary

INDEX = "index"


class Sink(Protocol):
    @property
    def render(self) -> Callable[[Assessment], Any]: ...

    def add(self, outcome: Outcome | Prepared) -> None: ...

    def close(self) -> None: ...


class Preparer:
    """Run where a file is scored: the sink's rendering and the thresholds it breaches."""

    __slots__ = ("check", "render")

    def __init__(
        self,
        render: Callable[[Assessment], Any],
        check: Callable[[Assessment], Sequence[str]] | None = None,
    ) -> None:
        self.render = render
        self.check = check

    def __call__(self, scored: Scored) -> Prepared:
        a = scored.assessment
        reasons = tuple(self.check(a)) if self.check is not None else ()
        return Prepared(scored.path, self.render(a), reasons)


def _rendered(outcome: Scored | Prepared, render: Callable[[Assessment], Any]) -> Any:
    return outcome.output if isinstance(outcome, Prepared) else render(outcome.assessment)


class Stream:
    """A stream format's writer, fed outcomes."""

    def __init__(self, writer: BatchWriter) -> None:
        self.writer = writer
        self.render = writer.render

    def add(self, outcome: Outcome | Prepared) -> None:
        if isinstance(outcome, Failed):
            self.writer.fail(outcome.path, outcome.reason, outcome.problems)
        else:
            self.writer.add(_rendered(outcome, self.render))

    def close(self) -> None:
        self.writer.close()


class ReportFolder:
    """One report per scenario (``<id><suffix>``) and an index linking them, in one folder."""

    def __init__(
        self, folder: Path, pages: Pages, protected: Iterable[Identity], lang: Lang = "en"
    ) -> None:
        self.folder, self.pages, self.protected = folder, pages, frozenset(protected)
        self.lang = lang  # of the reasons a file failed, as the index and the run say them
        self.render = pages.render
        self.rows: list[Summary] = []
        self.failed: list[tuple[str, str]] = []
        self.names: set[str] = set()
        self.lost: list[str] = []  # scored, but the report could not be written
        self.index_lost: str | None = None  # why the index could not be written
        self.made = False  # the folder, made on the first write (it may be missing)

    def _write(self, name: str, text: str) -> None:
        if not self.made:
            make_folder(self.folder)
            self.made = True
        write_text(self.folder / name, text, self.protected)

    @property
    def index_name(self) -> str:
        return INDEX + self.pages.suffix

    def _name(self, file: str) -> str:
        """``<name>.md``, the scenario file's name as a slug (``middle-reaches-2015.yaml`` gives
        ``middle-reaches-2015.md``: snapshots of one cluster share its id, never their files'
        names); a repeated name gets ``<name>.2.md``, a name no slug can have (it holds no dot).

        The index's name is its own, so a file named ``index.yaml`` gets ``index.2.md``.
        """
        suffix, base = self.pages.suffix, default_id(file)
        name, n = f"{base}{suffix}", 2
        while name in self.names or name == self.index_name:
            name, n = f"{base}.{n}{suffix}", n + 1
        self.names.add(name)
        return name

    def add(self, outcome: Outcome | Prepared) -> None:
        if isinstance(outcome, Failed):
            self.failed.append((outcome.path, reason(outcome.path, outcome.problems, self.lang)))
            return
        text, row = _rendered(outcome, self.render)
        name = self._name(row.path)
        try:
            self._write(name, text)
        except InputError as error:  # this report is lost, not the batch
            joint = label("where_joint", self.lang)
            said = joint.join(message(p.message, self.lang) for p in error.problems)
            self.failed.append((row.path, said))
            self.lost.append(row.path)
            self.names.discard(name)
            return
        self.rows.append(dataclasses.replace(row, report=name))

    def close(self) -> None:
        """Write the index. When it cannot be written, the reason is kept in ``index_lost``
        (the reports written stay, and every failure is still said)."""
        try:
            self._write(self.index_name, self.pages.index(self.rows, self.failed))
        except InputError as error:
            joint = label("where_joint", self.lang)
            self.index_lost = joint.join(problem_text(p, self.lang) for p in error.problems)
