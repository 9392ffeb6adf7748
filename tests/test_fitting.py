"""The one line breaker and the table fitter: nothing wider than the width, nothing lost,
nothing cut that its role keeps whole."""

from __future__ import annotations

import itertools

from hypothesis import example, given, settings
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


# ----------------------------------------------------------------- tokens a line never cuts
#
# A text is drawn as tokens of known kinds, each at a known place; a line break inside a token
# is allowed only where its kind allows one: a file path after ``/`` (``:line`` stays with
# the name), a scenario path after ``.``, a citation ``(file:line, path)`` also at its comma.
# Anywhere else a token breaks only where the part between two allowed places is wider than a
# whole line beside its indent.

CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=12)
NAME = st.from_regex(r"[a-z]{2,9}(?:[-_][a-z0-9]{1,8}){0,3}", fullmatch=True)
FILE_PATH = st.builds(
    lambda folders, name, line: "/".join([*folders, f"{name}.yaml"]) + (f":{line}" if line else ""),
    st.lists(NAME, max_size=4),
    NAME,
    st.one_of(st.none(), st.integers(1, 9999)),
)
SCENARIO_PATH = st.builds(
    lambda parts, index: (
        ".".join([*parts[:1], f"{parts[1]}[{index}]", *parts[2:]]) if len(parts) > 1 else parts[0]
    ),
    st.lists(
        st.from_regex(r"[a-z]{2,12}(?:_[a-z]{2,10})?", fullmatch=True), min_size=1, max_size=4
    ),
    st.integers(0, 12),
)
NUMBER = st.sampled_from(["66.8", "+12.5", "-11.54", "3", "0.40", "100.0", "52%"])
BOUND = st.builds(lambda a, b: f"{a:.1f}–{b:.1f}", st.floats(0, 50), st.floats(50, 100))
SECTION = st.sampled_from(["§二(三)", "§一(二)1", "(§三(五)).", "§三（四）", "(§二(八))"])
WORDS_EN = st.from_regex(r"[A-Za-z]{1,14}", fullmatch=True)


def _citation(file: str, path: str) -> str:
    return f"({file},{fitting.KEEP}{path})"


TOKENS = st.one_of(
    st.tuples(st.just("cjk"), CJK),
    st.tuples(st.just("word"), WORDS_EN),
    st.tuples(st.just("number"), NUMBER),
    st.tuples(st.just("bound"), BOUND),
    st.tuples(st.just("section"), SECTION),
    st.tuples(st.just("path"), FILE_PATH),
    st.tuples(st.just("scenario"), SCENARIO_PATH),
    st.tuples(st.just("citation"), st.builds(_citation, FILE_PATH, SCENARIO_PATH)),
)


def _allowed(kind: str, token: str) -> set[int]:
    """The offsets inside ``token`` where a line may break."""
    out: set[int] = set()
    if kind in ("path", "citation"):
        head = token.split(",", 1)[0] if kind == "citation" else token
        out |= {n + 1 for n, c in enumerate(head) if c == "/"}
    if kind in ("scenario", "citation"):
        start = token.index(fitting.KEEP) + 1 if kind == "citation" else 0
        out |= {start + n + 1 for n, c in enumerate(token[start:]) if c == "."}
    if kind == "citation":
        keep = token.index(fitting.KEEP)
        out |= {keep, keep + 1}
    return out


