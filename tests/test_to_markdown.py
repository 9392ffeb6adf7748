"""The Markdown writer of the report model: every block kind written, hostile text in every
text field shown as text, only the links a report marks (and only http(s) ones), tables whole,
and every number and bound whole. ``hostile_report`` serves the HTML writer's tests too."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token

from coopscore.cli.steps import assess_file, setup
from coopscore.core import plan as planning
from coopscore.formats import as_markdown, to_markdown
from coopscore.formats.escaping import web_url
from coopscore.formats.registry import View
from coopscore.report import numbers
from coopscore.report import plan as plan_report
from coopscore.report.blocks import (
    Bar,
    Block,
    Bullets,
    Chart,
    Column,
    Fact,
    Facts,
    Heading,
    Line,
    LineChart,
    Note,
    Paragraph,
    Point,
    Report,
    Span,
    Table,
    inline,
)
from coopscore.report.words import Words

from .conftest import SCENARIOS
from .test_escaping import HIDDEN, NASTY, TEXT, autolinked
from .test_output_safety import PARSER, Texts, _all_tokens

HOSTILE = [
    "<script>alert(1)</script>",
    "](javascript:alert(1))",
    "[x](javascript:alert(1))",
    "a``b`",
    "```",
    "|",
    "a\nb\n\n# c",
    "\x1b[2J",
    "www.x.com",
    "{{ 7*7 }}",
    "{% if 1 %}x{% endif %}",
    *NASTY,
]
GOOD_URL = "https://example.org/a?b=1&c=2"
# Tags a Markdown document may come to in HTML, and no others.
TAGS = {"p", "h1", "h2", "h3", "h4", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"}
TAGS |= {"code", "pre", "strong", "em", "a", "br", "blockquote"}


def hostile_report(texts: Texts, lang: str = "en") -> Report:
    """A report holding every block kind, with ``texts()`` in every text field."""

    def spans() -> tuple[Span, ...]:
        marks = ("plain", "strong", "dim", "code", "high", "medium", "low", "good", "bad")
        return (
            *(Span(texts(), m) for m in marks),  # type: ignore[arg-type]
            Span(texts(), "link", texts()),  # a link to whatever a file held
            Span(texts(), "link", GOOD_URL),  # the one link the report may carry
        )

    roles = ("code", "number", "bounds", "name", "path", "prose")
    columns = tuple(Column(texts(), r) for r in roles)  # type: ignore[arg-type]
    blocks: list[Block] = [
        Heading(spans(), 1),
        Paragraph(spans()),
        Note(spans()),
        Heading(spans(), 2, anchor=texts()),
        Bullets((spans(), spans())),
        Facts(tuple(Fact(texts(), texts(), texts(), texts(), n, texts()) for n in (3, 3, 9))),
        Paragraph(spans(), indent=1),
        Facts((Fact(texts(), texts()),)),
        Table(columns, tuple(tuple(spans() for _ in roles) for _ in range(3)), texts()),
        Heading(spans(), 3),
        Chart(
            texts(),
            (
                Bar(texts(), texts(), 42.25, 30.0, 70.5),
                Bar(texts(), texts(), None, 10.0, 90.0, thin=True),
                Bar(texts(), texts(), 55.0, thin=True),
                Bar(texts(), texts(), None),
            ),
            texts(),
        ),
        LineChart(
            texts(),
            (
                Line(texts(), (Point(2019, 40.0, 35.0, 45.5), Point(2020, None, 20.0, 80.0))),
                Line(texts(), (Point(2020, 61.25, None, None), Point(2021.5, 3.0, 1.0, 7.0))),
            ),
            texts(),
        ),
    ]
    return Report(texts(), lang, tuple(blocks))


def numbers_of(report: Report) -> list[str]:
    """Every number and bound the writers print from a report's data."""
    out = []
    for block in report.blocks:
        if isinstance(block, Chart):
            out += [to_markdown.bar_value(b) for b in block.bars]
        if isinstance(block, LineChart):
            for line in block.lines:
                for p in line.points:
                    span = None if p.lower is None or p.upper is None else (p.lower, p.upper)
                    out.append(numbers.score_with_bounds(p.value, span))
    return out


def link_targets(report: Report) -> list[str]:
    """The http(s) links a report marks, as a page would link them."""
    out = []
    for block in report.blocks:
        texts: list[tuple[Span, ...]] = []
        if isinstance(block, Heading | Paragraph | Note):
            texts = [block.text]
        elif isinstance(block, Bullets):
            texts = list(block.items)
        elif isinstance(block, Table):
            texts = [c for row in block.rows for c in row]
        for text in texts:
            for span in text:
                if span.mark == "link" and (url := web_url(span.target)) is not None:
                    out.append(url)
    return out


# ------------------------------------------------------------------------------ Markdown


