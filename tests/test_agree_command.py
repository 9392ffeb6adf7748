"""coopscore agree: encodings side by side, disagreements first, with kappa or alpha."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from coopscore.cli.app import app

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
    assert "alpha" not in data
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
    assert "### JUD" in md.stdout


def test_one_file_is_a_usage_error() -> None:
    result = runner.invoke(app, ["agree", str(MR)])
    assert result.exit_code == 2 and "two or more" in result.output
