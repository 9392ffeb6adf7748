"""The reader's language, bound once: every word a report builder writes comes through here."""

from __future__ import annotations

from typing import Any

from coopscore.report.i18n import Lang, label, pick


class Words:
    """Labels and bilingual values in one language: ``words("score")``, ``words.pick(title)``."""

    __slots__ = ("lang",)

    def __init__(self, lang: Lang = "en") -> None:
        self.lang: Lang = lang

    def __call__(self, key: str, /, **values: Any) -> str:
        return label(key, self.lang, **values)

    def pick(self, text: Any) -> str:
        """One language of a bilingual value from a file (a name, a title)."""
        return pick(text, self.lang)
