"""Scenarios that extend a base: merged on the data, evidence in the file that stated it."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.core.engine import assess
from coopscore.core.plan import make
from coopscore.errors import InputError
from coopscore.model.overlay import merge
from coopscore.model.rubric import Rubric
from coopscore.model.yamlload import parse
from coopscore.pipeline.inputs import read_document, read_scenario

from .conftest import SCENARIOS

runner = CliRunner()
MR = SCENARIOS / "middle-reaches-2021.yaml"

OVERLAY = """\
extends: base.yaml
council:
  member_count: 9
remove:
  - barriers.market_access
"""


def _pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A base (the bundled file), an overlay of it, and the same change written out in full."""
    base = tmp_path / "base.yaml"
    shutil.copy(MR, base)
    overlay = tmp_path / "over.yaml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    text = MR.read_text(encoding="utf-8")
    full_text = re.sub(r"(?m)^  member_count: 4$", "  member_count: 9", text)
    full_text = re.sub(r"(?m)^  market_access: true\n", "", full_text)
    assert full_text != text
    full = tmp_path / "full.yaml"
    full.write_text(full_text, encoding="utf-8")
    return base, overlay, full


def test_an_overlay_scores_exactly_like_the_full_file(tmp_path: Path, rubric: Rubric) -> None:
    _, overlay, full = _pair(tmp_path)
    a = assess(read_scenario(str(overlay)), rubric)
    b = assess(read_scenario(str(full)), rubric)
    assert a.score == b.score and a.score_bounds == b.score_bounds
    assert a.coverage == b.coverage
    assert [g.spec.code for g in a.all_gaps] == [g.spec.code for g in b.all_gaps]
    assert [(r.status, r.credit_bounds) for r in a.results] == [
        (r.status, r.credit_bounds) for r in b.results
    ]
    # the overlay changed something: the base alone scores otherwise
    assert assess(read_scenario(str(MR)), rubric).score != a.score


def test_evidence_points_into_the_file_that_stated_each_fact(
    tmp_path: Path, rubric: Rubric
) -> None:
    base, overlay, _ = _pair(tmp_path)
    a = assess(read_scenario(str(overlay)), rubric)
    texts = {
        str(overlay): overlay.read_text(encoding="utf-8").splitlines(),
        str(base): base.read_text(encoding="utf-8").splitlines(),
    }
    checked = {str(overlay): 0, str(base): 0}
    for e in (e for r in a.results for e in r.evidence):
        if e.line is None or "[" in e.path:
            continue
        file = e.file or str(overlay)
        key = e.path.rsplit(".", 1)[-1]
        assert key in texts[file][e.line - 1], (e, file)
        checked[file] += 1
    assert checked[str(overlay)] > 0 and checked[str(base)] > 10
    council = [e for r in a.results for e in r.evidence if e.path == "council.member_count"]
    assert council and all(e.file is None and e.line == 3 for e in council)


def test_reports_name_the_base_file_beside_its_lines(tmp_path: Path) -> None:
    base, overlay, _ = _pair(tmp_path)
    shown = runner.invoke(app, ["assess", str(overlay), "--format", "markdown"])
    assert shown.exit_code in (0, 1), shown.output
    assert f"{base}:" in shown.stdout.replace("\\", "")
    data = json.loads(runner.invoke(app, ["assess", str(overlay), "--format", "json"]).stdout)
    files = {e.get("file") for c in data["gaps"] for e in c.get("evidence", [])}
    assert str(base) in files


def test_lists_merge_by_id_or_name_and_keep_what_the_overlay_does_not_name() -> None:
    base = parse(
        "b.yaml",
        "id: x\nmembers:\n  - {name: A, role: capital}\n  - {name: B, role: other}\n"
        "adjacent_pairs:\n  items:\n    - {name: P, status: active}\n  exhaustive: true\n",
    )
    over = parse(
        "o.yaml",
        "extends: b.yaml\nmembers:\n  - {name: B, role: capital}\n  - {name: C}\n"
        "adjacent_pairs: {items: [{name: Q}], exhaustive: false}\n",
    )
    merged = merge(base, over)
    assert merged.data["members"] == [
        {"name": "A", "role": "capital"},
        {"name": "B", "role": "capital"},
        {"name": "C"},
    ]
    assert merged.data["adjacent_pairs"] == {
        "items": [{"name": "P", "status": "active"}, {"name": "Q"}],
        "exhaustive": False,
    }
    assert "extends" not in merged.data
    assert merged.file_of(("members", 0, "role")) == "b.yaml"
    assert merged.line_of(("members", 0, "role")) == 3
    assert merged.file_of(("members", 1, "role")) is None
    assert merged.line_of(("members", 2)) == 4
    assert merged.file_of(("adjacent_pairs", "items", 0)) == "b.yaml"
    assert merged.file_of(("adjacent_pairs", "items", 1)) is None


