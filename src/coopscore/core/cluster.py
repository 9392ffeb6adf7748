"""Which city cluster a scenario describes, and whether several encodings describe the same one.

Independent encodings of one cluster are written by different people, so the same thing may be
spelled differently. Three signals say which cluster a file describes, from the strongest:

1. its **members**: two member lists describe the same cluster when they hold the same members.
   A member of one list is found in the other by its id or by any of its names (English,
   Chinese, or a plain name), compared without case, spaces or punctuation, so ``wuhan`` and
   ``Wuhan`` and ``武汉`` each find a member that has it as its id or as one of its names. A
   member in one list that the other does not hold makes the clusters different: a sub-cluster
   is not its parent, nor one of two overlapping clusters the other.
2. its **name**: when the two files do not both list members, the names decide; two names are
   the same when any of their forms (en, zh, plain) is the same.
3. its **id**, as stated (not one made from the file name): when neither members nor names
   can be compared.

The strongest signal both files state decides; weaker ones are not consulted (two analysts may
give one cluster different ids). When none is stated in both, the files are not checked: an
unstated fact is unknown, not a difference.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from coopscore.model.loader import LoadedScenario

Field = Literal["members", "name", "id"]


class Member(NamedTuple):
    id: str
    name: Any  # str, LocalizedText or None, as written


class Cluster(NamedTuple):
    """What one file says about which cluster it describes, with the lines it says it on."""

    file: str
    id: str | None  # as stated; None when the file states none
    name: Any  # str, LocalizedText or None, as written
    members: tuple[Member, ...] | None  # None when not stated, or stated empty
    lines: tuple[tuple[Field, int | None], ...] = ()
    # The file that stated a field, where it is a base the scenario extends.
    bases: tuple[tuple[Field, str], ...] = ()

    def line(self, field: Field) -> int | None:
        return dict(self.lines).get(field)

    def file_of(self, field: Field) -> str:
        """The file that stated ``field``: the scenario's own, or a base it extends."""
        return dict(self.bases).get(field, self.file)


def of(scenario: LoadedScenario) -> Cluster:
    model, document = scenario.model, scenario.document
    members = tuple(Member(m.id, m.name) for m in model.members or ()) or None
    lines: tuple[tuple[Field, int | None], ...] = (
        ("id", document.line_of(("id",))),
        ("name", document.line_of(("name",))),
        ("members", document.line_of(("members",))),
    )
    bases = tuple(
        (field, base)
        for field, base in ((f, document.file_of((f,))) for f, _ in lines)
        if base is not None
    )
    return Cluster(scenario.file, model.id, model.name, members, lines, bases)


class Pair(NamedTuple):
    """How file ``other`` compares with the first file.

    ``basis`` is the signal that decided (None: none is stated in both, not checked); ``same``
    whether it says one cluster. For members, ``only_first`` and ``only_other`` are the ids of
    the members each list holds that the other does not, and ``common`` how many match; for a
    name or an id they are empty (the values are in the clusters).
    """

    other: int
    basis: Field | None
    same: bool
    only_first: tuple[str, ...] = ()
    only_other: tuple[str, ...] = ()
    common: int = 0


class Check(NamedTuple):
    clusters: tuple[Cluster, ...]
    pairs: tuple[Pair, ...]  # each file after the first, against the first

    @property
    def same(self) -> bool:
        return all(p.same for p in self.pairs)

    @property
    def differing(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if not p.same)


def normal(text: str) -> str:
    """Text as compared: no case, no spaces, no punctuation; full-width forms folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def forms(name: Any) -> set[str]:
    """Every written form of a name (en, zh, or a plain name), as compared."""
    if name is None:
        return set()
    texts = [name] if isinstance(name, str) else [name.en, name.zh]
    return {n for n in (normal(t) for t in texts if t) if n}


def _keys(m: Member) -> set[str]:
    return forms(m.name) | ({normal(m.id)} - {""})


def _unmatched(these: Sequence[Member], others: Sequence[Member]) -> list[str]:
    known: set[str] = set()
    for m in others:
        known |= _keys(m)
    return [m.id for m in these if not _keys(m) & known]


def compare(first: Cluster, other: Cluster, index: int) -> Pair:
    """How ``other`` (file number ``index``, from 0) compares with ``first``."""
    if first.members is not None and other.members is not None:
        only_first = _unmatched(first.members, other.members)
        only_other = _unmatched(other.members, first.members)
        same = not only_first and not only_other
        common = len(first.members) - len(only_first)
        return Pair(index, "members", same, tuple(only_first), tuple(only_other), common)
    a, b = forms(first.name), forms(other.name)
    if a and b:
        return Pair(index, "name", bool(a & b))
    if first.id is not None and other.id is not None:
        return Pair(index, "id", normal(first.id) == normal(other.id))
    return Pair(index, None, True)


def check(clusters: Sequence[Cluster]) -> Check:
    """Each file against the first: whether they describe one cluster, and on what basis."""
    first = clusters[0]
    pairs = tuple(compare(first, c, n) for n, c in enumerate(clusters[1:], 1))
    return Check(tuple(clusters), pairs)
