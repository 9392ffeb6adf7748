"""Every registered format renders every subject it lists with hostile text in every field, and
passes the checks of its kind. The formats and their subjects are read from the registry, so a
new format cannot skip this test: it fails until the format has a checker below."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from coopscore.contract.read import compare
from coopscore.contract.write import record
from coopscore.core import plan as planning
from coopscore.core import sensitivity as sens
from coopscore.core.agreement import agree
from coopscore.core.assessment import Assessment
from coopscore.core.engine import assess
from coopscore.core.trend import trend
from coopscore.errors import Problem
from coopscore.formats import registry
from coopscore.formats.escaping import web_url
from coopscore.formats.registry import Entry, Subject, View
from coopscore.model.rubric import Rubric

from .test_escaping import HIDDEN, NASTY, TEXT, strict
from .test_html import check_page
from .test_output_safety import (
    SMALL,
    Texts,
    check_markdown,
    hostile_rubric,
    hostile_scenario,
    load,
)


def check_table(text: str) -> None:
    assert not HIDDEN.search(text.replace("\n", ""))


def check_json(text: str) -> None:
    strict(text)
    assert not HIDDEN.search(text.replace("\n", ""))


def check_jsonl(text: str) -> None:
    for line in text.splitlines():
        check_json(line)


def check_csv(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    assert len({len(row) for row in rows}) == 1, "every row has the header's cells"
    for row in rows[1:]:
        for cell in row:
            assert not HIDDEN.search(cell)
            assert not cell.startswith(("=", "@", "\t", "\r")), cell
            if cell.startswith(("+", "-")):
                float(cell)  # only a number may start with a sign


# The web addresses the hostile texts hold: an HTML page may link those and no other.
LINKABLE: set[str] = set()


def check_html(text: str) -> None:
    check_page(text, frozenset(LINKABLE), relative=True)


CHECKS: dict[str, Callable[[str], None]] = {
    "table": check_table,
    "json": check_json,
    "jsonl": check_jsonl,
    "csv": check_csv,
    "markdown": check_markdown,
    "html": check_html,
}


def test_every_registered_format_has_a_check() -> None:
    assert {e.name for e in registry.FORMATS} <= set(CHECKS)


class Subjects:
    """Each subject made from one hostile assessment (and the small scenario beside it)."""

    def __init__(self, a: Assessment, rubric: Rubric, texts: Texts) -> None:
        self.a, self.rubric, self.texts = a, rubric, texts
        self.other = assess(SMALL, rubric)

    def render(self, entry: Entry, subject: Subject, view: View) -> str:
        fmt = entry.load()
        a, rubric = self.a, self.rubric
        dims = [d.spec.id for d in a.dimensions]
        if subject == "assessment":
            return fmt.assessment(a, view)
        if subject == "plan":
            return fmt.plan(planning.make(a, rubric, None), rubric, view)
        if subject == "compare":
            return fmt.compare(compare(record(self.other, "en"), record(a, "en")), view)
        if subject == "sensitivity":
            scores = tuple(d.score for d in a.dimensions)
            entries = [sens.Entry(a.scenario_id, scores), sens.Entry(self.texts(), scores)]
            weights = [d.weight for d in rubric.dimensions]
            return fmt.sensitivity(sens.run(entries, weights, runs=5), view)
        if subject == "agreement":
            twin = a._replace(file=self.texts() + ".yaml")
            return fmt.agreement(agree([a, twin]), view)
        if subject == "trend":
            later = a._replace(as_of=(a.as_of or 2020) + 3, file=self.texts())
            return fmt.trend(trend([a, later], force=True), view)
        if subject == "batch":
            return self.batch(entry, fmt, view, dims)
        raise AssertionError(f"no case for the subject {subject!r}")

    def batch(self, entry: Entry, fmt: registry.Format, view: View, dims: list[str]) -> str:
        failed = (self.texts() + ".yaml", self.texts())
        if entry.folder:
            pages = fmt.pages(view, dims)
            page, row = pages.render(self.a)
            CHECKS[entry.name](page)
            return pages.index([row], [failed])
        out = io.StringIO()
        writer = fmt.batch(out, view, dims)
        writer.add(writer.render(self.a))
        writer.fail(failed[0], failed[1], (Problem(failed[0], failed[1]),))
        writer.close()
        return out.getvalue()


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.lists(TEXT, min_size=1, max_size=6), TEXT, st.sampled_from(["en", "zh"]))
@example(NASTY, "<script>x</script>`\x1b[2J|\u2028", "en")
@example(["=1+1", "[x](javascript:alert(1))", "www.example.com"], "-2+3", "zh")
def test_every_format_renders_every_subject_safely(
    drawn: list[str], file_name: str, lang: Any
) -> None:
    texts = Texts(drawn)
    LINKABLE.clear()
    LINKABLE.update(url for u in drawn if (url := web_url(u)) is not None)
    scenario, rubric = load(hostile_scenario(texts), hostile_rubric(texts), file_name + ".yaml")
    a = assess(scenario, rubric)
    a = a._replace(source_lines=tuple(texts() for _ in range(600)))
    subjects = Subjects(a, rubric, texts)
    for entry in registry.FORMATS:
        for subject in sorted(entry.renders):
            text = subjects.render(entry, subject, View(language=lang))
            CHECKS[entry.name](text)
            if entry.draws and subject != "batch":  # drawn on a terminal as well
                console = Console(file=io.StringIO(), width=80, force_terminal=True, record=True)
                subjects.render(entry, subject, View(language=lang, console=console))
                check_table(console.export_text())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_new_document_format_renders_every_subject_through_one_method(lang: Any) -> None:
    """A document format is one ``document`` method: every subject reaches it as a report."""
    from coopscore.formats.documents import DocumentFormat
    from coopscore.report.blocks import Report

    seen: list[Report] = []

    class Throwaway(DocumentFormat):
        def document(self, report: Report, view: View) -> str:
            seen.append(report)
            return json.dumps([type(b).__name__ for b in report.blocks])

    class ThrowawayEntry(Entry):
        def load(self) -> registry.Format:
            return Throwaway()

    entry = ThrowawayEntry("throwaway", __name__, frozenset(registry.SUBJECTS) - {"batch"})
    texts = Texts(["x"])
    scenario, rubric = load(hostile_scenario(texts), hostile_rubric(texts), "x.yaml")
    subjects = Subjects(assess(scenario, rubric), rubric, texts)
    for subject in sorted(entry.renders):
        assert json.loads(subjects.render(entry, subject, View(language=lang)))
    assert len(seen) == len(entry.renders)
    assert all(r.lang == lang and r.blocks for r in seen)
    for report in seen:  # an outline a reader can follow: no level is skipped
        from coopscore.report.blocks import Heading

        levels = [b.level for b in report.blocks if isinstance(b, Heading)]
        assert levels[:1] == [1], report.title
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (report.title, levels)
