"""coopscore trend: one cluster through the years, slopes with exact bounds, what changed."""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.core.engine import assess
from coopscore.core.trend import slope, slope_bounds, trend
from coopscore.model.rubric import Rubric
from coopscore.report.i18n import HTML_LANG

from .conftest import SCENARIOS, scenario_from

runner = CliRunner()
MR = SCENARIOS / "middle-reaches-2021.yaml"


def test_a_synthetic_series_recovers_its_slope_exactly() -> None:
    years = [2015, 2018, 2021, 2022]
    scores = [10 + 2.5 * (y - 2015) for y in years]
    assert slope(list(zip(years, scores, strict=True))) == pytest.approx(2.5, abs=1e-12)
    tight = [(s, s) for s in scores]
    low, high = slope_bounds(years, tight) or (None, None)
    assert low == pytest.approx(2.5, abs=1e-12) and high == pytest.approx(2.5, abs=1e-12)


def test_slope_bounds_are_the_extremes_over_every_corner() -> None:
    rng = random.Random(7)
    for _ in range(50):
        n = rng.randint(2, 6)
        years = sorted(rng.sample(range(2000, 2030), n))
        bounds = []
        for _ in years:
            a, b = sorted(rng.uniform(0, 100) for _ in range(2))
            bounds.append((a, b))
        corners = [
            slope(list(zip(years, pick, strict=True))) for pick in itertools.product(*bounds)
        ]
        found = slope_bounds(years, bounds)
        assert found is not None
        assert found[0] == pytest.approx(min(c for c in corners if c is not None))
        assert found[1] == pytest.approx(max(c for c in corners if c is not None))


def test_unknowns_in_one_year_widen_the_slope_bounds_around_the_point_slope() -> None:
    years = [2015, 2018, 2021]
    scores = [40.0, 55.0, 35.0]
    before = [(35.0, 45.0), (50.0, 60.0), (30.0, 40.0)]
    point = slope(list(zip(years, scores, strict=True)))
    assert point is not None
    narrow = slope_bounds(years, before)
    for year in range(3):
        wider = list(before)
        wider[year] = (before[year][0] - 20, before[year][1] + 20)
        wide = slope_bounds(years, wider)
        assert narrow is not None and wide is not None
        assert wide[0] <= narrow[0] <= point <= narrow[1] <= wide[1]
        assert wide != narrow or years[year] == sum(years) / 3  # the middle year weighs 0


def test_one_year_gives_no_slope() -> None:
    assert slope([(2020, 5.0)]) is None
    assert slope_bounds([2020, 2020], [(0, 1), (0, 1)]) is None