def test_remove_makes_a_fact_unknown_and_names_what_is_not_there() -> None:
    base = parse("b.yaml", "id: x\nbarriers: {market_access: true, information_silos: true}\n")
    over = parse("o.yaml", "extends: b.yaml\nremove: [barriers.market_access]\n")
    assert merge(base, over).data["barriers"] == {"information_silos": True}
    wrong = parse("o.yaml", "extends: b.yaml\nremove: [barriers.nothing]\n")
    with pytest.raises(InputError) as caught:
        merge(base, wrong)
    assert caught.value.problems[0].line == 2 and "barriers.nothing" in str(caught.value)


def _refused(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_a_cycle_is_refused_with_its_path(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nid: a\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nid: b\n", encoding="utf-8")
    line = _refused(["assess", str(tmp_path / "a.yaml")])
    assert "cycle" in line and "a.yaml → " in line and "b.yaml → " in line


def test_a_file_extending_itself_is_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: a.yaml\nid: a\n", encoding="utf-8")
    assert "cycle" in _refused(["assess", str(tmp_path / "a.yaml")])


def test_eight_bases_are_read_and_nine_are_refused(tmp_path: Path) -> None:
    shutil.copy(MR, tmp_path / "f0.yaml")
    for n in range(1, 10):
        (tmp_path / f"f{n}.yaml").write_text(f"extends: f{n - 1}.yaml\n", encoding="utf-8")
    ok = runner.invoke(app, ["assess", str(tmp_path / "f8.yaml"), "--format", "json"])
    assert ok.exit_code in (0, 1), ok.output
    assert "deeper than 8" in _refused(["assess", str(tmp_path / "f9.yaml")])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_base_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "a.yaml").write_text("extends: pipe.yaml\n", encoding="utf-8")
    assert "FIFO" in _refused(["assess", str(tmp_path / "a.yaml")])


def test_a_folder_base_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    (tmp_path / "a.yaml").write_text("extends: dir.yaml\n", encoding="utf-8")
    assert "folder" in _refused(["assess", str(tmp_path / "a.yaml")])


def test_a_symlink_loop_base_is_refused(tmp_path: Path) -> None:
    (tmp_path / "l1.yaml").symlink_to(tmp_path / "l2.yaml")
    (tmp_path / "l2.yaml").symlink_to(tmp_path / "l1.yaml")
    (tmp_path / "a.yaml").write_text("extends: l1.yaml\n", encoding="utf-8")
    assert "symbolic links" in _refused(["assess", str(tmp_path / "a.yaml")])


def test_a_base_is_never_written_over(tmp_path: Path) -> None:
    base, overlay, _ = _pair(tmp_path)
    before = base.read_bytes()
    line = _refused(["assess", str(overlay), "--format", "json", "-o", str(base)])
    assert "input of this run" in line
    assert base.read_bytes() == before


def test_a_missing_base_names_the_line_that_asks_for_it(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: a\nextends: nowhere.yaml\n", encoding="utf-8")
    line = _refused(["assess", str(tmp_path / "a.yaml")])
    assert "a.yaml:2" in line and "no such file" in line


def test_extends_must_name_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: [x]\n", encoding="utf-8")
    assert "extends" in _refused(["assess", str(tmp_path / "a.yaml")])


def test_a_bundled_example_can_be_the_base(tmp_path: Path, rubric: Rubric) -> None:
    (tmp_path / "a.yaml").write_text("extends: example:middle-reaches-2021\n", encoding="utf-8")
    a = assess(read_scenario(str(tmp_path / "a.yaml")), rubric)
    b = assess(read_scenario(str(MR)), rubric)
    assert (a.score, a.score_bounds) == (b.score, b.score_bounds)


# Overlays that each state one fact; compare's score change must be plan's predicted gain
# for the gap that fact closes.
SINGLE_GAP = {
    "INS010": "council:\n  member_count: 9\n",
    "MOD003": "cooperation_model:\n  sub_clusters_interact: true\n",
}


@pytest.mark.parametrize("code", sorted(SINGLE_GAP))
def test_compare_shows_what_plan_predicts_for_a_single_gap_overlay(
    tmp_path: Path, rubric: Rubric, code: str
) -> None:
    shutil.copy(MR, tmp_path / "base.yaml")
    overlay = tmp_path / "over.yaml"
    overlay.write_text("extends: base.yaml\n" + SINGLE_GAP[code], encoding="utf-8")
    before = assess(read_scenario(str(tmp_path / "base.yaml")), rubric)
    step = next(s for s in make(before, rubric).steps if s.code == code)
    result = runner.invoke(
        app, ["compare", str(tmp_path / "base.yaml"), str(overlay), "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert [g["code"] for g in data["gaps_closed"]] == [code]
    assert data["gaps_opened"] == [] and data["gaps_changed"] == []
    assert step.score_gain is not None
    assert data["score_delta"] == pytest.approx(step.score_gain, abs=0.051)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_never_writes_over_a_base_read_by_a_worker(tmp_path: Path, jobs: str) -> None:
    base, overlay, _ = _pair(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text("extends: base.yaml\nid: other\n", encoding="utf-8")
    before = base.read_bytes()
    args = ["batch", str(overlay), str(other), "--format", "json", "-o", str(base)]
    result = runner.invoke(app, [*args, "--jobs", jobs])
    assert result.exit_code == 2, result.output
    assert "input of this run" in result.output
    assert base.read_bytes() == before
    assert not list(tmp_path.glob(".cs-*"))


def test_the_recommendations_illustration_states_only_what_differs(rubric: Rubric) -> None:
    import yaml

    from .conftest import SCENARIOS as FOLDER

    path = FOLDER / "middle-reaches-with-recommendations.yaml"
    stated = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert stated["extends"] == "example:middle-reaches-2021"
    base = read_scenario(str(MR)).data
    for key, value in stated.items():
        if key != "extends":
            assert base.get(key) != value, key  # nothing restated as it stands in the base
    merged = read_scenario(str(path))
    assert merged.data["schema_version"] == 1 and merged.id == stated["id"]
    a = assess(merged, rubric)
    # a base fact the overlay does not touch is cited in the base file
    driver = [e for r in a.results for e in r.evidence if e.path == "cooperation_model.driver"]
    assert driver and all(e.file is not None and e.file.endswith(MR.name) for e in driver)


def test_init_copies_an_example_that_extends_another(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    made = runner.invoke(
        app, ["init", str(target), "--from", "example:middle-reaches-with-recommendations"]
    )
    assert made.exit_code == 0, made.output
    assert "extends: example:middle-reaches-2021" in target.read_text(encoding="utf-8")
    data = json.loads(runner.invoke(app, ["assess", str(target), "--format", "json"]).stdout)
    assert data["scenario"]["id"] == "mine"
    original = runner.invoke(
        app, ["assess", "example:middle-reaches-with-recommendations", "--format", "json"]
    )
    assert data["score"] == json.loads(original.stdout)["score"]


# ------------------------------------------------------------ lists that are not exhaustive

OPEN_BASE = """\
schema_version: 1
id: x
as_of: 2021
adjacent_pairs:
  items:
    - name: P
      status: stalled
      focus_areas: []
  exhaustive: false
"""


def _open_pair(tmp_path: Path, overlay: str) -> tuple[Path, Path]:
    base = tmp_path / "base.yaml"
    base.write_text(OPEN_BASE, encoding="utf-8")
    over = tmp_path / "over.yaml"
    over.write_text(overlay, encoding="utf-8")
    return base, over


def test_an_item_of_a_base_open_list_is_cited_at_the_base_file_and_line(
    tmp_path: Path, rubric: Rubric
) -> None:
    base, over = _open_pair(
        tmp_path, "extends: base.yaml\nadjacent_pairs:\n  - name: Q\n    status: active\n"
    )
    loaded = read_scenario(str(over))
    assert [p["name"] for p in loaded.data["adjacent_pairs"]] == ["P", "Q"]
    assert ("adjacent_pairs",) in loaded.open_lists  # the base's word, the overlay states none
    document = loaded.document
    assert document.file_of(("adjacent_pairs", 0, "status")) == str(base)
    assert document.line_of(("adjacent_pairs", 0, "status")) == 7
    assert document.file_of(("adjacent_pairs", 1, "status")) is None  # the overlay's own
    assert document.line_of(("adjacent_pairs", 1, "status")) == 4
    evidence = [e for r in assess(loaded, rubric).results for e in r.evidence]
    cited = [e for e in evidence if e.path.startswith("adjacent_pairs[0].")]
    assert cited
    lines = OPEN_BASE.splitlines()
    for e in cited:
        assert e.file == str(base)
        assert e.line is not None and e.path.rsplit(".", 1)[-1] in lines[e.line - 1]
    assert any(e.open for e in evidence)  # read as "at least": the list is still open


def test_an_overlay_states_whether_a_base_open_list_is_exhaustive(tmp_path: Path) -> None:
    _, over = _open_pair(
        tmp_path,
        "extends: base.yaml\nadjacent_pairs:\n  items:\n    - {name: Q, status: active}\n"
        "  exhaustive: true\n",
    )
    loaded = read_scenario(str(over))
    assert [p["name"] for p in loaded.data["adjacent_pairs"]] == ["P", "Q"]
    assert ("adjacent_pairs",) not in loaded.open_lists
    assert loaded.document.line_of(("adjacent_pairs", 1, "status")) == 4


def test_a_bad_item_of_a_base_open_list_is_reported_in_the_base(tmp_path: Path) -> None:
    base, over = _open_pair(tmp_path, "extends: base.yaml\nid: y\n")
    base.write_text(OPEN_BASE.replace("status: stalled", "status: asleep"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_scenario(str(over))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(base), 7)


def test_the_recommendations_illustration_keeps_the_base_lists_open() -> None:
    path = SCENARIOS / "middle-reaches-with-recommendations.yaml"
    assert read_scenario(str(MR)).open_lists <= read_scenario(str(path)).open_lists


def test_two_overlays_of_one_base_in_one_batch_each_score_as_their_full_file(
    tmp_path: Path, rubric: Rubric
) -> None:
    """The base is parsed once for the batch; each overlay still gets its own merge."""
    _, overlay, full = _pair(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text("extends: base.yaml\nid: other\n", encoding="utf-8")
    args = ["batch", str(overlay), str(other), str(full), str(MR), "-f", "jsonl", "-j", "1"]
    result = runner.invoke(app, [*args, "-q", "-o", "-"])
    assert result.exit_code in (0, 1), result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    paths = [line["scenario"]["path"] for line in lines]
    assert paths == [str(overlay), str(other), str(full), str(MR)]

    def scored(record: dict[str, object]) -> tuple[object, ...]:
        return record["score"], record["score_bounds"], record["coverage"], record["criteria"]

    assert scored(lines[0]) == scored(lines[2])  # the overlay, as its full file
    assert scored(lines[1]) == scored(lines[3])  # the bare overlay, as the base itself
    assert scored(lines[0]) != scored(lines[1])


def test_a_base_whose_bytes_change_between_two_reads_is_read_anew(
    tmp_path: Path, rubric: Rubric
) -> None:
    """Same name, same size, same modification time: only the bytes differ, and they count."""
    base, overlay, _ = _pair(tmp_path)
    overlay.write_text("extends: base.yaml\n", encoding="utf-8")
    before = assess(read_scenario(str(overlay)), rubric)
    text = base.read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^  member_count: 4$", "  member_count: 9", text)
    assert changed != text and len(changed) == len(text)
    stat = base.stat()
    base.write_text(changed, encoding="utf-8")
    os.utime(base, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = assess(read_scenario(str(overlay)), rubric)
    full = tmp_path / "full.yaml"
    full.write_text(changed, encoding="utf-8")
    expected = assess(read_scenario(str(full)), rubric)
    assert (after.score, after.score_bounds) == (expected.score, expected.score_bounds)
    assert (after.score, after.score_bounds) != (before.score, before.score_bounds)


def test_a_base_parsed_once_is_left_as_it_was_read(tmp_path: Path, rubric: Rubric) -> None:
    """Scoring overlays of a base changes nothing of the base each of them reads."""
    base, overlay, _ = _pair(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text("extends: over.yaml\nid: other\ncouncil:\n  member_count: 5\n", "utf-8")
    for _ in range(2):
        for file in (overlay, other):
            assess(read_scenario(str(file)), rubric)
    fresh = parse(str(base), base.read_text(encoding="utf-8"))
    again = read_document(str(overlay))
    assert again.data == merge(fresh, parse(str(overlay), overlay.read_text("utf-8"))).data
    assert read_document(str(base)).data == fresh.data


def test_every_remove_entry_that_names_nothing_is_said_with_the_nearest_fact() -> None:
    """Each bad entry, at its line, with the base's nearest path or item; none hides another."""
    base = parse(
        "b.yaml",
        "id: x\nbarriers: {market_access: true, information_silos: true}\n"
        "cooperation_model:\n  sub_clusters:\n    items: [{name: Wuhan city circle}]\n"
        "    exhaustive: false\n",
    )
    wrong = parse(
        "o.yaml",
        "extends: b.yaml\nremove:\n  - barriers.market_acess\n"
        "  - cooperation_model.sub_clusters[Wuhan metro circle]\n  - nothing.at_all\n",
    )
    with pytest.raises(InputError) as caught:
        merge(base, wrong)
    problems = caught.value.problems
    assert [p.line for p in problems] == [3, 4, 5]
    assert "did you mean 'barriers.market_access'?" in problems[0].message
    assert "'cooperation_model.sub_clusters[Wuhan city circle]'" in problems[1].message
    assert "did you mean" not in problems[2].message and "adjacent_pairs[0]" in problems[2].message
    assert all("exhaustive" not in p.message for p in problems)
