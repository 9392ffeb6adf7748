"""Checks across fields that types alone cannot make, each located at its file:line.

* every cited ``source`` is declared under ``sources``;
* member ids are unique, and fields that name a member (``members[].province``,
  ``enclaves[].origin``/``host``, ``cooperation_model.sub_clusters[].members``,
  ``adjacent_pairs[].areas``, every ``parties``) name one that exists;
* no year lies after the scenario's ``as_of`` (a description cannot know the future);
* a body cannot last meet before it was established, a pair cannot be last active before it
  started.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coopscore.errors import Problem
from coopscore.model.yamlload import Document
from coopscore.paths import Path, format_path
from coopscore.suggest import did_you_mean

YEAR_KEYS = frozenset(
    {"year", "established", "last_met", "last_active", "since", "opened", "started", "stats_year"}
)
MEMBER_REFERENCES = (("members", "province"), ("enclaves", "origin"), ("enclaves", "host"))
# Lists of member ids: (the list holding the objects, the key of the id list in each object).
# ``parties`` is read wherever an object has it.
MEMBER_LISTS = ((("cooperation_model", "sub_clusters"), "members"), (("adjacent_pairs",), "areas"))
ORDERED_YEARS = (("established", "last_met"), ("started", "last_active"))
# Counts of a part beside the count of its whole, in one mapping: the part cannot be more.
PART_OF = (("capital_members", "member_count"),)
# A fact about a list's items beside the list, in one mapping: true only if the list has any.
ABOUT_ITEMS = (("sub_clusters_interact", "sub_clusters"),)
MAX_HINTS = 50


def _walk(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every mapping in the data, depth first; scalars are never visited on their own."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if path == () and key == "sources":
                continue
            if isinstance(value, dict | list):
                yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, dict | list):
                yield from _walk(item, (*path, index))


def _listed(ids: dict[str, int], limit: int = 10) -> str:
    """The member ids for a hint: the first few of a long list, and how many there are."""
    if not ids:
        return "; the scenario lists no members"
    shown = ", ".join(list(ids)[:limit])
    more = f", … ({len(ids):,} in all)" if len(ids) > limit else ""
    return f"; members: {shown}{more}"


def _hint(value: str, ids: dict[str, int], hints: dict[str, str]) -> str:
    """A close member id, looked for among the first MAX_HINTS unknown ids only: each search
    compares with every member, and no report shows more problems than that."""
    if value not in hints:
        close = did_you_mean(value, ids) if len(hints) < MAX_HINTS else ""
        hints[value] = f"; {close}" if close else _listed(ids)
    return hints[value]


def problems(document: Document) -> list[Problem]:
    """Read the raw data defensively, so these checks also run on a file that failed its types."""
    found: list[Problem] = []

    def add(path: Path, message: str) -> None:
        found.append(
            Problem(
                document.file_of(path) or document.file,
                message,
                document.line_of(path),
                path=format_path(path),
            )
        )

    data = document.data if isinstance(document.data, dict) else {}
    sources = data.get("sources")
    declared = set(sources) if isinstance(sources, dict) else set()
    as_of = data.get("as_of")
    if not isinstance(as_of, int) or isinstance(as_of, bool):
        as_of = None
    listed: list[tuple[Path, Any]] = []  # (path of a list of member ids, the list)
    for path, node in _walk(data):
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("parties"), list):
            listed.append(((*path, "parties"), node["parties"]))
        refs = node.get("source")
        for ref in [refs] if isinstance(refs, str) else refs if isinstance(refs, list) else []:
            if isinstance(ref, str) and ref not in declared:
                add((*path, "source"), f"source {ref!r} is not declared under 'sources'")
        if as_of is not None:
            for key in YEAR_KEYS & node.keys():
                year = node[key]
                if isinstance(year, int) and not isinstance(year, bool) and year > as_of:
                    add((*path, key), f"{key} {node[key]} is after the scenario's as_of {as_of}")
        for first, last in ORDERED_YEARS:
            a, b = node.get(first), node.get(last)
            if type(a) is int and type(b) is int and b < a:
                add((*path, last), f"{last} {b} is before {first} {a}")
        for part, whole in PART_OF:
            a, b = node.get(part), node.get(whole)
            if type(a) is int and type(b) is int and a > b:
                add((*path, part), f"{part} {a} is more than {whole} {b}")
        for fact, of in ABOUT_ITEMS:
            if node.get(fact) is True and node.get(of) == []:  # stated: there are none
                add((*path, fact), f"{fact} is true, but {of} states there are none")

    members = data.get("members")
    if isinstance(members, list):
        ids: dict[str, int] = {}
        for index, member in enumerate(members):
            member_id = member.get("id") if isinstance(member, dict) else None
            if not isinstance(member_id, str):
                continue
            if member_id in ids:
                add(("members", index, "id"), f"duplicate member id {member_id!r}")
            ids.setdefault(member_id, index)
        hints: dict[str, str] = {}
        for section, key in MEMBER_REFERENCES:
            items = data.get(section)
            for index, item in enumerate(items if isinstance(items, list) else []):
                value = item.get(key) if isinstance(item, dict) else None
                if isinstance(value, str) and value not in ids:
                    hint = _hint(value, ids, hints)
                    add((section, index, key), f"{key} {value!r} is not a member id{hint}")
        for where, key in MEMBER_LISTS:
            items = _at(data, where)
            for index, item in enumerate(items if isinstance(items, list) else []):
                value = item.get(key) if isinstance(item, dict) else None
                if isinstance(value, list):
                    listed.append(((*where, index, key), value))
        for path, values in listed:
            for position, value in enumerate(values):
                if isinstance(value, str) and value not in ids:
                    hint = _hint(value, ids, hints)
                    add(
                        (*path, position),
                        f"{value!r} in {path[-1]} is not a member id{hint}",
                    )
    return sorted(found, key=lambda p: p.line or 0)


def _at(data: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The value at ``keys`` in the raw data, or None where the data has no mapping."""
    node: Any = data
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node
