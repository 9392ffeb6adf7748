"""The reports of compare, sensitivity, agree and the batch ranking, drawn on the terminal: at
any width, in either language, no line is wider than the terminal, and every code, number and
bound the report holds is printed whole, on one line."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from coopscore.core import sensitivity as sens
from coopscore.core.agreement import agree
from coopscore.core.assessment import Assessment
from coopscore.core.compare import compare
from coopscore.formats import to_terminal
from coopscore.model.rubric import Rubric
from coopscore.pipeline import scoring
from coopscore.report import agree as agree_report
from coopscore.report import compare as compare_report
from coopscore.report import criteria as criteria_report
from coopscore.report import examples as examples_report
from coopscore.report import explain as explain_report
from coopscore.report import ranking as ranking_report
from coopscore.report import sensitivity as sensitivity_report
from coopscore.report.blocks import UNBROKEN, Report, Table, plain_text
from coopscore.report.i18n import Lang
from coopscore.report.summary import Summary
from coopscore.report.words import Words

from .conftest import SCENARIOS

MR = "example:middle-reaches-2021"
ADOPTED = "example:middle-reaches-with-recommendations"
YRD = "example:yangtze-delta-2020"
WIDTHS = (40, 80, 120)
LANGS: tuple[Lang, ...] = ("en", "zh")
LATIN = re.compile(r"[A-Za-z]{3,}")


def scored(name: str, rubric: Rubric) -> Assessment:
    outcome = scoring.score(name, rubric)
    assert isinstance(outcome, scoring.Scored)
    return outcome.assessment


def _compare(rubric: Rubric, words: Words) -> Report:
    return compare_report.build(compare(scored(MR, rubric), scored(ADOPTED, rubric)), words)


def _sensitivity(rubric: Rubric, words: Words) -> Report:
    entries = []
    for name in (MR, ADOPTED, YRD):
        a = scored(name, rubric)
        scores = tuple(d.score for d in a.dimensions)
        entries.append(sens.Entry(a.scenario_id, scores, a.score_bounds))
    weights = [d.weight for d in rubric.dimensions]
    return sensitivity_report.build(sens.run(entries, weights, runs=50, spread=0.9), words)


def _agree(rubric: Rubric, words: Words) -> Report:
    return agree_report.build(agree([scored(MR, rubric), scored(ADOPTED, rubric)]), words)


def _ranking(rubric: Rubric, words: Words) -> Report:
    rows = [Summary.of(scored(n, rubric), words.lang) for n in (MR, ADOPTED, YRD)]
    failed = [("scenarios/panel/a-long-file-name-2015.yaml", "line 3: unknown key 'membrs'")]
    return ranking_report.build(rows, failed, words)


def _explain(rubric: Rubric, words: Words) -> Report:
    from coopscore.model.loader import parse_scenario

    path = SCENARIOS / "middle-reaches-2021.yaml"
    scenario = parse_scenario(str(path), path.read_text(encoding="utf-8"))
    found = explain_report.find(rubric, "ENC002")
    assert found is not None
    return explain_report.build(rubric, found, words, scenario)


def _rubric_list(rubric: Rubric, words: Words) -> Report:
    return criteria_report.build(rubric.criteria, rubric.file, words)


def _examples(rubric: Rubric, words: Words) -> Report:
    shown = [examples_report.Example("example:middle-reaches-with-recommendations", "x", 2021)]
    return examples_report.build(shown, words)


BUILDERS: dict[str, Callable[[Rubric, Words], Report]] = {
    "explain": _explain,
    "rubric list": _rubric_list,
    "examples": _examples,
    "compare": _compare,
    "sensitivity": _sensitivity,
    "agree": _agree,
    "ranking": _ranking,
}


def unbroken(report: Report) -> list[str]:
    """Every cell of a column whose role keeps it whole: codes, numbers and bounds."""
    out = []
    for block in report.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for column, cell in zip(block.columns, row, strict=True):
                    if column.role in UNBROKEN and plain_text(cell):
                        out.append(plain_text(cell))
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("subject", sorted(BUILDERS))
def test_a_report_fits_every_width_and_cuts_no_number(
    rubric: Rubric, subject: str, lang: Lang
) -> None:
    report = BUILDERS[subject](rubric, Words(lang))
    whole = unbroken(report)
    assert whole or subject == "explain", "the report has codes, numbers or bounds to keep whole"
    for width in WIDTHS:
        lines = to_terminal.text(report, width).splitlines()
        too_wide = [line for line in lines if cell_len(line) > width]
        assert not too_wide, (width, too_wide)
        for value in whole:
            assert any(value in line for line in lines), (width, value)


@pytest.mark.parametrize("subject", sorted(BUILDERS))
def test_a_chinese_report_has_no_english_word_of_its_own(rubric: Rubric, subject: str) -> None:
    """Only what a reader looks up as written stays Latin: codes, ids, paths, scenario keys,
    and the names of the agreement measures."""
    report = BUILDERS[subject](rubric, Words("zh"))
    english = BUILDERS[subject](rubric, Words("en"))
    titles = {plain_text(b.text) if hasattr(b, "text") else "" for b in english.blocks} - {""}
    zh_text = to_terminal.text(report, 120)
    assert not any(title in zh_text for title in titles if LATIN.search(title))
    for block in report.blocks:
        if isinstance(block, Table):
            for column in block.columns:
                assert not LATIN.search(column.title), column.title


def test_the_ranking_table_keeps_its_columns_at_80_in_chinese(rubric: Rubric) -> None:
    lines = to_terminal.text(_ranking(rubric, Words("zh")), 80).splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("#"))
    head = lines[at] + lines[at + 1]  # a four-character title may break in two halves
    assert "首要" in head and "建议" in head and "区间" in head  # a table, not stacked rows
    assert not any(line.lstrip().startswith("首要建议:") for line in lines)
    assert any(line.lstrip().startswith("1 ") for line in lines)


def test_compare_draws_through_the_report_in_either_language(rubric: Rubric) -> None:
    zh = to_terminal.text(_compare(rubric, Words("zh")), 80)
    assert "覆盖率" in zh and "已补齐的短板" in zh and "Coverage" not in zh


def test_find_out_first_says_the_same_points_in_json_and_in_words() -> None:
    """A least value is rounded down everywhere: JSON never promises more than the report."""
    import json
    import re
    import subprocess
    import sys

    def run(*args: str) -> str:
        command = [sys.executable, "-m", "coopscore", "assess", "example:middle-reaches-2021"]
        done = subprocess.run([*command, *args], capture_output=True, text=True, check=True)
        return done.stdout

    facts = json.loads(run("-f", "json"))["find_out_first"]
    words = " ".join(run("-f", "markdown", "-v").split())
    said = dict(re.findall(r"(\S+): narrows the score bounds by at least ([0-9.]+) points", words))
    assert said
    for fact in facts:
        if fact["path"] in said:
            assert float(said[fact["path"]]) == fact["narrowing"], fact


def test_a_dash_for_a_withheld_score_is_explained_wherever_it_shows() -> None:
    """trend, compare and a batch's ranking print ``—`` for a score too thin to give; each
    says once what it means, and says nothing of it when every score is given."""
    from typer.testing import CliRunner

    from coopscore.cli.app import app

    from .conftest import SCENARIOS

    panel = SCENARIOS / "middle-reaches-panel"
    early, late = str(panel / "middle-reaches-2015.yaml"), str(panel / "middle-reaches-2021.yaml")
    note = "— no point score"

    def run(*args: str) -> str:
        return " ".join(CliRunner().invoke(app, list(args), env={"COLUMNS": "200"}).output.split())

    for args in (["trend", str(panel)], ["compare", early, late], ["batch", str(panel)]):
        out = run(*args)
        assert " — " in out and out.count(note) == 1, args
    for args in (["compare", late, late], ["batch", late]):
        assert note not in run(*args), args
