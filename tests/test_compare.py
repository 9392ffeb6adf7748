"""compare works on assessments: the same fact prints the same in assess and compare, every
delta is taken from unrounded values, and a scenario against its own saved JSON shows no change."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.contract.read import compare, read_saved
from coopscore.core.assessment import Assessment
from coopscore.core.compare import (
    SAVED,
    Comparison,
    DifferentRubrics,
    DifferentScenarios,
    NotComparable,
    Side,
)
from coopscore.formats import compare_out
from coopscore.model.rubric import Rubric
from coopscore.pipeline import scoring
from coopscore.report import compare as compare_report
from coopscore.report.blocks import inline, plain_text
from coopscore.report.words import Words

runner = CliRunner()
MR = "example:middle-reaches-2021"
ADOPTED = "example:middle-reaches-with-recommendations"
YRD = "example:yangtze-delta-2020"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def scored(name: str, rubric: Rubric) -> Assessment:
    outcome = scoring.score(name, rubric)
    assert isinstance(outcome, scoring.Scored)
    return outcome.assessment


def cells(out: str) -> dict[str, list[str]]:
    """A terminal table's rows by their first word (D1, Overall, …), the first row of each: a
    boxed table's cells between ``│``, or a ruled one's cells apart by two spaces or more."""
    rows: dict[str, list[str]] = {}
    ruled = False
    for line in out.splitlines():
        if line.startswith("│"):
            row = [c.strip() for c in line.strip().strip("│").split("│")]
        elif ruled and line.strip():
            row = re.split(r"\s{2,}", line.strip())
        else:
            ruled = ruled or (line.startswith("─") and not line.strip("─ "))
            continue
        if row[0]:
            rows.setdefault(row[0].split()[0], row)
    return rows


def table_rows(out: str) -> dict[str, list[str]]:
    """The rows of the first gutter-drawn table (columns two spaces apart, a rule beneath the
    titles) by their first cell: how ``assess`` draws its dimensions."""
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("──"))
    rows = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        row = re.split(r"\s{2,}", line.strip())
        rows.setdefault(row[0], row)
    return rows


def coverage(cell: str) -> tuple[str, str]:
    """compare's coverage cell, ``52% → 71%``, as its two shares."""
    old, new = cell.split(" → ")
    return old, new


def compare_rows(c: Comparison) -> list[tuple[str, ...]]:
    """The comparison's table as every output shows it, each cell as plain text."""
    return [
        tuple(plain_text(inline(x)) if isinstance(x, str) else plain_text(x) for x in row)
        for row in compare_report.rows(c, Words("en"))
    ]


def points(row: tuple[str, ...]) -> tuple[str, ...]:
    """A compare row with each score's bounds, printed beside it, left out."""
    return tuple(cell.split(" (")[0] for cell in row)


def json_part(out: str) -> Any:
    return json.loads(out[out.index("{") : out.rindex("}") + 1])


# --------------------------------------------------------------- one fact, one way of printing


@pytest.mark.parametrize("new", [ADOPTED, MR])
def test_a_dimension_prints_the_same_in_assess_and_compare(new: str) -> None:
    assessed = {name: table_rows(run("assess", name)[1]) for name in {MR, new}}
    code, out = run("compare", MR, new)
    assert code == 0, out
    compared = cells(out)
    for dim in (f"D{i}" for i in range(1, 9)):
        old_row, new_row = assessed[MR][dim], assessed[new][dim]
        _, old_score, new_score, _, both, _ = compared[dim]
        old_cov, new_cov = coverage(both)
        assert (old_score, old_cov) == (shown(old_row), old_row[4]), dim
        assert (new_score, new_cov) == (shown(new_row), new_row[4]), dim
    # the Middle Reaches' D2 covers 25 of 34: 73.5…%, shown 74% by both
    assert assessed[MR]["D2"][4] == coverage(compared["D2"][4])[0] == "74%"


def shown(row: list[str]) -> str:
    """assess's score and bounds columns as compare prints them in one cell, thin mark and all."""
    return f"{row[2]} ({row[3]})"


