"""What every diagnostic does alike: cite what it reads, and turn a verdict into a result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coopscore.core.conditions import Evidence, Tri
from coopscore.core.diagnostics.results import Citation, Diagnostic, verdict_of
from coopscore.paths import Path, format_path

if TYPE_CHECKING:
    from coopscore.model.loader import LoadedScenario
    from coopscore.model.rubric import ProblemSpec


def rounded(value: float | None, digits: int = 3) -> float | None:
    """Measures are reported to a fixed precision, so that outputs do not show float noise."""
    return None if value is None else round(value, digits)


class Reader:
    """Cites what a diagnostic reads (path, value, line) and names what it lacks.

    Each list keeps the order of first mention; the sets beside them make a repeated path
    cost O(1) instead of a scan of everything cited so far.
    """

    def __init__(self, scenario: LoadedScenario) -> None:
        self.scenario = scenario
        self.used: list[Citation] = []
        self.missing: list[str] = []
        self._used: set[str] = set()
        self._missing: set[str] = set()

    def cite(self, path: Path, value: Any) -> None:
        shown = format_path(path)
        if shown not in self._used:
            self._used.add(shown)
            document = self.scenario.document
            file = document.file_of(path) or self.scenario.file
            self.used.append(Citation(file, Evidence(shown, value, document.line_of(path))))

    def is_open(self, path: Path) -> bool:
        """The list at ``path`` is not exhaustive: at least its items, maybe more."""
        return path in self.scenario.open_lists

    def lack(self, path: str) -> None:
        if path not in self._missing:
            self._missing.add(path)
            self.missing.append(path)


def conclude(
    key: str,
    spec: ProblemSpec,
    value: Tri,
    measures: dict[str, Any],
    reader: Reader,
    **extra: Any,
) -> Diagnostic:
    """The result: recommendations only when flagged, what is missing only when unknown."""
    status = verdict_of(value)
    recs = tuple(spec.recommendations) if status == "flagged" else ()
    return Diagnostic(
        id=key,
        name=spec.name,
        section=spec.section,
        status=status,
        measures=measures,
        data=tuple(reader.used),
        missing=tuple(reader.missing) if status == "unknown" else (),
        recommendations=recs,
        **extra,
    )
