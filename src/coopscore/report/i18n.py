"""The words of every output, in English and Chinese.

The labels are data: one catalogue per language, ``labels/en.json`` and ``labels/zh.json``
(a key, and its text with ``{placeholders}``), so a translator edits a file, not code.
``tests/test_catalogues.py`` checks that both hold the same keys with the same placeholders.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
# The language tag an HTML page declares: Chinese in simplified characters.
HTML_LANG: dict[Lang, str] = {"en": "en", "zh": "zh-Hans"}
CATALOGUES = Path(__file__).with_name("labels")


def _catalogue(lang: Lang) -> dict[str, str]:
    found: dict[str, str] = json.loads((CATALOGUES / f"{lang}.json").read_text(encoding="utf-8"))
    return found


_BY_LANG: dict[Lang, dict[str, str]] = {lang: _catalogue(lang) for lang in LANGS}
# Every label in both languages, by key: ``LABELS[key][lang]``.
LABELS: dict[str, dict[Lang, str]] = {
    key: {lang: _BY_LANG[lang][key] for lang in LANGS} for key in _BY_LANG["en"]
}

# The English of the JSON contract's formula (which an English record states) and of the
# selection note the command line prints beside its warnings; in Chinese they are the labels
# ``formula`` and ``selection_shown``.
ENGLISH: dict[str, str] = {
    "score_formula": "criterion credit: met 1, partial {partial}, unmet 0; an open credit "
    "(unknown, or not met with its depth open) takes the value its facts allow nearest its "
    "dimension's score; dimension score = 100 * sum(weight * credit) / sum(weight) over applicable "
    "criteria, none when no criterion is known; coverage = known weight / applicable weight; "
    "overall = the same rule over the dimensions with their weights (a dimension without a "
    "score takes the value its bounds allow nearest the overall score), withheld when overall "
    "coverage < {floor}; every score lies within its bounds",
    "selection_note": "{selection}: showing {shown} of {total} gaps; scores and coverage are "
    "computed on every criterion",
}


def label(key: str, lang: Lang, /, **values: Any) -> str:
    text = _BY_LANG[lang][key]
    if not values:
        return text
    if "(s)" in text:
        text = _counted(text, values)
    return text.format(**values)


# An English noun counted by the placeholder before it, ``{count} gap(s)``: one gap, two gaps.
_COUNTED = re.compile(r"\{(\w+)\} (\w+)\(s\)")
_PLURALS = {"criterion": "criteria"}


def _counted(text: str, values: dict[str, Any]) -> str:
    """``text`` with each counted noun in the number its count asks for (a count that is not a
    number, such as a placeholder kept for later, keeps the ``(s)``)."""

    def number(found: re.Match[str]) -> str:
        name, noun = found.group(1), found.group(2)
        count = values.get(name)
        if not isinstance(count, int) or isinstance(count, bool):
            return found.group(0)
        word = noun if count == 1 else _PLURALS.get(noun, noun + "s")
        return f"{{{name}}} {word}"

    return _COUNTED.sub(number, text)


def pick(text: Any, lang: Lang) -> str:
    """One language of a bilingual value ({en, zh} mapping or model), falling back to the other."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("en") or text.get("zh") or "")
    return str(getattr(text, lang, None) or getattr(text, "en", None) or getattr(text, "zh", ""))


def english(key: str, **values: Any) -> str:
    """A text that every language shows in English (see ``ENGLISH``)."""
    return ENGLISH[key].format(**values)