def test_the_overall_score_and_coverage_print_as_assess_prints_them() -> None:
    head = re.search(r"Score: (\S+ \(\S+\))\s+Coverage: (\S+)", run("assess", MR)[1])
    assert head is not None
    overall = cells(run("compare", MR, ADOPTED)[1])["Overall"]
    assert (overall[1], coverage(overall[4])[0]) == head.groups()


def test_compare_reads_assessments_exactly(rubric: Rubric) -> None:
    a, b = scored(MR, rubric), scored(ADOPTED, rubric)
    c = compare(a, b)
    assert c.old.precision is None and c.new.precision is None
    assert a.score is not None and b.score is not None
    assert c.score_delta == b.score - a.score
    assert [d.coverage_delta for d in c.dimensions] == [
        y.coverage - x.coverage for x, y in zip(a.dimensions, b.dimensions, strict=True)
    ]


# --------------------------------------------------------------- deltas from unrounded values


def _with(a: Assessment, score: float, coverage: float) -> Assessment:
    first = a.dimensions[0]._replace(score=score, coverage=coverage)
    return a._replace(score=score, coverage=coverage, dimensions=(first, *a.dimensions[1:]))


def test_a_delta_is_taken_from_unrounded_values(rubric: Rubric) -> None:
    base = scored(MR, rubric)
    # Rounded first, 50.04 → 50.0 and 50.16 → 50.2 would move by 0.2; the values move by 0.12.
    # Coverage 0.6444 → 0.644 and 0.6456 → 0.646 would move by 0.002; the values by 0.0012.
    c = compare(_with(base, 50.04, 0.6444), _with(base, 50.16, 0.6456))
    assert c.score_delta == pytest.approx(0.12) and c.coverage_delta == pytest.approx(0.0012)
    overall, d1 = (points(row) for row in compare_rows(c)[:2])
    assert overall[1:4] == ("50.0", "50.2", "+0.1") and d1[1:4] == ("50.0", "50.2", "+0.1")
    data = compare_out.to_dict(c, "en")
    assert (data["score_delta"], data["coverage_delta"]) == (0.1, 0.001)
    dim = data["dimensions"][0]
    assert (dim["old_score"], dim["new_score"], dim["score_delta"]) == (50.0, 50.2, 0.1)
    assert (dim["old_coverage"], dim["new_coverage"], dim["coverage_delta"]) == (
        0.644,
        0.646,
        0.001,
    )


def test_a_share_change_is_rounded_once(rubric: Rubric) -> None:
    base = scored(MR, rubric)
    # 0.6449 shows as 64% and 0.6551 as 66%; they differ by 1.02 points, shown +1 pt.
    c = compare(_with(base, 50.0, 0.6449), _with(base, 50.0, 0.6551))
    assert compare_rows(c)[0][4:] == ("64% → 66%", "+1 pt")


# --------------------------------------------------------------- a scenario and its saved JSON


@pytest.fixture
def saved_mr(tmp_path: Path) -> Path:
    path = tmp_path / "mr.json"
    code, out = run("assess", MR, "-f", "json", "-o", str(path))
    assert code == 0, out
    return path


@pytest.mark.parametrize("order", ["saved first", "scenario first"])
def test_a_scenario_against_its_own_saved_json_shows_no_change(saved_mr: Path, order: str) -> None:
    sides = [str(saved_mr), MR] if order == "saved first" else [MR, str(saved_mr)]
    code, out = run("compare", *sides, "-f", "json")
    assert code == 0 and "warning:" not in out, out
    data = json_part(out)
    assert data["score_delta"] == 0 and data["coverage_delta"] == 0
    assert data["old"]["score"] == data["new"]["score"]
    for d in data["dimensions"]:
        assert d["score_delta"] == 0 and d["coverage_delta"] == 0, d
        assert (d["old_score"], d["old_coverage"]) == (d["new_score"], d["new_coverage"]), d
    for key in ("gaps_closed", "gaps_opened", "gaps_changed", "unknowns_resolved"):
        assert data[key] == [], key
    assert data["became_unknown"] == [] and data["warnings"] == []
    code, out = run("compare", *sides)
    assert code == 0
    for name, row in cells(out).items():
        if name == "Overall" or re.fullmatch(r"D\d", name):
            old, new = coverage(row[4])
            assert row[1] == row[2] and old == new, row
            assert row[3] == "+0.0" and row[5] == "+0 pt", row


