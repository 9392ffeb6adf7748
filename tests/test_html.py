"""The HTML report and index: well-formed, self-contained, escaped, and saying what the
assessment's report says (``report.assessment``, drawn by ``formats.to_html``), in both
languages."""

from __future__ import annotations

import itertools
import json
import pickle
import re
from collections.abc import Iterator
from html import escape as escape_html
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import html5lib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coopscore import __version__
from coopscore.cli.app import app
from coopscore.core.assessment import Assessment
from coopscore.core.engine import assess
from coopscore.formats import as_html, registry, to_html
from coopscore.formats.escaping import web_url
from coopscore.model.loader import parse_scenario
from coopscore.model.rubric import Rubric, parse_rubric
from coopscore.pipeline.inputs import read_rubric, read_scenario
from coopscore.report import assessment as assessment_report
from coopscore.report import numbers
from coopscore.report.i18n import LANGS, Lang, label, pick
from coopscore.report.notes import cited_lines, score_formula
from coopscore.report.summary import Summary
from coopscore.report.words import Words

from .conftest import RUBRICS, SCENARIOS, scenario_from
from .test_escaping import HIDDEN, NASTY, TEXT
from .test_output_safety import Texts, hostile_rubric, hostile_scenario, load
from .test_startup import RUN_AND_REPORT, _python

runner = CliRunner()
MR = SCENARIOS / "middle-reaches-2021.yaml"
# Elements HTML closes by itself; every other element must be closed explicitly, in order.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
# Attributes that make a browser fetch or follow something.
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "cite"}
URL_ATTRIBUTES |= {"background", "ping", "xlink:href", "manifest", "longdesc", "usemap"}
# Elements that would run, embed or fetch something; none of them belongs in a report.
FORBIDDEN = {"script", "iframe", "frame", "object", "embed", "link", "img", "base", "form"}
FORBIDDEN |= {"image", "use", "foreignobject", "audio", "video", "source", "input", "noscript"}


# ------------------------------------------------------------------------------ checkers


class Nesting(HTMLParser):
    """Every element opened is closed explicitly, innermost first (stricter than HTML, which
    lets ``</li>`` or ``</p>`` be implied)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.problems.append(f"<{tag}/> self-closed")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"</{tag}> closes a void element")
        elif not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def nested(text: str) -> None:
    checker = Nesting()
    checker.feed(text)
    checker.close()
    assert not checker.problems, checker.problems[:5]
    assert not checker.open, checker.open


def parse(text: str) -> Element:
    """The document as a tree; any parse error of the HTML standard fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(text)
    return tree


def _tag(e: Element) -> str:
    return str(e.tag).rsplit("}", 1)[-1].lower()


def elements(tree: Element) -> Iterator[Element]:
    yield from tree.iter()


def text_of(e: Element) -> str:
    return " ".join("".join(e.itertext()).split())


def links(tree: Element) -> list[str]:
    return [
        value
        for e in elements(tree)
        for name, value in e.attrib.items()
        if name.rsplit("}", 1)[-1].lower() in URL_ATTRIBUTES or name.lower().endswith("href")
    ]


def check_page(text: str, allowed: set[str] = frozenset(), relative: bool = False) -> Element:
    """A strict, self-contained page: no script or handler, no fetch, links only as allowed.

    ``allowed`` are the absolute URLs a page may link; in-page ``#anchors`` must name an id of
    the page; ``relative`` admits relative links to files beside it (the index).
    """
    assert text.startswith("<!DOCTYPE html>\n")
    nested(text)
    tree = parse(text)
    ids = [e.get("id") for e in elements(tree) if e.get("id") is not None]
    assert len(ids) == len(set(ids)), "ids repeat"
    for e in elements(tree):
        tag = _tag(e)
        assert tag not in FORBIDDEN, tag
        for name in e.attrib:
            plain = name.rsplit("}", 1)[-1].lower()
            assert not plain.startswith("on"), (tag, name)
            assert plain != "style", tag  # style lives in the one style sheet
        if tag == "meta":
            assert "http-equiv" not in e.attrib
        if tag == "style":
            sheet = (e.text or "").lower()
            assert "url(" not in sheet and "@import" not in sheet and "@font-face" not in sheet
    for href in links(tree):
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif relative and not re.match(r"[a-z][a-z0-9+.-]*:|//", href, re.I):
            continue
        else:
            assert href in allowed, href
    # No attribute holds a script or data URL; a cell's data-label is its column's title, shown
    # as text by the style sheet on a narrow screen (never followed), so it may hold any text.
    values = [v.lower() for e in elements(tree) for k, v in e.attrib.items() if k != "data-label"]
    assert not any("javascript:" in v or "data:" in v for v in values)
    for e in elements(tree):
        if "data-label" in e.attrib:
            assert _tag(e) == "td", e.attrib
    assert not HIDDEN.search(text.replace("\n", ""))
    return tree


