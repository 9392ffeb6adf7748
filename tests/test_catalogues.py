"""The label catalogues are data: both languages hold the same keys, each text the same
placeholders, and the Chinese one is written in Chinese."""

from __future__ import annotations

import json
import re
import string

from coopscore.report import i18n

FIELDS = string.Formatter()


def _catalogue(lang: str) -> dict[str, str]:
    loaded: dict[str, str] = json.loads((i18n.CATALOGUES / f"{lang}.json").read_text("utf-8"))
    return loaded


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in FIELDS.parse(text) if name is not None}


def test_both_catalogues_hold_the_same_keys_and_placeholders() -> None:
    en, zh = _catalogue("en"), _catalogue("zh")
    assert en.keys() == zh.keys()
    for key in en:
        # A language may leave a value out (or show one more, such as a Chinese name beside
        # a key), never name a value the other does not know of.
        one, other = _placeholders(en[key]), _placeholders(zh[key])
        assert one <= other or other <= one, key
        assert en[key].strip() and zh[key].strip(), key


def test_the_chinese_catalogue_is_in_chinese() -> None:
    zh = _catalogue("zh")
    han = re.compile("[\u4e00-\u9fff]")
    # Texts without a Han character are symbols, numbers or identifiers (``5–95%``, ``→``).
    words = {k: re.sub(r"\{[a-z_]+\}", "", v) for k, v in zh.items()}
    latin = [k for k, v in words.items() if not han.search(v) and re.search("[a-z]{4,}", v)]
    assert latin == [], latin


def test_labels_come_from_the_catalogues() -> None:
    en = _catalogue("en")
    key = next(iter(en))
    assert i18n.label(key, "en", **dict.fromkeys(_placeholders(en[key]), "x")) == en[key].format(
        **dict.fromkeys(_placeholders(en[key]), "x")
    )
    assert set(i18n.LABELS) == set(en)


def test_an_english_count_agrees_with_its_noun() -> None:
    """``{count} gap(s)`` reads "1 gap", "2 gaps", "2 criteria"; a count not yet known keeps
    the (s)."""
    from coopscore.report.i18n import label

    assert label("agree_bounds_count", "en", count=1).endswith(": 1 criterion")
    assert label("agree_bounds_count", "en", count=3).endswith(": 3 criteria")
    assert label("batch_failed", "en", failed=2, total=1) == "2 of 1 file could not be scored"
    assert label("batch_failed", "en", failed=1, total=5) == "1 of 5 files could not be scored"
    assert "{count} report(s)" in label("batch_wrote", "en", count="{count}", index="x")
    assert label("batch_failed", "zh", failed=1, total=5) == label(
        "batch_failed", "zh", failed=1, total=5
    )
