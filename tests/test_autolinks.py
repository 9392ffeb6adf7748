"""No link in a Markdown report that the reader did not ask for, and cited URLs as given.

File text never becomes a link, whatever a renderer's autolink rules (GitHub's extended
autolinks, linkify); a source's URL is a link exactly when the HTML report would link it
(``escaping.web_url``, the one predicate), written so that it is followed as it is written.
"""

from __future__ import annotations

from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st

from coopscore.core.engine import assess
from coopscore.formats import as_markdown
from coopscore.formats.escaping import markdown_web_link, web_url
from coopscore.model.rubric import Rubric

from .conftest import SCENARIOS, scenario_from
from .test_escaping import LINKIFY, autolinked

_HOSTS = st.sampled_from(["example.org", "tjj.hunan.gov.cn", "evil.example", "x", "例子.cn"])
_PATHS = st.lists(
    st.sampled_from(["a_b", "(c)", "d e", "f&amp;g", "h&i", "%41", "\\j", "<k>", "~l", "m*n"]),
    max_size=3,
).map("/".join)


@st.composite
def urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", "mailto", ""]))
    user = draw(st.sampled_from(["", "trusted.example@", "u:p@"]))
    port = draw(st.sampled_from(["", ":8080", ":99999", ":x"]))
    lead = f"{scheme}://" if scheme else draw(st.sampled_from(["", "//", "www."]))
    return f"{lead}{user}{draw(_HOSTS)}{port}/{draw(_PATHS)}"


def _links(text: str) -> list[str]:
    return [
        str(child.attrs["href"])
        for token in LINKIFY.parse(text)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]


def _link_texts(text: str) -> list[str]:
    """What each link shows, as a reader selects and copies it."""
    shown: list[str] = []
    for token in LINKIFY.parse(text):
        inside = None
        for child in token.children or []:
            if child.type == "link_open":
                inside = []
            elif child.type == "link_close" and inside is not None:
                shown.append("".join(inside))
                inside = None
            elif inside is not None:
                inside.append(child.content)
    return shown


@settings(max_examples=150, deadline=None)
@given(urls())
def test_a_cited_url_is_linked_exactly_when_the_html_report_links_it(url: str) -> None:
    text = markdown_web_link(url)
    links = _links(f"- source: {text}")
    target = web_url(url)
    if target is None:
        assert links == [], (url, text)
    else:
        assert len(links) == 1 and unquote(links[0]) == unquote(target), (url, text, links)
        assert _link_texts(f"- source: {text}") == [url]  # copied from the page, it is the URL
        assert "\\" not in text[text.index("](") :]  # no backslash escape in the target
    assert not autolinked(f"- source: {text}")


def test_the_sources_of_a_report_link_only_followable_urls(rubric: Rubric) -> None:
    sources = {
        "good": {"title": "www.example.org/x", "url": "https://example.org/a_b(c)?d=1&e=2"},
        "user": {"title": "mail@example.com", "url": "https://trusted.example@evil.example/"},
        "port": {"title": "t", "url": "http://example.org:99999/"},
        "text": {"title": "t", "url": "see https://example.org"},
    }
    text = as_markdown.document(assess(scenario_from({"sources": sources}), rubric), "en")
    assert _links(text) == ["https://example.org/a_b(c)?d=1&e=2"]
    assert not autolinked(text)


def test_the_bundled_census_url_is_followed_as_written(rubric: Rubric) -> None:
    from coopscore.model.loader import parse_scenario

    path = SCENARIOS / "middle-reaches-2021.yaml"
    loaded = parse_scenario(str(path), path.read_text(encoding="utf-8"))
    text = as_markdown.document(assess(loaded, rubric), "en")
    cited = [str(s["url"]) for s in loaded.data["sources"].values() if s.get("url")]
    assert any("_" in url for url in cited)
    assert sorted(_links(text)) == sorted(u for u in cited if web_url(u))
    assert not autolinked(text)