def cited_urls(a: Assessment) -> set[str]:
    return {u for s in a.sources.values() if (u := web_url(s.get("url"))) is not None}


def by_id(tree: Element, wanted: str) -> Element:
    found = [e for e in elements(tree) if e.get("id") == wanted]
    assert len(found) == 1, wanted
    return found[0]


_HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.S)


def _plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def part(page: str, heading: str) -> str:
    """The text of a page's part: the first heading whose text or id starts with ``heading``,
    and all that follows it up to the next heading of its level or above."""
    found = [
        (m.start(), int(m.group(1)))
        for m in _HEADING.finditer(page)
        if _plain(m.group(3)).startswith(heading) or f'id="{heading}"' in m.group(2)
    ]
    assert found, heading
    start, level = found[0]
    end = next(
        (m.start() for m in _HEADING.finditer(page, start + 1) if int(m.group(1)) <= level),
        len(page),
    )
    return _plain(page[start:end])


def table_rows(tree: Element, caption: str) -> list[list[str]]:
    """The rows of the table with this caption (its header row first), as the cells' text."""
    found = [
        e
        for e in elements(tree)
        if _tag(e) == "table" and any(_tag(c) == "caption" and text_of(c) == caption for c in e)
    ]
    assert len(found) == 1, caption
    return [[text_of(c) for c in tr] for tr in found[0].iter() if _tag(tr) == "tr"]


# ------------------------------------------------------------------------------ the report


@pytest.fixture(scope="module")
def mr(rubric: Rubric) -> Assessment:
    return assess(read_scenario(str(MR)), rubric)


@pytest.mark.parametrize("lang", LANGS)
def test_the_bundled_report_names_every_gap_and_recommendation(mr: Assessment, lang: Lang) -> None:
    page = as_html.render(mr, lang)
    tree = check_page(page, cited_urls(mr))
    root = tree if _tag(tree) == "html" else next(e for e in elements(tree) if _tag(e) == "html")
    assert root.get("lang") == as_html.HTML_LANG[lang]
    assert mr.gaps and mr.recommendations
    gap_table = table_rows(tree, label("gaps", lang))
    assert [row[0] for row in gap_table[1:]] == [g.spec.code for g in mr.gaps]
    for g, row in zip(mr.gaps, gap_table[1:], strict=True):
        lines = row[-1]  # the first lines its facts stand on, then how many more
        assert all(line in lines for line in cited_lines(g.evidence)[:3])
        shown = part(page, f"h-gap-{g.spec.code}")
        assert g.spec.code in shown
        for e in g.evidence:  # every evidence item, with its line
            assert label("at_line", lang, line=e.line) in shown
        assert pick(g.spec.rationale, lang) in shown and pick(g.spec.yrd_practice, lang) in shown
    for rec in mr.recommendations:
        assert rec.spec.id in part(page, f"h-rec-{rec.spec.id}")
    body = text_of(tree)
    assert mr.score is not None and mr.score_bounds is not None
    low, high = (numbers.score(b) for b in mr.score_bounds)
    assert f"{numbers.score(mr.score)} ({low}–{high})" in body
    for heading in ("dimensions", "gaps", "by_dimension", "recommendations", "sources"):
        assert label(heading, lang) in body
    assert score_formula(mr, lang) in part(page, label("how_scored", lang))
    for u in mr.unknowns:
        assert u.spec.code in part(page, label("data_gaps", lang))


