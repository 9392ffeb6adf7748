"""What a diagnostic finds, as data: verdicts, measured values, causes and the facts cited.

Nothing here is a sentence. The formats turn these records into words and into JSON, so that
one diagnostic reads the same in every language and every output.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from coopscore.core.conditions import Evidence, Tri
from coopscore.core.tally import ItemTally

if TYPE_CHECKING:
    from coopscore.model.rubric import Bilingual

Verdict = Literal["flagged", "clear", "unknown"]
CauseStatus = Literal["present", "absent", "unknown"]
# How a measured value is compared with the rubric's bound that flags it.
Rule = Literal["below", "at_least", "at_most"]
# Why a diagnostic with some data still cannot decide.
ReasonId = Literal[
    "no_series",  # no yearly activity series at all
    "too_few_years",  # fewer known years than a trend needs
    "none_before",  # no known year before the recent window
    "none_recent",  # no known year inside the recent window
    "no_peak",  # every year is zero: momentum is undefined
    "no_pairs",  # no adjacent pair left once ended ones are set aside
]


def verdict_of(value: Tri) -> Verdict:
    """Three-valued truth as a verdict: unknown stays unknown, never clear."""
    return "unknown" if value is None else "flagged" if value else "clear"


class Citation(NamedTuple):
    """One datum read from a scenario: the fact (path, value, line) and the file it stands in.

    Keeping the file beside the fact lets every output say where a number came from in its own
    notation, without the core choosing one.
    """

    file: str
    fact: Evidence

    @property
    def path(self) -> str:
        return self.fact.path

    @property
    def line(self) -> int | None:
        return self.fact.line

    @property
    def value(self) -> Any:
        return self.fact.value


class Reason(NamedTuple):
    """Why a diagnostic stays unknown although the scenario holds some of its data.

    ``facts`` holds the numbers the explanation needs (e.g. the known and needed years).
    """

    id: ReasonId
    facts: Mapping[str, int] = {}  # read only: one empty mapping serves every reason


class Tally(NamedTuple):
    """Things a diagnostic counts, split by what the scenario states of each.

    ``present`` and ``absent`` are stated; ``unknown`` are not, and are never folded into
    either, so that an output cannot show an unstated thing as "none" or "0". ``part`` names
    the diagnostic's part (or ``series``, ``causes``), ``of`` what is counted. The ``open_``
    counts are things that may not count at all (an adjacent pair whose status is unstated
    may have ended), split the same way; they are zero where everything counted surely counts.
    ``open``: what is counted comes from a list that is not exhaustive, so more may exist
    beyond the total.
    """

    part: str
    of: str
    present: int
    absent: int
    unknown: int
    open_present: int = 0
    open_absent: int = 0
    open_unknown: int = 0
    open: bool = False

    @property
    def maybe_out(self) -> int:
        """Things that may not count at all."""
        return self.open_present + self.open_absent + self.open_unknown

    @property
    def total(self) -> int:
        """Things surely counted."""
        return self.present + self.absent + self.unknown

    @classmethod
    def of_items(cls, part: str, of: str, items: ItemTally, open: bool = False) -> Tally:
        """The tally of a list counted through the shared :class:`ItemTally`; ``open``: the
        list is not exhaustive."""
        return cls(
            part,
            of,
            items.yes,
            items.no,
            items.maybe,
            open_present=items.out_yes,
            open_absent=items.out_no,
            open_unknown=items.out_maybe,
            open=open,
        )

    def items(self) -> ItemTally:
        """The same counts as the shared :class:`ItemTally`, to bound shares with it."""
        return ItemTally(
            self.present,
            self.absent,
            self.unknown,
            self.open_present,
            self.open_absent,
            self.open_unknown,
        )


class Threshold(NamedTuple):
    """A measured value beside the rubric's bound that flags it, so a reader sees how near it is.

    The value is an interval (``low``–``high``) because unknowns may leave it open; ``None``
    marks a side the data does not bound. ``status`` is the verdict of the part it measures
    (which may stay unknown for other reasons, e.g. too few items to judge).
    """

    part: str
    measure: str
    low: float | None
    high: float | None
    bound: float
    rule: Rule
    status: Verdict

    @property
    def value(self) -> float | None:
        """The value when the data fixes it, else ``None``."""
        return self.low if self.low is not None and self.low == self.high else None

    def distance(self, digits: int = 3) -> tuple[float, float] | None:
        """Value minus bound, as an interval; ``None`` when a side is open."""
        if self.low is None or self.high is None:
            return None
        return round(self.low - self.bound, digits), round(self.high - self.bound, digits)


class CauseResult(NamedTuple):
    """One cause the paper names for a problem, with its status in this scenario."""

    id: str
    name: Bilingual
    status: CauseStatus
    evidence: tuple[Citation, ...] = ()
    missing: tuple[str, ...] = ()


class Diagnostic(NamedTuple):
    """One problem's verdict, the numbers behind it and the data it read.

    ``data`` cites each scenario datum read; ``missing`` names the paths that would settle an
    unknown. ``recommendations`` holds the rubric's linked recommendation ids only when the
    diagnostic is flagged (empty otherwise). ``causes`` is filled for P1 and ``series``
    (year, value) for P1's activity series, with ``None`` for a missing year. ``reason`` says
    why a diagnostic that has data stays unknown.
    """

    id: str
    name: Bilingual
    section: str
    status: Verdict
    measures: dict[str, Any]
    data: tuple[Citation, ...] = ()
    missing: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    causes: tuple[CauseResult, ...] = ()
    series: tuple[tuple[int, float | None], ...] = ()
    reason: Reason | None = None
    tallies: tuple[Tally, ...] = ()
    thresholds: tuple[Threshold, ...] = ()

    @property
    def flagged(self) -> bool | None:
        return None if self.status == "unknown" else self.status == "flagged"

    def chart_series(self) -> tuple[list[int], list[float | None]]:
        """Years and values for a chart; ``None`` marks a missing year (draw a gap, not 0)."""
        return [y for y, _ in self.series], [v for _, v in self.series]
