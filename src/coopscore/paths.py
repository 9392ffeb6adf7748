"""Scenario paths: the tuple form used internally and the dotted form users read.

``("institutions", "execution", 0, "last_met")`` is written ``institutions.execution[0].last_met``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

PathKey = str | int
Path = tuple[PathKey, ...]


def format_path(path: Sequence[PathKey]) -> str:
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += f".{key}" if out else str(key)
    return out or "(document)"


def parse_pattern(text: str) -> tuple[str, ...]:
    """Split a rubric path such as ``enclaves[].mode`` into ``("enclaves", "[]", "mode")``.

    ``[]`` fans out over every item of a list.
    """
    parts: list[str] = []
    for chunk in text.split("."):
        if not chunk:
            raise ValueError(f"empty segment in path {text!r}")
        name = chunk
        fans = 0
        while name.endswith("[]"):
            name = name[:-2]
            fans += 1
        if not name or "[" in name or "]" in name:
            raise ValueError(f"bad segment {chunk!r} in path {text!r}")
        parts.append(name)
        parts.extend(["[]"] * fans)
    return tuple(parts)


def summarise(paths: Sequence[str], keep: int = 2) -> list[str]:
    """Fold paths that differ only in list indices: ``enclaves[*].mode (9 items)``.

    Up to ``keep`` paths of one shape are listed as they are; more are folded into one line.
    """
    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(re.sub(r"\[\d+\]", "[*]", path), []).append(path)
    out: list[str] = []
    for shape, members in groups.items():
        if len(members) > keep:
            out.append(f"{shape} ({len(members)} items)")
        else:
            out.extend(members)
    return out
