"""Did you mean: the choices a mistyped value most likely meant, for every closed vocabulary.

One helper for every message that suggests (keys, values of a closed vocabulary, formats,
criterion codes, commands' arguments, bundled examples), so that each suggests alike:

1. the same choice written another way: case, ``-``, ``_``, spaces and a surrounding
   ``.``/space are not told apart (``Middle_Reaches`` is ``middle-reaches``);
2. an alias the caller knows (``md`` for ``markdown``);
3. the closest spellings (``difflib``), every one as close as the closest, so that ``INS04``
   names both ``INS004`` and ``INS014`` rather than neither;
4. the choices that the value begins, or names a word of, or stands inside (``science`` for
   ``science_technology``, ``tech`` too);
5. the choices whose letters hold the value's in order from its first (``md``, ``mkd``).

Each step is tried only when the ones before it found nothing; none finds more than
``MAX_SUGGESTED`` choices, beyond which a suggestion would be a list, not a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping

MAX_SUGGESTED = 3
CUTOFF = 0.6


def folded(text: str) -> str:
    """``text`` as it is compared: case, ``-``, ``_``, spaces and a trailing dot not told apart."""
    return text.strip().strip(".").strip().casefold().replace("-", "_").replace(" ", "_")


def nearest(
    value: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None
) -> list[str]:
    """Every choice a mistyped ``value`` most likely meant, best first; ``[]`` when none is
    likely, or when ``value`` is itself a choice."""
    options: dict[str, str] = {}
    for choice in choices:
        options.setdefault(folded(choice), choice)
    key = folded(value)
    if not key or not options or value in options.values():
        return []
    if key in options:
        return [options[key]]
    for alias, meant in (aliases or {}).items():
        if folded(alias) == key and meant in options.values():
            return [meant]
    for step in (_closest, _words, _letters):
        found = step(key, options)
        if found:
            return found if len(found) <= MAX_SUGGESTED else []
    return []


def _closest(key: str, options: dict[str, str]) -> list[str]:
    """Every choice spelled as near ``key`` as the nearest, at least ``CUTOFF`` near; the
    quick upper bounds skip most choices, as ``difflib.get_close_matches`` does."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)
    best, found = CUTOFF, []
    for f in options:
        matcher.set_seq1(f)
        if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, found = ratio, [options[f]]
        elif ratio == best:
            found.append(options[f])
    return found


def _words(key: str, options: dict[str, str]) -> list[str]:
    if len(key) < 3:
        return []
    return [c for f, c in options.items() if f.startswith(key) or key in f.split("_")] or [
        c for f, c in options.items() if key in f
    ]


def _letters(key: str, options: dict[str, str]) -> list[str]:
    if len(key) < 2:
        return []

    def holds(f: str) -> bool:
        if f[:1] != key[:1]:
            return False
        rest = iter(f)
        return all(letter in rest for letter in key)

    return [c for f, c in options.items() if holds(f)]


def did_you_mean(
    value: str,
    choices: Iterable[str],
    aliases: Mapping[str, str] | None = None,
    show: Callable[[str], str] = repr,
) -> str:
    """``"did you mean 'a'?"`` or ``"did you mean 'a' or 'b'?"``, or ``""`` without a likely
    choice; ``show`` writes each choice as the message names it."""
    found = nearest(value, choices, aliases)
    if not found:
        return ""
    names = [show(c) for c in found]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"did you mean {listed}?"
