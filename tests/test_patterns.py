"""Lazy patterns: compiled once, on first use, and matching as ``re.compile`` would."""

import re

from coopscore.patterns import Lazy


def test_a_lazy_pattern_is_compiled_on_first_use_and_only_once() -> None:
    lazy = Lazy(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    assert lazy._compiled is None
    first = lazy()
    assert first is lazy()
    assert first.flags & re.IGNORECASE
    match = first.fullmatch("Abc-12")
    assert match is not None and match.group("word") == "Abc"


def test_a_lazy_bytes_pattern_stays_bytes() -> None:
    assert Lazy(rb"\r\n?|\n")().split(b"a\r\nb\nc") == [b"a", b"b", b"c"]