def test_a_saved_side_is_compared_at_the_precision_it_was_written(
    rubric: Rubric, saved_mr: Path
) -> None:
    live = scored(MR, rubric)
    saved = read_saved(str(saved_mr), saved_mr.read_text(encoding="utf-8"))
    assert saved.precision == SAVED and saved.score == round(live.score or 0, 1)
    for c in (compare(saved, live), compare(live, saved)):
        assert c.old.precision == c.new.precision == SAVED
        assert c.score_delta == 0 and c.coverage_delta == 0
        assert all(d.score_delta == d.coverage_delta == 0 for d in c.dimensions)
        assert c.closed == c.opened == c.changed == c.resolved == c.lost == []
    # the same file given as data, as a side, or read back compares the same
    data = json.loads(saved_mr.read_text(encoding="utf-8"))
    assert compare(data, live).to_dict() == compare(saved, live).to_dict()
    assert compare(Side.of(live), live).to_dict() == compare(live, live).to_dict()


def test_a_saved_json_compares_as_before_against_another_scenario(
    rubric: Rubric, saved_mr: Path
) -> None:
    code, from_file = run("compare", str(saved_mr), ADOPTED, "-f", "json")
    assert code == 0
    code, scored_now = run("compare", MR, ADOPTED, "-f", "json")
    got, now = json_part(from_file), json_part(scored_now)
    assert got["gaps_closed"] == now["gaps_closed"] and got["old"] == now["old"]


# --------------------------------------------------------------- warnings in both languages


def test_warnings_are_facts_in_the_core_and_words_in_the_formats(rubric: Rubric) -> None:
    a, b = scored(MR, rubric), scored(YRD, rubric)
    c = compare(a, b)
    assert c.warnings == [DifferentScenarios("middle-reaches-2021", "yangtze-delta-2020")]
    assert compare_out.caveat(c.warnings[0], "en") == (
        "different scenario ids: middle-reaches-2021 and yangtze-delta-2020"
    )
    assert "情景" in compare_out.caveat(c.warnings[0], "zh")
    other = b._replace(rubric=b.rubric._replace(digest="0" * 16))
    with pytest.raises(NotComparable) as refused:
        compare(a, other)
    assert isinstance(refused.value.fact, DifferentRubrics)
    assert "--force" in compare_out.refusal(refused.value, "zh")
    forced = compare(a, other, force=True)
    assert [type(w) for w in forced.warnings] == [DifferentRubrics, DifferentScenarios]


def test_compare_warns_in_chinese_with_lang_zh(tmp_path: Path) -> None:
    code, out = run("compare", MR, YRD, "--lang", "zh")
    assert code == 0
    assert "情景 id 不同:middle-reaches-2021 与 yangtze-delta-2020" in out
    assert "different scenario ids" not in out
    saved = json.loads(run("assess", MR, "-f", "json")[1])
    saved["rubric"]["digest"] = "0000000000000000"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(saved), encoding="utf-8")
    code, out = run("compare", str(old), MR, "--lang", "zh")
    assert code == 2 and "两次评估使用了不同的评价准则" in out and "得分不可比" in out
    assert "different rubrics" not in out and "not comparable" not in out
    forced = ["compare", str(old), YRD, "--force", "--lang", "zh", "-f"]
    for fmt in ("markdown", "json", "table"):
        code, out = run(*forced, fmt)
        assert code == 0, out
        assert "两次评估使用了不同的评价准则" in out and "情景 id 不同" in out, fmt
        assert "different" not in out and "Warnings" not in out, fmt
    assert "## 警告" in run(*forced, "markdown")[1]
    data = json_part(run(*forced, "json")[1])
    assert all("不同" in w for w in data["warnings"]) and len(data["warnings"]) == 2