def _pieces_between(token: str, allowed: set[int]) -> list[tuple[int, int]]:
    edges = sorted({0, len(token), *allowed})
    return list(itertools.pairwise(edges))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(TOKENS, st.sampled_from([" ", " ", "", "  "])), min_size=1, max_size=14),
    st.integers(20, 120),
    st.integers(0, 8),
    st.integers(0, 4),
)
# A section mark ending on a full-width bracket, then a name: the line breaks between them.
@example([(("section", "§三（四）"), " "), (("scenario", "a" * 12), "")], 20, 0, 0)
def test_no_token_is_cut_where_its_kind_forbids(
    drawn: list[tuple[tuple[str, str], str]], size: int, indent: int, hang: int
) -> None:
    text, placed = "", []
    for (kind, token), sep in drawn:
        latin = not fitting._wide(token[0])
        # Two Latin tokens never touch: they would read as one; nor do a section mark and a
        # number (``§三（四）66.8`` reads as the mark of point 66.8).
        joined = (latin and not fitting._wide(text[-1:] or "a")) or (
            token[0].isdigit() and bool(placed) and placed[-1][0] == "section"
        )
        if text and (sep or joined):
            text += sep or " "
        placed.append((kind, token, len(text)))
        text += token
    found = fitting.breaks(text, size, indent, hang)
    room = size - min(indent + hang, size - 1)
    shown = fitting.lines(text, size, indent, hang)
    # every line fits; nothing is lost, nothing added
    assert all(cell_len(line) <= size for line in shown), shown
    assert "".join(text[a:b] for a, b in found).replace(" ", "").replace(fitting.KEEP, "") == (
        text.replace(" ", "").replace(fitting.KEEP, "")
    )
    cuts = {end for _, end in found[:-1]} | {start for start, _ in found[1:]}
    for kind, token, at in placed:
        if kind == "cjk":
            continue
        allowed = _allowed(kind, token)
        for cut in cuts:
            inside = cut - at
            if not 0 < inside < len(token) or inside in allowed:
                continue
            a, b = next((a, b) for a, b in _pieces_between(token, allowed) if a < inside < b)
            assert cell_len(token[a:b].strip(fitting.KEEP)) > room, (
                f"{kind} {token!r} cut at {inside} (room {room})",
                shown,
            )


CLOSING = "，。、；：！？）」』”’》〉,.;:!?)]"
OPENING = "（「『“‘《〈(["


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(CJK, st.sampled_from(["，", "。", "、", "“", "”", '"', "（", "）", "《", "》"])),
        min_size=1,
        max_size=30,
    ),
    st.integers(6, 60),
)
# The closing quote ends the line before: seen alone, it would read as an opening one.
@example(['"', "一一", "，", '"', "一"], 6)
def test_chinese_lines_keep_their_punctuation_and_no_character_alone(
    parts: list[str], size: int
) -> None:
    text = "".join(parts)
    shown = fitting.lines(text, size)
    assert "".join(shown) == text
    if fitting.longest_piece(text) > size:
        return  # marks that must stay together fill more than a line: one of them moves on
    for n, line in enumerate(shown):
        if n:
            assert line[0] not in CLOSING, shown
        if n < len(shown) - 1:
            assert line[-1] not in OPENING, shown
    last = shown[-1].rstrip(CLOSING)
    if len(shown) > 1 and len(last) == 1 and fitting._wide(last):
        # alone only where the piece before it cannot come down with it (pieces as the whole
        # text makes them: a quote's side is known only there)
        start = len(text) - len(shown[-1])
        before = [s for s, _, _ in fitting._groups(text) if start - len(shown[-2]) <= s < start]
        assert len(before) <= 1 or cell_len(text[before[-1] :]) > size, shown


def test_the_reported_cases_break_where_a_reader_expects() -> None:
    fact = (
        "长江中游地区省际协商合作会商会 — status: active  (scenarios/middle-reaches-panel/"
        f"middle-reaches-2018.yaml:26,{fitting.KEEP}institutions.decision[0].status)"
    )
    assert fitting.lines(fact, 80, 8, 2) == [
        "        长江中游地区省际协商合作会商会 — status: active",
        "          (scenarios/middle-reaches-panel/middle-reaches-2018.yaml:26,",
        "          institutions.decision[0].status)",
    ]
    assert fitting.lines("展示区建设(§三(五)).", 12) == ["展示区建设", "(§三(五))."]
    assert fitting.lines('推进政务服务"跨省通办"。', 14) == ["推进政务服务", '"跨省通办"。']
    assert fitting.lines("地方保护依然存在", 14) == ["地方保护依然", "存在"]
    assert fitting.lines("(未达标,程度待定)", 14) == ["(未达标,程度", "待定)"]
    # a section mark ending on a CJK bracket is a piece of its own: a line breaks after it
    assert fitting.lines("§三（四）aaaaaaaaaaaa", 20) == ["§三（四）", "aaaaaaaaaaaa"]
    # a mark that fits a line is not cut for the closing mark glued to it: that moves on
    assert fitting.lines("见§一(一)3.5。", 10) == ["见", "§一(一)3.5", "。"]
    assert fitting.lines("见§一(一)3.5。", 12) == ["见", "§一(一)3.5。"]