def check_markdown(text: str, report: Report) -> list[Token]:
    """No HTML, no scheme but the report's http(s) links, tables and fences whole."""
    tokens = PARSER.parse(text)
    hrefs = []
    for token in _all_tokens(tokens):
        assert token.type not in ("html_block", "code_block"), token
        if token.type == "html_inline":
            assert token.content == "<br>", token.content
        if token.type == "link_open":
            hrefs.append(unquote(str(token.attrs["href"])))
        if token.type == "fence":
            assert token.info == "text", token.info
    assert hrefs == [unquote(u) for u in link_targets(report)]
    html = PARSER.renderer.render(tokens, PARSER.options, {})
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert not re.search(r"<[^>]+\son\w+=", lowered)
    assert set(re.findall(r"</?([a-z][a-z0-9]*)", html)) <= TAGS
    check_tables(text, tokens)
    assert not HIDDEN.search(text.replace("\n", ""))
    assert not autolinked(text), autolinked(text)
    return tokens


def check_tables(text: str, tokens: list[Token]) -> None:
    """Every line outside a fence that starts with ``|`` is a row of a table, and every row of
    a table has its table's cell count."""
    lines = text.splitlines()
    rows, fenced = 0, 0
    for token in tokens:
        assert token.map is not None or token.level > 0 or token.type.endswith("_close")
        if token.type == "table_open" and token.map is not None:
            start, end = token.map
            widths = {len(escapedSplit(line.strip().strip("|"))) for line in lines[start:end]}
            assert len(widths) == 1, lines[start:end]
            rows += end - start
        if token.type == "fence" and token.map is not None:
            start, end = token.map
            fenced += sum(1 for line in lines[start:end] if line.startswith("|"))
    assert rows == sum(1 for line in lines if line.startswith("|")) - fenced


def _shape(tokens: list[Token]) -> list[str]:
    """The blocks a document opens, in order."""
    kinds = {"heading_open", "paragraph_open", "blockquote_open", "bullet_list_open"}
    kinds |= {"table_open", "fence"}
    return [t.type for t in tokens if t.type in kinds and t.level == 0]


def test_every_block_kind_is_written_once_in_its_place() -> None:
    report = hostile_report(Texts(["plain", "text"]))
    tokens = check_markdown(to_markdown.document(report), report)
    assert _shape(tokens) == [
        "heading_open",  # title
        "paragraph_open",
        "blockquote_open",  # note
        "heading_open",
        "bullet_list_open",  # bullets
        "bullet_list_open",  # the facts after them: a list of their own, not the last item's
        "paragraph_open",
        "bullet_list_open",  # facts after a paragraph: a list of their own
        "paragraph_open",  # the table's title
        "table_open",
        "heading_open",
        "paragraph_open",  # the chart's title
        "fence",
        "bullet_list_open",  # the bars' names
        "paragraph_open",  # its legend
        "paragraph_open",  # the line chart's title
        "table_open",
        "paragraph_open",  # its legend
    ]
    after_bullets = [t for t in tokens if t.type == "bullet_list_open" and t.markup == "*"]
    assert after_bullets and all(t.level == 0 for t in after_bullets)  # no bullet's children


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=5))
@example(HOSTILE)
@example(["www.x.com"])
@example(["`"])
def test_hostile_text_stays_text_in_markdown(drawn: list[str]) -> None:
    report = hostile_report(Texts(drawn))
    text = to_markdown.document(report)
    check_markdown(text, report)
    for shown in numbers_of(report):
        assert shown in text


def test_markdown_shows_every_fact_and_aligns_numbers() -> None:
    facts = tuple(Fact(f"fact {n}", f"line {n}", f"a.b[{n}]", "S", n) for n in range(1, 9))
    table = Table(
        (Column("Code", "code"), Column("Gain", "number"), Column("Range", "bounds")),
        ((inline(Span("A1", "code")), inline("+1.5"), inline("1.0–2.0")),),
    )
    text = to_markdown.document(Report("t", "en", (Facts(facts, brief=2), table)))
    for n in range(1, 9):
        assert f"- S — fact {n} (line {n}, `a.b[{n}]`)" in text
    assert "(+" not in text
    rule = next(line for line in text.splitlines() if line.startswith("|-"))
    assert [cell.endswith(":") for cell in rule.strip("|").split("|")] == [False, True, True]


def test_chart_text_is_the_terminals_bar() -> None:
    bar = Bar("D5", "Enclaves", 50.0, 25.0, 75.0, thin=True)
    text = to_markdown.document(Report("t", "en", (Chart("Scores", (bar,), "how to read"),)))
    expected = "█" * 10 + "▓" * 10 + "░" * 10 + "·" * 10
    assert f"D5  {expected}  50.0* 25.0–75.0" in text
    assert "- `D5` Enclaves" in text
    assert text.rstrip().endswith("how to read")


@pytest.fixture(scope="module")
def plan_inputs() -> tuple[planning.Plan, object]:
    loaded, _ = setup(None, None, None, False)
    scenario = SCENARIOS / "middle-reaches-2021.yaml"
    made = planning.make(assess_file(str(scenario), loaded, True, False), loaded, None)
    return made, loaded


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_in_markdown_is_its_report(plan_inputs: tuple, lang: str) -> None:
    made, rubric = plan_inputs
    written = as_markdown.FORMAT.plan(made, rubric, View(language=lang))  # type: ignore[arg-type]
    report = plan_report.build(made, rubric, Words(lang))  # type: ignore[arg-type]
    assert written == to_markdown.document(report)
    check_markdown(written, report)
    for step in made.steps:
        assert f"`{step.code}`" in written
        assert numbers.gain(step.score_gain) in written