def test_english_warnings_read_as_they_did(tmp_path: Path) -> None:
    saved = json.loads(run("assess", MR, "-f", "json")[1])
    saved["rubric"]["digest"] = "0000000000000000"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(saved), encoding="utf-8")
    rubric = f"{saved['rubric']['id']} {saved['rubric']['version']}"
    code, out = run("compare", str(old), MR)
    assert code == 2
    assert f"error: the assessments use different rubrics ({rubric} #0000000000000000 vs" in out
    assert "; their scores are not comparable (use --force to compare anyway)" in out
    code, out = run("compare", str(old), MR, "--force", "-f", "markdown")
    assert code == 0 and "## Warnings" in out
    assert "warning: the assessments use different rubrics" in out


def test_the_saved_side_keeps_what_the_file_says(saved_mr: Path) -> None:
    data = json.loads(saved_mr.read_text(encoding="utf-8"))
    side = read_saved("mr.json", saved_mr.read_text(encoding="utf-8"))
    assert side.scenario_name == data["scenario"]["name"] and side.path == data["scenario"]["path"]
    assert [d.coverage for d in side.dimensions] == [d["coverage"] for d in data["dimensions"]]
    assert {c.code: c.status for c in side.criteria} == {
        c["code"]: c["status"] for c in data["criteria"]
    }


@pytest.mark.parametrize("saved", [False, True])
def test_compare_marks_a_thin_dimension_as_assess_does(
    rubric: Rubric, tmp_path: Path, saved: bool
) -> None:
    """A score resting on less than half of its weight carries ``*`` on each side it is thin,
    scored now or read back from its JSON."""
    old, new = (
        "scenarios/middle-reaches-panel/middle-reaches-2015.yaml",
        "example:middle-reaches-2021",
    )
    sides = [old, new]
    if saved:
        sides = []
        for n, name in enumerate((old, new)):
            target = tmp_path / f"{n}.json"
            assert run("assess", name, "-f", "json", "-o", str(target))[0] == 0
            sides.append(str(target))
    code, out = run("compare", *sides)
    assert code == 0
    table = cells(out)
    for n, name in enumerate((old, new)):
        for d in scored(name, rubric).dimensions:
            shown = table[d.spec.id][1 + n]
            assert shown.split(" ")[0].endswith("*") == (d.thin and d.score is not None), shown
    assert "* thin:" in out


def test_every_gap_on_both_sides_is_listed_once(rubric: Rubric) -> None:
    """A gap of the new side is closed, opened, changed in depth or remaining: none is left
    out, and none is in two lists."""
    old = scored(MR, rubric)
    new = scored(ADOPTED, rubric)
    c = compare(old, new)
    gaps_before = {r.spec.code for r in old.results if r.is_gap}
    gaps_after = {r.spec.code for r in new.results if r.is_gap}
    lists = [c.opened, c.changed, c.persisting]
    listed = [row.code for rows in lists for row in rows]
    assert len(listed) == len(set(listed))
    assert set(listed) == gaps_after  # every gap of the new side, by how it came to be
    assert {row.code for row in c.persisting} == {
        code
        for code in gaps_before & gaps_after
        if next(r for r in old.results if r.spec.code == code).status
        == next(r for r in new.results if r.spec.code == code).status
    }
    assert c.persisting  # the bundled pair has gaps the recommendations leave open
    data = c.to_dict()
    assert [g["code"] for g in data["gaps_persisting"]] == [row.code for row in c.persisting]


def test_a_warning_is_said_once_in_the_terminal() -> None:
    """The table says its warnings in its own section; standard error does not repeat them."""
    code, out = run("compare", MR, YRD)
    assert code == 0 and out.count("different scenario ids") == 1
    code, out = run("compare", MR, YRD, "-f", "json")
    assert "warning: different scenario ids" in out  # beside data, on standard error
