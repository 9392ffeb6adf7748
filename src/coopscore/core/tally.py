"""One way to count the items of a list that a test holds for, in three values.

A criterion's ``each ... count`` and a diagnostic that counts the same list (P3 counts the
adjacent pairs that ADJ002–ADJ004 judge) both count through :class:`ItemTally`, so that the
two cannot tell a different story of the same items.

Each item falls in one of six slots: whether it is counted at all (surely, or perhaps: an
adjacent pair whose ``status`` is unstated may have ended, and an ended pair is not counted)
by whether the test holds for it (yes, no, unknown). An item surely left out is not added.
Every entry weighs what it stands for (its ``count``, one when it states none).

The bounds follow from the slots alone: the least share counts every open test as failing and
every item that may be out as in where that lowers the share, and out where it raises it; the
greatest does the opposite. A share of no item surely counted is unknown: it may not exist.
"""

from __future__ import annotations

from fractions import Fraction

Tri = bool | None


class ItemTally:
    """Weights of items by (counted: surely, perhaps) x (test holds: yes, no, unknown)."""

    __slots__ = ("maybe", "no", "out_maybe", "out_no", "out_yes", "yes")

    def __init__(
        self,
        yes: int = 0,
        no: int = 0,
        maybe: int = 0,
        out_yes: int = 0,
        out_no: int = 0,
        out_maybe: int = 0,
    ) -> None:
        self.yes = yes
        self.no = no
        self.maybe = maybe
        self.out_yes = out_yes
        self.out_no = out_no
        self.out_maybe = out_maybe

    def _slots(self) -> tuple[int, ...]:
        return (self.yes, self.no, self.maybe, self.out_yes, self.out_no, self.out_maybe)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ItemTally):
            return NotImplemented
        return self._slots() == other._slots()

    __hash__ = None  # type: ignore[assignment]  # counts change as items are added

    def __repr__(self) -> str:
        names = ("yes", "no", "maybe", "out_yes", "out_no", "out_maybe")
        shown = ", ".join(f"{n}={v}" for n, v in zip(names, self._slots(), strict=True))
        return f"ItemTally({shown})"

    def add(self, inside: Tri, hit: Tri, weight: int = 1) -> None:
        """Count one item: ``inside`` whether it counts at all, ``hit`` whether the test holds."""
        if inside is False:
            return
        if inside is True:
            if hit is True:
                self.yes += weight
            elif hit is False:
                self.no += weight
            else:
                self.maybe += weight
        elif hit is True:
            self.out_yes += weight
        elif hit is False:
            self.out_no += weight
        else:
            self.out_maybe += weight

    @property
    def known(self) -> int:
        """Items surely counted."""
        return self.yes + self.no + self.maybe

    @property
    def open(self) -> int:
        """Items that may not count at all."""
        return self.out_yes + self.out_no + self.out_maybe

    @property
    def counted(self) -> tuple[int, int]:
        """The least and the most items counted."""
        return self.known, self.known + self.open

    @property
    def matching(self) -> tuple[int, int]:
        """The least and the most items counted for which the test holds."""
        return self.yes, self.yes + self.maybe + self.out_yes + self.out_maybe

    def share(self) -> tuple[Fraction, Fraction] | None:
        """The least and the greatest share of the counted items the test holds for; ``None``
        when no item is surely counted (the share may not exist)."""
        if not self.known:
            return None
        low = Fraction(self.yes, self.known + self.out_no + self.out_maybe)
        high = Fraction(
            self.yes + self.maybe + self.out_yes + self.out_maybe,
            self.known + self.out_yes + self.out_maybe,
        )
        return low, high


def span(low: object, high: object) -> str:
    """``4`` or ``4 to 5``: the form every count and share of the condition language takes."""
    return f"{low}" if low == high else f"{low} to {high}"


def percent(share: Fraction) -> str:
    return f"{float(share) * 100:.3g}%"


def shown_share(tally: ItemTally) -> str:
    """A share as evidence states it: matching items of counted items, and the percentage;
    ``no items`` when none is surely counted. Each part is one number or a range."""
    bounds = tally.share()
    if bounds is None:
        return "no items"
    low, high = bounds
    return (
        f"{span(*tally.matching)} of {span(*tally.counted)} ({span(percent(low), percent(high))})"
    )


def shown_count(tally: ItemTally) -> str:
    """A count as evidence states it: matching items of counted items, each a number or a range."""
    return f"{span(*tally.matching)} of {span(*tally.counted)}"