def _panel(tmp_path: Path) -> list[str]:
    """Three snapshots of one cluster: a base and two overlays, each stating a later year."""
    shutil.copy(MR, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text(
        "extends: a.yaml\nas_of: 2022\ncouncil:\n  member_count: 9\n"
        "remove: [judicial.cooperation]\n",
        encoding="utf-8",
    )
    (tmp_path / "c.yaml").write_text(
        "extends: b.yaml\nas_of: 2023\ncooperation_model:\n  sub_clusters_interact: true\n",
        encoding="utf-8",
    )
    return [str(tmp_path / n) for n in ("c.yaml", "a.yaml", "b.yaml")]  # any order


def test_json_follows_the_contract(tmp_path: Path) -> None:
    result = runner.invoke(app, ["trend", *_panel(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cluster"] == "middle-reaches-2021"
    assert [s["as_of"] for s in data["snapshots"]] == [2021, 2022, 2023]
    first = data["snapshots"][0]
    assert set(first) >= {"as_of", "path", "score", "score_bounds", "coverage", "dimensions"}
    keys = [t["dimension"] for t in data["trends"]]
    assert keys[0] == "overall" and keys[1:] == [d["id"] for d in first["dimensions"]]
    for t in data["trends"]:
        assert t["direction"] in ("up", "down", "uncertain")
        low, high = t["slope_bounds"]["lower"], t["slope_bounds"]["upper"]
        assert low <= high
        if t["slope"] is not None:
            assert low - 1e-3 <= t["slope"] <= high + 1e-3
        if t["direction"] == "up":
            assert low > 0
    # the overall slope is the least-squares slope of the snapshots' scores
    xs = [s["as_of"] for s in data["snapshots"]]
    ys = [s["score"] for s in data["snapshots"]]
    assert data["trends"][0]["slope"] == pytest.approx(
        slope(list(zip(xs, ys, strict=True))), abs=0.06
    )
    d1 = next(t for t in data["trends"] if t["dimension"] == "D1")
    assert d1["direction"] == "up"  # the sub-clusters began to interact; nothing else moved
    first_step, second = data["changes"]
    assert (first_step["from"], first_step["to"]) == (2021, 2022)
    assert first_step["closed"] == ["INS010"] and first_step["opened"] == []
    assert second["closed"] == ["MOD003"]
    ins010 = next(c for c in first_step["changed"] if c["code"] == "INS010")
    files_before = {e["file"] for e in ins010["evidence_before"]}
    files_after = {e["file"] for e in ins010["evidence_after"]}
    assert any(f.endswith("a.yaml") for f in files_before)
    assert any(f.endswith("b.yaml") for f in files_after)
    # JUD001 read the court cooperation, which was removed: met before, unknown now, a change
    # that opens no gap (JUD002 was open already: the list of court arrangements is not
    # exhaustive)
    changed = [c["code"] for c in first_step["changed"]]
    assert "JUD001" in changed and "JUD001" not in first_step["opened"]
    assert "JUD001" in changed  # met on the court cooperation stated; unknown once it is removed
    assert data["high_start_low_finish"]["snapshots_p1"][0]["as_of"] == 2021


def test_a_gap_whose_facts_are_removed_is_a_change_not_a_gap_closed(rubric: Rubric) -> None:
    stated = {"id": "c", "cooperation_model": {"driver": "government_led"}}
    before = assess(scenario_from({**stated, "as_of": 2020}), rubric)
    after = assess(scenario_from({"id": "c", "as_of": 2021}), rubric)
    (step,) = trend([before, after]).steps
    mod001 = next(c for c in step.changed if c.code == "MOD001")
    assert next(r for r in before.results if r.spec.code == "MOD001").is_gap
    assert "MOD001" not in step.closed and mod001.after == "unknown"


def test_csv_is_long_form(tmp_path: Path) -> None:
    result = runner.invoke(app, ["trend", *_panel(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = ["cluster", "year", "dimension", "score", "lower", "upper", "coverage", "thin"]
    assert list(rows[0]) == header
    assert len(rows) == 3 * 9  # three snapshots, overall and eight dimensions
    for row in rows:
        assert float(row["lower"]) <= float(row["upper"])
        if row["score"]:
            assert float(row["lower"]) <= float(row["score"]) <= float(row["upper"])


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "json", "csv"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_format_tells_the_same_story_at_80_columns(
    tmp_path: Path, fmt: str, lang: str
) -> None:
    result = runner.invoke(app, ["trend", *_panel(tmp_path), "--format", fmt, "--lang", lang])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2021" in out and "2023" in out
    if fmt in ("table", "markdown", "html"):
        assert "INS010" in out and "MOD003" in out
        assert ("up (certain)" in out) == (lang == "en")
        assert ("上升(确定)" in out) == (lang == "zh")
        assert "+5.56" in out  # D1's least slope
    if fmt == "table":
        from wcwidth import wcswidth

        assert max(wcswidth(line) for line in out.splitlines()) <= 80
    if fmt == "html":
        assert out.count("<svg") == 9 and 'class="band"' in out
        assert f'<html lang="{HTML_LANG[lang]}">' in out  # as every HTML report declares it


def test_different_clusters_are_refused_unless_forced(tmp_path: Path) -> None:
    shutil.copy(MR, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text(
        "extends: a.yaml\nid: another\nas_of: 2022\n", encoding="utf-8"
    )
    files = [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]
    refused = runner.invoke(app, ["trend", *files])
    assert refused.exit_code == 2
    assert "different clusters" in refused.output and "another" in refused.output
    assert "--force" in refused.output
    forced = runner.invoke(app, ["trend", *files, "--force", "--format", "json"])
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.stdout)["forced"][0]["kind"] == "cluster"


def test_a_snapshot_needs_a_year_and_two_are_needed(tmp_path: Path) -> None:
    one = runner.invoke(app, ["trend", str(MR)])
    assert one.exit_code == 2 and "two or more" in one.output
    same = runner.invoke(app, ["trend", str(MR), "example:middle-reaches-2021"])
    assert same.exit_code == 2 and "one year" in same.output


def test_a_folder_is_read_like_batch(tmp_path: Path) -> None:
    _panel(tmp_path)
    result = runner.invoke(app, ["trend", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["snapshots"]) == 3


PANEL = SCENARIOS / "middle-reaches-panel"


def test_the_bundled_panel_ends_exactly_at_the_bundled_2021_file() -> None:
    from coopscore.core.engine import assess
    from coopscore.pipeline.inputs import read_rubric, read_scenario

    rubric = read_rubric()
    panel = assess(read_scenario(str(PANEL / "middle-reaches-2021.yaml")), rubric)
    alone = assess(read_scenario(str(MR)), rubric)
    assert (panel.score, panel.score_bounds, panel.coverage) == (
        alone.score,
        alone.score_bounds,
        alone.coverage,
    )
    assert [g.spec.code for g in panel.all_gaps] == [g.spec.code for g in alone.all_gaps]
    for a, b in zip(panel.results, alone.results, strict=True):
        assert [(e.path, e.line) for e in a.evidence] == [(e.path, e.line) for e in b.evidence]
        assert all(
            e.file is None or e.file.endswith("middle-reaches-2021.yaml") for e in a.evidence
        )


def test_the_bundled_panel_tells_its_story(tmp_path: Path) -> None:
    result = runner.invoke(app, ["trend", str(PANEL), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cluster"] == "middle-reaches"
    assert [s["as_of"] for s in data["snapshots"]] == [2015, 2018, 2021]
    coverage = [s["coverage"] for s in data["snapshots"]]
    assert coverage == sorted(coverage)  # each later snapshot states more
    first, second = data["changes"]
    # the 2016 mechanism appears between 2015 and 2018; its dormancy is a gap by 2021
    assert "INS001" in [c["code"] for c in first["changed"]]
    assert "INS004" in second["opened"]
    p1 = {s["as_of"]: s["status"] for s in data["high_start_low_finish"]["snapshots_p1"]}
    assert p1[2021] == "flagged"
    for t in data["trends"]:
        assert t["slope_bounds"]["lower"] <= t["slope_bounds"]["upper"]


def test_a_thin_score_is_marked_in_every_format_as_assess_marks_it(tmp_path: Path) -> None:
    """Each snapshot's thin dimensions, as its own assessment says, and no other."""
    panel = sorted(str(p) for p in (SCENARIOS / "middle-reaches-panel").glob("*.yaml"))
    thin: set[tuple[int, str]] = set()
    for path in panel:
        record = json.loads(runner.invoke(app, ["assess", path, "-f", "json"]).stdout)
        year = record["scenario"]["as_of"]
        thin |= {(year, d["id"]) for d in record["dimensions"] if d.get("thin")}
    assert thin  # the bundled panel has thin scores to mark
    data = json.loads(runner.invoke(app, ["trend", *panel, "-f", "json"]).stdout)
    marked = {
        (s["as_of"], d["id"]) for s in data["snapshots"] for d in s["dimensions"] if d["thin"]
    }
    assert marked == thin
    rows = csv.DictReader(io.StringIO(runner.invoke(app, ["trend", *panel, "-f", "csv"]).stdout))
    assert {(int(r["year"]), r["dimension"]) for r in rows if r["thin"] == "true"} == thin
    table = runner.invoke(app, ["trend", *panel], env={"COLUMNS": "200"}).stdout
    starred = [line for line in table.splitlines() if "*" in line and line.startswith("D")]
    assert {line.split()[0] for line in starred} == {code for _, code in thin}
    assert "* thin: " in table
    page = runner.invoke(app, ["trend", *panel, "-f", "html"]).stdout
    assert page.count('class="dot thin"') == len(thin)  # each a hollow dot in its chart
    assert "Overall: Overall" not in page  # a one-line chart is not named twice
