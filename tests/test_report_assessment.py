"""The assessment's report: built once, drawn at any width in either language, nothing cut."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.core.assessment import Assessment
from coopscore.formats import to_terminal
from coopscore.model.rubric import Rubric
from coopscore.pipeline.scoring import Scored, score
from coopscore.report import assessment, numbers
from coopscore.report.blocks import Chart, Facts, Heading, Table, plain_text
from coopscore.report.i18n import LABELS
from coopscore.report.words import Words

MR = "example:middle-reaches-2021"
runner = CliRunner()


@pytest.fixture(scope="module")
def mr(rubric: Rubric) -> Assessment:
    outcome = score(MR, rubric)
    assert isinstance(outcome, Scored)
    return outcome.assessment


def _whole(a: Assessment) -> set[str]:
    """Every code, number and bound of the assessment, as the report writes it."""
    out = {numbers.score(a.score), numbers.percent(a.coverage), numbers.bounds(a.score_bounds)}
    for d in a.dimensions:
        out |= {d.spec.id, numbers.score(d.score), numbers.bounds(d.score_bounds)}
        out.add(numbers.percent(d.coverage))
    out |= {g.spec.code for g in a.gaps} | {g.spec.slug for g in a.gaps}
    out |= {g.spec.section for g in a.gaps}
    out |= {r.spec.id for r in a.recommendations} | {f"{r.priority:g}" for r in a.recommendations}
    out |= {r.spec.code for r in a.unknowns} | {d.id for d in a.diagnostics}
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [40, 80, 120])
def test_every_line_fits_and_nothing_is_cut(mr: Assessment, lang: str, width: int) -> None:
    report = assessment.build(mr, Words(lang))  # type: ignore[arg-type]
    text = to_terminal.text(report, width, verbose=False)
    lines = text.splitlines()
    assert all(cell_len(line) <= width for line in lines), max(lines, key=cell_len)
    for item in _whole(mr):  # each stands whole on one line, never broken across two
        assert any(item in line for line in lines), (item, width, lang)


def test_a_chinese_report_has_a_chinese_word_for_every_label_it_uses(mr: Assessment) -> None:
    text = to_terminal.text(assessment.build(mr, Words("zh")), 120)
    for key in ("by_dimension", "summary", "chart_title", "data_gaps", "recommendations"):
        assert LABELS[key]["zh"] in text and LABELS[key]["en"] not in text


def test_the_report_holds_the_parts_in_order(mr: Assessment) -> None:
    report = assessment.build(mr, Words("en"))
    kinds = [type(b) for b in report.blocks]
    heads = [plain_text(b.text) for b in report.blocks if isinstance(b, Heading)]
    assert heads[0].startswith("Middle Reaches") and heads[1] == "Summary"
    order = ["Summary", "Gaps by dimension", "Diagnostics", "Data gaps"]
    places = [next(n for n, h in enumerate(heads) if h.startswith(o)) for o in order]
    assert places == sorted(places)
    table = kinds.index(Table)
    assert kinds[table + 1] is Chart  # the dimensions as numbers, then as bars
    chart = report.blocks[table + 1]
    assert isinstance(chart, Chart) and [b.label for b in chart.bars] == [
        d.spec.id for d in mr.dimensions
    ]
    assert all(b.thin == d.thin for b, d in zip(chart.bars, mr.dimensions, strict=True))


def test_facts_are_in_words_and_brief_unless_verbose(mr: Assessment) -> None:
    report = assessment.build(mr, Words("en"))
    facts = [b for b in report.blocks if isinstance(b, Facts)]
    assert len(facts) == len(mr.gaps)
    many = max(facts, key=lambda f: len(f.items))
    assert len(many.items) > many.brief
    assert all("len(" not in f.fact and " = " not in f.fact for b in facts for f in b.items)
    assert sum(1 for f in many.items if f.quote is not None) <= 1
    brief = to_terminal.text(report, 100, verbose=False)
    full = to_terminal.text(report, 100, verbose=True)
    hidden = len(many.items) - many.brief
    assert f"(+{hidden} more; -v shows all)" in brief and "-v shows all" not in full
    for item in many.items:
        assert item.where in full


def test_assess_shows_every_fact_with_verbose() -> None:
    env = {"COLUMNS": "100"}
    brief = runner.invoke(app, ["assess", MR], env=env)
    full = runner.invoke(app, ["assess", MR, "-v"], env=env)
    assert brief.exit_code == full.exit_code
    assert "-v shows all" in brief.output and "-v shows all" not in full.output
    assert len(full.output.splitlines()) > len(brief.output.splitlines())
    zh = runner.invoke(app, ["assess", MR, "--lang", "zh"], env=env).output
    assert "-v 显示全部" in zh


SPARSE = """\
schema_version: 1
id: sparse
as_of: 2021
members: [{id: a}, {id: b}]
institutions: {execution: []}
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_dimension_without_a_point_score_says_why_its_dash_stands(
    rubric: Rubric, mr: Assessment, lang: str
) -> None:
    from coopscore.pipeline.scoring import score as score_text

    outcome = score_text("sparse.yaml", rubric, text=SPARSE)
    assert isinstance(outcome, Scored)
    sparse = outcome.assessment
    unscored = [d.spec.id for d in sparse.dimensions if d.score is None]
    assert unscored  # nothing known of most dimensions
    note = LABELS["no_dimension_point_note"][lang]
    notes = {
        a.scenario_id: to_terminal.text(assessment.build(a, Words(lang)), 2000, verbose=False)  # type: ignore[arg-type]
        for a in (sparse, mr)
    }
    assert note in notes["sparse"]
    assert all(d.score is not None for d in mr.dimensions)
    assert note not in notes[mr.scenario_id]