def test_the_chinese_page_is_marked_and_headed_in_chinese(mr: Assessment) -> None:
    page = as_html.render(mr, "zh")
    assert '<html lang="zh-Hans">' in page
    tree = check_page(page, cited_urls(mr))
    headings = [text_of(e) for e in elements(tree) if _tag(e) == "h2"]
    assert "概要" in headings and "分维度短板" in headings
    assert all(re.search("[\u4e00-\u9fff]", h) for h in headings)
    assert pick(mr.scenario_name, "zh") in text_of(
        next(e for e in elements(tree) if _tag(e) == "h1")
    )
    assert "How the score" not in page and "Why it matters" not in page


def test_only_the_cited_http_sources_are_linked(mr: Assessment) -> None:
    tree = check_page(as_html.render(mr, "en"), cited_urls(mr))
    external = [h for h in links(tree) if not h.startswith("#")]
    assert external == sorted(cited_urls(mr))  # the Hunan census bulletin, once
    assert external == [
        "http://tjj.hunan.gov.cn/hntj/tjfx/tjgb/pcgbv/202105/t20210519_19050124.html"
    ]


def test_the_header_gives_the_provenance(mr: Assessment) -> None:
    page = as_html.render(mr, "en")
    tree = check_page(page, cited_urls(mr))
    header = text_of(next(e for e in elements(tree) if _tag(e) == "p"))  # just under the title
    assert f"coopscore {__version__}" in header and mr.shown_file in header
    assert mr.rubric.id in header and mr.rubric.version in header
    assert mr.rubric.digest[:12] in header and mr.rubric.digest not in header
    assert label("prov_modified", "en") not in page  # the bundled rubric


def test_a_modified_rubric_is_marked(rubric: Rubric) -> None:
    text = (RUBRICS / "yrd-lessons.yaml").read_text("utf-8") + "\n# a local change\n"
    changed = parse_rubric("my-rubric.yaml", text)
    a = assess(read_scenario(str(MR)), changed)
    assert not a.rubric.bundled
    page = as_html.render(a, "en")
    tree = check_page(page, cited_urls(a))
    marked = [e for e in elements(tree) if e.get("class") == "mark-bad"]
    assert len(marked) == 1 and text_of(marked[0]) == label("prov_modified", "en")
    said = next(e for e in elements(tree) if _tag(e) == "p" and marked[0] in list(e))
    assert "my-rubric.yaml" in text_of(said)


