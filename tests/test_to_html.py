"""The HTML writer of the report model: a strict, self-contained page for every block kind,
hostile text shown as text, only the report's http(s) links, every number and bound whole,
bar labels never cut, and a print style that keeps headings with what follows."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from coopscore.formats import to_html
from coopscore.formats.escaping import html_text
from coopscore.report.blocks import (
    Bar,
    Chart,
    Column,
    Heading,
    Paragraph,
    Report,
    Span,
    Table,
    inline,
)

from .test_escaping import TEXT
from .test_html import _tag, check_page, elements, links, text_of
from .test_output_safety import Texts
from .test_to_markdown import HOSTILE, hostile_report, link_targets, numbers_of


def check_html(page: str, report: Report) -> Element:
    """A strict, self-contained page (``test_html.check_page``) whose only links are the
    report's http(s) links; every table header scoped, every number and bound whole."""
    allowed = set(link_targets(report))
    tree = check_page(page, allowed)
    assert [h for h in links(tree) if not h.startswith("#")] == link_targets(report)
    root = next(e for e in elements(tree) if _tag(e) == "html")
    assert root.get("lang") == to_html.HTML_LANG.get(report.lang, report.lang)
    for e in elements(tree):
        if _tag(e) == "th":
            assert e.get("scope") in ("col", "row"), e.attrib
    shown = text_of(tree)
    for value in numbers_of(report):
        assert value in shown, value
    return tree


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=5), st.sampled_from(["en", "zh"]))
@example(HOSTILE, "en")
@example(["{{ 7*7 }}"], "zh")
def test_hostile_text_stays_text_in_html(drawn: list[str], lang: str) -> None:
    report = hostile_report(Texts(drawn), lang)
    page = to_html.document(report)
    tree = check_html(page, report)
    shown = text_of(tree)
    for text in drawn:  # every text shows as written (on one line, controls visible)
        written = " ".join(html_text(text).split())
        assert written in shown or not written, text


def test_every_block_kind_has_its_element() -> None:
    report = hostile_report(Texts(["plain", "text"]))
    tree = check_html(to_html.document(report), report)
    tags = [_tag(e) for e in elements(tree)]
    for tag in ("h1", "h2", "h3", "p", "ul", "table", "caption", "figure", "svg", "polygon"):
        assert tag in tags, tag
    notes = [e for e in elements(tree) if e.get("class") == "note"]
    assert len(notes) == 1
    evidence = [e for e in elements(tree) if e.get("class") == "evidence"]
    assert [len([li for li in e if _tag(li) == "li"]) for e in evidence] == [3, 1]
    quotes = [e for e in elements(tree) if e.get("class") == "quote"]
    assert len(quotes) == 2  # line 3 quoted once, line 9 once
    table = next(e for e in elements(tree) if _tag(e) == "table")
    heads = [e.get("class") for e in elements(table) if _tag(e) == "th" and e.get("scope") == "col"]
    assert heads == ["code", "number", "bounds", "name", "path", "prose"]
    thin = [e for e in elements(tree) if e.get("class") == "row thin"]
    assert len(thin) == 2


def test_bars_show_the_terminals_parts_and_their_names() -> None:
    bar = Bar("D5", "飞地合作与利益共享机制", 50.0, 25.0, 75.0, thin=True)
    report = Report("t", "zh", (Chart("得分", (bar,), "怎么读"),))
    tree = check_html(to_html.document(report), report)
    rects = {e.get("class"): e for e in elements(tree) if _tag(e) == "rect"}
    widths = {k: float(rects[k].get("width") or 0) for k in ("certain", "toward", "band")}
    track = float(rects["track"].get("width") or 0)
    assert widths == pytest.approx({"certain": track / 4, "toward": track / 4, "band": track / 4})
    legend = next(e for e in elements(tree) if e.get("class") == "legend" and _tag(e) == "table")
    assert "D5" in text_of(legend) and "飞地合作与利益共享机制" in text_of(legend)
    assert "50.0* 25.0–75.0" in text_of(legend)


@pytest.mark.parametrize(
    "label",
    [
        "D5",
        "Enclaves and the sharing of their gains between the members",
        "长江中游城市群城市经济协调会的成员与章程",
        "a_very_long_identifier_that_no_line_can_hold_whole_at_all",
    ],
)
def test_a_bar_label_wraps_and_is_never_cut(label: str) -> None:
    lines = to_html.label_lines(label)
    assert "".join(lines).replace(" ", "") == label.replace(" ", "")
    assert all(cell_len(line) <= to_html.LABEL_CELLS for line in lines)
    chart = to_html.bar_chart("c", Chart("", (Bar(label, "", 10.0),)))
    assert chart.rows[0].label_lines == lines


def test_the_print_style_keeps_headings_with_their_text() -> None:
    page = to_html.document(Report("t", "zh", (Heading(inline("h")), Paragraph(inline("p")))))
    sheet = page[page.index("@media print") :]
    for rule in ("break-after: avoid", "break-inside: avoid", "table-header-group"):
        assert rule in sheet, rule
    assert re.search(r"a\[href\]::after[^{]*\{ content: none", sheet)
    assert "chapter" not in page[page.index("</style>") :]  # no page forced to break
    assert 'html[lang|="zh"] th' in page and "word-break: keep-all" in page
    tree = check_page(page)
    keep = next(e for e in elements(tree) if e.get("class") == "keep")
    assert [_tag(e) for e in keep] == ["h2", "p"]  # the heading moves with its paragraph


def test_a_relative_link_leads_only_to_a_page_written_beside() -> None:
    spans = (
        Span("A", "link", target="a.html"),
        Span(" B", "link", target="b.html"),
        Span(" C", "link", target="javascript:alert(1)"),
        Span(" D", "link", target="//elsewhere.example/x.html"),
    )
    report = Report("t", "en", (Paragraph(spans),))
    pages = {"a.html", "javascript:alert(1)"}
    tree = check_page(to_html.document(report, pages=pages), relative=True)
    found = links(tree)
    assert found == ["a.html", "javascript%3Aalert%281%29"]  # a name, never a scheme
    assert text_of(tree).endswith("A B C D")  # the rest shown as text
    assert links(check_page(to_html.document(report), relative=True)) == []  # no pages, no links


@pytest.mark.parametrize(
    ("path", "pieces"),
    [
        ("scenarios/middle-reaches-2021.yaml", ["scenarios/", "middle-reaches-2021", ".yaml"]),
        ("a/b/c", ["a/", "b/", "c"]),
        ("institutions.decision[0].status", ["institutions", ".decision[0]", ".status"]),
        ("MOD001", ["MOD001"]),
    ],
)
def test_a_path_folds_only_between_its_pieces(path: str, pieces: list[str]) -> None:
    table = Table((Column("File", "path"), Column("n", "number")), ((inline(path), inline("1")),))
    page = to_html.document(Report("t", "en", (table,)))
    check_page(page)
    cell = re.search(r'<th scope="row" class="path">(.*?)</th>', page)
    assert cell is not None
    shown = [re.sub(r"<[^>]+>", "", piece) for piece in cell.group(1).split("<wbr>")]
    assert shown == pieces
    assert cell.group(1).count('<span class="fold">') == len(pieces)  # each kept whole
    # nothing breaks anywhere but a web address (a link's text, never a path or a code)
    style = re.sub(r"/\*.*?\*/", "", page, flags=re.DOTALL)
    rules = re.findall(r"([^{}]*)\{[^}]*overflow-wrap: anywhere", style)
    assert all(selector.strip().startswith("a.") for selector in rules), rules
