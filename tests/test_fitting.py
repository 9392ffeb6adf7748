"""The one line breaker and the table fitter: nothing wider than the width, nothing lost,
nothing cut that its role keeps whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from coopscore.formats import fitting

WORDS = st.lists(
    st.sampled_from(
        [
            "population_m",
            "决策层",
            "未达标",
            "，",
            "项",
            "3\u00a0项",
            "a",
            "Administrative",
            "(29.6–78.5)",
            "中文句子很长很长",
            "x" * 30,
            "§三(四)",
            "—",
        ]
    ),
    max_size=12,
)


@given(WORDS, st.integers(min_value=1, max_value=60), st.integers(0, 8), st.integers(0, 4))
def test_lines_fit_and_keep_every_character(
    words: list[str], size: int, indent: int, hang: int
) -> None:
    text = " ".join(words)
    out = fitting.lines(text, size, indent, hang)
    # A line is never wider than the width, unless it is one character wider than all of it.
    assert all(cell_len(line) <= size or len(line.strip()) == 1 for line in out)
    assert "".join(line.replace(" ", "") for line in out) == text.replace(" ", "").replace(
        "\u00a0", ""
    )


def test_identifiers_and_kept_words_are_not_broken() -> None:
    out = fitting.lines("标识符population_m和3\u00a0项", 14)
    assert any("population_m" in line for line in out)
    assert not any(line.startswith("项") for line in out)
    assert not any(line.startswith("，") for line in fitting.lines("一二三四五六七八九，十", 18))
    marks = fitting.lines("A layer exists but has stopped meeting §一(二)1 → R1", 44)
    assert any("§一(二)1" in line for line in marks), marks
    kept = fitting.lines("评价准则\u00a0yrd-lessons · 校验值\u00a01601d18603b7", 24)
    assert "校验值 1601d18603b7" in kept, kept


def test_a_word_wider_than_the_room_beside_the_indent_is_kept_whole() -> None:
    out = fitting.lines("CODE administrative-information-barriers", 40, 2, 4)
    assert out[-1].strip() == "administrative-information-barriers"
    assert all(cell_len(line) <= 40 for line in out)


def test_paths_fold_at_separators() -> None:
    assert fitting.path_lines("scenarios/panel/mr-2015.yaml", 12) == [
        "scenarios/",
        "panel/",
        "mr-2015.yaml",
    ]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["D1", "+12.5", "(29.6–78.5)"]),
            st.sampled_from(["a b c", "决策层 协调层", "Administrative and information"]),
        ),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=10, max_value=120),
)
def test_columns_keep_numbers_whole_and_fit(rows: list[tuple[str, str]], size: int) -> None:
    roles, titles = ["bounds", "prose"], ["Bounds", "Gap"]
    widths = fitting.columns(roles, titles, rows, size)
    if widths is None:
        assert max(cell_len(r[0]) for r in rows) + 2 + 1 > size or size < 40
        return
    assert sum(widths) + 2 <= size
    assert widths[0] >= max(cell_len(r[0]) for r in rows)