def test_a_copy_of_the_bundled_rubric_is_the_bundled_rubric(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text((RUBRICS / "yrd-lessons.yaml").read_text("utf-8"), "utf-8")
    assert read_rubric().bundled and read_rubric(str(copy)).bundled
    copy.write_text(copy.read_text("utf-8") + "\n# changed\n", "utf-8")
    assert not read_rubric(str(copy)).bundled


def test_the_command_line_writes_a_page(tmp_path: Path) -> None:
    out = tmp_path / "mr.html"
    done = runner.invoke(
        app, ["assess", "example:middle-reaches-2021", "--format", "html", "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    page = out.read_text("utf-8")
    check_page(
        page, {"http://tjj.hunan.gov.cn/hntj/tjfx/tjgb/pcgbv/202105/t20210519_19050124.html"}
    )
    assert '<meta charset="utf-8">' in page and "<script" not in page.lower()


# ------------------------------------------------------------------------------ the charts


def _svgs(tree: Element) -> dict[str, Element]:
    return {str(e.get("aria-labelledby")).split()[0]: e for e in elements(tree) if _tag(e) == "svg"}


def test_every_chart_has_a_text_alternative_and_a_table(mr: Assessment) -> None:
    page = as_html.render(mr, "en")
    tree = check_page(page, cited_urls(mr))
    svgs = _svgs(tree)
    assert len(svgs) == 1  # the dimensions' bars; every other series is a table
    for svg in svgs.values():
        assert svg.get("role") == "img"
        for part_id in svg.get("aria-labelledby", "").split():
            assert text_of(by_id(tree, part_id))
    (svg,) = svgs.values()
    rows = [e for e in svg.iter() if _tag(e) == "g" and "row" in (e.get("class") or "")]
    assert len(rows) == len(mr.dimensions)  # one bar each, with its bounds
    dimension_table = table_rows(tree, label("dimensions", "en"))
    for d, row in zip(mr.dimensions, dimension_table[1:], strict=True):
        assert row[0] == d.spec.id and numbers.bounds(d.score_bounds) in row
    recommendations = table_rows(tree, label("recommendations", "en"))
    for r, row in zip(mr.recommendations, recommendations[1:], strict=True):
        assert row[0] == r.spec.id and f"{r.priority:g}" in row
    years, values = mr.diagnostics[0].chart_series()
    series = part(page, "P1")
    assert all(str(y) in series for y in years)
    assert all(f"{v:g}" in series for v in values if v is not None)


def test_an_unscored_dimension_shows_its_bounds_only(rubric: Rubric) -> None:
    small = Path(__file__).parent / "data" / "small.yaml"
    a = assess(parse_scenario("small.yaml", small.read_text("utf-8")), rubric)
    unscored = [d for d in a.dimensions if d.score is None]
    assert unscored and a.score is None
    tree = check_page(as_html.render(a, "en"), cited_urls(a))
    (svg,) = _svgs(tree).values()
    points = [e for e in svg.iter() if _tag(e) == "line" and e.get("class") == "point"]
    assert len(points) == len(a.dimensions) - len(unscored)  # no point where none is scored
    caps = [e for e in svg.iter() if _tag(e) == "line" and e.get("class") == "whisker"]
    assert len(caps) == 3 * len(a.dimensions)  # a whisker and two caps each
    values = [text_of(e) for e in svg.iter() if _tag(e) == "text" and e.get("class") == "value"]
    for d, shown in zip(a.dimensions, values, strict=True):
        if d.score is None:
            assert shown.endswith(numbers.bounds(d.score_bounds))
            assert not shown.startswith(tuple("0123456789"))  # no number for the point
    assert "withheld" in text_of(tree)


def test_a_missing_year_is_shown_missing_never_zero() -> None:
    years = [2014, 2015, 2016, 2017, 2018, 2019, 2020]
    activity = [{"year": y, "events": 3} for y in years if y != 2016]
    a = assess(scenario_from({"activity": activity}), read_rubric())
    p1 = next(d for d in a.diagnostics if d.id == "P1")
    assert (2016, None) in p1.series
    page = as_html.render(a, "en")
    body = text_of(check_page(page, cited_urls(a)))
    assert "2016: —" in body and "2017: 3" in body and "2016: 0" not in body
    assert "(not 0): 2016" in body


@pytest.mark.parametrize("lang", LANGS)
def test_chart_labels_are_whole(mr: Assessment, lang: Lang) -> None:
    report = assessment_report.build(mr, Words(lang))
    tree = check_page(to_html.document(report), cited_urls(mr))
    (svg,) = _svgs(tree).values()
    rows = [e for e in svg.iter() if _tag(e) == "g" and "row" in (e.get("class") or "")]
    for d, row in zip(mr.dimensions, rows, strict=True):
        shown = [text_of(e) for e in row if _tag(e) == "text" and e.get("class") == "label"]
        assert "".join(shown) == d.spec.id  # the bar's label, never cut
    legend = next(e for e in elements(tree) if _tag(e) == "table" and e.get("class") == "legend")
    for d in mr.dimensions:  # the names beside it, whole
        assert pick(d.spec.name, lang) in text_of(legend)


# ------------------------------------------------------------------------------ hostile text

HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=1>']


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_scenario_name_is_shown_escaped(name: str, rubric: Rubric) -> None:
    a = assess(
        scenario_from(
            {
                "name": {"en": name, "zh": name},
                "sources": {
                    "evil": {"title": name, "url": "javascript:alert(1)"},
                    "quote": {"title": "q", "url": 'http://example.org/" onmouseover="x'},
                    "fine": {"title": "f", "url": "https://example.org/a?b=1&c=2"},
                },
            },
            name=name + ".yaml",
        ),
        rubric,
    )
    for lang in LANGS:
        page = as_html.render(a, lang)
        tree = check_page(page, {"https://example.org/a?b=1&c=2"})
        assert name in text_of(next(e for e in elements(tree) if _tag(e) == "h1"))
        assert name in text_of(next(e for e in elements(tree) if _tag(e) == "title"))
        assert name not in page  # only ever as entities
        assert [h for h in links(tree) if not h.startswith("#")] == [
            "https://example.org/a?b=1&c=2"
        ]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.lists(TEXT, min_size=1, max_size=6), TEXT)
@example(NASTY, "<script>x</script>`\x1b[2J|\u2028")
@example(['"><img src=x onerror=1>'], "</title><script>")
def test_hostile_text_anywhere_stays_text(drawn: list[str], file_name: str) -> None:
    texts = Texts(drawn)
    scenario, rubric = load(hostile_scenario(texts), hostile_rubric(texts), file_name + ".yaml")
    a = assess(scenario, rubric)
    for lang in LANGS:
        check_page(as_html.render(a, lang), cited_urls(a))
    row = Summary.of(a, "en", report=f"{a.scenario_id}.html")
    dimensions = [d.spec.id for d in a.dimensions]
    index = as_html.index([row], [(file_name, texts())], "en", dimensions)
    check_page(index, relative=True)


# ------------------------------------------------------------------------------ the batch


@pytest.mark.parametrize("lang", LANGS)
def test_a_batch_writes_a_page_per_scenario_and_an_index(tmp_path: Path, lang: Lang) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nas_of: [\n", "utf-8")
    out = tmp_path / "reports"
    done = runner.invoke(
        app,
        ["batch", str(SCENARIOS), str(broken), "-f", "html", "-d", str(out), "--lang", lang],
    )
    assert done.exit_code == 2, done.output  # the broken file
    pages = sorted(p.name for p in out.glob("*.html") if p.name != "index.html")
    assert pages == sorted(f"{p.stem}.html" for p in SCENARIOS.glob("*.yaml"))
    index = check_page((out / "index.html").read_text("utf-8"), relative=True)
    linked = sorted({h for h in links(index)})
    assert linked == pages
    body = text_of(index)
    assert label("failed_inputs", lang) in body and "broken.yaml" in body
    assert label("matrix", lang) in body and label("rank_range", lang) in body
    path_cell = r'<(?:td|th scope="row") class="path"[^>]*>(.*?)</t[dh]>'
    cells = re.findall(path_cell, (out / "index.html").read_text("utf-8"))
    assert len(cells) == len(pages) + 1  # each scenario's file and the broken one
    for cell in cells:  # a path folds only after a / or before a ., never inside a name
        pieces = [_plain(piece) for piece in cell.split("<wbr>")]
        assert len(pieces) > 1
        for before, after in itertools.pairwise(pieces):
            assert before.endswith("/") or after.startswith("."), (before, after)
    rubric = read_rubric()
    for path in SCENARIOS.glob("*.yaml"):
        page = (out / f"{path.stem}.html").read_text("utf-8")
        assert f'<html lang="{as_html.HTML_LANG[lang]}">' in page
        a = assess(read_scenario(str(path)), rubric)
        check_page(page, cited_urls(a))


def test_pages_render_in_worker_processes() -> None:
    pages = registry.load("html", "batch").pages(registry.View("zh"), ["D1"])
    assert pages.suffix == ".html"
    render = pickle.loads(pickle.dumps(pages.render))
    a = assess(read_scenario(str(MR)), read_rubric())
    text, row = render(a)
    assert row.id == "middle-reaches-2021" and 'lang="zh-Hans"' in text


def _loaded(*arguments: str) -> list[str]:
    heavy = json.dumps(["jinja2", "markupsafe", "tabulate", "rich"])
    done = _python("-c", RUN_AND_REPORT, heavy, *arguments)
    report: dict[str, Any] = json.loads(done.stderr.splitlines()[-1])
    assert report["status"] in (None, 0), done.stderr
    loaded: list[str] = report["loaded"]
    return loaded


def test_only_the_html_format_imports_jinja2() -> None:
    assert _loaded("assess", str(MR), "-f", "json", "-o", "-") == []
    # The writer measures a label's cells itself (formats.fitting): no terminal library.
    assert _loaded("assess", str(MR), "-f", "html", "-o", "-") == ["jinja2", "markupsafe"]


def test_the_page_opens_with_the_executive_summary() -> None:
    from coopscore.cli.steps import load_rubric
    from coopscore.pipeline import scoring
    from coopscore.report import briefing

    result = runner.invoke(app, ["assess", "example:middle-reaches-2021", "-f", "html"])
    assert result.exit_code == 0
    page = result.stdout
    assert page.index(f"<h2>{label('summary', 'en')}</h2>") < page.index(">Dimensions</caption>")
    outcome = scoring.score("example:middle-reaches-2021", load_rubric(None, False))
    assert isinstance(outcome, scoring.Scored)
    brief = briefing.summary(outcome.assessment, "en")
    assert escape_html(brief.standing, quote=False) in page
    for line in brief.find_out[:2]:
        assert escape_html(line, quote=False) in page


@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_page_keeps_each_heading_with_what_follows(mr: Assessment, lang: Lang) -> None:
    page = as_html.render(mr, lang)
    sheet = page[page.index("@media print") : page.index("</style>")]
    assert re.search(r"h1, h2, h3, h4, h5, h6[^{]*\{[^}]*break-after: avoid", sheet)
    assert "break-before: page" not in page and "page-break-before: always" not in page
    tree = check_page(page, cited_urls(mr))
    main = next(e for e in elements(tree) if _tag(e) == "main")
    children = list(main)
    headings = 0
    for n, e in enumerate(children):
        if re.fullmatch("h[1-6]", _tag(e)):
            headings += 1  # alone only before a table, which may run over pages
            follows = (children[n + 1].get("class") or "").split() if n + 1 < len(children) else []
            assert "table" in follows, text_of(e)
        elif e.get("class") == "keep":  # a heading and the short block it moves with
            inner = [_tag(c) for c in e]
            headings += sum(1 for t in inner if re.fullmatch("h[1-6]", t))
            assert re.fullmatch("h[1-6]", inner[0]) and not re.fullmatch("h[1-6]", inner[-1])
    assert headings == sum(1 for e in elements(tree) if re.fullmatch("h[1-6]", _tag(e)))


def test_on_a_narrow_screen_each_cell_is_named_by_its_column(mr: Assessment) -> None:
    """Rows stand one under another below 600 px, each cell labelled with its column's title."""
    page = as_html.render(mr, "zh")
    tree = check_page(page, cited_urls(mr))
    boxes = [
        e for e in elements(tree) if _tag(e) == "div" and "table" in (e.get("class") or "").split()
    ]
    tables = [t for box in boxes for t in box if _tag(t) == "table"]
    assert len(tables) >= 3  # dimensions, gaps, recommendations
    for table in tables:
        heads = [text_of(e) for e in table.iter() if _tag(e) == "th" and e.get("scope") == "col"]
        for tr in (e for e in table.iter() if _tag(e) == "tr"):
            cells = [c for c in tr if _tag(c) in ("td", "th")]
            if cells and cells[0].get("scope") == "col":
                continue
            labels = [c.get("data-label") for c in cells[1:]]
            assert labels == heads[1:], (labels, heads)
    assert "@media screen and (max-width: 600px)" in page and "attr(data-label)" in page
    assert "overflow-wrap: anywhere" in page  # a long address wraps rather than widen the page
