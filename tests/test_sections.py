"""Section marks: the paper's outline, the mark grammar, and the rubric check that uses both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopscore.errors import InputError
from coopscore.model.rubric import parse_rubric
from coopscore.model.sections import (
    Outline,
    find_marks,
    mark_problems,
    mark_text,
    parse_outline,
)
from coopscore.pipeline.inputs import BundledOutlines, read_rubric

from .conftest import ROOT, RUBRICS, SCENARIOS

DEFAULT = (RUBRICS / "yrd-lessons.yaml").read_text(encoding="utf-8")
BUNDLED = [*sorted(SCENARIOS.glob("*.yaml")), RUBRICS / "yrd-lessons.yaml"]


@pytest.fixture(scope="module")
def outline() -> Outline:
    found = BundledOutlines().find("liu-chen-2021")
    assert found is not None
    return found


# ----------------------------------------------------------------------------- the outline


def test_the_outline_has_the_papers_parts_subsections_and_points(outline: Outline) -> None:
    marks = {mark_text(key) for key in outline.sections}
    assert [mark_text(k) for k in outline.children[()]] == ["§一", "§二", "§三"]
    counts = {mark_text(part): len(outline.children[part]) for part in outline.children[()]}
    assert counts == {"§一": 2, "§二": 8, "§三": 5}
    assert [len(outline.children[(1, s)]) for s in (1, 2)] == [3, 4]
    assert [len(outline.children[(3, s)]) for s in range(1, 6)] == [3, 3, 3, 2, 2]
    # the five items of §一(一)3 are points of that point, not points 4 and 5 of §一(一)
    assert [outline.sections[(1, 1, 3, n)].numbered for n in range(1, 6)] == [
        "一是",
        "二是",
        "三是",
        "四是",
        "五是",
    ]
    assert outline.sections[(1, 1, 3, 5)].heading == "深化社会事业合作"
    assert "§一(一)4" not in marks and "§一(一)5" not in marks
    # subsections whose steps the paper does not number have no points
    for bare in ((2, 4), (2, 5), (2, 6), (2, 7), (1, 2, 3), (1, 2, 4)):
        assert bare in outline and bare not in outline.children, mark_text(bare)
    assert len(outline.sections) == 64
    assert outline.unnumbered == ("abstract", "keywords", "introduction", "references")


def test_every_entry_carries_its_heading_and_numbering(outline: Outline) -> None:
    for key, section in outline.sections.items():
        assert section.heading.strip() and "§" not in section.heading, mark_text(key)
        assert section.numbered in {"一、", "二、", "三、"} or len(key) > 1
        if len(key) == 2:
            assert re.fullmatch(r"\([一二三四五六七八]\)", section.numbered)
        assert section.line is not None


OUTLINE_HEAD = "id: x\ntitle: t\nsections:\n"


@pytest.mark.parametrize(
    ("body", "line", "needle"),
    [
        # a subsection out of order
        (
            "  - mark: §一\n    numbered: 一、\n    heading: h\n    sections:\n"
            "      - {mark: §一(二), numbered: (二), heading: h}\n",
            8,
            "expected 'mark: §一(一)'",
        ),
        # a point that skips a number
        (
            "  - mark: §一\n    numbered: 一、\n    heading: h\n    sections:\n"
            "      - mark: §一(一)\n        numbered: (一)\n        heading: h\n"
            "        sections:\n"
            "          - {mark: §一(一)1, numbered: '1.', heading: h}\n"
            "          - {mark: §一(一)3, numbered: '3.', heading: h}\n",
            13,
            "expected 'mark: §一(一)2'",
        ),
        ("  - {mark: §一, numbered: 一、}\n", 4, "give its heading"),
        ("  - {mark: §一, numbered: 一、, heading: h, title: x}\n", 4, "unknown key 'title'"),
    ],
)
def test_a_misplaced_outline_entry_is_refused_with_its_line(
    body: str, line: int, needle: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_outline("o.yaml", OUTLINE_HEAD + body)
    problem = caught.value.problems[0]
    assert problem.line == line and needle in problem.message, str(caught.value)


# ----------------------------------------------------------------------------- the grammar


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("§一", [(1,)]),
        ("§二(三)", [(2, 3)]),
        ("§二\uff08三\uff09", [(2, 3)]),  # the paper's own brackets
        ("§一(一)3", [(1, 1, 3)]),
        ("§一(一)3.5", [(1, 1, 3, 5)]),
        ("§三(一)2–3", [(3, 1, 2), (3, 1, 3)]),
        ("§三(一)–(五)", [(3, 1), (3, 5)]),
        ("§一–三", [(1,), (3,)]),
        ("see §二(八), ", [(2, 8)]),
        ("(§一(二)4)", [(1, 2, 4)]),
        ("§一(一)3.5.", [(1, 1, 3, 5)]),  # the full stop ends the sentence
        ("§二(二)的", [(2, 2)]),
    ],
)
def test_each_real_form_is_read_and_accepted(
    outline: Outline, text: str, keys: list[tuple[int, ...]]
) -> None:
    (found,) = find_marks(text)
    assert found.error is None and list(found.keys) == keys
    assert mark_problems(outline, text) == []


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("§一(一)5", "§一(一) has points 1–3; did you mean §一(一)3.5?"),
        ("§一(一)4", "did you mean §一(一)3.4?"),
        ("§二(四)1", "§二(四) has no numbered points; did you mean §二(四)?"),
        ("§一(二)4.2", "§一(二)4 has no numbered points"),
        ("§二(九)", "§二 has subsections (一)–(八)"),
        ("§四", "the paper has parts §一–§三"),
        ("§三(六)", "§三 has subsections (一)–(五)"),
        ("§三(一)–(六)", "§三(六) is not a section"),
        ("§三(二)3–2", "a range must end on a later section"),
        ("§三(x)", "'§三(x)' is not a section mark"),
        ("§2", "'§2' is not a section mark"),
        ("§ 二(三)", "'§' is not a section mark"),
        ("§二三", "'§二三' is not a section mark"),
        ("§二(二)4a", "'§二(二)4a' is not a section mark"),
    ],
)
def test_a_mark_the_paper_lacks_is_named_with_what_is_there(
    outline: Outline, text: str, needle: str
) -> None:
    found = mark_problems(outline, f"as {text} says")
    assert len(found) == 1 and needle in found[0], found


# ---------------------------------------------------------------------- the bundled files


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_mark_in_the_bundled_files_names_a_section(outline: Outline, path: Path) -> None:
    """Comments included: a mark in a comment sends a reader to the paper as well."""
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = [
        f"{path.name}:{number}: {problem}"
        for number, line in enumerate(lines, 1)
        for problem in mark_problems(outline, line)
    ]
    assert bad == []
    assert sum(len(list(find_marks(line))) for line in lines) >= 40


SHORTHAND = re.compile(r"§\S*?[0-9)](?:,| and| or)\s*[0-9]+\b(?! (?:bn|cities|firms|years))")


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_files_write_every_point_as_a_whole_mark(path: Path) -> None:
    """'§一(一)2, 3' cites a point no check can see; each point is written as its own mark."""
    text = path.read_text(encoding="utf-8")
    assert SHORTHAND.findall(text) == []


def test_the_shorthand_guard_bites() -> None:
    assert SHORTHAND.findall("items §一(一)2, 3 and 5 name") != []
    assert SHORTHAND.findall("§一(一)2 and §一(一)3.5: first") == []


# ------------------------------------------------------------------------ the rubric check


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_bundled_rubric_declares_the_outline_and_loads() -> None:
    assert read_rubric().spec.paper_outline == "liu-chen-2021"


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("section: §二(四)\n", "section: §二(四)1\n", "did you mean §二(四)?"),
        ("section: §二(二)\n", "section: §二(二)5\n", "§二(二) has points 1–4"),
        ("section: §三(五)\n", "section: §三(六)\n", "§三 has subsections (一)–(五)"),
        ("section: §一(二)3\n", "section: §一(二)03\n", "'§一(二)03' is not a section mark"),
        ("section: §二(七)\n", "section: p. 7\n", "names no section mark"),
    ],
)
def test_the_rubric_loader_refuses_a_made_up_mark_at_its_line(
    old: str, new: str, needle: str
) -> None:
    assert old in DEFAULT
    text = DEFAULT.replace(old, new, 1)
    with pytest.raises(InputError) as caught:
        parse_rubric("r.yaml", text, BundledOutlines())
    (problem,) = caught.value.problems
    assert problem.line == _line_of(text, new) and needle in problem.message, str(caught.value)
    assert problem.path is not None and problem.path.endswith(".section")


def test_a_mark_in_the_rubrics_prose_is_checked_too() -> None:
    old = "  - id: D1\n    name: {en: Cooperation model, zh: 模式创新}\n"
    assert old in DEFAULT
    text = DEFAULT.replace(old, old.replace("模式创新", "模式创新 §一(一)5"), 1)
    with pytest.raises(InputError) as caught:
        parse_rubric("r.yaml", text, BundledOutlines())
    (problem,) = caught.value.problems
    assert problem.line == _line_of(text, "§一(一)5") and "§一(一)3.5" in problem.message


def test_the_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    text = DEFAULT.replace("section: §二(四)\n", "section: §一(一)5\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_rubric(str(path))
    line = _line_of(text, "§一(一)5")
    assert f"{path}:{line}: §一(一)5 is not a section of liu-chen-2021" in str(caught.value)


def test_a_rubric_that_names_no_outline_is_not_checked_against_it() -> None:
    assert "\npaper_outline: liu-chen-2021\n" in DEFAULT
    text = DEFAULT.replace("\npaper_outline: liu-chen-2021\n", "\n").replace(
        "section: §二(四)\n", "section: §4\n", 1
    )
    assert parse_rubric("other-paper.yaml", text, BundledOutlines()).spec.paper_outline is None


def test_an_unknown_outline_is_refused_at_its_line() -> None:
    text = DEFAULT.replace("paper_outline: liu-chen-2021", "paper_outline: no-such-paper")
    with pytest.raises(InputError) as caught:
        parse_rubric("r.yaml", text, BundledOutlines())
    (problem,) = caught.value.problems
    assert problem.line == _line_of(text, "paper_outline:")
    assert "no bundled paper outline 'no-such-paper'; bundled: liu-chen-2021" in problem.message


def test_the_outline_ships_where_the_wheel_takes_the_rubrics() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"rubrics" = "coopscore/rubrics"' in pyproject
    assert (RUBRICS / "outlines" / "liu-chen-2021.yaml").is_file()


def test_marks_are_checked_wherever_a_rubric_is_read_and_not_without_outlines() -> None:
    """The model reads no file: the outlines come from the pipeline that reads the rubric."""
    text = DEFAULT.replace("section: §二(二)", "section: §二(九)", 1)
    assert text != DEFAULT
    assert parse_rubric("r.yaml", text).spec.paper_outline == "liu-chen-2021"  # not checked
    with pytest.raises(InputError):
        parse_rubric("r.yaml", text, BundledOutlines())
