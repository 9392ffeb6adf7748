"""coopscore agree: encodings side by side, disagreements first, with kappa or alpha."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from coopscore.cli.app import app
from coopscore.report import numbers

from .conftest import SCENARIOS

runner = CliRunner()
MR = SCENARIOS / "middle-reaches-2021.yaml"


def _variant(tmp_path: Path, name: str, change: dict[str, object]) -> str:
    data = yaml.safe_load(MR.read_text(encoding="utf-8"))
    data.update(change)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


def test_two_encodings_list_what_each_stated_where_they_disagree(tmp_path: Path) -> None:
    other = _variant(tmp_path, "b.yaml", {"judicial": {"cooperation": []}})
    result = runner.invoke(app, ["agree", str(MR), other, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"agreement", "kappa", "disagreements", "bounds_overlap", "files"}
    assert data["alpha"] is not None and data["kappa"] is not None  # both, for two files
    assert 0 < data["agreement"] < 1
    codes = [d["code"] for d in data["disagreements"]]
    assert codes and all(c.startswith("JUD") for c in codes)
    first = data["disagreements"][0]["files"]
    assert [f["path"] for f in first] == [str(MR), other]
    assert first[0]["status"] != first[1]["status"]
    assert all(len(f["credit_bounds"]) == 2 for f in first if f["credit_bounds"] is not None)
    assert any(e["line"] for f in first for e in f["evidence"])


def test_identical_encodings_agree_fully(tmp_path: Path) -> None:
    same = _variant(tmp_path, "same.yaml", {})
    data = json.loads(runner.invoke(app, ["agree", str(MR), same, "-f", "json"]).stdout)
    assert data["agreement"] == 1.0 and data["disagreements"] == []
    assert data["bounds_overlap"] is True


def test_three_encodings_get_krippendorffs_alpha(tmp_path: Path) -> None:
    b = _variant(tmp_path, "b.yaml", {"judicial": {"cooperation": []}})
    c = _variant(tmp_path, "c.yaml", {})
    data = json.loads(runner.invoke(app, ["agree", str(MR), b, c, "-f", "json"]).stdout)
    assert "alpha" in data and "kappa" not in data
    assert data["alpha"] is not None and data["alpha"] < 1


def test_the_table_and_markdown_put_disagreements_first(tmp_path: Path) -> None:
    other = _variant(tmp_path, "b.yaml", {"judicial": {"cooperation": []}})
    table = runner.invoke(app, ["agree", str(MR), other], env={"COLUMNS": "120"})
    assert table.exit_code == 0 and "Cohen's kappa" in table.stdout
    assert "Disagreements" in table.stdout and "JUD" in table.stdout
    assert "\\x0a" not in table.stdout  # the cell's own line breaks stay line breaks
    examples = runner.invoke(app, ["agree", "example:middle-reaches-2021", other])
    assert "example:middle-reaches-2021" in examples.stdout
    md = runner.invoke(app, ["agree", str(MR), other, "-f", "markdown", "--lang", "zh"])
    assert md.exit_code == 0 and md.stdout.startswith("# 不同编码之间的一致性")
    assert "### `JUD" in md.stdout


def test_one_file_is_a_usage_error() -> None:
    result = runner.invoke(app, ["agree", str(MR)])
    assert result.exit_code == 2 and "two or more" in result.output


# ------------------------------------------------------------------ one cluster, bounds, alpha

YRD = SCENARIOS / "yangtze-delta-2020.yaml"


def _yrd(tmp_path: Path, name: str, edit: object = None) -> str:
    """The YRD encoding read again by another analyst, who gives it another id and name."""
    data = yaml.safe_load(YRD.read_text(encoding="utf-8"))
    data["id"], data["name"] = "yrd-second-reading", {"en": "Yangtze Delta", "zh": "长江三角洲"}
    if callable(edit):
        edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


def _medium_use(data: dict[str, Any]) -> None:
    data["platforms"][0]["utilisation"] = "medium"  # SHR004 stays unknown, its credit narrows


def test_different_clusters_are_refused_with_what_differs() -> None:
    result = runner.invoke(app, ["agree", str(MR), str(YRD)])
    assert result.exit_code == 2 and result.stdout == ""
    err = result.stderr
    assert "Different clusters" in err and "members" in err and "--force" in err
    assert "hubei" in err and "shanghai" in err  # both sides' values
    assert "middle-reaches-2021.yaml:" in err and "yangtze-delta-2020.yaml:" in err  # file:line


def test_a_cluster_stated_in_a_base_is_cited_in_the_base(tmp_path: Path) -> None:
    overlay = tmp_path / "over.yaml"
    overlay.write_text(f"extends: {YRD}\nas_of: 2021\n", encoding="utf-8")
    result = runner.invoke(app, ["agree", str(MR), str(overlay)])
    assert result.exit_code == 2
    members = next(
        n
        for n, line in enumerate(YRD.read_text("utf-8").splitlines(), 1)
        if line.startswith("members:")
    )
    assert f"yangtze-delta-2020.yaml:{members}" in result.stderr  # where the members stand
    assert f"over.yaml:{members}" not in result.stderr


def test_force_compares_anyway_and_keeps_the_warning_in_every_format() -> None:
    args = ["agree", str(MR), str(YRD), "--force"]
    table = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert table.exit_code == 0 and "Compared anyway (--force)" in table.stdout
    md = runner.invoke(app, [*args, "-f", "markdown", "--lang", "zh"])
    assert md.exit_code == 0 and "已强制比较" in md.stdout and "不是同一城市群" in md.stdout
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert data["cluster"]["same"] is False and data["warnings"][0]["kind"] == "different_clusters"
    (pair,) = data["cluster"]["pairs"]
    assert pair["basis"] == "members" and pair["common"] == 0
    assert "hubei" in pair["only_first"] and "shanghai" in pair["only_other"]


def test_one_cluster_is_known_by_its_members_whatever_its_id_and_name(tmp_path: Path) -> None:
    other = _yrd(tmp_path, "b.yaml")
    data = json.loads(runner.invoke(app, ["agree", str(YRD), other, "-f", "json"]).stdout)
    (pair,) = data["cluster"]["pairs"]
    assert data["cluster"]["same"] is True and pair["basis"] == "members"
    assert "warnings" not in data
    # one member more: a different set of members, so a different cluster
    more = _yrd(tmp_path, "c.yaml", lambda d: d["members"].append({"id": "xuzhou"}))
    result = runner.invoke(app, ["agree", str(YRD), more])
    assert result.exit_code == 2 and "only in #1: none; only in #2: xuzhou" in result.stderr


def test_a_member_written_another_way_is_still_found(tmp_path: Path) -> None:
    def member(entry: dict[str, Any]) -> Any:
        return lambda d: d["members"].append(entry)

    by_id = _yrd(tmp_path, "a.yaml", member({"id": "taizhou-js", "name": {"zh": "泰州"}}))
    by_name = _yrd(
        tmp_path, "b.yaml", member({"id": "tz", "name": {"en": "Taizhou", "zh": "泰州"}})
    )
    plain = _yrd(tmp_path, "c.yaml", member({"id": "tz2", "name": "TAIZHOU"}))
    other = _yrd(tmp_path, "d.yaml", member({"id": "tz3", "name": "Taiyuan"}))
    assert runner.invoke(app, ["agree", by_id, by_name]).exit_code == 0  # by the Chinese name
    assert runner.invoke(app, ["agree", by_name, plain]).exit_code == 0  # without case
    assert runner.invoke(app, ["agree", plain, other]).exit_code == 2


def test_names_then_ids_decide_when_members_are_not_in_both(tmp_path: Path) -> None:
    def bare(name: str, body: str) -> str:
        path = tmp_path / name
        path.write_text("schema_version: 1\n" + body, encoding="utf-8")
        return str(path)

    a = bare("a.yaml", "id: a\nname: {en: Middle Reaches, zh: 长江中游城市群}\n")
    b = bare("b.yaml", "id: b\nname: 长江中游城市群\n")  # same name in Chinese, other id
    c = bare("c.yaml", "id: c\nname: Yangtze River Delta\n")
    d = bare("d.yaml", "id: a\n")
    e = bare("e.yaml", "id: e\n")
    f = bare("f.yaml", "as_of: 2020\n")
    assert runner.invoke(app, ["agree", a, b]).exit_code == 0
    refused = runner.invoke(app, ["agree", a, c])
    assert refused.exit_code == 2 and "names differ" in refused.stderr
    assert "Middle Reaches" in refused.stderr and "Yangtze River Delta" in refused.stderr
    assert runner.invoke(app, ["agree", a, d]).exit_code == 0  # no name in d: the ids decide
    ids = runner.invoke(app, ["agree", d, e])
    assert ids.exit_code == 2 and "ids differ" in ids.stderr
    unchecked = runner.invoke(app, ["agree", d, f], env={"COLUMNS": "80"})
    assert unchecked.exit_code == 0 and "not checked" in unchecked.stdout


def test_same_status_different_bounds_is_a_bounds_disagreement(tmp_path: Path) -> None:
    other = _yrd(tmp_path, "b.yaml", _medium_use)
    data = json.loads(runner.invoke(app, ["agree", str(YRD), other, "-f", "json"]).stdout)
    assert data["disagreements"] == []  # every status agrees
    (unit,) = data["bounds_disagreements"]
    assert unit["code"] == "SHR004"
    statuses = {f["status"] for f in unit["files"]}
    spans = [f["credit_bounds"] for f in unit["files"]]
    assert len(statuses) == 1 and spans[0] != spans[1]
    d4 = [next(d for d in f["dimensions"] if d["id"] == "D4") for f in data["files"]]
    assert d4[0]["score_bounds"]["lower"] < d4[1]["score_bounds"]["lower"]
    d1 = [next(d for d in f["dimensions"] if d["id"] == "D1") for f in data["files"]]
    assert d1[0]["score_bounds"] == d1[1]["score_bounds"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bounds_side_by_side_in_every_format_at_80_columns(tmp_path: Path, lang: str) -> None:
    from coopscore.report.i18n import label

    other = _yrd(tmp_path, "b.yaml", _medium_use)
    args = ["agree", str(YRD), other, "--lang", lang]
    table = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert table.exit_code == 0
    assert all(len(line) <= 80 for line in table.stdout.splitlines())
    for key in ("agree_bounds_title", "agree_bounds_disagreements", "agree_alpha", "agree_kappa"):
        assert label(key, lang) in table.stdout, key
    lines = {line.split()[0]: line for line in table.stdout.splitlines() if line[:1] == "D"}
    d4, d1 = lines["D4"], lines["D1"]  # each dimension by its id and name, then the files
    assert d4.rstrip().endswith("≠") and "≠" not in d1 and "SHR004" in table.stdout
    md = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert f"## {label('agree_bounds_title', lang)}" in md and "### `SHR004`" in md
    row = next(line for line in md.splitlines() if line.startswith("| D4"))
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    lowers = [
        next(d for d in f["dimensions"] if d["id"] == "D4")["score_bounds"]["lower"]
        for f in data["files"]
    ]
    assert "≠" in row and lowers[0] != lowers[1]
    assert all(numbers.score(low) in row for low in lowers)
    assert label("agree_alpha", lang) in md and label("agree_kappa", lang) in md


def test_agree_marks_a_thin_score_as_assess_does_and_shows_every_fact_with_verbose() -> None:
    mr, adopted = "example:middle-reaches-2021", "example:middle-reaches-with-recommendations"
    record = json.loads(runner.invoke(app, ["assess", mr, "-f", "json"]).stdout)
    thin = [d["id"] for d in record["dimensions"] if d.get("thin")]
    assert thin
    shown = runner.invoke(app, ["agree", mr, adopted], env={"COLUMNS": "100"}).stdout
    rows = {line.split()[0]: line for line in shown.splitlines() if line[:1] == "D"}
    assert all("*" in rows[code].split("  ")[-3] or "*" in rows[code] for code in thin)
    assert f"* thin: {', '.join(sorted(thin))}" in shown
    more = runner.invoke(app, ["agree", mr, adopted, "-v"], env={"COLUMNS": "100"}).stdout
    hint = "-v shows all"
    assert hint in shown and hint not in more and len(more) > len(shown)
