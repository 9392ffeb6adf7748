"""The one did-you-mean: every choice as near as the nearest, by spelling, alias, word or
letters; nothing when the value is a choice or nothing is near."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopscore.errors import InputError
from coopscore.model.scenario import PlatformKind
from coopscore.suggest import MAX_SUGGESTED, did_you_mean, nearest

from .conftest import scenario_from

WORDS = st.text("abcdefghij_-", min_size=1, max_size=10)


@given(st.lists(WORDS, min_size=1, max_size=8, unique=True), WORDS)
def test_suggestions_are_choices_and_never_the_value_itself(choices: list[str], value: str) -> None:
    found = nearest(value, choices)
    assert set(found) <= set(choices) and len(found) <= MAX_SUGGESTED
    assert nearest(choices[0], choices) == []


@given(st.lists(st.text("abcdefgh", min_size=2, max_size=8), min_size=1, max_size=6, unique=True))
def test_a_choice_in_another_case_or_separator_is_that_choice(choices: list[str]) -> None:
    for choice in choices:
        for written in (choice.upper(), f" {choice}. ", choice.replace("_", "-")):
            if written not in choices:
                assert nearest(written, choices) == [choice], written


@given(
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3),
    st.integers(2, 5),  # 01 is as near every code from 010 to 015
)
def test_equally_near_codes_are_all_named(letters: str, digit: int) -> None:
    codes = [f"{letters}{n:03d}" for n in range(1, 16)]
    found = nearest(f"{letters}0{digit}", codes)
    assert found == [f"{letters}00{digit}", f"{letters}01{digit}"]
    assert did_you_mean(f"{letters}0{digit}", codes) == (
        f"did you mean '{letters}00{digit}' or '{letters}01{digit}'?"
    )


def test_aliases_and_letters_in_order_find_a_format() -> None:
    formats = ["table", "json", "markdown", "html"]
    assert nearest("md", formats, {"md": "markdown"}) == ["markdown"]
    assert nearest("mkd", formats) == ["markdown"]
    assert nearest("htm", formats) == ["html"]


@pytest.mark.parametrize("token", get_args(PlatformKind))
def test_every_word_of_a_platform_kind_suggests_it(token: str) -> None:
    tokens: tuple[str, ...] = get_args(PlatformKind)
    for word in token.split("_"):
        if word == token or len(word) < 3 or sum(word in t.split("_") for t in tokens) > 1:
            continue
        with pytest.raises(InputError) as info:
            scenario_from({"platforms": [{"name": "p", "kind": word}]})
        assert f"did you mean {token!r}?" in str(info.value), (word, str(info.value))
